/* Sendmail-style SMTP session transcripts, as Sendmail (V5 and V8) and the
 * MTAs that copied it write them under "Transcript of session follows":
 *
 *   ... while talking to mx.example.jp.:        (V5: "While talking to h:")
 *   >>> RCPT To:<user@example.jp>               what the MTA sent
 *   <<< 550 5.1.1 <user@example.jp>... Unknown  what the remote answered
 *   550 5.1.1 <user@example.jp>... User unknown the MTA's verdict on it
 *   <user@example.jp>... Deferred: Connection refused by mx.example.jp.
 *   550 example.jp (smtp)... 550 Host unknown   a verdict on a host (V5)
 *
 * Outside an SMTP session, a local delivery's mailer writes its own words
 * before Sendmail's verdict on it:
 *
 *   mail.local: unknown user: kijitora
 *   554 <kijitora@example.net>... Service unavailable
 *
 * The reader cuts this into steps (one per reply or verdict) and tells,
 * for a recipient, which step was its fate. Single forward pass per line. */
#include "mta.h"
#include <string.h>

#define BN_TRANSCRIPT_MAX_STEPS 1000
/* bytes of a verdict's "<u@x>" or "host (mailer)" looked through for its "..." */
#define BN_VERDICT_TOKEN_MAX 320

static void
step_free(gpointer p)
{
  bn_smtp_step *st = p;
  g_free(st->address);
  g_free(st->mentioned);
  g_free(st->host);
  g_string_free(st->reply, TRUE);
  g_string_free(st->verdict, TRUE);
  g_free(st->program);
  g_free(st);
}

/* The steps that may name a recipient, by the key of the local part they
 * name (local_key): a recipient's step is looked for among those sharing
 * one of its keys, not among all steps (a thousand steps for each of ten
 * thousand recipients). */
struct bn_step_index {
  GHashTable *by_key; /* char * -> GArray of guint step numbers, ascending */
  size_t work;        /* addresses compared, steps looked at (bn_transcript_work) */
  /* For a recipient no step names, bn_transcript_find's answer depends on
   * the recipient only through its remote MTA, as no host-level step
   * carries an address (host_verdict) and the strict tests pass over
   * every step with an address alike: the answers are worked out once,
   * not once per recipient (a thousand RCPT steps of one session and ten
   * thousand listed recipients). */
  GHashTable *session_of_host;     /* lower-case host -> GINT_TO_POINTER last session with it */
  int last_session;                /* the greatest session number of a step */
  const bn_smtp_step **refusal;    /* [2 * session + strict]: its first refusal (no 503),
                                      strict: naming no address */
  bool nobody_known[3];            /* by bn_step_scope */
  const bn_smtp_step *nobody[3];   /* the answer past the remote MTA's session */
  /* The steps a recipient's quoted reason may come from (bn_transcript_
   * quoted): not host-level, no address, a reply of 5 bytes or more, in
   * the order of their replies (the continuation dash aside), and the
   * greatest step number over each run of 2^k of them. Built on first use. */
  GArray *quiet;                   /* guint step numbers */
  GPtrArray *quiet_max;            /* GArray of guint per k */
};

static void
index_free(struct bn_step_index *x)
{
  if (x == NULL)
    return;
  g_hash_table_destroy(x->by_key);
  g_hash_table_destroy(x->session_of_host);
  g_free(x->refusal);
  if (x->quiet)
    g_array_free(x->quiet, TRUE);
  if (x->quiet_max)
    g_ptr_array_free(x->quiet_max, TRUE);
  g_free(x);
}

void
bn_transcript_clear(bn_transcript *t)
{
  index_free(t->index);
  t->index = NULL;
  if (t->steps)
    g_ptr_array_free(t->steps, TRUE);
  t->steps = NULL;
  t->sessions = 0;
  t->timed_out = false;
}

/* What every form of one mailbox that bn_same_mailbox or a bare local
 * name takes for the same shares: the local part of s (before its last
 * '@', or all of s), without quotes and backslashes, up to its first
 * '+', '-' or '%' (where a subaddress, an extension or a route starts),
 * in lower case. Two names with different keys never match; equal keys
 * only make them worth comparing. A new string. */
static char *
local_key(const char *s, size_t len)
{
  GString *k = g_string_sized_new(len);
  for (size_t i = 0; i < len && !strchr("+-%", s[i]); i++)
    if (s[i] != '"' && s[i] != '\\')
      g_string_append_c(k, g_ascii_tolower(s[i]));
  return g_string_free(k, FALSE);
}

static char *
step_key(const char *name)
{
  const char *at = strrchr(name, '@');
  return local_key(name, at ? (size_t)(at - name) : strlen(name));
}

static void
index_add(GHashTable *by_key, char *key, guint i)
{
  GArray *a = g_hash_table_lookup(by_key, key);
  if (a == NULL) {
    a = g_array_new(FALSE, FALSE, sizeof(guint));
    g_hash_table_insert(by_key, key, a);
  } else {
    g_free(key);
  }
  g_array_append_val(a, i);
}

/* Indexes each step that may name a recipient (bn_transcript_find's
 * "mine"): by its command's address, else by the address its reply
 * mentions. */
static void
index_build(bn_transcript *t)
{
  struct bn_step_index *x = g_new0(struct bn_step_index, 1);
  x->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify)g_array_unref);
  x->session_of_host = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  int seen = 0;
  for (guint i = 0; i < t->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i);
    const char *name = st->address ? st->address : st->mentioned;
    if (!st->host_level && name)
      index_add(x->by_key, step_key(name), i);
    x->last_session = MAX(x->last_session, st->session);
    /* a session's host is its first step's (session_refusal) */
    if (st->session == 0 || st->session == seen)
      continue;
    seen = st->session;
    if (st->host)
      g_hash_table_replace(x->session_of_host, g_ascii_strdown(st->host, -1),
                           GINT_TO_POINTER(st->session));
  }
  /* each session's first refusal (no 503), and its first naming nobody */
  x->refusal = g_new0(const bn_smtp_step *, 2 * ((size_t)x->last_session + 1));
  for (guint i = 0; i < t->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i);
    if (st->session <= 0 || st->reply->len == 0 || st->reply->str[0] < '4' ||
        strncmp(st->reply->str, "503", 3) == 0)
      continue;
    const bn_smtp_step **r = x->refusal + 2 * st->session;
    if (r[0] == NULL)
      r[0] = st;
    if (r[1] == NULL && st->address == NULL)
      r[1] = st;
  }
  t->index = x;
}

size_t
bn_transcript_work(const bn_transcript *t)
{
  return t->index ? t->index->work : 0;
}

/* The numbers of the steps that may name addr (its keys: before its last
 * '@', and before its first, which a bare local name is compared with),
 * added to into. */
static void
candidates_of(const bn_transcript *t, const char *addr, GArray *into)
{
  if (addr == NULL)
    return;
  const char *last = strrchr(addr, '@'), *first = strchr(addr, '@');
  char *keys[2] = {local_key(addr, last ? (size_t)(last - addr) : strlen(addr)),
                   first != last ? local_key(addr, (size_t)(first - addr)) : NULL};
  for (int k = 0; k < 2 && keys[k]; k++) {
    GArray *a = g_hash_table_lookup(t->index->by_key, keys[k]);
    if (a)
      g_array_append_vals(into, a->data, a->len);
  }
  g_free(keys[0]);
  g_free(keys[1]);
}

static gint
cmp_guint(gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

/* The numbers of the steps that may name rc, ascending, each once. */
static GArray *
candidates(const bn_transcript *t, const bounce_recipient *rc)
{
  GArray *c = g_array_new(FALSE, FALSE, sizeof(guint));
  candidates_of(t, rc->address, c);
  candidates_of(t, rc->actual_recipient, c);
  g_array_sort(c, cmp_guint);
  guint n = 0;
  for (guint i = 0; i < c->len; i++)
    if (n == 0 || g_array_index(c, guint, i) != g_array_index(c, guint, n - 1))
      g_array_index(c, guint, n++) = g_array_index(c, guint, i);
  g_array_set_size(c, n);
  return c;
}

int
bn_reply_code_at(const char *s, size_t len)
{
  if (len < 3 || s[0] < '2' || s[0] > '5' || !g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]))
    return 0;
  if (len > 3 && s[3] != ' ' && s[3] != '-')
    return 0;
  return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/* Length of an enhanced status and the space after it at s, or 0. */
static size_t
status_len(const char *s, size_t len)
{
  size_t n = 0;
  while (n < len && n < 12 && s[n] != ' ')
    n++;
  if (n == 0 || !bn_status_valid(s, n))
    return 0;
  return n < len ? n + 1 : n;
}

int
bn_reply_bare_refusal(const char *s, size_t len)
{
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  int code = bn_reply_code_at(s, len);
  if (code < 400 || (len > 3 && s[3] != ' '))
    return 0;
  return len <= 4 || 4 + status_len(s + 4, len - 4) >= len ? code : 0;
}

