/* McAfee Email Gateway (Email and Web Security appliance): Subject
 * "Delivery Status", the header "X-NAI-Header: Modified by McAfee ...", a
 * text part
 *
 *       --- The following addresses had delivery problems ---
 *
 *   <user@example.jp>   (5.1.1 <user@example.jp>... User unknown)
 *   <user@example.jp>   (User (user@example.jp) unknown.)
 *
 * (the next server's answer without its reply code, or the gateway's own
 * sentence; a long one may go on over the next lines until its ")"), and a
 * delivery-status part that gives only Original-Recipient. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"--- The following addresses had delivery problems ---",
                                     NULL};

/* Sendmail 8.7 and 8.8 headed their list with the same words ("-----
 * The following addresses had delivery problems -----", RFC 3464's own
 * example), but around it write what the gateway never does: where the
 * message came from, and the transcript of the session. */
static const char *const sendmail_marks[] = {
  "The original message was received at", "----- Transcript of session follows -----", NULL,
};

/* The appliance also puts its X-NAI-Header on mail it passes on, a
 * bounce another MTA wrote among them: the header alone does not make
 * the notice its own (extract gives such a message up when it has no
 * list). */
static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 2048);
  if (bn_prose_has_any(v->text->str, head, sendmail_marks))
    return false;
  const char *nai = bn_view_header(v, "X-NAI-Header");
  if (nai && bn_strcasestr(nai, strlen(nai), "McAfee"))
    return true;
  return bn_prose_has_any(v->text->str, head, starts);
}

/* The gateway's own sentence "User (<the recipient>) unknown": its lookup
 * of the recipient found no such user. The bare words "user unknown" do
 * not say when they were said (see reason.c); this sentence does. */
static bool
own_unknown_user(const char *d, const char *addr)
{
  char *own = g_strdup_printf("User (%s) unknown", addr);
  bool is = bn_has_prefix_ci(d, own);
  g_free(own);
  return is;
}

/* The next server's answer opens, after its status if any, with the
 * recipient in angle brackets and "...": the address as the gateway wrote it
 * in RCPT TO, echoed as a Sendmail-style server answers that command
 * ("<a@b>... User not exist"). An answer after DATA names no recipient so;
 * a filter's own "a@b... No such user" has no brackets. Only an entry the
 * delivery-status part gives a reply code for was a server's answer: a
 * Sendmail-style "<a@b>... Host unknown" with none is the gateway's own. */
static bool
echoes_rcpt(const char *d, const char *addr)
{
  const char *sp = strchr(d, ' ');
  if (sp && bn_status_valid(d, (size_t)(sp - d)))
    d = sp + 1;
  if (d[0] != '<')
    return false;
  size_t n = strlen(addr);
  return g_ascii_strncasecmp(d + 1, addr, n) == 0 && strncmp(d + 1 + n, ">...", 4) == 0;
}

static bool
server_answered(const bounce_recipient *rc)
{
  return rc->diagnostic && bn_reply_code_at(rc->diagnostic, strlen(rc->diagnostic)) != 0;
}

/* An entry's "(...)" that a client re-wrapping the notice at 60 columns
 * moved onto the line under its "<user@example.jp>": that line is read as
 * the entry's, and becomes l. */
static const char *
opens_below(bn_lines *it, bn_span *l)
{
  bn_lines peek = *it;
  bn_span next;
  if (!bn_lines_next_trimmed(&peek, &next) || next.len == 0 || next.p[0] != '(')
    return NULL;
  *it = peek;
  *l = next;
  return next.p;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  gssize from = bn_prose_after(v->text, starts);
  if (from < 0)
    return false;
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bn_lines it;
  bn_span l;
  /* the entry whose "(" a wrapped line goes on, and whether its
   * diagnostic is the one this list gave (not the delivery-status part's) */
  bounce_recipient *wrapped = NULL;
  bool ours = false;
  bn_lines_init(&it, v->text->str + from, v->text->len - (size_t)from);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      wrapped = NULL;
      continue;
    }
    const char *gt = memchr(l.p, '>', l.len);
    if (l.p[0] != '<' || gt == NULL) {
      if (wrapped == NULL)
        break; /* the list ends */
      bool closes = l.p[l.len - 1] == ')';
      if (ours)
        bn_prose_add_diagnostic(wrapped, l.p, l.len - closes);
      if (closes)
        wrapped = NULL;
      continue;
    }
    wrapped = NULL;
    bounce_recipient *rc = bn_prose_recipient_at(r, l.p, (size_t)(gt - l.p + 1), add);
    if (rc == NULL)
      continue;
    found = true;
    /* "(5.1.1 <a@b>... User unknown)" */
    const char *open = memchr(gt, '(', l.len - (size_t)(gt - l.p));
    if (open == NULL)
      open = opens_below(&it, &l);
    if (open) {
      const char *close = l.p + l.len;
      if (close[-1] == ')')
        close--;
      else {
        wrapped = rc;
        ours = rc->diagnostic == NULL;
      }
      char *d = bn_squeeze_dup(open + 1, (size_t)(close - open - 1));
      bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
      if (rc->address && own_unknown_user(d, rc->address))
        bn_prose_set_cause(rc, BOUNCE_CAUSE_USERUNKNOWN);
      else if (rc->address && server_answered(rc) && echoes_rcpt(d, rc->address))
        bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, "RCPT", BOUNCE_SOURCE_TEXT);
      g_free(d);
    }
  }
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_mcafee = {"mcafee", claim, extract};
