/* Apple iCloud Mail (icloud.com, me.com, mac.com). Apple documents its
 * replies in "Postmaster information for iCloud Mail" (support.apple.com,
 * HT204137): bracketed codes such as [CS01] or [HM08] for policy refusals,
 * and fixed sentences for the mailbox. */
#include "rhost.h"

static const char *const domains[] = {"icloud.com", "me.com", "mac.com", "apple.com", NULL};

static const bn_rhost_rule rules[] = {
  /* 550 5.1.1 <x>: inactive email address: iCloud has no such address */
  BN_RULE(NULL, 0, NULL, "inactive email address", USERUNKNOWN),
  /* 550 5.1.6 recipient no longer on server */
  BN_RULE(NULL, 0, NULL, "no longer on server", HASMOVED),
  /* "550 5.7.0 Blocked - see https://support.apple.com/en-us/HT204137":
   * the sending IP is refused (the page's section on blocked IPs); the
   * 5.7.0 status alone would say securityerror */
  BN_RULE("x.7.0", 0, NULL, "blocked - see", BLOCKED),
};

BN_RHOST_DEFINE(apple, domains, rules);
