/* Microsoft Exchange up to 2003: the Internet Mail Service (Exchange 5.5,
 * "X-Mailer: Internet Mail Service (5.5.2653.19)", "X-MS-Embedded-Report:")
 * and the Internet Mail Connector (4.0) write
 *
 *   Your message
 *     To:      user@example.jp
 *     Subject: ...
 *   did not reach the following recipient(s):
 *
 *   user@example.jp on Thu, 29 Apr 2010 00:00:00 -0000
 *       The recipient name is not recognized
 *       The MTS-ID of the original message is: c=jp;a= ;p=...
 *   ;l=...
 *       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
 *
 * and Exchange 2000/2003 the same list under "Your message did not reach
 * some or all of the intended recipients." and "The following recipient(s)
 * could not be reached:", each reason ending "<mx.example.jp #5.1.1>" or
 * "<mx.example.jp #5.0.0 smtp;550 5.1.1 ...>". One recipient per
 * "ADDRESS on DATE" line; the lines under it are its diagnostic. A status,
 * and the remote server's reply code, are only in the 2000/2003 form. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "did not reach the following recipient(s)",
  "The following recipient(s) could not be reached",
  "The following recipient(s) cannot be reached",
  "did not reach some or all of the intended recipients",
  NULL,
};

static const char *const mailers[] = {
  "Internet Mail Service", "Microsoft Exchange Server Internet Mail Connector", NULL,
};

/* The IMS's own diagnostic codes whose meaning it writes beside them, and
 * the Exchange 5.5 sentences that state the cause for sure, read in
 * Exchange's own words only: a remote server's reply after them names
 * other things ("550 5.7.1 Client host rejected: Host unknown, no reverse
 * DNS" is the sender's host, not the recipient's). "The recipient
 * name is not recognized" is X.400's unrecognised O/R name, also under an
 * NDR of the Exchange MTA ("MSEXCH:MSExchangeMTA:SITE:SERVER"), which has
 * no IMS code. The connector's own words come first: the Internet Mail
 * Connector (4.0, 5.0) writes that X.400 sentence over "MSEXCH:IMC:ORG:
 * SITE:SERVER 3902 Host Unknown" for a domain that does not exist
 * (Microsoft KB 168557, "XFOR: Recipient Name Not Recognized / Recipient
 * Not Found"). */
static const bn_cause_row codes[] = {
  {"Host Unknown", BOUNCE_CAUSE_HOSTUNKNOWN},
  {"(000C05A6)", BOUNCE_CAUSE_USERUNKNOWN}, /* "Unknown Recipient" */
  {"The recipient name is not recognized", BOUNCE_CAUSE_USERUNKNOWN},
  /* two directory entries hold the address, so no mailbox is chosen
   * (Microsoft KB 251152, "The recipient name is ambiguous." over "... 0
   * (000C0595) Ambiguous Recipient"): RFC 3463's X.1.4, read as a missing
   * mailbox like that status (status.c) */
  {"(000C0595)", BOUNCE_CAUSE_USERUNKNOWN},
  {"The recipient name is ambiguous", BOUNCE_CAUSE_USERUNKNOWN},
};

/* "<mx.example.jp #5.1.1>" or "<mx.example.jp #5.0.0 smtp;550 ...>" alone
 * on its line: how Exchange 2000/2003 end a recipient's reason in every
 * language of the report. */
static bool
host_status_line(const bn_span *line)
{
  bn_span l = *line;
  bn_span_trim(&l);
  if (l.len < 9 || l.p[0] != '<' || l.p[l.len - 1] != '>')
    return false;
  const char *hash = bn_strcasestr(l.p, l.len, " #");
  char status[16];
  return hash && (size_t)(l.p + l.len - hash) > 7 &&
         bn_find_status(hash + 2, MIN((size_t)(l.p + l.len - hash - 2), 8), status) &&
         g_ascii_isdigit(hash[2]);
}

