/* Which legacy charset 8-bit text is in when nothing says (no label, or a
 * label that does not decode it), for the mail that omits it most: old
 * Japanese, Chinese and Russian MTAs and web mails.
 *
 * Only a sample at the start is looked at, and only what its 8-bit bytes
 * say. Japanese is told by kana, which Chinese text has none of although
 * GB2312 and EUC-JP share their byte space; Chinese by ideographs once the
 * kana test failed; Russian by long runs of bytes 0xC0-0xFF (words), which
 * Western Latin-1 text, with an accent here and there, does not have, and
 * KOI8-R from windows-1251 by case: both put one case at 0xC0-0xDF and the
 * other at 0xE0-0xFF, KOI8-R lowercase first, windows-1251 uppercase
 * first. A capitalised word ("Xxxx") reads as "xXXX" in the wrong one,
 * which text never has; with none, lowercase is the more frequent.
 * Korean (EUC-KR) and Traditional Chinese (Big5) are read by GB18030 too,
 * as nonsense: Korean is told by Hangul, Big5 by its second bytes in the
 * ASCII range, which GB2312 never has; both are asked before GB18030.
 * Other single-byte alphabets (Greek, Hebrew, Arabic, Thai, Central
 * European) pass the Russian or the Western byte tests: each reading of
 * the sample is then scored by its languages' frequent letters. */
#include "private.h"
#include <stdint.h>
#include <string.h>

enum { SAMPLE = 4096 };

/* What a strict decoding of the sample gave: its non-ASCII characters,
 * how many are kana, how many belong to Chinese or Japanese writing. */
typedef struct {
  size_t wide, kana, han, hangul;
} cjk_count;

static bool
is_kana(gunichar c)
{
  return c >= 0x3041 && c <= 0x30ff; /* full-width only: half-width is also a Cyrillic mis-read */
}

static bool
is_han(gunichar c)
{
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) ||
         (c >= 0xff01 && c <= 0xff5e);
}

/* false when the sample is not in charset: a bad byte, or a character cut
 * anywhere but at the end of a sample that was cut. */
static bool
count_cjk(const char *s, size_t len, bool cut, const char *charset, cjk_count *n)
{
  char *out = bn_iconv_strict(s, len, charset, cut);
  if (out == NULL)
    return false;
  *n = (cjk_count){0, 0, 0, 0};
  for (const char *p = out; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c < 0x80)
      continue;
    n->wide++;
    n->kana += is_kana(c);
    n->han += is_han(c) || is_kana(c);
    n->hangul += c >= 0xac00 && c <= 0xd7a3;
  }
  g_free(out);
  return n->wide > 0;
}

/* Japanese: kana make an eighth or more of the non-ASCII characters.
 * *euc_jp tells whether the sample is EUC-JP at all. */
static const char *
guess_japanese(const char *s, size_t len, bool cut, bool *euc_jp)
{
  static const char *const charsets[] = {"EUC-JP", "SHIFT_JIS"};
  const char *best = NULL;
  size_t best_kana = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(charsets); i++) {
    cjk_count n;
    bool ok = count_cjk(s, len, cut, charsets[i], &n);
    if (i == 0)
      *euc_jp = ok;
    if (ok && n.kana * 8 >= n.wide && n.kana > best_kana) {
      best = charsets[i];
      best_kana = n.kana;
    }
  }
  return best;
}

/* What the 8-bit bytes look like, in one pass. */
typedef struct {
  size_t high;    /* bytes 0x80-0xFF */
  size_t letters; /* bytes 0xC0-0xFF: Cyrillic letters in both charsets */
  size_t in_words; /* of those, in a run of three or more 8-bit bytes */
  size_t c0_df;   /* lowercase if KOI8-R, uppercase if windows-1251 */
  size_t koi8_caps;   /* runs 0xE0-0xFF then only 0xC0-0xDF: "Xxxx" in KOI8-R */
  size_t cp1251_caps; /* runs 0xC0-0xDF then only 0xE0-0xFF: "Xxxx" in windows-1251 */
  size_t paired;  /* in a run of an even number of 8-bit bytes */
  size_t alone;   /* between two ASCII bytes */
  size_t short_runs; /* in a run of one or two 8-bit bytes */
} byte_shape;

