/* Postfix: a multipart/report whose notification says, per recipient,
 * "<addr>: host mx[ip] said: 550 ... (in reply to RCPT TO command)" or a
 * local reason; older versions send the notification alone. Which template
 * the notice follows tells the action when no delivery-status part does:
 * "I'm sorry to have to inform you that your message could not be
 * delivered" (a failure, even after a 4xx answer: Postfix gave up), "THIS
 * IS A WARNING ONLY" (a delay), "was successfully delivered". */
#include "mta.h"
#include <stdint.h>
#include <string.h>

static const char *const subjects[] = {
  "Undelivered Mail Returned to Sender", "Delayed Mail (still being retried)",
  "Successful Mail Delivery Report", "Mail Delivery Status Report",
  "Postmaster Copy: Undelivered Mail", "Postmaster Warning: Delayed Mail", NULL,
};

/* The subjects of a delay notice, the sender's and the postmaster's copy
 * (bounce_notify_util.c before 2.3, bounce.cf.default after): they say
 * "delayed" when the text does not, in a postmaster copy, which has no
 * template text, or under a template rewritten in other words. */
static const char *const delay_subjects[] = {
  "Delayed Mail (still being retried)", "Postmaster Warning: Delayed Mail", NULL,
};

static const char *const starts[] = {
  "This is the mail system at host", "This is the Postfix program at host", NULL,
};

/* The template sentences and the action each means. */
static const struct {
  const char *sentence;
  const char *action;
} templates[] = {
  {"THIS IS A WARNING ONLY", "delayed"},
  {"I'm sorry to have to inform you that", "failed"},
  {"successfully delivered to the destination", "delivered"},
  {"delivery report that you requested", "delivered"},
};

/* Postfix's own delivery agents' verdicts (local(8), virtual(8)); the
 * text pipe(8) and local(8) give a command's exit status EX_NOUSER ("user
 * unknown", then ". Command output: ..." when it wrote any); and
 * trivial-rewrite's when a table it resolves the recipient with has no such
 * user ("User unknown in virtual alias table", "... in local recipient
 * table"): no such user on this system, whatever status the version wrote
 * (before 2.3, 5.0.0 for everything), not a remote server's words (those
 * follow "host x said:"). */
static const bn_cause_row verdicts[] = {
  {"unknown user: \"", BOUNCE_CAUSE_USERUNKNOWN},
  {"user unknown", BOUNCE_CAUSE_USERUNKNOWN},
  /* smtp_trouble.c: the SMTP client could not read the message from its
   * own queue file (SMTP_ERR_DATA); no remote server had a say */
  {"local data error while talking to ", BOUNCE_CAUSE_SYSTEMERROR},
};

/* What pipe(8) and local(8) write when a delivery command exits with one
 * of sysexits.h's codes, and the status they give it (Postfix's sys_exits
 * table). Where it printed nothing, mailer says what that means: the
 * program that was to deliver the message failed. With a delivery-status
 * part, "x-unix;" says as much; old Postfix (5.0.0, "X-Postfix;") and
 * bounces without that part have only these words. When the command
 * printed something (". Command output: ...", or the diagnostic of the
 * delivery-status part), its words are read for the cause instead
 * ("maildir over quota"). EX_NOUSER's "user unknown" is among the
 * verdicts above. A row marked any_refusal is the code a delivery agent
 * exits with for whatever refusal its words then name (dovecot-lda -e
 * exits EX_NOPERM for a full mailbox, an unknown one, a Sieve reject): its
 * status is given only when the command printed nothing. */
static const struct {
  const char *text, *status;
  bool mailer, any_refusal;
} exits[] = {
  {"command line usage error", "5.3.0", true, false},
  {"data format error", "5.6.0", true, false},
  {"cannot open input", "5.3.0", true, false},
  {"user unknown", "5.1.1", false, false},
  {"host name unknown", "5.1.2", false, false},
  {"service unavailable", "5.3.0", true, false},
  {"internal software error", "5.3.0", true, false},
  {"system resource problem", "4.3.0", true, false},
  {"critical OS file missing", "5.3.0", true, false},
  {"can't create user output file", "5.2.0", true, false},
  {"input/output error", "5.3.0", true, false},
  {"temporary failure", "4.3.0", true, false},
  {"remote error in protocol", "5.5.0", true, false},
  {"permission denied", "5.7.0", true, true},
  {"local configuration error", "5.3.5", false, false},
};

/* The row of exits the text is: its whole text, or followed by ". Command
 * output: ..." when output is set; or -1. */
static int
exit_row(const char *text, bool output)
{
  for (size_t i = 0; i < G_N_ELEMENTS(exits); i++) {
    size_t n = strlen(exits[i].text);
    if (g_ascii_strncasecmp(text, exits[i].text, n) == 0 &&
        (text[n] == '\0' ||
         (text[n] == '.' && (text[n + 1] == '\0' || (output && text[n + 1] == ' ')))))
      return (int)i;
  }
  return -1;
}

/* The paragraph's whole text is an exit text that means the program failed. */
static bool
command_exit_text(const char *text)
{
  int i = exit_row(text, false);
  return i >= 0 && exits[i].mailer;
}

/* The status Postfix's delivery-status part gives its own sentences (the
 * dsb_simple() calls of its smtp(8), dns, local(8) and pipe(8) code, and
 * the sys_exits table): a notice without that part (Postfix before 2.3,
 * which had none for its own errors but 5.0.0 and 4.0.0, or a relay that
 * dropped it) has only the sentence. A row matches when the text starts
 * with lead and, when tail is set, holds tail; the first row that matches
 * wins, so the longer of two tails comes first. */
