/* Feedback reports: RFC 5965 ARF (an abuse complaint, opt-out or
 * authentication failure report about a message the sender sent), and the
 * non-ARF forms complaints come in: Microsoft's JMRP complaints (the
 * complained-about message attached, its recipient in
 * X-HmXmrOriginalRecipient), Apple Mail's one-click unsubscribe
 * (X-Apple-Unsubscribe: true, sent by the recipient's own client) and
 * X-ARF spam reports (x-arf.org: "X-ARF: YES", a multipart/mixed whose
 * second part holds the report's "Report-Type: spam" and whose third the
 * spam). A SpamCop report is none: plain text that names no recipient
 * (SpamCop masks it), nothing a list manager could act on. */
#include "private.h"
#include <string.h>

typedef enum {
  FB_NONE,
  FB_ARF,
  FB_ARF_BATCH,
  FB_JMRP,
  FB_APPLE_UNSUBSCRIBE,
  FB_XARF_SPAM
} feedback_form;

static char *feedback_field(const bn_view *v, const char *name);
static char *returned_address(const bn_view *v, const char *name);

/* The non-ARF forms are a complainant's own mail, no delivery report: a
 * mail system's notice returning one (a bounce of a report sent to an
 * address that does not exist) is a bounce, whatever its subject or
 * copied header says. */
static bool
complainant_mail(const bn_view *v)
{
  return v->report_type[0] == '\0' && v->dsn->len == 0 && !bn_view_from_mailer(v);
}

/* An X-ARF report about spam: the schema of a complaint about a message
 * (the other X-ARF report types are about attacks, hosts and sites). */
static bool
xarf_spam(const bn_view *v)
{
  const char *xarf = bn_view_header(v, "X-ARF");
  if (xarf == NULL || g_ascii_strncasecmp(xarf, "yes", 3) != 0 || !complainant_mail(v))
    return false;
  char *type = feedback_field(v, "Report-Type");
  bool spam = type && g_ascii_strcasecmp(type, "spam") == 0;
  g_free(type);
  return spam;
}

/* The sender of JMRP's "RFC822 Attachment" complaints (Microsoft's JMRP
 * partner FAQ), whose older ones stamp no X-HmXmrOriginalRecipient on
 * the message. */
static bool
jmrp_sender(const bn_view *v)
{
  return v->from_addr && g_ascii_strcasecmp(v->from_addr, "staff@hotmail.com") == 0;
}

/* Most parts of a batch looked at. */
enum { BATCH_MAX = 16 };

static bool
of_type(GMimeObject *o, const char *type, const char *subtype)
{
  return g_mime_content_type_is_type(g_mime_object_get_content_type(o), type, subtype);
}

/* Whether the notice goes to the attached message's sender: a bounce
 * returns a report it could not deliver to the address that sent it, while
 * a relayed batch goes, as its reports went, to their recipient. */
static bool
sent_back(const bn_view *v, const char *sender)
{
  InternetAddressList *to = g_mime_message_get_to(v->msg);
  for (int i = 0; sender && to && i < internet_address_list_length(to); i++) {
    InternetAddress *ia = internet_address_list_get_address(to, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(ia) &&
        g_ascii_strcasecmp(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)),
                           sender) == 0)
      return true;
  }
  return false;
}

/* The message/feedback-report part of an attached message that is a
 * feedback report sent from the batch's own address, or from any address
 * when the batch came with the null envelope sender (a relay rewrote the
 * provider's From to its own MAILER-DAEMON) and not back to the report's
 * sender (a bounce of the report), or NULL: a provider batches its own
 * reports; a person forwarding reports sends them from another address,
 * never with the null sender. */
