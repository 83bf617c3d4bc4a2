/* ZMailer (scheduler/msgerror.c): a multipart/report from "The Post
 * Office" whose text part lists each recipient under "FAILED:" (or
 * "DELAYED (still in queue):") with the transport's record of the SMTP
 * dialogue, "<<-" what ZMailer sent and "->>" the reply:
 *
 *   FAILED:
 *     <smtp example.net user@example.net 99>: ...\
 *           <<- RCPT To:<user@example.net>
 *           ->> 550 <user@example.net>... User unknown
 *
 *   Following is a copy of MESSAGE/DELIVERY-STATUS format section below.
 *
 * The delivery-status part gives the records; its Diagnostic-Code
 * ("smtp; 550 (<user@example.net>... User unknown)") lacks the command in
 * flight, which the last "<<-" line under the recipient gives.
 *
 * Where the remote server did not offer enhanced status codes, ZMailer's
 * Status is its own reading of the bare reply code (code_to_status in
 * transports/smtp/smtp.c), with a comment: every 550 becomes "5.1.1 (bad
 * destination mailbox)" and every 554 "5.1.1 (No acceptable recipients
 * given)", whatever the remote said. Such a status is dropped, so that the
 * cause comes from the reply's own words or status, else its code. */
#include "mta.h"
#include <string.h>

static const char *const marks[] = {
  "Following is a copy of MESSAGE/DELIVERY-STATUS format section below", NULL,
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 8192), marks);
}

/* ZMailer's code_to_status rows. Those with a comment are known by it: a
 * remote's own status, taken when it offers ENHANCEDSTATUSCODES, never
 * has one. Those without (comment NULL) look like a remote's bare status,
 * and are ZMailer's only where the reply in the dialogue ("->> 501 Bad
 * address") has no status of its own. Its 571 row ("5.7.1 (Delivery not
 * authorized, message refused)") is kept: 571 is a vendor code with no
 * meaning of its own here (status.c), and x.7.1 is what the servers that
 * send it mean ("571 5.7.1 Unable to relay"), not a narrowing of a broad
 * code as 550 and 554 to x.1.1 are. */
static const struct {
  int code;
  const char *status, *comment;
} mapped[] = {
  {550, "5.1.1", "bad destination mailbox"},
  {551, "5.1.6", "mailbox has moved"},
  {552, "5.2.3", "message length exceeds administrative limit"},
  {553, "5.1.3", "bad destination mailbox address [syntax]"},
  {554, "5.1.1", "No acceptable recipients given"},
  {555, "5.5.4", "invalid parameters"},
  {455, "5.5.4", NULL},
  {500, "5.5.1", NULL},
  {501, "5.5.2", NULL},
  {502, "5.5.1", NULL},
  {503, "5.5.0", NULL},
  {504, "5.5.4", NULL},
};

/* The reply code the diagnostic ("550 (...)") starts with, or 0. */
static int
leading_code(const char *diag)
{
  if (diag == NULL || !g_ascii_isdigit(diag[0]) || !g_ascii_isdigit(diag[1]) ||
      !g_ascii_isdigit(diag[2]) || g_ascii_isdigit(diag[3]))
    return 0;
  return (diag[0] - '0') * 100 + (diag[1] - '0') * 10 + (diag[2] - '0');
}

/* Drops rc's status where it is ZMailer's row for the reply code that
 * diag starts with: a row with a comment when the status has that
 * comment, a row without one when bare is set (the reply had no status). */
static void
drop_mapped_status(bounce_recipient *rc, const char *diag, bool bare)
{
  if (rc == NULL || rc->status == NULL || (rc->status_comment == NULL && !bare))
    return;
  int code = leading_code(diag);
  for (size_t i = 0; i < G_N_ELEMENTS(mapped); i++) {
    if (mapped[i].code != code || strcmp(mapped[i].status, rc->status) != 0)
      continue;
    const char *said = rc->status_comment;
    bool ours = mapped[i].comment ? said && g_ascii_strcasecmp(mapped[i].comment, said) == 0
                                  : bare && said == NULL;
    if (ours) {
      bn_set_str(&rc->status, NULL);
      bn_set_str(&rc->status_comment, NULL);
      return;
    }
  }
}

/* The record an entry line ("  <channel host address uid>: ...") is about. */
static bounce_recipient *
entry_recipient(bounce_report *r, const bn_span *l)
{
  if (l->len < 4 || l->p[0] != ' ' || l->p[1] != ' ' || l->p[2] != '<')
    return NULL;
  const char *end = bn_strcasestr(l->p, l->len, ">: ");
  if (end == NULL)
    return NULL;
  return bn_prose_named_recipient(r, l->p, (size_t)(end - l->p), false);
}

/* The last line of each direction under one recipient's entry. */
typedef struct {
  bn_span sent, reply;
} dialogue;

static void
fill_from(bounce_recipient *rc, const dialogue *d)
{
  if (rc == NULL)
    return;
  if (d->sent.p) {
    /* "<<- ." ends the message text: the reply to it is the DATA verdict */
    const char *name = d->sent.len == 1 && d->sent.p[0] == '.'
                           ? "DATA"
                           : bn_smtp_command_name(d->sent.p, d->sent.len);
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, name, BOUNCE_SOURCE_TEXT);
  }
  /* a record without Diagnostic-Code still has the reply in the dialogue */
  if (d->reply.p) {
    char *reply = bn_squeeze_dup(d->reply.p, d->reply.len);
    char found[16];
    drop_mapped_status(rc, reply, !bn_find_status(reply, strlen(reply), found));
    bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, reply, BOUNCE_SOURCE_TEXT);
    g_free(reply);
  }
}

/* The text after a dialogue mark ("<<- ", "->> ") on line w, else {0}. */
static bn_span
after_mark(const bn_span *w, const char *mark)
{
  bn_span out = {0};
  if (w->len > 4 && strncmp(w->p, mark, 4) == 0) {
    out.p = w->p + 4;
    out.len = w->len - 4;
    while (out.len && g_ascii_isspace(out.p[out.len - 1]))
      out.len--;
  }
  return out;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) == 0)
    return false;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    drop_mapped_status(rc, rc->diagnostic, false);
  }
  const char *end = bn_prose_find_line(v->text->str, v->text->len, marks[0]);
  size_t len = end ? (size_t)(end - v->text->str) : v->text->len;
  bounce_recipient *cur = NULL;
  dialogue d = {{0}, {0}};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, len);
  while (bn_lines_next(&it, &l)) {
    bounce_recipient *next = entry_recipient(r, &l);
    if (next || (l.len && l.p[0] != ' ' && l.p[0] != '\t')) {
      fill_from(cur, &d);
      cur = next;
      d = (dialogue){{0}, {0}};
      continue;
    }
    bn_span w = l;
    bn_span_unindent(&w);
    bn_span sent = after_mark(&w, "<<- "), reply = after_mark(&w, "->> ");
    if (sent.p)
      d.sent = sent;
    if (reply.p)
      d.reply = reply;
  }
  fill_from(cur, &d);
  return true;
}

const bn_mta bn_mta_zmailer = {"zmailer", claim, extract};
