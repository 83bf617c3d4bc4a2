/* Amazon SES, the sending side: a multipart/report from
 * MAILER-DAEMON@...amazonses.com whose text part says "An error occurred
 * while trying to deliver the mail to the following recipients:" (older:
 * "The following message to <user@example.jp> was undeliverable. The
 * reason for the problem:"). Older reports wrap the remote answer in SES's
 * own words: "Diagnostic-Code: smtp; 5.1.0 - Unknown address error
 * 550-'5.2.2 <user@example.jp>... Mailbox Full' (delivery attempts: 0)";
 * the quoted answer is the diagnostic. When SES gave up retrying it says
 * "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2
 * Connection timed out>", the last answer in angle brackets. SES's JSON
 * notifications are read by amazonses-sns.c. */
#include "exchange.h"
#include <string.h>

static const char *const prose_starts[] = {
  "An error occurred while trying to deliver the mail to the following recipients:", NULL,
};

/* SES's own answer when it gave up retrying; the last remote answer is
 * quoted in angle brackets after it. */
static const bn_cause_row causes[] = {
  {"Message expired: unable to deliver in", BOUNCE_CAUSE_EXPIRED},
};

/* Its sender, or where a relay rewrote the From, its outbound hosts
 * ("a27-23.smtp-out.us-west-2.amazonses.com") in the Reporting-MTA. */
static bool
claim(const bn_view *v)
{
  static const char *const senders[] = {"amazonses.com", NULL};
  return bn_from_has(v, senders) || bn_reporting_mta_has(v, senders);
}

/* "5.1.0 - Unknown address error 550-'5.7.1 <a@b>... Access denied'
 * (delivery attempts: 0)": the answer in quotes is the remote server's,
 * and its status, not SES's category in the Status field, names what it
 * refused. */
static void
unwrap(bounce_recipient *rc)
{
  if (!bn_ironport_unwrap(rc))
    return;
  const char *answer = rc->diagnostic;
  char status[16];
  if (bn_find_status(answer, strlen(answer), status))
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
  bn_rcpt_set_reply_code(rc, bn_find_reply_code(answer, strlen(answer)), BOUNCE_SOURCE_TEXT);
}

/* The same words reach us by mail and through SNS (amazonses-sns.c), so
 * both read them here. */
void
bn_amazonses_answer(bounce_recipient *rc)
{
  int code = 0;
  char status[16];
  size_t n = rc->diagnostic ? strlen(rc->diagnostic) : 0;
  if (n && bn_prose_quoted_answer(rc->diagnostic, n, &code, status)) {
    bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
  }
  if (n && rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, bn_cause_table_find(rc->diagnostic, n, causes, G_N_ELEMENTS(causes)));
}

/* A report without its delivery-status part: the addresses in the text. */
static void
read_prose(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (bn_prose_section(v, prose_starts, NULL, &sec)) {
    bn_prose_address_lines(r, &sec);
    return;
  }
  bn_ironport_read(v, r);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  /* SES relays the report of the server that refused, Exchange Online's
   * among them: its prose completes what the delivery-status part left
   * out (no Diagnostic-Code: the "Reported error:" line). */
  if (bn_exchange_ndr_text(v))
    bn_exchange_ndr_read(v, r);
  if (bn_report_count(r) == 0)
    read_prose(v, r);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    unwrap(rc);
    bn_amazonses_answer(rc);
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_amazonses = {"amazonses", claim, extract};