static const struct {
  const char *lead, *tail, *status;
} own_statuses[] = {
  /* the SMTP client names a server "host[address]" */
  {"connect to ", "]:", "4.4.1"},
  {"lost connection with ", "] while ", "4.4.2"},
  {"conversation with ", "] timed out while ", "4.4.2"},
  {"local data error while talking to ", NULL, "4.3.0"},
  /* dns_lookup()'s words, the resolver's error last: TRY_AGAIN is retried
   * (4.4.3), NO_RECOVERY fails (5.4.3), HOST_NOT_FOUND and NO_DATA mean
   * there is no such host (5.4.4); later versions put "Host or domain name not
   * found. " before them */
  {"Host or domain name not found. Name service error for ", "Host not found, try again", "4.4.3"},
  {"Host or domain name not found. Name service error for ", "Non-recoverable error", "5.4.3"},
  {"Host or domain name not found. Name service error for ", ": Host not found", "5.4.4"},
  {"Host or domain name not found. Name service error for ", ": Host found but no data record", "5.4.4"},
  {"Name service error for ", "Host not found, try again", "4.4.3"},
  {"Name service error for ", "Non-recoverable error", "5.4.3"},
  {"Name service error for ", ": Host not found", "5.4.4"},
  {"Name service error for ", ": Host found but no data record", "5.4.4"},
  {"mail for ", " loops back to myself", "5.4.6"},
  {"unable to find primary relay for ", NULL, "4.4.4"},
  {"message size ", " exceeds size limit ", "5.3.4"},
  {"unknown user: \"", NULL, "5.1.1"},
  {"mail forwarding loop for ", NULL, "5.4.6"},
  {"recipient nesting limit exceeded", NULL, "5.4.6"},
  /* local(8) could not write the mailbox: mbox_dsn() of the errno */
  {"cannot update mailbox ", ": Disk quota exceeded", "5.2.2"},
  {"cannot update mailbox ", ": File too large", "5.2.2"},
  {"cannot update mailbox ", ": No space left on device", "4.3.0"},
  /* and a maildir: virtual(8) and local(8) before 2.3 "maildir delivery
   * failed: create <file>: <errno>", later local(8) "create maildir file
   * <file>: <errno>" */
  {"maildir delivery failed: ", ": Disk quota exceeded", "5.2.2"},
  {"maildir delivery failed: ", ": File too large", "5.2.2"},
  {"maildir delivery failed: ", ": No space left on device", "4.3.0"},
  {"create maildir file ", ": Disk quota exceeded", "5.2.2"},
  {"create maildir file ", ": File too large", "5.2.2"},
  {"create maildir file ", ": No space left on device", "4.3.0"},
  /* local(8) appending to a file an alias or .forward names: the same
   * mbox_dsn() of the errno, after "cannot append message to file <path>: "
   * (src/local/file.c) */
  {"cannot append message to file ", ": Disk quota exceeded", "5.2.2"},
  {"cannot append message to file ", ": File too large", "5.2.2"},
  {"cannot append message to file ", ": No space left on device", "4.3.0"},
  /* pipe(8) and local(8): an exit status outside sysexits.h; pipe(8)'s
   * command killed by a signal or for running too long (pipe_command.c) */
  {"Command died with status ", NULL, "5.3.0"},
  {"Command died with signal ", NULL, "5.3.0"},
  {"Command time limit exceeded: ", NULL, "5.3.0"},
  /* qmgr(8) when a delivery agent died without a status
   * (qmgr_deliver.c) */
  {"unknown mail transport error", NULL, "4.3.0"},
};

/* The status of the own_statuses row text begins with, or NULL. */
static const char *
own_row_status(const char *text)
{
  for (size_t i = 0; i < G_N_ELEMENTS(own_statuses); i++)
    if (bn_has_prefix_ci(text, own_statuses[i].lead) &&
        (own_statuses[i].tail == NULL || strstr(text, own_statuses[i].tail)))
      return own_statuses[i].status;
  return NULL;
}

/* How local(8) and virtual(8) begin a failure to write the message where
 * it was to be stored: the mailbox, a maildir, a file an alias or .forward
 * names (src/local/mailbox.c, maildir.c, file.c; src/virtual/). The errno
 * after it says which failure: a quota, an oversized file or a full disk
 * has its own_statuses row and its cause in its words; any other
 * ("Permission denied", "Read-only file system", "Is a directory") is the
 * receiving system's set-up. */
/* Whether the words say a quota, a size or a disk ran out, as other
 * systems' strerror() spell the errno the rows name: FreeBSD's EDQUOT is
 * "Disc quota exceeded" (lib/libc/gen/errlst.c), under the 5.2.2 that
 * mbox_dsn() gives it. */
static bool
names_fullness(const char *text)
{
  switch (bn_text_cause(text, strlen(text))) {
  case BOUNCE_CAUSE_MAILBOXFULL:
  case BOUNCE_CAUSE_SYSTEMFULL:
  case BOUNCE_CAUSE_MESGTOOBIG:
  case BOUNCE_CAUSE_EXCEEDLIMIT:
    return true;
  default:
    return false;
  }
}

static const char *const store_leads[] = {
    "cannot update mailbox ", "maildir delivery failed: ",
    "create maildir file ", "cannot append message to file ",
};

