/** @file bounce.h
 * libbounce: read bounce emails (delivery status notifications) and say, for
 * every recipient they report on, what happened and what to do: the address,
 * the SMTP reply code, the RFC 3463 enhanced status code, the cause, and
 * whether the address is dead (hard) or worth retrying (soft).
 *
 * The whole public API is in this header. It uses plain C types only; the
 * GMime-level entry point is in bounce-gmime.h. Compile and link with
 * `pkg-config --cflags --libs libbounce`.
 *
 * ## Conventions
 *
 * These hold for every function below unless its comment says otherwise.
 *
 *  - "transfer none": the returned pointer belongs to the object it came
 *    from and stays valid until that object is freed. Do not free it.
 *    Strings documented as static live as long as the program.
 *  - "transfer full": the caller owns the result and frees it with the
 *    named free function.
 *  - Strings are UTF-8 and NUL-terminated. A value the bounce does not give
 *    is "" (never NULL) for strings and 0 for numbers.
 *  - Passing NULL where an object is expected is not a crash: the function
 *    returns its "nothing" value (NULL, "", 0, -1 or BOUNCE_KIND_NONE) as
 *    documented.
 *  - Objects are opaque: the library allocates and frees them, callers only
 *    hold pointers, so new fields never change the ABI.
 *
 * ## Errors
 *
 * A function that can fail returns NULL or -1 and, when its last argument
 * `error` is not NULL, stores a new bounce_error in *error (transfer full:
 * bounce_error_free). Set *error to NULL before the call: as with GLib's
 * GError, an error already there is kept and the new one dropped. A message
 * that is not a bounce is not an error: it gives a report of kind
 * BOUNCE_KIND_NONE. Input that breaks the standards but can still be read
 * gives a report with warnings (bounce_report_get_warning()).
 *
 * ## Thread safety and initialisation
 *
 * Any number of threads may parse at once, with any function of this header.
 * The only global state is set up once, by the library itself, on the
 * first parse and under GLib's g_once(): GMime's initialisation and the
 * library's read-only tables. The caller never calls an init or a shutdown
 * function, and nothing is ever changed after set-up. Objects are not locked: an
 * options, report or error object may be read by several threads at once
 * (one bounce_options may serve every parsing thread), but must not be
 * changed or freed by one thread while another uses it. A bounce_mbox is
 * used by one thread at a time. Programs that use GMime themselves may call
 * g_mime_init() and g_mime_shutdown() in pairs as GMime asks, before or after
 * the library's first parse; they must not call g_mime_shutdown() while a
 * parse may run.
 *
 * ## Memory
 *
 * The library uses GLib, which aborts when memory cannot be allocated.
 * Input size is bounded by the limits in bounce_options, so a hostile
 * message cannot make the library ask for unbounded memory.
 */
#ifndef BOUNCE_H
#define BOUNCE_H

#include <stddef.h>
#include <bounce-version.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(BOUNCE_COMPILATION) && defined(__GNUC__)
#define BOUNCE_API __attribute__((visibility("default")))
#else
#define BOUNCE_API
#endif

/** ## Version */

/** The version of the library loaded at run time, e.g. "0.1.0", which may
 *  be newer than the headers a program was built with (BOUNCE_VERSION_STRING).
 *  Returns a static string (transfer none). Never fails. */
BOUNCE_API const char *bounce_version_string(void);

/** The run-time version as one number, computed as BOUNCE_VERSION_HEX is
 *  (0xMMmmuu: 0.1.0 is 0x000100), to compare with BOUNCE_VERSION_HEX. */
BOUNCE_API unsigned int bounce_version(void);

/** ## Errors */

/** What went wrong (bounce_error_get_code()). Values never change meaning;
 *  new ones are appended, so a switch over them needs a default case. */
typedef enum {
  BOUNCE_OK = 0,
  /** A NULL or otherwise unusable argument (a negative descriptor). */
  BOUNCE_ERROR_ARGUMENT = 1,
  /** The file or descriptor could not be opened or read. */
  BOUNCE_ERROR_IO = 2,
  /** The input is empty or only white space. */
  BOUNCE_ERROR_EMPTY = 3,
  /** The input is larger than the BOUNCE_LIMIT_MESSAGE_SIZE limit. */
  BOUNCE_ERROR_TOO_LARGE = 4,
  /** The input could not be read as a mail message at all. */
  BOUNCE_ERROR_PARSE = 5,
  /** The MIME structure is deeper than the BOUNCE_LIMIT_MIME_DEPTH limit. */
  BOUNCE_ERROR_TOO_DEEP = 6
} bounce_error_code;

