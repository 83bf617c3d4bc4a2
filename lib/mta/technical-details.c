/* A gateway's "Delivery status notification" from "Mail Delivery System
 * <Mail.Delivery.System@host>", framed by rules of "=" signs:
 *
 *   This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed permanently:
 *      * user@example.com
 *
 *   Technical details:
 *   SMTP:RCPT host 192.0.2.8: 553 5.3.0 <user@example.com>... No such user here
 *
 * A message it gave up on after its queue lifetime says instead "Delevery
 * [sic] to the following recipients was aborted after 5.0 hour(s):" and
 * gives the last error ("Routing: Could not find a gateway for ..."). The
 * detail line names the SMTP command and the remote host. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {
  "This is an automatically generated Delivery Status Notification.", NULL,
};

static const char *const details[] = {"Technical details:", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) &&
         bn_prose_has_any(v->text->str, head, details);
}

/* "SMTP:RCPT host 192.0.2.8: 553 ...": command, host, reply. */
static void
detail(bounce_recipient *rc, const char *s, size_t len)
{
  const char *text = s;
  if (bn_has_prefix_ci(s, "SMTP:")) {
    const char *cmd = s + 5;
    const char *name = bn_smtp_command_name(cmd, len - 5);
    /* the verb alone, "SMTP:MAIL host ...", which prose would not name */
    if (name == NULL && bn_has_prefix_ci(cmd, "MAIL "))
      name = "MAIL";
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, name, BOUNCE_SOURCE_TEXT);
    const char *host = bn_strcasestr(s, len, " host ");
    const char *colon = host ? memchr(host + 6, ':', (size_t)(s + len - host - 6)) : NULL;
    if (colon) {
      char *h = g_strndup(host + 6, (size_t)(colon - host - 6));
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
      g_free(h);
      text = colon + 1;
    }
  } else {
    const char *colon = memchr(s, ':', len);
    if (colon && colon - s < 24 && !memchr(s, ' ', (size_t)(colon - s)))
      text = colon + 1; /* "Routing: ..." */
  }
  bn_set_str(&rc->diagnostic, NULL);
  bn_prose_add_diagnostic(rc, text, (size_t)(s + len - text));
}

/* Whether the line opens with a detail's label, "SMTP:RCPT host ..." or
 * "Routing: ...", rather than prose or an address ("<user@example.com>:"). */
static bool
labelled(const bn_span *l)
{
  const char *colon = memchr(l->p, ':', l->len);
  if (colon == NULL || colon == l->p || colon - l->p >= 24)
    return false;
  for (const char *p = l->p; p < colon; p++)
    if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
      return false;
  return true;
}

/* Whether the line under a detail (trimmed, at *look) is the rest of its
 * reply a client re-wrapping at 72 or 78 columns moved down ("SMTP:RCPT
 * host 192.0.2.8: 553 5.3.0 <user@example.com>... No" over "such user
 * here", or broken after the "..."): the detail's line was no longer
 * than a client wraps at and ends no sentence, the line goes on with its
 * sentence, and is the paragraph's last (the gateway leaves
 * a blank line under each detail), opens no detail or rule and names no
 * address, so that the next detail or an address stays its own. */
static bool
reply_rest(const bn_span *l, bn_lines look, const bn_span *next)
{
  if (l->len == 0 || l->len > BN_CLIENT_WRAP_MAX)
    return false;
  /* a reply never ends on sendmail's "..." after its address; past a
   * reply's last word only its sentence's rest, not one of its own
   * ("Please contact ...", a help line the gateway may write under it) */
  bool dots = bn_span_ends_address_dots(l);
  if (next->len == 0 || (!dots && !g_ascii_islower(next->p[0])))
    return false;
  if (bn_span_ends_sentence(l))
    return false;
  if (next->p[0] == '=' || labelled(next))
    return false;
  char *addr = bn_find_address(next->p, next->len);
  bool names = addr != NULL;
  g_free(addr);
  if (names)
    return false;
  bn_span after;
  if (!bn_lines_next(&look, &after))
    return true;
  bn_span_trim(&after);
  return after.len == 0 || after.p[0] == '=';
}

/* l with the line under it (next) after a blank, in buf; l may already
 * be buf's text (a detail joined once before). */
static void
join_next(GString *buf, bn_span *l, const bn_span *next)
{
  if (l->p == buf->str) {
    g_string_truncate(buf, l->len);
  } else {
    g_string_assign(buf, "");
    g_string_append_len(buf, l->p, (gssize)l->len);
  }
  g_string_append_c(buf, ' ');
  g_string_append_len(buf, next->p, (gssize)next->len);
  l->p = buf->str;
  l->len = buf->len;
}

/* The detail l (joined so far in buf), with the lines under it that an
 * archiver's hard re-wrap at 72 columns moved down from its reply
 * ("SMTP:RCPT host 192.0.2.8: 553 5.3.0 <user@example.com>... No such"
 * over "user here", over "Please contact ..."): those bn_line_continues
 * takes from the line above, at most three, that open in lower case (the
 * sentence goes on) and no detail of their own. reply_rest wants the
 * paragraph's last line; a help sentence the gateway writes under the
 * detail ends that paragraph, and opens with a capital under a detail of
 * up to 80 columns that the gateway wrote whole. */
