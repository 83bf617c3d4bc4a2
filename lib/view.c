/* Sorting a parsed message into the pieces of a bounce: its own prose, the
 * delivery-status and feedback parts, and the returned original. Only text
 * is decoded; images, attachments and the body of the returned message are
 * never decoded or scanned. */
#include "private.h"
#include <string.h>

/* What bn_view_once remembers: a result per test function. */
#define MEMO_SIZE 16

struct bn_view_memo {
  bool (*fn[MEMO_SIZE])(const bn_view *v);
  bool value[MEMO_SIZE];
  int n;
  gssize inline_at; /* bn_view_inline_copy's answer, -2 until asked */
};

static bool
is_type(GMimeContentType *ct, const char *type, const char *subtype)
{
  return ct && g_mime_content_type_is_type(ct, type, subtype);
}

const bn_report_type bn_report_types[] = {
    {"multipart", "report", false},
    {"message", "delivery-status", true},
    {"message", "global-delivery-status", true},
    {NULL, NULL, false},
};

/* Whether ct is a report's status part's. */
static bool
is_status_part(GMimeContentType *ct)
{
  for (size_t i = 0; bn_report_types[i].type; i++)
    if (bn_report_types[i].status_part &&
        is_type(ct, bn_report_types[i].type, bn_report_types[i].subtype))
      return true;
  return false;
}

/* Whether a report-type names a delivery report: its status part's subtype. */
static bool
delivery_report_type(const char *rt)
{
  for (size_t i = 0; bn_report_types[i].type; i++)
    if (bn_report_types[i].status_part && g_ascii_strcasecmp(rt, bn_report_types[i].subtype) == 0)
      return true;
  return false;
}

/* The end of o[start..w) without the spaces and tabs that end it, the line
 * being written: mail systems and gateways add or strip them at will. */
static size_t
trimmed_line_end(const char *o, size_t start, size_t w)
{
  while (w > start && (o[w - 1] == ' ' || o[w - 1] == '\t'))
    w--;
  return w;
}

/* Whether the word going on after the quote mark that ends at s[i] reaches
 * an '@' within the 64 octets of a local part (RFC 5321 4.5.3.1.1): after a
 * letter or digit the mark is then inside an address, and
 * "o\u2019brien@example.org" (RFC 6531) is not o'brien's address. */
static bool
in_local_part(const char *s, size_t i, size_t n)
{
  for (size_t k = i + 1; k < n && k <= i + 64; k++) {
    unsigned char c = (unsigned char)s[k];
    if (c == '@')
      return true;
    if (c <= ' ' || strchr("<>()[],;:\"", c))
      return false;
  }
  return false;
}

/* The plain character a writer's U+2018/U+2019 (0x98, 0x99) or
 * U+201C/U+201D (0x9C, 0x9D) quote mark stands for, from the last byte of
 * its E2 80 xx encoding; 0 for any other. */
static char
plain_quote(unsigned char last)
{
  switch (last) {
  case 0x98:
  case 0x99:
    return '\'';
  case 0x9C:
  case 0x9D:
    return '"';
  default:
    return 0;
  }
}

/* Rewrites in s[0..n) the typography a writer, or an HTML-to-text
 * conversion of &nbsp;, puts in place of the plain characters readers
 * compare words with: U+00A0 for a space (so "To:\u00a0user@..." gives the
 * address, not one opening with it), U+2018 and U+2019 for the apostrophe
 * ("I\u2019m sorry", "returned \u2018550 ...\u2019"), U+201C and U+201D
 * for the double quote (Postfix's 'unknown user: "x"', Exim's 'lookup of
 * host "x" failed' as a word processor writes them), but not inside an
 * address (in_local_part). Returns the new length; the text only shrinks. */
static size_t
plain_typography(char *s, size_t n)
{
  /* most text holds neither lead byte: nothing is moved, and memchr finds
   * that faster than a loop over the bytes */
  const char *c2 = memchr(s, 0xC2, n);
  const char *e2 = memchr(s, 0xE2, c2 ? (size_t)(c2 - s) : n);
  size_t r = e2 ? (size_t)(e2 - s) : c2 ? (size_t)(c2 - s) : n;
  size_t w = r;
  for (; r < n; r++) {
    unsigned char c = (unsigned char)s[r];
    if (c == 0xC2 && r + 1 < n && (unsigned char)s[r + 1] == 0xA0) {
      s[w++] = ' ';
      r++;
    } else if (c == 0xE2 && r + 2 < n && (unsigned char)s[r + 1] == 0x80 &&
               plain_quote((unsigned char)s[r + 2]) &&
               !(w > 0 && g_ascii_isalnum(s[w - 1]) && in_local_part(s, r + 2, n))) {
      s[w++] = plain_quote((unsigned char)s[r + 2]);
      r += 2;
    } else {
      s[w++] = s[r];
    }
  }
  return w;
}

/* Appends s[0..len) to out with \n line ends: CRLF and lone CR become \n,
 * NUL becomes a space, white space at the end of a line is dropped, and a
 * line longer than max_line is cut; in prose, typography is made plain
 * (plain_typography; not in fields or headers, where U+2019 may be part
 * of an address). Runs of other bytes are copied whole.
 * False when out reached max_total before the end of s. Each byte of s
 * gives at most one of out, so out is sized once and written in place. */
static bool
append_lines(GString *out, const char *s, size_t len, size_t max_line, size_t max_total,
             bool prose)
{
  size_t w = out->len;
  if (w >= max_total)
    return len == 0;
  g_string_set_size(out, w + MIN(len, max_total - w));
  char *o = out->str;
  size_t col = 0;
  size_t start = w;
  size_t i = 0;
  while (i < len && w < max_total) {
    char c = s[i];
    if (c == '\r' || c == '\n' || c == '\0') {
      i++;
      if (c == '\r' && i < len && s[i] == '\n')
        continue;
      if (c == '\0') {
        if (col < max_line) {
          o[w++] = ' ';
          col++;
        }
        continue;
      }
      w = trimmed_line_end(o, start, w);
      o[w++] = '\n';
      start = w;
      col = 0;
      continue;
    }
    const char *nl = memchr(s + i, '\n', len - i);
    size_t stop = nl ? (size_t)(nl - s) : len;
    const char *cr = memchr(s + i, '\r', stop - i);
    if (cr)
      stop = (size_t)(cr - s);
    const char *nul = memchr(s + i, '\0', stop - i);
    if (nul)
      stop = (size_t)(nul - s);
    size_t keep = col < max_line ? MIN(stop - i, max_line - col) : 0;
    keep = MIN(keep, max_total - w);
    memcpy(o + w, s + i, keep);
    if (prose)
      keep = plain_typography(o + w, keep);
    w += keep;
    col += keep;
    i = stop;
  }
  g_string_truncate(out, trimmed_line_end(o, start, w));
  return i >= len;
}

/* ISO-2022-JP is 7-bit and so passes for UTF-8; its escapes give it away. */
static bool
looks_iso2022jp(const char *s, size_t len)
{
  const char *end = s + len;
  for (const char *e = memchr(s, 0x1b, len); e && end - e > 2;
       e = memchr(e + 1, 0x1b, (size_t)(end - e - 1)))
    if (e[1] == '$' && (e[2] == 'B' || e[2] == '@'))
      return true;
  return false;
}

/* Lenient: a declared charset is trusted, bad bytes are skipped. */
static char *
convert_declared(const char *s, size_t len, const char *charset)
{
  charset = bn_charset_name(charset);
  iconv_t cd = bn_iconv_open(charset);
  if (cd == (iconv_t)-1)
    return NULL;
  char *out = g_mime_iconv_strndup(cd, s, len);
  bn_iconv_close(charset, cd);
  if (out && !g_utf8_validate(out, -1, NULL)) {
    g_free(out);
    return NULL;
  }
  return out;
}

/* Charsets tried, in order, for 8-bit text that names none (or a wrong
 * one) when bn_charset_guess() found no script in it: Japanese first, since
 * Japanese bounces are the ones that most often omit it, and a Western text
 * rarely passes a strict Japanese decode. */
static const char *const fallback_charsets[] = {"EUC-JP", "SHIFT_JIS", "windows-1252"};

static bool
is_utf8_label(const char *charset)
{
  return charset == NULL || g_ascii_strcasecmp(charset, "us-ascii") == 0 ||
         g_ascii_strcasecmp(charset, "utf-8") == 0 || g_ascii_strcasecmp(charset, "utf8") == 0;
}

/* A line of raw UTF-8 among lines in a legacy charset: an SMTPUTF8
 * address ('<pelé@example.com>:') a mail system copies into its own notice
 * in Latin-1, into text it labels ISO-2022-JP (which has no 8-bit byte at
 * all), or above a returned message in EUC-JP. Legacy text is seldom valid
 * UTF-8 over a whole line: Latin-1 would need a letter from À to ß before
 * a C1 control or a symbol, Japanese, Chinese and Korean lead bytes are
 * mostly bytes UTF-8 uses only inside a character, and Cyrillic letters
 * in KOI8-R or windows-1251 are all lead bytes. An escape marks ISO-2022. */
static bool
utf8_line(const char *s, size_t len)
{
  return !bn_plain_ascii(s, len) && memchr(s, 0x1b, len) == NULL &&
         g_utf8_validate(s, (gssize)len, NULL);
}

typedef char *(*bn_decode_fn)(const char *s, size_t len, const char *charset);

static char *
decode_strict(const char *s, size_t len, const char *charset)
{
  return bn_iconv_strict(s, len, charset, false);
}

/* Whether charset reads a UTF-8 line as well, as two-byte characters:
 * Chinese, Japanese and Korean text pairs as UTF-8 by chance in short
 * lines ('谢谢' in GBK is 'лл', '年' in EUC-JP is 'ǯ'). A reading of one
 * character a byte (Latin-1, KOI8-R) is no rival: it would need a letter
 * before a C1 control or a symbol. Nor is it one for an address
 * ('pelé@example.com' is EUC-JP too): what a notice copies in raw. */
static bool
legacy_rival(const char *s, size_t len, const char *charset)
{
  if (charset == NULL || memchr(s, '@', len) != NULL)
    return false;
  char *legacy = bn_iconv_strict(s, len, bn_charset_name(charset), false);
  bool rival = legacy && g_utf8_strlen(legacy, -1) < (glong)len;
  g_free(legacy);
  return rival;
}

/* A run of whole lines: UTF-8 lines (utf8_line), or the lines between. */
typedef struct {
  size_t start, len;
  bool utf8;
} text_run;