/* The host a deferral names at its end ("Deferred: Connection timed out
 * with mx.example.net.", "Deferred: Connection refused by
 * mx.example.net"): Sendmail tried it after the session written above, so
 * that session's host is not this recipient's. Only Sendmail's own words
 * name it: a deferral quoting a server's reply ends with that server's
 * words ("Deferred: 450 Mailbox locked by pop3.example.net", "... listed
 * by zen.spamhaus.org"). A new string, or NULL. */
static char *
deferred_host(const char *s, size_t len)
{
  if (bn_find_reply_code(s, len))
    return NULL;
  while (len && (s[len - 1] == '.' || g_ascii_isspace(s[len - 1])))
    len--;
  size_t start = len;
  while (start && !g_ascii_isspace(s[start - 1]))
    start--;
  if (start < 4 || start == len || !memchr(s + start, '.', len - start))
    return NULL;
  bool with = start >= 6 && g_ascii_strncasecmp(s + start - 6, " with ", 6) == 0;
  bool by = g_ascii_strncasecmp(s + start - 4, " by ", 4) == 0;
  if (!with && !by)
    return NULL;
  for (size_t i = start; i < len; i++)
    if (!g_ascii_isalnum(s[i]) && !strchr("-.[]:", s[i]))
      return NULL;
  if (s[start] == '[' && s[len - 1] == ']' && len - start > 2) { /* "by [192.0.2.5]" */
    start++;
    len--;
  }
  return g_ascii_strdown(s + start, (gssize)(len - start));
}

static bn_smtp_step *
step_new(bn_transcript *t, const char *host, const char *command, int session)
{
  bn_smtp_step *st = g_new0(bn_smtp_step, 1);
  st->host = g_strdup(host);
  st->command = command;
  st->session = session;
  st->reply = g_string_new(NULL);
  st->verdict = g_string_new(NULL);
  g_ptr_array_add(t->steps, st);
  return st;
}

/* The bytes of wrap at either end ('<', '>', quotes) are no part of the
 * name; the name is the local part as the sender wrote it, so any the RFC allows
 * ("dara.o'brien"), except that Sendmail reads a name starting with '/' as
 * a file and with '|' as a program ("/dev/null... Cannot mail directly to
 * files"): those are no recipient. */
bool
bn_transcript_local_name(const char **s, size_t *len, const char *wrap)
{
  while (*len && **s && strchr(wrap, **s)) {
    (*s)++;
    (*len)--;
  }
  while (*len && (*s)[*len - 1] && strchr(wrap, (*s)[*len - 1]))
    (*len)--;
  return *len > 0 && *len <= 64 && **s != '/' && **s != '|' && bn_local_part_valid(*s, *len);
}

/* "kijitora" (a local name Sendmail had not qualified) or an address. */
static char *
token_address(const char *s, size_t len)
{
  char *a = bn_address_clean(s, len);
  if (a)
    return a;
  if (!bn_transcript_local_name(&s, &len, "<>\""))
    return NULL;
  return g_ascii_strdown(s, (gssize)len);
}

/* The host on the line after a session line a relay re-wrapping the
 * notice at 36 to 40 columns cut after "to": the line is that one word and
 * Sendmail's colon ("mail.example.net.:"). The line is taken from it. */
static bool
session_host_below(bn_lines *it, const char **p, size_t *len)
{
  if (it == NULL)
    return false;
  bn_lines peek = *it;
  bn_span n;
  if (!bn_lines_next(&peek, &n))
    return false;
  bn_span_trim(&n);
  if (n.len < 2 || n.p[n.len - 1] != ':' || memchr(n.p, ' ', n.len) || memchr(n.p, '\t', n.len))
    return false;
  *it = peek;
  *p = n.p;
  *len = n.len;
  return true;
}

/* "... while talking to host.:" or "While talking to host:"; it (NULL
 * when the line is part of a joined one) gives the line after. */
static bool
session_line(const bn_span *l, bn_lines *it, char **host)
{
  const char *p = l->p;
  size_t len = l->len;
  while (len && (*p == '.' || *p == ' ')) {
    p++;
    len--;
  }
  if (len == 16 && g_ascii_strncasecmp(p, "while talking to", 16) == 0) {
    if (!session_host_below(it, &p, &len))
      return false;
  } else if (!bn_has_prefix_ci(p, "while talking to ") || len < 18) {
    return false;
  } else {
    p += 17;
    len -= 17;
  }
  while (len && (p[len - 1] == ':' || p[len - 1] == '.' || p[len - 1] == ' '))
    len--;
  *host = len ? g_ascii_strdown(p, (gssize)len) : NULL;
  return true;
}

/* Commands sent and not yet answered: a client that pipelines (RFC 2920)
 * sends several before reading the replies, which come in the order the
 * commands went (3.1). A ring of as many as a transcript has steps; past
 * that, the last ones share the last slot. */
#define BN_TRANSCRIPT_MAX_PENDING BN_TRANSCRIPT_MAX_STEPS

typedef struct {
  const char *command;
  char *rcpt;
  bool ignore;
} pending_command;

typedef struct {
  bn_transcript *t;
  char *host;           /* host of the open session, or NULL */
  const char *command;  /* command the reply being read answers */
  char *rcpt;           /* address of the RCPT the reply answers */
  bool ignore;          /* replies to QUIT / RSET / NOOP tell nothing */
  pending_command *pending; /* BN_TRANSCRIPT_MAX_PENDING of them */
  size_t first, npending;
  bool every_reply;     /* the session shows its positive replies too */
  int going_on;         /* code of a reply whose last line read was "NNN-", or 0 */
  /* the steps of the open session's RCPTs the remote refused, by
   * address: Sendmail's verdicts on them follow the whole exchange */
  GHashTable *refused;
  bn_smtp_step *open;   /* reply still being read */
  bn_smtp_step *last;   /* the last step with a reply */
  GString *said;        /* a local program's lines not yet followed by a verdict */
  /* the step whose verdict the lines in said directly follow: when no
   * verdict comes to take them, they are that verdict's own words re-wrapped
   * ("<u@x>... Deferred: Name server:" over "example.jp.: host name
   * lookup failure") */
  bn_smtp_step *wrapped;
  /* the step of a code line naming nobody: code_line while its own line
   * is read, code_above while the next one is */
  bn_smtp_step *code_line, *code_above;
} reader;

/* A local program's words go with the verdict that follows them. */
static void
take_program_words(reader *rd, bn_smtp_step *st)
{
  if (rd->said->len == 0)
    return;
  bn_squeeze(rd->said);
  g_free(st->program);
  st->program = g_strdup(rd->said->str);
  g_string_truncate(rd->said, 0);
}

/* Hands the lines kept since the last verdict, st, to it, at a boundary no
 * verdict crossed (a blank line, a timeout, a session, the end), when the
 * verdict stops mid-sentence and they go on in lower case: not a sentence
 * of its own under a whole verdict ("... timed out with mx.example.org."
 * over "Warning: message still undelivered after 4 hours"). After it no
 * verdict waits for lines (rd->wrapped is NULL). */
static void
end_wrapped(reader *rd, bn_smtp_step *st)
{
  rd->wrapped = NULL;
  if (st == NULL || rd->said->len == 0 || st->verdict->len == 0 ||
      st->verdict->len + rd->said->len >= BN_PROSE_DIAG_MAX)
    return;
  char last = st->verdict->str[st->verdict->len - 1];
  /* but a verdict cut after its colon ("<u@x>... Deferred:" over
   * "Connection refused by mx.example.org.") goes on with any word:
   * Sendmail writes the error after it on the same line */
  if (last == '.' || (last != ':' && g_ascii_isupper(rd->said->str[0])))
    return;
  g_string_append_c(st->verdict, ' ');
  g_string_append(st->verdict, rd->said->str);
  g_string_truncate(rd->said, 0);
  /* the host its deferral names came on the lines re-wrapped ("Deferred:
   * Connection" over "timed out with mx.example.org.") */
  if (st->deferred && st->host == NULL)
    st->host = deferred_host(st->verdict->str, st->verdict->len);
}

/* Keeps a line written outside any session, up to a sentence's worth. */
static void
keep_program_line(reader *rd, const char *s, size_t len)
{
  if (rd->host || rd->said->len + len >= BN_PROSE_DIAG_MAX)
    return;
  if (rd->said->len)
    g_string_append_c(rd->said, ' ');
  g_string_append_len(rd->said, s, (gssize)len);
}

static void
drop_pending(reader *rd)
{
  for (size_t i = 0; i < rd->npending; i++)
    g_free(rd->pending[(rd->first + i) % BN_TRANSCRIPT_MAX_PENDING].rcpt);
  rd->first = rd->npending = 0;
}

/* Remembers a refused RCPT's step by its address, once its reply ends. */
static void
note_refused(reader *rd, bn_smtp_step *st)
{
  if (st->address && st->command && strcmp(st->command, "RCPT") == 0 &&
      bn_reply_code_at(st->reply->str, st->reply->len) >= 400)
    g_hash_table_replace(rd->refused, g_ascii_strdown(st->address, -1), st);
}

/* The reply being read ends, its last line "NNN-" or not: a server's
 * reply cut short in the transcript is still its reply. */
