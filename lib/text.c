/* Finding codes, addresses and SMTP commands in free text. Every scan here
 * is a single forward pass with bounded look-around: no backtracking. */
#include "private.h"
#include <string.h>

static bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
  return g_ascii_isalnum(c);
}

/* ---- lines ---- */

void
bn_lines_init(bn_lines *it, const char *s, size_t len)
{
  it->p = s;
  it->end = s ? s + len : s;
}

bool
bn_lines_next(bn_lines *it, bn_span *line)
{
  if (it->p == NULL || it->p >= it->end)
    return false;
  const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
  const char *stop = nl ? nl : it->end;
  line->p = it->p;
  line->len = (size_t)(stop - it->p);
  if (line->len && line->p[line->len - 1] == '\r')
    line->len--;
  it->p = nl ? nl + 1 : it->end;
  return true;
}

void
bn_span_trim(bn_span *l)
{
  while (l->len && g_ascii_isspace(l->p[0])) {
    l->p++;
    l->len--;
  }
  while (l->len && g_ascii_isspace(l->p[l->len - 1]))
    l->len--;
}

bool
bn_span_split(bn_span *line, bn_span *rest, const char *cut)
{
  const char *end = line->p + line->len;
  rest->len = 0;
  while (cut && cut < end && *cut == ' ')
    cut++;
  if (cut == NULL || cut == end)
    return false;
  rest->p = cut;
  rest->len = (size_t)(end - cut);
  line->len = (size_t)(cut - line->p);
  return true;
}

bool
bn_lines_resume(bn_lines *it, bn_span *rest, bn_span *line,
                bool (*next)(bn_lines *it, bn_span *line))
{
  if (rest->len == 0)
    return next(it, line);
  *line = *rest;
  rest->len = 0;
  return true;
}

bool
bn_lines_next_trimmed(bn_lines *it, bn_span *line)
{
  if (!bn_lines_next(it, line))
    return false;
  bn_span_trim(line);
  return true;
}

size_t
bn_span_label(const bn_span *l, const char *label)
{
  size_t k = strlen(label);
  return l->len >= k && g_ascii_strncasecmp(l->p, label, k) == 0 ? k : 0;
}

/* ---- small string helpers ---- */

/* How common a byte is in bounce text, to pick the rarest byte of a
 * needle: in ten thousand bytes of the tests' messages (tests/data), case
 * folded, so that 'p' and 'x' (postmaster, smtp, X- headers) count as the
 * common bytes they are there and 'w' as the rare one. Other bytes (rare
 * punctuation, UTF-8) are rarer still: 0 here stands for them. The counts
 * order the bytes; no search depends on them being right. */
static const guint16 byte_ranks[256] = {
  ['z'] = 14, ['q'] = 14, ['k'] = 35, ['j'] = 45, ['w'] = 60, ['v'] = 68, ['y'] = 103, ['h'] = 111,
  ['b'] = 112, ['f'] = 117, ['g'] = 121, ['x'] = 132, ['u'] = 177, ['c'] = 230, ['d'] = 247,
  ['p'] = 251, ['l'] = 319, ['n'] = 359, ['m'] = 370, ['i'] = 371, ['s'] = 387, ['r'] = 404,
  ['o'] = 416, ['a'] = 527, ['t'] = 546, ['e'] = 933,
  ['Z'] = 14, ['Q'] = 14, ['K'] = 35, ['J'] = 45, ['W'] = 60, ['V'] = 68, ['Y'] = 103, ['H'] = 111,
  ['B'] = 112, ['F'] = 117, ['G'] = 121, ['X'] = 132, ['U'] = 177, ['C'] = 230, ['D'] = 247,
  ['P'] = 251, ['L'] = 319, ['N'] = 359, ['M'] = 370, ['I'] = 371, ['S'] = 387, ['R'] = 404,
  ['O'] = 416, ['A'] = 527, ['T'] = 546, ['E'] = 933,
  ['0'] = 294, ['1'] = 171, ['2'] = 155, ['3'] = 50, ['4'] = 69, ['5'] = 71, ['6'] = 33,
  ['7'] = 43, ['8'] = 47, ['9'] = 45,
  ['-'] = 286, ['.'] = 270, [':'] = 228, ['@'] = 76, ['<'] = 61, ['>'] = 60, ['='] = 58,
  ['/'] = 35, ['"'] = 33, [','] = 32, [';'] = 31, ['+'] = 21, ['*'] = 21, ['('] = 19, [')'] = 18,
  ['_'] = 17, ['$'] = 10, ['['] = 9, [']'] = 9, ['?'] = 8, ['#'] = 6, ['\''] = 6, ['\\'] = 5,
  ['%'] = 4, ['!'] = 3,
  /* white space the commonest of all, whatever the line ends and tabs */
  [' '] = 1000, ['\n'] = 1000, ['\t'] = 1000, ['\r'] = 1000,
};

static int
byte_rank(unsigned char c)
{
  return byte_ranks[c] ? byte_ranks[c] : 1;
}

/* g_ascii_strncasecmp(a, b, n) == 0 for a needle b with no NUL in its n
 * bytes, inline: most candidates differ at once. */
static inline bool
same_ci(const char *a, const char *b, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (a[i] == b[i])
      continue;
    /* else the same only as the two cases of a letter, 0x20 apart */
    char l = (char)(a[i] | 0x20);
    if ((a[i] ^ b[i]) != 0x20 || l < 'a' || l > 'z')
      return false;
  }
  return true;
}

size_t
bn_rarest_byte(const char *needle, size_t n)
{
  size_t k = 0;
  for (size_t i = 1; i < n; i++)
    if (byte_rank((unsigned char)needle[i]) < byte_rank((unsigned char)needle[k]))
      k = i;
  return k;
}

/* Where the rarest byte of a needle is. Needles are mostly tables of
 * constant strings, asked for again and again: the answer is remembered
 * per thread by the needle's address. A remembered answer is used only
 * when the needle has the same length and the same byte there, so it is
 * always a byte of this needle (right, if not the rarest, for a string
 * that took an old one's place). The slots are enough for the words the
 * prose search asks for (several hundred sentences' longest words) not to
 * push each other out: at 512 a table's growth put neighbours in one slot
 * and cost 0.3 % of a parse. */
static size_t
rarest_byte(const char *needle, size_t n)
{
  static _Thread_local struct {
    const char *needle;
    size_t n, k;
    char byte;
  } seen[1024];
  size_t slot = bn_slot_1024(needle);
  if (seen[slot].needle == needle && seen[slot].n == n && needle[seen[slot].k] == seen[slot].byte)
    return seen[slot].k;
  size_t k = bn_rarest_byte(needle, n);
  seen[slot].needle = needle;
  seen[slot].n = n;
  seen[slot].k = k;
  seen[slot].byte = needle[k];
  return k;
}

/* Finds the needle by its rarest byte: memchr (vectorised in every libc)
 * jumps from one place the byte occurs to the next, in either case, and
 * only those places are compared. The first match is the leftmost one, as
 * the candidates come in order. */
const char *
bn_strcasestr(const char *hay, size_t haylen, const char *needle)
{
  return bn_strncasestr(hay, haylen, needle, strlen(needle));
}

const char *
bn_strncasestr(const char *hay, size_t haylen, const char *needle, size_t n)
{
  if (n == 0)
    return hay;
  if (hay == NULL || haylen < n)
    return NULL;
  return bn_strncasestr_by(hay, haylen, needle, n, rarest_byte(needle, n));
}

const char *
bn_strncasestr_by(const char *hay, size_t haylen, const char *needle, size_t n, size_t k)
{
  if (hay == NULL || haylen < n)
    return NULL;
  char lo = bn_ascii_lower(needle[k]);
  char up = lo >= 'a' && lo <= 'z' ? (char)(lo - ('a' - 'A')) : lo;
  const char *p = hay + k;
  const char *end = hay + haylen - (n - k) + 1; /* past the last place the byte may be */
  const char *next_lo = memchr(p, lo, (size_t)(end - p));
  const char *next_up = lo == up ? NULL : memchr(p, up, (size_t)(end - p));
  while (next_up) { /* the nearer of the two cases */
    const char *c = next_lo && next_lo < next_up ? next_lo : next_up;
    if (same_ci(c - k, needle, n))
      return c - k;
    if (c == next_lo)
      next_lo = memchr(c + 1, lo, (size_t)(end - c - 1));
    else
      next_up = memchr(c + 1, up, (size_t)(end - c - 1));
  }
  /* No upper case left: text is mostly lower case, so most candidates
   * come in this simpler loop. */
  for (; next_lo; next_lo = memchr(next_lo + 1, lo, (size_t)(end - next_lo - 1)))
    if (same_ci(next_lo - k, needle, n))
      return next_lo - k;
  return NULL;
}

bool
bn_has_prefix_ci(const char *s, const char *prefix)
{
  return s && g_ascii_strncasecmp(s, prefix, strlen(prefix)) == 0;
}

size_t
bn_opens_with_any(const char *p, const char *end, const char *const *prefixes)
{
  for (size_t i = 0; prefixes[i]; i++) {
    size_t n = strlen(prefixes[i]);
    if ((size_t)(end - p) >= n && memcmp(p, prefixes[i], n) == 0)
      return n;
  }
  return 0;
}

bool
bn_word_byte(char c)
{
  return g_ascii_isalnum(c) || (guchar)c >= 0x80;
}

/* Whether the character ending at s[at - 1] is a letter or digit of a word
 * the word after it would be glued to. A byte >= 0x80 alone cannot tell:
 * a no-break space, a dash, an ellipsis, an ideographic full stop or a
 * fullwidth colon ends a word as a blank does ("。Rejected: a@b"), and
 * Chinese and Japanese write no blank between their words and an English
 * one. So the UTF-8 character is read: a letter or digit of a narrow
 * script glues ("Empfängeraddress"), anything else bounds; bytes that are
 * no UTF-8 (Latin-1 left undecoded) count as a letter. */
bool
bn_glued_before(const char *s, size_t at)
{
  if ((guchar)s[at - 1] < 0x80)
    return g_ascii_isalnum(s[at - 1]);
  size_t b = at - 1;
  while (b > 0 && at - b < 4 && ((guchar)s[b] & 0xc0) == 0x80)
    b--;
  gunichar u = g_utf8_get_char_validated(s + b, (gssize)(at - b));
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return true;
  return g_unichar_isalnum(u) && !g_unichar_iswide(u);
}

bool
bn_ends_with_word(const char *s, size_t len, const char *trim, const char *const *words)
{
  while (len && strchr(trim, s[len - 1]))
    len--;
  for (size_t i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    if (len >= n && g_ascii_strncasecmp(s + len - n, words[i], n) == 0 &&
        (len == n || !bn_glued_before(s, len - n)))
      return true;
  }
  return false;
}

bool
bn_host_within(const char *host, const char *domain)
{
  size_t hl = strlen(host), dl = strlen(domain);
  return dl > 0 && hl >= dl && g_ascii_strcasecmp(host + hl - dl, domain) == 0 &&
         (hl == dl || host[hl - dl - 1] == '.');
}

bool
bn_same_domain(const char *a, const char *b)
{
  const char *da = a ? strrchr(a, '@') : NULL, *db = b ? strrchr(b, '@') : NULL;
  return da && db && g_ascii_strcasecmp(da, db) == 0;
}

/* Space, \t \n \v \f \r. Most bytes are above the space: one comparison
 * tells them. */
static inline bool
squeezed_space(char c)
{
  unsigned char u = (unsigned char)c;
  return u <= ' ' && (u == ' ' || (u >= '\t' && u <= '\r'));
}

/* Writes src[0..len) squeezed to dst, which may be src itself (the squeezed
 * text is never longer); returns its length. */
