/* "Mail System Error - Returned Mail" from "Mail Administrator
 * <Postmaster@...>": the notice of a carrier-grade MTA that ISPs ran
 * (Verizon's and Netvigator's bounces have it, au's EZweb a variant). Its
 * text opens with
 *
 *   This Message was undeliverable due to the following reason:
 *
 * then either the remote server's refusals, one block per recipient,
 *
 *   Each of the following recipients was rejected by a remote mail server.
 *   The reasons given by the server are included to help you determine why
 *   each recipient was rejected.
 *
 *       Recipient: <user@example.org>
 *       Reason:    5.1.1 <user@example.org>... User unknown
 *
 * (the reason may instead be the dialogue: ">>> RCPT TO:<...>" and
 * "<<< 550 ..."), or its own explanation followed by the list,
 *
 *   Your message was not delivered because the destination computer was
 *   not found. ...
 *        Host example.org not found
 *
 *   The following recipients did not receive this message:
 *        <user@example.org>
 *
 *   Please reply to Postmaster@example.net
 *   if you feel this message to be in error.
 *
 * A delivery-status part may follow; its recipients are completed. The
 * servers behind it are often Sendmail (DTI's, EZweb's), whose refusal
 * the reason quotes without command or status, "<user@example.org>...
 * User unknown". */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {"Mail System Error - Returned Mail", NULL};
static const char *const starts[] = {
  "This Message was undeliverable due to the following reason:", NULL,
};
/* Post.Office's list: "The following destination addresses were unknown
 * (please check the addresses and re-mail the message):" and addresses
 * with their type, "SMTP <user@example.org>". */
static const char *const list_heads[] = {
  "did not receive this message:", "re-mail the message):", NULL,
};
static const char *const ends[] = {"Please reply to ", NULL};

/* Its own sentences that name the cause for sure. */
static const struct {
  const char *sentence;
  bounce_cause cause;
} own_causes[] = {
  {"because the destination computer was not found", BOUNCE_CAUSE_HOSTUNKNOWN},
  /* Post.Office's wording of the same: the domain has no DNS records */
  {"the DNS records for the destination computer could not be found", BOUNCE_CAUSE_HOSTUNKNOWN},
  /* the queue lifetime ran out with the host unreachable */
  {"was not reachable within the allowed queue period", BOUNCE_CAUSE_EXPIRED},
};

static bool
claim(const bn_view *v)
{
  return bn_subject_starts(v, subjects) ||
         bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), starts);
}

/* "Recipient: <addr>" blocks; returns how many. */
static size_t
recipient_blocks(bounce_report *r, const char *s, size_t len)
{
  size_t n = 0;
  bounce_recipient *cur = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0 || bn_prose_has_any(l.p, l.len, ends)) {
      cur = NULL;
      continue;
    }
    if (bn_has_prefix_ci(l.p, "Recipient:")) {
      cur = bn_prose_recipient_at(r, l.p + 10, l.len - 10, true);
      if (cur) {
        n++;
        bn_set_str(&cur->diagnostic, NULL);
        bn_rcpt_fill(cur, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      }
      continue;
    }
    if (cur == NULL)
      continue;
    if (bn_has_prefix_ci(l.p, "Reason:")) {
      bn_prose_add_diagnostic(cur, l.p + 7, l.len - 7);
    } else if (bn_has_prefix_ci(l.p, ">>>")) {
      const char *cmd = l.p + 3;
      while (*cmd == ' ')
        cmd++;
      bn_rcpt_set(cur, BOUNCE_FIELD_SMTP_COMMAND,
                  bn_smtp_command_name(cmd, (size_t)(l.p + l.len - cmd)), BOUNCE_SOURCE_TEXT);
    } else if (bn_has_prefix_ci(l.p, "<<<")) {
      bn_prose_add_diagnostic(cur, l.p + 3, l.len - 3);
    } else {
      bn_prose_add_diagnostic(cur, l.p, l.len);
    }
  }
  return n;
}

/* InterMail's notice without a list heading: its explanation, then the
 * addresses it applies to alone on their lines, a group per explanation
 *
 *   The user(s) account is temporarily over quota.
 *
 *   <user@example.org>
 *
 *   Please reply to Postmaster@example.net
 *
 * Read only when the notice from offset from has exactly that shape, up
 * to "Please reply to" or its end: an address alone on a line inside the
 * prose (the postmaster to write to, the sender's own address) is no
 * list, and each group takes its own explanation. With a delivery-status
 * part, whose recipients are the bounce's, the list only completes them.
 * Returns how many recipients it read, or with r NULL would read. */
