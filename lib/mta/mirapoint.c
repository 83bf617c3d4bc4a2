/* Mirapoint Message Server (MOS), a Sendmail descendant: "Returned mail:
 * <reason>" from "Mail Delivery Subsystem", a multipart/report whose text
 * says
 *
 *   The original message was received at <date>
 *   from <host> [<ip>]
 *
 *      ----- The following addresses had permanent delivery errors -----
 *   user@example.org
 *
 * then a delivery-status part ("Remote-MTA: X-Unix; mirapoint" for local
 * delivery). A gateway that passes the bounce on may wrap it whole, as the
 * returned message of its own copy of that text: the delivery-status part
 * is then read from the wrapped report (view.c's wrapped_dsn). */
#include "mta.h"
#include <string.h>

static const char *const marks[] = {
  "The following addresses had permanent delivery errors",
  "The following addresses had transient delivery errors", NULL,
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), marks);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) == 0 && v->wrapped_dsn->len)
    bn_dsn_read(v->wrapped_dsn->str, v->wrapped_dsn->len, r, false);
  if (bn_report_count(r) == 0) {
    /* no delivery-status part anywhere: the addresses under the heading */
    for (size_t m = 0; marks[m]; m++) {
      const char *const one[] = {marks[m], NULL};
      gssize at = bn_prose_after(v->text, one);
      if (at < 0)
        continue;
      bn_lines it;
      bn_span l;
      bn_lines_init(&it, v->text->str + at, v->text->len - (size_t)at);
      while (bn_lines_next(&it, &l) && l.len) {
        bounce_recipient *rc = bn_prose_recipient_at(r, l.p, l.len, true);
        if (rc)
          bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, m == 0 ? "failed" : "delayed",
                       BOUNCE_SOURCE_TEXT);
      }
    }
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_mirapoint = {"mirapoint", claim, extract};