/* The text cut into runs; NULL unless it mixes UTF-8 lines with lines in
 * another charset (8-bit bytes or ISO-2022 escapes): text whose other
 * lines are plain ASCII is UTF-8 or its label's, read whole. A line that
 * charset reads as well (legacy_rival) is one of its own; with no charset,
 * every UTF-8 line counts. */
static GArray *
utf8_runs(const char *s, size_t len, const char *charset)
{
  const char *end = s + len, *run = s;
  GArray *runs = NULL;
  bool mixed = false;
  for (const char *line = s; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *next = nl ? nl + 1 : end;
    size_t n = (size_t)(next - line);
    if (!utf8_line(line, n) || legacy_rival(line, n, charset)) {
      mixed = mixed || !bn_plain_ascii(line, n) || memchr(line, 0x1b, n) != NULL;
    } else {
      if (runs == NULL)
        runs = g_array_new(FALSE, FALSE, sizeof(text_run));
      if (line > run)
        g_array_append_val(runs, ((text_run){(size_t)(run - s), (size_t)(line - run), false}));
      g_array_append_val(runs, ((text_run){(size_t)(line - s), (size_t)(next - line), true}));
      run = next;
    }
    line = next;
  }
  if (runs && end > run)
    g_array_append_val(runs, ((text_run){(size_t)(run - s), (size_t)(end - run), false}));
  if (runs && !mixed) {
    g_array_free(runs, TRUE);
    runs = NULL;
  }
  return runs;
}

/* The charset of the text's legacy lines, guessed from them alone: the
 * UTF-8 lines would make Japanese look like Chinese. */
static const char *
guess_legacy(const char *s, size_t len, GArray *runs)
{
  if (runs == NULL)
    return bn_charset_guess(s, len);
  GString *legacy = g_string_sized_new(len);
  for (guint i = 0; i < runs->len; i++) {
    text_run *r = &g_array_index(runs, text_run, i);
    if (!r->utf8)
      g_string_append_len(legacy, s + r->start, (gssize)r->len);
  }
  const char *charset = bn_charset_guess(legacy->str, legacy->len);
  g_string_free(legacy, TRUE);
  return charset;
}

/* The text with its UTF-8 lines kept as they are and the other runs
 * decoded from charset; decoded whole when there are no runs or a run
 * does not decode. */
static char *
decode_runs(const char *s, size_t len, GArray *runs, const char *charset, bn_decode_fn decode)
{
  if (runs == NULL)
    return decode(s, len, charset);
  GString *out = g_string_sized_new(len + len / 2);
  for (guint i = 0; i < runs->len; i++) {
    text_run *r = &g_array_index(runs, text_run, i);
    if (r->utf8) {
      g_string_append_len(out, s + r->start, (gssize)r->len);
      continue;
    }
    char *part = decode(s + r->start, r->len, charset);
    if (part == NULL) {
      g_string_free(out, TRUE);
      return decode(s, len, charset);
    }
    g_string_append(out, part);
    g_free(part);
  }
  return g_string_free(out, FALSE);
}

/* decode_runs over the runs cut again for charset, which may read some
 * lines that pass as UTF-8 (legacy_rival); runs is the cut made with no
 * charset, NULL when no line passed. */
static char *
decode_legacy(const char *s, size_t len, GArray *runs, const char *charset, bn_decode_fn decode)
{
  if (runs == NULL)
    return decode(s, len, charset);
  GArray *own = utf8_runs(s, len, charset);
  char *out = decode_runs(s, len, own, charset, decode);
  if (own)
    g_array_free(own, TRUE);
  return out;
}

static bool
iso2022jp_label(const char *charset)
{
  return charset && g_ascii_strncasecmp(charset, "iso-2022-jp", 11) == 0;
}

static char *
to_utf8(const char *s, size_t len, const char *charset, bounce_report *warn)
{
  char *out = NULL;
  if (s == NULL || len == 0)
    return g_strdup("");
  if (looks_iso2022jp(s, len) && !iso2022jp_label(charset))
    charset = "ISO-2022-JP";
  bool utf8_label = is_utf8_label(charset);
  /* asked up to three times below: the text is read for it once */
  bool ascii = bn_plain_ascii(s, len);
  /* plain ASCII reads as itself under an ASCII-compatible label: no
   * converter is opened for it (a Latin-1 notice with no accent, an
   * ISO-2022-JP one with no Japanese) */
  if (ascii && !utf8_label && bn_charset_ascii_same(charset, s, len))
    return g_strndup(s, len);
  /* UTF-8 under another label is read as UTF-8: validated once, here;
   * plain ASCII is not (bn_utf8_under_label wants some 8-bit byte) */
  bool label_utf8 = !utf8_label && !ascii && bn_utf8_under_label(s, len, charset);
  if (!utf8_label && !label_utf8) {
    /* a single-byte label decodes any bytes: the letters tell it wrong */
    const char *real = ascii ? NULL : bn_charset_relabel(s, len, charset);
    if (real && warn)
      bn_report_warn(warn, "text labelled %s is not; read as %s", charset, real);
    if (real)
      charset = real;
    /* UTF-8 lines (utf8_line) in text the label is right about elsewhere:
     * an SMTPUTF8 address copied into a notice in ISO-2022-JP or Latin-1 */
    GArray *runs = ascii ? NULL : utf8_runs(s, len, charset);
    out = decode_runs(s, len, runs, charset, convert_declared);
    if (runs)
      g_array_free(runs, TRUE);
    if (out)
      return out;
  }
  /* What the text says it is did not work (or it said nothing). */
  const char *used = NULL;
  if (label_utf8 || ascii || g_utf8_validate(s, (gssize)len, NULL)) {
    out = g_strndup(s, len);
    used = "UTF-8";
  }
  /* Raw UTF-8 lines among legacy ones (utf8_line) are kept, the rest read alone. */
  GArray *runs = out == NULL ? utf8_runs(s, len, NULL) : NULL;
  if (out == NULL && (used = guess_legacy(s, len, runs)) != NULL) {
    out = decode_legacy(s, len, runs, used, decode_strict);
    if (out == NULL) /* the sample said so; bad bytes later are skipped */
      out = decode_legacy(s, len, runs, used, convert_declared);
  }
  for (size_t i = 0; out == NULL && i < G_N_ELEMENTS(fallback_charsets); i++) {
    out = decode_legacy(s, len, runs, fallback_charsets[i], decode_strict);
    used = fallback_charsets[i];
  }
  if (runs)
    g_array_free(runs, TRUE);
  if (out == NULL) {
    out = g_utf8_make_valid(s, (gssize)len);
    used = NULL;
  }
  /* Plain ASCII under a label no converter knows ("unknown-8bit", RFC
   * 1428's name for an unknown charset; "x-unknown") reads the same under
   * any: nothing was guessed, so nothing is warned. */
  bool read_ascii = used && strcmp(used, "UTF-8") == 0 && ascii;
  bool surprise = charset ? !read_ascii && (!utf8_label || strcmp(used ? used : "", "UTF-8") != 0)
                          : used == NULL || strcmp(used, "UTF-8") != 0;
  if (warn && surprise) {
    if (used)
      bn_report_warn(warn, "text labelled %s is not; read as %s", charset ? charset : "us-ascii",
                     used);
    else
      bn_report_warn(warn, "text in an unknown charset; bad bytes replaced");
  }
  return out;
}

/* The content of a part with its transfer encoding undone, as
 * g_mime_data_wrapper_write_to_stream() gives it, but only its first cap
 * bytes: a text part of 20 MB is not decoded whole to keep 1 MB of it.
 * *cut is set when there was more. */
GByteArray *
bn_read_decoded(GMimeDataWrapper *content, size_t cap, bool *cut)
{
  GByteArray *bytes = g_byte_array_new();
  *cut = false;
  /* The field, not g_mime_data_wrapper_get_stream(), whose reference
   * counting differs between GMime versions. */
  GMimeStream *raw = content->stream;
  if (raw == NULL)
    return bytes;
  g_object_ref(raw);
  g_mime_stream_reset(raw);
  GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(content);
  GMimeStream *src = raw;
  if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
      enc == GMIME_CONTENT_ENCODING_UUENCODE) {
    src = g_mime_stream_filter_new(raw);
    GMimeFilter *decode = g_mime_filter_basic_new(enc, FALSE);
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(src), decode);
    g_object_unref(decode);
  } else {
    g_object_ref(src);
  }
  char chunk[4096];
  while (!g_mime_stream_eos(src)) {
    ssize_t n = g_mime_stream_read(src, chunk, sizeof chunk);
    if (n < 0)
      break;
    if (bytes->len + (size_t)n > cap) {
      g_byte_array_append(bytes, (const guint8 *)chunk, (guint)(cap - bytes->len));
      *cut = true;
      break;
    }
    g_byte_array_append(bytes, (const guint8 *)chunk, (guint)n);
  }
  g_object_unref(src);
  g_mime_stream_reset(raw);
  g_object_unref(raw);
  if (*cut) {
    /* End at a line end, not inside a character. */
    const guint8 *nl = NULL;
    for (guint i = bytes->len; nl == NULL && i-- > 0;)
      if (bytes->data[i] == '\n')
        nl = bytes->data + i;
    if (nl)
      g_byte_array_set_size(bytes, (guint)(nl + 1 - bytes->data));
  }
  return bytes;
}

/* RFC 3676 format=flowed: a line that ends in a space goes on in the next
 * one, so a notice a mailer wrapped at 66 columns still has its diagnostic
 * on one line; with delsp=yes that space was added by the wrapping and is
 * dropped. A space that opens a line is stuffing (RFC 3676 4.4). The
 * signature separator "-- " and a change of quote depth end a line. */
static void
unflow(const char *s, size_t len, bool delsp, GString *out)
{
  bool soft = false;
  size_t depth_before = 0;
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - s) : len;
    size_t next = nl ? e + 1 : len;
    if (e > i && s[e - 1] == '\r')
      e--;
    size_t depth = 0;
    while (i + depth < e && s[i + depth] == '>')
      depth++;
    size_t text = i + depth;
    if (text < e && s[text] == ' ')
      text++;
    if (soft && depth == depth_before) {
      g_string_append_len(out, s + text, (gssize)(e - text));
    } else {
      if (soft)
        g_string_append_c(out, '\n');
      /* the quote marks as written; only an unquoted line loses its stuffing */
      size_t from = depth ? i : text;
      g_string_append_len(out, s + from, (gssize)(e - from));
    }
    bool signature = e - text == 3 && memcmp(s + text, "-- ", 3) == 0;
    soft = e > text && s[e - 1] == ' ' && !signature;
    if (soft && delsp)
      g_string_truncate(out, out->len - 1);
    if (!soft && nl)
      g_string_append_c(out, '\n');
    depth_before = depth;
    i = next;
  }
}

