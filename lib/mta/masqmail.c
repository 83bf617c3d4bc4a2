/* masqmail: "Mail Delivery Failure Notice" (or "Warning: could not yet
 * send message") from MAILER-DAEMON@host, built from its templates
 * failmsg.tpl / warnmsg.tpl; the translated ones keep the English lines in
 * parentheses:
 *
 *   This message was sent to you by the mailer daemon (masqmail 0.3.4)
 *   at host.example.net.
 *
 *   Sorry, but your mail could not be delivered to all recipients.
 *   Delivery to the following recipients failed permanently and has been given
 *   up:
 *
 *   	<user@example.org>
 *
 *   This error message may give you a hint about what caused the
 *   failure:
 *
 *   <the error>
 *
 *   If you need help, write to <postmaster@host.example.net>.
 *
 * An SMTP refusal reads "while connected with <host>, the server replied"
 * and the reply on the next line, tab-indented (deliver.c).
 * A warning says "Delivery to the following recipients has been defered:"
 * and "...what caused the delay:". One error is given for all recipients,
 * each of which is on its own line, indented by a tab (or, in an edited
 * template, spaces). The Italian templates (failmsg.tpl.it, warnmsg.tpl.it)
 * end the English opening with a colon and put the version on the next
 * line: "(This message was sent to you by the mailer daemon:)". */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "This message was sent to you by the mailer daemon (",
  "This message was sent to you by the mailer daemon:",
  NULL,
};
static const char *const failed[] = {
  "Delivery to the following recipients failed permanently", NULL,
};
static const char *const deferred[] = {"Delivery to the following recipients has been defered", NULL};
static const char *const hints[] = {"may give you a hint about what caused the", NULL};
static const char *const hint_ends[] = {"If you need help, write to", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         (bn_prose_has_any(v->text->str, head, failed) ||
          bn_prose_has_any(v->text->str, head, deferred));
}

/* The error: the paragraph after the hint sentence ("failure:" / "delay:"
 * on the next line, "(failure:)" in the translated templates). */
static GString *
error_text(const GString *t)
{
  GString *err = g_string_new(NULL);
  gssize at = bn_prose_after(t, hints);
  const char *nl = at >= 0 ? memchr(t->str + at, '\n', t->len - (size_t)at) : NULL;
  if (nl == NULL)
    return err;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, nl + 1, (size_t)(t->str + t->len - nl - 1));
  while (bn_lines_next(&it, &l)) {
    bool blank = true;
    for (size_t i = 0; i < l.len && blank; i++)
      blank = g_ascii_isspace(l.p[i]);
    if (blank && err->len)
      break;
    if (!blank && !bn_prose_has_any(l.p, l.len, hint_ends)) {
      g_string_append_len(err, l.p, (gssize)l.len);
      g_string_append_c(err, ' ');
    }
  }
  bn_squeeze(err);
  return err;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  bool delay = bn_prose_has_any(t->str, t->len, deferred);
  gssize at = bn_prose_after(t, delay ? deferred : failed);
  if (at < 0)
    return false;
  GString *err = error_text(t);
  /* "while connected with mx.example.org, the server replied <reply>" */
  char *host = NULL;
  const char *reply = err->str;
  const char *conn = bn_strcasestr(err->str, err->len, "while connected with ");
  const char *said = conn ? bn_strcasestr(conn, err->len - (size_t)(conn - err->str),
                                          ", the server replied") : NULL;
  if (said) {
    host = g_strndup(conn + 21, (size_t)(said - conn - 21));
    reply = said + 20;
    while (*reply == ' ')
      reply++;
  }
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + at, t->len - (size_t)at);
  while (bn_lines_next(&it, &l)) {
    if (l.len == 0)
      continue;
    /* masqmail indents an address with a tab; an edited template may use
     * spaces */
    if (l.p[0] != '\t' && l.p[0] != ' ') {
      if (found)
        break;
      continue; /* "up:" or "up:)" closing the sentence */
    }
    bn_span a = l;
    bn_span_trim(&a);
    bounce_recipient *rc = bn_prose_recipient_at(r, a.p, a.len, true);
    if (rc == NULL)
      continue;
    found++;
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, delay ? "delayed" : "failed", BOUNCE_SOURCE_TEXT);
    if (reply[0] && rc->diagnostic == NULL) {
      bn_prose_add_diagnostic(rc, reply, strlen(reply));
      bn_rcpt_set_reply_code(rc, bn_find_reply_code(reply, strlen(reply)), BOUNCE_SOURCE_TEXT);
    }
    if (host && strcmp(host, "<wrapper>") != 0)
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
  }
  g_free(host);
  g_string_free(err, TRUE);
  return found > 0;
}

const bn_mta bn_mta_masqmail = {"masqmail", claim, extract};
