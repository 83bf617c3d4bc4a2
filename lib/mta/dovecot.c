/* Dovecot's LDA and LMTP, and Pigeonhole Sieve's "reject": a rejection sent
 * from "Mail Delivery Subsystem <postmaster@...>" with "Auto-Submitted:
 * auto-replied (rejected)", a multipart/report whose text part is the
 * rejection_reason setting (default since 1.1)
 *
 *   Your message to <user@example.org> was automatically rejected:
 *   Quota exceeded (mailbox for user is full)
 *
 * or, in Dovecot 1.0,
 *
 *   Your message was automatically rejected by Dovecot Mail Delivery Agent.
 *
 *   The following reason was given:
 *   Quota exceeded
 *
 * then a message/disposition-notification part ("Reporting-UA: host;
 * Dovecot Mail Delivery Agent", "Final-Recipient: rfc822; user@...",
 * "Disposition: automatic-action/MDN-sent-automatically; deleted") or, for
 * an LDA refusal over quota, a delivery-status part (Status 5.2.2 / 5.2.0),
 * and the returned header. The reason is the diagnostic. */
#include "mta.h"
#include <string.h>

static const char *const rejected = "was automatically rejected";
static const char *const old_reason = "The following reason was given:";

static bool
claim(const bn_view *v)
{
  size_t head = MIN(v->text->len, 4096);
  if (bn_strcasestr(v->text->str, head, rejected) == NULL)
    return false;
  const char *as = bn_view_header(v, "Auto-Submitted");
  return (as && bn_strcasestr(as, strlen(as), "rejected")) ||
         strcmp(v->report_type, "disposition-notification") == 0 ||
         bn_strcasestr(v->text->str, head, "Dovecot Mail Delivery Agent");
}

/* Reads the disposition notification: the final recipient, the host. */
static char *
mdn_recipient(const bn_view *v, bounce_report *r)
{
  GString *mdn = g_string_new(NULL);
  char *addr = NULL;
  if (bn_prose_part(v, "message", "disposition-notification", mdn)) {
    bn_lines it;
    bn_span l, name, value;
    bn_lines_init(&it, mdn->str, mdn->len);
    while (bn_lines_next(&it, &l)) {
      if (!bn_dsn_field(&l, &name, &value))
        continue;
      if (name.len == 15 && g_ascii_strncasecmp(name.p, "Final-Recipient", 15) == 0 && !addr) {
        const char *semi = memchr(value.p, ';', value.len);
        const char *a = semi ? semi + 1 : value.p;
        addr = bn_address_clean(a, (size_t)(value.p + value.len - a));
      } else if (name.len == 12 && g_ascii_strncasecmp(name.p, "Reporting-UA", 12) == 0 &&
                 r->reporting_mta == NULL) {
        const char *semi = memchr(value.p, ';', value.len);
        if (semi && semi > value.p)
          bn_set_strn(&r->reporting_mta, value.p, (size_t)(semi - value.p));
      }
    }
  }
  g_string_free(mdn, TRUE);
  return addr;
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  const char *line = bn_prose_find_line(t->str, MIN(t->len, 4096), rejected);
  if (line == NULL)
    return false;
  const char *nl = memchr(line, '\n', t->len - (size_t)(line - t->str));
  const char *reason = nl ? nl + 1 : t->str + t->len;
  size_t line_len = (size_t)(reason - line);
  /* "Your message to <addr> was automatically rejected:" names the recipient */
  const char *lt = memchr(line, '<', line_len);
  char *addr = NULL;
  if (lt) {
    const char *gt = memchr(lt, '>', line_len - (size_t)(lt - line));
    if (gt)
      addr = bn_address_clean(lt + 1, (size_t)(gt - lt - 1));
  }
  char *mdn_addr = mdn_recipient(v, r);
  if (addr == NULL) {
    addr = mdn_addr;
    mdn_addr = NULL;
  }
  g_free(mdn_addr);
  if (addr == NULL && bn_report_count(r) == 1)
    addr = g_strdup(bn_report_rcpt(r, 0)->address);
  /* Dovecot 1.0 puts the reason after a sentence of its own */
  const char *given = bn_strcasestr(reason, t->len - (size_t)(reason - t->str), old_reason);
  if (given && given - reason < 200)
    reason = given + strlen(old_reason);
  size_t rlen = MIN(t->len - (size_t)(reason - t->str), 2048);
  bounce_recipient *rc = bn_prose_recipient(r, addr);
  g_free(addr);
  if (rc == NULL)
    return false;
  bn_set_str(&rc->diagnostic, NULL);
  bn_prose_add_diagnostic(rc, reason, rlen);
  bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
  return true;
}

const bn_mta bn_mta_dovecot = {"dovecot", claim, extract};