/* The format=flowed parameter of a text/plain part, with its delsp. */
static bool
is_flowed(GMimeContentType *ct, bool *delsp)
{
  const char *format = g_mime_content_type_get_parameter(ct, "format");
  if (format == NULL || g_ascii_strcasecmp(format, "flowed") != 0)
    return false;
  const char *del = g_mime_content_type_get_parameter(ct, "delsp");
  *delsp = del && g_ascii_strcasecmp(del, "yes") == 0;
  return true;
}

static void
part_text(GMimePart *part, GString *out, size_t max, size_t max_line, bounce_report *warn,
          bool prose)
{
  GMimeDataWrapper *content = g_mime_part_get_content(part);
  if (content == NULL || out->len >= max)
    return;
  /* Enough for what out can still take, in any charset, HTML markup aside. */
  bool cut;
  GByteArray *bytes = bn_read_decoded(content, (max - out->len) * 4 + 4096, &cut);
  const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  char *text = to_utf8((const char *)bytes->data, bytes->len, charset, warn);
  /* a byte order mark opens some UTF-8 texts (templates saved by Windows
   * editors): no character of the notice's first line, which readers match */
  const char *body = g_str_has_prefix(text, "\xEF\xBB\xBF") ? text + 3 : text;
  GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
  bool delsp = false;
  if (is_type(ct, "text", "html")) {
    GString *plain = g_string_new(NULL);
    bn_html_to_text(body, strlen(body), plain);
    if (!append_lines(out, plain->str, plain->len, max_line, max, prose))
      cut = true;
    g_string_free(plain, TRUE);
  } else if (is_type(ct, "text", "plain") && is_flowed(ct, &delsp)) {
    GString *lines = g_string_sized_new(strlen(body) + 1);
    unflow(body, strlen(body), delsp, lines);
    if (!append_lines(out, lines->str, lines->len, max_line, max, prose))
      cut = true;
    g_string_free(lines, TRUE);
  } else {
    if (!append_lines(out, body, strlen(body), max_line, max, prose))
      cut = true;
  }
  if (cut && warn)
    warn->truncated = true;
  g_free(text);
  g_byte_array_free(bytes, TRUE);
}

void
bn_part_text(GMimePart *part, GString *out, size_t max, size_t max_line, bounce_report *warn)
{
  part_text(part, out, max, max_line, warn, false);
}

typedef struct {
  bn_view *v;
  int depth;
  size_t max_depth;
  size_t max_parts;
  size_t max_text;
  size_t max_line;
  bool too_deep;
  bool html_copy; /* a text/plain sibling says it: a text/html is its copy */
  /* A report's parts a gateway relabelled (text/plain, octet-stream): its
   * fields, read into fields_into, and the returned message's headers. */
  GMimeObject *fields_part;
  GString *fields_into;
  GMimeObject *headers_part;
  /* The last part, when the message's bytes ended inside its content,
   * and the start of a boundary line they ended in (bn_ran_out), or NULL. */
  GMimeObject *content_ran_out;
  const char *cut_delimiter;
  size_t cut_delimiter_len;
  /* A relay's notice that carries the real report as an attached message
   * (wrapped_report): that message is read as the notice's own parts. */
  GMimeMessage *wrapped;
  /* Walking that report: its prose is not the notice's, and is not read. */
  bool no_prose;
} walk_state;

static void walk(walk_state *w, GMimeObject *obj, int depth);

/* Where the signature a part's text text[from..] ends with opens: its
 * separator line "-- " (RFC 3676 4.3; its space trimmed here), or -1.
 * Mail gateways and list software append their disclaimer or footer below
 * one, as people do their signature: a company's address, phone numbers
 * and "if this was not delivered to you" wording that are not the notice's. */
static gssize
signature_at(const GString *text, size_t from)
{
  for (size_t i = from; i + 2 <= text->len; i++) {
    if ((i == from || text->str[i - 1] == '\n') && text->str[i] == '-' && text->str[i + 1] == '-' &&
        (i + 2 == text->len || text->str[i + 2] == '\n'))
      return (gssize)i;
    const char *nl = memchr(text->str + i, '\n', text->len - i);
    if (nl == NULL)
      break;
    i = (size_t)(nl - text->str);
  }
  return -1;
}

/* Drops the signature the part's text text[from..] ends with, up to the
 * inline copy of a returned message if one follows it (a notice signed by
 * its mail system before the copy it returns keeps the copy). A "--" line
 * with a reply code or a status below it is no signature but a separator
 * inside the notice, over its failed recipients' replies. */
static void
drop_signature(GString *text, size_t from)
{
  gssize sig = signature_at(text, from);
  if (sig < 0)
    return;
  gssize copy = bn_original_find_inline(text->str + sig, text->len - (size_t)sig);
  size_t end = copy < 0 ? text->len : (size_t)sig + (size_t)copy;
  if (bn_gives_code(text->str + sig, end - (size_t)sig))
    return;
  g_string_erase(text, sig, (gssize)(end - (size_t)sig));
}

/* Words of a disclaimer, as companies and gateways (FortiMail's system
 * disclaimer, Exchange's transport-rule footers) append it to every message
 * they pass, often with no "-- " line above: "This email and any files
 * transmitted with it are confidential and intended solely for ...", "This
 * communication contains information which is confidential and may also
 * be privileged", "If you are not the intended recipient, please notify
 * the sender ...". A notice may write two of them too ("not delivered to
 * the intended recipient: mail marked confidential ...", an autoreply's
 * "for confidential or privileged matters call ..."), so one must be a
 * clause only a disclaimer writes: whom the mail is meant for alone, or a
 * reader who is not the one it was meant for ("If you have received this
 * email in error ..."). */
static const char *const disclaimer_words[] = {
  "confidential", "privileged", "intended recipient", "intended solely for",
  "intended only for", "notify the sender",
};

static const char *const disclaimer_clauses[] = {
  "not the intended recipient", "intended solely for", "intended only for",
  "received this email in error", "received this e-mail in error",
  "received this message in error", "received this communication in error",
  "received this transmission in error",
};

/* The longest paragraph read as a disclaimer, and how many such paragraphs
 * are dropped from the end of one part. */
#define DISCLAIMER_MAX 2048
#define DISCLAIMER_PARAGRAPHS 3

/* Whether s[0..len), a paragraph, is a disclaimer: two of its words, one
 * of its clauses, and no reply code, status or bracketed address, which
 * only a notice gives. */
static bool
is_disclaimer(const char *s, size_t len)
{
  if (len > DISCLAIMER_MAX)
    return false;
  /* its lines joined, as a disclaimer wraps anywhere ("intended\nsolely");
   * on the stack and by memchr, as every part's last paragraph is asked */
  char joined[DISCLAIMER_MAX];
  memcpy(joined, s, len);
  for (char *nl = memchr(joined, '\n', len); nl; nl = memchr(nl, '\n', len - (size_t)(nl - joined)))
    *nl = ' ';
  int words = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(disclaimer_words) && words < 2; i++)
    words += bn_strcasestr(joined, len, disclaimer_words[i]) != NULL;
  if (words < 2)
    return false;
  bool clause = false;
  for (size_t i = 0; i < G_N_ELEMENTS(disclaimer_clauses) && !clause; i++)
    clause = bn_strcasestr(joined, len, disclaimer_clauses[i]) != NULL;
  if (!clause || bn_gives_code(s, len))
    return false;
  const char *lt = memchr(s, '<', len);
  return lt == NULL || memchr(lt, '@', len - (size_t)(lt - s)) == NULL;
}

/* Where the last paragraph of text[from..end) opens (from when it is the
 * part's first, or longer than a disclaimer), its blank lines below it
 * aside; *pend gets where it ends. */
static size_t
last_paragraph(const GString *text, size_t from, size_t end, size_t *pend)
{
  while (end > from && text->str[end - 1] == '\n')
    end--;
  /* the paragraph opens after the last blank line above its end */
  size_t start = end;
  while (start > from && end - start <= DISCLAIMER_MAX &&
         !(text->str[start - 1] == '\n' && start - 1 > from && text->str[start - 2] == '\n'))
    start--;
  *pend = end;
  return end - start > DISCLAIMER_MAX ? from : start;
}

/* Whether s[0..len), a paragraph, is the footer a list manager appends to
 * every post, under its line of underscores: Mailman 2's default
 * msg_footer ("_______________________________________________" / "<list>
 * mailing list" / its address / its listinfo page) and Mailman 3's
 * ("<list> mailing list -- <address>" / "To unsubscribe send an email to
 * ..."). A list's post relayed back, with a company's disclaimer above. */
static bool
is_list_footer(const char *s, size_t len)
{
  static const char rule[] = "____________________";
  return len > sizeof rule && memcmp(s, rule, sizeof rule - 1) == 0 &&
         bn_strcasestr(s, len, " mailing list") != NULL && !bn_gives_code(s, len);
}

/* Drops the disclaimer paragraphs the part's text text[from..] ends with:
 * the footer a gateway appends under a notice after a blank line but with
 * no "-- " line, which a reader that takes the notice's text to its end
 * would make part of the diagnostic. Only whole paragraphs at the very end
 * go, never the part's first: a part that is one paragraph stays. A list's
 * footer under the disclaimer goes with it. */
static void
drop_disclaimer(GString *text, size_t from)
{
  /* past the blank lines a part may open with: its first paragraph stays */
  while (from < text->len && text->str[from] == '\n')
    from++;
  size_t end, start = last_paragraph(text, from, text->len, &end);
  /* the paragraph above a list's footer, which goes with a disclaimer
   * there; else the last paragraph, found once for both questions */
  if (start > from && is_list_footer(text->str + start, end - start))
    start = last_paragraph(text, from, start, &end);
  for (int n = 0; start > from && is_disclaimer(text->str + start, end - start);) {
    g_string_truncate(text, start);
    if (++n == DISCLAIMER_PARAGRAPHS)
      break;
    start = last_paragraph(text, from, text->len, &end);
  }
}

/* Puts back the links Microsoft Defender's Safe Links rewrote in the
 * part's text text[from..]: "https://nam02.safelinks.protection.outlook.com/
 * ?url=<the link, percent-encoded>&data=...&reserved=0" hides the link a
 * notice gives (a help page's ?p= code, a host) under escapes. Proofpoint's
 * URL Defense v3 keeps the link as written between "__" and is left be.
 * The text is rewritten in place in one pass (a link is never longer than
 * its wrapper): a notice of thousands of links costs no more than its size. */