static bool
store_system_fault(const char *text)
{
  for (size_t i = 0; i < G_N_ELEMENTS(store_leads); i++)
    if (bn_has_prefix_ci(text, store_leads[i]))
      return own_row_status(text) == NULL && !names_fullness(text);
  return false;
}

/* The status of Postfix's own sentence text, or NULL. */
static const char *
own_status(const char *text)
{
  static const char suspended[] = "delivery temporarily suspended: ";
  /* qmgr(8) repeats the reason the destination was given up on */
  if (bn_has_prefix_ci(text, suspended))
    text += strlen(suspended);
  const char *row = own_row_status(text);
  if (row)
    return row;
  int i = exit_row(text, true);
  if (i < 0)
    return NULL;
  /* exit_row leaves the text ended or at ". ": output follows only there */
  size_t n = strlen(exits[i].text);
  if (exits[i].any_refusal && text[n] == '.' && text[n + 1] == ' ')
    return NULL;
  return exits[i].status;
}

/* Where a recipient's paragraph starts on this line: at its first
 * character "<", or after a space or two when the line is "<addr>: ..." or
 * "<addr> (expanded from <x>): ..." (some relays indent it with a space or
 * a tab); else NULL. */
static const char *
paragraph_start(const bn_span *line)
{
  if (line->len > 3 && line->p[0] == '<' && memchr(line->p, '@', line->len))
    return line->p;
  size_t i = 0;
  while (i < line->len && i < 3 && (line->p[i] == ' ' || line->p[i] == '\t'))
    i++;
  if (i == 0 || i == line->len || line->p[i] != '<')
    return NULL;
  const char *gt = memchr(line->p + i, '>', line->len - i);
  if (gt == NULL || gt + 1 >= line->p + line->len || !memchr(line->p + i, '@', (size_t)(gt - line->p - i)))
    return NULL;
  return gt[1] == ':' || gt[1] == ' ' ? line->p + i : NULL;
}

static const char *
skip_blanks(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* The head of a recipient's paragraph after the address's '>' at gt:
 * ":", or " (expanded from <alias>):" when the address came through an
 * alias (Postfix's wrap may break it at any of its spaces). Returns where
 * the words after the colon start and sets alias to the alias's span
 * (empty without one); NULL when no such head follows. */
static const char *
paragraph_head(const char *gt, const char *end, bn_span *alias)
{
  static const char expanded[] = "(expanded from";
  size_t k = strlen(expanded);
  alias->p = NULL;
  alias->len = 0;
  const char *p = skip_blanks(gt + 1, end);
  if ((size_t)(end - p) > k && g_ascii_strncasecmp(p, expanded, k) == 0) {
    p = skip_blanks(p + k, end);
    if (p == end || *p != '<')
      return NULL;
    const char *egt = memchr(p, '>', (size_t)(end - p));
    if (egt == NULL || egt + 1 == end || egt[1] != ')')
      return NULL;
    alias->p = p + 1;
    alias->len = (size_t)(egt - p - 1);
    p = skip_blanks(egt + 2, end);
  }
  return p < end && *p == ':' ? p + 1 : NULL;
}

/* What Postfix's SMTP client writes after "<addr>: " when a remote server
 * failed it: seen near the start of the text, it is Postfix whatever its
 * templates (and subject) were made to say. */
static const char *const smtp_words[] = {"host ", "connect to ", "lost connection with ", NULL};

/* A recipient's paragraph, its continuation lines joined: Postfix wraps it
 * at spaces wherever the address's and the alias's lengths put them. */
#define PARAGRAPH_MAX 512

/* The words after "<addr>: " are a sentence only Postfix writes: its SMTP
 * client's, or one of its own delivery agents' and resolver's fixed texts
 * (own_statuses: "unknown user: \"x\"", "cannot update mailbox ...",
 * "Name service error for ...", "mail for x loops back to myself"), which a
 * rewritten template keeps when it says nothing else Postfix's. The
 * sysexits texts alone ("user unknown") are not: any MTA writes them. */
static bool
postfix_sentence(const char *text)
{
  for (size_t i = 0; smtp_words[i]; i++)
    if (bn_has_prefix_ci(text, smtp_words[i]))
      return true;
  return own_row_status(text) != NULL;
}

/* A recipient's paragraph near the start of the text: any "<addr>: ..."
 * when any is set, else one whose words only Postfix writes. Not in an
 * inline copy of a returned message: Postfix attaches its copy, and one
 * another MTA returned may quote a Postfix notice ("my mail to Petra comes
 * back: <petra@...>: unknown user: ..."). */
static bool
postfix_paragraph(const bn_view *v, bool any)
{
  const char *end = v->text->str + bn_view_own_len(v, 4096);
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, v->text->str, (size_t)(end - v->text->str));
  while (bn_lines_next(&it, &line)) {
    const char *p = paragraph_start(&line);
    if (p == NULL)
      continue;
    const char *q = line.p + line.len; /* the paragraph's end so far */
    while (q < end && (size_t)(q - p) < PARAGRAPH_MAX) {
      const char *next = q;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;
      if (next >= end || (*next != ' ' && *next != '\t'))
        break;
      const char *nl = memchr(next, '\n', (size_t)(end - next));
      q = nl ? nl : end;
    }
    char *para = bn_squeeze_dup(p, MIN((size_t)(q - p), PARAGRAPH_MAX));
    /* "<addr>: host ..." or "<addr> (expanded from <alias>): host ..." */
    const char *gt = strchr(para, '>');
    bn_span alias;
    const char *after = gt ? paragraph_head(gt, para + strlen(para), &alias) : NULL;
    bool found = any && after != NULL;
    if (after && after[0] == ' ' && !found)
      found = postfix_sentence(after + 1);
    g_free(para);
    if (found)
      return true;
  }
  return false;
}

/* Postfix's subjects alone, asked after every MTA's own text (registry.c):
 * a notice whose bounce template an administrator rewrote keeps them, but
 * other MTAs' notices carry them too (qmail's, Sendmail's, set so or
 * rewritten by a gateway), and their own words say better who wrote them.
 * Whatever the template says, Postfix writes each recipient's paragraph as
 * "<addr>: reason": without one, the fallback reads the notice. */
static bool
claim_by_subject(const bn_view *v)
{
  return bn_subject_starts(v, subjects) && postfix_paragraph(v, true);
}

static bool
claim(const bn_view *v)
{
  if (bn_strcasestr(v->dsn->str, v->dsn->len, "X-Postfix-Queue-ID"))
    return true;
  if (bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts))
    return true;
  /* a paragraph alone, without Postfix's opening words, is Postfix's only
   * in mail a mail system sent (Postfix sends as MAILER-DAEMON, "Mail
   * Delivery System", with the null envelope sender): a support desk's
   * answer explaining a bounce quotes one too */
  return bn_view_looks_like_bounce(v) && postfix_paragraph(v, false);
}

