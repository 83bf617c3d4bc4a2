/* What a notice of an unknown MTA says about a recipient it names: the
 * rest of the address's line and the lines under it, or the paragraph
 * after it (the server's reply, "Reason: 550 5.1.1 ..."), or the one
 * before an address alone; not what a template guesses could have
 * happened, nor another recipient's lines. */
#include "fallback.h"
#include <string.h>

/* Words of a template that lists what can cause a failure ("This can
 * happen when the mailbox is full", "Possible reasons: ..."), not what
 * caused this one. */
static const char *const guess_words[] = {
  "can happen", "may happen", "possible reason", "possible cause", "possibly", "this may be",
  "this might be", "this could be", "common reason", NULL,
};

/* The first reply quoted in l that refuses (4xx or 5xx): a sentence may
 * quote the dialogue's accepted steps before it ("'MAIL FROM' was answered
 * '250 OK', then 'RCPT TO' was answered '550 5.1.1 ...'"), and a 250 quoted
 * alone is no diagnostic of a failure. */
static bool
refusal_quoted(const bn_span *l, bn_span *reply)
{
  bn_span rest = *l;
  while (bn_prose_quoted_reply(&rest, reply)) {
    if (bn_reply_code_at(reply->p, reply->len) >= 400)
      return true;
    /* the reply runs to the line's last closing mark: look again after
     * the mark that opened this one */
    rest.len -= (size_t)(reply->p - rest.p);
    rest.p = reply->p;
  }
  return false;
}

/* Adds line l to rc's diagnostic; of a sentence that quotes the server's
 * reply in it ("Remoteserver hat '550 5.1.1 ...' zurückgegeben."), only
 * the reply: the words around it are the notice's, in any language,
 * unless they name the cause themselves ("The mailbox is over quota; the
 * server answered '452 Requested action not taken'"). */
static void
add_said(bounce_recipient *rc, const char *s, size_t len)
{
  bn_span l = {s, len}, reply;
  if (refusal_quoted(&l, &reply) && reply.p > l.p + 1) {
    const char *after = reply.p + reply.len;
    size_t rest = (size_t)(s + len - after);
    if (bn_text_cause(s, (size_t)(reply.p - s)) == BOUNCE_CAUSE_UNDEFINED &&
        bn_text_cause(after, rest) == BOUNCE_CAUSE_UNDEFINED) {
      bn_prose_add_diagnostic(rc, reply.p, reply.len);
      return;
    }
  }
  bn_prose_add_diagnostic(rc, s, len);
}

/* The rest of the address's line after it, and the lines that follow up to
 * a blank line: what the MTA said about this recipient. */
void
bn_fb_collect_diagnostic(bounce_recipient *rc, const bn_span *line, const char *addr,
                         bn_lines after, const GPtrArray *senders)
{
  const char *at = bn_strcasestr(line->p, line->len, addr);
  if (at) {
    /* "Reason: 550 5.1.1 <addr>... User unknown": the reply starts before
     * the address */
    const char *start = line->p;
    /* a reply code of its own, not the digits of a longer word */
    while (start < at && !(at - start >= 4 && bn_reply_code_at(start, (size_t)(at - start)) &&
                           (start == line->p || !g_ascii_isalnum(start[-1]))))
      start++;
    if (start < at) {
      bn_prose_add_diagnostic(rc, start, line->len - (size_t)(start - line->p));
      at = NULL;
    }
  }
  if (at) {
    const char *rest = at + strlen(addr);
    size_t n = line->len - (size_t)(rest - line->p);
    /* "anna@...  --  550 User unknown": a dash parts them too */
    while (n && strchr(">]):;,'\". \t-", *rest)) {
      rest++;
      n--;
    }
    /* "a@b (a@b)": the address again, as a display name */
    if (n > 2 && *rest == '(' && rest[n - 1] == ')' && n - 2 == strlen(addr) &&
        g_ascii_strncasecmp(rest + 1, addr, n - 2) == 0)
      n = 0;
    /* "a@b (a@b)<mailto:a@b>", "Name (a@b)<mailto:a@b>": the line is the
     * address and Exchange's plain text of its HTML link, nothing said */
    if (n && bn_line_is_address_of(line->p, line->len, addr))
      n = 0;
    /* "user@example.net; Action: Delayed" repeats the fields, says nothing */
    if (!bn_has_prefix_ci(rest, "Action:") && !bn_has_prefix_ci(rest, "Status:"))
      bn_prose_add_diagnostic(rc, rest, n);
    /* "Unknown user: user@example.net", "The user does not exist: ...":
     * the words before the address are the reason, when they name one
     * (not a label such as "Recipient:") */
    if (n == 0 && at > line->p &&
        bn_text_cause(line->p, (size_t)(at - line->p)) != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_add_diagnostic(rc, line->p, line->len);
  }
  bn_span l, prev = *line;
  /* the first reply under a line that quotes none is this address's, an
   * address inside it an alias or a forward ("Recipient: anna@..." /
   * "Reason: 550 5.1.1 <anna@...>: forwarded to <b@...>: ...") */
  bool replied = bn_fb_replies(line);
  for (int k = 0; k < 6 && bn_lines_next(&after, &l) && l.len > 0; k++) {
    char *found = bn_find_address(l.p, l.len);
    bool other = found != NULL && g_ascii_strcasecmp(found, addr) != 0 &&
                 !bn_fb_named_as_sender(&l, found) && !bn_fb_sender_in_reply(&l, found, senders) &&
                 !bn_fb_help_line(&prev, &l, found) && (replied || !bn_fb_in_reply(&l, found));
    g_free(found);
    if (other)
      break; /* the next recipient */
    add_said(rc, l.p, l.len);
    replied = replied || bn_fb_replies(&l);
    prev = l;
  }
}

/* "This Message was undeliverable due to the following reason:", a
 * paragraph with the reason, then the address alone in the next one: the
 * paragraph before an address that has none of its own, unless it names
 * another address (the previous recipient). */
void
bn_fb_reason_before(bounce_recipient *rc, const bn_span *para)
{
  char *other = bn_find_address(para->p, para->len);
  bool names_other = other != NULL;
  g_free(other);
  if (names_other)
    return;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, para->p, para->len);
  for (int k = 0; k < 4 && bn_lines_next(&it, &l); k++)
    bn_prose_add_diagnostic(rc, l.p, l.len);
}

