/* qmail (netqmail, IndiMail, qmail with vpopmail): qmail-send's bounce
 *
 *   Hi. This is the qmail-send program at mx.example.com.
 *   I'm afraid I wasn't able to deliver your message to the following addresses.
 *   This is a permanent error; I've given up. Sorry it didn't work out.
 *
 *   <user@example.jp>:
 *   192.0.2.1 does not like recipient.
 *   Remote host said: 550 5.1.1 <user@example.jp>... User Unknown
 *   Giving up on 192.0.2.1.
 *
 *   --- Below this line is a copy of the message.
 *
 * (or "--- Enclosed is a copy of the message." before a message/rfc822
 * part). qmail-remote's first line names the SMTP stage that failed
 * ("Connected to IP but sender was rejected.", "IP does not like
 * recipient.", "IP failed after I sent the message."); some builds put
 * "From: <s> RCPT: <r>" before it. Local deliveries and qmail's own
 * failures write one line, often ending in a status "(#5.1.1)". A bounce
 * that timed out adds "I'm not going to try again; this message has been
 * in the queue too long." (IndiMail's maildirbounce: "This message is too
 * old. Giving up."). Every address in the bounce has failed for good. */
#include "mta.h"
#include <string.h>

/* qmail-send names itself in every language its template was translated
 * to; the English sentences are its own. */
static const char *const sentences[] = {
  "qmail-send",
  "I wasn't able to deliver your message to the following addresses",
  "--- Below this line is a copy of the message",
  NULL,
};

static const char *const list_starts[] = {
  "Sorry it didn't work out.", "deliver your message to the following addresses", "qmail-send",
  NULL,
};

static const char *const list_ends[] = {
  "--- Below this line is", "--- Enclosed is a copy", "--- Enclosed are the original", NULL,
};

/* qmail-remote's words for the stage of the SMTP dialogue that failed. */
static const struct {
  const char *phrase;
  const char *command;
  bool host_before; /* "IP does not like ..." rather than "Connected to IP but ..." */
} stages[] = {
  {" but greeting failed", "CONN", false},
  {" but my name was rejected", "HELO", false},
  {" but sender was rejected", "MAIL", false},
  {" does not like recipient", "RCPT", true},
  {" failed on DATA command", "DATA", true},
  {" failed after I sent the message", "DATA", true},
};

/* qmail's own messages (and vpopmail's and qmail-ldap's), never a remote
 * server's reply. */
