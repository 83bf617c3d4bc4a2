/* CommuniGate Pro: "Undeliverable mail: <subject>" from MAILER-DAEMON@,
 * plain text or beside a delivery-status part, one block per recipient
 * naming the module that failed and what it reports:
 *
 *   Failed to deliver to '<user@example.org>'
 *   SMTP module(domain example.org) reports:
 *    host mx.example.org says:
 *    550 5.1.1 <user@example.org>... User unknown
 *
 *   Failed to deliver to '<other@example.com>'
 *   LOCAL module(account other) reports:
 *    account is full (quota exceeded)
 *
 * What the module reports is the diagnostic, after the module's line
 * ("LOCAL module(account other) reports: account is full ..."); where a
 * remote host answered, its reply alone, and the host is the remote MTA. */
#include "mta.h"
#include <string.h>

static const char *const lead = "Failed to deliver to '";

static bool
module_line(const char *s, size_t len)
{
  return bn_strcasestr(s, len, " module") && len > 9 &&
         g_ascii_strncasecmp(s + len - 9, " reports:", 9) == 0;
}

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  const char *at = bn_strcasestr(v->text->str, head, lead);
  if (at == NULL || (at != v->text->str && at[-1] != '\n'))
    return false;
  /* the next line names the module */
  const char *eol = memchr(at, '\n', (size_t)(v->text->str + v->text->len - at));
  if (eol == NULL)
    return false;
  const char *next = eol + 1;
  const char *end = memchr(next, '\n', (size_t)(v->text->str + v->text->len - next));
  size_t n = end ? (size_t)(end - next) : (size_t)(v->text->str + v->text->len - next);
  while (n && (next[n - 1] == '\r' || next[n - 1] == ' '))
    n--;
  return module_line(next, n);
}

/* " host mx.example.org says:": the host, a new string; else NULL. */
static char *
says_host(const bn_span *l)
{
  if (l->len < 12 || !bn_has_prefix_ci(l->p, "host ") ||
      g_ascii_strncasecmp(l->p + l->len - 6, " says:", 6) != 0)
    return NULL;
  return bn_prose_hostname(l->p + 5, l->len - 11);
}

static void
finish(bounce_recipient *rc, GString *reply)
{
  /* a delivery-status part's Diagnostic-Code, when there is one, is the
   * same reply */
  if (rc && reply->len && rc->diagnostic == NULL) {
    char *joined = bn_prose_join_reply(reply->str, reply->len);
    bn_prose_add_line(rc, joined, strlen(joined));
    g_free(joined);
  }
  g_string_truncate(reply, 0);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bounce_recipient *rc = NULL;
  GString *reply = g_string_new(NULL); /* rc's report, one line each */
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &l)) {
    bn_span t = l;
    bn_span_trim(&t);
    if (bn_has_prefix_ci(t.p, lead)) {
      finish(rc, reply);
      size_t n = strlen(lead);
      rc = bn_prose_recipient_at(r, t.p + n, t.len - n, add);
      if (rc) {
        found = true;
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      }
      continue;
    }
    if (rc == NULL)
      continue;
    if (t.len == 0) {
      finish(rc, reply);
      rc = NULL;
      continue;
    }
    char *host = says_host(&t);
    if (host) {
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_string_truncate(reply, 0); /* the module's line: the reply says more */
      g_free(host);
    } else if (reply->len < BN_PROSE_DIAG_MAX) {
      g_string_append_len(reply, t.p, (gssize)t.len);
      g_string_append_c(reply, '\n');
    }
  }
  finish(rc, reply);
  g_string_free(reply, TRUE);
  bn_prose_replies_from_diagnostics(r);
  return found;
}

const bn_mta bn_mta_communigate = {"communigate", claim, extract};