/* "reject reason: Mailbox full" / "target mail address: anna@...": the
 * line before the address's, in its paragraph, a field labelled as the
 * reason that names no address; its value is the address's diagnostic
 * when nothing else gave one. Returns whether it was. */
bool
bn_fb_reason_label(bounce_recipient *rc, const bn_span *prev)
{
  static const char *const labels[] = {"reason", NULL};
  const char *colon = prev->p ? memchr(prev->p, ':', prev->len) : NULL;
  if (colon == NULL ||
      !bn_ends_with_word(prev->p, (size_t)(colon - prev->p), " \t", labels))
    return false;
  char *other = bn_find_address(prev->p, prev->len);
  bool names_other = other != NULL;
  g_free(other);
  const char *v = colon + 1, *end = prev->p + prev->len;
  while (v < end && (*v == ' ' || *v == '\t'))
    v++;
  if (names_other || v == end)
    return false;
  bn_prose_add_diagnostic(rc, v, (size_t)(end - v));
  return true;
}

/* Blanks each sentence of g (squeezed) that holds one of words, from the
 * end of the sentence before (". ", "! ", "? ") to its own end (one of
 * ends, or the end of g) included: a success sentence may say "delivery
 * notification", and a template's guess "the mailbox is full", and still
 * name no failure. */
void
bn_fb_blank_sentences(GString *g, const char *const *words, const char *ends)
{
  for (size_t w = 0; words[w]; w++) {
    size_t from = 0, wl = strlen(words[w]);
    const char *at;
    while (from < g->len && (at = bn_strcasestr(g->str + from, g->len - from, words[w]))) {
      size_t start = (size_t)(at - g->str), end = start + wl;
      /* not back past the sentence blanked before: one pass per word */
      while (start > from &&
             !(start >= 2 && g->str[start - 1] == ' ' && strchr(".!?", g->str[start - 2])))
        start--;
      while (end < g->len && !strchr(ends, g->str[end]))
        end++;
      end = MIN(end + 1, g->len);
      memset(g->str + start, ' ', end - start);
      from = end;
    }
  }
}

/* A guess that announces a list ("Possible reasons:", "This can happen
 * when:"): each item after it is a guess too, though it holds no guess
 * word ("- The address does not exist."). */
static bool
lists_guesses(const GString *g)
{
  for (size_t w = 0; guess_words[w]; w++) {
    const char *at = bn_strcasestr(g->str, g->len, guess_words[w]);
    if (at && at[strcspn(at, ".!:")] == ':')
      return true;
  }
  return false;
}

/* The words a status in prose follows ("answered with status 5.1.1"). */
static const char *const status_nouns[] = {"status", "code", "error", NULL};

/* Whether a paragraph after the address quotes a reply: a reply code, or
 * a status where a reply puts it (opening a line, after a label's colon,
 * "#", "(" or a quote, after "status": "Reason: 5.2.2 Mailbox full"). A
 * status after any other word is a product's version in the notice's
 * footer ("MailGate 4.2.1", "version 5.0.3") or a number in the copied
 * subject. */
