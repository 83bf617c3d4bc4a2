/* Amazon SES notifications sent through SNS to an e-mail subscriber ("AWS
 * Notification Message" from no-reply@sns.amazonaws.com): one JSON
 * object, bare or inside SNS's envelope {"Type":"Notification",
 * "Message":"{...}"}:
 *
 *   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
 *    "bounceSubType":"General","bouncedRecipients":[{"emailAddress":...,
 *    "action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 ..."}],
 *    "reportingMTA":"dsn; a27-23.smtp-out..."},"mail":{...,"headers":[...],
 *    "commonHeaders":{...}}}
 *
 * and likewise "Complaint" (complainedRecipients, complaintFeedbackType),
 * "Delivery" (delivery.recipients, smtpResponse) and "DeliveryDelay"
 * (delayedRecipients). Event publishing writes "eventType" for
 * "notificationType". Mail relays often cut the one long JSON line at 990
 * bytes with "!\n " (sendmail's mark), and mail programs wrap it at 76
 * columns, inside a word or a string: both are undone before parsing. A
 * line break is never needed between JSON's tokens, so every one goes. */
#include "mta.h"
#include <json-glib/json-glib.h>
#include <string.h>

/* SES's bounce subtypes that name the cause (AWS's documented values).
 * The content subtypes are SES's guess from the remote reply, whose own
 * words (spam, a virus) say more: they decide only a recipient that came
 * without a diagnosticCode. NoEmail is "the target email address does not
 * exist" (docs.aws.amazon.com/ses/latest/dg/notification-contents.html,
 * bounce types), SES's filing of every reply that says so, the domain's
 * as well as the mailbox's: where the remote's status or words name the
 * host ("550 5.1.2 Host unknown"), the whole domain is gone, which they
 * decide (yields: hostunknown, as hard as userunknown). */
static const struct {
  const char *subtype;
  bounce_cause cause;
  bool unless_said;
  bounce_cause yields;
} subtypes[] = {
  {"NoEmail", BOUNCE_CAUSE_USERUNKNOWN, false, BOUNCE_CAUSE_HOSTUNKNOWN},
  {"Suppressed", BOUNCE_CAUSE_SUPPRESSED, false, BOUNCE_CAUSE_UNDEFINED},
  {"OnAccountSuppressionList", BOUNCE_CAUSE_SUPPRESSED, false, BOUNCE_CAUSE_UNDEFINED},
  {"MailboxFull", BOUNCE_CAUSE_MAILBOXFULL, false, BOUNCE_CAUSE_UNDEFINED},
  {"MessageTooLarge", BOUNCE_CAUSE_MESGTOOBIG, false, BOUNCE_CAUSE_UNDEFINED},
  /* "you may be able to send if you change the content" */
  {"ContentRejected", BOUNCE_CAUSE_CONTENTERROR, true, BOUNCE_CAUSE_UNDEFINED},
  /* "... if you remove or change the attachment" */
  {"AttachmentRejected", BOUNCE_CAUSE_CONTENTERROR, true, BOUNCE_CAUSE_UNDEFINED},
};

#define HEAD 4096

static const char *const keys[] = {"notificationType", "eventType", NULL};

/* A key cut by a mail program's line wrap: the text's head read without
 * its line breaks (the view has only \n). */
static bool
has_key_unwrapped(const GString *text)
{
  char head[HEAD];
  size_t n = 0;
  for (size_t i = 0; i < text->len && n < sizeof head; i++)
    if (text->str[i] != '\n')
      head[n++] = text->str[i];
  return bn_prose_has_any(head, n, keys);
}

static bool
claim(const bn_view *v)
{
  static const char *const sns[] = {"sns.amazonaws.com", NULL};
  size_t head = MIN(v->text->len, HEAD);
  if (memchr(v->text->str, '{', head) == NULL)
    return false;
  if (bn_prose_has_any(v->text->str, head, keys))
    return bn_from_has(v, sns) ||
           bn_strcasestr(v->text->str, MIN(v->text->len, 65536), "sendingAccountId") != NULL;
  return bn_from_has(v, sns) && has_key_unwrapped(v->text);
}

