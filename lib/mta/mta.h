/* The MTA and provider recognizers: one file each in lib/mta/, one line
 * each in registry.c. */
#ifndef BOUNCE_MTA_H
#define BOUNCE_MTA_H

#include "../private.h"

typedef struct bn_mta {
  /* The name reports give ("postfix"). */
  const char *name;
  /* A cheap test on the headers (From, Subject, an X- header) and at most
   * a glance at the text: true when this MTA wrote the message. */
  bool (*claim)(const bn_view *v);
  /* Reads the recipients. Those the delivery-status part gave are already
   * in r: complete them from the prose, or add recipients when there was
   * no such part. Returns false when it found nothing, so that the next
   * recognizer that claims the message is asked. */
  bool (*extract)(const bn_view *v, bounce_report *r);
} bn_mta;

/* The recognizers, cheapest claim first; NULL-terminated. */
extern const bn_mta *const bn_mta_registry[];
/* The last of the registry: the guess, by words alone, for MTAs no
 * recognizer knows. */
extern const bn_mta bn_mta_fallback;
/* Recipients of r with no diagnostic: the reply or the cause on the
 * notice's own lines about each, or in the paragraph after (fallback.c). */
void bn_fallback_complete(const bn_view *v, bounce_report *r);
/* List managers' refusals of a post: the list sends them, with the list's
 * own headers on them, which mark a list's posts otherwise (lib/sort.c). */
extern const bn_mta bn_mta_mailman;
extern const bn_mta bn_mta_mlmmj;
extern const bn_mta bn_mta_majordomo;

/* ---- helpers for reading an MTA's prose (prose.c) ---- */

/* The first line of text (from offset at) that contains needle
 * (case-insensitive); returns its start, or NULL. */
const char *bn_prose_find_line(const char *text, size_t len, const char *needle);
/* Where a banner heading ("----- Transcript of session follows -----")
 * stands in text's first len bytes, NULL if nowhere; *past: where it ends.
 * It may be broken over lines: a relay or list manager re-wrapping the
 * notice narrower than the heading (36 to 40 columns) puts a line break,
 * and the next line's indent, for one of its spaces. */
const char *bn_prose_find_heading(const char *text, size_t len, const char *heading,
                                  const char **past);
/* Whether a fixed sentence of an MTA opens at p (before end), where an
 * archiver or a client re-wrapping the notice at any width (45 columns
 * too, narrower than bn_line_continues can tell a hard wrap by) put a
 * line break for one of its spaces: a space of the sentence matches blanks
 * with at most one line end among them, never a blank line. ASCII case
 * is ignored; *past: where the match ends. */
bool bn_prose_sentence_at(const char *p, const char *end, const char *sentence,
                          const char **past);
/* The paragraph after the line of the notice's own text that holds lead
 * (a list manager's "for the following reason(s):"): from its first
 * non-blank line to the blank line after it, max_lines lines at most (0:
 * no limit), into out; false when there is none. */
bool bn_prose_paragraph_after(const bn_view *v, const char *lead, int max_lines, bn_span *out);
/* The length of the line at line (left bytes to the end of the text)
 * whose first n bytes are a lead naming an address after it (dma's "There
 * was an error delivering your mail to", fml's sentence naming the list),
 * and of the line under it too when nothing follows the lead on its own
 * line and that line opens with '<': a client re-wrapping the notice at
 * 60 columns moved the "<addr>" there. */
size_t bn_prose_lead_line_len(const char *line, size_t left, size_t n);
/* The set of a text's words (runs of bytes that are not blank) that the
 * sentence searches within that text ask before reading it (mta/prose.c):
 * 4096 bits, whatever the text's length. */
enum { BN_WORD_FILTER_SPAN = 4096 };
typedef struct {
  const char *text;
  size_t len;
  guint64 bits[64];
} bn_word_filter;
/* Fills f with the words of text[0..len), which must not change until
 * bn_word_filter_end, and makes it the thread's current filter; returns the
 * one it replaces, for bn_word_filter_end. */
