/* Alibaba Cloud mail: Aliyun Enterprise Mail (smtp.mxhichina.com,
 * smtp.qiye.aliyun.com, mx servers under mxhichina.com), Aliyun Mail and
 * DirectMail (smtpdm.aliyun.com). Their submission servers take only the
 * logged-in account's own address as the envelope sender, and say so with
 * the two accounts in the reply; a Postfix relay's log quotes Enterprise
 * Mail's "440 mail from account doesn't conform with authentication (Auth
 * Account:...|Mail Account:...) (in reply to MAIL FROM command)",
 * DirectMail's users quote its '436 "MAIL FROM" doesn't conform with
 * authentication': the sender-login mismatch other providers refuse too. */
#include "rhost.h"

static const char *const domains[] = {"mxhichina.com", "aliyun.com", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "doesn't conform with authentication", SECURITYERROR),
};

BN_RHOST_DEFINE(aliyun, domains, rules);