static void
unwrap_safe_links(GString *text, size_t from)
{
  static const char mark[] = ".safelinks.protection.outlook.com/?url=";
  static const char scheme[] = "https://";
  char *s = text->str;
  /* s[from..w) is the text so far; s[r..] the text not yet read */
  size_t r = from, w = from, at = from;
  const char *hit;
  while ((hit = memmem(s + at, text->len - at, mark, sizeof mark - 1)) != NULL) {
    size_t m = (size_t)(hit - s);
    size_t start = m;
    while (start > r && (g_ascii_isalnum(s[start - 1]) || s[start - 1] == '-'))
      start--;
    size_t q = m + sizeof mark - 1;
    if (start < r + sizeof scheme - 1 ||
        g_ascii_strncasecmp(s + start - (sizeof scheme - 1), scheme, sizeof scheme - 1) != 0) {
      at = q;
      continue;
    }
    start -= sizeof scheme - 1;
    size_t end = q;
    while (end < text->len && !g_ascii_isspace(s[end]) && !strchr("<>\"", s[end]))
      end++;
    memmove(s + w, s + r, start - r);
    w += start - r;
    for (size_t i = q; i < end && s[i] != '&'; i++) {
      int hi = i + 2 < end && s[i] == '%' ? g_ascii_xdigit_value(s[i + 1]) : -1;
      int lo = hi >= 0 ? g_ascii_xdigit_value(s[i + 2]) : -1;
      /* an escaped space or control byte stays escaped: it would end the link */
      if (lo >= 0 && hi * 16 + lo > ' ' && hi * 16 + lo < 0x7f) {
        s[w++] = (char)(hi * 16 + lo);
        i += 2;
      } else {
        s[w++] = s[i];
      }
    }
    r = at = end;
  }
  memmove(s + w, s + r, text->len - r);
  g_string_truncate(text, w + (text->len - r));
}

/* A message cut inside a boundary line ("--00000000000") leaves that
 * line's start at the end of the last part's content: it is no text of
 * the part's, and a reader taking the part's last paragraph would take it
 * into the recipient's diagnostic. Drops it from text[from..]. */
static void
drop_cut_delimiter(const walk_state *w, GMimePart *part, GString *text, size_t from)
{
  if (GMIME_OBJECT(part) != w->content_ran_out || w->cut_delimiter == NULL)
    return;
  size_t end = text->len;
  while (end > from && text->str[end - 1] == '\n')
    end--;
  size_t n = w->cut_delimiter_len;
  if (end - from < n || memcmp(text->str + end - n, w->cut_delimiter, n) != 0)
    return;
  if (end - n > from && text->str[end - n - 1] != '\n')
    return;
  g_string_truncate(text, end - n);
}

static void
add_text(walk_state *w, GMimePart *part)
{
  bn_view *v = w->v;
  if (v->text->len >= w->max_text) {
    v->report->truncated = true;
    return;
  }
  /* A part ends its paragraph: the next part's first line (the headers of
   * a returned message attached as text) starts a block of its own, as it
   * would after the blank line many generators happen to end a part with. */
  if (v->text->len && v->text->str[v->text->len - 1] != '\n')
    g_string_append_c(v->text, '\n');
  if (v->text->len > 1 && v->text->str[v->text->len - 2] != '\n')
    g_string_append_c(v->text, '\n');
  size_t from = v->text->len;
  part_text(part, v->text, w->max_text, w->max_line, v->report, true);
  drop_cut_delimiter(w, part, v->text, from);
  if (v->text->len >= w->max_text)
    v->report->truncated = true;
  /* the banner a gateway puts above a part, which as a part of its own
   * text would open the notice's diagnostic, or be read as one */
  g_string_erase(v->text, (gssize)from,
                 (gssize)bn_prose_banners_end(v->text->str + from, v->text->len - from));
  drop_signature(v->text, from);
  drop_disclaimer(v->text, from);
  unwrap_safe_links(v->text, from);
}

/* The feedback report's fields, a wrapped report's and the returned
 * headers, which most messages lack, start as this empty string, shared
 * and never written: view_string gives one of its own at the first write. */
static char no_bytes[1];
static GString no_text = {no_bytes, 0, 0};

static GString *
view_string(GString **s)
{
  if (*s == &no_text)
    *s = g_string_new(NULL);
  return *s;
}

static void
view_string_free(GString *s)
{
  if (s && s != &no_text)
    g_string_free(s, TRUE);
}

static void
add_raw(walk_state *w, GMimePart *part, GString *into)
{
  if (into->len >= w->max_text)
    return;
  if (into->len)
    g_string_append_c(into, '\n');
  size_t from = into->len;
  bn_part_text(part, into, w->max_text, w->max_line, w->v->report);
  drop_cut_delimiter(w, part, into, from);
  if (into == w->v->returned_headers)
    w->v->returned_headers_ran_out = GMIME_OBJECT(part) == w->content_ran_out;
}

/* A multipart whose boundary never occurs (a broken bounce) has all its
 * content in the prologue: that is its text. */
static void
add_orphan_text(walk_state *w, GMimeMultipart *mp)
{
  bn_view *v = w->v;
  const char *parts[] = {g_mime_multipart_get_prologue(mp), g_mime_multipart_get_epilogue(mp)};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
    if (parts[i] == NULL || v->text->len >= w->max_text)
      continue;
    if (v->text->len && v->text->str[v->text->len - 1] != '\n')
      g_string_append_c(v->text, '\n');
    append_lines(v->text, parts[i], strlen(parts[i]), w->max_line, w->max_text, true);
  }
}

/* Whether a leaf holds no text at all, white space aside: the empty
 * text/plain alternative some webmail and appliances put before the HTML
 * that says it all. Read only as far as the first word. */
static bool
blank_part(GMimeObject *obj)
{
  GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
  if (content == NULL)
    return true;
  bool cut;
  GByteArray *bytes = bn_read_decoded(content, 256, &cut);
  bool blank = true;
  for (guint i = 0; blank && i < bytes->len; i++)
    blank = g_ascii_isspace(bytes->data[i]);
  g_byte_array_free(bytes, TRUE);
  return blank;
}

/* Whether a leaf gives what a notice gives: an address or a reply code,
 * in its first cap bytes, before a "-- " signature line. A text/plain of
 * a few lines that gives neither (a signature under blank lines, a
 * disclaimer) is the mailer's boilerplate, not the notice its HTML twin
 * holds; a text longer than cap or than max_lines lines is prose enough
 * to be one. */
static bool
gives_notice(GMimeObject *obj, size_t cap, unsigned max_lines)
{
  GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
  if (content == NULL)
    return false;
  bool cut;
  GByteArray *bytes = bn_read_decoded(content, cap, &cut);
  const char *s = bytes->len ? (const char *)bytes->data : ""; /* data may be NULL when empty */
  size_t len = bytes->len, lines = 0;
  for (size_t at = 0; at < len;) {
    const char *nl = memchr(s + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - s) : len, e = end;
    if (e > at && s[e - 1] == '\r')
      e--;
    if (e - at == 3 && memcmp(s + at, "-- ", 3) == 0) {
      len = at;
      break;
    }
    lines += e > at;
    at = end + 1;
  }
  bool gives = (cut && max_lines) || (max_lines && lines > max_lines) ||
               memchr(s, '@', len) != NULL || bn_gives_code(s, len);
  g_byte_array_free(bytes, TRUE);
  return gives;
}

/* In multipart/alternative the plain text wins over the HTML. A report
 * offered as one of the alternatives (a gateway that wraps the notice it
 * relays, a plain-text summary beside it) wins over both: it holds the
 * notice's text and its delivery-status fields. A read receipt does not.
 * An empty text/plain is no alternative (blank_part), nor is one that
 * gives no address and no code when the HTML does (gives_notice). */
static bool other_report(GMimeContentType *ct);

static GMimeObject *
pick_alternative(GMimeMultipart *mp)
{
  GMimeObject *html = NULL, *plain = NULL;
  int n = g_mime_multipart_get_count(mp);
  for (int i = 0; i < n; i++) {
    GMimeObject *o = g_mime_multipart_get_part(mp, i);
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    if (is_type(ct, "multipart", "report") && !other_report(ct))
      return o;
    if (is_type(ct, "text", "plain") && plain == NULL && GMIME_IS_PART(o) && !blank_part(o))
      plain = o;
    if (is_type(ct, "text", "html") && html == NULL)
      html = o;
    if (GMIME_IS_MULTIPART(o) && html == NULL)
      html = o;
  }
  if (plain && html && GMIME_IS_PART(html) && !gives_notice(plain, 512, 8) &&
      gives_notice(html, 65536, 0))
    return html;
  return plain ? plain : html;
}

static void
walk_leaf(walk_state *w, GMimePart *part)
{
  bn_view *v = w->v;
  GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
  if (is_status_part(ct)) {
    add_raw(w, part, v->dsn);
  } else if (GMIME_OBJECT(part) == w->fields_part) {
    add_raw(w, part, w->fields_into);
  } else if (is_type(ct, "message", "feedback-report")) {
    add_raw(w, part, view_string(&v->feedback));
  } else if (is_type(ct, "text", "rfc822-headers") || is_type(ct, "message", "global-headers") ||
             /* early feedback-report drafts' senders wrote the type singular */
             is_type(ct, "text", "rfc822-header") ||
             /* the type in the message class, as some mailers write it */
             is_type(ct, "message", "rfc822-headers") || GMIME_OBJECT(part) == w->headers_part ||
             is_type(ct, "message", "rfc822") || is_type(ct, "message", "global")) {
    add_raw(w, part, view_string(&v->returned_headers));
  } else if (w->no_prose) {
    return;
  } else if (is_type(ct, "text", "plain") || ct == NULL) {
    add_text(w, part);
  } else if (is_type(ct, "text", "html")) {
    if (w->html_copy)
      return;
    add_text(w, part);
    v->html_only = true;
  } else if (is_type(ct, "text", "*") && !is_type(ct, "text", "calendar") &&
             !is_type(ct, "text", "x-vcard") && !is_type(ct, "text", "vcard")) {
    /* text/enriched, text/x-... and friends: prose all the same. */
    add_text(w, part);
  }
}

/* Whether obj is a text/plain part, or a multipart holding one (levels
 * deep at most). */
static bool
plain_text(GMimeObject *obj, int levels)
{
  if (GMIME_IS_PART(obj))
    return is_type(g_mime_object_get_content_type(obj), "text", "plain");
  if (!GMIME_IS_MULTIPART(obj) || levels == 0)
    return false;
  GMimeMultipart *mp = GMIME_MULTIPART(obj);
  int n = g_mime_multipart_get_count(mp);
  for (int i = 0; i < n; i++)
    if (plain_text(g_mime_multipart_get_part(mp, i), levels - 1))
      return true;
  return false;
}

