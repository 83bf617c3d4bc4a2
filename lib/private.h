/*
 * Internal types and helpers shared by the files of lib/. Nothing here is
 * exported: the version script keeps every symbol but bounce_* local, and
 * internal functions use the bn_ prefix.
 */
#ifndef BOUNCE_PRIVATE_H
#define BOUNCE_PRIVATE_H

#include "bounce.h"
#include <gmime/gmime.h>
#include <stdbool.h>

#define BN_LIMIT_COUNT 6
#define BN_FIELD_COUNT 8

struct bounce_error {
  bounce_error_code code;
  char *message;
};

struct bounce_options {
  size_t limits[BN_LIMIT_COUNT];
  unsigned int include;
  GPtrArray *headers; /* extra original headers asked for (char *) */
};

struct bounce_recipient {
  char *address;
  char *original_recipient;
  /* The mailbox an alias led to (Sendmail's X-Actual-Recipient), which the
   * MTA's transcript names; not reported, as the sender acts on the
   * address it wrote. NULL when the same as address or unknown. */
  char *actual_recipient;
  /* The name Exchange 2000/2003 give the recipient (X-Display-Name),
   * which their text may list instead of its address; or NULL. */
  char *display_name;
  /* The comment after a failure's Status code ("5.0.0 (dial tcp ...: i/o
   * timeout)"): the diagnostic where nothing else gives one; or NULL. */
  char *status_comment;
  char *action;
  char *status;
  char *smtp_command;
  char *remote_mta;
  /* The answering server the notice's prose names for this recipient
   * (bn_rhost_prose_hosts), for the provider layer where its Remote-MTA
   * names none; not reported. NULL when none. */
  char *prose_host;
  char *diagnostic;
  char *last_attempt_date;
  char *will_retry_until;
  char *feedback_type;
  int reply_code;
  bounce_cause cause;
  bool hard;
  bool permanent;
  /* The Diagnostic-Code's type is X-Unix: a local program (a delivery
   * agent, a pipe) answered, not an SMTP server. */
  bool unix_diagnostic;
  /* X-Actual-Recipient names a program ("X-Unix; |/usr/bin/procmail"):
   * Sendmail piped the message to it through its prog mailer, so the
   * delivery was a local program's, with or without its Diagnostic-Code. */
  bool program_recipient;
  /* The class ('4', '5') of a bare reply code in the Status field ("Status:
   * 550"), or 0: it says no more than the class, so it stands in for the
   * status only where nothing else gives one, as the action does. */
  char status_class;
  guint8 status_class_source;
  /* The notice says the MTA stopped retrying because the message's time
   * in its queue ran out ("I'm not going to try again; this message has
   * been in the queue too long."), after this recipient's last error:
   * bn_classify then reads that error by the give-up rule
   * (bn_outlived_cause). */
  bool outlived;
  /* The reply code some servers write before the status ("Status: 550
   * 5.1.1"), or 0: the reply where the diagnostic quotes none. */
  int status_reply;
  guint8 status_reply_source;
  guint8 status_comment_source;
  guint8 source[BN_FIELD_COUNT];
  struct bounce_report *owner; /* whose address index to keep up to date */
};

struct bounce_report {
  bounce_kind kind;
  char *mta;
  char *reporting_mta;
  char *arrival_date;
  GPtrArray *recipients; /* bounce_recipient * */
  GPtrArray *original;   /* name, value, name, value ... (char *) */
  GPtrArray *warnings;   /* char * */
  /* the returned header's last field when it ran into the end of its part
   * with no line end after it, or NULL (original.c bn_original_addressees) */
  char *original_cut;
  bool truncated;
  size_t max_recipients;
  GHashTable *by_address; /* lower-cased address -> first recipient with it */
  bool index_stale;       /* rebuilt on the next lookup */
  /* Comparisons made by steps whose work could grow faster than the
   * input (bn_report_work): the hostile-input tests bound it. */
  size_t work;
};

