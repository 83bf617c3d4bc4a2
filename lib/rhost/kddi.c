/* KDDI (au: ezweb.ne.jp, au.com; au one net: dion.ne.jp). When an au
 * user's reception filter refuses a message, the server answers after
 * DATA with "550 : User unknown" (no address: the generic classifier reads
 * that as the filter); an address it does not have is refused at RCPT as
 * "550 <address>: User unknown", which a relayed bounce may show without
 * the command. A relaying server may wrap the filter's reply in its own
 * status for an unknown address (Exchange's "5.1.351 ... -> 550 : User
 * unknown"): the reply without an address is still the filter. */
#include "rhost.h"

static const char *const domains[] = {"ezweb.ne.jp", "au.com", "kddi.com", "dion.ne.jp", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "550 : user unknown", FILTERED),
  BN_RULE(NULL, 0, NULL, "550 <*>: user unknown", USERUNKNOWN),
};

BN_RHOST_DEFINE(kddi, domains, rules);
