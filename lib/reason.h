/* The cause phrase table (what bounces write, and the cause it names) and
 * the phrase matching the classifier and the provider layer share. */
#ifndef BOUNCE_REASON_H
#define BOUNCE_REASON_H

#include "private.h"
#include "match.h"

/* Not a cause of the public vocabulary: a refusal that names no reason
 * ("Access denied", "Rejected"). The SMTP command in flight says what was
 * refused: the sender at MAIL, the sending host at the greeting, the
 * recipient at RCPT. */
#define BN_CAUSE_REFUSAL ((bounce_cause)63)
/* A name-service failure the resolver will retry ("Host not found, try
 * again"): the network's, and it outranks the missing domain its words
 * also name. Reported as networkerror. */
#define BN_CAUSE_DNS_RETRY ((bounce_cause)62)
/* RFC 5321's "mailbox unavailable": a missing mailbox with a permanent
 * reply, but with a transient one (450: "mailbox busy or temporarily
 * blocked") it decides nothing and the codes speak. Reported as
 * userunknown when it decides. */
#define BN_CAUSE_MAILBOX_UNAVAILABLE ((bounce_cause)61)
/* Not a cause: words that name the sender's domain ("domain of the
 * sender", "sending domain"). Beside the words or status of a missing
 * domain they say the domain missing is the sender's (rejected). Never
 * reported, and outside the precedence. */
#define BN_CAUSE_SENDER_DOMAIN ((bounce_cause)60)
/* "Connection refused": a refused TCP connection, the sending MTA's own
 * note of it ("connect to mx[192.0.2.1]:25: Connection refused"), which
 * is the network's, unless a server that answered in SMTP says it, as
 * Vade-filtered providers do ("550 5.7.1 Connection refused"): a server
 * that replies was connected to, and refuses the sending host by policy.
 * Reported as networkerror or blocked (reason.c). */
#define BN_CAUSE_CONN_REFUSED ((bounce_cause)59)
/* A connection lost during one attempt, as Exchange writes it ("Error
 * communicating with target host", "Connection dropped due to
 * SocketError"): the network's in a delay, but an expiry notice quotes it
 * as its last attempt's error and the expiry is the outcome. Ranks after
 * expired; reported as networkerror. */
#define BN_CAUSE_ATTEMPT_LOST ((bounce_cause)58)
/* A deferral that gives no reason but to come back ("451 4.7.1 Try again
 * later"). With a security or policy status (x.7.1) before the message is
 * taken it is a policy's deferral, greylisting most of all (rspamd's
 * greylisting answers so by default): policyviolation. Else it says
 * nothing and the codes speak. Ranks last. */
#define BN_CAUSE_DEFERRAL ((bounce_cause)57)
/* Postfix's "host mx[192.0.2.1] refused to talk to me: 554 ...": the
 * greeting refused the sending host (blocked), unless the host is a local
 * socket or the loopback (an LMTP delivery agent's greeting: "host
 * mail[private/dovecot-lmtp] refused to talk to me: 421 4.3.2 Shutting
 * down" is the receiving system's failure) or the quoted status names
 * another cause. Reported as blocked, systemerror or what the status says
 * (reason.c). */
#define BN_CAUSE_TALK_REFUSED ((bounce_cause)56)
/* Cyrus lmtpd's "Remote server unavailable": the Murder backend holding
 * the mailbox did not answer, the receiving system's failure. A relay
 * writes the same words before its own reason ("451 4.4.1 Remote server
 * unavailable: connection timed out"), which then says more: ranks after
 * every cause but the stock texts; reported as systemerror. */
#define BN_CAUSE_BACKEND_DOWN ((bounce_cause)55)
/* Not a cause: an antivirus program's or gateway's stamp on mail it
 * passed ("This email has been checked for viruses by Avast antivirus
 * software."), which a footer appends under a notice's text. Its words
 * hold "virus": a virus the text names only by plain (not sure) phrases,
 * none of them above the stamp, is then no verdict (reason.c,
 * bn_text_causes). Never reported, and
 * outside the precedence. */
