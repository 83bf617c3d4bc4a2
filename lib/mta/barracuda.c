/* Barracuda Spam (& Virus) Firewall: Subject "**Message you sent blocked by
 * our bulk email filter**", a text part
 *
 *   Your message to: user@example.jp
 *   was blocked by our Spam Firewall. The email you sent with the following
 *   subject has NOT BEEN DELIVERED:
 *
 * and a delivery-status part ("550 5.7.1 Message content rejected, UBE"). */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {"Message you sent blocked by our bulk email filter", NULL};
static const char *const marks[] = {
  "was blocked by our Spam Firewall", "was blocked by our Spam & Virus Firewall", NULL,
};

static bool
claim(const bn_view *v)
{
  if (bn_subject_has(v, subjects))
    return true;
  return bn_prose_has_any(v->text->str, MIN(v->text->len, 2048), marks);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next(&it, &line)) {
    bn_span l = line;
    bn_span_trim(&l);
    if (!bn_has_prefix_ci(l.p, "Your message to:"))
      continue;
    size_t k = strlen("Your message to:");
    char *addr = bn_line_address_only(l.p + k, l.len - k);
    bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
    g_free(addr);
    if (rc == NULL)
      continue;
    found = true;
    /* "was blocked by our Spam Firewall. ..." */
    bn_span m;
    bn_lines look = it;
    if (rc->diagnostic == NULL && bn_lines_next(&look, &m)) {
      bn_span_trim(&m);
      const char *stop = memchr(m.p, '.', m.len);
      bn_prose_add_diagnostic(rc, m.p, stop ? (size_t)(stop - m.p) : m.len);
    }
  }
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_barracuda = {"barracuda", claim, extract};
