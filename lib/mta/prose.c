/* Small helpers the recognizers share to read an MTA's prose. */
#include "mta.h"
#include <string.h>

static bool
is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether needle[0..n) matches hay at i, a blank of the needle matching
 * any run of white space; *end gets the last byte matched that is not. */
static bool
match_at(const char *hay, size_t len, size_t i, const char *needle, size_t n, const char **end)
{
  size_t h = i, k = 0;
  *end = NULL;
  while (k < n) {
    if (is_blank(needle[k])) {
      if (h >= len || !is_blank(hay[h]))
        return false;
      while (h < len && is_blank(hay[h]))
        h++;
      while (k < n && is_blank(needle[k]))
        k++;
      continue;
    }
    if (h >= len || bn_ascii_lower(hay[h]) != bn_ascii_lower(needle[k]))
      return false;
    *end = hay + h;
    h++;
    k++;
  }
  return true;
}

/* Whether needle[0..k) matches the text just before at, read backwards as
 * match_at reads forwards; the start of that match, or NULL. A blank run
 * of the needle takes the whole blank run of the text, so a needle opening
 * with blanks starts where the text's run starts, as far left as it can. */
static const char *
match_before(const char *hay, const char *at, const char *needle, size_t k)
{
  const char *h = at;
  while (k > 0) {
    if (is_blank(needle[k - 1])) {
      if (h == hay || !is_blank(h[-1]))
        return NULL;
      while (h > hay && is_blank(h[-1]))
        h--;
      while (k > 0 && is_blank(needle[k - 1]))
        k--;
      continue;
    }
    if (h == hay || bn_ascii_lower(h[-1]) != bn_ascii_lower(needle[k - 1]))
      return NULL;
    h--;
    k--;
  }
  return h;
}

/* The needle's longest word, the first of them if several are as long:
 * its start in *at and its length in *wlen (0 when the needle is blank).
 * With interior, only a word with a blank on each side counts: a word is a
 * maximal run of non-blank bytes, so that is any word but the needle's
 * first and last. */
static void
longest_word(const char *needle, size_t n, bool interior, size_t *at, size_t *wlen)
{
  size_t best = 0, best_len = 0;
  for (size_t k = 0; k < n;) {
    while (k < n && is_blank(needle[k]))
      k++;
    size_t st = k;
    while (k < n && !is_blank(needle[k]))
      k++;
    if ((!interior || (st > 0 && k < n)) && k - st > best_len) {
      best = st;
      best_len = k - st;
    }
  }
  *at = best;
  *wlen = best_len;
}

/* What prose_find needs of a needle: its length, its longest word and the
 * place of that word's rarest byte, by which the word is searched; and
 * whether that word has blanks on both sides (interior), with its hash
 * for the message's word filter. */
typedef struct {
  size_t n, word, word_len, rare;
  bool interior;
  guint32 hash;
} needle_plan;

/* ---- the message's word filter ----
 *
 * The claims search the same text, the view's, for hundreds of sentences
 * a message, and most are absent: each absence costs two memchr passes
 * over the whole text (both cases of the rarest byte). A sentence's word
 * with a blank on each side can only match a whole word of the text (a
 * maximal run of bytes that are not blank), so a set of the text's words,
 * made in one pass as the analysis starts, tells most absent sentences
 * without reading the text. The set is a Bloom filter of fixed size: a
 * long text fills it and it then tells nothing, but it never costs more
 * memory. It is the thread's current one between bn_word_filter_begin and
 * bn_word_filter_end (a nested analysis saves and restores the outer's),
 * and is asked only for a search within the text it was made of, which
 * does not change while it is current. */

/* FNV-1a over the lower-cased bytes: a word hashes alike in any case. */
static inline guint32
word_hash_step(guint32 h, char c)
{
  return (h ^ (guint8)bn_ascii_lower(c)) * 16777619u;
}

#define WORD_HASH_SEED 2166136261u /* FNV-1a's offset basis */

static inline void
filter_add(bn_word_filter *f, guint32 h)
{
  f->bits[(h >> 6) % G_N_ELEMENTS(f->bits)] |= G_GUINT64_CONSTANT(1) << (h & 63);
  guint32 h2 = h >> 16 | h << 16;
  f->bits[(h2 >> 6) % G_N_ELEMENTS(f->bits)] |= G_GUINT64_CONSTANT(1) << (h2 & 63);
}

static inline bool
filter_may_have(const bn_word_filter *f, guint32 h)
{
  guint32 h2 = h >> 16 | h << 16;
  return (f->bits[(h >> 6) % G_N_ELEMENTS(f->bits)] >> (h & 63) & 1) &&
         (f->bits[(h2 >> 6) % G_N_ELEMENTS(f->bits)] >> (h2 & 63) & 1);
}

/* A remembered plan of plan_of's. */
typedef struct {
  char text[96]; /* "" when free; the longest sentences are 86 bytes */
  guint8 n, word, word_len, rare;
  bool interior;
  guint32 hash;
} plan_slot;

/* The searches' thread-local state, in one variable: a shared library's
 * thread-local costs a call to reach (__tls_get_addr), once per variable a
 * function reads, and prose_find reads both. */
typedef struct {
  const bn_word_filter *filter; /* the current word filter, or NULL */
  plan_slot plans[512][2];      /* plan_of's */
} search_state;

static _Thread_local search_state searches;

/* A byte of a word lower-cased, or 0 for a blank (and NUL). */
static const guint8 word_bytes[256] = {
#define R(b) (b), (b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, (b) + 7
  0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 11, 12, 0, 14, 15, R(16), R(24),
  0, 33, 34, 35, 36, 37, 38, 39, R(40), R(48), R(56),
  64, R(97), R(105), R(113), 121, 122, 91, 92, 93, 94, 95,
  R(96), R(104), R(112), R(120), R(128), R(136), R(144), R(152), R(160), R(168), R(176), R(184),
  R(192), R(200), R(208), R(216), R(224), R(232), R(240), R(248),
#undef R
};

const bn_word_filter *
bn_word_filter_begin(bn_word_filter *f, const char *text, size_t len)
{
  memset(f->bits, 0, sizeof f->bits);
  f->text = text;
  f->len = len = MIN(len, BN_WORD_FILTER_SPAN);
  /* A NUL ends a word here too: no needle's word holds one, so the words
   * it splits are only more words in the set, never one lost. */
  guint32 h = WORD_HASH_SEED;
  for (size_t i = 0; i < len; i++) {
    guint8 c = word_bytes[(guint8)text[i]];
    if (c != 0) {
      h = (h ^ c) * 16777619u;
    } else if (h != WORD_HASH_SEED) {
      filter_add(f, h);
      h = WORD_HASH_SEED;
    }
  }
  if (h != WORD_HASH_SEED)
    filter_add(f, h);
  const bn_word_filter *outer = searches.filter;
  searches.filter = f;
  return outer;
}

void
bn_word_filter_end(const bn_word_filter *outer)
{
  searches.filter = outer;
}

/* False when the current filter's text holds hay[0..len) and lacks the
 * needle's interior word, so that the needle cannot be in hay. */
static bool
word_may_be_in(const bn_word_filter *f, const char *hay, size_t len, const needle_plan *plan)
{
  if (!plan->interior || f == NULL)
    return true;
  guintptr h = (guintptr)hay, t = (guintptr)f->text;
  if (h < t || h - t > f->len || len > f->len - (h - t))
    return true;
  return filter_may_have(f, plan->hash);
}

/* The hash of the needle's longest word with a blank on each side, for
 * the word filter; plan->interior false when it has none. */
static void
interior_word_hash(const char *needle, needle_plan *plan)
{
  size_t best, best_len;
  longest_word(needle, plan->n, true, &best, &best_len);
  plan->interior = best_len > 0;
  plan->hash = WORD_HASH_SEED;
  for (size_t i = 0; i < best_len; i++)
    plan->hash = word_hash_step(plan->hash, needle[best + i]);
}

/* The needles are the tables' constant sentences, each searched for in
 * every message, and reading one costs more than most searches: the plan
 * is remembered per thread by the needle's address, with a copy of the
 * needle, so that it is used again only for the same text. A slot holds
 * two plans, the newer first: two sentences one claim asks in turn often
 * share a slot (Exchange 2003's pair of headings did, and each read the
 * other's out: one plan look-up in eight missed). */
static void
plan_from_slot(const plan_slot *s, needle_plan *plan)
{
  *plan = (needle_plan){s->n, s->word, s->word_len, s->rare, s->interior, s->hash};
}