static void
end_reply(reader *rd)
{
  if (rd->open)
    note_refused(rd, rd->open);
  rd->open = NULL;
  rd->going_on = 0;
}

/* The recipient a RCPT names: its address, or the bare local name a
 * mailer sent unqualified ("RCPT To:<anna>"), which Sendmail's lists and
 * verdicts name alike ("<anna>", "anna... User unknown"). */
static char *
rcpt_address(const char *s, size_t len)
{
  char *addr = bn_find_address(s, len);
  if (addr)
    return addr;
  const char *lt = memchr(s, '<', len);
  const char *gt = lt ? memchr(lt, '>', len - (size_t)(lt - s)) : NULL;
  return gt ? token_address(lt + 1, (size_t)(gt - lt - 1)) : NULL;
}

/* A command joins the ones waiting for their reply. */
static void
on_command(reader *rd, const char *s, size_t len)
{
  static const char *const idle[] = {"QUIT", "RSET", "NOOP", NULL};
  end_reply(rd);
  if (rd->npending == BN_TRANSCRIPT_MAX_PENDING)
    g_free(rd->pending[(rd->first + --rd->npending) % BN_TRANSCRIPT_MAX_PENDING].rcpt);
  const pending_command *before =
      rd->npending ? &rd->pending[(rd->first + rd->npending - 1) % BN_TRANSCRIPT_MAX_PENDING] : NULL;
  pending_command *pc = &rd->pending[(rd->first + rd->npending++) % BN_TRANSCRIPT_MAX_PENDING];
  pc->ignore = false;
  for (size_t i = 0; idle[i]; i++)
    if (bn_has_prefix_ci(s, idle[i]))
      pc->ignore = true;
  const char *name = bn_smtp_command_name(s, len);
  /* an unknown verb answers as the command before it did */
  pc->command = name ? name : before ? before->command : rd->command;
  pc->rcpt = name && strcmp(name, "RCPT") == 0 ? rcpt_address(s, len) : NULL;
}

/* The argument a MAIL or RCPT must have ("From:<a>", "To:<a>", RFC 5321
 * 4.1.1.2-3), on the line under a ">>> " line that ended after the verb:
 * a client re-wrapping the transcript narrower broke the command there.
 * Sendmail writes each command whole on its line (usersmtp.c,
 * smtpmessage()). */
static bool
verb_alone(const char *s, size_t len, const char *verb, const char *arg, const bn_span *next)
{
  size_t n = strlen(verb);
  return len == n && g_ascii_strncasecmp(s, verb, n) == 0 && next->len > strlen(arg) &&
         g_ascii_strncasecmp(next->p, arg, strlen(arg)) == 0;
}

/* A ">>> " line l, with the line under it when it carries the command on
 * (verb_alone); it advances past that line. Not for a joined line, whose
 * parts are cut apart already. */
static void
on_command_line(reader *rd, bn_lines *it, const bn_span *l, bool joined)
{
  const char *s = l->p + 4;
  size_t len = l->len - 4;
  bn_lines look = *it;
  bn_span next;
  if (!joined && len <= 4 && bn_lines_next(&look, &next)) {
    bn_span_trim(&next);
    if (verb_alone(s, len, "RCPT", "To:", &next) || verb_alone(s, len, "MAIL", "From:", &next)) {
      char *cmd = g_strdup_printf("%.*s %.*s", (int)len, s, (int)MIN(next.len, BN_PROSE_DIAG_MAX), next.p);
      on_command(rd, cmd, strlen(cmd));
      g_free(cmd);
      *it = look;
      return;
    }
  }
  on_command(rd, s, len);
}

/* A new reply (code) answers the oldest command still waiting, when the
 * session shows every reply; with none waiting (LMTP's further replies to
 * the dot, RFC 2033 4.2), the one before it. Sendmail writes only the
 * replies that refuse (usersmtp.c, reply(): "if this is an error, log
 * it"), after the last command sent: there a reply answers that one. */
static void
take_pending(reader *rd, int code)
{
  if (code && code < 400)
    rd->every_reply = true;
  if (rd->npending == 0)
    return;
  pending_command *pc =
      &rd->pending[(rd->first + (rd->every_reply ? 0 : rd->npending - 1)) % BN_TRANSCRIPT_MAX_PENDING];
  rd->command = pc->command;
  rd->ignore = pc->ignore;
  g_free(rd->rcpt);
  rd->rcpt = pc->rcpt;
  pc->rcpt = NULL;
  if (rd->every_reply) {
    rd->first = (rd->first + 1) % BN_TRANSCRIPT_MAX_PENDING;
    rd->npending--;
  } else {
    drop_pending(rd);
  }
}

/* Whether the line, code its reply code, goes on with the reply before
 * it: the lines of one reply but its last say its code and '-' (RFC 5321
 * 4.2.1), a line of another code opens another reply. The state is kept
 * apart from the step, which a reply that tells nothing has not. */
static bool
continues_reply(reader *rd, const char *s, size_t len, int code)
{
  bool goes_on = rd->going_on && (code == 0 || code == rd->going_on);
  rd->going_on = code && len > 3 && s[3] == '-' ? code : 0;
  return goes_on;
}

static void
on_reply(reader *rd, const char *s, size_t len)
{
  int code = bn_reply_code_at(s, len);
  if (!continues_reply(rd, s, len, code)) {
    if (rd->open)
      note_refused(rd, rd->open);
    rd->open = NULL;
    take_pending(rd, code);
  }
  if (rd->ignore)
    return;
  if (rd->open == NULL) {
    bn_smtp_step *st = step_new(rd->t, rd->host, rd->command, rd->t->sessions);
    st->address = g_strdup(rd->rcpt);
    st->mentioned = bn_find_address(s, len);
    rd->open = st;
    rd->last = st;
  }
  if (bn_reply_append(rd->open->reply, s, len)) {
    note_refused(rd, rd->open);
    rd->open = NULL;
  }
}

/* "550 kijitora... User unknown" after "RCPT To:<kijitora@example.jp>":
 * Sendmail names the recipient as it was written, without the domain. */
static bool
local_part_of(const char *name, const char *address)
{
  size_t n = strlen(name);
  return strchr(name, '@') == NULL && g_ascii_strncasecmp(name, address, n) == 0 &&
         address[n] == '@';
}

/* The verdict's words: its text, after the line's own reply code and
 * status when the text has none of its own. */
static GString *
verdict_words(const char *s, int code, size_t st_at, size_t st_n, const char *text, size_t xlen)
{
  GString *words = g_string_new(NULL);
  if (!bn_reply_code_at(text, xlen) && code) {
    g_string_append_len(words, s, 3);
    g_string_append_c(words, ' ');
    if (st_n)
      g_string_append_len(words, s + st_at, (gssize)st_n);
  }
  g_string_append_len(words, text, (gssize)xlen);
  return words;
}

/* "example.jp (smtp)": a verdict on a host, written after its session;
 * paren is the token's '('. Its step names no recipient (no address, none
 * mentioned), and none is added later: the step index counts on it. */
static void
host_verdict(reader *rd, const char *tok, const char *paren, const GString *words, bool deferred)
{
  size_t hl = (size_t)(paren - tok);
  while (hl && tok[hl - 1] == ' ')
    hl--;
  bn_smtp_step *st = step_new(rd->t, NULL, NULL, 0);
  st->host = hl ? g_ascii_strdown(tok, (gssize)hl) : NULL;
  st->host_level = true;
  st->deferred = deferred;
  g_string_assign(st->verdict, words->str);
  g_string_truncate(rd->said, 0);
  g_free(rd->host);
  rd->host = NULL;
}

/* The address a verdict's token names, or NULL: one word, whose quoted
 * local part may hold blanks. */
static char *
verdict_address(const char *tok, size_t tlen, int code, bool deferred)
{
  if (bn_word_end(tok, tlen) < tlen)
    return NULL;
  char *addr = token_address(tok, tlen);
  if (addr && !strchr(addr, '@') && !code && !deferred) {
    /* "Processing... done": a bare word is a local name only in a verdict */
    g_free(addr);
    addr = NULL;
  }
  return addr;
}

/* The same verdict on the next line after a refusal of the whole session
 * (at MAIL, DATA, on connecting): Sendmail writes one per recipient of
 * that session, and the refusal is each one's. */
static void
share_session_refusal(reader *rd, const bn_smtp_step *prev, bn_smtp_step *st, const GString *words)
{
  bool next_line = rd->t->steps->len >= 2 &&
                   g_ptr_array_index(rd->t->steps, rd->t->steps->len - 2) == prev;
  if (next_line && prev->command && strcmp(prev->command, "RCPT") != 0 && prev->reply->len &&
      prev->session == st->session && g_ascii_strcasecmp(prev->verdict->str, words->str) == 0) {
    st->command = prev->command;
    g_string_assign(st->reply, prev->reply->str);
    /* the refusal came from that session's host, "Host unknown" or not */
    if (st->host == NULL && prev->host)
      st->host = g_strdup(prev->host);
  }
}