static size_t
squeeze_to(char *dst, const char *src, size_t len)
{
  size_t w = 0;
  bool space = true; /* drops leading white space */
  for (size_t r = 0; r < len; r++) {
    char c = src[r];
    if (!squeezed_space(c)) {
      dst[w++] = c;
      space = false;
    } else if (!space) {
      dst[w++] = ' ';
      space = true;
    }
  }
  if (w && dst[w - 1] == ' ')
    w--;
  return w;
}

void
bn_squeeze(GString *s)
{
  g_string_truncate(s, squeeze_to(s->str, s->str, s->len));
}

/* Straight into a buffer of its own: no GString to make and take apart. */
char *
bn_squeeze_dup(const char *s, size_t len)
{
  if (s == NULL)
    len = 0;
  char *out = g_malloc(len + 1);
  out[squeeze_to(out, s, len)] = '\0';
  return out;
}

size_t
bn_utf8_cut(const char *s, size_t len, size_t max)
{
  if (len <= max)
    return len;
  size_t n = max;
  while (n > 0 && ((guchar)s[n] & 0xC0) == 0x80)
    n--;
  return n;
}

/* ---- enhanced status codes (RFC 3463) ---- */

/* Reads "C.S.D" at s: class 2/4/5, subject 0-7 (one digit), detail 0-999.
 * Returns its length, or 0. Boundaries are the caller's. */
static size_t
status_at(const char *s, size_t len)
{
  size_t i = 0;
  if (len < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
    return 0;
  i = 2;
  if (!is_digit(s[i]) || s[i] > '7')
    return 0;
  i++;
  if (i < len && is_digit(s[i]))
    return 0; /* subject has one digit in the registry */
  if (i >= len || s[i] != '.')
    return 0;
  i++;
  size_t d = 0;
  while (i < len && is_digit(s[i]) && d < 4) {
    i++;
    d++;
  }
  if (d == 0 || d > 3)
    return 0;
  return i;
}

bool
bn_status_valid(const char *s, size_t len)
{
  return s && len > 0 && status_at(s, len) == len;
}

/* The words after which a reply or a notice writes its status ("status
 * 5.2.1", "error 5.7.1", "said 5.1.1"), and the labels of a version, which
 * a colon does not make a status's ("Version: 5.0.3"). */
static const char *const status_words[] = {"status", "code", "error", "reason", "reply",
                                           "response", "said", "dsn", NULL};
static const char *const version_words[] = {"version", "release", "build", "ver", NULL};

static bool
word_in(const char *w, size_t n, const char *const *words)
{
  for (size_t i = 0; words[i]; i++)
    if (n == strlen(words[i]) && g_ascii_strncasecmp(w, words[i], n) == 0)
      return true;
  return false;
}

static int reply_at(const char *s, size_t len, size_t at);

/* Whether the word that starts at s + start ends a host name a reply opens
 * with: qmail-remote prints a multi-line greeting refusal line by line
 * ("421-mx2.example.org" then "421 4.2.1 Service refused", notqmail
 * qmail-remote.c outsmtptext()), and joined they read "421
 * mx2.example.org 4.2.1 Service refused". A host is no product whose
 * version follows: the status after it is the reply's. */
static bool
reply_host_before(const char *s, size_t start)
{
  if (start == 0 || s[start - 1] != '.')
    return false;
  size_t h = start;
  while (h > 0 && (is_alnum(s[h - 1]) || s[h - 1] == '.' || s[h - 1] == '-'))
    h--;
  return h >= 4 && s[h - 1] == ' ' && reply_at(s, h - 1, h - 4) != 0;
}

/* Whether what ends at s + end (after blanks) is where no status stands:
 * a status follows a reply code, a line start, a label's colon, '#', '('
 * or a quote, but what follows a name is its version ("CommuniGate Pro
 * 5.4.2", "Lotus Domino Release 5.0.12", "MailGate 4.2.1"), what follows
 * "vom", "on" a date ("5.4.24"). */
static bool
after_plain_word(const char *s, size_t end)
{
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
    end--;
  bool colon = end > 0 && s[end - 1] == ':';
  if (colon)
    end--;
  while (colon && end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
    end--;
  if (end == 0 || !g_ascii_isalpha(s[end - 1]))
    return false;
  size_t start = end;
  while (start > 0 && is_alnum(s[start - 1]))
    start--;
  /* a tag joined by '_' is a filter's verdict before the status it gives
   * (Barracuda's "550 cuda_nsu 5.1.1 <user@example.org> ..."), no name */
  if (start > 0 && s[start - 1] == '_')
    return false;
  if (!colon && reply_host_before(s, start))
    return false;
  if (colon)
    return word_in(s + start, end - start, version_words);
  return !word_in(s + start, end - start, status_words);
}

/* The words a greeting writes after its host name, before the product
 * that answers (RFC 5321 4.3.1 "220 mx.example.org ESMTP ..."). */
static const char *const banner_protocols[] = {"ESMTP", "SMTP", "LMTP", NULL};

/* Whether the '(' at s + open closes a greeting's product name, whose
 * version it holds: Postfix's smtpd_banner "$myhostname ESMTP $mail_name
 * ($mail_version)" (conf/main.cf), "554 mx.example.org ESMTP Postfix
 * (2.5.6) no mail accepted"; go-guerrilla glues it, "SMTP
 * Guerrilla(1.5.1)". */
static bool
banner_version(const char *s, size_t open)
{
  size_t end = open;
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
    end--;
  if (end == 0 || !g_ascii_isalpha(s[end - 1]))
    return false;
  size_t start = end;
  while (start > 0 && (is_alnum(s[start - 1]) || s[start - 1] == '-' || s[start - 1] == '_'))
    start--;
  size_t pend = start;
  if (pend == 0 || (s[pend - 1] != ' ' && s[pend - 1] != '\t'))
    return false;
  while (pend > 0 && (s[pend - 1] == ' ' || s[pend - 1] == '\t'))
    pend--;
  size_t pstart = pend;
  while (pstart > 0 && g_ascii_isalpha(s[pstart - 1]))
    pstart--;
  return word_in(s + pstart, pend - pstart, banner_protocols);
}

/* A status in running text must stand alone: not inside an IP address
 * ("192.0.2.5.1.1"), a version ("v5.1.1", "5.1.1.2", "Pro 5.4.2",
 * "ESMTP Foo (5.4.2)") or a date. */
static bool
status_stands_alone(const char *s, size_t len, size_t at, size_t n)
{
  if (at > 0) {
    char p = s[at - 1];
    if (is_alnum(p) || p == '.' || p == '_' || p == '/')
      return false;
    if (after_plain_word(s, at))
      return false;
    if (p == '(' && banner_version(s, at - 1))
      return false;
  }
  if (at + n < len) {
    char c = s[at + n];
    if (is_alnum(c) || c == '_' || c == '/')
      return false;
    if ((c == '.' || c == ',') && at + n + 1 < len && is_digit(s[at + n + 1]))
      return false;
  }
  return true;
}

static const char *
find_status_pos(const char *s, size_t len, size_t *n_out)
{
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i + 5 <= len; i++) {
    if (s[i + 1] != '.' || (s[i] != '2' && s[i] != '4' && s[i] != '5'))
      continue;
    size_t n = status_at(s + i, len - i);
    if (n && status_stands_alone(s, len, i, n)) {
      *n_out = n;
      return s + i;
    }
  }
  return NULL;
}

const char *
bn_find_status_at(const char *s, size_t len, char out[16])
{
  size_t n = 0;
  const char *p = find_status_pos(s, len, &n);
  if (p == NULL)
    return NULL;
  memcpy(out, p, n);
  out[n] = '\0';
  return p;
}

bool
bn_find_status(const char *s, size_t len, char out[16])
{
  return bn_find_status_at(s, len, out) != NULL;
}

/* One number of 1 to 3 digits at s + *i, leading zeros dropped ("01" is
 * 1): RFC 3463 writes subject and detail as 1*3digit. -1 when none. */
static int
status_number(const char *s, size_t len, size_t *i)
{
  int v = 0;
  size_t d = 0;
  while (*i < len && is_digit(s[*i]) && d < 4) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  return d == 0 || d > 3 ? -1 : v;
}

/* The Status field of a DSN: the code at its start, which RFC 3463 lets
 * carry leading zeros ("5.01.01" is 5.1.1); else a code further on ("smtp;
 * 5.1.1"). */
bool
bn_read_status_field(const char *s, size_t len, char out[16])
{
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  size_t at = i;
  if (i + 1 < len && (s[i] == '2' || s[i] == '4' || s[i] == '5') && s[i + 1] == '.') {
    i += 2;
    int subject = status_number(s, len, &i);
    int detail = -1;
    if (subject >= 0 && subject <= 7 && i < len && s[i] == '.') {
      i++;
      detail = status_number(s, len, &i);
    }
    bool ends = i == len || !(is_alnum(s[i]) || (s[i] == '.' && i + 1 < len && is_digit(s[i + 1])));
    if (detail >= 0 && ends) {
      g_snprintf(out, 16, "%c.%d.%d", s[at], subject, detail);
      return true;
    }
  }
  return bn_find_status(s, len, out);
}

/* The class of a bare 4xx or 5xx reply code that some generators put in
 * the Status field ("Status: 550"), '4' or '5'; else 0. Only a refusal's
 * class: a "250" there says nothing a failed or delayed record can use. */
char
bn_status_field_class(const char *s, size_t len)
{
  size_t at = 0;
  while (at < len && (s[at] == ' ' || s[at] == '\t'))
    at++;
  size_t i = at;
  while (i < len && is_digit(s[i]))
    i++;
  if (i - at == 3 && (i == len || !is_alnum(s[i])) && (s[at] == '4' || s[at] == '5'))
    return s[at];
  return 0;
}

/* ---- links: URLs, e-mail addresses, host names ---- */

bool
bn_address_byte(char c)
{
  return is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '%';
}

/* Both the cut-off check and prose ask this of an address they already
 * hold; they differ only in which bytes go on with one. */
bool
bn_names_whole(const char *s, size_t len, const char *address, bool (*part)(char), bool sentence)
{
  size_t n = strlen(address);
  for (const char *at = n ? bn_strcasestr(s, len, address) : NULL; at;
       at = bn_strcasestr(at + 1, len - (size_t)(at + 1 - s), address)) {
    const char *end = at + n, *stop = s + len;
    bool before = at > s && part(at[-1]);
    bool after = end < stop && part(*end) &&
                 !(sentence && *end == '.' && (end + 1 == stop || !part(end[1])));
    if (!before && !after)
      return true;
  }
  return false;
}

/* Where a URL that starts at s + at ends: at white space, an angle
 * bracket, a quote or a closing bracket, less the punctuation that ends
 * the sentence around it. */
static size_t
url_end(const char *s, size_t len, size_t at)
{
  size_t e = at;
  while (e < len && !g_ascii_isspace(s[e]) && !strchr("<>\"'`)]}", s[e]))
    e++;
  while (e > at && strchr(".,;:!?", s[e - 1]))
    e--;
  return e;
}

/* A host name: labels of letters, digits and '-', three or more, the last
 * all letters, two to six of them. */
static bool
host_shaped(const char *s, size_t n)
{
  size_t dots = 0, label = 0, letters = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '.') {
      if (label == 0)
        return false;
      dots++;
      label = letters = 0;
    } else if (is_alnum(c) || c == '-') {
      label++;
      letters += g_ascii_isalpha(c) != 0;
    } else {
      return false;
    }
  }
  return dots >= 2 && label >= 2 && label <= 6 && letters == label;
}

/* The end of the link that starts at s + at (a run of address bytes
 * starts there), or 0 when none does. */