static void
plan_of(plan_slot seen[512][2], const char *needle, needle_plan *plan)
{
  plan_slot *way = seen[bn_slot_1024(needle) >> 1];
  /* the first bytes first: a free slot's is NUL, which no needle opens with */
  for (int w = 0; w < 2; w++)
    if (way[w].text[0] == needle[0] && strcmp(way[w].text, needle) == 0) {
      plan_from_slot(&way[w], plan);
      return;
    }
  plan->n = strlen(needle);
  longest_word(needle, plan->n, false, &plan->word, &plan->word_len);
  plan->rare = bn_rarest_byte(needle + plan->word, plan->word_len);
  interior_word_hash(needle, plan);
  if (plan->n < sizeof way[0].text) {
    way[1] = way[0];
    memcpy(way[0].text, needle, plan->n + 1);
    way[0].n = (guint8)plan->n;
    way[0].word = (guint8)plan->word;
    way[0].word_len = (guint8)plan->word_len;
    way[0].rare = (guint8)plan->rare;
    way[0].interior = plan->interior;
    way[0].hash = plan->hash;
  }
}

/* A fixed sentence of an MTA in its text: case-insensitive for ASCII, and
 * a space of the sentence matches any run of white space, line ends
 * included, since another version, template or width wraps the sentence
 * elsewhere. Returns the start of the match and sets *last to its last
 * character that is not white space; NULL when absent.
 *
 * The candidates are the places of the needle's longest word, the most
 * selective search there is: most searches end with its one search, and
 * at each place the words before it are read backwards, the rest forwards.
 * The first match found is the leftmost: the text from a match's start to
 * its longest word holds exactly the needle's bytes before that word that
 * are not blank, so a match whose word comes later cannot start earlier
 * (its text would hold those bytes and the other match's word too). */
static const char *
prose_find(const char *hay, size_t len, const char *needle, const char **last)
{
  if (hay == NULL || needle[0] == '\0')
    return NULL;
  search_state *t = &searches;
  const bn_word_filter *filter = t->filter; /* read now: t is not kept past a call */
  needle_plan plan;
  plan_of(t->plans, needle, &plan);
  size_t n = plan.n, best = plan.word, best_len = plan.word_len;
  const char *end;
  if (best_len == 0) { /* all blank: the first blank of the text */
    for (size_t i = 0; i < len; i++)
      if (match_at(hay, len, i, needle, n, &end)) {
        if (last)
          *last = hay + i;
        return hay + i;
      }
    return NULL;
  }
  if (!word_may_be_in(filter, hay, len, &plan))
    return NULL;
  for (const char *p = hay;;) {
    const char *word =
        bn_strncasestr_by(p, len - (size_t)(p - hay), needle + best, best_len, plan.rare);
    if (word == NULL)
      return NULL;
    const char *start = match_before(hay, word, needle, best);
    if (start && match_at(hay, len, (size_t)(word - hay), needle + best, n - best, &end)) {
      if (last)
        *last = end;
      return start;
    }
    p = word + 1;
  }
}

const char *
bn_prose_find(const char *text, size_t len, const char *needle)
{
  return prose_find(text, len, needle, NULL);
}

const char *
bn_prose_find_line(const char *text, size_t len, const char *needle)
{
  const char *hit = prose_find(text, len, needle, NULL);
  if (hit == NULL)
    return NULL;
  while (hit > text && hit[-1] != '\n')
    hit--;
  return hit;
}

/* Whether heading (hlen bytes) stands at p, before end, where a relay
 * re-wrapping the notice narrower than the heading's line (36 to 40
 * columns) may have put a line break, with the next line's indent, for any
 * of its spaces; *past is where it ends. */
static bool
heading_at(const char *p, const char *end, const char *heading, size_t hlen, const char **past)
{
  for (size_t i = 0; i < hlen; i++) {
    if (heading[i] == ' ' && p < end && (*p == '\r' || *p == '\n')) {
      p += *p == '\r' && p + 1 < end && p[1] == '\n' ? 2 : 1;
      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      continue;
    }
    if (p >= end || bn_ascii_lower(*p) != bn_ascii_lower(heading[i]))
      return false;
    p++;
  }
  *past = p;
  return true;
}

/* The first two words of a heading ("----- Transcript") are short enough
 * never to be broken. */
const char *
bn_prose_find_heading(const char *text, size_t len, const char *heading, const char **past)
{
  const char *h = bn_strcasestr(text, len, heading);
  if (h) {
    *past = h + strlen(heading);
    return h;
  }
  const char *sp = strchr(heading, ' ');
  sp = sp ? strchr(sp + 1, ' ') : NULL;
  if (sp == NULL)
    return NULL;
  size_t lead = (size_t)(sp - heading), hlen = strlen(heading);
  const char *end = text + len;
  for (h = bn_strncasestr(text, len, heading, lead); h;
       h = bn_strncasestr(h + 1, (size_t)(end - h - 1), heading, lead))
    if (heading_at(h, end, heading, hlen, past))
      return h;
  return NULL;
}

bool
bn_prose_sentence_at(const char *p, const char *end, const char *sentence, const char **past)
{
  for (const char *s = sentence; *s; s++) {
    if (*s == ' ') {
      const char *q = p;
      while (q < end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < end && *q == '\r')
        q++;
      if (q < end && *q == '\n')
        for (q++; q < end && (*q == ' ' || *q == '\t');)
          q++;
      if (q == p)
        return false;
      p = q;
      continue;
    }
    if (p >= end || bn_ascii_lower(*p) != bn_ascii_lower(*s))
      return false;
    p++;
  }
  *past = p;
  return true;
}

size_t
bn_prose_lead_line_len(const char *line, size_t left, size_t n)
{
  const char *nl = memchr(line, '\n', left);
  if (nl == NULL)
    return left;
  size_t len = (size_t)(nl - line);
  if (len < n)
    return len;
  bn_span rest = {line + n, len - n};
  bn_span_trim(&rest);
  if (rest.len || len + 1 == left || nl[1] != '<')
    return len;
  const char *end = memchr(nl + 1, '\n', left - len - 1);
  return end ? (size_t)(end - line) : left;
}

bool
bn_prose_paragraph_after(const bn_view *v, const char *lead, int max_lines, bn_span *out)
{
  size_t own = bn_view_own_len(v, 4096);
  const char *at = bn_prose_find_line(v->text->str, own, lead);
  if (at == NULL)
    return false;
  bn_lines it;
  bn_span line;
  const char *start = NULL, *end = NULL;
  int lines = 0;
  bn_lines_init(&it, at, own - (size_t)(at - v->text->str));
  bn_lines_next_trimmed(&it, &line);
  while ((max_lines == 0 || lines < max_lines) && bn_lines_next_trimmed(&it, &line)) {
    if (line.len == 0) {
      if (start)
        break;
      continue;
    }
    if (start == NULL)
      start = line.p;
    end = line.p + line.len;
    lines++;
  }
  if (start == NULL)
    return false;
  *out = (bn_span){start, (size_t)(end - start)};
  return true;
}

gssize
bn_prose_after(const GString *text, const char *const *needles)
{
  gssize best = -1;
  for (size_t i = 0; needles[i]; i++) {
    const char *last = NULL;
    const char *hit = prose_find(text->str, text->len, needles[i], &last);
    if (hit == NULL)
      continue;
    const char *nl = memchr(last, '\n', text->len - (size_t)(last - text->str));
    gssize at = nl ? nl + 1 - text->str : (gssize)text->len;
    if (best < 0 || at < best)
      best = at;
  }
  return best;
}

gssize
bn_prose_before(const GString *text, const char *const *needles)
{
  gssize best = -1;
  for (size_t i = 0; needles[i]; i++) {
    const char *line = bn_prose_find_line(text->str, text->len, needles[i]);
    if (line && (best < 0 || line - text->str < best))
      best = line - text->str;
  }
  return best;
}

bool
bn_prose_between(const GString *text, const char *const *starts,
                 const char *const *ends, bn_span *out)
{
  gssize from = bn_prose_after(text, starts);
  if (from < 0)
    return false;
  gssize to = bn_prose_before(text, ends);
  if (to < from)
    to = (gssize)text->len;
  out->p = text->str + from;
  out->len = (size_t)(to - from);
  return true;
}

bool
bn_prose_has_any(const char *s, size_t len, const char *const *needles)
{
  for (size_t i = 0; needles[i]; i++)
    if (prose_find(s, len, needles[i], NULL))
      return true;
  return false;
}

bool
bn_from_has(const bn_view *v, const char *const *needles)
{
  return bn_prose_has_any(v->from, strlen(v->from), needles);
}

