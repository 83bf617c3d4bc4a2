/* Oracle Communications Messaging Server (formerly Sun Java System / Sun
 * ONE / iPlanet Messaging Server; iCloud's mail too): Subject "Delivery
 * Notification: Delivery has failed" (or "... has been delayed"), a text
 * part
 *
 *   This report relates to a message you sent with the following header fields:
 *     Message-id: ...
 *   Your message cannot be delivered to the following recipients:
 *     Recipient address: user@example.jp
 *     Original address: user@example.jp
 *     Reason: Remote SMTP server has rejected address
 *     Diagnostic code: smtp;550 5.1.1 <user@example.jp>... User Unknown
 *     Remote system: dns;mx.example.jp (TCP|...) (mx.example.jp ESMTP)
 *
 * and a delivery-status part. "Recipient address" may be the routed form
 * ("@host:user@server") or a channel's ("user@ims-ms-daemon"); "Original
 * address" is the one the sender wrote,
 * and is the one reported then. A plain "Recipient address" is the mailbox
 * an alias or list address was expanded to: it is reported, and the
 * address the sender wrote is its original recipient, as dsn.c does. */
#include "mta.h"
#include <stddef.h>
#include <string.h>

static const char *const subjects[] = {"Delivery Notification: ", NULL};
/* "Delivery Notification: Delivery has been delayed": a warning; the
 * server keeps trying */
static const char *const delay_subjects[] = {"Delivery has been delayed", NULL};
/* The heading of the recipients it has given up on, also where the last
 * answer it got was a temporary refusal ("smtp;452 4.2.2 ...") */
static const char *const failed_heads[] = {"cannot be delivered to the following recipients", NULL};
/* The heading of the recipients it still tries: in a delay notice the
 * given-up ones are listed under their own heading above (a 5xx reply
 * there is that recipient's failure, not a delay) */
static const char *const pending_heads[] = {"has not yet been delivered to the following recipients",
                                            NULL};
/* The delay notice's own sentences, which make it a warning whatever its
 * subject says (a relay or a translated template may retitle it "Mail
 * delivery failed"): the pending heading, "Your message has been enqueued
 * and undeliverable for 4 hours to the following recipients" and the
 * closing "Delivery will be retried at intervals" / "Delivery attempts
 * will continue to be made for 4 more days". A given-up heading above
 * still makes its recipients failed. */
static const char *const pending_words[] = {
  "has not yet been delivered to the following recipients", "enqueued and undeliverable for",
  "Delivery will be retried", "Delivery attempts will continue", NULL,
};
static const char *const starts[] = {
  "This report relates to a message you sent with the following header fields", NULL,
};

/* The server's fixed reasons that name the SMTP command it was refused at. */
static const struct {
  const char *reason;
  const char *command;
} commands[] = {
  {"Remote SMTP server has rejected address", "RCPT"},
  {"Server rejected MAIL FROM address", "MAIL"},
};

typedef struct {
  char *recipient, *original, *reason, *diagnostic, *remote;
} entry;

static void
entry_clear(entry *e)
{
  g_free(e->recipient);
  g_free(e->original);
  g_free(e->reason);
  g_free(e->diagnostic);
  g_free(e->remote);
  memset(e, 0, sizeof *e);
}

static bool
claim(const bn_view *v)
{
  if (bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), starts))
    return true;
  return bn_subject_starts(v, subjects) &&
         bn_strcasestr(v->text->str, v->text->len, "Recipient address:") != NULL;
}

/* The address as the server rewrote it for its own next hop, not one a
 * mailbox is known by: the routed form "@host:user@server", or a channel's
 * host, a name without a dot ("user@ims-ms-daemon", the message store's,
 * under "Original address: user@example.com" and "Reason: Over quota"). */
static bool
routed(const char *s)
{
  s += strspn(s, " <");
  if (*s == '@' && strchr(s, ':') != NULL)
    return true;
  const char *at = strrchr(s, '@');
  return at && strcspn(at, ".") == strlen(at);
}

/* The entry's recipient: one mailbox reached through two addresses the
 * sender wrote is two recipients, and two mailboxes one list address was
 * expanded to are two, so a recipient is found by both addresses. */