/* SES nests a few levels; deeper input is hostile, and json-glib's parser
 * recurses on nesting. */
#define MAX_DEPTH 32

/* Where a reader of JSON text stands: inside a string (after a backslash)
 * or not, and how deep in objects and arrays. */
typedef struct {
  int depth;
  bool str, esc;
} json_scan;

static void
json_scan_step(json_scan *s, char c)
{
  if (s->str) {
    if (s->esc)
      s->esc = false;
    else if (c == '\\')
      s->esc = true;
    else if (c == '"')
      s->str = false;
  } else if (c == '"') {
    s->str = true;
  } else if (c == '{' || c == '[') {
    s->depth++;
  } else if (c == '}' || c == ']') {
    s->depth--;
  }
}

/* True when the JSON text nests no deeper than MAX_DEPTH. */
static bool
shallow(const char *s)
{
  json_scan st = {0, false, false};
  for (; *s; s++) {
    json_scan_step(&st, *s);
    if (st.depth > MAX_DEPTH)
      return false;
  }
  return true;
}

/* The end of the JSON value that starts at p, just after its closing
 * bracket, or NULL when it does not close before end. Line breaks are a
 * mail program's, even between a backslash and what it escapes. */
static const char *
value_end(const char *p, const char *end)
{
  json_scan st = {0, false, false};
  for (; p < end; p++) {
    if (*p == '\n')
      continue;
    json_scan_step(&st, *p);
    if (st.depth == 0 && !st.str)
      return p + 1;
  }
  return NULL;
}

/* How long a line is: in bytes, and in characters (UTF-8's continuation
 * bytes not counted). A mail program wraps at a count of either. */
typedef struct {
  size_t bytes, chars;
} line_width;

static void
line_width_add(line_width *w, char c)
{
  w->bytes++;
  if (((unsigned char)c & 0xC0) != 0x80)
    w->chars++;
}

/* The widest line of s[0..len), by each count: the column a mail program
 * wrapped the text at, when it did. */
static line_width
longest_line(const char *s, size_t len)
{
  line_width longest = {0, 0};
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &line)) {
    line_width w = {0, 0};
    for (size_t i = 0; i < line.len; i++)
      line_width_add(&w, line.p[i]);
    longest.bytes = MAX(longest.bytes, w.bytes);
    longest.chars = MAX(longest.chars, w.chars);
  }
  return longest;
}

/* SMTP's line limit is 998; sendmail cuts a longer line at 990, Postfix at
 * its smtp_line_length_limit (990, later 998). */
#define SMTP_CUT 990

/* The JSON object that starts at the first '{', with all line breaks
 * removed; NULL when it does not close. Relays cut a line too long for
 * SMTP with "!\n " (sendmail) or "\n " (Postfix): the marks go too. A line
 * break inside a string that ends a line shorter than the object's
 * longest (in bytes and in characters) was a wrap at a space, which the
 * view trimmed from the line's end: the space is put back. One after a
 * full line cut a word. */