bool
bn_reporting_mta_has(const bn_view *v, const char *const *needles)
{
  bn_span value;
  return bn_dsn_part_value(v->dsn->str, v->dsn->len, "Reporting-MTA", &value) &&
         bn_prose_has_any(value.p, value.len, needles);
}

/* The closing mark of a tag a gateway puts before a subject ("[EXTERNAL]",
 * "[SPAM]", "{Spam?}", "***SPAM***"), or NULL when s opens with none. */
static const char *
tag_end(const char *s)
{
  const char *close = NULL;
  if (s[0] == '[')
    close = "]";
  else if (s[0] == '{')
    close = "}";
  else if (strncmp(s, "***", 3) == 0)
    close = "***";
  if (close == NULL)
    return NULL;
  size_t open = close[0] == '*' ? 3 : 1;
  /* a tag is a few words, not a whole subject in brackets */
  for (size_t i = open; s[i] && i < 40; i++)
    if (strncmp(s + i, close, strlen(close)) == 0)
      return i > open && s[i + strlen(close)] == ' ' ? s + i + strlen(close) : NULL;
  return NULL;
}

const char *
bn_subject_untagged(const char *subject)
{
  const char *s = subject;
  for (int n = 0;; n++) {
    while (*s == ' ' || *s == '\t')
      s++;
    const char *end = n < 4 ? tag_end(s) : NULL;
    if (end == NULL)
      return s;
    s = end;
  }
}

bool
bn_subject_starts(const bn_view *v, const char *const *prefixes)
{
  const char *s = bn_subject_untagged(v->subject);
  for (size_t i = 0; prefixes[i]; i++)
    if (bn_has_prefix_ci(s, prefixes[i]))
      return true;
  return false;
}

bool
bn_subject_has(const bn_view *v, const char *const *needles)
{
  return bn_prose_has_any(v->subject_lower, strlen(v->subject_lower), needles);
}

bounce_recipient *
bn_prose_recipient(bounce_report *r, const char *address)
{
  return bn_prose_recipient_if(r, address, true);
}

bounce_recipient *
bn_prose_recipient_in(bounce_report *r, const char *s, size_t len)
{
  char *addr = bn_find_address(s, len);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  return rc;
}

size_t
bn_prose_end_before_original(const GString *t, size_t from)
{
  gssize orig = bn_original_find_inline(t->str + from, t->len - from);
  return orig >= 0 ? from + (size_t)orig : t->len;
}

bounce_recipient *
bn_prose_listed_failure(bounce_report *r, const char *s, size_t len, const char *remote)
{
  bounce_recipient *rc = bn_prose_recipient_in(r, s, len);
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, remote, BOUNCE_SOURCE_TEXT);
  bn_prose_set_action(rc, "failed");
  return rc;
}

/* The text names the address whole: "ren@shop.example.jp" is not named by
 * "<karen@shop.example.jp>" nor by "ren@shop.example.jp.cn" (a full stop
 * that ends the sentence after it is no part of it). */
static bool
names_address(const char *s, size_t len, const char *addr)
{
  return bn_names_whole(s, len, addr, bn_address_byte, true);
}

bounce_recipient *
bn_prose_named_recipient(const bounce_report *r, const char *s, size_t len, bool sentence)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->address && bn_names_whole(s, len, rc->address, bn_address_byte, sentence))
      return rc;
  }
  return NULL;
}

bool
bn_prose_names_any(const char *s, const bounce_report *r)
{
  size_t len = s ? strlen(s) : 0;
  return len && bn_prose_named_recipient(r, s, len, true) != NULL;
}

bool
bn_prose_names_other(const char *s, bool names_any, const bounce_recipient *rc)
{
  /* the one it names is another when it is not rc */
  return names_any && rc->address && !names_address(s, strlen(s), rc->address);
}

void
bn_prose_share_diagnostic(const bounce_report *r, const GPtrArray *listed, const char *diag)
{
  bool names_any = bn_prose_names_any(diag, r);
  for (guint i = 0; i < listed->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(listed, i);
    if (!bn_prose_names_other(diag, names_any, rc))
      bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  }
}

bool
bn_prose_share_listed(const bounce_report *r, GPtrArray *listed, const char *diag)
{
  bn_prose_share_diagnostic(r, listed, diag);
  bool any = listed->len > 0;
  g_ptr_array_free(listed, TRUE);
  return any;
}

void
bn_prose_add_diagnostic(bounce_recipient *rc, const char *s, size_t len)
{
  if (rc == NULL || len == 0)
    return;
  GString *g = g_string_new(rc->diagnostic);
  if (g->len)
    g_string_append_c(g, ' ');
  g_string_append_len(g, s, (gssize)len);
  bn_squeeze(g);
  bn_set_str(&rc->diagnostic, g->str);
  rc->source[BOUNCE_FIELD_DIAGNOSTIC] = BOUNCE_SOURCE_TEXT;
  g_string_free(g, TRUE);
}

/* Prose MTAs quote the remote's answer ("550 5.1.1 ... User unknown") in
 * the diagnostic they write, and that reply is the only one they give. */
void
bn_prose_reply_from_diagnostic(bounce_recipient *rc)
{
  if (rc && rc->diagnostic && rc->reply_code == 0)
    bn_rcpt_set_reply_code(rc, bn_find_reply_code(rc->diagnostic, strlen(rc->diagnostic)),
                           BOUNCE_SOURCE_TEXT);
}

void
bn_prose_replies_from_diagnostics(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_prose_reply_from_diagnostic(bn_report_rcpt(r, i));
}

void
bn_prose_original(const bn_view *v, bounce_report *r, gssize at)
{
  if (at < 0 || (size_t)at >= v->text->len)
    return;
  if (bn_report_original(r, "Message-ID")[0] || bn_report_original(r, "From")[0])
    return;
  bn_original_from_text(r, v->text->str + at, v->text->len - (size_t)at, v->opts);
}

/* Where a later label of the summary starts in a value (its blank), or
 * the value's end: a client that joins each paragraph onto one line runs
 * "To: a@b Subject: x Sent: DATE" together, and an empty value ("To:
 * Subject: x", "From: a@b Subject:") ends at the label after it. A label
 * right after a word of the value ending in a colon is the value's words
 * ("Subject: Re: Sent: files"), unless the label says otherwise
 * (at_label). */
static const char *
summary_value_end(const char *p, const char *end, const bn_summary_label *labels, size_t n)
{
  for (const char *s = p + 1; s < end; s++) {
    if (s[-1] != ' ' && s[-1] != '\t')
      continue;
    const char *w = s - 1;
    while (w > p && (w[-1] == ' ' || w[-1] == '\t'))
      w--;
    for (size_t i = 0; i < n; i++) {
      size_t k = strlen(labels[i].label);
      if ((size_t)(end - s) < k || strncmp(s, labels[i].label, k) != 0)
        continue;
      if (labels[i].at_label ? labels[i].at_label(s, end) : w == p || w[-1] != ':')
        return w;
    }
  }
  return end;
}

void
bn_prose_original_summary(const bn_span *l, const bn_summary_label *labels, size_t n,
                          bounce_report *r)
{
  const char *p = l->p, *end = l->p + l->len;
  for (size_t i = 0; i < n && p < end; i++) {
    size_t k = strlen(labels[i].label);
    if ((size_t)(end - p) <= k || g_ascii_strncasecmp(p, labels[i].label, k) != 0)
      continue;
    const char *stop = summary_value_end(p + k, end, labels + i + 1, n - i - 1);
    if (bn_report_original(r, labels[i].name)[0] == '\0') {
      char *value = bn_squeeze_dup(p + k, (size_t)(stop - p - k));
      bn_report_set_original(r, labels[i].name, value);
      g_free(value);
    }
    for (p = stop; p < end && (*p == ' ' || *p == '\t'); p++)
      ;
  }
}

bool
bn_span_ends_address_dots(const bn_span *l)
{
  if (l->len < 4 || memcmp(l->p + l->len - 3, "...", 3) != 0)
    return false;
  size_t w = l->len - 3;
  while (w > 0 && l->p[w - 1] != ' ')
    w--;
  return memchr(l->p + w, '@', l->len - 3 - w) != NULL;
}

bool
bn_span_ends_sentence(const bn_span *l)
{
  return !bn_span_ends_address_dots(l) && strchr(".!?", l->p[l->len - 1]) != NULL;
}

size_t
bn_span_indent(const bn_span *l)
{
  size_t col = 0;
  for (size_t i = 0; i < l->len && (l->p[i] == ' ' || l->p[i] == '\t'); i++)
    col += l->p[i] == '\t' ? 8 : 1;
  return col;
}

