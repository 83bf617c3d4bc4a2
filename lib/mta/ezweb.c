/* au (KDDI) EZweb mobile mail: "Mail System Error - Returned Mail" from
 * Postmaster@ezweb.ne.jp, ISO-2022-JP, a Japanese notice, then English:
 *
 *   次のあて先へのメッセージはエラーのため送信できませんでした。...
 *
 *   Each of the following recipients was rejected by a remote
 *   mail server.
 *
 *       Recipient: <user@example.com>
 *       >>> RCPT TO:<user@example.com>
 *       <<< 550 <user@example.com>: User unknown
 *
 * or, without a transcript, the reason in a sentence and the address alone
 * on its line ("The user(s) account is disabled." then "<user@ezweb.ne.jp>";
 * the oldest put the address first), or with the server's reply after it
 * ("<user@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)"),
 * where au's sentence still names the cause. ">>>" names the command in flight,
 * "<<<" gives the answer; otherwise the English sentences are the
 * diagnostic. A line of dashes starts the copy of the message.
 *
 * A refusal with no server's answer and no reason ("Each of the following
 * recipients was rejected by a remote mail server." alone) was made inside
 * au, where what refuses a recipient without a word is the recipient's own
 * reception settings (the domain and address filters au's users set): the
 * cause is filtered. */
#include "mta.h"
#include <string.h>

/* au's own notice ("the message to the following address could not be
 * sent because of an error"); the English sentences are shared with other
 * gateways (GroupWise writes "The user(s) account is disabled." too). */
static const char *const notices[] = {
  "次のあて先へのメッセージはエラーのため送信できませんでした", NULL,
};
static const char rule_line[] = "-----------------------------";

static bool
claim(const bn_view *v)
{
  static const char *const subjects[] = {"Mail System Error - Returned Mail", NULL};
  /* au's mail system (Postmaster@), not any of au's subscribers: a
   * subscriber's own mail or auto-reply is no notice. Its newer notices
   * are Postfix's delivery-status reports, which the report's reader
   * and Postfix's recognizer take: this template never carries one. */
  if (g_str_has_suffix(v->from_addr, "@ezweb.ne.jp") && bn_view_from_mailer(v) &&
      v->dsn->len == 0)
    return true;
  /* without its From and Subject (a relay rewrote them): au's notice
   * sentence on the notice's first lines, not in a copy forwarded later,
   * and, as above, no delivery-status report (a gateway's Postfix notice
   * under the same sentence is Postfix's) */
  return (bn_subject_starts(v, subjects) &&
          bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), notices)) ||
         (v->dsn->len == 0 && bn_prose_has_any(v->text->str, bn_view_own_len(v, 256), notices));
}

static bool
is_ascii(const bn_span *l)
{
  for (size_t i = 0; i < l->len; i++)
    if ((unsigned char)l->p[i] >= 0x80)
      return false;
  return true;
}

/* What the section has told so far. */
typedef struct {
  bounce_recipient *rc;  /* the recipient whose transcript is being read */
  GString *prose;        /* the notice's sentences in ASCII */
  GString *native;       /* and in Japanese */
  GPtrArray *answered;   /* recipients of "<addr>: reply" lines */
  /* the recipient of the indented "<<<" reply just read: a client
   * re-wrapping the notice narrower put the reply's end on the lines under
   * it, unindented or with the indent kept */
  bounce_recipient *reply;
  /* that reply's line ended after its code ("<<< 550" over "<a>: User
   * unknown"): the next line is its words even when it opens with the
   * address, unless it opens a recipient of au's own (own_under_bare) */
  bool bare;
} ezweb_scan;

/* Where the ">" of an address opening t ("<user@ezweb.ne.jp>: 550 user
 * unknown (in reply to RCPT TO command)") is, or NULL: an address, not
 * the "<<<" of an answer, then ':'. */
static const char *
answer_address_end(const bn_span *t)
{
  const char *close = t->len > 1 && t->p[0] == '<' && t->p[1] != '<' ? memchr(t->p, '>', t->len) : NULL;
  if (close && close + 1 < t->p + t->len && close[1] == ':' &&
      !memchr(t->p, ' ', (size_t)(close - t->p)))
    return close;
  return NULL;
}

/* Reports the recipient of an answer line t whose address ends at close,
 * with the reply after it. */
static void
read_answer(ezweb_scan *s, bounce_report *r, const bn_span *t, const char *close)
{
  bounce_recipient *rc = bn_prose_recipient_at(r, t->p + 1, (size_t)(close - t->p - 1), true);
  if (rc == NULL)
    return;
  const char *reply = close + 2;
  size_t n = (size_t)(t->p + t->len - reply);
  bn_prose_add_line(rc, reply, n);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_find_smtp_command(reply, n), BOUNCE_SOURCE_TEXT);
  if (s->answered->len < 64)
    g_ptr_array_add(s->answered, rc);
}

/* Where a client that joined each paragraph onto one line put the next
 * of a transcript's lines on this one: au writes "Recipient: <a>", ">>> "
 * and "<<< " each on its own indented line, so a mid-line " >>> " or
 * " <<< " after a "Recipient:" or ">>>" opening starts the next. A reply's
 * own words are not cut (a "<<<" line takes the rest). NULL when none. */
static const char *
joined_cut(const bn_span *t)
{
  if (!bn_has_prefix_ci(t->p, "Recipient:") && !bn_span_label(t, ">>>"))
    return NULL;
  const char *in = bn_strcasestr(t->p + 3, t->len - 3, " >>> ");
  const char *out = bn_strcasestr(t->p + 3, t->len - 3, " <<< ");
  if (in == NULL || (out && out < in))
    in = out;
  return in;
}

