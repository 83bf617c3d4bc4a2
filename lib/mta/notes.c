/* Lotus Notes' SMTP MTA (R4, R5): a single text part, Subject
 * "Undeliverable message",
 *
 *   ------- Failure Reasons  --------
 *
 *   User not listed in public Name & Address Book
 *   user@example.jp
 *
 *   ------- Returned Message --------
 *   (the original, headers and body)
 *
 * each recipient's address under its reason, in the server's language.
 * Notes returns the message only when it has given up, also after a next
 * server's temporary refusal: every address listed has failed. */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"------- Failure Reasons", NULL};
static const char *const ends[] = {"------- Returned Message", NULL};

/* Notes' own reasons that leave no doubt. */
static const bn_cause_row causes[] = {
  {"not listed in public Name & Address Book", BOUNCE_CAUSE_USERUNKNOWN},
  /* Japanese: "not in the directory's list" */
  {"ディレクトリのリストにありません", BOUNCE_CAUSE_USERUNKNOWN},
};

static bool
claim(const bn_view *v)
{
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), starts);
}

/* Where the addresses a line ends with start, one word each: a client
 * that joins each paragraph onto one line puts a reason and the addresses
 * under it on one line ("User not listed ... user@example.jp"). l->len
 * when the line ends with none. */
static size_t
addresses_at_end(const bn_span *l)
{
  size_t at = l->len;
  while (at > 0) {
    size_t w = at;
    while (w > 0 && l->p[w - 1] != ' ')
      w--;
    char *addr = bn_line_address_only(l->p + w, at - w);
    if (addr == NULL)
      break;
    g_free(addr);
    at = w;
    while (at > 0 && l->p[at - 1] == ' ')
      at--;
  }
  return at;
}

typedef struct {
  bounce_report *r;
  bool add, found;
  GString *reason; /* the lines of reason since the last address */
  GString *last;   /* the reason of the last address */
} notes_scan;

static void
add_address(notes_scan *s, char *addr)
{
  if (addr == NULL)
    return;
  /* addresses listed together share the reason above them */
  if (s->reason->len)
    g_string_assign(s->last, s->reason->str);
  g_string_truncate(s->reason, 0);
  bounce_recipient *rc = bn_prose_recipient_if(s->r, addr, s->add);
  g_free(addr);
  if (rc == NULL)
    return;
  s->found = true;
  bn_squeeze(s->last);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, s->last->str, BOUNCE_SOURCE_TEXT);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  bn_prose_set_cause(rc, bn_cause_table_find(s->last->str, s->last->len, causes,
                                             G_N_ELEMENTS(causes)));
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_between(v->text, starts, ends, &sec))
    return false;
  notes_scan s = {r, bn_report_count(r) == 0, false, g_string_new(NULL), g_string_new(NULL)};
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0)
      continue;
    char *addr = bn_line_address_only(l.p, l.len);
    if (addr) {
      add_address(&s, addr);
      continue;
    }
    /* a line with a line under it was no paragraph joined: an address
     * it ends with is the reason's ("... contact postmaster@example.jp") */
    bn_lines peek = it;
    bn_span next;
    bool joined = !bn_lines_next_trimmed(&peek, &next) || next.len == 0;
    size_t at = joined ? addresses_at_end(&l) : l.len;
    if (s.reason->len)
      g_string_append_c(s.reason, ' ');
    g_string_append_len(s.reason, l.p, (gssize)at);
    while (at < l.len) {
      while (at < l.len && l.p[at] == ' ')
        at++;
      size_t w = at;
      while (w < l.len && l.p[w] != ' ')
        w++;
      add_address(&s, bn_line_address_only(l.p + at, w - at));
      at = w;
    }
  }
  g_string_free(s.reason, TRUE);
  g_string_free(s.last, TRUE);
  if (s.found)
    bn_prose_original(v, r, bn_prose_after(v->text, ends));
  return s.found;
}

const bn_mta bn_mta_notes = {"notes", claim, extract};
