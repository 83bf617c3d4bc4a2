/* Smail 3's returned mail ("mail failed, returning to sender" from
 * MAILER-DAEMON), whose layout KMail's "bounce message" also copies
 * (kmmessage.cpp): sections framed by ruled lines,
 *
 *   |------------------------- Message log follows: -------------------------|
 *   no valid recipients were found for this message
 *   |------------------------- Failed addresses follow: ---------------------|
 *    user@example.org ... unknown user
 *   |------------------------- Message text follows: ------------------------|
 *   <the returned message>
 *
 * Under "Failed addresses follow:" each address begins a line; what
 * follows it on the line (after "...") and the indented lines under it are
 * its error. A log line naming the address gives the error otherwise, and
 * a log that names nobody ("no valid recipients were found for this
 * message") is the error of every recipient left without one. */
#include "mta.h"
#include <string.h>

/* The headings without the rule's end after them, which a client
 * re-wrapping the notice at 60 columns puts on a line of its own
 * ("|---- Failed addresses follow:" over "-----|"). */
static const char *const failed_head = "- Failed addresses follow:";
static const char *const log_head = "- Message log follows:";
static const char *const rule_start = "|-------------------------";
static const char *const text_heads[] = {"- Message text follows:", "- Message header follows:", NULL};

static bool
claim(const bn_view *v)
{
  return bn_strcasestr(v->text->str, v->text->len, failed_head) != NULL;
}

static bool
is_rule(const bn_span *l)
{
  const char *p = l->p;
  size_t n = l->len;
  while (n && (*p == ' ' || *p == '\t')) {
    p++;
    n--;
  }
  /* "|----" or, as some copies cut it, "-----" opening the ruled line */
  return n >= 10 && (bn_has_prefix_ci(p, rule_start) || strncmp(p, "----------", 10) == 0) &&
         bn_strcasestr(p, n, " follow") != NULL;
}

/* The text after the address on its line, without the "..." joining them. */
static void
rest_of_line(bounce_recipient *rc, const char *p, size_t n)
{
  while (n && (*p == ' ' || *p == '\t' || *p == '.' || *p == ':' || *p == '>')) {
    p++;
    n--;
  }
  bn_prose_add_diagnostic(rc, p, n);
}

/* Whether the address word at w (after p) is one a remote server's reply
 * quotes ("anna@example.net ... failed: 550 <a.smith@mail.example.net>
 * ... User unknown", "550 5.1.1 a.smith@mail.example.net ... unknown"),
 * not the next address of a joined list: Smail writes its addresses bare,
 * and after an error's words, never right after a reply code or status. */
static bool
quoted_by_reply(const char *p, const char *w)
{
  if (*w == '<')
    return true;
  const char *e = w;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
    e--;
  const char *b = e;
  while (b > p && (g_ascii_isdigit(b[-1]) || b[-1] == '.'))
    b--;
  return b < e && g_ascii_isdigit(*b) && (b == p || b[-1] == ' ' || b[-1] == '\t');
}

/* Where in p[0..n), the rest of a line after an address, the next failed
 * address starts, or NULL: Smail writes each as "addr ... error" on a line
 * of its own, which a client joining the list onto one line runs together
 * ("a@example.org ... unknown user b@example.net ... unknown host"), so a
 * word with an '@' before a later " ..." opens the next one. */
static const char *
next_joined_address(const char *p, size_t n)
{
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '.'))
    i++;
  for (const char *dots; i < n && (dots = bn_strcasestr(p + i, n - i, " ...")) != NULL;
       i = (size_t)(dots - p) + 4) {
    const char *word = dots;
    while (word > p + i && word[-1] != ' ' && word[-1] != '\t')
      word--;
    /* a quoted local part may hold blanks ("jan de vries"@example.org) */
    const char *q = memchr(word, '"', (size_t)(dots - word));
    if (q && q > word) {
      q = g_strrstr_len(p + i, word - (p + i), "\"");
      word = q ? q : word;
    }
    if (word > p + i && memchr(word, '@', (size_t)(dots - word)) && !quoted_by_reply(p, word))
      return word;
  }
  return NULL;
}

/* Reads the failed list in s (len bytes), up to its rule; returns how
 * many recipients it opened. An address first on the line opens a
 * recipient; indented lines under it are its diagnostic. */