#define BN_CAUSE_SCAN_STAMP ((bounce_cause)54)
/* RFC 5321's stock words for 421 ("Service not available, closing
 * transmission channel"): the server was not there to take the mail, the
 * receiving system's failure (systemerror), save where the command says
 * whose fault a refusal is: the sending host's at the greeting (blocked),
 * the sender's at MAIL (rejected), as with no words at all. Ranks with the
 * stock texts, after every cause other words name (reason.c). */
#define BN_CAUSE_SERVICE_DOWN ((bounce_cause)53)
/* Not a cause: the words of a mailbox "full of" something ("550 Mailbox
 * full of spam, rejected"), which say what it holds, not that it is over
 * its quota. Each row cancels the rows its words begin with ("mailbox
 * full of" cancels "mailbox full"), so the words of a full mailbox count
 * only where they end there or go on to its quota or storage. Never
 * reported, and outside the precedence. */
#define BN_CAUSE_FULL_OF ((bounce_cause)52)
/* Room for every cause value, the twelve above included. */
#define BN_CAUSE_SLOTS 64

typedef struct {
  bounce_cause cause;
  /* Lower case. A phrase starting or ending with a letter or digit matches
   * whole words only on that side ("spam" does not match "Spamhaus"); a
   * '%' at either end lifts that ("throttl%"). '*' is a gap of a few
   * words ("mailbox * full"). Letters of Latin, Greek, Cyrillic and the
   * other alphabets that write words apart count ("вирус" does not match
   * "антивирус"); text in scripts without spaces (Japanese, Chinese) or
   * that joins particles to words (Korean) matches anywhere. */
  const char *phrase;
  /* A phrase that names its cause whatever else the text names: it holds
   * the words of another cause's phrase ("daily sending quota exceeded"
   * holds "quota exceeded"; "mailbox size limit exceeded" holds "size
   * limit exceeded"), so the precedence between causes must not decide.
   * Sure phrases win over all others; among them the precedence decides.
   * A sure refusal ("does not accept mail from") is sure only against the
   * notaccept words it holds (reason.c, named_cause). */
  bool sure;
  /* A phrase that names its cause inside a link too (a URL, an e-mail
   * address, a host name): a block list's name or host ("spamhaus",
   * "dnsbl.sorbs.net"). Other phrases count only outside links: the words
   * of a help page's path ("/spam-policy.html"), of an address
   * ("spam-report@") or of a host's name ("mailbox-full.example.net") say
   * nothing of why this message failed. */
  bool in_links;
} bn_cause_phrase;

extern const bn_cause_phrase bn_cause_phrases[];
extern const size_t bn_cause_phrase_count;

/* Causes in the order they win when the text names several. */
extern const bounce_cause bn_cause_precedence[];
extern const size_t bn_cause_precedence_count;

/* A phrase table compiled for one-pass matching (phrase.c): the matcher
 * of its phrases' patterns. */
typedef bn_matcher bn_phrase_set;

/* Builds a set from n phrases written as above (copied). */
bn_phrase_set *bn_phrase_set_new(const char *const *phrases, size_t n);
void bn_phrase_set_free(bn_phrase_set *set);
/* Scans text once; hits[i] is true when phrase i occurs (hits has one
 * entry per phrase). Returns true when any does. */
bool bn_phrase_set_scan(const bn_phrase_set *set, const char *text, size_t len, bool *hits);

/* bn_cause_phrases as a set, compiled when the library is built
 * (gen-phrases.c writes it), so that no process builds it at run time. */
extern const bn_phrase_set bn_compiled_causes;

/* How a cause is named in a text. */
enum { BN_NAMED_NOT = 0, BN_NAMED = 1, BN_NAMED_SURE = 2 };

/* The causes the phrases of the main table name in text: named[c] is
 * BN_NAMED for each cause c a phrase names, BN_NAMED_SURE when a sure
 * phrase does (named has BN_CAUSE_SLOTS entries). Returns true when any
 * phrase occurs. */
bool bn_text_causes(const char *text, size_t len, guint8 named[BN_CAUSE_SLOTS]);

#endif