const bn_word_filter *bn_word_filter_begin(bn_word_filter *f, const char *text, size_t len);
void bn_word_filter_end(const bn_word_filter *outer);
/* Where the first match of needle in text starts (as bn_prose_has_any
 * matches), or NULL. */
const char *bn_prose_find(const char *text, size_t len, const char *needle);
/* The offset just past the line that contains the first of needles, or
 * -1 when no line does. */
gssize bn_prose_after(const GString *text, const char *const *needles);
/* The offset of the start of the line with the first of needles, or -1. */
gssize bn_prose_before(const GString *text, const char *const *needles);
/* The text between the line with the first of starts and the first line
 * of the whole text with one of ends, without either line: to the text's
 * end when that end line is not below the start (or there is none), and
 * with the inline copy of the message kept (unlike bn_prose_section, for
 * the lists that run on past such a copy). False when no line holds one of
 * starts. */
bool bn_prose_between(const GString *text, const char *const *starts,
                      const char *const *ends, bn_span *out);
/* True when s contains any of needles (case-insensitive); NULL-terminated. */
bool bn_prose_has_any(const char *s, size_t len, const char *const *needles);
/* Whether the From address or name, or the Subject, starts with / contains
 * one of the needles (case-insensitive). */
bool bn_from_has(const bn_view *v, const char *const *needles);
/* Whether the delivery-status part's Reporting-MTA line holds one of the
 * needles (case-insensitive): who wrote the report, where a relay may have
 * rewritten the From. */
bool bn_reporting_mta_has(const bn_view *v, const char *const *needles);
bool bn_subject_starts(const bn_view *v, const char *const *prefixes);
/* The subject past the tags a gateway may put before it ("[EXTERNAL] ",
 * "***SPAM*** "); bn_subject_starts looks there. */
const char *bn_subject_untagged(const char *subject);
bool bn_subject_has(const bn_view *v, const char *const *needles);
/* The subject names a failed delivery ("Undeliverable:", "Returned mail",
 * "Unzustellbar", ...), in the words the fallback claims a bounce by. */
bool bn_subject_says_bounce(const bn_view *v);
/* s[0..len) says a message was not delivered, in those words. */
bool bn_says_failed(const char *s, size_t len);

/* Adds or completes the recipient address with prose-derived values:
 * the diagnostic (squeezed), and whichever of status, reply code, command
 * and remote MTA the caller found. Returns the recipient, or NULL. */
bounce_recipient *bn_prose_recipient(bounce_report *r, const char *address);
/* bn_prose_recipient for the first address bn_find_address() finds in
 * s (len bytes); NULL when it finds none. */
bounce_recipient *bn_prose_recipient_in(bounce_report *r, const char *s, size_t len);
/* Where the notice's own text after offset from (<= t->len) ends: at the
 * copy of the returned message bn_original_find_inline() finds there, else
 * at the end of t. */
size_t bn_prose_end_before_original(const GString *t, size_t from);
/* A recipient listed in a notice that gives one reason for all of them:
 * bn_prose_recipient_in, failed, filled with the notice's remote MTA (may
 * be NULL); its diagnostic is bn_prose_share_diagnostic's to give. Returns
 * the recipient, or NULL. */
bounce_recipient *bn_prose_listed_failure(bounce_report *r, const char *s, size_t len,
                                          const char *remote);
/* The first recipient of r whose address s[0..len) names whole
 * (bn_names_whole: "al@example.net" is not named by "sal@example.net"; with
 * sentence, a full stop after it ends the sentence), or NULL. */
bounce_recipient *bn_prose_named_recipient(const bounce_report *r, const char *s, size_t len,
                                           bool sentence);
/* Whether text that answers for the whole bounce names one of its
 * recipients. Asked once per report: asking per recipient over all the
 * others grows with the square of their number. */
bool bn_prose_names_any(const char *s, const bounce_report *r);
/* Whether that text (names_any: bn_prose_names_any's answer for it) names
 * another of the recipients and not rc: it is then that one's answer, not
 * rc's. */
