/* Sendmail V5 (and V8 before DSNs): one plain-text message, "Returned mail:
 * <reason>" from "Mail Delivery Subsystem", no report part:
 *
 *      ----- Transcript of session follows -----
 *   While talking to mx.example.org:
 *   >>> RCPT To:<user@example.org>
 *   <<< 550 <user@example.org>... User unknown
 *   550 <user@example.org>... User unknown
 *   550 example.jp (smtp)... 550 Host unknown
 *   554 <user@example.jp>... 550 Host unknown (Authoritative answer from name server)
 *   421 example.com (smtp)... Deferred: Connection timed out during user open with example.com
 *
 *      ----- Unsent message follows -----
 *   <the returned message>
 *
 * Each "<addr>... text" line is a recipient. A "host (mailer)... Deferred"
 * line names only the host: its recipients are those of the unsent message
 * at that domain (Sendmail V5 returns a message it could not send for days
 * with no other word on them). */
#include "mta.h"
#include <string.h>

/* The transcript's heading; when Sendmail could not open its transcript
 * file (errbody(), 5.x to 8.x) it wrote the second instead and no lines,
 * and only the subject it made of the error tells the cause. */
static const char *const headings[] = {
  "----- Transcript of session follows -----", "----- Transcript of session is unavailable -----",
  NULL,
};

/* The first heading of the text's first n bytes, NULL if none; *len: its
 * length. */
static const char *
find_heading(const char *s, size_t n, size_t *len)
{
  for (size_t i = 0; headings[i]; i++) {
    const char *past;
    const char *h = bn_prose_find_heading(s, n, headings[i], &past);
    if (h) {
      *len = (size_t)(past - h);
      return h;
    }
  }
  return NULL;
}

static const char *const original_starts[] = {
  "----- Unsent message follows -----", "----- Original message follows -----",
  "----- Message header follows -----", NULL,
};

/* What Sendmail 8 writes and V5 did not. */
static const char *const v8_marks[] = {
  "The original message was received at", "following addresses had permanent fatal errors",
  "following addresses had transient non-fatal errors", NULL,
};

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  size_t hlen;
  if (!find_heading(v->text->str, head, &hlen))
    return false;
  if (bn_prose_has_any(v->text->str, head, v8_marks))
    return false;
  static const char *const senders[] = {"Mail Delivery Subsystem", "MAILER-DAEMON", NULL};
  static const char *const subjects[] = {"Returned mail:", NULL};
  return bn_from_has(v, senders) || bn_subject_starts(v, subjects);
}

/* Addresses of the unsent message (orig: its To and Cc, read once) not
 * yet reported whose domain is host, or (host NULL) whose local part is
 * local. */
static void
original_recipients(const bounce_report *r, const GPtrArray *orig, const char *host,
                    const char *local, GPtrArray *out)
{
  for (guint i = 0; i < orig->len; i++) {
    const char *addr = g_ptr_array_index(orig, i);
    const char *at = strrchr(addr, '@');
    bool match = at && (host ? g_ascii_strcasecmp(at + 1, host) == 0
                             : strlen(local) == (size_t)(at - addr) &&
                                   g_ascii_strncasecmp(addr, local, strlen(local)) == 0);
    if (match && bn_report_find(r, addr) == NULL)
      g_ptr_array_add(out, g_strdup(addr));
  }
}

/* Sendmail's own verdict on a recipient, before any session with a remote
 * host: its text for a mailer's (or its alias lookup's) EX_NOUSER, "550
 * sato... User unknown", is a missing user here, not a filter's words. */
static void
own_verdict(const bn_smtp_step *st, bounce_recipient *rc)
{
  if (rc && st->session == 0 && st->reply->len == 0 &&
      bn_strcasestr(st->verdict->str, st->verdict->len, "User unknown"))
    bn_prose_set_cause(rc, BOUNCE_CAUSE_USERUNKNOWN);
}

