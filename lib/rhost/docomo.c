/* NTT docomo (docomo.ne.jp). When a docomo user's reception settings
 * refuse a sender, docomo's server answers after DATA with "550 Unknown
 * user <address>": the sender is refused, the address exists. Its "552
 * Too much mail data <address>" is the recipient's full mailbox, as
 * senders' guides to the Japanese carriers' replies explain (elsewhere
 * the words are Sendmail's message-too-big reply). "500 Line Too Long"
 * after DATA is a line of the message over 1000 bytes (RFC 5321's limit,
 * which docomo enforces), as the same guides explain: the message's form,
 * not a command's syntax. */
#include "rhost.h"

static const char *const domains[] = {"docomo.ne.jp", "mopera.net", NULL};

static const bn_rhost_rule rules[] = {
  BN_RULE("5.0.0", 0, "DATA", "unknown user", REJECTED),
  BN_RULE(NULL, 552, NULL, "too much mail data", MAILBOXFULL),
  BN_RULE(NULL, 500, "DATA", "line too long", CONTENTERROR),
};

BN_RHOST_DEFINE(docomo, domains, rules);
