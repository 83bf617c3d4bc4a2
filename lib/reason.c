/* The cause of a bounce and whether it is hard, from the most specific
 * evidence first:
 *
 *   1. what the recognizer knew for sure (it set rc->cause);
 *   2. the remote host's own meaning of its codes and texts (lib/rhost/);
 *   3. the diagnostic text, matched against the phrase table in one pass;
 *   4. the enhanced status (RFC 3463 subject and detail);
 *   5. a Diagnostic-Code of type X-Unix (a local program answered: the
 *      mailer), then the reply code (RFC 5321);
 *   6. the SMTP command in flight: a refusal at the connection or greeting
 *      is about the sending host, at MAIL about the sender, at RCPT about
 *      the recipient.
 *
 * A few rules read two pieces of evidence together, because one alone
 * misleads: "user unknown" answered after the message was sent (at DATA) is
 * the recipient's filter, not a missing mailbox; a name-service failure
 * with a transient status is the network, not a missing domain; a size
 * refusal is "too big for the system" or "over an administrative limit"
 * as the status says. */
#include "reason.h"
#include "rhost/rhost.h"
#include <string.h>

/* the pseudo-causes of reason.h sit above every public cause */
G_STATIC_ASSERT(BOUNCE_CAUSE_VIRUSDETECTED < BN_CAUSE_FULL_OF);

/* ---- the main phrase table ---- */

/* Whether row i is a BN_CAUSE_FULL_OF row of what a mailbox holds anyway
 * ("full of mail"): it names no container, so it extends no row. */
static bool
holds_mail(size_t i)
{
  return bn_cause_phrases[i].cause == BN_CAUSE_FULL_OF &&
         strncmp(bn_cause_phrases[i].phrase, "full of ", 8) == 0;
}

/* Clears the rows that a hit row of BN_CAUSE_FULL_OF naming a container
 * extends. */
static void
cancel_extended(bool *hits)
{
  for (size_t i = 0; i < bn_cause_phrase_count; i++) {
    if (!hits[i] || bn_cause_phrases[i].cause != BN_CAUSE_FULL_OF || holds_mail(i))
      continue;
    const char *longer = bn_cause_phrases[i].phrase;
    for (size_t j = 0; j < bn_cause_phrase_count; j++) {
      const char *p = bn_cause_phrases[j].phrase;
      size_t n = strlen(p);
      if (j != i && strncmp(longer, p, n) == 0 && longer[n] == ' ')
        hits[j] = false;
    }
  }
}

/* Clears the hits of the rows a hit row of BN_CAUSE_FULL_OF extends: its
 * words begin with theirs ("mailbox full of" over "mailbox full"), and
 * say what the mailbox holds, not that it is over its quota, unless what
 * it holds is mail ("mailbox is full of messages"). Reads hits as those of
 * one clause (see drop_extended_by_clause). */
static void
drop_extended(bool *hits)
{
  /* a text names a few phrases: memchr jumps from one hit to the next, as
   * scan_causes does, where a look at each row cost more than the scan */
  const bool *end = hits + bn_cause_phrase_count;
  bool full_of = false;
  for (const bool *h = memchr(hits, true, bn_cause_phrase_count); h;
       h = memchr(h + 1, true, (size_t)(end - h - 1))) {
    size_t i = (size_t)(h - hits);
    if (holds_mail(i))
      return;
    full_of |= bn_cause_phrases[i].cause == BN_CAUSE_FULL_OF;
  }
  if (full_of)
    cancel_extended(hits);
}

/* The most clauses of a text read one by one; the rest reads as one. */
#define FULL_OF_CLAUSES 32

/* The end of the clause of s[0..len) that starts at s: after a full stop,
 * '!', '?' or ';' before a blank, or at a blank line. */
static size_t
clause_end(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    if (strchr(".!?;", s[i]) && s[i] && (i + 1 == len || g_ascii_isspace(s[i + 1])))
      return i + 1;
    if (s[i] == '\n' && i + 1 < len && s[i + 1] == '\n')
      return i + 1;
  }
  return len;
}

/* drop_extended, for each clause of text apart: a "full of" cancels the
 * fullness it extends only in its own clause, and what fills a mailbox
 * is mail only there. "552 Mailbox full. Do not resend: this mailbox full
 * of newsletters is read weekly" still names a full mailbox (its first
 * sentence), and "Mailbox full of spam, rejected. Queue full of messages"
 * none (the messages fill the queue). A row a "full of" extends is kept
 * where a clause keeps it; the clauses are scanned only where a "full
 * of" hit. */
static void
drop_extended_by_clause(const char *text, size_t len, bool *hits)
{
  size_t n = bn_cause_phrase_count;
  const bool *end = hits + n;
  bool full_of = false;
  for (const bool *h = memchr(hits, true, n); h && !full_of;
       h = memchr(h + 1, true, (size_t)(end - h - 1)))
    full_of = bn_cause_phrases[h - hits].cause == BN_CAUSE_FULL_OF;
  if (!full_of)
    return;
  bool *whole = g_memdup2(hits, n * sizeof(bool));
  bool *clause = g_new(bool, n);
  cancel_extended(whole);
  /* the rows some clause keeps, back in whole */
  size_t at = 0;
  for (int k = 0; k < FULL_OF_CLAUSES && at < len; k++) {
    size_t to = k + 1 < FULL_OF_CLAUSES ? at + clause_end(text + at, len - at) : len;
    if (bn_phrase_set_scan(&bn_compiled_causes, text + at, to - at, clause)) {
      drop_extended(clause);
      for (size_t i = 0; i < n; i++)
        whole[i] |= hits[i] && clause[i] && bn_cause_phrases[i].cause != BN_CAUSE_FULL_OF;
    }
    at = to;
  }
  memcpy(hits, whole, n * sizeof(bool));
  g_free(clause);
  g_free(whole);
}

/* Adds to named the causes the phrases of the table name in text (only
 * those that count inside links when links_only); returns true when any
 * does. */
static bool
scan_causes(const char *text, size_t len, bool links_only, guint8 named[BN_CAUSE_SLOTS])
{
  bool stack_hits[2048]; /* room for the table (a thousand phrases and more) */
  bool *hits = bn_cause_phrase_count <= G_N_ELEMENTS(stack_hits)
                   ? stack_hits
                   : g_new(bool, bn_cause_phrase_count);
  bool any = bn_phrase_set_scan(&bn_compiled_causes, text, len, hits);
  bool counted = false;
  /* A text names a few of the phrases: memchr jumps from one hit to the
   * next instead of a look at each of the table's. */
  if (any)
    drop_extended_by_clause(text, len, hits);
  const bool *end = hits + bn_cause_phrase_count;
  for (const bool *h = any ? memchr(hits, true, bn_cause_phrase_count) : NULL; h;
       h = memchr(h + 1, true, (size_t)(end - h - 1))) {
    const bn_cause_phrase *p = &bn_cause_phrases[h - hits];
    if (links_only && !p->in_links)
      continue;
    guint8 how = p->sure ? BN_NAMED_SURE : BN_NAMED;
    if (named[p->cause] < how)
      named[p->cause] = how;
    counted = true;
  }
  if (hits != stack_hits)
    g_free(hits);
  return counted;
}

/* Adds to named the causes text names: the words around its links, then
 * the links for a block list's name. */
static bool
scan_text(const char *text, size_t len, guint8 named[BN_CAUSE_SLOTS])
{
  GString *plain, *links;
  if (!bn_split_links(text, len, &plain, &links))
    return scan_causes(text, len, false, named);
  bool any = scan_causes(plain->str, plain->len, false, named);
  any |= scan_causes(links->str, links->len, true, named);
  g_string_free(plain, TRUE);
  g_string_free(links, TRUE);
  return any;
}

/* The sentence of text[0..len) around at: from the stop or blank line
 * before it to the stop or blank line after it. */
static void
sentence_around(const char *text, size_t len, size_t at, size_t *from, size_t *to)
{
  size_t a = at, b = at;
  while (a > 0 && !(text[a - 1] == '.' && a < len && g_ascii_isspace(text[a])) &&
         !(text[a - 1] == '\n' && a > 1 && text[a - 2] == '\n'))
    a--;
  while (b < len && !(text[b] == '.' && (b + 1 == len || g_ascii_isspace(text[b + 1]))) &&
         !(text[b] == '\n' && b + 1 < len && text[b + 1] == '\n'))
    b++;
  *from = a;
  *to = b < len ? b + 1 : len;
}

/* The words of a disclaimer's sentence about viruses, which a footer
 * writes under a scanner's stamp: "Although this e-mail and any
 * attachments are believed to be free of any virus ..., it is the
 * responsibility of the recipient to ensure that it is virus free and no
 * responsibility is accepted ..."; the common "WARNING: Computer viruses
 * can be transmitted via email. The recipient should check this email and
 * any attachments for the presence of viruses. The company accepts no
 * liability for any damage caused by any virus transmitted by this
 * email." No verdict says them. */
static const char *const disclaiming[] = {
  "liability", "responsibility", "can be transmitted via", "presence of viruses",
};

/* The most sentences under a stamp read one by one; the rest counts whole. */
#define STAMPED_SENTENCES 32

/* Where in s[at..to), a sentence, its disclaimer starts, when the
 * sentence holds more: a verdict with no full stop on the line above, which
 * the squeezed text joins on ("Virus found: Eicar-Test-Signature" over "The
 * company accepts no liability ..."). The disclaimer opens at the last
 * capitalised word before its first disclaiming words, with the labels
 * over it ("WARNING: Computer viruses can be transmitted via email"), when
 * the word before ends with no mark; else the sentence is the disclaimer's
 * whole (at: "Although ... it is the responsibility of ..."). to when it
 * disclaims nothing. */
