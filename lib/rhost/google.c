/* Google (Gmail, Google Workspace, Google Groups). Google documents its SMTP
 * replies in "SMTP errors and codes" (support.google.com/a/answer/3726730);
 * each reply carries the status and a fixed sentence, often with a help
 * link (?p=NoSuchUser, ?p=ReceivingRatePerm ...). Where the sentence is more
 * specific than the status (5.2.1 is used both for a disabled account and
 * for a recipient receiving too fast), the sentence decides. */
#include "rhost.h"

static const char *const domains[] = {"google.com", "googlemail.com", "gmail.com", NULL};

static const bn_rhost_rule rules[] = {
  /* 4.2.1 / 5.2.1: the recipient receives mail faster than Gmail allows */
  BN_RULE(NULL, 0, NULL, "receiving mail at a rate", SPEEDING),
  BN_RULE(NULL, 0, NULL, "receiving mail too quickly", SPEEDING),
  BN_RULE(NULL, 0, NULL, "?p=receivingrate%", SPEEDING),
  /* 5.2.1: the account exists but is disabled or inactive */
  BN_RULE(NULL, 0, NULL, "account that you tried to reach is disabled", SUSPEND),
  BN_RULE(NULL, 0, NULL, "account that you tried to reach is inactive", SUSPEND),
  /* 5.2.2: over quota, out of storage */
  BN_RULE(NULL, 0, NULL, "account that you tried to reach is over quota", MAILBOXFULL),
  BN_RULE(NULL, 0, NULL, "inbox is out of storage space", MAILBOXFULL),
  /* 5.1.1 */
  BN_RULE(NULL, 0, NULL, "account that you tried to reach does not exist", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "?p=nosuchuser", USERUNKNOWN),
  BN_RULE("x.1.1", 0, NULL, "answer=6596", USERUNKNOWN),
  /* 5.1.2 */
  BN_RULE(NULL, 0, NULL, "find the recipient domain", HOSTUNKNOWN),
  /* 5.7.1: RFC 5322 3.6.2 allows one From: address without a Sender: */
  BN_RULE(NULL, 0, NULL, "multiple addresses in from", NOTCOMPLIANTRFC),
  BN_RULE(NULL, 0, NULL, "not rfc 5322 compliant", NOTCOMPLIANTRFC),
  BN_RULE(NULL, 0, NULL, "rfc 5322 section", NOTCOMPLIANTRFC),
  /* 5.7.26, 5.7.1, 5.7.27: SPF, DKIM, DMARC */
  BN_RULE(NULL, 0, NULL, "is not accepted due to domain's dmarc policy", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "does not have authentication information", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "sender is unauthenticated", AUTHFAILURE),
  BN_RULE("x.7.26", 0, NULL, NULL, AUTHFAILURE),
  BN_RULE("x.7.27", 0, NULL, NULL, AUTHFAILURE),
  /* 5.7.25 */
  BN_RULE(NULL, 0, NULL, "does not have a ptr record", REQUIREPTR),
  BN_RULE("x.7.25", 0, NULL, NULL, REQUIREPTR),
  /* 5.7.0: content Google treats as a security risk */
  BN_RULE(NULL, 0, NULL, "content presents a potential security issue", POLICYVIOLATION),
  BN_RULE(NULL, 0, NULL, "has a policy that prohibited the mail", POLICYVIOLATION),
  /* 5.7.1 / 4.7.0 / 4.7.28: reputation and unsolicited mail */
  BN_RULE(NULL, 0, NULL, "very low reputation", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "likely unsolicited mail", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "unusual rate of unsolicited mail", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "not authorized to send email directly to our servers", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ip not in whitelist", BLOCKED),
  /* 4.7.0 / 5.7.0 */
  BN_RULE(NULL, 0, NULL, "tls required for rcpt domain", FAILEDSTARTTLS),
  /* Google Groups */
  BN_RULE(NULL, 0, NULL, "rejected due to spam classification", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "permission to post messages to the group", REJECTED),
};

BN_RHOST_DEFINE(google, domains, rules);
