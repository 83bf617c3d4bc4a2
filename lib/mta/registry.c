/* Every recognizer, cheapest claim first. Adding an MTA: one file in
 * lib/mta/, one extern and one line here, one line in lib/meson.build. */
#include "mta.h"

extern const bn_mta bn_mta_googlegroups;
extern const bn_mta bn_mta_gmail;
extern const bn_mta bn_mta_zonemta;
extern const bn_mta bn_mta_nullmailer;
extern const bn_mta bn_mta_googleworkspace;
extern const bn_mta bn_mta_yahoo;
extern const bn_mta bn_mta_amazonworkmail;
extern const bn_mta bn_mta_amazonses_sns;
extern const bn_mta bn_mta_amazonses;
extern const bn_mta bn_mta_receivingses;
extern const bn_mta bn_mta_zoho;
extern const bn_mta bn_mta_gmx;
extern const bn_mta bn_mta_mailru;
extern const bn_mta bn_mta_yandex;
extern const bn_mta bn_mta_ezweb;
extern const bn_mta bn_mta_kddi;
extern const bn_mta bn_mta_biglobe;
extern const bn_mta bn_mta_tencent;
extern const bn_mta bn_mta_netease;
extern const bn_mta bn_mta_sina;
extern const bn_mta bn_mta_aliyun;
extern const bn_mta bn_mta_exchange2003;
extern const bn_mta bn_mta_office365;
extern const bn_mta bn_mta_exchange2007;
extern const bn_mta bn_mta_outlook;
extern const bn_mta bn_mta_iissmtp;
extern const bn_mta bn_mta_notes;
extern const bn_mta bn_mta_domino;
extern const bn_mta bn_mta_messagingserver;
extern const bn_mta bn_mta_mcafee;
extern const bn_mta bn_mta_mxlogic;
extern const bn_mta bn_mta_trendmicro;
extern const bn_mta bn_mta_barracuda;
extern const bn_mta bn_mta_ironport;
extern const bn_mta bn_mta_amavis;
extern const bn_mta bn_mta_powermta;
extern const bn_mta bn_mta_sendgrid;
extern const bn_mta bn_mta_postfix;
extern const bn_mta bn_mta_postfix_by_subject;
extern const bn_mta bn_mta_exim;
extern const bn_mta bn_mta_qmail;
extern const bn_mta bn_mta_dragonfly;
extern const bn_mta bn_mta_opensmtpd;
extern const bn_mta bn_mta_courier;
extern const bn_mta bn_mta_mfilter;
extern const bn_mta bn_mta_activehunter;
extern const bn_mta bn_mta_surfcontrol;
extern const bn_mta bn_mta_mailenable;
extern const bn_mta bn_mta_mailfoundry;
extern const bn_mta bn_mta_mailmarshal;
extern const bn_mta bn_mta_mirapoint;
extern const bn_mta bn_mta_openmail;
extern const bn_mta bn_mta_imailserver;
extern const bn_mta bn_mta_fml;
extern const bn_mta bn_mta_mailman;
extern const bn_mta bn_mta_sympa;
extern const bn_mta bn_mta_mlmmj;
extern const bn_mta bn_mta_majordomo;
extern const bn_mta bn_mta_yahoo_legacy;
extern const bn_mta bn_mta_qmail_custom;
extern const bn_mta bn_mta_technical_details;
extern const bn_mta bn_mta_trouble_delivering;
extern const bn_mta bn_mta_failure_notice;
extern const bn_mta bn_mta_sendmail;
extern const bn_mta bn_mta_v5sendmail;
extern const bn_mta bn_mta_james;
extern const bn_mta bn_mta_hmailserver;
extern const bn_mta bn_mta_communigate;
extern const bn_mta bn_mta_groupwise;
extern const bn_mta bn_mta_mdaemon;
extern const bn_mta bn_mta_cyrus;
extern const bn_mta bn_mta_dovecot;
extern const bn_mta bn_mta_zimbra;
extern const bn_mta bn_mta_xmail;
extern const bn_mta bn_mta_mail_system_error;
extern const bn_mta bn_mta_messagelabs;
extern const bn_mta bn_mta_masqmail;
extern const bn_mta bn_mta_mmdf;
extern const bn_mta bn_mta_dbmail;
extern const bn_mta bn_mta_slimta;
extern const bn_mta bn_mta_mailutils;
extern const bn_mta bn_mta_haraka;
extern const bn_mta bn_mta_citadel;
extern const bn_mta bn_mta_gromox;
extern const bn_mta bn_mta_chasquid;
extern const bn_mta bn_mta_stalwart;
extern const bn_mta bn_mta_postal;
extern const bn_mta bn_mta_smail;
extern const bn_mta bn_mta_zmailer;
extern const bn_mta bn_mta_smartermail;
extern const bn_mta bn_mta_fallback;