static bool
quotes_reply(const char *s, size_t n)
{
  char st[16];
  if (bn_find_reply_code(s, n))
    return true;
  const char *at = bn_find_status_at(s, n, st);
  if (at == NULL)
    return false;
  while (at > s && (at[-1] == ' ' || at[-1] == '\t'))
    at--;
  if (at == s || strchr(":;<([\"'#=\n", at[-1]))
    return true;
  for (size_t i = 0; status_nouns[i]; i++) {
    size_t w = strlen(status_nouns[i]);
    if ((size_t)(at - s) >= w && g_ascii_strncasecmp(at - w, status_nouns[i], w) == 0 &&
        ((size_t)(at - s) == w || !bn_word_byte(at[-(ptrdiff_t)w - 1])))
      return true;
  }
  return false;
}

/* Whether line l (prev the line before it) names an address other than
 * addr, not as the sender quoted in a reply nor as one offered for help:
 * the next recipient's line. */
static bool
other_recipient(const bn_span *prev, const bn_span *l, const char *addr, const GPtrArray *senders)
{
  char *found = bn_find_address(l->p, l->len);
  bool other = found != NULL && g_ascii_strcasecmp(found, addr) != 0 &&
               !bn_fb_sender_in_reply(l, found, senders) && !bn_fb_help_line(prev, l, found);
  g_free(found);
  return other;
}

/* A line of one mark repeated ("---------------", "======"): the rule
 * that underlines a heading. */
static bool
rule_line(const bn_span *l)
{
  bn_span t = *l;
  bn_span_trim(&t);
  /* strchr() finds the NUL that ends its set: a NUL byte is no mark */
  if (t.len < 3 || !t.p[0] || !strchr("-=_*", t.p[0]))
    return false;
  for (size_t i = 1; i < t.len; i++)
    if (t.p[i] != t.p[0])
      return false;
  return true;
}

/* The paragraph after, or after a line that announces it ("The
 * recipient's server responded:"), up to 4 lines: from *start to *stop;
 * *announced when such a line came first. False when the text ends first
 * or it names another address (the next recipient's). */
static bool
next_paragraph(bn_lines after, const char *addr, const GPtrArray *senders, const char **start,
               const char **stop, bool *announced)
{
  bn_span l = {NULL, 0}, prev = {NULL, 0};
  bool more;
  while ((more = bn_lines_next(&after, &l)) && l.len == 0)
    ;
  if (!more)
    return false; /* the text ends here */
  bn_lines peek = after;
  bn_span next;
  /* a heading may be underlined ("Důvod / Reason:" / "---------------") */
  bool heading = bn_fb_announces(&l) && bn_lines_next(&peek, &next);
  if (heading && rule_line(&next))
    heading = bn_lines_next(&peek, &next);
  *announced = heading && next.len == 0;
  if (*announced) {
    after = peek;
    while ((more = bn_lines_next(&after, &l)) && l.len == 0)
      ;
    if (!more)
      return false;
  }
  /* the copy of the message's header ("Subject: Mailbox full - please
   * clean up" below an Exchange receipt's list): the sender's words */
  if (bn_fb_copied_header(&l))
    return false;
  *start = l.p;
  *stop = l.p + l.len;
  for (int k = 0; k < 4 && l.len > 0; k++) {
    if (other_recipient(&prev, &l, addr, senders))
      return false; /* the next recipient's */
    *stop = l.p + l.len;
    prev = l;
    if (!bn_lines_next(&after, &l))
      break;
  }
  return true;
}

/* Reads the rest of the address's paragraph, after which *after stands.
 * The rest, when it only offers help ("Bei Fragen wenden Sie sich an
 * ..."), says nothing of it: the reply is in the next one (*noted: the
 * help notes the message is attached). Any other words there are its own
 * (a cause in words), and what follows them may be no longer about it: a
 * product's version ("MailGate 4.2.1") or the reply of another recipient;
 * *after then goes back to the paragraph's start.
 * The rest of a list of addresses, one to a line ("anna@...\n
 * bob@...\n\nReason: 552 ..."): the reason after the list is each one's,
 * in the next paragraph, or in the lines after the list up to the next
 * address alone ("bob@...\nReason: 552 ...\ncarl@..."), when they name no
 * other address and stand no deeper than the list (an address's own
 * lines, under it). Returns whether it is there, in [*start, *stop). */
/* Past this many bytes, the rest of a paragraph is more than an offer of
 * help, and is not read to its end: each address of a long transcript
 * (">>> RCPT TO:<...>" / "<<< 250 OK", thousands of times) would read the
 * rest of it again, the square of its length. */
enum { HELP_MAX = 4096 };

/* Notes in run the list of addresses alone on their lines read from
 * first, up to the line at to, its last line last. */
static void
note_run(bn_fb_list_run *run, const char *first, const char *to, const bn_span *last)
{
  if (first == NULL)
    return;
  run->from = first;
  run->to = to;
  run->last = *last;
}

