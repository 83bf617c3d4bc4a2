/* SendGrid: Subject "Undelivered Mail Returned to Sender" (Postfix's),
 * a text part
 *
 *   This is an automatically generated message from SendGrid.
 *   ...
 *   user:1234:<user@example.jp> : 192.0.2.1 : mx.example.jp:[192.0.2.2] :
 *   550 5.1.1 <user@example.jp>... User Unknown  in RCPT TO
 *
 * (or "user:1234:<user@example.jp> : Connection timed out in connect"),
 * the SMTP command at the end of the line, and a delivery-status part with
 * X-SendGrid-QueueID, whose "Action: expired" says SendGrid gave up
 * retrying: a message that stayed queued until it expired. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"This is an automatically generated message from SendGrid",
                                     NULL};

static bool
claim(const bn_view *v)
{
  if (bn_strcasestr(v->dsn->str, v->dsn->len, "X-SendGrid-"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), starts);
}

/* "... in RCPT TO", "... in connect": the command at the end of the text. */
static const char *
trailing_command(const char *s, size_t len)
{
  for (size_t i = len; i >= 4; i--) {
    if (g_ascii_strncasecmp(s + i - 4, " in ", 4) == 0)
      return bn_smtp_command_name(s + i, len - i);
  }
  return NULL;
}

/* rest opens with SendGrid's sending IP (its field ends at sep) but no
 * "host:[ip]" follows: the diagnostic is after the IP, or after a host
 * name written without its address ("192.0.2.250 : mx.example.jp : 550
 * ..."); returns that host, or NULL. Not an IP: *diag unchanged. */
static const char *
after_ip(const char *rest, size_t n, const char *sep, const char **diag, size_t *hlen)
{
  char *first = g_strndup(rest, (size_t)(sep - rest));
  bool ip = g_hostname_is_ip_address(first);
  g_free(first);
  if (!ip)
    return NULL;
  const char *host = sep + 3;
  *diag = host;
  const char *next = bn_strcasestr(host, n - (size_t)(host - rest), " : ");
  if (next == NULL || next == host || memchr(host, ' ', (size_t)(next - host)) ||
      g_ascii_isdigit(*host) || !memchr(host, '.', (size_t)(next - host)))
    return NULL;
  *diag = next + 3;
  *hlen = (size_t)(next - host);
  return host;
}

/* The fields "ip : host:[ip] : " that open rest (n bytes) when SendGrid
 * reached a server: returns the host and its length (*hlen), and sets
 * *diag past the fields; NULL, *diag unchanged, when the diagnostic
 * follows directly. */
static const char *
remote_field(const char *rest, size_t n, const char **diag, size_t *hlen)
{
  const char *sep = bn_strcasestr(rest, n, " : ");
  if (sep == NULL || memchr(rest, ' ', (size_t)(sep - rest)))
    return NULL;
  const char *host = sep + 3;
  size_t left = n - (size_t)(host - rest);
  const char *end = bn_strcasestr(host, left, "] : ");
  if (end == NULL || memchr(host, ' ', (size_t)(end - host)))
    return after_ip(rest, n, sep, diag, hlen);
  const char *br = bn_strcasestr(host, (size_t)(end - host), ":[");
  if (br == NULL || br == host)
    return NULL;
  *diag = end + 4;
  *hlen = (size_t)(br - host);
  return host;
}

/* The most lines a re-wrapped record runs on under its first. */
#define RECORD_LINES 4

/* Where the record "user:id:<address> : ..." in l names its address
 * (*lt, up to *sep), or false when l is no record. */
static bool
record_at(bn_span l, const char **lt, const char **sep)
{
  *lt = memchr(l.p, '<', l.len);
  *sep = *lt ? bn_strcasestr(*lt, l.len - (size_t)(*lt - l.p), "> : ") : NULL;
  return *sep && !memchr(l.p, ' ', (size_t)(*lt - l.p));
}

