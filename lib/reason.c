/* The cause of a bounce and whether it is hard, from the most specific
 * evidence first: the diagnostic text, then the enhanced status, then the
 * reply code, then the SMTP command in flight. */
#include "reason.h"
#include "match.h"
#include <string.h>

static bn_matcher *phrase_matcher;

static gpointer
build_matcher(gpointer unused)
{
  const char **pats = g_new(const char *, bn_cause_phrase_count);
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    pats[i] = bn_cause_phrases[i].phrase;
  phrase_matcher = bn_matcher_new(pats, bn_cause_phrase_count);
  g_free(pats);
  return phrase_matcher;
}

static const bn_matcher *
matcher(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, build_matcher, NULL);
}

bounce_cause
bn_text_cause(const char *text, size_t len)
{
  if (text == NULL || len == 0)
    return BOUNCE_CAUSE_UNDEFINED;
  const bn_matcher *m = matcher();
  bool *hits = g_new(bool, bn_cause_phrase_count);
  bounce_cause found = BOUNCE_CAUSE_UNDEFINED;
  if (bn_matcher_scan(m, text, len, hits)) {
    bool named[64] = {false};
    for (size_t i = 0; i < bn_cause_phrase_count; i++)
      if (hits[i])
        named[bn_cause_phrases[i].cause] = true;
    for (size_t k = 0; k < bn_cause_precedence_count; k++)
      if (named[bn_cause_precedence[k]]) {
        found = bn_cause_precedence[k];
        break;
      }
  }
  g_free(hits);
  return found;
}

/* A refusal with nothing else to go on says something by when it came: at
 * the connection or greeting it is about the sending host, at MAIL about
 * the sender. At RCPT and DATA it could be anything. */
static bounce_cause
command_cause(const char *command)
{
  if (command == NULL)
    return BOUNCE_CAUSE_UNDEFINED;
  if (strcmp(command, "CONN") == 0 || strcmp(command, "HELO") == 0 ||
      strcmp(command, "EHLO") == 0)
    return BOUNCE_CAUSE_BLOCKED;
  if (strcmp(command, "MAIL") == 0)
    return BOUNCE_CAUSE_REJECTED;
  return BOUNCE_CAUSE_UNDEFINED;
}

bool
bn_cause_is_hard(bounce_cause cause, int reply_code, const char *status)
{
  switch (cause) {
  case BOUNCE_CAUSE_USERUNKNOWN:
  case BOUNCE_CAUSE_HOSTUNKNOWN:
  case BOUNCE_CAUSE_HASMOVED:
    return true;
  case BOUNCE_CAUSE_NOTACCEPT:
    if (reply_code)
      return reply_code / 100 == 5;
    return status && status[0] == '5';
  default:
    return false;
  }
}

void
bn_classify(bounce_recipient *rc, const bounce_report *r)
{
  bounce_kind kind = r ? r->kind : BOUNCE_KIND_NONE;
  if (rc->source[BOUNCE_FIELD_CAUSE] == BOUNCE_SOURCE_NONE) {
    bounce_cause c = BOUNCE_CAUSE_UNDEFINED;
    bounce_source src = BOUNCE_SOURCE_TEXT;
    const char *status = rc->status;
    if (kind == BOUNCE_KIND_DELIVERED || (rc->action && (strcmp(rc->action, "delivered") == 0 ||
                                                         strcmp(rc->action, "relayed") == 0 ||
                                                         strcmp(rc->action, "expanded") == 0))) {
      c = BOUNCE_CAUSE_DELIVERED;
      src = BOUNCE_SOURCE_DERIVED;
    }
    if (c == BOUNCE_CAUSE_UNDEFINED && rc->diagnostic)
      c = bn_text_cause(rc->diagnostic, strlen(rc->diagnostic));
    if (c == BOUNCE_CAUSE_UNDEFINED) {
      src = BOUNCE_SOURCE_DERIVED;
      c = bn_status_cause(status);
    }
    if (c == BOUNCE_CAUSE_UNDEFINED)
      c = bn_reply_cause(rc->reply_code);
    if (c == BOUNCE_CAUSE_UNDEFINED)
      c = command_cause(rc->smtp_command);
    if (c == BOUNCE_CAUSE_UNDEFINED && rc->action && strcmp(rc->action, "delayed") == 0)
      c = BOUNCE_CAUSE_EXPIRED;
    rc->cause = c;
    rc->source[BOUNCE_FIELD_CAUSE] = c == BOUNCE_CAUSE_UNDEFINED ? BOUNCE_SOURCE_NONE : src;
  }
  rc->hard = bn_cause_is_hard(rc->cause, rc->reply_code, rc->status);
  if (rc->status)
    rc->permanent = rc->status[0] == '5';
  else
    rc->permanent = rc->reply_code / 100 == 5;
}
