/* RFC 3464 / RFC 6533 delivery-status fields: the per-message block and one
 * block per recipient, read leniently (folded lines, missing blank lines,
 * mixed case, RFC 2047 words, "rfc822;" and "utf-8;" address types). */
#include "private.h"
#include "mta/mta.h"
#include <string.h>

typedef enum {
  F_NONE,
  F_REPORTING_MTA,
  F_ARRIVAL_DATE,
  F_FINAL_RECIPIENT,
  F_ORIGINAL_RECIPIENT,
  F_ACTION,
  F_STATUS,
  F_REMOTE_MTA,
  F_DIAGNOSTIC_CODE,
  F_LAST_ATTEMPT_DATE,
  F_WILL_RETRY_UNTIL,
  F_X_ACTUAL_RECIPIENT,
  F_X_DISPLAY_NAME,
} field_id;

/* Each name with its length: field_lookup runs for every field line of
 * every status part, and most names differ from the line's in length. */
#define FIELD(name, id) {name, sizeof name - 1, id}

static const struct {
  const char *name;
  size_t len;
  field_id id;
} field_names[] = {
  FIELD("Reporting-MTA", F_REPORTING_MTA),
  FIELD("Arrival-Date", F_ARRIVAL_DATE),
  FIELD("Final-Recipient", F_FINAL_RECIPIENT),
  FIELD("Original-Recipient", F_ORIGINAL_RECIPIENT),
  FIELD("Action", F_ACTION),
  FIELD("Status", F_STATUS),
  FIELD("Remote-MTA", F_REMOTE_MTA),
  FIELD("Diagnostic-Code", F_DIAGNOSTIC_CODE),
  FIELD("Last-Attempt-Date", F_LAST_ATTEMPT_DATE),
  FIELD("Will-Retry-Until", F_WILL_RETRY_UNTIL),
  FIELD("X-Actual-Recipient", F_X_ACTUAL_RECIPIENT),
  FIELD("X-Display-Name", F_X_DISPLAY_NAME),
};
#undef FIELD

static field_id
field_lookup(const bn_span *name)
{
  for (size_t i = 0; i < G_N_ELEMENTS(field_names); i++)
    if (field_names[i].len == name->len &&
        g_ascii_strncasecmp(field_names[i].name, name->p, name->len) == 0)
      return field_names[i].id;
  return F_NONE;
}

/* "Name: value", or with blanks before the colon when loose */
static bool
split_field(const bn_span *line, bool loose, bn_span *name, bn_span *value)
{
  size_t i = 0;
  while (i < line->len && (g_ascii_isalnum(line->p[i]) || line->p[i] == '-'))
    i++;
  size_t n = i;
  while (loose && i < line->len && (line->p[i] == ' ' || line->p[i] == '\t'))
    i++;
  if (n == 0 || i >= line->len || line->p[i] != ':')
    return false;
  name->p = line->p;
  name->len = n;
  i++;
  while (i < line->len && (line->p[i] == ' ' || line->p[i] == '\t'))
    i++;
  value->p = line->p + i;
  value->len = line->len - i;
  return true;
}

bool
bn_dsn_field(const bn_span *line, bn_span *name, bn_span *value)
{
  return split_field(line, false, name, value);
}

bool
bn_dsn_part_field(const bn_span *line, bn_span *name, bn_span *value)
{
  return split_field(line, true, name, value);
}

void
bn_dsn_value_unfold(bn_lines *it, bn_span *value)
{
  bn_lines peek = *it;
  bn_span line;
  while (bn_lines_next(&peek, &line) && line.len && (line.p[0] == ' ' || line.p[0] == '\t')) {
    bn_span rest = line;
    bn_span_trim(&rest);
    if (rest.len == 0)
      break;
    if (value->len == 0)
      value->p = rest.p;
    value->len = (size_t)(rest.p + rest.len - value->p);
    *it = peek;
  }
}

bool
bn_dsn_part_value(const char *text, size_t len, const char *name, bn_span *value)
{
  size_t k = strlen(name);
  bn_lines it;
  bn_span line, n;
  bn_lines_init(&it, text, len);
  while (bn_lines_next(&it, &line))
    if (line.len > k && g_ascii_strncasecmp(line.p, name, k) == 0 &&
        bn_dsn_part_field(&line, &n, value) && n.len == k) {
      bn_dsn_value_unfold(&it, value);
      return true;
    }
  return false;
}

/* Some generators put blanks before the colon ("Final-Recipient : rfc822;
 * ..."), as RFC 822's obsolete syntax allowed: that form is taken for the
 * DSN's own field names only. */
bool
bn_dsn_field_line(const bn_span *line, bn_span *name, bn_span *value)
{
  if (bn_dsn_field(line, name, value))
    return true;
  return split_field(line, true, name, value) && field_lookup(name) != F_NONE;
}

/* The value after an RFC 3464 type ("dns; host", "smtp; 550 ..."). The
 * type is one word, spaces only around it ("SMTP ; 550"): a value without
 * a type whose words run up to a semicolon ("551 User not local; please
 * try <...>", as SendGrid writes it) is all text. */
static const char *
after_type(const char *v)
{
  const char *semi = strchr(v, ';');
  if (semi == NULL)
    return v;
  const char *p = v;
  while (p < semi && *p == ' ')
    p++;
  const char *word = p;
  while (p < semi && (g_ascii_isalnum(*p) || *p == '-'))
    p++;
  if (p == word)
    return v;
  while (p < semi && *p == ' ')
    p++;
  if (p != semi)
    return v;
  semi++;
  while (*semi == ' ')
    semi++;
  return semi;
}

/* A port after a host name ("mx.example.org:25"): RFC 3464's dns type
 * names a host, yet some generators write the host:port they connected
 * to. Only one colon and digits after it: an IPv6 address keeps its own. */
static void
drop_port(GString *g)
{
  const char *colon = strchr(g->str, ':');
  if (colon == NULL || colon == g->str || strchr(colon + 1, ':') || colon[1] == '\0')
    return;
  for (const char *p = colon + 1; *p; p++)
    if (!g_ascii_isdigit(*p))
      return;
  g_string_truncate(g, (gsize)(colon - g->str));
}

