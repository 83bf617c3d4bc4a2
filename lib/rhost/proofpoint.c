/* Proofpoint (its hosted filter: *.pphosted.com, Proofpoint Essentials:
 * *.ppe-hosted.com; and the help links its replies carry, on
 * proofpoint.com). Proofpoint's "PDR IP Lookup Frequently Asked
 * Questions" (proofpoint.com/us/support-services/ip-blocked-faq) explains
 * its two refusals of a sending IP, by the IP's Proofpoint Dynamic
 * Reputation: "Delayed" for an IP that shows signs of sending spam,
 * lifted by itself within minutes, and "Blocked" for one that keeps
 * sending it. Neither says anything about the message or the address. */
#include "rhost.h"

static const char *const domains[] = {"pphosted.com", "ppe-hosted.com", "proofpoint.com", NULL};

static const bn_rhost_rule rules[] = {
  /* "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=...": the
   * IP is on the block list; the 5.7.0 alone would say securityerror
   * where the link is cut off */
  BN_RULE("x.7.0", 0, NULL, "blocked - see", BLOCKED),
  /* "421 4.7.0 Delayed - see https://ipcheck.proofpoint.com/?ip=...": the
   * IP's reputation holds its mail off for a while; the link's host
   * alone would call it a block. A relay that drops the enhanced code
   * leaves the one its reply code implies (4.0.0), and the words mean the
   * same; a status with a detail (4.2.2, a full mailbox) says more than
   * a "delayed - see <page>" beside it */
  BN_RULE("4.?.0", 0, NULL, "delayed - see", BADREPUTATION),
};

BN_RHOST_DEFINE(proofpoint, domains, rules);
