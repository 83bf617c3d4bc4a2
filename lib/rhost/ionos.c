/* 1&1 IONOS (United Internet's hosting mail: mx00.ionos.de,
 * mx00.kundenserver.de, mx00.perfora.net and the national ionos
 * domains). Its help page "SMTP error messages of the IONOS mail servers"
 * explains its replies: "421 Reject due to policy violations" and "450
 * Reject due to policy violations." refuse the sending IP, blocked for a
 * poor delivery rate (mail to too many addresses that do not exist) or for
 * a HELO name that keeps changing. The words name a policy; the block is
 * the sending host's. "550 Syntax error in parameters or arguments"
 * (RFC 5321's words) refuses a sending server configured against its
 * policy, unblocked once its operator fixes it: a block too. */
#include "rhost.h"

static const char *const domains[] = {
  "ionos.de",  "ionos.com", "ionos.co.uk", "ionos.fr",    "ionos.es",        "ionos.it",
  "ionos.ca",  "ionos.mx",  "1and1.com",   "1and1.co.uk", "1and1.es",        "1und1.de",
  "kundenserver.de", "perfora.net", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "reject due to policy violations", BLOCKED),
  BN_RULE(NULL, 0, NULL, "syntax error in parameters or arguments", BLOCKED),
};

BN_RHOST_DEFINE(ionos, domains, rules);
