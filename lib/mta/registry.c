/* Every recognizer, cheapest claim first. Adding an MTA: one file in
 * lib/mta/, one extern and one line here, one line in lib/meson.build. */
#include "mta.h"

extern const bn_mta bn_mta_postfix;
extern const bn_mta bn_mta_mirapoint;
extern const bn_mta bn_mta_openmail;
extern const bn_mta bn_mta_imailserver;
extern const bn_mta bn_mta_fml;
extern const bn_mta bn_mta_yahoo_legacy;
extern const bn_mta bn_mta_qmail_custom;
extern const bn_mta bn_mta_technical_details;
extern const bn_mta bn_mta_trouble_delivering;
extern const bn_mta bn_mta_failure_notice;
extern const bn_mta bn_mta_sendmail;
extern const bn_mta bn_mta_v5sendmail;
extern const bn_mta bn_mta_fallback;

const bn_mta *const bn_mta_registry[] = {
  &bn_mta_postfix,
  &bn_mta_mirapoint,
  &bn_mta_openmail,
  &bn_mta_imailserver,
  &bn_mta_fml,
  &bn_mta_yahoo_legacy,
  &bn_mta_qmail_custom,
  &bn_mta_technical_details,
  &bn_mta_trouble_delivering,
  &bn_mta_failure_notice,
  &bn_mta_sendmail,
  &bn_mta_v5sendmail,
  /* keep last: the guess for MTAs no recognizer knows */
  &bn_mta_fallback,
  NULL,
};