/* The step a verdict on addr is about: the last one, if it has no verdict
 * yet and is about that address, else a new one. */
static bn_smtp_step *
verdict_step(reader *rd, const char *addr, const char *text, size_t xlen, const GString *words,
             bool deferred)
{
  bn_smtp_step *st = rd->last;
  /* a pipelined RCPT refused ahead of the replies after it: the verdict
   * on its address is about that refusal, not the last reply's */
  char *key = g_ascii_strdown(addr, -1);
  bn_smtp_step *refused = g_hash_table_lookup(rd->refused, key);
  g_free(key);
  if (refused && refused != st && refused->verdict->len == 0)
    return refused;
  bool fits = st && st->verdict->len == 0 &&
              (st->address == NULL || g_ascii_strcasecmp(st->address, addr) == 0 ||
               local_part_of(addr, st->address));
  if (fits)
    return st;
  bn_smtp_step *prev = st;
  char *named = deferred ? deferred_host(text, xlen) : NULL;
  /* Sendmail's "Host unknown" found no host to talk to: the session
   * written above was another recipient's */
  bool nohost = bn_has_prefix_ci(text, "Host unknown");
  st = step_new(rd->t, named ? named : nohost ? NULL : rd->host, NULL, rd->t->sessions);
  g_free(named);
  share_session_refusal(rd, prev, st, words);
  return st;
}

/* Sendmail's words for EX_CONFIG (sysexits.c, SysExMsg): the status its
 * syserr() of a fault in the configuration leaves, after writing that
 * fault on a line of its own naming nobody ("553 [5.3.5] h. config error:
 * mail loops back to me (MX problem?)", usersmtp.c; "554 5.3.5 MX list for
 * d. points back to h", domain.c). The verdict under it then says only
 * "<u@x>... Local configuration error" (deliver.c, giveresponse()). */
static const char *const config_error_words[] = {"Local configuration error", NULL};
/* and what 8.10 and later keep as the session's status for the loop, the
 * DSN's Diagnostic-Code ("553 5.3.5 system config error", usersmtp.c) */
static const char *const config_error_statuses[] = {"system config error",
                                                    "Local configuration error", NULL};

/* Whether text (len bytes, its end's dots and blanks ignored) is one of
 * words. */
static bool
is_generic(const char *text, size_t len, const char *const *words)
{
  while (len && (text[len - 1] == '.' || text[len - 1] == ' '))
    len--;
  for (size_t i = 0; words[i]; i++)
    if (len == strlen(words[i]) && g_ascii_strncasecmp(text, words[i], len) == 0)
      return true;
  return false;
}

/* The step of the code line directly above a verdict whose words are
 * only EX_CONFIG's: that line is the verdict's cause, and the verdict is
 * about it. NULL when the verdict says more or no such line is above. */
static bn_smtp_step *
syserr_step(reader *rd, const char *text, size_t xlen)
{
  bn_smtp_step *st = rd->code_above;
  if (st == NULL || st->address || st->command || st->reply->len || st->host_level ||
      rd->said->len)
    return NULL;
  return is_generic(text, xlen, config_error_words) ? st : NULL;
}

/* A verdict: "[NNN [x.y.z]] token... text". Returns false if the line is
 * none. */
static bool
on_verdict(reader *rd, const char *s, size_t len)
{
  size_t at = 0;
  int code = bn_reply_code_at(s, len);
  if (code)
    at = MIN(len, 4); /* the line may be the bare code "550" */
  size_t st_at = at, st_n = at < len ? status_len(s + at, len - at) : 0;
  at += st_n;
  const char *dots = bn_strcasestr(s + at, len - at, "...");
  if (dots == NULL || dots == s + at)
    return false;
  const char *tok = s + at;
  size_t tlen = (size_t)(dots - tok);
  const char *text = dots + 3;
  while (text < s + len && *text == ' ')
    text++;
  size_t xlen = (size_t)(s + len - text);
  bool deferred = bn_has_prefix_ci(text, "Deferred");

  const char *paren = memchr(tok, '(', tlen);
  if (paren && tok[tlen - 1] == ')') {
    GString *words = verdict_words(s, code, st_at, st_n, text, xlen);
    host_verdict(rd, tok, paren, words, deferred);
    g_string_free(words, TRUE);
    return true;
  }
  char *addr = verdict_address(tok, tlen, code, deferred);
  if (addr == NULL)
    return false;
  GString *words = verdict_words(s, code, st_at, st_n, text, xlen);
  bn_smtp_step *st = syserr_step(rd, text, xlen);
  if (st == NULL) {
    st = verdict_step(rd, addr, text, xlen, words, deferred);
    g_string_assign(st->verdict, words->str);
  }
  if (st->address == NULL)
    st->address = g_strdup(addr);
  st->deferred = st->deferred || deferred;
  take_program_words(rd, st);
  rd->wrapped = st;
  g_free(addr);
  g_string_free(words, TRUE);
  return true;
}

/* "554 5.3.0 unknown mailer error 255": the MTA's words naming nobody. */
static void
on_code_line(reader *rd, const char *s, size_t len)
{
  bn_smtp_step *st = rd->last;
  if (st == NULL || st->verdict->len)
    st = step_new(rd->t, NULL, NULL, rd->t->sessions);
  g_string_assign(st->verdict, "");
  g_string_append_len(st->verdict, s, (gssize)len);
  take_program_words(rd, st);
  rd->code_line = st;
}

/* Sendmail writes every line of a reply under "<<< " (usersmtp.c,
 * reply()), and after it only a command, the next reply, a verdict or a
 * session: a bare line directly under a reply is that reply re-wrapped
 * ("<<< 552 5.7.0 content and attachment content guidelines." over
 * "p4si4011367igr.94 - gsmtp"). */
static void
rewrapped_reply(bn_smtp_step *st, const char *s, size_t len)
{
  if (st->reply->len + len >= BN_PROSE_DIAG_MAX)
    return;
  g_string_append_c(st->reply, ' ');
  g_string_append_len(st->reply, s, (gssize)len);
}

static const char *const timeouts[] = {
  "Message could not be delivered for", "Cannot send message for",
  "Message will be deleted from queue", NULL,
};

/* Sendmail's own lines on a message it keeps queued (envelope.c,
 * dropenvelope): no verdict's words, whatever the verdict above ends on. */
static const char *const queue_notes[] = {
  "Warning: message still undelivered after", "Warning: Delivery time (",
  "Will keep trying until message is", NULL,
};

/* Whether "token... " (a verdict's "<u@x>... " or "host (mailer)... ")
 * is at s, the token of at most two words. */
static bool
verdict_token_at(const char *s, size_t len)
{
  const char *dots = bn_strcasestr(s, MIN(len, BN_VERDICT_TOKEN_MAX), "... ");
  if (dots == NULL || dots == s)
    return false;
  size_t blanks = 0;
  for (const char *q = s; q < dots; q++)
    blanks += *q == ' ';
  return blanks <= 1;
}

/* Whether a line Sendmail writes starts at s: a command ">>> X", a reply
 * "<<< NNN", a session "... while talking to H:", or a code line
 * "NNN x.y.z ..." (of its class) or "NNN [x.y.z] token... ". own is the
 * code and status the line begins with ("550-5.7.26 "): a reply's lines
 * run together by the remote repeat them ("<<< 550-5.7.26 ... 550 5.7.26
 * ..."), so the same again starts a line only as a verdict. */
static bool
starts_own_line(const char *s, size_t len, const char *own, size_t own_len)
{
  if (len > 4 && (strncmp(s, ">>> ", 4) == 0 && s[4] != ' '))
    return true;
  if (len > 4 && strncmp(s, "<<< ", 4) == 0)
    return bn_reply_code_at(s + 4, len - 4) != 0;
  if ((len > 21 && g_ascii_strncasecmp(s, "... while talking to ", 21) == 0) ||
      (len > 17 && strncmp(s, "While talking to ", 17) == 0)) /* V5's */
    return true;
  if (len < 5 || bn_reply_code_at(s, len) == 0 || s[3] != ' ')
    return false;
  size_t st = status_len(s + 4, len - 4);
  if (st && s[4] != s[0])
    return false;
  bool again = own_len == 4 + st && strncmp(s, own, 3) == 0 && strncmp(s + 4, own + 4, st) == 0;
  return (st && !again) || verdict_token_at(s + 4 + st, len - 4 - st);
}

/* Whether the code line s, with no status, opens its words capitalised as
 * Sendmail's own did before enhanced status codes (sysexits.c, SysExMsg:
 * "554 Service unavailable", "550 User unknown"): a number a client's
 * re-wrap put first goes on mid-sentence ("500 recipients in 24 hours"). */
static bool
sysexit_line(const char *s, size_t len)
{
  return len > 4 && s[3] == ' ' && g_ascii_isupper(s[4]);
}

