/* NTT docomo (docomo.ne.jp). When a docomo user's reception settings
 * refuse a sender, docomo's server answers after DATA with "550 Unknown
 * user <address>": the sender is refused, the address exists. */
#include "rhost.h"

static const char *const domains[] = {"docomo.ne.jp", "mopera.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE("5.0.0", 0, "DATA", "unknown user", REJECTED),
};

BN_RHOST_DEFINE(docomo, domains, rules);
