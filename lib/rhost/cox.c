/* Cox Communications (cox.net). Cox's "Email error codes" page explains
 * the codes its inbound servers append (often as AUP#CODE): CXBL and IPBL
 * a blocked sending IP, CDRBL the same for up to 24 hours, CXDNS no
 * reverse DNS, CXSNDR a refused sender, URLBL a listed link in the
 * content, CXTHROT a sending rate, CXCNCT too many connections, CXMXRT
 * too many recipients. CXMJ is Cox's own submission server's: "Email
 * sending blocked due to suspicious account activity on primary Cox
 * account" until its passwords are reset. Its older postmaster pages
 * (postmaster.cox.net, "Error Codes") give the replies with no code: "452
 * Message threshold exceeded", a sending IP over one of Cox's rate limits
 * and held off for a while. */
#include "rhost.h"

/* cox.net's mail exchanger is hosted by Cloudmark under its
 * cloudfilter.net, whose other hosts serve other customers: only Cox's
 * own name is Cox's. */
static const char *const domains[] = {"cox.net", "cox.com", "cxr.mx.a.cloudfilter.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "cxbl", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ipbl%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "cdrbl", BLOCKED),
  BN_RULE(NULL, 0, NULL, "cxdns", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "cxsndr", REJECTED),
  /* the sender's own account, locked as compromised: not the content */
  BN_RULE(NULL, 0, NULL, "cxmj", SECURITYERROR),
  BN_RULE(NULL, 0, NULL, "urlbl%", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "cxthrot", SPEEDING),
  BN_RULE(NULL, 0, NULL, "message threshold exceeded", SPEEDING),
  BN_RULE(NULL, 0, NULL, "cxcnct", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "cxmxrt", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "cxsmtp", POLICYVIOLATION),
};

BN_RHOST_DEFINE(cox, domains, rules);
