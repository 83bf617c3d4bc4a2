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
  /* "421 4.7.1 [HM08] Message temporarily deferred due to unresolvable
   * RFC.5321 from domain", "550 5.7.1 [HM07] Message rejected due to
   * unresolvable RFC5322 From domain": the sender's envelope or header
   * domain has no DNS records (a bounce subdomain an ESP never set up),
   * the sender's to fix; not a security refusal (x.7.1) nor a message
   * breaking RFC 5322 (the words "RFC5322" alone would say so). The
   * bracketed code is not the key: Apple writes [HM08] before other
   * refusals too. Apple's words only, with or without the dot in the
   * RFC's name: a gap between "unresolvable" and "from domain" spanned
   * other sentences ("... unresolvable host name. Rejected mail from
   * domain ...") */
  BN_RULE(NULL, 0, NULL, "unresolvable rfc.5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc.5322 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc5322 from domain", REJECTED),
};

BN_RHOST_DEFINE(apple, domains, rules);
