/* Charset converters to UTF-8 kept open between messages.
 *
 * GMime 3 opens a new iconv descriptor on every call and glibc unloads a
 * charset's module (a dlopen'd library) soon after its last descriptor is
 * closed: a message whose text needed a charset guess (EUC-JP, Shift_JIS,
 * windows-1252) paid for loading and unloading three libraries, several
 * milliseconds each time. Here a few descriptors stay open, one caller at a
 * time uses each, and while one is open its module stays loaded for GMime's
 * own conversions too. A pthread mutex (not a GMutex) guards them, so that
 * ThreadSanitizer sees the locking. */
#include "private.h"
#include <errno.h>
#include <pthread.h>
#include <string.h>

enum { SLOTS = 24 };

typedef struct {
  char *from; /* iconv name of the charset, NULL when the slot is empty */
  iconv_t cd;
  bool busy;
} slot;

/* Charset names mail programs write that iconv does not know, or that
 * GMime maps to a smaller charset. */
static const struct {
  const char *label;
  const char *iconv_name;
} charset_aliases[] = {
  {"unicode-1-1-utf-7", "UTF-7"}, /* Exchange and Outlook.com */
  {"x-unicode-2-0-utf-7", "UTF-7"},
  {"x-sjis", "SHIFT_JIS"},
  {"shift-jis", "SHIFT_JIS"},
  {"x-euc-jp", "EUC-JP"},
  {"x-gbk", "GBK"},
  /* Microsoft's names for its code page 949, EUC-KR with the Hangul
   * syllables KS X 1001 lacks: GMime maps the first to EUC-KR, which
   * drops them */
  {"ks_c_5601-1987", "CP949"},
  {"ks_c_5601", "CP949"},
  {"x-windows-949", "CP949"},
  {"x-euc-kr", "EUC-KR"},
};

const char *
bn_charset_name(const char *label)
{
  for (size_t i = 0; i < G_N_ELEMENTS(charset_aliases); i++)
    if (g_ascii_strcasecmp(label, charset_aliases[i].label) == 0)
      return charset_aliases[i].iconv_name;
  return label;
}

bool
bn_charset_squeeze(const char *label, char name[BN_CHARSET_SQUEEZED])
{
  size_t n = 0;
  for (const char *c = label; *c; c++) {
    if (*c == '-' || *c == '_')
      continue;
    if (n + 1 == BN_CHARSET_SQUEEZED)
      return false;
    name[n++] = g_ascii_tolower(*c);
  }
  name[n] = '\0';
  return true;
}

bool
bn_charset_in(const char *label, const char *const *names, size_t n)
{
  char name[BN_CHARSET_SQUEEZED];
  if (!bn_charset_squeeze(label, name))
    return false;
  for (size_t i = 0; i < n; i++)
    if (strcmp(name, names[i]) == 0)
      return true;
  return false;
}

/* Charsets in which each ASCII byte but NUL stands for that ASCII
 * character, squeezed (bn_charset_squeeze), the families by a prefix every
 * member's name has: plain ASCII under one of these labels converts to
 * itself. Not UTF-7 ('+' opens base64), UTF-16 or UTF-32 (two or four
 * bytes a character), HZ (ASCII bytes shift to another set after "~{"),
 * EBCDIC (ibm037), VISCII (C0 controls are letters) nor Shift_JIS, whose
 * 0x5C and 0x7E glibc reads as JIS X 0201's U+00A5 and U+203E. The EUC
 * charsets, GBK and Big5 keep ASCII below 0x80. ISO-2022-JP (RFC 1468)
 * and ISO-2022-KR (RFC 1557) start in ASCII and leave it only at an escape
 * (ESC) or a shift (SO, SI): text with none of those bytes is ASCII
 * throughout. Not ISO-2022-CN, whose glibc converter refuses DEL.
 * tests/test-text.c converts every byte under each spelling. */
static const struct {
  const char *name;
  bool family; /* name is a prefix: iso8859 for iso-8859-1 to -16 */
  bool shifts; /* ASCII only until an ESC, SO or SI byte */
} ascii_charsets[] = {
  {"usascii", false, false},  {"ascii", false, false},     {"utf8", false, false},
  {"iso8859", true, false},   {"windows125", true, false}, {"cp125", true, false},
  {"koi8", true, false},      {"eucjp", false, false},     {"euckr", false, false},
  {"cp949", false, false},    {"gb2312", false, false},    {"gbk", false, false},
  {"gb18030", false, false},  {"big5", false, false},      {"iso2022jp", true, true},
  {"iso2022kr", false, true},
};

