/* RFC 5965 feedback reports (ARF): an abuse complaint or opt-out about a
 * message the sender sent. */
#include "private.h"
#include <string.h>

bool
bn_arf_claim(const bn_view *v)
{
  return g_ascii_strcasecmp(v->report_type, "feedback-report") == 0 || v->feedback->len > 0;
}

/* The value of field name in the feedback part, squeezed, or NULL. */
static char *
feedback_field(const bn_view *v, const char *name)
{
  bn_lines it;
  bn_span line, n, val;
  bn_lines_init(&it, v->feedback->str, v->feedback->len);
  while (bn_lines_next(&it, &line))
    if (bn_dsn_field(&line, &n, &val) && n.len == strlen(name) &&
        g_ascii_strncasecmp(n.p, name, n.len) == 0)
      return bn_squeeze_dup(val.p, val.len);
  return NULL;
}

bool
bn_arf_extract(const bn_view *v, bounce_report *r)
{
  char *type = feedback_field(v, "Feedback-Type");
  char *rcpt = feedback_field(v, "Original-Rcpt-To");
  char *removal = feedback_field(v, "Removal-Recipient");
  char *reporting = feedback_field(v, "Reporting-MTA");
  char *arrival = feedback_field(v, "Arrival-Date");
  char *addr = NULL;
  if (rcpt)
    addr = bn_address_clean(rcpt, strlen(rcpt));
  if (addr == NULL && removal)
    addr = bn_address_clean(removal, strlen(removal));
  if (addr == NULL && v->returned) {
    InternetAddressList *to = g_mime_message_get_to(v->returned);
    if (to && internet_address_list_length(to) > 0) {
      InternetAddress *ia = internet_address_list_get_address(to, 0);
      if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
        const char *a = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
        addr = a ? bn_address_clean(a, strlen(a)) : NULL;
      }
    }
  }
  bounce_recipient *rc = bn_report_add(r, addr, addr ? BOUNCE_SOURCE_FIELD : BOUNCE_SOURCE_NONE);
  if (rc) {
    char *t = type ? g_ascii_strdown(type, -1) : NULL;
    bn_set_str(&rc->feedback_type, t);
    g_free(t);
    rc->cause = BOUNCE_CAUSE_FEEDBACK;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_DERIVED;
  }
  if (reporting && r->reporting_mta == NULL) {
    char *semi = strchr(reporting, ';');
    bn_set_str(&r->reporting_mta, semi ? g_strstrip(semi + 1) : reporting);
  }
  if (arrival)
    bn_set_str(&r->arrival_date, arrival);
  r->kind = BOUNCE_KIND_FEEDBACK;
  bn_set_str(&r->mta, "arf");
  g_free(type);
  g_free(rcpt);
  g_free(removal);
  g_free(reporting);
  g_free(arrival);
  g_free(addr);
  return true;
}
