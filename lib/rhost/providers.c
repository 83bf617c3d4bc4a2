/* Every provider of lib/rhost/, in the order their rules are tried when
 * several hosts of a bounce belong to providers. A list apart from the
 * code that uses it: the build compiles each provider's phrases
 * (gen-phrases.c) from this list too. */
#include "rhost.h"

extern const bn_rhost bn_rhost_google;
extern const bn_rhost bn_rhost_microsoft;
extern const bn_rhost bn_rhost_yahoo;
extern const bn_rhost bn_rhost_apple;
extern const bn_rhost bn_rhost_aol;
extern const bn_rhost bn_rhost_godaddy;
extern const bn_rhost bn_rhost_mimecast;
extern const bn_rhost bn_rhost_cox;
extern const bn_rhost bn_rhost_spectrum;
extern const bn_rhost bn_rhost_tencent;
extern const bn_rhost bn_rhost_kddi;
extern const bn_rhost bn_rhost_docomo;
extern const bn_rhost bn_rhost_franceptt;
extern const bn_rhost bn_rhost_zoho;
extern const bn_rhost bn_rhost_iua;
extern const bn_rhost bn_rhost_cloudflare;
extern const bn_rhost bn_rhost_facebook;
extern const bn_rhost bn_rhost_messagelabs;
extern const bn_rhost bn_rhost_amazon;
extern const bn_rhost bn_rhost_comcast;
extern const bn_rhost bn_rhost_netease;
extern const bn_rhost bn_rhost_yandex;
extern const bn_rhost bn_rhost_barracuda;
extern const bn_rhost bn_rhost_softbank;
extern const bn_rhost bn_rhost_ionos;
extern const bn_rhost bn_rhost_proofpoint;
extern const bn_rhost bn_rhost_mailru;
extern const bn_rhost bn_rhost_sfr;
extern const bn_rhost bn_rhost_att;
extern const bn_rhost bn_rhost_earthlink;
extern const bn_rhost bn_rhost_gmx;
extern const bn_rhost bn_rhost_aliyun;
extern const bn_rhost bn_rhost_forpsi;
extern const bn_rhost bn_rhost_cleanmail;
extern const bn_rhost bn_rhost_seppmail;
extern const bn_rhost bn_rhost_yahoojapan;

const bn_rhost *const bn_rhost_registry[] = {
  &bn_rhost_google,   &bn_rhost_microsoft, &bn_rhost_yahoo,      &bn_rhost_apple,
  &bn_rhost_aol,      &bn_rhost_godaddy,   &bn_rhost_mimecast,   &bn_rhost_cox,
  &bn_rhost_spectrum, &bn_rhost_tencent,   &bn_rhost_kddi,       &bn_rhost_docomo,
  &bn_rhost_franceptt, &bn_rhost_zoho,     &bn_rhost_iua,        &bn_rhost_cloudflare,
  &bn_rhost_facebook, &bn_rhost_messagelabs, &bn_rhost_amazon,   &bn_rhost_comcast,
  &bn_rhost_netease,  &bn_rhost_yandex,    &bn_rhost_barracuda,  &bn_rhost_softbank,
  &bn_rhost_ionos,    &bn_rhost_proofpoint, &bn_rhost_mailru,
  &bn_rhost_sfr,      &bn_rhost_att,       &bn_rhost_earthlink,  &bn_rhost_gmx,
  &bn_rhost_aliyun,  &bn_rhost_forpsi,   &bn_rhost_cleanmail,  &bn_rhost_seppmail,
  &bn_rhost_yahoojapan,
  NULL,
};

size_t
bn_rhost_phrases(const bn_rhost *p, const char **phrases)
{
  size_t n = 0;
  for (size_t r = 0; r < p->n_rules; r++)
    if (p->rules[r].phrase)
      phrases[n++] = p->rules[r].phrase;
  return n;
}