static size_t
disclaimer_start(const char *s, size_t at, size_t to)
{
  const char *first = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(disclaiming); i++) {
    const char *w = bn_strcasestr(s + at, to - at, disclaiming[i]);
    if (w && (!first || w < first))
      first = w;
  }
  if (!first)
    return to;
  size_t b = (size_t)(first - s);
  while (b > at && !(g_ascii_isspace(s[b - 1]) && g_ascii_isupper(s[b])))
    b--;
  size_t w;
  for (int n = 0; n < 4; n++) { /* a label over it ("WARNING: Computer ...") is its own */
    for (w = b; w > at && g_ascii_isspace(s[w - 1]);)
      w--;
    size_t v = w;
    while (v > at && !g_ascii_isspace(s[v - 1]))
      v--;
    if (v + 1 >= w || s[w - 1] != ':' || !g_ascii_isupper(s[v]))
      break;
    b = v;
  }
  for (w = b; w > at && g_ascii_isspace(s[w - 1]);)
    w--;
  return w > at && g_ascii_isalnum(s[w - 1]) ? b : at;
}

/* Appends to out the sentences of s[0..len), text under a stamp, that are
 * no disclaimer's. */
static void
append_undisclaimed(GString *out, const char *s, size_t len)
{
  size_t at = 0;
  for (int n = 0; n < STAMPED_SENTENCES && at < len; n++) {
    size_t from, to;
    sentence_around(s, len, at, &from, &to);
    g_string_append_len(out, s + at, (gssize)(disclaimer_start(s, at, to) - at));
    at = to;
  }
  g_string_append_len(out, s + at, (gssize)(len - at));
}

/* Whether the text names a virus outside its scanners' stamps: the stamp's
 * own sentence ("This email has been scanned for viruses and malware by
 * ...") is none, but the notice's verdict is, above it ("554 5.7.0 Reject,
 * id=... - INFECTED: Eicar-Signature" over the stamp) or below it (a
 * scanner's notice that signs with its stamp, then "Virus found: ..."),
 * but not a disclaimer's sentence under a stamp. */
static bool
virus_outside_stamps(const char *text, size_t len)
{
  GString *rest = g_string_sized_new(len);
  size_t done = 0;
  for (int n = 0; n < 8 && done < len; n++) {
    /* the first stamp at or past done */
    size_t first = len;
    for (size_t i = 0; i < bn_cause_phrase_count; i++) {
      if (bn_cause_phrases[i].cause != BN_CAUSE_SCAN_STAMP)
        continue;
      const char *at = bn_strcasestr(text + done, first - done, bn_cause_phrases[i].phrase);
      if (at)
        first = (size_t)(at - text);
    }
    if (first == len)
      break;
    size_t from, to;
    sentence_around(text, len, first, &from, &to);
    from = MAX(from, done);
    if (n == 0)
      g_string_append_len(rest, text + done, (gssize)(from - done));
    else
      append_undisclaimed(rest, text + done, from - done);
    g_string_append_c(rest, '\n');
    done = to;
  }
  if (done > 0)
    append_undisclaimed(rest, text + done, len - done);
  else
    g_string_append_len(rest, text + done, (gssize)(len - done));
  guint8 named[BN_CAUSE_SLOTS] = {0};
  bool virus = scan_text(rest->str, rest->len, named) && named[BOUNCE_CAUSE_VIRUSDETECTED];
  g_string_free(rest, TRUE);
  return virus;
}

/* A scanner's stamp ("has been scanned for viruses") is why the text
 * says "virus": unless a sure phrase names one, or plain words do outside
 * the stamps and the disclaimers under them, no virus was found. */
static void
drop_stamped_virus(const char *text, size_t len, guint8 named[BN_CAUSE_SLOTS])
{
  if (named[BN_CAUSE_SCAN_STAMP] && named[BOUNCE_CAUSE_VIRUSDETECTED] == BN_NAMED &&
      !virus_outside_stamps(text, len))
    named[BOUNCE_CAUSE_VIRUSDETECTED] = BN_NAMED_NOT;
}

bool
bn_text_causes(const char *text, size_t len, guint8 named[BN_CAUSE_SLOTS])
{
  memset(named, 0, BN_CAUSE_SLOTS);
  if (text == NULL || len == 0)
    return false;
  bool any = scan_text(text, len, named);
  drop_stamped_virus(text, len, named);
  return any;
}

/* The cause an internal slot is reported as once it wins. */
static bounce_cause
reported(bounce_cause c)
{
  if (c == BN_CAUSE_BACKEND_DOWN)
    return BOUNCE_CAUSE_SYSTEMERROR;
  return c == BN_CAUSE_DNS_RETRY || c == BN_CAUSE_ATTEMPT_LOST ? BOUNCE_CAUSE_NETWORKERROR : c;
}

/* The cause a sure phrase names, else the first named in the order of
 * precedence. */
static bounce_cause
first_named(const guint8 named[BN_CAUSE_SLOTS])
{
  for (guint8 need = BN_NAMED_SURE; need >= BN_NAMED; need--)
    for (size_t k = 0; k < bn_cause_precedence_count; k++)
      if (named[bn_cause_precedence[k]] >= need)
        return reported(bn_cause_precedence[k]);
  return BOUNCE_CAUSE_UNDEFINED;
}

/* The causes that would suppress the recipient's address. */
static bool
names_dead_address(bounce_cause c)
{
  return c == BOUNCE_CAUSE_USERUNKNOWN || c == BOUNCE_CAUSE_HOSTUNKNOWN ||
         c == BOUNCE_CAUSE_HASMOVED || c == BOUNCE_CAUSE_NOTACCEPT ||
         c == BN_CAUSE_MAILBOX_UNAVAILABLE;
}

/* The causes that say what state the recipient's mailbox is in: a
 * sender verification finds them in the sender's mailbox too. */
static bool
names_mailbox_state(bounce_cause c)
{
  return c == BOUNCE_CAUSE_MAILBOXFULL || c == BOUNCE_CAUSE_SUSPEND;
}

/* The cause the text names. A sure refusal ("... not accepting mail from
 * <a sender, a host>") is sure only against the whole domain's refusal
 * its words hold (notaccept): any other cause named still says why,
 * unless it would suppress the recipient ("mailbox unavailable" before it
 * is IIS's stock text). */
static bounce_cause
named_cause(const guint8 named[BN_CAUSE_SLOTS])
{
  bounce_cause c = first_named(named);
  /* "Domain of the sender not found": the domain missing is the sender's,
   * whatever the command (Postfix and Sendmail check the sender at RCPT) */
  if (c == BOUNCE_CAUSE_HOSTUNKNOWN && named[BN_CAUSE_SENDER_DOMAIN] && named[c] != BN_NAMED_SURE)
    return BOUNCE_CAUSE_REJECTED;
  /* A sure failure of the system's own step ("Error in processing, id=...
   * virus_scan FAILED: ...") is sure against the verdicts the step's name
   * holds, not against the full disk it failed on ("... FAILED: ... No
   * space left on device"): that says which failure. */
  if (c == BOUNCE_CAUSE_SYSTEMERROR && named[BOUNCE_CAUSE_SYSTEMFULL])
    return BOUNCE_CAUSE_SYSTEMFULL;
  /* A sure protocol violation ("SMTP protocol violation") the server pins
   * on the message's form ("...: A header line must be terminated by
   * CRLF") is the form's: the content words say which violation. */
  if (c == BOUNCE_CAUSE_SYNTAXERROR && named[c] == BN_NAMED_SURE && named[BOUNCE_CAUSE_CONTENTERROR])
    return BOUNCE_CAUSE_CONTENTERROR;
  /* A refused connection to an address literal ("Connection refused by
   * [192.0.2.1]") is sure only against the block its words hold
   * ("connection refused by"): any other cause named before it still says
   * why ("421 4.7.0 Connection refused by [192.0.2.1]: too many
   * connections from your IP"). */
  if (c == BN_CAUSE_CONN_REFUSED && named[c] == BN_NAMED_SURE) {
    guint8 rest[BN_CAUSE_SLOTS];
    memcpy(rest, named, sizeof rest);
    rest[BOUNCE_CAUSE_BLOCKED] = BN_NAMED_NOT;
    rest[c] = BN_NAMED;
    return first_named(rest);
  }
  if (c != BN_CAUSE_REFUSAL || named[c] != BN_NAMED_SURE)
    return c;
  guint8 rest[BN_CAUSE_SLOTS];
  memcpy(rest, named, sizeof rest);
  rest[BN_CAUSE_REFUSAL] = rest[BOUNCE_CAUSE_NOTACCEPT] = BN_NAMED_NOT;
  bounce_cause o = first_named(rest);
  return o != BOUNCE_CAUSE_UNDEFINED && !names_dead_address(o) ? o : c;
}

bounce_cause
bn_text_cause(const char *text, size_t len)
{
  guint8 named[BN_CAUSE_SLOTS];
  if (!bn_text_causes(text, len, named))
    return BOUNCE_CAUSE_UNDEFINED;
  bounce_cause c = named_cause(named);
  if (c == BN_CAUSE_MAILBOX_UNAVAILABLE)
    return BOUNCE_CAUSE_USERUNKNOWN;
  if (c == BN_CAUSE_CONN_REFUSED)
    return BOUNCE_CAUSE_NETWORKERROR; /* no reply to tell whose words */
  if (c == BN_CAUSE_TALK_REFUSED)
    return BOUNCE_CAUSE_BLOCKED; /* no status or host to say otherwise */
  if (c == BN_CAUSE_SERVICE_DOWN)
    return BOUNCE_CAUSE_SYSTEMERROR; /* no command to say otherwise */
  return c == BN_CAUSE_REFUSAL || c == BN_CAUSE_DEFERRAL ? BOUNCE_CAUSE_UNDEFINED : c;
}