static size_t
read_failed_list(bounce_report *r, const char *s, size_t len)
{
  size_t found = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  bool last = false;
  while (!last && bn_lines_next(&it, &l)) {
    if (is_rule(&l))
      break;
    /* a client that joined each paragraph onto one line put the next
     * section's rule ("|---- Message text follows: ----|") after the
     * list: the list ends there; a rule in a reply's words does not */
    const char *rule = bn_strcasestr(l.p, l.len, rule_start);
    bn_span tail = {rule, rule ? (size_t)(l.p + l.len - rule) : 0};
    if (rule && rule > l.p && is_rule(&tail)) {
      l.len = (size_t)(rule - l.p);
      last = true;
    }
    bool indented = l.len && (l.p[0] == ' ' || l.p[0] == '\t');
    bn_span w = l;
    while (w.len && g_ascii_isspace(w.p[0])) {
      w.p++;
      w.len--;
    }
    if (w.len == 0) {
      cur = NULL;
      continue;
    }
    size_t alen = bn_word_end(w.p, w.len); /* "john doe"@example.org is one word */
    bounce_recipient *rc =
        memchr(w.p, '@', alen) ? bn_prose_recipient_at(r, w.p, alen, true) : NULL;
    bool opened = rc != NULL;
    /* each address of a joined list in turn; every turn moves w on */
    while (rc) {
      cur = rc;
      found++;
      bn_set_str(&cur->diagnostic, NULL);
      bn_rcpt_fill(cur, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      const char *next = next_joined_address(w.p + alen, w.len - alen);
      size_t rest = next ? (size_t)(next - w.p) - alen : w.len - alen;
      rest_of_line(cur, w.p + alen, rest);
      if (next == NULL)
        break;
      w.len -= (size_t)(next - w.p);
      w.p = next;
      alen = bn_word_end(w.p, w.len);
      rc = bn_prose_recipient_at(r, w.p, alen, true);
    }
    if (rc == NULL && cur && indented) {
      bn_prose_add_diagnostic(cur, w.p, w.len);
    }
    /* an archiver's hard re-wrap moved the error's end to the margin
     * under its address's line ("otto@... ... failed: 550 <o.berg@...>
     * ... mailbox" over "disabled"), where Smail indents all it writes;
     * never onto a line holding the next section's rule, where the list
     * ends */
    bn_lines look = it;
    bn_span above = l, more;
    for (int k = 0; opened && !last && k < 3 && bn_lines_next(&look, &more) &&
                    bn_line_continues(&above, &more) &&
                    !bn_strcasestr(more.p, more.len, rule_start);
         k++) {
      bn_prose_add_diagnostic(cur, more.p, more.len);
      above = more;
      it = look;
    }
  }
  return found;
}

/* Whether some recipient has no diagnostic yet. */
static bool
any_unexplained(const bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++)
    if (bn_report_rcpt(r, i)->diagnostic == NULL)
      return true;
  return false;
}

/* Gives each recipient without a diagnostic the rest of the log line in s
 * (len bytes) that names it. A log is a few lines; a long one is read no
 * further than 256. */
static void
explain_from_log(bounce_report *r, const char *s, size_t len)
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  for (int n = 0; n < 256 && bn_lines_next(&it, &l); n++) {
    if (is_rule(&l))
      break;
    for (size_t i = 0; i < bn_report_count(r); i++) {
      bounce_recipient *rc = bn_report_rcpt(r, i);
      const char *at = rc->diagnostic ? NULL : bn_strcasestr(l.p, l.len, rc->address);
      if (at)
        rest_of_line(rc, at + strlen(rc->address), (size_t)(l.p + l.len - at) - strlen(rc->address));
    }
  }
}

/* A log that names no address, up to its rule, is every remaining
 * recipient's diagnostic. */
static void
give_whole_log(bounce_report *r, const char *s, size_t len)
{
  char *log = bn_squeeze_dup(s, len);
  char *cut = strstr(log, "|---");
  if (cut)
    *cut = '\0';
  char *named = bn_find_address(log, strlen(log));
  for (size_t i = 0; named == NULL && log[0] && i < bn_report_count(r); i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_DIAGNOSTIC, log, BOUNCE_SOURCE_TEXT);
  g_free(named);
  g_free(log);
}

/* Past the line at at when it is only the end of a heading's rule
 * ("-----|"), which a client re-wrapping the notice put on its own line. */
static gssize
past_rule_end(const GString *t, gssize at)
{
  if (at < 0)
    return at;
  const char *p = t->str + at;
  size_t left = t->len - (size_t)at;
  const char *nl = memchr(p, '\n', left);
  size_t n = nl ? (size_t)(nl - p) : left;
  size_t dashes = strspn(p, "-");
  if (n == 0 || dashes < 3 || (dashes != n && !(dashes + 1 == n && p[dashes] == '|')))
    return at;
  return nl ? at + (gssize)n + 1 : (gssize)t->len;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *fh = bn_strcasestr(t->str, t->len, failed_head);
  if (fh == NULL)
    return false;
  /* the list starts under the heading's line, or, where a client joined
   * each paragraph onto one line, after the heading's rule on it */
  const char *list = fh + strlen(failed_head);
  while (list < t->str + t->len && (*list == ' ' || *list == '-' || *list == '|'))
    list++;
  if (list < t->str + t->len && *list == '\n')
    list++;
  size_t found = read_failed_list(r, list, (size_t)(t->str + t->len - list));
  /* the message log, when a recipient's line says nothing */
  const char *lh = bn_strcasestr(t->str, (size_t)(fh - t->str), log_head);
  const char *ls = lh ? memchr(lh, '\n', (size_t)(fh - lh)) : NULL;
  if (ls && any_unexplained(r)) {
    explain_from_log(r, ls + 1, (size_t)(fh - ls - 1));
    give_whole_log(r, ls + 1, (size_t)(fh - ls - 1));
  }
  bn_prose_replies_from_diagnostics(r);
  bn_prose_original(v, r, past_rule_end(t, bn_prose_after(t, text_heads)));
  return found > 0;
}

const bn_mta bn_mta_smail = {"smail", claim, extract};
