/* Sendmail 8: "Returned mail: see transcript for details" (or "Postmaster
 * notify:", "Warning: could not send message for past N hours"), a
 * multipart/report whose first part says
 *
 *   The original message was received at <date>
 *   from <host> [<ip>]
 *
 *      ----- The following addresses had permanent fatal errors -----
 *   <user@example.jp>
 *       (reason: 550 5.1.1 <user@example.jp>... User Unknown)
 *       (expanded from: <alias@example.org>)
 *
 *      ----- Transcript of session follows -----
 *   ... while talking to mx.example.jp.:
 *   >>> DATA
 *   <<< 550 5.1.1 <user@example.jp>... User Unknown
 *
 * then a message/delivery-status part (older or stripped ones have none, and
 * end with "----- Original message follows -----"). Warnings list the
 * addresses under "transient non-fatal errors" and say "THIS IS A WARNING
 * MESSAGE ONLY". A message held too long says "Message could not be
 * delivered for 5 days". The transcript gives the command in flight and the
 * remote's own reply, whose enhanced status is more exact than the one
 * Sendmail puts in the Status field (4.4.7 for any expired message). */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {
  "Returned mail:", "Postmaster notify:", "Warning: could not send message",
  "Postmaster warning:", NULL,
};

/* Sentences only Sendmail 8 (and its clones) writes. */
static const char *const marks[] = {
  "The following addresses had permanent fatal errors",
  "The following addresses had transient non-fatal errors",
  "... while talking to ",
  "The original message was received at",
  NULL,
};

static const char *const warnings[] = {
  "THIS IS A WARNING MESSAGE ONLY", "had transient non-fatal errors", NULL,
};

/* A message held in the queue past Timeout.queuereturn: Sendmail writes
 * "Message could not be delivered for 5 days" to the transcript; older
 * releases' queue runs printed "Cannot send message for 5 days" there too
 * (the oldest, that line only). */
static const char *const expiries[] = {
  "Message could not be delivered for", "Cannot send message for", NULL,
};

static const char *const original_starts[] = {
  "----- Original message follows -----", "----- Unsent message follows -----",
  "----- Message header follows -----", "----- Original message headers follow -----",
  NULL,
};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  if (!bn_prose_has_any(v->text->str, head, marks))
    return false;
  return bn_subject_starts(v, subjects) || v->dsn->len > 0 ||
         bn_strcasestr(v->text->str, head, "----- Transcript of session follows -----") ||
         bn_strcasestr(v->text->str, head, "permanent fatal errors");
}

/* Whether the line is "-----" (after blanks) and nothing else: the
 * heading's closing rule put on a line of its own by a client re-wrapping
 * at 60 columns. */
static bool
rule_alone(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  return t.len >= 5 && strspn(t.p, "-") >= t.len;
}

/* Whether the heading found at h is named in quotation marks on its line:
 * prose about the section, not its banner. AOL's relays put a preamble
 * above Sendmail's sections that names them before they come ("listed in
 * the section labeled: \"----- Transcript of Session Follows -----\"");
 * Sendmail writes its banners with no quotation mark (savemail.c). */
static bool
heading_quoted(const char *text, const char *h)
{
  const char *line = h;
  while (line > text && line[-1] != '\n')
    line--;
  return memchr(line, '"', (size_t)(h - line)) != NULL;
}

/* The span of the section after the line with heading, up to the next
 * "-----" line; false when there is no such heading. Only in the notice's
 * own text (bn_view_own_len): a returned message's inline copy may quote
 * another notice's lists and transcript. */
static bool
section(const bn_view *v, const char *heading, bn_span *out)
{
  const char *text = v->text->str;
  size_t len = bn_view_own_len(v, v->text->len);
  const char *after = text;
  const char *h;
  do
    h = bn_prose_find_heading(after, len - (size_t)(after - text), heading, &after);
  while (h && heading_quoted(text, h));
  if (h == NULL)
    return false;
  const char *nl = memchr(after, '\n', len - (size_t)(after - text));
  const char *p = nl ? nl + 1 : text + len;
  const char *end = text + len;
  /* Sendmail writes the heading alone on its line, with its rule
   * (savemail.c, errbody()): words after it on that line are the
   * section's first line, its paragraph joined onto one line by a client */
  after += strspn(after, " \t");
  after += strspn(after, "-");
  after += strspn(after, " \t");
  bool joined = after < p && *after != '\r' && *after != '\n';
  if (joined)
    p = after;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, p, (size_t)(end - p));
  bn_lines first = it;
  if (!joined && bn_lines_next(&first, &l) && rule_alone(&l)) {
    it = first;
    p = it.p;
  }
  while (bn_lines_next(&it, &l)) {
    const char *q = l.p;
    while (q < l.p + l.len && (*q == ' ' || *q == '\t'))
      q++;
    if ((size_t)(l.p + l.len - q) >= 5 && strncmp(q, "-----", 5) == 0) {
      end = l.p;
      break;
    }
  }
  out->p = p;
  out->len = (size_t)(end - p);
  return true;
}

