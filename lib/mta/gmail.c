/* Gmail's plain-text bounce (2009 to about 2016), from "Mail Delivery
 * Subsystem <mailer-daemon@googlemail.com>", with X-Failed-Recipients:
 *
 *   Delivery to the following recipient failed permanently:
 *        user@example.jp
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server
 *   for the recipient domain example.jp by mx.example.jp. [192.0.2.1].
 *   The error that the other server returned was:
 *   550 5.1.1 <user@example.jp>... User Unknown
 *   ----- Original message -----
 *
 * A warning says "Delivery to the following recipient has been delayed:"
 * and "Technical details of temporary failure:". Older texts end the
 * remote answer with "(state N)", the step of Gmail's SMTP client that
 * failed; a failure to connect is "The recipient server did not accept
 * our requests to connect." with "[host ip]: socket error" lines.
 *
 * The notice is written in the sender's language; the subject and the
 * remote server's answer are not. Such a notice is read by its layout: a
 * line ending in a colon over the indented addresses, the details under
 * the next line that ends in a colon, the answer from its reply code. */
#include "mta.h"
#include "google-senders.h"
#include <stdlib.h>
#include <string.h>

static const char *const heads[] = {"Delivery to the following recipient", NULL};
static const char *const ends[] = {"----- Original message -----",
                                   "----- Message header follows -----",
                                   "Technical details of ", NULL};
static const char *const details[] = {"Technical details of permanent failure:",
                                      "Technical details of temporary failure:", NULL};
static const char *const copy_starts[] = {"----- Original message -----",
                                          "----- Message header follows -----", NULL};

/* What Gmail itself says when it gave up, and what it means. */
static const bn_cause_row causes[] = {
  /* it retried the connection for days: the queue time ran out */
  {"did not accept our requests to connect", BOUNCE_CAUSE_EXPIRED},
  /* the same, in the notices before about 2010: "PERM_FAILURE: Could not
   * initiate SMTP conversation with any hosts: [mx.example.jp (1):
   * Connection refused]", the last attempt's error after it */
  {"could not initiate smtp conversation with any hosts", BOUNCE_CAUSE_EXPIRED},
  /* Gmail's own refusal to send the message on, "Message rejected. See
   * https://support.google.com/mail/answer/69585 for more information.",
   * its help page saying its filters took the message for spam (as in
   * googleworkspace.c's notices) */
  {"support.google.com/mail/answer/69585", BOUNCE_CAUSE_SPAMDETECTED},
  /* a Google Group refusing a post as bulk mail, "Message rejected by
   * Google Groups. Please visit http://mail.google.com/support/bin/
   * answer.py?hl=en&answer=188131 to review our Bulk Email Senders
   * Guidelines.": the page Gmail's own spam refusals cite, so the group's
   * filter took the message for spam; the group itself exists. Read by
   * the group's own words: Gmail's SMTP replies end on the same
   * guidelines ("421-4.7.0 ... unusual rate of unsolicited mail ...
   * temporarily rate limited ... to review our Bulk Email Senders
   * Guidelines."), where the reply's words decide */
  {"message rejected by google groups", BOUNCE_CAUSE_SPAMDETECTED},
};

/* The step of Gmail's SMTP client named by "(state N)": the states count
 * its steps in the order of the dialogue, as the answers written at each
 * show: "Remote server does not support TLS" (6) before the envelope,
 * the sender refused (13, "<sender>... Access denied"), the recipient
 * (14, "User unknown", "Mailbox Full"), then the message itself, refused
 * when sent ("Message rejected", 16) or for its header ("Header error",
 * 18). So every state after the recipient's, up to the last one seen, is
 * the data phase; the states before the envelope name no command. */
static const struct {
  int first, last;
  const char *command;
} states[] = {
  {13, 13, "MAIL"},
  {14, 14, "RCPT"},
  {15, 18, "DATA"},
};

static const char *const senders[] = {BN_GOOGLE_SENDERS, NULL};

/* The layout in any language: the line (at or after s) that ends in a
 * colon and has under it, after blank lines, an indented line holding only
 * an address. Where the list starts (the line after the head's), or NULL. */
static const char *
list_start(const char *s, size_t len)
{
  bn_lines it;
  bn_span l;
  const char *after = NULL; /* the line after a head */
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &l)) {
    bn_span t = l;
    bn_span_trim(&t);
    if (t.len == 0)
      continue;
    /* the copy of the message ("----- Original message -----"), whose
     * header may be folded after its name ("To:" over " user@example.jp") */
    if (bn_has_prefix_ci(t.p, "-----"))
      break;
    if (after && bn_span_indent(&l) > 0) {
      if (bn_line_is_address(t.p, t.len))
        return after;
    }
    after = bn_prose_ends_in_colon(&t) ? l.p + l.len : NULL;
  }
  return NULL;
}

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 2048);
  if (!bn_prose_has_any(v->text->str, head, heads))
    return bn_from_has(v, senders) && list_start(v->text->str, head) != NULL;
  return bn_from_has(v, senders) || bn_prose_has_any(v->text->str, v->text->len, details);
}