char *
bn_line_address_only(const char *p, size_t len)
{
  bn_span l = {p, len};
  bn_span_trim(&l);
  /* a trailing "<mailto:...>" link (Exchange's plain text of an HTML link) */
  if (l.len && l.p[l.len - 1] == '>') {
    const char *m = bn_strcasestr(l.p, l.len, "<mailto:");
    if (m && m > l.p)
      l.len = (size_t)(m - l.p);
    bn_span_trim(&l);
  }
  /* "Name (a@b)": the address in the closing parentheses */
  if (l.len > 2 && l.p[l.len - 1] == ')') {
    const char *open = NULL;
    for (size_t i = l.len - 1; i-- > 0;)
      if (l.p[i] == '(') {
        open = l.p + i;
        break;
      }
    if (open == NULL)
      return NULL;
    /* a display name is a few words, not a sentence */
    size_t spaces = 0;
    for (const char *q = l.p; q < open; q++)
      spaces += *q == ' ';
    if (spaces > 5)
      return NULL;
    size_t in = (size_t)(l.p + l.len - 1 - open - 1);
    char *inner = bn_address_clean(open + 1, in);
    /* one word: "john doe"@example.com is one */
    if (inner && bn_word_end(open + 1, in) == in)
      return inner;
    g_free(inner);
    return NULL;
  }
  /* one word: a quoted local part may hold blanks */
  if (l.len == 0 || bn_word_end(l.p, l.len) < l.len || !memchr(l.p, '@', l.len))
    return NULL;
  return bn_address_clean(l.p, l.len);
}

bool
bn_line_is_address(const char *p, size_t len)
{
  char *addr = bn_line_address_only(p, len);
  bool is = addr != NULL;
  g_free(addr);
  return is;
}

bool
bn_line_is_address_of(const char *p, size_t len, const char *addr)
{
  char *only = bn_line_address_only(p, len);
  bool is = only && g_ascii_strcasecmp(only, addr) == 0;
  g_free(only);
  return is;
}

GPtrArray *
bn_original_addresses(const bounce_report *r)
{
  static const char *const fields[] = {"To", "Cc"};
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (size_t f = 0; f < G_N_ELEMENTS(fields); f++) {
    bn_parse_mailboxes(bn_original_addressees(r, fields[f]), G_MAXUINT, out);
  }
  return out;
}

bounce_recipient *
bn_prose_recipient_if(bounce_report *r, const char *address, bool add)
{
  if (address == NULL)
    return NULL;
  bounce_recipient *rc = bn_report_find(r, address);
  if (rc == NULL && add)
    rc = bn_report_add(r, address, BOUNCE_SOURCE_TEXT);
  return rc;
}

bounce_recipient *
bn_prose_recipient_at(bounce_report *r, const char *s, size_t len, bool add)
{
  char *addr = bn_address_clean(s, len);
  bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
  g_free(addr);
  return rc;
}

bounce_cause
bn_cause_table_find(const char *s, size_t len, const bn_cause_row *rows, size_t n)
{
  if (s == NULL)
    return BOUNCE_CAUSE_UNDEFINED;
  for (size_t i = 0; i < n; i++)
    if (bn_strcasestr(s, len, rows[i].phrase))
      return rows[i].cause;
  return BOUNCE_CAUSE_UNDEFINED;
}

void
bn_prose_set_cause(bounce_recipient *rc, bounce_cause cause)
{
  if (rc == NULL || cause == BOUNCE_CAUSE_UNDEFINED)
    return;
  rc->cause = cause;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
}

void
bn_prose_list_refusal(bounce_recipient *rc, const char *reason)
{
  if (reason) {
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reason, BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, bn_text_cause(reason, strlen(reason)));
  }
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, BOUNCE_CAUSE_REJECTED);
}

/* ---- more prose helpers ---- */

static gssize
find_from(const GString *text, gsize from, const char *const *needles, bool after)
{
  if (from >= text->len)
    return -1;
  const char *base = text->str + from;
  size_t len = text->len - from;
  const char *best = NULL, *best_last = NULL;
  for (size_t i = 0; needles[i]; i++) {
    const char *last = NULL;
    const char *hit = prose_find(base, len, needles[i], &last);
    if (hit && (best == NULL || hit < best)) {
      best = hit;
      best_last = last;
    }
  }
  if (best == NULL)
    return -1;
  if (after) {
    const char *nl = memchr(best_last, '\n', (size_t)(text->str + text->len - best_last));
    return nl ? nl + 1 - text->str : (gssize)text->len;
  }
  while (best > text->str && best[-1] != '\n')
    best--;
  return best - text->str;
}

gssize
bn_prose_before_from(const GString *text, gsize from, const char *const *needles)
{
  return find_from(text, from, needles, false);
}

gssize
bn_prose_after_from(const GString *text, gsize from, const char *const *needles)
{
  return find_from(text, from, needles, true);
}

gssize
bn_prose_after_heading(const GString *text, gsize from, const char *const *needles)
{
  const char *best = NULL, *best_last = NULL;
  for (size_t i = 0; from <= text->len && needles[i]; i++) {
    const char *last = NULL;
    const char *hit = prose_find(text->str + from, text->len - from, needles[i], &last);
    if (hit && (best == NULL || hit < best)) {
      best = hit;
      best_last = last;
    }
  }
  if (best == NULL)
    return -1;
  const char *end = text->str + text->len;
  const char *p = best_last + 1;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '-' || *p == '='))
    p++;
  if (p < end && *p != '\n' && *p != '\r')
    return p - text->str;
  const char *nl = memchr(best_last, '\n', (size_t)(end - best_last));
  return nl ? nl + 1 - text->str : (gssize)text->len;
}

static bool
host_char(char c)
{
  return g_ascii_isalnum(c) || c == '.' || c == '-' || c == '_';
}

char *
bn_prose_host(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  size_t start = i;
  while (i < len && host_char(s[i]))
    i++;
  size_t end = i;
  while (i < len && s[i] == ' ')
    i++;
  if (end == start || i >= len || s[i] != '[' || memchr(s + i, ']', len - i) == NULL)
    return NULL;
  while (end > start && s[end - 1] == '.')
    end--;
  return end > start ? g_ascii_strdown(s + start, (gssize)(end - start)) : NULL;
}

/* "550-" or "550 " (or a bare "550") at the start of a line: the length of
 * the code and its separator, or 0. */
static size_t
reply_prefix(const char *p, size_t n)
{
  if (!bn_reply_code_at(p, n))
    return 0;
  return n == 3 ? 3 : 4;
}

/* The status at the start of p (after blanks), copied into status, or
 * nothing copied when p does not start with one. */
static void
leading_status(const char *p, size_t n, char *status, size_t size)
{
  size_t k = 0;
  while (k < n && k < size - 1 && p[k] != ' ')
    k++;
  if (bn_status_valid(p, k)) {
    memcpy(status, p, k);
    status[k] = '\0';
  }
}

static void
skip_blanks(const char **p, size_t *n)
{
  while (*n && (**p == ' ' || **p == '\t')) {
    (*p)++;
    (*n)--;
  }
}

/* Moves p past status (and the blanks after it) when the line starts with it. */
static void
skip_status(const char **p, size_t *n, const char *status)
{
  size_t sl = strlen(status);
  if (sl && *n >= sl && memcmp(*p, status, sl) == 0 && (*n == sl || (*p)[sl] == ' ')) {
    *p += sl;
    *n -= sl;
    skip_blanks(p, n);
  }
}

/* The code ("550", or "" when the reply opened without one) and status
 * ("5.1.1", or "") the reply so far opened with: what its later lines
 * repeat. Read back from the reply, so that a caller keeps no state. */
static void
reply_opening(const GString *reply, char code[4], char *status, size_t size)
{
  const char *p = reply->str;
  size_t n = reply->len, pre = reply_prefix(p, n);
  code[0] = status[0] = '\0';
  if (pre) {
    memcpy(code, p, 3);
    code[3] = '\0';
    p += pre;
    n -= pre;
    skip_blanks(&p, &n);
  }
  leading_status(p, n, status, size);
}

/* Appends one line of a reply. When strict (a block of text that may hold
 * more than one reply), a line drops only the code and status the reply
 * opened with; else (the caller knows the lines are one reply's, as a
 * transcript's "<<<" lines) a line drops any code and the status after it. */