bool bn_prose_names_other(const char *s, bool names_any, const bounce_recipient *rc);
/* Gives a notice's one diagnostic (may be NULL) to each recipient in listed
 * that it does not name another of: a notice that lists several recipients
 * under one quoted reply ("550 <b@...>: no such user") speaks of b alone,
 * and the others keep what else is known of them. */
void bn_prose_share_diagnostic(const bounce_report *r, const GPtrArray *listed,
                               const char *diag);
/* bn_prose_share_diagnostic, then frees listed (an array without a free
 * function); whether it held any recipient: the end of a recognizer that
 * lists recipients under one reason. */
bool bn_prose_share_listed(const bounce_report *r, GPtrArray *listed, const char *diag);
/* Appends a line to the recipient's diagnostic (joined by a space). */
void bn_prose_add_diagnostic(bounce_recipient *rc, const char *s, size_t len);
/* Takes the reply code from the recipient's diagnostic where nothing gave
 * one yet (a NULL recipient or diagnostic is left alone); the plural does
 * so for every recipient of the report. */
void bn_prose_reply_from_diagnostic(bounce_recipient *rc);
void bn_prose_replies_from_diagnostics(bounce_report *r);

/* Reads the original message's headers from the text at offset at. */
void bn_prose_original(const bn_view *v, bounce_report *r, gssize at);
/* A summary of the returned message a notice writes under its own lead
 * ("  To: a@b", "  Subject: ..."): each label (with its colon) and the
 * original's header it gives, in the order the notice writes them; where
 * a value's words may hold the label, at_label says whether the label at
 * s (up to the line's end) is one (NULL: unless a word of the value
 * before it ends in a colon, "Subject: Re: Sent: files"). */
typedef struct {
  const char *label, *name;
  bool (*at_label)(const char *s, const char *end);
} bn_summary_label;
/* Reads the line l (trimmed) of such a summary into the original's
 * header, where nothing set it yet: a line may hold one label, or,
 * where a client joined the paragraph onto one line, several in order,
 * each value ending before a later label. */
void bn_prose_original_summary(const bn_span *l, const bn_summary_label *labels, size_t n,
                               bounce_report *r);
/* qmail-style paragraphs: a line "<user@example.org>:" (text may follow on
 * it), then the lines of its diagnostic up to a blank line or the next such
 * line. Adds or completes one recipient each; returns how many it read. */
size_t bn_prose_angle_paragraphs(bounce_report *r, const char *s, size_t len);

/* Appends the decoded text of the message's first part of type/subtype
 * outside any returned message (a multipart/report's
 * message/disposition-notification, say), at most 64 KiB. False when there
 * is none. */
bool bn_prose_part(const bn_view *v, const char *type, const char *subtype, GString *out);

/* A rejection a delivery agent sends (Dovecot LDA/LMTP, Sieve "reject"):
 * the recipient from "Your message to <addr> was automatically rejected:"
 * or from the message/disposition-notification part's Final-Recipient
 * (its Reporting-UA host becomes the reporting MTA), the reason that
 * follows (after "The following reason was given:" when that is written)
 * as the diagnostic; a reason that names no cause and comes with no status
 * that does is a Sieve script's "reject", filtered. False when there is no
 * such sentence or recipient. */
bool bn_prose_rejection(const bn_view *v, bounce_report *r);
/* The same for an agent whose text is one line of its own, in the
 * recipient's language, then the reason (Zimbra's Sieve "reject"): the
 * recipient from the disposition-notification part, the reason from the
 * text's second line on. */
bool bn_prose_rejection_under_lead(const bn_view *v, bounce_report *r);

/* ---- Sendmail-style SMTP transcripts (transcript.c) ----
 * "... while talking to host.:" / "While talking to host:" opens a session;
 * ">>> CMD" is what the MTA sent, "<<< NNN text" what the remote answered;
 * "[NNN [x.y.z]] <addr>... text" is the MTA's own verdict on a recipient and
 * "NNN host (mailer)... text" its verdict on a host (Sendmail V5). */