/* The line under a refusal whose "<<< " line ended after its code and
 * status ("<<< 550 5.1.1" over "<u@example.jp>... User unknown"): its words,
 * put there by a client re-wrapping the transcript narrower, unless the
 * line is one of Sendmail's own (a command, a reply, a session, a code
 * line, or its deferral "<u@x>... Deferred: ...", the one verdict it
 * writes without a code). Whether it was taken. An old Sendmail's code
 * line without a status ("554 Service unavailable", sysexit_line) is its
 * own too: a re-wrap that cut the reply after its code put the reply's
 * words on the next line, not a second code. */
static bool
reply_rest(bn_smtp_step *st, const char *s, size_t len)
{
  if (starts_own_line(s, len, "", 0) || (bn_reply_code_at(s, len) && sysexit_line(s, len)))
    return false;
  const char *dots =
      verdict_token_at(s, len) ? bn_strcasestr(s, MIN(len, BN_VERDICT_TOKEN_MAX), "... ") : NULL;
  if (dots && bn_has_prefix_ci(dots + 4, "Deferred"))
    return false;
  rewrapped_reply(st, s, len);
  if (st->mentioned == NULL)
    st->mentioned = bn_find_address(s, len);
  return true;
}

/* Whether a verdict stops at s's end where a client re-wrapping at 60
 * columns cut it: after its code and status ("550 5.1.1", over
 * "<u@example.jp>... User unknown"), after its token ("<u@example.jp>...",
 * over "User unknown") or after the code of the reply it quotes. Sendmail
 * writes a verdict on one line (deliver.c, giveresponse()). */
static bool
verdict_cut(const char *s, size_t len)
{
  size_t at = 0;
  if (bn_reply_code_at(s, len)) {
    at = MIN(len, 4);
    at += status_len(s + at, len - at);
    if (at >= len)
      return true;
  }
  const char *dots = bn_strcasestr(s + at, len - at, "...");
  if (dots == NULL || dots == s + at)
    return false;
  if (dots + 3 == s + len)
    return true;
  /* or after the code V5 quoted the remote's reply with ("554
   * <u@x>... 550" over "Host unknown (Authoritative answer ...)") */
  const char *q = dots + 3;
  size_t left = (size_t)(s + len - q);
  while (left && *q == ' ') {
    q++;
    left--;
  }
  if (left < 3 || !bn_reply_code_at(q, left))
    return false;
  size_t code = MIN(left, 4);
  return code + status_len(q + code, left - code) >= left;
}

/* on_verdict at l, which the verdict st was above: when l is a line of
 * Sendmail's own, the lines kept since st are first handed to it
 * (end_wrapped), as the rest of a verdict a client re-wrapping at a
 * narrow width broke mid-sentence ("554 <u@x>... 550 Host" over "unknown
 * (Authoritative answer from name"), unless they name a local program
 * first ("mail.local: ..."), which speaks for the next verdict. */
static bool
on_verdict_under(reader *rd, bn_smtp_step *st, const bn_span *l)
{
  size_t w = bn_word_end(rd->said->str, rd->said->len);
  if (st && rd->said->len && !(w && rd->said->str[w - 1] == ':') &&
      starts_own_line(l->p, l->len, "", 0)) {
    end_wrapped(rd, st);
  }
  return on_verdict(rd, l->p, l->len);
}

/* At most this many lines under a cut verdict go on with it. */
#define BN_VERDICT_WRAP_LINES 3

/* Reads a verdict cut at l's end (verdict_cut) with the lines under it
 * that carry it on, advancing it past them: not a blank line nor one of
 * Sendmail's own (a command, a reply, a session, a code line), and after
 * the token, not another verdict ("<u@x>... Connecting to local..." over
 * "<u@x>... Sent"). False, it untouched, when the lines make no verdict. */
static bool
on_wrapped_verdict(reader *rd, bn_lines *it, const bn_span *l)
{
  if (!verdict_cut(l->p, l->len))
    return false;
  GString *j = g_string_new_len(l->p, (gssize)l->len);
  bn_lines look = *it;
  bn_span c;
  bool read = false;
  for (int i = 0; i < BN_VERDICT_WRAP_LINES && !read && verdict_cut(j->str, j->len) &&
                  bn_lines_next(&look, &c);
       i++) {
    bn_span_trim(&c);
    bool after_token = j->len >= 3 && strncmp(j->str + j->len - 3, "...", 3) == 0;
    if (c.len == 0 || starts_own_line(c.p, c.len, "", 0) ||
        (after_token && verdict_token_at(c.p, c.len)) || j->len + c.len >= BN_PROSE_DIAG_MAX)
      break;
    g_string_append_c(j, ' ');
    g_string_append_len(j, c.p, (gssize)c.len);
    read = !verdict_cut(j->str, j->len) && on_verdict(rd, j->str, j->len);
  }
  if (read)
    *it = look;
  g_string_free(j, TRUE);
  return read;
}

/* A client that joins each paragraph onto one line (a notice turned from
 * HTML to text) puts the whole transcript on one line, but Sendmail
 * writes each command, each reply line and each verdict on a line of its
 * own (usersmtp.c, smtpmessage() and reply(); deliver.c, giveresponse()):
 * the length of l up to the blank before the first such line begun in its
 * middle, or l->len. A reply's own "<<< " is not cut off its code. */
static size_t
joined_line_len(const bn_span *l)
{
  bool reply = l->len > 4 && strncmp(l->p, "<<< ", 4) == 0;
  size_t from = reply || (l->len > 4 && strncmp(l->p, ">>> ", 4) == 0) ? 4 : 1;
  const char *own = l->p + (reply ? 4 : 0);
  size_t own_len = 0, left = l->len - (size_t)(own - l->p);
  if (bn_reply_code_at(own, left) && left > 4)
    own_len = 4 + status_len(own + 4, left - 4);
  for (size_t i = from; i + 1 < l->len; i++) {
    if (l->p[i] != ' ' || l->p[i + 1] == ' ')
      continue;
    /* a verdict quotes a reply after its "...", "Deferred:" or "reply:" */
    bool quoting = l->p[i - 1] == ':' || (i >= 3 && strncmp(l->p + i - 3, "...", 3) == 0);
    if (starts_own_line(l->p + i + 1, l->len - i - 1, own, own_len) &&
        !(quoting && g_ascii_isdigit(l->p[i + 1])))
      return i;
  }
  return l->len;
}

/* Whether a client joined l from several of Sendmail's lines: the caller
 * says so (t->joined), or a command ">>> CMD" or a reply "<<< NNN" begins
 * in its middle. Only such a line is cut (joined_line_len()): a reply's
 * own text may quote a code, "..." or "while talking to" from the next
 * hop ("... see 550 5.7.1 help", "quota of 500 MB... exceeded"), and a
 * transcript written line by line is not joined. */
static bool
joined_line(const bn_span *l)
{
  for (size_t i = 1; i + 5 < l->len; i++) {
    const char *s = l->p + i;
    if (l->p[i - 1] != ' ')
      continue;
    if (strncmp(s, ">>> ", 4) == 0 && (g_ascii_isupper(s[4]) || s[4] == '.'))
      return true;
    if (strncmp(s, "<<< ", 4) == 0 && bn_reply_code_at(s + 4, l->len - i - 4))
      return true;
  }
  return false;
}

/* A new session ("... while talking to mx.example.org.:", host or NULL):
 * what the one before left open is no longer answered. */
static void
start_session(reader *rd, char *host)
{
  g_free(rd->host);
  rd->host = host;
  rd->t->sessions++;
  rd->command = "CONN";
  rd->ignore = false;
  rd->open = NULL;
  rd->last = NULL;
  g_free(rd->rcpt);
  rd->rcpt = NULL;
  drop_pending(rd);
  rd->every_reply = false;
  rd->going_on = 0;
  g_hash_table_remove_all(rd->refused);
  g_string_truncate(rd->said, 0);
}

static void
reader_free(reader *rd)
{
  g_string_free(rd->said, TRUE);
  g_free(rd->host);
  g_free(rd->rcpt);
  drop_pending(rd);
  g_free(rd->pending);
  g_hash_table_destroy(rd->refused);
}

/* Unindents and untrails l and, when a client joined it from several of
 * Sendmail's lines (joined: l is the rest of one), cuts it after its first
 * part, leaving the others in *rest. */
static void
split_joined(const bn_transcript *t, bn_span *l, bn_span *rest, bool joined)
{
  bn_span_unindent(l);
  bn_span_untrail(l);
  size_t part = joined || t->joined || joined_line(l) ? joined_line_len(l) : l->len;
  if (part < l->len && bn_span_split(l, rest, l->p + part)) {
    while (l->len && l->p[l->len - 1] == ' ')
      l->len--;
  }
}