static char *
host_name(const char *v)
{
  GString *g = g_string_new(after_type(v));
  bn_squeeze(g);
  /* "mx.example.jp [192.0.2.1]" or "[192.0.2.1]": keep the name, else the
   * IP; a comment may follow either ("[192.0.2.1] (mx. -- Server LMTP [Sun
   * ONE Messaging Server 6.1])"). */
  const char *end = g->str[0] == '[' ? strchr(g->str, ']') : strchr(g->str, ' ');
  if (end)
    g_string_truncate(g, (gsize)(end - g->str) + (g->str[0] == '['));
  if (g->len && g->str[0] == '[' && g->str[g->len - 1] == ']') {
    g_string_truncate(g, g->len - 1);
    g_string_erase(g, 0, 1);
    /* RFC 5321's IPv6 address literal ("[IPv6:2001:db8::1]"): the tag
     * is no part of the address */
    if (g_ascii_strncasecmp(g->str, "IPv6:", 5) == 0)
      g_string_erase(g, 0, 5);
  }
  drop_port(g);
  while (g->len && g->str[g->len - 1] == '.')
    g_string_truncate(g, g->len - 1);
  return g_string_free(g, FALSE);
}

typedef struct {
  field_id id;
  char *value;
} field;

typedef struct {
  bounce_report *r;
  const bn_view *v; /* the notice, for its envelope recipient, or NULL */
  char *envelope;   /* that recipient, once envelope_read */
  bool envelope_read;
  bounce_recipient *cur;
  bool cur_has_final;
  bool cur_has_original;
  bool cur_seen_before; /* an earlier block reported the current recipient */
  bool cur_by_actual;   /* named so far by X-Actual-Recipient only */
  bool cur_other_leaf;  /* a repeat naming another mailbox an alias led to */
  bool from_prose;
  bool block_rcpt; /* this block named a recipient */
  size_t added;
  size_t unnamed; /* blocks whose Final-Recipient is no mail address */
  size_t expanded; /* those naming a mailbox the returned message does not */
  GPtrArray *returned; /* its envelope, To and Cc addresses, read once, or NULL */
  unsigned block_once; /* the once-only fields (once_per_record) this block gave */
  GPtrArray *pending; /* fields before the first recipient field of a block */
  GPtrArray *routed;  /* the mailboxes of source-routed Final-Recipients, or NULL */
  /* this block's Final- and Original-Recipient as written, where a name
   * was read off them (named_address), or NULL */
  char *named_final;
  char *named_original;
  /* this block's Final- and Original-Recipient read as written
   * (written_address), held until its Status tells whether they stand
   * (written_stands), or NULL */
  char *written_final;
  char *written_original;
} reader;

static void
field_free(gpointer p)
{
  field *f = p;
  g_free(f->value);
  g_free(f);
}

static bounce_recipient *
new_recipient(reader *rd, const char *address)
{
  bounce_recipient *rc = NULL;
  if (address)
    rc = bn_report_find(rd->r, address);
  rd->cur_seen_before = rc != NULL;
  if (rc == NULL) {
    rc = bn_report_add(rd->r, NULL, BOUNCE_SOURCE_NONE);
    if (rc)
      rd->added++;
  }
  rd->cur = rc;
  rd->cur_by_actual = false;
  rd->cur_other_leaf = false;
  rd->cur_has_final = false;
  rd->cur_has_original = false;
  return rc;
}

/* A comment after the status code ("Status: 5.0.0 (dial tcp 192.0.2.1:25:
 * i/o timeout)") is the only account of the failure where no remote server
 * answered (Mox writes its error there and a Diagnostic-Code only for a
 * reply). It is kept aside: a failure's diagnostic only where neither a
 * Diagnostic-Code field nor the MTA's prose gives one (bn_finish), since
 * others write there no more than the status's meaning ("permanent
 * failure"). */
static void
status_comment(bounce_recipient *rc, const char *value, bounce_source src)
{
  /* a delay's comment only says why it is still queued ("host name lookup
   * failure"); its report stays a delay's (expired) */
  if (rc->status == NULL || rc->status[0] != '5')
    return;
  const char *open = strchr(value, '(');
  const char *close = strrchr(value, ')');
  if (open == NULL || close == NULL || close <= open + 1 || close[1 + strspn(close + 1, " \t")])
    return;
  for (const char *p = value; p < open; p++)
    if (!(g_ascii_isdigit(*p) || *p == '.' || *p == ' ' || *p == '\t'))
      return;
  g_free(rc->status_comment);
  rc->status_comment = bn_squeeze_dup(open + 1, (size_t)(close - open - 1));
  rc->status_comment_source = (guint8)src;
}

/* The reply code before the status in "Status: 550 5.1.1" (some servers
 * write the reply they got there), or 0. A bare "Status: 550" is read in
 * apply: a reply code and its class (bn_status_field_class). */
static int
reply_before_status(const char *value)
{
  const char *p = value + strspn(value, " \t");
  if (!(p[0] == '4' || p[0] == '5') || !g_ascii_isdigit(p[1]) || !g_ascii_isdigit(p[2]) ||
      !(p[3] == ' ' || p[3] == '\t'))
    return 0;
  const char *st = p + 3 + strspn(p + 3, " \t");
  if (!(st[0] == '2' || st[0] == '4' || st[0] == '5') || st[1] != '.' || !g_ascii_isdigit(st[2]))
    return 0;
  return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

static void
apply(reader *rd, field_id id, const char *value)
{
  bounce_recipient *rc = rd->cur;
  bounce_source src = rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD;
  if (rc == NULL)
    return;
  switch (id) {
  case F_ACTION: {
    char *a = g_ascii_strdown(value, -1);
    char *sp = strpbrk(a, " \t;(");
    if (sp)
      *sp = '\0';
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, a, src);
    g_free(a);
    break;
  }
  case F_STATUS: {
    char st[16];
    if (bn_read_status_field(value, strlen(value), st)) {
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, st, src);
      status_comment(rc, value, src);
      rc->status_reply = reply_before_status(value);
      rc->status_reply_source = (guint8)src;
    } else if ((rc->status_class = bn_status_field_class(value, strlen(value))) != 0) {
      rc->status_class_source = src;
      /* a reply code written where the status belongs is still the reply
       * the server gave, where the diagnostic quotes none */
      rc->status_reply = (int)g_ascii_strtoull(value + strspn(value, " \t"), NULL, 10);
      rc->status_reply_source = (guint8)src;
    }
    break;
  }
  case F_REMOTE_MTA: {
    char *h = host_name(value);
    bn_rcpt_set(rc, BOUNCE_FIELD_REMOTE_MTA, h, src);
    g_free(h);
    break;
  }
  case F_DIAGNOSTIC_CODE: {
    if (g_ascii_strncasecmp(value, "x-unix", 6) == 0 && (value[6] == ';' || value[6] == ' '))
      rc->unix_diagnostic = true;
    char *d = bn_squeeze_dup(after_type(value), strlen(after_type(value)));
    if (*d)
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, src);
    g_free(d);
    break;
  }
  case F_LAST_ATTEMPT_DATE:
    bn_set_str(&rc->last_attempt_date, value);
    break;
  case F_WILL_RETRY_UNTIL:
    bn_set_str(&rc->will_retry_until, value);
    break;
  case F_X_DISPLAY_NAME:
    bn_set_str(&rc->display_name, value);
    break;
  default:
    break;
  }
}