/* ---- reading two pieces of evidence together ---- */

/* What a recipient record says besides its text. */
typedef struct {
  const char *status; /* valid status or NULL */
  int reply;
  const char *command; /* "CONN", "HELO", "MAIL", "RCPT", "DATA" or NULL */
  const char *address; /* the recipient's, or NULL */
  const char *actual;  /* the mailbox an alias led to, or NULL */
  const char *original; /* the address as the sender wrote it (ORCPT), or NULL */
  const char *said;    /* the status the reply itself carries, or NULL */
  bool local;          /* a local program's output (Diagnostic-Code: x-unix,
                        * or a program the actual recipient names) */
  const bounce_report *report; /* the recipient's report, or NULL */
  bool waiting; /* the MTA is retrying (Action: delayed) or gave up on time */
} evidence;

static bool
command_is(const evidence *e, const char *name)
{
  return e->command && strcmp(e->command, name) == 0;
}

static bool
at_greeting(const evidence *e)
{
  return command_is(e, "CONN") || command_is(e, "HELO") || command_is(e, "EHLO");
}

/* The subject and detail of the status ("1.1"), or "" */
static const char *
subject_detail(const evidence *e)
{
  return e->status ? e->status + 2 : "";
}

static char
status_class(const evidence *e)
{
  if (e->status)
    return e->status[0];
  if (e->reply >= 200 && e->reply < 600)
    return (char)('0' + e->reply / 100);
  return '\0';
}

/* Whether only the reply's code and status stand before at ("550 5.1.1
 * <a@b>..."). */
static bool
opens_reply(const char *text, const char *at)
{
  for (const char *p = text; p < at; p++)
    if (!g_ascii_isdigit(*p) && *p != '.' && *p != '-' && *p != ' ' && *p != '<')
      return false;
  return true;
}

/* The reply from its code on (e->reply), past a command quoted before it. */
static void
reply_from_code(const evidence *e, const char **text, size_t *len)
{
  char code[4];
  if (e->reply < 200 || e->reply >= 600)
    return;
  g_snprintf(code, sizeof code, "%d", e->reply);
  const char *at = bn_strcasestr(*text, *len, code);
  if (at) {
    *len -= (size_t)(at - *text);
    *text = at;
  }
}

/* Whether the reply's address stands as the object it speaks of: in
 * angle brackets ("550 5.1.1 <a@b>... User unknown"), or straight after
 * the code and status. An address the reply gives further on, bare, is
 * one to write to ("... does not exist. Questions: postmaster@b"). */
static bool
names_as_object(const char *text, size_t len, const char *addr)
{
  const char *at = bn_strcasestr(text, len, addr);
  if (at == NULL)
    return false;
  return (at > text && at[-1] == '<') || opens_reply(text, at);
}

/* Whether addr, which names e's recipient only with a '-' extension cut
 * off, is the address of another recipient of the report: then the reply
 * speaks of that one ("<jean@b>" is jean@b's, not jean-pierre@b's, when
 * both were sent). A '+' is a subaddress only, as before 722fbe6: bob@b
 * unknown, bob+news@b is unknown too. */
static bool
another_recipients(const char *addr, const evidence *e)
{
  const char *at = strrchr(addr, '@');
  size_t n = at ? (size_t)(at - addr) : 0;
  if (e->report == NULL || strlen(e->address) <= n || e->address[n] != '-' ||
      bn_same_mailbox(addr, e->address, false) || bn_same_mailbox(addr, e->actual, false) ||
      bn_same_mailbox(addr, e->original, false))
    return false;
  for (size_t i = 0; i < bn_report_count(e->report); i++) {
    const bounce_recipient *o = bn_report_rcpt(e->report, i);
    if (o && o->address && strcmp(o->address, e->address) != 0 &&
        bn_same_mailbox(addr, o->address, false))
      return true;
  }
  return false;
}

/* Whether the reply names the recipient: its address, the mailbox an
 * alias led it to, or the address as the sender wrote it, in whatever
 * form (bn_same_mailbox: punycode, quoted, a subaddress cut off). The
 * reply starts at its code: a command quoted before it ("said after MAIL
 * FROM:<sender@a>: 550 ...") names its argument. Sets *named when it names
 * any address as its object (names_as_object). */
static bool
names_recipient(const char *text, size_t len, const evidence *e, bool *named)
{
  *named = false;
  if (e->address == NULL || *e->address == '\0' || text == NULL)
    return false;
  reply_from_code(e, &text, &len);
  if (bn_strcasestr(text, len, e->address) ||
      (e->actual && bn_strcasestr(text, len, e->actual))) {
    *named = true;
    return true;
  }
  char *addr = bn_find_address(text, len);
  *named = addr != NULL && names_as_object(text, len, addr);
  bool same = addr && (bn_same_mailbox(addr, e->address, true) ||
                       bn_same_mailbox(addr, e->actual, true) ||
                       bn_same_mailbox(addr, e->original, true));
  same = same && !another_recipients(addr, e);
  g_free(addr);
  return same;
}

/* Whether the reply's first address stands after its words, where
 * RFC 5321's 551 gives the forward-path to write to instead ("551 User
 * not local; please try <new@b>"): an address that moved, named as the
 * recipient's is at RCPT, not the sender's (a pipelined RCPT refusal
 * pinned on MAIL). */
static bool
offers_forward_path(const char *text, size_t len, const evidence *e)
{
  if (text == NULL)
    return false;
  reply_from_code(e, &text, &len);
  char *addr = bn_find_address(text, len);
  const char *at = addr ? bn_strcasestr(text, len, addr) : NULL;
  bool after = at != NULL && !opens_reply(text, at);
  g_free(addr);
  return after;
}

/* Whether the reply names an address and not the recipient's: the
 * unknown user it speaks of is another one ("<<< 550 5.1.1 <sender@a>...
 * User unknown" in reply to MAIL names the sender). */
static bool
names_other_address(const char *text, size_t len, const evidence *e)
{
  bool named;
  return !names_recipient(text, len, e, &named) && named;
}

/* Words that, standing just before an address, make it the thing refused:
 * the noun naming it ("Recipient a@b rejected", "RCPT TO:a@b") or the
 * refusal itself ("Address rejected: a@b"). A preposition there ("for
 * list a@b", "the moderator of a@b") makes it only where the refused
 * thing was going. */
static const char *const refused_address_words[] = {
  "recipient", "address", "user", "mailbox", "mailto", "rcpt", "rcpt to", "rejected", "denied",
  "refused", NULL,
};

/* Whether the reply, from its code on, names the recipient's own address
 * as what it refused: as names_as_object, opening it quoted or bracketed
 * ("550 [a@b] rejected"), or after a word naming it an address or refusing
 * it (refused_address_words), bare or quoted ("550 Recipient rejected:
 * [a@b]"). Every place the address stands is looked at: "Mail for a@b
 * rejected: a@b" refuses it at its second. */
static bool
refuses_address(const char *text, size_t len, const evidence *e)
{
  reply_from_code(e, &text, &len);
  if (names_as_object(text, len, e->address))
    return true;
  const char *end = text + len;
  size_t n = strlen(e->address);
  for (const char *p = text; p < end;) {
    const char *at = bn_strcasestr(p, (size_t)(end - p), e->address);
    if (at == NULL)
      return false;
    /* a bracket or quote is looked through: what stands before it
     * decides, so "the moderator of 'a@b'" is where the message went */
    const char *w = at > text && strchr("[(\"'", at[-1]) != NULL ? at - 1 : at;
    if (bn_ends_with_word(text, (size_t)(w - text), " :", refused_address_words) ||
        (w < at && opens_reply(text, w)))
      return true;
    p = at + n;
  }
  return false;
}

/* Whether text quotes a permanent address status (5.1.x) after its own
 * status: a relay's reply that quotes the next host's verdict on the
 * address ("451 4.0.0 Temporary failure: host mx said: 550 5.1.1 <a@b>:
 * User unknown"). */
static bool
quotes_address_status(const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  char st[16];
  const char *at;
  for (int n = 0; p < end && (at = bn_find_status_at(p, (size_t)(end - p), st)) != NULL; n++) {
    if (n > 0 && st[0] == '5' && st[2] == '1')
      return true;
    p = at + strlen(st);
  }
  return false;
}

/* "No such user" can mean the mailbox is missing, or that a filter of the
 * recipient's refused the message and said so in those words. It is the
 * mailbox when the server said it in reply to RCPT or with an address
 * status (x.1.x; a Sendmail transcript shows RCPT refusals that PIPELINING
 * delayed until after DATA); at MAIL it is the sender that is unknown,
 * unless the status names the destination mailbox (x.1.1: no sender has
 * one, and a transcript of pipelined commands can show MAIL for the RCPT
 * refused). Otherwise the words alone do not show that the mailbox is
 * missing: said after the message was sent (DATA), or with nothing to say
 * when (relayed by a gateway, a bare or "disabled mailbox" status), they
 * are taken for the filter's, as Sisimai, whose vocabulary we share, takes
 * them. An MTA or provider whose own sentence does mean a
 * missing mailbox says so in its recognizer or provider rule. */