/* A recipient whose verdict said "Deferred" is still queued, whatever
 * the code before it: kept by address for the warning below. */
static void
remember_queued(GPtrArray *queued, const bn_smtp_step *st, const bounce_recipient *rc)
{
  if (st->deferred && rc && rc->address)
    g_ptr_array_add(queued, g_strdup(rc->address));
}

/* Where the transcript after heading h ends: at the unsent message's
 * heading (orig: where bn_prose_after found it), else the text's end. */
static const char *
transcript_end(const GString *t, const char *h, gssize orig)
{
  const char *end = t->str + t->len;
  if (orig > 0) {
    const char *o = bn_prose_find_line(t->str, t->len, "message follows -----");
    if (o == NULL)
      o = bn_prose_find_line(t->str, t->len, "header follows -----");
    if (o && o > h)
      end = o;
  }
  return end;
}

/* Whether st is a recipient's step that did not succeed: it names an
 * address and has a verdict or a reply of 4xx or 5xx. */
static bool
failed_recipient_step(const bn_smtp_step *st)
{
  if (st->host_level || st->address == NULL)
    return false;
  if (st->verdict->len == 0 && (st->reply->len == 0 || st->reply->str[0] < '4'))
    return false;
  return !(bn_transcript_code(st) >= 200 && bn_transcript_code(st) < 400);
}

/* Whether the unsent message's To or Cc names local, unqualified, as one
 * of its entries ("To: tom, ann (Ann Lee)": a local user's mail, whose
 * names Sendmail leaves as they were written). */
static bool
names_bare(const bounce_report *r, const char *local)
{
  static const char *const fields[] = {"To", "Cc"};
  size_t n = strlen(local);
  for (size_t f = 0; f < G_N_ELEMENTS(fields); f++) {
    const char *s = bn_original_addressees(r, fields[f]);
    while (s && *s) {
      s += strspn(s, " \t\r\n");
      size_t len = strcspn(s, ",(");
      size_t k = len;
      while (k && strchr(" \t\r\n", s[k - 1]))
        k--;
      if (k == n && g_ascii_strncasecmp(s, local, n) == 0)
        return true;
      const char *next = strchr(s + len, ',');
      s = next ? next + 1 : NULL;
    }
  }
  return false;
}

/* A local user's verdict ("550 tom... User unknown"): it is the unsent
 * message's recipient of that name. When the unsent message names it
 * unqualified, or names no address at all, the name is at Sendmail's own
 * host, as its delivery-status part would write it (savemail.c:
 * "name@$j"). */
static void
local_user_verdict(const bn_view *v, bounce_report *r, const GPtrArray *unsent,
                   const bn_smtp_step *st, GPtrArray *queued)
{
  GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
  original_recipients(r, unsent, NULL, st->address, found);
  bool bare = found->len == 0 && bn_local_part_valid(st->address, strlen(st->address)) &&
              (unsent->len == 0 || names_bare(r, st->address));
  char *host = bare ? bn_sendmail_host(v) : NULL;
  if (host)
    g_ptr_array_add(found, g_strdup_printf("%s@%s", st->address, host));
  g_free(host);
  if (found->len) {
    bounce_recipient *rc = bn_prose_recipient(r, g_ptr_array_index(found, 0));
    bn_transcript_apply(st, rc);
    own_verdict(st, rc);
    remember_queued(queued, st, rc);
  }
  g_ptr_array_free(found, TRUE);
}

/* The recipients the transcript's verdicts name, by address or by local
 * user. */
static void
address_verdicts(const bn_view *v, bounce_report *r, const bn_transcript *tr,
                 const GPtrArray *unsent, GPtrArray *queued)
{
  for (size_t i = 0; i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    if (!failed_recipient_step(st))
      continue;
    if (strchr(st->address, '@') == NULL) {
      local_user_verdict(v, r, unsent, st, queued);
      continue;
    }
    bounce_recipient *rc = bn_prose_recipient(r, st->address);
    bn_transcript_apply(bn_transcript_find(tr, rc, BN_STEP_NAMED), rc);
    own_verdict(st, rc);
    remember_queued(queued, st, rc);
  }
}

