/* The entry points: bytes, a file, a descriptor, or a message the caller
 * parsed with GMime. Size is checked before anything is parsed. */
#include "private.h"
#include "bounce-gmime.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
bounce_version_string(void)
{
  return BOUNCE_VERSION_STRING;
}

unsigned int
bounce_version(void)
{
  return BOUNCE_VERSION_HEX;
}

/* Whether the bytes can be no message at all: none, only white space, or
 * more than the size limit allows. */
static bool
refused_input(const char *data, size_t len, const bounce_options *opts, bounce_error **error)
{
  if (data == NULL && len > 0) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "data is NULL");
    return true;
  }
  if (len == 0 || bn_all_space(data, len)) {
    bn_error_set(error, BOUNCE_ERROR_EMPTY, "the message is empty");
    return true;
  }
  size_t limit = bn_limit(opts, BOUNCE_LIMIT_MESSAGE_SIZE);
  if (len > limit) {
    bn_error_set(error, BOUNCE_ERROR_TOO_LARGE, "the message has %zu bytes, over the limit of %zu",
                 len, limit);
    return true;
  }
  return false;
}

/* A message saved from a mailbox may start with its "From " line. */
static void
skip_from_line(const char **data, size_t *len)
{
  if (*len > 5 && memcmp(*data, "From ", 5) == 0) {
    const char *nl = memchr(*data, '\n', *len);
    if (nl) {
      *len -= (size_t)(nl + 1 - *data);
      *data = nl + 1;
    }
  }
}

/* Whether the bytes start with a header field: a name of printable
 * characters but the colon (RFC 5322 section 2.2), then a colon. */
static bool
starts_with_field(const char *data, size_t len)
{
  size_t i = 0;
  while (i < len && data[i] > ' ' && data[i] < 127 && data[i] != ':')
    i++;
  return i > 0 && i < len && data[i] == ':';
}

/* Whether the bytes start with a header block: a field, then only fields
 * and their folds up to the empty line (or the end) that closes it. A
 * text with no header whose first line happens to read "Note: ..." goes
 * on with lines of prose, which no header block has. */
static bool
starts_with_header_block(const char *data, size_t len)
{
  if (!starts_with_field(data, len))
    return false;
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(data + i, '\n', len - i);
    size_t next = nl ? (size_t)(nl - data) + 1 : len;
    if (data[i] == '\n' || data[i] == '\r')
      return true; /* the empty line that ends the block */
    if (data[i] != ' ' && data[i] != '\t' && !starts_with_field(data + i, next - i))
      return false;
    i = next;
  }
  return true;
}

/* A message saved by a web archive, pasted into a ticket or cut from a
 * mailbox by a tool that kept the separator's blank line can start with
 * empty lines, which GMime reads as an empty header block, the whole
 * message then a body with no type. Skipped only when a header block
 * follows them: a message that truly has no header keeps its body. */
static void
skip_leading_blank_lines(const char **data, size_t *len)
{
  size_t i = 0;
  while (i < *len && ((*data)[i] == '\n' || (*data)[i] == '\r'))
    i++;
  if (i > 0 && starts_with_header_block(*data + i, *len - i)) {
    *data += i;
    *len -= i;
  }
}

/* Whether a CR at data[i] ends a line that GMime would not see end: any
 * CR but the one right before an LF. */
static bool
odd_cr(const char *data, size_t len, size_t i)
{
  return i + 1 >= len || data[i + 1] != '\n';
}

/* A CRLF message whose LFs a tool turned into CRs ends every line in CR
 * CR, which read as lone CRs would end each header line with a blank line:
 * 2 when the bytes from the first lone CR on have no LF and no CR run of
 * odd length (a CR-only message has single CRs: a header block is never
 * all blank lines), else 1. The lines before it may end in LF: fields a
 * later host put on top of the stored message (Received, DKIM). */
