/* Every recognizer, cheapest claim first. Adding an MTA: one file in
 * lib/mta/, one extern and one line here, one line in lib/meson.build. */
#include "mta.h"

extern const bn_mta bn_mta_exchange2003;
extern const bn_mta bn_mta_office365;
extern const bn_mta bn_mta_exchange2007;
extern const bn_mta bn_mta_outlook;
extern const bn_mta bn_mta_notes;
extern const bn_mta bn_mta_domino;
extern const bn_mta bn_mta_messagingserver;
extern const bn_mta bn_mta_mcafee;
extern const bn_mta bn_mta_mxlogic;
extern const bn_mta bn_mta_trendmicro;
extern const bn_mta bn_mta_barracuda;
extern const bn_mta bn_mta_amavis;
extern const bn_mta bn_mta_powermta;
extern const bn_mta bn_mta_sendgrid;
extern const bn_mta bn_mta_postfix;
extern const bn_mta bn_mta_fallback;

const bn_mta *const bn_mta_registry[] = {
  /* claimed by a header or a sentence of their own; SendGrid before
   * Postfix, whose subject it uses */
  &bn_mta_powermta,
  &bn_mta_sendgrid,
  &bn_mta_mxlogic,
  &bn_mta_mcafee,
  &bn_mta_trendmicro,
  &bn_mta_barracuda,
  &bn_mta_amavis,
  &bn_mta_messagingserver,
  &bn_mta_notes,
  &bn_mta_domino,
  &bn_mta_outlook,
  /* Microsoft Exchange: Exchange Online before the on-premises Exchange
   * whose template it shares */
  &bn_mta_exchange2003,
  &bn_mta_office365,
  &bn_mta_exchange2007,
  &bn_mta_postfix,
  /* keep last: the guess for MTAs no recognizer knows */
  &bn_mta_fallback,
  NULL,
};