static char *
json_object_text(const GString *text)
{
  const char *p = memchr(text->str, '{', text->len);
  const char *end = p ? value_end(p, text->str + text->len) : NULL;
  if (end == NULL)
    return NULL;
  line_width width = longest_line(p, (size_t)(end - p));
  GString *out = g_string_sized_new((size_t)(end - p));
  json_scan st = {0, false, false};
  line_width col = {0, 0};
  for (; p < end; p++) {
    if (p[0] == '!' && end - p >= 3 && p[1] == '\n' && p[2] == ' ') {
      p += 2;
      col = (line_width){1, 1};
      continue;
    }
    if (*p == '\n' && col.bytes >= SMTP_CUT && end - p >= 2 && p[1] == ' ') {
      /* Postfix's cut: its space starts the next line and counts in it,
       * so that line, as long as the first, is cut again, not wrapped */
      p++;
      col = (line_width){1, 1};
      continue;
    }
    if (*p == '\n') {
      /* never between a backslash and what it escapes: no space was there;
       * a line as wide as the widest by either count was full */
      if (st.str && !st.esc && col.bytes < width.bytes && col.chars < width.chars)
        g_string_append_c(out, ' ');
      col = (line_width){0, 0};
      continue;
    }
    line_width_add(&col, *p);
    g_string_append_c(out, *p);
    json_scan_step(&st, *p);
  }
  return g_string_free(out, FALSE);
}

/* o's member name (a JSON null too), or NULL when o is NULL or has none:
 * the notification's fields are all optional. */
static JsonNode *
member(JsonObject *o, const char *name)
{
  return o && json_object_has_member(o, name) ? json_object_get_member(o, name) : NULL;
}

static const char *
member_string(JsonObject *o, const char *name)
{
  JsonNode *n = member(o, name);
  return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
             ? json_node_get_string(n)
             : NULL;
}

static JsonObject *
member_object(JsonObject *o, const char *name)
{
  JsonNode *n = member(o, name);
  return n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

static JsonArray *
member_array(JsonObject *o, const char *name)
{
  JsonNode *n = member(o, name);
  return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

/* "smtp; 550 ..." and "dsn; host": the part after the type. */
static const char *
after_type(const char *s)
{
  const char *semi = s ? strchr(s, ';') : NULL;
  const char *space = s ? strchr(s, ' ') : NULL;
  if (semi == NULL || (space && space < semi))
    return s;
  semi++;
  while (*semi == ' ')
    semi++;
  return semi;
}

static bounce_recipient *
add_address(bounce_report *r, const char *value)
{
  char *addr = value ? bn_address_clean(value, strlen(value)) : NULL;
  bounce_recipient *rc = addr ? bn_report_find(r, addr) : NULL;
  if (addr && rc == NULL)
    rc = bn_report_add(r, addr, BOUNCE_SOURCE_FIELD);
  g_free(addr);
  return rc;
}

/* Whether the recipient's status, or its diagnostic's words, name cause c. */
static bool
remote_names(const bounce_recipient *rc, bounce_cause c)
{
  if (c == BOUNCE_CAUSE_UNDEFINED)
    return false;
  if (rc->status && bn_status_cause(rc->status) == c)
    return true;
  return rc->diagnostic && bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) == c;
}

/* One element of bouncedRecipients or delayedRecipients. */
static void
json_recipient(bounce_report *r, JsonObject *o, const char *action, bounce_cause cause,
               bool unless_said, bounce_cause yields, const char *remote)
{
  bounce_recipient *rc = add_address(r, member_string(o, "emailAddress"));
  if (rc == NULL)
    return;
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, member_string(o, "action"), BOUNCE_SOURCE_FIELD);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_DERIVED);
  const char *status = member_string(o, "status");
  if (status && bn_status_valid(status, strlen(status)))
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_FIELD);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, after_type(member_string(o, "diagnosticCode")),
               BOUNCE_SOURCE_FIELD);
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, member_string(o, "remoteMtaIp"),
               BOUNCE_SOURCE_FIELD);
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, remote, BOUNCE_SOURCE_FIELD);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED && !(unless_said && rc->diagnostic) &&
      !remote_names(rc, yields))
    bn_prose_set_cause(rc, cause);
}

/* The recipients of array a; the remote server's address, which SES gives
 * once for all of them, is the part's remoteMtaIp. */