static bool
claim(const bn_view *v)
{
  if (bn_view_header(v, "X-MS-Embedded-Report"))
    return true;
  const char *mailer = bn_view_header(v, "X-Mailer");
  if (mailer && bn_prose_has_any(mailer, strlen(mailer), mailers))
    return true;
  if (bn_prose_has_any(v->text->str, bn_view_own_len(v, 4096), sentences))
    return true;
  /* a translated report: its reasons' last lines, in a bounce */
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, bn_view_own_len(v, 4096));
  while (bn_lines_next(&it, &l))
    if (host_status_line(&l))
      return bn_view_looks_like_bounce(v);
  return false;
}

static size_t date_len(const char *s, size_t len);

/* Whether s, at "Sent:", opens a date that runs to end: "Sent:" ends the
 * summary, and a subject's words may hold it ("Invoice Sent: #4411"). */
static bool
sent_date_at(const char *s, const char *end)
{
  s += strlen("Sent:");
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return end > s && date_len(s, (size_t)(end - s)) == (size_t)(end - s);
}

/* "  To: a@b", "  Subject: ...", "  Sent: DATE" under "Your message": the
 * original's header, when the report does not return it; in the order
 * Exchange writes them. */
static const bn_summary_label summary_labels[] = {
  {"To:", "To", NULL}, {"Subject:", "Subject", NULL}, {"Sent:", "Date", sent_date_at}};

/* How many more '<' than '>' s holds: above 0, a "<host #...>" line that
 * a mail client cut, even right after the '>' of an address in the reply
 * ("<mx #5.0.0 smtp;550 5.1.1 <a@b>" over "... User unknown>"), or one
 * whose reply holds a stray '<' ("(score <-2.0 required)>"). */
static long
angle_depth(const char *s, size_t len)
{
  long depth = 0;
  for (size_t i = 0; i < len; i++)
    depth += s[i] == '<' ? 1 : s[i] == '>' ? -1 : 0;
  return depth;
}

/* Exchange 2000/2003 end a reason with "<mx.example.jp #5.1.1>" or
 * "<mx.example.jp #5.0.0 smtp;550 5.1.1 <a@b>... User unknown>": the
 * generating host, the status, and the remote server's reply. The reply is
 * the diagnostic when there is one; else the status. Other lines as they
 * are. The reply's code goes to code: the reply follows Exchange's own
 * explanation in the diagnostic, where no reader looks for a code; where
 * it starts in diag goes to *reply_at, for the first reply. A reply that
 * gives no status of its own ("#5.1.1 smtp;550 Requested action not taken:
 * mailbox unavailable") leaves Exchange's status, which it mapped from that
 * reply, as the recipient's when it is specific (not X.0.0, which says no
 * more than the reply code): it goes to host_status (the first only).
 * A cut line that was never completed (the next recipient or the end came
 * first) is read up to where it stops. */
static void
host_code(const bn_span *l, GString *diag, int *code_out, size_t *reply_at,
          char host_status[16])
{
  const char *hash = l->len > 2 && l->p[0] == '<' ? bn_strcasestr(l->p, l->len, " #") : NULL;
  if (hash == NULL) {
    g_string_append_len(diag, l->p, (gssize)l->len);
    return;
  }
  const char *code = hash + 2;
  bool closed = l->p[l->len - 1] == '>' && angle_depth(l->p, l->len) <= 0;
  const char *end = l->p + l->len - (closed ? 1 : 0);
  const char *smtp = bn_strcasestr(code, (size_t)(end - code), "smtp;");
  if (smtp) {
    const char *reply = smtp + 5;
    while (reply < end && *reply == ' ')
      reply++;
    if (*code_out == 0)
      *code_out = bn_reply_code_at(reply, (size_t)(end - reply));
    *reply_at = MIN(*reply_at, diag->len);
    g_string_append_len(diag, smtp + 5, end - smtp - 5);
    char own[16];
    if (host_status[0] == '\0' && !bn_find_status(reply, (size_t)(end - reply), own) &&
        bn_find_status(code, (size_t)(smtp - code), own) && !g_str_has_suffix(own, ".0.0"))
      memcpy(host_status, own, sizeof own);
  } else {
    g_string_append_c(diag, '#');
    g_string_append_len(diag, code, end - code);
  }
}

/* The address of the delivery-status part's recipient whose
 * X-Display-Name (Exchange 2000/2003 write one) is name; a new string or
 * NULL. */