/** An error: a code and a message for a person. Opaque; created by the
 *  library, freed by the caller with bounce_error_free(). */
typedef struct bounce_error bounce_error;

/** The code of @err, or BOUNCE_OK when @err is NULL. */
BOUNCE_API bounce_error_code bounce_error_get_code(const bounce_error *err);

/** The message of @err: one English sentence for a person, naming the file
 *  or the limit when there is one (transfer none: valid until @err is
 *  freed); "" when @err is NULL. */
BOUNCE_API const char *bounce_error_get_message(const bounce_error *err);

/** Frees @err. NULL is allowed. */
BOUNCE_API void bounce_error_free(bounce_error *err);

/** A short English description of @code (static, transfer none);
 *  "unknown error" for a value this version does not know. Never NULL. */
BOUNCE_API const char *bounce_strerror(bounce_error_code code);

/** ## Kinds and causes */

/** What kind of message was read (bounce_report_get_kind()). Values never
 *  change meaning; new ones are appended. */
typedef enum {
  /** Not a bounce, report, or auto-reply; no recipients. A person's
   *  forward or reply that quotes a bounce, and a mailing list's post or
   *  digest that does, are of this kind. */
  BOUNCE_KIND_NONE = 0,
  /** At least one recipient failed for good. */
  BOUNCE_KIND_FAILURE = 1,
  /** Delivery is delayed and will be retried (a warning). */
  BOUNCE_KIND_DELAY = 2,
  /** A delivery or relay notice: the message arrived. */
  BOUNCE_KIND_DELIVERED = 3,
  /** An RFC 5965 feedback report (abuse complaint, opt-out). */
  BOUNCE_KIND_FEEDBACK = 4,
  /** An RFC 3834 auto-reply, e.g. a vacation message. */
  BOUNCE_KIND_AUTOREPLY = 5
} bounce_kind;

/** The cause of a bounce (bounce_recipient_get_cause()). The names
 *  (bounce_cause_to_string()) are the vocabulary Sisimai made common;
 *  docs/causes.md says what each means, whether it is hard or soft, and
 *  gives an example diagnostic. bounce_cause_describe() gives the meaning in
 *  one line. Values never change meaning; new causes are appended. */
typedef enum {
  /** The cause could not be told. */
  BOUNCE_CAUSE_UNDEFINED = 0,
  BOUNCE_CAUSE_AUTHFAILURE,
  BOUNCE_CAUSE_BADREPUTATION,
  BOUNCE_CAUSE_BLOCKED,
  BOUNCE_CAUSE_CONTENTERROR,
  BOUNCE_CAUSE_DELIVERED,
  BOUNCE_CAUSE_EXCEEDLIMIT,
  BOUNCE_CAUSE_EXPIRED,
  BOUNCE_CAUSE_FAILEDSTARTTLS,
  BOUNCE_CAUSE_FEEDBACK,
  BOUNCE_CAUSE_FILTERED,
  BOUNCE_CAUSE_HASMOVED,
  BOUNCE_CAUSE_HOSTUNKNOWN,
  BOUNCE_CAUSE_MAILBOXFULL,
  BOUNCE_CAUSE_MAILERERROR,
  BOUNCE_CAUSE_MESGTOOBIG,
  BOUNCE_CAUSE_NETWORKERROR,
  BOUNCE_CAUSE_NORELAYING,
  BOUNCE_CAUSE_NOTACCEPT,
  BOUNCE_CAUSE_NOTCOMPLIANTRFC,
  BOUNCE_CAUSE_ONHOLD,
  BOUNCE_CAUSE_POLICYVIOLATION,
  BOUNCE_CAUSE_REJECTED,
  BOUNCE_CAUSE_REQUIREPTR,
  BOUNCE_CAUSE_SECURITYERROR,
  BOUNCE_CAUSE_SPAMDETECTED,
  BOUNCE_CAUSE_SPEEDING,
  BOUNCE_CAUSE_SUPPRESSED,
  BOUNCE_CAUSE_SUSPEND,
  BOUNCE_CAUSE_SYNTAXERROR,
  BOUNCE_CAUSE_SYSTEMERROR,
  BOUNCE_CAUSE_SYSTEMFULL,
  BOUNCE_CAUSE_TOOMANYCONN,
  BOUNCE_CAUSE_USERUNKNOWN,
  BOUNCE_CAUSE_VACATION,
  BOUNCE_CAUSE_VIRUSDETECTED
} bounce_cause;

