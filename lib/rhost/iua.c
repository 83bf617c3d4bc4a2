/* i.ua (Ukrainian webmail; mx*.email.ua). Its replies link an error page,
 * mail.i.ua/err/N/; a frozen mailbox is one the owner no longer uses. */
#include "rhost.h"

static const char *const domains[] = {"i.ua", "email.ua", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "mailbox is frozen", SUSPEND),
  BN_RULE(NULL, 0, NULL, "/ err / 3 /", SUSPEND),
};

BN_RHOST_DEFINE(iua, domains, rules);