static char *
displayed_address(const bounce_report *r, const char *name, size_t len)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->display_name && rc->address && strlen(rc->display_name) == len &&
        g_ascii_strncasecmp(rc->display_name, name, len) == 0)
      return g_strdup(rc->address);
  }
  return NULL;
}

/* "user@example.jp am 29.04.2004 23:34", "... le 29/04/2004 23:34": the
 * address and the date, joined by a short word in the report's language.
 * The address, or NULL. */
static char *
translated_recipient_line(const bn_span *l)
{
  const char *end = l->p + l->len;
  const char *sp = l->p + bn_word_end(l->p, l->len);
  if (sp == end || !memchr(l->p, '@', (size_t)(sp - l->p)))
    return NULL;
  const char *w = sp + 1;
  while (w < end && (g_ascii_isalpha(*w) || (guchar)*w >= 0x80) && w - sp <= 6)
    w++;
  if (w == sp + 1 || w - sp > 6 || w + 1 >= end || *w != ' ' || !g_ascii_isdigit(w[1]))
    return NULL;
  return bn_address_clean(l->p, (size_t)(sp - l->p));
}

/* "user@example.jp on DATE", or for a recipient Exchange knows by name,
 * "Display Name on DATE": the address, or NULL. */
static char *
recipient_line(const bounce_report *r, const bn_span *line)
{
  bn_span l = *line;
  bn_span_trim(&l);
  const char *on = bn_strcasestr(l.p, l.len, " on ");
  if (on == NULL)
    return translated_recipient_line(&l);
  if (on == l.p)
    return NULL;
  if (!memchr(l.p, '@', (size_t)(on - l.p)))
    return displayed_address(r, l.p, (size_t)(on - l.p));
  /* one word, or an address whose quoted local part holds blanks */
  if (bn_word_end(l.p, (size_t)(on - l.p)) < (size_t)(on - l.p))
    return NULL;
  return bn_address_clean(l.p, (size_t)(on - l.p));
}

/* How long the date at s is ("Thu, 29 Apr 2010 00:00:00 -0000", "4/29/01
 * 11:34:45 PM"): its words of digits and punctuation, day and month
 * names, AM/PM; 0 when s does not start with one. Exchange writes the time
 * in every form, and "on 0161 496 0000" (a phone number) is no date. */
static size_t
date_len(const char *s, size_t len)
{
  static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb",
                                      "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                      "Dec", "AM",  "PM",  "GMT", "UTC", NULL};
  size_t end = 0, at = 0;
  bool time = false;
  while (at < len && s[at] != ' ') {
    size_t n = bn_word_end(s + at, len - at);
    size_t k = n && s[at + n - 1] == ',' ? n - 1 : n;
    bool numeric = k > 0;
    for (size_t i = 0; i < k; i++)
      numeric = numeric && (g_ascii_isdigit(s[at + i]) || strchr("/:.+-", s[at + i]));
    bool name = false;
    for (size_t i = 0; names[i] && !numeric; i++)
      name = name || (k == strlen(names[i]) && g_ascii_strncasecmp(s + at, names[i], k) == 0);
    if (!numeric && !name)
      break;
    time = time || (numeric && g_ascii_isdigit(s[at]) && memchr(s + at, ':', k));
    end = at + n;
    at = end;
    while (at < len && s[at] == ' ')
      at++;
  }
  return time ? end : 0;
}

/* "<mx.example.jp #5.0.0 ...", a reason's last line, inside a line from
 * s to end, not at s: where it starts, or NULL. */
static const char *
host_status_in(const char *s, const char *end)
{
  for (const char *lt = s; lt < end && (lt = memchr(lt, '<', (size_t)(end - lt))) != NULL; lt++) {
    size_t n = bn_word_end(lt, (size_t)(end - lt));
    if (lt > s && lt[-1] == ' ' && n > 1 && (size_t)(end - lt) > n + 2 && lt[n] == ' ' &&
        lt[n + 1] == '#' && g_ascii_isdigit(lt[n + 2]))
      return lt;
  }
  return NULL;
}

/* A client that joins each paragraph onto one line (a converter from
 * HTML, some webmail) puts a recipient's reason after its "ADDR on DATE",
 * and the next recipient after that reason: the line is cut after the
 * date, and, once in the list of recipients (in_list), before a reason's
 * "<host #status ...>" and before an address (a quoted local part may
 * hold blanks) followed by " on " and a date, outside that "<...>"; the
 * rest goes to *rest, read as the next line. A line Exchange wrote whole
 * is not cut. */