/* "host mx.example.jp[192.0.2.1] said:" or "connect to mx.example.jp[...]",
 * and the other names smtp(8) gives the server it was talking to; some
 * records carry no Remote-MTA field, so their words are the only place:
 * a SASL failure (smtp_sasl_proto.c, DSB_SKIP_RMTA: "SASL authentication
 * failed; cannot authenticate to server mx[ip]: ...") and a success
 * report (sent.c: "delivery via mx[ip]:25: 250 ..."). */
static void
remote_host(bounce_recipient *rc, const char *s, size_t len)
{
  static const char *const leads[] = {"host ",
                                      "connect to ",
                                      "conversation with ",
                                      "lost connection with ",
                                      "while talking to ",
                                      "cannot authenticate to server ",
                                      "delivery via ",
                                      NULL};
  for (size_t i = 0; leads[i]; i++) {
    const char *h = bn_strcasestr(s, len, leads[i]);
    if (h == NULL)
      continue;
    h += strlen(leads[i]);
    size_t n = 0;
    while (h + n < s + len && (g_ascii_isalnum(h[n]) || h[n] == '.' || h[n] == '-'))
      n++;
    if (n && h + n < s + len && h[n] == '[') {
      char *host = g_strndup(h, n);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
      g_free(host);
      return;
    }
  }
}

/* The command Postfix's SMTP client was at when the session broke off
 * before any mail transaction: "lost connection with mx[ip] while
 * performing the EHLO handshake", "conversation with mx[ip] timed out
 * while performing the HELO handshake" (LMTP: "the LHLO handshake"). The
 * generic reading of the command knows "while sending RCPT TO" and "while
 * receiving the initial server greeting", not this. */
static const char *
handshake_command(const char *s, size_t len)
{
  static const char lead[] = "while performing the ";
  const char *w = bn_strcasestr(s, len, lead);
  if (w == NULL)
    return NULL;
  w += strlen(lead);
  return bn_smtp_command_name(w, len - (size_t)(w - s));
}

/* The command Postfix's SMTP client names in its own trailer, "(in reply
 * to RCPT TO command)", the paragraph's last: the reply before it may
 * quote another host's words that name another command (verify(8)'s
 * "unverified address: lost connection with mx[ip] while receiving the
 * initial server greeting", a relay's "... (in reply to end of DATA
 * command)"), and the first command named would be theirs. */
static const char *
trailer_command(const char *s, size_t len)
{
  static const char lead[] = "(in reply to ";
  const char *last = NULL;
  for (const char *p = s; (p = bn_strcasestr(p, len - (size_t)(p - s), lead)) != NULL;
       p += strlen(lead))
    last = p;
  return last ? bn_find_smtp_command(last, len - (size_t)(last - s)) : NULL;
}

/* The command of Postfix's SMTP client's own sentences that name none.
 * smtp_connect() writes "connect to mx[ip]:25: Connection refused" when
 * no session began, and "connect to mx[ip]:25: server refused to talk to
 * me: 421 ..." for a 4xx greeting it read there; smtp_helo() writes "host
 * mx[ip] refused to talk to me: 554 ..." for a greeting that refused (and
 * for a refused HELO, EHLO 421 or LHLO, which its words do not tell
 * apart: the greeting is the one it mostly is), and "TLS is required, but
 * host mx[ip] refused to start TLS: 454 ..." for the STARTTLS reply. */
