/* SoftBank (softbank.ne.jp, i.softbank.jp and the older Vodafone and
 * Disney Mobile domains). Senders' guides to the Japanese carriers'
 * replies explain its "553 <domain> does not exist": the envelope
 * sender's domain has no DNS record at all, so every message from it is
 * refused whatever the recipient; the recipient is not in question. An
 * unknown address is "550 Invalid recipient". */
#include "rhost.h"

static const char *const domains[] = {
  "softbank.ne.jp", "i.softbank.jp", "vodafone.ne.jp", "disney.ne.jp", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 553, NULL, "does not exist", REJECTED),
};

BN_RHOST_DEFINE(softbank, domains, rules);
