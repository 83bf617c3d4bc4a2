/* Stalwart (crates/smtp/src/queue/dsn.rs): a multipart/report from "Mail
 * Delivery Subsystem", subject "Failed to deliver message", "Warning: Delay
 * in message delivery", "Partially delivered message" or "Warning:
 * Temporary and permanent failures during message delivery", one text line
 * per recipient:
 *
 *   <user@example.org> (host 'mx.example.org' rejected command
 *     'RCPT TO:<user@example.org>' with code 550 (5.1.1) 'Mailbox not found')
 *   <user@example.org> (host 'mx.example.org' rejected transaction with ...)
 *   <user@example.org> (connection to 'mx.example.org' failed: Connection timeout)
 *   <user@example.org> (failed to lookup 'example.org': ...)
 *   <user@example.org> (TLS error from 'mx.example.org': ...)
 *
 * and, in newer versions, the queue's own limits and errors, with no host:
 *
 *   <user@example.org> (rate limited)
 *   <user@example.org> (too many concurrent connections to remote server)
 *   <user@example.org> (queue error: ...)
 *
 * (one line each; folded above). Its delivery-status part gives the reply
 * without the command ("Diagnostic-Code: smtp;550 Mailbox not found") and,
 * where no server answered, no diagnostic at all: the line gives the command
 * refused, and its own words are the diagnostic there. */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {
  "Failed to deliver message",
  "Warning: Delay in message delivery",
  "Partially delivered message",
  "Warning: Temporary and permanent failures during message delivery",
  NULL,
};
/* what follows "<address> (" on a recipient's line */
static const char *const line_marks[] = {
  "' rejected command '", "' rejected transaction with code ", "(connection to '",
  "(failed to lookup '", "(TLS error from '", "(DANE failed to authenticate '",
  "(MTA-STS failed to authenticate '", "(rate limited)",
  "(too many concurrent connections to remote server)", "(queue error: ", NULL,
};

static bool
claim(const bn_view *v)
{
  return v->dsn->len && bn_subject_starts(v, subjects) &&
         bn_prose_has_any(v->text->str, bn_view_own_len(v, 8192), line_marks);
}

/* "<addr> (" opening a recipient's line: the address, and where the
 * parenthesis opens; NULL when the line is no recipient's. */
static char *
line_address(const bn_span *l, const char **open)
{
  if (l->len < 6 || l->p[0] != '<')
    return NULL;
  const char *gt = memchr(l->p, '>', l->len);
  size_t at = gt ? (size_t)(gt - l->p) : 0;
  if (gt == NULL || at + 3 > l->len || gt[1] != ' ' || gt[2] != '(')
    return NULL;
  *open = gt + 2;
  return bn_address_clean(l->p + 1, at - 1);
}

/* A reply without an enhanced code shows "(0.0.0)" on the line, and the
 * delivery-status part then spells the reply code's digits as its status
 * (write_dsn_status: 550 gives "5.5.0", 421 "4.2.1", a "mailbox disabled"
 * no server said): only the class is the server's. */
static void
drop_spelled_status(bounce_recipient *rc, const char *open, const char *end)
{
  static const char no_code[] = " (0.0.0) '";
  if (rc->status == NULL || (rc->status[0] != '4' && rc->status[0] != '5') ||
      bn_strcasestr(open, (size_t)(end - open), no_code) == NULL)
    return;
  bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, rc->status[0] == '4' ? "4.0.0" : "5.0.0",
              BOUNCE_SOURCE_DERIVED);
}

/* Where the parenthesis opening at open closes, or NULL while it is still
 * open at end: a re-wrap broke it past the lines read on, or the notice was
 * cut inside it. The reply's "(5.1.1)" inside it closes only itself. */
static const char *
paren_close(const char *open, const char *end)
{
  int depth = 0;
  for (const char *p = open; p < end; p++)
    if (*p == '(')
      depth++;
    else if (*p == ')' && --depth == 0)
      return p;
  return NULL;
}

/* The ')' that ends the text where it closes the reply's quote ("...
 * 'Mailbox full')"), or NULL: Stalwart writes the entry so, and a
 * parenthesis inside the quoted reply ("'Mailbox full :-)'", "'No such
 * user (see policy'") is the server's, not the entry's. */