/* Where the text of an HTML notice read in a multipart lies in the view's
 * text, and whether text came from HTML before it. */
typedef struct {
  size_t from, to;
  bool html_only;
} html_notice;

/* Whether b starts with the same words as a (white space aside), for as
 * many as a twin's opening holds. */
static bool
same_opening(const char *a, size_t alen, const char *b, size_t blen)
{
  size_t i = 0, j = 0, same = 0;
  while (same < 64) {
    while (i < alen && g_ascii_isspace(a[i]))
      i++;
    while (j < blen && g_ascii_isspace(b[j]))
      j++;
    if (i == alen || j == blen)
      return i == alen && same > 0;
    if (a[i++] != b[j++])
      return false;
    same++;
  }
  return true;
}

/* An HTML notice followed by its text/plain twin (mixed, not an
 * alternative, should a template put the HTML first) is read once, from the
 * plain text: the HTML's text is dropped when the plain part opens with
 * the same words. What else follows the HTML (a log, the returned
 * headers, a disclaimer) leaves it be. */
static void
note_html_twin(bn_view *v, html_notice *html, GMimeObject *part, size_t from, bool html_only)
{
  GMimeContentType *ct = g_mime_object_get_content_type(part);
  if (!GMIME_IS_PART(part) || v->text->len == from)
    return;
  if (is_type(ct, "text", "html")) {
    *html = (html_notice){from, v->text->len, html_only};
  } else if (html->to == from && is_type(ct, "text", "plain") &&
             same_opening(v->text->str + html->from, html->to - html->from, v->text->str + from,
                          v->text->len - from)) {
    g_string_erase(v->text, (gssize)html->from, (gssize)(html->to - html->from));
    v->html_only = html->html_only;
    *html = (html_notice){0};
  }
}

/* The wrapped report's delivery-status fields go to wrapped_dsn and its
 * returned message or headers stand for the original; its prose is not the
 * notice's own (a bounce that returns a report is read from its text), so
 * it is not decoded at all: its charset faults are no warning of the
 * notice's, its size no truncation of it. */
static void
walk_wrapped(walk_state *w, GMimeMessage *inner, int depth)
{
  bn_view *v = w->v;
  GString *dsn = v->dsn;
  v->dsn = view_string(&v->wrapped_dsn);
  w->no_prose = true;
  walk(w, g_mime_message_get_mime_part(inner), depth);
  w->no_prose = false;
  v->dsn = dsn;
}

static void
walk(walk_state *w, GMimeObject *obj, int depth)
{
  bn_view *v = w->v;
  if (obj == NULL)
    return;
  if ((size_t)depth > w->max_depth) {
    w->too_deep = true;
    return;
  }
  if ((size_t)++v->parts > w->max_parts) {
    v->report->truncated = true;
    return;
  }
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart *mp = GMIME_MULTIPART(obj);
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    if (is_type(ct, "multipart", "alternative")) {
      walk(w, pick_alternative(mp), depth + 1);
      return;
    }
    int n = g_mime_multipart_get_count(mp);
    /* A notice sent as text/plain (alone, or with its logo or HTML twin)
     * and again as text/html after it, not as an alternative, is read
     * once, from the plain text. A text/plain after an HTML notice is
     * what comes with it (the returned headers or message, a log) unless
     * it opens with the notice's words (note_html_twin). */
    bool saved = w->html_copy;
    w->html_copy = false;
    html_notice html = {0};
    for (int i = 0; i < n && !w->too_deep; i++) {
      GMimeObject *part = g_mime_multipart_get_part(mp, i);
      size_t from = v->text->len;
      bool html_only = v->html_only;
      walk(w, part, depth + 1);
      note_html_twin(v, &html, part, from, html_only);
      if (!w->html_copy)
        w->html_copy = plain_text(part, 1);
    }
    w->html_copy = saved;
    if (n == 0 && !w->no_prose)
      add_orphan_text(w, mp);
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (inner && inner == w->wrapped)
      walk_wrapped(w, inner, depth + 1);
    else if (v->returned == NULL && inner)
      v->returned = inner;
  } else if (GMIME_IS_PART(obj)) {
    walk_leaf(w, GMIME_PART(obj));
  }
}

/* Whether a part carries a type a gateway puts on what it does not know. */
static bool
relabelled(GMimeObject *obj)
{
  GMimeContentType *ct = g_mime_object_get_content_type(obj);
  return GMIME_IS_PART(obj) &&
         (is_type(ct, "text", "plain") || is_type(ct, "application", "octet-stream"));
}

/* The fields a delivery-status part opens with (RFC 3464): the
 * per-message ones, then the per-recipient ones. */
static const char *const dsn_fields[] = {
  "Reporting-MTA", "Original-Envelope-Id", "DSN-Gateway", "Received-From-MTA", "Arrival-Date",
  "Final-Recipient", "Original-Recipient", NULL,
};

/* Fields every message's header has one of; prose that opens on a
 * "Reason:" or "Error:" line has none. */
static const char *const message_fields[] = {
  "Received", "Return-Path", "From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
  "DKIM-Signature", NULL,
};

static bool
field_in(const bn_span *name, const char *const *names)
{
  for (size_t i = 0; names[i]; i++)
    if (strlen(names[i]) == name->len && g_ascii_strncasecmp(name->p, names[i], name->len) == 0)
      return true;
  return false;
}

/* What a relabelled part holds: fields from its first line past blank
 * ones, a delivery-status part's once one of them is (generators put
 * their own X- fields first), a message's header once one of its fields
 * is, else prose (or the fields after prose, preamble_dsn). */
typedef enum { HOLDS_OTHER, HOLDS_DSN, HOLDS_HEADERS } holds;

/* Whether text[0, len) gives a recipient's delivery-status fields: a
 * Final-Recipient or Original-Recipient and an Action or Status, before
 * any of a message header's own fields (which a returned header always
 * has). Lines that are no field are passed over. */
static bool
recipient_fields(const char *text, size_t len)
{
  static const char *const recipient[] = {"Final-Recipient", "Original-Recipient", NULL};
  static const char *const outcome[] = {"Action", "Status", NULL};
  bn_lines it;
  bn_span line, name, value;
  bool named = false, told = false, headers = false;
  bn_lines_init(&it, text, len);
  while (!headers && bn_lines_next(&it, &line)) {
    if (!bn_dsn_field_line(&line, &name, &value))
      continue;
    named = named || field_in(&name, recipient);
    told = told || field_in(&name, outcome);
    headers = field_in(&name, message_fields);
  }
  return named && told && !headers;
}

/* The fields a block of delivery-status fields opens with at a line's
 * start, after a gateway's or appliance's few lines of prose ("The
 * following message could not be delivered:"). */
static const char *const block_openers[] = {
  "Reporting-MTA:", "Final-Recipient:", "Original-Recipient:",
};

/* Whether head, the first bytes of obj, a relabelled part that opens
 * with prose, gives a recipient's delivery-status fields after it: from
 * the first line that opens a block (block_openers), before any inline
 * copy of a returned message (whose text may be a bounce of its own). A
 * person's reply or forward (its subject's mark), or any message written
 * in a mail client, may quote them below the person's own words: it is
 * left alone; so is a post to a list (its List-* headers: a member asking
 * about a bounce) and a file attached (Content-Disposition: attachment: a
 * help desk's acknowledgement returning the request it logged), where the
 * words above the fields are no gateway's. */
static bool
preamble_dsn(const bn_view *v, GMimeObject *obj, const GString *head)
{
  GMimeContentDisposition *cd = g_mime_object_get_content_disposition(obj);
  if (bn_subject_marks_reply(v->subject) || bn_view_written_in_mail_client(v) ||
      bn_view_header(v, "List-Id") || bn_view_header(v, "List-Post") ||
      (cd && g_mime_content_disposition_is_attachment(cd)))
    return false;
  gssize copy = bn_original_find_inline(head->str, head->len);
  size_t len = copy >= 0 ? (size_t)copy : head->len;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, head->str, len);
  while (bn_lines_next(&it, &line))
    for (size_t i = 0; i < G_N_ELEMENTS(block_openers); i++)
      if (bn_span_label(&line, block_openers[i]))
        return recipient_fields(line.p, (size_t)(head->str + len - line.p));
  return false;
}

/* Only the part's first bytes are decoded: enough for a few fields. */
static holds
relabelled_holds(walk_state *w, GMimeObject *obj)
{
  GString *head = g_string_new(NULL);
  bn_part_text(GMIME_PART(obj), head, 2048, w->max_line, NULL);
  bn_lines it;
  bn_span line, name, value;
  bool fields = false, headers = false, prose = false;
  holds h = HOLDS_OTHER;
  bn_lines_init(&it, head->str, head->len);
  while (h == HOLDS_OTHER && bn_lines_next(&it, &line)) {
    if (line.len == 0 || line.p[0] == ' ' || line.p[0] == '\t')
      continue;
    /* the DSN's own names as a delivery-status part writes them, blanks
     * before the colon too: relabelled, the part is still that part */
    if (!bn_dsn_field_line(&line, &name, &value)) {
      if ((prose = !fields))
        break;
      continue; /* a value folded without its indent */
    }
    fields = true;
    if (field_in(&name, dsn_fields))
      h = HOLDS_DSN;
    headers = headers || field_in(&name, message_fields);
  }
  if (prose && preamble_dsn(w->v, obj, head))
    h = HOLDS_DSN;
  g_string_free(head, TRUE);
  return h == HOLDS_OTHER && headers ? HOLDS_HEADERS : h;
}

/* Whether a part labelled as the returned message's headers holds a
 * recipient's delivery-status fields instead, as some old MTAs and
 * gateways label them: a Final-Recipient or Original-Recipient and an
 * Action or Status, and none of a message header's own fields (which the
 * returned headers always have). Only the part's first bytes are read. */
static bool
headers_hold_dsn(walk_state *w, GMimeObject *obj)
{
  GString *head = g_string_new(NULL);
  bn_part_text(GMIME_PART(obj), head, 2048, w->max_line, NULL);
  bool held = recipient_fields(head->str, head->len);
  g_string_free(head, TRUE);
  return held;
}

/* The parts a gateway or generator relabelled text/plain or
 * application/octet-stream that are not prose: a delivery-status part (RFC
 * 6522 puts it second in a report; some send it in multipart/mixed), and in
 * a report, the returned message's headers after it. Read as text, the
 * fields would be prose (or, as an attachment, nothing), the headers a list
 * of addresses. A report's first part is its prose, and so is the first
 * part of any multipart: they are left alone, unless a report's first part
 * is application/octet-stream, which is never read as prose: a report
 * sent without its human-readable part, its delivery-status relabelled as
 * a file ("details.txt"). */