static void
read_on_hard_wrap(bn_lines *it, bn_span *l, const bn_span *raw, GString *buf)
{
  bn_span above = *raw, next;
  for (int k = 0; k < 3; k++) {
    bn_lines look = *it;
    if (!bn_lines_next(&look, &next) || !bn_line_continues(&above, &next) || labelled(&next) ||
        g_ascii_isupper(next.p[0]))
      return;
    above = next;
    bn_span_trim(&next);
    join_next(buf, l, &next);
    *it = look;
  }
}

/* The detail line at l, with the line under it when a client re-wrapping
 * at 60 or 72 columns has put the recipient's address there ("SMTP:RCPT
 * host 192.0.2.8: 553 5.3.0" over "<user@example.com>... No such user"):
 * only a line that names a recipient and opens no detail of its own, so
 * that a sentence of help under a detail stays out of it, even one that
 * names another address ("write to abuse@example.com"); then with the
 * rest of its reply the client moved down (reply_rest, read_on_hard_wrap). */
static void
detail_rewrapped(const bounce_report *r, bn_lines *it, bn_span *l, GString *buf)
{
  const bn_span raw = *l;
  bn_span_trim(l);
  char *addr = bn_find_address(l->p, l->len);
  bn_lines look = *it;
  bn_span next;
  if (addr == NULL && labelled(l) && bn_lines_next(&look, &next)) {
    bn_span_trim(&next);
    char *in_next = next.len && !labelled(&next) ? bn_find_address(next.p, next.len) : NULL;
    if (in_next && bn_report_find(r, in_next)) {
      join_next(buf, l, &next);
      *it = look;
    }
    g_free(in_next);
  }
  g_free(addr);
  look = *it;
  if (labelled(l) && bn_lines_next(&look, &next)) {
    bn_span_trim(&next);
    if (reply_rest(l, look, &next)) {
      join_next(buf, l, &next);
      *it = look;
    } else if (l->p == raw.p) {
      read_on_hard_wrap(it, l, &raw, buf);
    }
  }
}

/* A line of the details, trimmed: the recipient it names gets it when
 * named, else the recipients not yet explained do when it names none.
 * False at the closing rule. */
static bool
detail_line(bounce_report *r, bn_span *l, bool named)
{
  bn_span_trim(l);
  if (l->len == 0)
    return true;
  if (l->p[0] == '=')
    return false;
  char *addr = bn_find_address(l->p, l->len);
  bounce_recipient *rc = addr ? bn_report_find(r, addr) : NULL;
  g_free(addr);
  if (rc || named) {
    if (rc && named)
      detail(rc, l->p, l->len);
    return true;
  }
  /* among several recipients only a detail ("SMTP:DATA host ...",
   * "Routing: ..."), not the prose around it ("Please contact ...") */
  if (bn_report_count(r) > 1 && !labelled(l))
    return true;
  for (size_t i = 0; i < bn_report_count(r); i++)
    if (bn_report_rcpt(r, i)->source[BOUNCE_FIELD_DIAGNOSTIC] != BOUNCE_SOURCE_TEXT)
      detail(bn_report_rcpt(r, i), l->p, l->len);
  return true;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, starts);
  gssize tech = bn_prose_after(t, details);
  if (from < 0 || tech < from)
    return false;
  /* with line breaks as blanks: a client re-wrapping the notice breaks
   * the sentence at any of them ("... was" over "aborted after ...") */
  bool aborted = bn_prose_find(t->str + from, (size_t)(tech - from), "was aborted after") != NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, (size_t)(tech - from));
  while (bn_lines_next(&it, &l)) {
    bn_span_unindent(&l);
    if (l.len > 2 && l.p[0] == '*' && l.p[1] == ' ') {
      bounce_recipient *rc = bn_prose_recipient_at(r, l.p + 2, l.len - 2, true);
      if (rc)
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    }
  }
  GString *buf = g_string_new(NULL);
  /* the lines that name a recipient first, so that one naming none (a
   * refused MAIL or DATA, the sender's address, a routing error) is about
   * the recipients no line of their own explains, wherever it stands */
  for (int named = 1; named >= 0; named--) {
    bn_lines_init(&it, t->str + tech, t->len - (size_t)tech);
    while (bn_lines_next(&it, &l)) {
      detail_rewrapped(r, &it, &l, buf);
      if (!detail_line(r, &l, named))
        break;
    }
  }
  g_string_free(buf, TRUE);
  for (size_t i = 0; i < bn_report_count(r) && aborted; i++) {
    /* its own sentence for a message that outlived the queue */
    bounce_recipient *rc = bn_report_rcpt(r, i);
    rc->cause = BOUNCE_CAUSE_EXPIRED;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_technical_details = {"technical-details", claim, extract};
