/* Phrase tables as the classifier and the provider layer match them: a
 * phrase is written as text is ("mailbox is full"), and both go through
 * spaced() so that punctuation stands apart and a phrase matches whole
 * words. The matcher itself is match.c's. */
#include "reason.h"
#include <string.h>

static bool
word_byte(guchar c)
{
  return g_ascii_isalnum(c);
}

/* A letter of an alphabet that writes its words apart, where a phrase
 * matches whole words as in English ("вирус" is not the end of
 * "антивирус"). Japanese, Chinese, Thai and the rest run their words
 * together, and Korean, Arabic and Hebrew join particles to them: there a
 * phrase matches anywhere. */
static bool
word_char(gunichar ch)
{
  if (ch < 0x80)
    return word_byte((guchar)ch);
  if (!g_unichar_isalnum(ch))
    return false;
  switch (g_unichar_get_script(ch)) {
  case G_UNICODE_SCRIPT_LATIN:
  case G_UNICODE_SCRIPT_GREEK:
  case G_UNICODE_SCRIPT_CYRILLIC:
  case G_UNICODE_SCRIPT_ARMENIAN:
  case G_UNICODE_SCRIPT_GEORGIAN:
    return true;
  default:
    return false;
  }
}

/* Turkish writes the capital of "ı" as "I" and that of "i" as "İ",
 * which folds to "i" and a combining dot: both are read as "i", so that
 * "KULLANICI BULUNAMADI" and "GEÇERSİZ ALICI" meet the phrases written in
 * lower case. Returns the bytes of s consumed (0: neither), with *keep
 * the letter written for them (0: none). */
static size_t
turkish_i(const char *s, size_t left, char before, char *keep)
{
  if (left < 2)
    return 0;
  if ((guchar)s[0] == 0xC4 && (guchar)s[1] == 0xB1) { /* "ı" */
    *keep = 'i';
    return 2;
  }
  if ((guchar)s[0] == 0xCC && (guchar)s[1] == 0x87 && before == 'i') { /* the dot of "İ" */
    *keep = 0;
    return 2;
  }
  return 0;
}

/* Typographic quotes written as their ASCII forms; returns the bytes of s
 * consumed (0 when s does not start with one). */
static size_t
typographic(const char *s, size_t left, char *ascii)
{
  if (left >= 3 && (guchar)s[0] == 0xE2 && (guchar)s[1] == 0x80) {
    guchar c = (guchar)s[2];
    if (c == 0x98 || c == 0x99) {
      *ascii = '\'';
      return 3;
    }
    if (c == 0x9C || c == 0x9D) {
      *ascii = '"';
      return 3;
    }
  }
  return 0;
}

/* Letters outside ASCII are folded too ("Пользователь", "Überschritten");
 * ASCII case is left to the matcher. If *s (*len bytes) holds valid UTF-8
 * outside ASCII, points *s at its folded copy, which is returned to be
 * freed; else returns NULL. */
static char *
casefold_non_ascii(const char **s, size_t *len)
{
  for (size_t i = 0; i < *len; i++)
    if ((guchar)(*s)[i] >= 0x80) {
      if (!g_utf8_validate(*s, (gssize)*len, NULL))
        return NULL;
      char *folded = g_utf8_casefold(*s, (gssize)*len);
      *s = folded;
      *len = strlen(folded);
      return folded;
    }
  return NULL;
}

/* Appends the character outside ASCII at s (len bytes of valid UTF-8
 * left) to g; returns how many bytes it took. Letters (and the marks on
 * them) make words, anything else parts them as ASCII punctuation does. */
static size_t
append_unicode(GString *g, const char *s, size_t len)
{
  char keep;
  size_t n = turkish_i(s, len, g->str[g->len - 1], &keep);
  if (n) {
    if (keep)
      g_string_append_c(g, keep);
    return n;
  }
  gunichar ch = g_utf8_get_char(s);
  n = (size_t)(g_utf8_next_char(s) - s);
  if (g_unichar_isalnum(ch) || g_unichar_ismark(ch)) {
    g_string_append_len(g, s, (gssize)n);
  } else if (g_unichar_isspace(ch)) {
    g_string_append_c(g, ' ');
  } else {
    g_string_append_c(g, ' ');
    g_string_append_len(g, s, (gssize)n);
    g_string_append_c(g, ' ');
  }
  return n;
}