static bool
append_reply_line(GString *reply, const char *s, size_t len, bool strict)
{
  size_t pre = reply_prefix(s, len);
  bool complete = !(pre == 4 && s[3] == '-');
  /* a bare "NNN-" opens a multi-line reply, or parts its paragraphs, on
   * some servers: the next line opens the reply */
  if (reply->len == 4 && reply->str[3] == '-' && reply_prefix(reply->str, 4))
    g_string_truncate(reply, 0);
  if (reply->len == 0) {
    g_string_append_len(reply, s, (gssize)len);
    return complete;
  }
  char code[4], status[16];
  reply_opening(reply, code, status, sizeof status);
  if (pre && (!strict || (code[0] && memcmp(s, code, 3) == 0))) {
    s += pre;
    len -= pre;
    skip_blanks(&s, &len);
    if (!strict) /* "550-5.7.1" ... "554 5.7.1" */
      leading_status(s, len, status, sizeof status);
    skip_status(&s, &len, status);
  } else if (strict && !pre && code[0] == '\0') {
    /* a reply some MTAs give without its code (GMX: "5.7.1 first" ...
     * "5.7.1 last"): the status, like a code, is said once */
    skip_status(&s, &len, status);
  }
  if (len) {
    g_string_append_c(reply, ' ');
    g_string_append_len(reply, s, (gssize)len);
  }
  return complete;
}

bool
bn_reply_append(GString *reply, const char *s, size_t len)
{
  return append_reply_line(reply, s, len, false);
}

char *
bn_prose_join_reply(const char *s, size_t len)
{
  GString *out = g_string_new(NULL);
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &line)) {
    const char *p = line.p;
    size_t n = line.len;
    skip_blanks(&p, &n);
    if (n)
      append_reply_line(out, p, n, true);
  }
  /* the code is said once, as a one-line reply says it */
  if (reply_prefix(out->str, out->len) == 4)
    out->str[3] = ' ';
  bn_squeeze(out);
  return g_string_free(out, FALSE);
}

/* Where s[0..len) goes on after lead, or NULL. A lead's last blank may be
 * a line break where a client re-wrapping the text moved the next word
 * down ("notification from" over "mx.example.org,"). */
static const char *
lead_end(const char *s, size_t len, const char *lead)
{
  const char *hit = bn_strcasestr(s, len, lead);
  size_t n = strlen(lead);
  if (hit || n < 2 || lead[n - 1] != ' ')
    return hit ? hit + n : NULL;
  char *word = g_strndup(lead, n - 1);
  const char *end = s + len, *at = NULL;
  for (const char *p = s; at == NULL && p < end; p = hit + 1) {
    hit = bn_strcasestr(p, (size_t)(end - p), word);
    if (hit == NULL)
      break;
    const char *q = hit + n - 1;
    q += q < end && *q == '\r';
    if (q < end && *q == '\n')
      at = q + 1;
  }
  g_free(word);
  return at;
}

void
bn_prose_reporting_mta(bounce_report *r, const char *s, size_t len, const char *lead)
{
  if (r->reporting_mta && r->reporting_mta[0])
    return;
  const char *h = lead_end(s, len, lead);
  if (h == NULL)
    return;
  const char *end = s + len;
  while (h < end && (*h == ' ' || *h == '\t'))
    h++;
  size_t n = 0;
  while (h + n < end && host_char(h[n]))
    n++;
  bool local = h + n < end && h[n] == '@'; /* an address's local part: no host */
  while (n && h[n - 1] == '.')
    n--;
  if (n && memchr(h, '.', n) && !local)
    bn_set_strn(&r->reporting_mta, h, n);
}

const bn_mta_fact *
bn_prose_fact(const bn_mta_fact *facts, size_t n, const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (bn_strcasestr(s, len, facts[i].phrase))
      return &facts[i];
  return NULL;
}

void
bn_prose_set_action(bounce_recipient *rc, const char *action)
{
  if (rc)
    bn_rcpt_set(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
}

void
bn_prose_apply_fact(bounce_recipient *rc, const bn_mta_fact *f)
{
  if (rc == NULL || f == NULL)
    return;
  if (f->cause != BOUNCE_CAUSE_UNDEFINED) {
    rc->cause = f->cause;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
  }
  if (f->status)
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, f->status, BOUNCE_SOURCE_TEXT);
  if (f->expiry)
    bn_prose_set_action(rc, "delayed");
}

const char *
bn_prose_warning_action(const char *reason)
{
  return reason && reason[0] ? "failed" : "delayed";
}

void
bn_prose_warning_class(bounce_recipient *rc, const char *said)
{
  if (rc->status == NULL && (said == NULL || !bn_gives_code(said, strlen(said))))
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "4.0.0", BOUNCE_SOURCE_DERIVED);
}

size_t
bn_prose_angle_paragraphs(bounce_report *r, const char *s, size_t len)
{
  size_t n = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &l)) {
    const char *gt = l.len > 2 && l.p[0] == '<' ? memchr(l.p, '>', l.len) : NULL;
    if (gt && gt + 1 < l.p + l.len && gt[1] == ':') {
      cur = bn_prose_recipient_at(r, l.p + 1, (size_t)(gt - l.p - 1), true);
      if (cur) {
        n++;
        bn_prose_add_diagnostic(cur, gt + 2, (size_t)(l.p + l.len - gt - 2));
      }
      continue;
    }
    bool blank = true;
    for (size_t i = 0; i < l.len && blank; i++)
      blank = g_ascii_isspace(l.p[i]);
    if (blank)
      cur = NULL;
    else if (cur)
      bn_prose_add_diagnostic(cur, l.p, l.len);
  }
  return n;
}

/* ---- helpers first used by the provider recognizers ---- */

/* The warnings a receiving gateway puts above an external sender's mail,
 * and so above a notice relayed to a mailbox behind it: Exchange Online's
 * external-sender rule as sites word it ("CAUTION: This email originated
 * from outside of the organization. Do not click links or open
 * attachments unless you recognize the sender and know the content is
 * safe."; "Caution: This is an external email originating outside your
 * company. ..."; "EXTERNAL EMAIL: Do not click links or open attachments
 * unless you know the content is safe"), the bare tag some write on a line
 * of its own ("[EXTERNAL]"), Microsoft's first-contact safety tip ("[You
 * don't often get email from amy@example.org. Learn why this is important
 * at https://aka.ms/LearnAboutSenderIdentification ]") and Proofpoint's
 * email warning tag ("This Message Is From an External Sender" / "This
 * message came from outside your organization.", in plain text between
 * its "ZjQcmQRYFpfptBannerStart" and "ZjQcmQRYFpfptBannerEnd" lines), as
 * they stand in relayed list mail, and Mimecast Impersonation Protect's
 * default body tag ("*** This Message contains suspicious characteristics
 * and has originated OUTSIDE your organization. ***"). A bracketed tag
 * (or a link's words, whole) is the whole line; a sentence opens it. A
 * banner ends at the blank line under it, or sooner at the line that
 * closes its unambiguous wording; a marked one only at its end marker. */
typedef struct {
  const char *opens;
  const char *closes; /* or NULL: up to the blank line */
  bool marked;        /* closes is an end marker, past blank lines */
  bool whole;         /* the line is the tag and nothing more */
} gateway_banner;

static const gateway_banner gateway_banners[] = {
  {"caution: this email originated from outside", "content is safe", false, false},
  /* sites word the rest of it differently; one that ends as the banner
   * above does ("... content is safe") ends there, even wrapped or with
   * the notice under it and no blank line between */
  {"caution: this is an external email", "content is safe", false, false},
  {"external email: do not click links", "content is safe", false, false},
  {"[external]", NULL, false, false},
  {"[external email]", NULL, false, false},
  {"[you don't often get email from", "learnaboutsenderidentification", false, false},
  {"you don't often get email from", "learn why this is important", false, false},
  /* its two lines a blank line apart as a client makes text of the tag's
   * HTML table, a line a cell; and the table's "Report Suspicious" link */
  {"this message is from an external sender", "came from outside your organization", true, false},
  {"report suspicious", NULL, false, true},
  {"zjqcmqryfpfptbannerstart", "zjqcmqryfpfptbannerend", true, false},
  {"*** this message contains suspicious characteristics", "outside your organization", false, false},
  /* the caution rule above as German and French sites word it:
   * "ACHTUNG: Diese E-Mail stammt von außerhalb der Organisation. ...
   * dass der Inhalt sicher ist."; "ATTENTION : Ce courriel provient de
   * l'extérieur de l'organisation. ... que le contenu est sûr."
   * (French puts a space before the colon, not every site does) */
  {"achtung: diese e-mail stammt von außerhalb", "inhalt sicher ist", false, false},
  {"attention : ce courriel provient de l'extérieur", "contenu est sûr", false, false},
  {"attention: ce courriel provient de l'extérieur", "contenu est sûr", false, false},
};