/* A host's verdict of 4xx or 5xx ("421 example.com (smtp)... Deferred")
 * is that of the unsent message's recipients at that domain. */
static void
host_verdicts(bounce_report *r, const bn_transcript *tr, const GPtrArray *unsent,
              GPtrArray *queued)
{
  for (size_t i = 0; i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    if (!st->host_level || st->host == NULL || bn_transcript_code(st) < 400)
      continue;
    GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
    original_recipients(r, unsent, st->host, NULL, found);
    for (size_t k = 0; k < found->len; k++) {
      bounce_recipient *rc = bn_prose_recipient(r, g_ptr_array_index(found, k));
      bn_transcript_apply(st, rc);
      if (st->deferred && bn_transcript_code(st) < 500)
        bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
      remember_queued(queued, st, rc);
    }
    g_ptr_array_free(found, TRUE);
  }
}

/* Whether the subject Sendmail makes of its message says it warns, the
 * message still queued: "Warning: cannot send message for 4 hours", and
 * in 8.6 "Returned mail: warning: cannot send message for 4 hours"
 * (savemail.c prefixes every message). */
static bool
subject_warns(const bn_view *v)
{
  static const char *const subjects[] = {"warning: cannot send message for", NULL};
  return bn_has_prefix_ci(v->subject, "Warning:") || bn_subject_has(v, subjects);
}

/* A warning ("Warning: cannot send message for 4 hours", and in the
 * transcript "Warning: message still undelivered after 4 hours"): the
 * message is still queued for every recipient it names, except one a
 * 5xx verdict in the same transcript failed for good ("550 kuro@...
 * User unknown" in a "Returned mail: User unknown" that also warns).
 * A 5xx that Sendmail deferred ("<<< 552 ... Mailbox full" at RCPT,
 * which RFC 5321 has clients retry; "<<< 554" on connecting, where it
 * tries the next host) leaves the recipient queued. */
static void
mark_still_queued(const bn_view *v, bounce_report *r, const GPtrArray *queued)
{
  static const char *const warnings[] = {"Warning: message still undelivered", NULL};
  if (!subject_warns(v) && !bn_prose_has_any(v->text->str, v->text->len, warnings))
    return;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bool still = rc->reply_code / 100 != 5;
    for (guint k = 0; !still && k < queued->len; k++)
      still = bn_report_find(r, g_ptr_array_index(queued, k)) == rc;
    if (still)
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
  }
}

/* With no recipient found by address or host: a verdict that names no
 * recipient of the message ("554 Too many hops 18 (17 max): from <a> via
 * host, to <b>", said of the whole message by 8.6's recipient.c), or a
 * local file or program ("550 /home/neko/Mail/inbox... Can't create
 * output"), is that of the envelope's one recipient, which this host's own
 * Received field names ("by <host> ... for <neko@example.org>"); without
 * one, of the unsent message's recipient where its To and Cc name one.
 * Where they name several, some are other servers' (a Cc at another domain
 * is not the local file's, nor in this host's envelope). */
static void
message_verdict(const bn_view *v, bounce_report *r, const bn_transcript *tr,
                const GPtrArray *unsent, gssize orig)
{
  if (bn_report_count(r) > 0)
    return;
  for (size_t i = 0; i < tr->steps->len; i++) {
    const bn_smtp_step *st = g_ptr_array_index(tr->steps, i);
    if (st->host_level || st->verdict->len == 0 || bn_transcript_code(st) < 400 ||
        (st->address && st->address[0] != '/' && st->address[0] != '|'))
      continue;
    char *to = bn_sole_recipient(v, r, orig, NULL, unsent);
    if (to)
      bn_transcript_apply(st, bn_prose_recipient(r, to));
    g_free(to);
    return;
  }
}