static void
each_object(JsonObject *part, const char *array, bounce_report *r, const char *action,
            bounce_cause cause, bool unless_said, bounce_cause yields)
{
  JsonArray *a = member_array(part, array);
  const char *remote = member_string(part, "remoteMtaIp");
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    JsonNode *n = json_array_get_element(a, i);
    if (JSON_NODE_HOLDS_OBJECT(n))
      json_recipient(r, json_node_get_object(n), action, cause, unless_said, yields, remote);
  }
}

static void
read_bounce(JsonObject *b, bounce_report *r)
{
  bounce_cause cause = BOUNCE_CAUSE_UNDEFINED;
  bounce_cause yields = BOUNCE_CAUSE_UNDEFINED;
  bool unless_said = false;
  const char *sub = member_string(b, "bounceSubType");
  for (size_t i = 0; sub && i < G_N_ELEMENTS(subtypes); i++)
    if (strcmp(sub, subtypes[i].subtype) == 0) {
      cause = subtypes[i].cause;
      unless_said = subtypes[i].unless_said;
      yields = subtypes[i].yields;
    }
  each_object(b, "bouncedRecipients", r, "failed", cause, unless_said, yields);
}

static void
read_complaint(JsonObject *c, bounce_report *r)
{
  JsonArray *a = member_array(c, "complainedRecipients");
  const char *type = member_string(c, "complaintFeedbackType");
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    JsonNode *n = json_array_get_element(a, i);
    if (!JSON_NODE_HOLDS_OBJECT(n))
      continue;
    bounce_recipient *rc = add_address(r, member_string(json_node_get_object(n), "emailAddress"));
    if (rc == NULL)
      continue;
    char *t = type ? g_ascii_strdown(type, -1) : NULL;
    bn_set_str(&rc->feedback_type, t);
    g_free(t);
    rc->cause = BOUNCE_CAUSE_FEEDBACK;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_FIELD;
  }
  r->kind = BOUNCE_KIND_FEEDBACK;
}

static void
read_delivery(JsonObject *d, bounce_report *r)
{
  JsonArray *a = member_array(d, "recipients");
  const char *answer = member_string(d, "smtpResponse");
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    JsonNode *n = json_array_get_element(a, i);
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING)
      continue;
    bounce_recipient *rc = add_address(r, json_node_get_string(n));
    if (rc == NULL)
      continue;
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delivered", BOUNCE_SOURCE_FIELD);
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, answer, BOUNCE_SOURCE_FIELD);
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, member_string(d, "remoteMtaIp"),
                 BOUNCE_SOURCE_FIELD);
  }
}

/* Message-ID without its angle brackets, as the other readers give it. */
static void
set_original(bounce_report *r, const char *name, const char *value)
{
  if (value == NULL)
    return;
  char *val = bn_squeeze_dup(value, strlen(value));
  size_t len = strlen(val);
  if (g_ascii_strcasecmp(name, "Message-ID") == 0 && len > 2 && val[0] == '<' &&
      val[len - 1] == '>') {
    memmove(val, val + 1, len - 2);
    val[len - 2] = '\0';
  }
  bn_report_set_original(r, name, val);
  g_free(val);
}

/* Whether a is b with sendmail's cut mark in it: "!" and the blank that
 * opened the next line (see json_object_text), where a client joining
 * the lines left them in ("Nya! aan" for "Nyaaan"). */
static bool
cut_mark_in(const char *a, const char *b)
{
  bool cut = false;
  while (*a || *b) {
    if (*a == *b) {
      a++;
      b++;
    } else if (a[0] == '!' && a[1] == ' ') {
      a += 2;
      cut = true;
    } else {
      return false;
    }
  }
  return cut;
}

/* The original's headers: mail.headers [{name, value}], else commonHeaders.
 * The two copies of a field differing only by a cut mark in the first, it
 * is the second's value. */
