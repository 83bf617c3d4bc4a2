/* A single linear pass over the raw bytes before GMime sees them, so that
 * hostile structure is refused or cut while it is still cheap to do so.
 *
 * GMime builds an object per MIME part and per header, and checks each line
 * against every open boundary: ten thousand nested or a million sibling
 * multiparts, or a header block of millions of lines, cost it seconds and
 * gigabytes before our own walk (view.c) could say no. This pass follows
 * the structure the way GMime will (header blocks, Content-Type boundaries,
 * boundary lines, attached messages) without building anything:
 *
 *  - nesting deeper than BOUNCE_LIMIT_MIME_DEPTH (multiparts and attached
 *    messages together) is an error, BOUNCE_ERROR_TOO_DEEP;
 *  - once more than BOUNCE_LIMIT_MIME_PARTS parts have started, the rest of
 *    the input is cut off (the report is marked truncated);
 *  - a header field longer than BOUNCE_LIMIT_LINE_LENGTH is cut to it, and
 *    header fields beyond BOUNCE_LIMIT_TEXT_SIZE bytes of headers in all are
 *    dropped (truncated);
 *  - an address field GMime parses whose groups nest deeper than
 *    BN_MAX_GROUP_DEPTH is dropped (truncated): GMime reads a group in a
 *    group by recursion, and thousands fit in a field's 16 KiB.
 *
 * It also mends one malformation real reports carry (Office 365's, among
 * others, once a relay or a store has stripped the indent of a fold):
 *
 *  - a Content-Type field whose value ends in ';' and is followed by an
 *    unindented "name=value" line, such as "boundary=\"...\"", is one field:
 *    the line is made a continuation. Read as GMime reads it, the line ends
 *    the header block, and a multipart loses its boundary and all its parts.
 *
 * The cost is one look at each byte plus, for lines starting "--", one
 * comparison per open boundary (at most the depth limit), and for a line
 * that starts an address field, one more look at that field. Nothing is
 * copied unless something is cut or mended. It is a guard, not a parser: where it
 * and GMime could read a malformed message differently, GMime's reading is
 * the one used, and this pass only bounds what that reading can cost. */
#include "private.h"
#include <string.h>

typedef struct {
  char *boundary; /* NULL for an attached message (message/rfc822) */
  size_t len;
  bool digest;    /* multipart/digest */
} level;

typedef struct {
  const char *data;
  size_t len;
  GString *copy;    /* what is kept, once something was cut */
  size_t kept_upto; /* data[kept_upto..] not yet appended to copy */
  GArray *stack;    /* of level */
  size_t max_depth, max_parts, max_line, max_headers;
  size_t parts;
  size_t header_bytes; /* all header fields so far */
  bool in_headers;
  /* the current header block */
  GString *ctype;   /* Content-Type value, unfolded, bounded */
  GString *cte;     /* Content-Transfer-Encoding value */
  GString *cur;     /* which of the two the current field is, or NULL */
  size_t field_len; /* bytes of the current field so far */
  bool field_dropped;
  bool truncated;
} scan;

/* Leaves data[from..to) out of what GMime gets. */
static void
drop(scan *s, size_t from, size_t to)
{
  if (from >= to)
    return;
  if (s->copy == NULL)
    s->copy = g_string_sized_new(s->len);
  g_string_append_len(s->copy, s->data + s->kept_upto, (gssize)(from - s->kept_upto));
  s->kept_upto = to;
  s->truncated = true;
}

/* Gives GMime a space before data[at], making that line a continuation. */
static void
indent(scan *s, size_t at)
{
  if (s->copy == NULL)
    s->copy = g_string_sized_new(s->len + 64);
  g_string_append_len(s->copy, s->data + s->kept_upto, (gssize)(at - s->kept_upto));
  g_string_append_c(s->copy, ' ');
  s->kept_upto = at;
}

static void
levels_pop_to(scan *s, guint n)
{
  while (s->stack->len > n) {
    level *l = &g_array_index(s->stack, level, s->stack->len - 1);
    g_free(l->boundary);
    g_array_set_size(s->stack, s->stack->len - 1);
  }
}

static bool
push(scan *s, const char *boundary, size_t len, bool digest, bounce_error **err)
{
  if (s->stack->len + 1 > s->max_depth) {
    bn_error_set(err, BOUNCE_ERROR_TOO_DEEP, "MIME parts nest deeper than %zu levels",
                 s->max_depth);
    return false;
  }
  level l = {boundary ? g_strndup(boundary, len) : NULL, len, digest};
  g_array_append_val(s->stack, l);
  return true;
}