/** The name of @kind: "none", "failure", "delay", "delivered", "feedback"
 *  or "autoreply" (static, transfer none); "" when @kind is out of range. */
BOUNCE_API const char *bounce_kind_to_string(bounce_kind kind);

/** The kind named @name (exact, lower case), or -1 when no kind is named
 *  so or @name is NULL. */
BOUNCE_API int bounce_kind_from_string(const char *name);

/** The name of @cause, e.g. "userunknown" (static, transfer none); "" when
 *  @cause is out of range. BOUNCE_CAUSE_UNDEFINED is "undefined". */
BOUNCE_API const char *bounce_cause_to_string(bounce_cause cause);

/** The cause named @name (exact, lower case), or -1 when no cause is
 *  named so or @name is NULL. */
BOUNCE_API int bounce_cause_from_string(const char *name);

/** One English line saying what @cause means for the sender (static,
 *  transfer none); "" when @cause is out of range. */
BOUNCE_API const char *bounce_cause_describe(bounce_cause cause);

/** ## Status and reply codes */

/** The meaning of an RFC 3463 enhanced status code such as "5.1.1", from the
 *  IANA registry (static, transfer none). A code whose detail is not
 *  registered is described by its class and subject. Returns NULL when
 *  @status is not a valid enhanced status code. */
BOUNCE_API const char *bounce_status_describe(const char *status);

/** The meaning of an RFC 5321 reply code such as 550 (static, transfer
 *  none), or NULL when @code is not a reply code RFC 5321 defines. Where
 *  other sources disagree with RFC 5321, RFC 5321 wins. */
BOUNCE_API const char *bounce_reply_code_describe(int code);

/** ## Options */

/** Parse options: limits, what to report, extra headers to return. Opaque;
 *  every function taking options accepts NULL for the defaults. A parse only
 *  reads its options during the call (an mbox reader copies them when it is
 *  opened), so they may be changed or freed afterwards, and one options
 *  object may serve several threads parsing at once. */
typedef struct bounce_options bounce_options;

/** The limits a parse keeps to, so that no input costs unbounded memory or
 *  time. Over a limit the parse either fails with an error (size, depth)
 *  or returns a report marked truncated (bounce_report_is_truncated()),
 *  with a warning saying what was cut. docs/limits.md explains each. */
typedef enum {
  /** Largest message read, in bytes. Default 64 MiB. Over: error
   *  BOUNCE_ERROR_TOO_LARGE (in a mailbox, for that message only). */
  BOUNCE_LIMIT_MESSAGE_SIZE = 0,
  /** Deepest nesting of multiparts and attached messages (message/rfc822).
   *  Default 32. Over: error BOUNCE_ERROR_TOO_DEEP, found by a linear scan
   *  of the bytes before any MIME parsing. */
  BOUNCE_LIMIT_MIME_DEPTH = 1,
  /** MIME parts looked at, at any depth. Default 256. Over: the rest of
   *  the message is not parsed and the report is marked truncated. */
  BOUNCE_LIMIT_MIME_PARTS = 2,
  /** Recipients in one report. Default 10000. Over: later ones are not
   *  added; truncated. */
  BOUNCE_LIMIT_RECIPIENTS = 3,
  /** Longest line or header field scanned, in bytes. Default 16 KiB.
   *  Longer lines are cut before scanning, longer header fields before
   *  parsing (truncated). */
  BOUNCE_LIMIT_LINE_LENGTH = 4,
  /** Text scanned in one message (all notification parts), in bytes; also
   *  the budget of all its header fields together. Default 1 MiB. Over:
   *  the rest is not decoded or scanned, header fields past it are
   *  dropped; truncated. */
  BOUNCE_LIMIT_TEXT_SIZE = 5
} bounce_limit;

/** What a parse reports on besides failures and delays: flags for
 *  bounce_options_set_include(), combined with |. */
typedef enum {
  /** Report delivery and relay notices as kind delivered. */
  BOUNCE_INCLUDE_DELIVERED = 1 << 0,
  /** Report auto-replies as kind autoreply. */
  BOUNCE_INCLUDE_AUTOREPLY = 1 << 1,
  /** Report feedback (ARF) reports as kind feedback. */
  BOUNCE_INCLUDE_FEEDBACK = 1 << 2
} bounce_include;

