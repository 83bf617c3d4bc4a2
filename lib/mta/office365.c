/* Exchange Online (Office 365, and Outlook.com since it moved there): the
 * Exchange 2013+ report (exchange.c reads it) sent from Microsoft's cloud,
 * or its newer template "Your message to user@example.jp couldn't be
 * delivered." with "Status code: 550 5.1.10" and, under "Original Message
 * Details", "Recipient Address:" and "Reported error: 550 5.1.10 ...".
 * Told from an on-premises Exchange by where it comes from: the cloud's
 * domains in the From address or in the server names the report gives;
 * or, from a tenant's own domain with no server named, by the newer
 * template's heading under X-MS-Exchange-Message-Is-Ndr.
 * Not by the tenant headers (X-MS-Exchange-CrossTenant-*, X-MS-Office365-
 * Filtering-Correlation-Id): Exchange Online stamps them on all mail it
 * receives too, so an on-premises Exchange's or any MTA's bounce read in
 * a Microsoft 365 mailbox carries them. Enhanced codes with large details (5.1.351,
 * 5.4.316, 5.7.509, ...) are kept as written. */
#include "exchange.h"
#include <string.h>

/* Domains of the sender (postmaster@tenant.onmicrosoft.com). */
static const char *const from_domains[] = {
  ".onmicrosoft.com", "@outlook.com", ".outlook.com", ".office365.com", NULL,
};

/* Names in the prose: the cloud's servers and the product. */
static const char *const text_marks[] = {
  ".prod.outlook.com", ".protection.outlook.com", ".outlook.office365.com",
  ".prod.exchangelabs.com", "Office 365", "Exchange Online", NULL,
};

static bool
ends_with_any(const char *s, const char *const *suffixes)
{
  size_t n = strlen(s);
  for (size_t i = 0; suffixes[i]; i++) {
    size_t k = strlen(suffixes[i]);
    if (n >= k && g_ascii_strcasecmp(s + n - k, suffixes[i]) == 0)
      return true;
  }
  return false;
}

/* Whether the text's first line is the heading of the newer template,
 * "Your message to a@b couldn't be delivered.": Exchange Online's alone
 * (Exchange Server opens "Delivery has failed to these recipients or
 * groups:"), and the first thing it writes, where a tenant's own domain
 * sends the report and no cloud server need be named. Only the first
 * line: a person's forward of such a report opens with words of their
 * own or a quote mark; only an image's bracketed line may stand above. */
static bool
opens_with_heading(const bn_view *v)
{
  bn_lines it;
  bn_span l = {v->text->str, 0};
  bn_lines_init(&it, v->text->str, bn_view_own_len(v, 1024));
  while (bn_lines_next_trimmed(&it, &l) && l.len == 0)
    ;
  /* the logo above it, which a text rendering of the HTML writes as its
   * address or alt text in brackets ("[https://.../Office365Logo.png]") */
  if (l.len > 2 && l.p[0] == '[' && l.p[l.len - 1] == ']')
    while (bn_lines_next_trimmed(&it, &l) && l.len == 0)
      ;
  char *addr = l.len ? bn_exchange_heading_address(l.p, l.len) : NULL;
  bool named = addr != NULL;
  g_free(addr);
  return named;
}

/* Words of a notice that the message is still queued: the newer
 * template is Exchange Online's report of a message it gave up on (its
 * delay notice is the older "Delivery is delayed to these recipients or
 * groups"), so another MTA's warning that opens with the same sentence is
 * no report of its. */
static const char *const still_trying[] = {
  "will keep trying", "will continue to try", "will retry", NULL,
};

/* Whether the heading, without the header Exchange sets on its reports,
 * opens a report: one that comes as a bounce, yet is no auto-reply that
 * quotes it (its subject a responder's, "Automatic reply: Undeliverable:
 * ..."; Exchange Online's reports carry "Auto-Submitted: auto-replied"
 * too, so that header tells nothing) and no other MTA's warning. */
static bool
heading_report(const bn_view *v)
{
  return bn_view_looks_like_bounce(v) && !bn_autoreply_subject(v->subject) &&
         !bn_prose_has_any(v->text->str, bn_view_own_len(v, 16384), still_trying);
}

static bool
claim(const bn_view *v)
{
  bool marked = bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr");
  /* The heading is the template's first line whatever carries it: a relay
   * or a filter strips the X-MS-Exchange-* headers and may rewrite the
   * From, but keeps the body Exchange Online wrote (learn.microsoft.com,
   * "Email non-delivery reports and SMTP errors in Exchange Online",
   * What's included in an NDR). */
  /* the header Exchange sets on the reports it writes (never on a
   * person's forward of one), or a message that comes as a bounce, and
   * the template's heading; the heading alone is no report: a person
   * (at outlook.com too) pastes it atop mail asking what it means */
  bool heading = opens_with_heading(v) && (marked || heading_report(v));
  if (!marked && !heading && !bn_exchange_ndr_text(v))
    return false;
  if (ends_with_any(v->from_addr, from_domains) || heading)
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 16384), text_marks);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool found = bn_exchange_ndr_read(v, r);
  /* Its prose named the recipients, or Exchange marked the report its own. */
  return found || (bn_report_count(r) > 0 && bn_view_header(v, "X-MS-Exchange-Message-Is-Ndr"));
}

const bn_mta bn_mta_office365 = {"office365", claim, extract};