void
bn_transcript_read(bn_transcript *t, const char *s, size_t len)
{
  bn_transcript_clear(t);
  t->steps = g_ptr_array_new_with_free_func(step_free);
  reader rd = {.t = t,
               .said = g_string_new(NULL),
               /* not zeroed: on_command writes a slot whole before it is read */
               .pending = g_new(pending_command, BN_TRANSCRIPT_MAX_PENDING),
               .refused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  bn_smtp_step *replied = NULL; /* the step whose reply the line before was */
  bool bare = false;            /* and that reply's line ended after its code */
  /* a real transcript has a few sessions; more is no bounce worth reading */
  bn_span rest = {NULL, 0}; /* what follows a joined line's first part */
  while (t->steps->len < BN_TRANSCRIPT_MAX_STEPS) {
    bool joined = rest.len != 0;
    if (!bn_lines_resume(&it, &rest, &l, bn_lines_next))
      break;
    bn_smtp_step *under_reply = replied;
    bool under_bare = bare;
    replied = NULL;
    bare = false;
    rd.code_above = rd.code_line;
    rd.code_line = NULL;
    split_joined(t, &l, &rest, joined);
    if (l.len == 0) {
      end_wrapped(&rd, rd.wrapped);
      continue;
    }
    char *host = NULL;
    bn_smtp_step *wrapped = rd.wrapped;
    rd.wrapped = NULL;
    if (session_line(&l, joined || rest.len ? NULL : &it, &host)) {
      end_wrapped(&rd, wrapped);
      start_session(&rd, host);
    } else if (l.len > 4 && strncmp(l.p, ">>> ", 4) == 0) {
      on_command_line(&rd, &it, &l, joined || t->joined || rest.len);
    } else if (l.len > 4 && strncmp(l.p, "<<< ", 4) == 0) {
      on_reply(&rd, l.p + 4, l.len - 4);
      replied = rd.ignore ? NULL : rd.last;
      bare = replied && bn_reply_bare_refusal(l.p + 4, l.len - 4);
    } else if (bn_prose_has_any(l.p, l.len, timeouts)) {
      end_wrapped(&rd, wrapped);
      t->timed_out = true;
    } else if (under_bare && reply_rest(under_reply, l.p, l.len)) {
      replied = under_reply;
    } else if (!joined && !t->joined && rest.len == 0 && on_wrapped_verdict(&rd, &it, &l)) {
      continue;
    } else if (on_verdict_under(&rd, wrapped, &l)) {
      continue;
    } else if (bn_reply_code_at(l.p, l.len) &&
               (under_reply == NULL || starts_own_line(l.p, l.len, "", 0) ||
                sysexit_line(l.p, l.len))) {
      /* directly under a reply, a number a client's re-wrap put first
       * ("<<< 550 5.7.1 ... you sent more than" over "500 recipients in
       * 24 hours") is its words: only a code line of Sendmail's own
       * (starts_own_line, with its status or its "token... "; an old
       * one's sysexit_line) is not */
      on_code_line(&rd, l.p, l.len);
    } else if (under_reply) {
      rewrapped_reply(under_reply, l.p, l.len);
      replied = under_reply;
    } else if (bn_prose_has_any(l.p, l.len, queue_notes)) {
      end_wrapped(&rd, wrapped);
      keep_program_line(&rd, l.p, l.len);
    } else {
      keep_program_line(&rd, l.p, l.len);
      /* still directly under the verdict, if it was */
      rd.wrapped = wrapped && !rd.host ? wrapped : NULL;
    }
  }
  end_wrapped(&rd, rd.wrapped);
  reader_free(&rd);
  for (size_t i = 0; i < t->steps->len; i++) {
    bn_smtp_step *st = g_ptr_array_index(t->steps, i);
    bn_squeeze(st->reply);
    bn_squeeze(st->verdict);
  }
  index_build(t);
}

/* A failure verdict after a positive reply ("<<< 354 Enter mail" then
 * "<u@x>... Deferred: Connection reset by mx"): the server had said yes,
 * the failure came after, and the verdict is the recipient's fate. */
static bool
verdict_overrules(const bn_smtp_step *st)
{
  if (st->verdict->len == 0 || st->reply->len == 0 ||
      bn_reply_code_at(st->reply->str, st->reply->len) >= 400)
    return false;
  return st->deferred || bn_reply_code_at(st->verdict->str, st->verdict->len) >= 400;
}

int
bn_transcript_code(const bn_smtp_step *st)
{
  int code = verdict_overrules(st) ? 0 : bn_reply_code_at(st->reply->str, st->reply->len);
  if (code == 0)
    code = bn_reply_code_at(st->verdict->str, st->verdict->len);
  if (code == 0 && st->deferred) {
    /* "Deferred: 450 4.7.1 ..." */
    const char *c = strchr(st->verdict->str, ':');
    if (c) {
      c++;
      while (*c == ' ')
        c++;
      code = bn_reply_code_at(c, strlen(c));
    }
  }
  return code;
}

static bool
same_address(const char *step_addr, const char *addr, bool reply)
{
  if (step_addr == NULL || addr == NULL)
    return false;
  if (strchr(step_addr, '@'))
    return bn_same_mailbox(step_addr, addr, reply);
  const char *at = strchr(addr, '@');
  return at && strlen(step_addr) == (size_t)(at - addr) &&
         g_ascii_strncasecmp(step_addr, addr, (size_t)(at - addr)) == 0;
}

bool
bn_transcript_names(const char *step_addr, const bounce_recipient *rc, bool reply)
{
  return same_address(step_addr, rc->address, reply) ||
         same_address(step_addr, rc->actual_recipient, reply);
}

/* Whether the address a reply of t named is rc's: in any form, or with
 * rc's subaddress cut off, unless a command of t sent that address whole:
 * then the reply speaks of that recipient ("550 <jean@b> User unknown"
 * after the dot is jean@b's, not jean-pierre@b's, when both were sent). */
static bool
reply_names(const bn_transcript *t, const char *named, const bounce_recipient *rc)
{
  if (!bn_transcript_names(named, rc, true))
    return false;
  if (bn_transcript_names(named, rc, false))
    return true;
  /* a command's address that is named's mailbox shares its key */
  char *key = step_key(named);
  GArray *a = g_hash_table_lookup(t->index->by_key, key);
  g_free(key);
  for (guint i = 0; a && i < a->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, g_array_index(a, guint, i));
    t->index->work++;
    if (st->address && bn_same_mailbox(st->address, named, false))
      return false;
  }
  return true;
}

/* Whether st is another recipient's: the command names another address,
 * or (a DATA reply) the remote's reply does. */
static bool
names_other(const bn_transcript *t, const bn_smtp_step *st, const bounce_recipient *rc)
{
  if (st->address)
    return !bn_transcript_names(st->address, rc, false);
  return st->mentioned && !reply_names(t, st->mentioned, rc);
}

/* Whether session n refused another recipient: its "503 need RCPT" then
 * follows from that refusal, not from rc's. */
static bool
refused_other(const bn_transcript *t, int n, const bounce_recipient *rc)
{
  for (size_t i = 0; i < t->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i);
    t->index->work++;
    if (st->session == n && st->reply->len && st->reply->str[0] >= '4' &&
        strncmp(st->reply->str, "503", 3) != 0 && names_other(t, st, rc))
      return true;
  }
  return false;
}

/* The refusal of the last session that has one: one backward pass (steps
 * are stored in session order). */
static const bn_smtp_step *
last_failing(const bn_transcript *t, const bounce_recipient *rc, bool strict, bool want_503)
{
  const bn_smtp_step *found = NULL;
  for (size_t i = t->steps->len; i > 0; i--) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i - 1);
    t->index->work++;
    if (st->session == 0)
      continue;
    if (found && st->session < found->session)
      break;
    if (st->reply->len == 0 || st->reply->str[0] < '4')
      continue;
    if (strict && st->address && !bn_transcript_names(st->address, rc, false))
      continue;
    if ((strncmp(st->reply->str, "503", 3) == 0) == want_503)
      found = st;
  }
  return found;
}

bool
bn_transcript_accepted_rcpt(const bn_smtp_step *st)
{
  return st && st->command && strcmp(st->command, "RCPT") == 0 && st->verdict->len == 0 &&
         bn_reply_code_at(st->reply->str, st->reply->len) / 100 == 2;
}

/* The refusal, after rc's accepted RCPT st, of the message its session
 * went on to send (the reply to DATA or to the dot, which names no other
 * recipient): RFC 5321 4.1.1.4, the recipients accepted share it. NULL
 * when st is no accepted RCPT or none followed. */
static const bn_smtp_step *
refused_after(const bn_transcript *t, const bn_smtp_step *st, const bounce_recipient *rc)
{
  if (!bn_transcript_accepted_rcpt(st))
    return NULL;
  bool after = false;
  for (size_t i = 0; i < t->steps->len; i++) {
    const bn_smtp_step *s = g_ptr_array_index(t->steps, i);
    if (s == st) {
      after = true;
      continue;
    }
    if (!after || s->host_level || s->session != st->session || s->address ||
        s->reply->len == 0 || s->reply->str[0] < '4' || strncmp(s->reply->str, "503", 3) == 0)
      continue;
    return names_other(t, s, rc) ? NULL : s;
  }
  return NULL;
}

/* The refusal of the last session held with rc's remote MTA (by its
 * first step's host), for rc no step names; NULL when none. */
