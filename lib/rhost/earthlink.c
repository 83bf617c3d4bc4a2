/* EarthLink (earthlink.net, mindspring.com, peoplepc.com). Its inbound
 * filter (Vade) puts a code starting with ELNK_ in every refusal; the
 * postmaster page "Inbound SMTP error codes" explains them, and they
 * decide where the words do not: "550 5.7.1 Connection refused" is a
 * listed or nameless sending IP, not a connection that failed, and "421
 * 4.2.1 Connection deferred" is about the sending IP, not a mailbox
 * (4.2.1) disabled. ELNK_101, _102 and _111 a sending IP on Vade's, a
 * Validity or a Spamhaus block list; _105 and _108 no (or no forward
 * confirmed) reverse DNS; _103 the server unavailable then; _110 and _139
 * too many connections; _130 a sending IP whose traffic has been judged
 * unacceptable; _136 too much volume. Before Vade, EarthLink refused
 * blocked IPs with "550 IP <ip> is blocked by EarthLink" (the generic
 * table reads it) and "550 Dynamic/zombied/spam IPs blocked. Write
 * blockedbyearthlink@...", whose word spam is about the IP's past. */
#include "rhost.h"

static const char *const domains[] = {"earthlink.net", "mindspring.com", "peoplepc.com", NULL};

static const char *const signatures[] = {"elnk", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE(NULL, 0, NULL, "elnk_101", BLOCKED),
  BN_RULE(NULL, 0, NULL, "elnk_102", BLOCKED),
  BN_RULE(NULL, 0, NULL, "elnk_111", BLOCKED),
  BN_RULE(NULL, 0, NULL, "elnk_105", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "elnk_108", REQUIREPTR),
  BN_RULE(NULL, 0, NULL, "elnk_103", SYSTEMERROR),
  BN_RULE(NULL, 0, NULL, "elnk_110", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "elnk_139", TOOMANYCONN),
  BN_RULE(NULL, 0, NULL, "elnk_130", BADREPUTATION),
  BN_RULE(NULL, 0, NULL, "elnk_136", SPEEDING),
  BN_RULE(NULL, 0, NULL, "zombied / spam ips blocked", BLOCKED),
};

BN_RHOST_DEFINE_SIGNED(earthlink, domains, rules, signatures);