/* One entry of an address list: the address line, then indented
 * "(reason: ...)" and "(expanded from: ...)" lines. */
typedef struct {
  char *address;
  char *reason;
} entry;

/* What an entry of the "successful delivery notifications" list says
 * happened: "<a@b>  (successfully delivered)", "(relayed to non-DSN-aware
 * mailer)", "(expanded ...)". */
static const char *
success_action(const char *token, size_t tlen)
{
  if (bn_strcasestr(token, tlen, "(relayed"))
    return "relayed";
  if (bn_strcasestr(token, tlen, "(expanded"))
    return "expanded";
  return "delivered";
}

/* Which of Sendmail's lists an entry is in. Before 8.8 one list, "The
 * following addresses had delivery problems", held both kinds, each entry
 * saying which: "<a@b>  (unrecoverable error)", "(transient failure)"
 * (the example of RFC 3464's appendix). */
typedef enum { LIST_FATAL, LIST_TRANSIENT, LIST_SUCCESS, LIST_PROBLEMS } list_kind;

/* What qualifies the local names of Sendmail's lists when there is no
 * delivery-status part to give their full addresses. */
typedef struct {
  char *host;            /* Sendmail's own host name, or NULL */
  char *envelope;        /* the returned message's one envelope recipient */
  const bn_transcript *tr;
} list_context;

/* The address of a transcript step whose local part is name: the mailer
 * took the name on to another host ("RCPT To:<mirabel@example.net>"). */
static const char *
step_address(const bn_transcript *tr, const char *name, size_t len)
{
  for (size_t i = 0; tr->steps && i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    const char *at = st->address ? strchr(st->address, '@') : NULL;
    if (at && (size_t)(at - st->address) == len && g_ascii_strncasecmp(st->address, name, len) == 0)
      return st->address;
  }
  return NULL;
}

/* The address an entry of a list names: "<user@example.org>", or a bare
 * local name ("kijitora"): for the mailbox attempted (leaf), the address a
 * transcript step gives it; else the name at Sendmail's own host name ($j),
 * as its delivery-status part writes it. A new string or NULL. */
static char *
list_address(const char *s, size_t len, const list_context *cx, bool leaf)
{
  char *addr = bn_address_clean(s, len);
  if (addr)
    return addr;
  if (!bn_transcript_local_name(&s, &len, "<> "))
    return NULL;
  const char *taken = leaf ? step_address(cx->tr, s, len) : NULL;
  if (taken)
    return bn_address_clean(taken, strlen(taken));
  if (cx->host == NULL)
    return NULL;
  char *name = g_strndup(s, len);
  addr = g_strdup_printf("%s@%s", name, cx->host);
  g_free(name);
  return addr;
}

/* Whether reason, the "(reason: ...)" under an entry for addr (or its
 * alias), quotes the refusal of another address the transcript sent a
 * RCPT for ("<sven@...>" then "(reason: 550 5.1.1 <britta@...>... User
 * unknown)"): Sendmail writes each recipient's own reply, so the line
 * strayed from that entry. Scans the steps only for such a reason. */
static bool
reason_of_other(const bn_transcript *tr, const char *reason, const char *addr, const char *alias)
{
  char *named = bn_find_address(reason, strlen(reason));
  bool other = named && tr->steps && (addr == NULL || !bn_same_mailbox(named, addr, true)) &&
               (alias == NULL || !bn_same_mailbox(named, alias, true));
  for (size_t i = 0; other && i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    if (st->address && st->command && strcmp(st->command, "RCPT") == 0 &&
        g_ascii_strcasecmp(st->address, named) == 0) {
      g_free(named);
      return true;
    }
  }
  g_free(named);
  return false;
}

static void
entry_done(bounce_report *r, entry *e, const char *token, size_t tlen, const char *expanded,
           size_t elen, bool add, list_kind kind, const list_context *cx)
{
  /* 8.7 ends an entry with its kind, after two blanks: "jdoe  (unrecoverable
   * error)", which would keep a bare local name from being read */
  const char *kind_mark = kind == LIST_PROBLEMS ? bn_strcasestr(token, tlen, "  (") : NULL;
  char *addr = list_address(token, kind_mark ? (size_t)(kind_mark - token) : tlen, cx, true);
  /* "(expanded from: <alias@example.org>)": the address the sender wrote,
   * which Sendmail's delivery-status part reports as the Final-Recipient
   * (with the mailbox it led to as X-Actual-Recipient) */
  char *alias = expanded ? bn_address_clean(expanded, elen) : NULL;
  /* a local alias ("kijitora"): itself what the sender wrote, unless the
   * envelope had another, this alias's own parent */
  if (expanded && alias == NULL)
    alias = cx->envelope ? g_strdup(cx->envelope) : list_address(expanded, elen, cx, false);
  bounce_recipient *rc = addr ? bn_report_find(r, addr) : NULL;
  if (rc == NULL && alias)
    rc = bn_prose_recipient_if(r, alias, add);
  else if (rc == NULL)
    rc = bn_prose_recipient_if(r, addr, add);
  if (rc && add && alias && addr && g_ascii_strcasecmp(alias, addr) != 0 &&
      rc->actual_recipient == NULL)
    bn_set_str(&rc->actual_recipient, addr);
  if (rc && e->reason && !reason_of_other(cx->tr, e->reason, addr, alias))
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, e->reason, BOUNCE_SOURCE_TEXT);
  if (rc && kind == LIST_SUCCESS)
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, success_action(token, tlen), BOUNCE_SOURCE_TEXT);
  /* still queued, beside others that failed for good */
  if (rc && (kind == LIST_TRANSIENT ||
             (kind == LIST_PROBLEMS && bn_strcasestr(token, tlen, "(transient failure)"))))
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
  g_free(addr);
  g_free(alias);
  g_free(e->reason);
  e->reason = NULL;
}

