/* Zimbra's mailbox server when a recipient's Sieve filter says "reject"
 * (FilterUtil.reject, zm-mailbox): an RFC 5429 disposition notification
 * from the recipient's own address, "Subject: Disposition notification",
 * with the X-Zimbra-Forwarded header it stamps on everything its filters
 * send (to break loops), a text part of one line of its own in the
 * recipient's locale, then the reason,
 *
 *   The message was refused by the recipient's mail filtering program.
 *   The reason given was as follows:   (one line: ZsMsg seiveRejectMDNErrorMsg)
 *   <the reason the filter gives>
 *
 * and a message/disposition-notification part of two fields,
 * "Final-Recipient: rfc822;user@..." and "Disposition:
 * automatic-action/MDN-sent-automatically; deleted"; no copy of the
 * message. Zimbra's other notices (bounces, LMTP refusals) are Postfix's. */
#include "mta.h"
#include <string.h>

/* Whether the notification's disposition is "deleted": a refusal, not a
 * read receipt ("displayed") that a mail client sent. */
static bool
disposition_deleted(const bn_view *v)
{
  GString *mdn = g_string_new(NULL);
  bool deleted = false;
  if (bn_prose_part(v, "message", "disposition-notification", mdn)) {
    const char *d = bn_prose_find_line(mdn->str, MIN(mdn->len, 4096), "Disposition:");
    if (d) {
      const char *nl = memchr(d, '\n', mdn->len - (size_t)(d - mdn->str));
      size_t n = nl ? (size_t)(nl - d) : mdn->len - (size_t)(d - mdn->str);
      deleted = bn_strcasestr(d, n, "deleted") != NULL;
    }
  }
  g_string_free(mdn, TRUE);
  return deleted;
}

/* The header, the report type and the disposition are written whatever
 * the locale; the subject and the sentence are translated. */
static bool
claim(const bn_view *v)
{
  return strcmp(v->report_type, "disposition-notification") == 0 &&
         bn_view_header(v, "X-Zimbra-Forwarded") != NULL && disposition_deleted(v);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  return bn_prose_rejection_under_lead(v, r);
}

const bn_mta bn_mta_zimbra = {"zimbra", claim, extract};
