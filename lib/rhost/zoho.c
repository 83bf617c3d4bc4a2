/* Zoho Mail (zoho.com, zohomail.com and regional domains). Zoho's help
 * pages on bounces explain its fixed replies. */
#include "rhost.h"

static const char *const domains[] = {
  "zoho.com", "zohomail.com", "zoho.eu", "zoho.in", "zoho.com.au", "zohomail.eu", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "unusual sending activity", SPEEDING),
};

BN_RHOST_DEFINE(zoho, domains, rules);
