/* Apple iCloud Mail (icloud.com, me.com, mac.com). Apple documents its
 * replies in "Postmaster information for iCloud Mail" (support.apple.com,
 * HT204137): bracketed codes such as [CS01] or [HM08] for policy refusals,
 * and fixed sentences for the mailbox. */
#include "rhost.h"

static const char *const domains[] = {"icloud.com", "me.com", "mac.com", "apple.com", NULL};

static const bn_rhost_rule rules[] = {
  /* 550 5.1.1 <x>: inactive email address / user does not exist */
  BN_RULE(NULL, 0, NULL, "inactive email address", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "user does not exist", USERUNKNOWN),
  /* 550 5.1.6 recipient no longer on server */
  BN_RULE(NULL, 0, NULL, "no longer on server", HASMOVED),
  /* 552 5.2.2 user is over quota */
  BN_RULE(NULL, 0, NULL, "over quota", MAILBOXFULL),
  /* 554 5.7.1 [CS01] / [HM08] Message rejected due to local policy */
  BN_RULE(NULL, 0, NULL, "rejected due to local policy", POLICYVIOLATION),
  /* 550 5.7.0 Blocked - see ...dnsbl-lookup */
  BN_RULE(NULL, 0, NULL, "dnsbl%", BLOCKED),
  /* 554 5.7.1 Your message was rejected due to x's DMARC policy */
  BN_RULE(NULL, 0, NULL, "dmarc policy", AUTHFAILURE),
  /* the greeting of an iCloud server that refuses the client */
  BN_RULE(NULL, 0, NULL, "not accepting connections", BLOCKED),
};

BN_RHOST_DEFINE(apple, domains, rules);
