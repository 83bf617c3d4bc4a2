/* MessageLabs (Symantec Email Security.cloud: *.messagelabs.com). Its
 * replies name the check that refused: SPF, SMTP authentication for its
 * own outbound service, its content filter, the recipient list. */
#include "rhost.h"

static const char *const domains[] = {"messagelabs.com", "symanteccloud.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "message filtered", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "connection rejected by policy", BLOCKED),
  /* "553 Sorry, your email address has been blacklisted. Please contact
   * the recipient directly to have your address removed from their
   * blacklist": the recipient organisation's blocked-senders list names
   * the sender's address, not the sending host */
  BN_RULE(NULL, 0, NULL, "email address has been blacklisted", REJECTED),
};

BN_RHOST_DEFINE(messagelabs, domains, rules);