static bool
shifts_set(const char *s, size_t len)
{
  return memchr(s, 0x1b, len) || memchr(s, 0x0e, len) || memchr(s, 0x0f, len);
}

bool
bn_charset_ascii_same(const char *label, const char *s, size_t len)
{
  char name[BN_CHARSET_SQUEEZED];
  if (label == NULL || !bn_charset_squeeze(bn_charset_name(label), name))
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(ascii_charsets); i++) {
    const char *c = ascii_charsets[i].name;
    if (ascii_charsets[i].family ? strncmp(name, c, strlen(c)) == 0 : strcmp(name, c) == 0)
      return !ascii_charsets[i].shifts || !shifts_set(s, len);
  }
  return false;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SLOTS];
static unsigned evict_next;

iconv_t
bn_iconv_open(const char *from)
{
  const char *name = g_mime_charset_iconv_name(bn_charset_name(from));
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].from && !slots[i].busy && strcmp(slots[i].from, name) == 0) {
      slots[i].busy = true;
      iconv_t cd = slots[i].cd;
      pthread_mutex_unlock(&lock);
      iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
      return cd;
    }
  }
  pthread_mutex_unlock(&lock);
  return iconv_open("UTF-8", name);
}

void
bn_iconv_close(const char *from, iconv_t cd)
{
  if (cd == (iconv_t)-1)
    return;
  const char *name = g_mime_charset_iconv_name(bn_charset_name(from));
  iconv_t drop = (iconv_t)-1;
  char *drop_name = NULL;
  pthread_mutex_lock(&lock);
  int free_slot = -1;
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].from && slots[i].cd == cd) {
      slots[i].busy = false;
      pthread_mutex_unlock(&lock);
      return;
    }
    if (free_slot < 0 && slots[i].from == NULL)
      free_slot = i;
  }
  /* A new descriptor: keep it, in an empty slot or in place of an idle one. */
  for (int k = 0; free_slot < 0 && k < SLOTS; k++) {
    int i = (int)(evict_next++ % SLOTS);
    if (!slots[i].busy) {
      drop = slots[i].cd;
      drop_name = slots[i].from;
      free_slot = i;
    }
  }
  if (free_slot >= 0) {
    slots[free_slot] = (slot){g_strdup(name), cd, false};
    cd = (iconv_t)-1;
  }
  pthread_mutex_unlock(&lock);
  if (cd != (iconv_t)-1)
    iconv_close(cd); /* every slot busy */
  if (drop != (iconv_t)-1)
    iconv_close(drop);
  g_free(drop_name);
}

/* Strict, as a guess must be: the charset guessers and the decoding of
 * text that names no charset both try a charset by this, and one bad byte
 * rules it out. */
char *
bn_iconv_strict(const char *s, size_t len, const char *charset, bool cut)
{
  iconv_t cd = bn_iconv_open(charset);
  if (cd == (iconv_t)-1)
    return NULL;
  size_t cap = len * 4 + 16; /* no charset tried needs more than 4 bytes a byte */
  char *out = g_malloc(cap);
  char *in = (char *)s, *op = out;
  size_t inleft = len, outleft = cap - 1;
  bool ok;
  if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
    ok = iconv(cd, NULL, NULL, &op, &outleft) != (size_t)-1 && inleft == 0;
  else
    ok = cut && errno == EINVAL;
  bn_iconv_close(charset, cd);
  if (!ok) {
    g_free(out);
    return NULL;
  }
  *op = '\0';
  return out;
}

/* Whether text in charset can be converted at all. */
static bool
charset_known(const char *charset)
{
  iconv_t cd = bn_iconv_open(charset);
  bn_iconv_close(charset, cd);
  return cd != (iconv_t)-1;
}

/* The bytes an encoded word's text stands for ("B" or "Q"). */
static GByteArray *
word_bytes(char encoding, const char *text, size_t len)
{
  GByteArray *out = g_byte_array_sized_new((guint)len);
  if (encoding == 'b' || encoding == 'B') {
    g_byte_array_set_size(out, (guint)len);
    int state = 0;
    guint32 save = 0;
    out->len = (guint)g_mime_encoding_base64_decode_step((const unsigned char *)text, len,
                                                          out->data, &state, &save);
    return out;
  }
  for (size_t i = 0; i < len; i++) {
    guint8 c = (guint8)text[i];
    if (c == '_')
      c = ' ';
    else if (c == '=' && i + 2 < len && g_ascii_isxdigit(text[i + 1]) &&
             g_ascii_isxdigit(text[i + 2])) {
      c = (guint8)(g_ascii_xdigit_value(text[i + 1]) * 16 + g_ascii_xdigit_value(text[i + 2]));
      i += 2;
    }
    g_byte_array_append(out, &c, 1);
  }
  return out;
}

