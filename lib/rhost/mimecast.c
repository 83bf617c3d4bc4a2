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
  BN_RULE(NULL, 0, NULL, "unresolvable rfc 5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "internal resources are temporarily unavailable", SYSTEMERROR),
};

BN_RHOST_DEFINE(mimecast, domains, rules);
