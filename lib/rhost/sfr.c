/* SFR (sfr.fr and the other domains of SFR Grand Public on the same
 * servers, smtp-in.sfr.fr: neuf.fr, club-internet.fr, cegetel.net,
 * numericable.fr, noos.fr, 9online.fr). SFR's refusals of a sending IP
 * carry a code SFR_IN_<n><xx>, "450 4.7.1 SFR_IN_101 Service refused due
 * to bad behavior - Too many spam messages": as the guide to SFR's codes
 * at bentonow.com/smtp-errors/sfr explains them, each code counts one
 * kind of bad behaviour of the IP (spam, viruses, protocol errors, unknown
 * users, volume) and blocks the IP for two hours. The words name the
 * behaviour; the refusal is a block of the sending IP, not a verdict on
 * this message. */
#include "rhost.h"

static const char *const domains[] = {
  "sfr.fr", "neuf.fr", "club-internet.fr", "cegetel.net", "numericable.fr", "noos.fr",
  "9online.fr", "sfr.net", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "sfr_in_%", BLOCKED),
};

BN_RHOST_DEFINE(sfr, domains, rules);
