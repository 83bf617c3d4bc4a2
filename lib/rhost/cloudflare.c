/* Cloudflare Email Routing (*.mx.cloudflare.net). It forwards mail for a
 * domain to another mailbox and refuses, with its own sentences, mail that
 * fails the sender's SPF, DKIM or DMARC, or addresses with no route. */
#include "rhost.h"

static const char *const domains[] = {"mx.cloudflare.net", "cloudflare.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "dmarc", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "spf", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "dkim", AUTHFAILURE),
};

BN_RHOST_DEFINE(cloudflare, domains, rules);
