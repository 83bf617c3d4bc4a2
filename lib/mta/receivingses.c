/* Amazon SES, the receiving side: a receipt rule's "Bounce" action answers
 * for the recipient's domain with a multipart/report from
 * postmaster@<that domain> whose text part says only "This message could
 * not be delivered." and whose delivery-status part comes from
 * "Reporting-MTA: dns; inbound-smtp.<region>.amazonaws.com". The reply
 * code, status and text are what the domain's owner chose for the rule
 * (SES offers "550 5.1.1 Mailbox does not exist", "552 5.3.4 Message too
 * large", "450 4.0.0 Temporary failure" and others), so the fields say it
 * all; the recipients are those of the delivery-status part. */
#include "mta.h"
#include <string.h>

static bool
claim(const bn_view *v)
{
  bn_span rm;
  return bn_dsn_part_value(v->dsn->str, v->dsn->len, "Reporting-MTA", &rm) &&
         bn_strcasestr(rm.p, rm.len, "inbound-smtp.") &&
         bn_strcasestr(rm.p, rm.len, ".amazonaws.com");
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  static const char *const says[] = {"This message could not be delivered.", NULL};
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  char *text = bn_prose_squeeze_capped(sec.p, sec.len);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->diagnostic == NULL && bn_prose_has_any(text, strlen(text), says))
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, text, BOUNCE_SOURCE_TEXT);
  }
  g_free(text);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_receivingses = {"receivingses", claim, extract};
