/* Spectrum (Charter, Time Warner Cable, Road Runner, Bright House; its
 * legacy TWC and Bright House customers' addresses end in @brighthouse.com,
 * @<division>.rr.com, @roadrunner.com or @twc.com, its own help pages
 * say). Its
 * inbound servers append an acceptable-use code, AUP#<dir>-<number>; the
 * numbers follow the filter (Cloudmark) that refused: the 1000s are the
 * sending IP's block list, the 1300s connection and rate limits.
 * Charter's "Postmaster Services" page says mail its anti-spam application
 * flags as spam is refused on the wire with "550 Message Rejected": the
 * content, not the address or the sending IP; and that a customer whose
 * computer sends spam is refused with "554 Email Security Alert". */
#include "rhost.h"

static const char *const domains[] = {
  "charter.net", "charter.com", "spectrum.net", "spectrum.com", "rr.com", "roadrunner.com",
  "twc.com", "brighthouse.com", "bresnan.net", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "aup # in - 13%", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "aup # i - 13%", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "aup # 13%", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "aup # in - 10%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "aup # i - 10%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "aup # 10%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "aup # cnct", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "aup # bl", BLOCKED),
  /* "554 Email Security Alert": Charter's Postmaster Services page
   * ("Email Security Alerts") says its customers whose compromised or
   * infected computers send spam or viruses cannot send and get this
   * reply until they write to unblock@charter.net: the sending host is
   * refused, not the message's content */
  BN_RULE(NULL, 554, NULL, "email security alert", BLOCKED),
  /* the reply alone: other servers' and its own replies hold the same
   * words before their reason ("550 5.1.1 Message rejected: No such
   * user", "550 5.7.1 Message rejected due to SPF ..."), which decides */
  BN_ALONE_RULE(550, "message rejected", SPAMDETECTED),
};

BN_RHOST_DEFINE(spectrum, domains, rules);
