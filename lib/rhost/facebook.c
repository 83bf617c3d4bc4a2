/* Facebook (facebook.com, fb.com). Its replies carry a code documented on
 * postmaster.facebook.com/response_codes: RCP- about the recipient, DNS-
 * about the sender's domain, MSG- about the message, POL- policy, CON-
 * connections, INT- internal errors; -P permanent, -T temporary. */
#include "rhost.h"

static const char *const domains[] = {"facebook.com", "fb.com", "facebookmail.com", NULL};

/* Codes with a meaning of their own come before their group's rule. */
static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "rcp - p1", USERUNKNOWN),
  /* "the attempted recipient's preferences prevent messages", "... privacy
   * settings blocked the delivery": the recipient's own filter, the address
   * lives */
  BN_RULE(NULL, 0, NULL, "rcp - p2", FILTERED),
  BN_RULE(NULL, 0, NULL, "rcp - p3", FILTERED),
  /* "the attempted recipient address is currently deactivated" */
  BN_RULE(NULL, 0, NULL, "rcp - t4", SUSPEND),
  /* "the attempted recipient address is not currently available due to an
   * internal system issue" */
  BN_RULE(NULL, 0, NULL, "rcp - t1", SYSTEMERROR),
  /* "your mail server does not have a reverse DNS record" */
  BN_RULE(NULL, 0, NULL, "dns - p3", REQUIREPTR),
  /* "your mail server's reverse DNS record does not currently resolve" */
  BN_RULE(NULL, 0, NULL, "dns - t2", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "dns - p%", REJECTED),
  BN_RULE(NULL, 0, NULL, "dns - t%", REJECTED),
  BN_RULE(NULL, 0, NULL, "msg - p1", MESGTOOBIG),
  /* "the message contains an attachment type that Facebook does not
   * accept" */
  BN_RULE(NULL, 0, NULL, "msg - p2", CONTENTERROR),
  /* "your mail server's IP address is listed on the Spamhaus PBL",
   * "Facebook will no longer accept mail from your mail server's IP
   * address" */
  BN_RULE(NULL, 0, NULL, "pol - p1", BLOCKED),
  BN_RULE(NULL, 0, NULL, "pol - p2", BLOCKED),
  /* "the message contains a virus", "... a URL that has been blocked" */
  BN_RULE(NULL, 0, NULL, "pol - p5", VIRUSDETECTED),
  BN_RULE(NULL, 0, NULL, "pol - p6", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "pol - p%", POLICYVIOLATION),
  BN_RULE(NULL, 0, NULL, "pol - t%", SPEEDING),
  BN_RULE(NULL, 0, NULL, "con - t%", TOOMANYCONN),
  /* the INT- codes are internal only when temporary: INT-P1 and INT-P4
   * are listed with the recipient issues ("the attempted recipient
   * address does not exist"), INT-P3 a group address that does not
   * exist, INT-P2 with the message issues ("exceeds Facebook's maximum
   * allowed size") */
  BN_RULE(NULL, 0, NULL, "int - p1", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "int - p3", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "int - p4", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "int - p2", MESGTOOBIG),
  BN_RULE(NULL, 0, NULL, "int - p%", SYSTEMERROR),
  BN_RULE(NULL, 0, NULL, "int - t%", SYSTEMERROR),
};

BN_RHOST_DEFINE(facebook, domains, rules);
