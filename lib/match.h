/* A multi-pattern matcher: every phrase of a table found in one pass over a
 * text, in time linear in the text (Aho-Corasick). */
#ifndef BOUNCE_MATCH_H
#define BOUNCE_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A pattern is lower-case text; a '*' stands for any text of at most
 * BN_MATCH_GAP bytes, so "mailbox * full" matches "mailbox is full".
 * In the text, upper case matches lower case and any run of white space
 * matches one space. */
#define BN_MATCH_GAP 120

typedef struct bn_matcher bn_matcher;

/* Builds a matcher for n patterns (copied). */
bn_matcher *bn_matcher_new(const char *const *patterns, size_t n);
void bn_matcher_free(bn_matcher *m);
size_t bn_matcher_size(const bn_matcher *m);

/* Scans text once; hits[i] is set to true when pattern i occurs (hits has
 * one entry per pattern and is cleared first). Returns true when any did. */
bool bn_matcher_scan(const bn_matcher *m, const char *text, size_t len, bool *hits);

/* Writes m as C source that defines a `const bn_matcher` called name
 * (static unless exported), for the tables the build compiles
 * (gen-phrases.c); the source includes "match-impl.h". */
void bn_matcher_write_c(const bn_matcher *m, const char *name, bool exported, FILE *out);

#endif
