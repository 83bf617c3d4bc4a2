/* Reading an mbox one message at a time. Messages are separated by a line
 * starting "From " at the start of the file or after a blank line. Only
 * the message being read is held in memory, and never more than the size
 * limit of it: a bigger one is skipped and reported as an error. */
#include "private.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

struct bounce_mbox {
  int fd;               /* -1 when reading from memory */
  const char *data;     /* memory input */
  size_t data_len;
  size_t data_at;
  guint8 buf[65536];    /* read buffer for fd input */
  size_t buf_len;
  size_t buf_at;
  bool eof;
  bool io_error;
  int saved_errno;
  GByteArray *msg;      /* the message being collected */
  bool too_big;         /* this message went over the limit */
  bool prev_blank;      /* the line before was empty (or none was read) */
  char eol;             /* the byte that ends lines: \n, \r (old Mac), 0 before the first */
  bool cr_pairs;        /* eol is \r and lines end in two of them */
  size_t count;
  bounce_options *opts;
};

static bounce_options *
options_copy(const bounce_options *opts)
{
  bounce_options *o = bounce_options_new();
  if (opts) {
    memcpy(o->limits, opts->limits, sizeof o->limits);
    o->include = opts->include;
    if (opts->headers)
      for (guint i = 0; i < opts->headers->len; i++)
        bounce_options_add_original_header(o, g_ptr_array_index(opts->headers, i));
  }
  return o;
}

static bounce_mbox *
mbox_new(const bounce_options *opts)
{
  bounce_mbox *mb = g_new0(bounce_mbox, 1);
  mb->fd = -1;
  mb->msg = g_byte_array_new();
  mb->prev_blank = true;
  mb->opts = options_copy(opts);
  return mb;
}

bounce_mbox *
bounce_mbox_open_fd(int fd, const bounce_options *opts, bounce_error **error)
{
  if (fd < 0) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "invalid file descriptor");
    return NULL;
  }
  bounce_mbox *mb = mbox_new(opts);
  mb->fd = fd;
  return mb;
}

bounce_mbox *
bounce_mbox_open_bytes(const char *data, size_t len, const bounce_options *opts,
                       bounce_error **error)
{
  if (data == NULL && len > 0) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "data is NULL");
    return NULL;
  }
  bounce_mbox *mb = mbox_new(opts);
  mb->data = data;
  mb->data_len = len;
  return mb;
}

void
bounce_mbox_free(bounce_mbox *mbox)
{
  if (mbox == NULL)
    return;
  g_byte_array_free(mbox->msg, TRUE);
  bounce_options_free(mbox->opts);
  g_free(mbox);
}

size_t
bounce_mbox_count(const bounce_mbox *mbox)
{
  return mbox ? mbox->count : 0;
}

static bool
fill(bounce_mbox *mb)
{
  if (mb->eof)
    return false;
  if (mb->fd < 0) {
    mb->eof = true; /* memory input is one block */
    return false;
  }
  for (;;) {
    ssize_t n = read(mb->fd, mb->buf, sizeof mb->buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n < 0) {
        mb->io_error = true;
        mb->saved_errno = errno;
      }
      mb->eof = true;
      return false;
    }
    mb->buf_len = (size_t)n;
    mb->buf_at = 0;
    return true;
  }
}

/* A mailbox written with lone CR line ends (old Mac, some exports) has no
 * \n at all: read by \n it is one line, its first "From " line, and no
 * message. Its first line end says which byte ends its lines; CRs before
 * an LF are a CRLF, or the CR CR LF some broken gateways write, and CRs at
 * the end of the bytes at hand, whose next byte is unseen, count as CRLF,
 * as almost every mailbox is. A CRLF mailbox whose LFs a tool made CRs
 * ends its "From " line in two CRs (*pairs), where a CR-only one has its
 * first header line right after one. */
static char
line_end_of(const guint8 *p, size_t avail, bool *pairs)
{
  for (size_t i = 0; i < avail; i++) {
    if (p[i] == '\n')
      return '\n';
    if (p[i] == '\r') {
      size_t run = i;
      while (run < avail && p[run] == '\r')
        run++;
      if (run >= avail || p[run] == '\n')
        return '\n';
      *pairs = run - i == 2;
      return '\r';
    }
  }
  return 0;
}