/* Reads once into run the lines under the list, from the line l, which
 * ended it (it, past l; prev, the list's last line), as own_paragraph
 * would for any of its addresses: up to the next address alone or the
 * paragraph's end, or to a second address that its lines name. */
static void
read_tail(bn_fb_list_run *run, bn_lines it, bn_span l, bn_span prev, const GPtrArray *senders)
{
  run->tail_at = l.p;
  run->named = run->other = (bn_span){NULL, 0};
  char *named = NULL;
  for (int k = 0;; k++) {
    char *found = bn_find_address(l.p, l.len);
    if (found && k > 0 && (bn_fb_address_alone(&l, found) || bn_fb_named_mailbox(&l, found))) {
      g_free(found);
      break; /* the next item: the tail is over */
    }
    if (found && !bn_fb_sender_in_reply(&l, found, senders) && !bn_fb_help_line(&prev, &l, found)) {
      if (named == NULL) {
        named = g_steal_pointer(&found);
        run->named = l;
        run->named_next = it.p;
      } else if (g_ascii_strcasecmp(found, named) != 0) {
        run->other = l;
        run->other_next = it.p;
        g_free(found);
        break;
      }
    }
    g_free(found);
    if (k < 4)
      run->stop = l.p + l.len;
    prev = l;
    if (!bn_lines_next(&it, &l) || l.len == 0)
      break;
  }
  g_free(named);
}

/* The line of the reply under run's list that names an address other
 * than addr, first; NULL when none does. */
static const bn_span *
tail_other(const bn_fb_list_run *run, const char *addr, const char **next)
{
  if (run->named.p == NULL)
    return NULL;
  char *found = bn_find_address(run->named.p, run->named.len);
  bool same = found && g_ascii_strcasecmp(found, addr) == 0;
  g_free(found);
  *next = same ? run->other_next : run->named_next;
  return same ? (run->other.p ? &run->other : NULL) : &run->named;
}

/* Whether the lines p..end say more than where to get help ("For more
 * information ..."), read squeezed: their line ends become single spaces. */
static bool
rest_has_words(const char *p, const char *end, bool *noted)
{
  GString *rest = g_string_new_len(p, end > p ? (gssize)(end - p) : 0);
  bn_squeeze(rest);
  bool words = !bn_fb_only_help(rest->str, rest->len, noted);
  g_string_free(rest, TRUE);
  return words;
}

static bool
own_paragraph(bn_lines *after, const char *addr, const GPtrArray *senders, bn_fb_list_run *run,
              const char **start, const char **stop, bool *noted)
{
  bn_span l = {NULL, 0};
  bn_lines own = *after;
  bool list = true, tail = false, long_rest = false;
  size_t items = 0, indent = 0;
  bn_span prev = {NULL, 0};
  /* the rest of the paragraph read, from own.p; the list's first line */
  const char *rest_end = own.p, *first = NULL;
  for (int k = 0;; prev = l) {
    const char *at = after->p;
    if (!bn_lines_next(after, &l) || l.len == 0) {
      if (list)
        note_run(run, first, at, &prev);
      break;
    }
    if (list && run->from && l.p >= run->from && l.p < run->to && run->to <= after->end) {
      /* a list read before: its lines are addresses alone to its end */
      first = first ? first : l.p;
      after->p = run->to;
      l = run->last;
      items++;
      indent = bn_span_indent(&l);
      rest_end = l.p + l.len;
      continue;
    }
    rest_end = l.p + l.len;
    if (!list && !(tail && items)) {
      /* only the rest's words are left to read, and only without a tail */
      long_rest = !tail && (size_t)(rest_end - own.p) > HELP_MAX;
      if (tail || long_rest)
        break;
      continue;
    }
    char *found = bn_find_address(l.p, l.len);
    bool alone = found && (bn_fb_address_alone(&l, found) || bn_fb_named_mailbox(&l, found));
    g_free(found);
    if (list && alone) {
      first = first ? first : l.p;
      items++;
      indent = bn_span_indent(&l);
      continue;
    }
    if (list) {
      note_run(run, first, l.p, &prev);
      list = false;
      tail = items > 0 && bn_span_indent(&l) <= indent;
      *start = l.p;
      if (tail) {
        /* the reply under a list is read once for all its addresses, not
         * again for each: a list of thousands over as many lines was the
         * square of their number */
        if (run->tail_at != l.p)
          read_tail(run, *after, l, prev, senders);
        const char *next = NULL;
        const bn_span *other = tail_other(run, addr, &next);
        if (other == NULL) {
          *stop = run->stop;
          break;
        }
        /* the next recipient's: the rest is read as the words after it */
        tail = false;
        after->p = next;
        l = *other;
        rest_end = l.p + l.len;
        continue;
      }
    } else if (alone) {
      items = 0; /* the next item: the tail is over */
    }
    if (tail && items && other_recipient(&prev, &l, addr, senders))
      tail = false;
    if (tail && items && k++ < 4)
      *stop = l.p + l.len;
  }
  /* a list read to the paragraph's end has words (its addresses) */
  if (tail || (list && rest_end > own.p))
    return tail;
  if (long_rest || rest_has_words(own.p, rest_end, noted)) {
    *after = own;
    *noted = false;
  }
  return tail;
}

