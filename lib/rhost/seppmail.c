/* SEPPmail.cloud (a Swiss filter service, seppmail.cloud). Its manual on
 * mail forwarding (docs.seppmail.com/ch/cloud/c12_pf_mail_forwarding.html)
 * says a forwarding that passes on too much spam or malware is blocked,
 * and every message it then forwards is refused with "550 5.7.1 MAAT-FWD
 * Forward abuse": the forwarding host is refused, blocked, not the
 * unauthorised sender its 5.7.1 would name. */
#include "rhost.h"

static const char *const domains[] = {
  "seppmail.cloud",
  NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "maat-fwd", BLOCKED),
};

BN_RHOST_DEFINE(seppmail, domains, rules);
