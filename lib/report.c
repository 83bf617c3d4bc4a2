/* The report and recipient objects: building them inside the library, and
 * the read-only accessors of the public API. */
#include "private.h"
#include <stdarg.h>
#include <string.h>

#define S(x) ((x) ? (x) : "")

static void
recipient_free(gpointer p)
{
  bounce_recipient *rc = p;
  g_free(rc->address);
  g_free(rc->original_recipient);
  g_free(rc->actual_recipient);
  g_free(rc->display_name);
  g_free(rc->status_comment);
  g_free(rc->action);
  g_free(rc->status);
  g_free(rc->smtp_command);
  g_free(rc->remote_mta);
  g_free(rc->prose_host);
  g_free(rc->diagnostic);
  g_free(rc->last_attempt_date);
  g_free(rc->will_retry_until);
  g_free(rc->feedback_type);
  g_free(rc);
}

/* The address index ignores ASCII case, as the addresses do (see
 * fold_address): hashing and comparing folded bytes spares every lookup a
 * lower-cased copy of its address. */
static guint
address_hash(gconstpointer key)
{
  guint h = 5381;
  for (const char *p = key; *p; p++)
    h = (h << 5) + h + (guint8)bn_ascii_lower(*p);
  return h;
}

static gboolean
address_equal(gconstpointer a, gconstpointer b)
{
  const char *p = a, *q = b;
  for (; bn_ascii_lower(*p) == bn_ascii_lower(*q); p++, q++)
    if (*p == '\0')
      return TRUE;
  return FALSE;
}

bounce_report *
bn_report_new(const bounce_options *opts)
{
  bounce_report *r = g_new0(bounce_report, 1);
  r->recipients = g_ptr_array_new_with_free_func(recipient_free);
  r->original = g_ptr_array_new_with_free_func(g_free);
  r->warnings = g_ptr_array_new_with_free_func(g_free);
  r->max_recipients = bn_limit(opts, BOUNCE_LIMIT_RECIPIENTS);
  r->by_address = g_hash_table_new_full(address_hash, address_equal, g_free, NULL);
  return r;
}

void
bounce_report_free(bounce_report *report)
{
  if (report == NULL)
    return;
  g_free(report->mta);
  g_free(report->reporting_mta);
  g_free(report->arrival_date);
  g_ptr_array_free(report->recipients, TRUE);
  g_ptr_array_free(report->original, TRUE);
  g_ptr_array_free(report->warnings, TRUE);
  g_free(report->original_cut);
  g_hash_table_destroy(report->by_address);
  g_free(report);
}

/* bounce.h promises UTF-8. Text is made valid when it is decoded, but a
 * value cut at a limit or taken from a raw header could end inside a
 * character: every value is checked once, when the report is done. */
static void
valid_utf8(char **slot)
{
  /* most values are ASCII: strlen and a test eight bytes at a time are
   * cheaper than g_utf8_validate's walk of one byte at a time */
  if (*slot == NULL || bn_plain_ascii(*slot, strlen(*slot)) || g_utf8_validate(*slot, -1, NULL))
    return;
  char *ok = g_utf8_make_valid(*slot, -1);
  g_free(*slot);
  *slot = ok;
}

/* The reporting MTA names a host (RFC 3464's dns type, RFC 8098's
 * ua-name): a name, an IP or an address literal, its first word (a
 * comment may follow it: "mail.example.net (Dovecot)"). A name with a
 * byte no host name has is a generator's fault, not a host: Pigeonhole's
 * sieve rejection once wrote its format's "%s" unfilled ("Reporting-UA:
 * %s; Dovecot Mail Delivery Agent"). Such a value is unknown, as bounce.h
 * says an unknown value reads, not passed on. Bytes past ASCII are an
 * internationalised name's. */
static void
host_or_unknown(char **slot)
{
  if (*slot == NULL)
    return;
  char *p = *slot;
  while (*p == ' ' || *p == '\t')
    p++;
  size_t n = strcspn(p, " \t");
  for (size_t i = 0; i < n; i++)
    if (!((unsigned char)p[i] >= 0x80 || g_ascii_isalnum(p[i]) || strchr("-._:[]", p[i]))) {
      g_clear_pointer(slot, g_free);
      return;
    }
  memmove(*slot, p, n);
  (*slot)[n] = '\0';
}