/* Whether the subject's words (len bytes) name a host that is not the
 * domain of to ("Host unknown (Name server: nosuch.example.org: host not
 * found)" over a copy addressed To a list whose member was there): the
 * error was an address's the copy does not show. */
static bool
names_other_host(const char *words, size_t len, const char *to)
{
  static const char label[] = "Name server: ";
  const char *h = bn_strcasestr(words, len, label);
  const char *at = strrchr(to, '@');
  if (h == NULL || at == NULL)
    return false;
  h += strlen(label);
  size_t n = 0;
  while (h + n < words + len && h[n] != ':' && h[n] != ' ' && h[n] != ')')
    n++;
  return n != strlen(at + 1) || g_ascii_strncasecmp(h, at + 1, n) != 0;
}

/* With no verdict at all (a transcript left empty, as some vendors'
 * builds send it): the subject Sendmail made of its error ("Returned
 * mail: User unknown") is the verdict on the unsent message's one
 * recipient, unless it names another host. */
static void
subject_verdict(const bn_view *v, bounce_report *r, const GPtrArray *unsent, gssize orig)
{
  size_t len = 0;
  const char *words = bn_report_count(r) == 0 ? bn_sendmail_subject_words(v, &len) : NULL;
  char *to = words ? bn_sole_recipient(v, r, orig, NULL, unsent) : NULL;
  if (to && names_other_host(words, len, to)) {
    g_free(to);
    to = NULL;
  }
  if (to == NULL)
    return;
  bounce_recipient *rc = bn_prose_recipient(r, to);
  g_free(to);
  bn_prose_add_diagnostic(rc, words, len);
  if (bn_has_prefix_ci(words, "User unknown"))
    bn_prose_set_cause(rc, BOUNCE_CAUSE_USERUNKNOWN);
}

/* A return receipt (the recipient's mail asked for one with
 * Return-Receipt-To:), sent when the message was delivered: its
 * transcript names no failure, and the delivery was the unsent message's
 * one recipient's. Sendmail sends it as it sends its errors
 * (returntosender() in savemail.c: from MAILER-DAEMON, with the null
 * envelope sender); a person's message that keeps such a subject and
 * quotes the message ("Returned mail: Return receipt" from lena@...) is no
 * receipt, and says nothing of the delivery to her domain. */
static void
receipt_verdict(const bn_view *v, bounce_report *r, const GPtrArray *unsent, gssize orig)
{
  if (bn_report_count(r) > 0 || !bn_sendmail_subject_receipt(v) ||
      !bn_view_sent_by_mail_system(v))
    return;
  char *to = bn_sole_recipient(v, r, orig, NULL, unsent);
  if (to) {
    bn_rcpt_fill(bn_prose_recipient(r, to), BOUNCE_FIELD_ACTION, "delivered", BOUNCE_SOURCE_TEXT);
    g_free(to);
    return;
  }
  /* Several To/Cc and no envelope recipient: Sendmail arranges the receipt
   * when a local mailer took the message (deliver.c, "arrange a return
   * receipt if requested": M_LOCAL/M_LOCALMAILER), so it was delivered to
   * those of them in the domain of the host that sent the receipt. */
  const char *at = v->from_addr ? strrchr(v->from_addr, '@') : NULL;
  for (guint i = 0; at && unsent && i < unsent->len; i++) {
    const char *a = g_ptr_array_index(unsent, i);
    const char *dom = strrchr(a, '@');
    if (dom && bn_host_within(at + 1, dom + 1))
      bn_rcpt_fill(bn_prose_recipient(r, a), BOUNCE_FIELD_ACTION, "delivered", BOUNCE_SOURCE_TEXT);
  }
}

/* A queue run past the queue's lifetime ("Cannot send message for 5
 * days"): Sendmail returns each recipient still deferred (markfailure()
 * in deliver.c), so its cause is the expiry whatever the last attempt
 * said ("Deferred: Connection refused by ..."), and its status the one
 * Sendmail 8.7 gave the same return, 4.4.7. Not in a warning, whose
 * recipients are still queued. */