typedef struct {
  char *address;       /* the recipient the step is about, or NULL */
  char *mentioned;     /* an address the remote's reply names, or NULL */
  char *host;          /* the remote host of the session, or NULL */
  const char *command; /* static SMTP command name, CONN before any; or NULL */
  GString *reply;      /* the remote's reply, continuation codes removed */
  GString *verdict;    /* the MTA's own words, without the address */
  char *program;       /* what a local program wrote before the verdict
                          ("mail.local: unknown user: kijitora"), or NULL */
  int session;         /* which session, from 1; 0 outside any */
  bool host_level;     /* a verdict on a host, not on a recipient */
  bool deferred;       /* the verdict says "Deferred" */
} bn_smtp_step;

typedef struct {
  GPtrArray *steps;    /* bn_smtp_step *, in the order written */
  int sessions;
  bool timed_out;      /* "Message could not be delivered for ..." */
  bool joined;         /* set by the caller before reading: a client joined
                        * the transcript's lines (it began on its heading's
                        * line), so each line is cut where Sendmail's own
                        * lines start */
  struct bn_step_index *index; /* the steps by the local part they name */
} bn_transcript;

/* A reply code "NNN" at s followed by a space, a dash or the end; or 0. */
int bn_reply_code_at(const char *s, size_t len);
/* The refusal's code (4xx or 5xx) when a reply line s holds its code and
 * an enhanced status at most, nothing after: a client re-wrapping a
 * transcript narrower put the reply's words on the next line. Else 0. */
int bn_reply_bare_refusal(const char *s, size_t len);
/* Appends one line of a (multi-line) SMTP reply to reply; a continuation
 * line loses its "NNN-x.y.z" so that the words read as one sentence.
 * Returns true when the line closes the reply ("NNN text", not "NNN-"). */
bool bn_reply_append(GString *reply, const char *line, size_t len);
/* Reads the lines of a transcript section; t is cleared first. */
void bn_transcript_read(bn_transcript *t, const char *s, size_t len);
void bn_transcript_clear(bn_transcript *t);
/* Whether an address a step names (a local name matches the local part)
 * is rc's: the address reported, or the mailbox an alias led to, which is
 * what the MTA attempted and wrote, in any form bn_same_mailbox takes for
 * the same. With reply, step_addr is one the remote's reply named, which
 * may be rc's with its subaddress cut off; a command's own argument is the
 * envelope as sent, whole (kenji@b's RCPT is not kenji-lists@b's). */
bool bn_transcript_names(const char *step_addr, const bounce_recipient *rc, bool reply);
/* Whether *s (*len bytes) is a local name Sendmail delivers to a mailbox
 * ("kijitora"), not a file ("/dev/null") or a program ("|/usr/bin/procmail"),
 * once the bytes of wrap at either end ("<kijitora>") are taken off *s and
 * *len. */
bool bn_transcript_local_name(const char **s, size_t *len, const char *wrap);
/* Whether st only accepted its address ("<<< 250 2.1.5 Ok" to RCPT) and no
 * verdict followed it: a recipient that failed met its fate later, in the
 * reply to DATA or to the dot that ended the message (RFC 5321 4.1.1.4;
 * RFC 2033 4.2, one reply each after the dot). False for NULL. */
bool bn_transcript_accepted_rcpt(const bn_smtp_step *st);

/* How far bn_transcript_find may look for rc's step. */
typedef enum {
  BN_STEP_NAMED,     /* only steps naming rc, or the session of its remote MTA */
  BN_STEP_LAST_LEFT, /* rc is the only recipient no step names: also the
                        refusal or verdict that names nobody */
  BN_STEP_SOLE,      /* rc is the report's only recipient: also a refusal
                        naming another address (a rewritten one) */
} bn_step_scope;

