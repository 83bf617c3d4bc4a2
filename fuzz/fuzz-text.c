/* Fuzz target: the finders that read free text. The first byte chooses
 * the finder; the rest is the text, in a buffer of exactly its size (no
 * NUL after it), as the finders get spans of a longer text. Results are
 * checked against what each finder promises. */
#include "fuzz.h"
#include "match.h"
#include "private.h"
#include <stdlib.h>
#include <string.h>

static void
check_status(const char *s, size_t len)
{
  char out[16];
  if (bn_find_status(s, len, out) && !bn_status_valid(out, strlen(out)))
    abort();
  (void)bn_status_valid(s, len);
}

static void
check_reply_code(const char *s, size_t len)
{
  int code = bn_find_reply_code(s, len);
  if (code != 0 && (code < 200 || code > 599))
    abort();
  /* the reply without its continuation markers: only ever shorter */
  char *u = bn_reply_unmarked(s, len);
  if (u && strlen(u) >= len)
    abort();
  g_free(u);
}

static void
check_address(char *a)
{
  if (a && !bn_address_valid(a))
    abort();
  g_free(a);
}

static void
check_command(const char *s, size_t len)
{
  const char *c = bn_find_smtp_command(s, len);
  if (c && strlen(c) > 8)
    abort();
  (void)bn_smtp_command_name(s, len);
}

static void
check_html(const char *s, size_t len)
{
  GString *out = g_string_new(NULL);
  bn_html_to_text(s, len, out);
  /* Tags are dropped and entities shortened: the text never grows by
   * more than an entity's expansion (at most 4 bytes per 3). */
  if (out->len > len * 2 + 4)
    abort();
  g_string_free(out, TRUE);
}

/* Patterns are the lines of the text before the first blank line (at most
 * 32), the text what follows; also the cause table's own matcher. */
static void
check_matcher(const char *s, size_t len)
{
  const char *sep = bn_strcasestr(s, len, "\n\n");
  size_t plen = sep ? (size_t)(sep - s) : 0;
  const char *text = sep ? sep + 2 : s;
  size_t tlen = len - (size_t)(text - s);
  GPtrArray *pats = g_ptr_array_new_with_free_func(g_free);
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, s, plen);
  while (bn_lines_next(&it, &line) && pats->len < 32)
    if (line.len)
      g_ptr_array_add(pats, g_strndup(line.p, line.len));
  bn_matcher *m = bn_matcher_new((const char *const *)pats->pdata, pats->len);
  bool *hits = g_new0(bool, pats->len + 1);
  bool any = bn_matcher_scan(m, text, tlen, hits);
  bool seen = false;
  for (guint i = 0; i < pats->len; i++)
    seen |= hits[i];
  if (any != seen)
    abort();
  g_free(hits);
  bn_matcher_free(m);
  g_ptr_array_free(pats, TRUE);
  bounce_cause c = bn_text_cause(s, len);
  if (bounce_cause_to_string(c)[0] == '\0')
    abort();
}

/* The line helpers and the RFC 3464 field reader over the same text. */
static void
check_fields(const char *s, size_t len)
{
  bounce_report *r = bn_report_new(NULL);
  bn_dsn_read(s, len, r, (len & 1) != 0);
  for (size_t i = 0; i < bn_report_count(r); i++)
    if (!bn_report_rcpt(r, i)->address)
      abort();
  bounce_report_free(r);
  char *sq = bn_squeeze_dup(s, len);
  if (strlen(sq) > len)
    abort();
  g_free(sq);
}

/* Every finder. */
const char *const fuzz_prefixes[] = {"\x00", "\x01", "\x02", "\x03", "\x04", "\x05", "\x06",
                                     "\x07", NULL};
const size_t fuzz_prefix_len = 1;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  bn_gmime_init(); /* the field reader decodes RFC 2047 words with GMime */
  size_t len = size - 1;
  char *s = g_malloc(len ? len : 1); /* exactly the text: ASan sees any over-read */
  memcpy(s, data + 1, len);
  switch (data[0] % 8) {
  case 0: check_status(s, len); break;
  case 1: check_reply_code(s, len); break;
  case 2: check_address(bn_find_address(s, len)); break;
  case 3: check_address(bn_address_clean(s, len)); break;
  case 4: check_command(s, len); break;
  case 5: check_html(s, len); break;
  case 6: check_matcher(s, len); break;
  default: check_fields(s, len); break;
  }
  g_free(s);
  return 0;
}