static const bn_smtp_step *
session_refusal(const bn_transcript *t, const bounce_recipient *rc, bn_step_scope scope)
{
  if (rc->remote_mta == NULL)
    return NULL;
  char *host = g_ascii_strdown(rc->remote_mta, -1);
  int session = GPOINTER_TO_INT(g_hash_table_lookup(t->index->session_of_host, host));
  g_free(host);
  t->index->work++;
  /* strict: no step with an address is rc's */
  return session ? t->index->refusal[2 * session + (scope != BN_STEP_SOLE)] : NULL;
}

/* The refusal or verdict of a recipient no step names, past its remote
 * MTA's session, as scope allows. */
static const bn_smtp_step *
nobodys_refusal(const bn_transcript *t, const bounce_recipient *rc, bn_step_scope scope)
{
  if (scope == BN_STEP_NAMED)
    return NULL;
  const bn_smtp_step *f = last_failing(t, rc, true, false);
  if (f)
    return f;
  /* rc shares the report with others: a verdict or a refusal that names
   * one of them is theirs, and so is the 503 that followed it */
  bool shared = scope != BN_STEP_SOLE;
  for (size_t i = t->steps->len; i > 0; i--) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i - 1);
    t->index->work++;
    if (!st->host_level && st->address == NULL && st->verdict->len &&
        !(shared && names_other(t, st, rc)))
      return st;
  }
  if (!shared && (f = last_failing(t, rc, false, false)) != NULL)
    return f;
  f = last_failing(t, rc, true, true);
  return f && shared && refused_other(t, f->session, rc) ? NULL : f;
}

/* bn_transcript_find for rc no step names: the same for every such
 * recipient of one remote MTA, so looked up, not searched (index_build). */
static const bn_smtp_step *
nobodys(const bn_transcript *t, const bounce_recipient *rc, bn_step_scope scope)
{
  const bn_smtp_step *f = session_refusal(t, rc, scope);
  if (f)
    return f;
  struct bn_step_index *x = t->index;
  if (!x->nobody_known[scope]) {
    x->nobody[scope] = nobodys_refusal(t, rc, scope);
    x->nobody_known[scope] = true;
  }
  return x->nobody[scope];
}

const bn_smtp_step *
bn_transcript_find(const bn_transcript *t, const bounce_recipient *rc, bn_step_scope scope)
{
  if (t->steps == NULL || rc == NULL || rc->address == NULL)
    return NULL; /* rc is NULL once the recipient limit is reached */
  const bn_smtp_step *named = NULL, *with_reply = NULL, *tagged = NULL;
  /* [0]: steps that name rc's whole address; [1]: a bare local name
   * ("RCPT To:<oskar>", "oskar... User unknown"), which names rc's local
   * part at any domain: a local delivery's step is no fate of a
   * recipient of another domain that a step of its own names */
  const bn_smtp_step *by[2][2] = {{NULL, NULL}, {NULL, NULL}};
  GArray *maybe = candidates(t, rc);
  for (guint i = 0; i < maybe->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, g_array_index(maybe, guint, i));
    t->index->work++;
    bool mine = bn_transcript_names(st->address, rc, false) ||
                (st->address == NULL && st->mentioned && reply_names(t, st->mentioned, rc));
    int bare = st->address && strchr(st->address, '@') == NULL;
    /* a RCPT of rc's mailbox with a subaddress rc's list entry has not
     * ("RCPT To:<bert+x@b>" for "<bert@b>": a rewrite by an alias or a
     * virtual table), whose reply names rc itself */
    if (!mine && tagged == NULL && bn_transcript_names(st->address, rc, true) &&
        st->mentioned && reply_names(t, st->mentioned, rc) &&
        bn_reply_code_at(st->reply->str, st->reply->len) >= 400)
      tagged = st;
    if (!mine)
      continue;
    by[bare][0] = st;
    /* a RCPT the remote accepted is no fate when a later step (a verdict
     * after the dot) names the recipient */
    if (st->reply->len && !bn_transcript_accepted_rcpt(st))
      by[bare][1] = st;
  }
  g_array_free(maybe, TRUE);
  named = by[0][0];
  with_reply = by[0][1];
  if (named == NULL)
    named = with_reply = tagged;
  if (named == NULL) {
    named = by[1][0];
    with_reply = by[1][1];
  }
  const bn_smtp_step *then = with_reply ? NULL : named ? refused_after(t, named, rc) : NULL;
  if (then)
    return then;
  if (with_reply || named)
    return with_reply ? with_reply : named;
  return nobodys(t, rc, scope);
}

/* How reply re orders against quoted words d (n bytes, n >= 5): 0 when
 * re starts with d, the byte after the code aside (a continuation dash
 * where d has a space); else as re's bytes without that one sort against
 * d's, a re that ends first before d. */
static int
quote_cmp(const GString *re, const char *d, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (i == 3)
      continue;
    if (i >= re->len)
      return -1;
    if (re->str[i] != d[i])
      return (guchar)re->str[i] < (guchar)d[i] ? -1 : 1;
  }
  return 0;
}

static gint
cmp_quiet(gconstpointer a, gconstpointer b, gpointer steps)
{
  const bn_smtp_step *x = g_ptr_array_index((GPtrArray *)steps, *(const guint *)a);
  const bn_smtp_step *y = g_ptr_array_index((GPtrArray *)steps, *(const guint *)b);
  /* y's reply as quoted words: x before y when it ends first */
  int c = quote_cmp(x->reply, y->reply->str, y->reply->len);
  if (c == 0)
    return x->reply->len < y->reply->len ? -1 : x->reply->len > y->reply->len;
  return c;
}

static void
quiet_build(const bn_transcript *t, struct bn_step_index *x)
{
  x->quiet = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 0; i < t->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(t->steps, i);
    if (!st->host_level && st->address == NULL && st->reply->len >= 5)
      g_array_append_val(x->quiet, i);
  }
  g_array_sort_with_data(x->quiet, cmp_quiet, t->steps);
  x->quiet_max = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  GArray *level = g_array_copy(x->quiet);
  for (guint w = 1; level->len; w *= 2) {
    g_ptr_array_add(x->quiet_max, level);
    if (level->len <= w)
      break;
    GArray *next = g_array_sized_new(FALSE, FALSE, sizeof(guint), level->len - w);
    for (guint i = 0; i + w < level->len; i++) {
      guint m = MAX(g_array_index(level, guint, i), g_array_index(level, guint, i + w));
      g_array_append_val(next, m);
    }
    level = next;
  }
  if (level->len == 0)
    g_array_unref(level);
}

/* The first of the sorted quiet steps at or after lo whose reply orders
 * after d (past: any but before), or before it (past: false). */
