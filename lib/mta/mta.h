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

/* ---- more helpers (prose.c) ---- */

/* Strips white space at both ends of a line. */
void bn_span_trim(bn_span *l);
/* The columns of white space a line starts with (a tab counts 8). */
size_t bn_span_indent(const bn_span *l);
/* The address when the line holds nothing but one: "a@b", "<a@b>",
 * "a@b<mailto:a@b>", "Name (a@b)" or "a@b (a@b)<mailto:a@b>"; a new
 * string or NULL. */
char *bn_line_address_only(const char *p, size_t len);
/* The recipient with this address; when there is none yet, a new one if
 * add is true (the prose is all there is), else NULL (a delivery-status
 * part named the recipients and the prose only completes them). */
bounce_recipient *bn_prose_recipient_if(bounce_report *r, const char *address, bool add);

/* A fixed sentence an MTA writes and the cause it means for sure. */
typedef struct {
  const char *phrase;
  bounce_cause cause;
} bn_cause_row;
/* The cause of the first row whose phrase s contains (case-insensitive
 * for ASCII), or BOUNCE_CAUSE_UNDEFINED. */
bounce_cause bn_cause_table_find(const char *s, size_t len, const bn_cause_row *rows, size_t n);
/* Records a cause the MTA's own words leave no doubt about. */
void bn_prose_set_cause(bounce_recipient *rc, bounce_cause cause);

#endif
