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

/* Text as the matcher reads it: every ASCII punctuation mark stands alone
 * between spaces and the whole is framed by spaces, so that a phrase
 * written " spam " matches the word and not "Spamhaus". Patterns go
 * through the same function (keep_gaps: '*' stays a gap marker). */
static GString *
spaced(const char *s, size_t len, bool keep_gaps)
{
  /* Letters outside ASCII are folded too ("Пользователь", "Überschritten");
   * ASCII case is left to the matcher. */
  char *folded = NULL;
  for (size_t i = 0; i < len; i++)
    if ((guchar)s[i] >= 0x80) {
      if (g_utf8_validate(s, (gssize)len, NULL)) {
        folded = g_utf8_casefold(s, (gssize)len);
        s = folded;
        len = strlen(folded);
      }
      break;
    }
  GString *g = g_string_sized_new(len + len / 4 + 2);
  g_string_append_c(g, ' ');
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    char q;
    size_t n = typographic(s + i, len - i, &q);
    if (n) {
      c = q;
      i += n - 1;
    }
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
  g_string_append_c(g, ' ');
  g_free(folded);
  return g;
}

/* One phrase of a table as a matcher pattern: spaced like the text, with a
 * word boundary at each end that starts or ends with a letter or digit,
 * unless a '%' lifts it. */
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
  bool start_word = plen && word_byte((guchar)p[0]) && !open_start;
  bool end_word = plen && word_byte((guchar)p[plen - 1]) && !open_end;
  bool start_punct = plen && !word_byte((guchar)p[0]) && (guchar)p[0] < 0x80 && p[0] != '*';
  bool end_punct = plen && !word_byte((guchar)p[plen - 1]) && (guchar)p[plen - 1] < 0x80 &&
                   p[plen - 1] != '*';
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
