/* Barracuda Email Security Service (*.ess.barracudanetworks.com), the
 * filter a domain puts in front of its own mail servers. It refuses with
 * "550 permanent failure for one or more recipients (address:blocked)":
 * the recipient organisation's policy (its block list, content rules,
 * spam score) blocked the message, as Barracuda's message log explains.
 * The address itself is not in question. */
#include "rhost.h"

static const char *const domains[] = {"barracudanetworks.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, ":blocked)", FILTERED),
};

BN_RHOST_DEFINE(barracuda, domains, rules);
