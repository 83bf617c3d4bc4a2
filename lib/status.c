/* RFC 3463 enhanced status codes (the IANA "Enumerated Status Codes"
 * registry) and RFC 5321 reply codes: what each means, and the cause each
 * implies when a bounce says nothing more specific. */
#include "private.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *code; /* "S.D": subject and detail, for any class */
  const char *meaning;
  bounce_cause cause;
} status_row;

/* One row per registered subject.detail. The cause column is what the code
 * says on its own; the diagnostic text, when there is one, wins over it. */
static const status_row status_table[] = {
  {"0.0", "Other undefined status", BOUNCE_CAUSE_UNDEFINED},
  {"1.0", "Other address status", BOUNCE_CAUSE_USERUNKNOWN},
  {"1.1", "Bad destination mailbox address", BOUNCE_CAUSE_USERUNKNOWN},
  {"1.2", "Bad destination system address", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"1.3", "Bad destination mailbox address syntax", BOUNCE_CAUSE_USERUNKNOWN},
  {"1.4", "Destination mailbox address ambiguous", BOUNCE_CAUSE_USERUNKNOWN},
  {"1.5", "Destination address valid", BOUNCE_CAUSE_DELIVERED},
  {"1.6", "Destination mailbox has moved, no forwarding address", BOUNCE_CAUSE_HASMOVED},
  {"1.7", "Bad sender's mailbox address syntax", BOUNCE_CAUSE_REJECTED},
  {"1.8", "Bad sender's system address", BOUNCE_CAUSE_REJECTED},
  {"1.9", "Message relayed to non-compliant mailer", BOUNCE_CAUSE_UNDEFINED},
  {"1.10", "Recipient address has null MX", BOUNCE_CAUSE_NOTACCEPT},
  {"2.0", "Other or undefined mailbox status", BOUNCE_CAUSE_UNDEFINED},
  {"2.1", "Mailbox disabled, not accepting messages", BOUNCE_CAUSE_SUSPEND},
  {"2.2", "Mailbox full", BOUNCE_CAUSE_MAILBOXFULL},
  {"2.3", "Message length exceeds administrative limit", BOUNCE_CAUSE_EXCEEDLIMIT},
  {"2.4", "Mailing list expansion problem", BOUNCE_CAUSE_MAILERERROR},
  {"3.0", "Other or undefined mail system status", BOUNCE_CAUSE_UNDEFINED},
  {"3.1", "Mail system full", BOUNCE_CAUSE_SYSTEMFULL},
  {"3.2", "System not accepting network messages", BOUNCE_CAUSE_NOTACCEPT},
  {"3.3", "System not capable of selected features", BOUNCE_CAUSE_SYSTEMERROR},
  {"3.4", "Message too big for system", BOUNCE_CAUSE_MESGTOOBIG},
  {"3.5", "System incorrectly configured", BOUNCE_CAUSE_SYSTEMERROR},
  {"3.6", "Requested priority was changed", BOUNCE_CAUSE_UNDEFINED},
  {"4.0", "Other or undefined network or routing status", BOUNCE_CAUSE_UNDEFINED},
  {"4.1", "No answer from host", BOUNCE_CAUSE_NETWORKERROR},
  {"4.2", "Bad connection", BOUNCE_CAUSE_NETWORKERROR},
  {"4.3", "Directory server failure", BOUNCE_CAUSE_SYSTEMERROR},
  {"4.4", "Unable to route", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"4.5", "Mail system congestion", BOUNCE_CAUSE_SYSTEMFULL},
  {"4.6", "Routing loop detected", BOUNCE_CAUSE_NETWORKERROR},
  {"4.7", "Delivery time expired", BOUNCE_CAUSE_EXPIRED},
  {"5.0", "Other or undefined protocol status", BOUNCE_CAUSE_UNDEFINED},
  {"5.1", "Invalid command", BOUNCE_CAUSE_SYNTAXERROR},
  {"5.2", "Syntax error", BOUNCE_CAUSE_SYNTAXERROR},
  {"5.3", "Too many recipients", BOUNCE_CAUSE_TOOMANYCONN},
  {"5.4", "Invalid command arguments", BOUNCE_CAUSE_SYNTAXERROR},
  {"5.5", "Wrong protocol version", BOUNCE_CAUSE_SYNTAXERROR},
  {"5.6", "Authentication exchange line is too long", BOUNCE_CAUSE_SYNTAXERROR},
  {"6.0", "Other or undefined media error", BOUNCE_CAUSE_CONTENTERROR},
  {"6.1", "Media not supported", BOUNCE_CAUSE_CONTENTERROR},
  {"6.2", "Conversion required and prohibited", BOUNCE_CAUSE_CONTENTERROR},
  {"6.3", "Conversion required but not supported", BOUNCE_CAUSE_CONTENTERROR},
  {"6.4", "Conversion with loss performed", BOUNCE_CAUSE_CONTENTERROR},
  {"6.5", "Conversion failed", BOUNCE_CAUSE_CONTENTERROR},
  {"6.6", "Message content not available", BOUNCE_CAUSE_CONTENTERROR},
  {"6.7", "Non-ASCII addresses not permitted for that sender/recipient", BOUNCE_CAUSE_CONTENTERROR},
  {"6.8", "UTF-8 string reply is required, but not permitted by the SMTP client", BOUNCE_CAUSE_CONTENTERROR},
  {"6.9", "UTF-8 header message cannot be transferred to one or more recipients", BOUNCE_CAUSE_CONTENTERROR},
  {"6.10", "UTF-8 string reply is required, but not permitted by the SMTP client", BOUNCE_CAUSE_CONTENTERROR},
  {"7.0", "Other or undefined security status", BOUNCE_CAUSE_SECURITYERROR},
  {"7.1", "Delivery not authorized, message refused", BOUNCE_CAUSE_SECURITYERROR},
  {"7.2", "Mailing list expansion prohibited", BOUNCE_CAUSE_SECURITYERROR},
  {"7.3", "Security conversion required but not possible", BOUNCE_CAUSE_SECURITYERROR},
  {"7.4", "Security features not supported", BOUNCE_CAUSE_SECURITYERROR},
  {"7.5", "Cryptographic failure", BOUNCE_CAUSE_SECURITYERROR},
  {"7.6", "Cryptographic algorithm not supported", BOUNCE_CAUSE_SECURITYERROR},
  {"7.7", "Message integrity failure", BOUNCE_CAUSE_SECURITYERROR},
  {"7.8", "Authentication credentials invalid", BOUNCE_CAUSE_SECURITYERROR},
  {"7.9", "Authentication mechanism is too weak", BOUNCE_CAUSE_SECURITYERROR},
  {"7.10", "Encryption needed", BOUNCE_CAUSE_FAILEDSTARTTLS},
  {"7.11", "Encryption required for requested authentication mechanism", BOUNCE_CAUSE_FAILEDSTARTTLS},
  {"7.12", "A password transition is needed", BOUNCE_CAUSE_SECURITYERROR},
  {"7.13", "User account disabled", BOUNCE_CAUSE_SUSPEND},
  {"7.14", "Trust relationship required", BOUNCE_CAUSE_SECURITYERROR},
  {"7.15", "Priority level is too low", BOUNCE_CAUSE_UNDEFINED},
  {"7.16", "Message is too big for the specified priority", BOUNCE_CAUSE_MESGTOOBIG},
  {"7.17", "Mailbox owner has changed", BOUNCE_CAUSE_HASMOVED},
  {"7.18", "Domain owner has changed", BOUNCE_CAUSE_HASMOVED},
  {"7.19", "RRVS test cannot be completed", BOUNCE_CAUSE_UNDEFINED},
  {"7.20", "No passing DKIM signature found", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.21", "No acceptable DKIM signature found", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.22", "No valid author-matched DKIM signature found", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.23", "SPF validation failed", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.24", "SPF validation error", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.25", "Reverse DNS validation failed", BOUNCE_CAUSE_REQUIREPTR},
  {"7.26", "Multiple authentication checks failed", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.27", "Sender address has null MX", BOUNCE_CAUSE_REJECTED},
  {"7.28", "Mail flood detected", BOUNCE_CAUSE_SPEEDING},
  {"7.29", "ARC validation failure", BOUNCE_CAUSE_AUTHFAILURE},
  {"7.30", "REQUIRETLS support required", BOUNCE_CAUSE_FAILEDSTARTTLS},
};

/* What a subject means when its detail is not registered. */
static const char *const subject_meaning[8] = {
  "Other or undefined status", "Addressing status", "Mailbox status", "Mail system status",
  "Network and routing status", "Mail delivery protocol status", "Message content or media status",
  "Security or policy status",
};

static const status_row *
status_lookup(const char *status)
{
  if (status == NULL || !bn_status_valid(status, strlen(status)))
    return NULL;
  const char *sd = status + 2;
  for (size_t i = 0; i < G_N_ELEMENTS(status_table); i++)
    if (strcmp(status_table[i].code, sd) == 0)
      return &status_table[i];
  return NULL;
}

const char *
bn_status_meaning(const char *status)
{
  if (status == NULL || !bn_status_valid(status, strlen(status)))
    return NULL;
  const status_row *row = status_lookup(status);
  if (row)
    return row->meaning;
  return subject_meaning[status[2] - '0'];
}

bounce_cause
bn_status_cause(const char *status)
{
  const status_row *row = status_lookup(status);
  if (row == NULL && status && bn_status_valid(status, strlen(status))) {
    /* a detail not registered (Exchange's 5.7.606, 5.6.211): the subject
     * still says content or security and policy */
    if (status[2] == '6')
      return BOUNCE_CAUSE_CONTENTERROR;
    if (status[2] == '7')
      return BOUNCE_CAUSE_SECURITYERROR;
  }
  if (row == NULL)
    return BOUNCE_CAUSE_UNDEFINED;
  if (row->cause == BOUNCE_CAUSE_DELIVERED && status[0] != '2')
    return BOUNCE_CAUSE_UNDEFINED;
  return row->cause;
}

/* The details that say the connection to the next host failed: "no answer
 * from host" and "bad connection" (established, but the transaction could
 * not complete), each of which RFC 3463 calls "useful only as a persistent
 * transient error". The network's other transient-only details (x.4.3
 * directory server failure, x.4.5 congestion) are states a host that
 * answered can be in. */
static const char *const link_failures[] = {"4.1", "4.2"};

bool
bn_status_link_failure(const char *status)
{
  if (status == NULL || !bn_status_valid(status, strlen(status)))
    return false;
  for (size_t i = 0; i < G_N_ELEMENTS(link_failures); i++)
    if (strcmp(status + 2, link_failures[i]) == 0)
      return true;
  return false;
}

bool
bn_status_raised(const char *status, const char *said)
{
  return status && said && status[0] == '5' && said[0] == '4' && strcmp(status + 1, said + 1) == 0;
}

bool
bn_status_lowered(const char *status, const char *said)
{
  return bn_status_raised(said, status);
}

const char *
bounce_status_describe(const char *status)
{
  return bn_status_meaning(status);
}

typedef struct {
  int code;
  const char *meaning;
  bounce_cause cause;
} reply_row;

/* RFC 5321 section 4.2.2-4.2.3, with the codes later RFCs added (RFC 3207
 * STARTTLS, RFC 4954 AUTH, RFC 7504 521/556). */
static const reply_row reply_table[] = {
  {211, "System status, or system help reply", BOUNCE_CAUSE_UNDEFINED},
  {214, "Help message", BOUNCE_CAUSE_UNDEFINED},
  {220, "Service ready", BOUNCE_CAUSE_UNDEFINED},
  {221, "Service closing transmission channel", BOUNCE_CAUSE_UNDEFINED},
  {235, "Authentication succeeded", BOUNCE_CAUSE_UNDEFINED},
  {250, "Requested mail action okay, completed", BOUNCE_CAUSE_DELIVERED},
  {251, "User not local; will forward", BOUNCE_CAUSE_DELIVERED},
  {252, "Cannot verify user, but will accept message and attempt delivery", BOUNCE_CAUSE_DELIVERED},
  {334, "Server challenge (authentication)", BOUNCE_CAUSE_UNDEFINED},
  {354, "Start mail input", BOUNCE_CAUSE_UNDEFINED},
  {421, "Service not available, closing transmission channel", BOUNCE_CAUSE_UNDEFINED},
  {432, "A password transition is needed", BOUNCE_CAUSE_SECURITYERROR},
  {450, "Requested mail action not taken: mailbox unavailable", BOUNCE_CAUSE_UNDEFINED},
  {451, "Requested action aborted: local error in processing", BOUNCE_CAUSE_UNDEFINED},
  {452, "Requested action not taken: insufficient system storage", BOUNCE_CAUSE_UNDEFINED},
  {454, "Temporary authentication failure, or TLS not available", BOUNCE_CAUSE_UNDEFINED},
  {455, "Server unable to accommodate parameters", BOUNCE_CAUSE_UNDEFINED},
  {500, "Syntax error, command unrecognized", BOUNCE_CAUSE_UNDEFINED},
  {501, "Syntax error in parameters or arguments", BOUNCE_CAUSE_UNDEFINED},
  {502, "Command not implemented", BOUNCE_CAUSE_UNDEFINED},
  {503, "Bad sequence of commands", BOUNCE_CAUSE_SYNTAXERROR},
  {504, "Command parameter not implemented", BOUNCE_CAUSE_UNDEFINED},
  {521, "Host does not accept mail", BOUNCE_CAUSE_NOTACCEPT},
  {530, "Authentication required", BOUNCE_CAUSE_SECURITYERROR},
  {534, "Authentication mechanism is too weak", BOUNCE_CAUSE_SECURITYERROR},
  {535, "Authentication credentials invalid", BOUNCE_CAUSE_SECURITYERROR},
  {538, "Encryption required for requested authentication mechanism", BOUNCE_CAUSE_SECURITYERROR},
  {550, "Requested action not taken: mailbox unavailable", BOUNCE_CAUSE_UNDEFINED},
  {551, "User not local", BOUNCE_CAUSE_UNDEFINED},
  {552, "Requested mail action aborted: exceeded storage allocation", BOUNCE_CAUSE_UNDEFINED},
  {553, "Requested action not taken: mailbox name not allowed", BOUNCE_CAUSE_UNDEFINED},
  {554, "Transaction failed", BOUNCE_CAUSE_UNDEFINED},
  {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented", BOUNCE_CAUSE_SYNTAXERROR},
  {556, "Domain does not accept mail", BOUNCE_CAUSE_NOTACCEPT},
};

static const reply_row *reply_lookup(int code);

/* Codes servers really send that RFC 5321 does not list: accepted as reply
 * codes, with no meaning of their own. RFC 5321's second digit runs 0-5;
 * vendor codes beyond it (Exchange's 571) are read as no reply code.
 * Alibaba Cloud's submission servers refuse a sender that is not the
 * logged-in account with 440 (Enterprise Mail) and 436 (DirectMail).
 * Not 522 or 430, though they fit RFC 5321's Reply-code grammar (%x32-35
 * %x30-35 %x30-39) and qmail's chkuser patch writes both ("522 sorry,
 * recipient mailbox is full (#5.2.2 - chkuser)", "430 system temporary
 * unavailable", its chkuser_settings.h), as Oracle Messaging Server
 * writes "522 5.2.0 Delivery failed: Over quota": no RFC gives them a
 * meaning, their second digit says "connections" of a mailbox or a lookup,
 * and the enhanced status beside them already says what happened, so the
 * reply code stays unknown (0) wherever they are read. */
static const int reply_extra[] = {
  253, 422, 431, 436, 440, 441, 442, 446, 447, 449, 453, 458, 459, 510, 511, 512, 513, 515,
  517, 523, 524, 525, 531, 557, 558, 559,
};

bool
bn_reply_known(int code)
{
  if (reply_lookup(code))
    return true;
  for (size_t i = 0; i < G_N_ELEMENTS(reply_extra); i++)
    if (reply_extra[i] == code)
      return true;
  return false;
}

/* Codes read only as they open a reply, before an enhanced status of
 * their class. 400 is Exchange's (2010 to 2019): every delay notice it
 * writes says "Remote Server at h returned '400 4.4.7 Message delayed'"
 * for the message still queued, its one code for that state, which the
 * notice gives in the remote's reply's place
 * (serverfault.com/questions/302791). No server answers a command with
 * it, and as a round number it stands in prose ("rejected: 400 messages
 * in an hour", "(400 Bad Request)" of an HTTP API): alone it is no reply. */
static const int reply_with_status[] = {400};

bool
bn_reply_known_with_status(int code)
{
  for (size_t i = 0; i < G_N_ELEMENTS(reply_with_status); i++)
    if (reply_with_status[i] == code)
      return true;
  return false;
}

static const reply_row *
reply_lookup(int code)
{
  for (size_t i = 0; i < G_N_ELEMENTS(reply_table); i++)
    if (reply_table[i].code == code)
      return &reply_table[i];
  return NULL;
}

const char *
bn_reply_meaning(int code)
{
  const reply_row *row = reply_lookup(code);
  return row ? row->meaning : NULL;
}

bounce_cause
bn_reply_cause(int code)
{
  const reply_row *row = reply_lookup(code);
  return row ? row->cause : BOUNCE_CAUSE_UNDEFINED;
}

const char *
bounce_reply_code_describe(int code)
{
  return bn_reply_meaning(code);
}