static bounce_cause
unknown_user(const evidence *e, const char *text, size_t len)
{
  const char *sd = subject_detail(e);
  bool other = names_other_address(text, len, e);
  if (command_is(e, "MAIL") && (strcmp(sd, "1.1") != 0 || other))
    return BOUNCE_CAUSE_REJECTED;
  /* a pipelined RCPT refusal names the recipient; after DATA an address
   * that is not the recipient's is one the mail went on to (a forward,
   * an alias's member): its mailbox is missing, not the recipient's */
  if (command_is(e, "DATA") && other)
    return BOUNCE_CAUSE_FILTERED;
  /* a relay that took the message and answers at DATA with the next
   * host's refusal of the address ("550 5.0.0 relay said: SMTP error from
   * remote server for RCPT TO command, host: mx reason: 550 User
   * unknown", IONOS's) quotes a reply to RCPT */
  const char *quoted = bn_find_smtp_command(text, len);
  if (command_is(e, "DATA") && quoted && strcmp(quoted, "RCPT") == 0)
    return BOUNCE_CAUSE_USERUNKNOWN;
  /* Past MAIL, the reply's own x.1.x names the address too, whatever the
   * status field around it says (a gateway's own status, or one an MTA
   * chose from its table): the reply's words come first. */
  const char *said = e->said ? e->said + 2 : "";
  if (command_is(e, "RCPT") || sd[0] == '1' || said[0] == '1')
    return BOUNCE_CAUSE_USERUNKNOWN;
  /* so does the next host's x.1.x that a relay's own reply quotes, as its
   * quoted reply to RCPT above: with or without an Action field or a
   * status of its own ("451 4.0.0 ... said: 550 5.1.1 ..."), the verdict
   * quoted is on the address, unless it names another (a forward's
   * target, an alias's member, as after DATA above) */
  if (quotes_address_status(text, len) && !other)
    return BOUNCE_CAUSE_USERUNKNOWN;
  return BOUNCE_CAUSE_FILTERED; /* at DATA, or with nothing to say when */
}

/* A relay's words for a verdict its own delivery probe met for good.
 * Postfix's reject_unverified_address (smtpd_check.c) writes "<a@b>: %s
 * rejected: undeliverable address: <why>" only for a probe that bounced
 * (DEL_RCPT_STAT_BOUNCE) under an unverified_recipient_reject_code that is
 * not 4xx; a 4xx before those words is soft_bounce's, which smtpd_chat.c
 * applies to every 5xx reply, and the probe's verdict stands. A deferred
 * probe, or one that bounced under a 4xx reject code (450 by default),
 * gets "unverified address: <why>": those words alone tell no verdict. */
static const char *const bounced_probe_marks[] = {
  "rejected: undeliverable address:", NULL,
};

/* Whether text quotes a permanent status or, after its own, a permanent
 * reply code, as a relay's transient refusal quotes the next host's
 * verdict ("450 4.1.1 <a@b>: Recipient address rejected: undeliverable
 * address: host mx[ip] said: 550 5.1.1 <a@b>: User unknown", Postfix's
 * reject_unverified_recipient with its default
 * unverified_recipient_reject_code of 450; the next host may give no
 * status: "said: 550 <a@b>: User unknown"), or says its probe bounced
 * ("450 4.1.1 <a@b>: Recipient address rejected: undeliverable address:
 * unknown user: \"a\""). */
static bool
quotes_permanent_status(const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  char st[16];
  for (size_t i = 0; bounced_probe_marks[i]; i++)
    if (bn_strcasestr(text, len, bounced_probe_marks[i]))
      return true;
  for (const char *at; p < end && (at = bn_find_status_at(p, (size_t)(end - p), st)) != NULL;) {
    if (st[0] == '5')
      return true;
    p = at + strlen(st);
  }
  /* the reply's own code, then the first one it quotes: three digits that
   * open an address's local part ("<551-555-0199@fax.example.org>", a
   * fax or SMS gateway's) are no reply */
  const char *own = bn_find_reply(text, len);
  if (own == NULL || own[0] == '5')
    return false;
  for (const char *q = own + 3; q < end && (q = bn_find_reply(q, (size_t)(end - q))) != NULL;
       q += 3) {
    const char *t = q;
    while (t < end && *t != '@' && *t != '>' && !g_ascii_isspace(*t))
      t++;
    if (t == end || *t != '@')
      return q[0] == '5';
  }
  return false;
}

/* A refusal without a reason: the command says what was refused, the
 * sending host at the greeting, the sender at MAIL. Before the message was
 * sent, a refusal whose only object is the recipient's own address ("542
 * <addr> Rejected") refused that address, with a status saying no more
 * (x.0.x) or that it is the address (x.1.x), for good: a transient one
 * ("450 4.1.1 <a@b>: Recipient address rejected: unverified address:
 * ... Try again later", Postfix's address verification while its probe is
 * pending) has found nothing missing yet. The address must stand as what
 * was refused (refuses_address): one after a preposition is only where
 * the refused thing was going ("Your message for list a@b has been
 * rejected by the moderator", "cannot open the reply template for a@b:
 * Permission denied"), and the refusal is not the address's. Otherwise
 * (at DATA, or with a status about something else) the status decides. */
static bounce_cause
refusal(const evidence *e, const char *text, size_t len)
{
  if (at_greeting(e))
    return BOUNCE_CAUSE_BLOCKED;
  if (command_is(e, "MAIL"))
    return BOUNCE_CAUSE_REJECTED;
  char subject = subject_detail(e)[0];
  if (!command_is(e, "DATA") && status_class(e) != '4' &&
      (subject == '\0' || subject == '0' || subject == '1') && e->address && *e->address &&
      refuses_address(text, len, e))
    return BOUNCE_CAUSE_USERUNKNOWN;
  return BOUNCE_CAUSE_UNDEFINED;
}

/* A deferral that gives no other reason ("451 4.7.1 Try again later",
 * "450 4.7.1 <a@b>: Recipient address rejected: Try again later"): with a
 * transient x.7.1 ("delivery not authorized") once a recipient is named,
 * a policy holds the message off for now, as greylisting does; nothing to
 * authenticate. At MAIL or the greeting no recipient and message are
 * there to greylist, and another status says what it says. */
static bounce_cause
deferral(const evidence *e)
{
  if (status_class(e) == '4' && strcmp(subject_detail(e), "7.1") == 0 &&
      !command_is(e, "MAIL") && !at_greeting(e))
    return BOUNCE_CAUSE_POLICYVIOLATION;
  return BOUNCE_CAUSE_UNDEFINED;
}

static bool
host_byte(char c)
{
  return g_ascii_isalnum(c) || c == '-' || c == '.';
}

/* "553 mx.example.com does not exist": a host or domain name, not an
 * address or a user, is what does not exist. The name has a dot, is not an
 * address's domain (no '@' before it) and is not an IP address. */
static bool
names_missing_host(const char *text, size_t len)
{
  static const char verb[] = " does not exist";
  const char *end = text + len;
  for (const char *p = text; p < end;) {
    const char *hit = bn_strcasestr(p, (size_t)(end - p), verb);
    if (hit == NULL)
      return false;
    const char *b = hit;
    while (b > text && host_byte(b[-1]))
      b--;
    const char *dot = memchr(b, '.', (size_t)(hit - b));
    bool ip = true;
    for (const char *q = b; q < hit; q++)
      if (g_ascii_isalpha(*q))
        ip = false;
    if (dot && dot > b && hit[-1] != '.' && !ip && (b == text || b[-1] != '@'))
      return true;
    p = hit + sizeof verb - 1;
  }
  return false;
}

/* Whether text names the recipient, as a word of its own ("for this
 * recipient", "the recipient's mailbox"): "recipients" counts them, as a
 * sending account's suspension may ("suspended for sending to too many
 * invalid recipients"). */
static bool
names_one_recipient(const char *text, size_t len)
{
  static const char word[] = "recipient";
  const char *end = text + len;
  for (const char *p = text; (p = bn_strcasestr(p, (size_t)(end - p), word)) != NULL; p++) {
    const char *q = p + sizeof word - 1;
    if (q == end || !g_ascii_isalpha(*q))
      return true;
  }
  return false;
}

/* "Exceeded quota" is a full mailbox's words, and those of the quotas a
 * server keeps on the sender: "451 4.7.1 Rate limit exceeded: sender
 * exceeded quota", "421 4.7.0 Your IP exceeds quota of connections",
 * "552 5.3.4 Message exceeds quota for attachments". A full mailbox has a
 * mailbox's status (x.2.x) or a vaguer one; a status of security or policy
 * (x.7.x), of the message's size (x.3.4) or of too many recipients (x.5.3)
 * puts the quota elsewhere, and so does the greeting, where no mailbox has
 * been named. */
static bool
quota_not_mailbox(const evidence *e)
{
  const char *sd = subject_detail(e);
  return at_greeting(e) || sd[0] == '7' || strcmp(sd, "3.4") == 0 || strcmp(sd, "5.3") == 0;
}

/* A local delivery agent's output (x-unix) is another matter: its status
 * is only the MTA's reading of the agent's exit code, and the agents exit
 * EX_NOPERM, which Postfix's pipe(8) gives 5.7.0, for the full mailbox
 * they then name (dovecot-lda -e: "Quota exceeded (mailbox for user is
 * full)"; deliverquota and maildrop: "maildir over quota"): that x.7.0
 * says nothing of whose quota. A program that printed a status of its own
 * ("4.7.1 ...", which pipe(8) takes for the status) did say. */
static bool
local_exit_status(const evidence *e)
{
  return e->local && strcmp(subject_detail(e), "7.0") == 0;
}

