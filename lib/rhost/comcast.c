/* Comcast / Xfinity (comcast.net). Comcast's postmaster page "Mail
 * delivery error codes" (postmaster.comcast.net/smtp-error-codes) and
 * Xfinity's "Email error codes" article explain the codes its inbound
 * servers put in a refusal: ES000001 and ES000010 a dynamic or
 * residential sending IP, BL000000-BL000111 (and the older BL001-BL0010)
 * a sending IP on Comcast's or a public block list (Spamhaus, Cloudmark
 * CSI, SenderScore), RL000001 and on a sending rate over its limits.
 * "550 5.1.1 Not our Customer" is an address Comcast does not have. */
#include "rhost.h"

static const char *const domains[] = {"comcast.net", "comcast.com", "xfinity.com", NULL};

static const bn_rhost_rule rules[] = {
  /* "554 ... Comcast block for spam ... #BL000000": the IP is blocked;
   * the word spam is about the IP's history, not this message */
  BN_RULE(NULL, 0, NULL, "bl0%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "es0000%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rl0%", SPEEDING),
  BN_RULE(NULL, 0, NULL, "not our customer", USERUNKNOWN),
  /* "554 ... comcast resources temporarily unavailable": the servers
   * could not take the transaction then; nothing about the sender */
  BN_RULE(NULL, 0, NULL, "resources temporarily unavailable", SYSTEMERROR),
};

BN_RHOST_DEFINE(comcast, domains, rules);