static void
cut_joined(bn_span *line, bn_span *rest, bool in_list)
{
  const char *end = line->p + line->len;
  const char *from = line->p;
  const char *on;
  const char *cut = NULL;
  rest->len = 0;
  while (cut == NULL && (on = bn_strcasestr(from, (size_t)(end - from), " on ")) != NULL) {
    from = on + 4;
    const char *w = on;
    bool quoted = false;
    while (w > line->p && (quoted || (w[-1] != ' ' && w[-1] != '\t'))) {
      quoted = quoted != (w[-1] == '"');
      w--;
    }
    size_t d = date_len(on + 4, (size_t)(end - on - 4));
    if (w == on || !memchr(w, '@', (size_t)(on - w)) || d == 0)
      continue;
    bool leading = true;
    for (const char *p = line->p; p < w; p++)
      leading = leading && (*p == ' ' || *p == '\t');
    if (!leading && !in_list)
      return;
    /* inside "<host #status smtp;reply>": the reply names it, "Message
     * from a@b on DATE refused" */
    if (!leading && angle_depth(line->p, (size_t)(w - line->p)) > 0)
      continue;
    cut = leading ? on + 4 + d : w;
  }
  const char *start = line->p;
  while (start < end && (*start == ' ' || *start == '\t'))
    start++;
  const char *host = in_list ? host_status_in(start, cut ? cut : end) : NULL;
  if (host)
    cut = host;
  bn_span_split(line, rest, cut);
}

/* A reason's last line cut where it was too long for a mail client
 * ("<mx.example.jp #5.0.0 smtp;550 5.1.1 <a@b>: Recipient address" and
 * "rejected: ...>" on the next): its start, which the lines after it
 * complete up to the '>' that closes it. */
static bool
host_code_opens(const bn_span *l)
{
  return l->len > 9 && l->p[0] == '<' && angle_depth(l->p, l->len) > 0 &&
         bn_strcasestr(l->p, MIN(l->len, 300), " #") != NULL;
}

/* "<mail.example.org" alone: a last line cut between the host and its
 * " #status", whose status and reply are on the next line. */
static bool
host_alone(const bn_span *l)
{
  if (l->len < 2 || l->p[0] != '<')
    return false;
  for (size_t i = 1; i < l->len; i++)
    if (!g_ascii_isalnum(l->p[i]) && l->p[i] != '.' && l->p[i] != '-')
      return false;
  return memchr(l->p, '.', l->len) != NULL;
}

/* Lines a cut reason's last line is joined over, at most. */
#define HOST_CODE_LINES 8

/* Gives what is held in line (a cut last line, joined) to the diagnostic
 * and empties it. */
static void
host_code_flush(GString *line, GString *diag, int *code, size_t *reply_at,
                char host_status[16])
{
  if (line->len == 0)
    return;
  bn_span l = {line->str, line->len};
  host_code(&l, diag, code, reply_at, host_status);
  g_string_truncate(line, 0);
}

/* A line under a recipient: to the diagnostic, joined first to the lines
 * of a cut last line (held in held, counted in *parts). */
static void
reason_line(const bn_span *l, GString *held, int *parts, GString *diag, int *code,
            size_t *reply_at, char host_status[16])
{
  if (held->len) {
    g_string_append_c(held, ' ');
    g_string_append_len(held, l->p, (gssize)l->len);
    if (angle_depth(held->str, held->len) <= 0 || ++*parts >= HOST_CODE_LINES)
      host_code_flush(held, diag, code, reply_at, host_status);
    return;
  }
  if (diag->len)
    g_string_append_c(diag, ' ');
  if (host_code_opens(l) || host_alone(l)) {
    g_string_append_len(held, l->p, (gssize)l->len);
    *parts = 1;
    return;
  }
  host_code(l, diag, code, reply_at, host_status);
}

/* Fills rc from the lines read under it: diag, the reply code read in
 * them (code), Exchange's status over a reply without one; the cause from
 * Exchange's own words, those before the remote's reply at reply_at. */