/* The value of "(name: value)" on an indented line, or NULL. */
static const char *
paren_value(const bn_span *l, const char *name, size_t *len)
{
  const char *p = bn_strcasestr(l->p, l->len, name);
  if (p == NULL)
    return NULL;
  p += strlen(name);
  while (p < l->p + l->len && *p == ' ')
    p++;
  const char *e = l->p + l->len;
  while (e > p && e[-1] == ' ')
    e--;
  /* the one that closes "(reason:", and a stray one before it that no '('
   * of the value opens; the reason's own may end in one ("Host unknown
   * (Name server: x: host not found)") */
  if (e > p && e[-1] == ')')
    e--;
  long open = 0;
  for (const char *q = p; q < e; q++)
    open += *q == '(' ? 1 : *q == ')' ? -1 : 0;
  while (e > p && e[-1] == ')' && open < 0) {
    e--;
    open++;
  }
  while (e > p && e[-1] == ' ')
    e--;
  *len = (size_t)(e - p);
  return p;
}

/* How many parentheses [p, end) opens and does not close. */
static long
parens_open(const char *p, const char *end)
{
  long open = 0;
  for (; p < end; p++)
    open += *p == '(' ? 1 : *p == ')' ? -1 : 0;
  return open;
}

/* Whether l is a "(reason: ..." line whose parenthesis stays open: a
 * client re-wrapping at 60 columns put the reply's end on the lines under
 * it, unindented ("    (reason: 550 5.1.1 <u@example.jp>... User" over
 * "Unknown)"). Sendmail writes the whole parenthesis on one line
 * (savemail.c, errbody()). */
static bool
reason_wrapped(const bn_span *l)
{
  const char *p = bn_strcasestr(l->p, l->len, "(reason:");
  return p && parens_open(p, l->p + l->len) > 0;
}

/* Widens l, a wrapped "(reason: ..." line, over the lines under it up to
 * the one that closes it (all its parentheses closed there), at most
 * BN_LIST_REASON_LINES of them. Not over a blank line, an indented line
 * (the entry's next "(...)", or the reason line of a next entry whose
 * address line this was) or a list rule: then the reason is left as it
 * was. A reply that opens a parenthesis it does not close (its middle cut
 * by shortenstring()) never closes: the next entry's "b@example.com
 * (Name)" under it is no rest of it. Whether it was widened. */
#define BN_LIST_REASON_LINES 4
static bool
reason_continued(bn_lines *it, bn_span *l)
{
  bn_lines look = *it;
  bn_span c;
  long open = parens_open(bn_strcasestr(l->p, l->len, "(reason:"), l->p + l->len);
  for (int i = 0; i < BN_LIST_REASON_LINES && bn_lines_next(&look, &c); i++) {
    if (c.len == 0 || c.p[0] == ' ' || c.p[0] == '\t' || c.p[0] == '-')
      return false;
    open += parens_open(c.p, c.p + c.len);
    if (open <= 0) {
      l->len = (size_t)(c.p + c.len - l->p);
      *it = look;
      return true;
    }
  }
  return false;
}

/* Whether the words after a value's closing ')' (s, n) are what Sendmail
 * writes on the next line: the next value, "(expanded from: ...)", or the
 * next entry's address ("<a@b>", "a@b"); any other words are the reply's
 * own after a ')' it holds ("Over quota: 1) mailbox full 2) try later"). */
static bool
entry_follows(const char *s, size_t n)
{
  if (n < 2 || s[0] != ' ')
    return false;
  while (n && *s == ' ') {
    s++;
    n--;
  }
  size_t w = bn_word_end(s, n);
  return n && (*s == '(' || *s == '<' || memchr(s, '@', w) != NULL);
}

/* Whether the words after a ')' (s, n) open what only a next entry's
 * line does: an address ("<a@b>", "a@b") or "(reason:" or "(expanded
 * from:"; not any parenthesis, which a reply may hold. */