static GMimePart *
batched_report(const bn_view *v, GMimeObject *o)
{
  GMimeMessage *inner =
      GMIME_IS_MESSAGE_PART(o) ? g_mime_message_part_get_message(GMIME_MESSAGE_PART(o)) : NULL;
  GMimeObject *body = inner ? g_mime_message_get_mime_part(inner) : NULL;
  if (body == NULL || !GMIME_IS_MULTIPART(body) || !of_type(body, "multipart", "report"))
    return NULL;
  const char *rt =
      g_mime_content_type_get_parameter(g_mime_object_get_content_type(body), "report-type");
  InternetAddressList *from = g_mime_message_get_from(inner);
  InternetAddress *ia = from && internet_address_list_length(from) > 0
                            ? internet_address_list_get_address(from, 0)
                            : NULL;
  const char *addr = ia && INTERNET_ADDRESS_IS_MAILBOX(ia)
                         ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))
                         : NULL;
  if (rt == NULL || g_ascii_strcasecmp(rt, "feedback-report") != 0)
    return NULL;
  if ((addr == NULL || g_ascii_strcasecmp(addr, v->from_addr) != 0) &&
      !(bn_view_null_sender(v) && !sent_back(v, addr)))
    return NULL;
  GMimeMultipart *mp = GMIME_MULTIPART(body);
  for (int i = 0; i < g_mime_multipart_get_count(mp) && i < BATCH_MAX; i++) {
    GMimeObject *p = g_mime_multipart_get_part(mp, i);
    if (GMIME_IS_PART(p) && of_type(p, "message", "feedback-report"))
      return GMIME_PART(p);
  }
  return NULL;
}

/* The report parts of a batch: a multipart/mixed, itself no report, whose
 * attached messages are feedback reports. RFC 5965 makes one report of one
 * message (its Incidents field counts repeats); some providers send several
 * at once so, each a report of its own. */
static GPtrArray *
batched_reports(const bn_view *v)
{
  GPtrArray *parts = g_ptr_array_new();
  /* a gateway's footer part may follow the batch (view.c footed_notice) */
  GMimeObject *body = v->notice;
  if (v->report_type[0] || v->dsn->len || body == NULL || !GMIME_IS_MULTIPART(body) ||
      !of_type(body, "multipart", "mixed"))
    return parts;
  GMimeMultipart *mp = GMIME_MULTIPART(body);
  for (int i = 0; i < g_mime_multipart_get_count(mp) && i < BATCH_MAX; i++) {
    GMimePart *report = batched_report(v, g_mime_multipart_get_part(mp, i));
    if (report)
      g_ptr_array_add(parts, report);
  }
  return parts;
}

/* A JMRP complaint: the complainant's mail returning a message stamped
 * with the complaining mailbox, or any message from JMRP's sender. The
 * message may come whole or as its headers only (text/rfc822-headers, as
 * relays and size-limited copies carry it): the stamp is in the headers. */
static bool
jmrp(const bn_view *v)
{
  if (!complainant_mail(v))
    return false;
  char *stamp = returned_address(v, "X-HmXmrOriginalRecipient");
  bool stamped = stamp != NULL;
  g_free(stamp);
  return stamped || ((v->returned || v->returned_headers->len) && jmrp_sender(v));
}

static feedback_form
form_of(const bn_view *v)
{
  if (g_ascii_strcasecmp(v->report_type, "feedback-report") == 0 || v->feedback->len > 0)
    return FB_ARF;
  /* A delivery report returning a message that bears the header (one
   * redirected out of an Outlook.com mailbox) is a bounce: JMRP attaches
   * its message to a plain multipart/mixed sent from staff@hotmail.com;
   * the non-DSN bounces that attach theirs (Exchange's, Domino's) come from
   * a mail system's address. */
  if (jmrp(v))
    return FB_JMRP;
  const char *apple = bn_view_header(v, "X-Apple-Unsubscribe");
  if (apple && g_ascii_strncasecmp(apple, "true", 4) == 0)
    return FB_APPLE_UNSUBSCRIBE;
  if (xarf_spam(v))
    return FB_XARF_SPAM;
  GPtrArray *batch = batched_reports(v);
  bool batched = batch->len > 0;
  g_ptr_array_free(batch, TRUE);
  return batched ? FB_ARF_BATCH : FB_NONE;
}

