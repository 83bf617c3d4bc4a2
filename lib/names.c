/* The names of kinds, causes and sources, and what each cause means. */
#include "private.h"
#include <string.h>

static const char *const kind_names[] = {
  [BOUNCE_KIND_NONE] = "none",
  [BOUNCE_KIND_FAILURE] = "failure",
  [BOUNCE_KIND_DELAY] = "delay",
  [BOUNCE_KIND_DELIVERED] = "delivered",
  [BOUNCE_KIND_FEEDBACK] = "feedback",
  [BOUNCE_KIND_AUTOREPLY] = "autoreply",
};

typedef struct {
  const char *name;
  const char *meaning;
} cause_row;

/* One row per cause, in enum order. The meanings are for the person reading
 * bounceparse's explanation: what happened, from the sender's side. */
static const cause_row causes[] = {
  [BOUNCE_CAUSE_UNDEFINED] = {"undefined", "the cause could not be told from the bounce"},
  [BOUNCE_CAUSE_AUTHFAILURE] = {"authfailure", "the message failed SPF, DKIM or DMARC checks of the sender's domain"},
  [BOUNCE_CAUSE_BADREPUTATION] = {"badreputation", "the sending IP address or domain has a poor reputation at the receiver"},
  [BOUNCE_CAUSE_BLOCKED] = {"blocked", "the sending IP address or host is blocked (block list, or not allowed to connect)"},
  [BOUNCE_CAUSE_CONTENTERROR] = {"contenterror", "the message content or headers were refused as malformed"},
  [BOUNCE_CAUSE_DELIVERED] = {"delivered", "the message was delivered"},
  [BOUNCE_CAUSE_EXCEEDLIMIT] = {"exceedlimit", "the message exceeds a size or count limit the recipient set"},
  [BOUNCE_CAUSE_EXPIRED] = {"expired", "delivery was retried until the queue time ran out"},
  [BOUNCE_CAUSE_FAILEDSTARTTLS] = {"failedstarttls", "STARTTLS could not be negotiated, or TLS is required and was not used"},
  [BOUNCE_CAUSE_FEEDBACK] = {"feedback", "a feedback report (complaint) about a message"},
  [BOUNCE_CAUSE_FILTERED] = {"filtered", "the recipient exists but a filter or its settings refused the message"},
  [BOUNCE_CAUSE_HASMOVED] = {"hasmoved", "the recipient has moved to another address"},
  [BOUNCE_CAUSE_HOSTUNKNOWN] = {"hostunknown", "the recipient's domain does not exist or has no mail server"},
  [BOUNCE_CAUSE_MAILBOXFULL] = {"mailboxfull", "the recipient's mailbox is full"},
  [BOUNCE_CAUSE_MAILERERROR] = {"mailererror", "the receiving mail program failed (a local delivery agent or pipe)"},
  [BOUNCE_CAUSE_MESGTOOBIG] = {"mesgtoobig", "the message is larger than the receiver accepts"},
  [BOUNCE_CAUSE_NETWORKERROR] = {"networkerror", "a network or DNS fault: no connection, a time-out, a mail loop"},
  [BOUNCE_CAUSE_NORELAYING] = {"norelaying", "the receiving host refused to relay for this domain"},
  [BOUNCE_CAUSE_NOTACCEPT] = {"notaccept", "the receiving domain accepts no mail (null MX, or refuses all)"},
  [BOUNCE_CAUSE_NOTCOMPLIANTRFC] = {"notcompliantrfc", "the message does not comply with the mail RFCs (e.g. duplicate headers)"},
  [BOUNCE_CAUSE_ONHOLD] = {"onhold", "the bounce does not say enough to decide; the message is on hold"},
  [BOUNCE_CAUSE_POLICYVIOLATION] = {"policyviolation", "the message breaks a policy of the receiving site"},
  [BOUNCE_CAUSE_REJECTED] = {"rejected", "the envelope sender address was refused"},
  [BOUNCE_CAUSE_REQUIREPTR] = {"requireptr", "the sending IP address has no valid reverse DNS (PTR) record"},
  [BOUNCE_CAUSE_SECURITYERROR] = {"securityerror", "an authentication or security requirement failed (e.g. SMTP AUTH)"},
  [BOUNCE_CAUSE_SPAMDETECTED] = {"spamdetected", "the message was judged to be spam"},
  [BOUNCE_CAUSE_SPEEDING] = {"speeding", "too many messages or connections in too short a time: slow down"},
  [BOUNCE_CAUSE_SUPPRESSED] = {"suppressed", "the address is on the sending service's suppression list"},
  [BOUNCE_CAUSE_SUSPEND] = {"suspend", "the recipient's mailbox is disabled or suspended for now"},
  [BOUNCE_CAUSE_SYNTAXERROR] = {"syntaxerror", "an SMTP command or parameter was malformed"},
  [BOUNCE_CAUSE_SYSTEMERROR] = {"systemerror", "the receiving system had an internal error"},
  [BOUNCE_CAUSE_SYSTEMFULL] = {"systemfull", "the receiving system's disk or queue is full"},
  [BOUNCE_CAUSE_TOOMANYCONN] = {"toomanyconn", "too many connections or recipients at once"},
  [BOUNCE_CAUSE_USERUNKNOWN] = {"userunknown", "the recipient's mailbox does not exist"},
  [BOUNCE_CAUSE_VACATION] = {"vacation", "an automatic reply, such as a vacation message"},
  [BOUNCE_CAUSE_VIRUSDETECTED] = {"virusdetected", "a virus was found in the message"},
};

static const char *const source_names[] = {
  [BOUNCE_SOURCE_NONE] = "none",
  [BOUNCE_SOURCE_FIELD] = "field",
  [BOUNCE_SOURCE_TEXT] = "text",
  [BOUNCE_SOURCE_HEADER] = "header",
  [BOUNCE_SOURCE_DERIVED] = "derived",
};

const char *
bounce_kind_to_string(bounce_kind kind)
{
  if ((unsigned)kind < G_N_ELEMENTS(kind_names))
    return kind_names[kind];
  return "";
}

int
bounce_kind_from_string(const char *name)
{
  if (name == NULL)
    return -1;
  for (size_t i = 0; i < G_N_ELEMENTS(kind_names); i++)
    if (strcmp(kind_names[i], name) == 0)
      return (int)i;
  return -1;
}

const char *
bounce_cause_to_string(bounce_cause cause)
{
  if ((unsigned)cause < G_N_ELEMENTS(causes))
    return causes[cause].name;
  return "";
}

int
bounce_cause_from_string(const char *name)
{
  if (name == NULL)
    return -1;
  for (size_t i = 0; i < G_N_ELEMENTS(causes); i++)
    if (strcmp(causes[i].name, name) == 0)
      return (int)i;
  return -1;
}

const char *
bounce_cause_describe(bounce_cause cause)
{
  if ((unsigned)cause < G_N_ELEMENTS(causes))
    return causes[cause].meaning;
  return "";
}

const char *
bounce_source_to_string(bounce_source source)
{
  if ((unsigned)source < G_N_ELEMENTS(source_names))
    return source_names[source];
  return "";
}