typedef struct {
  GMimeObject *parts[8];
  bool alone[8];   /* the only part of a report */
  bool not_dsn[8]; /* in a report of another type: a read receipt's fields are no DSN */
  bool as_headers[8]; /* labelled text/rfc822-headers */
  size_t n;
  bool has_dsn;
} relabel_scan;

/* Whether a multipart/report says it reports something other than
 * delivery: a read receipt (RFC 8098) has Final-Recipient and
 * Original-Recipient fields too. One without a report-type may be a DSN. */
static bool
other_report(GMimeContentType *ct)
{
  const char *rt = is_type(ct, "multipart", "report")
                       ? g_mime_content_type_get_parameter(ct, "report-type")
                       : NULL;
  return rt && rt[0] && !delivery_report_type(rt);
}

static void
scan_relabelled(relabel_scan *rs, GMimeObject *obj, int levels, bool not_dsn)
{
  if (!GMIME_IS_MULTIPART(obj) || levels == 0)
    return;
  GMimeMultipart *mp = GMIME_MULTIPART(obj);
  GMimeContentType *mct = g_mime_object_get_content_type(obj);
  bool report = is_type(mct, "multipart", "report");
  not_dsn = report ? other_report(mct) : not_dsn;
  int n = g_mime_multipart_get_count(mp);
  for (int i = 0; i < n && i < 16; i++) {
    GMimeObject *o = g_mime_multipart_get_part(mp, i);
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    if (is_status_part(ct))
      rs->has_dsn = true;
    else if ((relabelled(o) || (GMIME_IS_PART(o) && is_type(ct, "text", "rfc822-headers"))) &&
             (i > 0 || (report && (n == 1 || is_type(ct, "application", "octet-stream")))) &&
             rs->n < G_N_ELEMENTS(rs->parts)) {
      rs->as_headers[rs->n] = !relabelled(o);
      rs->alone[rs->n] = i == 0;
      rs->not_dsn[rs->n] = not_dsn;
      rs->parts[rs->n++] = o;
    } else if (!is_type(ct, "multipart", "alternative")) /* copies of the prose */
      scan_relabelled(rs, o, levels - 1, not_dsn);
  }
}

/* Picks, among the relabelled parts of body (a report of report_type, or
 * "" for another multipart), the delivery-status fields and the returned
 * headers. True when body holds a part labelled delivery-status. */
static bool
pick_relabelled(walk_state *w, GMimeObject *body, const char *report_type)
{
  bn_view *v = w->v;
  relabel_scan rs = {.n = 0};
  scan_relabelled(&rs, body, 3, false);
  for (size_t i = 0; i < rs.n; i++) {
    bool dsn_wanted = !rs.has_dsn && w->fields_part == NULL && !rs.not_dsn[i];
    bool headers_wanted = report_type[0] && w->headers_part == NULL && !rs.alone[i];
    if (rs.parts[i] == w->fields_part || (!dsn_wanted && !headers_wanted))
      continue;
    if (rs.as_headers[i]) {
      if (dsn_wanted && headers_hold_dsn(w, rs.parts[i])) {
        w->fields_part = rs.parts[i];
        w->fields_into = v->dsn;
      }
      continue;
    }
    holds h = relabelled_holds(w, rs.parts[i]);
    if (h == HOLDS_DSN && dsn_wanted) {
      w->fields_part = rs.parts[i];
      w->fields_into = v->dsn;
    } else if (h == HOLDS_HEADERS && headers_wanted) {
      w->headers_part = rs.parts[i];
    }
  }
  return rs.has_dsn;
}

/* A gateway or relay that could not pass a bounce on as it came sends its
 * own notice with the whole report attached as a message (message/rfc822):
 * that report's parts are the bounce. Only a mail system's notice with no
 * report of its own is read so (a report's attached message is the
 * returned original, a person's forward is no bounce), and only the first
 * attached message after its first part, if it is a report: one holding
 * delivery-status fields however labelled, and not a report of another
 * type (a read receipt). */
static void
wrapped_report(walk_state *w, GMimeObject *body)
{
  if (!GMIME_IS_MULTIPART(body) || !bn_view_sent_by_mail_system(w->v))
    return;
  GMimeMultipart *mp = GMIME_MULTIPART(body);
  int n = g_mime_multipart_get_count(mp);
  for (int i = 1; i < n && i < 16; i++) {
    GMimeObject *o = g_mime_multipart_get_part(mp, i);
    if (!GMIME_IS_MESSAGE_PART(o))
      continue;
    GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
    GMimeObject *ibody = inner ? g_mime_message_get_mime_part(inner) : NULL;
    GMimeContentType *ct = ibody ? g_mime_object_get_content_type(ibody) : NULL;
    if (ibody == NULL || !GMIME_IS_MULTIPART(ibody) || other_report(ct))
      return;
    const char *rt = is_type(ct, "multipart", "report")
                         ? g_mime_content_type_get_parameter(ct, "report-type")
                         : NULL;
    if (pick_relabelled(w, ibody, rt ? rt : "") || w->fields_part) {
      w->wrapped = inner;
      w->fields_into = view_string(&w->v->wrapped_dsn);
    } else
      w->headers_part = NULL;
    return;
  }
}

static void
find_relabelled(walk_state *w, GMimeObject *body)
{
  bn_view *v = w->v;
  /* A feedback report's fields are its second part whatever type a
   * generator labels them: read as text, the human part before them (which
   * may explain the fields) would be read first. */
  if (g_ascii_strcasecmp(v->report_type, "feedback-report") == 0) {
    GMimeObject *second = GMIME_IS_MULTIPART(body) &&
                                  g_mime_multipart_get_count(GMIME_MULTIPART(body)) > 1
                              ? g_mime_multipart_get_part(GMIME_MULTIPART(body), 1)
                              : NULL;
    if (second && GMIME_IS_PART(second) &&
        is_type(g_mime_object_get_content_type(second), "text", "plain")) {
      w->fields_part = second;
      w->fields_into = view_string(&v->feedback);
    }
  }
  bool has_dsn = pick_relabelled(w, body, v->report_type);
  if (v->report_type[0] == '\0' && w->fields_part == NULL && !has_dsn)
    wrapped_report(w, body);
}

/* GMime's addr, or its "xn--" form where text[0, len) writes that ("" when
 * there is none); *end, when given and the form is found, is set past it. */
static const char *
written_addr(InternetAddressMailbox *mb, const char *text, size_t len, size_t *end)
{
  const char *addr = internet_address_mailbox_get_addr(mb);
  if (addr == NULL)
    return "";
  /* GMime gives an "xn--" domain as UTF-8; only such an address can have
   * another written form, and the IDN encoding is dear: ask for it only
   * when the address is not ASCII and the text holds an "xn--". */
  if (len == 0 || g_str_is_ascii(addr) || !bn_strcasestr(text, len, "xn--"))
    return addr;
  const char *idn = internet_address_mailbox_get_idn_addr(mb);
  const char *at = idn && strcmp(idn, addr) != 0 ? bn_strcasestr(text, len, idn) : NULL;
  if (at == NULL)
    return addr;
  if (end)
    *end = (size_t)(at - text) + strlen(idn);
  return idn;
}

char *
bn_mailbox_as_written(InternetAddressMailbox *mb, const char *text, size_t len, size_t *end)
{
  const char *addr = written_addr(mb, text, len, end);
  return addr[0] ? bn_address_clean(addr, strlen(addr)) : NULL;
}

static char *
squeeze_header(const char *value)
{
  return value ? bn_squeeze_dup(value, strlen(value)) : g_strdup("");
}

/* A header name's bit: from its length and its first and last bytes, in
 * lower case as GMime's lookup of a name ignores ASCII case. */
static guint
header_mark(const char *name, size_t len)
{
  guint first = (guchar)bn_ascii_lower(len ? name[0] : '\0');
  guint last = (guchar)bn_ascii_lower(len ? name[len - 1] : '\0');
  return (first * 31u + last * 7u + (guint)len) % 256u;
}

static void
mark_headers(bn_view *v, GMimeObject *obj)
{
  GMimeHeaderList *list = obj ? g_mime_object_get_header_list(obj) : NULL;
  int n = list ? g_mime_header_list_get_count(list) : 0;
  for (int i = 0; i < n; i++) {
    const char *name = g_mime_header_get_name(g_mime_header_list_get_header_at(list, i));
    guint bit = header_mark(name ? name : "", name ? strlen(name) : 0);
    v->header_marks[bit / 64] |= G_GUINT64_CONSTANT(1) << (bit % 64);
  }
}

/* The marks of the message's headers and of its top part's, where GMime
 * keeps the Content-* ones. */
static void
view_mark_headers(bn_view *v)
{
  mark_headers(v, GMIME_OBJECT(v->msg));
  mark_headers(v, g_mime_message_get_mime_part(v->msg));
}

/* The raw value of a header of the message, NULL when absent: asking for
 * the decoded one, even to see the header is there, makes GMime decode
 * it, and most are read raw or not at all (the Subject's is never: the
 * view takes GMime's subject). */
static const char *
raw_header(const bn_view *v, const char *name)
{
  GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(v->msg));
  GMimeHeader *h = list ? g_mime_header_list_get_header(list, name) : NULL;
  return h ? g_mime_header_get_raw_value(h) : NULL;
}

/* A header of the message decoded again with its encoded words' labels
 * put right (bn_encoded_words_relabel): GMime reads a word by its label,
 * and UTF-8 under a Latin-1 or Shift_JIS one became mojibake that no
 * phrase matches; and a run of B words GMime 3.2 cut at a padded word
 * ("AB" of "ABABC休暇中") is decoded whole. NULL when nothing needed it. */
static char *
header_relabelled(const bn_view *v, const char *name)
{
  const char *raw = raw_header(v, name);
  if (raw == NULL || strstr(raw, "=?") == NULL)
    return NULL;
  return bn_header_mended(raw, false);
}

/* A header of the message as GMime decodes it (NULL when absent), for the
 * caller to free: the raw value (raw_header) where decoding gives it
 * back (bn_header_plain). */
static char *
header_dup(const bn_view *v, const char *name)
{
  const char *raw = raw_header(v, name);
  char *plain = raw ? bn_header_plain(raw) : NULL;
  return plain ? plain : g_strdup(bn_view_header(v, name));
}

/* The words a security gateway or quarantine puts in the tag it opens a
 * subject with: SpamAssassin's rewrite_header ("*****SPAM*****"),
 * Amavis's "***Spam***", "[SPAM]", "{Spam?}", Exchange Online's and
 * Proofpoint's external-sender "[EXTERNAL]", Mimecast's "[EXT]", "[BULK]".
 * The tag says what the gateway thought of the message, nothing of what
 * it reports: recognizers read the subject behind it. Compared case-folded. */
