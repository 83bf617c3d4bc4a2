/* KDDI's au one net (dion.ne.jp) mail system: a multipart/mixed from
 * no-reply@<host>.dion.ne.jp, a Japanese notice (sometimes absent), then
 *
 *   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *        Could not be delivered to: <user@example.dion.ne.jp>
 *        As their mailbox is full.
 *
 * The lines after the address, up to a blank line, are the reason. */
#include "mta.h"
#include <string.h>

static const char *const sent_on[] = {"Your mail sent on:", NULL};
static const char *const marks[] = {"Could not be delivered to:", NULL};

static bool
claim(const bn_view *v)
{
  size_t head = MIN(v->text->len, 4096);
  return bn_prose_has_any(v->text->str, head, sent_on) &&
         bn_prose_has_any(v->text->str, head, marks);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bn_span sec;
  if (!bn_prose_section(v, sent_on, NULL, &sec))
    return false;
  bounce_recipient *rc = NULL;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, sec.p, sec.len);
  while (bn_lines_next(&it, &line)) {
    const char *to = bn_strcasestr(line.p, line.len, marks[0]);
    if (to) {
      size_t n = line.len - (size_t)(to - line.p);
      char *addr = bn_find_address(to, n);
      rc = bn_prose_recipient(r, addr);
      bn_rcpt_fill(rc, BOUNCE_FIELD_ACTION, "failed", BOUNCE_SOURCE_TEXT);
      g_free(addr);
    } else if (rc && line.len && !bn_strcasestr(line.p, line.len, sent_on[0])) {
      bn_prose_add_line(rc, line.p, line.len);
    } else {
      rc = NULL;
    }
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_kddi = {"kddi", claim, extract};
