/* What the files of the reader for unknown MTAs (fallback.c) share:
 * fallback-words.c compares words and addresses, fallback-sender.c tells
 * the returned message's sender (and the addresses inside a quoted reply)
 * from a recipient, fallback-sentence.c
 * reads what the sentence around an address says of it, and
 * fallback-reason.c gathers what the notice says about a recipient. */
#ifndef BOUNCE_MTA_FALLBACK_H
#define BOUNCE_MTA_FALLBACK_H

#include "mta.h"

/* ---- words (fallback-words.c) ---- */

/* Whether s holds word as a whole word (not followed by unless, when not NULL);
 * a word that opens or ends with a mark ("'ll", "if ") is bounded by it there. */
bool bn_fb_has_word_unless(const char *s, size_t len, const char *word, const char *unless);
bool bn_fb_has_word(const char *s, size_t len, const char *word);
/* Whether s holds one of words (NULL-ended) as a whole word. */
bool bn_fb_has_any_word(const char *s, size_t len, const char *const *words);
/* Where the display name of up to four capitalised words (an initial or a
 * title may end in '.', particles such as "van" may stand between them),
 * none holding one of stops, that ends at end starts in s; end when there
 * is none. */
const char *bn_fb_name_words(const char *s, const char *end, const char *stops);
/* Whether a holds addr (ASCII case folded). */
bool bn_fb_listed(const GPtrArray *a, const char *addr);

/* ---- lines and lists (fallback.c) ---- */

/* Whether line l is nothing but addr (maybe in <>). */
bool bn_fb_address_alone(const bn_span *l, const char *addr);
/* Whether line l is addr's mailbox with its display name ("Anna Smith <anna@...>"). */
bool bn_fb_named_mailbox(const bn_span *l, const char *addr);
/* Whether line l announces the paragraph after it (ends in a colon, no code, no address). */
bool bn_fb_announces(const bn_span *line);
/* Whether line l belongs to the copy of the returned message's header. */
bool bn_fb_copied_header(const bn_span *l);

/* ---- the sender (fallback-sender.c) ---- */

/* Whether the words before addr on line name it the sender ("MAIL FROM:<a@b>"). */
bool bn_fb_named_as_sender(const bn_span *line, const char *addr);
/* Whether addr stands as the sender in the reply line l quotes (senders: the
 * returned message's, or NULL). */
bool bn_fb_sender_in_reply(const bn_span *l, const char *addr, const GPtrArray *senders);
/* Whether line l quotes a server's reply: a reply code, a status, or a
 * label ("Reason:"). */
bool bn_fb_replies(const bn_span *l);
/* Whether addr stands inside the reply line l quotes. */
bool bn_fb_in_reply(const bn_span *l, const char *addr);
/* The first address on line l not named the sender, or NULL; to free. */
char *bn_fb_first_not_sender(const bn_span *l);
/* The addresses the returned message gives as its sender; to free. */
GPtrArray *bn_fb_returned_senders(const bn_view *v, const bounce_report *r, gssize end);

/* ---- an address's sentence (fallback-sentence.c) ---- */

/* Where in s a clause about another address begins ("...; the copy to
 * carol@... bounced"), or NULL. */
const char *bn_fb_clause_break(const char *s, size_t len);
/* Where the sentence that ends at end starts in s. */
const char *bn_fb_sentence_start(const char *s, const char *end);
/* The sentence around the address at at (length n), squeezed; *head gets
 * the length before the address. */
GString *bn_fb_address_sentence(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                                const bn_span *next, size_t *head);
/* Whether the address at at is offered to write to for help; next, or
 * NULL, the line after, read when the help sentence is wrapped onto it. */
bool bn_fb_offered_for_help(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                            const bn_span *next);
/* Whether the sentence of the address at at (its clause, unless whole)
 * asks the reader not to answer ("Mail to noreply@... is refused; do not
 * reply to this notice"). */
bool bn_fb_asks_no_answer(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                          const bn_span *next, bool whole);
/* Whether the address at at, which more addresses follow, is one of a list of whom to ask for help. */
bool bn_fb_contact_list(const bn_span *prev, const bn_span *line, const char *at, size_t n);
/* Whether the address found on line l is one offered for help. */
bool bn_fb_help_line(const bn_span *prev, const bn_span *l, const char *found);
/* Whether s (squeezed) holds sentences that each offer help or note the
 * attached copy; *noted: one notes it. */
bool bn_fb_only_help(const char *s, size_t len, bool *noted);
/* Whether s says the message got through, with a word of success from s + from on. */
bool bn_fb_says_success(const char *s, size_t len, size_t from);
/* Whether the sentence of the address at at says the message reached it;
 * *named: in words that report even a lone address delivered. */
bool bn_fb_said_delivered(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                          const bn_span *next, bool *named);

/* Whether the sentence of the address at at says the message sent to it
 * failed ("Your message to anna@... was bounced"). */
bool bn_fb_sent_to_failed(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                          const bn_span *next);

/* ---- what is said about a recipient (fallback-reason.c) ---- */

/* The rest of addr's line and the lines after it, as rc's diagnostic. */
void bn_fb_collect_diagnostic(bounce_recipient *rc, const bn_span *line, const char *addr,
                              bn_lines after, const GPtrArray *senders);
/* The paragraph before an address alone, as rc's diagnostic. */
void bn_fb_reason_before(bounce_recipient *rc, const bn_span *para);
bool bn_fb_reason_label(bounce_recipient *rc, const bn_span *prev);
/* The last run of lines, each an address alone, that bn_fb_reason_after
 * read through in a text: the next address of a long list jumps to its
 * end instead of reading the rest of the list again (the square of its
 * length). Zeroed for each text. */
typedef struct {
  const char *from, *to; /* its first line, and the line that ends it */
  bn_span last;          /* its last line */
  /* the reply under it (the lines from to), read once for all its
   * addresses: from tail_at (NULL when not yet), up to stop (its first
   * four lines); the first of its lines that names an address (not the
   * sender's, not a help line) and the first that names another, each
   * with where the lines after it start */
  const char *tail_at, *stop;
  bn_span named, other;
  const char *named_next, *other_next;
} bn_fb_list_run;
/* The reply or the cause in the paragraph after addr's, as rc's diagnostic;
 * whether there was one; with reply_only, a reply with its status only. */
bool bn_fb_reason_after(bounce_recipient *rc, bn_lines after, const char *addr,
                        const GPtrArray *senders, bn_fb_list_run *run, bool reply_only);
/* Whether s opens with the label a notice puts before the cause it gives
 * for the address above ("... to the following address" / "anna@..." /
 * "because: Mailbox is full"): its words are that address's, whether or
 * not they name a cause we know. */
bool bn_fb_opens_because(const char *s, size_t len);
/* The success reply code the diagnostic d quotes first, or 0. */
int bn_fb_success_code(const char *d);
/* The refusal a diagnostic quotes after a success, as rc's diagnostic. */
void bn_fb_refusal_over_success(bounce_recipient *rc);
/* Blanks each sentence of g that holds one of words, to one of ends. */
void bn_fb_blank_sentences(GString *g, const char *const *words, const char *ends);

#endif