/* Without a code, a paragraph (start, n bytes) that names a cause ("Der
 * Empfänger existiert nicht.") when the address's own words named none,
 * as what happened: the sentences that list what could have ("This can
 * happen when the mailbox is full") are left out. */
static bool
cause_paragraph(bounce_recipient *rc, const char *start, size_t n)
{
  bool named = rc->diagnostic && bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) != BOUNCE_CAUSE_UNDEFINED;
  GString *said = g_string_new_len(start, (gssize)n);
  bn_squeeze(said); /* one line, single spaces: what blank_sentences reads */
  bool listed = lists_guesses(said);
  bn_fb_blank_sentences(said, guess_words, ".!");
  bool gives = !named && !listed && bn_text_cause(said->str, said->len) != BOUNCE_CAUSE_UNDEFINED;
  if (gives)
    bn_prose_add_diagnostic(rc, said->str, said->len);
  g_string_free(said, TRUE);
  return gives;
}

bool
bn_fb_opens_because(const char *start, size_t n)
{
  static const char label[] = "because:";
  size_t k = strlen(label);
  return n > k && g_ascii_strncasecmp(start, label, k) == 0;
}

/* The lines after a cause labelled "because:" that the status of its
 * error is looked for in ("More information about type 5.2.2 delivery
 * errors is available"): the rest of such a notice, not a footer's. */
enum { TYPE_LINES = 8 };

/* The status the lines from p (to end), the "because:" paragraph (p to
 * after) first, name as the type of the error ("type 5.2.2 delivery
 * errors"), up to a line an address opens or another "because:" (another
 * recipient's part: its type is that one's) or TYPE_LINES lines after the
 * paragraph, into st. */
static bool
typed_status(const char *p, const char *after, const char *end, char st[16])
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, p, (size_t)(end - p));
  for (int k = 0; k < TYPE_LINES && bn_lines_next(&it, &l);) {
    if (l.len == 0)
      continue;
    bool past = l.p >= after;
    if (past)
      k++;
    char *found = bn_find_address(l.p, l.len);
    bool item = found && bn_strcasestr(l.p, l.len, found) == l.p + strspn(l.p, " \t<\"'");
    g_free(found);
    if (item || (past && bn_fb_opens_because(l.p, l.len)))
      return false;
    const char *t = l.p, *e = l.p + l.len;
    while ((t = bn_strcasestr(t, (size_t)(e - t), "type ")) != NULL) {
      if ((t == l.p || !bn_word_byte(t[-1])) && t + 5 < e && g_ascii_isdigit(t[5]) &&
          bn_find_status(t + 5, (size_t)(e - t - 5), st) && strncmp(t + 5, st, strlen(st)) == 0)
        return true;
      t += 5;
    }
  }
  return false;
}

/* A cause labelled "because:" after the address, as rc's diagnostic
 * unless it is there already (the line right under the address is read
 * with it), and the status the notice names as its error's type further
 * on. */
static void
because_paragraph(bounce_recipient *rc, const char *start, size_t n, const char *end)
{
  char st[16];
  GString *said = g_string_new_len(start, (gssize)n);
  bn_squeeze(said);
  if (!rc->diagnostic || !strstr(rc->diagnostic, said->str))
    bn_prose_add_diagnostic(rc, said->str, said->len);
  g_string_free(said, TRUE);
  if (typed_status(start, start + n, end, st))
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, st, BOUNCE_SOURCE_TEXT);
}

/* An address whose paragraph says nothing of it, or no more than that it
 * failed, and the server's reply in the next one ("... to jan@example.cz."
 * / "Reason: ... Reply: 550 5.1.1 ..."), or in the one after a line that
 * announces it ("The recipient's server responded:"): that paragraph, when
 * it gives a reply code or a status and names no other address. With
 * reply_only, only a reply with its enhanced status: cause words there
 * ("scanned and found free of viruses", "the mailbox may be full or the
 * server busy") or a bare number ("Tel: 550-1234") may be the footer's. */
/* Whether the paragraph [s, e) opens with the reply it quotes: the code
 * or status first ("451 4.4.1 ..."), or a field's label before it
 * ("Reason: ...", "Raison : ...", "Remote server said: ..."), a few words
 * with no sentence mark. A reply inside a sentence ("If the server refuses
 * it (for example 550 5.1.1 User unknown), ...", "To look up status code
 * 5.7.1, see ...") is the notice's help, about no recipient. */