static const char *const gateway_tag_words[] = {
  "spam", "spam?", "possible spam", "probable spam", "suspected spam", "bulk",
  "external", "ext", "external email", "external sender", "suspicious", "caution",
};

/* The tag's delimiters: a bracket pair, or a run of two to five stars on
 * each side. */
static size_t
tag_opening(const char *s, char *close)
{
  if (*s == '[' || *s == '{') {
    *close = *s == '[' ? ']' : '}';
    return 1;
  }
  size_t n = strspn(s, "*");
  *close = '*';
  return n >= 2 && n <= 5 ? n : 0;
}

/* The length of a gateway's tag and the white space after it at the start
 * of s, or 0. */
static size_t
gateway_tag(const char *s)
{
  char close;
  size_t open = tag_opening(s, &close);
  if (open == 0)
    return 0;
  const char *w = s + open, *end = strchr(w, close);
  if (end == NULL || end - w > 24)
    return 0;
  size_t closing = close == '*' ? strspn(end, "*") : 1;
  const char *after = end + closing;
  while (w < end && *w == ' ')
    w++;
  size_t n = (size_t)(end - w);
  while (n && w[n - 1] == ' ')
    n--;
  if (*after != ' ' && *after != '\0')
    return 0;
  for (size_t i = 0; i < G_N_ELEMENTS(gateway_tag_words); i++)
    if (strlen(gateway_tag_words[i]) == n && g_ascii_strncasecmp(w, gateway_tag_words[i], n) == 0)
      return (size_t)(after - s) + strspn(after, " ");
  return 0;
}

/* Whether s opens with a label, one word and a colon: the word a notice
 * puts before the returned subject ("Delayed:", "Undeliverable:", and as
 * Exchange translates them, "Verzögert:", "Задержано:", "지연됨:"). */
static bool
opens_label(const char *s)
{
  const char *p = s;
  for (int n = 0; n < 32 && *p; n++) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == ':' || c == 0xFF1A)
      return p > s;
    if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c))
      return false;
    p = g_utf8_next_char(p);
  }
  return false;
}

/* The length of a tag in any language and the white space after it, or 0:
 * gateways let the administrator word the tag ("[EXTERN]", "[EXTERNE]",
 * "[ESTERNO]", "[외부메일]", "【外部】"; Xeams' and Red Condor's subject tag
 * settings, Exchange mail flow rules that prepend to the subject), so it is
 * known by its shape: one or two words of letters in brackets (ASCII or
 * the CJK lenticular ones), before a notice's label (after any known
 * tag), where a list's tag hides no words a recognizer needs. */
static size_t
worded_tag(const char *s)
{
  const char *close;
  const char *p;
  if (*s == '[') {
    p = s + 1;
    close = "]";
  } else if (strncmp(s, "\xE3\x80\x90", 3) == 0) {
    p = s + 3;
    close = "\xE3\x80\x91";
  } else
    return 0;
  const char *w = p;
  int blanks = 0;
  while (*p && strncmp(p, close, strlen(close)) != 0) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == ' ' && p > w && p[-1] != ' ')
      blanks++;
    else if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c))
      return 0;
    if (blanks > 1 || p - w > 24)
      return 0;
    p = g_utf8_next_char(p);
  }
  if (*p == '\0' || p == w || p[-1] == ' ')
    return 0;
  const char *after = p + strlen(close);
  after += strspn(after, " ");
  if (after == p + strlen(close) && *close == ']')
    return 0;
  /* behind it, a known gateway's tag may come before the label */
  const char *behind = after;
  for (int i = 0; i < 3; i++) {
    size_t n = gateway_tag(behind);
    if (n == 0)
      break;
    behind += n;
  }
  return opens_label(behind) ? (size_t)(after - s) : 0;
}

/* s past the gateways' tags that open it (a message may pass two). */
static const char *
past_gateway_tags(const char *s)
{
  for (int i = 0; i < 3; i++) {
    size_t n = gateway_tag(s);
    if (n == 0)
      n = worded_tag(s);
    if (n == 0)
      break;
    s += n;
  }
  return s;
}

/* The subject, its runs of white space one space, and its lower case
 * form when it is not ASCII. A folded header keeps the tab or spaces of
 * its fold: "Mail failure -\t malformed ...". Recognizers match the
 * words, behind any gateway's tag. */
static void
view_subject(bn_view *v)
{
  char *fixed = header_relabelled(v, "Subject");
  v->subject_own = squeeze_header(fixed ? fixed : g_mime_message_get_subject(v->msg));
  g_free(fixed);
  v->subject = past_gateway_tags(v->subject_own);
  v->subject_lower = v->subject;
  for (const char *c = v->subject; *c; c++)
    if ((guchar)*c >= 0x80) {
      if (g_utf8_validate(v->subject, -1, NULL))
        v->subject_lower = v->subject_lower_own = g_utf8_strdown(v->subject, -1);
      break;
    }
}

/* The From header, and its first mailbox as written and in lower case
 * ("" when it has none). */
static void
view_from(bn_view *v)
{
  InternetAddressList *from = g_mime_message_get_from(v->msg);
  char *fixed = header_relabelled(v, "From");
  if (fixed == NULL)
    fixed = header_dup(v, "From");
  v->from_own = squeeze_header(fixed);
  g_free(fixed);
  v->from = v->from_own;
  if (from && internet_address_list_length(from) > 0) {
    InternetAddress *ia = internet_address_list_get_address(from, 0);
    if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
      /* the form the header writes, as the addresses read from text are */
      const char *addr = written_addr(INTERNET_ADDRESS_MAILBOX(ia), v->from, strlen(v->from), NULL);
      v->from_addr = g_ascii_strdown(addr, -1);
      v->from_mailbox = addr[0] ? bn_address_clean(addr, strlen(addr)) : NULL;
    }
  } else if (v->from[0]) {
    /* "taro.@docomo.ne.jp", which GMime drops: an auto-reply from such an
     * address names its recipient there */
    GPtrArray *own = g_ptr_array_new_with_free_func(g_free);
    bn_header_mailboxes(from, v->from, 1, own);
    if (own->len) {
      v->from_mailbox = g_strdup(g_ptr_array_index(own, 0));
      v->from_addr = g_ascii_strdown(v->from_mailbox, -1);
    }
    g_ptr_array_unref(own);
  }
  if (v->from_addr == NULL)
    v->from_addr = g_strdup("");
  if (v->from_mailbox == NULL)
    v->from_mailbox = g_strdup(v->from_addr);
}

/* A multipart/mixed laid out as an MDN (RFC 8098 section 3: a text part,
 * then the message/disposition-notification part, then at most the
 * original): a mail system or archiver that keeps no report types wrote
 * multipart/report as mixed, and only the report type tells a Sieve
 * reject or a read receipt from a person's words. A delivery report needs
 * no such reading: its part is read wherever it stands. */
static bool
mixed_as_mdn(GMimeObject *body, GMimeContentType *ct)
{
  if (!GMIME_IS_MULTIPART(body) || !is_type(ct, "multipart", "mixed"))
    return false;
  GMimeMultipart *mp = GMIME_MULTIPART(body);
  int n = g_mime_multipart_get_count(mp);
  if (n < 2 || n > 3)
    return false;
  GMimeContentType *first = g_mime_object_get_content_type(g_mime_multipart_get_part(mp, 0));
  GMimeContentType *second = g_mime_object_get_content_type(g_mime_multipart_get_part(mp, 1));
  return is_type(first, "text", "plain") && is_type(second, "message", "disposition-notification");
}

/* A multipart/report's report-type ("" for any other body). */
static const char *
report_type_of(GMimeObject *body)
{
  GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
  if (mixed_as_mdn(body, ct))
    return "disposition-notification";
  if (!is_type(ct, "multipart", "report"))
    return "";
  const char *rt = g_mime_content_type_get_parameter(ct, "report-type");
  return rt ? rt : "";
}

/* The notice a gateway's footer part follows: a multipart/mixed of a
 * multipart (the notice as sent) and text parts after it (a disclaimer or
 * footer some gateways and list servers attach) stands for its first part,
 * whose type says what report it is. Otherwise the body itself. */
static GMimeObject *
footed_notice_once(GMimeObject *body)
{
  GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
  if (!GMIME_IS_MULTIPART(body) || !is_type(ct, "multipart", "mixed"))
    return body;
  GMimeMultipart *mp = GMIME_MULTIPART(body);
  int n = g_mime_multipart_get_count(mp);
  if (n < 2 || n > 4 || !GMIME_IS_MULTIPART(g_mime_multipart_get_part(mp, 0)))
    return body;
  for (int i = 1; i < n; i++) {
    GMimeObject *o = g_mime_multipart_get_part(mp, i);
    GMimeContentType *oct = g_mime_object_get_content_type(o);
    if (!GMIME_IS_PART(o) || !(is_type(oct, "text", "plain") || is_type(oct, "text", "html")))
      return body;
  }
  return g_mime_multipart_get_part(mp, 0);
}

/* Each gateway on the way may add its own footer part, wrapping the last
 * one's multipart/mixed in another: a few are unwrapped. */
static GMimeObject *
footed_notice(GMimeObject *body)
{
  for (int i = 0; i < 4; i++) {
    GMimeObject *inner = footed_notice_once(body);
    if (inner == body)
      break;
    body = inner;
  }
  return body;
}

/* Walks the body's parts into the view, within the options' limits;
 * false (and err set) when they nest too deep. */
static bool
view_body(bn_view *v, GMimeObject *body, bn_ran_out ran_out, bounce_error **err)
{
  walk_state w = {
    .v = v,
    .max_depth = bn_limit(v->opts, BOUNCE_LIMIT_MIME_DEPTH),
    .max_parts = bn_limit(v->opts, BOUNCE_LIMIT_MIME_PARTS),
    .max_text = bn_limit(v->opts, BOUNCE_LIMIT_TEXT_SIZE),
    .max_line = bn_limit(v->opts, BOUNCE_LIMIT_LINE_LENGTH),
  };
  if (ran_out.where == BN_RAN_OUT_IN_HEADER)
    v->header_ran_out = ran_out.part;
  else if (ran_out.where == BN_RAN_OUT_IN_CONTENT) {
    w.content_ran_out = ran_out.part;
    w.cut_delimiter = ran_out.delimiter;
    w.cut_delimiter_len = ran_out.delimiter_len;
  }
  find_relabelled(&w, v->notice);
  walk(&w, body, 1);
  v->wrapped = w.wrapped;
  if (w.too_deep) {
    bn_error_set(err, BOUNCE_ERROR_TOO_DEEP, "MIME parts nest deeper than %zu levels",
                 w.max_depth);
    return false;
  }
  return true;
}