static size_t
link_at(const char *s, size_t len, size_t at, size_t run_end)
{
  if (run_end + 3 <= len && memcmp(s + run_end, "://", 3) == 0)
    return url_end(s, len, at);
  if (run_end - at > 4 && g_ascii_strncasecmp(s + at, "www.", 4) == 0)
    return url_end(s, len, at);
  size_t e = run_end;
  while (e > at && (s[e - 1] == '.' || s[e - 1] == '-'))
    e--;
  const char *atsign = memchr(s + at, '@', e - at);
  if (atsign && atsign > s + at && atsign + 1 < s + e)
    return e;
  return host_shaped(s + at, e - at) ? e : 0;
}

bool
bn_split_links(const char *s, size_t len, GString **plain, GString **links)
{
  GString *p = NULL, *l = NULL;
  size_t copied = 0;
  for (size_t i = 0; i < len;) {
    if (!bn_address_byte(s[i]) || (i > 0 && (bn_address_byte(s[i - 1]) || s[i - 1] == '@'))) {
      i++;
      continue;
    }
    size_t run = i;
    while (run < len && (bn_address_byte(s[run]) || s[run] == '@'))
      run++;
    size_t end = link_at(s, len, i, run);
    if (end == 0) {
      i = run;
      continue;
    }
    if (p == NULL) {
      p = g_string_sized_new(len);
      l = g_string_sized_new(64);
    }
    g_string_append_len(p, s + copied, (gssize)(i - copied));
    g_string_append_c(p, '\x01');
    if (l->len)
      g_string_append_c(l, ' ');
    g_string_append_len(l, s + i, (gssize)(end - i));
    copied = i = end;
  }
  if (p == NULL)
    return false;
  g_string_append_len(p, s + copied, (gssize)(len - copied));
  *plain = p;
  *links = l;
  return true;
}

/* ---- reply codes (RFC 5321) ---- */

/* Whether an enhanced status of class c follows the code that ends at
 * s + at, after one blank or dash ("400 4.4.7"). */
static bool
status_of_class_after(const char *s, size_t len, size_t at, char c)
{
  if (at + 1 >= len || (s[at] != ' ' && s[at] != '-') || s[at + 1] != c)
    return false;
  size_t i = at + 1, n = 0;
  while (i + n < len && n < 12 && !g_ascii_isspace(s[i + n]) && s[i + n] != '\'' &&
         s[i + n] != '"')
    n++;
  return bn_status_valid(s + i, n);
}

/* The units a size, a count or a time is given in, as quota and limit
 * notices write them after a number: "mailbox full (500 MB)", "550
 * recipients a day", "after 421 seconds", "at 450%". Written as they
 * stand: a reply's text opens with a capital ("421 Messages from ...
 * deferred"), a count's unit does not. */
#define UNIT(u) {u, sizeof u - 1, false}
#define SYMBOL(u) {u, sizeof u - 1, true}
static const struct {
  const char *unit;
  size_t len;
  bool symbol; /* a unit's symbol, which no reply's text opens with */
} quantity_units[] = {
  SYMBOL("KB"), SYMBOL("kB"), SYMBOL("MB"), SYMBOL("GB"), SYMBOL("TB"), SYMBOL("KiB"),
  SYMBOL("MiB"), SYMBOL("GiB"), UNIT("bytes"), UNIT("octets"), UNIT("messages"), UNIT("msgs"),
  UNIT("mails"), UNIT("emails"), UNIT("recipients"), UNIT("seconds"), UNIT("minutes"),
  UNIT("hours"), UNIT("days"), SYMBOL("%"),
};
#undef UNIT
#undef SYMBOL

/* Whether the number that ends at s + at is followed by a unit, after at
 * most one blank: a quantity, never a reply code, whatever its digits;
 * *symbol says whether the unit is written as a symbol.
 * Asked of every three digits that could be a reply code: the units'
 * lengths are kept and their first byte compared first. */
static bool
quantity_after(const char *s, size_t len, size_t at, bool *symbol)
{
  size_t i = at < len && s[at] == ' ' ? at + 1 : at;
  for (size_t u = 0; u < G_N_ELEMENTS(quantity_units); u++) {
    size_t n = quantity_units[u].len;
    if (i + n <= len && s[i] == quantity_units[u].unit[0] &&
        memcmp(s + i, quantity_units[u].unit, n) == 0 && (i + n == len || !is_alnum(s[i + n]))) {
      *symbol = quantity_units[u].symbol;
      return true;
    }
  }
  return false;
}

/* Whether the number at s + at stands where only a reply can: after
 * Postfix's "said:", blanks between. There "452 messages per connection"
 * is a reply whose text opens in lower case. */
static bool
reply_position(const char *s, size_t at)
{
  size_t i = at;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i >= 5 && g_ascii_strncasecmp(s + i - 5, "said:", 5) == 0;
}

/* The reply code at s + at; a number before a unit counts only where a
 * reply must stand (opens_reply: the number opens a text typed as an SMTP
 * reply, a Diagnostic-Code's: "smtp; 550 messages from your network are
 * refused"). Prose that opens on a count is no reply ("550 messages were
 * sent from your account today", an unknown MTA's paragraph), and no text
 * that opens on a number before a unit's symbol is: "552 MB is the largest
 * message the recipient's server accepts". */
static int
reply_code_at(const char *s, size_t len, size_t at, bool opens_reply)
{
  if (at + 3 > len)
    return 0;
  const char *p = s + at;
  if (p[0] < '2' || p[0] > '5' || !is_digit(p[1]) || !is_digit(p[2]))
    return 0;
  if (at > 0) {
    char b = s[at - 1];
    if (is_alnum(b) || b == '.' || b == '-' || b == '_' || b == '/' || b == '+')
      return 0;
  }
  if (at + 3 < len) {
    char c = p[3];
    if (is_alnum(c) || c == '.' || c == '@' || c == '_' || c == '/' || c == ':')
      return 0;
  }
  bool symbol = false;
  if (quantity_after(s, len, at + 3, &symbol) && !reply_position(s, at) &&
      (!opens_reply || symbol))
    return 0;
  int code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  if (bn_reply_known(code))
    return code;
  return bn_reply_known_with_status(code) && status_of_class_after(s, len, at + 3, p[0]) ? code
                                                                                         : 0;
}

static int
reply_at(const char *s, size_t len, size_t at)
{
  return reply_code_at(s, len, at, false);
}

size_t
bn_skip_diag_type(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && g_ascii_isspace(s[i]))
    i++;
  size_t j = i;
  while (j < len && (is_alnum(s[j]) || s[j] == '-'))
    j++;
  if (j > i && j < len && s[j] == ';') {
    i = j + 1;
    while (i < len && g_ascii_isspace(s[i]))
      i++;
  }
  return i;
}

/* "退信原因：550 ..." and "（550 ...）": CJK text writes the colon and the
 * parenthesis full width (U+FF1A, U+FF08). */
static bool
fullwidth_colon_or_paren(const char *s, size_t end)
{
  return end >= 3 && (guchar)s[end - 3] == 0xEF && (guchar)s[end - 2] == 0xBC &&
         ((guchar)s[end - 1] == 0x9A || (guchar)s[end - 1] == 0x88);
}

/* A code written just before an enhanced status of its class: "550
 * 5.1.1", "550-5.1.1", "550: 5.1.1", "550:5.1.1", and with the reply quoted after it, as Cisco's
 * gateways write it after their own status: "5.1.0 - Unknown address
 * error 550-'5.1.1 <user@example.org>... User unknown'" (in double quotes
 * when the reply holds an apostrophe, see bn_category_reply). */
static int
code_before_status(const char *s, size_t len, size_t *where)
{
  size_t n = 0;
  for (const char *st = find_status_pos(s, len, &n); st;) {
    size_t at = (size_t)(st - s);
    if (at > 0 && (s[at - 1] == '\'' || s[at - 1] == '"'))
      at--;
    int code;
    if (at >= 4 && (s[at - 1] == ' ' || s[at - 1] == '-') && (code = reply_at(s, len, at - 4)) &&
        code / 100 == st[0] - '0') {
      *where = at - 4;
      return code;
    }
    /* "550: 5.2.2 <a@b>... Mailbox Full" (Yahoo's older notices): a colon
     * after the code is no clock's or port's when a status of its class
     * follows; the length stops reply_at before the colon it refuses */
    if (at >= 5 && s[at - 1] == ' ' && s[at - 2] == ':' && (code = reply_at(s, at - 2, at - 5)) &&
        code / 100 == st[0] - '0') {
      *where = at - 5;
      return code;
    }
    /* "550:5.1.1 <a@b>... User unknown": the same with no blank, as a
     * gateway that builds the Diagnostic-Code by gluing the two writes it;
     * a colon before the code would make it a group of an IPv6 address */
    if (at >= 4 && s[at - 1] == ':' && (at == 4 || s[at - 5] != ':') &&
        (code = reply_at(s, at - 1, at - 4)) && code / 100 == st[0] - '0') {
      *where = at - 4;
      return code;
    }
    size_t next = (size_t)(st - s) + n;
    st = find_status_pos(s + next, len - next, &n);
  }
  return 0;
}

/* Whether the three digits at s[i] are a telephone number's area code,
 * "(555) 010-2040", as a gateway's or company's footer writes one under the
 * notice: the brackets close right after them and digits follow. A reply
 * code in brackets goes on with its text, "(550 5.1.1 unknown user)", or
 * with its status, "(550) 5.1.1 <amy@...>": a digit and a dot. */
static bool
phone_area_code(const char *s, size_t len, size_t open, size_t i)
{
  if (open == 0 || s[open - 1] != '(' || i + 3 >= len || s[i + 3] != ')')
    return false;
  size_t j = i + 4;
  while (j < len && s[j] == ' ')
    j++;
  return j < len && g_ascii_isdigit(s[j]) && !(j + 1 < len && s[j + 1] == '.');
}

/* The reply code the text gives and where it stands (*where); typed: the
 * text is one a Diagnostic-Code typed as a reply, as is one that still
 * opens with its type. */
static int
find_reply(const char *s, size_t len, size_t *where, bool typed)
{
  if (s == NULL || len < 3)
    return 0;
  size_t i = bn_skip_diag_type(s, len);
  typed = typed || memchr(s, ';', i) != NULL;
  int code = reply_code_at(s, len, i, typed);
  *where = i;
  /* "550: User unknown": a code that opens the text with its colon glued
   * to it and a blank after (reply_at refuses the colon anywhere, where
   * "250:" may be a group of an IPv6 address) */
  if (code == 0 && i + 4 < len && s[i + 3] == ':' && (s[i + 4] == ' ' || s[i + 4] == '	'))
    code = reply_at(s, i + 3, i);
  /* A success, then the refusal that followed it, in one text: the first
   * line of a greeting and the refusal that ended it ("220-laposte 421
   * 4.2.1 Service refused"), or the sender's acceptance and the
   * recipient's refusal ("250 2.1.0 Sender ok; 550 5.1.1 ... User
   * unknown"). The refusal's code, before its status, is the answer that
   * failed; the success answered no failure. */
  size_t later;
  if (code / 100 == 2 && i + 3 < len) {
    int refusal = code_before_status(s + i + 3, len - i - 3, &later);
    if (refusal >= 400) {
      *where = i + 3 + later;
      return refusal;
    }
  }
  if (code)
    return code;

  code = code_before_status(s, len, where);
  if (code)
    return code;

  /* A code after a colon, an SMTP transcript marker or a line start:
   * "said: 550 ...", "<<< 550 ...", "(550 ...)". */
  for (i = 0; i + 3 <= len; i++) {
    if (s[i] != '4' && s[i] != '5')
      continue;
    code = reply_at(s, len, i);
    if (!code)
      continue;
    if (i + 3 < len && s[i + 3] != ' ' && s[i + 3] != '-' && s[i + 3] != '\n' &&
        s[i + 3] != ')' && s[i + 3] != '\r')
      continue;
    size_t k = i;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
      k--;
    if (phone_area_code(s, len, k, i))
      continue;
    if (k == 0 || strchr(":<>([\"'#=\n]", s[k - 1]) != NULL || fullwidth_colon_or_paren(s, k)) {
      *where = i;
      return code;
    }
  }
  return 0;
}

