/* SurfControl E-mail Filter (X-Mailer: SurfControl E-mail Filter): a
 * multipart/report whose notice gives a transcript of the attempts:
 *
 *   Your message could not be sent.
 *   A transcript of the attempts to send the message follows.
 *   The number of attempts made: 1
 *   Addressed To: user@example.jp
 *
 *   Thu 29 Apr 2010 23:34:45 +0900
 *   Failed to send to identified host,
 *   user@example.jp: [192.0.2.5], 550 user@example.jp... No such user
 *   --- Message non-deliverable.
 *
 * The delivery-status part gives the recipients; the transcript adds the
 * host and the reply. */
#include "mta.h"
#include <string.h>

static const char *const sentences[] = {
  "A transcript of the attempts to send the message follows", NULL,
};

static bool
claim(const bn_view *v)
{
  const char *xm = bn_view_header(v, "X-Mailer");
  if (xm && bn_strcasestr(xm, strlen(xm), "SurfControl"))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 1024), sentences);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  const GString *t = v->text;
  size_t found = 0;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t->str, t->len);
  while (bn_lines_next(&it, &l)) {
    /* "user@example.jp: [192.0.2.5], 550 ...": the address one word,
     * which a quoted local part with a blank still is */
    const char *sep = bn_strcasestr(l.p, l.len, ": [");
    if (sep && memchr(l.p, '@', (size_t)(sep - l.p)) &&
        bn_word_end(l.p, (size_t)(sep - l.p)) == (size_t)(sep - l.p)) {
      bounce_recipient *rc = bn_prose_recipient_at(r, l.p, (size_t)(sep - l.p), true);
      if (rc == NULL)
        continue;
      found++;
      const char *ip = sep + 3;
      const char *close = memchr(ip, ']', l.len - (size_t)(ip - l.p));
      if (close) {
        char *host = g_strndup(ip, (size_t)(close - ip));
        bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
        g_free(host);
        const char *rest = close + 1;
        while (rest < l.p + l.len && (*rest == ',' || *rest == ' '))
          rest++;
        char *diag = bn_squeeze_dup(rest, l.len - (size_t)(rest - l.p));
        bn_rcpt_fill(rc, BOUNCE_FIELD_DIAGNOSTIC, diag, BOUNCE_SOURCE_TEXT);
        g_free(diag);
      }
      bn_prose_set_action(rc, "failed");
    } else if (bn_has_prefix_ci(l.p, "Addressed To:")) {
      char *addr = bn_find_address(l.p, l.len);
      if (addr && bn_report_find(r, addr) == NULL) {
        bounce_recipient *rc = bn_prose_recipient(r, addr);
        bn_prose_set_action(rc, "failed");
        found += rc != NULL;
      }
      g_free(addr);
    }
  }
  return found > 0 || bn_report_count(r) > 0;
}

const bn_mta bn_mta_surfcontrol = {"surfcontrol", claim, extract};
