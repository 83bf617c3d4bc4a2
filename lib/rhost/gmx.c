/* GMX, WEB.DE and mail.com (United Internet's mailbox brands: one mail
 * system, mx00.emig.gmx.net, mx-ha02.web.de, mx00.mail.com). Their
 * postmaster pages ("Error messages", postmaster.web.de and
 * postmaster.gmx.com) explain that "501 Syntax error in parameters or
 * arguments" and "550 <...>: Syntax error in parameters or arguments"
 * refuse a sending server whose configuration breaks their email policy
 * (HELO, reverse DNS): its operator corrects it and asks them to unblock
 * the systems. RFC 5321's words, meant as a block of the sending host;
 * the same words from a relay on the way are the relay's (own_mx: their
 * domains' mail goes to their own hosts alone). */
#include "rhost.h"

static const char *const domains[] = {
  "gmx.net", "gmx.de", "gmx.com", "gmx.at", "gmx.ch", "gmx.co.uk", "gmx.fr", "gmx.es",
  "gmx.it",  "gmx.us", "gmx.eu",  "web.de", "mail.com", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "syntax error in parameters or arguments", BLOCKED),
};

BN_RHOST_DEFINE_OWN_MX(gmx, domains, rules);