/* The most banners a gateway and the mailbox's own service stack above a
 * notice (the safety tip over a site's caution rule, ...). */
#define GATEWAY_BANNERS_STACKED 3

/* The most lines a marked banner holds before its closing line: the
 * Proofpoint tag's start marker, title, description and link. Past them
 * the closing words are some other text's (the tagged copy the notice
 * returns), not this banner's. */
#define GATEWAY_BANNER_LINES 6

/* How many bytes of s (len bytes) the banner words w, lower case, match
 * at its start, or 0: as a site's capitals write them too ("DIESE E-MAIL
 * STAMMT VON AUSSERHALB", "L'EXTÉRIEUR"), "ß" as "SS" (capital ß is new
 * and rare) or "ẞ", and "'" as the typographic apostrophe "’" a client's
 * autocorrection puts in its place. Latin-1's lower-case letters, which
 * the banners' words hold, are U+00E0..U+00FE, their capitals U+0020
 * below. */
static size_t
banner_words_at(const char *s, size_t len, const char *w)
{
  static const char sharp_s[] = "\xc3\x9f", capital_sharp_s[] = "\xe1\xba\x9e",
                    apostrophe[] = "\xe2\x80\x99";
  size_t i = 0;
  while (*w) {
    const guchar c = (guchar)w[0];
    if (strncmp(w, sharp_s, 2) == 0) {
      if (i + 2 <= len && g_ascii_strncasecmp(s + i, "ss", 2) == 0)
        i += 2;
      else if (i + 2 <= len && memcmp(s + i, sharp_s, 2) == 0)
        i += 2;
      else if (i + 3 <= len && memcmp(s + i, capital_sharp_s, 3) == 0)
        i += 3;
      else
        return 0;
      w += 2;
    } else if (c == 0xc3 && (guchar)w[1] >= 0xa0 && (guchar)w[1] <= 0xbe && (guchar)w[1] != 0xb7) {
      if (i + 2 > len || (guchar)s[i] != 0xc3 ||
          ((guchar)s[i + 1] != (guchar)w[1] && (guchar)s[i + 1] != (guchar)w[1] - 0x20))
        return 0;
      i += 2;
      w += 2;
    } else if (c == '\'' && i + 3 <= len && memcmp(s + i, apostrophe, 3) == 0) {
      i += 3;
      w++;
    } else {
      if (i >= len || bn_ascii_lower(s[i]) != (char)c)
        return 0;
      i++;
      w++;
    }
  }
  return i;
}

/* Where in s (len bytes) the banner words w start, as banner_words_at
 * matches them, with *n the bytes they take; NULL if nowhere. A search
 * of the bytes as they are comes first, and the folding one only for
 * words it can matter to, so that most lines cost one pass. */
static const char *
banner_words_in(const char *s, size_t len, const char *w, size_t *n)
{
  const char *at = bn_strcasestr(s, len, w);
  if (at) {
    *n = strlen(w);
    return at;
  }
  bool folds = false;
  for (const char *p = w; *p && !folds; p++)
    folds = (guchar)*p >= 0x80 || *p == '\'';
  for (size_t i = 0; folds && i < len; i++)
    if ((*n = banner_words_at(s + i, len - i, w)) != 0)
      return s + i;
  return NULL;
}

static const gateway_banner *
gateway_banner_at(const bn_span *l)
{
  for (size_t i = 0; i < G_N_ELEMENTS(gateway_banners); i++) {
    const char *o = gateway_banners[i].opens;
    /* every reader asks for the opening: most first lines differ at once */
    if (l->len == 0 || bn_ascii_lower(l->p[0]) != o[0])
      continue;
    /* n counts the line's bytes, which a folded word ("’" for "'")
     * makes more than the opening's own: the opening's last byte is read
     * at its own length */
    size_t n = banner_words_at(l->p, l->len, o);
    if (n == 0)
      continue;
    if ((o[strlen(o) - 1] != ']' && !gateway_banners[i].whole) || l->len == n)
      return &gateway_banners[i];
  }
  return NULL;
}

/* Where on line l the closing words of banner b end, or NULL. above is
 * the banner's line over l (NULL on its first): an archiver's hard re-wrap
 * may have split the words at a blank between the two ("... Learn why
 * this" over "is important<https://aka.ms/...>"), l going on with above's
 * sentence (bn_line_continues). */
static const char *
closing_end(const gateway_banner *b, const bn_span *above, const bn_span *l)
{
  if (b->closes == NULL)
    return NULL;
  size_t n = strlen(b->closes), found = 0;
  const char *at = banner_words_in(l->p, l->len, b->closes, &found);
  if (at)
    return at + found;
  if (above == NULL || !bn_line_continues(above, l))
    return NULL;
  for (const char *sp = strchr(b->closes, ' '); sp; sp = strchr(sp + 1, ' ')) {
    size_t head = (size_t)(sp - b->closes), tail = n - head - 1;
    if (above->len >= head && l->len >= tail &&
        g_ascii_strncasecmp(above->p + above->len - head, b->closes, head) == 0 &&
        g_ascii_strncasecmp(l->p, sp + 1, tail) == 0)
      return l->p + tail;
  }
  return NULL;
}

static bool
closes_banner(const gateway_banner *b, const bn_span *above, const bn_span *l)
{
  return closing_end(b, above, l) != NULL;
}

/* Whether the line l that closes banner b ends with its closing words
 * (a stop, a bracket or stars aside; past an end marker, blanks only: the
 * stars there open a headline joined onto it, "ZjQcmQRYFpfptBannerEnd **"
 * where a re-wrap broke "** Message not delivered **"): no notice text
 * joined onto it. */
static bool
closes_line(const gateway_banner *b, const bn_span *above, const bn_span *l)
{
  const char *at = closing_end(b, above, l);
  if (at == NULL)
    return false;
  for (; at < l->p + l->len; at++)
    if (!strchr(b->marked ? " " : " .]*", *at))
      return false;
  return true;
}

/* Whether the closing line l of banner b, which goes on past its closing
 * words, goes on past b's end marker with the notice a client joined onto
 * it: l is then trimmed to the notice's text. Only past a marker, a token
 * no notice's text holds, is the cut sure; not when b closes on words
 * (the notice's own text may go on with them). */
static bool
cut_joined(const gateway_banner *b, bn_span *l)
{
  if (!b->marked || strchr(b->closes, ' ') != NULL)
    return false;
  const char *at = bn_strcasestr(l->p, l->len, b->closes);
  if (at == NULL)
    return false;
  const char *end = l->p + l->len;
  at += strlen(b->closes);
  while (at < end && g_ascii_isspace(*at))
    at++;
  if (at == end)
    return false;
  l->len = (size_t)(end - at);
  l->p = at;
  return true;
}

/* The lines a site writes under a banner's closing line, before the blank
 * line: where to report it ("If you believe this is a phishing email, use
 * the Report Message button."; Proofpoint's "Report Suspicious" link). */
static const char *const banner_tails[] = {"phish", "report suspicious"};

static bool
is_banner_tail(const bn_span *l)
{
  for (size_t i = 0; i < G_N_ELEMENTS(banner_tails); i++)
    if (bn_strcasestr(l->p, l->len, banner_tails[i]))
      return true;
  return false;
}

/* Whether line l is a rule a client draws under a banner ("_____", as
 * Outlook separates the banner a site's rule prepends from the text). */
static bool
is_rule(const bn_span *l)
{
  for (size_t i = 0; i < l->len; i++)
    if (l->p[i] != '_' && l->p[i] != '-')
      return false;
  return l->len >= 3;
}

/* The first line of s[0..len) that is not blank and not a gateway's
 * banner, trimmed, into line; *banners says how many banners it is under.
 * whole: false too when a banner's closing line goes on past its closing
 * words, and a tag ends with its line: only whole banner lines are above;
 * past an end marker, line is the rest of its line (cut_joined). */
