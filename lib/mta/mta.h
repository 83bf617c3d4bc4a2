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
/* qmail-style paragraphs: a line "<user@example.org>:" (text may follow on
 * it), then the lines of its diagnostic up to a blank line or the next such
 * line. Adds or completes one recipient each; returns how many it read. */
size_t bn_prose_angle_paragraphs(bounce_report *r, const char *s, size_t len);

/* ---- Sendmail-style SMTP transcripts (transcript.c) ----
 * "... while talking to host.:" / "While talking to host:" opens a session;
 * ">>> CMD" is what the MTA sent, "<<< NNN text" what the remote answered;
 * "[NNN [x.y.z]] <addr>... text" is the MTA's own verdict on a recipient and
 * "NNN host (mailer)... text" its verdict on a host (Sendmail V5). */
typedef struct {
  char *address;       /* the recipient the step is about, or NULL */
  char *mentioned;     /* an address the remote's reply names, or NULL */
  char *host;          /* the remote host of the session, or NULL */
  const char *command; /* static SMTP command name, CONN before any; or NULL */
  GString *reply;      /* the remote's reply, continuation codes removed */
  GString *verdict;    /* the MTA's own words, without the address */
  int session;         /* which session, from 1; 0 outside any */
  bool host_level;     /* a verdict on a host, not on a recipient */
  bool deferred;       /* the verdict says "Deferred" */
} bn_smtp_step;

typedef struct {
  GPtrArray *steps;    /* bn_smtp_step *, in the order written */
  int sessions;
  bool timed_out;      /* "Message could not be delivered for ..." */
} bn_transcript;

/* Reads the lines of a transcript section; t is cleared first. */
void bn_transcript_read(bn_transcript *t, const char *s, size_t len);
void bn_transcript_clear(bn_transcript *t);
/* How far bn_transcript_find may look for rc's step. */
typedef enum {
  BN_STEP_NAMED,     /* only steps naming rc, or the session of its remote MTA */
  BN_STEP_LAST_LEFT, /* rc is the only recipient no step names: also the
                        refusal or verdict that names nobody */
  BN_STEP_SOLE,      /* rc is the report's only recipient: also a refusal
                        naming another address (a rewritten one) */
} bn_step_scope;

/* The step that tells what happened to rc: the one naming its address, else
 * the refusal of the session with its remote MTA, else (as scope allows)
 * the refusal of the last session or the last verdict naming nobody. NULL
 * when none fits. */
const bn_smtp_step *bn_transcript_find(const bn_transcript *t, const bounce_recipient *rc,
                                       bn_step_scope scope);
/* The reply code a step gives (the remote's, else the MTA's), or 0. */
int bn_transcript_code(const bn_smtp_step *st);
/* Completes rc from st: diagnostic (when it has none, has no code at all,
 * or is the first line of st's longer reply), reply code, command, remote
 * MTA. */
void bn_transcript_apply(const bn_smtp_step *st, bounce_recipient *rc);

#endif
