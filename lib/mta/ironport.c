/* Cisco IronPort (AsyncOS), the appliance's own bounce, one recipient
 * each:
 *
 *   The following message to <user@example.org> was undeliverable.
 *   The reason for the problem:
 *   5.1.0 - Unknown address error 550-'5.1.1 <user@example.org>... User unknown'
 *
 * The reason line is the appliance's status and category of the failure
 * (RFC 3463's descriptions), then the remote server's reply in quotes
 * after its code, or IronPort's own words in quotes ("5.4.7 - Delivery
 * expired (message too old) 'timeout'", "5.1.2 - Bad destination host
 * 'DNS Hard Error looking up example.org (MX): NXDomain'"). With DSNs on,
 * the same line is the Diagnostic-Code of a multipart/report, whose fields
 * are read as any DSN's: only the notice without one is read here. Amazon
 * SES's older bounces were this notice. */
#include "mta.h"
#include <string.h>

static const char *const opening[] = {"The following message to <", NULL};
static const char *const reason_head[] = {"The reason for the problem:", NULL};

static bool
claim(const bn_view *v)
{
  size_t n = MIN(v->text->len, 4096);
  const char *line = bn_prose_find_line(v->text->str, n, opening[0]);
  return line && bn_prose_has_any(line, n - (size_t)(line - v->text->str), reason_head);
}

bool
bn_ironport_read(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  const char *line = bn_prose_find_line(v->text->str, v->text->len, opening[0]);
  if (line == NULL)
    return false;
  char *addr = bn_find_address(line, MIN(strlen(line), 512));
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  if (rc && bn_prose_section(v, reason_head, NULL, &sec)) {
    char *end = memchr(sec.p, '\n', sec.len);
    bn_prose_add_diagnostic(rc, sec.p, end ? (size_t)(end - sec.p) : sec.len);
  }
  return rc != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) > 0 || !bn_ironport_read(v, r))
    return false;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    size_t n = rc->diagnostic ? strlen(rc->diagnostic) : 0;
    char *inner = n ? bn_category_reply(rc->diagnostic, n) : NULL;
    if (inner == NULL)
      continue;
    /* the remote server's reply is the diagnostic; its code and status
     * are the ones that name what it refused */
    char status[16];
    if (bn_find_status(inner, strlen(inner), status))
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
    bn_rcpt_set_reply_code(rc, bn_find_reply_code(inner, strlen(inner)), BOUNCE_SOURCE_TEXT);
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, inner, BOUNCE_SOURCE_TEXT);
    g_free(inner);
  }
  return true;
}

const bn_mta bn_mta_ironport = {"ironport", claim, extract};