/* The step that tells what happened to rc: the one naming its address (for
 * a RCPT it accepted, the refusal of the message that followed), else
 * the refusal of the session with its remote MTA, else (as scope allows)
 * the refusal of the last session or the last verdict naming nobody. NULL
 * when none fits. */
const bn_smtp_step *bn_transcript_find(const bn_transcript *t, const bounce_recipient *rc,
                                       bn_step_scope scope);
/* The last step, naming no address but rc's and not on a host, whose
 * reply starts with d (n bytes, 5 or more), the byte after its code
 * aside: the reply a recipient's diagnostic quotes ("(reason: 552-5.7.0
 * ...)"). NULL when none. */
const bn_smtp_step *bn_transcript_quoted(const bn_transcript *t, const bounce_recipient *rc,
                                         const char *d, size_t n);
/* The addresses compared and steps looked at by bn_transcript_find and
 * bn_transcript_quoted on t, for the report's work (bn_report_work). */
size_t bn_transcript_work(const bn_transcript *t);
/* The reply code a step gives (the remote's, else the MTA's), or 0. */
int bn_transcript_code(const bn_smtp_step *st);
/* Completes rc from st: diagnostic (when it has none, has no code at all,
 * or is the first line of st's longer reply), reply code, command, remote
 * MTA. When the verdict names no cause ("554 Service unavailable") and a
 * local program's words before it do, those words are the cause and are
 * added to the diagnostic. */
void bn_transcript_apply(const bn_smtp_step *st, bounce_recipient *rc);
/* The cause words of the subject Sendmail makes of its error message
 * ("Returned mail: User unknown"; len gets their length), for a recipient
 * no transcript line names; NULL when the subject names no cause ("see
 * transcript for details"). */
const char *bn_sendmail_subject_words(const bn_view *v, size_t *len);
/* Sendmail's host name ($j), which qualifies the local names it reports
 * ("550 bob... User unknown"; savemail.c writes "Final-Recipient: rfc822;
 * bob@$j"): the host its MIME boundary ends in
 * ("x4E7C5Qa030112.1557817925/mx.example.org"), else the domain of the
 * notice's Message-Id, which Sendmail makes from the same name. A new
 * string, or NULL when neither names a host. */
char *bn_sendmail_host(const bn_view *v);
/* The subject is 8.6's and V5's for a return receipt, "Returned mail:
 * Return receipt": the message was delivered. */
bool bn_sendmail_subject_receipt(const bn_view *v);
/* The status Sendmail gives its own words on a recipient ("User unknown":
 * 5.1.1) when they begin words, or NULL (sendmail.c). */
const char *bn_sendmail_words_status(const char *words);

/* ---- more helpers, first used by the provider recognizers ---- */

/* The text's first line that is not blank, trimmed, within its first KiB
 * (where a notice opens on its headline or its own sentence), under a
 * gateway's banner paragraph above it ("[EXTERNAL]", "CAUTION: This email
 * originated from outside of the organization. ..."); false when there is
 * none. */
bool bn_prose_opening(const bn_view *v, bn_span *line);
/* The text of v between the line after the first line holding one of
 * starts (the text's start when starts is NULL) and the start of the first
 * later line holding one of ends (NULL: none), or of the inline copy of the
 * returned message, or the text's end. False when starts names lines and
 * none is there. */
bool bn_prose_section(const bn_view *v, const char *const *starts, const char *const *ends,
                      bn_span *out);
/* Adds a recipient for each line of sec, one address a line, up to the
 * first empty line. */
void bn_prose_address_lines(bounce_report *r, const bn_span *sec);
/* Adds (or finds) a recipient for each address the bounce's
 * X-Failed-Recipients headers name; returns how many they name. */
size_t bn_prose_failed_recipients(const bn_view *v, bounce_report *r);
/* The host name at s ("mx.example.jp", a trailing dot dropped), a new
 * string, or NULL when s does not start with a dotted name. */
char *bn_prose_hostname(const char *s, size_t len);