static void
shape_bytes(const unsigned char *s, size_t len, byte_shape *b)
{
  *b = (byte_shape){0, 0, 0, 0, 0, 0, 0, 0, 0};
  size_t run = 0, run_letters = 0;
  size_t rest_low = 0, rest_high = 0; /* after a run's first byte: 0xC0-0xDF, 0xE0-0xFF */
  unsigned char first = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && s[i] >= 0x80) {
      b->high++;
      run++;
      run_letters += s[i] >= 0xc0;
      b->c0_df += s[i] >= 0xc0 && s[i] <= 0xdf;
      if (run == 1)
        first = s[i];
      else if (s[i] >= 0xe0)
        rest_high++;
      else if (s[i] >= 0xc0)
        rest_low++;
      continue;
    }
    if (run >= 2 && first >= 0xe0 && rest_low == run - 1)
      b->koi8_caps++;
    if (run >= 2 && first >= 0xc0 && first <= 0xdf && rest_high == run - 1)
      b->cp1251_caps++;
    rest_low = rest_high = 0;
    b->letters += run_letters;
    if (run >= 3)
      b->in_words += run_letters;
    if (run % 2 == 0)
      b->paired += run;
    b->alone += run == 1;
    if (run <= 2)
      b->short_runs += run;
    run = run_letters = 0;
  }
}

/* Russian: nine in ten 8-bit bytes are letters and two thirds of those
 * stand in words spelt wholly in them. */
static const char *
guess_cyrillic(const byte_shape *b)
{
  if (b->letters * 10 < b->high * 9 || b->in_words * 3 < b->letters * 2)
    return NULL;
  if (b->koi8_caps != b->cp1251_caps)
    return b->koi8_caps > b->cp1251_caps ? "KOI8-R" : "windows-1251";
  return b->c0_df * 2 > b->letters ? "KOI8-R" : "windows-1251";
}

/* Western: accented letters (0xC0-0xFF) one or two at a time in ASCII
 * words, as in "r\xe9essayez" or "informa\xe7\xe3o", which Shift_JIS
 * would read as kanji. A CJK text's 8-bit bytes come in longer runs, or in
 * pairs; Shift_JIS leads are mostly below 0xC0. */
static const char *
guess_western(const byte_shape *b)
{
  if (b->short_runs * 10 < b->high * 9 || b->alone * 2 < b->high || b->letters * 4 < b->high * 3)
    return NULL;
  return "windows-1252";
}

/* Accents one at a time inside ASCII words, every one of them a letter in
 * Latin-1 ("r\xe9essayez", "Gr\xf6\xdfe" no: that is a pair): Western
 * text that needs no reading to tell. Polish and Czech have letters at
 * 0xA1-0xBF in ISO-8859-2 ("u\xbfytkownik"), other alphabets runs. */
static bool
plainly_western(const byte_shape *b)
{
  return b->alone == b->high && b->letters == b->high;
}

/* The two-byte characters GBK's code space allows: a lead 0x81-0xFE, then
 * 0x80-0xFE, or 0x40-0x7E (the characters GBK added to GB2312), unless
 * the lead follows an ASCII letter: an accented letter inside a Latin
 * word ("R\xe9sum\xe9") is no lead. */
typedef struct {
  size_t high;   /* 8-bit bytes inside such pairs */
  size_t chars;  /* pairs */
  size_t rare;   /* pairs led by 0xD0-0xF4: JIS X 0208's second-level kanji */
  size_t added;  /* pairs with an ASCII second byte */
} gbk_pairs;

static void
count_gbk_pairs(const unsigned char *u, size_t len, gbk_pairs *g)
{
  *g = (gbk_pairs){0, 0, 0, 0};
  for (size_t i = 0; i + 1 < len; i++) {
    if (u[i] < 0x81 || u[i] == 0xff)
      continue;
    unsigned char t = u[i + 1];
    bool ascii_second = t >= 0x40 && t <= 0x7e && !(i > 0 && g_ascii_isalpha(u[i - 1]));
    if (!ascii_second && (t < 0x80 || t == 0xff))
      continue;
    g->chars++;
    g->high += 1 + (t >= 0x80);
    g->rare += u[i] >= 0xd0 && u[i] <= 0xf4;
    g->added += t < 0x80;
    i++;
  }
}