static size_t
crs_per_line_end(const char *data, size_t len, size_t first)
{
  if (memchr(data + first, '\n', len - first) != NULL)
    return 1;
  for (size_t i = first; i < len; i++) {
    if (data[i] != '\r')
      continue;
    size_t run = i;
    while (run < len && data[run] == '\r')
      run++;
    if ((run - i) % 2)
      return 1;
    i = run;
  }
  return 2;
}

/* Old Mac files end lines with a lone CR, some gateways with CR CR LF, and a
 * message can hold a part of either kind (a returned copy stored by such a
 * system). GMime splits lines on LF only: it reads a CR-only message as one
 * header line, and a header block ending in CR CR LF as one that never ends.
 * A copy with a CR run followed by LF made one LF and every other CR made an
 * LF, as view.c reads text; or NULL when every CR is already before an LF
 * (LF and CRLF messages are not copied). A few linear scans of the bytes
 * and one copy, no longer than they are. */
static char *
odd_line_ends_to_lf(const char *data, size_t len, size_t *out_len)
{
  const char *cr = memchr(data, '\r', len);
  while (cr && !odd_cr(data, len, (size_t)(cr - data))) {
    size_t at = (size_t)(cr - data) + 2;
    cr = at < len ? memchr(data + at, '\r', len - at) : NULL;
  }
  if (cr == NULL)
    return NULL;
  size_t first = (size_t)(cr - data);
  size_t per_end = crs_per_line_end(data, len, first);
  char *copy = g_malloc(len);
  memcpy(copy, data, first);
  size_t n = first;
  for (size_t i = first; i < len; i++) {
    if (data[i] != '\r') {
      copy[n++] = data[i];
      continue;
    }
    size_t run = i;
    while (run < len && data[run] == '\r')
      run++;
    if (run < len && data[run] == '\n') {
      i = run - 1; /* the LF is copied next */
      continue;
    }
    memset(copy + n, '\n', (run - i) / per_end);
    n += (run - i) / per_end;
    i = run - 1;
  }
  *out_len = n;
  return copy;
}

/* A message cut in storage or transfer can stop inside a header field.
 * GMime drops the whole header block of a part that ends on a field name
 * with no colon and no line end (the returned copy's To and X- fields, or
 * the message's own): ending the last line keeps them. The line end is
 * given to GMime as a stream of its own after the message's, as a copy of
 * the message would double what a large one costs. That line is also kept
 * apart, as an address it ends with may be cut (cut.c). The unended last
 * line, or NULL. */
static const char *
unended_line(const char *data, size_t len, size_t *tail_len)
{
  *tail_len = 0;
  if (len == 0 || data[len - 1] == '\n' || data[len - 1] == '\r')
    return NULL;
  while (*tail_len < len && data[len - 1 - *tail_len] != '\n')
    (*tail_len)++;
  return data + len - *tail_len;
}

/* GMime reads the bytes where they are: the array only lends them to the
 * stream (which does not own it) and gives them back unfreed.
 * g_mime_stream_mem_new_with_buffer() would copy them. *lent is the array
 * to give back, or NULL. */
static GMimeStream *
stream_over(const bn_prescanned *pre, GByteArray **lent)
{
  *lent = NULL;
  if (pre->len > G_MAXUINT)
    return g_mime_stream_mem_new_with_buffer(pre->data, pre->len);
  *lent = g_byte_array_new_take((guint8 *)pre->data, pre->len);
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(*lent);
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
  return stream;
}

/* The stream followed by a line end (see unended_line). Takes the stream. */
static GMimeStream *
with_line_end(GMimeStream *stream)
{
  GMimeStream *cat = g_mime_stream_cat_new();
  GMimeStream *end = g_mime_stream_mem_new_with_buffer("\n", 1);
  g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), stream);
  g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), end);
  g_object_unref(end);
  g_object_unref(stream);
  return cat;
}