static const char *
quoted_close(const char *open, const char *end)
{
  while (end > open && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return end - open > 2 && end[-1] == ')' && end[-2] == '\'' ? end - 1 : NULL;
}

/* The reply code Stalwart writes after "with code " ("' with code 550
 * (5.1.1) 'Mailbox not found'"), or 0: the delivery-status part gives it
 * in its Diagnostic-Code, which a notice cut or garbled on its way may
 * have lost while the line keeps it. */
static int
line_reply_code(const char *open, const char *end)
{
  static const char with[] = "' with code ";
  const char *c = bn_strcasestr(open, (size_t)(end - open), with);
  if (c == NULL)
    return 0;
  c += strlen(with);
  return bn_reply_code_at(c, (size_t)(end - c));
}

static void
read_line(bounce_recipient *rc, const char *open, const char *end)
{
  drop_spelled_status(rc, open, end);
  static const char cmd[] = "' rejected command '";
  const char *c = bn_strcasestr(open, (size_t)(end - open), cmd);
  if (c) {
    c += strlen(cmd);
    bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, bn_smtp_command_name(c, (size_t)(end - c)),
                 BOUNCE_SOURCE_TEXT);
  }
  if (rc->reply_code == 0)
    bn_rcpt_set_reply_code(rc, line_reply_code(open, end), BOUNCE_SOURCE_TEXT);
  if (rc->diagnostic)
    return;
  /* no server's reply: its own words, inside the parentheses, or all
   * that is left of them where they never close */
  const char *close = quoted_close(open, end);
  if (close == NULL)
    close = paren_close(open, end);
  if (close == NULL)
    close = end;
  if (close > open + 1)
    bn_prose_add_diagnostic(rc, open + 1, (size_t)(close - (open + 1)));
}

/* The lines at most one recipient's line is broken over by a re-wrap. */
#define STALWART_WRAPPED_LINES 3

/* Whether line l, under a recipient's line whose parenthesis is still
 * open, goes on with it. Stalwart ends an entry at its closing ')' and
 * starts the next one with '<' at the margin, a blank line after the last;
 * so while the parenthesis is open, a line at the margin that starts no
 * entry is the rest of it, where bn_line_continues refuses it: a re-wrap
 * inside the quoted command ("'MAIL" over "FROM:<a@example.com>' with
 * code ...", a first word holding an address), or under a line the server
 * itself broke after a colon ("... from 'mx.example.org':" over
 * "invalid"). */
static bool
goes_on(const bn_span *l)
{
  return l->len && l->p[0] != '<' && l->p[0] != ' ' && l->p[0] != '\t';
}

/* Whether line l ends with the reply's closing quote or a sentence's end. */
static bool
ends_quote(const bn_span *l)
{
  size_t n = l->len;
  while (n && (l->p[n - 1] == ' ' || l->p[n - 1] == '\t'))
    n--;
  return n && strchr("'.!?", l->p[n - 1]) != NULL;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  gssize end = bn_view_inline_copy(v);
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, end >= 0 ? (size_t)end : v->text->len);
  while (bn_lines_next(&it, &l)) {
    const char *open = NULL;
    char *addr = line_address(&l, &open);
    /* the delivery-status part named the recipients: a line completes one */
    bounce_recipient *rc = addr ? bn_report_find(r, addr) : NULL;
    g_free(addr);
    if (rc == NULL)
      continue;
    /* the parenthesis an archiver's re-wrap broke over lines closes on
     * the line that continues it: read as one line */
    bn_lines look = it, sure_it = it;
    bn_span last = l, more;
    GString *joined = g_string_new_len(open, (gssize)(l.p + l.len - open));
    /* where the lines a re-wrap surely broke end (bn_line_continues, or
     * goes_on under a line that ends no quote and no sentence): a
     * parenthesis still open after the read-on keeps only those, not a
     * sentence of the notice's own under the entry's closing quote */
    size_t sure = joined->len;
    bool wrapped = true;
    for (int k = 0; k < STALWART_WRAPPED_LINES &&
                    paren_close(joined->str, joined->str + joined->len) == NULL &&
                    bn_lines_next(&look, &more);
         k++) {
      bool continues = bn_line_continues(&last, &more);
      if (!continues && !goes_on(&more))
        break;
      wrapped = wrapped && (continues || !ends_quote(&last));
      g_string_append_c(joined, ' ');
      g_string_append_len(joined, more.p, (gssize)more.len);
      last = more;
      it = look;
      if (wrapped) {
        sure = joined->len;
        sure_it = look;
      }
    }
    if (paren_close(joined->str, joined->str + joined->len) == NULL) {
      g_string_truncate(joined, sure);
      it = sure_it;
    }
    read_line(rc, joined->str, joined->str + joined->len);
    g_string_free(joined, TRUE);
    found++;
  }
  return found > 0;
}

const bn_mta bn_mta_stalwart = {"stalwart", claim, extract};