static bool
opening_in(const char *s, size_t len, bn_span *line, int *banners, bool whole)
{
  bn_lines it;
  bn_lines_init(&it, s, len);
  int skipped = 0;
  bool closed = false; /* the line above closed a banner */
  while (bn_lines_next_trimmed(&it, line)) {
    if (!line->len) {
      closed = false;
      continue;
    }
    const gateway_banner *b = skipped < GATEWAY_BANNERS_STACKED ? gateway_banner_at(line) : NULL;
    if (b == NULL && closed && is_banner_tail(line))
      continue;
    if (b == NULL) {
      *banners = skipped;
      return true;
    }
    /* the banner, up to its closing line or the blank line under it: the
     * notice, or the next banner, opens below it */
    skipped++;
    closed = closes_banner(b, NULL, line);
    if (whole && closed && !closes_line(b, NULL, line)) {
      *banners = skipped;
      return cut_joined(b, line);
    }
    if (closed || (whole && b->closes == NULL && (b->whole || b->opens[0] == '[')))
      continue;
    int lines = 0; /* the banner's lines under its first, blank ones and rules aside */
    bn_span above = *line;
    while (bn_lines_next_trimmed(&it, line) && (line->len || b->marked) &&
           !closes_banner(b, &above, line)) {
      if (line->len && !is_rule(line) && ++lines > GATEWAY_BANNER_LINES)
        return false;
      above = *line;
    }
    closed = line->len != 0;
    if (whole && closed && !closes_line(b, &above, line)) {
      *banners = skipped;
      return cut_joined(b, line);
    }
    /* a banner with no closing words ends at the blank line; lines under
     * its first may be the notice a client joined onto it */
    if (whole && !closed && lines > 0)
      return false;
  }
  return false;
}

bool
bn_prose_opening(const bn_view *v, bn_span *line)
{
  int banners;
  return opening_in(v->text->str, MIN(v->text->len, 1024), line, &banners, false);
}

size_t
bn_prose_banners_end(const char *s, size_t len)
{
  bn_span line;
  int banners = 0;
  if (!opening_in(s, MIN(len, 1024), &line, &banners, true) || banners == 0)
    return 0;
  /* the notice's first line whole, its indent kept; or, joined onto the
   * banner's closing line, from where it starts on it */
  size_t at = (size_t)(line.p - s);
  size_t start = at;
  while (start > 0 && s[start - 1] != '\n' && g_ascii_isspace(s[start - 1]))
    start--;
  return start == 0 || s[start - 1] == '\n' ? start : at;
}

bool
bn_prose_section(const bn_view *v, const char *const *starts, const char *const *ends,
                 bn_span *out)
{
  gssize from = 0;
  if (starts) {
    from = bn_prose_after(v->text, starts);
    if (from < 0)
      return false;
  }
  const char *p = v->text->str + from;
  size_t rest = v->text->len - (size_t)from;
  size_t len = rest;
  for (size_t i = 0; ends && ends[i]; i++) {
    const char *line = bn_prose_find_line(p, rest, ends[i]);
    if (line && (size_t)(line - p) < len)
      len = (size_t)(line - p);
  }
  gssize copy = bn_original_find_inline(p, len);
  if (copy >= 0)
    len = (size_t)copy;
  out->p = p;
  out->len = len;
  return true;
}

/* Amazon's services list the failed recipients bare under a heading, and
 * the blank line after them ends the list. */
void
bn_prose_address_lines(bounce_report *r, const bn_span *sec)
{
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec->p, sec->len);
  while (bn_lines_next(&it, &line) && line.len) {
    bn_prose_recipient_at(r, line.p, line.len, true);
  }
}

size_t
bn_prose_failed_recipients(const bn_view *v, bounce_report *r)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(v->msg));
  size_t named = 0;
  int n = list ? g_mime_header_list_get_count(list) : 0;
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  for (int i = 0; i < n; i++) {
    GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(h), "X-Failed-Recipients") != 0)
      continue;
    /* every header: a relay that adds its own keeps the first. One more
     * than the report has room for, so that bn_report_add marks it
     * truncated; an address the report holds already takes no room. */
    size_t room = r->max_recipients - MIN(bn_report_count(r), r->max_recipients);
    g_ptr_array_set_size(addrs, 0);
    bn_parse_mailboxes(g_mime_header_get_value(h), (guint)MIN(room + 1, G_MAXUINT), addrs);
    for (guint k = 0; k < addrs->len; k++)
      named += bn_prose_recipient(r, g_ptr_array_index(addrs, k)) != NULL;
  }
  g_ptr_array_unref(addrs);
  return named;
}

char *
bn_prose_hostname(const char *s, size_t len)
{
  size_t n = 0;
  bool dot = false;
  while (n < len && (g_ascii_isalnum(s[n]) || s[n] == '.' || s[n] == '-' || s[n] == '_')) {
    dot |= s[n] == '.';
    n++;
  }
  while (n && s[n - 1] == '.')
    n--;
  if (!dot || n == 0 || !g_ascii_isalnum(s[0]))
    return NULL;
  char *host = g_ascii_strdown(s, (gssize)n);
  if (strchr(host, '.') == NULL) {
    g_free(host);
    return NULL;
  }
  return host;
}

bool
bn_prose_host_reason(const char *s, size_t len, char **host, bn_span *reply)
{
  static const char reason[] = " reason: ";
  const char *h = bn_strcasestr(s, len, " host: ");
  const char *why = h ? bn_strcasestr(h, len - (size_t)(h - s), reason) : NULL;
  if (why == NULL)
    return false;
  h += strlen(" host: ");
  *host = bn_prose_hostname(h, (size_t)(why - h));
  reply->p = why + strlen(reason);
  reply->len = len - (size_t)(reply->p - s);
  bn_span_trim(reply);
  return true;
}

bool
bn_prose_ends_in_colon(const bn_span *l)
{
  return (l->len > 1 && l->p[l->len - 1] == ':') ||
         (l->len > 3 && memcmp(l->p + l->len - 3, "\xEF\xBC\x9A", 3) == 0);
}

bool
bn_prose_quoted_answer(const char *s, size_t len, int *code, char status[16])
{
  while (len && (s[len - 1] == ' ' || s[len - 1] == '.' || s[len - 1] == '\n'))
    len--;
  if (len < 6 || s[len - 1] != '>')
    return false;
  const char *open = NULL;
  for (size_t i = len - 1; i-- > 0;)
    if (s[i] == '<') {
      open = s + i;
      break;
    }
  if (open == NULL || (size_t)(s + len - open) < 6 || !g_ascii_isdigit(open[1]) ||
      !g_ascii_isdigit(open[2]) || !g_ascii_isdigit(open[3]) || open[4] != ' ')
    return false;
  const char *inner = open + 1;
  size_t n = (size_t)(s + len - 1 - inner);
  *code = bn_find_reply_code(inner, n);
  if (!bn_find_status(inner, n, status))
    status[0] = '\0';
  return *code != 0;
}

/* The quote in the report's other languages ("Vom Remoteserver wurde '550
 * 5.1.1 ...' zurückgegeben.", "El servidor remoto devolvió '550 ...'",
 * "远程服务器返回“554 5.2.2 ...”"): a quote, ASCII or typographic, that
 * opens on a reply code and a status, up to the last closing quote of the
 * line; or that opens on a reply code alone ("'550 Requested action not
 * taken: mailbox unavailable'", a server without enhanced codes) and
 * closes on the line. */
bool
bn_prose_quoted_reply(const bn_span *l, bn_span *diag)
{
  static const char *const opens[] = {"'", "\xE2\x80\x9C", "\xE2\x80\x98", "\"",
                                      "\xC2\xAB", "\xE2\x80\x9E", "\xE3\x80\x8C"};
  static const char *const closes[] = {"'", "\xE2\x80\x9D", "\xE2\x80\x99", "\"",
                                       "\xC2\xBB", "\xE2\x80\x9C", "\xE3\x80\x8D"};
  const char *end = l->p + l->len;
  /* the first quote of the line that opens on a reply: the reply may
   * quote another in other marks ("... responded with: "421 4.2.1 ..."") */
  for (const char *o = l->p; o < end; o++) {
    /* every opening mark starts with a quote or a lead byte of U+0080.. */
    if (*o != '\'' && *o != '"' && (guchar)*o < 0xC2)
      continue;
    for (size_t q = 0; q < G_N_ELEMENTS(opens); q++) {
      size_t on = strlen(opens[q]), cn = strlen(closes[q]);
      if ((size_t)(end - o) < on || memcmp(o, opens[q], on) != 0)
        continue;
      const char *start = o + on;
      char status[16];
      size_t rest = (size_t)(end - start);
      if (bn_reply_code_at(start, rest) == 0)
        continue;
      bool coded = rest >= 9 && bn_find_status(start + 4, MIN(rest - 4, 12), status);
      const char *close = NULL;
      for (const char *c = end - MIN(cn, rest); c > start; c--)
        if (memcmp(c, closes[q], cn) == 0) {
          close = c;
          break;
        }
      if (!coded && close == NULL)
        continue;
      diag->p = start;
      diag->len = (size_t)((close ? close : end) - start);
      return true;
    }
  }
  return false;
}