/* An answer an MTA quotes at the end of its own: "554 4.4.7 Message
 * expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed
 * out>". Writes the quoted reply code and status (0 / "" when it has none)
 * and returns true, or false when the text ends with no such answer. */
bool bn_prose_quoted_answer(const char *s, size_t len, int *code, char status[16]);
/* A server's reply quoted in a sentence of any language ("Vom
 * Remoteserver wurde '550 5.1.1 ...' zurückgegeben.", "El servidor remoto
 * devolvió '550 ...'", "远程服务器返回“554 5.2.2 ...”"): diag gets the text
 * inside the first quote of l that opens on a reply code. */
bool bn_prose_quoted_reply(const bn_span *l, bn_span *diag);
/* Appends to out (to free) each address s[0..len) lists, one after
 * another ("a@example.cn; b@example.cn", "<a@example.jp>、<b@example.jp>");
 * returns how many. */
size_t bn_prose_list_addresses(const char *s, size_t len, GPtrArray *out);
/* Whether a line ends as a label does: in ':', or in the full-width colon
 * of Chinese and Japanese (U+FF1A). */
bool bn_prose_ends_in_colon(const bn_span *l);

/* bn_prose_add_diagnostic for text read a line at a time: once the
 * diagnostic holds BN_PROSE_DIAG_MAX bytes further lines are dropped, so
 * that a hostile text of many lines costs linear time. */
/* "Not yet delivered" in the languages other than English whose notices
 * are read ("n'a pas encore été remis", "aún no ha podido ser entregado",
 * "nog niet bezorgd"): a notice of a message still queued. The fallback's
 * warning cues and Exchange's translated delay notices read them. */
#define BN_NOT_YET_DELIVERED                                                                   \
  "noch nicht zugestellt", "pas encore été remis", "pas encore été distribué",                 \
      "pas encore pu être remis", "aún no ha sido entregado", "aún no ha podido ser entregado", \
      "todavía no ha sido entregado", "todavía no se ha entregado", "nog niet bezorgd",         \
      "nog niet afgeleverd", "nog niet worden bezorgd", "non è ancora stato recapitato",        \
      "ancora non è stato recapitato", "ainda não foi entregue", "ainda não pôde ser entregue"

#define BN_PROSE_DIAG_MAX 2048
void bn_prose_add_line(bounce_recipient *rc, const char *s, size_t len);
/* bn_squeeze_dup of at most the first BN_PROSE_DIAG_MAX bytes (cut at a
 * character boundary): for a text that becomes the diagnostic of several
 * recipients. */
char *bn_prose_squeeze_capped(const char *s, size_t len);

/* ---- more prose helpers (exim, qmail, courier, opensmtpd, dma, ...) ---- */

/* Like bn_prose_before / bn_prose_after, but looking only at the text from
 * offset from on: the start of the first line there that contains one of
 * needles, or the offset just past that line; -1 when none does. */
gssize bn_prose_before_from(const GString *text, gsize from, const char *const *needles);
gssize bn_prose_after_from(const GString *text, gsize from, const char *const *needles);
/* Like bn_prose_after_from, but where words follow the heading and its
 * rule ("----- Transcript of session follows ----- 550 ...") on its own
 * line, their start: a client that joined each paragraph onto one line put
 * the section's first line there. */
gssize bn_prose_after_heading(const GString *text, gsize from, const char *const *needles);

/* The host name written at the start of s just before "[address]"
 * ("mx.example.jp [192.0.2.1]", "mx.example.jp[192.0.2.1]"); a new string,
 * or NULL when s does not start so. */
char *bn_prose_host(const char *s, size_t len);

/* The one-line form GMX and IONOS give Exim's error: "SMTP error from
 * remote server for RCPT TO command, host: mx.example.jp (192.0.2.25)
 * reason: 550 5.1.1 ...". Writes the host (a new string, or NULL) and the
 * reply after "reason:" and returns true, or false when s is not so. */
bool bn_prose_host_reason(const char *s, size_t len, char **host, bn_span *reply);

