/* Every recognizer, cheapest claim first. Adding an MTA: one file in
 * lib/mta/, one extern and one line here, one line in lib/meson.build. */
#include "mta.h"

extern const bn_mta bn_mta_postfix;
extern const bn_mta bn_mta_fallback;

const bn_mta *const bn_mta_registry[] = {
  &bn_mta_postfix,
  /* keep last: the guess for MTAs no recognizer knows */
  &bn_mta_fallback,
  NULL,
};