int
bn_find_reply_code(const char *s, size_t len)
{
  size_t at;
  return find_reply(s, len, &at, false);
}

int
bn_find_typed_reply_code(const char *s, size_t len)
{
  size_t at;
  return find_reply(s, len, &at, true);
}

const char *
bn_find_reply(const char *s, size_t len)
{
  size_t at;
  return find_reply(s, len, &at, false) ? s + at : NULL;
}

bool
bn_gives_code(const char *s, size_t len)
{
  char status[16];
  return bn_find_reply_code(s, len) != 0 || bn_find_status(s, len, status);
}

/* The gateway writes its own status and category ("5.1.0 - Unknown
 * address error"), then the reply code joined by a dash to the quoted rest
 * of the reply, then how often it tried; Exchange may quote all of that
 * again ("Remote Server returned '< #5.0.0 smtp; 5.1.0 - ... >'"), so the
 * reply closes at the last quote before "(delivery attempts", else at the
 * last. The quotes are Python's: a reply with an apostrophe in it is put
 * in double quotes (Gmail's "550-"5.1.1 The email account ... recipient's
 * email address ..."", its line breaks written "\n"). */
char *
bn_category_reply(const char *s, size_t len)
{
  const char *end = s + len;
  const char *dash = bn_strcasestr(s, len, " - ");
  if (dash == NULL)
    return NULL;
  for (const char *p = dash + 3; p + 5 <= end; p++) {
    if (p[3] != '-' || (p[4] != '\'' && p[4] != '"') || p[-1] != ' ')
      continue;
    int code = reply_at(s, len, (size_t)(p - s));
    if (code == 0)
      continue;
    const char *open = p + 5;
    const char *tries = bn_strcasestr(open, (size_t)(end - open), "(delivery attempts");
    const char *close = tries ? tries : end;
    while (close > open && close[-1] != p[4])
      close--;
    if (close == open)
      return NULL;
    return g_strdup_printf("%d %.*s", code, (int)(close - 1 - open), open);
  }
  return NULL;
}

/* The status a gateway writes before its category ("5.1.0 - Unknown
 * address error ..."): the token just before the first " - ". It is the
 * gateway's guess from when the reply came (IronPort files every refusal
 * of RCPT under "Unknown address error"), so it only sharpens a reply
 * whose words name a cause ("mailbox unavailable", a size); a reply that
 * names none ("550-'Administrative prohibition'", Exim's refusal by an
 * ACL) is not made a missing address by it. */
bool
bn_category_status(const char *s, size_t len, const char *reply, char out[16])
{
  if (bn_find_status(reply, strlen(reply), out) ||
      bn_text_cause(reply, strlen(reply)) == BOUNCE_CAUSE_UNDEFINED)
    return false;
  const char *dash = bn_strcasestr(s, len, " - ");
  if (dash == NULL)
    return false;
  const char *start = dash;
  while (start > s && !g_ascii_isspace(start[-1]) && start[-1] != ';' && start[-1] != '#')
    start--;
  size_t n = (size_t)(dash - start);
  return n > 0 && n < 12 && bn_status_valid(start, n) && bn_find_status(start, n, out);
}

/* ---- a multi-line reply written on one line ---- */

static bool
space_before(const char *s, size_t at)
{
  return at == 0 || g_ascii_isspace(s[at - 1]);
}

/* The length of the marker at s + at that repeats the opening line's code
 * and status ("552-5.7.0 ", "552 5.7.0 " on the last line) with the space
 * after it, or 0. */
static size_t
marker_at(const char *s, size_t len, size_t at, const char *code, const char *status,
          size_t slen)
{
  if (!space_before(s, at) || at + 4 > len || memcmp(s + at, code, 3) != 0 ||
      (s[at + 3] != '-' && s[at + 3] != ' '))
    return 0;
  size_t k = at + 4;
  if (slen) {
    if (k + slen > len || memcmp(s + k, status, slen) != 0 ||
        (k + slen < len && !g_ascii_isspace(s[k + slen])))
      return 0;
    k += slen;
  }
  while (k < len && g_ascii_isspace(s[k]))
    k++;
  return k - at;
}

char *
bn_reply_unmarked(const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  /* The opening line: "NNN-" at the start of a word, and its status. */
  size_t open = 0;
  for (; open + 4 <= len; open++)
    if (s[open + 3] == '-' && space_before(s, open) && reply_at(s, len, open))
      break;
  if (open + 4 > len) {
    /* No dash left: a two-line reply whose opening dash a recognizer
     * dropped ("554 5.7.1 Relay access 554 5.7.1 denied") opens the text,
     * and its last line's marker, words after it, is the only one left. */
    if (len < 4 || s[3] != ' ' || !reply_at(s, len, 0))
      return NULL;
    open = 0;
  }
  const char *code = s + open;
  const char *status = s + open + 4;
  size_t slen = 0;
  while (open + 4 + slen < len && !g_ascii_isspace(status[slen]))
    slen++;
  if (!bn_status_valid(status, slen))
    slen = 0;
  bool bare = code[3] == ' ';
  if (bare && slen == 0)
    return NULL;
  /* An opening line rewritten "550 5.7.1 ..." (a recognizer that joins
   * the reply's lines drops the dash of the first) keeps the later lines'
   * markers: the reply opens there, and the first "550-5.7.1" is one of
   * them. Only with a status, which a sentence does not repeat by chance. */
  size_t from = open + 4 + slen;
  for (size_t p = 0, m; slen && p < open; p++)
    if (s[p + 3] == ' ' && (m = marker_at(s, len, p, code, status, slen))) {
      from = p + m;
      break;
    }
  GString *out = NULL;
  size_t copied = 0;
  for (size_t i = from; i + 4 <= len; i++) {
    size_t n = marker_at(s, len, i, code, status, slen);
    if (n == 0 || (bare && i + n >= len))
      continue;
    if (out == NULL)
      out = g_string_sized_new(len);
    g_string_append_len(out, s + copied, (gssize)(i - copied));
    copied = i + n;
    i = copied - 1;
  }
  if (out == NULL)
    return NULL;
  g_string_append_len(out, s + copied, (gssize)(len - copied));
  return g_string_free(out, FALSE);
}

/* Whether d, one line of a multi-line reply (what some MTAs write into a
 * DSN's Diagnostic-Code: Sendmail its first line, others its last), is part
 * of reply, the whole reply joined: the same code, and d's words after its
 * marker found in it. The caller then keeps the reply, which says more. */
bool
bn_reply_holds(const char *reply, size_t rlen, const char *d, size_t dlen)
{
  if (reply == NULL || d == NULL || rlen <= dlen || dlen < 3 || rlen < 3 ||
      !reply_at(d, dlen, 0) || !reply_at(reply, rlen, 0) || memcmp(reply, d, 3) != 0)
    return false;
  size_t k = dlen > 3 ? 4 : 3;
  size_t n = 0;
  while (k + n < dlen && !g_ascii_isspace(d[k + n]))
    n++;
  if (n && bn_status_valid(d + k, n))
    k += n;
  char *words = bn_squeeze_dup(d + k, dlen - k);
  char *whole = bn_squeeze_dup(reply, rlen);
  bool held = words[0] == '\0' || bn_strcasestr(whole, strlen(whole), words) != NULL;
  g_free(words);
  g_free(whole);
  return held;
}

/* ---- addresses ---- */

/* The punctuation Japanese and Chinese text writes around an address with
 * no space: brackets, quotes, the ideographic comma, full stop and space,
 * and the full-width forms of ( ) , . : ; < >. None is a letter a domain
 * or a local part holds (IDNA disallows them all). All are three bytes in
 * UTF-8. Not U+3005-U+3007 ('々', '〆', '〇'), which are letters. */
static const char cjk_punct_table[][4] = {
    u8"\u3000", u8"\u3001", u8"\u3002", u8"\u3008", u8"\u3009", u8"\u300A", u8"\u300B",
    u8"\u300C", u8"\u300D", u8"\u300E", u8"\u300F", u8"\u3010", u8"\u3011", u8"\u3014",
    u8"\u3015", u8"\u201C", u8"\u201D", u8"\u2018", u8"\u2019", u8"\uFF08", u8"\uFF09",
    u8"\uFF0C", u8"\uFF0E", u8"\uFF1A", u8"\uFF1B", u8"\uFF1C", u8"\uFF1E",
};

/* Whether the three bytes at p, all before the text's end, are such
 * punctuation. */
static bool
cjk_punct(const char *p)
{
  guchar lead = (guchar)p[0];
  if (lead != 0xE2 && lead != 0xE3 && lead != 0xEF)
    return false;
  for (size_t k = 0; k < G_N_ELEMENTS(cjk_punct_table); k++)
    if (memcmp(p, cjk_punct_table[k], 3) == 0)
      return true;
  return false;
}

static bool
is_local_char(char c)
{
  return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL) ||
         (unsigned char)c >= 0x80;
}

/* Labels Japanese and Chinese notices write before an address, at times
 * with no colon: "宛先taro@example.jp" (destination), "收件人li@example.cn"
 * (recipient). A run of ideographs opening with one is the text's label
 * glued to an ASCII address, not an SMTPUTF8 local part. */
static const char *const wide_labels[] = {
    "宛先", "送信先", "受信者", "受取人", "收件人", "收件者", "收信人", "收件地址", "邮箱", "信箱", "地址", NULL,
};

/* The notices' own words for what happened (sending, delivery, failure,
 * error, unknown, returned mail), which no mailbox's name holds: a run
 * with one is the notice's sentence glued to the address ("送信失敗taro@",
 * "发送失败zhang@", "退信zhang@"). */
static const char *const notice_words[] = {
    "送信", "配信", "失敗", "エラー", "不明", "無効", "发送", "發送", "投递", "失败", "退信", "退回", "错误", "錯誤", "无效",
};

static bool
holds_notice_word(const char *s, size_t len)
{
  for (size_t k = 0; k < G_N_ELEMENTS(notice_words); k++)
    if (memmem(s, len, notice_words[k], strlen(notice_words[k])))
      return true;
  return false;
}

/* Where the local part that ends in ASCII at s[a] starts when the
 * letters before it are ideographs or kana ("山田taro@example.jp",
 * "ユーザー.名前1@example.jp", SMTPUTF8 addresses): the run of UTF-8
 * letters and ASCII local-part bytes back to a separator (the text's
 * start, a space, ASCII punctuation, CJK punctuation) is the local part.
 * Japanese and Chinese text also glue their own words to an address:
 * bytes alone cannot tell "宛先山田taro@" from a local part, so a run
 * holding hiragana (particles and verb endings: "次のあて先taro@") or
 * opening with a label keeps a, as does anything but letters (symbols,
 * bytes that are not UTF-8: the cut at the '@' side is the safe one). */
