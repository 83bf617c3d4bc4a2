/* Google (Gmail, Google Workspace, Google Groups). Google documents its SMTP
 * replies in "SMTP errors and codes" (support.google.com/a/answer/3726730);
 * each reply carries the status and a fixed sentence, often with a help
 * link (?p=NoSuchUser, ?p=ReceivingRatePerm ...). Where the sentence is more
 * specific than the status (5.2.1 is used both for a disabled account and
 * for a recipient receiving too fast), the sentence decides. */
#include "rhost.h"

static const char *const domains[] = {"google.com", "googlemail.com", "gmail.com", NULL};
/* Every reply of Google's SMTP servers ends in its transaction id and
 * "- gsmtp" ("550 5.1.1 ... a1si123.45 - gsmtp"), also where the relay
 * quoting it names the server by its IP address alone */
static const char *const signatures[] = {"gsmtp", NULL};

static const bn_rhost_rule rules[] = {
  /* 4.2.1 / 5.2.1 with the help link ?p=ReceivingRatePerm (or Temp)
   * only: the recipient receives mail faster than Gmail allows (the
   * status alone would say "disabled"); Gmail's own sentences are in the
   * generic table */
  BN_RULE(NULL, 0, NULL, "?p=receivingrate%", SPEEDING),
  /* 550 5.7.1 "... this message is likely unsolicited mail ..." ends on
   * the help link ?p=UnsolicitedMessageError and "- gsmtp"; a relay that
   * keeps only a reply's last line (Sendmail's Diagnostic-Code) leaves
   * the link alone, where 5.7.1 would read as a security refusal */
  BN_RULE(NULL, 0, NULL, "?p=unsolicitedmessageerror", SPAMDETECTED),
  /* The same for the other help links that say more than their status:
   * "421 4.7.28 ... an unusual rate of unsolicited mail ... Please visit
   * https://support.google.com/mail/?p=UnsolicitedRateLimitError" is the
   * sender's reputation (x.7.28 alone is a mail flood, a rate); "550 5.7.1
   * [ip] The IP you're using to send mail is not authorized to send email
   * directly to our servers ... ?p=NotAuthorizedError" is an IP range that
   * may not send directly; "550 5.7.26 Unauthenticated email from ... is
   * not accepted due to domain's DMARC policy ... ?p=DmarcRejection" (also
   * under 5.7.1) is the sender's DMARC */
  BN_RULE(NULL, 0, NULL, "?p=unsolicitedratelimiterror", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "?p=notauthorizederror", BLOCKED),
  BN_RULE(NULL, 0, NULL, "?p=dmarcrejection", AUTHFAILURE),
  /* "550 5.7.1 ... Please visit
   * https://support.google.com/mail/?p=RfcMessageNonCompliant and review
   * RFC 5322 specifications": the message's headers break RFC 5322 (no or
   * several From:, no valid Message-ID); the link's line alone, as a relay
   * keeps it, would read as a security refusal */
  BN_RULE(NULL, 0, NULL, "?p=rfcmessagenoncompliant", NOTCOMPLIANTRFC),
  /* 550 5.7.1 "Email quota exceeded": the sender's quota, which Gmail
   * writes itself whatever host it was sending to; a full mailbox is
   * 4.2.2 / 5.2.2 */
  BN_OWN_RULE("x.7.1", 0, NULL, "quota exceeded", SPEEDING),
  /* 452 4.5.3 "Your message has too many recipients. For more
   * information regarding Google's sending limits, visit ...": the
   * pointer to the limits page is not the sender's quota running out */
  BN_RULE(NULL, 0, NULL, "too many recipients", TOOMANYCONN),
  /* 421 4.7.0 "Try again later, closing connection.": Google's note says
   * it usually means a denial of service at the SMTP relay's HELO, too
   * many connections, not an authorisation (4.7.0 alone) */
  BN_RULE("x.7.0", 421, NULL, "try again later, closing connection", TOOMANYCONN),
  /* SMTP relay service: 550 5.7.1 "Invalid credentials for relay [ip]. The
   * IP address you've registered in your Workspace SMTP Relay service
   * doesn't match domain of the account ...": it will not relay for this
   * client */
  BN_RULE(NULL, 0, NULL, "invalid credentials for relay", NORELAYING),
  /* 550 5.7.0 "Mail Sending denied": the sending account is disabled or
   * not registered in the Workspace domain, whatever the command */
  BN_RULE(NULL, 0, NULL, "mail sending denied", REJECTED),
  /* 421 4.7.29 / 550 5.7.29 "Your email has been rate limited (blocked)
   * because this message wasn't sent over a TLS connection. Gmail requires
   * all bulk email senders to use TLS/SSL": TLS required (RFC 8617 gives
   * x.7.29 to an ARC validation failure) */
  BN_RULE("x.7.29", 0, NULL, NULL, FAILEDSTARTTLS),
  /* 421 4.3.0 / 421 4.7.0 "Temporary System Problem. Try again later.":
   * Gmail's own servers failed, at the greeting too, where a relay's
   * notice frames it as a host that "refused to talk to me" (a block) */
  BN_RULE(NULL, 0, NULL, "temporary system problem", SYSTEMERROR),
  /* 550 5.1.1 "The email account that you tried to reach does not
   * exist" (?p=NoSuchUser) is Google's answer to RCPT for a missing
   * account only; Gmail's own notices quote it without the code or the
   * command, where the words alone would be taken for a filter's */
  BN_RULE(NULL, 0, NULL, "account that you tried to reach does not exist", USERUNKNOWN),
  /* 5.2.1 "... is disabled" / "... is inactive": the generic table reads
   * them, also where Gmail's notice quotes them with no host to name Google */
  /* 5.7.27: the sender's domain fails SPF (RFC 7505 gives 5.7.27 to a
   * sender's null MX) */
  BN_RULE("x.7.27", 0, NULL, NULL, AUTHFAILURE),
  /* 4.7.28 / 4.7.0 "unusual rate of unsolicited mail" (the IP's
   * reputation), the IPs not allowed to send to Gmail directly or not in a
   * domain's whitelist, the SMTP relay's limits, the limits per
   * transaction, "Server busy" and "SMTP protocol violation" are read by
   * the generic table, whose words say the same wherever the reply is
   * relayed. */
  /* Google Groups: the group's spam classifier (its advice to set up SPF
   * is not an authentication failure) */
  BN_RULE(NULL, 0, NULL, "rejected due to spam classification", SPAMDETECTED),
};

BN_RHOST_DEFINE_SIGNED(google, domains, rules, signatures);