static bool
entry_opens(const char *s, size_t n)
{
  while (n && *s == ' ') {
    s++;
    n--;
  }
  static const char *const values[] = {"(reason:", "(expanded from:"};
  for (size_t i = 0; n && *s == '(' && i < G_N_ELEMENTS(values); i++)
    if (n >= strlen(values[i]) && g_ascii_strncasecmp(s, values[i], strlen(values[i])) == 0)
      return true;
  if (n && *s == '(')
    return false;
  size_t w = bn_word_end(s, n);
  return n && memchr(s, '@', w) != NULL;
}

/* Where a line a client joined from an entry's lines is cut: Sendmail
 * writes the address, its "(reason: ...)" and its "(expanded from: ...)"
 * each on a line of its own (savemail.c, errbody()), so on one line the
 * address ends before a mid-line "(reason:" or "(expanded from:", and such
 * a value at the ')' that closes it when words follow (the next value or
 * the next entry's address). NULL when the line is whole. */
static const char *
joined_cut(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  if (t.len && t.p[0] == '(') {
    long open = 0;
    const char *first = NULL; /* the first ')' a next entry's address or value follows */
    bool closed = false;      /* the value's own ')' came */
    for (size_t i = 0; i < t.len; i++) {
      open += t.p[i] == '(' ? 1 : t.p[i] == ')' ? -1 : 0;
      closed = closed || open <= 0;
      if (t.p[i] == ')' && entry_follows(t.p + i + 1, t.len - i - 1)) {
        if (open <= 0)
          return t.p + i + 1;
        if (first == NULL && entry_opens(t.p + i + 1, t.len - i - 1))
          first = t.p + i + 1;
      }
      open = MAX(open, 1);
    }
    /* a reply that opens a parenthesis it does not close (its middle cut
     * by shortenstring()) never balances: its value ends where the next
     * entry's address or value opens. One that balances holds that ')'
     * and address in its own words ("(see https://...) <postmaster@b>
     * can help)") */
    return closed ? NULL : first;
  }
  const char *reason = bn_strcasestr(t.p, t.len, " (reason:");
  const char *expanded = bn_strcasestr(t.p, t.len, " (expanded from:");
  if (reason == NULL || (expanded && expanded < reason))
    reason = expanded;
  return reason;
}

static void
read_list(const bn_view *v, const char *heading, bounce_report *r, bool add, list_kind kind,
          const list_context *cx)
{
  bn_span sec, l, rest = {NULL, 0};
  if (!section(v, heading, &sec))
    return;
  bn_lines it;
  bn_lines_init(&it, sec.p, sec.len);
  entry e = {0};
  const char *token = NULL, *expanded = NULL;
  size_t tlen = 0, elen = 0;
  for (;;) {
    /* the rest of a joined line: a value if it opens with '(' */
    bool value = rest.len && rest.p[0] == '(';
    if (!bn_lines_resume(&it, &rest, &l, bn_lines_next))
      break;
    if (l.len == 0)
      continue;
    bn_span_split(&l, &rest, joined_cut(&l));
    size_t n = 0;
    if (value || l.p[0] == ' ' || l.p[0] == '\t') {
      const char *val;
      bool wrapped = reason_wrapped(&l) && reason_continued(&it, &l);
      if ((val = paren_value(&l, "(reason:", &n)) && n) {
        g_free(e.reason);
        e.reason = wrapped ? bn_squeeze_dup(val, n) : g_strndup(val, n);
      } else if ((val = paren_value(&l, "(expanded from:", &n)) && n) {
        expanded = val;
        elen = n;
      }
      continue;
    }
    if (token)
      entry_done(r, &e, token, tlen, expanded, elen, add, kind, cx);
    token = l.p;
    tlen = l.len;
    expanded = NULL;
  }
  if (token)
    entry_done(r, &e, token, tlen, expanded, elen, add, kind, cx);
  g_free(e.reason); /* a reason with no address after it */
}

/* The remote's enhanced status is more exact than the Status field: its
 * own one, as finish.c reads it (bn_reply_own_status), not a version in a
 * greeting ("554 mx.example.org ESMTP Postfix (2.5.6) ...") or a
 * callout's answer it quotes ("Response: 550 5.1.1 ..."). Only for a
 * recipient not delivered, so never a success: when the connection is lost
 * after RCPT, the Diagnostic-Code keeps the last reply read ("250 2.1.5
 * <a@b>... Recipient ok" under "Status: 4.4.2"), which finish.c does not
 * take for a failed record either. */
static void
status_from_diagnostic(bounce_recipient *rc)
{
  char found[16];
  if (rc->diagnostic && bn_reply_own_status(rc->diagnostic, strlen(rc->diagnostic), found) &&
      found[0] != '2' && (rc->status == NULL || strcmp(rc->status, found) != 0))
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, found, BOUNCE_SOURCE_TEXT);
}

/* The status Sendmail's SMTP client gives a reply that has no enhanced
 * status of its own (its smtptodsn()), in the reply to the message itself
 * and in a refusal of RCPT. */