static size_t
wide_local_start(const char *s, size_t a)
{
  size_t p = a, wide = a;
  while (p > 0 && a - p < 256) {
    guchar c = (guchar)s[p - 1];
    if (c < 0x80) {
      if (!is_local_char((char)c))
        break;
      p--;
      continue;
    }
    size_t q = p - 1;
    while (q > 0 && p - q < 4 && ((guchar)s[q] & 0xC0) == 0x80)
      q--;
    if ((size_t)g_utf8_skip[(guchar)s[q]] != p - q)
      return a;
    if (p - q == 3 && cjk_punct(s + q))
      break;
    gunichar u = g_utf8_get_char_validated(s + q, (gssize)(p - q));
    if (u >= 0x110000 || !g_unichar_isalpha(u) || (u >= 0x3041 && u <= 0x309F))
      return a;
    p = wide = q;
  }
  if (a - p >= 256 || bn_opens_with_any(s + wide, s + a, wide_labels) > 0 ||
      holds_notice_word(s + wide, a - wide))
    return a;
  return p;
}

static bool
is_domain_char(char c)
{
  return is_alnum(c) || c == '.' || c == '-' || c == '_' || (unsigned char)c >= 0x80;
}

/* A two-byte UTF-8 letter at s: Latin from U+00C0 to U+027F but '×' and
 * '÷', Greek and Cyrillic (U+0370 to U+04FF). Not the symbols of U+0080 to
 * U+00BF: guillemets and a middle dot stand beside an address
 * ('«marie@example.fr»') as a Japanese bracket does. */
static bool
utf8_two_byte(const char *s)
{
  unsigned char lead = (unsigned char)s[0], next = (unsigned char)s[1];
  if (next < 0x80 || next > 0xbf)
    return false;
  if (lead == 0xc3)
    return next != 0x97 && next != 0xb7;
  return (lead >= 0xc4 && lead <= 0xc9) || (lead >= 0xcd && lead <= 0xd3);
}

bool
bn_local_byte(char c, bool ascii_local)
{
  return is_local_char(c) && !(ascii_local && (unsigned char)c >= 0x80);
}

/* A quoted local part (RFC 5321 Quoted-string), '"john smith"@': the one
 * place an address may hold a space. Printable ASCII between the quotes, a
 * backslash escaping the next character. */
static bool
quoted_local_part(const char *s, const char *at)
{
  if (at - s < 3 || s[0] != '"' || at[-1] != '"')
    return false;
  for (const char *p = s + 1; p < at - 1; p++) {
    if (*p == '\\' && p + 1 < at - 1)
      p++;
    else if (*p == '"' || (unsigned char)*p < 0x20 || *p == 0x7f)
      return false;
  }
  return true;
}

/* A bare local part, as a transcript or a list names it without its
 * domain: a dot at its end ends the sentence ("... to your e-mail
 * administrator."), unlike one before an "@" (bn_address_valid). */
bool
bn_local_part_valid(const char *s, size_t len)
{
  if (len == 0 || s[0] == '.' || s[len - 1] == '.')
    return false;
  for (size_t i = 0; i < len; i++)
    if (!is_local_char(s[i]))
      return false;
  return true;
}

bool
bn_address_valid(const char *s)
{
  if (s == NULL)
    return false;
  const char *at = strrchr(s, '@');
  if (at == NULL || at == s || at[1] == '\0')
    return false;
  /* A dot right before the "@", or two in a row, breaks RFC 5322 but not
   * delivery: NTT docomo and au handed out "taro.@docomo.ne.jp" and
   * "ta..ro@ezweb.ne.jp" for years, and their bounces name them unquoted. */
  if (!quoted_local_part(s, at)) {
    for (const char *p = s; p < at; p++)
      if (!is_local_char(*p) && *p != '"')
        return false;
    if (s[0] == '.' || strchr(s, ' '))
      return false;
  } else if (strchr(at, ' ')) {
    return false;
  }
  const char *d = at + 1;
  if (*d == '[')
    return strchr(d, ']') != NULL;
  if (*d == '.' || *d == '-')
    return false;
  for (const char *p = d; *p; p++)
    if (!is_domain_char(*p))
      return false;
  return true;
}