static void
fill_recipient(bounce_recipient *rc, GString *diag, int code, size_t reply_at,
               const char *host_status)
{
  char *own = bn_squeeze_dup(diag->str, MIN(reply_at, diag->len));
  bn_squeeze(diag);
  bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag->str, BOUNCE_SOURCE_TEXT);
  if (rc->reply_code == 0 && code)
    bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
  char any[16];
  if (!bn_find_status(diag->str, diag->len, any))
    bn_rcpt_fill(rc, BOUNCE_FIELD_STATUS, host_status, BOUNCE_SOURCE_TEXT);
  if (rc->source[BOUNCE_FIELD_CAUSE] == BOUNCE_SOURCE_NONE)
    bn_prose_set_cause(rc, bn_cause_table_find(own, strlen(own), codes, G_N_ELEMENTS(codes)));
  g_free(own);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bounce_recipient *rc = NULL;
  GString *diag = g_string_new(NULL);
  GString *held = g_string_new(NULL); /* a cut last line, being joined */
  int parts = 0;
  bool over_blank = false; /* a cut is being joined over a blank line */
  bool skip_wrapped = false;
  int code = 0;
  size_t reply_at = G_MAXSIZE; /* where a remote's reply starts in diag */
  char host_status[16] = "";   /* Exchange's status over a reply without one */
  gssize end = bn_view_inline_copy(v);
  bn_lines it;
  bn_span line = {v->text->str, 0}; /* what is trimmed when there is no line at all */
  bn_lines_init(&it, v->text->str, end >= 0 ? (size_t)end : v->text->len);
  bn_span rest = {NULL, 0}; /* the rest of a joined line, read next */
  for (bool more = true; more;) {
    if (rest.len) {
      line = rest;
      more = true;
    } else {
      more = bn_lines_next(&it, &line);
    }
    if (more)
      cut_joined(&line, &rest, found);
    char *addr = more ? recipient_line(r, &line) : NULL;
    bn_span l = line;
    bn_span_trim(&l);
    bool blank = more && l.len == 0;
    if (more && !found && !addr)
      bn_prose_original_summary(&l, summary_labels, G_N_ELEMENTS(summary_labels), r);
    /* a client may leave a blank line inside the cut it made: the cut
     * goes on over it, for as many lines as any cut, but only to a line
     * that closes it; else the blank ended the recipient's lines, and what
     * follows (a footer, a recipient known by a name alone) is not its
     * reply */
    if (blank && rc && held->len && ++parts < HOST_CODE_LINES) {
      over_blank = true;
      continue;
    }
    bool cut_ends = over_blank && more && !blank && !addr &&
                    angle_depth(held->str, held->len) + angle_depth(l.p, l.len) > 0;
    over_blank = false;
    if (more && !addr && !blank && rc && !cut_ends) {
      /* a line under the recipient */
      bool wrapped = bn_span_indent(&line) == 0;
      if (bn_has_prefix_ci(l.p, "The MTS-ID of the original message is")) {
        skip_wrapped = true; /* its value runs onto an unindented line */
      } else if (skip_wrapped && wrapped) {
        skip_wrapped = false;
      } else {
        skip_wrapped = false;
        reason_line(&l, held, &parts, diag, &code, &reply_at, host_status);
      }
      continue;
    }
    /* the end of a recipient's lines: a new recipient, a blank line after
     * the diagnostic, or the end */
    if (rc && (addr || !more || cut_ends || (blank && (diag->len || held->len)))) {
      host_code_flush(held, diag, &code, &reply_at, host_status);
      fill_recipient(rc, diag, code, reply_at, host_status);
      g_string_truncate(diag, 0);
      code = 0;
      reply_at = G_MAXSIZE;
      host_status[0] = '\0';
      rc = NULL;
    }
    if (addr) {
      rc = bn_prose_recipient_if(r, addr, add);
      found = found || rc != NULL;
      skip_wrapped = false;
      g_free(addr);
    }
  }
  g_string_free(diag, TRUE);
  g_string_free(held, TRUE);
  return found || (bn_report_count(r) > 0 && bn_view_header(v, "X-MS-Embedded-Report"));
}

const bn_mta bn_mta_exchange2003 = {"exchange2003", claim, extract};