static bool
starts_ci(const GString *v, const char *word)
{
  const char *p = v->str;
  while (*p == ' ' || *p == '\t')
    p++;
  return g_ascii_strncasecmp(p, word, strlen(word)) == 0;
}

/* The end of a header block: what comes next is a multipart's preamble, an
 * attached message's headers, or a leaf part's content. */
static bool
end_headers(scan *s, bounce_error **err)
{
  bool ok = true;
  s->in_headers = false;
  /* GMime's own reading of the field, so that both agree on the type. */
  GMimeContentType *ct = NULL;
  bool digest_child = false;
  if (s->ctype->len) {
    /* Only a multipart or an attached message opens a level: a leaf's type
     * (most of them) is not worth GMime's parse. */
    if (bn_strcasestr(s->ctype->str, s->ctype->len, "multipart") ||
        bn_strcasestr(s->ctype->str, s->ctype->len, "message"))
      ct = g_mime_content_type_parse(NULL, s->ctype->str);
  } else if (s->stack->len) {
    const level *up = &g_array_index(s->stack, level, s->stack->len - 1);
    digest_child = up->digest; /* RFC 2046: a digest's parts default to messages */
  }
  const char *b = ct && g_mime_content_type_is_type(ct, "multipart", "*")
                      ? g_mime_content_type_get_parameter(ct, "boundary")
                      : NULL;
  bool message = digest_child ||
                 (ct && (g_mime_content_type_is_type(ct, "message", "rfc822") ||
                         g_mime_content_type_is_type(ct, "message", "global") ||
                         g_mime_content_type_is_type(ct, "message", "news") ||
                         g_mime_content_type_is_type(ct, "message", "rfc2822")));
  if (b && *b) {
    ok = push(s, b, strlen(b), g_mime_content_type_is_type(ct, "multipart", "digest"), err);
  } else if (message && !starts_ci(s->cte, "base64") && !starts_ci(s->cte, "quoted-printable") &&
             !starts_ci(s->cte, "x-uuencode") && !starts_ci(s->cte, "uuencode")) {
    ok = push(s, NULL, 0, false, err);
    s->in_headers = ok; /* the attached message's own header block */
  }
  if (ct)
    g_object_unref(ct);
  g_string_truncate(s->ctype, 0);
  g_string_truncate(s->cte, 0);
  s->cur = NULL;
  s->field_len = 0;
  s->field_dropped = false;
  return ok;
}

/* Which open multipart, if any, line (without its line end) is a boundary
 * of: the index in the stack, or -1. *close is set for "--b--". */
