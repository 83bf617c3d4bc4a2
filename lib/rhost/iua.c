/* i.ua (Ukrainian webmail; mx*.email.ua). Its replies link an error page,
 * mail.i.ua/err/N/; /err/3/ is a frozen mailbox, one the owner no longer
 * uses (the words "Mailbox is frozen" are in the generic table). */
#include "rhost.h"

static const char *const domains[] = {"i.ua", "email.ua", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "/ err / 3 /", SUSPEND),
};

BN_RHOST_DEFINE(iua, domains, rules);
