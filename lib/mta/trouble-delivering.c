/* A hosted gateway's "There was an error sending your mail" (from
 * "mailer-daemon", Content-Type multipart/mx6d in the samples): one line per
 * outcome, the original headers attached as a text file:
 *
 *   We had trouble delivering your message. Full details follow:
 *
 *   Subject: '...'
 *   Date: '...'
 *
 *   1 error(s):
 *
 *   The following recipients returned permanent errors: user@example.org.
 *   Reason: SMTP Server <192.0.2.223> refused to accept your message (DATA),
 *   with the following error message: [554 5.4.6 Hop count exceeded - ...]
 *
 * "temporary errors" marks a delay. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "We had trouble delivering your message. Full details follow:", NULL,
};

static const char *const lead = "The following recipients returned ";

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts);
}

/* "SMTP Server <ip> refused to accept your message (DATA), with the
 * following error message: [reply]" */
static void
reason(bounce_recipient *rc, const char *s, size_t len)
{
  const char *lt = bn_strcasestr(s, len, "Server <");
  const char *gt = lt ? memchr(lt, '>', (size_t)(s + len - lt)) : NULL;
  if (gt) {
    char *h = g_strndup(lt + 8, (size_t)(gt - lt - 8));
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
    g_free(h);
  }
  const char *paren = bn_strcasestr(s, len, "your message (");
  if (paren) {
    paren += 14;
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND,
                 bn_smtp_command_name(paren, (size_t)(s + len - paren)), BOUNCE_SOURCE_TEXT);
  }
  const char *msg = bn_strcasestr(s, len, "error message: [");
  if (msg) {
    msg += 16;
    const char *close = s + len;
    while (close > msg && close[-1] != ']')
      close--;
    if (close > msg) {
      s = msg;
      len = (size_t)(close - 1 - msg);
    }
  }
  char *d = bn_squeeze_dup(s, len);
  bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
  g_free(d);
}

/* Where the reason that starts at s ends: at a blank line or the next
 * recipient's sentence, so that a line wrapped on its way is read whole. */
static const char *
paragraph_end(const char *s, const char *end)
{
  const char *next = bn_strcasestr(s, (size_t)(end - s), lead);
  if (next)
    end = next;
  for (const char *nl = s; (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++) {
    const char *q = nl + 1;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
      q++;
    if (q >= end || *q == '\n')
      return nl;
  }
  return end;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *p = t->str, *end = t->str + t->len;
  while ((p = bn_strcasestr(p, (size_t)(end - p), lead)) != NULL) {
    p += strlen(lead);
    const char *colon = memchr(p, ':', (size_t)(end - p));
    const char *why = colon ? bn_strcasestr(colon, (size_t)(end - colon), "Reason:") : NULL;
    if (why == NULL)
      break;
    bool temporary = bn_has_prefix_ci(p, "temporary");
    const char *stop = paragraph_end(why, end);
    /* the list "a@example.org, b@example.org.", whose quoted local parts
     * may hold a comma ('"keller, jonas"@example.org') */
    const char *a = colon + 1;
    while (a < why) {
      const char *e = a + bn_unquoted_find(a, (size_t)(why - a), ",");
      bounce_recipient *rc = bn_prose_recipient_at(r, a, (size_t)(e - a), true);
      if (rc) {
        reason(rc, why + 7, (size_t)(stop - why - 7));
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, temporary ? "delayed" : "failed",
                     BOUNCE_SOURCE_TEXT);
      }
      a = e + 1;
    }
    p = stop;
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_trouble_delivering = {"trouble-delivering", claim, extract};
