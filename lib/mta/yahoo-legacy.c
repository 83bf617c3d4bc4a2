/* Yahoo! Mail's old (qmail-based) bounce, written by its own MTA and by
 * ISPs that ran the same software: a plain-text message from MAILER-DAEMON,
 * "Delivery failure" or "failed delivery", that says
 *
 *   Message from yahoo.com.
 *   Unable to deliver message to the following address(es).
 *
 *   <user@example.com>:
 *   This user doesn't have a yahoo.com account (user@example.com) [0]
 *
 *   --- Original message follows.
 *
 * A bracketed "[#4.1.9]" is the enhanced status. A message that stayed in
 * the queue past its lifetime ends its paragraph with qmail's sentence
 * "I'm not going to try again; this message has been in the queue too
 * long." */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "Unable to deliver message to the following address(es).", NULL,
};

static const char *const original_starts[] = {"--- Original message follows.", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 2048);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_strcasestr(v->text->str, head, "Message from ") != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, starts);
  gssize to = bn_prose_before(t, original_starts);
  if (from < 0)
    return false;
  size_t end = to > from ? (size_t)to : t->len;
  bn_prose_angle_paragraphs(r, t->str + from, end - (size_t)from);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    /* a remote server's refusal comes in qmail-remote's words */
    if (rc->diagnostic) {
      size_t n = strlen(rc->diagnostic);
      const char *said = bn_strcasestr(rc->diagnostic, n, "Remote host said:");
      bn_qmail_stage(rc, rc->diagnostic, said ? (size_t)(said - rc->diagnostic) : n);
    }
    /* qmail's own sentence for a message past its queue lifetime */
    if (rc->diagnostic && bn_strcasestr(rc->diagnostic, strlen(rc->diagnostic),
                                        "this message has been in the queue too long")) {
      rc->cause = BOUNCE_CAUSE_EXPIRED;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    }
  }
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_yahoo_legacy = {"yahoo-legacy", claim, extract};
