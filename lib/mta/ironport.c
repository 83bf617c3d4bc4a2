/* Cisco IronPort (AsyncOS), the appliance's own bounce, one recipient
 * each:
 *
 *   The following message to <user@example.org> was undeliverable.
 *   The reason for the problem:
 *   5.1.0 - Unknown address error 550-'5.1.1 <user@example.org>... User unknown'
 *
 * The reason line is the appliance's status and category of the failure
 * (RFC 3463's descriptions), then the remote server's reply in quotes
 * after its code, or IronPort's own words in quotes ("5.4.7 - Delivery
 * expired (message too old) 'timeout'", "5.1.2 - Bad destination host
 * 'DNS Hard Error looking up example.org (MX): NXDomain'"). With DSNs on,
 * the same line is the Diagnostic-Code of a multipart/report, whose fields
 * are read as any DSN's: only the notice without one is read here. Amazon
 * SES's older bounces were this notice. */
#include "mta.h"
#include <string.h>

static const char *const opening[] = {"The following message to <", NULL};
static const char *const reason_head[] = {"The reason for the problem:", NULL};

/* The notice opens with its sentence, and a mail system sent it: the same
 * sentence further down is a person's or a returned message's quote of
 * one (a helpdesk's mail that Exim or qmail returns with its text, an
 * auto-reply that mentions it), whose address is no recipient of this
 * bounce. */
static bool
claim(const bn_view *v)
{
  const char *s = v->text->str;
  size_t n = bn_view_own_len(v, 4096);
  size_t at = 0;
  while (at < n && g_ascii_isspace(s[at]))
    at++;
  return bn_has_prefix_ci(s + at, opening[0]) &&
         bn_prose_has_any(s + at, n - at, reason_head) && bn_view_looks_like_bounce(v);
}

/* Whether the reason read so far quotes a reply it does not close
 * ("5.1.0 - Unknown address error 550-'5.7.1" at a line's end): a client
 * re-wrapping the notice put the rest of the reply on the lines under it.
 * The appliance writes its reason on one line. */
static bool
reason_open(const GString *reason)
{
  const char *s = reason->str;
  size_t n = reason->len;
  if (bn_strcasestr(s, n, " - ") == NULL ||
      (bn_strcasestr(s, n, "-'") == NULL && bn_strcasestr(s, n, "-\"") == NULL))
    return false;
  char *inner = bn_category_reply(s, n);
  bool none = inner == NULL;
  g_free(inner);
  return none;
}

/* Whether l, the line that closed a reason's quote, closes it where the
 * appliance ends a reason: its last quote ends the line or the count
 * " (delivery attempts: N)" follows it. A quote inside a word is an
 * apostrophe ("don't", "recipient's" in the notice's sentence under the
 * reason), that closes nothing of the reply. */
static bool
quote_ends(const bn_span *l)
{
  size_t q = l->len;
  while (q > 0 && l->p[q - 1] != '\'' && l->p[q - 1] != '"')
    q--;
  return q == l->len || (q > 0 && l->p[q] == ' ' && q + 1 < l->len && l->p[q + 1] == '(');
}

/* At most this many lines under the reason's first carry it on. */
#define BN_IRONPORT_REASON_LINES 8

/* Appends to reason, a reason cut inside its quoted reply (reason_open),
 * the lines under it up to the one that closes the quote (quote_ends), it
 * advanced past them: not over a blank line or the next recipient's
 * sentence. Left as it was when the quote does not close so within
 * BN_IRONPORT_REASON_LINES. */
static void
reason_continued(GString *reason, bn_lines *it)
{
  if (!reason_open(reason))
    return;
  size_t first = reason->len;
  bn_lines look = *it;
  bn_span l;
  for (int k = 0; k < BN_IRONPORT_REASON_LINES && bn_lines_next_trimmed(&look, &l) && l.len &&
                  !bn_prose_has_any(l.p, l.len, opening) &&
                  reason->len + l.len < BN_PROSE_DIAG_MAX;
       k++) {
    g_string_append_c(reason, ' ');
    g_string_append_len(reason, l.p, (gssize)l.len);
    if (!reason_open(reason)) {
      if (!quote_ends(&l))
        break;
      *it = look;
      return;
    }
  }
  g_string_truncate(reason, first);
}

/* One recipient per "The following message to <a@b> was undeliverable."
 * (the appliance's DSN text lists several), the line under its "The
 * reason for the problem:" its diagnostic, with the lines a re-wrapping
 * client put under it (reason_continued); the notice ends where a copy of
 * the returned message starts. */
bool
bn_ironport_read(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t len = bn_prose_end_before_original(t, 0);
  size_t found = 0;
  bounce_recipient *cur = NULL;
  bool reason_next = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str, len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (bn_prose_has_any(l.p, l.len, opening)) {
      /* the appliance writes the reason's heading and the reason on lines
       * of their own; a client that joined the paragraph onto one line
       * puts them after the address */
      const char *head = bn_strcasestr(l.p, l.len, reason_head[0]);
      size_t own = head ? (size_t)(head - l.p) : l.len;
      cur = bn_prose_recipient_in(r, l.p, MIN(own, 512));
      found += cur != NULL;
      reason_next = cur && head;
      if (reason_next) {
        l.p = head + strlen(reason_head[0]);
        l.len -= own + strlen(reason_head[0]);
        bn_span_trim(&l);
      }
      if (reason_next && l.len) {
        bn_prose_add_diagnostic(cur, l.p, l.len);
        reason_next = false;
        cur = NULL;
      }
    } else if (cur && bn_prose_has_any(l.p, l.len, reason_head)) {
      reason_next = true;
    } else if (reason_next) {
      GString *reason = g_string_new_len(l.p, (gssize)l.len);
      reason_continued(reason, &it);
      bn_prose_add_diagnostic(cur, reason->str, reason->len);
      g_string_free(reason, TRUE);
      reason_next = false;
      cur = NULL;
    }
  }
  return found > 0;
}

/* The remote server's reply is the diagnostic (its code and status, which
 * name what it refused, are read from it when the report is finished, as
 * for any gateway's quoted reply); a reply without a status leaves the
 * appliance's. */
bool
bn_ironport_unwrap(bounce_recipient *rc)
{
  size_t n = rc->diagnostic ? strlen(rc->diagnostic) : 0;
  char *inner = n ? bn_category_reply(rc->diagnostic, n) : NULL;
  if (inner == NULL)
    return false;
  char status[16];
  if (bn_category_status(rc->diagnostic, n, inner, status))
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
  bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, inner, BOUNCE_SOURCE_TEXT);
  g_free(inner);
  return true;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) > 0 || !bn_ironport_read(v, r))
    return false;
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_ironport_unwrap(bn_report_rcpt(r, i));
  return true;
}

const bn_mta bn_mta_ironport = {"ironport", claim, extract};
