/* Mimecast (*.mimecast.com and its regional domains). Mimecast documents
 * its rejection replies in "SMTP error codes": a message refused "due to
 * security policies" matched a signature of its AV/content scanner; an
 * "envelope blocked" reply is the recipient's block list. */
#include "rhost.h"

static const char *const domains[] = {
  "mimecast.com", "mimecast.co.za", "mimecast-offshore.com", "mimecast.co.uk", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "rejected due to security policies", VIRUSDETECTED),
  BN_RULE(NULL, 0, NULL, "envelope blocked", REJECTED),
  BN_RULE(NULL, 0, NULL, "blocked senders", REJECTED),
  /* "550 Rejected by header based Anti-Spoofing policy: <sender>": the
   * From names one of the recipient organisation's own domains but the
   * mail came from a source the policy does not trust (Mimecast's
   * "Configuring an Anti-Spoofing Policy": spoofing is forged sender
   * headers; the policy is lifted for a sender by its IP or its SPF
   * result): the sender's claim to the domain is not authenticated; the
   * word "policy" would call it a policy of the receiver's */
  BN_RULE(NULL, 0, NULL, "anti - spoofing policy", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc 5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc5321 from domain", REJECTED),
  /* 451 "Internal resource temporarily unavailable" (also written "is",
   * "resources are"): Mimecast's greylisting, the first attempt of an
   * unknown sender deferred (or, its table adds, a sending IP of poor
   * reputation held off the same way); a retry passes, nothing failed */
  BN_RULE(NULL, 0, NULL, "internal resource%", POLICYVIOLATION),
  /* 421 "Sender address blocked": the sending IP is on the customer's
   * Blocked Senders policy; 421 "Unable to process connection at this
   * time": Mimecast is at maximum load */
  BN_RULE(NULL, 0, NULL, "sender address blocked", BLOCKED),
  BN_RULE(NULL, 0, NULL, "unable to process connection at this time", SYSTEMERROR),
};

BN_RHOST_DEFINE(mimecast, domains, rules);