static guint
quiet_bound(const bn_transcript *t, const char *d, size_t n, bool past)
{
  guint lo = 0, hi = t->index->quiet->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    const bn_smtp_step *st =
        g_ptr_array_index(t->steps, g_array_index(t->index->quiet, guint, mid));
    t->index->work++;
    int c = quote_cmp(st->reply, d, n);
    if (c < 0 || (past && c == 0))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const bn_smtp_step *
bn_transcript_quoted(const bn_transcript *t, const bounce_recipient *rc, const char *d, size_t n)
{
  if (t->steps == NULL || t->index == NULL || n < 5)
    return NULL;
  struct bn_step_index *x = t->index;
  gint64 last = -1;
  GArray *maybe = candidates(t, rc);
  for (guint i = 0; i < maybe->len; i++) {
    guint k = g_array_index(maybe, guint, i);
    const bn_smtp_step *st = g_ptr_array_index(t->steps, k);
    x->work++;
    if (st->address && bn_transcript_names(st->address, rc, false) && quote_cmp(st->reply, d, n) == 0)
      last = k;
  }
  g_array_free(maybe, TRUE);
  if (x->quiet == NULL)
    quiet_build(t, x);
  guint lo = quiet_bound(t, d, n, false), hi = quiet_bound(t, d, n, true);
  if (lo < hi) {
    /* the greatest step number in [lo, hi): two runs of 2^k cover it */
    guint k = 0;
    while ((2u << k) <= hi - lo)
      k++;
    GArray *level = g_ptr_array_index(x->quiet_max, k);
    last = MAX(last, (gint64)MAX(g_array_index(level, guint, lo),
                                 g_array_index(level, guint, hi - (1u << k))));
  }
  return last < 0 ? NULL : g_ptr_array_index(t->steps, (guint)last);
}

/* A diagnostic that gives neither a reply code nor a status ("255", the
 * exit status of a program) says less than the transcript. */
static bool
says_nothing(const char *d)
{
  return !bn_gives_code(d, strlen(d));
}

/* Where s's words start, past a reply code and an enhanced status ("553
 * 5.3.5 system config error"). */
static size_t
past_codes(const char *s, size_t len)
{
  size_t at = bn_reply_code_at(s, len) ? MIN(len, 4) : 0;
  return at + (at < len ? status_len(s + at, len - at) : 0);
}

/* Whether d ("553 5.3.5 system config error") is only Sendmail's status
 * for a fault in its configuration, while the step's text names the fault
 * (syserr_step). */
static bool
config_error_only(const char *d, const GString *text)
{
  size_t len = strlen(d), at = past_codes(d, len);
  size_t tlen = text->len, tat = past_codes(text->str, tlen);
  return is_generic(d + at, len - at, config_error_statuses) &&
         !is_generic(text->str + tat, tlen - tat, config_error_statuses);
}

/* What Postfix's smtpd answers DATA with when it took no RCPT (smtpd.c,
 * data_cmd: "554 5.5.1 Error: no valid recipients"): it says only that
 * every recipient was refused, whatever for. */
static const char *const no_recipient_statuses[] = {"Error: no valid recipients", NULL};

/* Whether d is only that answer to DATA, while the step's text is the
 * refusal of the recipient's own RCPT, which says why. */
static bool
no_recipient_only(const char *d, const GString *text)
{
  size_t len = strlen(d), at = past_codes(d, len);
  size_t tlen = text->len, tat = past_codes(text->str, tlen);
  return bn_reply_code_at(text->str, tlen) != 0 &&
         is_generic(d + at, len - at, no_recipient_statuses) &&
         !is_generic(text->str + tat, tlen - tat, no_recipient_statuses);
}

/* The cause a local mailer's own words name, where Sendmail's verdict on
 * it names none or only the mailer's exit status in sysexits words ("550
 * 5.0.0 <u@x>... Can't create output" for EX_CANTCREAT, while procmail
 * wrote "Quota exceeded while writing"); else BOUNCE_CAUSE_UNDEFINED.
 * Words that quote a reply code pass on another server's answer, most
 * often about another address (a forwarding script's "mx.example.org
 * said: 550 5.1.1 <new@...>: User unknown"), and a connection the program
 * could not open ("connect to spamd on 127.0.0.1 failed ... Connection
 * refused") is to a service it needs: neither is the program's own. */
static bounce_cause
program_words_cause(const bn_smtp_step *st, bounce_cause verdict)
{
  if (verdict != BOUNCE_CAUSE_UNDEFINED && verdict != BOUNCE_CAUSE_MAILERERROR)
    return BOUNCE_CAUSE_UNDEFINED;
  size_t len = strlen(st->program);
  if (bn_find_reply_code(st->program, len) != 0)
    return BOUNCE_CAUSE_UNDEFINED;
  bounce_cause c = bn_text_cause(st->program, len);
  return c == BOUNCE_CAUSE_NETWORKERROR ? BOUNCE_CAUSE_UNDEFINED : c;
}

void
bn_transcript_apply(const bn_smtp_step *st, bounce_recipient *rc)
{
  if (st == NULL || rc == NULL)
    return;
  const GString *text = st->reply->len && !verdict_overrules(st) ? st->reply : st->verdict;
  if (text->len) {
    const char *d = rc->diagnostic;
    if (d == NULL || says_nothing(d) || config_error_only(d, text) ||
        no_recipient_only(d, text) ||
        (strlen(d) < text->len && strncmp(text->str, d, strlen(d)) == 0)) {
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, text->str, BOUNCE_SOURCE_TEXT);
      bn_rcpt_set_reply_code(rc, bn_transcript_code(st), BOUNCE_SOURCE_TEXT);
    }
  }
  if (st->program && st->reply->len == 0 && rc->diagnostic &&
      strcmp(rc->diagnostic, st->verdict->str) == 0 &&
      rc->source[BOUNCE_FIELD_CAUSE] == BOUNCE_SOURCE_NONE) {
    /* the program knew what Sendmail's verdict does not say; an unknown
     * user is its own lookup's answer, the mailbox. Words that name the
     * verdict's own cause ("procmail: Timeout, was waiting for ..." before
     * "Can't create output") change no cause but still say what failed. */
    bounce_cause v = bn_text_cause(st->verdict->str, st->verdict->len);
    bounce_cause c = program_words_cause(st, v);
    if (c != BOUNCE_CAUSE_UNDEFINED) {
      char *d = g_strdup_printf("%s (%s)", st->verdict->str, st->program);
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
      g_free(d);
      if (c != v)
        bn_prose_set_cause(rc, c);
    }
  }
  if (st->reply->len)
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, st->command, BOUNCE_SOURCE_TEXT);
  if (!st->host_level)
    bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, st->host, BOUNCE_SOURCE_TEXT);
}

/* What Sendmail's subject says when it names no cause: savemail.c puts
 * the error message (e_message) after "Returned mail: ", or "Unable to
 * deliver mail" when there was none (deliver.c's giveresponse() sets it
 * to each permanent failure in turn, to a deferral only while unset); 8.9
 * and later say "see transcript for details"; an expiry ("Cannot send
 * message", "Deferred") is read from the body. A warning's subject and a
 * return receipt's have no "Returned mail:" at all. */
static const char *const subject_no_cause[] = {
  "see transcript for details", "Unable to deliver mail", "Cannot send message", "Deferred", NULL,
};

/* Before 8.7 savemail.c put "Returned mail: " before every message it
 * returned, the return receipt deliver.c asks for ("Return receipt")
 * among them: no error, and no cause. */
static const char receipt[] = "Return receipt";

bool
bn_sendmail_subject_receipt(const bn_view *v)
{
  static const char prefix[] = "Returned mail:";
  const char *s = v->subject ? bn_subject_untagged(v->subject) : NULL;
  if (s == NULL || !bn_has_prefix_ci(s, prefix))
    return false;
  s += strlen(prefix);
  s += strspn(s, " ");
  if (!bn_has_prefix_ci(s, receipt))
    return false;
  s += strlen(receipt);
  return s[strspn(s, " ")] == '\0';
}

const char *
bn_sendmail_subject_words(const bn_view *v, size_t *len)
{
  if (bn_sendmail_subject_receipt(v))
    return NULL;
  static const char prefix[] = "Returned mail:";
  const char *s = v->subject ? bn_subject_untagged(v->subject) : NULL;
  if (s == NULL || !bn_has_prefix_ci(s, prefix))
    return NULL;
  s += strlen(prefix);
  while (*s == ' ')
    s++;
  size_t n = strlen(s);
  while (n && s[n - 1] == ' ')
    n--;
  for (size_t i = 0; subject_no_cause[i]; i++)
    if (bn_has_prefix_ci(s, subject_no_cause[i]))
      return NULL;
  *len = n;
  return n ? s : NULL;
}

/* Whether the notice has the Received field Sendmail writes on a message
 * it makes itself, "by host" with no "from" clause before it ("Received:
 * by orchid.example.edu (5.67/1.35) id AA10422"): the fields of the
 * hops after it each name the host they took it from. */
static bool
received_by(GMimeMessage *msg, const char *host)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
  int count = list ? g_mime_header_list_get_count(list) : 0;
  size_t n = strlen(host);
  for (int i = 0; i < count && i < 64; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
    const char *name = g_mime_header_get_name(h);
    const char *value = g_mime_header_get_value(h);
    if (name == NULL || value == NULL || g_ascii_strcasecmp(name, "Received") != 0)
      continue;
    value += strspn(value, " \t\r\n");
    if (g_ascii_strncasecmp(value, "by", 2) != 0 || !strchr(" \t\r\n", value[2]) || !value[2])
      continue;
    const char *t = value + 2 + strspn(value + 2, " \t\r\n");
    if (g_ascii_strncasecmp(t, host, n) == 0 && strchr(" \t\r\n;(", t[n]))
      return true;
  }
  return false;
}

/* Whether the notice's Message-Id host is the Sendmail that wrote the
 * notice: the From's domain or a host under it (MAILER-DAEMON@$m,
 * masqueraded), or the host its own Received field names. A notice that
 * reached its reader without one is given one by the first MTA or client
 * that took it in ("<20260101100000.4F2A1C0042@mx.receiver.example>"),
 * whose host is no name of Sendmail's. */
static bool
notice_host(const bn_view *v, const char *host)
{
  const char *at = v->from_addr ? strrchr(v->from_addr, '@') : NULL;
  if (at && at[1]) {
    size_t hn = strlen(host), dn = strlen(at + 1);
    if (hn >= dn && g_ascii_strcasecmp(host + hn - dn, at + 1) == 0 &&
        (hn == dn || host[hn - dn - 1] == '.'))
      return true;
  }
  return received_by(v->msg, host);
}

char *
bn_sendmail_host(const bn_view *v)
{
  GMimeObject *top = v->msg ? g_mime_message_get_mime_part(v->msg) : NULL;
  const char *b = top ? g_mime_object_get_content_type_parameter(top, "boundary") : NULL;
  const char *h = b ? strrchr(b, '/') : NULL;
  bool from_id = false;
  if (h == NULL) {
    const char *id = v->msg ? g_mime_message_get_message_id(v->msg) : NULL;
    h = id ? strrchr(id, '@') : NULL;
    from_id = true;
  }
  if (h == NULL)
    return NULL;
  const char *name = h + 1;
  size_t n = strlen(name);
  char *host = bn_prose_hostname(name, n);
  /* the whole rest (but a closing dot), not a prefix of something else */
  while (n && name[n - 1] == '.')
    n--;
  if (host && (strlen(host) != n || (from_id && !notice_host(v, host)))) {
    g_free(host);
    host = NULL;
  }
  return host;
}
