/* Apache James (server/mailet RemoteDelivery's Bouncer, the DSNBounce and
 * NotifySender mailets, and James 2.x's RemoteDelivery): the text part opens
 * with James's own paragraph, borrowed from qmail but naming James,
 *
 *   Hi. This is the James mail server at mail.example.com.
 *   I'm afraid I wasn't able to deliver your message to the following addresses.
 *   This is a permanent error; I've given up. Sorry it didn't work out.  Below
 *   I include the list of recipients and the reason why I was unable to deliver
 *   your message.
 *
 * then either (Bouncer, James 2.x) the recipients one a line and the error
 * right after them,
 *
 *   user@example.org
 *   Remote mail server told me: 550 5.1.1 <user@example.org>... User unknown
 *
 * or (DSNBounce, NotifySender) labelled blocks,
 *
 *   Failed recipient(s):
 *   user@example.org
 *
 *   Error message:
 *   550 5.1.1 <user@example.org>... User unknown
 *
 * One error is given for all the recipients. DSNBounce also writes a
 * delivery-status part whose Status field holds the error text itself;
 * its recipients are completed here.
 *
 * The Bounce and NotifySender mailets (AbstractNotify, NotifyMailetsMessage)
 * write their notice instead,
 *
 *   We were unable to deliver the attached message because of an error in the mail server.
 *
 *   Error message below:
 *   550 - Requested action not taken: no such user here
 *
 *   Message details:
 *     Subject: ...
 *     MAIL FROM: sender@example.net
 *     RCPT TO: user@example.org
 *              other@example.org
 *
 * with the recipients under "RCPT TO:". */
#include "mta.h"
#include <string.h>

static const char *const starts[] = {"This is the James mail server at", NULL};
static const char *const notices[] = {
  "We were unable to deliver the attached message because of an error in the mail server.", NULL,
};
static const char *const details[] = {"Message details:", NULL};
static const char *const intro_ends[] = {"I include the list of recipients and the reason why", NULL};

/* The line that ends James's report, and one it writes before the list. */
static const char *const ends[] = {"The original message is attached.", NULL};
static const char *const skipped[] = {"Failed recipient(s):", "Original email subject:", NULL};

/* James's own sentences (RemoteDelivery) that name the cause for sure. */
static const struct {
  const char *sentence;
  bounce_cause cause;
} own_causes[] = {
  {"There are no DNS entries for the hostname", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"I found no MX record entries for the hostname", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"Unknown host:", BOUNCE_CAUSE_HOSTUNKNOWN},
  /* RemoteDelivery's DeliveryRunnable once the retries configured
   * (maxRetries) are spent: it gave up on a transient failure */
  {"Too many retries failure. Bouncing after", BOUNCE_CAUSE_EXPIRED},
};

/* What James puts before the remote server's reply. */
static const char *const told_me = "Remote mail server told me:";

static bool
claim(const bn_view *v)
{
  size_t head = bn_view_own_len(v, 4096);
  return bn_prose_has_any(v->text->str, head, starts) ||
         (bn_prose_has_any(v->text->str, head, notices) &&
          bn_prose_has_any(v->text->str, head, details));
}

/* The line is an address and nothing else. */
static char *
lone_address(const bn_span *l)
{
  if (l->len == 0 || bn_word_end(l->p, l->len) < l->len || memchr(l->p, '@', l->len) == NULL)
    return NULL;
  return bn_address_clean(l->p, l->len);
}

static void
apply_error(bounce_report *r, GPtrArray *named, const GString *error)
{
  const char *text = error->str;
  if (bn_has_prefix_ci(text, told_me))
    text += strlen(told_me);
  while (*text == ' ')
    text++;
  bounce_cause cause = BOUNCE_CAUSE_UNDEFINED;
  for (size_t i = 0; i < G_N_ELEMENTS(own_causes); i++)
    if (bn_strcasestr(error->str, error->len, own_causes[i].sentence))
      cause = own_causes[i].cause;
  for (guint i = 0; i < named->len; i++) {
    bounce_recipient *rc = bn_prose_recipient(r, g_ptr_array_index(named, i));
    if (rc == NULL)
      continue;
    /* DSNBounce's Diagnostic-Code repeats the error: keep one. */
    if (text[0] && (rc->diagnostic == NULL || strlen(rc->diagnostic) < strlen(text)))
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, text, BOUNCE_SOURCE_TEXT);
    if (rc->reply_code == 0)
      bn_rcpt_set_reply_code(rc, bn_find_reply_code(text, strlen(text)), BOUNCE_SOURCE_TEXT);
    if (cause != BOUNCE_CAUSE_UNDEFINED) {
      rc->cause = cause;
      rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    }
  }
}

/* AbstractNotify's notice: "Error message below:" and the "RCPT TO:" list
 * of "Message details:". */