static const char *
own_command(const char *text)
{
  static const char suspended[] = "delivery temporarily suspended: ";
  static const struct {
    const char *words, *command;
  } said[] = {
    {"refused to start TLS: ", "STARTTLS"},
    {"refused to talk to me: ", "CONN"},
    /* smtp_stream_except() before 2.3; later "the initial server greeting",
     * which the generic reading knows */
    {" while receiving the initial SMTP greeting", "CONN"},
  };
  if (bn_has_prefix_ci(text, suspended))
    text += strlen(suspended);
  /* smtp_sasl_glue.c: "SASL authentication failed; server mx[ip] said:
   * 535 ...", "SASL [CACHED] authentication failed; ...", "...; cannot
   * authenticate to server mx[ip]: ..." */
  if (bn_has_prefix_ci(text, "SASL ") && strstr(text, "authentication failed; "))
    return "AUTH";
  for (size_t i = 0; i < G_N_ELEMENTS(said); i++)
    if (strstr(text, said[i].words))
      return said[i].command;
  /* "connect to mx[ip]:25: ...", before 2.3 "connect to mx[ip]: ... (port
   * 25)", in 1.x "connect to mx[ip] port 25: ..." */
  return bn_has_prefix_ci(text, "connect to ") && strchr(text, '[') ? "CONN" : NULL;
}

/* Nouns after which a reply names a mailbox by its local part alone
 * ("550 Unknown user bob", "mailbox bob does not exist"). */
static const char *const mailbox_nouns[] = {"user ", "mailbox ", "recipient ", "account "};

/* Whether the local part at p (n bytes into reply) stands as the name of a
 * mailbox: set off in brackets or quotes ("<bob>", "(bob)"), or right after
 * a noun naming one. A local part that is also a common word ("mail",
 * "info", "postmaster", "user") in the reply's prose names nothing, and one
 * followed by '@' is part of another address (the sender's "<info@b>"). */
static bool
names_local_part(const char *reply, const char *p, size_t n)
{
  const char *e = p + n;
  char before = p == reply ? ' ' : p[-1];
  if ((before == '<' && *e == '>') || (before == '"' && *e == '"') || (before == '(' && *e == ')'))
    return true;
  bool ends = *e == '\0' || *e == ' ' || *e == ',' || *e == ':' ||
              (*e == '.' && (e[1] == '\0' || e[1] == ' '));
  if (!ends)
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(mailbox_nouns); i++) {
    size_t k = strlen(mailbox_nouns[i]);
    if ((size_t)(p - reply) >= k && g_ascii_strncasecmp(p - k, mailbox_nouns[i], k) == 0)
      return true;
  }
  return false;
}

/* Whether the remote reply names the recipient: its address (in another
 * form too: bn_same_mailbox), or its local part as a mailbox's name ("550
 * Unknown user bob"). Postfix before 2.1 wrote "host mx[ip] said:
 * <reply>" alike for the replies to MAIL FROM, to each RCPT TO, to DATA
 * and to the message's end (1.x smtp_proto.c), without "(in reply to ...
 * command)". At MAIL the server speaks of the sender, at DATA and after
 * the message of the message: a reply that names the recipient is the one
 * to its RCPT TO. */
static bool
reply_names_recipient(const char *reply, const char *addr)
{
  size_t rlen = strlen(reply);
  if (bn_strcasestr(reply, rlen, addr))
    return true;
  char *named = bn_find_address(reply, rlen);
  bool same = bn_same_mailbox(named, addr, true);
  g_free(named);
  if (same)
    return true;
  const char *at = strrchr(addr, '@');
  size_t n = at ? (size_t)(at - addr) : 0;
  static const char set_off[] = " <\"(";
  if (n < 2 || strcspn(addr, set_off) < n)
    return false;
  /* only where a word starts: a local part without those bytes stops
   * matching at the next of them, so each byte is compared once */
  for (const char *p = reply + 1; *p; p++)
    if (strchr(set_off, p[-1]) && g_ascii_strncasecmp(p, addr, n) == 0 &&
        names_local_part(reply, p, n))
      return true;
  return false;
}

/* Words by which a reply speaks of the message, not of an address:
 * cleanup(8)'s and milters' "550 5.7.1 Message content rejected". Such a
 * reply refuses the message at DATA or at its end even where it names the
 * recipient it was for. Not "spam" or "virus" alone: a refused recipient
 * is a "spam trap", checked "(anti-spam)", closed "due to spam
 * complaints", refused by an "antivirus administrator" or for a client
 * listed at "zen.spamhaus.org". */
static const char *const message_words[] = {
  "message content", "message refused", "message rejected",
};

/* Words that name the message by the recipient it was for, when the
 * address follows them: "554 5.7.1 Message to <bob@...> refused: spam
 * detected", "550 Message for <bob@...> rejected". Not where another
 * sentence has them ("please send your message to postmaster@...", "no
 * room for message for this user"). */
static const char *const message_of_words[] = {"message to ", "message for "};

/* Whether s (len bytes) has one of message_of_words with addr after it. */
static bool
names_message_of(const char *s, size_t len, const char *addr)
{
  size_t alen = strlen(addr);
  for (size_t i = 0; i < G_N_ELEMENTS(message_of_words); i++) {
    size_t n = strlen(message_of_words[i]);
    for (const char *p = s; (p = bn_strcasestr(p, len - (size_t)(p - s), message_of_words[i])) != NULL;
         p += n) {
      const char *a = p + n;
      a += a < s + len && *a == '<';
      if ((size_t)(s + len - a) >= alen && g_ascii_strncasecmp(a, addr, alen) == 0)
        return true;
    }
  }
  return false;
}

/* Whether the old "said:" reply refuses the message rather than the
 * recipient: its status is about the content (x.6.x) or the size (x.3.4,
 * smtpd's "552 5.3.4 Message size exceeds fixed limit", cleanup's at the
 * message's end), or its words are about the message. An address status
 * (x.1.x) or smtpd_check's "Recipient address rejected: ..." refuse the
 * address, whatever follows. */
