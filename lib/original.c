/* The headers of the returned original message: the five every report has,
 * and those the caller asked for by name. */
#include "private.h"
#include <string.h>

static const char *const basic_headers[] = {"Message-ID", "From", "To", "Subject", "Date"};

static void
copy_header(bounce_report *r, GMimeObject *obj, const char *name)
{
  const char *value = g_mime_object_get_header(obj, name);
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

/* part: obj is a header block read as a part. A GMimeMessage keeps the
 * Content-* headers on its body, not its own: they are left out here too. */
static void
from_object(bounce_report *r, GMimeObject *obj, const bounce_options *opts, bool part)
{
  for (size_t i = 0; i < G_N_ELEMENTS(basic_headers); i++)
    copy_header(r, obj, basic_headers[i]);
  if (opts && opts->headers)
    for (guint i = 0; i < opts->headers->len; i++) {
      const char *name = g_ptr_array_index(opts->headers, i);
      if (!part || g_ascii_strncasecmp(name, "Content-", 8) != 0)
        copy_header(r, obj, name);
    }
}

void
bn_original_from_message(bounce_report *r, GMimeMessage *msg, const bounce_options *opts)
{
  if (msg != NULL)
    from_object(r, GMIME_OBJECT(msg), opts, false);
}

static bool
wanted(const char *name, size_t n, const bounce_options *opts)
{
  for (size_t i = 0; i < G_N_ELEMENTS(basic_headers); i++)
    if (strlen(basic_headers[i]) == n && g_ascii_strncasecmp(name, basic_headers[i], n) == 0)
      return true;
  if (opts && opts->headers)
    for (guint i = 0; i < opts->headers->len; i++) {
      const char *h = g_ptr_array_index(opts->headers, i);
      if (strlen(h) == n && g_ascii_strncasecmp(name, h, n) == 0)
        return true;
    }
  return false;
}

/* The header block without the fields nobody asked for (Received, DKIM
 * and the like, most of a header's bytes): each makes GMime build an
 * object. Only well-formed "Name: value" fields and their folded lines are
 * left out; the first line and any line GMime might read otherwise stay. */
static GString *
wanted_fields(const char *text, size_t len, const bounce_options *opts)
{
  GString *out = g_string_sized_new(len / 4 + 64);
  bn_lines it;
  bn_span l;
  bool keep = true, first = true;
  bn_lines_init(&it, text, len);
  while (bn_lines_next(&it, &l)) {
    if (l.len && (l.p[0] == ' ' || l.p[0] == '\t')) {
      /* folded: goes with its field */
    } else {
      size_t n = 0;
      while (n < l.len && l.p[n] > ' ' && l.p[n] < 127 && l.p[n] != ':')
        n++;
      bool field = n > 0 && n < l.len && l.p[n] == ':';
      keep = first || !field || wanted(l.p, n, opts);
      first = false;
    }
    if (keep) {
      g_string_append_len(out, l.p, (gssize)l.len);
      g_string_append_c(out, '\n');
    }
  }
  g_string_append_c(out, '\n');
  return out;
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
  /* Only the header block is parsed: the body of an inline copy (which may
   * be the whole returned message) has nothing to say about its headers. */
  for (size_t i = 0; i + 1 < len; i++) {
    const char *nl = memchr(text + i, '\n', len - i - 1);
    if (nl == NULL)
      break;
    i = (size_t)(nl - text);
    if (nl[1] == '\n' || (nl[1] == '\r' && i + 2 < len && nl[2] == '\n')) {
      len = i + (nl[1] == '\n' ? 2 : 3);
      break;
    }
  }
  /* Read as a part: the same header values at a third of the cost, without
   * the address lists a GMimeMessage builds from every address header.
   * Only a message takes a leading mbox "From " line. */
  bool mbox = len > 5 && memcmp(text, "From ", 5) == 0;
  GString *fields = mbox ? NULL : wanted_fields(text, len, opts);
  GMimeStream *stream = mbox ? g_mime_stream_mem_new_with_buffer(text, len)
                             : g_mime_stream_mem_new_with_buffer(fields->str, fields->len);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  if (mbox) {
    GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
    if (msg) {
      from_object(r, GMIME_OBJECT(msg), opts, false);
      g_object_unref(msg);
    }
  } else {
    GMimeObject *obj = g_mime_parser_construct_part(parser, NULL);
    if (obj) {
      from_object(r, obj, opts, true);
      g_object_unref(obj);
    }
  }
  g_object_unref(parser);
  g_object_unref(stream);
  if (fields)
    g_string_free(fields, TRUE);
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