/* Chinese: three quarters of the 8-bit bytes go in GBK pairs, GB2312's
 * (both bytes 8-bit) at least half of them, and
 * ideographs and CJK punctuation make three quarters of what they say.
 * A few kanji with no kana ("\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0") may
 * still be Japanese: they are left to EUC-JP when it reads them; so are
 * more when under one in ten is led by 0xD0-0xF4, rare second-level kanji
 * in EUC-JP but in GB2312 the first level's pinyin x-z ("\xd6\xd0",
 * "\xd4\xda", "\xd2\xbb"), which Chinese text is full of. */
static const char *
guess_chinese(const char *s, size_t len, bool cut, const byte_shape *b, bool euc_jp)
{
  enum { FEW = 6 };
  gbk_pairs g;
  count_gbk_pairs((const unsigned char *)s, len, &g);
  cjk_count n;
  /* Shift_JIS kanji have those ASCII second bytes too (its "\x95\x73" is
   * U+4E0D): text it reads as ideographs is Japanese with no kana, left to
   * the Japanese fallback; Chinese read by it turns to half-width
   * katakana, whose bytes are GB2312's leads 0xA1-0xDF. */
  if (g.added > 0 && count_cjk(s, len, cut, "SHIFT_JIS", &n) && n.han * 4 >= n.wide * 3)
    return NULL;
  if (g.high * 4 >= b->high * 3 && g.added * 2 <= g.chars && count_cjk(s, len, cut, "GB18030", &n) &&
      n.han * 4 >= n.wide * 3 && (!euc_jp || (n.han >= FEW && g.rare * 10 >= g.chars)))
    return "GB18030";
  return NULL;
}

/* Korean: nine in ten characters are Hangul syllables. GB2312 text read
 * as EUC-KR, where both share their bytes, spreads over rows that are
 * Hanja or unassigned in EUC-KR. Read as CP949 (Windows' Unified Hangul
 * Code, EUC-KR with the syllables KS X 1001 lacks, "\x8c\x63" for U+B620):
 * Korean mail programs write those too, which fail a strict EUC-KR. */
static bool
mostly_hangul(const char *s, size_t len, bool cut, const byte_shape *b, size_t few)
{
  cjk_count n;
  return b->paired * 4 >= b->high * 3 && count_cjk(s, len, cut, "CP949", &n) &&
         n.hangul >= few && n.hangul * 10 >= n.wide * 9;
}

static const char *
guess_korean(const char *s, size_t len, bool cut, const byte_shape *b)
{
  enum { FEW = 4 };
  return mostly_hangul(s, len, cut, b, FEW) ? "CP949" : NULL;
}

/* Traditional Chinese in Big5: an eighth or more of its two-byte
 * characters end in a byte 0x40-0x7E, which breaks the pairs the GB2312
 * test counts, and an eighth or more in 0xA1-0xFE (its code space gives
 * the two ranges 63 and 94 second bytes: text has both); ideographs make
 * three quarters of what it says. Latin-1 text has the same second
 * bytes (an accented letter before a letter, "informações" a pair of them)
 * and decodes as ideographs, but its accented letters sit inside words:
 * half or more after an ASCII letter is not Big5. */
static const char *
guess_big5(const char *s, size_t len, bool cut)
{
  enum { FEW = 4 };
  const unsigned char *u = (const unsigned char *)s;
  size_t chars = 0, low_second = 0, high_second = 0, in_word = 0;
  for (size_t i = 0; i + 1 < len; i++) {
    if (u[i] < 0x80)
      continue;
    chars++;
    /* a letter of its own before it (not a pair's second byte) */
    in_word += i > 0 && g_ascii_isalpha(u[i - 1]) && (i < 2 || u[i - 2] < 0x80);
    low_second += u[i + 1] >= 0x40 && u[i + 1] <= 0x7e;
    high_second += u[i + 1] >= 0xa1;
    i++;
  }
  cjk_count n;
  if (low_second < FEW / 2 || low_second * 8 < chars || high_second * 8 < chars ||
      in_word * 2 >= chars)
    return NULL;
  if (count_cjk(s, len, cut, "BIG5", &n) && n.han >= FEW && n.han * 4 >= n.wide * 3)
    return "BIG5";
  return NULL;
}