static bool
notice(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  gssize det = bn_prose_after(t, details);
  if (det < 0)
    return false;
  GPtrArray *named = g_ptr_array_new_with_free_func(g_free);
  GString *error = g_string_new(NULL);
  static const char *const below[] = {"Error message below:", NULL};
  gssize err = bn_prose_after(t, below);
  bn_lines it;
  bn_span l;
  if (err >= 0 && err < det) {
    bn_lines_init(&it, t->str + err, (size_t)(det - err));
    while (bn_lines_next_trimmed(&it, &l)) {
      if (l.len == 0 && error->len)
        break;
      if (l.len && !bn_prose_has_any(l.p, l.len, details)) {
        g_string_append_len(error, l.p, (gssize)l.len);
        g_string_append_c(error, ' ');
      }
    }
    bn_squeeze(error);
  }
  bool in_rcpt = false;
  bn_lines_init(&it, t->str + det, t->len - (size_t)det);
  while (bn_lines_next(&it, &l)) {
    bool continued = l.len > 4 && l.p[0] == ' ' && l.p[1] == ' ' && l.p[2] == ' ';
    bn_span_trim(&l);
    if (bn_has_prefix_ci(l.p, "RCPT TO:")) {
      l.p += 8;
      l.len -= 8;
      bn_span_trim(&l);
      in_rcpt = true;
    } else if (!in_rcpt || !continued || memchr(l.p, ':', l.len)) {
      if (in_rcpt)
        break;
      continue;
    }
    char *addr = lone_address(&l);
    if (addr)
      g_ptr_array_add(named, addr);
  }
  if (named->len)
    apply_error(r, named, error);
  bool found = named->len > 0;
  g_ptr_array_free(named, TRUE);
  g_string_free(error, TRUE);
  return found;
}

static void
mark_failed(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++)
    bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
}

/* Where the report's addresses start, after the introduction, or -1.
 * "your message." closes the paragraph on the next line, or, where an
 * archiver's hard re-wrap moved the intro's end down ("... I was unable
 * to" / "deliver" / "your message."), on the line right under the ones
 * bn_line_continues takes from the intro (at most three lines in all). */
static gssize
report_start(const GString *t)
{
  gssize from = bn_prose_after(t, intro_ends);
  if (from <= 0 || t->str[from - 1] != '\n')
    return from;
  const char *open = t->str + from - 1; /* the intro's line, up to its \n */
  while (open > t->str && open[-1] != '\n')
    open--;
  bn_span above = {open, (size_t)(t->str + from - 1 - open)}, m;
  bn_lines it;
  bn_lines_init(&it, t->str + from, t->len - (size_t)from);
  for (int k = 0; k < 3 && bn_lines_next(&it, &m); k++) {
    if (bn_strcasestr(m.p, m.len, "your message"))
      return it.p - t->str;
    if (!bn_line_continues(&above, &m))
      break;
    above = m;
  }
  return from;
}

/* Reads the report in s (len bytes): the addresses it names, one a line,
 * into named, then the error under them into error. */
static void
read_report(const char *s, size_t len, GPtrArray *named, GString *error)
{
  enum { ADDRESSES, ERROR, DONE } state = ADDRESSES;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s, len);
  while (state != DONE && bn_lines_next_trimmed(&it, &l)) {
    if (l.len == 0) {
      if (error->len)
        state = DONE;
      continue;
    }
    if (bn_prose_has_any(l.p, l.len, ends)) {
      if (named->len && error->len)
        state = DONE;
      continue;
    }
    if (bn_prose_has_any(l.p, MIN(l.len, 32), skipped))
      continue;
    if (bn_has_prefix_ci(l.p, "Error message:")) {
      state = ERROR;
      continue;
    }
    char *addr = state == ADDRESSES ? lone_address(&l) : NULL;
    if (addr) {
      g_ptr_array_add(named, addr);
      continue;
    }
    if (named->len == 0)
      return; /* not James's layout */
    state = ERROR;
    if (error->len)
      g_string_append_c(error, ' ');
    g_string_append_len(error, l.p, (gssize)l.len);
  }
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  if (!bn_prose_has_any(t->str, MIN(t->len, 4096), starts)) {
    bool found = notice(v, r);
    mark_failed(r);
    return found;
  }
  gssize from = report_start(t);
  if (from < 0)
    return false;
  size_t end = bn_prose_end_before_original(t, (size_t)from);
  GPtrArray *named = g_ptr_array_new_with_free_func(g_free);
  GString *error = g_string_new(NULL);
  read_report(t->str + from, end - (size_t)from, named, error);
  bn_squeeze(error);
  /* The delivery-status part's recipients share the error too. */
  for (size_t i = 0; named->len == 0 && i < bn_report_count(r); i++)
    g_ptr_array_add(named, g_strdup(bn_report_rcpt(r, i)->address));
  if (error->len)
    apply_error(r, named, error);
  else
    for (guint i = 0; i < named->len; i++)
      bn_prose_recipient(r, g_ptr_array_index(named, i));
  mark_failed(r);
  g_ptr_array_free(named, TRUE);
  g_string_free(error, TRUE);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_james = {"james", claim, extract};