bool
bn_arf_claim(const bn_view *v)
{
  return form_of(v) != FB_NONE;
}

/* Where the report's fields are: its message/feedback-report part (or its
 * second part, labelled text/plain by some generators), else, when no part
 * holds them apart, the report's text. */
static const GString *
feedback_fields(const bn_view *v)
{
  return v->feedback->len ? v->feedback : v->text;
}

/* The values of field name in the report's fields, squeezed, in order;
 * stops after the first when only_first. */
static GPtrArray *
field_values(const GString *fields, const char *name, bool only_first)
{
  GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
  bn_lines it;
  bn_span line, n, val;
  bn_lines_init(&it, fields->str, fields->len);
  while (bn_lines_next(&it, &line) && !(only_first && values->len))
    if (bn_dsn_field(&line, &n, &val) && n.len == strlen(name) &&
        g_ascii_strncasecmp(n.p, name, n.len) == 0) {
      bn_dsn_value_unfold(&it, &val);
      g_ptr_array_add(values, bn_squeeze_dup(val.p, val.len));
    }
  return values;
}

/* The value of field name in fields, squeezed, or NULL. */
static char *
first_field(const GString *fields, const char *name)
{
  GPtrArray *values = field_values(fields, name, true);
  char *value = values->len ? g_strdup(g_ptr_array_index(values, 0)) : NULL;
  g_ptr_array_free(values, TRUE);
  return value;
}

/* The value of field name in the report's fields, squeezed, or NULL. */
static char *
feedback_field(const bn_view *v, const char *name)
{
  return first_field(feedback_fields(v), name);
}

static char *
clean(const char *s)
{
  return s ? bn_address_clean(s, strlen(s)) : NULL;
}

/* The address in the returned message's header name, whether the report
 * returns the whole message or its headers only (RFC 6591 reports mostly
 * do), or NULL. */
static char *
returned_address(const bn_view *v, const char *name)
{
  char *value = bn_view_returned_header(v, name);
  char *addr = clean(value);
  g_free(value);
  return addr;
}

/* Most addresses of a To compared. */
enum { TO_COMPARED = 8 };

/* to lists more than one address: the same one written twice ("bob@...,
 * Bob <bob@...>") is still one recipient. */
static bool
names_several(const char *to)
{
  GPtrArray *listed = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(to, TO_COMPARED, listed);
  bool several = false;
  for (guint i = 1; i < listed->len && !several; i++)
    several = g_ascii_strcasecmp(g_ptr_array_index(listed, 0), g_ptr_array_index(listed, i)) != 0;
  g_ptr_array_free(listed, TRUE);
  return several;
}

/* The address of the receiving system's stamp named name, when the host
 * the message last came to wrote it (a delivery agent prepends its stamp
 * above every Received: Postfix's mail_copy(), MAIL_COPY_DELIVERED and
 * MAIL_COPY_ORIG_RCPT); or NULL. */
static char *
last_hop_stamp(const bn_view *v, const char *name)
{
  return bn_view_returned_header_above(v, name, "Received") ? returned_address(v, name) : NULL;
}

/* The recipient the returned message names. Outlook.com's reports name
 * none in their fields but stamp the complaining mailbox on the message
 * (X-HmXmrOriginalRecipient), which is right where the To is a list's or
 * another recipient's address. Else the To's, and where it lists several,
 * the one the receiving system stamped as this copy's recipient
 * (X-Original-To, the address as the sender wrote it, before aliases;
 * else Delivered-To). A message sent Bcc or to undisclosed recipients names
 * its recipient only in that stamp, and then only one the receiving host
 * wrote: a stamp under a Received was there before the last hop, written
 * where a list or a forwarder took the message in, and names that hop's
 * address (a list's), not the complainant's. */
