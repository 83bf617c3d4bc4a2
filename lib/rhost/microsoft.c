/* Microsoft: Exchange Online / Office 365 (*.protection.outlook.com) and
 * Outlook.com (hotmail.com, live.com, msn.com). Exchange Online documents
 * its enhanced codes in "Email non-delivery reports and SMTP errors in
 * Exchange Online" (learn.microsoft.com); several details beyond RFC 3463
 * carry Microsoft's own meaning (5.1.10, 5.4.1, 5.7.509, 5.7.515,
 * 5.7.606-649 ...). Outlook.com adds letter codes (SC-, DY-, OU-, RP-). */
#include "rhost.h"

static const char *const domains[] = {
  "outlook.com", "hotmail.com", "live.com", "msn.com", "office365.com",
  "exchangelabs.com", "outlook.office365.com", "microsoft.com", "outlook.cn",
  /* the DNSSEC-signed MX hosts of a domain with inbound SMTP DANE
   * ("contoso-com.<x>-v1.mx.microsoft"), which replace its
   * *.mail.protection.outlook.com ("Implementing Inbound SMTP DANE with
   * DNSSEC for Exchange Online Mail Flow", Exchange Team Blog) */
  "mx.microsoft",
  /* Outlook.com's national consumer domains: their mailboxes are its own,
   * so its stock words about them ("mailbox unavailable") are its answer */
  "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "hotmail.co.jp",
  "live.co.uk", "live.fr", "live.de", "live.it", "live.nl", "live.jp", "live.ca",
  "live.com.au", "outlook.fr", "outlook.de", "outlook.jp", "outlook.es", "outlook.it",
  "hotmail.com.ar", "hotmail.com.au", "hotmail.com.br", "hotmail.com.tr", "hotmail.com.tw",
  "hotmail.be", "hotmail.ca", "hotmail.ch", "hotmail.cl", "hotmail.dk", "hotmail.fi",
  "hotmail.gr", "hotmail.nl", "hotmail.no", "hotmail.se", "hotmail.co.th", "hotmail.co.za",
  "live.com.ar", "live.com.mx", "live.com.pt", "live.com.sg", "live.at", "live.be", "live.cl",
  "live.cn", "live.dk", "live.fi", "live.hk", "live.ie", "live.in", "live.no", "live.ru",
  "live.se", "live.co.za", "outlook.com.ar", "outlook.com.au", "outlook.com.br",
  "outlook.com.gr", "outlook.com.tr", "outlook.com.vn", "outlook.at", "outlook.be",
  "outlook.cl", "outlook.cz", "outlook.dk", "outlook.hu", "outlook.ie", "outlook.in",
  "outlook.kr", "outlook.lv", "outlook.my", "outlook.ph", "outlook.pt", "outlook.sa",
  "outlook.sg", "outlook.sk", "outlook.co.id", "outlook.co.il", "outlook.co.nz",
  "outlook.co.th", "windowslive.com", NULL,
};

/* Its receiving servers' codes (5.1.10, 5.7.511, 4.7.500 ...) hold for
 * their replies only; those Exchange Online writes itself when it reports
 * (a queue's expiry, a DNS failure, a limit or ban of the sending tenant,
 * its resolver's group restrictions, RESOLVER.RST.*) are BN_OWN_RULE: they
 * hold where its report names another host too. */
