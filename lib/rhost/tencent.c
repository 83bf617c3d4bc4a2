/* Tencent (QQ Mail, Tencent Exmail: qq.com, exmail.qq.com, foxmail.com).
 * Its help pages (service.mail.qq.com, service.exmail.qq.com) explain the
 * fixed replies: the "frequency limited" family limits mail from an IP,
 * a sender or a domain; "Mail content denied" is content taken for
 * spam; "Mailbox unavailable or access denied" holds off a recipient
 * that receives too much; "Mail is rejected by recipients" is the
 * recipient's own filter. */
#include "rhost.h"

static const char *const domains[] = {"qq.com", "foxmail.com", "tencent.com", NULL};

static const bn_rhost_rule rules[] = {
  /* "550 Sender frequency limited", "550 Domain frequency limited": the
   * sender or its domain sends faster than QQ Mail allows */
  BN_RULE(NULL, 0, NULL, "sender frequency limited", SPEEDING),
  BN_RULE(NULL, 0, NULL, "domain frequency limited", SPEEDING),
  /* "550 Mailbox unavailable or access denied": the recipient got too
   * much mail in a short time and QQ Mail holds further mail off; the
   * mailbox exists */
  BN_RULE(NULL, 0, NULL, "mailbox unavailable or access denied", SPEEDING),
  /* "550 Mail is rejected by recipients": the recipient's own block list
   * or filter rules */
  BN_RULE(NULL, 0, NULL, "mail is rejected by recipients", FILTERED),
  /* "Connection frequency limited", "Ip frequency limited": the sending
   * IP */
  BN_RULE(NULL, 0, NULL, "frequency limited", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "mail content denied", SPAMDETECTED),
  /* "501 Bad address syntax": QQ Mail's help page on bounces (its link
   * no=1000730) reads it as a recipient address written wrong, as RFC
   * 3463's x.1.3 (bad destination mailbox address syntax) is. At RCPT,
   * or where the report names no command: RFC 5321 (4.3.2) has no 501
   * for DATA, and a refused sender (MAIL) is reported with its command;
   * not at DATA, where the same words can refuse a header's address */
  BN_RULE(NULL, 501, "RCPT", "bad address syntax", USERUNKNOWN),
  BN_RULE(NULL, 501, "", "bad address syntax", USERUNKNOWN),
  /* "501 mail from address must be same as authorization user": QQ
   * Mail's submission server (smtp.qq.com, a relay's smarthost) takes
   * only the logged-in account's own address as the envelope sender, as
   * the many reports of it from mail clients and scripts show */
  BN_RULE(NULL, 0, NULL, "mail from address must be same as authorization user", SECURITYERROR),
};

BN_RHOST_DEFINE(tencent, domains, rules);