static void
on_reporting_mta(reader *rd, const char *value)
{
  char *h = host_name(value);
  if (rd->r->reporting_mta == NULL)
    bn_set_str(&rd->r->reporting_mta, h);
  g_free(h);
}

/* X-Actual-Recipient beside Final-Recipient (Sendmail: the address it
 * received, before its aliases) is the mailbox attempted: the final one is
 * reported, the actual one is what a transcript names. */
static void
actual_after_final(reader *rd, const char *addr)
{
  bool same = rd->cur->address && g_ascii_strcasecmp(rd->cur->address, addr) == 0;
  const char *was = rd->cur->actual_recipient;
  rd->cur_other_leaf = rd->cur_seen_before && was && g_ascii_strcasecmp(was, addr) != 0;
  bn_set_str(&rd->cur->actual_recipient, same ? NULL : addr);
}

/* X-Actual-Recipient came first in the block: the address received is
 * still the one reported, the mailbox attempted its actual one. */
static void
final_after_actual(reader *rd, const char *addr)
{
  char *actual = g_strdup(rd->cur->address);
  bool same = g_ascii_strcasecmp(actual, addr) == 0;
  bn_rcpt_set(rd->cur, BOUNCE_FIELD_ADDRESS, addr,
              rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
  bn_set_str(&rd->cur->actual_recipient, same ? NULL : actual);
  rd->cur_by_actual = false;
  g_free(actual);
}

/* Original-Recipient came first; a recipient with this final address may
 * exist already (the same address reported twice): the block is that one's. */
static void
join_reported(reader *rd, const char *addr)
{
  bounce_recipient *dup = bn_report_find_for(rd->r, addr, rd->cur->original_recipient);
  if (dup && dup != rd->cur) {
    bn_set_str(&dup->original_recipient, rd->cur->original_recipient);
    bn_report_remove(rd->r, bn_report_count(rd->r) - 1);
    rd->added--;
    rd->cur = dup;
    rd->cur_seen_before = true;
  }
}

/* The address a block reports: a new record, or the block's record (begun
 * by Original-Recipient) gets its address. */
static void
take_final_address(reader *rd, field_id id, const char *addr)
{
  if (rd->cur == NULL || rd->cur_has_final)
    new_recipient(rd, addr);
  else if (rd->cur->address == NULL && addr)
    join_reported(rd, addr);
  /* a recipient reported again keeps the spelling it was first given */
  if (rd->cur && addr && !(rd->cur_seen_before && rd->cur->address)) {
    bn_rcpt_set(rd->cur, BOUNCE_FIELD_ADDRESS, addr,
                rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
  }
  if (rd->cur) {
    rd->cur_has_final = true;
    rd->cur_by_actual = id == F_X_ACTUAL_RECIPIENT;
  }
}

/* value without its RFC 822 comments: parentheses outside quotes, nested
 * or not, with their backslash escapes. */
static GString *
without_comments(const char *value)
{
  GString *g = g_string_sized_new(strlen(value));
  int depth = 0;
  bool quoted = false;
  for (const char *p = value; *p; p++) {
    if (*p == '\\' && p[1] && (quoted || depth)) {
      if (depth == 0)
        g_string_append_len(g, p, 2);
      p++;
    } else if (*p == '"' && depth == 0) {
      quoted = !quoted;
      g_string_append_c(g, *p);
    } else if (*p == '(' && !quoted) {
      depth++;
    } else if (*p == ')' && depth) {
      depth--;
      g_string_append_c(g, ' ');
    } else if (depth == 0) {
      g_string_append_c(g, *p);
    }
  }
  return g;
}

/* The address of a recipient field. RFC 3464 fields follow RFC 822's
 * lexical rules, so comments may stand by the address ("rfc822;
 * a@example.net (Alice)", "(Alice (Sales)) a@example.net"): they are
 * dropped when the whole value is no address, and what is left is read. */
static char *
recipient_address(const char *value)
{
  size_t len = strlen(value);
  char *addr = bn_address_clean(value, len);
  if (addr || strchr(value, '(') == NULL)
    return addr;
  GString *g = without_comments(value);
  addr = bn_address_clean(g->str, g->len);
  g_string_free(g, TRUE);
  return addr;
}

/* The mailbox name a Final-Recipient of another type than a mail address
 * gives ("LOCAL; bob", "X-Unix; /var/mail/bob": a mailbox file's last path
 * step), or NULL when it is none ("x400; C=US;A= ;P=Example;S=Bob", a
 * program "|/usr/bin/procmail", Domino's "Bob Smith/Sales/Example", whose
 * last step is the organisation). */
static char *
local_name(const char *value)
{
  const char *v = after_type(value);
  v += strspn(v, " ");
  const char *slash = v[0] == '/' ? strrchr(v, '/') : NULL;
  if (slash)
    v = slash + 1;
  size_t n = strlen(v);
  while (n && v[n - 1] == ' ')
    n--;
  for (size_t i = 0; i < n; i++)
    if (!bn_address_byte(v[i]))
      return NULL;
  return n ? g_strndup(v, n) : NULL;
}

/* The returned message's envelope recipient, from the Received field the
 * notice's own host wrote ("for <...>"); looked up once, and only for a
 * block that names another mail system's mailbox, as few reports have one. */
static const char *
reader_envelope(reader *rd)
{
  if (!rd->envelope_read && rd->v)
    rd->envelope = bn_received_for(rd->v, rd->r, -1, NULL);
  rd->envelope_read = true;
  return rd->envelope;
}

/* The one address of the returned message's envelope, To and Cc whose
 * local part is name (with own, a To or Cc address only in the reporting
 * host's domain: the envelope recipient is the host's own), or with name
 * NULL the message's sole address; NULL when none or several are. The
 * addresses are read once a report: it may hold many such blocks. */
static char *
returned_recipient(reader *rd, const char *name, bool own)
{
  static const char *const fields[] = {"To", "Cc"};
  const char *envelope = reader_envelope(rd);
  if (rd->returned == NULL) {
    rd->returned = g_ptr_array_new_with_free_func(g_free);
    if (envelope)
      g_ptr_array_add(rd->returned, g_strdup(envelope));
    for (size_t f = 0; f < G_N_ELEMENTS(fields); f++)
      bn_parse_mailboxes(bn_original_addressees(rd->r, fields[f]), 64, rd->returned);
  }
  const GPtrArray *addrs = rd->returned;
  char *found = NULL;
  bool several = false;
  for (guint i = 0; i < addrs->len && !several; i++) {
    const char *a = g_ptr_array_index(addrs, i);
    const char *at = strrchr(a, '@');
    if (name && (at == NULL || strlen(name) != (size_t)(at - a) ||
                 g_ascii_strncasecmp(a, name, strlen(name)) != 0))
      continue;
    /* a mailbox name of the reporting system is one of its own
     * addresses ("mail.example.org" for example.org), not a like-named
     * one elsewhere */
    const char *host = rd->r->reporting_mta;
    if (own && !(envelope && i == 0) && !(host && bn_host_within(host, at + 1)))
      continue;
    if (found && g_ascii_strcasecmp(found, a) != 0)
      several = true;
    else if (found == NULL)
      found = g_strdup(a);
  }
  if (several)
    g_clear_pointer(&found, g_free);
  return found;
}

/* A Final-Recipient that is no mail address still begins a recipient's
 * block, whose Status and Diagnostic-Code are the failure's: its address is
 * an Original-Recipient's, else the returned message's recipient its name
 * gives, else the sole one found when the whole report is read
 * (bn_dsn_read_returned). */
static void
unnamed_final(reader *rd, const char *value)
{
  /* an Original-Recipient before it gives the address */
  bool original = rd->cur && !rd->cur_has_final && rd->cur->original_recipient;
  char *name = original ? NULL : local_name(value);
  char *addr = name ? returned_recipient(rd, name, true) : NULL;
  rd->unnamed++;
  /* a mailbox the message names nowhere: the block is about an address
   * its recipient was expanded to (an alias's, a list member's) */
  if (name && addr == NULL) {
    char *elsewhere = returned_recipient(rd, name, false);
    if (elsewhere == NULL)
      rd->expanded++;
    g_free(elsewhere);
  }
  take_final_address(rd, F_FINAL_RECIPIENT, addr);
  if (addr && rd->cur && !rd->cur_seen_before)
    rd->cur->source[BOUNCE_FIELD_ADDRESS] = BOUNCE_SOURCE_DERIVED;
  g_free(name);
  g_free(addr);
}

/* The value has an address type for other mail systems than Internet
 * mail ("LOCAL;", "X-Unix;", "x400;"): RFC 3464's rfc822 and RFC 6533's
 * utf-8 type name a mail address, and a value of theirs that is none is
 * garbled, not another system's mailbox. */
static bool
other_system(const char *value)
{
  static const char *const mail_types[] = {"rfc822", "utf-8"};
  const char *rest = after_type(value);
  if (rest == value || *rest == '\0')
    return false;
  const char *t = value + strspn(value, " ");
  size_t n = strcspn(t, " ;");
  for (size_t i = 0; i < G_N_ELEMENTS(mail_types); i++)
    if (strlen(mail_types[i]) == n && g_ascii_strncasecmp(t, mail_types[i], n) == 0)
      return false;
  return true;
}

/* The value is an RFC 1123 source route ("rfc822; @relay.example.net:
 * user@example.org", as old Sendmail and X.400 gateways write them). */
static bool
source_routed(const char *value)
{
  const char *v = after_type(value);
  v += strspn(v, " <");
  return *v == '@' && strchr(v, ':') != NULL;
}

/* A source-routed Final-Recipient is the address the reporting host
 * rewrote for its next hop, often an internal one ("@smtp.example.net:
 * bob@server"): a plain Original-Recipient beside it is the recipient's
 * own address, unless another recipient has that original too (a list or
 * alias the host expanded to several mailboxes, each failed on its own)
 * or is that address already. Decided once all blocks are read, and the
 * addresses changed together, so that the index is rebuilt once. */
static void
originals_over_routed(reader *rd)
{
  if (rd->routed == NULL)
    return;
  GHashTable *uses = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < bn_report_count(rd->r); i++) {
    const char *orig = bn_report_rcpt(rd->r, i)->original_recipient;
    if (orig) {
      char *key = g_ascii_strdown(orig, -1);
      guint n = GPOINTER_TO_UINT(g_hash_table_lookup(uses, key));
      g_hash_table_replace(uses, key, GUINT_TO_POINTER(n + 1));
    }
  }
  GPtrArray *take = g_ptr_array_new();
  for (guint i = 0; i < rd->routed->len; i++) {
    bounce_recipient *rc = bn_report_find(rd->r, g_ptr_array_index(rd->routed, i));
    if (rc == NULL || rc->original_recipient == NULL || bn_report_find(rd->r, rc->original_recipient))
      continue;
    char *key = g_ascii_strdown(rc->original_recipient, -1);
    if (GPOINTER_TO_UINT(g_hash_table_lookup(uses, key)) == 1)
      g_ptr_array_add(take, rc);
    g_free(key);
  }
  for (guint i = 0; i < take->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(take, i);
    bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, rc->original_recipient,
                rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
  }
  g_ptr_array_free(take, TRUE);
  g_hash_table_destroy(uses);
}

/* How many of the blank-separated words of w hold an "@": a value of two
 * such words ("bob@example.net carl@example.org", "x @ y@example.net") is
 * a list or garbage, never one mailbox as written. */
static size_t
ats_in_words(const char *w)
{
  size_t words = 0;
  bool counted = false;
  for (const char *p = w; *p; p++) {
    if (*p == ' ')
      counted = false;
    else if (*p == '@' && !counted) {
      words++;
      counted = true;
    }
  }
  return words;
}

/* The mailbox a mail-type recipient field names as written when it is no
 * address we read ("rfc822; bob@@example.net", "bob smith@example.net"):
 * Postfix fails such a recipient on its syntax ("bad address syntax",
 * 5.1.3) and names it as the sender wrote it, and that address, not none,
 * is the one the sender must correct or drop. Only a value that still
 * reads as one mailbox: text on both sides of an "@" and no space after
 * it, nothing that marks a list, a route, a comment or a name ("<", ",",
 * ";", "(", ":"), no two words with an "@", no control byte, no longer than RFC 5321 lets a path
 * be, and no pipe or file Exim and Sendmail deliver to ("rfc822;|/usr/bin/
 * autoreply a@example.org", "/var/mail/bob"). NULL otherwise. */
static char *
written_address(const char *value)
{
  const char *v = after_type(value);
  char *w = bn_squeeze_dup(v, strlen(v));
  size_t n = strlen(w);
  if (n >= 2 && w[0] == '<' && w[n - 1] == '>') {
    memmove(w, w + 1, n - 2);
    w[n -= 2] = '\0';
  }
  const char *at = strrchr(w, '@');
  bool ok = n <= 256 && at && at > w && at[1] && !strchr(at, ' ') && w[0] != '|' && w[0] != '/' &&
            g_utf8_validate(w, (gssize)n, NULL) && strpbrk(w, "<>,;():\"") == NULL;
  for (size_t i = 0; ok && i < n; i++)
    ok = (unsigned char)w[i] >= 0x20 && w[i] != 0x7f;
  if (ok && ats_in_words(w) > 1)
    ok = false;
  if (!ok)
    g_clear_pointer(&w, g_free);
  return w;
}

/* "Bob Smith bob@example.net": a display name written before the address
 * without angle brackets, the name's words ahead of a last word that is an
 * address on its own. A name is two words or more, or one with a capital
 * ("Bob bob@example.net"); one lower-case word is the local part's own
 * ("ken sato@example.org", which Postfix fails as bad syntax and names as
 * written). The address, or NULL. */
static char *
named_address(const char *value)
{
  const char *v = after_type(value);
  char *w = bn_squeeze_dup(v, strlen(v));
  char *last = strrchr(w, ' ');
  char *addr = NULL;
  /* not a pipe or a file with its arguments ("|/usr/bin/vacation bob") */
  if (last && w[0] != '|' && w[0] != '/' && memchr(w, '@', (size_t)(last - w)) == NULL &&
      strpbrk(w, "<>,;:\"") == NULL) {
    bool name = strchr(w, ' ') != last || g_ascii_isupper(w[0]);
    addr = name ? bn_address_clean(last + 1, strlen(last + 1)) : NULL;
  }
  g_free(w);
  return addr;
}

/* Keeps value as written in *slot, for unnamed_syntax. */
static void
keep_written(char **slot, const char *value)
{
  g_free(*slot);
  *slot = written_address(value);
}

/* A block whose status is X.1.3 (RFC 3463: bad destination mailbox
 * address syntax) says the MTA took the whole value as the address, with
 * no name before it: Postfix fails "Ken Sato@example.org" so and names it
 * as written. What named_address read off it is then the written value
 * again. */
static bool
syntax_status(const reader *rd)
{
  const char *st = rd->cur ? rd->cur->status : NULL;
  return st && strlen(st) == 5 && strcmp(st + 1, ".1.3") == 0;
}

static void
unnamed_syntax(reader *rd)
{
  if (syntax_status(rd)) {
    if (rd->named_final)
      bn_rcpt_set(rd->cur, BOUNCE_FIELD_ADDRESS, rd->named_final,
                  rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
    if (rd->named_original)
      bn_set_str(&rd->cur->original_recipient, rd->named_original);
  }
  g_clear_pointer(&rd->named_final, g_free);
  g_clear_pointer(&rd->named_original, g_free);
}

/* Whether the address written is the recipient's (written_address): the
 * block fails it on its syntax (X.1.3), or the notice's text names it so
 * too ("<bob@@example.net>: bad address syntax"), or there is no text to
 * name another. Else the value is garbage a generator made of the address
 * ("rfc822; ==== '@example.net", a tab inside it beside a 5.1.1 the text
 * gives "<bob@example.net>"): the block is unnamed, as an empty
 * Final-Recipient is, and the text's record names it (Postfix's
 * lost_blocks). */
static bool
written_stands(const reader *rd, const char *written)
{
  const GString *t = rd->v && !rd->from_prose ? rd->v->text : NULL;
  if (syntax_status(rd) || t == NULL ||
      bn_names_whole(t->str, t->len, written, bn_address_byte, false))
    return true;
  /* Only a text that names an address at the written form's domain has
   * one to give the block; under a text that names none ("Your message
   * could not be delivered."), the written form is all there is. */
  const char *at = strrchr(written, '@');
  return at == NULL || at[1] == '\0' || bn_strcasestr(t->str, t->len, at) == NULL;
}

/* The block's held written forms name its record, or leave it unnamed. */
static void
written_or_unnamed(reader *rd)
{
  bounce_recipient *rc = rd->cur;
  if (rc && rd->written_final && rc->address == NULL) {
    if (written_stands(rd, rd->written_final))
      bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, rd->written_final,
                  rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
    else
      rd->unnamed++;
  }
  if (rc && rd->written_original && rc->original_recipient == NULL &&
      written_stands(rd, rd->written_original))
    bn_set_str(&rc->original_recipient, rd->written_original);
  g_clear_pointer(&rd->written_final, g_free);
  g_clear_pointer(&rd->written_original, g_free);
}

/* Whether an address field names a program: of type X-Unix, a value
 * opening with '|' (Sendmail's prog mailer, T=X-Unix/X-Unix/X-Unix). */
static bool
program_address(const char *value)
{
  const char *v = after_type(value);
  if (v == value)
    return false;
  value += strspn(value, " ");
  v += strspn(v, " ");
  return g_ascii_strncasecmp(value, "x-unix", 6) == 0 && v[0] == '|';
}

/* Final-Recipient or X-Actual-Recipient */
static void
on_final_recipient(reader *rd, field_id id, const char *value)
{
  /* Sendmail writes a Diagnostic-Code only when it kept a reply or, for
   * a mailer of diagnostic type X-Unix, the exit code (deliver.c,
   * markfailure(); savemail.c, errbody()): without one, the program the
   * actual recipient names is still what was run */
  if (id == F_X_ACTUAL_RECIPIENT && rd->cur && rd->cur_has_final && rd->block_rcpt &&
      program_address(value))
    rd->cur->program_recipient = true;
  char *addr = recipient_address(value);
  if (addr == NULL && (addr = named_address(value)) != NULL && id == F_FINAL_RECIPIENT)
    keep_written(&rd->named_final, value);
  bool other = addr == NULL && id == F_FINAL_RECIPIENT && other_system(value);
  if (other)
    unnamed_final(rd, value);
  else if (addr == NULL && id == F_FINAL_RECIPIENT) {
    g_free(rd->written_final);
    rd->written_final = written_address(value);
  }
  /* a Final-Recipient we cannot read ("rfc822; bob@example.net
   * carl@example.org") still begins its block: the block's Status and
   * Diagnostic-Code go to a record of their own, dropped at the end
   * unless something names it, never to the recipient of the block
   * before */
  if (addr == NULL && id == F_FINAL_RECIPIENT && !other)
    take_final_address(rd, id, NULL);
  if (addr == NULL)
    return;
  if (id == F_X_ACTUAL_RECIPIENT && rd->cur && rd->cur_has_final && rd->block_rcpt &&
      rd->cur->address == NULL)
    bn_rcpt_set(rd->cur, BOUNCE_FIELD_ADDRESS, addr,
                rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
  else if (id == F_X_ACTUAL_RECIPIENT && rd->cur && rd->cur_has_final && rd->block_rcpt)
    actual_after_final(rd, addr);
  else if (id == F_FINAL_RECIPIENT && rd->cur && rd->cur_by_actual && !rd->cur_seen_before)
    final_after_actual(rd, addr);
  else
    take_final_address(rd, id, addr);
  if (id == F_FINAL_RECIPIENT && rd->cur && rd->cur->address && !rd->cur_seen_before &&
      source_routed(value)) {
    if (rd->routed == NULL)
      rd->routed = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(rd->routed, g_strdup(rd->cur->address));
  }
  g_free(addr);
}

/* Final-Recipient came first and matched an earlier block's recipient, but
 * this block was written for another original one (Postfix writes one
 * block per address the sender wrote): the record of that pair, made if
 * needed. */
static void
split_by_original(reader *rd, const char *addr)
{
  bounce_recipient *pair = bn_report_find_for(rd->r, rd->cur->address, addr);
  if (pair == NULL) {
    pair = bn_report_add(rd->r, rd->cur->address, rd->cur->source[BOUNCE_FIELD_ADDRESS]);
    rd->added += pair != NULL;
    rd->cur_seen_before = false; /* a record of its own */
  }
  if (pair)
    rd->cur = pair;
}

static void
on_original_recipient(reader *rd, const char *value)
{
  char *addr = recipient_address(value);
  if (addr == NULL && (addr = named_address(value)) != NULL)
    keep_written(&rd->named_original, value);
  char *written = addr == NULL && !other_system(value) ? written_address(value) : NULL;
  if (addr == NULL && written == NULL)
    return;
  if (rd->cur == NULL || rd->cur_has_original)
    new_recipient(rd, NULL);
  else if (rd->cur_seen_before &&
           !bn_same_original(rd->cur->original_recipient, addr ? addr : written))
    split_by_original(rd, addr ? addr : written);
  if (rd->cur) {
    bn_set_str(&rd->cur->original_recipient, addr);
    rd->cur_has_original = true;
  }
  /* as written: held to the block's end (written_or_unnamed) */
  if (rd->cur && addr == NULL) {
    g_free(rd->written_original);
    rd->written_original = written;
    written = NULL;
  }
  g_free(written);
  g_free(addr);
}

/* A field of the recipient's record: a block about a recipient an earlier
 * block reported is held to its end, to weigh it against what that block
 * said. */
static void
on_record_field(reader *rd, field_id id, const char *value)
{
  if (!rd->block_rcpt || rd->cur_seen_before) {
    field *f = g_new(field, 1);
    f->id = id;
    f->value = g_strdup(value);
    g_ptr_array_add(rd->pending, f);
  } else {
    apply(rd, id, value);
  }
}

static void
on_field(reader *rd, field_id id, const char *raw)
{
  char *decoded = NULL;
  const char *value = raw;
  if (strstr(raw, "=?")) {
    /* GMime reads a word in a charset it does not know ("x-sjis",
     * "x-unknown") as Latin-1: the words' labels are put right first */
    char *fixed = bn_encoded_words_relabel(raw);
    decoded = g_mime_utils_header_decode_text(NULL, fixed ? fixed : raw);
    value = decoded;
    g_free(fixed);
  }
  bounce_recipient *was = rd->cur;
  bool had_rcpt = rd->block_rcpt;
  switch (id) {
  case F_REPORTING_MTA:
    on_reporting_mta(rd, value);
    break;
  case F_ARRIVAL_DATE:
    if (rd->r->arrival_date == NULL)
      bn_set_str(&rd->r->arrival_date, value);
    break;
  case F_FINAL_RECIPIENT:
  case F_X_ACTUAL_RECIPIENT:
    on_final_recipient(rd, id, value);
    break;
  case F_ORIGINAL_RECIPIENT:
    on_original_recipient(rd, value);
    break;
  default:
    on_record_field(rd, id, value);
    break;
  }
  if (id == F_FINAL_RECIPIENT || id == F_ORIGINAL_RECIPIENT || id == F_X_ACTUAL_RECIPIENT)
    rd->block_rcpt = rd->cur != NULL;
  /* another recipient named in the block begins its own record */
  if (had_rcpt && rd->cur != was)
    rd->block_once = 0;
  g_free(decoded);
}

/* How much a record says of a failure: a failed action, then a status
 * more specific than x.0.0, then a diagnostic. */
static int
weight(const char *action, const char *status, bool diagnostic)
{
  int w = 0;
  if (action && g_ascii_strncasecmp(action, "failed", 6) == 0)
    w += 4;
  if (status && strcmp(status + 1, ".0.0") != 0)
    w += 2;
  return w + diagnostic;
}

/* Whether the held fields of a block say more than the earlier block about
 * the same recipient, whose fields they then replace. */
static bool
says_more(const reader *rd)
{
  const char *action = NULL;
  char status[16] = "";
  bool diagnostic = false;
  for (guint i = 0; i < rd->pending->len; i++) {
    const field *f = g_ptr_array_index(rd->pending, i);
    if (f->id == F_ACTION)
      action = f->value;
    else if (f->id == F_STATUS)
      bn_read_status_field(f->value, strlen(f->value), status);
    else if (f->id == F_DIAGNOSTIC_CODE)
      diagnostic = diagnostic || *after_type(f->value);
  }
  const bounce_recipient *rc = rd->cur;
  return weight(action, status[0] ? status : NULL, diagnostic) >
         weight(rc->action, rc->status, rc->diagnostic != NULL);
}

/* A blank line ends a block: the next recipient field starts a new one.
 * Fields seen before any recipient in a block apply to the next one. */
static void
end_block(reader *rd)
{
  /* Fields in a block of their own after a recipient's block (a stray blank
   * line inside a record) only fill what that recipient lacks; so do those
   * of a block about a recipient reported before, unless they say more.
   * An alias reported once per mailbox it led to (Sendmail's
   * X-Actual-Recipient) is not such a repeat: its last leaf is kept, as
   * before. */
  bool fill_only = !rd->block_rcpt || (rd->cur && rd->cur_seen_before && !rd->cur_other_leaf &&
                                       !says_more(rd));
  for (guint i = 0; rd->cur && i < rd->pending->len; i++) {
    field *f = g_ptr_array_index(rd->pending, i);
    if (fill_only) {
      bool empty = (f->id == F_ACTION && !rd->cur->action) ||
                   (f->id == F_STATUS && !rd->cur->status) ||
                   (f->id == F_DIAGNOSTIC_CODE && !rd->cur->diagnostic) ||
                   (f->id == F_REMOTE_MTA && !rd->cur->remote_mta);
      if (!empty)
        continue;
    }
    apply(rd, f->id, f->value);
  }
  g_ptr_array_set_size(rd->pending, 0);
  written_or_unnamed(rd);
  unnamed_syntax(rd);
  rd->block_rcpt = false;
  rd->block_once = 0;
  rd->cur_by_actual = false;
  if (rd->cur && (rd->cur_has_final || rd->cur_has_original)) {
    rd->cur_has_final = true;
    rd->cur_has_original = true;
  }
}

/* The bit of a field RFC 3464 gives each recipient exactly once (Action,
 * Status), or 0. */
static unsigned
once_per_record(field_id id)
{
  return id == F_ACTION || id == F_STATUS ? 1u << id : 0;
}

static void
flush_field(reader *rd, GString *name, GString *value)
{
  if (name->len == 0)
    return;
  bn_span n = {name->str, name->len};
  field_id id = field_lookup(&n);
  if (id != F_NONE) {
    /* Such a field again in one block begins the next recipient's block
     * whose blank line the generator left out, as a recipient field would:
     * "Action:" written before "Final-Recipient:" is the next one's. */
    if (rd->block_once & once_per_record(id))
      end_block(rd);
    rd->block_once |= once_per_record(id);
    bn_squeeze(value);
    on_field(rd, id, value->str);
  }
  g_string_truncate(name, 0);
  g_string_truncate(value, 0);
}

/* A returned header's own fields whose names have no hyphen: written in
 * lower case ("received: from ...") under a notice's fields, as x-/list-
 * style names are. Not "from" or "to", which a reply broken before its
 * colon may start a line with ("rejected mail" over "from: <x@y> ..."). */
static const char *const header_words[] = {"received", "subject", "date", NULL};

/* Whether name is a header field's rather than a reply's word before a
 * colon ("me" of "me: 421 Service not available"). */
static bool
header_name(const bn_span *name)
{
  if (memchr(name->p, '-', name->len))
    return true;
  for (size_t i = 0; header_words[i]; i++)
    if (strlen(header_words[i]) == name->len &&
        g_ascii_strncasecmp(name->p, header_words[i], name->len) == 0)
      return true;
  return false;
}

/* Whether line opens on a number that is no reply's code, which the
 * re-wrap moved down from the reply's words: an address ("from IP" over
 * "192.0.2.25 in 2 minutes", "Client host" over "[192.0.2.25] blocked"),
 * a quantity ("2.5 hours") or a status ("<421" over "4.4.2 Connection
 * timed out>"). A line opening the way RFC 5321 writes a reply, three
 * digits then a blank, a hyphen or its end, is the next reply's; under a
 * line of above columns, wider than a client wraps at, it is what the
 * notice wrote there (a date, an address), no re-wrap's. */
static bool
number_first(const bn_span *line, size_t above)
{
  size_t at = line->p[0] == '[' ? 1 : 0;
  return above <= BN_CLIENT_WRAP_MAX && at < line->len && g_ascii_isdigit(line->p[at]) &&
         bn_reply_code_at(line->p, line->len) == 0;
}

/* Whether line opens on a quote mark that the re-wrap moved down with the
 * words a reply quotes ("smtp; 550" over "'user@example.jp' is not a
 * registered gateway user", over "\"user@example.jp\": unknown user"): a
 * sentence of the notice's own does not open so. */
static bool
quote_first(const bn_span *line)
{
  return line->len > 1 && (line->p[0] == '"' || line->p[0] == '\'');
}

/* Whether line, not indented and no field, goes on with the value of a
 * Diagnostic-Code in a notice's text that a client re-wrapping at 60 or
 * 72 columns broke without the fold's blank ("smtp; 550 'user@example.jp'
 * is" over "not a registered gateway user"): the reply stops mid-sentence
 * and the line goes on in lower case, on a number (number_first) or on a
 * quote mark (quote_first), so that a sentence of the notice's own under
 * the fields stays out of it,
 * and so does a header field in lower case under them ("x-spam-flag:
 * YES", "received: from ..."); a reply's word before a colon ("refused to
 * talk to" over "me: 421 Service ...") goes on. */
static bool
rewrapped_diagnostic(const GString *name, const GString *value, const bn_span *line,
                     size_t above)
{
  bn_span fname, fvalue;
  bool header = split_field(line, false, &fname, &fvalue) && header_name(&fname);
  return g_ascii_strcasecmp(name->str, "Diagnostic-Code") == 0 && value->len &&
         value->str[value->len - 1] != '.' && line->len &&
         (g_ascii_islower(line->p[0]) || number_first(line, above) || quote_first(line)) &&
         !header;
}

/* Whether line, not indented and no field, is the address of a recipient
 * field in a notice's text that a client re-wrapping at 60 columns broke
 * after its type ("Final-Recipient: rfc822;" over "user@example.jp"), or
 * at 45 after its colon ("Final-Recipient:" over "rfc822;user@example.jp"):
 * the value stops at the ';' or is empty, and the line is one word naming
 * an address, after its type when the value has none. */
static bool
rewrapped_recipient(const GString *name, const GString *value, const bn_span *line)
{
  if (g_ascii_strcasecmp(name->str, "Final-Recipient") != 0 &&
      g_ascii_strcasecmp(name->str, "Original-Recipient") != 0)
    return false;
  const char *at = memchr(line->p, '@', line->len);
  if (at == NULL || memchr(line->p, ' ', line->len))
    return false;
  if (value->len == 0)
    return memchr(line->p, ';', (size_t)(at - line->p)) != NULL;
  return value->str[value->len - 1] == ';';
}

/* Whether v opens the way RFC 3464 writes field id's value: a status, an
 * action word, a "type;" before an address, host or reply. A reply's own
 * words name a field too ("Account Status: disabled", "Action: reject"),
 * and are not a field a client joined on. */
static bool
value_shaped(field_id id, const bn_span *v)
{
  static const char *const actions[] = {"failed", "delayed", "delivered", "relayed", "expanded",
                                        NULL};
  size_t i = 0;
  switch (id) {
  case F_STATUS:
    return v->len > 2 && g_ascii_isdigit(v->p[0]) && v->p[1] == '.';
  case F_ACTION:
    for (size_t k = 0; actions[k]; k++)
      if (bn_span_label(v, actions[k]))
        return true;
    return false;
  case F_DIAGNOSTIC_CODE: /* a bare reply, else typed as below */
    if (v->len && g_ascii_isdigit(v->p[0]))
      return true;
    /* fall through */
  case F_REPORTING_MTA:
  case F_FINAL_RECIPIENT:
  case F_ORIGINAL_RECIPIENT:
  case F_REMOTE_MTA:
  case F_X_ACTUAL_RECIPIENT:
    while (i < v->len && (g_ascii_isalnum(v->p[i]) || v->p[i] == '-'))
      i++;
    while (i && i < v->len && v->p[i] == ' ')
      i++;
    return i && i < v->len && v->p[i] == ';';
  default:
    return true;
  }
}

/* In a notice's text, a client that keeps one line per paragraph runs a
 * block's fields onto one line ("Final-Recipient: rfc822;a@b Action:
 * failed Status: 5.1.1"): where the next of the DSN's own fields
 * (field_names) starts in value, at its blank, or NULL. The field as a
 * report writes it: its name capitalised, a Status's value a code and a
 * typed field's its type. A remote's words in a Diagnostic-Code say
 * "action: reject", "message Status: refused" or "Remote-MTA: mx... does
 * not relay" in their sentence. */
static const char *
joined_field(const bn_span *value)
{
  for (size_t i = 0; i + 1 < value->len; i++) {
    if (value->p[i] != ' ' || !g_ascii_isupper(value->p[i + 1]))
      continue;
    bn_span after = {value->p + i + 1, value->len - i - 1}, n, v;
    if (bn_dsn_field(&after, &n, &v) && field_lookup(&n) != F_NONE &&
        value_shaped(field_lookup(&n), &v))
      return value->p + i;
  }
  return NULL;
}

size_t
bn_dsn_read(const char *text, size_t len, bounce_report *r, bool from_prose)
{
  return bn_dsn_read_returned(text, len, r, from_prose, NULL);
}

/* The one block whose Final-Recipient named no address is about the
 * returned message's one recipient, if no other block reported it and
 * the block names no mailbox the message lacks (a list member's): the
 * envelope's (a "for" names one only), else its To's and Cc's one; NULL
 * when there is none. */
static char *
sole_recipient(reader *rd)
{
  char *sole = NULL;
  if (rd->unnamed == 1 && rd->expanded == 0) {
    const char *envelope = reader_envelope(rd);
    sole = envelope ? g_strdup(envelope) : returned_recipient(rd, NULL, false);
  }
  if (sole && bn_report_find(rd->r, sole))
    g_clear_pointer(&sole, g_free);
  return sole;
}

/* A recipient block that named no address takes its Original-Recipient,
 * or else (one block only) sole, the caller's to free; with neither it is
 * no recipient. */
static void
name_unnamed(reader *rd, char *sole)
{
  bounce_report *r = rd->r;
  for (size_t i = bn_report_count(r); i-- > 0;) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    /* an Original-Recipient after a Final-Recipient that named no address
     * says more than a guess from the returned message (unnamed_final) */
    bool guessed = rc->address && rc->source[BOUNCE_FIELD_ADDRESS] == BOUNCE_SOURCE_DERIVED;
    if ((rc->address == NULL || guessed) && rc->original_recipient) {
      bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, rc->original_recipient,
                  rd->from_prose ? BOUNCE_SOURCE_TEXT : BOUNCE_SOURCE_FIELD);
    } else if (rc->address == NULL && sole) {
      bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, sole, BOUNCE_SOURCE_DERIVED);
      sole = NULL; /* one block takes it */
    } else if (rc->address == NULL) {
      bn_report_remove(r, i);
      if (rd->added)
        rd->added--;
    }
  }
}

