/* GoDaddy (Workspace Email and hosting: *.secureserver.net). GoDaddy's
 * help article "Fix rejected email with a bounce error" lists its replies;
 * its inbound filter marks them with IBnnn codes: the IB1xx family refuses
 * the connection (block lists, reputation, too many sessions), IB212 is
 * content judged to be spam, IB401 a sender domain that does not resolve. */
#include "rhost.h"

static const char *const domains[] = {"secureserver.net", "godaddy.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "ib212", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "ib401", REJECTED),
  BN_RULE(NULL, 0, NULL, "ib103", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "ib108", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib110", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib111", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib112", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib113", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib101", SYSTEMERROR),
  BN_RULE(NULL, 0, NULL, "this message is looping", NETWORKERROR),
};

BN_RHOST_DEFINE(godaddy, domains, rules);
