/* Orange and Wanadoo (orange.fr, wanadoo.fr) and La Poste (laposte.net).
 * Their replies are bilingual and end in a code, OFRnnn_nnn for Orange and
 * LPNnnn_nnn for La Poste, documented on their postmaster pages: OFR004 too
 * many connections, OFR005 a temporary service refusal, OFR006 a sending
 * IP refused for spam, OFR_999 a refused connection; LPN007_416 an invalid
 * recipient, LPN007_426 a blocked account. OFR004 ("Trop de connexions")
 * needs no rule: the generic table reads the French words. */
#include "rhost.h"

static const char *const domains[] = {
  "orange.fr", "wanadoo.fr", "laposte.net", "francetelecom.fr", "orange.com", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "ofr005 _%", SYSTEMERROR),
  BN_RULE(NULL, 0, NULL, "ofr006 _%", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ofr _ 999", BLOCKED),
  /* "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]": the content
   * was refused as spam or a virus (French hosts' guides to Orange's
   * replies file it so) */
  BN_RULE(NULL, 0, NULL, "ofr_506", SPAMDETECTED),
  BN_RULE(NULL, 0, NULL, "lpn007 _ 416", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "lpn007 _ 426", SUSPEND),
  BN_RULE(NULL, 0, NULL, "lpn000 _ 630", POLICYVIOLATION),
  BN_RULE(NULL, 0, NULL, "compte du destinataire est bloque", SUSPEND),
};

BN_RHOST_DEFINE(franceptt, domains, rules);