size_t
bn_dsn_read_returned(const char *text, size_t len, bounce_report *r, bool from_prose,
                     const bn_view *v)
{
  reader rd = {.r = r, .v = v, .from_prose = from_prose,
               .pending = g_ptr_array_new_with_free_func(field_free)};
  GString *name = g_string_new(NULL);
  GString *value = g_string_new(NULL);
  bn_lines it;
  bn_span line;
  bn_span joined = {NULL, 0}; /* the fields after the last one's value */
  size_t above = 0, here = 0; /* the widths of the line above and this one */
  bn_lines_init(&it, text, len);
  while (joined.len || bn_lines_next(&it, &line)) {
    if (joined.len) {
      line = joined;
    } else {
      above = here;
      here = line.len;
    }
    joined.len = 0;
    bool blank = true;
    for (size_t i = 0; i < line.len && blank; i++)
      blank = g_ascii_isspace(line.p[i]);
    if (blank) {
      flush_field(&rd, name, value);
      end_block(&rd);
      continue;
    }
    bool indented = line.p[0] == ' ' || line.p[0] == '\t';
    bn_span fname, fvalue, trimmed = line;
    if (from_prose)
      bn_span_unindent(&trimmed);
    if ((!indented || from_prose) && bn_dsn_field_line(&trimmed, &fname, &fvalue) &&
        (!from_prose || field_lookup(&fname) != F_NONE)) {
      if (from_prose && bn_span_split(&fvalue, &joined, joined_field(&fvalue)))
        bn_span_trim(&fvalue);
      flush_field(&rd, name, value);
      g_string_append_len(name, fname.p, (gssize)fname.len);
      g_string_append_len(value, fvalue.p, (gssize)fvalue.len);
    } else if ((indented && name->len) ||
               (from_prose && (rewrapped_diagnostic(name, value, &line, above) ||
                               rewrapped_recipient(name, value, &line)))) {
      /* a re-wrap of fields a client ran onto one line moves the next
       * field down with the value's rest ("... in" over "840 minutes.
       * Status: 4.4.7"): that field is read on its own, not as the
       * value's words */
      if (from_prose && bn_span_split(&line, &joined, joined_field(&line)))
        bn_span_trim(&line);
      g_string_append_c(value, ' ');
      g_string_append_len(value, line.p, (gssize)line.len);
    } else {
      flush_field(&rd, name, value);
    }
  }
  flush_field(&rd, name, value);
  end_block(&rd);
  g_string_free(name, TRUE);
  g_string_free(value, TRUE);
  g_ptr_array_free(rd.pending, TRUE);
  originals_over_routed(&rd);
  if (rd.routed)
    g_ptr_array_free(rd.routed, TRUE);

  char *sole = sole_recipient(&rd);
  if (rd.returned)
    g_ptr_array_free(rd.returned, TRUE);
  g_free(rd.envelope);
  name_unnamed(&rd, sole);
  g_free(sole);
  return rd.added;
}