/* Whether the bytes GMime read end on a line with text on it: a header
 * block they end in had no empty line to close it. */
static bool
ends_on_text_line(const char *p, size_t n)
{
  if (n && p[n - 1] == '\n')
    n--;
  if (n && p[n - 1] == '\r')
    n--;
  return n > 0 && p[n - 1] != '\n';
}

/* Whether line (len bytes, no line end) is the start of one of mp's
 * boundary lines, "--", its boundary and "--" on the closing one (RFC 2046
 * 5.1.1), as far as it goes. */
static bool
begins_delimiter(GMimeMultipart *mp, const char *line, size_t len)
{
  const char *boundary = g_mime_multipart_get_boundary(mp);
  size_t b = boundary ? strlen(boundary) : 0;
  if (b == 0 || len == 0 || len > b + 4)
    return false;
  for (size_t i = 0; i < len; i++)
    if (line[i] != (i >= 2 && i < b + 2 ? boundary[i - 2] : '-'))
      return false;
  return true;
}

/* The last part down body's last-child path (into attached messages), or
 * NULL past max_depth or at an empty multipart; *multiparts counts the
 * multiparts on the way, *unclosed those that lacked their closing
 * boundary line; *in_delimiter: line (the bytes' unended last line, or
 * NULL) begins the boundary line of one of them. */
static GMimeObject *
last_leaf(GMimeObject *body, size_t max_depth, const char *line, size_t line_len,
          unsigned *multiparts, unsigned *unclosed, bool *in_delimiter)
{
  GMimeObject *o = body;
  *multiparts = 0;
  *unclosed = 0;
  *in_delimiter = false;
  for (size_t depth = 0; o && depth <= max_depth; depth++) {
    if (GMIME_IS_MULTIPART(o)) {
      GMimeMultipart *mp = GMIME_MULTIPART(o);
      int n = g_mime_multipart_get_count(mp);
      (*multiparts)++;
      *unclosed += !mp->write_end_boundary;
      *in_delimiter = *in_delimiter || (line && begins_delimiter(mp, line, line_len));
      o = n > 0 ? g_mime_multipart_get_part(mp, n - 1) : NULL;
    } else if (GMIME_IS_MESSAGE_PART(o)) {
      GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
      o = inner ? g_mime_message_get_mime_part(inner) : NULL;
    } else {
      return o;
    }
  }
  return NULL;
}

/* Where msg's bytes (p, n) ended before its structure did, read from the
 * tree and the bytes (a GMime warning callback would tell it too, but
 * GMime 3.2, given one, checks every header value as it parses, a sixth
 * more work for every message). Only the last part, the last child of
 * each multipart down from the body, can be cut, and only when every
 * multipart on the way there lost its closing boundary line (fewer: the
 * bytes ended in a closed multipart's epilogue). It ran out in the
 * part's header block when it has no content and the bytes end on a line
 * with text on it; else in its content, whose last line end may be its
 * last line's or only where the bytes stop. A part no multipart encloses
 * ends where the bytes do, cut or not: nowhere. added: the line end the
 * stream put after an unended last line (with_line_end). GMime, reading
 * it from the second source of a GMimeStreamCat, gives the part a content
 * of that one byte, where the same bytes with their own line end give it
 * none: that content is none of the message's, so that a message whose
 * bytes stop inside a header line reads as it does with a line end after
 * them (an mbox drops its last message's line end as the writer's, mbox.c). */