/* Where the line at p ends in a mailbox of CR CR line ends: the second CR
 * of its first pair, which may start in the line read so far; or NULL. */
static const guint8 *
cr_pair_end(const GByteArray *line, const guint8 *p, size_t avail)
{
  bool after_cr = line->len > 0 && line->data[line->len - 1] == '\r';
  const guint8 *c = memchr(p, '\r', avail);
  while (c) {
    if (c == p ? after_cr : c[-1] == '\r')
      return c;
    size_t at = (size_t)(c + 1 - p);
    c = at < avail ? memchr(p + at, '\r', avail - at) : NULL;
  }
  return NULL;
}

/* The next line, with its line end, into line (reused); false at the end. */
static bool
next_line(bounce_mbox *mb, GByteArray *line)
{
  g_byte_array_set_size(line, 0);
  for (;;) {
    const guint8 *p;
    size_t avail;
    if (mb->fd < 0) {
      p = (const guint8 *)mb->data + mb->data_at;
      avail = mb->data_len - mb->data_at;
    } else {
      p = mb->buf + mb->buf_at;
      avail = mb->buf_len - mb->buf_at;
    }
    if (avail == 0) {
      if (!fill(mb))
        return line->len > 0;
      continue;
    }
    if (mb->eol == 0)
      mb->eol = line_end_of(p, avail, &mb->cr_pairs);
    const guint8 *nl = mb->cr_pairs ? cr_pair_end(line, p, avail)
                                    : memchr(p, mb->eol ? mb->eol : '\n', avail);
    size_t take = nl ? (size_t)(nl - p) + 1 : avail;
    /* A line longer than a message may be is not kept whole: its length
     * alone puts the message over the limit. */
    if (line->len < 1024 * 1024)
      g_byte_array_append(line, p, (guint)MIN(take, 1024 * 1024 - line->len));
    if (mb->fd < 0) {
      mb->data_at += take;
      if (mb->data_at >= mb->data_len)
        mb->eof = true;
    } else {
      mb->buf_at += take;
    }
    if (nl)
      return true;
  }
}

static bool
is_separator(const GByteArray *line)
{
  return line->len >= 5 && memcmp(line->data, "From ", 5) == 0;
}

/* A "From " line in the form mailbox writers give it, "From SENDER DAY MON
 * ..." ("From MAILER-DAEMON Thu Jan  1 00:00:00 2024"): a separator even
 * when the message before it did not end with a blank line, so that a
 * broken message does not swallow the next one. Prose such as "From the
 * desk of ..." does not have this form. */
static bool
is_full_separator(const GByteArray *line)
{
  static const char days[] = "Mon Tue Wed Thu Fri Sat Sun ";
  static const char months[] = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec ";
  const char *p = (const char *)line->data + 5, *end = (const char *)line->data + line->len;
  if (!is_separator(line) || p >= end || *p == ' ')
    return false;
  while (p < end && *p != ' ' && *p != '\t')
    p++; /* the sender */
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (end - p < 8)
    return false;
  char day[5] = {p[0], p[1], p[2], ' ', 0}, mon[5] = {p[4], p[5], p[6], ' ', 0};
  return p[3] == ' ' && strstr(days, day) != NULL && strstr(months, mon) != NULL;
}

/* The CRs before the LF that ends msg[0..n), or 0 when none ends it. */
static size_t
crs_before_lf(const guint8 *msg, size_t n)
{
  if (n == 0 || msg[n - 1] != '\n')
    return 0;
  size_t k = 0;
  while (k + 1 < n && msg[n - 2 - k] == '\r')
    k++;
  return k;
}

/* An LF line may end in CR LF or CR CR LF; a CR line is one CR or two. */
static bool
is_blank(const GByteArray *line)
{
  if ((line->len == 1 || line->len == 2) && line->data[0] == '\r' &&
      line->data[line->len - 1] == '\r')
    return true;
  return line->len > 0 && line->data[line->len - 1] == '\n' &&
         crs_before_lf(line->data, line->len) == line->len - 1;
}

