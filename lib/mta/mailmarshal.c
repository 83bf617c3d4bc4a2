/* MailMarshal (Marshal, later Trustwave SEG): "Undeliverable Mail" with a
 * notice that gives the reason once and the recipients it affected, then
 * DSN-like fields:
 *
 *   Your message:
 *      From:    sender@example.com
 *      Subject: ...
 *
 *   Could not be delivered because of
 *
 *   550 5.1.1 User unknown
 *
 *   The following recipients were affected:
 *       user@example.jp
 *
 *   Additional Information
 *   ======================
 *   Original Sender:    <sender@example.com>
 *   Remote-MTA:         <192.0.2.1>
 *   Reporting-MTA:      <gw.example.com>
 */
#include "mta.h"
#include <string.h>

static const char *const reason_starts[] = {"Could not be delivered because of", NULL};
static const char *const list_starts[] = {"The following recipients were affected", NULL};
static const char *const list_ends[] = {"Additional Information", NULL};
static const char *const summary_leads[] = {"Your message:", NULL};
/* "Your message:" lists the original's From and Subject in the order its
 * template writes them: From first by default, Subject first where an
 * administrator's template puts it there. */
static const bn_summary_label from_first[] = {{"From:", "From", NULL},
                                              {"Subject:", "Subject", NULL}};
static const bn_summary_label subject_first[] = {{"Subject:", "Subject", NULL},
                                                 {"From:", "From", NULL}};
/* one count serves both orders */
G_STATIC_ASSERT(G_N_ELEMENTS(from_first) == G_N_ELEMENTS(subject_first));

static bool
claim(const bn_view *v)
{
  const char *t = v->text->str;
  size_t n = bn_view_own_len(v, 4096);
  return bn_prose_has_any(t, n, reason_starts) && bn_prose_has_any(t, n, list_starts);
}

/* "Remote-MTA:   <192.0.2.1>": the value in angle brackets, or NULL. */
static char *
info_field(const GString *t, gsize from, const char *name)
{
  const char *names[] = {name, NULL};
  gssize at = bn_prose_before_from(t, from, names);
  if (at < 0)
    return NULL;
  const char *p = t->str + at;
  const char *nl = memchr(p, '\n', t->len - (size_t)at);
  size_t n = nl ? (size_t)(nl - p) : t->len - (size_t)at;
  /* from the label on: a client that joined the paragraph put the other
   * fields, "Original Sender: <a@b>" first, on the same line */
  const char *label = bn_strcasestr(p, n, name);
  if (label) {
    n -= (size_t)(label - p);
    p = label;
  }
  const char *lt = memchr(p, '<', n);
  const char *gt = lt ? memchr(lt, '>', n - (size_t)(lt - p)) : NULL;
  return gt && gt > lt + 1 ? g_strndup(lt + 1, (size_t)(gt - lt - 1)) : NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize rs = bn_prose_after(t, reason_starts);
  gssize ls = bn_prose_before(t, list_starts);
  if (rs < 0 || ls < rs)
    return false;
  char *diag = bn_prose_join_reply(t->str + rs, (size_t)(ls - rs));
  gssize start = bn_prose_after_heading(t, 0, list_starts);
  gssize end = bn_prose_before_from(t, (gsize)start, list_ends);
  if (end < 0)
    end = (gssize)t->len;
  char *remote = info_field(t, (gsize)end, "Remote-MTA:");
  char *reporting = info_field(t, (gsize)end, "Reporting-MTA:");
  if (reporting && (r->reporting_mta == NULL || r->reporting_mta[0] == '\0'))
    bn_set_str(&r->reporting_mta, reporting);

  bn_lines it;
  bn_span l;
  /* "Your message:" repeats the original's From and Subject, under it or,
   * where a client joined the paragraph, after it on its line. */
  bool have_original = bn_report_original(r, "From")[0] || bn_report_original(r, "Subject")[0];
  /* from the lead on, where there is one: a "From:" line above it (a
   * banner's, a template's) is not the original's, and the first value
   * read is kept */
  const char *summary = bn_strcasestr(t->str, (size_t)rs, summary_leads[0]);
  const char *from = summary ? summary : t->str;
  bn_lines_init(&it, from, (size_t)(t->str + rs - from));
  while (!have_original && bn_lines_next(&it, &l)) {
    bn_span_trim(&l);
    size_t lead = bn_opens_with_any(l.p, l.p + l.len, summary_leads);
    l.p += lead;
    l.len -= lead;
    bn_span_trim(&l);
    /* joined onto one line, each value ends at the label after it */
    const bn_summary_label *labels =
        bn_has_prefix_ci(l.p, "Subject:") ? subject_first : from_first;
    bn_prose_original_summary(&l, labels, G_N_ELEMENTS(from_first), r);
  }
  GPtrArray *listed = g_ptr_array_new();
  bn_lines_init(&it, t->str + start, (size_t)(end - start));
  while (bn_lines_next(&it, &l)) {
    if (l.len == 0 && listed->len)
      break;
    if (!memchr(l.p, '@', l.len))
      continue;
    bounce_recipient *rc = bn_prose_listed_failure(r, l.p, l.len, remote);
    if (rc)
      g_ptr_array_add(listed, rc);
  }
  bool found = bn_prose_share_listed(r, listed, diag);
  g_free(diag);
  g_free(remote);
  g_free(reporting);
  return found;
}

const bn_mta bn_mta_mailmarshal = {"mailmarshal", claim, extract};