/* Whether a refused connection the text names is a server's refusal of the
 * sending host: the server replied (a reply code), so the connection was
 * made, and its status is one of security or policy (x.7.x, "550 5.7.1
 * Connection refused"), or a permanent reply gives none beyond its class
 * ("554 Connection refused"). An MTA that writes its own connection
 * failure as a reply gives it a status of the network or of time ("550
 * 5.4.316 Message expired, connection refused"); its own notes carry no
 * reply at all ("connect to mx[192.0.2.1]:25: Connection refused",
 * "Deferred: Connection refused by mx.example.org."). */
static bool
server_refused_host(const evidence *e)
{
  if (e->reply < 400 || e->reply >= 600)
    return false;
  const char *st = e->said ? e->said : e->status;
  char subject = st && st[0] && st[1] == '.' ? st[2] : '\0';
  if (subject == '7')
    return true;
  return e->reply / 100 == 5 && (subject == '\0' || subject == '0');
}

/* How Postfix names a host it reaches on this machine, in the brackets of
 * "host name[address]": a UNIX-domain socket (relative to the queue
 * directory, "private/dovecot-lmtp", or absolute) or the loopback. */
static const char *const local_hosts[] = {
  "private/", "public/", "unix:", "/", "127.", "::1]", "ipv6:::1]", NULL,
};

/* Whether the host before "refused to talk to me" in text is local. */
static bool
refusing_host_is_local(const char *text, size_t len)
{
  const char *at = bn_strcasestr(text, len, "refused to talk to me");
  const char *open = NULL;
  for (const char *p = text; at && p < at; p++)
    if (*p == '[')
      open = p + 1;
  if (open == NULL)
    return false;
  for (size_t i = 0; local_hosts[i]; i++)
    if (bn_has_prefix_ci(open, local_hosts[i]))
      return true;
  return false;
}

/* A greeting that "refused to talk to me" (BN_CAUSE_TALK_REFUSED): a
 * local delivery agent that refuses (its LMTP greeting, "421 4.3.2
 * Shutting down") is the receiving system's failure, whatever status it
 * gave; from a remote, a status about something other than the sending
 * host or its policy (x.3.2 "system not accepting network messages",
 * x.4.x) names its own cause, left to the status; else the remote refused
 * the sending host. */
static bounce_cause
talk_refused(const evidence *e, const char *text, size_t len)
{
  if (refusing_host_is_local(text, len))
    return BOUNCE_CAUSE_SYSTEMERROR;
  const char *st = e->said ? e->said : e->status;
  char subject = st && st[0] && st[1] == '.' ? st[2] : '\0';
  if (subject != '\0' && subject != '0' && subject != '7')
    return BOUNCE_CAUSE_UNDEFINED;
  return BOUNCE_CAUSE_BLOCKED;
}

/* Words of a full mailbox beside a status that puts the quota elsewhere
 * (quota_not_mailbox): the other words say whose quota, else the status
 * does; a local program's exit status does not, and the mailbox stays
 * unless other words name another's ("Rate limit exceeded: sender exceeded
 * quota"); a full disk's (Dovecot's "Not enough disk space") are the
 * mailbox's. Clears the mailbox's mark in named. */
static bounce_cause
quota_owner(guint8 *named, const evidence *e)
{
  named[BOUNCE_CAUSE_MAILBOXFULL] = BN_NAMED_NOT;
  bounce_cause o = named_cause(named);
  bool disk = o == BOUNCE_CAUSE_UNDEFINED || o == BOUNCE_CAUSE_SYSTEMFULL;
  return disk && local_exit_status(e) ? BOUNCE_CAUSE_MAILBOXFULL : o;
}

/* The cause the phrase tables name, and which phrases they found. */
static bounce_cause
named_in_text(const char *text, size_t len, const evidence *e, guint8 *named)
{
  bounce_cause c =
      bn_text_causes(text, len, named) ? named_cause(named) : BOUNCE_CAUSE_UNDEFINED;
  if (c == BOUNCE_CAUSE_MAILBOXFULL && named[c] != BN_NAMED_SURE && quota_not_mailbox(e))
    c = quota_owner(named, e);
  return c;
}

/* No cause named (words that name the sender's domain name none): only a
 * missing host in the words or the status is left to go on. */
static bounce_cause
missing_host_cause(const char *text, size_t len, const guint8 *named, const evidence *e)
{
  bool missing = names_missing_host(text, len);
  /* "553 5.1.2 Sender address domain unknown", "550 Sender address
   * domain example.com does not exist": a missing domain, in the status
   * or the words, beside words that name the sender's */
  if (named[BN_CAUSE_SENDER_DOMAIN] &&
      (missing || bn_status_cause(e->status) == BOUNCE_CAUSE_HOSTUNKNOWN))
    return BOUNCE_CAUSE_REJECTED;
  /* at MAIL the sender's domain, at the greeting the sending host's
   * name: the command alone says so (command_cause) */
  if (missing && !command_is(e, "MAIL") && !at_greeting(e))
    return status_class(e) == '4' ? BOUNCE_CAUSE_NETWORKERROR : BOUNCE_CAUSE_HOSTUNKNOWN;
  return BOUNCE_CAUSE_UNDEFINED;
}

/* Whether the words of a dead address or a mailbox's state are about the
 * sender or the sending host rather than the recipient; the cause they are
 * then, or BOUNCE_CAUSE_UNDEFINED when they stay the recipient's. */
static bounce_cause
not_the_recipients(bounce_cause c, const guint8 *named, const evidence *e)
{
  if (names_dead_address(c) || names_mailbox_state(c)) {
    /* Beside words that refuse the sender, the words of a dead address
     * are the sender's: a sender verification quotes the reply about the
     * sender's own address ("Sender address rejected: undeliverable
     * address: ... said: 550 5.1.1 RESOLVER.ADR.RecipNotFound", "Sender
     * address rejected: Domain example.com does not accept mail
     * (nullMX)"), whatever sure words that reply holds, and so are those
     * of the sender's full or disabled mailbox the reply holds ("...
     * said: 552 5.2.2 Mailbox full"). So they are with a status about
     * the sender's address (x.1.7, x.1.8, x.7.27). */
    if (named[BOUNCE_CAUSE_REJECTED] || bn_status_cause(e->status) == BOUNCE_CAUSE_REJECTED)
      return BOUNCE_CAUSE_REJECTED;
  }
  if (names_dead_address(c)) {
    /* At the greeting no recipient has been named: "Host not found",
     * "unknown host" in the server's reply are the sending host's name (a
     * server that does not take mail at all says so: notaccept). With no
     * reply the server never spoke: the sending MTA's own lookup of the
     * recipient's domain failed before it could connect (SendGrid's
     * "Host or domain name not found ... in connect"). */
    if (at_greeting(e) && e->reply != 0 && c != BOUNCE_CAUSE_NOTACCEPT)
      return BOUNCE_CAUSE_BLOCKED;
  }
  return BOUNCE_CAUSE_UNDEFINED;
}

/* At MAIL no recipient has been named: "Your account has been suspended",
 * "Sender account disabled" are the sending account's, at the submission
 * server or relay it logged in to. A mailbox status (x.2.x) still names the
 * recipient's, as a transcript of pipelined commands can show MAIL for the
 * RCPT refused; so do words that name the recipient ("Mailbox disabled for
 * this recipient", "your message to a@b cannot be delivered. This mailbox
 * is disabled"). */
static bounce_cause
suspended_account(const char *text, size_t len, const evidence *e)
{
  const char *sd = subject_detail(e);
  const char *said = e->said ? e->said + 2 : "";
  bool names_recipient = names_one_recipient(text, len) ||
                         (e->address && *e->address && bn_strcasestr(text, len, e->address));
  if (command_is(e, "MAIL") && sd[0] != '2' && said[0] != '2' && !names_recipient)
    return BOUNCE_CAUSE_REJECTED;
  return BOUNCE_CAUSE_SUSPEND;
}

/* Words of a size or a limit: the status says which size, unless the
 * words are sure of it (a provider's sentence it writes under either
 * status, "Your message exceeded Google's message size limits"). */
static bounce_cause
size_or_limit(bounce_cause c, const guint8 *named, const evidence *e)
{
  const char *sd = subject_detail(e);
  if (named[BOUNCE_CAUSE_MESGTOOBIG] == BN_NAMED_SURE)
    return BOUNCE_CAUSE_MESGTOOBIG;
  /* "552 5.2.2 Mailbox size limit exceeded": the size is the mailbox's */
  if (strcmp(sd, "2.2") == 0 && named[BOUNCE_CAUSE_MAILBOXFULL])
    return BOUNCE_CAUSE_MAILBOXFULL;
  if (strcmp(sd, "2.3") == 0)
    return BOUNCE_CAUSE_EXCEEDLIMIT;
  if (strcmp(sd, "3.4") == 0)
    return BOUNCE_CAUSE_MESGTOOBIG;
  return c;
}

static bounce_cause refine_named(bounce_cause c, const guint8 *named, const char *text, size_t len,
                                 const evidence *e);
static bounce_cause command_cause(const evidence *e);
static bounce_cause status_cause(const evidence *e);

/* The cause the other words name once the words of causes a and b are set
 * aside (a reply whose first cause the codes overrule), read against the
 * codes as any named cause is; undefined when they name none. */
static bounce_cause
named_besides(const guint8 *named, bounce_cause a, bounce_cause b, const char *text, size_t len,
              const evidence *e)
{
  guint8 rest[BN_CAUSE_SLOTS];
  memcpy(rest, named, sizeof rest);
  rest[a] = rest[b] = BN_NAMED_NOT;
  bounce_cause o = named_cause(rest);
  return o == BOUNCE_CAUSE_UNDEFINED ? o : refine_named(o, rest, text, len, e);
}

/* Whether the reply says in so many words that the message expired: the
 * other words of an expiry also tell a link's own failure ("554 5.4.4
 * Unable to route: network is unreachable, connection timed out", "Host
 * not reachable"), which is the network error itself. */