static const struct {
  int reply;
  const char *status;
} client_statuses[] = {
  {450, "4.2.0"}, {451, "4.3.0"}, {452, "4.3.1"}, {500, "5.5.2"}, {501, "5.5.4"},
  {502, "5.5.1"}, {503, "5.5.1"}, {504, "5.5.4"}, {550, "5.2.0"}, {551, "5.1.6"},
  {552, "5.2.2"}, {553, "5.1.0"}, {554, "5.0.0"},
};

/* What Sendmail's delivery-status part says of a refusal that carried no
 * enhanced status: a greeting or HELO refused makes the server
 * unavailable (5.5.0); the reply to the message, its table's status; RCPT
 * too (a pipelined one shows after ">>> DATA", its verdict naming the
 * address), except 550 and 553, whose status changed between releases
 * (5.2.0 and 5.1.0 once, 5.1.1 and 5.1.3 now), left to the verdict. NULL
 * when it is not known. */
static const char *
client_status(const bn_smtp_step *st)
{
  const GString *re = st->reply;
  char found[16];
  int code = re->len >= 3 ? bn_reply_code_at(re->str, re->len) : 0;
  if (code < 400 || st->command == NULL || bn_find_status(re->str, re->len, found))
    return NULL;
  const char *cmd = st->command;
  if (strcmp(cmd, "CONN") == 0 || strcmp(cmd, "HELO") == 0 || strcmp(cmd, "EHLO") == 0)
    return code >= 500 ? "5.5.0" : NULL;
  bool rcpt = strcmp(cmd, "RCPT") == 0 ||
              (strcmp(cmd, "DATA") == 0 && st->address && st->verdict->len);
  if (rcpt && (code == 550 || code == 553))
    return NULL;
  if (!rcpt && strcmp(cmd, "DATA") != 0)
    return NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(client_statuses); i++)
    if (client_statuses[i].reply == code)
      return client_statuses[i].status;
  return NULL;
}

/* The status Sendmail gives its own verdict on a recipient, for the older
 * releases whose verdicts carry none ("550 <kijitora@example.org>... User
 * unknown", no delivery-status part): the one its later verdicts write
 * (sysexits.c's SysExMsg) and its delivery-status part gives (deliver.c's
 * markfailure()), where the two agree. Without it a bare "User unknown"
 * reads as a filter's words. */
static const struct {
  const char *words;
  const char *status;
} own_statuses[] = {
  {"User unknown", "5.1.1"},
  {"Host unknown", "5.1.2"},
  {"Remote protocol error", "5.5.0"},
};

const char *
bn_sendmail_words_status(const char *words)
{
  for (size_t i = 0; i < G_N_ELEMENTS(own_statuses); i++)
    if (bn_has_prefix_ci(words, own_statuses[i].words))
      return own_statuses[i].status;
  return NULL;
}

/* The status of st's verdict when Sendmail wrote it of its own (no remote
 * reply before it) and without an enhanced status; NULL otherwise. */
static const char *
own_status(const bn_smtp_step *st)
{
  const GString *v = st->verdict;
  char found[16];
  if (st->reply->len || st->command || v->len < 5 || v->str[0] != '5' ||
      bn_reply_code_at(v->str, v->len) == 0 || bn_find_status(v->str, v->len, found))
    return NULL;
  return bn_sendmail_words_status(v->str + 4);
}

/* The status of the cause words Sendmail put in its subject, when the
 * recipient has none. */
static void
subject_status(bounce_recipient *rc)
{
  const char *st = rc->status ? NULL : bn_sendmail_words_status(rc->diagnostic);
  if (st)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, st, BOUNCE_SOURCE_TEXT);
}

/* Sendmail's words for a delivery agent (mailer) that exited
 * EX_UNAVAILABLE, 69 (sysexits.c's SysExMsg: "554 5.0.0 Service
 * unavailable"; "554 Service unavailable" before 8.7): its verdict, its
 * "(reason: ...)" and its subject say no more. Where no server's reply
 * stands behind them -- a server's refusal of the message gives the same
 * verdict after "<<< 554 ..." -- the local mailer (mail.local, procmail,
 * a pipe) failed; a refused connection is deferred, and an access-table
 * REJECT has words of its own ("Access denied"). */
static bool
mailer_unavailable(const char *d)
{
  static const char words[] = "Service unavailable";
  size_t w = sizeof words - 1;
  size_t n = d ? strlen(d) : 0;
  if (n < w || g_ascii_strcasecmp(d + n - w, words) != 0)
    return false;
  for (size_t i = 0; i < n - w; i++) /* a reply code and status before */
    if (!g_ascii_isdigit(d[i]) && d[i] != '.' && d[i] != ' ')
      return false;
  return true;
}

/* Whether rc's Remote-MTA names a server elsewhere. Sendmail 8.12 and
 * later write none for a local mailer (deliver.c, markfailure: not
 * M_LOCALMAILER); a name of this machine's own (its loopback, the
 * Reporting-MTA) is no server elsewhere either. */
