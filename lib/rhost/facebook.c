/* Facebook (facebook.com, fb.com). Its replies carry a code documented on
 * postmaster.facebook.com/response_codes: RCP- about the recipient, DNS-
 * about the sender's domain, MSG- about the message, POL- policy, CON-
 * connections, INT- internal errors; -P permanent, -T temporary. */
#include "rhost.h"

static const char *const domains[] = {"facebook.com", "fb.com", "facebookmail.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "rcp - p1", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "rcp - p2", SUSPEND),
  BN_RULE(NULL, 0, NULL, "dns - p%", REJECTED),
  BN_RULE(NULL, 0, NULL, "dns - t%", REJECTED),
  BN_RULE(NULL, 0, NULL, "msg - p1", MESGTOOBIG),
  BN_RULE(NULL, 0, NULL, "pol - p%", POLICYVIOLATION),
  BN_RULE(NULL, 0, NULL, "pol - t%", SPEEDING),
  BN_RULE(NULL, 0, NULL, "con - t%", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "int - p%", SYSTEMERROR),
  BN_RULE(NULL, 0, NULL, "int - t%", SYSTEMERROR),
};

BN_RHOST_DEFINE(facebook, domains, rules);