/** The default include set: every kind this version knows. */
#define BOUNCE_INCLUDE_ALL \
  (BOUNCE_INCLUDE_DELIVERED | BOUNCE_INCLUDE_AUTOREPLY | BOUNCE_INCLUDE_FEEDBACK)

/** New options with the defaults (transfer full: bounce_options_free).
 *  Never returns NULL. */
BOUNCE_API bounce_options *bounce_options_new(void);

/** Frees @opts. NULL is allowed. Reports and mbox readers made with
 *  @opts do not need it any more. */
BOUNCE_API void bounce_options_free(bounce_options *opts);

/** Sets limit @which of @opts to @value (bytes or a count, as
 *  bounce_limit says); 0 restores the default.
 *  Returns 0, or -1 when @opts is NULL or @which is not a bounce_limit. */
BOUNCE_API int bounce_options_set_limit(bounce_options *opts, bounce_limit which, size_t value);

/** The value of limit @which in @opts: the value set, else the default
 *  (also when @opts is NULL). Returns 0 when @which is not a bounce_limit. */
BOUNCE_API size_t bounce_options_get_limit(const bounce_options *opts, bounce_limit which);

/** Sets which kinds besides failure and delay are reported: a set of
 *  bounce_include flags (unknown bits are dropped). A message of an excluded
 *  kind gives a report of kind BOUNCE_KIND_NONE with no recipients. Default
 *  BOUNCE_INCLUDE_ALL. Does nothing when @opts is NULL. */
BOUNCE_API void bounce_options_set_include(bounce_options *opts, unsigned int include);

/** The include flags of @opts (BOUNCE_INCLUDE_ALL when @opts is NULL). */
BOUNCE_API unsigned int bounce_options_get_include(const bounce_options *opts);

/** Asks for header @name (case-insensitive, e.g. "X-Campaign-ID") of the
 *  returned original message; read it with
 *  bounce_report_get_original_header(). @name is copied; asking twice for
 *  one header is the same as asking once.
 *  Returns 0, or -1 when an argument is NULL or @name is empty. */
BOUNCE_API int bounce_options_add_original_header(bounce_options *opts, const char *name);

/** ## Parsing */

/** What a parse returns: the kind of message, the recipients, the original
 *  message's headers, warnings. Opaque; read it with the bounce_report_*
 *  accessors, free it with bounce_report_free(). */
typedef struct bounce_report bounce_report;

/** One recipient a report speaks of. Opaque; owned by its report and valid
 *  until the report is freed. */
typedef struct bounce_recipient bounce_recipient;

/** Reads one message from @len bytes at @data, with any line ending (LF,
 *  CRLF or a lone CR) and with or without an mbox "From " line first. The
 *  bytes are only read during the call. @opts may be NULL for the defaults;
 *  @error may be NULL.
 *  Returns a report (transfer full: bounce_report_free), which is of kind
 *  BOUNCE_KIND_NONE when the message is not a bounce. Returns NULL and sets
 *  *@error (transfer full: bounce_error_free) when @data is NULL with a
 *  non-zero @len (BOUNCE_ERROR_ARGUMENT), the input is empty
 *  (BOUNCE_ERROR_EMPTY), over the size limit (BOUNCE_ERROR_TOO_LARGE),
 *  not a mail message (BOUNCE_ERROR_PARSE) or nested deeper than the depth
 *  limit (BOUNCE_ERROR_TOO_DEEP). */
BOUNCE_API bounce_report *bounce_parse_bytes(const char *data, size_t len,
                                             const bounce_options *opts, bounce_error **error);

/** As bounce_parse_bytes(), reading the one message in the file at @path
 *  (for an mbox, use bounce_mbox_open_fd()). Also fails with
 *  BOUNCE_ERROR_ARGUMENT when @path is NULL, BOUNCE_ERROR_IO when the file
 *  cannot be opened or read or is a directory, and BOUNCE_ERROR_TOO_LARGE
 *  before reading a file over the size limit. */
BOUNCE_API bounce_report *bounce_parse_file(const char *path, const bounce_options *opts,
                                            bounce_error **error);