/* Single-byte charsets for alphabets, each with the letters that make a
 * good share of any text in its languages (the most frequent ones, lower
 * case). The byte counts above tell a single-byte alphabet from CJK, not
 * one alphabet from another: Greek, Hebrew and Arabic text passes the
 * Cyrillic test too, and Polish or Czech the Western one. Read in the
 * wrong charset, the same bytes turn into rare letters or symbols
 * ("u\xbfytkownik" is "u\u00bfytkownik" in Latin-1), so the reading with
 * the most frequent letters wins. Latin letters count only beside an
 * ASCII letter, inside a word mostly ASCII: Arabic or Thai read as
 * Latin-1 makes words of accented letters alone ("\u00c7\u00e1\u00e3\u00d3").
 * Western comes first and takes ties: its letters are the accented ones
 * of French, German, Spanish, Portuguese and Italian, so a Western text
 * scores all its 8-bit letters there. */
static const struct {
  const char *charset;
  const char *common;
  bool latin;
} alphabets[] = {
  /* Spanish opens its questions and exclamations with "¿" and "¡"
   * (common_letters counts them before a word only): read as Polish "ż"
   * in ISO-8859-2 and windows-1250 they took Spanish text with few
   * accents */
  {"windows-1252", "àâäçèéêëìîïòôöùûüßñáíóúãõœ¿¡", true},
  {"ISO-8859-2", "ąęłśżźćńóčřšžůěáíéýť", true},
  {"windows-1250", "ąęłśżźćńóčřšžůěáíéýť", true},
  {"KOI8-R", "оеаинтсрвлкдмпу", false},
  {"windows-1251", "оеаинтсрвлкдмпу", false},
  {"ISO-8859-7", "αοιετσνηυρκπμλάέίόή", false},
  {"windows-1253", "αοιετσνηυρκπμλάέίόή", false},
  {"windows-1255", "יוהלרמתאבנשק", false},
  {"windows-1256", "اليمونهرتبةع", false},
  /* Thai's tone and vowel marks are as frequent as its letters */
  {"TIS-620", "านรอกเงมยลดทบไ\u0e48\u0e49\u0e31\u0e34\u0e35\u0e38", false},
};

/* How many of the sample's non-ASCII characters read in charset are
 * common letters of its languages, of *wide; 0 of SIZE_MAX when it does
 * not decode. */
static size_t
common_letters(const char *s, size_t len, bool cut, const char *charset, const char *common,
               bool latin, size_t *wide)
{
  char *out = bn_iconv_strict(s, len, charset, cut);
  *wide = SIZE_MAX; /* more than any count: not read at all */
  if (out == NULL)
    return 0;
  size_t n = 0, odd = 0;
  *wide = 0;
  char before = ' ';
  for (const char *p = out; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c < 0x80) {
      before = (char)c;
      continue;
    }
    (*wide)++;
    odd += !g_unichar_isalpha(c) && !g_unichar_ismark(c);
    bool in_word = g_ascii_isalpha(before) || g_ascii_isalpha(*g_utf8_next_char(p));
    /* "¿" and "¡" open a word, where Polish "ż" also stands inside one */
    bool opener = c == 0xbf || c == 0xa1;
    bool after_letter = g_ascii_isalpha(before);
    before = ' ';
    if (latin && (!in_word || (opener && after_letter)))
      continue;
    n += g_utf8_strchr(common, -1, c) != NULL; /* lower case: most letters are */
  }
  g_free(out);
  /* Text in another alphabet has its words of letters alone; CJK read as
   * one ("\u00b0\u0388\u0390\u03b8" for EUC-JP kanji in ISO-8859-7)
   * turns up signs among them. */
  if (!latin && odd * 10 >= *wide)
    return 0;
  return n;
}

/* The alphabet whose common letters make the most of the 8-bit text, and
 * a quarter of it at least (and a few, outside Latin); NULL when none
 * does. Cyrillic is one charset only, the one guess_cyrillic picked by
 * case, which tells KOI8-R from windows-1251 better. */
static const char *
guess_alphabet(const char *s, size_t len, bool cut, const char *cyrillic)
{
  enum { FEW = 6 }; /* a few kanji read as Thai or Greek letters have less */
  const char *best = NULL;
  size_t best_n = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(alphabets); i++) {
    bool is_cyrillic = strcmp(alphabets[i].charset, "KOI8-R") == 0 ||
                       strcmp(alphabets[i].charset, "windows-1251") == 0;
    if (is_cyrillic && (cyrillic == NULL || strcmp(alphabets[i].charset, cyrillic) != 0))
      continue;
    size_t wide = 0;
    size_t n = common_letters(s, len, cut, alphabets[i].charset, alphabets[i].common,
                              alphabets[i].latin, &wide);
    if (n > best_n && n * 4 >= wide && (alphabets[i].latin || n >= FEW)) {
      best = alphabets[i].charset;
      best_n = n;
    }
  }
  return best;
}

