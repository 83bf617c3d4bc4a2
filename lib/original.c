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
