/* The provider layer: where a remote host's own codes and texts mean
 * something specific, the cause comes from that provider's documented
 * meanings. A provider is chosen by host name: the recipient's Remote-MTA
 * (or, where that names no host, the server the notice's prose names as
 * the one that answered), the host names its diagnostic names (a server
 * name, a help URL), the reporting MTA, and last the recipient's own
 * domain. Adding a provider:
 * one file in lib/rhost/ with its domains and rules, one extern and one
 * line in lib/rhost/providers.c, one line in lib/rhost/meson.build. */
#ifndef BOUNCE_RHOST_H
#define BOUNCE_RHOST_H

#include "../reason.h"

/* One documented meaning: every condition given must hold. */
typedef struct {
  /* "5.7.509" exact, "x.7.509" in any class, '?' one digit ("4.7.5??"),
   * NULL for any status */
  const char *status;
  int reply;           /* 0: any */
  const char *command; /* "RCPT" ...; "": none known; NULL: any */
  /* written as in the cause phrase table (reason.h); NULL: any text */
  const char *phrase;
  bounce_cause cause;
  /* The provider's servers write this code themselves when they report
   * (a queue's expiry, a limit put on its own sender), so it holds where
   * the report names another host too; a rule without it reads the
   * replies of the provider's receiving servers only. */
  bool own;
  /* A code or words other servers write too (an RFC 3463 code, a stock
   * SMTP sentence): it holds where the reply is known to be the
   * provider's (its host is the Remote-MTA or is named in the reply, the
   * recipient's domain is its own, the reply carries one of its marks),
   * not where the provider only reports a reply nobody names the writer
   * of, which may be any server it relayed to. */
  bool common;
  /* The phrase is the whole reply, after its reply code and status
   * ("550 Message Rejected"): a provider's stock words for one cause that
   * other replies hold before their own reason ("550 5.1.1 Message
   * rejected: No such user"), which must then decide. The phrase is plain
   * words (no '*' or '%'). */
  bool alone;
} bn_rhost_rule;

typedef struct {
  const char *name;
  /* Host names this provider answers for: a host matches a domain when it
   * is the domain or ends in "." and the domain. NULL-terminated. */
  const char *const *domains;
  /* Tried in order; the first rule that holds gives the cause. */
  const bn_rhost_rule *rules;
  size_t n_rules;
  /* Words the provider's servers sign every reply with, which name it
   * where no host does (a relay that gives only an IP address); a word
   * counts alone, not inside another. NULL-terminated, or NULL. */
  const char *const *signatures;
  /* Its own domains' mail is received by its hosts alone (no filter
   * service in front): a reply a named host of no provider wrote for one
   * of them is a relay's, not its own. */
  bool own_mx;
  /* Texts only the provider's servers write in a reply ("RESOLVER.",
   * "AS(#)": '#' stands for a run of digits), case as written: they say
   * the reply is its own where it only reports. NULL-terminated, or NULL. */
  const char *const *marks;
} bn_rhost;

/* One rule: status, reply code, command, phrase, cause (a BOUNCE_CAUSE_
 * suffix), and whether it is own and common (above); the macros below
 * name the usual combinations. */
#define BN_RULE_AS(status, reply, command, phrase, cause, own, common)                             \
  {status, reply, command, phrase, BOUNCE_CAUSE_##cause, own, common, false}

#define BN_RULE(status, reply, command, phrase, cause)                                             \
  BN_RULE_AS(status, reply, command, phrase, cause, false, false)

/* A rule whose phrase is the whole reply (bn_rhost_rule.alone). */
#define BN_ALONE_RULE(reply, phrase, cause)                                                        \
  {NULL, reply, NULL, phrase, BOUNCE_CAUSE_##cause, false, false, true}

/* A rule for a code the provider's sending servers write themselves. */
#define BN_OWN_RULE(status, reply, command, phrase, cause)                                         \
  BN_RULE_AS(status, reply, command, phrase, cause, true, false)

/* A rule for a code or words any server writes (bn_rhost_rule.common). */
#define BN_COMMON_RULE(status, reply, command, phrase, cause)                                      \
  BN_RULE_AS(status, reply, command, phrase, cause, false, true)

/* One provider: its signatures, own_mx and marks (bn_rhost); the macros
 * below name the usual combinations. */
#define BN_RHOST_DEFINE_AS(id, domains, rules, signatures, own_mx, marks)                          \
  const bn_rhost bn_rhost_##id = {                                                                 \
      #id, domains, rules, G_N_ELEMENTS(rules), signatures, own_mx, marks}

#define BN_RHOST_DEFINE(id, domains, rules)                                                        \
  BN_RHOST_DEFINE_AS(id, domains, rules, NULL, false, NULL)

/* A provider whose replies carry texts of its own (bn_rhost.marks). */
#define BN_RHOST_DEFINE_MARKED(id, domains, rules, marks)                                          \
  BN_RHOST_DEFINE_AS(id, domains, rules, NULL, false, marks)

/* A provider whose domains' mail only its own hosts receive. */
#define BN_RHOST_DEFINE_OWN_MX(id, domains, rules)                                                 \
  BN_RHOST_DEFINE_AS(id, domains, rules, NULL, true, NULL)

/* A provider whose replies carry a signature word. */
#define BN_RHOST_DEFINE_SIGNED(id, domains, rules, signatures)                                     \
  BN_RHOST_DEFINE_AS(id, domains, rules, signatures, false, NULL)

/* Every provider, NULL-terminated (providers.c). */
extern const bn_rhost *const bn_rhost_registry[];

/* Each provider's rule phrases, in the order of its rules, as a phrase
 * set: by registry index, compiled when the library is built
 * (gen-phrases.c writes them with bn_rhost_phrases). */
extern const bn_phrase_set *const bn_compiled_rhost[];

/* The phrases of p's rules, in their order, into phrases (room for
 * p->n_rules); returns how many. */
size_t bn_rhost_phrases(const bn_rhost *p, const char **phrases);

/* The provider a host name belongs to, or NULL. */
const bn_rhost *bn_rhost_for_host(const char *host, size_t len);

/* The cause the providers the recipient's hosts belong to give, or
 * UNDEFINED. reporting_mta may be NULL; prose_host (or NULL) stands for a
 * Remote-MTA that names no host (bn_rhost_prose_hosts); text[0..len) is the
 * diagnostic as the phrases are matched in it. */
bounce_cause bn_rhost_cause(const bounce_recipient *rc, const char *reporting_mta,
                            const char *prose_host, const char *text, size_t len);

/* The server a notice's prose names as the one that answered each of the
 * addresses[0..n) ("<a@example.com>: host mx.example.com[192.0.2.1]
 * said:"), where every name the prose ties to that recipient belongs to
 * one provider (to one it ties to none, every name the prose gives):
 * hosts[i] newly allocated, or NULL. */
void bn_rhost_prose_hosts(const char *text, size_t len, const char *const *addresses, size_t n,
                          char **hosts);

#endif