static int
hex_value(char c)
{
  if (is_digit(c))
    return c - '0';
  c = g_ascii_tolower(c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* bn_address_clean's working copy: NUL-terminated, cut from either end
 * in place (str moves on), never longer than the address it started as. */
typedef struct {
  char *str;
  size_t len;
} addr_work;

static void
work_truncate(addr_work *w, size_t len)
{
  w->len = len;
  w->str[len] = '\0';
}

static void
work_skip(addr_work *w, size_t n)
{
  w->str += n;
  w->len -= n;
}

static void
work_squeeze(addr_work *w)
{
  work_truncate(w, squeeze_to(w->str, w->str, w->len));
}

/* xtext (RFC 3461: "+2B" is "+") and unitext (RFC 6533: "\x{2B}"). Every
 * escape is longer than what it decodes to, so the result is written back
 * over the working copy. */
static void
decode_xtext(addr_work *s)
{
  /* Most addresses hold neither escape's mark (nor a NUL, which the copy
   * back below would cut at): they stay as they are, uncopied. */
  if (!memchr(s->str, '+', s->len) && !memchr(s->str, '\\', s->len) && strlen(s->str) == s->len)
    return;
  GString *o = g_string_sized_new(s->len);
  for (size_t i = 0; i < s->len; i++) {
    char c = s->str[i];
    /* Of xtext's "+HH" (upper-case hex) only "+2B" and "+3D" can stand in
     * a mail address: the others encode spaces, controls and bytes beyond
     * ASCII, which no address holds, while "john+facebook" and
     * "news+2024" are plain sub-addresses. */
    if (c == '+' && i + 2 < s->len && s->str[i + 1] == '2' && s->str[i + 2] == 'B') {
      g_string_append_c(o, '+');
      i += 2;
      continue;
    }
    if (c == '+' && i + 2 < s->len && s->str[i + 1] == '3' && s->str[i + 2] == 'D') {
      g_string_append_c(o, '=');
      i += 2;
      continue;
    }
    if (c == '\\' && i + 3 < s->len && s->str[i + 1] == 'x' && s->str[i + 2] == '{') {
      const char *close = memchr(s->str + i + 3, '}', s->len - i - 3);
      if (close && close - (s->str + i + 3) <= 6) {
        gunichar u = 0;
        bool ok = close > s->str + i + 3;
        for (const char *h = s->str + i + 3; h < close; h++) {
          int v = hex_value(*h);
          if (v < 0)
            ok = false;
          else
            u = u * 16 + (gunichar)v;
        }
        if (ok && g_unichar_validate(u) && u != 0) {
          g_string_append_unichar(o, u);
          i = (size_t)(close - s->str);
          continue;
        }
      }
    }
    g_string_append_c(o, c);
  }
  /* up to a NUL in the input, as the string it was read as ends there */
  size_t n = strlen(o->str);
  memcpy(s->str, o->str, n);
  work_truncate(s, n);
  g_string_free(o, TRUE);
}

/* One mailbox's key, in the form a server may name it in: lower case; a
 * quoted local part unquoted ("kenji.sato"@b is kenji.sato@b, RFC 5321
 * 4.1.2); a percent-hack route ("bob%dept.example@gw.example") read as the
 * address it leads to; the domain in its ASCII (punycode) form, without
 * the dot that roots it ("example.net." is example.net). With cut, a
 * subaddress ("bob+news") is cut off, as the delivering server does
 * before it looks the mailbox up. A new string, or NULL. */
static char *
mailbox_key(const char *addr, bool cut)
{
  const char *at = addr ? strrchr(addr, '@') : NULL;
  if (at == NULL || at == addr)
    return NULL;
  GString *local = g_string_sized_new((gsize)(at - addr));
  const char *p = addr, *end = at;
  bool quoted = at - addr >= 2 && addr[0] == '"' && at[-1] == '"';
  if (quoted) {
    p++;
    end--;
  }
  for (; p < end; p++) {
    if (quoted && *p == '\\' && p + 1 < end)
      p++;
    g_string_append_c(local, *p);
  }
  const char *domain = at + 1;
  size_t dlen = strlen(domain);
  const char *pct = strchr(local->str, '%');
  if (pct) {
    const char *last = strrchr(local->str, '%');
    domain = last + 1;
    dlen = strlen(domain);
    g_string_truncate(local, (gsize)(pct - local->str));
  }
  if (local->len == 0) {
    g_string_free(local, TRUE);
    return NULL;
  }
  if (dlen > 1 && domain[dlen - 1] == '.')
    dlen--;
  const char *plus = strchr(local->str, '+');
  if (cut && plus && plus > local->str)
    g_string_truncate(local, (gsize)(plus - local->str));
  char *d = g_strndup(domain, dlen);
  char *ascii = g_utf8_validate(d, -1, NULL) ? g_hostname_to_ascii(d) : NULL;
  g_string_append_printf(local, "@%s", ascii ? ascii : d);
  g_free(ascii);
  g_free(d);
  char *key = g_ascii_strdown(local->str, -1);
  g_string_free(local, TRUE);
  return key;
}

/* Whether base is ext's mailbox with ext's extension cut off at a '-':
 * qmail's default delimiter (user-ext, .qmail-ext), Courier's
 * (.courier-ext), one Postfix's recipient_delimiter may be set to. Only
 * where the extension starts at a delimiter: bob@b is not bobby@b, and
 * kenji-lists@b is not kenji@b's unless the server named kenji@b. */
static bool
dash_extends(const char *base, const char *ext)
{
  const char *bat = strrchr(base, '@');
  const char *eat = strrchr(ext, '@');
  size_t n = (size_t)(bat - base);
  return n > 0 && eat - ext > (ptrdiff_t)n && ext[n] == '-' && strncmp(base, ext, n) == 0 &&
         strcmp(bat, eat) == 0;
}

/* Whether addr's key is addr in lower case: nothing mailbox_key reads
 * (a quote, a route, with cut a subaddress, a non-ASCII or rooted domain)
 * is in it. Two such compare without building keys: a transcript's every
 * step is compared with every recipient's addresses. */
static bool
plain_mailbox(const char *addr, bool cut)
{
  const char *at = strrchr(addr, '@');
  if (at == NULL || at == addr || at[1] == '\0' || at[strlen(at) - 1] == '.')
    return false;
  if (strcspn(addr, cut ? "\"\\%+-" : "\"\\%") < (size_t)(at - addr))
    return false;
  for (const char *p = addr; *p; p++)
    if ((unsigned char)*p >= 0x80)
      return false;
  return true;
}

bool
bn_same_mailbox(const char *named, const char *addr, bool subaddress)
{
  if (named == NULL || addr == NULL || *addr == '\0')
    return false;
  if (plain_mailbox(named, subaddress) && plain_mailbox(addr, subaddress))
    return g_ascii_strcasecmp(named, addr) == 0;
  char *a = mailbox_key(named, subaddress);
  char *b = mailbox_key(addr, subaddress);
  bool same = a && b && (strcmp(a, b) == 0 || (subaddress && dash_extends(a, b)));
  g_free(a);
  g_free(b);
  return same;
}

/* Most addresses are short: their working copy is on the stack, and the
 * one allocation is the result's. */
enum { ADDRESS_ON_STACK = 256 };

char *
bn_address_clean(const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  char stack[ADDRESS_ON_STACK];
  char *own = len < sizeof stack ? stack : g_malloc(len + 1);
  memcpy(own, s, len);
  addr_work g = {own, len};
  work_truncate(&g, len);
  work_squeeze(&g);
  /* An address type: "rfc822;", "utf-8;", "x400;" (the last is no mail address). */
  const char *semi = memchr(g.str, ';', g.len);
  const char *at = memchr(g.str, '@', g.len);
  if (semi && (!at || semi < at)) {
    work_skip(&g, (size_t)(semi - g.str) + 1);
    work_squeeze(&g);
  }
  /* "Name <addr>" or "<addr>": the part in brackets. */
  const char *lt = strchr(g.str, '<');
  if (lt) {
    const char *gt = strchr(lt, '>');
    size_t start = (size_t)(lt - g.str) + 1;
    size_t end = gt ? (size_t)(gt - g.str) : g.len;
    work_truncate(&g, end);
    work_skip(&g, start);
  }
  decode_xtext(&g);
  work_squeeze(&g);
  /* Quotes around the whole address, and a trailing dot or colon. */
  while (g.len && strchr("\"'`", g.str[0]) && strchr("\"'`", g.str[g.len - 1]) && g.len > 1) {
    work_truncate(&g, g.len - 1);
    work_skip(&g, 1);
  }
  while (g.len && strchr(".:,;>)]", g.str[g.len - 1]) &&
         !(g.str[g.len - 1] == ']' && strchr(g.str, '[')))
    work_truncate(&g, g.len - 1);
  while (g.len && strchr("<([", g.str[0]))
    work_skip(&g, 1);
  /* A source route "@a,@b:user@c" keeps only the mailbox, which RFC 822's
   * lexical rules let stand after a space ("@a: user@c"). */
  if (g.len && g.str[0] == '@') {
    const char *colon = strchr(g.str, ':');
    if (colon) {
      work_skip(&g, (size_t)(colon - g.str) + 1);
      work_squeeze(&g);
    }
  }
  char *atp = strrchr(g.str, '@');
  if (atp) {
    for (char *p = atp + 1; *p; p++)
      *p = bn_ascii_lower(*p);
  }
  char *clean = bn_address_valid(g.str) ? g_strndup(g.str, g.len) : NULL;
  if (own != stack)
    g_free(own);
  return clean;
}

/* Where the quoted local part that ends at s[at - 1] begins, or at when it
 * is no quoted string on one line. */
static size_t
quoted_start(const char *s, size_t at)
{
  for (size_t q = at - 1; q > 0 && at - q < 130; q--) {
    char c = s[q - 1];
    if (c == '\n' || c == '\r')
      break;
    if (c == '"' && !(q >= 2 && s[q - 2] == '\\'))
      return q - 1;
  }
  return at;
}

bool
bn_all_space(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isspace(s[i]))
      return false;
  return true;
}

size_t
bn_unquoted_find(const char *s, size_t len, const char *stops)
{
  bool quoted = false;
  size_t i = 0;
  for (; i < len && (quoted || !s[i] || !strchr(stops, s[i])); i++)
    if (s[i] == '\\' && quoted && i + 1 < len)
      i++;
    else if (s[i] == '"')
      quoted = !quoted;
  /* a quote never closed was no quoted string: the first stop ends the span */
  if (quoted)
    for (i = 0; i < len && (!s[i] || !strchr(stops, s[i])); i++)
      ;
  return i;
}

size_t
bn_word_end(const char *s, size_t len)
{
  return bn_unquoted_find(s, len, " \t");
}

/* Where the local part before the '@' at s[i] starts; *cut is where it
 * starts if ideographs or kana before an ASCII local part are the text's. */
static size_t
local_start(const char *s, size_t i, size_t *cut)
{
  size_t a = i;
  bool ascii_local = (unsigned char)s[i - 1] < 0x80 && (unsigned char)s[i + 1] < 0x80;
  while (a > 0 && i - a < 256) {
    /* CJK punctuation is the text's, not the local part's:
     * '收件人：ma.li@例子.中国', '「用户@例子.中国」' */
    if (!ascii_local && a >= 3 && cjk_punct(s + a - 3))
      break;
    if (bn_local_byte(s[a - 1], ascii_local))
      a--;
    else if (ascii_local && a >= 2 && utf8_two_byte(s + a - 2))
      ascii_local = false;
    else
      break;
  }
  *cut = a;
  if (ascii_local && a > 0 && (unsigned char)s[a - 1] >= 0x80)
    a = wide_local_start(s, a);
  return a;
}

/* Where the domain after the '@' at s[i] ends: after a '[literal]', or at
 * the first byte no domain holds. */
static size_t
domain_end(const char *s, size_t len, size_t i)
{
  size_t b = i + 1;
  if (b < len && s[b] == '[') {
    while (b < len && s[b] != ']' && b - i < 64)
      b++;
    return b < len ? b + 1 : b;
  }
  bool ascii_domain = b < len && (unsigned char)s[b] < 0x80;
  /* and it ends a domain beyond ASCII: '（用户1@例子.广告）' */
  while (b < len && is_domain_char(s[b]) && b - i < 256 &&
         !((unsigned char)s[b] >= 0x80 && (ascii_domain || (b + 3 <= len && cjk_punct(s + b)))))
    b++;
  return b;
}

/* RFC 8601 2.3's ptypes: a result's property is "ptype.property=value"
 * ("smtp.mailfrom=a@b", "header.from=b", in Authentication-Results).
 * Received-SPF's pairs (RFC 7208 9.1: "envelope-from=a@b") name no
 * ptype and are not these. */
static const char *const auth_ptypes[] = {"smtp.", "header.", "body.", "policy.", NULL};

/* Where an address's local part starts when s[a..i) opens with such a
 * property's name and its '=': the value after it. The name is a keyword's
 * letters, digits and '-' (RFC 8601 2.2), no address of its own: without
 * this the whole pair reads as one (a local part may hold '.' and '='). */
static size_t
past_property(const char *s, size_t a, size_t i)
{
  for (size_t k = 0; auth_ptypes[k]; k++) {
    size_t n = strlen(auth_ptypes[k]);
    if (i - a <= n || g_ascii_strncasecmp(s + a, auth_ptypes[k], n) != 0)
      continue;
    size_t e = a + n;
    while (e < i && (is_alnum(s[e]) || s[e] == '-'))
      e++;
    if (e > a + n && e < i && s[e] == '=')
      return e + 1;
  }
  return a;
}

char *
bn_find_address(const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  for (size_t i = 1; i + 1 < len; i++) {
    if (s[i] != '@')
      continue;
    /* Running text in Japanese or Chinese often has no space around an
     * address: an address that starts as ASCII at the '@' ends at the
     * first non-ASCII byte on either side. Not at a two-byte character
     * (Latin, Greek, Cyrillic: 'josé1@example.com'), which such text
     * does not use, nor beside a domain that is not ASCII ('用户1@例子.广告'):
     * those are SMTPUTF8 addresses. */
    size_t cut;
    size_t a = local_start(s, i, &cut);
    size_t b = domain_end(s, len, i);
    /* text glued on after the domain too ("メールアドレスtaro@example.jpは")
     * makes the run before it a sentence's words */
    if (a != cut && b < len && (unsigned char)s[b] >= 0x80 && !(b + 3 <= len && cjk_punct(s + b)))
      a = cut;
    if (a == i && i >= 3 && s[i - 1] == '"')
      a = quoted_start(s, i);
    a = past_property(s, a, i);
    while (a < i && (s[a] == '.' || s[a] == '\'' || s[a] == '='))
      a++;
    if (a == i || b == i + 1)
      continue;
    char *addr = bn_address_clean(s + a, b - a);
    if (addr && strchr(strrchr(addr, '@'), '.') == NULL && strchr(addr, '[') == NULL) {
      /* "user@localhost" style: accept only when bracketed in the text */
      if (!(a > 0 && s[a - 1] == '<')) {
        g_free(addr);
        addr = NULL;
      }
    }
    if (addr)
      return addr;
  }
  return NULL;
}

/* ---- SMTP commands ---- */

typedef struct {
  const char *word;
  const char *name;
} command_row;

/* What bounces write for the command in flight, and the command it names.
 * Longer words first where one is the start of another. */
static const command_row command_words[] = {
  {"rcpt to", "RCPT"},
  {"rcpt", "RCPT"},
  {"mail from", "MAIL"},
  {"end of data", "DATA"},
  {"data", "DATA"},
  {"message body", "DATA"},
  /* GMX and IONOS: "SMTP error from remote server for TEXT command": the
   * message's text, refused at the end of DATA */
  {"text command", "DATA"},
  /* RFC 3030 CHUNKING sends the message with BDAT instead of DATA (Stalwart:
   * "rejected command 'BDAT 4821 LAST'", crates/smtp/src/outbound/session.rs) */
  {"bdat", "DATA"},
  {"ehlo", "EHLO"},
  {"helo", "HELO"},
  {"lhlo", "HELO"},
  {"starttls", "STARTTLS"},
  {"auth", "AUTH"},
  {"initial server greeting", "CONN"},
  {"initial connection", "CONN"},
  {"greeting", "CONN"},
  {"connect", "CONN"},
};

const char *
bn_smtp_command_name(const char *s, size_t len)
{
  for (size_t i = 0; i < G_N_ELEMENTS(command_words); i++) {
    size_t n = strlen(command_words[i].word);
    if (len >= n && g_ascii_strncasecmp(s, command_words[i].word, n) == 0 &&
        (len == n || !is_alnum(s[n]) || command_words[i].name[0] == 'C'))
      return command_words[i].name;
  }
  return NULL;
}

/* Phrases after which bounces name the command. */
static const char *const command_triggers[] = {
  "in reply to ", "after ", ">>> ", "while sending ", "failed on ", "during ",
  "while receiving the ", "while talking to", "in response to ",
  /* GMX and IONOS: "SMTP error from remote server for RCPT TO command" */
  "remote server for ",
};

const char *
bn_find_smtp_command(const char *s, size_t len)
{
  if (s == NULL)
    return NULL;
  const char *best = NULL;
  size_t best_at = len;
  for (size_t t = 0; t < G_N_ELEMENTS(command_triggers); t++) {
    const char *trig = command_triggers[t];
    size_t tl = strlen(trig);
    const char *p = s;
    while ((p = bn_strcasestr(p, len - (size_t)(p - s), trig)) != NULL) {
      const char *w = p + tl;
      size_t rest = len - (size_t)(w - s);
      if (strcmp(trig, "while talking to") == 0) {
        /* sendmail: "... while talking to host:\n>>> RCPT To:<a>" */
        const char *gt = bn_strcasestr(w, rest > 400 ? 400 : rest, ">>> ");
        if (gt) {
          w = gt + 4;
          rest = len - (size_t)(w - s);
        }
      }
      const char *name = bn_smtp_command_name(w, rest);
      /* "after mail" or "after data" in prose is not a command unless the
       * MTA wrote the full SMTP verb. */
      if (name && t == 1 && (strcmp(name, "MAIL") != 0 && strcmp(name, "RCPT") != 0 &&
                             g_ascii_strncasecmp(w, "end of data", 11) != 0 &&
                             g_ascii_strncasecmp(w, "initial connection", 18) != 0 &&
                             g_ascii_strncasecmp(w, "DATA", 4) != 0 &&
                             g_ascii_strncasecmp(w, "bdat", 4) != 0 &&
                             g_ascii_strncasecmp(w, "ehlo", 4) != 0 &&
                             g_ascii_strncasecmp(w, "helo", 4) != 0 &&
                             g_ascii_strncasecmp(w, "starttls", 8) != 0))
        name = NULL;
      /* BDAT (RFC 3030) is a verb only, in any case: the DATA step too */
      if (name && t == 1 && strcmp(name, "DATA") == 0 && strncmp(w, "DATA", 4) != 0 &&
          g_ascii_strncasecmp(w, "end of data", 11) != 0 && g_ascii_strncasecmp(w, "bdat", 4) != 0)
        name = NULL;
      if (name && (size_t)(p - s) < best_at) {
        best = name;
        best_at = (size_t)(p - s);
      }
      if (name)
        break;
      p += tl;
    }
  }
  return best;
}

/* ---- HTML ---- */

static const struct {
  const char *name;
  const char *text;
} entities[] = {
  {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
  /* the letters of the languages bounces are written in, and punctuation */
  {"aacute", "á"}, {"agrave", "à"}, {"acirc", "â"}, {"atilde", "ã"}, {"auml", "ä"},
  {"ccedil", "ç"}, {"eacute", "é"}, {"egrave", "è"}, {"ecirc", "ê"}, {"euml", "ë"},
  {"iacute", "í"}, {"icirc", "î"}, {"iuml", "ï"}, {"ntilde", "ñ"}, {"oacute", "ó"},
  {"ograve", "ò"}, {"ocirc", "ô"}, {"otilde", "õ"}, {"ouml", "ö"}, {"uacute", "ú"},
  {"ugrave", "ù"}, {"ucirc", "û"}, {"uuml", "ü"}, {"szlig", "ß"}, {"Aacute", "Á"},
  {"Agrave", "À"}, {"Auml", "Ä"}, {"Ccedil", "Ç"}, {"Eacute", "É"}, {"Egrave", "È"},
  {"Ntilde", "Ñ"}, {"Ouml", "Ö"}, {"Uuml", "Ü"}, {"laquo", "«"}, {"raquo", "»"},
  {"lsquo", "'"}, {"rsquo", "'"}, {"ldquo", "\""}, {"rdquo", "\""}, {"ndash", "-"},
  {"mdash", "-"}, {"hellip", "..."}, {"euro", "€"}, {"copy", "©"},
};

/* A table's cells stand side by side on their row's line ("Reported
 * error:" and the error beside it); the row is the line. */
static bool
cell_tag(const char *t, size_t n)
{
  return n == 2 && (g_ascii_strncasecmp(t, "td", 2) == 0 || g_ascii_strncasecmp(t, "th", 2) == 0);
}

/* The tags that end the line before them and start one of their own (a
 * browser stacks block elements), and whether each is a paragraph: one a
 * browser sets a blank line's margin around (its default style sheet: p,
 * headings, blockquote, pre, the rule a notice draws between its
 * sections), or a table, which a notice sets apart from the text around
 * it. A <div> has no margin: a composer's or a converter's "<div>" a line
 * shows as lines one under the other. */
typedef struct {
  const char *name;
  bool paragraph;
} html_block;

static const html_block *
block_tag(const char *t, size_t n)
{
  static const html_block blocks[] = {
    {"br", false},  {"p", true},     {"div", false}, {"h1", true},  {"h2", true},
    {"h3", true},   {"h4", true},    {"table", true}, {"pre", true}, {"blockquote", true},
    {"hr", true},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++)
    if (strlen(blocks[i].name) == n && g_ascii_strncasecmp(t, blocks[i].name, n) == 0)
      return &blocks[i];
  return NULL;
}

/* A table's row and a list's item start a line of their own, as a
 * browser shows them, and leave no blank line between them: the rows of a
 * list of addresses stay one paragraph ("alice@...", "bob@...", then the
 * reason under the table), as in a plain-text notice. */
static bool
row_tag(const char *t, size_t n)
{
  return n == 2 && (g_ascii_strncasecmp(t, "tr", 2) == 0 || g_ascii_strncasecmp(t, "li", 2) == 0);
}

/* The source's indentation before a line a tag ends is layout: no line of
 * spaces is left ("</td>\n  </tr>"). */
static void
trim_spaces(GString *out, bool pre)
{
  while (!pre && out->len && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
    g_string_truncate(out, out->len - 1);
}

/* Where bn_html_to_text is in its output. */
typedef struct {
  GString *out;
  /* The output is at the start of a line a tag made: the source's own
   * line breaks and indentation there (between "</tr>" and "<tr>") are
   * layout, no blank line; outside <pre>. */
  bool fresh, pre;
  /* the output's current line holds something a browser shows: text, or
   * a "&nbsp;" alone, which keeps an empty line ("<div>&nbsp;</div>") */
  bool open;
  /* the open <p> is Outlook's "MsoNormal" line (line_paragraph) */
  bool line_p;
  /* the open <div>s, innermost in bit divs - 1: whether each has a
   * margin above or below it (spaced_block); deeper than 64 counts only */
  guint64 spaced;
  unsigned divs;
  /* where the output of the current table row or list item starts */
  size_t row_at;
  /* the indentation every line a "<br>" ends or starts has (br_margin) */
  size_t margin;
  /* the address of the open <a href="mailto:..."> and where its text
   * starts in the output; "" when none is open */
  char mailto[256];
  size_t link_at;
} html_out;

static void
start_row(html_out *h)
{
  GString *out = h->out;
  trim_spaces(out, h->pre);
  /* a row of several lines ("<li>a@b<p>Reason: 550 ...</p></li>") is a
   * record of its own: a paragraph, as a plain-text notice writes an
   * address with its reason under it */
  size_t body = out->len && out->str[out->len - 1] == '\n' ? out->len - 1 : out->len;
  bool several = h->row_at < body && memchr(out->str + h->row_at, '\n', body - h->row_at) != NULL;
  if (out->len && out->str[out->len - 1] != '\n')
    g_string_append_c(out, '\n');
  if (several && !(out->len >= 2 && out->str[out->len - 2] == '\n'))
    g_string_append_c(out, '\n');
  h->row_at = out->len;
  h->fresh = true;
  h->open = false;
}

/* A block's start or end: a new line unless the output is at one's start
 * already, so that nested and consecutive blocks ("</div>\n<div>") make
 * one line break, as a browser shows them. A "<br>" always ends a line:
 * "<div><br></div>" is one empty line. A paragraph is a blank line apart
 * from what follows it, and from a block before it; text that runs into
 * its start ("<li>a@b<p>Reason: ...</p>") stays a line above it, the
 * record the list item is. */
static void
end_block(html_out *h, bool br, bool paragraph, bool close)
{
  GString *out = h->out;
  bool open = h->open;
  trim_spaces(out, h->pre);
  if (br || open)
    g_string_append_c(out, '\n');
  if (paragraph && (close || !open) && out->len &&
      !(out->len >= 2 && out->str[out->len - 2] == '\n'))
    g_string_append_c(out, '\n');
  h->open = false;
  h->fresh = true;
}

/* Whether a margin's or a padding's value in CSS ("0", "12px", "1em",
 * "auto") is a space a browser leaves: any non-zero digit in it. */
static bool
nonzero_length(const char *v, size_t n)
{
  for (size_t k = 0; k < n; k++)
    if (v[k] >= '1' && v[k] <= '9')
      return true;
  return false;
}

/* Whether a tag's style sets a margin or padding above or below it
 * ("margin:0 0 12px 0", "padding-bottom:1em"): a template that writes
 * every paragraph of its notice as such a <div>, or Outlook its lines
 * followed by an empty one as such a <p class=MsoNormal>, shows it a
 * blank line apart from the next, as a <p>; a margin to the left or
 * right is indentation. */
static bool
spaced_block(const char *tag, size_t n)
{
  /* a shorthand's values: top [right [bottom [left]]], the bottom the
   * top's when fewer than three */
  static const struct {
    const char *name;
    bool shorthand;
  } sides[] = {{"margin:", true},   {"margin-top:", false},  {"margin-bottom:", false},
               {"padding:", true},  {"padding-top:", false}, {"padding-bottom:", false}};
  for (size_t s = 0; s < G_N_ELEMENTS(sides); s++) {
    const char *c = bn_strcasestr(tag, n, sides[s].name);
    if (c == NULL)
      continue;
    const char *e = c + strlen(sides[s].name), *end = tag + n;
    const char *v[4];
    size_t vl[4], nv = 0;
    while (e < end && nv < 4) {
      while (e < end && (*e == ' ' || *e == '\t'))
        e++;
      if (e == end || strchr(";\"'>!", *e))
        break;
      v[nv] = e;
      while (e < end && !strchr(" \t;\"'>!", *e))
        e++;
      vl[nv] = (size_t)(e - v[nv]);
      nv++;
    }
    if (nv > 0 && (nonzero_length(v[0], vl[0]) ||
                   (sides[s].shorthand && nv >= 3 && nonzero_length(v[2], vl[2]))))
      return true;
  }
  return false;
}

/* Outlook and Word write every line of a message as a <p
 * class=MsoNormal>, a blank line as one holding "&nbsp;", and set its
 * margin to 0 in their style sheet: a browser shows those paragraphs as
 * lines one under the other; but for one whose own style sets a margin
 * above or below it ("margin-bottom:12.0pt", Outlook's paragraph with an
 * empty line after it). */
static bool
line_paragraph(const char *tag, size_t n)
{
  const char *c = bn_strcasestr(tag, n, "class=");
  if (c == NULL)
    return false;
  c += 6;
  if (c < tag + n && (*c == '"' || *c == '\''))
    c++;
  return (size_t)(tag + n - c) >= 9 && g_ascii_strncasecmp(c, "MsoNormal", 9) == 0 &&
         !spaced_block(tag, n);
}

/* A <div>'s start or end: whether the div has a margin (spaced_block),
 * kept for its end tag. */
static bool
div_margin(html_out *h, const char *tag, size_t n, bool close)
{
  if (close) {
    if (h->divs == 0)
      return false;
    h->divs--;
    return h->divs < 64 && (h->spaced >> h->divs & 1);
  }
  bool spaced = spaced_block(tag, n);
  if (h->divs < 64)
    h->spaced = (h->spaced & ~((guint64)1 << h->divs)) | ((guint64)spaced << h->divs);
  if (h->divs < G_MAXUINT)
    h->divs++;
  return spaced;
}

/* The end tag of an element whose text a browser does not show in the
 * page: a script, a style sheet, and the title (the window's, often the
 * notice's subject, which would run into its first line); or NULL. */
static const char *
hidden_tag(const char *t, size_t n)
{
  static const char *const hidden[][2] = {
    {"script", "</script"}, {"style", "</style"}, {"title", "</title"}};
  for (size_t i = 0; i < G_N_ELEMENTS(hidden); i++)
    if (strlen(hidden[i][0]) == n && g_ascii_strncasecmp(t, hidden[i][0], n) == 0)
      return hidden[i][1];
  return NULL;
}

/* A plain-text notice turned into HTML line by line (each line end a
 * "<br>" and the source's line break, the spaces kept as they were) keeps
 * its indentation in the source: the continuation of a diagnostic, the
 * indented address under "could not be delivered to". The spaces or tabs
 * after a "<br>"'s line break, or two or more right after the tag that
 * opens a line, start the line the tag made as they start the source's,
 * less the markup's own indentation (br_margin); where the text goes on.
 * A tab right after the tag is the text's too, alone: markup is indented
 * after a line break, and a template's stray blank after "<br>" or "<p>"
 * is a space; a notice whose lines were joined by "<br>" alone, or whose
 * paragraphs became <p>s, keeps its tab-indented address there
 * ("<br>\tbob@example.org (user not found)"). */
/* Whether line l (n bytes, trailing blanks trimmed) ends in a "<br>". */
static bool
ends_in_br(const char *l, size_t n)
{
  if (n == 0 || l[n - 1] != '>')
    return false;
  size_t k = n - 1;
  while (k > 0 && n - k < 8 && l[k] != '<')
    k--;
  return l[k] == '<' && n - k >= 4 && g_ascii_strncasecmp(l + k + 1, "br", 2) == 0 &&
         !is_alnum(l[k + 3]);
}

/* The indentation every line of the source that ends in a "<br>", or
 * follows one, has: the markup's own layout (a pretty-printed notice
 * indents every line of its <div> alike), not the text's; 0 in a notice
 * made by nl2br, whose lines start where the plain text's did. */
static size_t
br_margin(const char *html, size_t len)
{
  size_t margin = G_MAXSIZE;
  bool after_br = false;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(html + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - html) : len, b = i, e = end;
    while (b < e && (html[b] == ' ' || html[b] == '\t'))
      b++;
    while (e > b && g_ascii_isspace(html[e - 1]))
      e--;
    bool br = ends_in_br(html + b, e - b);
    if (e > b && (br || after_br) && b - i < margin)
      margin = b - i;
    after_br = br;
    i = end + 1;
  }
  return margin == G_MAXSIZE ? 0 : margin;
}

static size_t
keep_indent(html_out *h, const char *html, size_t len, size_t at, bool br)
{
  size_t i = at, from = at;
  while (i < len && (html[i] == ' ' || html[i] == '\t'))
    i++;
  if (br && i + 1 < len && html[i] == '\r' && html[i + 1] == '\n')
    i++;
  if (br && i < len && html[i] == '\n') {
    from = ++i;
    while (i < len && (html[i] == ' ' || html[i] == '\t'))
      i++;
    from += MIN(h->margin, i - from);
  } else if (i - at < 2 && !(i > at && html[at] == '\t')) {
    return at;
  }
  if (i == from || i == len || html[i] == '\n' || html[i] == '\r')
    return at;
  g_string_append_len(h->out, html + from, (gssize)(i - from));
  h->fresh = false;
  h->open = true;
  return i;
}

/* The address an <a> tag's href="mailto:..." names (up to its quote or
 * the tag's end), copied to h->mailto; "" when it names none or one that
 * does not fit, or when the link fills in a message to write
 * ("mailto:help@...?subject=Undeliverable", RFC 6068 hfields): a help
 * desk's, an unsubscribe or a feedback link, never the recipient a notice
 * names. */
static void
open_link(html_out *h, const char *tag, size_t n)
{
  h->mailto[0] = '\0';
  h->link_at = h->out->len;
  const char *m = bn_strcasestr(tag, n, "href=");
  if (m == NULL)
    return;
  m += 5;
  if (m < tag + n && (*m == '"' || *m == '\''))
    m++;
  if ((size_t)(tag + n - m) < 7 || g_ascii_strncasecmp(m, "mailto:", 7) != 0)
    return;
  m += 7;
  size_t k = 0;
  while (m + k < tag + n && !strchr("?\"'> \t\r\n", m[k]))
    k++;
  if (k == 0 || k >= sizeof h->mailto || memchr(m, '@', k) == NULL ||
      (m + k < tag + n && m[k] == '?'))
    return;
  memcpy(h->mailto, m, k);
  h->mailto[k] = '\0';
}

/* A mailto link whose text is a name ("Jo Smith"), as Exchange's and
 * webmail's HTML notices write the recipient, is shown with its address
 * after it, as a plain-text notice writes "Jo Smith <jo@example.org>": the
 * address is the link's target only. A text with an address of its own
 * keeps it alone. */
static void
close_link(html_out *h)
{
  GString *out = h->out;
  if (h->mailto[0] && h->link_at < out->len &&
      memchr(out->str + h->link_at, '@', out->len - h->link_at) == NULL &&
      memchr(out->str + h->link_at, '\n', out->len - h->link_at) == NULL) {
    g_string_append(out, " <");
    g_string_append(out, h->mailto);
    g_string_append_c(out, '>');
  }
  h->mailto[0] = '\0';
}

/* The tag at html[i] ('<') written as the line breaks and spaces it
 * makes; where the text goes on after it (after a script's or a style's
 * body, or a comment, too). */
static size_t
read_tag(html_out *h, const char *html, size_t len, size_t i)
{
  size_t j = i + 1;
  bool close = j < len && html[j] == '/';
  if (close)
    j++;
  size_t t = j;
  while (j < len && is_alnum(html[j]))
    j++;
  size_t tn = j - t;
  const char *gt = memchr(html + i, '>', len - i);
  size_t next = gt ? (size_t)(gt - html) + 1 : len;
  const char *hidden_end = close ? NULL : hidden_tag(html + t, tn);
  const html_block *block;
  if (hidden_end) {
    const char *end = bn_strcasestr(html + next, len - next, hidden_end);
    next = end ? (size_t)(end - html) : len;
  } else if (cell_tag(html + t, tn)) {
    if (!close && !h->fresh)
      g_string_append_c(h->out, ' ');
  } else if (tn == 1 && (html[t] == 'a' || html[t] == 'A')) {
    if (close)
      close_link(h);
    else
      open_link(h, html + i, next - i);
  } else if (row_tag(html + t, tn)) {
    start_row(h);
  } else if ((block = block_tag(html + t, tn)) != NULL) {
    bool br = tn == 2 && g_ascii_strncasecmp(html + t, "br", 2) == 0;
    /* a rule has no content: it ends what is above it, as an end tag */
    bool rule = tn == 2 && g_ascii_strncasecmp(html + t, "hr", 2) == 0;
    bool p = tn == 1 && (html[t] == 'p' || html[t] == 'P');
    if (p && !close)
      h->line_p = line_paragraph(html + i, next - i);
    bool div = tn == 3 && g_ascii_strncasecmp(html + t, "div", 3) == 0;
    bool spaced = div && div_margin(h, html + i, next - i, close);
    end_block(h, br, (block->paragraph && !(p && h->line_p)) || spaced, close || rule);
    if (p && close)
      h->line_p = false;
    if (tn == 3 && g_ascii_strncasecmp(html + t, "pre", 3) == 0)
      h->pre = !close;
    else if (!close && !h->pre)
      next = keep_indent(h, html, len, next, br);
  } else if (tn == 0 && j + 2 < len && i + 4 <= len && strncmp(html + i, "<!--", 4) == 0) {
    /* Only a comment is searched to its end: searching on every "<!"
     * (<!DOCTYPE, <![if ...]>) would read the rest of the text each time. */
    const char *end = bn_strcasestr(html + i, len - i, "-->");
    if (end)
      next = (size_t)(end - html) + 3;
  }
  return next;
}

/* A numeric character reference's digits ("#233", "#xE9"): its character,
 * or 0 when it names none. */
static gunichar
numeric_reference(const char *n, size_t nl)
{
  gunichar u = 0;
  bool hex = n[1] == 'x' || n[1] == 'X';
  for (size_t k = hex ? 2 : 1; k < nl; k++) {
    int v = hex ? hex_value(n[k]) : (is_digit(n[k]) ? n[k] - '0' : -1);
    if (v < 0)
      return 0;
    u = u * (hex ? 16 : 10) + (gunichar)v;
    if (u > 0x10FFFF)
      return 0;
  }
  return g_unichar_validate(u) ? u : 0;
}

/* The reference at html[i] ('&') appended as its text: its length with the
 * ';', or 0 when it is none this knows. */
static size_t
read_reference(GString *out, const char *html, size_t len, size_t i)
{
  const char *semi = memchr(html + i, ';', len - i > 10 ? 10 : len - i);
  if (semi == NULL)
    return 0;
  const char *n = html + i + 1;
  size_t nl = (size_t)(semi - n);
  size_t whole = (size_t)(semi - html) + 1 - i;
  if (nl > 1 && n[0] == '#') {
    gunichar u = numeric_reference(n, nl);
    if (u == 0)
      return 0;
    g_string_append_unichar(out, u);
    return whole;
  }
  for (size_t k = 0; k < G_N_ELEMENTS(entities); k++)
    if (strlen(entities[k].name) == nl && strncmp(n, entities[k].name, nl) == 0) {
      g_string_append(out, entities[k].text);
      return whole;
    }
  return 0;
}

void
bn_html_to_text(const char *html, size_t len, GString *out)
{
  /* the flags and the open divs start cleared */
  html_out h = {.out = out, .row_at = G_MAXSIZE, .margin = br_margin(html, len)};
  size_t i = 0;
  while (i < len) {
    char c = html[i];
    if (h.fresh && !h.pre && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      i++;
      continue;
    }
    if (c == '<') {
      i = read_tag(&h, html, len, i);
      continue;
    }
    /* a byte order mark where a template saved by a Windows editor was put
     * into the page: a browser shows nothing there, and readers match the
     * line it would open */
    if (c == '\xEF' && len - i >= 3 && memcmp(html + i, "\xEF\xBB\xBF", 3) == 0) {
      i += 3;
      continue;
    }
    size_t ref = c == '&' ? read_reference(out, html, len, i) : 0;
    if (ref == 0)
      g_string_append_c(out, c);
    h.fresh = false;
    h.open = ref || c != '\n';
    i += ref ? ref : 1;
  }
}

/* True when every byte is ASCII and none is NUL: valid UTF-8 as
 * g_utf8_validate() would say, eight bytes at a time. */
bool
bn_plain_ascii(const char *s, size_t len)
{
  const guint64 high = 0x8080808080808080u, ones = 0x0101010101010101u;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    guint64 w;
    memcpy(&w, s + i, 8);
    if ((w & high) || ((w - ones) & ~w & high))
      return false;
  }
  for (; i < len; i++)
    if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
      return false;
  return true;
}

/* The width of s[0..n) in characters (UTF-8). */
static size_t
text_width(const char *s, size_t n)
{
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    w += ((unsigned char)s[i] & 0xC0) != 0x80;
  return w;
}

/* Whether l[0..n) opens with a label ("Error Description:", "Final-
 * Recipient:"): at most three words, then a colon that ends the line or
 * stands before a blank. */
static bool
opens_label(const char *l, size_t n)
{
  int words = 1;
  for (size_t i = 0; i < n && i < 40; i++) {
    char c = l[i];
    if (c == ':')
      return i > 0 && (i + 1 == n || l[i + 1] == ' ' || l[i + 1] == '\t');
    if (c == ' ' && ++words > 3)
      return false;
    if (c != ' ' && c != '-' && c != '_' && !g_ascii_isalnum(c) && (unsigned char)c < 0x80)
      return false;
  }
  return false;
}

/* Whether a parenthesis opened in s[0..n) is still open at its end. */
static bool
paren_open(const char *s, size_t n)
{
  int depth = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '(')
      depth++;
    else if (s[i] == ')' && depth > 0)
      depth--;
  return depth > 0;
}

