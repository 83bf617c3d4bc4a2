/* NetEase (163.com, 126.com, yeah.net, 188.com and NetEase's hosted
 * domains; mx servers under netease.com). NetEase's help center lists the
 * codes its replies carry ("退信代码说明"): HL: codes limit a sending IP
 * (HL:REP many unknown recipients, HL:ICC too many concurrent
 * connections, HL:IFC / HL:IFQ too much mail in a short time, HL:MEP
 * forged sender domains, HL:IHU suspended for abuse, HL:IPB an IP not
 * allowed), MI: and RP: codes the session (MI:CEL / RP:CEL too many bad
 * commands, MI:CCL / RP:CCL too many commands, MI:DMC too many messages
 * per connection, RP:DRC too many recipients per connection, MI:SFQ a
 * sender over its 15-minute quota; MI:SPF, MI:DMA a failed SPF or DMARC
 * check, MI:IMF a message not in the Internet Message Format), WM:BLI / WM:BLU an IP or a sender not
 * on the allowed list, DT:RBL a sending IP listed on a block list (RBL),
 * DT:SPM content taken for spam. The same list gives
 * the codes of the 5xx replies: MI:NHD an empty HELO, RP:RDN a recipient
 * that does not exist, RP:FRL no open relay, RP:RCL too many recipients
 * for one message, MI:STC / RP:TRC / RP:QRC a sender over its daily or
 * short-term quota, MI:SPB a sender not on the allowed list, DT:SUM an
 * envelope sender that does not match the header's sender. Plain replies
 * of the same list: "550 User in blacklist" (this sender may not send to
 * NetEase's users), "550 Requested mail action not taken: too much
 * recipient" (more recipients than one message may have). */
#include "rhost.h"

static const char *const domains[] = {
  "163.com", "126.com", "yeah.net", "188.com", "netease.com", "163.net", NULL,
};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "hl:rep", BLOCKED),
  BN_RULE(NULL, 0, NULL, "hl:icc", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "hl:ifc", SPEEDING),
  BN_RULE(NULL, 0, NULL, "hl:ifq", SPEEDING),
  BN_RULE(NULL, 0, NULL, "hl:mep", BLOCKED),
  BN_RULE(NULL, 0, NULL, "hl:ihu", BLOCKED),
  BN_RULE(NULL, 0, NULL, "hl:ipb", BLOCKED),
  BN_RULE(NULL, 0, NULL, "mi:cel", SYNTAXERROR),
  BN_RULE(NULL, 0, NULL, "rp:cel", SYNTAXERROR),
  BN_RULE(NULL, 0, NULL, "mi:ccl", SYNTAXERROR),
  BN_RULE(NULL, 0, NULL, "rp:ccl", SYNTAXERROR),
  BN_RULE(NULL, 0, NULL, "mi:dmc", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "rp:drc", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "mi:sfq", SPEEDING),
  /* the sending IP not allowed by the sender domain's SPF record, a
   * message DMARC does not pass, a message not in the Internet Message
   * Format: every reply carries a help link whose name says "spam", so
   * these need rules of their own */
  BN_RULE(NULL, 0, NULL, "mi:spf", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "mi:dma", AUTHFAILURE),
  BN_RULE(NULL, 0, NULL, "mi:imf", NOTCOMPLIANTRFC),
  BN_RULE(NULL, 0, NULL, "wm:bli", BLOCKED),
  BN_RULE(NULL, 0, NULL, "wm:blu", REJECTED),
  /* "450 DT:RBL": the sending IP is on a block list; the help link says
   * "spam" */
  BN_RULE(NULL, 0, NULL, "dt:rbl", BLOCKED),
  BN_RULE(NULL, 0, NULL, "dt:spm", SPAMDETECTED),
  /* "550 MI:NHD": an empty HELO */
  BN_RULE(NULL, 0, NULL, "mi:nhd", SYNTAXERROR),
  /* "553 RP:RDN": the recipient refused, a user that does not exist (or
   * one that may not be forwarded to) */
  BN_RULE(NULL, 0, NULL, "rp:rdn", USERUNKNOWN),
  /* "550 RP:FRL": NetEase does not relay for anyone */
  BN_RULE(NULL, 0, NULL, "rp:frl", NORELAYING),
  /* "550 RP:RCL": too many recipients for one message */
  BN_RULE(NULL, 0, NULL, "rp:rcl", TOOMANYCONN),
  /* "550 / 554 MI:STC": the sender's connections or messages for the day
   * are used up; "550 RP:TRC", "451 RP:QRC": its recipients for the day
   * or for a short while */
  BN_RULE(NULL, 0, NULL, "mi:stc", SPEEDING),
  BN_RULE(NULL, 0, NULL, "rp:trc", SPEEDING),
  BN_RULE(NULL, 0, NULL, "rp:qrc", SPEEDING),
  /* "554 MI:SPB": a sender not on the list of those allowed to send */
  BN_RULE(NULL, 0, NULL, "mi:spb", REJECTED),
  /* "554 DT:SUM": the envelope sender is not the header's sender */
  BN_RULE(NULL, 0, NULL, "dt:sum", REJECTED),
  /* "550 User in blacklist": the sender, not the recipient ("blacklist"
   * alone reads as a blocked host) */
  BN_RULE(NULL, 0, NULL, "user in blacklist", REJECTED),
  /* "550 Requested mail action not taken: too much recipient": as
   * RP:RCL */
  BN_RULE(NULL, 0, NULL, "too much recipient", TOOMANYCONN),
  /* "553 Mail from must equal authorized user": NetEase's submission
   * servers (smtp.163.com, smtp.yeah.net, a relay's smarthost) take only
   * the logged-in account's own address as the envelope sender, as the
   * many reports of it from mail clients and scripts show */
  BN_RULE(NULL, 0, NULL, "mail from must equal authorized user", SECURITYERROR),
  /* "553 Local user only,163 smtp5,...": the submission server takes
   * as the sender only its own users' addresses, and says so in reply to
   * MAIL FROM (a script's report of it in github.com/ruanyf/weather-action
   * issue 5: "Mail command failed: 553 Local user only,163 smtp5,...");
   * the same refusal as the line above, so read at MAIL only */
  BN_RULE(NULL, 0, "MAIL", "local user only", SECURITYERROR),
};

BN_RHOST_DEFINE(netease, domains, rules);
