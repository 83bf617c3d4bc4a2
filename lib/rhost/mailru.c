/* Mail.ru (mail.ru, inbox.ru, list.ru, bk.ru, internet.ru; servers
 * mxs.mail.ru, smtp.mail.ru). "550 message sending for this account is
 * disabled" comes from Mail.ru's own sending servers: Mail.ru's help page
 * "Восстановить доступ к взломанному ящику" (help.mail.ru/mail/security/
 * hacked/restore) says it locks a mailbox that shows signs of having been
 * taken over, so that it cannot send spam, until its owner proves the
 * mailbox theirs and sets a new password (mailout.ru's list of Mail.ru's
 * errors names this reply for it). The sender's account is locked for
 * security; its address is not refused as such. */
#include "rhost.h"

static const char *const domains[] = {
  "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "message sending for this account is disabled", SECURITYERROR),
};

BN_RHOST_DEFINE(mailru, domains, rules);
