/* Yahoo Inc. (yahoo.com, ymail.com, rocketmail.com and the AOL domains on
 * the same servers, *.yahoodns.net). Yahoo documents its replies in "SMTP
 * error codes" (senders.yahooinc.com/smtp-error-codes): bracketed codes
 * such as [TSS04] or [BL21] say why, "dd" replies come from the mailbox
 * store. */
#include "rhost.h"

static const char *const domains[] = {
  "yahoo.com", "yahoodns.net", "yahoo.net", "ymail.com", "rocketmail.com", "yahooinc.com",
  "verizonmedia.com", "oath.com", "verizon.net", NULL,
};

static const bn_rhost_rule rules[] = {
  /* [TS01] [TS02] [TSS04]: deferred for unexpected volume or user
   * complaints, the sender's reputation */
  BN_RULE(NULL, 0, NULL, "[ tss04 ]", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "[ ts01 ]", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "[ ts02 ]", BADREPUTATION),
  /* [TS03] [TSS09]: all messages permanently deferred; [BL21]-[BL23]: the
   * IP is on a block list */
  BN_RULE(NULL, 0, NULL, "[ ts03 ]", BLOCKED),
  BN_RULE(NULL, 0, NULL, "[ tss09 ]", BLOCKED),
  BN_RULE(NULL, 0, NULL, "[ bl21 ]", BLOCKED),
  BN_RULE(NULL, 0, NULL, "[ bl22 ]", BLOCKED),
  BN_RULE(NULL, 0, NULL, "[ bl23 ]", BLOCKED),
  BN_RULE(NULL, 0, NULL, "will be permanently deferred", BLOCKED),
  /* "553 VS99-IP1 deferred": Yahoo's help page "Email sent to Yahoo Mail
   * addresses is rejected" (help.yahoo.com/kb/SLN3444) says the SMTP
   * connection was rejected: the sending host is refused, and the 5.7.1
   * it may carry would call it a security matter */
  BN_RULE(NULL, 0, NULL, "vs99 - ip%", BLOCKED),
  /* "451 VS1-IP Excessive unknown recipients - possible Open Relay
   * (#4.1.8)", "451 VS1-MF ...": the same page says the mail was
   * deprioritized, Yahoo's reputation measure of the sending server; the
   * words "open relay" would call it a block */
  BN_RULE(NULL, 0, NULL, "excessive unknown recipients", BADREPUTATION),
  /* "421 Message temporarily deferred - [160]", "421 Message from
   * 192.0.2.1 temporarily deferred - 4.16.50": the page's "Message
   * temporarily deferred" (complaints, spam-like mail, the IP's poor
   * reputation), a numeric code after the dash; with "due to" the words
   * name their own reason ("unresolvable RFC.5321 from domain") */
  BN_RULE(NULL, 0, NULL, "temporarily deferred -", BADREPUTATION),
  /* "451 Message temporarily deferred due to unresolvable RFC.5321 from
   * domain": the envelope sender's domain does not resolve; Yahoo gives
   * it at MAIL or at RCPT, and only at MAIL would the command say so. Its
   * error-code page puts the header From's domain (RFC.5322) under the
   * same heading, as a 451 or a 554: the sender's domain either way */
  BN_RULE(NULL, 0, NULL, "unresolvable rfc.5321 from domain", REJECTED),
  BN_RULE(NULL, 0, NULL, "unresolvable rfc.5322 from domain", REJECTED),
  /* "451 Resources temporarily unavailable. Please try again later
   * [#4.16.1]": the servers were busy, not a refusal of the sender */
  BN_RULE(NULL, 0, NULL, "resources temporarily unavailable", SYSTEMERROR),
  /* "dd" replies come from the mailbox store after DATA: the address is
   * unknown, not filtered */
  BN_RULE(NULL, 0, NULL, "this user doesn't have a * account", USERUNKNOWN),
  /* the same answer from the mailbox store AOL's addresses moved to
   * ("dd Not a valid recipient - atlas..."): no such account */
  BN_RULE(NULL, 0, NULL, "dd not a valid recipient", USERUNKNOWN),
  /* "552 1 Requested mail action aborted, mailbox not found": Yahoo's
   * (and AOL's) answer for an address without a mailbox, with 5.0.0 or no
   * status, whatever the command ("aborted" is not a filter's verdict) */
  BN_RULE(NULL, 0, NULL, "requested mail action aborted, mailbox not found", USERUNKNOWN),
};

BN_RHOST_DEFINE(yahoo, domains, rules);
