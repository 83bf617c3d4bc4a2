/* Feedback reports: RFC 5965 ARF (an abuse complaint, opt-out or
 * authentication failure report about a message the sender sent), and the
 * two non-ARF forms big providers send: Microsoft's JMRP complaints (the
 * complained-about message attached, its recipient in
 * X-HmXmrOriginalRecipient) and Apple Mail's one-click unsubscribe
 * (X-Apple-Unsubscribe: true, sent by the recipient's own client). */
#include "private.h"
#include <string.h>

typedef enum { FB_NONE, FB_ARF, FB_JMRP, FB_APPLE_UNSUBSCRIBE } feedback_form;

static const char *
returned_header(const bn_view *v, const char *name)
{
  return v->returned ? g_mime_object_get_header(GMIME_OBJECT(v->returned), name) : NULL;
}

static feedback_form
form_of(const bn_view *v)
{
  if (g_ascii_strcasecmp(v->report_type, "feedback-report") == 0 || v->feedback->len > 0)
    return FB_ARF;
  if (returned_header(v, "X-HmXmrOriginalRecipient"))
    return FB_JMRP;
  const char *apple = bn_view_header(v, "X-Apple-Unsubscribe");
  if (apple && g_ascii_strncasecmp(apple, "true", 4) == 0)
    return FB_APPLE_UNSUBSCRIBE;
  return FB_NONE;
}

bool
bn_arf_claim(const bn_view *v)
{
  return form_of(v) != FB_NONE;
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

static char *
clean(const char *s)
{
  return s ? bn_address_clean(s, strlen(s)) : NULL;
}

/* The complained-about recipient: the report's fields first, then the
 * returned message's own To. */
static char *
arf_recipient(const bn_view *v, const bounce_report *r)
{
  static const char *const fields[] = {"Original-Rcpt-To", "Removal-Recipient"};
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
    char *value = feedback_field(v, fields[i]);
    char *addr = clean(value);
    g_free(value);
    if (addr)
      return addr;
  }
  const char *to = bn_report_original(r, "To");
  return to[0] ? bn_find_address(to, strlen(to)) : NULL;
}

static void
arf_message_fields(const bn_view *v, bounce_report *r)
{
  char *reporting = feedback_field(v, "Reporting-MTA");
  char *arrival = feedback_field(v, "Arrival-Date");
  if (reporting && r->reporting_mta == NULL) {
    char *semi = strchr(reporting, ';');
    bn_set_str(&r->reporting_mta, semi ? g_strstrip(semi + 1) : reporting);
  }
  if (arrival)
    bn_set_str(&r->arrival_date, arrival);
  g_free(reporting);
  g_free(arrival);
}

bool
bn_arf_extract(const bn_view *v, bounce_report *r)
{
  feedback_form form = form_of(v);
  char *addr = NULL;
  char *type = NULL;
  switch (form) {
  case FB_ARF:
    addr = arf_recipient(v, r);
    type = feedback_field(v, "Feedback-Type");
    arf_message_fields(v, r);
    break;
  case FB_JMRP:
    addr = clean(returned_header(v, "X-HmXmrOriginalRecipient"));
    type = g_strdup("abuse");
    break;
  case FB_APPLE_UNSUBSCRIBE:
    addr = g_strdup(v->from_addr);
    type = g_strdup("opt-out");
    break;
  case FB_NONE:
  default:
    return false;
  }
  /* A complaint about mail to undisclosed recipients still reports one
   * recipient, under the placeholder that says so. */
  bounce_recipient *rc = addr ? bn_report_add(r, addr, BOUNCE_SOURCE_FIELD)
                              : bn_report_add(r, BOUNCE_UNDISCLOSED_RECIPIENT, BOUNCE_SOURCE_DERIVED);
  if (rc) {
    char *t = type ? g_ascii_strdown(type, -1) : NULL;
    bn_set_str(&rc->feedback_type, t);
    g_free(t);
    rc->cause = BOUNCE_CAUSE_FEEDBACK;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_DERIVED;
  }
  r->kind = BOUNCE_KIND_FEEDBACK;
  bn_set_str(&r->mta, "arf");
  g_free(type);
  g_free(addr);
  return true;
}
