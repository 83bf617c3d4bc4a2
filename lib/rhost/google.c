/* Google (Gmail, Google Workspace, Google Groups). Google documents its SMTP
 * replies in "SMTP errors and codes" (support.google.com/a/answer/3726730);
 * each reply carries the status and a fixed sentence, often with a help
 * link (?p=NoSuchUser, ?p=ReceivingRatePerm ...). Where the sentence is more
 * specific than the status (5.2.1 is used both for a disabled account and
 * for a recipient receiving too fast), the sentence decides. */
#include "rhost.h"

static const char *const domains[] = {"google.com", "googlemail.com", "gmail.com", NULL};

static const bn_rhost_rule rules[] = {
  /* 4.2.1 / 5.2.1 with the help link ?p=ReceivingRatePerm (or Temp)
   * only: the recipient receives mail faster than Gmail allows (the
   * status alone would say "disabled"); Gmail's own sentences are in the
   * generic table */
  BN_RULE(NULL, 0, NULL, "?p=receivingrate%", SPEEDING),
  /* 450 4.2.1 "Peak SMTP relay limit exceeded for customer", 550 5.7.1
   * "Daily SMTP relay limit exceeded for user": the sending Workspace
   * customer's relay quota, not the recipient's mailbox */
  BN_RULE(NULL, 0, NULL, "smtp relay limit", SPEEDING),
  /* 550 5.7.1 "Email quota exceeded": the sender's quota; a full mailbox
   * is 4.2.2 / 5.2.2 */
  BN_RULE("x.7.1", 0, NULL, "quota exceeded", SPEEDING),
  /* 451 4.3.0 "Mail server temporarily rejected message": Gmail's own
   * servers failed */
  BN_RULE(NULL, 0, NULL, "mail server temporarily rejected message", SYSTEMERROR),
  /* 5.2.1: the account exists but is disabled or inactive */
  BN_RULE(NULL, 0, NULL, "account that you tried to reach is disabled", SUSPEND),
  BN_RULE(NULL, 0, NULL, "account that you tried to reach is inactive", SUSPEND),
  /* 5.7.27: the sender's domain fails SPF (RFC 7505 gives 5.7.27 to a
   * sender's null MX) */
  BN_RULE("x.7.27", 0, NULL, NULL, AUTHFAILURE),
  /* 4.7.28 / 4.7.0: rate limited for the IP's reputation (IPs not allowed
   * to send to Gmail directly: the generic table) */
  BN_RULE(NULL, 0, NULL, "unusual rate of unsolicited mail", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "ip not in whitelist", BLOCKED),
  /* Google Groups: the group's spam classifier (its advice to set up SPF
   * is not an authentication failure) */
  BN_RULE(NULL, 0, NULL, "rejected due to spam classification", SPAMDETECTED),
};

BN_RHOST_DEFINE(google, domains, rules);