/* Whether an encoded word's bytes, valid UTF-8, are too few to outweigh
 * their label: one or two non-ASCII characters that the label reads as
 * letters. A legacy word passes as UTF-8 by chance ('её' in KOI8-R is
 * 'ţ', 'ﾉｳﾊｳ' in Shift_JIS 'ɳʳ', 'QQ群' in GB2312 'QQȺ'), where UTF-8
 * under a wrong label reads as a symbol or a C1 control ('RÃ©union'),
 * or has more characters (Cyrillic under GB2312). */
static bool
word_too_short(const GByteArray *b, const char *charset)
{
  const char *s = (const char *)b->data;
  glong wide = 0;
  for (const char *p = s, *end = s + b->len; p < end && wide < 3; p = g_utf8_next_char(p))
    wide += (unsigned char)*p >= 0x80;
  if (wide >= 3)
    return false;
  char *legacy = bn_iconv_strict(s, b->len, charset, false);
  bool letters = legacy != NULL;
  for (const char *p = legacy; letters && *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    letters = c < 0x80 || g_unichar_isalpha(c);
  }
  g_free(legacy);
  return letters;
}

/* The charset an encoded word's bytes are in when its label is wrong:
 * UTF-8 under another charset's label (bn_utf8_under_label), which a
 * gateway or a template writes as Latin-1, Shift_JIS or GB2312; else,
 * for a label no converter knows ("x-unknown", "unknown-8bit") or an
 * alias GMime does not map ("x-sjis"), the alias's, else UTF-8 when they
 * are that, else a guess; NULL when the label stands, or nothing fits. */
static const char *
word_charset(const char *label, char encoding, const char *text, size_t len)
{
  const char *alias = bn_charset_name(label);
  bool known = charset_known(alias);
  if (known && g_ascii_strcasecmp(alias, "UTF-8") == 0)
    return alias != label ? alias : NULL;
  GByteArray *b = word_bytes(encoding, text, len);
  const char *found = NULL;
  if (known && bn_utf8_under_label((const char *)b->data, b->len, alias) &&
      !word_too_short(b, alias))
    found = "UTF-8";
  else if (alias != label)
    found = alias;
  else if (!known)
    found = g_utf8_validate((const char *)b->data, (gssize)b->len, NULL)
                ? "UTF-8"
                : bn_charset_guess((const char *)b->data, b->len);
  g_byte_array_free(b, TRUE);
  return found;
}

/* One encoded word "=?label*lang?E?text?=" as written. */
typedef struct {
  const char *label; /* without RFC 2231's language */
  size_t label_len;
  char encoding;
  const char *text;
  size_t text_len;
  const char *end; /* just past the closing "?=" */
} encoded_word;

enum { WORD_NONE, WORD_FOUND, WORD_NO_MORE };

/* The encoded word at p ("=?"), if it is one; WORD_NO_MORE when no "?="
 * closes it, nor so any word after it. */
static int
word_at(const char *p, encoded_word *w)
{
  if (p[0] != '=' || p[1] != '?')
    return WORD_NONE;
  const char *cs = p + 2, *q1 = strchr(cs, '?');
  if (q1 == NULL || q1 == cs || q1[1] == '\0' || q1[2] != '?')
    return WORD_NONE;
  const char *text = q1 + 3, *close = strstr(text, "?=");
  if (close == NULL)
    return WORD_NO_MORE;
  size_t cs_len = (size_t)(q1 - cs);
  const char *star = memchr(cs, '*', cs_len);
  if (star)
    cs_len = (size_t)(star - cs);
  if (cs_len == 0 || cs_len > 40)
    return WORD_NONE;
  *w = (encoded_word){cs, cs_len, q1[1], text, (size_t)(close - text), close + 2};
  return WORD_FOUND;
}

static bool
word_is_b(const encoded_word *w)
{
  return w->encoding == 'b' || w->encoding == 'B';
}

/* Where the run of B words labelled as first is (only white space between
 * them) ends, past its last "?=", and in *broken whether the run needs
 * joining: GMime 3.2 (before jstedfast/gmime#133) decodes such a run as
 * one base64 text, and a word that does not end on a 4-character group
 * ("QUI=", as nearly every word of a split ISO-2022-JP subject) ends the
 * decoded text there. Each word is looked at once. */