/* A writer ends every message with a blank line before the next "From ",
 * adding a line end first to a message that had none. That last line end
 * is the writer's, and is dropped so that the message reads as it was
 * stored: a message that ends on a line of text was cut mid-line, and one
 * that ends on a blank line had one line end fewer. A message whose end
 * no boundary line follows (a multipart that lost its closing line) would
 * otherwise read differently from its file: its last part's header, the
 * writer's blank line taken for the empty line that closes it, would be
 * whole. */
static void
drop_writer_line_end(GByteArray *msg, char eol, bool cr_pairs)
{
  size_t n = msg->len;
  if (eol == '\r') {
    size_t end = cr_pairs ? 2 : 1;
    size_t k = 0;
    while (k < n && msg->data[n - 1 - k] == '\r')
      k++;
    if (k == end && n > k)
      g_byte_array_set_size(msg, (guint)(n - k));
    else if (k >= 2 * end && n > k)
      g_byte_array_set_size(msg, (guint)(n - end));
    return;
  }
  if (n < 2 || msg->data[n - 1] != '\n')
    return;
  size_t text_end = n - 1 - crs_before_lf(msg->data, n);
  if (text_end > 0)
    g_byte_array_set_size(msg, (guint)text_end);
}

/* Collects the next message's bytes into mb->msg; false when there is
 * none left. The separator that ends a message is consumed with it: the
 * next call starts with the new message's first header line. */
static bool
collect(bounce_mbox *mb)
{
  GByteArray *line = g_byte_array_new();
  size_t limit = bn_limit(mb->opts, BOUNCE_LIMIT_MESSAGE_SIZE);
  bool have = false;
  g_byte_array_set_size(mb->msg, 0);
  mb->too_big = false;
  while (next_line(mb, line)) {
    if (is_separator(line) && (mb->prev_blank || (have && is_full_separator(line)))) {
      mb->prev_blank = false;
      if (have)
        break;
      have = true; /* the separator that starts the first message */
      continue;
    }
    have = true;
    mb->prev_blank = is_blank(line);
    if (mb->too_big)
      continue;
    if (mb->msg->len + line->len > limit) {
      mb->too_big = true;
      g_byte_array_set_size(mb->msg, 0);
      continue;
    }
    g_byte_array_append(mb->msg, line->data, line->len);
  }
  g_byte_array_free(line, TRUE);
  drop_writer_line_end(mb->msg, mb->eol, mb->cr_pairs);
  return have;
}

int
bounce_mbox_next_message(bounce_mbox *mbox, const char **data, size_t *len, bounce_error **error)
{
  if (data)
    *data = NULL;
  if (len)
    *len = 0;
  if (mbox == NULL || data == NULL || len == NULL) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "mbox, data or len is NULL");
    return -1;
  }
  if (!collect(mbox)) {
    if (mbox->io_error) {
      mbox->io_error = false;
      bn_error_set(error, BOUNCE_ERROR_IO, "read failed: %s", g_strerror(mbox->saved_errno));
      return -1;
    }
    return 0;
  }
  /* A separator with nothing after it at the end is no message. */
  if (mbox->msg->len == 0 && !mbox->too_big && mbox->eof)
    return 0;
  size_t index = mbox->count++;
  if (mbox->too_big) {
    bn_error_set(error, BOUNCE_ERROR_TOO_LARGE, "message %zu is over the size limit of %zu bytes",
                 index, bn_limit(mbox->opts, BOUNCE_LIMIT_MESSAGE_SIZE));
    return -1;
  }
  *data = mbox->msg->len ? (const char *)mbox->msg->data : "";
  *len = mbox->msg->len;
  return 1;
}

int
bounce_mbox_next(bounce_mbox *mbox, bounce_report **report, bounce_error **error)
{
  if (report)
    *report = NULL;
  if (mbox == NULL || report == NULL) {
    bn_error_set(error, BOUNCE_ERROR_ARGUMENT, "mbox or report is NULL");
    return -1;
  }
  const char *data = NULL;
  size_t len = 0;
  int rc = bounce_mbox_next_message(mbox, &data, &len, error);
  if (rc <= 0)
    return rc;
  *report = bounce_parse_bytes(data, len, mbox->opts, error);
  return *report ? 1 : -1;
}