static bool
reply_refuses_message(const char *reply, const char *addr)
{
  size_t len = strlen(reply);
  char st[16];
  if (bn_find_status(reply, len, st)) {
    if (st[2] == '1' && st[3] == '.')
      return false;
    if ((st[2] == '6' && st[3] == '.') || strcmp(st + 2, "3.4") == 0)
      return true;
  }
  if (bn_strcasestr(reply, len, "Recipient address rejected"))
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(message_words); i++)
    if (bn_strcasestr(reply, len, message_words[i]))
      return true;
  return names_message_of(reply, len, addr);
}

/* Without a delivery-status part, the status Postfix gives its own
 * sentence. A remote's reply keeps its own status, or the class of its
 * code ("host x said: ...", "connect to x: server refused to talk to me:
 * 421 ..."), and so does a command's output that has one. Postfix before
 * 2.3 (the notice "This is the Postfix program at host") wrote 5.0.0 for
 * every failure, even one whose last attempt failed for a while ("Host
 * not found, try again"): there a transient status would contradict it.
 * And a delay notice says the attempt failed for now: defer_append()
 * writes 4.0.0 for any status not transient, so the permanent status the
 * sentence has in a bounce ("mail for x loops back to myself", 5.4.6, is
 * 4.4.6 when a better MX was not found) is not the one it had there. */
static void
own_sentence_status(bounce_recipient *rc, bool old)
{
  char found[16];
  const char *d = rc->diagnostic;
  if (rc->status || rc->reply_code || d == NULL || bn_find_status(d, strlen(d), found))
    return;
  const char *own = own_status(d);
  if (own == NULL || (old && own[0] == '4' && rc->action && strcmp(rc->action, "failed") == 0))
    return;
  if (own[0] == '5' && rc->action && strcmp(rc->action, "delayed") == 0)
    return;
  bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, own, BOUNCE_SOURCE_TEXT);
}

/* Whether the paragraph's reply completes a delivery-status part's
 * diagnostic that holds codes and no words ("550"): its Diagnostic-Code
 * field was cut where a rewrapping gateway broke its folding ("smtp; 550"
 * then "<a@b>: User unknown" on an unindented line), and the paragraph
 * Postfix wrote from the same reply still has the words. */
static bool
completes_cut(const char *field, const char *reply)
{
  for (const char *d = field; *d; d++)
    if (!g_ascii_isdigit(*d) && *d != '.' && *d != ' ')
      return false;
  /* the paragraph's reply goes on from the same codes: a paragraph cut in
   * turn ("host") is no better */
  return strlen(reply) > strlen(field) && g_str_has_prefix(reply, field);
}

/* Whether the delivery-status part's diagnostic is the paragraph's text
 * with its "host x said: " head: Postfix before 2.3 wrote the whole
 * paragraph into "Diagnostic-Code: X-Postfix; host mx[ip] said: 550 ..."
 * (bounce_recipient_dsn()), where later versions write the remote's reply
 * alone ("smtp; 550 ..."), as the paragraph gives it after "said: ". */
static bool
holds_paragraph_head(const char *field, const char *diag, const char *reply)
{
  return reply != diag && strncmp(field, diag, (size_t)(reply - diag)) == 0;
}

/* One paragraph "<addr>: text", continued by indented lines. With a
 * delivery-status part, which lists every recipient Postfix reports on, a
 * paragraph only completes the recipient it names, unless blocks of the
 * part were lost (*room: how many recipients paragraphs may still add;
 * SIZE_MAX without a part). */
static void
paragraph(bounce_report *r, const char *p, size_t len, size_t *room)
{
  bool add = *room > 0;
  const char *gt = memchr(p, '>', len);
  if (p[0] != '<' || gt == NULL)
    return;
  char *addr = bn_address_clean(p + 1, (size_t)(gt - p - 1));
  if (addr == NULL)
    return;
  /* "<user@example.net> (expanded from <alias@example.org>): ...": the
   * alias is the address the sender wrote, as the delivery-status part's
   * Original-Recipient says it */
  bn_span alias;
  const char *text = paragraph_head(gt, p + len, &alias);
  if (text == NULL) {
    /* a relay's rewritten head: its words after the first colon. Postfix
     * itself always writes "<addr>:", so a line that only starts with an
     * address (a rewritten template's "<postmaster@example.org> can
     * help") names no recipient of its own: it may only complete one the
     * report already has */
    const char *colon = memchr(gt, ':', len - (size_t)(gt - p));
    text = colon ? colon + 1 : gt + 1;
    add = false;
  }
  size_t tlen = len - (size_t)(text - p);
  char *orig = alias.len ? bn_address_clean(alias.p, alias.len) : NULL;
  bounce_recipient *rc = bn_report_find_for(r, addr, orig);
  if (rc == NULL && add) {
    rc = bn_report_add(r, addr, BOUNCE_SOURCE_TEXT);
    if (rc && *room != SIZE_MAX)
      (*room)--;
  } else if (rc == NULL)
    /* the delivery-status part's Original-Recipient is the ORCPT an
     * earlier MTA passed on, which can differ from the address Postfix
     * expanded here */
    rc = bn_report_find(r, addr);
  if (rc && orig && rc->original_recipient == NULL)
    bn_set_str(&rc->original_recipient, orig);
  g_free(orig);
  if (rc) {
    char *diag = bn_squeeze_dup(text, tlen);
    const char *said = strstr(diag, " said: ");
    const char *reply = said ? said + 7 : diag;
    if (rc->diagnostic == NULL || completes_cut(rc->diagnostic, reply) ||
        holds_paragraph_head(rc->diagnostic, diag, reply))
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, reply, BOUNCE_SOURCE_TEXT);
    for (size_t i = 0; i < G_N_ELEMENTS(verdicts); i++)
      if (bn_has_prefix_ci(diag, verdicts[i].phrase))
        bn_prose_set_cause(rc, verdicts[i].cause);
    if (store_system_fault(diag))
      bn_prose_set_cause(rc, BOUNCE_CAUSE_SYSTEMERROR);
    /* only when nothing says more: a delivery-status part's x-unix
     * diagnostic may hold the program's own words ("Disk quota exceeded") */
    if (command_exit_text(diag) && rc->diagnostic && command_exit_text(rc->diagnostic))
      bn_prose_set_cause(rc, BOUNCE_CAUSE_MAILERERROR);
    remote_host(rc, diag, strlen(diag));
    const char *cmd = trailer_command(diag, strlen(diag));
    if (cmd == NULL)
      cmd = bn_find_smtp_command(diag, strlen(diag));
    if (cmd == NULL)
      cmd = handshake_command(diag, strlen(diag));
    if (cmd == NULL)
      cmd = own_command(diag);
    if (cmd == NULL && said && bn_reply_code_at(said + 7, strlen(said + 7)) &&
        reply_names_recipient(said + 7, addr))
      cmd = reply_refuses_message(said + 7, addr) ? "DATA" : "RCPT";
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, cmd, BOUNCE_SOURCE_TEXT);
    /* what follows "said: " is the server's reply as it came, whatever its
     * text opens with ("452 messages per connection limit reached") */
    if (rc->reply_code == 0)
      bn_rcpt_set_reply_code(rc, said ? bn_find_typed_reply_code(said + 7, strlen(said + 7))
                                      : bn_find_reply_code(diag, strlen(diag)),
                             BOUNCE_SOURCE_TEXT);
    g_free(diag);
  }
  g_free(addr);
}