static bool
remote_server(const bounce_recipient *rc)
{
  static const char *const loopback[] = {"localhost", "127.", "[127.", "::1", "[IPv6:::1]"};
  const char *host = rc->remote_mta;
  if (host == NULL || host[0] == '\0')
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(loopback); i++)
    if (bn_has_prefix_ci(host, loopback[i]))
      return false;
  const char *own = rc->owner ? rc->owner->reporting_mta : NULL;
  return own == NULL || g_ascii_strcasecmp(host, own) != 0;
}

/* The mailer's failure as rc's cause, when Sendmail's own words say only
 * that its exit status was EX_UNAVAILABLE and nothing named a cause: not
 * a status that names one either (a delivery-status part's 5.7.1 beside a
 * subject's "Service unavailable" is a refusal the subject sums up), nor a
 * Remote-MTA, a server whose refusal the words sum up. */
static void
mailer_cause(bounce_recipient *rc, const bn_smtp_step *st)
{
  if (rc->source[BOUNCE_FIELD_CAUSE] != BOUNCE_SOURCE_NONE || bn_rcpt_succeeded(rc) ||
      rc->source[BOUNCE_FIELD_DIAGNOSTIC] != BOUNCE_SOURCE_TEXT ||
      (rc->status && bn_status_cause(rc->status) != BOUNCE_CAUSE_UNDEFINED) ||
      (st && (st->reply->len || st->host)) || remote_server(rc) ||
      !mailer_unavailable(rc->diagnostic))
    return;
  bn_prose_set_cause(rc, BOUNCE_CAUSE_MAILERERROR);
}

/* Whether reply re starts with diagnostic d (n bytes), a continuation
 * dash after its code aside. */
static bool
reply_says(const GString *re, const char *d, size_t n)
{
  return n >= 5 && re->len >= n && strncmp(re->str, d, 3) == 0 &&
         strncmp(re->str + 4, d + 4, n - 4) == 0;
}

/* The refusal Sendmail copied into a recipient's "(reason: 552-5.7.0
 * ...)": the step naming no other address whose reply starts with it
 * (continuation dashes aside), the last when sessions repeat it. Finds
 * the session when no delivery-status part names the remote MTA. */
static const bn_smtp_step *
step_of_reason(const bn_transcript *t, const bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  size_t n = d ? strlen(d) : 0;
  if (t->steps == NULL || n < 5 || bn_find_reply_code(d, n) == 0)
    return NULL;
  return bn_transcript_quoted(t, rc, d, n);
}

/* "5.7.1" and "5.7.26" share "5.7". */
static size_t
class_subject_len(const char *st)
{
  const char *dot = strchr(st, '.');
  dot = dot ? strchr(dot + 1, '.') : NULL;
  return dot ? (size_t)(dot - st) : strlen(st);
}

/* Whether st, a step found by its session and not by rc's address, says
 * another thing than rc's own Status field: Sendmail writes both from the
 * one reply, so a class or subject that differs (5.7 against 5.2) marks a
 * refusal of another recipient, or of another session. Not when the reply
 * is rc's own Diagnostic-Code: the Status field then is Sendmail's reading
 * of it (smtptodsn's 5.2.2 for "552 ... (#5.3.4)", or the expiry's 4.4.7). */
static bool
disagrees(const bn_smtp_step *st, const bounce_recipient *rc)
{
  char found[16];
  if (st == NULL || rc->status == NULL ||
      rc->source[BOUNCE_FIELD_STATUS] != BOUNCE_SOURCE_FIELD ||
      bn_transcript_names(st->address, rc, false) || bn_transcript_names(st->mentioned, rc, true))
    return false;
  if (rc->diagnostic && reply_says(st->reply, rc->diagnostic, strlen(rc->diagnostic)))
    return false;
  const GString *said = st->reply->len ? st->reply : st->verdict;
  if (!bn_find_status(said->str, said->len, found))
    return false;
  if (strncmp(rc->status + 1, ".0.0", 4) == 0)
    return false; /* "5.0.0" says only permanent */
  size_t n = class_subject_len(found);
  return n != class_subject_len(rc->status) || strncmp(found, rc->status, n) != 0;
}

/* The recipients of the notice's lists (fatal, transient, a return
 * receipt's), with the local host as the reporting MTA when no
 * delivery-status part named one. */
static void
read_lists(const bn_view *v, bounce_report *r, bn_transcript *tr)
{
  const GString *t = v->text;
  bool from_dsn = bn_report_count(r) > 0;
  list_context cx = {.host = from_dsn ? NULL : bn_sendmail_host(v), .tr = tr};
  /* the one envelope recipient, from the Received field Sendmail wrote on
   * taking the message in: a local alias a list entry was expanded from
   * came from it */
  cx.envelope = cx.host ? bn_received_for(v, r, bn_prose_after(t, original_starts), cx.host) : NULL;
  read_list(v, "had permanent fatal errors", r, !from_dsn, LIST_FATAL, &cx);
  read_list(v, "had transient non-fatal errors", r, !from_dsn, LIST_TRANSIENT, &cx);
  /* a return receipt (DSN NOTIFY=SUCCESS), whose delivery-status part a
   * gateway may have dropped */
  read_list(v, "had successful delivery notifications", r, !from_dsn, LIST_SUCCESS, &cx);
  read_list(v, "The following addresses had delivery problems", r, !from_dsn, LIST_PROBLEMS, &cx);
  if (cx.host && bn_report_count(r) > 0)
    bn_set_str(&r->reporting_mta, cx.host);
  g_free(cx.host);
  g_free(cx.envelope);
}

