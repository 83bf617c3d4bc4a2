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

/* Whether an X-Zimbra-Forwarded header names addr: FilterUtil.reject
 * stamps the owner's name, which is also its Final-Recipient, after those
 * the refused message carried. A filter's "redirect" stamps the
 * redirecting account on a message of another's, so an MDN it passes on
 * (a person's "deleted without being read") names someone else there. */
static bool
forwarded_by(const bn_view *v, const char *addr)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(v->msg));
  int n = list ? g_mime_header_list_get_count(list) : 0;
  bool named = false;
  for (int i = 0; i < n && i < 64 && !named; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
    const char *value = g_mime_header_get_value(h);
    if (value == NULL || g_ascii_strcasecmp(g_mime_header_get_name(h), "X-Zimbra-Forwarded") != 0)
      continue;
    char *a = bn_address_clean(value, strlen(value));
    named = a && g_ascii_strcasecmp(a, addr) == 0;
    g_free(a);
  }
  return named;
}

/* Whether the notification is the refusal FilterUtil.reject writes: the
 * disposition "automatic-action/...; deleted" (not a read receipt,
 * "displayed", nor a person's deletion, "manual-action") of a Final-
 * Recipient that stamped it. */
static bool
own_refusal(const bn_view *v)
{
  GString *mdn = g_string_new(NULL);
  bool own = false;
  bn_span d, f;
  if (bn_prose_part(v, "message", "disposition-notification", mdn) &&
      bn_dsn_part_value(mdn->str, MIN(mdn->len, 4096), "Disposition", &d) &&
      bn_dsn_part_value(mdn->str, MIN(mdn->len, 4096), "Final-Recipient", &f)) {
    const char *semi = memchr(f.p, ';', f.len);
    const char *a = semi ? semi + 1 : f.p;
    char *addr = bn_address_clean(a, (size_t)(f.p + f.len - a));
    own = bn_strcasestr(d.p, d.len, "automatic-action") && bn_strcasestr(d.p, d.len, "deleted") &&
          addr && forwarded_by(v, addr);
    g_free(addr);
  }
  g_string_free(mdn, TRUE);
  return own;
}

/* The header, the report type and the disposition are written whatever
 * the locale; the subject and the sentence are translated. */
static bool
claim(const bn_view *v)
{
  return strcmp(v->report_type, "disposition-notification") == 0 &&
         bn_view_header(v, "X-Zimbra-Forwarded") != NULL && own_refusal(v);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  return bn_prose_rejection_under_lead(v, r);
}

const bn_mta bn_mta_zimbra = {"zimbra", claim, extract};
