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
static const char *const agent = "Dovecot Mail Delivery Agent";

/* The notification part's "Reporting-UA: host; Dovecot Mail Delivery
 * Agent", which mail_send_rejection() writes whatever the text says. */
static bool
reported_by_agent(const bn_view *v)
{
  GString *mdn = g_string_new(NULL);
  bool found = false;
  if (bn_prose_part(v, "message", "disposition-notification", mdn)) {
    const char *ua = bn_prose_find_line(mdn->str, MIN(mdn->len, 4096), "Reporting-UA:");
    if (ua) {
      const char *nl = memchr(ua, '\n', mdn->len - (size_t)(ua - mdn->str));
      size_t n = nl ? (size_t)(nl - ua) : mdn->len - (size_t)(ua - mdn->str);
      found = bn_strcasestr(ua, n, agent) != NULL;
    }
  }
  g_string_free(mdn, TRUE);
  return found;
}

/* The default rejection_reason's words, or, where the administrator
 * rewrote it, the marks Dovecot always writes: "Auto-Submitted:
 * auto-replied (rejected)" on a disposition notification it reports as
 * the agent. */
static bool
claim(const bn_view *v)
{
  const char *as = bn_view_header(v, "Auto-Submitted");
  bool auto_rejected = as && bn_strcasestr(as, strlen(as), "rejected");
  bool mdn = strcmp(v->report_type, "disposition-notification") == 0;
  size_t head = bn_view_own_len(v, 4096);
  if (bn_strcasestr(v->text->str, head, rejected) == NULL)
    return auto_rejected && mdn && reported_by_agent(v);
  return auto_rejected || mdn || bn_strcasestr(v->text->str, head, agent);
}

/* The delivery-status part's Status for the one recipient the text names
 * ("Your message to <a@b> was automatically rejected:"), where the part
 * names no recipient of its own (a relay or a filter dropped its
 * Final-Recipient): mail_send_rejection() writes one block, about that
 * recipient. */
static void
status_of_unnamed_block(const bn_view *v, bounce_report *r)
{
  /* the fields read as the part's reader reads them: any case, blanks
   * before the colon ("status : 5.2.2") */
  bn_span value;
  if (bn_report_count(r) != 1 || v->dsn->len == 0 ||
      bn_dsn_part_value(v->dsn->str, v->dsn->len, "Final-Recipient", &value) ||
      bn_dsn_part_value(v->dsn->str, v->dsn->len, "Original-Recipient", &value))
    return;
  char status[16];
  if (bn_dsn_part_value(v->dsn->str, v->dsn->len, "Status", &value) &&
      bn_read_status_field(value.p, value.len, status))
    bn_rcpt_fill(bn_report_rcpt(r, 0), BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_FIELD);
}

/* The LDA's own rejection and a Sieve "reject" run by the LDA or LMTP
 * share one sender, mail_send_rejection(), and so its rejection_subject
 * ("Rejected: %s") and rejection_reason: Pigeonhole hands its reject to
 * Dovecot's reject_mail callback and writes "Automatically rejected mail"
 * only when run alone (sieve-test, sieve-filter). What tells them apart is
 * the report: since 2.2 the LDA's refusal over quota carries a
 * delivery-status part (Status 5.2.2), whose status names the cause, and a
 * disposition-notification is a Sieve script's "reject", whose reason is
 * the recipient's own words: the recipient's filter, as bn_prose_rejection
 * decides. */
static bool
extract(const bn_view *v, bounce_report *r)
{
  if (!bn_prose_rejection(v, r))
    return false;
  status_of_unnamed_block(v, r);
  return true;
}

const bn_mta bn_mta_dovecot = {"dovecot", claim, extract};