/* With no list, the addresses the transcript's verdicts name. */
static void
recipients_of_verdicts(bounce_report *r, const bn_transcript *tr)
{
  for (size_t i = 0; i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    if (!st->host_level && st->verdict->len && st->address && strchr(st->address, '@'))
      bn_prose_recipient(r, st->address);
  }
}

/* With no list and no verdict naming an address: a verdict on a local file
 * or program ("550 /home/neko/Mail/inbox... Can't create output"), or on
 * the whole message ("554 5.4.6 Too many hops ..."), is that of the
 * envelope's one recipient, which this host's own Received field names
 * ("by <host> ... for <board@example.org>"); without one, of the returned
 * message's recipient (its To or Cc) where it has one. Not where it has
 * several: To and Cc name addresses other servers took too, whose envelope
 * this host never had (a Cc at another domain is not the local file's),
 * and one step is given to a sole recipient only (steps_of_recipients). */
static void
recipients_of_message(const bn_view *v, bounce_report *r, const bn_transcript *tr)
{
  bool said = false;
  for (size_t i = 0; i < tr->steps->len && !said; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    said = !st->host_level && st->verdict->len && bn_transcript_code(st) >= 400 &&
           (st->address == NULL || st->address[0] == '/' || st->address[0] == '|');
  }
  if (!said)
    return;
  gssize orig = bn_prose_after(v->text, original_starts);
  bn_prose_original(v, r, orig);
  char *host = bn_sendmail_host(v);
  bn_prose_sole_recipient(v, r, orig, host);
  g_free(host);
}

/* The transcript's step for each recipient (NULL where none is). */
static const bn_smtp_step **
steps_of_recipients(bounce_report *r, bn_transcript *tr)
{
  size_t n = bn_report_count(r), left = 0;
  const bn_smtp_step **steps = g_new0(const bn_smtp_step *, n ? n : 1);
  bool *accepted = g_new0(bool, n ? n : 1);
  for (size_t i = 0; i < n && tr->steps; i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    steps[i] = bn_transcript_find(tr, rc, BN_STEP_NAMED);
    /* an accepted RCPT is no failure's step (a transcript that shows
     * every reply shows it), and the search below would find it again */
    accepted[i] = bn_transcript_accepted_rcpt(steps[i]) && !bn_rcpt_succeeded(rc);
    /* the reply its "(reason: ...)" quotes, when its own RCPT was
     * accepted and no "<addr>... reason" line names it */
    const bn_smtp_step *why = steps[i] == NULL || accepted[i] ? step_of_reason(tr, rc) : NULL;
    if (why || accepted[i])
      steps[i] = why;
    left += steps[i] == NULL && !bn_rcpt_succeeded(rc) && !accepted[i];
  }
  /* A recipient no step names was refused with the others of its session
   * (at DATA, or on connecting): when there is only one recipient left, or
   * only one session, that refusal is its. One the receipt's list says got
   * the message (delivered, relayed) was refused nowhere, and the queue's
   * expiry is not its either. */
  for (size_t i = 0; i < n && tr->steps; i++)
    if (steps[i] == NULL && (left == 1 || tr->sessions == 1) &&
        !bn_rcpt_succeeded(bn_report_rcpt(r, i)) && !accepted[i])
      steps[i] = bn_transcript_find(tr, bn_report_rcpt(r, i),
                                    n == 1 ? BN_STEP_SOLE : BN_STEP_LAST_LEFT);
  g_free(accepted);
  return steps;
}

/* A recipient's status, from its diagnostic, Sendmail's own client status
 * or verdict, or the queue's expiry (timeout: its line, or NULL). */
static void
recipient_status(bounce_recipient *rc, const bn_smtp_step *st, const char *timeout)
{
  status_from_diagnostic(rc);
  /* Sendmail's own verdict ("550 5.1.1 <addr>... User unknown") gives the
   * status its delivery-status part would have, when it has none */
  /* not for a message held too long: its status is the expiry's */
  const char *client = rc->status == NULL && st && !timeout ? client_status(st) : NULL;
  if (client)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, client, BOUNCE_SOURCE_TEXT);
  const char *own = rc->status == NULL && st && !timeout ? own_status(st) : NULL;
  if (own)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, own, BOUNCE_SOURCE_TEXT);
  char verdict_status[16];
  if (rc->status == NULL && st && st->verdict->len &&
      bn_find_status(st->verdict->str, st->verdict->len, verdict_status))
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, verdict_status, BOUNCE_SOURCE_TEXT);
  /* Sendmail's status for a message held too long; its delivery-status
   * part, when there is one, says the same */
  if (timeout)
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, "4.4.7", BOUNCE_SOURCE_TEXT);
}

