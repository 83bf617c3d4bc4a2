/* Microsoft Exchange Server 2007, 2010, 2013, 2016 and 2019: a
 * multipart/report whose text part ("Delivery has failed to these
 * recipients or groups:", translated into the sender's language) has a
 * section "Diagnostic information for administrators:" with, per
 * recipient, "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" (2007,
 * 2010) or "Remote Server returned '550 5.1.1 ...'" (2013 and later). From
 * 2013 the report carries an X-MS-Exchange-Message-Is-Ndr header. The
 * reading is shared with Exchange Online (office365.c): exchange.c. */
#include "exchange.h"

static bool
claim(const bn_view *v)
{
  if (bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr"))
    return true;
  return bn_exchange_ndr_text(v);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool found = bn_exchange_ndr_read(v, r);
  /* Its prose named the recipients, or Exchange marked the report its own. */
  return found || (bn_report_count(r) > 0 && bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr"));
}

const bn_mta bn_mta_exchange2007 = {"exchange2007", claim, extract};
