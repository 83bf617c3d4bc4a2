/* Cloudflare Email Routing (*.mx.cloudflare.net). It forwards mail for a
 * domain to another mailbox and refuses, with its own sentences, mail that
 * fails the sender's SPF, DKIM or DMARC, or addresses with no route, and
 * says when the forwarding failed or the sending IP is block-listed. */
#include "rhost.h"

static const char *const domains[] = {"mx.cloudflare.net", "cloudflare.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "dmarc", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "spf", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "dkim", AUTHFAILURE),
  /* "521 5.3.0 Upstream error": forwarding to the destination mailbox
   * failed; the address itself is fine */
  BN_RULE(NULL, 0, NULL, "upstream error", SYSTEMERROR),
  /* "554 <192.0.2.1> found on one or more RBLs (abusixip)": the sending
   * IP is on a block list */
  BN_RULE(NULL, 0, NULL, "found on one or more", BLOCKED),
};

BN_RHOST_DEFINE(cloudflare, domains, rules);