/* A recipient's address is given in lower case, local part too: mail
 * systems treat local parts without regard to case (RFC 5321 2.4 asks
 * receivers not to define mailboxes that differ only in case), and the
 * lists that act on a bounce look an address up that way. Only ASCII
 * letters change: a UTF-8 local part keeps its other characters. The
 * report's index ignores ASCII case already, so it stays right. */
static void
fold_address(char *address)
{
  for (char *p = address; p && *p; p++)
    *p = bn_ascii_lower(*p);
}

static void
valid_utf8_all(GPtrArray *a)
{
  for (guint i = 0; i < a->len; i++)
    valid_utf8((char **)&a->pdata[i]);
}

void
bn_report_make_valid(bounce_report *r)
{
  valid_utf8(&r->mta);
  host_or_unknown(&r->reporting_mta);
  valid_utf8(&r->reporting_mta);
  valid_utf8(&r->arrival_date);
  valid_utf8_all(r->original);
  valid_utf8_all(r->warnings);
  for (guint i = 0; i < r->recipients->len; i++) {
    bounce_recipient *rc = r->recipients->pdata[i];
    const char *address = rc->address;
    valid_utf8(&rc->address);
    if (rc->address != address) /* mended: the index holds the old key */
      r->index_stale = true;
    fold_address(rc->address);
    char **fields[] = {&rc->original_recipient, &rc->actual_recipient, &rc->display_name,
                       &rc->status_comment, &rc->action, &rc->status, &rc->smtp_command, &rc->remote_mta,
                       &rc->diagnostic, &rc->last_attempt_date, &rc->will_retry_until,
                       &rc->feedback_type};
    for (size_t f = 0; f < G_N_ELEMENTS(fields); f++)
      valid_utf8(fields[f]);
  }
}

void
bn_set_str(char **slot, const char *value)
{
  bn_set_strn(slot, value, value ? strlen(value) : 0);
}

void
bn_set_strn(char **slot, const char *value, size_t len)
{
  char *old = *slot;
  *slot = (value && len) ? g_strndup(value, len) : NULL;
  g_free(old);
}

bounce_recipient *
bn_report_add(bounce_report *r, const char *address, bounce_source src)
{
  if (r->recipients->len >= r->max_recipients) {
    r->truncated = true;
    return NULL;
  }
  bounce_recipient *rc = g_new0(bounce_recipient, 1);
  rc->cause = BOUNCE_CAUSE_UNDEFINED;
  rc->owner = r;
  g_ptr_array_add(r->recipients, rc);
  bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, address, src);
  return rc;
}

/* The address index makes a report of many recipients cost linear time:
 * every recognizer looks a recipient up before adding it. */
static void
index_put(bounce_report *r, bounce_recipient *rc)
{
  if (rc->address == NULL || r->index_stale)
    return;
  if (!g_hash_table_contains(r->by_address, rc->address))
    g_hash_table_insert(r->by_address, g_strdup(rc->address), rc);
}

static void
index_rebuild(bounce_report *r)
{
  g_hash_table_remove_all(r->by_address);
  r->index_stale = false;
  for (guint i = 0; i < r->recipients->len; i++)
    index_put(r, g_ptr_array_index(r->recipients, i));
}

bounce_recipient *
bn_report_find(const bounce_report *r, const char *address)
{
  if (address == NULL || *address == '\0')
    return NULL;
  bounce_report *w = (bounce_report *)r; /* the index is a cache */
  if (w->index_stale)
    index_rebuild(w);
  return g_hash_table_lookup(r->by_address, address);
}

bool
bn_same_original(const char *a, const char *b)
{
  return a == NULL || b == NULL || g_ascii_strcasecmp(a, b) == 0;
}

bounce_recipient *
bn_report_find_for(const bounce_report *r, const char *address, const char *original)
{
  bounce_recipient *rc = bn_report_find(r, address);
  if (rc == NULL || bn_same_original(rc->original_recipient, original))
    return rc;
  /* rare: the same address reported for several original recipients */
  for (size_t i = 0; i < r->recipients->len; i++) {
    rc = g_ptr_array_index(r->recipients, i);
    if (rc->address && g_ascii_strcasecmp(rc->address, address) == 0 &&
        bn_same_original(rc->original_recipient, original))
      return rc;
  }
  return NULL;
}

bounce_recipient *
bn_report_rcpt(const bounce_report *r, size_t i)
{
  return i < r->recipients->len ? g_ptr_array_index(r->recipients, i) : NULL;
}

