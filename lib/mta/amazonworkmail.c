/* Amazon WorkMail: a multipart/mixed from MAILER-DAEMON@...amazonses.com
 * with "X-Mailer: Amazon WorkMail", its delivery-status fields pasted into
 * the text part after "Technical report:":
 *
 *   An error occurred while trying to deliver the mail to the following
 *   recipients:
 *   user@example.jp
 *
 *   Technical report:
 *
 *   Reporting-MTA: dsn; a27-85.smtp-out.us-west-2.amazonses.com
 *
 *   Action: failed
 *   Final-Recipient: rfc822; user@example.jp
 *   Diagnostic-Code: smtp; 550 5.1.1 <user@example.jp>... User Unknown
 *   Status: 5.1.1
 *
 * When it gave up retrying, WorkMail writes its own answer and quotes the
 * last one it got: "554 4.4.7 Message expired: unable to deliver in 840
 * minutes.<421 4.4.2 Connection timed out>"; the quoted codes are the
 * remote server's. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "An error occurred while trying to deliver the mail to the following recipients:", NULL,
};
static const char *const report[] = {"Technical report:", NULL};

static const bn_cause_row causes[] = {
  {"Message expired: unable to deliver in", BOUNCE_CAUSE_EXPIRED},
};

/* Whether the opening line l holds the lead, or holds it with the line
 * under it where an archiver's hard re-wrap broke it ("... to the
 * following" over "recipients: kai@example.org"): one line joined, not
 * asked of bn_line_continues, which takes "recipients:" for a label. */
static bool
opens_on_lead(const bn_view *v, const bn_span *l)
{
  if (bn_prose_has_any(l->p, l->len, starts))
    return true;
  const char *end = v->text->str + v->text->len;
  bn_lines it;
  bn_span m;
  bn_lines_init(&it, l->p + l->len, (size_t)(end - (l->p + l->len)));
  /* the rest of l's own line, then the one under it */
  if (l->len >= strlen(starts[0]) || !bn_lines_next(&it, &m) || !bn_lines_next_trimmed(&it, &m) ||
      m.len == 0)
    return false;
  GString *g = g_string_new_len(l->p, (gssize)l->len);
  g_string_append_c(g, ' ');
  g_string_append_len(g, m.p, (gssize)MIN(m.len, 128));
  bool lead = bn_prose_has_any(g->str, g->len, starts);
  g_string_free(g, TRUE);
  return lead;
}

/* Its X-Mailer, or where a relay dropped that, its lead over the pasted
 * fields: Amazon SES writes the same lead, but never "Technical report:".
 * The lead opens its text; another server returning a forwarded WorkMail
 * notice as plain text opens on its own words. */
static bool
claim(const bn_view *v)
{
  const char *mailer = bn_view_header(v, "X-Mailer");
  if (mailer && bn_has_prefix_ci(mailer, "Amazon WorkMail"))
    return true;
  size_t head = bn_view_own_len(v, 4096);
  bn_span l;
  return bn_view_looks_like_bounce(v) && bn_prose_opening(v, &l) && opens_on_lead(v, &l) &&
         bn_prose_has_any(v->text->str, head, report);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (bn_report_count(r) == 0 && bn_prose_section(v, report, NULL, &sec))
    bn_dsn_read(sec.p, sec.len, r, true);
  if (bn_report_count(r) == 0 && bn_prose_section(v, starts, report, &sec))
    bn_prose_address_lines(r, &sec);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->diagnostic == NULL)
      continue;
    size_t n = strlen(rc->diagnostic);
    int code = 0;
    char status[16];
    if (bn_prose_quoted_answer(rc->diagnostic, n, &code, status)) {
      bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
    }
    if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
      bn_prose_set_cause(rc, bn_cause_table_find(rc->diagnostic, n, causes, G_N_ELEMENTS(causes)));
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_amazonworkmail = {"amazonworkmail", claim, extract};
