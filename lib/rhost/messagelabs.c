/* MessageLabs (Symantec Email Security.cloud: *.messagelabs.com). Its
 * replies name the check that refused: SPF, SMTP authentication for its
 * own outbound service, its content filter, the recipient list. */
#include "rhost.h"

static const char *const domains[] = {"messagelabs.com", "symanteccloud.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "message filtered", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "connection rejected by policy", BLOCKED),
};

BN_RHOST_DEFINE(messagelabs, domains, rules);