static bool
says_expired(const char *text, size_t len)
{
  static const char *const words[] = {"message expired", "delivery time expired",
                                      "envelope expired"};
  for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
    if (bn_strcasestr(text, len, words[i]))
      return true;
  return false;
}

/* Whether the reply calls the message spam in a word of its own, not
 * only in the list's name ("Spam message rejected; sender's domain listed
 * at dbl.spamhaus.org": a content filter's verdict the listing fed). */
static bool
calls_it_spam(const char *text, size_t len)
{
  const char *end = text + len;
  for (const char *p = text; p < end;) {
    const char *hit = bn_strcasestr(p, (size_t)(end - p), "spam");
    if (!hit)
      return false;
    hit += 4;
    if ((size_t)(end - hit) < 4 || g_ascii_strncasecmp(hit, "haus", 4) != 0)
      return true;
    p = hit;
  }
  return false;
}

/* Whether text names a link of the message as a word of its own ("a URL
 * in the message body", "URIs", "links to"): the body's domains are what
 * the DBL was looked up for, whoever the other words name ("URI example.net
 * in message listed in Spamhaus DBL; senders are advised to remove it").
 * "url" inside a longer word ("curl") is not one. */
static bool
names_message_link(const char *text, size_t len)
{
  static const char *const links[] = {"url", "uri", "link", "body"};
  const char *end = text + len;
  for (size_t i = 0; i < G_N_ELEMENTS(links); i++) {
    size_t n = strlen(links[i]);
    for (const char *p = text; (p = bn_strcasestr(p, (size_t)(end - p), links[i])) != NULL; p++) {
      const char *q = p + n;
      if ((p == text || !g_ascii_isalpha(p[-1])) &&
          (q == end || !g_ascii_isalpha(*q) || ((*q == 's' || *q == 'S') && (q + 1 == end || !g_ascii_isalpha(q[1])))))
        return true;
    }
  }
  return false;
}

/* Whether a reply that names the Spamhaus DBL names a domain of the
 * sending side, not one in the message: the DBL lists domains, and
 * servers look up the sender's, the From's, the HELO name and the
 * client's in it as well as the links of a body (spamhaus.org/dbl). Before
 * DATA no body has been sent; after it, the words say whose domain, and
 * a link of the message named says the body's. */
static bool
dbl_names_sending_side(const char *text, size_t len, const guint8 *named, const evidence *e)
{
  static const char *const dbl[] = {"spamhaus dbl", "dbl.spamhaus.org"};
  static const char *const sending[] = {"sender", "from domain", "helo", "ehlo", "client"};
  bool listed = false;
  for (size_t i = 0; i < G_N_ELEMENTS(dbl) && !listed; i++)
    listed = bn_strcasestr(text, len, dbl[i]) != NULL;
  if (!listed || calls_it_spam(text, len))
    return false;
  if (command_is(e, "MAIL") || command_is(e, "RCPT") || at_greeting(e))
    return true;
  if (names_message_link(text, len))
    return false;
  if (named[BN_CAUSE_SENDER_DOMAIN])
    return true;
  for (size_t i = 0; i < G_N_ELEMENTS(sending); i++)
    if (bn_strcasestr(text, len, sending[i]))
      return true;
  return false;
}

static bounce_cause
refine_userunknown(bounce_cause c, const guint8 *named, const char *text, size_t len,
                   const evidence *e)
{
  /* a directory lookup that found no one is the mailbox, except at MAIL */
  if (named[c] != BN_NAMED_SURE || command_is(e, "MAIL"))
    c = unknown_user(e, text, len);
  /* A transient reply has not found the mailbox missing for good, whatever
   * its words: Postfix's smtpd_check.c writes "<a@b>: User unknown in
   * local recipient table" with unknown_local_recipient_reject_code,
   * which postconf(5) advises setting to 450 "so you have time to find
   * out if your local_recipient_maps settings are OK", and soft_bounce
   * turns every 5xx into 4xx. DESIGN.md makes userunknown hard; the 4xx
   * says not yet (as status_cause reads a transient x.1.1): the other
   * words say why, if any ("450 4.7.1 ... Rate limit exceeded for
   * recipient, user unknown to quota service"). A permanent verdict
   * it quotes from the next host stands, and so does the remote's own
   * 5xx under a delay report's 4.0.0 (soft_bounce over a bare "550 User
   * unknown": finish.c keeps that reply beside the status). Nor has it
   * found a filter's verdict on the message, where the words are taken
   * for a filter's (no command, or DATA): the same reply reads the same
   * in an RFC 3464 copy that names no command as in a prose notice that
   * says RCPT. */
  if ((c == BOUNCE_CAUSE_USERUNKNOWN || c == BOUNCE_CAUSE_FILTERED) && status_class(e) == '4' &&
      e->reply / 100 != 5 && !quotes_permanent_status(text, len))
    return named_besides(named, BOUNCE_CAUSE_USERUNKNOWN, BN_CAUSE_MAILBOX_UNAVAILABLE, text, len, e);
  return c;
}

static bounce_cause
refine_hasmoved(bounce_cause c, const char *text, size_t len, const evidence *e)
{
  /* at MAIL the sender's address moved, unless the reply names the
   * recipient or gives a forward-path (a pipelined RCPT refusal pinned
   * on MAIL) */
  bool any;
  if (command_is(e, "MAIL") && !names_recipient(text, len, e, &any) &&
      !offers_forward_path(text, len, e))
    return BOUNCE_CAUSE_REJECTED;
  /* a mailbox moving between a provider's servers answers 4xx for a
   * while; only a permanent reply says it left no forwarding address */
  return status_class(e) == '4' ? BOUNCE_CAUSE_UNDEFINED : c;
}

static bounce_cause
refine_toomanyconn(bounce_cause c, const guint8 *named, const char *text, size_t len,
                   const evidence *e)
{
  /* The count as why an account was suspended, the session closed on it
   * ("554 5.7.1 Account suspended for sending to too many invalid
   * recipients, closing connection"): only the sending account's mail
   * counts recipients, and its suspension is the verdict (rejected). */
  if (named[BOUNCE_CAUSE_SUSPEND])
    return BOUNCE_CAUSE_REJECTED;
  /* A session's count ("too many unknown recipients") under a permanent
   * x.1.1, the status of this recipient's own mailbox ("550 5.1.1
   * Mailbox unavailable: too many unknown recipients from your host"):
   * the status and the other words are the verdict on the recipient,
   * the count only why the host is told so; with no other words the
   * codes say it. */
  if (named[c] != BN_NAMED_SURE && status_class(e) == '5' && strcmp(subject_detail(e), "1.1") == 0)
    return named_besides(named, c, c, text, len, e);
  return c;
}

/* "550 5.4.316 Message expired, connection refused", "550 5.4.318
 * Message expired, connection reset" (Exchange Online): the retries ran
 * out and the refused or lost link was only the last attempt's; the
 * expiry is the outcome, whoever's notice carries the reply. Only under a
 * permanent network or routing status (x.4.x): the words of an expiry
 * also name any timeout ("554 5.7.0 Connection refused: client
 * certificate expired, timed out"), where the refusal is the server's
 * answer. And only where the reply says the message expired
 * (says_expired): a timeout beside the refusal ("554 5.4.4 Connection
 * refused: connect timeout to mx...") is the link's failure. */
static bool
expired_after_last_attempt(const guint8 *named, const char *text, size_t len, const evidence *e)
{
  return named[BOUNCE_CAUSE_EXPIRED] && status_class(e) == '5' && subject_detail(e)[0] == '4' &&
         says_expired(text, len);
}

/* An MTA's own note of a refused connection (no reply: no server spoke)
 * under x.4.7, RFC 3463's "delivery time expired": Sendmail gives 4.4.7
 * to every recipient its queue time-out returns ("Deferred: Connection
 * refused by [192.0.2.1]" over "Message could not be delivered for 5
 * days"). The refusal was the last attempt's; the expiry is the outcome. */
static bool
refused_until_expiry(const evidence *e)
{
  return e->reply == 0 && strcmp(subject_detail(e), "4.7") == 0;
}

/* The same note in a notice that the MTA is still retrying, or gave up on
 * time, under a transient status: Exchange Online's delay "451
 * 4.4.316 Connection refused [Message=Socket error code 10061]" (its own
 * reply code: no server spoke), Postfix's "connect to mx[192.0.2.1]:25:
 * Connection refused" under 4.4.1, Courier's "Connection refused" under
 * 4.0.0. The host did not take the connection
 * and the wait is the outcome, as the corpus reads a timed-out attempt in
 * a delay (lhost-postfix-15) and refused ones in Gmail's delays
 * (lhost-gmail-09) and in give-ups (lhost-sendmail-54, lhost-office365-08);
 * a server's own refusal (server_refused_host) is a block. */
static bool
refused_while_waiting(const evidence *e)
{
  return e->waiting && status_class(e) != '5' && !server_refused_host(e);
}

static bounce_cause
refine_conn_refused(const guint8 *named, const char *text, size_t len, const evidence *e)
{
  if (expired_after_last_attempt(named, text, len, e) || refused_until_expiry(e) ||
      refused_while_waiting(e))
    return BOUNCE_CAUSE_EXPIRED;
  return server_refused_host(e) ? BOUNCE_CAUSE_BLOCKED : BOUNCE_CAUSE_NETWORKERROR;
}

