/* Amazon SES email receiving (inbound-smtp.<region>.amazonaws.com). A
 * domain that receives with SES answers with the "Bounce" action of its
 * own receipt rules; SES documents the action's ready-made replies
 * ("Mailbox does not exist", "Message too large", "Mailbox full", "Message
 * content rejected", "Unknown failure", "Temporary failure"). A bounce SES
 * writes from such a rule is the recipient domain's filter speaking, not
 * its mailbox store; the temporary and unknown failures decide nothing. */
#include "rhost.h"

static const char *const domains[] = {
  "inbound-smtp.us-east-1.amazonaws.com",      "inbound-smtp.us-east-2.amazonaws.com",
  "inbound-smtp.us-west-1.amazonaws.com",      "inbound-smtp.us-west-2.amazonaws.com",
  "inbound-smtp.ca-central-1.amazonaws.com",   "inbound-smtp.eu-west-1.amazonaws.com",
  "inbound-smtp.eu-west-2.amazonaws.com",      "inbound-smtp.eu-west-3.amazonaws.com",
  "inbound-smtp.eu-central-1.amazonaws.com",   "inbound-smtp.eu-north-1.amazonaws.com",
  "inbound-smtp.ap-southeast-1.amazonaws.com", "inbound-smtp.ap-southeast-2.amazonaws.com",
  "inbound-smtp.ap-northeast-1.amazonaws.com", "inbound-smtp.ap-northeast-2.amazonaws.com",
  "inbound-smtp.ap-south-1.amazonaws.com",     "inbound-smtp.sa-east-1.amazonaws.com",
  /* the regions that took up receiving later */
  "inbound-smtp.ap-northeast-3.amazonaws.com", "inbound-smtp.ap-southeast-3.amazonaws.com",
  "inbound-smtp.eu-south-1.amazonaws.com",     "inbound-smtp.il-central-1.amazonaws.com",
  "inbound-smtp.me-south-1.amazonaws.com",     "inbound-smtp.af-south-1.amazonaws.com",
  "inbound-smtp.us-gov-west-1.amazonaws.com",
  NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "mailbox does not exist", FILTERED),
  BN_RULE(NULL, 0, NULL, "message content rejected", FILTERED),
  BN_RULE(NULL, 0, NULL, "temporary failure", ONHOLD),
  BN_RULE(NULL, 0, NULL, "unknown failure", ONHOLD),
  BN_RULE(NULL, 0, NULL, "due to a recipient error", ONHOLD),
};

BN_RHOST_DEFINE(amazon, domains, rules);