/** As bounce_parse_bytes(), reading @fd (a file, pipe or socket) to its
 *  end; @fd is not closed. Fails with BOUNCE_ERROR_ARGUMENT when @fd is
 *  negative, BOUNCE_ERROR_IO when a read fails, and BOUNCE_ERROR_TOO_LARGE
 *  as soon as more than the size limit has come. */
BOUNCE_API bounce_report *bounce_parse_fd(int fd, const bounce_options *opts,
                                          bounce_error **error);

/** ## Mailboxes */

/** A reader of an mbox file: one message at a time, so a mailbox of any
 *  size is read in bounded memory. Messages are separated by lines that
 *  start with "From " at the start or after an empty line. Opaque; used by
 *  one thread at a time. */
typedef struct bounce_mbox bounce_mbox;

/** Opens an mbox on @fd, read from its current position. The library does
 *  not close @fd; it must stay open until bounce_mbox_free(). @opts (NULL
 *  for the defaults) is copied and applies to every message.
 *  Returns the reader (transfer full: bounce_mbox_free), or NULL with
 *  *@error set (BOUNCE_ERROR_ARGUMENT) when @fd is negative. */
BOUNCE_API bounce_mbox *bounce_mbox_open_fd(int fd, const bounce_options *opts,
                                            bounce_error **error);

/** Opens an mbox held in memory: @len bytes at @data, which must stay
 *  valid and unchanged until bounce_mbox_free(). @opts is copied.
 *  Returns the reader (transfer full: bounce_mbox_free), or NULL with
 *  *@error set (BOUNCE_ERROR_ARGUMENT) when @data is NULL and @len is not
 *  0. */
BOUNCE_API bounce_mbox *bounce_mbox_open_bytes(const char *data, size_t len,
                                               const bounce_options *opts,
                                               bounce_error **error);

/** Reads the next message of @mbox. Returns 1 and sets *@report (transfer
 *  full: bounce_report_free) when a message was read; 0 at the end of the
 *  mailbox; -1 when one message could not be read, with *@report NULL and
 *  *@error set: BOUNCE_ERROR_TOO_LARGE (the message is skipped; call again
 *  to go on with the next one), BOUNCE_ERROR_IO (reading @fd failed: stop),
 *  BOUNCE_ERROR_ARGUMENT (@mbox or @report is NULL). */
BOUNCE_API int bounce_mbox_next(bounce_mbox *mbox, bounce_report **report, bounce_error **error);

/** Reads the next message without analysing it: sets *@data and *@len to
 *  its bytes (transfer none: valid until the next call on @mbox or
 *  bounce_mbox_free), exactly what bounce_mbox_next() would analyse. For a
 *  program that analyses messages in threads of its own with
 *  bounce_parse_bytes(). Returns 1 when a message was read, 0 at the end,
 *  -1 when one message could not be read (*@error says why; the caller may
 *  call again to go on). Counts as bounce_mbox_next() does. Added in 0.2. */
BOUNCE_API int bounce_mbox_next_message(bounce_mbox *mbox, const char **data, size_t *len,
                                        bounce_error **error);

/** How many messages bounce_mbox_next() (or bounce_mbox_next_message())
 *  has returned so far (the index,
 *  from 0, of the next one). */
BOUNCE_API size_t bounce_mbox_count(const bounce_mbox *mbox);

/** Frees @mbox (not its descriptor). NULL is allowed. */
BOUNCE_API void bounce_mbox_free(bounce_mbox *mbox);

/** ## Reports */

/** Frees @report and every recipient and string it holds: pointers taken
 *  from it are no longer valid. NULL is allowed. */
BOUNCE_API void bounce_report_free(bounce_report *report);

/** The kind of message (BOUNCE_KIND_NONE when @report is NULL). */
BOUNCE_API bounce_kind bounce_report_get_kind(const bounce_report *report);

/** The name of the recognizer that read the message (transfer none), e.g.
 *  "postfix" or "exim" for an MTA's own format, "rfc3464" for a plain RFC
 *  3464 report, "arf" for a feedback report, "rfc3834" for an auto-reply;
 *  "" for kind none. More names come with new recognizers. */
BOUNCE_API const char *bounce_report_get_mta(const bounce_report *report);

/** The MTA that wrote the bounce: the Reporting-MTA field without its
 *  "dns;" type, or a host name the bounce's text gives; "" when unknown.
 *  Transfer none. */
BOUNCE_API const char *bounce_report_get_reporting_mta(const bounce_report *report);

