/* chasquid (internal/queue/dsn.go): "Mail delivery failed: returning
 * message to sender" from "Mail Delivery System <postmaster-dsn@...>",
 * with X-Failed-Recipients, plain text:
 *
 *   Delivery to the following recipient(s) failed permanently:
 *
 *     - user@example.org
 *
 *   ----- Technical details -----
 *
 *   - "user@example.org" (EMAIL) failed permanently with error:
 *       550 5.1.1 <user@example.org>: Recipient address rejected: ...
 *   - "other@example.org" (EMAIL) failed repeatedly and timed out, last error:
 *       ...
 *
 *   ----- Original message -----
 *
 * Each "- "address" (type) failed ..." line opens its recipient's error,
 * the indented lines under it. The courier writes the step before the
 * remote's reply ("MAIL+RCPT 550 ...", "DATA 554 ...", "DATA closing ...")
 * or its own words ("Could not find mail server: ..."). */
#include "mta.h"
#include <string.h>

static const char *const details[] = {"----- Technical details -----", NULL};
static const char *const marks[] = {") failed permanently with error:", ") failed with error:",
                                    ") failed repeatedly and timed out", NULL};
static const char *const original_starts[] = {"----- Original message -----", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 8192);
  return bn_prose_has_any(v->text->str, head, details) &&
         bn_prose_has_any(v->text->str, head, marks);
}

/* The step the courier names before the reply, and its command. */
static const struct {
  const char *lead;
  const char *command;
} steps[] = {
  {"MAIL+RCPT ", NULL}, {"DATA closing ", "DATA"}, {"DATA writing: ", "DATA"}, {"DATA ", "DATA"},
};

static void
split_step(bounce_recipient *rc)
{
  for (size_t k = 0; k < G_N_ELEMENTS(steps); k++) {
    size_t n = strlen(steps[k].lead);
    if (strncmp(rc->diagnostic, steps[k].lead, n) != 0)
      continue;
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, steps[k].command, BOUNCE_SOURCE_TEXT);
    char *reply = g_strdup(rc->diagnostic + n);
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, reply, BOUNCE_SOURCE_TEXT);
    g_free(reply);
    return;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, details);
  gssize orig = bn_prose_before(t, original_starts);
  if (from < 0)
    return false;
  size_t end = orig > from ? (size_t)orig : t->len;
  size_t found = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, end - (size_t)from);
  while (bn_lines_next(&it, &l)) {
    if (l.len > 3 && l.p[0] == '-' && l.p[1] == ' ' && l.p[2] == '"') {
      /* the template quotes the address as it is, so a quoted local part
       * brings quotes of its own: '- ""john doe"@example.org" (EMAIL)' */
      const char *close = bn_strcasestr(l.p + 3, l.len - 3, "\" (");
      cur = close ? bn_prose_recipient_at(r, l.p + 3, (size_t)(close - l.p - 3), true) : NULL;
      if (cur) {
        found++;
        bn_set_str(&cur->diagnostic, NULL);
        bool timed_out = bn_strcasestr(l.p, l.len, "timed out") != NULL;
        bn_rcpt_fill(cur, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
        if (timed_out) {
          /* its own words: it gave up retrying */
          cur->cause = BOUNCE_CAUSE_EXPIRED;
          cur->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
        }
      }
      continue;
    }
    if (cur && l.len && (l.p[0] == ' ' || l.p[0] == '\t'))
      bn_prose_add_diagnostic(cur, l.p, l.len);
    else if (l.len)
      cur = NULL;
  }
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->diagnostic == NULL)
      continue;
    split_step(rc);
    bn_prose_reply_from_diagnostic(rc);
  }
  bn_prose_original(v, r, bn_prose_after(t, original_starts));
  return found > 0;
}

const bn_mta bn_mta_chasquid = {"chasquid", claim, extract};
