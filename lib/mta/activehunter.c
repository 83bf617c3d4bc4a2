/* Active!hunter (TransWARE), a mail filter gateway used in Japan: a
 * multipart/report without a delivery-status part, whose notice reads like
 * sendmail's:
 *
 *     ----- The following addresses had permanent fatal errors -----
 *
 *   >>> user@example.jp <user@example.jp>
 *
 *     ----- Transcript of session follows -----
 *   550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
 *
 * It marks its mail with an X-AHMAILID header and "Active!Hunter" in the
 * MIME boundary. */
#include "mta.h"
#include <string.h>

static const char *const list_starts[] = {"had permanent fatal errors", NULL};
static const char *const transcript_starts[] = {"Transcript of session follows", NULL};

static bool
claim(const bn_view *v)
{
  if (bn_view_header(v, "X-AHMAILID"))
    return true;
  const char *ct = bn_view_header(v, "Content-Type");
  return ct && bn_strcasestr(ct, strlen(ct), "Active!Hunter");
}

/* A transcript about several recipients (">>> RCPT To:<a> <<< 550 ...
 * >>> RCPT To:<b> <<< 552 ..."): each takes the reply to its own command,
 * as a Sendmail notice's recipients do (transcript.c); joined says a
 * client ran its lines onto the heading's line. */
static void
apply_own_steps(const char *s, size_t len, bool joined, const GPtrArray *listed)
{
  bn_transcript tr = {0};
  tr.joined = joined;
  bn_transcript_read(&tr, s, len);
  for (guint i = 0; tr.steps && i < listed->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(listed, i);
    const bn_smtp_step *st = bn_transcript_find(&tr, rc, BN_STEP_NAMED);
    if (st && st->address && bn_transcript_names(st->address, rc, false))
      bn_transcript_apply(st, rc);
  }
  bn_transcript_clear(&tr);
}

/* The recipients of a list line after its ">>> ": Active!hunter writes
 * each on a line of its own, so a client that joined them onto one line
 * left " >>> " before each next ("a@b <a@b> >>> c@d <c@d>"). Appends
 * them to listed. */
static void
list_entries(bounce_report *r, const char *s, size_t len, GPtrArray *listed)
{
  const char *end = s + len;
  while (s < end) {
    const char *next = memmem(s, (size_t)(end - s), " >>> ", 5);
    const char *stop = next ? next : end;
    bounce_recipient *rc = bn_prose_listed_failure(r, s, (size_t)(stop - s), NULL);
    if (rc)
      g_ptr_array_add(listed, rc);
    s = next ? next + 5 : end;
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize start = bn_prose_after(t, list_starts);
  if (start < 0)
    return false;
  gssize tr = bn_prose_after_heading(t, (gsize)start, transcript_starts);
  size_t list_end = tr >= 0 ? (size_t)tr : t->len;

  /* The transcript: the lines after its rule, up to a blank line after text. */
  GString *reply = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  size_t tr_end = list_end;
  if (tr >= 0) {
    bn_lines_init(&it, t->str + tr, t->len - (size_t)tr);
    while (bn_lines_next(&it, &l)) {
      tr_end = (size_t)(l.p - t->str) + l.len;
      if (l.len == 0 && reply->len)
        break;
      if (l.len && reply->len)
        g_string_append_c(reply, '\n');
      g_string_append_len(reply, l.p, (gssize)l.len);
    }
  }
  char *diag = bn_prose_join_reply(reply->str, reply->len);
  g_string_free(reply, TRUE);

  GPtrArray *listed = g_ptr_array_new();
  bn_lines_init(&it, t->str + start, list_end - (size_t)start);
  while (bn_lines_next(&it, &l))
    if (l.len >= 5 && strncmp(l.p, ">>> ", 4) == 0)
      list_entries(r, l.p + 4, l.len - 4, listed);
  if (tr >= 0 && listed->len > 1)
    apply_own_steps(t->str + tr, tr_end - (size_t)tr, tr > 0 && t->str[tr - 1] != '\n', listed);
  bool found = bn_prose_share_listed(r, listed, diag);
  g_free(diag);
  return found;
}

const bn_mta bn_mta_activehunter = {"activehunter", claim, extract};