size_t
bn_report_count(const bounce_report *r)
{
  return r->recipients->len;
}

size_t
bn_report_work(const bounce_report *r)
{
  return r->work;
}

void
bn_report_remove(bounce_report *r, size_t i)
{
  if (i < r->recipients->len) {
    g_ptr_array_remove_index(r->recipients, i);
    r->index_stale = true;
  }
}

void
bn_report_clear(bounce_report *r)
{
  g_ptr_array_set_size(r->recipients, 0);
  r->index_stale = true;
}

GPtrArray *
bn_report_take(bounce_report *r)
{
  GPtrArray *taken = r->recipients;
  r->recipients = g_ptr_array_new_with_free_func(recipient_free);
  r->index_stale = true;
  return taken;
}

void
bn_report_put_back(bounce_report *r, GPtrArray *taken)
{
  g_ptr_array_free(r->recipients, TRUE);
  r->recipients = taken;
  r->index_stale = true;
}

void
bn_report_warn(bounce_report *r, const char *fmt, ...)
{
  va_list ap;
  if (r == NULL || r->warnings->len >= 32) /* a bounded list: hostile input can repeat a fault */
    return;
  va_start(ap, fmt);
  char *w = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  for (guint i = 0; i < r->warnings->len; i++)
    if (strcmp(g_ptr_array_index(r->warnings, i), w) == 0) {
      g_free(w);
      return;
    }
  g_ptr_array_add(r->warnings, w);
}

void
bn_report_take_original(bounce_report *r, const char *name, char *value)
{
  if (value == NULL || *value == '\0') {
    g_free(value);
    return;
  }
  for (guint i = 0; i + 1 < r->original->len; i += 2)
    if (g_ascii_strcasecmp(g_ptr_array_index(r->original, i), name) == 0) {
      g_free(g_ptr_array_index(r->original, i + 1));
      g_ptr_array_index(r->original, i + 1) = value;
      return;
    }
  g_ptr_array_add(r->original, g_strdup(name));
  g_ptr_array_add(r->original, value);
}

void
bn_report_set_original(bounce_report *r, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    bn_report_take_original(r, name, g_strdup(value));
}

const char *
bn_report_original(const bounce_report *r, const char *name)
{
  if (r == NULL || name == NULL)
    return "";
  for (guint i = 0; i + 1 < r->original->len; i += 2)
    if (g_ascii_strcasecmp(g_ptr_array_index(r->original, i), name) == 0)
      return g_ptr_array_index(r->original, i + 1);
  return "";
}

static char **
field_slot(bounce_recipient *rc, bounce_field f)
{
  switch (f) {
  case BOUNCE_FIELD_ADDRESS: return &rc->address;
  case BOUNCE_FIELD_ACTION: return &rc->action;
  case BOUNCE_FIELD_STATUS: return &rc->status;
  case BOUNCE_FIELD_SMTP_COMMAND: return &rc->smtp_command;
  case BOUNCE_FIELD_REMOTE_MTA: return &rc->remote_mta;
  case BOUNCE_FIELD_DIAGNOSTIC: return &rc->diagnostic;
  case BOUNCE_FIELD_REPLY_CODE:
  case BOUNCE_FIELD_CAUSE:
  default: return NULL;
  }
}

void
bn_rcpt_set(bounce_recipient *rc, bounce_field f, const char *value, bounce_source src)
{
  char **slot = rc ? field_slot(rc, f) : NULL;
  if (slot == NULL || value == NULL || *value == '\0')
    return;
  bool readdress = f == BOUNCE_FIELD_ADDRESS && *slot != NULL;
  bn_set_str(slot, value);
  rc->source[f] = (guint8)src;
  if (f == BOUNCE_FIELD_ADDRESS && rc->owner) {
    if (readdress)
      rc->owner->index_stale = true;
    else
      index_put(rc->owner, rc);
  }
}

void
bn_rcpt_fill(bounce_recipient *rc, bounce_field f, const char *value, bounce_source src)
{
  char **slot = rc ? field_slot(rc, f) : NULL;
  if (slot && *slot == NULL)
    bn_rcpt_set(rc, f, value, src);
}

const char *
bn_rcpt_get(const bounce_recipient *rc, bounce_field f)
{
  char **slot = field_slot((bounce_recipient *)rc, f);
  return slot && *slot ? *slot : "";
}