static char *
returned_recipient(const bn_view *v, const bounce_report *r)
{
  char *addr = returned_address(v, "X-HmXmrOriginalRecipient");
  if (addr)
    return addr;
  char *stamp = returned_address(v, "X-Original-To");
  if (stamp == NULL)
    stamp = returned_address(v, "Delivered-To");
  const char *to = bn_original_addressees(r, "To");
  addr = to[0] ? bn_find_address(to, strlen(to)) : NULL;
  /* a To of several addresses names no one complainant: RFC 5965 names the
   * recipient in Original-Rcpt-To (the RCPT TO), and where a provider
   * redacts it the To's first address is a guess */
  if (names_several(to))
    g_clear_pointer(&addr, g_free);
  bool stamp_listed = addr && stamp && g_ascii_strcasecmp(addr, stamp) != 0 &&
                      bn_names_whole(to, strlen(to), stamp, bn_address_byte, false);
  if (addr == NULL && stamp && !bn_names_whole(to, strlen(to), stamp, bn_address_byte, false)) {
    /* a stamp the To does not back names the recipient only where the
     * last host wrote it */
    g_free(stamp);
    stamp = last_hop_stamp(v, "X-Original-To");
    if (stamp == NULL)
      stamp = last_hop_stamp(v, "Delivered-To");
  }
  if (addr == NULL || stamp_listed) {
    g_free(addr);
    return stamp;
  }
  g_free(stamp);
  return addr;
}

/* The address of a recipient field's value: RFC 5965 lets CFWS stand
 * around its addr-spec, so a comment may follow the address
 * ("reader@example.net (complainant)"), which GMime's address parser
 * reads past. */
static char *
field_address(const char *value)
{
  char *addr = clean(value);
  if (addr)
    return addr;
  GPtrArray *parsed = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(value, 1, parsed);
  addr = parsed->len ? clean(g_ptr_array_index(parsed, 0)) : NULL;
  g_ptr_array_free(parsed, TRUE);
  return addr;
}

/* The complained-about recipients a report's fields name: every address of
 * the first field that names any (RFC 5965 lets Original-Rcpt-To appear
 * once per recipient of the message). */
static GPtrArray *
named_recipients(const GString *text)
{
  static const char *const fields[] = {"Original-Rcpt-To", "Removal-Recipient"};
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < G_N_ELEMENTS(fields) && addrs->len == 0; i++) {
    GPtrArray *values = field_values(text, fields[i], false);
    for (guint j = 0; j < values->len; j++) {
      char *addr = field_address(g_ptr_array_index(values, j));
      if (addr)
        g_ptr_array_add(addrs, addr);
    }
    g_ptr_array_free(values, TRUE);
  }
  return addrs;
}

/* Those, else the one the returned message names. */
static GPtrArray *
arf_recipients(const bn_view *v, const bounce_report *r)
{
  GPtrArray *addrs = named_recipients(feedback_fields(v));
  char *addr = addrs->len ? NULL : returned_recipient(v, r);
  if (addr)
    g_ptr_array_add(addrs, addr);
  return addrs;
}

static void
arf_message_fields(const bn_view *v, bounce_report *r)
{
  char *reporting = feedback_field(v, "Reporting-MTA");
  char *arrival = feedback_field(v, "Arrival-Date");
  if (reporting && r->reporting_mta == NULL) {
    char *semi = strchr(reporting, ';');
    /* a comment after the host ("(MyMTA 1.0)") goes when the report is
     * finished (report.c's host_or_unknown keeps the first word) */
    bn_set_str(&r->reporting_mta, semi ? g_strstrip(semi + 1) : reporting);
  }
  if (arrival)
    bn_set_str(&r->arrival_date, arrival);
  g_free(reporting);
  g_free(arrival);
}

/* The Feedback-Type's token: RFC 5965 lets a comment stand before it
 * ("(spam button) abuse") or after it ("abuse (spam button)"). */