static bounce_cause
refine_networkerror(bounce_cause c, const guint8 *named, const char *text, size_t len,
                    const evidence *e)
{
  /* Not after a failed name lookup ("550 5.4.312 Message expired, DNS
   * query failed"): the recipient's domain did not resolve, which says
   * more than the wait */
  if (!named[BN_CAUSE_DNS_RETRY] && expired_after_last_attempt(named, text, len, e))
    return BOUNCE_CAUSE_EXPIRED;
  /* Words of a lost attempt alone (ATTEMPT_LOST) from a host that
   * refused for good under a status of anything but the link (x.4.x:
   * "550 5.4.2 Bad connection: connection dropped"): it dropped the
   * session after its verdict ("554 5.7.1 Access denied - connection
   * dropped"), and the verdict is the cause, as the other words or the
   * codes say. */
  if (named[BN_CAUSE_ATTEMPT_LOST] && !named[BOUNCE_CAUSE_NETWORKERROR] &&
      !named[BN_CAUSE_DNS_RETRY] && e->reply / 100 == 5 && subject_detail(e)[0] != '4')
    return named_besides(named, BN_CAUSE_ATTEMPT_LOST, BN_CAUSE_ATTEMPT_LOST, text, len, e);
  return c;
}

static bounce_cause
service_down(const evidence *e)
{
  /* A status that names a cause says which service is not there and
   * why ("550 5.1.1 <a@b>: Service not available for this user", "550
   * 5.2.1 Mailbox service not available", "554 5.7.1 Service not
   * available to your network"): the codes speak, as with no words. */
  if (status_cause(e) != BOUNCE_CAUSE_UNDEFINED)
    return BOUNCE_CAUSE_UNDEFINED;
  /* the greeting's and MAIL's refusals keep the command's cause */
  bounce_cause by = command_cause(e);
  return by != BOUNCE_CAUSE_UNDEFINED ? by : BOUNCE_CAUSE_SYSTEMERROR;
}

/* The cause the words named, read against the codes and the command: a
 * case for each cause whose words the codes or the command can overrule. */
static bounce_cause
refine_named(bounce_cause c, const guint8 *named, const char *text, size_t len,
             const evidence *e)
{
  const char *sd = subject_detail(e);
  switch ((int)c) {
  case BOUNCE_CAUSE_USERUNKNOWN:
    return refine_userunknown(c, named, text, len, e);
  case BOUNCE_CAUSE_HASMOVED:
    return refine_hasmoved(c, text, len, e);
  case BOUNCE_CAUSE_SUSPEND:
    return suspended_account(text, len, e);
  case BN_CAUSE_MAILBOX_UNAVAILABLE:
    /* 450 "mailbox unavailable" (busy, locked, held off): the codes say
     * more than the words. So does x.2.1 ("550 5.2.1 ... mailbox
     * unavailable"): RFC 5321's stock words beside a status that says
     * the mailbox exists but is disabled. */
    if (strcmp(sd, "2.1") == 0 && !command_is(e, "MAIL"))
      return BOUNCE_CAUSE_SUSPEND;
    return status_class(e) == '4' ? BOUNCE_CAUSE_UNDEFINED : unknown_user(e, text, len);
  case BOUNCE_CAUSE_HOSTUNKNOWN:
    if (command_is(e, "MAIL"))
      return BOUNCE_CAUSE_REJECTED; /* the sender's domain */
    /* A name-service failure the server will retry is the network's. */
    return status_class(e) == '4' ? BOUNCE_CAUSE_NETWORKERROR : c;
  case BOUNCE_CAUSE_MESGTOOBIG:
  case BOUNCE_CAUSE_EXCEEDLIMIT:
    return size_or_limit(c, named, e);
  case BOUNCE_CAUSE_MAILBOXFULL:
    /* words of a full mailbox and a full disk at once ("Not enough disk
     * space"): with the mail system's status (x.3.1), or at MAIL or the
     * greeting, where no mailbox has been named, the disk is the server's */
    if (named[BOUNCE_CAUSE_SYSTEMFULL] &&
        (strcmp(sd, "3.1") == 0 || command_is(e, "MAIL") || at_greeting(e)))
      return BOUNCE_CAUSE_SYSTEMFULL;
    return c;
  case BOUNCE_CAUSE_SYSTEMFULL:
    /* "552 5.2.2 <a@b> No space left on device": the server said whose
     * space ran out, the mailbox's */
    return strcmp(sd, "2.2") == 0 ? BOUNCE_CAUSE_MAILBOXFULL : c;
  case BN_CAUSE_REFUSAL:
    /* "Rejected: try again later": the refusal's words give no reason */
    c = refusal(e, text, len);
    return c == BOUNCE_CAUSE_UNDEFINED && named[BN_CAUSE_DEFERRAL] ? deferral(e) : c;
  case BN_CAUSE_DEFERRAL:
    return deferral(e);
  case BOUNCE_CAUSE_TOOMANYCONN:
    return refine_toomanyconn(c, named, text, len, e);
  case BN_CAUSE_CONN_REFUSED:
    return refine_conn_refused(named, text, len, e);
  case BN_CAUSE_TALK_REFUSED:
    return talk_refused(e, text, len);
  case BN_CAUSE_SERVICE_DOWN:
    return service_down(e);
  case BOUNCE_CAUSE_SPAMDETECTED:
    /* "550 5.7.1 Your sending domain example.com is listed on the
     * Spamhaus DBL" (at MAIL): the sending side's domain, not the content;
     * the other words say which ("spamhaus" alone: blocked) */
    if (dbl_names_sending_side(text, len, named, e))
      return named_besides(named, c, c, text, len, e);
    return c;
  case BOUNCE_CAUSE_SYSTEMERROR:
    /* A local program's answer (Diagnostic-Code: X-Unix) that says
     * "internal error" is the program's: Sendmail writes its mailer's exit
     * EX_SOFTWARE as "554 5.3.0 Internal error" (sysexits.c, SysExMsg), as
     * it writes any other exit as "unknown mailer error N" (deliver.c,
     * giveresponse()); the receiving system did not fail. */
    if (e->local && bn_strcasestr(text, len, "internal error"))
      return BOUNCE_CAUSE_MAILERERROR;
    return c;
  case BOUNCE_CAUSE_NETWORKERROR:
    return refine_networkerror(c, named, text, len, e);
  default:
    return c;
  }
}

static bounce_cause
text_cause_in(const char *text, size_t len, const evidence *e)
{
  guint8 named[BN_CAUSE_SLOTS];
  bounce_cause c = named_in_text(text, len, e, named);
  if (c == BOUNCE_CAUSE_UNDEFINED)
    return missing_host_cause(text, len, named, e);
  bounce_cause other = not_the_recipients(c, named, e);
  if (other != BOUNCE_CAUSE_UNDEFINED)
    return other;
  return refine_named(c, named, text, len, e);
}

/* With nothing but the command: a refusal at the greeting is about the
 * sending host, at MAIL about the sender. At RCPT or DATA it could still
 * be anything, so the command alone says nothing there. A refusal needs a
 * reply: a connection that failed with none ("connect to mx[ip]:25: Host
 * is down") was refused by no one, and a greeting refused with a protocol
 * status (x.5.x, RFC 3463: the conversation failed, as in "550 5.5.0
 * Service refused, please try later") names no verdict on the host. */
static bounce_cause
command_cause(const evidence *e)
{
  if (at_greeting(e))
    return e->reply == 0 || subject_detail(e)[0] == '5' ? BOUNCE_CAUSE_UNDEFINED
                                                        : BOUNCE_CAUSE_BLOCKED;
  if (command_is(e, "MAIL"))
    return BOUNCE_CAUSE_REJECTED;
  return BOUNCE_CAUSE_UNDEFINED;
}

/* The status a status field or the class of the reply code gives, when it
 * says more than "permanent" or "transient". */
static bounce_cause
status_cause(const evidence *e)
{
  /* A host that answered and refused for good (a 5xx reply) under a
   * status of a failed connection ("550 5.4.1 All recipient addresses
   * rejected : Access denied", Exchange Online's directory check): the
   * answer belies "no answer from host" and "bad connection", and RFC 3463
   * gives them to transient failures only, so the status says nothing
   * here; the reply's code and command say what is left. A transient one
   * can be a relay's about its own next hop ("451 4.4.1 connection to mail
   * server timed out"). */
  if (e->reply / 100 == 5 && status_class(e) == '5' && bn_status_link_failure(e->status))
    return BOUNCE_CAUSE_UNDEFINED;
  bounce_cause c = bn_status_cause(e->status);
  if (c == BOUNCE_CAUSE_USERUNKNOWN && (command_is(e, "MAIL") || at_greeting(e)))
    return BOUNCE_CAUSE_REJECTED; /* an address status about the sender */
  /* a mailbox disabled (x.2.1) before any mailbox was named: the greeting
   * refused ("421 mx2.example.org 4.2.1 Service refused, please try
   * later"), the command says what is left */
  if (c == BOUNCE_CAUSE_SUSPEND && at_greeting(e))
    return BOUNCE_CAUSE_UNDEFINED;
  /* nor under a transient reply about the server rather than the mailbox
   * (RFC 5321: 421 the service closing, 452 its storage): providers give
   * a transient 4.2.1 to a rate or a busy server, never document it as a
   * disabled mailbox (Gmail's 450 4.2.1 list is rates; AT&T's "452 4.2.1
   * Mailbox busy, try again later"; La Poste's "421 4.2.1 Service
   * refused, please try later"); a reply about the mailbox keeps it (450
   * "mailbox unavailable", Cyrus Murder's "451 4.2.1 Mailbox Moved") */
  if (c == BOUNCE_CAUSE_SUSPEND && status_class(e) == '4' && (e->reply == 421 || e->reply == 452))
    return BOUNCE_CAUSE_UNDEFINED;
  /* so is a permanent "not authorized" (5.7.0, 5.7.1) there: before any
   * sender, recipient or message the server has only the connecting
   * host to refuse for good ("554 5.7.1 mx.example.org ESMTP not
   * accepting messages from 203.0.113.9" after Exim's "initial
   * connection"); no security exchange has failed yet */
  if (c == BOUNCE_CAUSE_SECURITYERROR && at_greeting(e) && status_class(e) == '5' &&
      (strcmp(subject_detail(e), "7.0") == 0 || strcmp(subject_detail(e), "7.1") == 0))
    return BOUNCE_CAUSE_UNDEFINED;
  /* a transient x.1.1 with no words that name a missing mailbox: the
   * server will try again, so it has not found the mailbox missing
   * (Postfix's "450 4.1.1 <a@b>: Recipient address rejected: unverified
   * address: ..." gives 4.1.1 whatever held the probe up) */
  if (c == BOUNCE_CAUSE_USERUNKNOWN && status_class(e) == '4')
    return BOUNCE_CAUSE_UNDEFINED;
  /* so with a transient x.1.6 or x.7.17: RFC 3463 gives "moved, no
   * forwarding address" to permanent failures only, and a mailbox moving
   * between a provider's servers answers 4xx for a while (as the words do
   * in refine_named) */
  if (c == BOUNCE_CAUSE_HASMOVED && status_class(e) == '4')
    return BOUNCE_CAUSE_UNDEFINED;
  if (c == BOUNCE_CAUSE_HOSTUNKNOWN && status_class(e) == '4')
    return BOUNCE_CAUSE_NETWORKERROR;
  return c;
}