static void
mark_expired(const bn_view *v, bounce_report *r, const bn_transcript *tr, const GPtrArray *queued)
{
  static const char *const expiry[] = {"Cannot send message for", NULL};
  if (subject_warns(v))
    return;
  /* the transcript's line, or the subject Sendmail made of it */
  if (!tr->timed_out && !bn_subject_has(v, expiry))
    return;
  for (guint k = 0; k < queued->len; k++) {
    bounce_recipient *rc = bn_report_find(r, g_ptr_array_index(queued, k));
    if (rc == NULL)
      continue;
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, "4.4.7", BOUNCE_SOURCE_TEXT);
    bn_prose_set_cause(rc, BOUNCE_CAUSE_EXPIRED);
  }
}

/* Where the unsent message starts: after its heading's line (orig), or
 * on that line after the heading when a client joined the paragraph
 * ("----- Unsent message follows ----- Received: by ..."). */
static gssize
copy_start(const GString *t, gssize orig)
{
  if (orig <= 0)
    return orig;
  const char *end = t->str + orig;
  const char *ls = end;
  if (ls > t->str && ls[-1] == '\n')
    ls--;
  while (ls > t->str && ls[-1] != '\n')
    ls--;
  for (size_t i = 0; original_starts[i]; i++) {
    const char *hit = bn_strcasestr(ls, (size_t)(end - ls), original_starts[i]);
    if (hit == NULL)
      continue;
    const char *p = hit + strlen(original_starts[i]);
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    return p < end && *p != '\r' && *p != '\n' ? p - t->str : orig;
  }
  return orig;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t hlen = 0;
  const char *h = find_heading(t->str, t->len, &hlen);
  if (h == NULL)
    return false;
  gssize orig = bn_prose_after(t, original_starts);
  const char *end = transcript_end(t, h, orig);
  bn_prose_original(v, r, copy_start(t, orig));

  /* the transcript starts on the line after its heading: the heading is
   * no local program's words. Words after it on its line are the
   * transcript's, its paragraph joined onto one line by a client. */
  const char *body = h + hlen;
  while (body < end && (*body == ' ' || *body == '\t'))
    body++;
  if (body < end && (*body == '\r' || *body == '\n')) {
    body = memchr(body, '\n', (size_t)(end - body));
    body = body ? body + 1 : end;
  }
  bn_transcript tr = {.joined = body < end && body[-1] != '\n'};
  bn_transcript_read(&tr, body, (size_t)(end - body));
  GPtrArray *unsent = bn_original_addresses(r); /* its To and Cc */
  /* recipients whose verdict said "Deferred", still queued whatever code */
  GPtrArray *queued = g_ptr_array_new_with_free_func(g_free);
  address_verdicts(v, r, &tr, unsent, queued);
  host_verdicts(r, &tr, unsent, queued);
  message_verdict(v, r, &tr, unsent, orig);
  subject_verdict(v, r, unsent, orig);
  receipt_verdict(v, r, unsent, orig);
  mark_expired(v, r, &tr, queued);
  r->work += bn_transcript_work(&tr);
  bn_transcript_clear(&tr);
  g_ptr_array_free(unsent, TRUE);
  mark_still_queued(v, r, queued);
  g_ptr_array_free(queued, TRUE);
  /* the notice names no reporting host but in the Message-Id Sendmail
   * made from its own name ($j), as 8.x's lists are read (sendmail.c) */
  if (bn_report_count(r) > 0 && (r->reporting_mta == NULL || r->reporting_mta[0] == '\0')) {
    char *host = bn_sendmail_host(v);
    if (host)
      bn_set_str(&r->reporting_mta, host);
    g_free(host);
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_v5sendmail = {"v5sendmail", claim, extract};
