/* ZoneMTA (plugins/core/email-bounce.js): a multipart/report, "Delivery
 * Status Notification (Failure)" from the configured mailer-daemon, in
 * Gmail's words of 2009 ("Delivery to the following recipient failed
 * permanently:", "Technical details of permanent failure:", then the last
 * reply alone), or "(Delay)" with "There was a temporary problem
 * delivering your message to ...". Its delivery-status part names it
 * ("X-ZoneMTA-Queue-ID:") and holds all there is, with a fixed Status of
 * 5.0.0 or 4.0.0: the recipients come from there, and this reader only
 * keeps Gmail's from taking a notice that is not Gmail's. */
#include "mta.h"

static bool
claim(const bn_view *v)
{
  return v->dsn && bn_strcasestr(v->dsn->str, v->dsn->len, "X-ZoneMTA-Queue-ID:");
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  (void)v;
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_zonemta = {"zonemta", claim, extract};
