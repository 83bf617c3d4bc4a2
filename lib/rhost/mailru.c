/* Mail.ru (mail.ru, inbox.ru, list.ru, bk.ru, internet.ru; servers
 * mxs.mail.ru, smtp.mail.ru). "550 message sending for this account is
 * disabled" comes from Mail.ru's own sending servers: Mail.ru's help page
 * "Восстановить доступ к взломанному ящику" (help.mail.ru/mail/security/
 * hacked/restore) says it locks a mailbox that shows signs of having been
 * taken over, so that it cannot send spam, until its owner proves the
 * mailbox theirs and sets a new password (mailout.ru's list of Mail.ru's
 * errors names this reply for it). The sender's account is locked for
 * security; its address is not refused as such.
 * Mail.ru's receiving servers (mxs.mail.ru, emx.mail.ru for the domains it
 * hosts) refuse an unknown recipient only after the message, in reply to
 * end of DATA: "550 Message was not accepted -- invalid mailbox.  Local
 * mailbox x@mail.ru is unavailable: user not found" (as quoted in Postfix
 * logs and bounces of mxs.mail.ru and emx.mail.ru); mailout.ru's list of
 * Mail.ru's errors reads "User not found" as an address that does not
 * exist. Words said at DATA are otherwise taken for a filter's. */
#include "rhost.h"

static const char *const domains[] = {
  "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "message sending for this account is disabled", SECURITYERROR),
  BN_RULE(NULL, 0, NULL, "is unavailable: user not found", USERUNKNOWN),
};

BN_RHOST_DEFINE(mailru, domains, rules);