static bn_ran_out
ran_out_of(GMimeMessage *msg, const bounce_options *opts, const char *p, size_t n, size_t added)
{
  unsigned multiparts, unclosed;
  bool in_delimiter;
  size_t line_len;
  const char *line = unended_line(p, n, &line_len);
  GMimeObject *leaf =
    last_leaf(g_mime_message_get_mime_part(msg), bn_limit(opts, BOUNCE_LIMIT_MIME_DEPTH), line,
              line_len, &multiparts, &unclosed, &in_delimiter);
  if (leaf == NULL || !GMIME_IS_PART(leaf) || unclosed < multiparts)
    return (bn_ran_out){BN_RAN_OUT_NOWHERE, NULL, NULL, 0};
  GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(leaf));
  GMimeStream *bytes = content ? g_mime_data_wrapper_get_stream(content) : NULL;
  bool empty = bytes == NULL || g_mime_stream_length(bytes) <= (gint64)added;
  if (empty && ends_on_text_line(p, n))
    return (bn_ran_out){BN_RAN_OUT_IN_HEADER, leaf, NULL, 0};
  if (multiparts == 0)
    return (bn_ran_out){BN_RAN_OUT_NOWHERE, NULL, NULL, 0};
  return (bn_ran_out){BN_RAN_OUT_IN_CONTENT, leaf, in_delimiter ? line : NULL,
                      in_delimiter ? line_len : 0};
}

/* Each thread keeps one GMime parser and starts it again on the next
 * stream: made new for every message, its 4 KB read buffer, allocated
 * after the last message's many small frees, had malloc consolidate and
 * sort them, 31 M instructions over the corpus (7 %). Between parses it
 * is parked on an empty stream of its own (the parser holds a reference
 * to its stream, whose bytes are the caller's); starting it again frees
 * the header buffers a long message grew. The slot is emptied while the
 * parser is in use, so a nested parse in the same thread makes its own. */
typedef struct {
  GMimeParser *parser;
  GMimeStream *empty;
} idle_parser;

static void
drop_idle_parser(gpointer data)
{
  idle_parser *idle = data;
  g_object_unref(idle->parser);
  g_object_unref(idle->empty);
  g_free(idle);
}

static GPrivate idle_slot = G_PRIVATE_INIT(drop_idle_parser);

static GMimeParser *
parser_take(GMimeStream *stream)
{
  idle_parser *idle = g_private_get(&idle_slot);
  GMimeParser *parser;
  if (idle == NULL || idle->parser == NULL) {
    parser = g_mime_parser_new_with_stream(stream);
  } else {
    parser = idle->parser;
    idle->parser = NULL;
    g_mime_parser_init_with_stream(parser, stream);
  }
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  return parser;
}

static void
parser_give_back(GMimeParser *parser)
{
  idle_parser *idle = g_private_get(&idle_slot);
  if (idle == NULL) {
    idle = g_new0(idle_parser, 1);
    idle->empty = g_mime_stream_mem_new_with_buffer("", 0);
    g_private_set(&idle_slot, idle);
  }
  if (idle->parser) {
    g_object_unref(parser);
    return;
  }
  g_mime_parser_init_with_stream(parser, idle->empty);
  idle->parser = parser;
}

/* p, n: the bytes on stream, which adds added bytes (a line end) to them. */
static bounce_report *
analyse_stream(GMimeStream *stream, const bounce_options *opts, const char *p, size_t n,
               size_t added, const char *data, const char *tail, size_t tail_len,
               bounce_error **error)
{
  GMimeParser *parser = parser_take(stream);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  parser_give_back(parser);
  bounce_report *r = NULL;
  if (msg == NULL) {
    bn_error_set(error, BOUNCE_ERROR_PARSE, "the input is not a mail message");
  } else {
    r = bn_analyse(msg, opts, data, tail, tail_len, ran_out_of(msg, opts, p, n, added), error);
    g_object_unref(msg);
  }
  return r;
}

