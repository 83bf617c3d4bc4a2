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

const bn_mta *const bn_mta_registry[] = {
  &bn_mta_postfix,
  &bn_mta_dragonfly,
  &bn_mta_opensmtpd,
  &bn_mta_courier,
  &bn_mta_mfilter,
  &bn_mta_qmail,
  &bn_mta_exim,
  NULL,
};