static size_t
bare_groups(bounce_report *r, const bn_view *v, size_t from, bool add)
{
  enum { NONE, PROSE, ADDRESS } last = NONE;
  bool blank = false;
  const GString *t = v->text;
  gssize copy = bn_original_find_inline(t->str + from, t->len - from);
  size_t n = 0;
  const char *why = NULL, *why_end = NULL;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str + from, copy >= 0 ? (size_t)copy : t->len - from);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      blank = true;
      continue;
    }
    if (bn_prose_has_any(l.p, l.len, ends))
      break;
    char *addr = bn_line_address_only(l.p, l.len);
    if (addr == NULL) {
      if (last == ADDRESS && !blank)
        return 0;
      if (last != PROSE)
        why = l.p;
      why_end = l.p + l.len;
      last = PROSE;
      blank = false;
      continue;
    }
    /* the list is a paragraph of its own under its explanation; the
     * notice's own sender is the one to write to, not a recipient */
    bool bad = last == NONE || (last == PROSE && !blank) ||
               (last == ADDRESS && blank) || g_ascii_strcasecmp(addr, v->from_addr) == 0;
    bounce_recipient *rc = bad || r == NULL ? NULL : bn_prose_recipient_if(r, addr, add);
    g_free(addr);
    if (bad)
      return 0;
    if (rc || r == NULL)
      n++;
    if (rc) {
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      if (rc->diagnostic == NULL)
        bn_prose_add_diagnostic(rc, why, MIN((size_t)(why_end - why), 1024));
    }
    last = ADDRESS;
    blank = false;
  }
  return last == ADDRESS ? n : 0;
}

/* "The following recipients did not receive this message:" and the
 * addresses under it, with the explanation above it as diagnostic. */
static size_t
recipient_list(bounce_report *r, const GString *t, gssize from)
{
  size_t n = 0;
  gssize list = bn_prose_after(t, list_heads);
  gssize head = bn_prose_before(t, list_heads);
  if (list < 0)
    return 0;
  size_t why_at = from >= 0 && from <= head ? (size_t)from : 0;
  size_t why_len = head > 0 && (size_t)head > why_at ? (size_t)head - why_at : 0;
  bn_lines it;
  bn_span l;
  bool seen = false;
  bn_lines_init(&it, t->str + list, t->len - (size_t)list);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      if (seen)
        break;
      continue;
    }
    if (bn_has_prefix_ci(l.p, "SMTP <")) {
      l.p += 5;
      l.len -= 5;
    }
    if (bn_prose_has_any(l.p, l.len, ends) || memchr(l.p, ' ', l.len))
      break;
    bounce_recipient *rc = bn_prose_recipient_at(r, l.p, l.len, true);
    if (rc == NULL)
      break;
    seen = true;
    n++;
    bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
    if (why_len && rc->diagnostic == NULL)
      bn_prose_add_diagnostic(rc, t->str + why_at, MIN(why_len, 1024));
  }
  return n;
}

/* A reason in Sendmail's form for its own words on the recipient,
 * "[NNN] <user@example.org>... User unknown", with no enhanced status and
 * no command: the status Sendmail gives those words, as its own notices
 * read them (sendmail.c). It writes them only for a recipient it refused
 * at RCPT or its local mailer found no user for. */
static void
sendmail_words_status(bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  char found[16];
  if (d == NULL || rc->status || rc->smtp_command || bn_find_status(d, strlen(d), found))
    return;
  bn_transcript tr = {0};
  bn_transcript_read(&tr, d, strlen(d));
  const bn_smtp_step *st = tr.steps && tr.steps->len == 1 ? g_ptr_array_index(tr.steps, 0) : NULL;
  if (st && !st->host_level && st->reply->len == 0 && st->command == NULL &&
      bn_transcript_names(st->address, rc, false)) {
    const char *words = st->verdict->str;
    int code = bn_reply_code_at(words, st->verdict->len);
    if (code)
      words += MIN(st->verdict->len, 4);
    /* Sendmail gives those words with 5xx only (sendmail.c's own_status);
     * a transient code says the words are not a final verdict */
    const char *status = code / 100 == 4 ? NULL : bn_sendmail_words_status(words);
    if (status)
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, status, BOUNCE_SOURCE_TEXT);
  }
  bn_transcript_clear(&tr);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize from = bn_prose_after(t, starts);
  size_t at = from >= 0 ? (size_t)from : 0;
  size_t found = recipient_blocks(r, t->str + at, t->len - at);
  if (found == 0)
    found = recipient_list(r, t, from);
  if (found == 0 && from >= 0 && bare_groups(NULL, v, (size_t)from, false))
    found = bare_groups(r, v, (size_t)from, bn_report_count(r) == 0);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_prose_reply_from_diagnostic(rc);
    sendmail_words_status(rc);
    for (size_t k = 0; rc->diagnostic && k < G_N_ELEMENTS(own_causes); k++)
      if (bn_strcasestr(rc->diagnostic, strlen(rc->diagnostic), own_causes[k].sentence)) {
        rc->cause = own_causes[k].cause;
        rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
      }
  }
  /* nothing of its own read: the delivery-status part said it all */
  return found > 0;
}

const bn_mta bn_mta_mail_system_error = {"mail-system-error", claim, extract};