bounce_report *
bounce_parse_bytes(const char *data, size_t len, const bounce_options *opts, bounce_error **error)
{
  if (refused_input(data, len, opts, error))
    return NULL;
  bn_gmime_init();
  skip_leading_blank_lines(&data, &len);
  skip_from_line(&data, &len);
  skip_leading_blank_lines(&data, &len);
  size_t copy_len = 0;
  char *copy = odd_line_ends_to_lf(data, len, &copy_len);
  if (copy) {
    data = copy;
    len = copy_len;
  }
  size_t tail_len;
  const char *tail = unended_line(data, len, &tail_len);

  bn_prescanned pre;
  if (!bn_prescan(data, len, opts, &pre, error)) {
    g_free(copy);
    return NULL;
  }
  GByteArray *lent;
  GMimeStream *stream = stream_over(&pre, &lent);
  /* The prescan may have dropped the unended line whole: what it kept then
   * ends on the line before's line end. */
  size_t added = 0;
  if (tail && pre.len > 0 && pre.data[pre.len - 1] != '\n') {
    stream = with_line_end(stream);
    added = 1;
  }
  bounce_report *r =
    analyse_stream(stream, opts, pre.data, pre.len, added, data, tail, tail_len, error);
  g_object_unref(stream);
  if (lent)
    g_byte_array_free(lent, FALSE); /* the bytes are not ours to free */
  if (r && pre.truncated) {
    r->truncated = true;
    bn_report_warn(r, "the message is over the limits (MIME parts, header size or line length): the rest was cut");
  }
  bn_prescanned_clear(&pre);
  g_free(copy);
  return r;
}

/* Reads fd to its end, or fails once more than limit bytes came. */
static GByteArray *
read_all(int fd, size_t limit, bounce_error **error)
{
  GByteArray *buf = g_byte_array_new();
  guint8 chunk[65536];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      bn_error_set(error, BOUNCE_ERROR_IO, "read failed: %s", g_strerror(errno));
      g_byte_array_free(buf, TRUE);
      return NULL;
    }
    if (n == 0)
      break;
    if (buf->len + (size_t)n > limit) {
      bn_error_set(error, BOUNCE_ERROR_TOO_LARGE, "the message is over the limit of %zu bytes",
                   limit);
      g_byte_array_free(buf, TRUE);
      return NULL;
    }
    g_byte_array_append(buf, chunk, (guint)n);
  }
  return buf;
}

bounce_report *
bounce_parse_fd(int fd, const bounce_options *opts, bounce_error **error)
{
  if (fd < 0) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "invalid file descriptor");
    return NULL;
  }
  GByteArray *buf = read_all(fd, bn_limit(opts, BOUNCE_LIMIT_MESSAGE_SIZE), error);
  if (buf == NULL)
    return NULL;
  bounce_report *r = bounce_parse_bytes((const char *)buf->data, buf->len, opts, error);
  g_byte_array_free(buf, TRUE);
  return r;
}

bounce_report *
bounce_parse_file(const char *path, const bounce_options *opts, bounce_error **error)
{
  if (path == NULL) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "path is NULL");
    return NULL;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    bn_error_set(error, BOUNCE_ERROR_IO, "%s: %s", path, g_strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    bn_error_set(error, BOUNCE_ERROR_IO, "%s: is a directory", path);
    return NULL;
  }
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      (size_t)st.st_size > bn_limit(opts, BOUNCE_LIMIT_MESSAGE_SIZE)) {
    close(fd);
    bn_error_set(error, BOUNCE_ERROR_TOO_LARGE, "%s: %lld bytes, over the limit of %zu", path,
                 (long long)st.st_size, bn_limit(opts, BOUNCE_LIMIT_MESSAGE_SIZE));
    return NULL;
  }
  bounce_report *r = bounce_parse_fd(fd, opts, error);
  close(fd);
  return r;
}

bounce_report *
bounce_parse_gmime_message(GMimeMessage *message, const bounce_options *opts,
                           bounce_error **error)
{
  if (message == NULL || !GMIME_IS_MESSAGE(message)) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "message is NULL or not a GMimeMessage");
    return NULL;
  }
  bn_gmime_init();
  return bn_analyse(message, opts, NULL, NULL, 0, (bn_ran_out){BN_RAN_OUT_NOWHERE, NULL, NULL, 0}, error);
}
