/* Cleanmail (a Swiss filter service in front of its customers' mail
 * hosts, cleanmail.ch). Its support notice "Outlook Express End-Of-Life"
 * (support.cleanmail.ch/author/supportcleanmail-ch) says mail refused
 * with "CMR-HDR-OE-EOL" was written, or claims in its headers to be
 * written, with Outlook Express, which Cleanmail no longer takes because
 * spammers forge those headers: a rule of the receiver's, not the
 * security refusal its 5.7.1 would name. */
#include "rhost.h"

static const char *const domains[] = {
  "cleanmail.ch",
  NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "cmr-hdr-oe-eol", POLICYVIOLATION),
};

BN_RHOST_DEFINE(cleanmail, domains, rules);