/* The stage of the SMTP dialogue and the remote host from qmail-remote's
 * sentence in s[0..len) ("192.0.2.1 does not like recipient.", "Connected
 * to 192.0.2.1 but sender was rejected."), filled into rc when found. */
void bn_qmail_stage(bounce_recipient *rc, const char *s, size_t len);

/* An SMTP reply written over several lines ("550-5.7.1 first" ... "550 5.7.1
 * last") joined into one line that gives the code and status once; lines
 * without the code are appended as they are. A new string. */
char *bn_prose_join_reply(const char *s, size_t len);

/* Fills the report's reporting MTA, when still empty, with the host name
 * s[0..len) writes just after lead ("This is the qmail-send program at "). */
void bn_prose_reporting_mta(bounce_report *r, const char *s, size_t len, const char *lead);

/* What an MTA's own fixed message says for sure: the cause, a status when
 * the message implies one, and whether it means the MTA gave up because
 * time ran out (then the action is "delayed", as for every expiry). */
typedef struct {
  const char *phrase;
  bounce_cause cause;
  const char *status;
  bool expiry;
} bn_mta_fact;

/* The first row of facts (n rows) whose phrase s contains, or NULL. */
const bn_mta_fact *bn_prose_fact(const bn_mta_fact *facts, size_t n, const char *s, size_t len);
/* Sets the cause, the status (when the row has one) and, for an expiry, the
 * action "delayed" on the recipient. */
void bn_prose_apply_fact(bounce_recipient *rc, const bn_mta_fact *f);
/* The action for an address an MTA's delay warning lists, given the reason
 * it states. The truth this project is scored on counts a warning that
 * states a reason (a remote server's refusal, a network error) as a failure
 * for that reason, and one that states none as a delay: the convention
 * lives here, for every recognizer at once. */
const char *bn_prose_warning_action(const char *reason);
/* An address a delay warning lists is still queued, so whatever held it up
 * is transient, even where the action above says "failed": without a status
 * of its own, or a code in what the MTA said, its class is 4, never the 5
 * that "failed" would derive. */
void bn_prose_warning_class(bounce_recipient *rc, const char *said);
/* Sets the recipient's action, replacing what a delivery-status part said. */
void bn_prose_set_action(bounce_recipient *rc, const char *action);

/* ---- more helpers (prose.c) ---- */

/* The columns of white space a line starts with (a tab counts 8). */
size_t bn_span_indent(const bn_span *l);
/* Whether the line (trimmed) ends on the "..." sendmail writes right
 * after an address ("<a@b>...", "a@b..."), not a reply's own trailing
 * dots ("content looks like spam..."), which may end its sentence. */
bool bn_span_ends_address_dots(const bn_span *l);
/* Whether the line (trimmed, not empty) ends a sentence: on '.', '!' or
 * '?', not on the "..." after an address ("550 5.7.0 <a@b>... Please use
 * ..."), where a client re-wrapping the notice may break the reply. */
bool bn_span_ends_sentence(const bn_span *l);
/* The address when the line holds nothing but one: "a@b", "<a@b>",
 * "a@b<mailto:a@b>", "Name (a@b)" or "a@b (a@b)<mailto:a@b>"; a new
 * string or NULL. */
char *bn_line_address_only(const char *p, size_t len);
/* Whether the line holds nothing but an address, as above. */
bool bn_line_is_address(const char *p, size_t len);
/* Whether that address is addr (compared without case): the line stands
 * for addr alone, as Exchange's "a@b (a@b)<mailto:a@b>" does. */
bool bn_line_is_address_of(const char *p, size_t len, const char *addr);
/* The mailbox addresses of the returned message's To and Cc, in order, as
 * bn_header_mailboxes() gives them: read once by a recognizer that looks up
 * many names among them, not once per name. */
GPtrArray *bn_original_addresses(const bounce_report *r);
/* The envelope recipient the returned message's header names (received.c):
 * the "for <addr>" of its first Received field that the notice's own host
 * wrote, its "by" naming the report's reporting MTA, the host of the
 * notice's From or Message-Id, or also (may be NULL). inline_at: the
 * offset in the text of an inline copy of that header, or -1. A new string,
 * or NULL when no such field names one. */
