/* Tencent (QQ Mail, Tencent Exmail: qq.com, exmail.qq.com, foxmail.com).
 * Its help pages (service.mail.qq.com) explain the fixed replies: the
 * "frequency limited" family limits connections from an IP or domain;
 * "Mail content denied" is content taken for spam. */
#include "rhost.h"

static const char *const domains[] = {"qq.com", "foxmail.com", "tencent.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "frequency limited", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "mail content denied", SPAMDETECTED),
};

BN_RHOST_DEFINE(tencent, domains, rules);
