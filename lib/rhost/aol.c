/* AOL (aol.com, aim.com; mx.aol.com). AOL's postmaster pages document
 * short codes in its replies: DYN:T1 (dynamic IP), RLY:xx and HVU:xx
 * (refused for complaints or a block list), CON:xx (connection refused),
 * DNS:NR (no reverse DNS), RTR:xx (its "RTR Blocks": RTR:BL a permanent
 * block for the IP's poor reputation, RTR:BB / RTR:DU / RTR:RD a dynamic
 * or residential IP, RTR:BG an IP not allocated, RTR:CH a network that
 * sends known spam; postmaster.info.aol.com/errors/). AOL mail now runs on Yahoo's servers, whose
 * codes the Yahoo rules read. */
#include "rhost.h"

static const char *const domains[] = {"aol.com", "aim.com", "aol.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "dns : nr", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "dyn : t1", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rly : b%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "hvu : b%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "con : b%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : bl", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : bb", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : bg", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : du", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : rd", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rtr : ch", BLOCKED),
  BN_RULE(NULL, 0, NULL, "will not accept delivery of this message", BLOCKED),
  /* Yahoo's servers answer for AOL's addresses: "552 1 Requested mail
   * action aborted, mailbox not found" is an address without a mailbox,
   * also where only the recipient's domain names AOL */
  BN_RULE(NULL, 0, NULL, "requested mail action aborted, mailbox not found", USERUNKNOWN),
};

BN_RHOST_DEFINE(aol, domains, rules);