static int
boundary_of(const scan *s, const char *line, size_t n, bool *close)
{
  while (n > 2 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
    n--;
  for (guint i = s->stack->len; i-- > 0;) {
    const level *l = &g_array_index(s->stack, level, i);
    if (l->boundary == NULL || n < 2 + l->len || memcmp(line + 2, l->boundary, l->len) != 0)
      continue;
    if (n == 2 + l->len) {
      *close = false;
      return (int)i;
    }
    if (n == 4 + l->len && line[n - 2] == '-' && line[n - 1] == '-') {
      *close = true;
      return (int)i;
    }
  }
  return -1;
}

static bool
is_field_start(const char *line, size_t n)
{
  const char *colon = memchr(line, ':', n);
  return colon != NULL && colon > line;
}

/* The length of a field's name and colon when it is name, else 0; blanks
 * before the colon are allowed, as GMime allows them. */
static size_t
field_is(const char *line, size_t n, const char *name)
{
  size_t k = strlen(name);
  if (n <= k || g_ascii_strncasecmp(line, name, k) != 0)
    return 0;
  while (k < n && (line[k] == ' ' || line[k] == '\t'))
    k++;
  return k < n && line[k] == ':' ? k + 1 : 0;
}

/* The address fields GMime reads into lists as it parses a message's
 * header block (GMime 3.2 the first six; the Resent- ones are the same
 * grammar, and other versions may read them too). */
static const char *const address_fields[] = {"From", "Sender", "Reply-To", "To", "Cc", "Bcc",
                                             "Resent-From", "Resent-Sender", "Resent-Reply-To",
                                             "Resent-To", "Resent-Cc", "Resent-Bcc"};

/* The length of the address field's name and colon when line is one. Most
 * lines are not: the first byte rules them out before any name is read. */
static size_t
address_field(const char *line, size_t n)
{
  if (n == 0)
    return 0;
  char c = bn_ascii_lower(line[0]);
  if (c != 'f' && c != 's' && c != 'r' && c != 't' && c != 'c' && c != 'b')
    return 0;
  for (size_t i = 0; i < G_N_ELEMENTS(address_fields); i++) {
    size_t k = bn_ascii_lower(address_fields[i][0]) == c ? field_is(line, n, address_fields[i]) : 0;
    if (k)
      return k;
  }
  return 0;
}

/* Whether the field starting at data[at] is an address list with groups
 * nested deeper than GMime may read (BN_MAX_GROUP_DEPTH): GMime reads them
 * by recursion, and deep enough overflows a thread's stack. Only what GMime
 * gets of the field is read: its first max_line bytes. */
static bool
groups_too_deep(const scan *s, size_t at)
{
  size_t end = MIN(s->len, at + s->max_line);
  /* the longest name with its colon fits in 24 bytes; a line end within
   * them stops field_is as it stops at any byte that is not a blank */
  size_t k = address_field(s->data + at, MIN(end - at, 24));
  if (k == 0)
    return false;
  const char *nl = memchr(s->data + at, '\n', end - at);
  /* the field's end: the first line after it that is not a continuation */
  while (nl && (size_t)(nl + 1 - s->data) < end && (nl[1] == ' ' || nl[1] == '\t'))
    nl = memchr(nl + 1, '\n', end - (size_t)(nl + 1 - s->data));
  if (nl)
    end = (size_t)(nl - s->data);
  return bn_group_depth(s->data + at + k, end - at - k, BN_MAX_GROUP_DEPTH + 1) >
         BN_MAX_GROUP_DEPTH;
}

/* Whether line starts like a MIME parameter, "name=" (RFC 2045 token
 * characters, RFC 2231 "name*0*="), and not like a header field. A name
 * longer than any real parameter's is not one; that also bounds the look. */
static bool
param_start(const char *line, size_t n)
{
  size_t k = 0;
  while (k < n && k < 40 && (g_ascii_isalnum(line[k]) || line[k] == '-' || line[k] == '_' ||
                             line[k] == '*' || line[k] == '.'))
    k++;
  if (k == 0 || k == 40 || !g_ascii_isalpha(line[0]))
    return false;
  while (k < n && (line[k] == ' ' || line[k] == '\t'))
    k++;
  return k < n && line[k] == '=';
}

/* Whether data[0..end) ends in ';' once blanks are set aside. */
static bool
ends_in_semicolon(const char *data, size_t end)
{
  while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t'))
    end--;
  return end > 0 && data[end - 1] == ';';
}

/* Whether the line starting at data[at] is a parameter whose field's line
 * before it lost its indent: the line before ends in ';'. */
static bool
lost_indent(const char *data, size_t len, size_t at)
{
  if (at == 0 || data[at - 1] != '\n')
    return false;
  /* the line before first: it is a byte or two away, where the parameter
   * test reads the first word of every line */
  size_t end = at - 1;
  if (end > 0 && data[end - 1] == '\r')
    end--;
  return ends_in_semicolon(data, end) && param_start(data + at, len - at);
}

/* What a header line is to the field it belongs to. */
typedef enum {
  LINE_FIELD,      /* the start of a field */
  LINE_FOLDED,     /* a continuation */
  LINE_UNINDENTED, /* a continuation that lost its indent: given one if kept */
} line_kind;

/* One header line: it starts at offset start, has n bytes of content and
 * t with its line end. */
static void
header_line(scan *s, size_t start, const char *line, size_t n, size_t t, line_kind kind)
{
  bool cont = kind != LINE_FIELD;
  size_t value_at = 0; /* where the value starts in line, for the two we keep */
  if (!cont) {
    s->field_len = 0;
    s->field_dropped = false;
    s->cur = NULL;
    size_t k;
    if ((k = field_is(line, n, "Content-Type")) != 0)
      s->cur = s->ctype;
    else if ((k = field_is(line, n, "Content-Transfer-Encoding")) != 0)
      s->cur = s->cte;
    if (s->cur) {
      g_string_truncate(s->cur, 0);
      value_at = k;
    }
    s->field_dropped = groups_too_deep(s, start);
  }
  if (s->field_dropped) {
    drop(s, start, start + t);
    return;
  }
  /* Over the budget of all headers: the field and its continuations go. */
  if (s->header_bytes + t > s->max_headers) {
    s->field_dropped = true;
    s->cur = NULL;
    drop(s, start, start + t);
    return;
  }
  /* A field longer than a line may be is cut there; the line end stays. */
  size_t keep = t;
  if (s->field_len + t > s->max_line) {
    keep = s->max_line > s->field_len ? s->max_line - s->field_len : 0;
    s->field_dropped = true;
    if (keep == 0) { /* only a continuation line can get here */
      drop(s, start, start + t);
      return;
    }
  }
  /* Only now is some of the line kept: an indent given to a line then
   * dropped would be left on the next line kept. */
  if (kind == LINE_UNINDENTED)
    indent(s, start);
  if (keep < n)
    drop(s, start + keep, start + n);
  s->field_len += keep;
  s->header_bytes += keep;
  size_t vend = MIN(n, keep);
  if (s->cur && vend > value_at && s->cur->len < s->max_line) {
    g_string_append_c(s->cur, ' ');
    g_string_append_len(s->cur, line + value_at,
                        (gssize)MIN(vend - value_at, s->max_line - s->cur->len));
  }
}

/* Occurrences of word in data[0..len), counted up to cap. */
static size_t
count_ci(const char *data, size_t len, const char *word, size_t cap)
{
  size_t n = 0, wl = strlen(word);
  for (const char *p = data; n < cap;) {
    const char *hit = bn_strcasestr(p, len - (size_t)(p - data), word);
    if (hit == NULL)
      break;
    n++;
    p = hit + wl;
  }
  return n;
}

/* Whether word (lower case) is in data[0..len), in either case, with its
 * byte k > 0 at p. The byte before p goes first: in base64 most places
 * fail there. */
static inline bool
word_around(const char *data, size_t len, const char *p, const char *word, size_t k)
{
  size_t at = (size_t)(p - data), wl = strlen(word);
  return at >= k && len - (at - k) >= wl && bn_ascii_lower(p[-1]) == word[k - 1] &&
         g_ascii_strncasecmp(p - k, word, wl) == 0;
}

/* Whether levels, with the mentions of "message" in data[0..len) added,
 * stays below cap and the data holds no "digest". The two words share
 * their rarest byte, 'g': one pass over its places, in each case, reads
 * both, where two searches read the data twice. Neither word can overlap
 * itself, so each place counts once, in whatever order they come. */
static bool
messages_below(const char *data, size_t len, size_t levels, size_t cap)
{
  static const char cases[] = {'g', 'G'};
  if (levels >= cap)
    return false;
  for (size_t c = 0; c < G_N_ELEMENTS(cases); c++)
    for (const char *p = memchr(data, cases[c], len); p;
         p = memchr(p + 1, cases[c], len - (size_t)(p + 1 - data))) {
      if (word_around(data, len, p, "digest", 2))
        return false;
      if (word_around(data, len, p, "message", 5) && ++levels >= cap)
        return false;
    }
  return true;
}

/* True when data cannot reach any limit, whatever its structure: shorter
 * than a header field and all headers may be, fewer lines starting "--"
 * than parts may start, fewer mentions of "multipart" and "message" (each
 * level of nesting needs one in its Content-Type) than levels may nest,
 * no digest (whose parts are messages without saying so) and no address
 * field with groups nested too deep; and nothing to mend: no line that
 * could be a parameter which lost its indent. Most mail is this; it then goes to GMime as it is, without the walk below. */
/* Whether data holds at most cap colons. A field nests groups no deeper
 * than it has colons, so a message with no more than BN_MAX_GROUP_DEPTH
 * (nineteen in twenty) needs no look at its address fields. */
static bool
colons_at_most(const char *data, size_t len, size_t cap)
{
  size_t n = 0;
  for (const char *p = data; (p = memchr(p, ':', len - (size_t)(p - data))) != NULL; p++)
    if (++n > cap)
      return false;
  return true;
}

static bool
within_limits(const char *data, size_t len, const scan *s)
{
  if (len > s->max_line || len > s->max_headers)
    return false;
  size_t dashes = 0;
  bool few_colons = colons_at_most(data, len, BN_MAX_GROUP_DEPTH);
  for (size_t at = 0; at < len;) {
    if (len - at >= 2 && data[at] == '-' && data[at + 1] == '-' && ++dashes >= s->max_parts)
      return false;
    if (lost_indent(data, len, at) || (!few_colons && groups_too_deep(s, at)))
      return false;
    const char *nl = memchr(data + at, '\n', len - at);
    if (nl == NULL)
      break;
    at = (size_t)(nl - data) + 1;
  }
  return messages_below(data, len, count_ci(data, len, "multipart", s->max_depth), s->max_depth);
}

/* A boundary line of an open multipart (its index b): it ends whatever
 * was open inside, and starts a part's header block unless it closes the
 * multipart. False once the parts limit is passed: the rest is dropped. */
static bool
at_boundary(scan *s, size_t at, int b, bool close)
{
  levels_pop_to(s, (guint)b + 1);
  g_string_truncate(s->ctype, 0);
  g_string_truncate(s->cte, 0);
  s->cur = NULL;
  if (close) {
    levels_pop_to(s, (guint)b);
    s->in_headers = false;
    return true;
  }
  if (++s->parts > s->max_parts) {
    drop(s, at, s->len);
    return false;
  }
  s->in_headers = true;
  s->field_len = 0;
  s->field_dropped = false;
  return true;
}

/* A line of a header block, n bytes without its line end, t with it;
 * false on an error (err set). */
static bool
header_block_line(scan *s, size_t at, const char *line, size_t n, size_t t, bounce_error **err)
{
  if (n == 0)
    return end_headers(s, err);
  if (line[0] == ' ' || line[0] == '\t') {
    header_line(s, at, line, n, t, LINE_FOLDED);
  } else if (s->cur == s->ctype && ends_in_semicolon(s->ctype->str, s->ctype->len) &&
             lost_indent(s->data, s->len, at)) {
    header_line(s, at, line, n, t, LINE_UNINDENTED);
  } else if (is_field_start(line, n)) {
    header_line(s, at, line, n, t, LINE_FIELD);
  } else {
    /* Not a header: GMime ends the block here, and so do we. */
    if (!end_headers(s, err))
      return false;
    if (s->in_headers) /* an attached message starts on this line */
      header_line(s, at, line, n, t, LINE_FIELD);
  }
  return true;
}

/* Frees the walk's state and gives what it kept in out; false (nothing
 * given) when the walk failed. */
static bool
scan_finish(scan *s, bool ok, bn_prescanned *out)
{
  if (ok && s->copy)
    g_string_append_len(s->copy, s->data + s->kept_upto, (gssize)(s->len - MIN(s->kept_upto, s->len)));
  levels_pop_to(s, 0);
  g_array_free(s->stack, TRUE);
  g_string_free(s->ctype, TRUE);
  g_string_free(s->cte, TRUE);
  if (!ok) {
    if (s->copy)
      g_string_free(s->copy, TRUE);
    return false;
  }
  out->copy = s->copy;
  out->data = s->copy ? s->copy->str : s->data;
  out->len = s->copy ? s->copy->len : s->len;
  out->truncated = s->truncated;
  return true;
}

bool
bn_prescan(const char *data, size_t len, const bounce_options *opts, bn_prescanned *out,
           bounce_error **err)
{
  scan s = {
    .data = data,
    .len = len,
    .max_depth = bn_limit(opts, BOUNCE_LIMIT_MIME_DEPTH),
    .max_parts = bn_limit(opts, BOUNCE_LIMIT_MIME_PARTS),
    .max_line = bn_limit(opts, BOUNCE_LIMIT_LINE_LENGTH),
    .max_headers = bn_limit(opts, BOUNCE_LIMIT_TEXT_SIZE),
    .in_headers = true,
  };
  if (within_limits(data, len, &s)) {
    *out = (bn_prescanned){.data = data, .len = len};
    return true;
  }
  s.stack = g_array_new(FALSE, FALSE, sizeof(level));
  s.ctype = g_string_new(NULL);
  s.cte = g_string_new(NULL);
  bool ok = true;
  for (size_t at = 0; at < len && ok;) {
    const char *nl = memchr(data + at, '\n', len - at);
    size_t t = nl ? (size_t)(nl - (data + at)) + 1 : len - at; /* with the line end */
    const char *line = data + at;
    size_t n = t;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      n--;
    bool close = false;
    int b = n >= 3 && line[0] == '-' && line[1] == '-' ? boundary_of(&s, line, n, &close) : -1;
    if (b >= 0) {
      if (!at_boundary(&s, at, b, close))
        break;
    } else if (s.in_headers) {
      ok = header_block_line(&s, at, line, n, t, err);
    }
    at += t;
  }
  return scan_finish(&s, ok, out);
}

void
bn_prescanned_clear(bn_prescanned *p)
{
  if (p->copy)
    g_string_free(p->copy, TRUE);
  memset(p, 0, sizeof *p);
}