static const bn_mta_fact facts[] = {
  {"this message has been in the queue too long", BOUNCE_CAUSE_EXPIRED, NULL, true},
  /* IndiMail's maildirbounce, for a message it kept past its time-out
   * after the error above the sentence (maildirbounce.c, flagtimeout) */
  {"This message is too old. Giving up", BOUNCE_CAUSE_EXPIRED, NULL, true},
  {"no mailbox here by that name", BOUNCE_CAUSE_USERUNKNOWN, NULL, false},
  {"couldn't find any host named", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  {"couldn't find any host by that name", BOUNCE_CAUSE_HOSTUNKNOWN, NULL, false},
  {"couldn't find a mail exchanger or IP address", BOUNCE_CAUSE_NOTACCEPT, NULL, false},
  {"wasn't able to establish an SMTP connection", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  {"account is locked email bounced", BOUNCE_CAUSE_SUSPEND, NULL, false},
  {"user is over quota", BOUNCE_CAUSE_MAILBOXFULL, NULL, false},
  /* vdelivermail: a Delivered-To line of its own already in the message */
  {"mail is looping", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* qmail-remote's TLS patch (netqmail, notqmail, IndiMail): the handshake
   * after STARTTLS failed ("TLS connect failed: timed out; connecting to
   * IP."), or the server's certificate failed the check a tlshosts/ file
   * asks for ("TLS unable to verify server with .../tlshosts/x.pem:
   * certificate has expired; connected to IP.", "TLS unable to verify
   * server x: no certificate provided; ..."): TLS, not the time-out the
   * words "timed out" and "expired" would say */
  {"TLS connect failed", BOUNCE_CAUSE_FAILEDSTARTTLS, NULL, false},
  {"TLS unable to verify server", BOUNCE_CAUSE_FAILEDSTARTTLS, NULL, false},
  /* vpopmail's vqmaillocal, for a forward back to where the message has
   * been ("message is looping user@example.com"); qmail-ldap's
   * qmail-remote, for a message that went round its cluster: "Sorry.
   * Message is looping within cluster, giving up. (#5.4.6)" -- a loop,
   * not a queue that gave up */
  {"message is looping", BOUNCE_CAUSE_NETWORKERROR, NULL, false},
  /* vdelivermail: "Auto creation of maildir failed. (#5.9.8)" */
  {"creation of maildir failed", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  /* vdelivermail's other own failures (vpopmail's vdelivermail.c): the
   * maildir file it could not write ("can not open new email file
   * errno=13 file=...", "write failed errno = 28", "failed to write
   * delivered to line errno=..."), qmail-local's environment missing
   * ("vdelivermail: no EXT environment varilable", its spelling) */
  {"can not open new email file", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"write failed errno", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"failed to write delivered to line", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"environment varilable", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  /* qmail-ldap's account status "bounce": "Mailaddress is administrativley
   * disabled. (LDAP-ERR #220)" in its early releases, "... administratively
   * disabled. (#5.2.1)" later */
  {"mailaddress is administrativ", BOUNCE_CAUSE_SUSPEND, "5.2.1", false},
  /* qmail-ldap's qmail-lspawn, for an address it cannot look up:
   * "Receipient email address is not a valid email address. (LDAP-ERR
   * #200)" (its spelling) */
  {"email address is not a valid email address", BOUNCE_CAUSE_USERUNKNOWN, NULL, false},
  /* qmail-ldap's qmail-local over the mailbox's quota: "The users
   * mailfolder is over the allowed quota (size)." ("mailbox" for mbox) */
  {"is over the allowed quota", BOUNCE_CAUSE_MAILBOXFULL, NULL, false},
  /* qmail-ldap's other own failures, each numbered "(LDAP-ERR #N)": a bad
   * attribute of the recipient's directory entry ("LDAP attribute
   * qmailUser contains illegal characters. (LDAP-ERR #210)"), a bad
   * control file, the LDAP server or the cluster forwarder failing, "Error:
   * No valid delivery mode selected. (LDAP-ERR #2.0.3)"; one temporary
   * message spells it "LDAP_ERR" */
  {"(LDAP-ERR #", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  {"(LDAP_ERR #", BOUNCE_CAUSE_SYSTEMERROR, NULL, false},
  /* ezmlm-reject, the list's filter run by qmail-local before a post goes
   * out (ezmlm-idx, errtxt.h): the post's form refused -- no Subject
   * ("Sorry, I don't accept message with empty Subject (#5.7.0)"), a MIME
   * type the list refuses ("Sorry, I don't accept messages of MIME
   * Content-Type 'text/html' (#5.2.3)", "Sorry, a message part has an
   * unacceptable MIME Content-Type: x (#5.2.3)"; the size's status, not an
   * over-size message) -- or the list's rules: the list not named in To:
   * or Cc: ("List address must be in To: or Cc: (#5.7.0)"), a command
   * sent to the list itself, a post under its minimum size. None is the
   * authentication its 5.7.0 would say. Its maximum size ("... larger
   * than 40000 bytes (#5.2.3)") is left to the status: a limit. */
  {"I don't accept message with empty Subject", BOUNCE_CAUSE_CONTENTERROR, NULL, false},
  {"I don't accept messages of MIME Content-Type", BOUNCE_CAUSE_CONTENTERROR, NULL, false},
  {"message part has an unacceptable MIME Content-Type", BOUNCE_CAUSE_CONTENTERROR, NULL, false},
  {"List address must be in To: or Cc:", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  {"I don't accept commands in the subject line", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  /* ezmlm-reject -b, a body starting "subscribe" (its spelling) */
  {"it looks like an adminstrative request", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  {"I don't accept messages shorter than", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  /* a list's refusal of its sender (ezmlm-idx): ezmlm-store on a list
   * only its moderators post to ("I'm sorry, you are not allowed to post
   * messages to this list (#5.7.2)", errtxt.h ERR_NO_POST), and the lines
   * ezmlmrc writes into the list's editor after ezmlm-issubn, for a
   * sender who is not a subscriber ("Sorry, only subscribers may post.
   * If you are a subscriber, ... (#5.7.2)") or is in its deny list
   * ("Sorry, I've been told to reject your posts. Contact ... (#5.7.2)").
   * The sender was refused, as by the other list managers; the 5.7.2 is
   * no security failure */
  {"you are not allowed to post messages to this list", BOUNCE_CAUSE_REJECTED, NULL, false},
  {"only subscribers may post", BOUNCE_CAUSE_REJECTED, NULL, false},
  {"I've been told to reject your posts", BOUNCE_CAUSE_REJECTED, NULL, false},
  /* ezmlm-gate, when a program the list runs to check a post exits with
   * a code that is neither "post", "moderate" nor "try later": "Sorry,
   * I've been told to reject this message (#5.7.0)" (errtxt.h ERR_REJECT).
   * The list's rules refused this message, not its sender (the "your
   * posts" row above); no authentication, whatever its 5.7.0 says */
  {"I've been told to reject this message", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  /* ezmlm-send on a sublist, which takes posts from its parent list
   * alone: a post from anyone else is its sender refused ("this message
   * is not from my parent list (#5.7.2)", ERR_NOT_PARENT); one without
   * the parent's Mailing-List header ("sublist messages must have a
   * Mailing-List header (#5.7.2)", ERR_SUBLIST), or a post to a main list
   * that already carries another list's ("message already has a
   * Mailing-List header (maybe I should be a sublist) (#5.7.2)",
   * ERR_MAILING_LIST), breaks the list's rules for its headers, as "List
   * address must be in To: or Cc:" above */
  {"this message is not from my parent list", BOUNCE_CAUSE_REJECTED, NULL, false},
  {"sublist messages must have a Mailing-List header", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
  {"message already has a Mailing-List header", BOUNCE_CAUSE_POLICYVIOLATION, NULL, false},
};

/* Lines qmail adds after a remote server's reply. */
static const char *const trailers[] = {
  "Giving up on ", "I'm not going to try again", "This message is too old", NULL,
};

/* The sentences that say the queue gave up, after the last error. */
static const char *const timeouts[] = {
  "I'm not going to try again", "This message is too old", NULL,
};

/* qmail-send's notice by its shape, whatever language its sentences were
 * translated to (the Polish "Bardzo nam przykro jednakze nie udalo sie
 * wyslac maila pod wskazane adresy." of kei.pl's help page "Wiadomosc
 * zwrotna - Mailer Daemon", over a MIME patch's "--- Enclosed is a copy of
 * the message."): a record opened by "<user@example.jp>:" alone on its
 * line, its words on the next, and later the line of dashes qmail-send
 * puts before the copy ("--- " and its words). */
static bool
record_shape(const char *t, size_t len)
{
  bn_lines it;
  bn_span l;
  int state = 0; /* 0: no record; 1: just after "<addr>:"; 2: a record with words */
  bn_lines_init(&it, t, len);
  while (bn_lines_next(&it, &l)) {
    bn_span tl = l;
    bn_span_untrail(&tl);
    bool head = tl.len > 4 && tl.p[0] == '<' && tl.p[tl.len - 2] == '>' &&
                tl.p[tl.len - 1] == ':' && memchr(tl.p, '@', tl.len) && !memchr(tl.p, ' ', tl.len);
    if (head)
      state = 1;
    else if (state == 1)
      state = tl.len ? 2 : 0;
    else if (state == 2 && tl.len > 4 && strncmp(tl.p, "--- ", 4) == 0)
      return true;
  }
  return false;
}

static bool
claim(const bn_view *v)
{
  size_t len = bn_view_own_len(v, 4096);
  /* the shape alone is qmail's only in mail a mail system sent: a person
   * or a ticket system lists addresses with a note under each too */
  return bn_prose_has_any(v->text->str, len, sentences) ||
         (bn_view_looks_like_bounce(v) && record_shape(v->text->str, len));
}

static bool
is_trailer(const bn_span *l)
{
  for (size_t i = 0; trailers[i]; i++)
    if (l->len >= strlen(trailers[i]) && bn_has_prefix_ci(l->p, trailers[i]))
      return true;
  return false;
}

void
bn_qmail_stage(bounce_recipient *rc, const char *s, size_t len)
{
  /* the phrases are looked for with line breaks as blanks: a client that
   * re-wrapped the notice breaks its lines at any of their blanks ("...
   * 192.0.2.4 does not like" over "recipient."); same offsets as s */
  char *flat = g_malloc(len + 1);
  for (size_t i = 0; i < len; i++)
    flat[i] = s[i] == '\n' ? ' ' : s[i];
  flat[len] = '\0';
  for (size_t i = 0; i < G_N_ELEMENTS(stages); i++) {
    const char *found = bn_strcasestr(flat, len, stages[i].phrase);
    if (found == NULL)
      continue;
    const char *hit = s + (found - flat);
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, stages[i].command, BOUNCE_SOURCE_TEXT);
    const char *h = NULL;
    size_t n = 0;
    if (stages[i].host_before) {
      const char *e = hit;
      h = e;
      while (h > s && h[-1] != ' ' && h[-1] != '\n')
        h--;
      n = (size_t)(e - h);
    } else {
      const char *c = bn_strcasestr(flat, (size_t)(found - flat), "Connected to ");
      if (c) {
        h = s + (c - flat) + 13;
        n = (size_t)(hit - h);
      }
    }
    if (h && n && n < 256) {
      char *host = g_strndup(h, n);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
    }
    break;
  }
  g_free(flat);
}

/* qmail's own words for a failure without a remote's reply. A delivery
 * that failed for the moment until the queue gave up keeps its last error
 * before the time-out sentence ("maildrop: maildir over quota.\nI'm not
 * going to try again; ..."): a state of the mailbox those words give is
 * the reason, as a remote's reply is. Hosts that could not be reached
 * until then ("Sorry, I wasn't able to establish an SMTP connection.
 * (#4.4.1)"), or words without a cause, leave it expired; a name lookup
 * that kept failing for the moment (qmail-remote's temp_dnscanon, "CNAME
 * lookup failed temporarily. (#4.4.3)", and temp_dns, "Sorry, I couldn't
 * find any host by that name. (#4.1.2)") is the network's, as the give-up
 * rule reads every MTA's (bn_outlived_cause). */
static bool
outlived(bounce_cause c)
{
  return c == BOUNCE_CAUSE_UNDEFINED || c == BOUNCE_CAUSE_EXPIRED ||
         c == BOUNCE_CAUSE_NETWORKERROR || c == BOUNCE_CAUSE_HOSTUNKNOWN ||
         c == BOUNCE_CAUSE_NOTACCEPT;
}

/* The delivery programs a .qmail file pipes the message to, which name
 * themselves before each error they print and qmail-local returns as the
 * address's words: maildrop ("maildrop: Unable to create a dot-lock.",
 * courier-maildrop), procmail, qmail's own preline ("preline: fatal:
 * unable to run maildrop: ..."). Words with no cause of their own are the
 * program's failure, not a bounce that says too little to decide. */
static const char *const programs[] = {"maildrop: ", "procmail: ", "preline: ", NULL};

static bool
program_failed(const char *diag)
{
  size_t len = strlen(diag);
  for (size_t i = 0; programs[i]; i++)
    if (bn_has_prefix_ci(diag, programs[i]))
      return bn_text_cause(diag, len) == BOUNCE_CAUSE_UNDEFINED;
  return false;
}

static void
own_words(bounce_recipient *rc, const char *diag)
{
  if (program_failed(diag)) {
    rc->cause = BOUNCE_CAUSE_MAILERERROR;
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    return;
  }
  size_t len = strlen(diag);
  const bn_mta_fact *f = bn_prose_fact(facts, G_N_ELEMENTS(facts), diag, len);
  if (f && f->expiry) {
    size_t before = len;
    for (size_t i = 0; timeouts[i]; i++) {
      const char *t = bn_strcasestr(diag, before, timeouts[i]);
      if (t)
        before = (size_t)(t - diag);
    }
    const bn_mta_fact *own = bn_prose_fact(facts, G_N_ELEMENTS(facts), diag, before);
    bounce_cause c = own ? own->cause : bn_text_cause(diag, before);
    c = bn_outlived_cause(outlived(c) ? BOUNCE_CAUSE_UNDEFINED : c, diag, before);
    if (c != BOUNCE_CAUSE_EXPIRED) {
      rc->cause = c;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
      return;
    }
  }
  bn_prose_apply_fact(rc, f);
}

/* Translated qmail-remote messages keep "Remote host said:" and add the
 * translation after a slash: "Remote host said: / Zdalny host
 * odpowiedzial: 550 No Such User Here" (Polish, quoted by kei.pl's help
 * page "Wiadomość zwrotna - Mailer Daemon"). The reply starts after it. */
static const char *const said_translations[] = {
  "/ Zdalny host odpowiedzial:",
  NULL,
};

/* Where the remote host's reply starts in p[0..len), p just past
 * "Remote host said:". */
static const char *
reply_start(const char *p, size_t len)
{
  const char *end = p + len;
  const char *q = p;
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  for (size_t i = 0; said_translations[i]; i++) {
    size_t n = strlen(said_translations[i]);
    if ((size_t)(end - q) >= n && g_ascii_strncasecmp(q, said_translations[i], n) == 0)
      return q + n;
  }
  return p;
}

/* The length of the line up to a trailer it goes on with, as a client
 * that joins each paragraph onto one line leaves the reply ("... User
 * Unknown Giving up on 192.0.2.153."). In qmail's own case only: a reply
 * may say "giving up on" in its own words ("Mailbox full, giving up on
 * this recipient"). */
static size_t
before_trailer(const bn_span *l)
{
  size_t len = l->len;
  for (size_t i = 0; trailers[i]; i++) {
    const char *hit = g_strstr_len(l->p, (gssize)len, trailers[i]);
    if (hit && hit > l->p && hit[-1] == ' ')
      len = (size_t)(hit - 1 - l->p);
  }
  return len;
}

/* The length of "<user@example.jp>:" when the line, after a blank one,
 * opens with it and goes on with the paragraph's words, as a client that
 * joins each paragraph onto one line leaves it; else 0. */
static size_t
inline_head(const bn_span *l)
{
  if (l->len < 6 || l->p[0] != '<')
    return 0;
  const char *gt = memchr(l->p, '>', l->len);
  if (gt == NULL || (size_t)(gt - l->p) + 2 >= l->len || gt[1] != ':' || gt[2] != ' ' ||
      memchr(l->p, ' ', (size_t)(gt - l->p)) || !memchr(l->p, '@', (size_t)(gt - l->p)))
    return 0;
  return (size_t)(gt + 2 - l->p);
}

/* Where the list starts when a client that joins each paragraph onto one
 * line found no blank line between qmail's opening sentences and the
 * first "<user@example.jp>:" and put both on one line: at that address,
 * after a sentence's end, on the line before start; else start. */
static gssize
joined_list_start(const GString *t, gssize start)
{
  if (start <= 0)
    return start;
  const char *end = t->str + start - 1; /* the line's '\n' */
  const char *p = end;
  while (p > t->str && p[-1] != '\n')
    p--;
  for (const char *lt = p; (lt = memchr(lt, '<', (size_t)(end - lt))) != NULL; lt++) {
    bn_span l = {lt, (size_t)(end - lt)};
    while (l.len && (l.p[l.len - 1] == ' ' || l.p[l.len - 1] == '\r'))
      l.len--;
    if (lt - p >= 2 && lt[-1] == ' ' && lt[-2] == '.' && inline_head(&l))
      return lt - t->str;
  }
  return start;
}

/* One "<user@example.jp>:" paragraph. */
static size_t
paragraph(bounce_report *r, const bn_span *head, const char *body, size_t len)
{
  const char *gt = memchr(head->p, '>', head->len);
  if (gt == NULL)
    return 0;
  bounce_recipient *rc = bn_prose_recipient_at(r, head->p + 1, (size_t)(gt - head->p - 1), true);
  if (rc == NULL)
    return 0;
  const char *said = bn_strcasestr(body, len, "Remote host said:");
  GString *text = g_string_new(NULL);
  bn_lines it;
  bn_span l;
  const char *reply = said ? reply_start(said + 17, len - (size_t)(said + 17 - body)) : body;
  bn_lines_init(&it, reply, len - (size_t)(reply - body));
  while (bn_lines_next(&it, &l)) {
    /* qmail writes its trailers after the whole reply: the lines after
     * one are its rest, when a client re-wrapped it ("... this message
     * has" over "been in the queue too long."), or the next trailer */
    if (said && is_trailer(&l))
      break;
    if (said)
      l.len = before_trailer(&l);
    if (text->len)
      g_string_append_c(text, '\n');
    g_string_append_len(text, l.p, (gssize)l.len);
  }
  char *diag = said ? bn_prose_join_reply(text->str, text->len)
                    : bn_squeeze_dup(text->str, text->len);
  g_string_free(text, TRUE);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
  bn_qmail_stage(rc, body, said ? (size_t)(said - body) : len);
  bn_prose_set_action(rc, "failed");
  /* a remote's transient reply before the sentence of a queue that gave
   * up is read by the give-up rule (bn_classify) */
  for (size_t i = 0; said && timeouts[i]; i++)
    if (bn_strcasestr(said, len - (size_t)(said - body), timeouts[i]))
      rc->outlived = true;
  if (!said)
    own_words(rc, diag);
  g_free(diag);
  return 1;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize start = bn_prose_after(t, list_starts);
  if (start < 0)
    start = 0;
  start = joined_list_start(t, start);
  gssize end = bn_prose_before_from(t, (gsize)start, list_ends);
  if (end < 0)
    end = (gssize)t->len;
  size_t found = 0;
  bn_lines it;
  bn_span l, head = {NULL, 0};
  const char *body = NULL;
  bool after_blank = true;
  /* a line "<user@example.jp>:" alone: the paragraphs were not joined, so
   * a "<user@example.org>: ..." line is some program's or a copy's words */
  bool alone_seen = false;
  bn_lines_init(&it, t->str + start, (size_t)(end - start));
  while (bn_lines_next(&it, &l)) {
    /* "--- Below this line is a copy of the message." in any wording */
    if (l.len > 4 && strncmp(l.p, "--- ", 4) == 0) {
      end = l.p - t->str;
      break;
    }
    bn_span tl = l;
    bn_span_untrail(&tl);
    bool is_head = tl.len > 4 && tl.p[0] == '<' && tl.p[tl.len - 1] == ':' &&
                   tl.p[tl.len - 2] == '>' && memchr(tl.p, '@', tl.len);
    alone_seen = alone_seen || is_head;
    size_t inline_at =
        !alone_seen && (head.p == NULL || after_blank) ? inline_head(&tl) : 0;
    after_blank = tl.len == 0;
    /* some deliveries' output starts with a blank line ("<list@example.org>:",
     * "", "ezmlm-reject: fatal: ..."): a paragraph ends at a blank line only
     * once it has words */
    if (head.p && !is_head && tl.len == 0 && body == l.p) {
      body = it.p;
      continue;
    }
    if (head.p && (is_head || tl.len == 0)) {
      found += paragraph(r, &head, body, (size_t)(l.p - body));
      head.p = NULL;
    }
    if (is_head) {
      head = tl;
      body = it.p;
    } else if (inline_at) {
      if (head.p)
        found += paragraph(r, &head, body, (size_t)(l.p - body));
      head = (bn_span){tl.p, inline_at};
      body = tl.p + inline_at;
    }
  }
  if (head.p)
    found += paragraph(r, &head, body, (size_t)(t->str + end - body));
  /* "Hi. This is the qmail-send program at": IndiMail's queues and its
   * maildirbounce put their own names there ("slowq-send"). Only in the
   * greeting's paragraph (a client may wrap the host onto the next line):
   * a reply below may say " program at " of another host, and a
   * translated greeting names none. */
  const char *hi = bn_strcasestr(t->str, (size_t)end, "This is the ");
  if (hi) {
    size_t n = (size_t)(t->str + end - hi);
    const char *blank = bn_strcasestr(hi, n, "\n\n");
    bn_prose_reporting_mta(r, hi, blank ? (size_t)(blank - hi) : n, " program at ");
  }
  if (end < (gssize)t->len) {
    const char *nl = memchr(t->str + end, '\n', t->len - (size_t)end);
    if (nl)
      bn_prose_original(v, r, nl + 1 - t->str);
  }
  return found > 0;
}

const bn_mta bn_mta_qmail = {"qmail", claim, extract};