/* Words of a label that shows a reply as an example or a likelihood
 * ("Here is an example of what servers answer:", "The server may reply:"),
 * the notice's help, not what the server said of this recipient. */
static const char *const example_words[] = {
  "example", "instance", "like", "such as", "typical", "typically", "usually", NULL,
};

/* The likelihoods among them: followed by "not" they state what did
 * happen ("Message could not be delivered:", "The server would not
 * accept it:"), a real label over the reply. */
static const char *const maybe_words[] = {"may", "might", "could", "would", NULL};

/* Whether "may" at p (within [s, end)) is the month: capitalised, with a
 * day number before it ("3 May", "3. May") or after it ("May 3"), which
 * the verb never has ("The server may reply:"). */
static bool
month_may(const char *s, const char *end, const char *p)
{
  if (*p != 'M')
    return false;
  const char *b = p;
  while (b > s && (b[-1] == ' ' || b[-1] == '.'))
    b--;
  if (b < p && b > s && g_ascii_isdigit(b[-1]))
    return true;
  const char *a = p + 3;
  while (a < end && *a == ' ')
    a++;
  return a > p + 3 && a < end && g_ascii_isdigit(*a);
}

/* Whether the label [s, s + len) says "may" as the verb (not before
 * "not", not the month). */
static bool
says_modal_may(const char *s, size_t len)
{
  const char *end = s + len;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), "may")) != NULL; p++) {
    size_t rest = (size_t)(end - p);
    if ((p == s || !bn_word_byte(p[-1])) && !month_may(s, end, p) &&
        bn_fb_has_word_unless(p, rest, "may", "not") &&
        (rest == 3 || !bn_word_byte(p[3])))
      return true;
  }
  return false;
}

static bool
shows_example(const char *s, size_t len)
{
  if (bn_fb_has_any_word(s, len, example_words))
    return true;
  for (size_t i = 0; maybe_words[i]; i++) {
    bool modal = strcmp(maybe_words[i], "may") == 0
                     ? says_modal_may(s, len)
                     : bn_fb_has_word_unless(s, len, maybe_words[i], "not");
    if (modal)
      return true;
  }
  return false;
}

static bool
opens_with_reply(const char *s, const char *e)
{
  const char *eol = memchr(s, '\n', (size_t)(e - s));
  size_t n = eol ? (size_t)(eol - s) : (size_t)(e - s);
  char st[16];
  if (bn_find_reply(s, n) == s || bn_find_status_at(s, n, st) == s)
    return true;
  const char *colon = memchr(s, ':', MIN(n, 64));
  if (colon == NULL || colon == s)
    return false;
  size_t spaces = 0;
  for (const char *p = s; p < colon; p++) {
    if (strchr(".,;!?()\"", *p))
      return false;
    spaces += *p == ' ';
  }
  if (shows_example(s, (size_t)(colon - s)))
    return false;
  /* a longer label ("The error that the other server returned was:",
   * Gmail's) is one when the reply itself comes right after it, or on
   * the lines after */
  if (spaces > 3 || colon - s > 40) {
    const char *v = colon + 1, *eon = s + n;
    while (v < eon && *v == ' ')
      v++;
    return spaces <= 7 && (v == eon || bn_find_reply(v, (size_t)(eon - v)) == v ||
                           bn_find_status_at(v, (size_t)(eon - v), st) == v);
  }
  /* the label's value is the reply, or a few words that introduce it
   * ("Reason: Remote server said (421) 4.7.0 ...", "Reason:" over it):
   * "Note: if it keeps
   * failing, the server may answer 550 5.1.1 ..." is help under a label */
  const char *v = colon + 1, *eon = s + n;
  const char *at = bn_find_reply(v, (size_t)(eon - v));
  const char *sat = bn_find_status_at(v, (size_t)(eon - v), st);
  if (at == NULL || (sat && sat < at))
    at = sat;
  if (at == NULL)
    at = eon; /* the reply on the lines after */
  spaces = 0;
  for (const char *p = v; p < at; p++) {
    if (strchr(".,;!?", *p))
      return false;
    spaces += *p == ' ' && p > v && p[-1] != ' ';
  }
  return spaces <= 3;
}

/* The paragraph after the one [from, stop) (a short one, read whole,
 * that ends a sentence: not a heading nor a field), when it opens with a
 * reply with its status and names no other address: [*start, *stop). */
