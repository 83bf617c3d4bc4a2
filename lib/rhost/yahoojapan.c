/* Yahoo Japan (yahoo.co.jp, LY Corporation's; not Yahoo Inc.'s servers, so
 * not lib/rhost/yahoo.c's rules). Its mail store answers at end of DATA in
 * the Yahoo mail software's words: "554 delivery error: dd This user
 * doesn't have a yahoo.co.jp account (a@yahoo.co.jp) [-5] -
 * mta7149.mail.djm.ynwp.yahoo.co.jp" is an address with no account (Yahoo
 * Japan's help article support.yahoo-net.jp/PccMail/s/article/H000007355;
 * the reply and its meaning, a mistyped local part, quoted at
 * tuono034s.com/web-entry/3575/), the same sentence Yahoo Inc. writes for a
 * dead address. Said after DATA, the words alone would read as a filter's
 * (reason.c, unknown_user); Yahoo Japan's reception filters do not answer
 * so, and the sentence names the account as missing. */
#include "rhost.h"

static const char *const domains[] = {
  "yahoo.co.jp", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "this user doesn't have a * account", USERUNKNOWN),
};

BN_RHOST_DEFINE(yahoojapan, domains, rules);