static char *
feedback_type(const GString *fields)
{
  char *type = first_field(fields, "Feedback-Type");
  if (type == NULL)
    return NULL;
  const char *p = type;
  while (*p == '(' || *p == ' ' || *p == '\t') {
    const char *close = *p == '(' ? strchr(p, ')') : p;
    if (close == NULL)
      break;
    p = close + 1;
  }
  char *token = g_strndup(p, strcspn(p, " \t(;"));
  g_free(type);
  return token;
}

/* A complaint about mail to undisclosed recipients still reports one
 * recipient, under the placeholder that says so. */
static void
add_complaint(bounce_report *r, const char *addr, const char *type)
{
  if (addr && bn_report_find(r, addr))
    return;
  bounce_recipient *rc = addr ? bn_report_add(r, addr, BOUNCE_SOURCE_FIELD)
                              : bn_report_add(r, BOUNCE_UNDISCLOSED_RECIPIENT, BOUNCE_SOURCE_DERIVED);
  if (rc == NULL)
    return;
  bn_set_str(&rc->feedback_type, type);
  rc->cause = BOUNCE_CAUSE_FEEDBACK;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_DERIVED;
}

/* addr, when there is one, as a list of its own. */
static GPtrArray *
address_list(char *addr)
{
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  if (addr)
    g_ptr_array_add(addrs, addr);
  return addrs;
}

/* Each report of a batch: its type and the recipients its fields name, or
 * the placeholder where it names none (its returned message is not read:
 * the batch's own To and stamps are no report's). */
static void
extract_batch(const bn_view *v, bounce_report *r)
{
  GPtrArray *parts = batched_reports(v);
  size_t max_line = bn_limit(v->opts, BOUNCE_LIMIT_LINE_LENGTH);
  for (guint i = 0; i < parts->len; i++) {
    GString *fields = g_string_new(NULL);
    bn_part_text(g_ptr_array_index(parts, i), fields, 16384, max_line, NULL);
    GPtrArray *addrs = named_recipients(fields);
    char *type = feedback_type(fields);
    char *t = type ? g_ascii_strdown(type, -1) : NULL;
    if (addrs->len == 0)
      add_complaint(r, NULL, t);
    for (guint j = 0; j < addrs->len; j++)
      add_complaint(r, g_ptr_array_index(addrs, j), t);
    g_free(t);
    g_free(type);
    g_ptr_array_free(addrs, TRUE);
    g_string_free(fields, TRUE);
  }
  g_ptr_array_free(parts, TRUE);
}

bool
bn_arf_extract(const bn_view *v, bounce_report *r)
{
  feedback_form form = form_of(v);
  GPtrArray *addrs = NULL;
  char *type = NULL;
  switch (form) {
  case FB_ARF:
    addrs = arf_recipients(v, r);
    type = feedback_type(feedback_fields(v));
    arf_message_fields(v, r);
    break;
  case FB_JMRP:
    addrs = address_list(returned_recipient(v, r));
    type = g_strdup("abuse");
    break;
  case FB_XARF_SPAM:
    /* the spam's recipient, as X-ARF names none in its report */
    addrs = address_list(returned_recipient(v, r));
    type = g_strdup("abuse");
    break;
  case FB_APPLE_UNSUBSCRIBE:
    addrs = address_list(g_strdup(v->from_mailbox));
    type = g_strdup("opt-out");
    break;
  case FB_ARF_BATCH:
    extract_batch(v, r);
    r->kind = BOUNCE_KIND_FEEDBACK;
    bn_set_str(&r->mta, "arf");
    return true;
  case FB_NONE:
  default:
    return false;
  }
  char *t = type ? g_ascii_strdown(type, -1) : NULL;
  if (addrs->len == 0)
    add_complaint(r, NULL, t);
  for (guint i = 0; i < addrs->len; i++)
    add_complaint(r, g_ptr_array_index(addrs, i), t);
  r->kind = BOUNCE_KIND_FEEDBACK;
  bn_set_str(&r->mta, "arf");
  g_free(t);
  g_free(type);
  g_ptr_array_free(addrs, TRUE);
  return true;
}