/* The head runs to its colon ("... has been delayed:"): when a client
 * that re-wrapped the notice put its last words on a line of their own,
 * the section opens after that line, not with it. */
static void
skip_head_tail(const bn_view *v, bn_span *sec)
{
  const char *text = v->text->str;
  bn_span head = {sec->p, 0};
  if (head.p > text && head.p[-1] == '\n')
    head.p--;
  while (head.p > text && head.p[-1] != '\n')
    head.p--;
  head.len = (size_t)(sec->p - head.p);
  bn_span_trim(&head);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec->p, sec->len);
  if (bn_prose_ends_in_colon(&head) || !bn_lines_next(&it, &l) || l.len == 0 ||
      l.p[0] == ' ' || l.p[0] == '\t' || !bn_prose_ends_in_colon(&l))
    return;
  sec->len -= (size_t)(it.p - sec->p);
  sec->p = it.p;
}

/* The text from the list of addresses to the copy of the message: after
 * the English head, else after the head the layout shows. */
static bool
list_section(const bn_view *v, bn_span *sec)
{
  if (bn_prose_section(v, heads, ends, sec)) {
    skip_head_tail(v, sec);
    return true;
  }
  const char *start = list_start(v->text->str, MIN(v->text->len, 2048));
  if (start == NULL)
    return false;
  sec->p = start;
  sec->len = v->text->len - (size_t)(start - v->text->str);
  gssize copy = bn_original_find_inline(sec->p, sec->len);
  if (copy >= 0)
    sec->len = (size_t)copy;
  return true;
}

static const char *
state_command(const char *s, size_t len)
{
  const char *p = bn_strcasestr(s, len, "(state ");
  if (p == NULL)
    return NULL;
  int n = atoi(p + 7);
  for (size_t i = 0; i < G_N_ELEMENTS(states); i++)
    if (n >= states[i].first && n <= states[i].last)
      return states[i].command;
  return NULL;
}

/* "... by mx.example.jp. [192.0.2.1]." or "[(0) mx.example.jp. [192.0.2.1]:25:
 * socket error]" or "[mx.example.jp 192.0.2.1: socket error]". */
static char *
remote_host(const char *s, size_t len)
{
  const char *p = bn_strcasestr(s, len, "recipient domain ");
  if (p) {
    const char *by = bn_strcasestr(p, len - (size_t)(p - s), " by ");
    if (by)
      return bn_prose_hostname(by + 4, len - (size_t)(by + 4 - s));
  }
  p = memchr(s, '[', len);
  if (p) {
    p++;
    if (len - (size_t)(p - s) > 4 && p[0] == '(') {
      const char *close = memchr(p, ')', len - (size_t)(p - s));
      if (close)
        p = close + 1;
    }
    while (p < s + len && *p == ' ')
      p++;
    return bn_prose_hostname(p, len - (size_t)(p - s));
  }
  return NULL;
}

/* In the sender's language: the first host written before its bracketed
 * address ("... mx.example.jp. [192.0.2.1] ..."). */
static char *
host_before_bracket(const char *s, size_t len)
{
  for (const char *b = memchr(s, '[', len); b != NULL;
       b = memchr(b + 1, '[', len - (size_t)(b + 1 - s))) {
    const char *p = b;
    while (p > s && p[-1] == ' ')
      p--;
    while (p > s && (g_ascii_isalnum(p[-1]) || p[-1] == '.' || p[-1] == '-'))
      p--;
    char *h = bn_prose_host(p, len - (size_t)(p - s));
    bool named = false;
    for (const char *c = h; c && *c && !named; c++)
      named = g_ascii_isalpha(*c);
    if (named && strchr(h, '.'))
      return h;
    g_free(h);
  }
  return NULL;
}

/* The details: under "Technical details of ... failure:", or in the
 * sender's language under the first line after the addresses that ends
 * in a colon, up to the "----- ... -----" line before the copy. english
 * tells which. */
static bool
details_section(const bn_view *v, const bn_span *list, bn_span *out, bool *english)
{
  *english = bn_prose_section(v, details, copy_starts, out);
  if (*english) {
    /* the details a mailer flowed onto the heading's own line
     * ("... permanent failure: Google tried to deliver ...") */
    const char *head = out->p > v->text->str ? out->p - 1 : out->p;
    while (head > v->text->str && head[-1] != '\n')
      head--;
    const char *colon = bn_strcasestr(head, (size_t)(out->p - head), "failure:");
    if (colon && colon + 9 < out->p) {
      out->len += (size_t)(out->p - colon - 8);
      out->p = colon + 8;
    }
    return true;
  }
  const char *from = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, list->p, list->len);
  while (bn_lines_next(&it, &l)) {
    bn_span t = l;
    bn_span_trim(&t);
    if (from == NULL) {
      if (bn_prose_ends_in_colon(&t))
        from = l.p + l.len;
    } else if (bn_has_prefix_ci(t.p, "-----")) {
      out->p = from;
      out->len = (size_t)(t.p - from);
      return true;
    }
  }
  if (from == NULL)
    return false;
  out->p = from;
  out->len = (size_t)(list->p + list->len - from);
  return true;
}