/** The Arrival-Date field of the report, as written (not reformatted), or
 *  "". Transfer none. */
BOUNCE_API const char *bounce_report_get_arrival_date(const bounce_report *report);

/** The number of recipients (0 for kind none or a NULL @report). */
BOUNCE_API size_t bounce_report_get_recipient_count(const bounce_report *report);

/** Recipient @index, from 0 (transfer none: valid until @report is freed),
 *  or NULL when @index is out of range or @report is NULL. */
BOUNCE_API const bounce_recipient *bounce_report_get_recipient(const bounce_report *report,
                                                               size_t index);

/** The Message-ID of the returned original message, without <>, or "" when
 *  the bounce does not return it. Transfer none. */
BOUNCE_API const char *bounce_report_get_original_message_id(const bounce_report *report);
/** The From header of the returned original message, decoded, or "".
 *  Transfer none. */
BOUNCE_API const char *bounce_report_get_original_from(const bounce_report *report);
/** The To header of the returned original message, decoded, or "".
 *  Transfer none. */
BOUNCE_API const char *bounce_report_get_original_to(const bounce_report *report);
/** The Subject of the returned original message, decoded (RFC 2047), or "".
 *  Transfer none. */
BOUNCE_API const char *bounce_report_get_original_subject(const bounce_report *report);
/** The Date header of the returned original message, as written, or "".
 *  Transfer none. */
BOUNCE_API const char *bounce_report_get_original_date(const bounce_report *report);

/** Header @name (case-insensitive) of the returned original message,
 *  decoded, when it was asked for with bounce_options_add_original_header()
 *  or is one of Message-ID, From, To, Cc, Subject and Date; "" otherwise, or
 *  when the bounce does not return it. Transfer none. */
BOUNCE_API const char *bounce_report_get_original_header(const bounce_report *report,
                                                         const char *name);

/** 1 when a limit cut the reading short (some parts, text or recipients
 *  were not looked at), else 0 (also for a NULL @report). */
BOUNCE_API int bounce_report_is_truncated(const bounce_report *report);

/** The number of warnings: things in the message that could not be decoded
 *  or did not follow the standards, and were worked around (0 for a NULL
 *  @report). */
BOUNCE_API size_t bounce_report_get_warning_count(const bounce_report *report);

/** Warning @index, from 0: one English sentence (transfer none), or NULL
 *  when @index is out of range or @report is NULL. */
BOUNCE_API const char *bounce_report_get_warning(const bounce_report *report, size_t index);

/** ## Recipients */

/** The recipient's address in lower case (its local part's ASCII letters
 *  too, other characters of a UTF-8 local part as written: mail systems and
 *  suppression lists compare local parts without regard to case; an
 *  Original-Recipient the bounce gives keeps its case, see
 *  bounce_recipient_get_original_recipient()), without <> or
 *  "rfc822;", or "" when the bounce does not say (transfer none, as for
 *  every string of a recipient: valid until its report is freed). Every
 *  bounce_recipient_* accessor returns "" or 0 when @rcpt is NULL. */
BOUNCE_API const char *bounce_recipient_get_address(const bounce_recipient *rcpt);

/** The address a feedback report's recipient gets when neither the report
 *  nor the complained-about message names one ("To: Undisclosed
 *  Recipients"): the placeholder Sisimai gives there, so that results
 *  compare across tools. Its domain is under .invalid (RFC 2606), so it can
 *  never be delivered to; its source (bounce_recipient_get_source()) is
 *  BOUNCE_SOURCE_DERIVED. */
#define BOUNCE_UNDISCLOSED_RECIPIENT "undisclosed-recipient-in-headers@libsisimai.org.invalid"

/** The address of the Original-Recipient field (the address as the sender
 *  wrote it, before forwarding or aliasing; in a notice without that field,
 *  Postfix's "expanded from <...>"), or "". One mailbox reached through two
 *  addresses the sender wrote is two recipients, one for each. */
BOUNCE_API const char *bounce_recipient_get_original_recipient(const bounce_recipient *rcpt);

/** The RFC 3464 action: "failed", "delayed", "delivered", "relayed",
 *  "expanded", or "" (feedback reports and auto-replies). */
BOUNCE_API const char *bounce_recipient_get_action(const bounce_recipient *rcpt);

/** The RFC 3463 enhanced status code, e.g. "5.1.1", or "". Explain it with
 *  bounce_status_describe(). */
