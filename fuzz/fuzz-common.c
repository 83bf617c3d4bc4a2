/* Helpers the fuzz targets share (fuzz.h). */
#include "fuzz.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>

bounce_options *
fuzz_options(const uint8_t *b)
{
  bounce_options *o = bounce_options_new();
  bounce_options_set_include(o, b[0] & 7u);
  if (b[0] & 8u) {
    unsigned v = b[1];
    bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_DEPTH, 1 + (v & 3u));
    bounce_options_set_limit(o, BOUNCE_LIMIT_MIME_PARTS, 1 + ((v >> 2) & 3u) * 3);
    bounce_options_set_limit(o, BOUNCE_LIMIT_RECIPIENTS, 1 + ((v >> 4) & 1u) * 2);
    bounce_options_set_limit(o, BOUNCE_LIMIT_LINE_LENGTH, (size_t)8 << ((v >> 5) & 1u) * 4);
    bounce_options_set_limit(o, BOUNCE_LIMIT_TEXT_SIZE, (size_t)64 << ((v >> 6) & 3u) * 2);
    bounce_options_set_limit(o, BOUNCE_LIMIT_MESSAGE_SIZE, (size_t)1 << 16);
  }
  if (b[0] & 16u) {
    bounce_options_add_original_header(o, "X-Campaign-Id");
    bounce_options_add_original_header(o, "List-Id");
  }
  return o;
}

/* A string the library hands out must be readable to its end, and UTF-8
 * as bounce.h promises. */
static size_t
touch(const char *s)
{
  if (s && !g_utf8_validate(s, -1, NULL))
    abort();
  return s ? strlen(s) : 0;
}

void
fuzz_touch_report(const bounce_report *r)
{
  volatile size_t sum = 0;
  sum += (size_t)bounce_report_get_kind(r);
  sum += touch(bounce_kind_to_string(bounce_report_get_kind(r)));
  sum += touch(bounce_report_get_mta(r));
  sum += touch(bounce_report_get_reporting_mta(r));
  sum += touch(bounce_report_get_arrival_date(r));
  sum += touch(bounce_report_get_original_message_id(r));
  sum += touch(bounce_report_get_original_from(r));
  sum += touch(bounce_report_get_original_to(r));
  sum += touch(bounce_report_get_original_subject(r));
  sum += touch(bounce_report_get_original_date(r));
  sum += touch(bounce_report_get_original_header(r, "X-Campaign-Id"));
  sum += (size_t)bounce_report_is_truncated(r);
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    sum += touch(bounce_report_get_warning(r, i));
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    sum += touch(bounce_recipient_get_address(rc));
    sum += touch(bounce_recipient_get_original_recipient(rc));
    sum += touch(bounce_recipient_get_action(rc));
    sum += touch(bounce_recipient_get_status(rc));
    sum += touch(bounce_recipient_get_smtp_command(rc));
    sum += touch(bounce_recipient_get_remote_mta(rc));
    sum += touch(bounce_recipient_get_diagnostic(rc));
    sum += touch(bounce_recipient_get_last_attempt_date(rc));
    sum += touch(bounce_recipient_get_will_retry_until(rc));
    sum += touch(bounce_recipient_get_feedback_type(rc));
    sum += touch(bounce_cause_to_string(bounce_recipient_get_cause(rc)));
    sum += touch(bounce_cause_describe(bounce_recipient_get_cause(rc)));
    sum += touch(bounce_status_describe(bounce_recipient_get_status(rc)));
    sum += touch(bounce_reply_code_describe(bounce_recipient_get_reply_code(rc)));
    sum += (size_t)bounce_recipient_is_hard(rc) + (size_t)bounce_recipient_is_permanent(rc);
    for (int f = BOUNCE_FIELD_ADDRESS; f <= BOUNCE_FIELD_DIAGNOSTIC; f++)
      sum += touch(bounce_source_to_string(bounce_recipient_get_source(rc, (bounce_field)f)));
  }
  (void)sum;
}