/* The failure's details: after "Technical details of ... failure:" up to
 * the copy of the message. The remote server's own answer, when Gmail
 * quotes it ("The error that the other server returned was:", in the
 * sender's language the text from the reply code on), is the diagnostic. */
static void
read_details(const bn_view *v, const bn_span *list, GString *diag, char **remote)
{
  static const char said_en[] = "the other server returned was:";
  bn_span sec;
  bool english;
  if (!details_section(v, list, &sec, &english))
    return;
  char *all = bn_prose_squeeze_capped(sec.p, sec.len);
  size_t n = strlen(all);
  const char *said = NULL;
  if (english) {
    said = bn_strcasestr(all, n, said_en);
    *remote = remote_host(all, said ? (size_t)(said - all) : n);
    if (said)
      said += strlen(said_en);
  } else {
    said = bn_find_reply(all, n);
    *remote = host_before_bracket(all, said ? (size_t)(said - all) : n);
  }
  if (said) {
    g_string_assign(diag, said);
  } else {
    g_string_assign(diag, all);
    if (*remote == NULL)
      *remote = remote_host(all, n);
  }
  bn_squeeze(diag);
  g_free(all);
}

/* Whether the notice is a delay warning, by its heading or its subject;
 * the subject is not translated. sec is the list section. */
static bool
is_delay_notice(const bn_view *v, const bn_span *sec)
{
  static const char *const delays[] = {"Delivery Status Notification (Delay)", NULL};
  const char *head = bn_prose_find_line(v->text->str, v->text->len, heads[0]);
  return (head && bn_strcasestr(head, (size_t)(sec->p - head), "delayed") != NULL) ||
         bn_subject_starts(v, delays);
}

/* The recipients the section lists, one an indented line, until the next
 * paragraph; without any, those of X-Failed-Recipients. */
static GPtrArray *
listed_recipients(const bn_view *v, bounce_report *r, const bn_span *sec)
{
  GPtrArray *rcpts = g_ptr_array_new();
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec->p, sec->len);
  while (bn_lines_next(&it, &line)) {
    char *addr = line.len ? bn_find_address(line.p, line.len) : NULL;
    if (addr == NULL) {
      if (rcpts->len)
        break;
      continue;
    }
    g_ptr_array_add(rcpts, bn_prose_recipient(r, addr));
    g_free(addr);
  }
  if (rcpts->len == 0 && bn_prose_failed_recipients(v, r) > 0)
    for (size_t i = 0; i < bn_report_count(r); i++)
      g_ptr_array_add(rcpts, bn_report_rcpt(r, i));
  return rcpts;
}

/* What the notice says of every recipient it lists. */
typedef struct {
  GString *diag;
  char *remote;
  const char *command;
  bounce_cause cause;
  bool delayed;
} notice;

/* Fills rc from the notice; a warning is still being retried, unless the
 * server answered. */
static void
fill_recipient(bounce_recipient *rc, const notice *n)
{
  const char *diag = n->diag->str;
  if (rc->diagnostic == NULL && n->diag->len)
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  const char *action = "failed";
  if (n->delayed)
    action = n->cause == BOUNCE_CAUSE_EXPIRED ? "delayed" : bn_prose_warning_action(diag);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
  if (n->delayed)
    bn_prose_warning_class(rc, diag);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, n->command, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, n->remote, BOUNCE_SOURCE_TEXT);
  if (rc->cause == BOUNCE_CAUSE_UNDEFINED)
    bn_prose_set_cause(rc, n->cause);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!list_section(v, &sec))
    return false;
  notice n = {.diag = g_string_new(NULL), .delayed = is_delay_notice(v, &sec)};
  read_details(v, &sec, n.diag, &n.remote);
  n.command = state_command(n.diag->str, n.diag->len);
  n.cause = bn_cause_table_find(n.diag->str, n.diag->len, causes, G_N_ELEMENTS(causes));

  GPtrArray *rcpts = listed_recipients(v, r, &sec);
  for (size_t i = 0; i < rcpts->len; i++)
    if (rcpts->pdata[i])
      fill_recipient(rcpts->pdata[i], &n);
  bool found = rcpts->len > 0;
  g_ptr_array_free(rcpts, TRUE);
  g_string_free(n.diag, TRUE);
  g_free(n.remote);
  return found;
}

const bn_mta bn_mta_gmail = {"gmail", claim, extract};
