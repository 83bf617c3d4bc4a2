/* The cause phrase table: what bounces write, and the cause it names. */
#ifndef BOUNCE_REASON_H
#define BOUNCE_REASON_H

#include "private.h"

typedef struct {
  bounce_cause cause;
  const char *phrase; /* lower case; '*' = a gap of a few words (match.h) */
} bn_cause_phrase;

extern const bn_cause_phrase bn_cause_phrases[];
extern const size_t bn_cause_phrase_count;

/* Causes in the order they win when the text names several. */
extern const bounce_cause bn_cause_precedence[];
extern const size_t bn_cause_precedence_count;

#endif
