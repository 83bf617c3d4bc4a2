/* The small comparisons the reader for unknown MTAs (fallback.c) makes
 * everywhere: prefixes, whole words, and addresses already seen. */
#include "fallback.h"
#include <string.h>

/* Whether s holds word as a whole word, not followed by the word unless
 * (when not NULL) after a space. */
bool
bn_fb_has_word_unless(const char *s, size_t len, const char *word, const char *unless)
{
  size_t n = strlen(word), u = unless ? strlen(unless) : 0;
  const char *end = s + len;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), word)) != NULL; p++) {
    /* a word that opens or ends with a mark ("'ll", "if ") is bounded
     * by it on that side */
    bool open = p == s || !bn_word_byte(p[-1]) || !bn_word_byte(word[0]);
    bool close = p + n == end || !bn_word_byte(p[n]) || !bn_word_byte(word[n - 1]);
    const char *q = p + n + 1;
    bool followed = unless && (size_t)(end - p) > n + u && p[n] == ' ' &&
                    g_ascii_strncasecmp(q, unless, u) == 0 &&
                    (q + u == end || !bn_word_byte(q[u]));
    if (open && close && !followed)
      return true;
  }
  return false;
}

bool
bn_fb_has_word(const char *s, size_t len, const char *word)
{
  return bn_fb_has_word_unless(s, len, word, NULL);
}

bool
bn_fb_has_any_word(const char *s, size_t len, const char *const *words)
{
  for (size_t i = 0; words[i]; i++)
    if (bn_fb_has_word(s, len, words[i]))
      return true;
  return false;
}

bool
bn_fb_listed(const GPtrArray *a, const char *addr)
{
  for (guint i = 0; i < a->len; i++)
    if (g_ascii_strcasecmp(g_ptr_array_index(a, i), addr) == 0)
      return true;
  return false;
}

/* The words in lower case between a given name and a family name ("Anna
 * van Dijk", "Jürgen von Berg", "Carla de la Cruz", "Luca di Stefano",
 * "João dos Santos"). */
static const char *const name_particles[] = {
  "van", "von", "der", "den", "ter", "ten", "zu", "de", "la", "le", "du", "del", "della", "di",
  "da", "dos", "das", "do", NULL,
};

static bool
is_particle(const char *b, const char *w)
{
  for (size_t i = 0; name_particles[i]; i++)
    if ((size_t)(w - b) == strlen(name_particles[i]) &&
        memcmp(b, name_particles[i], (size_t)(w - b)) == 0)
      return true;
  return false;
}

/* Whether the word b[0..w) opens as a name does: with a letter that is
 * not lower case ("Émile", "Øyvind", and a script with no case, "陈伟"),
 * where a word of the sentence ("à", "für", "été") opens with a small
 * one. */
static bool
opens_name(const char *b, const char *w)
{
  if ((guchar)*b < 0x80)
    return g_ascii_isupper(*b);
  gunichar c = g_utf8_get_char_validated(b, (gssize)(w - b));
  if (c == (gunichar)-1 || c == (gunichar)-2)
    return true;
  return !g_unichar_islower(c);
}

/* Where the name of up to four words that ends at end starts in s (the
 * display name before a mailbox: "Anna Smith <anna@...>"): words that each
 * open with a letter not in lower case and hold none of stops,
 * separated by spaces (an initial or a title may end with a '.'), and the
 * particles between them; end when the word before it is none. */
const char *
bn_fb_name_words(const char *s, const char *end, const char *stops)
{
  const char *start = end, *p = end;
  for (int words = 0; words < 4;) {
    const char *w = p;
    while (w > s && w[-1] == ' ')
      w--;
    const char *b = w;
    while (b > s && b[-1] != ' ')
      b--;
    if (b == w)
      break;
    /* a particle after a capitalised word, which the name still needs
     * before it to start there ("van Dijk" alone is no name) */
    if (start != end && is_particle(b, w)) {
      p = b;
      continue;
    }
    if (!opens_name(b, w))
      break;
    /* an initial or a title ("B. Miller", "Dr. Bob Miller", "Prof.") is
     * a word of the name, where a '.' elsewhere may end the sentence
     * ("... relayed from NY. Anna Smith <anna@...>") */
    bool abbreviation = w - b <= 5 && w[-1] == '.';
    for (const char *c = b + 1; abbreviation && c < w - 1; c++)
      abbreviation = g_ascii_islower(*c);
    bool plain = true;
    for (const char *c = b; c < w && plain; c++)
      plain = strchr(stops, *c) == NULL || (abbreviation && c == w - 1);
    if (!plain)
      break;
    start = p = b;
    words++;
  }
  return start;
}
