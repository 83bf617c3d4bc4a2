/* Dovecot's LDA and LMTP, and Pigeonhole Sieve's "reject": a rejection sent
 * from "Mail Delivery Subsystem <postmaster@...>" with "Auto-Submitted:
 * auto-replied (rejected)", a multipart/report whose text part is the
 * rejection_reason setting (default since 1.1)
 *
 *   Your message to <user@example.org> was automatically rejected:
 *   Quota exceeded (mailbox for user is full)
 *
 * or, in Dovecot 1.0,
 *
 *   Your message was automatically rejected by Dovecot Mail Delivery Agent.
 *
 *   The following reason was given:
 *   Quota exceeded
 *
 * then a message/disposition-notification part ("Reporting-UA: host;
 * Dovecot Mail Delivery Agent", "Final-Recipient: rfc822; user@...",
 * "Disposition: automatic-action/MDN-sent-automatically; deleted") or, for
 * an LDA refusal over quota, a delivery-status part (Status 5.2.2 / 5.2.0),
 * and the returned header. The reason is the diagnostic. */
#include "mta.h"
#include <string.h>

static const char *const rejected = "was automatically rejected";

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  if (bn_strcasestr(v->text->str, head, rejected) == NULL)
    return false;
  const char *as = bn_view_header(v, "Auto-Submitted");
  return (as && bn_strcasestr(as, strlen(as), "rejected")) ||
         strcmp(v->report_type, "disposition-notification") == 0 ||
         bn_strcasestr(v->text->str, head, "Dovecot Mail Delivery Agent");
}

/* The LDA's own rejection (mail_send_rejection(), titled by its
 * rejection_subject, "Rejected: %s" since 2.0) is sent only when the
 * mailbox is over quota: lda's main.c tempfails any other failure to save.
 * Its reason is the quota plugin's quota_exceeded_message, which the
 * administrator may have written in any language ("Mailboxen er fuld."):
 * a reason our phrases do not read is still a full mailbox there, not a
 * Sieve script's words (Pigeonhole titles its "reject" "Automatically
 * rejected mail"). */
static const char lda_subject[] = "Rejected: ";

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (!bn_prose_rejection(v, r))
    return false;
  const char *subject = bn_view_header(v, "Subject");
  if (subject == NULL || !bn_has_prefix_ci(subject, lda_subject))
    return true;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->cause == BOUNCE_CAUSE_FILTERED)
      bn_prose_set_cause(rc, BOUNCE_CAUSE_MAILBOXFULL);
  }
  return true;
}

const bn_mta bn_mta_dovecot = {"dovecot", claim, extract};