/* ---- error.c ---- */
void bn_error_set(bounce_error **err, bounce_error_code code, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* ---- options.c ---- */
size_t bn_limit(const bounce_options *opts, bounce_limit which);
unsigned int bn_include(const bounce_options *opts);

/* ---- report.c ---- */
bounce_report *bn_report_new(const bounce_options *opts);
/* Replaces *slot with a copy of value; NULL or "" leave it empty (NULL). */
void bn_set_str(char **slot, const char *value);
void bn_set_strn(char **slot, const char *value, size_t len);
/* A new recipient at the end of the report, or NULL (and the report marked
 * truncated) when the recipient limit is reached. address may be NULL. */
bounce_recipient *bn_report_add(bounce_report *r, const char *address, bounce_source src);
/* The recipient with this address (case-insensitive), or NULL. */
bounce_recipient *bn_report_find(const bounce_report *r, const char *address);
/* The recipient with this address reported for this original recipient:
 * one whose original recipient is unknown, or is original. One mailbox
 * reached through two addresses the sender wrote (two aliases expanded to
 * it) is two recipients, since a sender acts on the address it wrote. */
bounce_recipient *bn_report_find_for(const bounce_report *r, const char *address,
                                     const char *original);
/* Whether two original recipients may be one: either unknown, or equal. */
bool bn_same_original(const char *a, const char *b);
bounce_recipient *bn_report_rcpt(const bounce_report *r, size_t i);
size_t bn_report_count(const bounce_report *r);
/* The comparisons counted in r's work (struct bounce_report). */
size_t bn_report_work(const bounce_report *r);
void bn_report_remove(bounce_report *r, size_t i);
void bn_report_clear(bounce_report *r);
/* Takes r's recipients out (a reading that may be undone), leaving none;
 * bn_report_put_back returns them in place of any r has since. */
GPtrArray *bn_report_take(bounce_report *r);
void bn_report_put_back(bounce_report *r, GPtrArray *taken);
void bn_report_warn(bounce_report *r, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void bn_report_set_original(bounce_report *r, const char *name, const char *value);
/* The same with a value of the caller's own making, which it gives up. */
void bn_report_take_original(bounce_report *r, const char *name, char *value);
const char *bn_report_original(const bounce_report *r, const char *name);

/* Setting one field of a recipient and recording where it came from. Empty
 * values are ignored, so callers can pass what they found unconditionally;
 * so is a NULL recipient (what bn_report_add gives past the limit). */
void bn_rcpt_set(bounce_recipient *rc, bounce_field f, const char *value, bounce_source src);
void bn_rcpt_set_reply_code(bounce_recipient *rc, int code, bounce_source src);
/* Same, but only when the field is still empty. */
void bn_rcpt_fill(bounce_recipient *rc, bounce_field f, const char *value, bounce_source src);
const char *bn_rcpt_get(const bounce_recipient *rc, bounce_field f);
/* The recipient's action says the message reached it or went on towards
 * it (RFC 3464 "delivered", "relayed", "expanded"). */
bool bn_rcpt_succeeded(const bounce_recipient *rc);

/* ---- view.c: what the recognizers read ---- */

/* A message sorted into the pieces a bounce is made of. Every string is
 * UTF-8 with \n line ends; none is NULL ("" when absent). */
typedef struct bn_view {
  GMimeMessage *msg;
  const bounce_options *opts;
  bounce_report *report;
  const char *from;       /* From header, decoded */
  char *from_addr;        /* address part of From, lower case */
  char *from_mailbox;     /* the same as written, for a report: local part's
                             case and an "xn--" domain kept, domain in lower
                             case as bn_address_clean leaves every address */
  const char *subject;    /* Subject, decoded */
  /* the subject with its letters outside ASCII in lower case ("НЕ
   * ДОСТАВЛЕНО"), for the matchers that fold ASCII case only */
  const char *subject_lower;
  const char *report_type; /* report-type of a multipart/report, lower case */
  /* the message's body, or the notice a gateway's footer part follows
   * (view.c footed_notice): what the sender wrote, as they wrote it */
  GMimeObject *notice;
  GString *text;          /* the bounce's own prose: its text parts outside the
                             returned message, decoded, joined by \n */
  GString *dsn;           /* message/(global-)delivery-status part(s), raw */
  GString *feedback;      /* message/feedback-report part */
  GString *wrapped_dsn;   /* the delivery-status fields of a report a relay's
                             notice carries whole as an attached message: read
                             when the notice itself yields no recipient */
  GMimeMessage *wrapped;  /* that attached report, or NULL */
  GMimeMessage *returned; /* the returned original (message/rfc822), or NULL */
  GString *returned_headers; /* text/rfc822-headers, or a returned message
                                GMime did not parse as one */
  /* where a message cut short ended (bn_view_init's ran_out): the last
   * part, whose header block ran into the end (no content then, however
   * the stream carried it), or NULL */
  GMimeObject *header_ran_out;
  /* the returned headers' end is the message's, cut short inside that
   * part's content: no line end at it shows its last line whole */
  bool returned_headers_ran_out;
  int parts;              /* MIME parts walked */
  bool html_only;         /* text came from HTML */
  char *subject_own;      /* storage of subject and from: white space */
  char *from_own;         /* squeezed, as folding leaves tabs in them */
  char *subject_lower_own; /* NULL when the subject is ASCII */
  struct bn_view_memo *memo; /* tests done once per message (bn_view_once) */
  /* A bit per header name the message and its top part have (view.c
   * header_mark): bn_view_header answers a name whose bit is clear, most
   * of those the recognizers ask for, without GMime's lookup. */
  guint64 header_marks[4];
} bn_view;

/* fn(v), computed once per message: for a test several recognizers make
 * (a claim helper they share, a scan of the text); the later calls give
 * the first result at no cost. fn must depend on v alone. */
bool bn_view_once(const bn_view *v, bool (*fn)(const bn_view *v));
/* How much of the text's first max bytes the notice wrote itself: up to
 * the inline copy of a returned message bn_original_find_inline() finds
 * (found once per message). A claim by sentences looks only there: a
 * message the sender forwarded, returned inline by another system, may
 * quote another mail system's notice. */
size_t bn_view_own_len(const bn_view *v, size_t max);
/* bn_original_find_inline() of the whole text, found once a message. */
gssize bn_view_inline_copy(const bn_view *v);

/* Where a message's bytes ran out before its structure did (a message
 * cut short): nowhere (or a message the caller parsed), in its last part's
 * header block, or in that part's content. part: that last part.
 * delimiter, delimiter_len: in content, the bytes' unended last line when
 * it is the start of an enclosing multipart's boundary line ("--00000"),
 * which GMime, not seeing the whole boundary, leaves in the part's
 * content; else NULL, 0. */
typedef enum { BN_RAN_OUT_NOWHERE, BN_RAN_OUT_IN_HEADER, BN_RAN_OUT_IN_CONTENT } bn_ran_out_where;
typedef struct {
  bn_ran_out_where where;
  GMimeObject *part;
  const char *delimiter;
  size_t delimiter_len;
} bn_ran_out;
bool bn_view_init(bn_view *v, GMimeMessage *msg, const bounce_options *opts,
                  bounce_report *report, bn_ran_out ran_out, bounce_error **err);
void bn_view_clear(bn_view *v);
/* The content types a delivery report is made of: RFC 6522's
 * multipart/report and the status parts (RFC 3464, RFC 6533), whose
 * subtype is also the report-type that names them. Ends with a NULL type. */
typedef struct {
  const char *type, *subtype;
  bool status_part;
} bn_report_type;
extern const bn_report_type bn_report_types[];
/* Whether the From is a mail system (MAILER-DAEMON, postmaster, ...). */
bool bn_view_from_mailer(const bn_view *v);
/* Whether the message came with the null envelope sender (Return-Path
 * "<>", RFC 5321 4.5.5). */
bool bn_view_null_sender(const bn_view *v);
/* Whether the message presents itself as a bounce at all: a report, a
 * mail-system sender, an empty Return-Path, or an auto-generated message
 * whose envelope sender is not a person's or a service's own. */
bool bn_view_looks_like_bounce(const bn_view *v);
/* Sent as a mail system sends its notices: from its mailbox, with the null
 * envelope sender, or marked auto-generated (RFC 3834). */
bool bn_view_sent_by_mail_system(const bn_view *v);
/* Written in a mail client (User-Agent, a client's X-Mailer): a person's
 * message (sort.c). */
bool bn_view_written_in_mail_client(const bn_view *v);
/* A header of the bounce, decoded, or NULL. */
const char *bn_view_header(const bn_view *v, const char *name);
/* A header of the returned original as it was written (folds kept),
 * whether the original came whole (message/rfc822) or as its header only
 * (text/rfc822-headers, RFC 6522), or NULL; the caller frees it. */
char *bn_view_returned_header(const bn_view *v, const char *name);
/* Whether the returned original has field name above every field below
 * (a header grows at its top: a field above every Received was added after
 * the last hop, by the host that received the message). */
bool bn_view_returned_header_above(const bn_view *v, const char *name, const char *below);
/* The markup of the notice's own HTML parts (not the returned message's,
 * nor an HTML attachment), decoded once for all the needles a reader looks
 * for in it: a link's target, which the text made of the HTML shows only as
 * its label ("LEARN MORE"). The first 64 KiB of each part, of at most the
 * view's part limit, a newline between parts; NULL when there is none; the
 * caller frees it. */
GString *bn_view_html_markup(const bn_view *v);
/* Decodes a leaf part's content to UTF-8 text (charset and transfer
 * encoding), at most max bytes; appended to out. Only the start of a part
 * far bigger than that is decoded, and warn is then marked truncated. */
/* The content of a part with its transfer encoding undone, at most its
 * first cap bytes (*cut then set). */
GByteArray *bn_read_decoded(GMimeDataWrapper *content, size_t cap, bool *cut);
void bn_part_text(GMimePart *part, GString *out, size_t max, size_t max_line,
                  bounce_report *warn);
/* How many bytes of the gateway banners ("CAUTION: This email originated
 * from outside of the organization. ...", Microsoft's first-contact safety
 * tip, Proofpoint's warning tag) s[0..len) opens with, or 0 (mta/prose.c). */
size_t bn_prose_banners_end(const char *s, size_t len);

/* ---- guess.c: the charset of text that does not say ---- */
/* The legacy charset (iconv name) that 8-bit text that is not UTF-8 is in,
 * judged from its first few KB; NULL when its bytes show no script. */
const char *bn_charset_guess(const char *s, size_t len);
/* The charset single-byte text labelled in another single-byte alphabet
 * (or a Latin one on CJK text) is really in, when its letters say so
 * clearly; NULL when the label stands. */
const char *bn_charset_relabel(const char *s, size_t len, const char *label);
/* Whether text (or an encoded word's bytes) under charset's label is UTF-8
 * all the same: valid UTF-8 with some non-ASCII that the label does not
 * read, or reads as more characters or as a hanzi inside a Latin word. */
bool bn_utf8_under_label(const char *s, size_t len, const char *charset);

/* ---- iconv.c: converters to UTF-8 kept open between messages ---- */
/* A descriptor converting charset from to UTF-8, or (iconv_t)-1; give it
 * back with bn_iconv_close() and the same charset name. */
iconv_t bn_iconv_open(const char *from);
/* The converter's name for a charset label mail programs write that
 * iconv does not know ("x-sjis", "ks_c_5601-1987"); label itself else. */
const char *bn_charset_name(const char *label);
/* label lower-cased without its '-' and '_' into name, the form in which
 * its spellings agree ("ISO_8859-1", "iso8859-1", "ISO-8859-1"); false
 * when it is too long to be a charset these tables name. */
#define BN_CHARSET_SQUEEZED 16
bool bn_charset_squeeze(const char *label, char name[BN_CHARSET_SQUEEZED]);
/* Whether label, squeezed so, is one of names[0..n) (squeezed spellings). */
bool bn_charset_in(const char *label, const char *const *names, size_t n);
/* Whether plain ASCII text s (no NUL) under label converts to itself: an
 * ASCII-compatible charset, from a short list, or ISO-2022-JP or -KR text
 * that never shifts out of ASCII; false when unsure. */
bool bn_charset_ascii_same(const char *label, const char *s, size_t len);
/* A raw header value whose RFC 2047 encoded words name charsets no
 * converter knows, with the charsets that read them (an alias's, UTF-8,
 * or a guess) in their place, and each run of B words GMime 3.2 would
 * cut short joined into one word; NULL when there is nothing to change. */
char *bn_encoded_words_relabel(const char *raw);
/* A raw header value unfolded and decoded with its encoded words put right
 * (bn_encoded_words_relabel); NULL when there is nothing to put right and
 * fallback is false, else GMime's own decoding of it. */
char *bn_header_mended(const char *raw, bool fallback);
/* A raw header value unfolded when it is what GMime's decoding of it
 * gives (ASCII, no encoded word), else NULL: the value without the decoder's
 * work, some 3,000 instructions a field. */
char *bn_header_plain(const char *raw);
void bn_iconv_close(const char *from, iconv_t cd);
/* s[0..len) in charset as UTF-8 (g_free it), or NULL when a byte is no
 * part of charset. With cut (a sample cut from longer text), a character
 * its end cuts is left out rather than failing the sample. */
char *bn_iconv_strict(const char *s, size_t len, const char *charset, bool cut);

/* ---- text.c: finding things in free text ---- */

/* A span inside a longer text. */
typedef struct {
  const char *p;
  size_t len;
} bn_span;

/* How far white space and a diagnostic type ("smtp;", "X-Postfix;") open
 * s[0..len): where the diagnostic's own words start. */
size_t bn_skip_diag_type(const char *s, size_t len);

/* The first valid RFC 3463 status in s[0..len) (not part of an IP address,
 * version or date); writes it to out (at least 12 bytes). */
bool bn_find_status(const char *s, size_t len, char out[16]);
/* The same, and where in s it stands (NULL when there is none): the text
 * may hold the same digits earlier where they are no status ("10.5.1.1"). */
const char *bn_find_status_at(const char *s, size_t len, char out[16]);
/* The status a DSN's Status field gives (leading zeros dropped), else the
 * class ('4', '5') of a bare reply code written there, else 0. */
bool bn_read_status_field(const char *s, size_t len, char out[16]);
char bn_status_field_class(const char *s, size_t len);
/* Validates and normalises one status token ("5.1.1"). */
bool bn_status_valid(const char *s, size_t len);
/* Links in free text: URLs ("https://...", "www..."), e-mail addresses
 * and host names (three labels or more, the last of two to six letters:
 * "mx-spam.example.net", not Exchange's "RESOLVER.ADR.RecipNotFound").
 * When s holds one, *plain is s with each link replaced by one byte 0x01
 * and *links the links joined by spaces (both new), and the result is
 * true; otherwise both are left alone. */
bool bn_split_links(const char *s, size_t len, GString **plain, GString **links);
/* The SMTP reply code the text gives (at its start, before an enhanced
 * status, or after "said:"), or 0. */
int bn_find_reply_code(const char *s, size_t len);
/* The same of a text a Diagnostic-Code field typed as a reply (its type
 * dropped): its opening number is the reply's code even before a word a
 * count is written with ("550 messages from your network are refused"). */
int bn_find_typed_reply_code(const char *s, size_t len);
/* Whether the text gives a reply code or an enhanced status: a server's
 * answer rather than a sentence about it. */
bool bn_gives_code(const char *s, size_t len);
/* The remote server's reply inside a gateway's summary of it (Cisco
 * IronPort's): "5.1.0 - Unknown address error 550-'5.1.1 <a@b>... User
 * unknown' (delivery attempts: 0)" gives "550 5.1.1 <a@b>... User
 * unknown". A new string, or NULL when s holds no such quoted reply. */
char *bn_category_reply(const char *s, size_t len);
/* The status of the failure a diagnostic reports, as finish.c reads it
 * when it completes a record: up to a quoted earlier reply or an Exim
 * callout report, and no success status beside a refusal (a greeting's
 * "Postfix (2.5.6)"). A gateway's category before the reply it quotes is
 * left to the caller. */
bool bn_reply_own_status(const char *diag, size_t len, char out[16]);
/* The gateway's own status before its category ("5.1.0 - Unknown address
 * error ...") for the reply it quotes, written to out; false when there
 * is none, when the reply has a status of its own, or when its words name
 * no cause. */
bool bn_category_status(const char *s, size_t len, const char *reply, char out[16]);
/* A multi-line SMTP reply an MTA wrote on one line ("552-5.7.0 its content
 * presents a potential 552-5.7.0 security issue. ... 552 5.7.0 content
 * guidelines"): a copy of s without the markers that repeat the code and
 * status of the reply's first line, so that its words read as one
 * sentence; NULL when s holds no such marker. */
char *bn_reply_unmarked(const char *s, size_t len);
/* Where that reply code stands in s, or NULL: the start of the server's
 * answer in a text that introduces it ("host mx.example.org said: 550
 * ..."). */
const char *bn_find_reply(const char *s, size_t len);
/* Whether d, one line of a multi-line reply, is part of reply, the whole
 * reply joined (same code, d's words found in it). */
bool bn_reply_holds(const char *reply, size_t rlen, const char *d, size_t dlen);
/* True when s[0..len) holds nothing but ASCII blanks (or nothing). */
bool bn_all_space(const char *s, size_t len);
/* Where the word that opens s[0..len) ends: at its first blank outside a
 * quoted string, so that an address with a quoted local part ("john
 * doe"@example.com, as RFC 5321 allows) is one word. */
size_t bn_word_end(const char *s, size_t len);
/* Where s[0..len) first has a byte of stops outside a quoted string; len
 * when it has none. A quote never closed counts as no quote. */
size_t bn_unquoted_find(const char *s, size_t len, const char *stops);
/* The first e-mail address in the text (in <> or bare), cleaned; a new
 * string or NULL. */
char *bn_find_address(const char *s, size_t len);
/* A byte an address's local part or domain may hold (ASCII). */
bool bn_address_byte(char c);
/* A byte of a local part that is ASCII (its byte before the '@' is) or
 * not: beside an ASCII address a non-ASCII byte is the running text
 * around it (Japanese or Chinese writes none between), not the address. */
bool bn_local_byte(char c, bool ascii_local);
/* Whether s[0..len) names address whole: no byte beside it is one that
 * part() says goes on with an address ("ren@example.jp" is not named by
 * "karen@example.jp"). With sentence, a full stop after it that ends the
 * text or comes before a byte part() refuses ends a sentence, not the
 * address. */
bool bn_names_whole(const char *s, size_t len, const char *address, bool (*part)(char),
                    bool sentence);
/* Whether the address a server or a transcript named (named) is addr's
 * mailbox in another form: case, a quoted local part, a percent-hack
 * route, an IDN domain in UTF-8 or punycode, a trailing dot; with
 * subaddress, also addr with its "+ext" or "-ext" cut off (named being
 * the base), as the server that delivers strips it. */
bool bn_same_mailbox(const char *named, const char *addr, bool subaddress);
/* Cleans an address as written in a field or text: strips "rfc822;",
 * <>, quotes, xtext; lower-cases the domain. NULL when it is no address. */
char *bn_address_clean(const char *s, size_t len);
/* A mailbox GMime parsed from a header, cleaned as bn_address_clean does.
 * GMime hands an "xn--" domain back in UTF-8; the ASCII form is the one the
 * sender mailed and a list holds, so it is kept where text[0, len) (the
 * header, or the part of it where the mailbox stands) writes it; *end, when
 * given and that form is found, is set past it. NULL when there is no valid
 * address. */
char *bn_mailbox_as_written(InternetAddressMailbox *mb, const char *text, size_t len, size_t *end);
/* The mailbox addresses of list, which GMime parsed from header, in the
 * header's order, as bn_mailbox_as_written() gives them, at most max,
 * appended to out (which frees them). An item GMime dropped only for a
 * dot before the "@" or two in a row ("taro.@docomo.ne.jp") is read from
 * the header and kept in its place. */
void bn_header_mailboxes(InternetAddressList *list, const char *header, guint max, GPtrArray *out);
/* bn_header_mailboxes for a header value not parsed yet (NULL or "": none). */
void bn_parse_mailboxes(const char *header, guint max, GPtrArray *out);
/* GMime reads a group in a group by recursion, one set of stack frames per
 * level: thousands of "a:" overflow a thread's small stack. RFC 5322
 * allows no nesting at all; an address list deeper than this is not given
 * to GMime (addrlist.c, and prescan.c for the fields GMime parses itself).
 * Far above any mailer's: colons GMime misreads as groups add up along a
 * list (raw ISO-2022-JP names: 20 of them can reach 40), and 128 levels
 * cost GMime some 36 KiB of stack. */
#define BN_MAX_GROUP_DEPTH 128
/* The most groups open at once in the address list h[0..len), counted up
 * to cap: a colon outside quotes, comments, angle brackets and domain
 * literals ("[IPv6:2001:db8::1]") opens one, a ";" closes the innermost. */
guint bn_group_depth(const char *h, size_t len, guint cap);
/* True when s looks like local@domain. */
bool bn_address_valid(const char *s);
/* The local parts of a mailbox no person reads ("noreply@", "do-not-reply@"),
 * NULL-terminated: a notice's own sender, not a recipient. */
extern const char *const bn_no_reply_locals[];
/* True when the len bytes at s are an unquoted local part (RFC 5322 atext
 * and dots: "o'brien", "jean+news"). */
bool bn_local_part_valid(const char *s, size_t len);
/* The SMTP command named in the text ("in reply to RCPT TO command",
 * "after MAIL FROM", ">>> DATA"), or NULL (static string). */
const char *bn_find_smtp_command(const char *s, size_t len);
/* Normalises an SMTP command word ("rcpt to" -> "RCPT"), or NULL. */
const char *bn_smtp_command_name(const char *s, size_t len);
/* Collapses runs of white space to one space and trims; in place. */
void bn_squeeze(GString *s);
char *bn_squeeze_dup(const char *s, size_t len);
/* The length of s[0..len) cut to at most max bytes between two UTF-8
 * characters, never inside one. */
size_t bn_utf8_cut(const char *s, size_t len, size_t max);
/* g_ascii_tolower() inline, for the inner loops of the searches. */
static inline char
bn_ascii_lower(char c)
{
  return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}
/* The slot of a table of 1024 for a pointer, as the searches' per-needle
 * tables use it. The needles are string constants laid out next to each
 * other, whose low address bits put neighbours of different tables in one
 * slot: multiplying by 2^64 / phi spreads them (Fibonacci hashing). */
static inline size_t
bn_slot_1024(const void *p)
{
  return (size_t)(((guint64)(guintptr)p * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> 54);
}
/* Case-insensitive ASCII substring search; NULL when absent. */
const char *bn_strcasestr(const char *hay, size_t haylen, const char *needle);
/* The same for the first n bytes of needle (which need not end there). */
const char *bn_strncasestr(const char *hay, size_t haylen, const char *needle, size_t n);
/* The place of the byte of needle[0..n) (n > 0) that is rarest in bounce
 * text, the first of them if several are as rare: bn_strncasestr looks for
 * a needle by it. */
size_t bn_rarest_byte(const char *needle, size_t n);
/* bn_strncasestr looking for the needle by its byte k (k < n), for a
 * caller that remembers its needles' bn_rarest_byte itself. */
const char *bn_strncasestr_by(const char *hay, size_t haylen, const char *needle, size_t n,
                              size_t k);
bool bn_has_prefix_ci(const char *s, const char *prefix);
/* True when every byte of s[0..len) is ASCII and none is NUL: valid
 * UTF-8 as g_utf8_validate() would say, read eight bytes at a time. */
bool bn_plain_ascii(const char *s, size_t len);
/* The length of the one of prefixes (NULL-ended) the text at p, up to
 * end, opens with, byte for byte; 0 when none. */
size_t bn_opens_with_any(const char *p, const char *end, const char *const *prefixes);
/* A byte of a word: an ASCII letter or digit, or any byte of a multi-byte
 * UTF-8 character (so "Empfänger" is one word, not "Empf" and "nger"). */
bool bn_word_byte(char c);
/* Whether s[0..len), without the marks in trim at its end (the spaces and
 * colon before an address), ends with one of words (NULL-ended), ASCII case
 * folded, as a whole word: no letter or digit glued before it (an ASCII one,
 * or one of a script that writes words apart: "Empfängeraddress" is one
 * word; a no-break space, a CJK full stop or a Chinese word before it
 * bound it, as a blank does). */
bool bn_ends_with_word(const char *s, size_t len, const char *trim, const char *const *words);
/* Whether the character ending at s[at - 1] (at > 0) is a letter or digit a
 * word opening at s[at] would be glued to: an ASCII one, one of a script
 * that writes words apart, or a byte that is no UTF-8; a no-break space, a
 * dash, a guillemet or a CJK character bounds, as a blank does. */
bool bn_glued_before(const char *s, size_t at);
/* Whether host is domain or a name under it ("mx.example.jp" in
 * "example.jp", not in "ample.jp"), ASCII case folded. */
bool bn_host_within(const char *host, const char *domain);
/* Whether addresses a and b are at one domain, ASCII case folded; false
 * when either is NULL or has no '@'. */
bool bn_same_domain(const char *a, const char *b);
/* Strips HTML tags and decodes the common entities. */
void bn_html_to_text(const char *html, size_t len, GString *out);

/* Iterating over the lines of a text. */
typedef struct {
  const char *p;
  const char *end;
} bn_lines;
void bn_lines_init(bn_lines *it, const char *s, size_t len);
/* The next line without its \n (and \r), or false at the end. (view.c
 * already cut lines longer than the line-length limit.) */
bool bn_lines_next(bn_lines *it, bn_span *line);
/* Strips white space at both ends of a line. */
void bn_span_trim(bn_span *l);
/* Splits a line a client joined from several at cut: line keeps what
 * stands before it, *rest gets what follows (its leading blanks skipped),
 * to be read as the next line. False, and *rest empty, when cut is NULL
 * or only blanks follow it. */
bool bn_span_split(bn_span *line, bn_span *rest, const char *cut);
/* The next line a reader takes: the rest it cut from the line before (by
 * bn_span_split: a line a client joined from several), when there is one,
 * else the next line of it by next (bn_lines_next or
 * bn_lines_next_trimmed). *rest is emptied; false at the end. */
bool bn_lines_resume(bn_lines *it, bn_span *rest, bn_span *line,
                     bool (*next)(bn_lines *it, bn_span *line));
/* The widest most mail clients re-wrap a message's text at: a line longer
 * than this is as its writer left it. */
#define BN_CLIENT_WRAP_MAX 80
/* The narrowest (mobile clients wrap at 40 to 55 columns). */
#define BN_CLIENT_WRAP_MIN 40
/* The column an archiver or a forwarding client hard-wraps a notice's
 * long lines at is 72 to 78: a line it broke, with the first word it
 * moved down, passes the narrowest of them. */
#define BN_HARD_WRAP_MIN 72
/* Whether line l goes on with the sentence of the line above it, as an
 * archiver or a forwarding client that hard-wraps long lines leaves it
 * (both spans untrimmed): l starts at the margin, the re-wrap keeps no
 * indent, on a word that would have passed the wrap column on the line
 * above; that line is no wider than a client wraps at and ends no sentence
 * and no label; l opens no label of its own (unless a parenthesis above is
 * still open: "(TLS error from 'mx': invalid peer" over "certificate:
 * Expired)"), no address, no reply code, no list item or rule. A person
 * reads the two as one line; a recognizer that reads a line at a time
 * asks it before it ends a block or a value. */
bool bn_line_continues(const bn_span *above, const bn_span *l);
/* l joined with a blank to the lines after it on it that bn_line_continues
 * takes (at most three), up to the first one of which closes(m, data)
 * holds: a quote or bracket a re-wrap left open on l, closed on a line
 * under it. it is advanced past them; NULL, it untouched, when no such
 * line closes it. */
GString *bn_read_on_until(const bn_span *l, bn_lines *it,
                          bool (*closes)(const bn_span *m, void *data), void *data);
/* Strips the spaces and tabs a line opens with (its indent), nothing
 * else: inline, as transcript and DSN readers ask it of every line. */
static inline void
bn_span_unindent(bn_span *l)
{
  while (l->len && (l->p[0] == ' ' || l->p[0] == '\t')) {
    l->p++;
    l->len--;
  }
}
/* Strips the spaces and tabs a line ends with, nothing else (a form feed
 * or a lone CR there is the line's own): the closing half of
 * bn_span_unindent, for readers that test a line's last character. */
static inline void
bn_span_untrail(bn_span *l)
{
  while (l->len && (l->p[l->len - 1] == ' ' || l->p[l->len - 1] == '	'))
    l->len--;
}
/* bn_lines_next, then bn_span_trim: the next line without the blanks
 * around it, for the recognizers that read what a line says, not how far
 * it is indented. */
bool bn_lines_next_trimmed(bn_lines *it, bn_span *line);
/* The length of label when the line l opens with it (ASCII case ignored),
 * else 0. Within the line: a trimmed line may end where the label's
 * closing space stood ("Received >>> \f"), and what follows it is the
 * next line, not the rest of this one. */
size_t bn_span_label(const bn_span *l, const char *label);

/* ---- dsn.c: RFC 3464 / RFC 6533 fields ---- */

/* Reads the fields of a delivery-status part into the report: one recipient
 * per per-recipient block. Returns the number of recipients added. */
size_t bn_dsn_read(const char *text, size_t len, bounce_report *r, bool from_prose);
/* The same for the notice v (or NULL): a block about another mail system's
 * mailbox may name the returned message's envelope recipient, which the
 * notice's own Received field gives (read only for such a block). */
size_t bn_dsn_read_returned(const char *text, size_t len, bounce_report *r, bool from_prose,
                            const bn_view *v);
/* One "Name: value" field of a DSN, unfolded, or false. */
bool bn_dsn_field(const bn_span *line, bn_span *name, bn_span *value);
/* The same in a delivery-status part, where blanks may stand before the
 * colon of any field, the DSN's own and its extensions ("X-...": "X-PowerMTA-
 * BounceCategory : bad-mailbox"). */
bool bn_dsn_part_field(const bn_span *line, bn_span *name, bn_span *value);
/* A field line of a delivery-status block: bn_dsn_field, or one of RFC
 * 3464's own field names with blanks before its colon. */
bool bn_dsn_field_line(const bn_span *line, bn_span *name, bn_span *value);
/* The value of the first field called name in a delivery-status part's
 * text, or false. */
bool bn_dsn_part_value(const char *text, size_t len, const char *name, bn_span *value);
/* Stretches value, a field's value read from the line it just took from it,
 * over the folded lines that continue it ("Final-Recipient: rfc822;" then
 * the long address on an indented line), and moves it past them. The span
 * then holds line breaks: squeeze it before use. */
void bn_dsn_value_unfold(bn_lines *it, bn_span *value);

/* ---- status.c: code tables ---- */
const char *bn_status_meaning(const char *status);
const char *bn_reply_meaning(int code);
/* The cause the status implies on its own, or UNDEFINED. */
bounce_cause bn_status_cause(const char *status);
/* Whether the status says the connection to the next host failed (x.4.1
 * "no answer from host", x.4.2 "bad connection"). */
bool bn_status_link_failure(const char *status);
/* Whether status is said, a transient reply's own status, with its class
 * raised to permanent: what a reporting MTA that gave up after the
 * remote's transient replies writes (Haraka, when its retries run out,
 * turns the last reply's 4.x.x into 5.x.x: outbound/hmail.js,
 * convert_temp_failed_to_bounce). */
bool bn_status_raised(const char *status, const char *said);
/* Whether status is said, a permanent reply's own status, with its class
 * lowered to transient: what a reporting MTA that keeps the message
 * queued writes (Postfix's soft_bounce: bounce.c turns the status's class
 * into '4' and the action into "delayed"). */
bool bn_status_lowered(const char *status, const char *said);
/* The cause a reply code implies on its own, or UNDEFINED. */
bounce_cause bn_reply_cause(int code);
/* True when servers use code as an SMTP reply (RFC 5321 and common usage). */
bool bn_reply_known(int code);
/* True for a code servers' notices write only before an enhanced status
 * of its class ("400 4.4.7"): a reply code there, nowhere else. */
bool bn_reply_known_with_status(int code);

/* ---- reason.c: cause and hard/soft ---- */
/* The cause the diagnostic text names, or UNDEFINED. */
bounce_cause bn_text_cause(const char *text, size_t len);
/* Sets the cause (unless a recognizer did), hard and permanent of one
 * recipient; r gives the report's kind and reporting MTA (may be NULL). */
void bn_classify(bounce_recipient *rc, const bounce_report *r);
/* The cause of a delivery given up on when its queue time ran out, from
 * the last error's words and the cause c they name, or undefined. */
bounce_cause bn_outlived_cause(bounce_cause c, const char *text, size_t len);
bool bn_cause_is_hard(bounce_cause cause, int reply_code, const char *status);

/* ---- finish.c: completing records ---- */
void bn_finish(bounce_report *r, const bn_view *v);
/* Mends any value that is not UTF-8 (bounce.h's promise), whatever step
 * cut or copied it. */
void bn_report_make_valid(bounce_report *r);

/* ---- original.c ---- */
/* header_ran_out: the view's part whose header block the message's bytes
 * ended in, or NULL. */
void bn_original_from_message(bounce_report *r, GMimeMessage *msg, const bounce_options *opts,
                              const GMimeObject *header_ran_out);
/* Reads headers from text (an inline copy of the returned message). */
void bn_original_from_text(bounce_report *r, const char *text, size_t len,
                           const bounce_options *opts);
/* bn_original_from_text of the returned headers the view kept from their
 * own part(s) (text/rfc822-headers), whose end is the part's; ran_out:
 * the message's bytes ended there (bn_view's returned_headers_ran_out). */
void bn_original_from_part_text(bounce_report *r, const char *text, size_t len,
                                const bounce_options *opts, bool ran_out);
/* The returned message's To or Cc as evidence of whom it went to: the
 * value, or "" when the header stops inside either field (its last
 * address may be cut short, and more may have followed). */
const char *bn_original_addressees(const bounce_report *r, const char *name);
/* Whether addr, the last address read from the returned header's field
 * name, is only the start of one: the header stops inside that field,
 * short of a whole value, on addr. */
bool bn_original_cut_short(const bounce_report *r, const char *name, const char *addr);

/* The length of the header block text[0..len) opens with: through its
 * first empty line ("\n\n", "\n\r\n"), else all of it. */
size_t bn_header_block_len(const char *text, size_t len);

/* The offset of an inline copy of the returned message's header in text (a
 * block of header lines after a blank line), or -1. */
gssize bn_original_find_inline(const char *text, size_t len);

/* ---- arf.c, autoreply.c ---- */
bool bn_arf_claim(const bn_view *v);
bool bn_arf_extract(const bn_view *v, bounce_report *r);
bool bn_autoreply_claim(const bn_view *v);
/* The subject opens as an auto-reply's ("Automatic reply: ..."). */
bool bn_autoreply_subject(const char *subject);
bool bn_autoreply_extract(const bn_view *v, bounce_report *r);
/* The subject opens with a reply's or a forward's mark ("RE:", "AW:"). */
bool bn_subject_marks_reply(const char *subject);

/* ---- prescan.c: bounding the structure before GMime parses it ---- */
typedef struct {
  const char *data; /* the bytes to parse: the input, or copy->str */
  size_t len;
  GString *copy;    /* non-NULL when something was cut */
  bool truncated;   /* something was cut */
} bn_prescanned;
/* One linear pass over a raw message: fails with BOUNCE_ERROR_TOO_DEEP when
 * parts nest deeper than the depth limit; cuts the input after the part
 * limit, header fields at the line-length limit and headers beyond the
 * text-size limit. Clear out with bn_prescanned_clear(). */
bool bn_prescan(const char *data, size_t len, const bounce_options *opts, bn_prescanned *out,
                bounce_error **err);
void bn_prescanned_clear(bn_prescanned *p);

/* ---- sort.c: the flow ---- */
/* input: the bytes msg was parsed from, or NULL; tail: their last line
 * when it has no line end (the message was cut), else NULL; ran_out as
 * bn_view_init takes it. */
bounce_report *bn_analyse(GMimeMessage *msg, const bounce_options *opts, const char *input,
                          const char *tail, size_t tail_len, bn_ran_out ran_out,
                          bounce_error **err);

/* ---- cut.c: a message cut mid-line ---- */
/* Drops a recipient whose address ends the unended last line (tail), as it
 * may be cut, unless it is the only one (that one gets a warning) or the
 * input before the tail (from input) names it whole. */
bool bn_cut_drop_partial(bounce_report *r, const char *input, const char *tail, size_t n);
void bn_cut_drop_partial_encoded(bounce_report *r, GMimeMessage *msg);
void bn_gmime_init(void);

#endif