static bounce_recipient *
entry_recipient(bounce_report *r, const entry *e, bool add)
{
  char *rcpt = e->recipient ? bn_address_clean(e->recipient, strlen(e->recipient)) : NULL;
  char *orig = e->original ? bn_address_clean(e->original, strlen(e->original)) : NULL;
  bool by_orig = orig && (rcpt == NULL || routed(e->recipient));
  const char *want = by_orig ? orig : rcpt;
  bounce_recipient *rc = want ? bn_report_find_for(r, want, by_orig ? NULL : orig) : NULL;
  if (rc == NULL && by_orig && rcpt && (rc = bn_report_find(r, rcpt)) != NULL)
    bn_rcpt_set(rc, BOUNCE_FIELD_ADDRESS, orig, BOUNCE_SOURCE_TEXT);
  /* a delivery-status part whose Final-Recipient is the address the sender
   * wrote: the entry is that recipient's */
  if (rc == NULL && !add && !by_orig && orig)
    rc = bn_report_find(r, orig);
  if (rc == NULL && add && want)
    rc = bn_report_add(r, want, BOUNCE_SOURCE_TEXT);
  if (rc && !by_orig && orig && rc->original_recipient == NULL && g_ascii_strcasecmp(orig, want) != 0)
    bn_set_str(&rc->original_recipient, orig);
  g_free(rcpt);
  g_free(orig);
  return rc;
}

static void
finish_entry(bounce_report *r, entry *e, bool add, bool delayed, bool given_up, bool *found)
{
  bounce_recipient *rc = entry_recipient(r, e, add);
  if (rc) {
    *found = true;
    const char *d = e->diagnostic ? e->diagnostic : e->reason;
    if (d && bn_has_prefix_ci(d, "smtp;"))
      d += 5;
    if (d) {
      char *s = bn_squeeze_dup(d, strlen(d));
      bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, s, BOUNCE_SOURCE_TEXT);
      g_free(s);
    }
    if (given_up && rc->action == NULL) {
      bn_prose_set_action(rc, "failed");
    } else if (delayed && rc->action == NULL) {
      bn_prose_set_action(rc, "delayed");
      bn_prose_warning_class(rc, d);
    }
    for (size_t i = 0; e->reason && i < G_N_ELEMENTS(commands); i++)
      if (bn_strcasestr(e->reason, strlen(e->reason), commands[i].reason))
        bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, commands[i].command, BOUNCE_SOURCE_TEXT);
    if (e->remote) {
      /* "dns;mx.example.jp (TCP|...)" */
      const char *h = e->remote;
      if (bn_has_prefix_ci(h, "dns;"))
        h += 4;
      while (*h == ' ')
        h++;
      size_t n = strcspn(h, " (");
      char *host = g_strndup(h, n);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
  }
  entry_clear(e);
}

/* The indented "Message-id:", "From:", "Subject:" ... under the opening
 * sentence: the original's header when the report does not return it. */
static void
original_fields(const bn_view *v, bounce_report *r)
{
  gssize at = bn_prose_after(v->text, starts);
  if (at < 0)
    return;
  GString *h = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str + at, v->text->len - (size_t)at);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0 && h->len)
      break;
    if (l.len && memchr(l.p, ':', l.len)) {
      g_string_append_len(h, l.p, (gssize)l.len);
      g_string_append_c(h, '\n');
    }
  }
  g_string_append_c(h, '\n');
  bn_original_from_text(r, h->str, h->len, v->opts);
  g_string_free(h, TRUE);
}

/* The labelled fields of an entry; a recipient address opens one. */
static const struct {
  const char *label;
  size_t offset;
} entry_fields[] = {
  {"Recipient address:", offsetof(entry, recipient)},
  {"Original address:", offsetof(entry, original)},
  {"Reason:", offsetof(entry, reason)},
  {"Diagnostic code:", offsetof(entry, diagnostic)},
  {"Remote system:", offsetof(entry, remote)},
};

/* The entry being read, and what holds for every entry. */
typedef struct {
  entry e;
  char **last; /* the field a wrapped line continues */
  size_t field;   /* its index in entry_fields */
  int unindented; /* lines under it not indented, that continued it */
  size_t above;   /* the line before's length, trailing blanks aside */
  bool above_whole; /* the line before is no client's wrap (rewrapped) */
  bool add;
  bool delayed;
  bool given_up;
  bool found;
} ms_scan;

