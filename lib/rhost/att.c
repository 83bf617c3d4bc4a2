/* AT&T (att.net, sbcglobal.net, bellsouth.net and the other legacy
 * domains its postmaster page lists; inbound servers *.prodigy.net). The
 * BellSouth and Worldnet postmaster pages ("Error Message Summary")
 * explain the replies its servers wrote: "521 <ip> is blocked", a sending
 * IP identified as a source of spam, which the reply code alone would
 * call a domain that takes no mail at all; "blocked by
 * ldap:ou=rblmx,dc=bellsouth,dc=net", the same block kept in BellSouth's
 * directory; "unauthorized interface for <ip>", a sending system not
 * recognized as a mail server (use an ISP's or a host's); "[permfail]
 * ... requires valid sender domain" and "421-failure in DNS look-up",
 * a sending system with no DNS records (the newer "Connections not
 * accepted from servers without a valid sender domain.flph Fix reverse
 * DNS for <ip>" says which: the reverse DNS). Worldnet's page for
 * individual users adds "550 Error. Blocked for abuse", a sending system
 * thought to have sent much spam to its customers before; "550 Error.
 * Blocked for status: <unknown sender>", a sending system with no DNS
 * records; and a 450 "busy--Please try again later", a sending system that
 * connects too often (it limits the connections of any one sender) or
 * asks for more than its servers have free then. */
#include "rhost.h"

static const char *const domains[] = {
  "prodigy.net", "att.net",    "sbcglobal.net", "bellsouth.net", "ameritech.net", "flash.net",
  "nvbell.net",  "pacbell.net", "snet.net",     "swbell.net",    "wans.net",      NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 521, NULL, "is blocked", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rblmx", BLOCKED),
  BN_RULE(NULL, 0, NULL, "unauthorized interface", BLOCKED),
  BN_RULE(NULL, 0, NULL, "valid sender domain", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "failure in dns look-up", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "blocked for abuse", BLOCKED),
  BN_RULE(NULL, 0, NULL, "blocked for status", REQUIREPTR),
  BN_RULE(NULL, 450, NULL, "busy - - please try again later", TOOMANYCONN),
};

BN_RHOST_DEFINE(att, domains, rules);