static const char *
b_run_end(const encoded_word *first, bool *broken_out)
{
  encoded_word last = *first;
  bool broken = false;
  for (;;) {
    const char *n = last.end;
    while (*n == ' ' || *n == '\t' || *n == '\r' || *n == '\n')
      n++;
    encoded_word next;
    if (word_at(n, &next) != WORD_FOUND || !word_is_b(&next) ||
        next.label_len != first->label_len ||
        g_ascii_strncasecmp(next.label, first->label, first->label_len) != 0)
      break;
    if (last.text_len % 4 != 0 || memchr(last.text, '=', last.text_len))
      broken = true;
    last = next;
  }
  *broken_out = broken;
  return last.end;
}

/* The run of B words from first to last as one B word of their bytes
 * joined, which GMime decodes whole; the charset as word_charset finds
 * it for the joined bytes. */
static void
append_b_run(GString *out, const encoded_word *first, const char *run_end)
{
  GByteArray *bytes = g_byte_array_new();
  encoded_word w = *first;
  for (;;) {
    GByteArray *b = word_bytes('B', w.text, w.text_len);
    g_byte_array_append(bytes, b->data, b->len);
    g_byte_array_free(b, TRUE);
    if (w.end == run_end)
      break;
    const char *n = w.end;
    while (*n != '=')
      n++;
    if (word_at(n, &w) != WORD_FOUND)
      break; /* cannot happen: b_run_end read the same words */
  }
  char *text = g_base64_encode(bytes->data, bytes->len);
  g_byte_array_free(bytes, TRUE);
  char label[41];
  memcpy(label, first->label, first->label_len);
  label[first->label_len] = '\0';
  const char *charset = word_charset(label, 'B', text, strlen(text));
  g_string_append_printf(out, "=?%s?B?%s?=", charset ? charset : label, text);
  g_free(text);
}

char *
bn_encoded_words_relabel(const char *raw)
{
  if (raw == NULL || strstr(raw, "=?") == NULL)
    return NULL;
  GString *out = NULL;
  const char *copied = raw;
  /* the end of a run read as needing no joining: its later words, a run
   * of their own, need none either (asked again, a long run would be read
   * once per word) */
  const char *clean_until = raw;
  for (const char *p = strstr(raw, "=?"); p; p = strstr(p, "=?")) {
    encoded_word w;
    int found = word_at(p, &w);
    if (found == WORD_NO_MORE)
      break;
    if (found == WORD_NONE) {
      p += 2;
      continue;
    }
    const char *run_end = NULL;
    if (word_is_b(&w) && p >= clean_until) {
      bool broken;
      run_end = b_run_end(&w, &broken);
      if (!broken) {
        clean_until = run_end;
        run_end = NULL;
      }
    }
    if (run_end) {
      if (out == NULL)
        out = g_string_new(NULL);
      g_string_append_len(out, copied, (gssize)(p - copied));
      append_b_run(out, &w, run_end);
      copied = p = run_end;
      continue;
    }
    char label[41];
    memcpy(label, w.label, w.label_len);
    label[w.label_len] = '\0';
    const char *charset = word_charset(label, w.encoding, w.text, w.text_len);
    p = w.end - 2;
    if (charset == NULL) {
      p += 2;
      continue;
    }
    if (out == NULL)
      out = g_string_new(NULL);
    g_string_append_len(out, copied, (gssize)(w.label - copied));
    g_string_append(out, charset);
    copied = w.text - 3;
    p += 2;
  }
  if (out == NULL)
    return NULL;
  g_string_append(out, copied);
  return g_string_free(out, FALSE);
}

/* Whether s is ASCII with no encoded word: GMime's decoding gives it back
 * as it is (checked on every field of the corpus, tests and probes). */
static bool
decodes_to_itself(const char *s)
{
  if (strstr(s, "=?"))
    return false;
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80)
      return false;
  return true;
}

char *
bn_header_plain(const char *raw)
{
  char *unfolded = g_mime_utils_header_unfold(raw);
  if (decodes_to_itself(unfolded))
    return unfolded;
  g_free(unfolded);
  return NULL;
}

char *
bn_header_mended(const char *raw, bool fallback)
{
  char *unfolded = g_mime_utils_header_unfold(raw);
  if (decodes_to_itself(unfolded)) { /* most fields of a returned header */
    if (fallback)
      return unfolded;
    g_free(unfolded);
    return NULL;
  }
  char *fixed = bn_encoded_words_relabel(unfolded);
  char *value = fixed || fallback ? g_mime_utils_header_decode_text(NULL, fixed ? fixed : unfolded)
                                  : NULL;
  g_free(fixed);
  g_free(unfolded);
  return value;
}
