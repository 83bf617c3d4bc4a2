/* Fuzz target: one message through bounce_parse_bytes(). The first two
 * bytes choose the options (fuzz.h); the rest is the message. */
#include "fuzz.h"
#include <stdlib.h>

/* Defaults; small limits with original headers; only failures and delays. */
const char *const fuzz_prefixes[] = {"\x07\x00", "\x1f\x55", "\x08\xaa", NULL};
const size_t fuzz_prefix_len = 2;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  bounce_options *opts = fuzz_options(data);
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_bytes((const char *)data + 2, size - 2, opts, &err);
  if (r == NULL) {
    /* A failure always says why. */
    if (err == NULL || bounce_error_get_code(err) == BOUNCE_OK ||
        bounce_error_get_message(err)[0] == '\0')
      abort();
  } else {
    if (err != NULL)
      abort();
    fuzz_touch_report(r);
    if (bounce_report_get_recipient_count(r) >
        bounce_options_get_limit(opts, BOUNCE_LIMIT_RECIPIENTS))
      abort();
  }
  bounce_report_free(r);
  bounce_error_free(err);
  bounce_options_free(opts);
  return 0;
}