static const bn_rhost_rule rules[] = {
  /* 5.1.10 RESOLVER.ADR.RecipientNotFound: no such recipient (RFC 7505
   * gives 5.1.10 to a null MX, as other servers write it) */
  BN_COMMON_RULE("x.1.10", 0, NULL, NULL, USERUNKNOWN),
  /* Outlook.com */
  /* Outlook.com's answer for an address it does not have (its mailbox
   * names are checked at RCPT, so a bounce that shows no command is read
   * as RCPT; one that shows MAIL is the sender's unless the reply names the
   * recipient or says x.1.1: reason.c provider_cause) */
  /* (RFC 5321's own words for 550: other servers say it of a block too) */
  BN_COMMON_RULE(NULL, 550, NULL, "requested action not taken: mailbox unavailable", USERUNKNOWN),
  BN_RULE(NULL, 0, NULL, "sc-001", BLOCKED),
  BN_RULE(NULL, 0, NULL, "sc-002", BLOCKED),
  BN_RULE(NULL, 0, NULL, "sc-003", BLOCKED),
  BN_RULE(NULL, 0, NULL, "sc-004", BLOCKED),
  BN_RULE(NULL, 0, NULL, "dy-001", BLOCKED),
  BN_RULE(NULL, 0, NULL, "dy-002", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ou-001", BLOCKED),
  BN_RULE(NULL, 0, NULL, "ou-002", BLOCKED),
  BN_RULE(NULL, 0, NULL, "rp-001", SPEEDING),
  BN_RULE(NULL, 0, NULL, "rp-002", SPEEDING),
  BN_RULE(NULL, 0, NULL, "rp-003", SPEEDING),
  /* 5.4.300-5.4.318: the message expired; the detail says why */
  BN_OWN_RULE("x.4.312", 0, NULL, NULL, NETWORKERROR), /* DNS query failed */
  /* 5.4.316 "Message expired, connection refused" and 5.4.318 "Message
   * expired, connection reset" need no rule: the shared reading takes an
   * expiry over the last attempt's refused or reset connection (reason.c),
   * and 4.4.316 "Connection refused" in a delay is one refused attempt, a
   * network error with retries to come. */
  BN_OWN_RULE("x.4.14", 0, NULL, NULL, NETWORKERROR),  /* hop count exceeded */
  /* 5.3.190 "Journaling on-premises messages to Microsoft 365 or Office
   * 365 not supported when Journaling Archive is disabled": the receiving
   * tenant's settings refuse journal reports */
  BN_RULE("x.3.190", 0, NULL, NULL, POLICYVIOLATION),
  /* 5.7.900-5.7.999 "Delivery not authorized, message refused": a mail
   * flow (transport) rule set to reject rejected it; the rule chooses the
   * code in that range, 5.7.1 by default (where the same words mean the
   * sender may not send to the recipient, securityerror) */
  BN_OWN_RULE("x.7.9??", 0, NULL, "delivery not authorized, message refused", POLICYVIOLATION),
  /* 5.7.509: the sending domain fails DMARC and publishes p=reject */
  BN_RULE("x.7.509", 0, NULL, NULL, AUTHFAILURE),
  /* 5.7.515: the sending domain does not meet the authentication level
   * required of high-volume senders; the SPF and DKIM results it lists
   * must not make it an authentication failure of the message. (5.7.57,
   * client not authenticated, is securityerror as any unregistered x.7
   * detail is: lib/status.c) */
  BN_RULE("x.7.515", 0, NULL, NULL, SECURITYERROR),
  /* 5.7.64 TenantAttribution; Relay Access Denied */
  BN_RULE("x.7.64", 0, NULL, NULL, NORELAYING),
  /* 5.7.512: the message must be RFC 5322 section 3.6.2 compliant */
  BN_RULE("x.7.512", 0, NULL, NULL, NOTCOMPLIANTRFC),
  /* 5.7.513 customer block list; 5.7.708 traffic not accepted from this
   * IP; 5.7.750 unregistered domain (5.7.606-649, "banned sending IP", is
   * in the phrase table, as other servers quote it) */
  BN_RULE("x.7.513", 0, NULL, NULL, BLOCKED),
  BN_OWN_RULE("x.7.708", 0, NULL, NULL, BLOCKED),
  BN_OWN_RULE("x.7.750", 0, NULL, NULL, BLOCKED),
  /* 5.7.703 "messages to <recipient> are blocked by your organization
   * using Tenant Allow Block List": the sender's own organisation did not
   * send to an address on its list */
  BN_OWN_RULE("x.7.703", 0, NULL, NULL, SUPPRESSED),
  /* 5.7.124 / 5.7.133-5.7.136: the recipient (a group) does not take mail
   * from this sender */
  BN_OWN_RULE("x.7.124", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.133", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.134", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.135", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.136", 0, NULL, NULL, REJECTED),
  /* 5.7.193 "UnifiedGroupAgent; Delivery failed because the sender isn't
   * a group member or external senders aren't permitted to send to this
   * group": a Microsoft 365 group closed to outside senders */
  BN_OWN_RULE("x.7.193", 0, NULL, NULL, REJECTED),
  /* 5.4.310 DNS domain does not exist */
  BN_OWN_RULE("x.4.310", 0, NULL, NULL, HOSTUNKNOWN),
  /* 5.1.90 "Your message can't be sent because you've reached your daily
   * limit for message recipients" (learn.microsoft.com, NDRs in Exchange
   * Online): the phrase table reads its words wherever the reply is
   * quoted; the code keeps its one meaning from Microsoft's own hosts when
   * a relay cut or dropped the words */
  BN_OWN_RULE("x.1.90", 0, NULL, NULL, SPEEDING),
  /* 5.7.12 "Sender was not authenticated by organization": a recipient
   * closed to outside senders (learn.microsoft.com, "Fix ... error code
   * 5.7.12"; RFC 3463 gives 5.7.12 to a password transition). Its words
   * and the resolver's "SenderNotAuthenticatedFor<Group, Mailbox,
   * PublicFolder, MailUser>" are in the phrase table, for any relay that
   * hides the host; the code holds from Microsoft's hosts where the words
   * were cut. 5.7.13, as 5.7.135: a public folder that takes mail from its
   * own organisation only (RFC 3463 gives 5.7.13 to a disabled account,
   * which another server behind Exchange Online may mean: its words
   * decide) */
  BN_RULE("x.7.12", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.13", 0, NULL, "not authenticated", REJECTED),
  /* 5.7.501 "Access denied, spam abuse detected", 5.7.502 / 5.7.503
   * "Access denied, banned sender": the sending account is banned for
   * spam, as 5.1.8 "bad outbound sender" says (5.7.511's banned sender is
   * the sending IP) */
  BN_OWN_RULE("x.7.501", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.502", 0, NULL, NULL, REJECTED),
  BN_OWN_RULE("x.7.503", 0, NULL, NULL, REJECTED),
  /* 5.7.800 "Access denied, banned sender": the sending domain (EHLO,
   * envelope or From) is banned for spam */
  BN_OWN_RULE("x.7.800", 0, NULL, NULL, REJECTED),
  /* 5.7.505 "Access denied, banned recipient": the recipient is not valid
   * (5.7.504 "Recipient address rejected: Access denied" says so in the
   * phrase table) */
  BN_RULE("x.7.505", 0, NULL, NULL, USERUNKNOWN),
  /* 5.7.510 "Access denied, [domain] does not accept email over IPv6"
   * (and its 5.2.1 form) is the phrase table's: it reads blocked
   * wherever the reply is quoted. The code keeps its one meaning (the
   * sending host's IPv6 connection refused, learn.microsoft.com's NDR
   * table) from Microsoft's hosts when the words were cut ("550 5.7.510
   * Access denied"), which x.7 alone would read securityerror */
  BN_RULE("x.7.510", 0, NULL, NULL, BLOCKED),
  /* 5.7.506 Access denied, Bad HELO; 5.7.507 the recipient blocks the
   * sending IP; 5.7.511 Access denied, banned sender (the IP) */
  BN_RULE("x.7.506", 0, NULL, NULL, BLOCKED),
  BN_RULE("x.7.507", 0, NULL, NULL, BLOCKED),
  BN_RULE("x.7.511", 0, NULL, NULL, BLOCKED),
  /* 5.7.508: the sending IPv6 range exceeded its permitted limits */
  BN_RULE("x.7.508", 0, NULL, NULL, SPEEDING),
  /* 5.7.520 "Access denied, Your organization does not allow external
   * forwarding": the sender's organisation's policy. Outlook.com gives
   * the same code to its outbound spam filter ("550 5.7.520 Message
   * blocked because it contains content identified as spam. AS(4810)"),
   * whose words say so: the rule holds for the documented sentence only */
  BN_OWN_RULE("x.7.520", 0, NULL, "external forwarding", POLICYVIOLATION),
  /* 5.7.700-749 "Access denied, tenant has exceeded threshold": the
   * sending tenant is banned for suspicious traffic */
  BN_RULE(NULL, 0, NULL, "tenant has exceeded threshold", BLOCKED),
  /* 4.7.500-699 and 4.7.850-899 "Access denied, please try again later" /
   * "Server busy": suspicious activity from the IP (a new or changed
   * sending pattern), restricted while it is evaluated */
  /* (but Outlook.com's 4.7.652 "The mail server [192.0.2.1] has exceeded
   * the maximum number of connections" says what it counts: too many
   * connections at once, not the IP's reputation) */
  BN_RULE("4.7.6??", 0, NULL, "exceeded the maximum number of connections", TOOMANYCONN),
  BN_RULE("4.7.5??", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.6??", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.85?", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.86?", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.87?", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.88?", 0, NULL, NULL, BADREPUTATION),
  BN_RULE("4.7.89?", 0, NULL, NULL, BADREPUTATION),
  /* 5.2.251-5.2.255 "Sender throttled due to continuous mailbox full
   * errors" (send as denied, invalid license, too many recipients, invalid
   * recipients): Exchange Online stops an SMTP AUTH client that keeps
   * failing for a while; the failure it names is the earlier one, not this
   * message's ("Continuous error throttling for SMTP AUTH submissions in
   * Exchange Online", learn.microsoft.com) */
  BN_OWN_RULE("x.2.25?", 0, NULL, "sender throttled", SPEEDING),
  /* 5.2.121 / 5.2.122: the recipient's per-hour receive limit */
  BN_RULE("x.2.121", 0, NULL, NULL, SPEEDING),
  BN_RULE("x.2.122", 0, NULL, NULL, SPEEDING),
};

/* What only its servers write in a reply: the Exchange component that
 * refused (RESOLVER.ADR.RecipientNotFound, STOREDRV.Deliver, QUEUE.Expired),
 * its anti-spam tags (AS(1410), (AS77714), (S3150)) and Outlook.com's
 * error triple ("mailbox unavailable (-1940314047:3032:-2147467259)"). */
static const char *const marks[] = {
  "RESOLVER.", "STOREDRV.", "QUEUE.", "AS(#)", "(AS#)", "(S#)", "(-#:#:-#)", "(#:#:-#)", NULL,
};

BN_RHOST_DEFINE_MARKED(microsoft, domains, rules, marks);