static void
read_mail(JsonObject *m, const bn_view *v, bounce_report *r)
{
  static const char *const basic[] = {"Message-ID", "From", "To", "Subject", "Date"};
  JsonArray *hs = member_array(m, "headers");
  for (guint i = 0; hs && i < json_array_get_length(hs); i++) {
    JsonNode *n = json_array_get_element(hs, i);
    if (!JSON_NODE_HOLDS_OBJECT(n))
      continue;
    const char *name = member_string(json_node_get_object(n), "name");
    const char *value = member_string(json_node_get_object(n), "value");
    bool wanted = false;
    for (size_t k = 0; name && k < G_N_ELEMENTS(basic); k++)
      wanted |= g_ascii_strcasecmp(name, basic[k]) == 0;
    for (guint k = 0; name && v->opts && v->opts->headers && k < v->opts->headers->len; k++)
      wanted |= g_ascii_strcasecmp(name, g_ptr_array_index(v->opts->headers, k)) == 0;
    if (wanted && bn_report_original(r, name)[0] == '\0')
      set_original(r, name, value);
  }
  JsonObject *common = member_object(m, "commonHeaders");
  static const struct {
    const char *key, *header;
  } fields[] = {{"messageId", "Message-ID"}, {"subject", "Subject"}, {"date", "Date"},
                 {"from", "From"}, {"to", "To"}};
  for (size_t i = 0; common && i < G_N_ELEMENTS(fields); i++) {
    const char *s = member_string(common, fields[i].key);
    JsonArray *list = member_array(common, fields[i].key);
    if (s == NULL && list && json_array_get_length(list) > 0 &&
        JSON_NODE_HOLDS_VALUE(json_array_get_element(list, 0)))
      s = json_array_get_string_element(list, 0);
    const char *had = bn_report_original(r, fields[i].header);
    if (had[0] == '\0' || (s && cut_mark_in(had, s)))
      set_original(r, fields[i].header, s);
  }
}

static bool
read_json(const bn_view *v, bounce_report *r)
{
  char *text = json_object_text(v->text);
  if (text == NULL)
    return false;
  JsonParser *parser = json_parser_new();
  JsonParser *inner = NULL;
  bool ok = shallow(text) && json_parser_load_from_data(parser, text, -1, NULL);
  JsonNode *root = ok ? json_parser_get_root(parser) : NULL;
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
  const char *message = member_string(o, "Message");
  if (message) {
    /* SNS's envelope: the notification is a JSON string inside it */
    inner = json_parser_new();
    root = shallow(message) && json_parser_load_from_data(inner, message, -1, NULL)
               ? json_parser_get_root(inner)
               : NULL;
    o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
  }
  const char *type = member_string(o, "notificationType");
  if (type == NULL)
    type = member_string(o, "eventType");
  JsonObject *part = NULL;
  if (type && strcmp(type, "Bounce") == 0 && (part = member_object(o, "bounce")))
    read_bounce(part, r);
  else if (type && strcmp(type, "Complaint") == 0 && (part = member_object(o, "complaint")))
    read_complaint(part, r);
  else if (type && strcmp(type, "Delivery") == 0 && (part = member_object(o, "delivery")))
    read_delivery(part, r);
  else if (type && strcmp(type, "DeliveryDelay") == 0 &&
           (part = member_object(o, "deliveryDelay")))
    each_object(part, "delayedRecipients", r, "delayed", BOUNCE_CAUSE_UNDEFINED, false,
                BOUNCE_CAUSE_UNDEFINED);
  if (part && r->reporting_mta == NULL)
    bn_set_str(&r->reporting_mta, after_type(member_string(part, "reportingMTA")));
  if (part && member_object(o, "mail"))
    read_mail(member_object(o, "mail"), v, r);
  if (inner)
    g_object_unref(inner);
  g_object_unref(parser);
  g_free(text);
  return bn_report_count(r) > 0;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) > 0 || !read_json(v, r))
    return false;
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_amazonses_answer(bn_report_rcpt(r, i));
  return true;
}

const bn_mta bn_mta_amazonses_sns = {"amazonses", claim, extract};
