/* Haraka's bounce (outbound.bounce_message, qmail's words with its own
 * name): "failure notice" from MAILER-DAEMON@host,
 *
 *   Hi. This is the Haraka Mailer program at mx.example.net.
 *   I'm afraid I wasn't able to deliver your message to the following addresses.
 *   This is a permanent error; I've given up. Sorry it didn't work out.
 *
 * then, in the template of Haraka 2.x,
 *
 *   Intended Recipients: <user@example.org>, <other@example.org>
 *   Failure Reason: Error: 550 5.1.1 <user@example.org>... User unknown
 *
 * (the reason is a JavaScript Error, "Error: " and its message)
 * (the administrator's template may add "{extended_reason}": one line
 * "<address>: reason" per refused recipient), or, in Haraka 1.x's built-in
 * template, one line "<recipients>: <reason>". Since 2.8 a
 * delivery-status part comes with it; its recipients are completed. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"This is the Haraka Mailer program at", NULL};
static const char *const intro_ends[] = {"This is a permanent error; I've given up.", NULL};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), starts);
}

/* Adds each address of a comma-separated list; their records go to named. */
static size_t
add_list(bounce_report *r, const char *s, size_t len, GPtrArray *named)
{
  size_t n = 0;
  const char *end = s + len;
  while (s < end) {
    const char *comma = memchr(s, ',', (size_t)(end - s));
    const char *stop = comma ? comma : end;
    bounce_recipient *rc = bn_prose_recipient_at(r, s, (size_t)(stop - s), true);
    if (rc) {
      g_ptr_array_add(named, rc);
      n++;
    }
    s = comma ? comma + 1 : end;
  }
  return n;
}

/* Haraka's own words for a reason (outbound/hmail.js). */
static const bn_cause_row own_words[] = {
  /* temp_fail() ran out of retry intervals and bounces with the last
   * transient error in brackets ("Too many failures (Tried all MXs)"); the
   * delivery-status part then turns that error's 4.x.x into a 5.x.x, and
   * for "Tried all MXs" or a failed DNS lookup it is an address status
   * (5.1.2, 5.1.0) that says nothing of the address */
  {"Too many failures (", BOUNCE_CAUSE_EXPIRED},
};

static void
set_reason(bounce_recipient *rc, const char *s, size_t len)
{
  if (rc == NULL || len == 0)
    return;
  bn_set_str(&rc->diagnostic, NULL);
  bn_prose_add_diagnostic(rc, s, len);
  bn_prose_reply_from_diagnostic(rc);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  bounce_cause own = bn_cause_table_find(s, len, own_words, G_N_ELEMENTS(own_words));
  if (own != BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, own);
}

/* The reason after "Failure Reason:" in l, spaces taken off; the reason
 * is a JavaScript Error turned into text, its "Error: " dropped. */
static bn_span
failure_reason(const bn_span *l)
{
  bn_span reason = {l->p + 15, l->len - 15};
  while (reason.len && *reason.p == ' ') {
    reason.p++;
    reason.len--;
  }
  if (reason.len > 7 && strncmp(reason.p, "Error: ", 7) == 0) {
    reason.p += 7;
    reason.len -= 7;
  }
  return reason;
}

/* "<recipient(s)>: reason": per recipient, or Haraka 1.x's one line.
 * Gives each recipient l names the reason; the first such line's
 * recipients go into named. */
static void
read_recipient_line(bounce_report *r, const bn_span *l, GPtrArray *named)
{
  const char *colon = memchr(l->p, ':', l->len);
  if (colon == NULL || memchr(l->p, '@', (size_t)(colon - l->p)) == NULL)
    return;
  GPtrArray *these = g_ptr_array_new();
  add_list(r, l->p, (size_t)(colon - l->p), these);
  for (guint i = 0; i < these->len; i++)
    set_reason(g_ptr_array_index(these, i), colon + 1, (size_t)(l->p + l->len - colon - 1));
  if (named->len == 0)
    for (guint i = 0; i < these->len; i++)
      g_ptr_array_add(named, g_ptr_array_index(these, i));
  g_ptr_array_free(these, TRUE);
}

/* hmail.js's finish_processing_mail bounces the recipients the server
 * refused one by one as "Some recipients failed: <a>, <b>", and only a
 * reply to RCPT puts a recipient there (or LMTP's reply per recipient
 * after the data, as much a verdict on that recipient); a refusal of the
 * whole message bounces with the reply itself. The delivery-status part
 * names no command, so without this a bare "550 No such user here" could
 * not be told from a filter's words after DATA. */
static bool
refused_one_by_one(const bn_span *reason)
{
  static const char mark[] = "Some recipients failed:";
  return reason->p && reason->len >= sizeof mark - 1 &&
         g_ascii_strncasecmp(reason->p, mark, sizeof mark - 1) == 0;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, intro_ends);
  if (from < 0)
    return false;
  GPtrArray *named = g_ptr_array_new(); /* bounce_recipient *, owned by r */
  bn_span reason = {NULL, 0};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, t->len - (size_t)from);
  while (bn_lines_next(&it, &l)) {
    while (l.len && g_ascii_isspace(l.p[l.len - 1]))
      l.len--;
    if (l.len == 0)
      continue;
    if (bn_has_prefix_ci(l.p, "--- Below this line is a copy of the message"))
      break;
    if (bn_has_prefix_ci(l.p, "Intended Recipients:"))
      add_list(r, l.p + 20, l.len - 20, named);
    else if (bn_has_prefix_ci(l.p, "Failure Reason:"))
      reason = failure_reason(&l);
    else {
      /* an archiver's hard re-wrap moved the reply's end to the lines
       * under it ("... <ops@example.org>: Relay access" over "denied") */
      GString *g = g_string_new_len(l.p, (gssize)l.len);
      bn_lines look = it;
      bn_span above = l, more;
      for (int k = 0; k < 3 && bn_lines_next(&look, &more) && bn_line_continues(&above, &more); k++) {
        g_string_append_c(g, ' ');
        g_string_append_len(g, more.p, (gssize)more.len);
        above = more;
        it = look;
      }
      bn_span whole = {g->str, g->len};
      read_recipient_line(r, &whole, named);
      g_string_free(g, TRUE);
    }
  }
  /* The one reason covers every recipient no line of its own explained;
   * with a delivery-status part, its recipients too. */
  for (size_t i = 0; named->len == 0 && i < bn_report_count(r); i++)
    g_ptr_array_add(named, bn_report_rcpt(r, i));
  bool refused = refused_one_by_one(&reason);
  for (guint i = 0; reason.p && i < named->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(named, i);
    if (rc->diagnostic == NULL)
      set_reason(rc, reason.p, reason.len);
    if (refused)
      bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, "RCPT", BOUNCE_SOURCE_TEXT);
  }
  bool found = named->len > 0;
  g_ptr_array_free(named, TRUE);
  return found;
}

const bn_mta bn_mta_haraka = {"haraka", claim, extract};
