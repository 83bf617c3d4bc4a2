/* Every recognizer, cheapest claim first. Adding an MTA: one file in
 * lib/mta/, one extern and one line here, one line in lib/meson.build. */
#include "mta.h"

extern const bn_mta bn_mta_postfix;
extern const bn_mta bn_mta_exim;
extern const bn_mta bn_mta_qmail;
extern const bn_mta bn_mta_dragonfly;
extern const bn_mta bn_mta_opensmtpd;
extern const bn_mta bn_mta_courier;
extern const bn_mta bn_mta_mfilter;
extern const bn_mta bn_mta_activehunter;
extern const bn_mta bn_mta_surfcontrol;
extern const bn_mta bn_mta_mailfoundry;
extern const bn_mta bn_mta_mailmarshal;
extern const bn_mta bn_mta_fallback;

const bn_mta *const bn_mta_registry[] = {
  &bn_mta_postfix,
  /* claimed by a header */
  &bn_mta_activehunter,
  &bn_mta_surfcontrol,
  &bn_mta_mfilter,
  &bn_mta_courier,
  /* claimed by a fixed sentence */
  &bn_mta_dragonfly,
  &bn_mta_opensmtpd,
  &bn_mta_mailfoundry,
  &bn_mta_mailmarshal,
  &bn_mta_qmail,
  /* claimed by X-Failed-Recipients or a subject, which others share */
  &bn_mta_exim,
  /* keep last: the guess for MTAs no recognizer knows */
  &bn_mta_fallback,
  NULL,
};