/* Appends the byte c to g: a word byte as it is, a space (or NUL) as one
 * space, punctuation as a word of its own. keep_gaps keeps '*' in words. */
static void
append_ascii(GString *g, char c, bool keep_gaps)
{
  guchar u = (guchar)c;
  if (u >= 0x80 || word_byte(u) || (keep_gaps && c == '*')) {
    g_string_append_c(g, c);
  } else if (g_ascii_isspace(c) || c == '\0') {
    g_string_append_c(g, ' ');
  } else {
    g_string_append_c(g, ' ');
    g_string_append_c(g, c);
    g_string_append_c(g, ' ');
  }
}

/* Text as the matcher reads it: every punctuation mark stands alone
 * between spaces and the whole is framed by spaces, so that a phrase
 * written " spam " matches the word and not "Spamhaus". Patterns go
 * through the same function (keep_gaps: '*' stays a gap marker). */
static GString *
spaced(const char *s, size_t len, bool keep_gaps)
{
  char *folded = casefold_non_ascii(&s, &len);
  GString *g = g_string_sized_new(len + len / 4 + 2);
  g_string_append_c(g, ' ');
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    char q;
    size_t n = typographic(s + i, len - i, &q);
    if (n) {
      c = q;
      i += n - 1;
    } else if (folded && (guchar)c >= 0x80) {
      i += append_unicode(g, s + i, len - i) - 1;
      continue;
    }
    append_ascii(g, c, keep_gaps);
  }
  g_string_append_c(g, ' ');
  g_free(folded);
  return g;
}

/* The first or the last character of p[0..len), which is UTF-8 or not. */
static gunichar
end_char(const char *p, size_t len, bool last)
{
  const char *at = last ? g_utf8_find_prev_char(p, p + len) : p;
  gunichar ch = at ? g_utf8_get_char_validated(at, (gssize)(p + len - at)) : (gunichar)-1;
  return ch < 0x110000 ? ch : (guchar)*at;
}

/* One phrase of a table as a matcher pattern: spaced like the text, with a
 * word boundary at each end that starts or ends with a letter or digit of
 * an alphabet that writes words apart (word_char), unless a '%' lifts it. */
static char *
pattern_of(const char *phrase)
{
  size_t len = strlen(phrase);
  bool open_start = len && phrase[0] == '%';
  bool open_end = len > 1 && phrase[len - 1] == '%';
  const char *p = phrase + open_start;
  size_t plen = len - open_start - open_end;
  GString *g = spaced(p, plen, true);
  /* spaced() framed it in spaces; drop the frame where no boundary is
   * wanted: an open end, or a byte that is not part of a word. */
  gunichar first = plen ? end_char(p, plen, false) : 0;
  gunichar last = plen ? end_char(p, plen, true) : 0;
  bool start_word = plen && word_char(first) && !open_start;
  bool end_word = plen && word_char(last) && !open_end;
  bool start_punct = plen && !g_unichar_isalnum(first) && !g_unichar_ismark(first) && first != '*';
  bool end_punct = plen && !g_unichar_isalnum(last) && !g_unichar_ismark(last) && last != '*';
  if (!end_word && !end_punct)
    g_string_truncate(g, g->len - 1);
  if (!start_word && !start_punct)
    g_string_erase(g, 0, 1);
  return g_string_free(g, FALSE);
}

bn_phrase_set *
bn_phrase_set_new(const char *const *phrases, size_t n)
{
  char **pats = g_new0(char *, n + 1);
  for (size_t i = 0; i < n; i++)
    pats[i] = pattern_of(phrases[i]);
  bn_matcher *m = bn_matcher_new((const char *const *)pats, n);
  g_strfreev(pats);
  return m;
}

void
bn_phrase_set_free(bn_phrase_set *set)
{
  bn_matcher_free(set);
}

bool
bn_phrase_set_scan(const bn_phrase_set *set, const char *text, size_t len, bool *hits)
{
  size_t n = bn_matcher_size(set);
  if (n == 0)
    return false;
  if (text == NULL || len == 0) {
    memset(hits, 0, n * sizeof(bool));
    return false;
  }
  GString *g = spaced(text, len, false);
  bool any = bn_matcher_scan(set, g->str, g->len, hits);
  g_string_free(g, TRUE);
  return any;
}