const bn_mta *const bn_mta_registry[] = {
  /* providers: a From address or fixed sentence of their own */
  &bn_mta_googlegroups,
  /* before Gmail, whose words its notice borrows */
  &bn_mta_zonemta,
  &bn_mta_nullmailer,
  &bn_mta_gmail,
  &bn_mta_googleworkspace,
  &bn_mta_yahoo,
  &bn_mta_amazonworkmail,
  &bn_mta_amazonses_sns,
  &bn_mta_amazonses,
  &bn_mta_receivingses,
  &bn_mta_zoho,
  &bn_mta_gmx,
  &bn_mta_mailru,
  &bn_mta_yandex,
  &bn_mta_ezweb,
  &bn_mta_kddi,
  &bn_mta_biglobe,
  &bn_mta_tencent,
  &bn_mta_netease,
  &bn_mta_sina,
  &bn_mta_aliyun,
  /* claimed by a header or a sentence of their own; SendGrid before
   * Postfix, whose subject it uses */
  &bn_mta_powermta,
  &bn_mta_sendgrid,
  &bn_mta_mxlogic,
  &bn_mta_mcafee,
  &bn_mta_trendmicro,
  &bn_mta_barracuda,
  &bn_mta_ironport,
  &bn_mta_amavis,
  &bn_mta_messagingserver,
  &bn_mta_notes,
  &bn_mta_domino,
  &bn_mta_outlook,
  &bn_mta_iissmtp,
  /* Microsoft Exchange: Exchange Online before the on-premises Exchange
   * whose template it shares */
  &bn_mta_exchange2003,
  &bn_mta_office365,
  &bn_mta_exchange2007,
  &bn_mta_postfix,
  /* claimed by a header */
  &bn_mta_activehunter,
  &bn_mta_surfcontrol,
  &bn_mta_mfilter,
  &bn_mta_courier,
  /* claimed by a fixed sentence, most specific first */
  &bn_mta_mirapoint,
  &bn_mta_openmail,
  &bn_mta_imailserver,
  &bn_mta_fml,
  &bn_mta_mailman,
  &bn_mta_sympa,
  &bn_mta_mlmmj,
  &bn_mta_majordomo,
  &bn_mta_yahoo_legacy,
  &bn_mta_qmail_custom,
  &bn_mta_technical_details,
  &bn_mta_trouble_delivering,
  &bn_mta_failure_notice,
  &bn_mta_james,
  &bn_mta_hmailserver,
  &bn_mta_communigate,
  &bn_mta_groupwise,
  &bn_mta_mdaemon,
  &bn_mta_cyrus,
  &bn_mta_dovecot,
  &bn_mta_zimbra,
  &bn_mta_xmail,
  &bn_mta_mail_system_error,
  &bn_mta_messagelabs,
  &bn_mta_masqmail,
  &bn_mta_mmdf,
  &bn_mta_dbmail,
  &bn_mta_slimta,
  &bn_mta_mailutils,
  &bn_mta_haraka,
  &bn_mta_citadel,
  &bn_mta_gromox,
  &bn_mta_chasquid,
  &bn_mta_stalwart,
  &bn_mta_postal,
  &bn_mta_smail,
  &bn_mta_zmailer,
  &bn_mta_smartermail,
  &bn_mta_sendmail,
  &bn_mta_v5sendmail,
  &bn_mta_dragonfly,
  &bn_mta_opensmtpd,
  &bn_mta_mailenable,
  &bn_mta_mailfoundry,
  &bn_mta_mailmarshal,
  &bn_mta_qmail,
  /* claimed by X-Failed-Recipients or a subject, which others share */
  &bn_mta_exim,
  /* a subject alone, which other MTAs' notices may carry too */
  &bn_mta_postfix_by_subject,
  /* keep last: the guess for MTAs no recognizer knows */
  &bn_mta_fallback,
  NULL,
};