const char *
bn_charset_guess(const char *s, size_t len)
{
  bool cut = len > SAMPLE;
  if (cut)
    len = SAMPLE;
  byte_shape b;
  shape_bytes((const unsigned char *)s, len, &b);
  if (b.high == 0)
    return NULL; /* not 8-bit: a NUL, say, made it fail UTF-8 */
  /* Byte counts first; Japanese text fails them (kana leads are below
   * 0xC0 in both its charsets), so Russian costs no decoding. */
  const char *found = guess_cyrillic(&b);
  if (found != NULL) {
    const char *alphabet = guess_alphabet(s, len, cut, found);
    return alphabet ? alphabet : found;
  }
  bool euc_jp = false;
  if (found == NULL)
    found = guess_japanese(s, len, cut, &euc_jp);
  if (found == NULL)
    found = guess_korean(s, len, cut, &b);
  if (found == NULL)
    found = guess_big5(s, len, cut);
  if (found == NULL)
    found = guess_chinese(s, len, cut, &b, euc_jp);
  if (found == NULL) {
    const char *western = guess_western(&b);
    if (western != NULL && plainly_western(&b))
      return western;
    found = guess_alphabet(s, len, cut, NULL);
    if (found == NULL)
      found = western;
  }
  return found;
}

/* Label spellings of the alphabets' charsets, '-' and '_' left out. */
static const struct {
  const char *label;
  const char *charset;
} alphabet_labels[] = {
  {"iso88591", "windows-1252"},  {"latin1", "windows-1252"},       {"iso885915", "windows-1252"},
  {"windows1252", "windows-1252"}, {"cp1252", "windows-1252"},     {"iso88592", "ISO-8859-2"},
  {"latin2", "ISO-8859-2"},      {"windows1250", "windows-1250"}, {"cp1250", "windows-1250"},
  {"koi8r", "KOI8-R"},           {"windows1251", "windows-1251"}, {"cp1251", "windows-1251"},
  {"iso88597", "ISO-8859-7"},    {"windows1253", "windows-1253"}, {"cp1253", "windows-1253"},
  {"windows1255", "windows-1255"}, {"cp1255", "windows-1255"},     {"windows1256", "windows-1256"},
  {"cp1256", "windows-1256"},    {"tis620", "TIS-620"},
};

static int
alphabet_of_label(const char *label)
{
  char name[BN_CHARSET_SQUEEZED];
  if (!bn_charset_squeeze(label, name))
    return -1;
  for (size_t i = 0; i < G_N_ELEMENTS(alphabet_labels); i++) {
    if (strcmp(name, alphabet_labels[i].label) != 0)
      continue;
    for (size_t k = 0; k < G_N_ELEMENTS(alphabets); k++)
      if (strcmp(alphabets[k].charset, alphabet_labels[i].charset) == 0)
        return (int)k;
  }
  return -1;
}

/* plainly_western without counting: every 8-bit byte a Latin-1 letter
 * (0xC0-0xFF) between two ASCII bytes; the ASCII skipped eight at a time,
 * since this is asked of every Western notice with an accent. */
static bool
accents_alone(const unsigned char *s, size_t len)
{
  const guint64 high = 0x8080808080808080u;
  for (size_t i = 0; i < len; i++) {
    if (i + 8 <= len) {
      guint64 w;
      memcpy(&w, s + i, 8);
      if ((w & high) == 0) {
        i += 7;
        continue;
      }
    }
    if (s[i] >= 0x80 &&
        (s[i] < 0xc0 || (i > 0 && s[i - 1] >= 0x80) || (i + 1 < len && s[i + 1] >= 0x80)))
      return false;
  }
  return true;
}

static bool
cyrillic(const char *charset)
{
  return strcmp(charset, "KOI8-R") == 0 || strcmp(charset, "windows-1251") == 0;
}

/* Whether s read in charset has a letter in lower case outside ASCII. */
static bool
has_lower(const char *s, size_t len, bool cut, const char *charset)
{
  char *out = bn_iconv_strict(s, len, charset, cut);
  bool lower = false;
  for (const char *p = out; p && *p && !lower; p = g_utf8_next_char(p))
    lower = (unsigned char)*p >= 0x80 && g_unichar_islower(g_utf8_get_char(p));
  g_free(out);
  return lower;
}