/* When the bounce daemon found no log of the recipients' errors, the
 * notice says so instead of listing them ("\t--- Delivery error report
 * unavailable ---", bounce_notify_service.c in 1.x, bounce_diagnostic_log()
 * later) and names none. As a Sendmail notice with no verdict, it is then
 * a notice on the envelope's one recipient, which the returned copy's
 * Received field of this host names, or its To and Cc where they name one;
 * with no diagnostic: the error was lost. */
static void
unlisted_recipient(const bn_view *v, bounce_report *r)
{
  if (!bn_strcasestr(v->text->str, v->text->len, "--- Delivery error report unavailable ---"))
    return;
  bn_prose_sole_recipient(v, r, -1, NULL);
}

/* A line of nothing but '#', as long as a banner's frame. */
static bool
banner_frame(const bn_span *l)
{
  if (l->len < 10)
    return false;
  for (size_t i = 0; i < l->len; i++)
    if (l->p[i] != '#')
      return false;
  return true;
}

/* The delay template sets its warning in a box of '#' (bounce.cf.default:
 * a line of '#', "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND
 * YOUR MESSAGE. #", a line of '#'), and the sites that translate the
 * template keep the box around their own words ("# Dit is enkel een
 * waarschuwing, u hoeft uw mail niet opnieuw te verzenden. #", "# CECI EST
 * JUSTE UN MESSAGE D'INFORMATION. #"); the failure template has none. So
 * the box says "delayed" in any language. */
static bool
warning_banner(const char *t, size_t len)
{
  bn_lines it;
  bn_span line;
  int inside = 0; /* 0: no frame yet; 1: after the top frame; 2: after a boxed line */
  bn_lines_init(&it, t, len);
  while (bn_lines_next_trimmed(&it, &line)) {
    if (banner_frame(&line)) {
      if (inside == 2)
        return true;
      inside = 1;
    } else if (inside && line.len >= 2 && line.p[0] == '#' && line.p[line.len - 1] == '#') {
      inside = 2;
    } else {
      inside = 0;
    }
  }
  return false;
}

/* A recipient the next server refused for good (a 5xx reply, a 5.x.x
 * status): Postfix bounces it at once and writes no delay notice for it,
 * so a '#' box over such a record is a site's own (a banner, a signature
 * framed so) on a translated failure notice. */
static bool
refused_for_good(const bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    if ((rc->reply_code >= 500 && rc->reply_code < 600) || (rc->status && rc->status[0] == '5'))
      return true;
  }
  return false;
}

/* Whether line opens a recipient's record as Postfix writes it, "<addr>:"
 * or "<addr> (expanded from <x>):". bounce(8) writes a blank line before
 * each record and indents the lines it wraps, but a gateway that re-wraps
 * the notice carries a record's rest to the margin ("said: 550 5.1.1" over
 * "<a>... User unknown (in reply to"): any other line that is not blank
 * goes on with the record. */
static bool
opens_record(const bn_span *line)
{
  const char *p = paragraph_start(line);
  if (p == NULL)
    return false;
  const char *gt = memchr(p, '>', line->len - (size_t)(p - line->p));
  size_t rest = gt ? line->len - (size_t)(gt + 1 - line->p) : 0;
  return rest && (gt[1] == ':' || (rest >= 10 && bn_has_prefix_ci(gt + 1, " (expanded")));
}