/* Any byte outside ASCII ends an address too: the full-width marks that
 * part a Chinese or Japanese list ("；", "、", "，") and the words glued
 * to it. */
size_t
bn_prose_list_addresses(const char *s, size_t len, GPtrArray *out)
{
  size_t n = 0;
  const char *p = s, *end = s + len;
  while (p < end) {
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at == NULL)
      break;
    const char *a = at, *b = at;
    /* an apostrophe belongs to a local part ("o'neil@"); only one that
     * opens the address is a quote */
    while (a > p && !strchr(" \t<>;,\"(", a[-1]) && (guchar)a[-1] < 0x80)
      a--;
    while (a < at && *a == '\'')
      a++;
    while (b < end && !strchr(" \t<>;,\"')", *b) && (guchar)*b < 0x80)
      b++;
    char *addr = bn_address_clean(a, (size_t)(b - a));
    if (addr) {
      g_ptr_array_add(out, addr);
      n++;
    }
    p = b < end ? b + 1 : end;
  }
  return n;
}

void
bn_prose_add_line(bounce_recipient *rc, const char *s, size_t len)
{
  if (rc == NULL ||
      (rc->diagnostic && strnlen(rc->diagnostic, BN_PROSE_DIAG_MAX) >= BN_PROSE_DIAG_MAX))
    return;
  bn_prose_add_diagnostic(rc, s, len);
}

char *
bn_prose_squeeze_capped(const char *s, size_t len)
{
  return bn_squeeze_dup(s, bn_utf8_cut(s, len, BN_PROSE_DIAG_MAX));
}

/* One level of a multipart, and the multiparts inside it, for the first
 * leaf of type/subtype. */
static GMimePart *
find_part(GMimeObject *obj, const char *type, const char *subtype, int depth)
{
  if (obj == NULL || depth > 3)
    return NULL;
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart *mp = GMIME_MULTIPART(obj);
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n && i < 64; i++) {
      GMimePart *p = find_part(g_mime_multipart_get_part(mp, i), type, subtype, depth + 1);
      if (p)
        return p;
    }
    return NULL;
  }
  GMimeContentType *ct = g_mime_object_get_content_type(obj);
  if (GMIME_IS_PART(obj) && ct && g_mime_content_type_is_type(ct, type, subtype))
    return GMIME_PART(obj);
  return NULL;
}

bool
bn_prose_part(const bn_view *v, const char *type, const char *subtype, GString *out)
{
  GMimePart *p = find_part(g_mime_message_get_mime_part(v->msg), type, subtype, 0);
  if (p == NULL)
    return false;
  bn_part_text(p, out, 65536, 4096, v->report);
  return true;
}

/* ---- rejections sent by a delivery agent (Dovecot, Cyrus Sieve) ---- */

/* Reads the disposition notification: the final recipient, the host. */
static char *
mdn_recipient(const bn_view *v, bounce_report *r, char **original)
{
  GString *mdn = g_string_new(NULL);
  char *addr = NULL;
  *original = NULL;
  if (bn_prose_part(v, "message", "disposition-notification", mdn)) {
    bn_lines it;
    bn_span l, name, value;
    bn_lines_init(&it, mdn->str, mdn->len);
    while (bn_lines_next(&it, &l)) {
      if (!bn_dsn_field(&l, &name, &value))
        continue;
      bn_dsn_value_unfold(&it, &value);
      if (name.len == 15 && g_ascii_strncasecmp(name.p, "Final-Recipient", 15) == 0 && !addr) {
        const char *semi = memchr(value.p, ';', value.len);
        const char *a = semi ? semi + 1 : value.p;
        addr = bn_address_clean(a, (size_t)(value.p + value.len - a));
      } else if (name.len == 18 && g_ascii_strncasecmp(name.p, "Original-Recipient", 18) == 0 &&
                 !*original) {
        const char *semi = memchr(value.p, ';', value.len);
        const char *a = semi ? semi + 1 : value.p;
        *original = bn_address_clean(a, (size_t)(value.p + value.len - a));
      } else if (name.len == 12 && g_ascii_strncasecmp(name.p, "Reporting-UA", 12) == 0 &&
                 r->reporting_mta == NULL) {
        const char *semi = memchr(value.p, ';', value.len);
        if (semi && semi > value.p)
          bn_set_strn(&r->reporting_mta, value.p, (size_t)(semi - value.p));
      }
    }
  }
  g_string_free(mdn, TRUE);
  return addr;
}

/* Where the reason starts in a text of the administrator's own
 * (rejection_reason rewritten, so without the default's words): under the
 * line naming the recipient when the text's head has one ("Votre message
 * pour <%t> a été refusé :%n%r"), else the whole text is the reason ("%r"). */
static const char *
own_template_reason(const GString *t, const char *addr, const char *original)
{
  const char *names = NULL;
  for (int i = 0; i < 2 && names == NULL; i++) {
    const char *a = i == 0 ? addr : original;
    if (a && *a)
      names = bn_strcasestr(t->str, MIN(t->len, 1024), a);
  }
  const char *nl = names ? memchr(names, '\n', t->len - (size_t)(names - t->str)) : NULL;
  if (nl == NULL)
    return t->str;
  for (const char *p = nl; p < t->str + t->len; p++)
    if (!g_ascii_isspace(*p))
      return nl + 1;
  return t->str;
}

static bool rejection_finish(const bn_view *v, bounce_report *r, char *addr, char *original,
                             const char *reason);

bool
bn_prose_rejection(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  static const char *const rejected = "was automatically rejected";
  static const char *const old_reason = "The following reason was given:";
  const char *line = bn_prose_find_line(t->str, MIN(t->len, 4096), rejected);
  char *original = NULL;
  char *addr = NULL;
  const char *reason;
  if (line) {
    const char *nl = memchr(line, '\n', t->len - (size_t)(line - t->str));
    reason = nl ? nl + 1 : t->str + t->len;
    size_t line_len = (size_t)(reason - line);
    /* "Your message to <addr> was automatically rejected:" names the recipient */
    const char *lt = memchr(line, '<', line_len);
    if (lt) {
      const char *gt = memchr(lt, '>', line_len - (size_t)(lt - line));
      if (gt)
        addr = bn_address_clean(lt + 1, (size_t)(gt - lt - 1));
    }
    char *mdn_addr = mdn_recipient(v, r, &original);
    if (addr == NULL) {
      addr = mdn_addr;
      mdn_addr = NULL;
    }
    g_free(mdn_addr);
    if (addr == NULL && bn_report_count(r) == 1)
      addr = g_strdup(bn_report_rcpt(r, 0)->address);
    /* Dovecot 1.0 puts the reason after a sentence of its own */
    const char *given = bn_strcasestr(reason, t->len - (size_t)(reason - t->str), old_reason);
    if (given && given - reason < 200)
      reason = given + strlen(old_reason);
  } else {
    /* the agent's own words rewritten: the notification names the recipient */
    addr = mdn_recipient(v, r, &original);
    if (addr == NULL) {
      g_free(original);
      return false;
    }
    reason = own_template_reason(t, addr, original);
  }
  return rejection_finish(v, r, addr, original, reason);
}

bool
bn_prose_rejection_under_lead(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  char *original = NULL;
  char *addr = mdn_recipient(v, r, &original);
  if (addr == NULL) {
    g_free(original);
    return false;
  }
  const char *nl = memchr(t->str, '\n', t->len);
  const char *reason = nl ? nl + 1 : t->str;
  return rejection_finish(v, r, addr, original, reason);
}

/* The end of both: addr and original (taken, may be NULL) get the reason,
 * from reason (inside v->text) on, as their diagnostic. */
static bool
rejection_finish(const bn_view *v, bounce_report *r, char *addr, char *original,
                 const char *reason)
{
  const GString *t = v->text;
  size_t rlen = MIN(t->len - (size_t)(reason - t->str), 2048);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  if (rc && original && rc->original_recipient == NULL)
    bn_set_str(&rc->original_recipient, original);
  g_free(original);
  if (rc == NULL)
    return false;
  bn_set_str(&rc->diagnostic, NULL);
  bn_prose_add_diagnostic(rc, reason, rlen);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  /* Words of the agent's own (a quota) name their cause; any other reason
   * is what the recipient's Sieve script wrote in its "reject": the
   * recipient's filter refused the message. */
  if (rc->diagnostic && bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) ==
                            BOUNCE_CAUSE_UNDEFINED &&
      (rc->status == NULL || bn_status_cause(rc->status) == BOUNCE_CAUSE_UNDEFINED))
    bn_prose_set_cause(rc, BOUNCE_CAUSE_FILTERED);
  return true;
}