static bool
reply_paragraph_after(const char *from, const char *stop, const char *end, const char *addr,
                      const GPtrArray *senders, const char **start, const char **pstop)
{
  bn_lines it;
  bn_span l;
  bool announced = false;
  char st[16];
  const char *last = stop;
  while (last > from && g_ascii_isspace(last[-1]))
    last--;
  if (last == from || !strchr(".!", last[-1]) || last[-1] == '\0')
    return false;
  bn_lines_init(&it, stop, (size_t)(end - stop));
  bn_lines_next(&it, &l); /* what is left of the paragraph's last line */
  if (!bn_lines_next(&it, &l) || l.len != 0)
    return false; /* the paragraph goes on: longer than was read */
  const char *s = NULL, *e = NULL;
  if (!next_paragraph(it, addr, senders, &s, &e, &announced) || e == s ||
      !quotes_reply(s, (size_t)(e - s)) || !bn_find_status(s, (size_t)(e - s), st) ||
      !(announced || opens_with_reply(s, e)))
    return false;
  *start = s;
  *pstop = e;
  return true;
}

bool
bn_fb_reason_after(bounce_recipient *rc, bn_lines after, const char *addr, const GPtrArray *senders,
                   bn_fb_list_run *run, bool reply_only)
{
  const char *start = NULL, *stop = NULL;
  bool noted = false;
  bool tail = own_paragraph(&after, addr, senders, run, &start, &stop, &noted);
  bool announced = false;
  if (!tail && !next_paragraph(after, addr, senders, &start, &stop, &announced))
    return false;
  size_t n = (size_t)(stop - start);
  char st[16];
  /* a sentence of its own between the address and the reply ("carl@..."
   * / "The server will keep trying for 2 more days." / "Reason: 451
   * 4.4.1 ..."): the reply is the one after, when that sentence quotes
   * none and gives no cause in words */
  if (!tail && n > 0 && !quotes_reply(start, n) && !bn_fb_opens_because(start, n) &&
      bn_text_cause(start, n) == BOUNCE_CAUSE_UNDEFINED &&
      reply_paragraph_after(start, stop, after.end, addr, senders, &start, &stop))
    n = (size_t)(stop - start);
  if (n == 0 || (reply_only && !(quotes_reply(start, n) && bn_find_status(start, n, st))))
    return false;
  if (quotes_reply(start, n)) {
    bn_prose_add_diagnostic(rc, start, n);
    return true;
  }
  if (!reply_only && bn_fb_opens_because(start, n)) {
    because_paragraph(rc, start, n, after.end);
    return true;
  }
  /* past a note that the message is attached, only a reply or an
   * announced paragraph ("Reason:") is the recipient's: the words after it
   * may be the notice's footer ("scanned for viruses by ...") */
  if (noted && !announced)
    return false;
  return cause_paragraph(rc, start, n);
}

/* The words a notice writes before the reply it quotes bare ("then it
 * said 550 ...", "returned: 452 ..."). */
static const char *const reply_verbs[] = {"said",    "answered",  "returned", "replied",
                                          "responded", "reported", NULL};

/* Whether the word at w is a plural noun in lower case ("messages",
 * "times", "errors"), which a number counts: "returned 250 messages
 * today" quotes no reply, where "said 550 sorry" and "answered 250 ok"
 * do ("this", "status" and "access" end in 's' and are no plural). */
static bool
counts_noun(const char *w)
{
  size_t n = 0;
  while (g_ascii_islower(w[n]))
    n++;
  return n >= 3 && w[n - 1] == 's' && !strchr("isu", w[n - 2]) && !bn_word_byte(w[n]);
}

/* Whether the code at c, after a success in the diagnostic d, is where a
 * reply opens, and not a number of the notice's prose or of the returned
 * message ("an order (500 units)", "invoice #550", "score=550"): followed
 * by an enhanced status of its class, or written at a line's start, after
 * a colon or one of reply_verbs (and not followed by another number, as
 * "Tel: 555 0100" is). A quoted one the caller has found already. */
static bool
reply_opens(const char *d, const char *c)
{
  if ((c[3] == ' ' || c[3] == '-') && c[4] == c[0] && c[5] == '.' && g_ascii_isdigit(c[6]))
    return true;
  if (c[3] == ' ' && g_ascii_isdigit(c[4]))
    return false;
  const char *k = c;
  while (k > d && (k[-1] == ' ' || k[-1] == '\t'))
    k--;
  size_t n = (size_t)(k - d);
  bool colon = (n >= 1 && k[-1] == ':') ||
               (n >= 3 && memcmp(k - 3, "\xEF\xBC\x9A", 3) == 0); /* full-width '：' */
  /* in a transcript, a line squeezed into the diagnostic: the server's
   * reply after Sendmail's "<<< " mark, or after the lone "." that ends
   * the data (RFC 5321 4.1.1.4: ". 552 Message size exceeds ...") */
  bool transcript = (n >= 3 && memcmp(k - 3, "<<<", 3) == 0) ||
                    (n >= 1 && k[-1] == '.' && (n == 1 || k[-2] == ' ' || k[-2] == '\n'));
  return n == 0 || k[-1] == '\n' || colon || transcript ||
         (bn_ends_with_word(d, n, " \t", reply_verbs) &&
          !(c[3] == ' ' && counts_noun(c + 4)));
}

