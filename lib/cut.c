/* A message kept to its first N bytes stops mid-line, often inside the
 * address of the recipient it was listing ("carl@examp"). Recognizers take
 * what is there for an address; this file decides what such an address is
 * worth. */
#include "private.h"
#include <stdlib.h>
#include <string.h>

/* Whether byte c, beside an address, goes on with it. The address is
 * known, so a byte beyond ASCII beside it is the text around it (a
 * Japanese colon or bracket), not more of it: a UTF-8 local part was
 * read whole into the recipient's address, with its own such bytes. */
static bool
continues(char c)
{
  return c == '@' || bn_local_byte(c, true);
}

/* Whether address is what the input's unended last line ends with, as a
 * whole token: it may then be only the start of the address. */
static bool
ends_tail(const char *address, const char *tail, size_t n)
{
  size_t a = address ? strlen(address) : 0;
  if (a == 0 || n < a || g_ascii_strncasecmp(tail + n - a, address, a) != 0)
    return false;
  return n == a || !continues(tail[n - a - 1]);
}

/* Whether the address's domain could not end a whole address: no dot, or
 * a last label that is not two or more letters ("bob@example.o", "bob@exa").
 * A whole message stored without its final line end often ends on a whole
 * address (a list of recipients, a copy's To field): that one is kept. */
static bool
looks_cut(const char *address)
{
  const char *at = strrchr(address, '@');
  const char *dot = at ? strrchr(at, '.') : NULL;
  if (dot == NULL)
    return true;
  const char *label = dot + 1;
  if (g_ascii_strncasecmp(label, "xn--", 4) == 0 && strlen(label) > 4)
    return false;
  size_t n = 0;
  for (; label[n]; n++)
    if (!g_ascii_isalpha(label[n]))
      return true;
  return n < 2;
}

/* Whether address b, longer than a, starts with it, ignoring ASCII case. */
static bool
starts_longer(const char *a, const char *b)
{
  size_t n = strlen(a);
  return strlen(b) > n && g_ascii_strncasecmp(a, b, n) == 0;
}

/* Whether another recipient's address starts with this one: the cut copy
 * of an address the message gave whole earlier. */
static bool
prefix_of_other(const bounce_report *r, size_t self)
{
  const char *a = bn_report_rcpt(r, self)->address;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const char *b = bn_report_rcpt(r, i)->address;
    if (i != self && b && starts_longer(a, b))
      return true;
  }
  return false;
}

/* Whether recipient i could be dropped or warned of by a cut line ending
 * with its address: the test of bn_cut_drop_partial that needs no text. */
static bool
may_be_cut(const bounce_report *r, size_t i)
{
  const char *a = bn_report_rcpt(r, i)->address;
  return a && a[0] && (looks_cut(a) || prefix_of_other(r, i));
}

bool
bn_cut_drop_partial(bounce_report *r, const char *input, const char *tail, size_t n)
{
  while (n && (tail[n - 1] == ' ' || tail[n - 1] == '\t'))
    n--;
  if (n == 0 || bn_report_count(r) == 0)
    return false;
  bool found = false;
  for (size_t i = bn_report_count(r); i-- > 0;) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    if (!ends_tail(rc->address, tail, n) || !may_be_cut(r, i) ||
        /* named whole before the cut line: read from there, and it
         * merely ends the message too (a copy's To field, a list) */
        bn_names_whole(input, (size_t)(tail - input), rc->address, continues, false))
      continue;
    /* Where others were given whole, the cut one is dropped rather than
     * reported with an address that may not exist; where it is all there
     * is, it stays, with a warning, as the only answer the message has. */
    found = true;
    if (bn_report_count(r) > 1) {
      bn_report_remove(r, i);
    } else {
      bn_report_warn(r, "the message ends inside the address %s: it may be cut", rc->address);
    }
  }
  return found;
}

/* The message's last leaf part, when it is base64 or quoted-printable:
 * the encoding ends its own lines, so the raw message's last line says
 * nothing of where the text stops. A returned message is no notice's
 * text and is not gone into. */
static GMimePart *
last_encoded_part(GMimeMessage *msg)
{
  GMimeObject *obj = g_mime_message_get_mime_part(msg);
  for (int depth = 0; obj && GMIME_IS_MULTIPART(obj) && depth < 8; depth++) {
    int n = g_mime_multipart_get_count(GMIME_MULTIPART(obj));
    obj = n > 0 ? g_mime_multipart_get_part(GMIME_MULTIPART(obj), n - 1) : NULL;
  }
  if (obj == NULL || !GMIME_IS_PART(obj) || GMIME_IS_MULTIPART(obj))
    return NULL;
  GMimeContentEncoding enc = g_mime_part_get_content_encoding(GMIME_PART(obj));
  if (enc != GMIME_CONTENT_ENCODING_BASE64 && enc != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
    return NULL;
  return GMIME_PART(obj);
}

/* Longest decoded text looked at: the end of a larger one is not read. */
#define ENCODED_CAP (1024 * 1024)

static int
compare_addresses(const void *a, const void *b)
{
  return g_ascii_strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether one recipient's address starts another's, as prefix_of_other
 * asks of each. Sorted, the addresses an address starts follow it, so
 * only neighbours are compared: asking prefix_of_other of every one
 * compared every pair, fifty million for the recipient limit's ten
 * thousand (a second a message). Counts the comparisons in r's work. */
static bool
any_prefix_of_other(bounce_report *r)
{
  size_t count = bn_report_count(r), n = 0;
  const char **addr = g_new(const char *, count + 1);
  for (size_t i = 0; i < count; i++) {
    const char *a = bn_report_rcpt(r, i)->address;
    if (a && a[0])
      addr[n++] = a;
  }
  qsort(addr, n, sizeof *addr, compare_addresses);
  bool found = false;
  for (size_t i = 0; i + 1 < n && !found; i++) {
    found = starts_longer(addr[i], addr[i + 1]);
    r->work++;
  }
  g_free(addr);
  return found;
}

/* Whether any recipient passes may_be_cut. */
static bool
any_may_be_cut(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const char *a = bn_report_rcpt(r, i)->address;
    if (a && a[0] && looks_cut(a))
      return true;
  }
  return any_prefix_of_other(r);
}

void
bn_cut_drop_partial_encoded(bounce_report *r, GMimeMessage *msg)
{
  /* Most reports give only whole addresses, which no end of a text can
   * make cut: the part is then not decoded again to look at its end (18
   * decodes over the corpus, 1.1 M instructions, all for nothing). */
  GMimePart *part = any_may_be_cut(r) ? last_encoded_part(msg) : NULL;
  GMimeDataWrapper *content = part ? g_mime_part_get_content(part) : NULL;
  if (content == NULL)
    return;
  bool over;
  GByteArray *bytes = bn_read_decoded(content, ENCODED_CAP, &over);
  const char *text = (const char *)bytes->data;
  size_t len = bytes->len;
  if (!over && len > 0 && text[len - 1] != '\n' && text[len - 1] != '\r') {
    size_t n = 0;
    while (n < len && text[len - 1 - n] != '\n' && text[len - 1 - n] != '\r')
      n++;
    bn_cut_drop_partial(r, text, text + len - n, n);
  }
  g_byte_array_free(bytes, TRUE);
}
