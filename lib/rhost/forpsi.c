/* Forpsi (INTERNET CZ's hosting in Czechia, Poland, Slovakia; its hosts
 * under forpsi.com, e.g. cmg1.fe.forpsi.com). The help pages of hosts on
 * its mail platform (support.grhosting.cz/kb/a290, wiki.aspone.cz
 * "Omezení pro emaily") explain "550 5.1.1 <a@b> sender is blacklisted":
 * the recipient has put the sender's address on the block list of the
 * mailbox, so the recipient's own filter refused it (as Interia's
 * "Recipient doesn't want your mail"), not a block list of sending IPs
 * and not an unknown mailbox, whatever its x.1.1 says. */
#include "rhost.h"

static const char *const domains[] = {
  "forpsi.com",
  NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "sender is blacklisted", FILTERED),
};

BN_RHOST_DEFINE(forpsi, domains, rules);
