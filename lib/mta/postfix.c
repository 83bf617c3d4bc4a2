/* Postfix: a multipart/report whose notification says, per recipient,
 * "<addr>: host mx[ip] said: 550 ... (in reply to RCPT TO command)" or a
 * local reason; older versions send the notification alone. */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {
  "Undelivered Mail Returned to Sender", "Delayed Mail (still being retried)",
  "Successful Mail Delivery Report", "Mail Delivery Status Report", NULL,
};

static const char *const starts[] = {
  "This is the mail system at host", "This is the Postfix program at host", NULL,
};

static bool
claim(const bn_view *v)
{
  if (bn_subject_starts(v, subjects))
    return true;
  if (bn_strcasestr(v->dsn->str, v->dsn->len, "X-Postfix-Queue-ID"))
    return true;
  return bn_prose_has_any(v->text->str, MIN(v->text->len, 2048), starts);
}

/* "host mx.example.jp[192.0.2.1] said:" or "connect to mx.example.jp[...]". */
static void
remote_host(bounce_recipient *rc, const char *s, size_t len)
{
  static const char *const leads[] = {"host ", "connect to ", NULL};
  for (size_t i = 0; leads[i]; i++) {
    const char *h = bn_strcasestr(s, len, leads[i]);
    if (h == NULL)
      continue;
    h += strlen(leads[i]);
    size_t n = 0;
    while (h + n < s + len && (g_ascii_isalnum(h[n]) || h[n] == '.' || h[n] == '-'))
      n++;
    if (n && h + n < s + len && h[n] == '[') {
      char *host = g_strndup(h, n);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
      return;
    }
  }
}

/* One paragraph "<addr>: text", continued by indented lines. */
static void
paragraph(bounce_report *r, const char *p, size_t len)
{
  const char *gt = memchr(p, '>', len);
  if (p[0] != '<' || gt == NULL)
    return;
  char *addr = bn_address_clean(p + 1, (size_t)(gt - p - 1));
  if (addr == NULL)
    return;
  const char *colon = memchr(gt, ':', len - (size_t)(gt - p));
  const char *text = colon ? colon + 1 : gt + 1;
  size_t tlen = len - (size_t)(text - p);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  if (rc) {
    char *diag = bn_squeeze_dup(text, tlen);
    const char *said = strstr(diag, " said: ");
    if (rc->diagnostic == NULL)
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, said ? said + 7 : diag, BOUNCE_SOURCE_TEXT);
    remote_host(rc, diag, strlen(diag));
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_find_smtp_command(diag, strlen(diag)),
                 BOUNCE_SOURCE_TEXT);
    if (rc->reply_code == 0)
      bn_rcpt_set_reply_code(rc, bn_find_reply_code(said ? said + 7 : diag,
                                                    strlen(said ? said + 7 : diag)),
                             BOUNCE_SOURCE_TEXT);
    g_free(diag);
  }
  g_free(addr);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const char *t = v->text->str;
  size_t len = v->text->len;
  bn_lines it;
  bn_span line;
  const char *para = NULL;
  bn_lines_init(&it, t, len);
  while (bn_lines_next(&it, &line)) {
    bool cont = line.len && (line.p[0] == ' ' || line.p[0] == '\t');
    if (para && cont)
      continue;
    if (para) {
      paragraph(r, para, (size_t)(line.p - para));
      para = NULL;
    }
    if (line.len > 3 && line.p[0] == '<' && memchr(line.p, '@', line.len))
      para = line.p;
  }
  if (para)
    paragraph(r, para, (size_t)(t + len - para));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_postfix = {"postfix", claim, extract};