/* The labels a success reply follows: "Status: 250 OK", "The server
 * said: 250 OK"; any other ("Quota: 250 MB exceeded", "Limit: 200
 * messages") labels a number. */
static const char *const reply_labels[] = {"status", "reply", "response", "answer", "result",
                                           "said", "answered", "replied", "responded", NULL};

/* Whether the code at c is a success reply in prose: where reply_opens
 * reads one, and after a colon only when the label is a reply's. */
static bool
success_opens(const char *d, const char *c)
{
  if (!reply_opens(d, c))
    return false;
  const char *k = c;
  while (k > d && (k[-1] == ' ' || k[-1] == '\t'))
    k--;
  if (k == d || k[-1] != ':' || (c[3] == ' ' && c[4] == c[0] && c[5] == '.'))
    return true;
  return bn_ends_with_word(d, (size_t)(k - 1 - d), " \t", reply_labels);
}

/* The first success reply d quotes: where a reply code is read, or, when
 * none is, one after a reply verb or a label ("The remote host answered
 * 250 OK, then it said 550 ...", "Status: 250 OK") or in quotes ("The
 * server said: \"250 OK\""), which the code finder leaves to the prose. */
static const char *
first_success(const char *d)
{
  size_t n = strlen(d);
  const char *first = bn_find_reply(d, n);
  /* a success that opens the text, before the refusal the code finder
   * takes as the answer that failed ("250 OK DATA 554 5.7.1 ...") */
  size_t lead = strspn(d, " \t");
  if (first && first[0] != '2' && d[lead] == '2' && bn_reply_code_at(d + lead, n - lead))
    first = d + lead;
  for (const char *c = d; first == NULL && c + 3 <= d + n; c++)
    if (*c == '2' && (c == d || !bn_word_byte(c[-1])) &&
        bn_reply_code_at(c, (size_t)(d + n - c)) && success_opens(d, c))
      first = c;
  bn_span l = {d, n}, q;
  if (first == NULL && bn_prose_quoted_reply(&l, &q) && bn_reply_code_at(q.p, q.len))
    first = q.p;
  return first && first[0] == '2' ? first : NULL;
}

/* The reply code of a delivery d opens with, as first_success finds it,
 * or 0: 250, 251 (forwarded) or 252 (accepted unverified) to RCPT or DATA
 * (RFC 5321 4.2.2); the greeting (220) and the closing (221 "Bye") are
 * no answer about the message. */
int
bn_fb_success_code(const char *d)
{
  const char *c = d ? first_success(d) : NULL;
  int code = c ? bn_reply_code_at(c, strlen(c)) : 0;
  return code >= 250 && code <= 252 ? code : 0;
}

/* A diagnostic that quotes a success before a refusal ("The server first
 * answered '250 2.0.0 OK' to the recipient, then after the data: '550
 * 5.7.1 ...'"): the first code found would make it a delivery, and the
 * refusal is what happened at last. The diagnostic becomes the refusal,
 * its quote where it is quoted. */
void
bn_fb_refusal_over_success(bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  const char *first = d ? first_success(d) : NULL;
  if (first == NULL)
    return;
  const char *end = d + strlen(d), *refusal = NULL;
  bn_span quoted = {NULL, 0};
  for (const char *c = first + 3; refusal == NULL && c + 3 <= end; c++) {
    int code = (*c == '4' || *c == '5') && !strchr(".-+/_,", c[-1]) &&
                       !bn_word_byte(c[-1])
                   ? bn_reply_code_at(c, (size_t)(end - c))
                   : 0;
    if (code == 0 || !bn_reply_known(code))
      continue;
    /* an opening mark is at most three bytes before the code */
    const char *from = c - MIN((size_t)(c - d), 3);
    bn_span l = {from, (size_t)(end - from)};
    if (!bn_prose_quoted_reply(&l, &quoted) || quoted.p != c)
      quoted.p = NULL;
    if (quoted.p || reply_opens(d, c))
      refusal = c;
  }
  if (refusal == NULL)
    return;
  /* one in parentheses ("it said (554 5.7.1 ...)."): to the closing one */
  const char *close = refusal > d && refusal[-1] == '(' ? strchr(refusal, ')') : NULL;
  char *said = quoted.p ? g_strndup(quoted.p, quoted.len)
               : close  ? g_strndup(refusal, (size_t)(close - refusal))
                        : g_strdup(refusal);
  bn_set_str(&rc->diagnostic, said);
  g_free(said);
}