/* Label spellings of Simplified Chinese, '-' and '_' left out. */
static const char *const chinese_labels[] = {"gb2312", "gbk", "gb18030", "euccn", "xeuccn",
                                             "csgb2312", "cp936", "windows936", "xgbk"};

/* Whether two spaces each stand between 8-bit bytes: Korean puts one
 * between its words, Chinese none between its characters. */
static bool
spaced_words(const unsigned char *s, size_t len)
{
  size_t n = 0;
  for (size_t i = 1; i + 1 < len && n < 2; i++)
    n += s[i] == ' ' && s[i - 1] >= 0x80 && s[i + 1] >= 0x80;
  return n >= 2;
}

/* Korean under a Chinese label: GBK reads every EUC-KR pair without an
 * error, the Hangul rows 0xB0-0xC8 being GB2312's first-level hanzi, so
 * the strict decode tells nothing. Read as CP949, Chinese text is Hangul
 * only where its lead falls in those rows, about half of its characters
 * (its second-level hanzi and more of its first are Hanja there, its
 * punctuation symbols); a short line can still be Hangul all through
 * ("\xb4\xf3\xbc\xd2", "大家" in GB2312, is "댕소" in CP949). So the label
 * is overruled only by nine in ten Hangul, more of them than the guess
 * asks of unlabelled text, and Korean's spaces between words. Of 22,525
 * Simplified Chinese message translations of eight characters or more
 * (the zh_CN catalogues of a Debian system) none passed; of 21,557
 * Korean ones in EUC-KR, 19,451 did. */
static bool
korean_under_chinese(const char *s, size_t len, bool cut)
{
  enum { FEW = 8 };
  if (!spaced_words((const unsigned char *)s, len))
    return false;
  byte_shape b;
  shape_bytes((const unsigned char *)s, len, &b);
  return mostly_hangul(s, len, cut, &b, FEW);
}

/* Whether every non-ASCII character of UTF-8 text is a Latin letter with
 * an accent (U+00C0 to U+024F) in a word or standing as one, no digit
 * beside it: French, Italian or Polish. What a two-byte charset reads
 * there, a kanji or hanzi inside a Latin word, is no text; its own text
 * passing as UTF-8 by chance reads as Cyrillic or Greek ('谢谢' is 'лл')
 * or follows a number ('年' is 'ǯ' in '2026年'). */
static bool
accents_in_words(const char *s, size_t len)
{
  gunichar prev = 0;
  for (const char *p = s, *end = s + len; p < end; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c >= 0x80) {
      const char *next = g_utf8_next_char(p);
      gunichar after = next < end ? g_utf8_get_char(next) : 0;
      if (c < 0xC0 || c > 0x24F || c == 0xD7 || c == 0xF7 || !g_unichar_isalpha(c) ||
          g_unichar_isdigit(prev) || g_unichar_isdigit(after))
        return false;
    }
    prev = c;
  }
  return true;
}

/* Whether UTF-8 text under a Chinese label is Russian: every non-ASCII
 * character a Cyrillic letter or punctuation, and the label's reading
 * not GB2312's own (GB2312 pairs bytes of 0xA1 and up only). GBK, which
 * mail programs label GB2312, reads Cyrillic UTF-8 as just as many hanzi,
 * but most Russian words hold a letter ('р' to 'я', 'А' to 'П') whose
 * second byte is below 0xA1: a rare ideograph GBK added, which Chinese
 * text, written in GB2312's 6,763, hardly uses. Chinese text passing as
 * UTF-8 by chance pairs GB2312 bytes only ('谢谢' is 'лл'). */
static bool
cyrillic_under_chinese(const char *s, size_t len, const char *charset)
{
  if (!bn_charset_in(charset, chinese_labels, G_N_ELEMENTS(chinese_labels)))
    return false;
  for (const char *p = s, *end = s + len; p < end; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    bool letter = c >= 0x400 && c <= 0x4FF && g_unichar_isalpha(c);
    if (c >= 0x80 && !letter && !g_unichar_ispunct(c)) /* Exchange quotes in '«»' */
      return false;
  }
  /* GBK's pairs as it reads them (iconv names GB2312 GBK, as GMime does) */
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i + 1 < len; i += u[i] >= 0x80 ? 2 : 1)
    if (u[i] >= 0x80 && (u[i] < 0xA1 || u[i + 1] < 0xA1))
      return true;
  return false;
}

