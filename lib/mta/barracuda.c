/* Barracuda Spam (& Virus) Firewall: Subject "**Message you sent blocked by
 * our bulk email filter**", a text part
 *
 *   Your message to: user@example.jp
 *   was blocked by our Spam Firewall. The email you sent with the following
 *   subject has NOT BEEN DELIVERED:
 *
 *   Subject: ...
 *
 * and a delivery-status part ("550 5.7.1 Message content rejected, UBE").
 * Without that part, the subject is the diagnostic: the bulk email (spam)
 * filter blocked the message. */
#include "mta.h"
#include <string.h>

static const char *const subjects[] = {"Message you sent blocked by our bulk email filter", NULL};
static const char *const marks[] = {
  "was blocked by our Spam Firewall", "was blocked by our Spam & Virus Firewall", NULL,
};

/* The filter the subject names, and what it blocks for sure. */
static const bn_cause_row filters[] = {
  {"blocked by our bulk email filter", BOUNCE_CAUSE_SPAMDETECTED},
};

static bool
claim(const bn_view *v)
{
  if (bn_subject_has(v, subjects))
    return true;
  return bn_prose_has_any(v->text->str, bn_view_own_len(v, 2048), marks);
}

static bool
extract(const bn_view *v, bounce_report *r)
{
  bool add = bn_report_count(r) == 0;
  bool found = false;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, v->text->str, v->text->len);
  while (bn_lines_next_trimmed(&it, &l)) {
    if (found && bn_has_prefix_ci(l.p, "Subject:") &&
        bn_report_original(r, "Subject")[0] == '\0') {
      /* "... NOT BEEN DELIVERED: / Subject: ...": the original's subject */
      char *subject = bn_squeeze_dup(l.p + 8, l.len - 8);
      bn_report_set_original(r, "Subject", subject);
      g_free(subject);
    }
    if (!bn_has_prefix_ci(l.p, "Your message to:"))
      continue;
    size_t k = strlen("Your message to:");
    /* the address alone on its line, the sentence under it; a client that
     * joined the paragraph onto one line puts the sentence after it */
    const char *said = bn_strcasestr(l.p, l.len, " was blocked by our ");
    size_t end = said ? (size_t)(said - l.p) : l.len;
    char *addr = end > k ? bn_line_address_only(l.p + k, end - k) : NULL;
    bounce_recipient *rc = bn_prose_recipient_if(r, addr, add);
    g_free(addr);
    if (rc == NULL)
      continue;
    found = true;
    /* Without a delivery-status part the subject is the diagnostic, and
     * names the filter that blocked the message. */
    if (rc->diagnostic == NULL && bn_subject_has(v, subjects)) {
      const char *s = v->subject;
      size_t n = strlen(s);
      while (n && (*s == '*' || *s == ' ')) {
        s++;
        n--;
      }
      while (n && (s[n - 1] == '*' || s[n - 1] == ' '))
        n--;
      bn_prose_add_diagnostic(rc, s, n);
      bn_prose_set_cause(rc, bn_cause_table_find(s, n, filters, G_N_ELEMENTS(filters)));
    }
  }
  return found || bn_report_count(r) > 0;
}

const bn_mta bn_mta_barracuda = {"barracuda", claim, extract};
