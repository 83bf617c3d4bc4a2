/* SoftBank (softbank.ne.jp, i.softbank.jp and the older Vodafone and
 * Disney Mobile domains). Senders' guides to the Japanese carriers'
 * replies explain its "553 <domain> does not exist": the envelope
 * sender's domain has no DNS record at all, so every message from it is
 * refused whatever the recipient; the recipient is not in question. An
 * unknown address is "550 Invalid recipient: <address>", whatever command
 * a relay's report shows it after: SoftBank's reception filter refuses
 * nothing aloud (the same guides: a filtered message is accepted and
 * dropped), so these words are never the filter's. */
#include "rhost.h"

static const char *const domains[] = {
  "softbank.ne.jp", "i.softbank.jp", "vodafone.ne.jp", "disney.ne.jp", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 553, NULL, "does not exist", REJECTED),
  BN_RULE(NULL, 550, NULL, "invalid recipient", USERUNKNOWN),
};

BN_RHOST_DEFINE(softbank, domains, rules);
