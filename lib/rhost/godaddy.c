/* GoDaddy (Workspace Email and hosting: *.secureserver.net). GoDaddy's
 * help article "Fix rejected email with a bounce error" lists its replies;
 * its inbound filter marks them with IBnnn codes: the IB1xx family refuses
 * the connection (block lists, reputation, too many sessions), IB212 is
 * content judged to be spam; IB4xx and IB5xx are the sender's: IB501 and
 * IB502 a From: header that is blank or holds an IP address instead of an
 * address, IB506 a From: domain with no MX or address records. IB401
 * needs no rule: its documented sentence ("535 Authentication not allowed
 * on IBSMTP Servers", a mail client logging in to the inbound servers
 * instead of smtpout.secureserver.net) is read by the generic table. IB108,
 * "421 Temporarily rejected. Reverse DNS for this IP failed", is the
 * sending IP's missing reverse DNS, not one of the IB1xx family's blocks:
 * its rule says so for a reply that carries the code without the
 * sentence. */
#include "rhost.h"

static const char *const domains[] = {"secureserver.net", "godaddy.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "ib212", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "ib501", NOTCOMPLIANTRFC),
  BN_RULE(NULL, 0, NULL, "ib502", NOTCOMPLIANTRFC),
  BN_RULE(NULL, 0, NULL, "ib506", REJECTED),
  BN_RULE(NULL, 0, NULL, "ib103", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "ib108", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "ib110", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib111", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib112", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib113", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ib101", SYSTEMERROR),
};

BN_RHOST_DEFINE(godaddy, domains, rules);
