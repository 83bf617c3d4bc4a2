/* Yandex Mail (yandex.ru, yandex.com, ya.ru and regional domains; mx
 * servers under yandex.net). Yandex's help page "Report on non-delivery
 * to Yandex" (yandex.com/support/mail/bounces/yandex) explains its
 * replies: "Policy rejection on the target address" means the
 * recipient's account is blocked for breaking the user agreement, not a
 * policy about the sender or the message; "No correct recipients" (its
 * server's "503 5.5.4 No correct recipients." to DATA when no recipient
 * was taken) is listed there with "No such user" as an address that does
 * not exist. The same page lists "Client host [IP] blocked using ..." and
 * "Blocked by spam statistics - see ..." together: a sender from which
 * only spam has come is refused for 24 hours, a block on the sender for
 * its past mail, not a verdict on this message's content (the word spam
 * would read it as that). Yandex's own tests of its servers (ru.yandex.autotests
 * MxConstants) quote its submission server's "553 5.7.1 Sender address
 * rejected: not owned by auth user.": the envelope sender is not an
 * address of the account logged in, Postfix's sender-login mismatch in
 * other words. */
#include "rhost.h"

static const char *const domains[] = {
  "yandex.ru", "yandex.com", "yandex.net", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua",
  "yandex.com.tr", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "policy rejection on the target address", SUSPEND),
  BN_RULE(NULL, 0, NULL, "no correct recipients", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "blocked by spam statistics", BLOCKED),
  BN_RULE(NULL, 0, NULL, "sender address rejected: not owned by auth user", SECURITYERROR),
};

BN_RHOST_DEFINE(yandex, domains, rules);
