/* The headers of the returned original message: the five every report has,
 * and those the caller asked for by name. */
#include "private.h"
#include <string.h>

static const char *const basic_headers[] = {"Message-ID", "From", "To", "Subject", "Date"};

static void
copy_header(bounce_report *r, GMimeMessage *msg, const char *name)
{
  const char *value = g_mime_object_get_header(GMIME_OBJECT(msg), name);
  if (value == NULL)
    return;
  char *v = bn_squeeze_dup(value, strlen(value));
  if (g_ascii_strcasecmp(name, "Message-ID") == 0) {
    /* Without the angle brackets, as GMime's own accessor gives it. */
    size_t n = strlen(v);
    if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
      memmove(v, v + 1, n - 2);
      v[n - 2] = '\0';
    }
  }
  bn_report_set_original(r, name, v);
  g_free(v);
}

void
bn_original_from_message(bounce_report *r, GMimeMessage *msg, const bounce_options *opts)
{
  if (msg == NULL)
    return;
  for (size_t i = 0; i < G_N_ELEMENTS(basic_headers); i++)
    copy_header(r, msg, basic_headers[i]);
  if (opts && opts->headers)
    for (guint i = 0; i < opts->headers->len; i++)
      copy_header(r, msg, g_ptr_array_index(opts->headers, i));
}

void
bn_original_from_text(bounce_report *r, const char *text, size_t len, const bounce_options *opts)
{
  if (text == NULL || len == 0)
    return;
  /* Skip blank lines before the header block. */
  while (len && (*text == '\n' || *text == '\r' || *text == ' ' || *text == '\t')) {
    text++;
    len--;
  }
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer(text, len);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  if (msg) {
    bn_original_from_message(r, msg, opts);
    g_object_unref(msg);
  }
  g_object_unref(parser);
  g_object_unref(stream);
}

/* Header names that start the copy of a returned message, and those that
 * show a block is a message's header and not a report's fields. */
static const char *const copy_starts[] = {"Return-Path:", "Received:", "Message-ID:", "From:",
                                          "Date:", "Subject:", "To:", "DKIM-Signature:",
                                          "MIME-Version:", "X-", NULL};
static const char *const message_headers[] = {"Message-ID:", "Subject:", "From:", "Date:",
                                              "Received:", "Return-Path:", NULL};

static bool
starts_with_any(const bn_span *l, const char *const *names)
{
  for (size_t i = 0; names[i]; i++) {
    size_t n = strlen(names[i]);
    if (l->len >= n && g_ascii_strncasecmp(l->p, names[i], n) == 0)
      return true;
  }
  return false;
}

static bool
is_header_line(const bn_span *l)
{
  bn_span name, value;
  return bn_dsn_field(l, &name, &value) && name.len > 1;
}

gssize
bn_original_find_inline(const char *text, size_t len)
{
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text, len);
  bool prev_blank = true;
  while (bn_lines_next(&it, &l)) {
    bool blank = l.len == 0;
    if (prev_blank && !blank && starts_with_any(&l, copy_starts) && is_header_line(&l)) {
      /* A block of header lines (continuations allowed) with at least two
       * fields a message has, before the first blank line. */
      bn_lines look = it;
      bn_span m = l;
      int fields = 0, message = starts_with_any(&l, message_headers);
      for (;;) {
        if (m.len == 0)
          break;
        if (m.p[0] == ' ' || m.p[0] == '\t') {
          /* folded */
        } else if (is_header_line(&m)) {
          fields++;
          message += starts_with_any(&m, message_headers) && m.p != l.p;
        } else {
          fields = 0;
          break;
        }
        if (!bn_lines_next(&look, &m))
          break;
      }
      if (fields >= 3 && message >= 2)
        return l.p - text;
    }
    prev_blank = blank;
  }
  return -1;
}
