/* Errors the caller can read: a code and a sentence. */
#include "private.h"
#include <stdarg.h>

static const char *const error_text[] = {
  [BOUNCE_OK] = "no error",
  [BOUNCE_ERROR_ARGUMENT] = "invalid argument",
  [BOUNCE_ERROR_IO] = "input could not be read",
  [BOUNCE_ERROR_EMPTY] = "input is empty",
  [BOUNCE_ERROR_TOO_LARGE] = "message is larger than the size limit",
  [BOUNCE_ERROR_PARSE] = "input is not a mail message",
  [BOUNCE_ERROR_TOO_DEEP] = "MIME structure is deeper than the depth limit",
};

void
bn_error_set(bounce_error **err, bounce_error_code code, const char *fmt, ...)
{
  if (err == NULL)
    return;
  /* Keep the first error: it is the cause, later ones are consequences. */
  if (*err != NULL)
    return;
  bounce_error *e = g_new0(bounce_error, 1);
  va_list ap;
  va_start(ap, fmt);
  e->code = code;
  e->message = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  *err = e;
}

bounce_error_code
bounce_error_get_code(const bounce_error *err)
{
  return err ? err->code : BOUNCE_OK;
}

const char *
bounce_error_get_message(const bounce_error *err)
{
  return err && err->message ? err->message : "";
}

void
bounce_error_free(bounce_error *err)
{
  if (err == NULL)
    return;
  g_free(err->message);
  g_free(err);
}

const char *
bounce_strerror(bounce_error_code code)
{
  if ((unsigned)code < G_N_ELEMENTS(error_text) && error_text[code])
    return error_text[code];
  return "unknown error";
}