char *bn_received_for(const bn_view *v, const bounce_report *r, gssize inline_at,
                      const char *also);
/* The one recipient a verdict on the whole message is of: the envelope's,
 * as bn_received_for finds it, else the returned message's where its To
 * and Cc (addrs) name exactly one. A new string, or NULL. */
char *bn_sole_recipient(const bn_view *v, const bounce_report *r, gssize inline_at,
                        const char *also, const GPtrArray *addrs);
/* bn_prose_recipient for bn_sole_recipient's address, the returned
 * message's To and Cc as addrs; NULL where there is none. */
bounce_recipient *bn_prose_sole_recipient(const bn_view *v, bounce_report *r, gssize inline_at,
                                          const char *also);
/* The recipient with this address; when there is none yet, a new one if
 * add is true (the prose is all there is), else NULL (a delivery-status
 * part named the recipients and the prose only completes them). */
bounce_recipient *bn_prose_recipient_if(bounce_report *r, const char *address, bool add);
/* bn_prose_recipient_if for s (len bytes) read whole as one address, as
 * bn_address_clean() reads it ("<a@b>", " a@b "); NULL when s is NULL or
 * holds none. For a span that only holds an address somewhere, see
 * bn_prose_recipient_in. */
bounce_recipient *bn_prose_recipient_at(bounce_report *r, const char *s, size_t len, bool add);

/* A fixed sentence an MTA writes and the cause it means for sure. */
typedef struct {
  const char *phrase;
  bounce_cause cause;
} bn_cause_row;
/* The cause of the first row whose phrase s contains (case-insensitive
 * for ASCII), or BOUNCE_CAUSE_UNDEFINED. */
bounce_cause bn_cause_table_find(const char *s, size_t len, const bn_cause_row *rows, size_t n);
/* Records a cause the MTA's own words leave no doubt about. */
void bn_prose_set_cause(bounce_recipient *rc, bounce_cause cause);

/* A list manager's refusal of a post (Mailman's, mlmmj's; read as the
 * corpus reads Google Groups' and fml's):
 * the list address failed; reason, the refusal's own text (may be NULL),
 * is its diagnostic and names the cause where it can, else the sender was
 * refused (rejected). */
void bn_prose_list_refusal(bounce_recipient *rc, const char *reason);

/* ---- labelled notices of the Chinese web mail providers (chinese-webmail.c) ---- */

/* Whether the text lists a recipient under 收件人 and a reason under
 * 退信原因 / 失败原因 (and the message is a bounce with no
 * delivery-status part). */
bool bn_cn_notice_claim(const bn_view *v);
/* Reads those fields: each recipient, its reason (the server's answer
 * when quoted) as the diagnostic. False when it found no recipient. */
bool bn_cn_notice_read(const bn_view *v, bounce_report *r);

/* Cisco IronPort's notice (ironport.c), which Amazon SES's older bounces
 * also were: the recipient of "The following message to <a@b> was
 * undeliverable." with the line under "The reason for the problem:" as its
 * diagnostic. False when it found no recipient. */
bool bn_ironport_read(const bn_view *v, bounce_report *r);
/* The reply the appliance quotes in its summary ("5.1.0 - Unknown address
 * error 550-'5.1.1 <a@b>... User unknown' (delivery attempts: 0)") made the
 * recipient's diagnostic, the summary's status kept when the reply has
 * none. False when the diagnostic quotes no reply. */
bool bn_ironport_unwrap(bounce_recipient *rc);

/* Amazon SES (amazonses.c), by mail or through SNS: the remote answer
 * SES quotes in the diagnostic ("... 550-'5.1.1 ...'") gives the reply
 * code and status; SES's own "Message expired" gives the cause. */
void bn_amazonses_answer(bounce_recipient *rc);

#endif
