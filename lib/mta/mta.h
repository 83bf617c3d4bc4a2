/* The MTA and provider recognizers: one file each in lib/mta/, one line
 * each in registry.c. */
#ifndef BOUNCE_MTA_H
#define BOUNCE_MTA_H

#include "../private.h"

typedef struct bn_mta {
  /* The name reports give ("postfix"). */
  const char *name;
  /* A cheap test on the headers (From, Subject, an X- header) and at most
   * a glance at the text: true when this MTA wrote the message. */
  bool (*claim)(const bn_view *v);
  /* Reads the recipients. Those the delivery-status part gave are already
   * in r: complete them from the prose, or add recipients when there was
   * no such part. Returns false when it found nothing, so that the next
   * recognizer that claims the message is asked. */
  bool (*extract)(const bn_view *v, bounce_report *r);
} bn_mta;

/* The recognizers, cheapest claim first; NULL-terminated. */
extern const bn_mta *const bn_mta_registry[];

/* ---- helpers for reading an MTA's prose (prose.c) ---- */

/* The first line of text (from offset at) that contains needle
 * (case-insensitive); returns its start, or NULL. */
const char *bn_prose_find_line(const char *text, size_t len, const char *needle);
/* The offset just past the line that contains the first of needles, or
 * -1 when no line does. */
gssize bn_prose_after(const GString *text, const char *const *needles);
/* The offset of the start of the line with the first of needles, or -1. */
gssize bn_prose_before(const GString *text, const char *const *needles);
/* True when s contains any of needles (case-insensitive); NULL-terminated. */
bool bn_prose_has_any(const char *s, size_t len, const char *const *needles);
/* Whether the From address or name, or the Subject, starts with / contains
 * one of the needles (case-insensitive). */
bool bn_from_has(const bn_view *v, const char *const *needles);
bool bn_subject_starts(const bn_view *v, const char *const *prefixes);
bool bn_subject_has(const bn_view *v, const char *const *needles);

/* Adds or completes the recipient address with prose-derived values:
 * the diagnostic (squeezed), and whichever of status, reply code, command
 * and remote MTA the caller found. Returns the recipient, or NULL. */
bounce_recipient *bn_prose_recipient(bounce_report *r, const char *address);
/* Appends a line to the recipient's diagnostic (joined by a space). */
void bn_prose_add_diagnostic(bounce_recipient *rc, const char *s, size_t len);

/* Reads the original message's headers from the text at offset at. */
void bn_prose_original(const bn_view *v, bounce_report *r, gssize at);

#endif