/* Whether line (a record's, not blank) ends on "said:" and at most the
 * reply's code and enhanced status code, its text not yet begun: the
 * reply goes on under it even where its next line opens "<addr>:" like a
 * record. bounce(8) writes "said: 550 5.1.1 <x@y>: Recipient address
 * rejected: ..." on one line and wraps it with an indent, so only a
 * client re-wrapping the notice at the margin (72-76 columns) moves the
 * reply's quoted address under the code. */
static bool
awaits_reply_text(const bn_span *line)
{
  const char *p = line->p, *e = line->p + line->len;
  for (int k = 0; k < 3; k++) {
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
      e--;
    const char *w = e;
    while (w > p && w[-1] != ' ' && w[-1] != '\t')
      w--;
    size_t n = (size_t)(e - w);
    if (n == 5 && g_ascii_strncasecmp(w, "said:", 5) == 0)
      return true;
    bool code = n == 3 && g_ascii_isdigit(w[0]) && g_ascii_isdigit(w[1]) && g_ascii_isdigit(w[2]);
    if (k == 2 || w == p || !(code || bn_status_valid(w, n)))
      return false;
    e = w;
  }
  return false;
}

/* Where a record goes on after the empty line at p: at Postfix's own
 * trailer "(in reply to RCPT TO command)", a record's last words, which a
 * client that re-wraps the notice may set apart from the reply above it
 * with an empty line. Any other words after an empty line are the next
 * record or the template's (p itself: the record ends there). */
static const char *
record_resumes(const char *p, const char *end)
{
  static const char trailer[] = "(in reply ";
  const char *q = skip_blanks(p, end);
  size_t k = strlen(trailer);
  return (size_t)(end - q) > k && g_ascii_strncasecmp(q, trailer, k) == 0 ? q : p;
}

/* How many recipients paragraphs may add beside the delivery-status
 * part's: all without one; else one for each of its blocks that gave no
 * recipient. bounce(8) writes the "<addr>: text" paragraph and the
 * block's Final-Recipient from the same log record, one of each per
 * recipient (bounce_notify_util.c: bounce_recipient_log(),
 * bounce_recipient_dsn()), so a block whose Final-Recipient could not be
 * read ("rfc822; a@x b@y", an empty one) with no Original-Recipient to
 * name it is about the recipient its paragraph names, and RFC 3464 has
 * a recipient for every block. */
static size_t
lost_blocks(const bn_view *v, const bounce_report *r)
{
  if (bn_report_count(r) == 0)
    return SIZE_MAX;
  size_t blocks = 0;
  bn_lines it;
  bn_span line, name, value;
  bn_lines_init(&it, v->dsn->str, v->dsn->len);
  /* counted as the part's reader finds them: any case, blanks before the
   * colon ("final-recipient : rfc822; ...") */
  while (bn_lines_next(&it, &line))
    blocks += bn_dsn_part_field(&line, &name, &value) && name.len == strlen("Final-Recipient") &&
              g_ascii_strncasecmp(name.p, "Final-Recipient", name.len) == 0;
  return blocks > bn_report_count(r) ? blocks - bn_report_count(r) : 0;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const char *t = v->text->str;
  /* the paragraphs before an inline copy of the returned message (Postfix
   * before 2.3 returned it under "--- Undelivered message follows ---"):
   * the copy may quote another notice's "<addr>: ..." paragraph */
  size_t len = bn_view_own_len(v, v->text->len);
  bn_lines it;
  bn_span line;
  const char *para = NULL;
  bool listed = bn_report_count(r) == 0;
  size_t room = lost_blocks(v, r);
  const char *resume = t; /* the record goes on through the empty lines before it */
  bn_span above = {t, 0};
  bn_lines_init(&it, t, len);
  while (bn_lines_next(&it, &line)) {
    /* asked once per run of empty lines, so the text is read once */
    if (para && line.len == 0 && line.p >= resume)
      resume = record_resumes(line.p, t + len);
    bool cont = line.len ? line.p[0] == ' ' || line.p[0] == '\t' || !opens_record(&line) ||
                               (para && above.len && awaits_reply_text(&above))
                         : line.p < resume;
    above = line;
    if (para && cont)
      continue;
    if (para) {
      paragraph(r, para, (size_t)(line.p - para), &room);
      para = NULL;
    }
    para = paragraph_start(&line);
  }
  if (para)
    paragraph(r, para, (size_t)(t + len - para), &room);
  if (listed && bn_report_count(r) == 0)
    unlisted_recipient(v, r);
  /* Without a delivery-status part the template tells the action. */
  const char *action = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(templates) && action == NULL; i++)
    if (bn_strcasestr(t, MIN(len, 4096), templates[i].sentence))
      action = templates[i].action;
  if (action == NULL && (bn_subject_starts(v, delay_subjects) ||
                         (warning_banner(t, MIN(len, 4096)) && !refused_for_good(r))))
    action = "delayed";
  for (size_t i = 0; action && i < bn_report_count(r); i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, action, BOUNCE_SOURCE_TEXT);
  /* before 2.3, the notice opened "This is the Postfix program at host"
   * and was signed "The Postfix program", which a rewritten template may
   * keep */
  static const char *const old_signs[] = {"The Postfix program", NULL};
  bool old = bn_prose_has_any(t, MIN(len, 4096), old_signs);
  for (size_t i = 0; i < bn_report_count(r); i++)
    own_sentence_status(bn_report_rcpt(r, i), old);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_postfix = {"postfix", claim, extract};
const bn_mta bn_mta_postfix_by_subject = {"postfix", claim_by_subject, extract};