BOUNCE_API const char *bounce_recipient_get_status(const bounce_recipient *rcpt);

/** The RFC 5321 reply code, e.g. 550, or 0. Explain it with
 *  bounce_reply_code_describe(). */
BOUNCE_API int bounce_recipient_get_reply_code(const bounce_recipient *rcpt);

/** The cause (BOUNCE_CAUSE_UNDEFINED when it could not be told), from the
 *  most specific evidence: the diagnostic text, then the status, then the
 *  reply code. */
BOUNCE_API bounce_cause bounce_recipient_get_cause(const bounce_recipient *rcpt);

/** 1 when the address itself is bad and should be suppressed (causes
 *  userunknown, hostunknown, hasmoved, and notaccept with a 5xx), else 0:
 *  a soft bounce, to retry later or to fix on the sending side. */
BOUNCE_API int bounce_recipient_is_hard(const bounce_recipient *rcpt);

/** 1 when the failure is permanent (status class 5, or a 5xx reply code
 *  when there is no status), else 0. Not the same as hard: a permanent
 *  refusal of the sender (blocked, spamdetected) is soft for the address. */
BOUNCE_API int bounce_recipient_is_permanent(const bounce_recipient *rcpt);

/** The SMTP command in flight when the remote host refused: "CONN" (the
 *  greeting), "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA",
 *  or "" when the bounce does not say. */
BOUNCE_API const char *bounce_recipient_get_smtp_command(const bounce_recipient *rcpt);

/** The remote MTA (host name or IP address) that answered, without the
 *  "dns;" type, or "". */
BOUNCE_API const char *bounce_recipient_get_remote_mta(const bounce_recipient *rcpt);

/** The diagnostic: the remote host's reply or the MTA's explanation,
 *  folded onto one line, without the "smtp;" type, or "". */
BOUNCE_API const char *bounce_recipient_get_diagnostic(const bounce_recipient *rcpt);

/** The Last-Attempt-Date field, as written (not reformatted), or "". */
BOUNCE_API const char *bounce_recipient_get_last_attempt_date(const bounce_recipient *rcpt);
/** The Will-Retry-Until field of a delay notice, as written, or "". */
BOUNCE_API const char *bounce_recipient_get_will_retry_until(const bounce_recipient *rcpt);

/** For feedback reports, the Feedback-Type ("abuse", "opt-out", ...), or "". */
BOUNCE_API const char *bounce_recipient_get_feedback_type(const bounce_recipient *rcpt);

/** The values of a recipient whose origin is kept
 *  (bounce_recipient_get_source()). */
typedef enum {
  BOUNCE_FIELD_ADDRESS = 0,
  BOUNCE_FIELD_ACTION = 1,
  BOUNCE_FIELD_STATUS = 2,
  BOUNCE_FIELD_REPLY_CODE = 3,
  BOUNCE_FIELD_CAUSE = 4,
  BOUNCE_FIELD_SMTP_COMMAND = 5,
  BOUNCE_FIELD_REMOTE_MTA = 6,
  BOUNCE_FIELD_DIAGNOSTIC = 7
} bounce_field;

/** Where a value came from. Values never change meaning; new ones are
 *  appended. */
typedef enum {
  /** The value is unknown. */
  BOUNCE_SOURCE_NONE = 0,
  /** A field of the message/delivery-status (or feedback-report) part. */
  BOUNCE_SOURCE_FIELD = 1,
  /** The prose of the bounce (or the diagnostic text). */
  BOUNCE_SOURCE_TEXT = 2,
  /** A header of the bounce message. */
  BOUNCE_SOURCE_HEADER = 3,
  /** Worked out from the other values (e.g. the cause from the status). */
  BOUNCE_SOURCE_DERIVED = 4
} bounce_source;

/** Where @field of @rcpt came from: BOUNCE_SOURCE_NONE when the value is
 *  unknown, @rcpt is NULL or @field is not a bounce_field. */
BOUNCE_API bounce_source bounce_recipient_get_source(const bounce_recipient *rcpt,
                                                     bounce_field field);

/** The name of @source: "none", "field", "text", "header" or "derived"
 *  (static, transfer none); "" when @source is out of range. */
BOUNCE_API const char *bounce_source_to_string(bounce_source source);

#ifdef __cplusplus
}
#endif

#endif /* BOUNCE_H */
