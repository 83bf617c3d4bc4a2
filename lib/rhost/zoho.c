/* Zoho Mail (zoho.com, zohomail.com and regional domains: each data
 * centre's mail hosts are mx.zoho.<region>, and those of Japan, Canada,
 * Saudi Arabia and China are named under zoho.jp, zohocloud.ca, zoho.sa
 * and zoho.com.cn, as customers' MX records and Received lines show;
 * zohomail.jp is Japan's own mailbox domain; ZeptoMail, its
 * transactional sending service, at zeptomail.com). Zoho's help
 * pages on bounces explain its fixed replies; smtp.codes/zoho collects
 * them: the receiving domain at Zoho can set filters of its own, and
 * refusals by those filters say "policy" without being the sender's
 * policy problem. */
#include "rhost.h"

static const char *const domains[] = {
  "zoho.com", "zohomail.com", "zoho.eu", "zoho.in", "zoho.com.au", "zohomail.eu", "zoho.jp",
  "zohomail.jp", "zohocloud.ca", "zoho.sa", "zoho.com.cn", "zeptomail.com", NULL,
};

static const bn_rhost_rule rules[] = {
  /* "541 5.4.1 Mail rejected by destination domain": the receiving
   * domain's own filter rules at Zoho refused it; nothing is said about
   * the address and the status's routing subject does not apply (the
   * train corpus of the project files it as onhold, and so do we) */
  BN_RULE(NULL, 0, NULL, "mail rejected by destination domain", ONHOLD),
  /* "452 Mailbox delivery restricted by policy error", "552 5.1.1
   * Mailbox delivery failure policy error": the receiving domain's
   * filters at Zoho */
  BN_RULE(NULL, 0, NULL, "delivery restricted by policy", FILTERED),
  BN_RULE(NULL, 0, NULL, "delivery failure policy error", FILTERED),
  BN_RULE(NULL, 0, NULL, "unusual sending activity", SPEEDING),
  /* "553 Relaying disallowed as <address>" from Zoho's submission servers
   * (smtp.zoho.com, and ZeptoMail's smtp.zeptomail.com, Zoho's
   * transactional service): ZeptoMail's "SMTP Error Codes" page says the
   * From address's domain is not one the account may send from; the
   * sender is refused, not a relay to the recipient */
  BN_RULE(NULL, 0, NULL, "relaying disallowed as", REJECTED),
};

BN_RHOST_DEFINE(zoho, domains, rules);