bool
bn_view_init(bn_view *v, GMimeMessage *msg, const bounce_options *opts, bounce_report *report,
             bn_ran_out ran_out, bounce_error **err)
{
  memset(v, 0, sizeof *v);
  v->msg = msg;
  v->opts = opts;
  v->report = report;
  v->text = g_string_new(NULL);
  v->dsn = g_string_new(NULL);
  v->feedback = &no_text;
  v->wrapped_dsn = &no_text;
  v->returned_headers = &no_text;
  v->memo = g_new0(struct bn_view_memo, 1);
  v->memo->inline_at = -2;
  view_mark_headers(v);
  view_subject(v);
  view_from(v);
  GMimeObject *body = g_mime_message_get_mime_part(msg);
  v->notice = footed_notice(body);
  v->report_type = report_type_of(v->notice);
  if (!view_body(v, body, ran_out, err)) {
    bn_view_clear(v);
    return false;
  }
  return true;
}

void
bn_view_clear(bn_view *v)
{
  if (v->text)
    g_string_free(v->text, TRUE);
  if (v->dsn)
    g_string_free(v->dsn, TRUE);
  view_string_free(v->feedback);
  view_string_free(v->wrapped_dsn);
  view_string_free(v->returned_headers);
  g_free(v->from_addr);
  g_free(v->from_mailbox);
  g_free(v->subject_own);
  g_free(v->subject_lower_own);
  g_free(v->from_own);
  g_free(v->memo);
  memset(v, 0, sizeof *v);
}

bool
bn_view_once(const bn_view *v, bool (*fn)(const bn_view *v))
{
  struct bn_view_memo *m = v->memo;
  for (int i = 0; m && i < m->n; i++)
    if (m->fn[i] == fn)
      return m->value[i];
  bool value = fn(v);
  if (m && m->n < MEMO_SIZE) {
    m->fn[m->n] = fn;
    m->value[m->n++] = value;
  }
  return value;
}

gssize
bn_view_inline_copy(const bn_view *v)
{
  struct bn_view_memo *m = v->memo;
  if (m && m->inline_at != -2)
    return m->inline_at;
  gssize at = bn_original_find_inline(v->text->str, v->text->len);
  if (m)
    m->inline_at = at;
  return at;
}

size_t
bn_view_own_len(const bn_view *v, size_t max)
{
  /* looked for in the whole text, not a claim's window: a window's edge
   * may cut the copy's header block short of the fields that mark it */
  gssize end = bn_view_inline_copy(v);
  return MIN(end >= 0 ? (size_t)end : v->text->len, max);
}

/* Local parts and display names of the senders of bounces. */
static const char *const mailer_locals[] = {
  "mailer-daemon", "mailer_daemon", "mailerdaemon", "mail-daemon", "postmaster", "mail.daemon",
  "maildaemon", "mdaemon", "mailadmin", "mail-notification", "bounce", "bounces", "returns",
  "no-reply-bounce", "mailerror",
  /* the system mailbox Exchange 2007 and later send reports from, the same
   * name in every organisation */
  "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e", NULL,
};

static bool
mailer_local(const char *local, size_t n)
{
  for (size_t i = 0; mailer_locals[i]; i++)
    if (strlen(mailer_locals[i]) == n && g_ascii_strncasecmp(local, mailer_locals[i], n) == 0)
      return true;
  return false;
}

static bool
from_mailer(const bn_view *v)
{
  const char *at = strchr(v->from_addr, '@');
  if (mailer_local(v->from_addr, at ? (size_t)(at - v->from_addr) : strlen(v->from_addr)))
    return true;
  return bn_strcasestr(v->from, strlen(v->from), "mail delivery") != NULL ||
         bn_strcasestr(v->from, strlen(v->from), "mailer-daemon") != NULL ||
         bn_strcasestr(v->from, strlen(v->from), "postmaster") != NULL;
}

/* Asked by many recognizers' claims of one message: its From is set once. */
bool
bn_view_from_mailer(const bn_view *v)
{
  return bn_view_once(v, from_mailer);
}

/* Mailboxes a sender has its own mail's bounces returned to: as an
 * envelope sender ("Return-Path: <bounces@mail.example.net>") they mark a
 * sender's mail, not a mail system's report, which is sent with the null
 * one. */
static const char *const return_locals[] = {"bounce", "bounces", "returns", "no-reply-bounce"};

/* The envelope sender a Return-Path names is a real mailbox that is not a
 * mail system's: not null ("<>", qmail's "<#@[]>"), no "MAILER-DAEMON@". */
static bool
sent_with_own_sender(const char *rp)
{
  rp += strspn(rp, " \t<");
  size_t n = strcspn(rp, "@> \t");
  if (rp[n] != '@' || n == 0 || (n == 1 && rp[0] == '#'))
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(return_locals); i++)
    if (strlen(return_locals[i]) == n && g_ascii_strncasecmp(rp, return_locals[i], n) == 0)
      return true;
  return !mailer_local(rp, n);
}

bool
bn_view_looks_like_bounce(const bn_view *v)
{
  return v->report_type[0] || v->dsn->len || bn_view_sent_by_mail_system(v);
}

bool
bn_view_null_sender(const bn_view *v)
{
  const char *rp = bn_view_header(v, "Return-Path");
  return rp && strstr(rp, "<>");
}

bool
bn_view_sent_by_mail_system(const bn_view *v)
{
  if (bn_view_from_mailer(v) || bn_view_null_sender(v))
    return true;
  const char *rp = bn_view_header(v, "Return-Path");
  /* Every kind of automated mail says "auto-generated" (RFC 3834): a
   * carrier's "your parcel could not be delivered", a shop's or a ticket
   * system's notice. A mail system sends its reports with the null
   * envelope sender (RFC 5321 4.5.5), or, rewritten, its own mailbox's: one
   * whose Return-Path is a person's or a service's own is no bounce. */
  const char *as = bn_view_header(v, "Auto-Submitted");
  return as && bn_strcasestr(as, strlen(as), "auto-generated") != NULL &&
         (rp == NULL || !sent_with_own_sender(rp));
}

/* The returned header block kept as text (text/rfc822-headers), without
 * the blank lines a notice leaves above it. */
static const char *
returned_headers_text(const bn_view *v, size_t *len)
{
  const char *text = v->returned_headers->str;
  *len = v->returned_headers->len;
  while (*len && (*text == '\n' || *text == '\r')) {
    text++;
    (*len)--;
  }
  return text;
}

char *
bn_view_returned_header(const bn_view *v, const char *name)
{
  if (v->returned)
    return g_strdup(g_mime_object_get_header(GMIME_OBJECT(v->returned), name));
  size_t len;
  const char *text = returned_headers_text(v, &len);
  /* the header block only: a body's lines are no fields */
  bn_span value;
  if (!bn_dsn_part_value(text, bn_header_block_len(text, len), name, &value))
    return NULL;
  return g_strndup(value.p, value.len);
}

/* Which of two fields comes first in the returned original's header: 1 when
 * name does (or stands where below is absent), 0 when below does, -1 when
 * name is absent. */
static int
header_order(const char *a, size_t alen, const char *name, const char *below)
{
  size_t nlen = strlen(name), blen = strlen(below);
  if (alen == nlen && g_ascii_strncasecmp(a, name, alen) == 0)
    return 1;
  if (alen == blen && g_ascii_strncasecmp(a, below, alen) == 0)
    return 0;
  return -1;
}

bool
bn_view_returned_header_above(const bn_view *v, const char *name, const char *below)
{
  if (v->returned) {
    GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(v->returned));
    int n = list ? g_mime_header_list_get_count(list) : 0;
    for (int i = 0; i < n; i++) {
      const char *h = g_mime_header_get_name(g_mime_header_list_get_header_at(list, i));
      int order = h ? header_order(h, strlen(h), name, below) : -1;
      if (order >= 0)
        return order == 1;
    }
    return false;
  }
  size_t len;
  const char *text = returned_headers_text(v, &len);
  bn_lines it;
  bn_span line, n, value;
  bn_lines_init(&it, text, bn_header_block_len(text, len));
  while (bn_lines_next(&it, &line)) {
    bool field = line.len && line.p[0] != ' ' && line.p[0] != '\t' &&
                 bn_dsn_part_field(&line, &n, &value);
    int order = field ? header_order(n.p, n.len, name, below) : -1;
    if (order >= 0)
      return order == 1;
  }
  return false;
}

typedef struct {
  GString *markup;
  size_t parts_left;
} html_markup;

/* g_mime_message_foreach walks multiparts only, never into a message/rfc822:
 * the returned message's HTML is not read. Nor is an HTML attachment: an
 * original flattened into one is not the notice's own words. */
static void
add_html_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
  (void)parent;
  html_markup *h = data;
  if (h->parts_left == 0)
    return;
  h->parts_left--;
  GMimeContentType *ct = g_mime_object_get_content_type(part);
  if (!GMIME_IS_PART(part) || !is_type(ct, "text", "html") ||
      g_mime_part_is_attachment(GMIME_PART(part)))
    return;
  GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
  if (content == NULL)
    return;
  bool cut;
  GByteArray *bytes = bn_read_decoded(content, 65536, &cut);
  if (h->markup == NULL)
    h->markup = g_string_new(NULL);
  /* a line between parts: a link is never found made of two parts' ends */
  else
    g_string_append_c(h->markup, '\n');
  g_string_append_len(h->markup, (const char *)bytes->data, (gssize)bytes->len);
  g_byte_array_free(bytes, TRUE);
}

GString *
bn_view_html_markup(const bn_view *v)
{
  if (v->msg == NULL)
    return NULL;
  html_markup h = {NULL, bn_limit(v->opts, BOUNCE_LIMIT_MIME_PARTS)};
  g_mime_message_foreach(v->msg, add_html_part, &h);
  return h.markup;
}

const char *
bn_view_header(const bn_view *v, const char *name)
{
  guint bit = header_mark(name, strlen(name));
  if (!(v->header_marks[bit / 64] & (G_GUINT64_CONSTANT(1) << (bit % 64))))
    return NULL;
  const char *value = g_mime_object_get_header(GMIME_OBJECT(v->msg), name);
  if (value == NULL && g_ascii_strncasecmp(name, "Content-", 8) == 0) {
    /* GMime keeps the Content-* headers on the message's top MIME part */
    GMimeObject *body = g_mime_message_get_mime_part(v->msg);
    if (body)
      value = g_mime_object_get_header(body, name);
  }
  return value;
}