/* Reports the entry read so far, if it has a recipient. */
static void
finish(ms_scan *s, bounce_report *r)
{
  if (s->e.recipient)
    finish_entry(r, &s->e, s->add, s->delayed, s->given_up, &s->found);
}

/* Where a line a client joined from an entry's fields is cut: the server
 * writes each labelled field on a line of its own, in entry_fields' order,
 * so a field's value ends before the label of a later field, or of the next
 * entry's recipient address, after a blank ("Recipient address: a@b Reason:
 * ... Diagnostic code: smtp;550 ... Remote system: dns;mx"). An earlier
 * field's label is the value's own words ("Diagnostic code: smtp;554 5.7.1
 * Message refused. Reason: listed at ..."), and so is a label in another
 * case than the server's capital ("rejected by the remote system: policy
 * violation", "contact the recipient address: a@b"). NULL when no such
 * label follows; field is the index of the field l opens with. */
static const char *
next_field(const bn_span *l, size_t field)
{
  const char *cut = NULL;
  for (size_t i = 0; l->len > 1 && i < G_N_ELEMENTS(entry_fields); i++) {
    if (i != 0 && i <= field)
      continue;
    const char *at = bn_strcasestr(l->p + 1, l->len - 1, entry_fields[i].label);
    if (at && at[-1] == ' ' && g_ascii_isupper(*at) && (cut == NULL || at < cut))
      cut = at;
  }
  return cut;
}

/* The index in entry_fields of the field l opens with, or -1. */
static int
field_index(const bn_span *l)
{
  for (size_t i = 0; i < G_N_ELEMENTS(entry_fields); i++) {
    size_t k = strlen(entry_fields[i].label);
    if (l->len >= k && g_ascii_strncasecmp(l->p, entry_fields[i].label, k) == 0)
      return (int)i;
  }
  return -1;
}

/* Reads l (trimmed), field's value (field_index); a recipient address
 * ends the entry before it. */
static void
read_one_field(ms_scan *s, bounce_report *r, const bn_span *l, int field)
{
  if (field < 0)
    return;
  size_t k = strlen(entry_fields[field].label);
  if (field == 0)
    finish(s, r);
  char **slot = (char **)((char *)&s->e + entry_fields[field].offset);
  g_free(*slot);
  *slot = bn_squeeze_dup(l->p + k, l->len - k);
  s->last = slot;
  s->field = (size_t)field;
  s->unindented = 0;
}

/* The server indents its fields and their wrapped values: a line under
 * one that is not indented at all is that value re-wrapped by a client
 * (at 60 columns, "  Recipient address:" over "user@example.jp",
 * "  Diagnostic code: smtp;522 5.2.0 Delivery failed: Over" over "quota"),
 * no blank line between. At most BN_MS_REWRAPPED_LINES such lines. The
 * client moved the line's first word down because it did not fit on the
 * line above: with the line above it takes BN_MS_WRAP_WIDTH columns or
 * more, the least a client wraps at (one that breaks before the column
 * would be filled leaves it empty). Shorter, it is text of its own
 * (the notice's sentence) under an unwrapped field; so is a returned
 * message's header field ("Return-path: <a@b>", "From: a@b") under it.
 * A client that wraps at width W leaves no line longer than W and moves
 * a word down only when the line above and the word pass W: a line as
 * long as those two together, or longer, is no client's continuation but
 * a sentence under a short field ("  Reason: unable to deliver this
 * message after 4 hours" over a delay notice's "Delivery will be
 * retried ...", one line of 87 columns), unless it is one word a client
 * could not break. Nor is a sentence's first word, capitalised, under a
 * line that passes BN_CLIENT_WRAP_MAX columns, the widest most clients
 * wrap at, and has a blank before it a client at that width would have
 * broken at: the server's own line, left whole ("  Diagnostic code:
 * smtp;451 4.3.0 ..." of 96 columns over a delay notice's "Delivery will
 * be retried ..."). A client set to wrap wider moves a word down mid-sentence
 * ("... rejected by the remote" over "system: policy violation, ..."). */