/* A recipient not delivered: the expiry as its diagnostic when it has
 * none, its status, and its action from the notice's kind. */
static void
complete_failed(bounce_recipient *rc, const bn_smtp_step *st, const char *timeout, bool warning,
                bool fatal)
{
  if (rc->diagnostic == NULL && timeout) {
    const char *nl = strchr(timeout, '\n');
    char *line = g_strndup(timeout, nl ? (size_t)(nl - timeout) : strlen(timeout));
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, line, BOUNCE_SOURCE_TEXT);
    g_free(line);
  }
  recipient_status(rc, st, timeout);
  if (rc->action == NULL && (warning || (!fatal && st && st->deferred)))
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
  else if (rc->action == NULL && fatal)
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
}

/* The recipient whose failure the subject's words (len bytes) name.
 * Sendmail's subject is the last permanent error of the whole message
 * (deliver.c, giveresponse() sets e_message to each in turn; savemail.c
 * writes "Returned mail: %s"), so it is some failed recipient's. It is
 * the one failed recipient with no words of its own, when no other's own
 * words hold the subject's: they may be that one's error, the last, and
 * the silent recipient's then unknown. NULL when it cannot be told. */
static bounce_recipient *
subject_recipient(bounce_report *r, const bn_smtp_step **steps, const char *words, size_t len)
{
  char *w = g_strndup(words, len);
  bounce_recipient *silent = NULL;
  bool told = true;
  for (size_t i = 0; i < bn_report_count(r) && told; i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (bn_rcpt_succeeded(rc) || (rc->action && strcmp(rc->action, "failed") != 0))
      continue;
    if (rc->diagnostic == NULL) {
      told = silent == NULL;
      silent = rc;
    } else if (bn_strcasestr(rc->diagnostic, strlen(rc->diagnostic), w)) {
      told = false;
    }
    /* or Sendmail's verdict on it, when its diagnostic is the remote's
     * reply ("No such user" answered, "User unknown" the verdict) */
    if (rc->diagnostic && steps[i] && steps[i]->verdict->len &&
        bn_strcasestr(steps[i]->verdict->str, steps[i]->verdict->len, w))
      told = false;
  }
  g_free(w);
  return told ? silent : NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t own = bn_view_own_len(v, t->len);
  bool fatal = bn_strcasestr(t->str, own, "had permanent fatal errors") != NULL;
  bool warning = !fatal && (bn_prose_has_any(t->str, own, warnings) ||
                            bn_has_prefix_ci(v->subject, "Warning:"));
  bn_transcript tr = {0};
  bn_span sec;
  if (section(v, "----- Transcript of session follows -----", &sec)) {
    tr.joined = sec.len && sec.p[-1] != '\n'; /* it began on the heading's line */
    bn_transcript_read(&tr, sec.p, sec.len);
  }
  read_lists(v, r, &tr);
  if (bn_report_count(r) == 0 && tr.steps)
    recipients_of_verdicts(r, &tr);
  if (bn_report_count(r) == 0 && tr.steps)
    recipients_of_message(v, r, &tr);
  const char *timeout = NULL;
  for (size_t i = 0; expiries[i] && timeout == NULL; i++)
    timeout = bn_prose_find_line(t->str, own, expiries[i]);
  size_t n = bn_report_count(r);
  const bn_smtp_step **steps = steps_of_recipients(r, &tr);
  for (size_t i = 0; i < n; i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (n > 1 && disagrees(steps[i], rc))
      steps[i] = NULL;
    bn_transcript_apply(steps[i], rc);
  }
  /* Sendmail's words in another layout ("Remote server replied: 550 ..."
   * in the paragraph after the address, no "(reason: ...)"): with no
   * transcript, no delivery-status part and no expiry to say why, read as
   * an unknown MTA's notice is */
  if ((tr.steps == NULL || tr.steps->len == 0) && v->dsn->len == 0 && timeout == NULL)
    bn_fallback_complete(v, r);
  for (size_t i = 0; i < n; i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    const bn_smtp_step *st = steps[i];
    if (!bn_rcpt_succeeded(rc))
      complete_failed(rc, st, timeout, warning, fatal);
    mailer_cause(rc, st);
  }
  /* no transcript line, no "(reason: ...)": the subject's words, which
   * are Sendmail's own as its verdicts' are */
  size_t wlen = 0;
  const char *words = bn_sendmail_subject_words(v, &wlen);
  bounce_recipient *one = words ? subject_recipient(r, steps, words, wlen) : NULL;
  if (one) {
    bn_prose_add_diagnostic(one, words, wlen);
    subject_status(one);
    mailer_cause(one, NULL);
  }
  g_free(steps);
  r->work += bn_transcript_work(&tr);
  bn_transcript_clear(&tr);
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_sendmail = {"sendmail", claim, extract};