/* Whether t opens with one of au's own marks. */
static bool
marked_line(const bn_span *t)
{
  return bn_has_prefix_ci(t->p, "Recipient:") || bn_span_label(t, ">>>") || bn_span_label(t, "<<<");
}

/* Whether t opens a recipient of au's own under a reply that ended after
 * its code: a transcript mark (marked_line), the address alone on its line
 * (read_line's opener) or an answer "<a@ezweb.ne.jp>: 550 ..." with its
 * code. A re-wrapped reply's words under "<<< 550" go on after the
 * address with no code ("<a@ezweb.ne.jp>: User" over "unknown"). */
static bool
own_under_bare(const bn_span *t)
{
  if (marked_line(t) || (t->len > 1 && t->p[0] == '<' && t->p[1] != '<' && t->p[t->len - 1] == '>'))
    return true;
  const char *close = answer_address_end(t);
  if (close == NULL)
    return false;
  const char *w = close + 2;
  const char *end = t->p + t->len;
  while (w < end && *w == ' ')
    w++;
  return bn_reply_code_at(w, (size_t)(end - w)) != 0;
}

/* Whether t, an indented line with its indentation taken off, is one of
 * the transcript's own: au opens each with "Recipient:", ">>>", "<<<" or
 * an address; any other under a reply is the reply's end, re-wrapped. */
static bool
transcript_line(const bn_span *t)
{
  return marked_line(t) || (t->len > 1 && t->p[0] == '<');
}

/* Reads one line t of the section, its indentation taken off. */
static void
read_line(ezweb_scan *s, bounce_report *r, bn_span *t)
{
  const char *close = answer_address_end(t);
  if (close) {
    read_answer(s, r, t, close);
    s->rc = NULL;
  } else if (bn_has_prefix_ci(t->p, "Recipient:") ||
             (t->len > 1 && t->p[0] == '<' && t->p[1] != '<' && t->p[t->len - 1] == '>')) {
    s->rc = bn_prose_recipient_in(r, t->p, t->len);
  } else if (s->rc && bn_span_label(t, ">>>")) {
    /* ">>> RCPT TO:<...>": the command after the mark and its space; a
     * bare ">>>" names none */
    size_t k = MIN(t->len, 4);
    bn_rcpt_fill(s->rc, BOUNCE_FIELD_SMTP_COMMAND, bn_smtp_command_name(t->p + k, t->len - k),
                 BOUNCE_SOURCE_TEXT);
  } else if (s->rc && bn_has_prefix_ci(t->p, "<<<")) {
    bn_prose_add_line(s->rc, t->p + 3, t->len - 3);
  } else {
    GString *to = is_ascii(t) ? s->prose : s->native;
    if (to->len < BN_PROSE_DIAG_MAX) {
      g_string_append_len(to, t->p, (gssize)t->len);
      g_string_append_c(to, ' ');
    }
  }
}

/* Gives every recipient without an answer of its own the notice's
 * sentences as its diagnostic; a rejection the text names no cause for is
 * filtered. */
static void
give_reason(bounce_report *r, const GString *reason)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *x = bn_report_rcpt(r, i);
    if (x->diagnostic == NULL) {
      bn_rcpt_set(x, BOUNCE_FIELD_DIAGNOSTIC, reason->str, BOUNCE_SOURCE_TEXT);
      if (bn_text_cause(reason->str, reason->len) == BOUNCE_CAUSE_UNDEFINED &&
          bn_strcasestr(reason->str, reason->len, "rejected"))
        bn_prose_set_cause(x, BOUNCE_CAUSE_FILTERED);
    }
    bn_rcpt_fill(x, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, NULL, NULL, &sec))
    return false;
  /* the rule ends the section where it stands: a client that joined each
   * paragraph onto one line put it, and the copy under it, after the
   * notice's last sentence */
  const char *rule = bn_prose_find(sec.p, sec.len, rule_line);
  if (rule)
    sec.len = (size_t)(rule - sec.p);
  ezweb_scan s = {NULL, g_string_new(NULL), g_string_new(NULL), g_ptr_array_new(), NULL, false};
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec.p, sec.len);
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  for (;;) {
    bool joined = rest.len > 0;
    if (!bn_lines_resume(&it, &rest, &line, bn_lines_next))
      break;
    bn_span t = line;
    bn_span_unindent(&t);
    /* a joined line's parts stood indented under each other */
    bool indented = joined || t.len < line.len;
    if (bn_span_split(&t, &rest, joined_cut(&t)))
      bn_span_trim(&t);
    if (t.len && s.reply && (!indented || !transcript_line(&t) || (s.bare && !own_under_bare(&t)))) {
      bn_prose_add_line(s.reply, t.p, t.len);
      s.bare = false;
      continue;
    }
    s.reply = NULL;
    s.bare = false;
    if (t.len)
      read_line(&s, r, &t);
    if (s.rc && indented && bn_has_prefix_ci(t.p, "<<<")) {
      s.reply = s.rc;
      s.bare = t.len > 3 && bn_reply_bare_refusal(t.p + 3 + (t.p[3] == ' '), t.len - 3 - (t.p[3] == ' '));
    }
  }
  GString *reason = s.prose->len ? s.prose : s.native;
  bn_squeeze(reason);
  give_reason(r, reason);
  /* au's own sentence above the replies ("The user(s) account is
   * disabled.") says why, whatever word the server's reply uses */
  bounce_cause said = bn_text_cause(reason->str, reason->len);
  for (guint i = 0; said != BOUNCE_CAUSE_UNDEFINED && i < s.answered->len; i++)
    bn_prose_set_cause(g_ptr_array_index(s.answered, i), said);
  g_ptr_array_free(s.answered, TRUE);
  g_string_free(s.prose, TRUE);
  g_string_free(s.native, TRUE);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_ezweb = {"ezweb", claim, extract};