bool
bn_cause_is_hard(bounce_cause cause, int reply_code, const char *status)
{
  switch (cause) {
  case BOUNCE_CAUSE_USERUNKNOWN:
  case BOUNCE_CAUSE_HOSTUNKNOWN:
  case BOUNCE_CAUSE_HASMOVED:
    return true;
  case BOUNCE_CAUSE_NOTACCEPT:
    if (reply_code)
      return reply_code / 100 == 5;
    return status && status[0] == '5';
  default:
    return false;
  }
}

/* Neither a status nor a reply code came from the bounce (the status, if
 * any, is only the class the action implies). */
static bool
no_codes(const bounce_recipient *rc)
{
  bounce_source st = rc->source[BOUNCE_FIELD_STATUS];
  return rc->reply_code == 0 && (st == BOUNCE_SOURCE_NONE || st == BOUNCE_SOURCE_DERIVED);
}

static bool
is_action(const bounce_recipient *rc, const char *a)
{
  return rc->action && strcmp(rc->action, a) == 0;
}

/* The cause a provider's own rule gives. At MAIL no recipient has been
 * named: a provider's words for a missing mailbox or domain ("550
 * Requested action not taken: mailbox unavailable") are then the sender's,
 * unless an address status (x.1.1) or the recipient's address in the
 * reply says a pipelined RCPT was refused and the report pinned the
 * reply on MAIL ("550 5.1.10 ... Recipient <it> not found"). */
static bounce_cause
provider_cause(const bounce_recipient *rc, const bounce_report *r, const char *diag, size_t dlen,
               const evidence *e)
{
  bounce_cause c = bn_rhost_cause(rc, r ? r->reporting_mta : NULL, rc->prose_host, diag,
                                  dlen);
  bool named;
  if (names_dead_address(c) && command_is(e, "MAIL") && strcmp(subject_detail(e), "1.1") != 0 &&
      !names_recipient(diag, dlen, e, &named))
    return BOUNCE_CAUSE_REJECTED;
  return c;
}

/* The cause of a delivery its MTA gave up on when the message's time in
 * the queue ran out, read from the last attempt's error by one rule for
 * every MTA's notice (the cause from the most specific evidence first), as
 * the corpus reads Sendmail's, Exchange Online's, Postfix's and qmail's: a
 * failed name lookup says more than the wait ("Deferred: Name server:
 * example.org.: host name lookup failure", "550 5.4.312 Message expired,
 * DNS query failed", qmail's "CNAME lookup failed temporarily. (#4.4.3)");
 * a link that could not be made or kept (refused, timed out, unreachable)
 * and words without a cause leave the expiry; any other cause the words
 * name ("450 4.2.2 Mailbox full") is the cause. c is the cause the words
 * name, or undefined. */
bounce_cause
bn_outlived_cause(bounce_cause c, const char *text, size_t len)
{
  /* a cause the words rank above the lookup ("450 4.1.8 <a@b>: Sender
   * address rejected: unverified address: ... Host not found, try
   * again" is the sender refused, rejected) stands: the lookup only
   * outranks the wait */
  if (c != BOUNCE_CAUSE_UNDEFINED && c != BOUNCE_CAUSE_NETWORKERROR &&
      c != BOUNCE_CAUSE_EXPIRED && c != BOUNCE_CAUSE_HOSTUNKNOWN)
    return c;
  guint8 named[BN_CAUSE_SLOTS];
  if (len && bn_text_causes(text, len, named) && named[BN_CAUSE_DNS_RETRY])
    return BOUNCE_CAUSE_NETWORKERROR;
  return c == BOUNCE_CAUSE_HOSTUNKNOWN ? c : BOUNCE_CAUSE_EXPIRED;
}

void
bn_classify(bounce_recipient *rc, const bounce_report *r)
{
  bounce_kind kind = r ? r->kind : BOUNCE_KIND_NONE;
  if (rc->source[BOUNCE_FIELD_CAUSE] == BOUNCE_SOURCE_NONE) {
    bounce_cause c = BOUNCE_CAUSE_UNDEFINED;
    bounce_source src = BOUNCE_SOURCE_TEXT;
    evidence e = {NULL, rc->reply_code, rc->smtp_command, rc->address, rc->actual_recipient,
                  rc->original_recipient, NULL, rc->unix_diagnostic || rc->program_recipient, r, false};
    if (rc->status && bn_status_valid(rc->status, strlen(rc->status)))
      e.status = rc->status;
    /* still retrying, or stopped on time: RFC 3464's "failed" under a
     * transient status is a delivery the MTA gave up retrying (Postfix's
     * maximal_queue_lifetime, Sendmail's Timeout.queuereturn) */
    e.waiting = rc->outlived || is_action(rc, "delayed") ||
                (is_action(rc, "failed") && e.status && e.status[0] == '4');
    /* the words of a multi-line reply read as one sentence */
    char *unmarked = rc->diagnostic ? bn_reply_unmarked(rc->diagnostic, strlen(rc->diagnostic))
                                    : NULL;
    const char *diag = unmarked ? unmarked : rc->diagnostic;
    size_t dlen = diag ? strlen(diag) : 0;
    char said[16];
    if (dlen && bn_find_status(diag, dlen, said))
      e.said = said;
    /* A status the reporting MTA raised to permanent when it gave up on
     * the remote's transient replies: the remote's own class says what it
     * found ("450 4.1.1" under 5.1.1 has not found the mailbox missing). */
    if (bn_status_raised(e.status, e.said))
      e.status = e.said;

    if (kind == BOUNCE_KIND_DELIVERED || bn_rcpt_succeeded(rc)) {
      c = BOUNCE_CAUSE_DELIVERED;
      src = BOUNCE_SOURCE_DERIVED;
    }
    if (c == BOUNCE_CAUSE_UNDEFINED)
      c = provider_cause(rc, r, diag, dlen, &e);
    if (c == BOUNCE_CAUSE_UNDEFINED && dlen)
      c = text_cause_in(diag, dlen, &e);
    /* A transient reply under a give-up on time is the last of the
     * retries; a permanent one ended them, and its codes speak where its
     * words do not ("451 4.3.0 Temporary failure" until the queue gave
     * up is the expiry, not the remote's system error). */
    if (rc->outlived && e.reply / 100 != 5 && status_class(&e) != '5')
      c = bn_outlived_cause(c, diag, dlen);
    g_free(unmarked);
    if (c == BOUNCE_CAUSE_UNDEFINED) {
      src = BOUNCE_SOURCE_DERIVED;
      c = status_cause(&e);
    }
    /* a local program's failure that says no more is the mailer's */
    if (c == BOUNCE_CAUSE_UNDEFINED && rc->unix_diagnostic)
      c = BOUNCE_CAUSE_MAILERERROR;
    /* a 2xx reply under a failure (Domino 5 gives "250 Message received
     * OK." as the reason it could not deliver) says the command went
     * through, not that the message was delivered */
    if (c == BOUNCE_CAUSE_UNDEFINED && (bn_reply_cause(rc->reply_code) != BOUNCE_CAUSE_DELIVERED ||
                                        bn_rcpt_succeeded(rc)))
      c = bn_reply_cause(rc->reply_code);
    if (c == BOUNCE_CAUSE_UNDEFINED)
      c = command_cause(&e);
    if (c == BOUNCE_CAUSE_UNDEFINED && is_action(rc, "delayed"))
      c = BOUNCE_CAUSE_EXPIRED;
    if (c == BOUNCE_CAUSE_UNDEFINED && is_action(rc, "failed") && no_codes(rc))
      c = BOUNCE_CAUSE_ONHOLD;
    rc->cause = c;
    rc->source[BOUNCE_FIELD_CAUSE] = c == BOUNCE_CAUSE_UNDEFINED ? BOUNCE_SOURCE_NONE : src;
  }
  rc->hard = bn_cause_is_hard(rc->cause, rc->reply_code, rc->status);
  if (rc->status)
    rc->permanent = rc->status[0] == '5';
  else
    rc->permanent = rc->reply_code / 100 == 5;
}
