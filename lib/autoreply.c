/* RFC 3834 automatic responses: vacation and out-of-office replies. The
 * person who is away is the recipient the report speaks of. */
#include "private.h"
#include "mta/mta.h"
#include <string.h>

/* Subject openings of auto-replies, as mail clients and servers write them,
 * in lower case: the subject is case-folded (Unicode, so "RÉPONSE" and
 * "Автоматический" match too) before it is compared. */
static const char *const subject_prefixes[] = {
  "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response",
  "auto-response", "autoresponse", "out of office", "out of the office", "out-of-office",
  "vacation", "on vacation", "away from", "abwesenheitsnotiz", "automatische antwort",
  "réponse automatique", "respuesta automática", "risposta automatica",
  "resposta automática", "自動返信", "自動応答", "自动回复",
  /* Outlook's "Automatic reply:" in its other languages */
  "automatisch antwoord", "automatiskt svar", "automatisk svar", "autosvar",
  "automaattinen vastaus", "odpowiedź automatyczna", "automatická odpověď",
  "automatikus válasz", "otomatik yanıt", "자동 회신", "автоматический ответ",
  "автоматична відповідь", "автоответ", "αυτόματη απάντηση", "自動回覆",
  "răspuns automat", "balasan otomatis", "trả lời tự động", "automatická odpoveď",
  "automatski odgovor", "samodejni odgovor", "автоматичен отговор",
  "automatinis atsakymas", "automātiskā atbilde", "automaatne vastus",
  "resposta automàtica", "תשובה אוטומטית", "رد تلقائي", "ตอบกลับอัตโนมัติ",
};

static bool
subject_opens_autoreply(const char *subject)
{
  /* the opening is all that is compared: a bounded, cheap fold */
  size_t n = strlen(subject);
  if (n > 128) {
    n = 128;
    while (n > 0 && ((guchar)subject[n] & 0xC0) == 0x80)
      n--;
  }
  if (!g_utf8_validate(subject, (gssize)n, NULL))
    return false;
  char *folded = g_utf8_casefold(subject, (gssize)n);
  bool found = false;
  for (size_t i = 0; i < G_N_ELEMENTS(subject_prefixes) && !found; i++)
    found = g_str_has_prefix(folded, subject_prefixes[i]);
  g_free(folded);
  return found;
}

/* Senders that write bounces, not auto-replies (bounces carry
 * "Auto-Submitted: auto-replied" too: Exim, Postfix, Gmail). */
static bool
from_mailer(const bn_view *v)
{
  const char *a = v->from_addr;
  return bn_view_from_mailer(v) || bn_has_prefix_ci(a, "mailer-daemon") ||
         bn_has_prefix_ci(a, "postmaster") || bn_has_prefix_ci(a, "mail-daemon") ||
         bn_has_prefix_ci(a, "maildelivery");
}

bool
bn_autoreply_claim(const bn_view *v)
{
  if (from_mailer(v) || v->from_addr[0] == '\0')
    return false;
  const char *as = bn_view_header(v, "Auto-Submitted");
  if (as && bn_strcasestr(as, strlen(as), "auto-replied"))
    return true;
  if (bn_view_header(v, "X-Autoreply") || bn_view_header(v, "X-Autorespond") ||
      bn_view_header(v, "X-Vacation"))
    return true;
  const char *prec = bn_view_header(v, "Precedence");
  if (prec && bn_strcasestr(prec, strlen(prec), "auto_reply"))
    return true;
  return subject_opens_autoreply(bn_subject_untagged(v->subject));
}

bool
bn_autoreply_extract(const bn_view *v, bounce_report *r)
{
  bounce_recipient *rc = bn_report_add(r, v->from_addr, BOUNCE_SOURCE_HEADER);
  if (rc == NULL)
    return false;
  rc->cause = BOUNCE_CAUSE_VACATION;
  rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_HEADER;
  if (v->text->len) {
    char *d = bn_squeeze_dup(v->text->str, MIN(v->text->len, 200));
    bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
    g_free(d);
  }
  r->kind = BOUNCE_KIND_AUTOREPLY;
  bn_set_str(&r->mta, "rfc3834");
  return true;
}