bool
bn_line_continues(const bn_span *above, const bn_span *l)
{
  size_t an = above->len, n = l->len;
  while (an && (above->p[an - 1] == ' ' || above->p[an - 1] == '\t'))
    an--;
  if (an == 0 || n == 0 || l->p[0] == ' ' || l->p[0] == '\t')
    return false;
  size_t aw = text_width(above->p, an);
  const char *blank = memchr(l->p, ' ', n);
  size_t word = blank ? (size_t)(blank - l->p) : n;
  if (aw > BN_CLIENT_WRAP_MAX || aw + 1 + text_width(l->p, word) <= BN_HARD_WRAP_MIN)
    return false;
  if (strchr(".!?:;", above->p[an - 1]) || l->p[0] == '<' || memchr(l->p, '@', word) ||
      strchr("-*=#>[|", l->p[0]))
    return false;
  if (word == 3 && g_ascii_isdigit(l->p[0]) && g_ascii_isdigit(l->p[1]) && g_ascii_isdigit(l->p[2]))
    return false;
  return !opens_label(l->p, n) || paren_open(above->p, an);
}

GString *
bn_read_on_until(const bn_span *l, bn_lines *it, bool (*closes)(const bn_span *m, void *data),
                 void *data)
{
  GString *g = g_string_new_len(l->p, (gssize)l->len);
  bn_lines look = *it;
  bn_span above = *l, m;
  for (int k = 0; k < 3 && bn_lines_next(&look, &m) && bn_line_continues(&above, &m); k++) {
    g_string_append_c(g, ' ');
    g_string_append_len(g, m.p, (gssize)m.len);
    if (closes(&m, data)) {
      *it = look;
      return g;
    }
    above = m;
  }
  g_string_free(g, TRUE);
  return NULL;
}