void
bn_rcpt_set_reply_code(bounce_recipient *rc, int code, bounce_source src)
{
  if (rc == NULL || code < 200 || code > 599)
    return;
  rc->reply_code = code;
  rc->source[BOUNCE_FIELD_REPLY_CODE] = (guint8)src;
}

/* ---- public accessors ---- */

bounce_kind
bounce_report_get_kind(const bounce_report *report)
{
  return report ? report->kind : BOUNCE_KIND_NONE;
}

const char *
bounce_report_get_mta(const bounce_report *report)
{
  return report ? S(report->mta) : "";
}

const char *
bounce_report_get_reporting_mta(const bounce_report *report)
{
  return report ? S(report->reporting_mta) : "";
}

const char *
bounce_report_get_arrival_date(const bounce_report *report)
{
  return report ? S(report->arrival_date) : "";
}

size_t
bounce_report_get_recipient_count(const bounce_report *report)
{
  return report ? report->recipients->len : 0;
}

const bounce_recipient *
bounce_report_get_recipient(const bounce_report *report, size_t index)
{
  return report ? bn_report_rcpt(report, index) : NULL;
}

const char *
bounce_report_get_original_message_id(const bounce_report *report)
{
  return bn_report_original(report, "Message-ID");
}

const char *
bounce_report_get_original_from(const bounce_report *report)
{
  return bn_report_original(report, "From");
}

const char *
bounce_report_get_original_to(const bounce_report *report)
{
  return bn_report_original(report, "To");
}

const char *
bounce_report_get_original_subject(const bounce_report *report)
{
  return bn_report_original(report, "Subject");
}

const char *
bounce_report_get_original_date(const bounce_report *report)
{
  return bn_report_original(report, "Date");
}

const char *
bounce_report_get_original_header(const bounce_report *report, const char *name)
{
  return bn_report_original(report, name);
}

int
bounce_report_is_truncated(const bounce_report *report)
{
  return report && report->truncated;
}

size_t
bounce_report_get_warning_count(const bounce_report *report)
{
  return report ? report->warnings->len : 0;
}

const char *
bounce_report_get_warning(const bounce_report *report, size_t index)
{
  if (report == NULL || index >= report->warnings->len)
    return NULL;
  return g_ptr_array_index(report->warnings, index);
}

#define RCPT_STR(fn, member) \
  const char *fn(const bounce_recipient *rcpt) { return rcpt ? S(rcpt->member) : ""; }

RCPT_STR(bounce_recipient_get_address, address)
RCPT_STR(bounce_recipient_get_original_recipient, original_recipient)
RCPT_STR(bounce_recipient_get_action, action)
RCPT_STR(bounce_recipient_get_status, status)
RCPT_STR(bounce_recipient_get_smtp_command, smtp_command)
RCPT_STR(bounce_recipient_get_remote_mta, remote_mta)
RCPT_STR(bounce_recipient_get_diagnostic, diagnostic)
RCPT_STR(bounce_recipient_get_last_attempt_date, last_attempt_date)
RCPT_STR(bounce_recipient_get_will_retry_until, will_retry_until)
RCPT_STR(bounce_recipient_get_feedback_type, feedback_type)

int
bounce_recipient_get_reply_code(const bounce_recipient *rcpt)
{
  return rcpt ? rcpt->reply_code : 0;
}

bounce_cause
bounce_recipient_get_cause(const bounce_recipient *rcpt)
{
  return rcpt ? rcpt->cause : BOUNCE_CAUSE_UNDEFINED;
}

int
bounce_recipient_is_hard(const bounce_recipient *rcpt)
{
  return rcpt && rcpt->hard;
}

int
bounce_recipient_is_permanent(const bounce_recipient *rcpt)
{
  return rcpt && rcpt->permanent;
}

bounce_source
bounce_recipient_get_source(const bounce_recipient *rcpt, bounce_field field)
{
  if (rcpt == NULL || (unsigned)field >= BN_FIELD_COUNT)
    return BOUNCE_SOURCE_NONE;
  return (bounce_source)rcpt->source[field];
}

bool
bn_rcpt_succeeded(const bounce_recipient *rc)
{
  static const char *const done[] = {"delivered", "relayed", "expanded"};
  for (size_t i = 0; rc && rc->action && i < G_N_ELEMENTS(done); i++)
    if (strcmp(rc->action, done[i]) == 0)
      return true;
  return false;
}