/* Whether text under another charset's label is UTF-8 all the same: a
 * template or a gateway labels what it sends with its own charset (Latin-1,
 * KOI8-R, ISO-8859-2, Shift_JIS, GB2312) and the text is UTF-8. Valid UTF-8
 * with some non-ASCII, which the label either does not read at all or reads
 * as more characters: a letter of a one-byte charset before a C1 control
 * or a symbol, two-byte characters cutting through three-byte ones
 * ('例え' in Shift_JIS is '萓九∴'). Legacy text that passes as UTF-8 by
 * chance reads as many characters both ways ('谢谢' in GBK is 'лл'), and
 * keeps its label unless its UTF-8 reading is Latin words' accents
 * ('é' is one hanzi in GB2312 too: accents_in_words) or Russian needing
 * GBK's rare hanzi (cyrillic_under_chinese). An escape marks
 * ISO-2022 text, with raw UTF-8 lines among its own (view.c's utf8_runs).
 * The same holds for a header's encoded word ("=?iso-8859-1?B?...?=" over
 * UTF-8 bytes): bn_encoded_words_relabel asks this too. */
bool
bn_utf8_under_label(const char *s, size_t len, const char *charset)
{
  bool high = false;
  for (size_t i = 0; i < len && !high; i++)
    high = (unsigned char)s[i] >= 0x80;
  if (!high || memchr(s, 0x1b, len) != NULL || !g_utf8_validate(s, (gssize)len, NULL))
    return false;
  char *legacy = bn_iconv_strict(s, len, bn_charset_name(charset), false);
  glong theirs = legacy ? g_utf8_strlen(legacy, -1) : 0, mine = g_utf8_strlen(s, (gssize)len);
  bool utf8 = legacy == NULL || theirs > mine ||
              (theirs == mine &&
               (accents_in_words(s, len) || cyrillic_under_chinese(s, len, charset)));
  g_free(legacy);
  return utf8;
}

const char *
bn_charset_relabel(const char *s, size_t len, const char *label)
{
  bool cut = len > SAMPLE;
  size_t sample = cut ? SAMPLE : len;
  int own = label ? alphabet_of_label(label) : -1;
  if (own < 0 && label && bn_charset_in(label, chinese_labels, G_N_ELEMENTS(chinese_labels)))
    return korean_under_chinese(s, sample, cut) ? "CP949" : NULL;
  if (own < 0)
    return NULL; /* other multibyte labels are told wrong by the strict decode */
  if (strcmp(alphabets[own].charset, "windows-1252") == 0 &&
      accents_alone((const unsigned char *)s, sample))
    return NULL;
  size_t wide = 0;
  size_t mine = common_letters(s, sample, cut, alphabets[own].charset, alphabets[own].common,
                               alphabets[own].latin, &wide);
  /* The common case, a French or German notice with its accents in
   * words, costs one decoding of the sample and no guess: a wrong label
   * reads as rare letters, signs or flipped case (Polish "\u00b3" and
   * "\u00bf" in Latin-1; KOI8-R "пользователь" is "РПМШЪПЧБФЕМШ" in
   * windows-1251), three quarters of common letters never. */
  if (wide != SIZE_MAX && mine * 4 >= wide * 3)
    return NULL;
  const char *guess = bn_charset_guess(s, len);
  if (guess == NULL || strcmp(guess, alphabets[own].charset) == 0)
    return NULL;
  int other = alphabet_of_label(guess);
  if (other < 0)
    return guess; /* CJK: its guessers ask for a script's characters, not bytes */
  size_t theirs = common_letters(s, sample, cut, alphabets[other].charset, alphabets[other].common,
                                 alphabets[other].latin, &wide);
  /* A label is only overruled by a reading twice as good. Text in one
   * case only (Russian "ВНИМАНИЕ" in windows-1251 is KOI8-R "бмхлюмхе")
   * reads in the other Cyrillic charset as the other case: the case that
   * tells them apart says nothing, and the label stands. */
  if (cyrillic(alphabets[own].charset) && cyrillic(alphabets[other].charset) &&
      !has_lower(s, sample, cut, alphabets[own].charset))
    return NULL;
  return theirs > mine * 2 ? guess : NULL;
}