/* A record without its command that an archiver hard re-wrapped (72-78
 * columns): its line broke after a field's " :" separator, which no record
 * ends on ("... : 192.0.2.1 :" over "mx.example.jp:[192.0.2.2] : 552 5.2.2
 * Mailbox full"), or inside the reply, on a line bn_line_continues takes.
 * Those lines (at most RECORD_LINES) are joined onto s, which holds the
 * record's first line, and consumed from it. */
static void
rewrapped_rest(GString *s, bn_lines *it, bn_span first)
{
  bn_lines next = *it;
  bn_span above = first, l;
  const char *lt, *sep;
  for (int n = 0; n < RECORD_LINES && bn_lines_next(&next, &l) && l.len && !record_at(l, &lt, &sep);
       n++) {
    bool field = s->len > 2 && s->str[s->len - 1] == ':' && s->str[s->len - 2] == ' ';
    if (!field && !bn_line_continues(&above, &l))
      break;
    g_string_append_c(s, ' ');
    g_string_append_len(s, l.p, (gssize)l.len);
    above = l;
    *it = next;
  }
}

/* A client re-wrapping the notice at 60 columns carries the rest of a
 * record to the lines under it ("... : 192.0.2.1 :" over "mx.example.jp:[
 * 192.0.2.2] : 550 5.1.1" over "<user@example.jp>... User Unknown in
 * RCPT TO"): the next lines of its paragraph up to its trailing command
 * are joined on and consumed from it. A record that reaches no command
 * there (one that ends without it, over the next record or other prose)
 * is its first line with only what rewrapped_rest joins on. A new string. */
static char *
record_text(bn_lines *it, bn_span first)
{
  GString *s = g_string_new_len(first.p, (gssize)first.len);
  bn_lines next = *it;
  bn_span l;
  const char *lt, *sep;
  for (int n = 0; n < RECORD_LINES && !trailing_command(s->str, s->len) &&
                  bn_lines_next_trimmed(&next, &l) && l.len && !record_at(l, &lt, &sep);
       n++) {
    g_string_append_c(s, ' ');
    g_string_append_len(s, l.p, (gssize)l.len);
  }
  if (s->len > first.len && trailing_command(s->str, s->len))
    *it = next;
  else {
    g_string_truncate(s, first.len);
    rewrapped_rest(s, it, first);
  }
  return g_string_free(s, FALSE);
}

/* One record: "user:id:<address> : field : ... : diagnostic". */
static bool
read_record(bounce_report *r, bn_span l, bool add)
{
  const char *lt, *sep;
  if (!record_at(l, &lt, &sep))
    return false;
  bounce_recipient *rc = bn_prose_recipient_at(r, lt, (size_t)(sep - lt + 1), add);
  if (rc == NULL)
    return false;
  const char *rest = sep + 4;
  size_t n = l.len - (size_t)(rest - l.p);
  /* "ip : host:[ip] : diagnostic" after a session, the diagnostic alone
   * when none was opened; the reply itself may hold " : " */
  const char *last = rest;
  size_t hlen = 0;
  const char *host = remote_field(rest, n, &last, &hlen);
  size_t dlen = n - (size_t)(last - rest);
  const char *cmd = trailing_command(last, dlen);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
  if (cmd) {
    const char *in = last + dlen - 4;
    while (in > last && g_ascii_strncasecmp(in, " in ", 4) != 0)
      in--;
    dlen = (size_t)(in - last);
  }
  char *d = bn_squeeze_dup(last, dlen);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
  g_free(d);
  if (host) {
    char *h = g_strndup(host, hlen);
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
    g_free(h);
  }
  return true;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    const char *lt, *sep;
    if (!record_at(l, &lt, &sep))
      continue;
    char *whole = record_text(&it, l);
    found |= read_record(r, (bn_span){whole, strlen(whole)}, add);
    g_free(whole);
  }
  /* "Action: expired": given up after retrying until the message expired */
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->action && g_ascii_strcasecmp(rc->action, "expired") == 0) {
      bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_FIELD);
      bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, "5.0.0", BOUNCE_SOURCE_DERIVED);
      bn_prose_set_cause(rc, BOUNCE_CAUSE_EXPIRED);
    }
  }
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_sendgrid = {"sendgrid", claim, extract};