#define BN_MS_REWRAPPED_LINES 4
#define BN_MS_WRAP_WIDTH 60
static bool
rewrapped(ms_scan *s, const bn_span *line, size_t above, bool above_whole)
{
  size_t word = 0;
  while (word < line->len && !g_ascii_isspace(line->p[word]))
    word++;
  bool header = word > 1 && g_ascii_isupper(line->p[0]) && line->p[word - 1] == ':' &&
                word < line->len;
  for (size_t i = 1; header && i + 1 < word; i++)
    header = g_ascii_isalnum(line->p[i]) || line->p[i] == '-';
  bn_span t = *line;
  bn_span_trim(&t);
  bool fits = t.len < above + 1 + word || word == t.len;
  if (bn_span_indent(line) != 0 || s->unindented >= BN_MS_REWRAPPED_LINES || header ||
      (above_whole && g_ascii_isupper(line->p[0])) || above + 1 + word < BN_MS_WRAP_WIDTH ||
      !fits)
    return false;
  s->unindented++;
  return true;
}

/* Reads l (trimmed) if it opens with a labelled field, each field a
 * client joined onto its line read as a line of its own. */
static bool
read_field(ms_scan *s, bounce_report *r, const bn_span *line)
{
  bn_span l = *line, rest;
  int field = field_index(&l);
  if (field < 0)
    return false;
  bool joined;
  do {
    joined = bn_span_split(&l, &rest, next_field(&l, (size_t)field));
    bn_span_trim(&l);
    read_one_field(s, r, &l, field);
    l = rest;
    field = field_index(&l);
  } while (joined);
  return true;
}

/* Reads one line of the notice: a heading of given-up recipients, a
 * field, or a value wrapped onto a further-indented line. */
static void
read_line(ms_scan *s, bounce_report *r, const bn_span *line)
{
  bn_span l = *line;
  bn_span_trim(&l);
  size_t above = s->above;
  bool above_whole = s->above_whole;
  s->above = l.len ? (size_t)(l.p + l.len - line->p) : 0;
  const char *blank = memchr(l.p, ' ', l.len);
  s->above_whole = s->above > BN_CLIENT_WRAP_MAX && blank &&
                  (size_t)(blank - line->p) < BN_CLIENT_WRAP_MAX;
  if (l.len == 0) {
    s->last = NULL;
  } else if (bn_prose_has_any(l.p, l.len, failed_heads)) {
    finish(s, r);
    s->given_up = true;
    s->last = NULL;
  } else if (bn_prose_has_any(l.p, l.len, pending_heads)) {
    finish(s, r);
    s->given_up = false;
    s->last = NULL;
  } else if (read_field(s, r, &l)) {
    return;
  } else if (s->last && s->e.recipient && strlen(*s->last) < 2048 &&
             (bn_span_indent(line) > 2 || rewrapped(s, line, above, above_whole))) {
    /* a client that joined the fields, then re-wrapped them, puts a later
     * field's label inside the line that goes on with this value, or
     * across the break ("Recipient address:" over "a@b Reason: Remote
     * SMTP server has", "... address Diagnostic" over "code: smtp;550").
     * The server's own wrap (indented) starts each label on its line, so
     * there a label's words are the value's (a reply's "rejected by the
     * remote" over "  system: ..."), as in another case than its capital
     * anywhere (next_field) */
    char *joined = g_strdup_printf("%s %.*s", *s->last, (int)l.len, l.p);
    bn_span value = {joined, strlen(joined)}, rest;
    const char *cut = bn_span_indent(line) == 0 ? next_field(&value, s->field) : NULL;
    bool more = bn_span_split(&value, &rest, cut);
    bn_span_trim(&value);
    g_free(*s->last);
    *s->last = g_strndup(value.p, value.len);
    if (more)
      read_field(s, r, &rest);
    g_free(joined);
  } else {
    s->last = NULL;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool delayed = bn_subject_has(v, delay_subjects) ||
                 bn_prose_has_any(v->text->str, bn_view_own_len(v, v->text->len), pending_words);
  ms_scan s = {.add = bn_report_count(r) == 0, .delayed = delayed};
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next(&it, &line))
    read_line(&s, r, &line);
  finish(&s, r);
  entry_clear(&s.e); /* fields seen after the last recipient, or with none */
  if (s.found && bn_report_original(r, "Message-ID")[0] == '\0')
    original_fields(v, r);
  return s.found;
}

const bn_mta bn_mta_messagingserver = {"messagingserver", claim, extract};
