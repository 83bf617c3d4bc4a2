/* The prose of an Exchange Server 2007+ / Exchange Online non-delivery
 * report. The template is translated into the sender's language, but the
 * lines that matter keep their English form:
 *
 *   Delivery has failed to these recipients or groups:     (translated)
 *   user@example.jp<mailto:user@example.jp>                the user part
 *   The email address you entered couldn't be found. ...   (translated)
 *
 *   Diagnostic information for administrators:              (translated)
 *   Generating server: mx.example.org
 *   user@example.jp                                         the admin part,
 *   mx.example.jp                                           remote host (2013+)
 *   Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
 *
 * Exchange 2007 and 2010 write the diagnostic as "#550 5.1.1 ... ##" or
 * "#< #5.1.1 smtp;550 5.1.1 ...> #SMTP#"; Exchange Online writes a retry
 * history "DATE - Server at HOST (IP) returned '450 4.4.316 ...'", newest
 * first, and its newer template "Reported error: 550 5.1.10 ..." under
 * "Recipient Address: user@example.jp". The original's header follows,
 * under "Original message headers:". */
#include "exchange.h"
#include <string.h>

/* Fixed English sentences of the template. */
static const char *const marks[] = {
  "Diagnostic information for administrators",
  "Delivery has failed to these recipients or",
  "Delivery is delayed to these recipients or groups",
  "rejected your message to the following e-mail addresses",
  "rejected your message to the following email addresses",
  "Sent by Microsoft Exchange Server",
  "More Info for Email Admins",
  NULL,
};

/* The user part's explanations that leave no doubt, as the English
 * template words them: with no diagnostic line (a report that hides the
 * part for administrators) the explanation is all there is, and its words
 * alone would be read as a filter's. */
static const bn_cause_row explanations[] = {
  /* 2010 ("e-mail") and later ("email"): RESOLVER.ADR.RecipNotFound, the
   * directory has no such recipient */
  {"address you entered couldn't be found", BOUNCE_CAUSE_USERUNKNOWN},
  /* Exchange Online's newer template, under its heading "Your message to
   * user@contoso.com couldn't be delivered.": "user wasn't found at
   * contoso.com." (RESOLVER.ADR.RecipientNotFound, 5.1.10, as Microsoft
   * Learn's page on that code and real reports show it) */
  {"wasn't found at", BOUNCE_CAUSE_USERUNKNOWN},
  /* 2007 and 2010: the user part's text for status 5.7.1, whatever gave
   * it. Exchange picks that text by the DSN code alone (its system
   * messages are named <Locale>\<Internal|External>\<DSN code>,
   * learn.microsoft.com "DSN Message Identity", aa998835), so
   * RESOLVER.RST.NotAuthorized (rejected), AuthRequired (securityerror)
   * and a remote server's "550 5.7.1 Relaying denied" all bring it. With no
   * diagnostic line to tell which, it says what the 5.7.1 says */
  {"do not have permission to send to this recipient", BOUNCE_CAUSE_SECURITYERROR},
  /* 2007 and 2010: QUEUE.Expired, the retries ran out */
  {"has been trying to deliver this message without success and has stopped trying",
   BOUNCE_CAUSE_EXPIRED},
  /* 2013 and later: QUEUE.Expired after retries, "Your message couldn't
   * be delivered. Despite repeated attempts to deliver your message, a
   * connection to the remote server couldn't be made." */
  {"despite repeated attempts to deliver your message", BOUNCE_CAUSE_EXPIRED},
  /* 2013 and later: RESOLVER.RST.AuthRequired / NotAuthorized, "Your
   * message can't be delivered because delivery to this address is
   * restricted." (learn.microsoft.com, fix error code 5.7.1) */
  {"delivery to this address is restricted", BOUNCE_CAUSE_SECURITYERROR},
  /* 2013 and later: RESOLVER.RST.SendSizeLimit.Org / RecipSizeLimit,
   * "Your message wasn't delivered to anyone because it's too large. The
   * limit is 10 MB. Your message is 24 MB." (a real report quoted with
   * the Exchange size-limit commands); Exchange Online's Spanish "El
   * mensaje no se va a enviar porque es demasiado grande." over "550 5.2.3
   * RESOLVER.RST.RecipSizeLimit" in a real report */
  {"wasn't delivered to anyone because it's too large", BOUNCE_CAUSE_MESGTOOBIG},
  {"no se va a enviar porque es demasiado grande", BOUNCE_CAUSE_MESGTOOBIG},
  /* the first in the template's other languages: de, fr, it (2013 and
   * later) */
  {"Die eingegebene E-Mail-Adresse wurde nicht gefunden", BOUNCE_CAUSE_USERUNKNOWN},
  {"adresse de messagerie que vous avez entr\xC3\xA9" "e est introuvable", BOUNCE_CAUSE_USERUNKNOWN},
  {"trovare l'indirizzo e-mail che hai immesso", BOUNCE_CAUSE_USERUNKNOWN},
};

/* The template's openings that say the report is a warning: the message
 * is still queued, and a recipient with no reply in the history (nothing
 * but the generating server under the diagnostic heading) is delayed,
 * not failed. */
static const char *const delay_openings[] = {
  "Delivery is delayed to these recipients or groups",
  /* Exchange 2007's in German ("... or distribution lists"), as an ISP's
   * help page quotes the notice its customers get */
  "Die Zustellung an folgende Empf\xC3\xA4nger oder Verteilerlisten wurde verz\xC3\xB6gert",
  NULL,
};
/* The user part's "This message hasn't been delivered yet." in the
 * template's other languages: a translated delay notice keeps no English
 * sentence (and at times not its "Delayed:" subject either). */
static const char *const not_yet[] = {BN_NOT_YET_DELIVERED, NULL};

/* A diagnostic line as only Exchange writes it, at the start of a line:
 * "Remote Server returned '...'", "#550 5.1.1 ... ##", "#< #5.1.1 ...>".
 * (Other MTAs quote Exchange's replies, but inside their own lines.) The
 * reply code may end in a dash, as the first line of a multiline reply
 * does (RFC 5321 4.2.1): a Russian Exchange report quoted in a public
 * lead-qualifier test reads "#554-5.2.2 mailbox full 554 5.2.2 STOREDRV
 * Deliver.Exception:QuotaExceededException". */
static bool
diagnostic_line(const bn_span *l)
{
  if (l->len && (l->p[0] == 'R' || l->p[0] == 'r') &&
      bn_has_prefix_ci(l->p, "Remote Server returned '"))
    return true;
  if (l->len > 5 && l->p[0] == '#' && l->p[1] == '<')
    return true;
  return l->len > 5 && l->p[0] == '#' && g_ascii_isdigit(l->p[1]) &&
         g_ascii_isdigit(l->p[2]) && g_ascii_isdigit(l->p[3]) && (l->p[4] == ' ' || l->p[4] == '-') &&
         bn_strcasestr(l->p + 4, l->len - 4, "##") != NULL;
}

/* The template's headings in the languages Exchange 2010 and later and
 * Exchange Online translate them into, alone on their line before a
 * colon: a report whose relay dropped X-MS-Exchange-Message-Is-Ndr (or
 * Exchange 2010's, which has none) and whose diagnostic line is
 * translated too has no other mark. The part for administrators first,
 * then the opening sentence of the user part, for a copy that kept that
 * part only (its explanations below read it). */
static const char *const headings[] = {
  "Diagnoseinformationen f\xC3\xBCr Administratoren",             /* de */
  "Informations de diagnostic pour les administrateurs",           /* fr */
  "Informazioni di diagnostica per gli amministratori",            /* it */
  "Informaci\xC3\xB3n de diagn\xC3\xB3stico para administradores", /* es */
  "Informa\xC3\xA7\xC3\xB5" "es de diagn\xC3\xB3stico para administradores", /* pt */
  "Diagnostische gegevens voor beheerders",                         /* nl */
  "\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE7\x94\xA8\xE3\x81\xAE\xE8\xA8\xBA\xE6\x96\xAD\xE6\x83\x85\xE5\xA0\xB1", /* ja */
  /* ja, as Microsoft's Japanese pages name the section ("管理者向けの
   * 診断情報", Exchange 2007's "NDR について" and the Outlook.com
   * support article on postmaster notices) */
  "\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE5\x90\x91\xE3\x81\x91\xE3\x81\xAE\xE8\xA8\xBA\xE6\x96\xAD\xE6\x83\x85\xE5\xA0\xB1",
  "\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98\xE7\x9A\x84\xE8\xAF\x8A\xE6\x96\xAD\xE4\xBF\xA1\xE6\x81\xAF", /* zh-CN */
  /* ru, as a real Exchange 2010 report in Russian reads (quoted in a
   * public repository's test of mail it must not take for a person's:
   * "Диагностические сведения для администраторов:" over "Формирующий
   * сервер: ..."), in koi8-r or windows-1251 as it arrives */
  "\xD0\x94\xD0\xB8\xD0\xB0\xD0\xB3\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8\xD1\x87\xD0\xB5\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB5 \xD1\x81\xD0\xB2\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBD\xD0\xB8\xD1\x8F \xD0\xB4\xD0\xBB\xD1\x8F \xD0\xB0\xD0\xB4\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB2",
  "Die Zustellung an folgende Empf\xC3\xA4nger oder Gruppen ist fehlgeschlagen",    /* de */
  "\xC3\x89" "chec de la remise pour ces destinataires ou groupes",               /* fr */
  "Il recapito non \xC3\xA8 riuscito per i seguenti destinatari o gruppi",          /* it */
  /* es: as users quote the notice they got, in help articles on it */
  "No se pudo entregar a estos destinatarios o grupos",
  /* ru: the same report's opening line */
  "\xD0\x9D\xD0\xB5 \xD1\x83\xD0\xB4\xD0\xB0\xD0\xBB\xD0\xBE\xD1\x81\xD1\x8C \xD0\xB2\xD1\x8B\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xB8\xD1\x82\xD1\x8C \xD0\xB4\xD0\xBE\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xBA\xD1\x83 \xD1\x81\xD0\xBB\xD0\xB5\xD0\xB4\xD1\x83\xD1\x8E\xD1\x89\xD0\xB8\xD0\xBC \xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F\xD0\xBC \xD0\xB8\xD0\xBB\xD0\xB8 \xD0\xB3\xD1\x80\xD1\x83\xD0\xBF\xD0\xBF\xD0\xB0\xD0\xBC",
};

/* Whether the line is one of those headings: the heading, then only
 * blanks and a colon (ASCII or full-width). Read only for a line that ends
 * on a colon, which few lines of a message do. */
static bool
template_heading(const bn_span *l)
{
  size_t colon = l->len && l->p[l->len - 1] == ':' ? 1
                 : l->len >= 3 && memcmp(l->p + l->len - 3, "\xEF\xBC\x9A", 3) == 0 ? 3 : 0;
  if (colon == 0)
    return false;
  size_t n = l->len - colon;
  while (n > 0 && (l->p[n - 1] == ' ' || l->p[n - 1] == '\t' ||
                   (n >= 2 && (guchar)l->p[n - 2] == 0xC2 && (guchar)l->p[n - 1] == 0xA0)))
    n -= (guchar)l->p[n - 1] == 0xA0 ? 2 : 1;
  for (size_t i = 0; i < G_N_ELEMENTS(headings); i++)
    if (strlen(headings[i]) == n && g_ascii_strncasecmp(l->p, headings[i], n) == 0)
      return true;
  return false;
}

static bool host_hash(const bn_span *l, bn_span *host, bn_span *rest);
static size_t section_end(const bn_view *v);
static bool host_only(const bn_span *l);

/* The mailbox Exchange 2007 and later send their reports from, in every
 * organization and language ("Microsoft Exchange <MicrosoftExchange329e71
 * ec88ae4615bbc36ab6ce41109e@example.jp>"). */
static bool
exchange_sender(const bn_view *v)
{
  static const char local[] = "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@";
  return g_ascii_strncasecmp(v->from_addr, local, strlen(local)) == 0;
}

/* A reply quoted in a sentence of the report's language, as the admin
 * part of Exchange 2013 and later writes it ("Vom Remoteserver wurde '550
 * 5.1.1 ...' zurückgegeben.", "Le serveur distant a retourné '550 ...'"). */
static bool
translated_returned(const bn_span *l)
{
  bn_span diag;
  return bn_prose_quoted_reply(l, &diag) && diag.p > l->p + 1;
}

/* The same part's lines for a remote server's refusal: a recipient, the
 * server alone on the next line, then its reply. l is the reply's line,
 * prev and prev2 the two lines above it. */
static bool
translated_admin_lines(const bn_span *prev2, const bn_span *prev, const bn_span *l)
{
  if (!host_only(prev) || !translated_returned(l))
    return false;
  return bn_line_is_address(prev2->p, prev2->len);
}

static bool
ndr_text(const bn_view *v)
{
  size_t len = MIN(v->text->len, 16384);
  if (bn_prose_has_any(v->text->str, len, marks))
    return true;
  /* From Exchange's own mailbox, a translated reply line makes a report
   * (the mailbox alone does not: its delivery notices come from it too) */
  bool sender = exchange_sender(v);
  /* Exchange 2010's "mx.example.jp #550 5.1.1 ... ##" too: its reports
   * have no X-MS-Exchange-Message-Is-Ndr, and in the sender's language no
   * English sentence. But a person pastes such a line from a report into a
   * message of their own ("Im Bericht stand: ..."): only in a message that
   * comes as a bounce does it make one. */
  bool bounce = bn_view_looks_like_bounce(v);
  bn_lines it;
  bn_span l, prev = {v->text->str, 0}, prev2 = prev;
  /* not in the copy of the message, which another MTA's bounce returns
   * with a person's text in it (a report's lines pasted into a message) */
  bn_lines_init(&it, v->text->str, len);
  for (; bn_lines_next_trimmed(&it, &l); prev2 = prev, prev = l) {
    bn_span host, rest;
    if (diagnostic_line(&l) || template_heading(&l) ||
        (bounce && (host_hash(&l, &host, &rest) || translated_admin_lines(&prev2, &prev, &l))) ||
        (sender && translated_returned(&l)))
      /* where the copy starts is looked for only then: it reads the
       * whole text */
      return (size_t)(l.p - v->text->str) < section_end(v);
  }
  return false;
}

/* Two recognizers ask (Exchange 2007+ and Office 365): the scan is made
 * once per message. */
bool
bn_exchange_ndr_text(const bn_view *v)
{
  return bn_view_once(v, ndr_text);
}

/* Where the copy of the original's header starts: its heading, which the
 * template translates too (as real French and Italian reports write it,
 * "En-têtes de message d'origine :", "Intestazioni originali del
 * messaggio:"), or the header block itself. The heading is needed where
 * the block is not taken for one (it opens on a field no copy starts
 * with, "Content-Type: application/ms-tnef"): read as the report's prose,
 * its "X-MS-TNEF-Correlator: <id>" is a labelled address, a recipient. */
static size_t
section_end(const bn_view *v)
{
  const GString *text = v->text;
  static const char *const heads[] = {
    "Original message headers", "Original Message Headers",
    "En-t\xC3\xAAtes de message d'origine", /* fr */
    "Intestazioni originali del messaggio",  /* it */
    NULL,
  };
  gssize end = bn_view_inline_copy(v);
  gssize head = bn_prose_before(text, heads);
  if (head >= 0 && (end < 0 || head < end))
    end = head;
  return end >= 0 ? (size_t)end : text->len;
}

/* The text between the first quote after "returned" and the last quote of
 * the line: "Remote Server returned '...'", "Server at HOST returned '...'".
 * host gets HOST for the second form. */
static bool
returned_quote(const bn_span *l, bn_span *diag, bn_span *host)
{
  const char *ret = bn_strcasestr(l->p, l->len, "returned '");
  if (ret == NULL || bn_strcasestr(l->p, (size_t)(ret - l->p), "server") == NULL)
    return false;
  const char *open = ret + strlen("returned '");
  const char *end = l->p + l->len;
  const char *close = end;
  while (close > open && close[-1] != '\'')
    close--;
  if (close == open)
    close = end; /* no closing quote: the rest of the line */
  else
    close--;
  diag->p = open;
  diag->len = (size_t)(close - open);
  host->p = NULL;
  host->len = 0;
  const char *at = bn_strcasestr(l->p, (size_t)(ret - l->p), "Server at ");
  if (at) {
    at += strlen("Server at ");
    size_t n = 0;
    while (at + n < ret && !g_ascii_isspace(at[n]))
      n++;
    host->p = at;
    host->len = n;
  }
  return true;
}

/* At most this many lines under a "returned '..." line carry its quote. */
#define BN_EXCHANGE_QUOTE_LINES 4

/* Whether l opens the next recipient's lines: its address alone, or its
 * "Remote Server returned '". */
static bool
address_alone(const bn_span *l)
{
  return bn_line_is_address(l->p, l->len);
}

static bool
next_record(const bn_span *l)
{
  return address_alone(l) || bn_strcasestr(l->p, l->len, "returned '") != NULL;
}

/* The start of a retry history line ("5/25/2018 8:21:10 AM - Server at")
 * whose quote a client's re-wrap at 60 columns put on a line under it. */
static bool
history_head(const bn_span *l)
{
  return bn_strcasestr(l->p, l->len, " - Server at") != NULL &&
         bn_strcasestr(l->p, l->len, "returned '") == NULL;
}

/* Exchange writes "Remote Server returned '...'" on one line, its quote
 * closed at the line's end; a client re-wrapping the report at 60 columns
 * put the quote's rest on the lines under it ("Remote Server returned '550
 * 5.1.351 Remote server returned" over "unknown recipient or mailbox
 * unavailable -> 550 : User" over "unknown'"). l (a line of that form not
 * ending in its quote) joined with the lines under it up to the one that
 * ends in the closing quote, it advanced past them; NULL, it untouched,
 * when l ends in its quote or no such line comes before a blank line or
 * the next recipient's lines (next_record): a line whose quote does not
 * close at its end for another reason (a reply cut short, text after the
 * quote) is not joined with the next recipient's reply. */
static GString *
returned_rewrapped(const bn_span *l, bn_lines *it)
{
  if (l->len && l->p[l->len - 1] == '\'')
    return NULL;
  /* a retry history line the re-wrap broke before its quote opened
   * ("DATE - Server at" / "HOST" / "returned '550 ..." / "...'") runs on
   * to the line that opens it and the host's line too */
  bool quoted = bn_strcasestr(l->p, l->len, "returned '") != NULL;
  int max = quoted ? BN_EXCHANGE_QUOTE_LINES : BN_EXCHANGE_QUOTE_LINES + 2;
  GString *g = g_string_new_len(l->p, (gssize)l->len);
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < max && bn_lines_next_trimmed(&look, &m) && m.len &&
                  (quoted ? !next_record(&m) : !address_alone(&m));
       k++) {
    g_string_append_c(g, ' ');
    g_string_append_len(g, m.p, (gssize)m.len);
    /* in the joined text: the break may fall between "returned" and its
     * quote ("... returned" / "'450 4.4.312 ...'") */
    quoted = quoted || bn_strcasestr(g->str, g->len, "returned '") != NULL;
    if (quoted && m.p[m.len - 1] == '\'') {
      *it = look;
      return g;
    }
  }
  g_string_free(g, TRUE);
  return NULL;
}

/* Whether line m holds a quote's closing mark: a straight or typographic
 * single quote that is no apostrophe inside a word ("doesn't",
 * "recipient's", "l’adresse", which a reply re-wrapped over lines holds
 * before its close), or a double quote's or a corner bracket's close. */
static bool
holds_close(const bn_span *m)
{
  static const char *const singles[] = {"'", "\xE2\x80\x99"};
  const char *end = m->p + m->len;
  for (size_t q = 0; q < G_N_ELEMENTS(singles); q++) {
    size_t n = strlen(singles[q]);
    for (const char *c = m->p; c + n <= end; c++)
      if (memcmp(c, singles[q], n) == 0 &&
          !(c > m->p && c + n < end && bn_word_byte(c[-1]) && bn_word_byte(c[n])))
        return true;
  }
  return bn_strcasestr(m->p, m->len, "\xE2\x80\x9D") || bn_strcasestr(m->p, m->len, "\xE3\x80\x8D");
}

/* The translated form of that line ("Vom Remoteserver wurde '550 ...'
 * zurückgegeben.", "Le serveur distant a retourné '550 ...'") re-wrapped
 * the same way: its quote (diag, as bn_prose_quoted_reply found it on l)
 * runs to the line's end unclosed, and its rest is on the lines under it,
 * up to the first that holds a quote mark, the close, which the translated
 * sentence may follow. Joined and advanced past them as returned_rewrapped
 * does; NULL, untouched, when the quote closed on l or no closing line
 * comes before a blank line or the next recipient's lines. */
static GString *
quoted_rewrapped(const bn_span *l, const bn_span *diag, bn_lines *it)
{
  if (diag->p + diag->len < l->p + l->len)
    return NULL;
  GString *g = g_string_new_len(l->p, (gssize)l->len);
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < BN_EXCHANGE_QUOTE_LINES && bn_lines_next_trimmed(&look, &m) && m.len &&
                  !next_record(&m) && !translated_returned(&m);
       k++) {
    g_string_append_c(g, ' ');
    g_string_append_len(g, m.p, (gssize)m.len);
    if (holds_close(&m)) {
      *it = look;
      return g;
    }
  }
  g_string_free(g, TRUE);
  return NULL;
}

/* A line that is only a host name: the remote server Exchange 2013 and
 * later name between the address and its diagnostic. */
static bool
host_only(const bn_span *l)
{
  if (l->len < 4 || l->len > 255 || !memchr(l->p, '.', l->len))
    return false;
  for (size_t i = 0; i < l->len; i++)
    if (!g_ascii_isalnum(l->p[i]) && l->p[i] != '.' && l->p[i] != '-')
      return false;
  return g_ascii_isalpha(l->p[l->len - 1]);
}

/* Exchange 2010 names the remote server before a diagnostic it answered:
 * "mx.example.jp #550 5.1.1 <user@example.jp>... User unknown ##". The
 * host goes to host and the line from its '#' to rest; false otherwise. */
static bool
host_hash(const bn_span *l, bn_span *host, bn_span *rest)
{
  const char *sp = memchr(l->p, ' ', l->len);
  if (sp == NULL)
    return false;
  bn_span h = {l->p, (size_t)(sp - l->p)};
  const char *end = l->p + l->len;
  if (!host_only(&h) || end - sp < 6 || sp[1] != '#' ||
      !(bn_reply_code_at(sp + 2, (size_t)(end - sp - 2)) || sp[2] == '<'))
    return false;
  *host = h;
  rest->p = sp + 1;
  rest->len = (size_t)(end - rest->p);
  return true;
}

/* Inside "<host #5.0.0 smtp;550 5.7.1 text>" (the '<' at *p): narrows
 * [*p, *end) to the remote server's answer after "smtp;", or to what
 * follows the '#'s without one. */
static void
angle_answer(const char **p, const char **end)
{
  const char *gt = *end;
  while (gt > *p && gt[-1] != '>')
    gt--;
  if (gt > *p)
    *end = gt - 1;
  const char *q = *p + 1;
  const char *smtp = bn_strcasestr(q, (size_t)(*end - q), "smtp;");
  if (smtp)
    q = smtp + 5;
  else
    while (q < *end && (*q == ' ' || *q == '#'))
      q++;
  *p = q;
}

/* Exchange's '#' status in "<host #5.2.2 smtp;ANSWER>" (from open up to the
 * answer at [answer, end)), in summary, when it says more than the answer:
 * the answer gives no status of its own ("smtp;550 Mailbox quota
 * exceeded", "smtp;554-mx.example.jp") and the summary more than x.0.0. */
static bool
summary_says_more(const char *open, const char *answer, const char *end, char summary[16])
{
  char own[16];
  const char *hash = memchr(open, '#', (size_t)(answer - open));
  return answer <= end && !bn_find_status(answer, (size_t)(end - answer), own) && hash &&
         bn_find_status(hash + 1, MIN((size_t)(answer - hash - 1), 8), summary) &&
         !g_str_has_suffix(summary, ".0.0");
}

/* "#550 5.1.1 text ##", "#550 5.2.2 text ##rfc822;addr" or
 * "#< #5.1.1 smtp;550 5.1.1 text> #SMTP#", gathered over its lines; the
 * text itself, in out; Exchange's summary status where it says more than
 * the text, in summary (else ""). */
static void
hash_diagnostic(const char *s, size_t len, GString *out, char summary[16])
{
  summary[0] = '\0';
  const char *p = s + 1;
  const char *end = s + len;
  const char *stop = bn_strcasestr(p, (size_t)(end - p), "##");
  if (stop)
    end = stop;
  if (p < end && *p == '<') {
    const char *open = p;
    angle_answer(&p, &end);
    if (!summary_says_more(open, p, end, summary))
      summary[0] = '\0';
  }
  g_string_append_len(out, p, end - p);
  bn_squeeze(out);
}

/* "Remote Server returned '<mx.example.jp #5.0.0 smtp;550 5.7.1 ...>'":
 * the '#' status is Exchange's summary, the answer after "smtp;" the
 * remote server's own. Narrowed to that answer when it opens on a reply
 * code; kept whole otherwise ("smtp; 5.1.0 - Unknown address error
 * 550-'5.1.1 ...'", where the words around the codes say which is which). */
static void
returned_answer(bn_span *diag)
{
  const char *p = diag->p, *end = diag->p + diag->len;
  if (diag->len < 8 || p[0] != '<' || !memchr(p, '#', diag->len))
    return;
  angle_answer(&p, &end);
  while (p < end && *p == ' ')
    p++;
  if (p == diag->p + 1 || bn_reply_code_at(p, (size_t)(end - p)) == 0)
    return;
  /* an answer with no status of its own keeps the summary beside it */
  char summary[16];
  if (summary_says_more(diag->p, p, end, summary))
    return;
  diag->p = p;
  diag->len = (size_t)(end - p);
}

/* The heading Exchange Online's newer template opens with, "Your message
 * to user@example.jp couldn't be delivered." (the one recipient it is
 * about): the address, a new string, or NULL. */
char *
bn_exchange_heading_address(const char *p, size_t len)
{
  static const char lead[] = "Your message to ";
  static const char tail[] = " couldn't be delivered.";
  size_t a = strlen(lead), b = strlen(tail);
  if (len <= a + b || g_ascii_strncasecmp(p, lead, a) != 0 ||
      g_ascii_strncasecmp(p + len - b, tail, b) != 0)
    return NULL;
  return bn_line_address_only(p + a, len - a - b);
}

typedef struct {
  bounce_report *r;
  bool add;                /* no delivery-status part: the prose adds */
  bounce_recipient *cur;   /* the recipient the lines are about */
  bool cur_done;           /* it has its diagnostic from the prose */
  bool want_explain;       /* the next line explains (the user part) */
  bool under_heading;      /* the line was the newer template's heading */
  GHashTable *done;        /* recipients given a diagnostic here */
  GPtrArray *explained;    /* rc, explanation (char *), ... */
  char *own[2];            /* the generating and receiving servers */
  char *rejecter;          /* the host that heads the current list */
  GPtrArray *rejected;     /* rc, the host whose list named it (char *), ... */
  GPtrArray *errors;       /* host (char *), the error it gave (char *), ... */
  GPtrArray *senders;      /* senders_of(), once a translated label needs it */
  bool found;
  bool delayed;            /* the report is a delay warning */
  bool admin;              /* past the user part, under the diagnostic heading */
  bool sender_next;        /* the line was "Sender Address:" with no value */
  bool intro_line;         /* the line is text ending in a colon, not a heading */
  bool intro_above;        /* the line above was */
  bool intro_gap;          /* blank lines only since such a line */
  bool lone_after_intro;   /* the line is past such a gap, with a blank
                              line or the end under it */
  bool after_labelled;     /* the line above was a labelled reply */
} ndr;

static void
set_current(ndr *n, const char *addr)
{
  bounce_recipient *rc = bn_prose_recipient_if(n->r, addr, n->add);
  n->cur = rc;
  n->cur_done = rc != NULL && g_hash_table_contains(n->done, rc);
  if (rc)
    n->found = true;
  /* under "HOST rejected your message to the following email addresses:"
   * (the first list that names it: the admin part names it again) */
  bool listed = false;
  for (guint i = 0; rc && i < n->rejected->len && !listed; i += 2)
    listed = g_ptr_array_index(n->rejected, i) == rc;
  if (rc && n->rejecter && !listed) {
    g_ptr_array_add(n->rejected, rc);
    g_ptr_array_add(n->rejected, g_strdup(n->rejecter));
  }
}

static void
give_diagnostic(ndr *n, const char *diag, size_t len, const bn_span *host)
{
  if (n->cur == NULL || len == 0)
    return;
  if (!n->cur_done) {
    char *d = bn_squeeze_dup(diag, len);
    bn_rcpt_fill(n->cur, BOUNCE_FIELD_DIAGNOSTIC, d, BOUNCE_SOURCE_TEXT);
    g_free(d);
    g_hash_table_add(n->done, n->cur);
    n->cur_done = true;
  }
  /* The remote host: in a retry history the newest attempt at a host
   * that is not Exchange's own. */
  if (host && host->len) {
    char *h = g_strndup(host->p, host->len);
    bool own = false;
    for (size_t i = 0; i < G_N_ELEMENTS(n->own); i++)
      own = own || (n->own[i] && g_ascii_strcasecmp(n->own[i], h) == 0);
    if (!own)
      bn_rcpt_fill(n->cur, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
    g_free(h);
  }
}

/* Where a "Label: value" line's value starts, past white space: after a
 * colon (ASCII or full-width) that closes a short label of words, without
 * digits or an address; or NULL. The newer template writes its details so
 * in the sender's language ("Empfängeradresse:", "Gemeldeter Fehler:"). */
static const char *
label_value(const bn_span *l)
{
  size_t max = MIN(l->len, 64);
  const char *end = l->p + l->len;
  /* "<mailto:a@b>" is a link, not a label */
  if (max && strchr("@<>/=#'\"(", l->p[0]))
    return NULL;
  for (size_t i = 1; i < max; i++) {
    size_t colon = l->p[i] == ':' ? 1 : (i + 3 <= l->len && memcmp(l->p + i, "\xEF\xBC\x9A", 3) == 0) ? 3 : 0;
    if (colon) {
      const char *value = l->p + i + colon;
      while (value < end && g_ascii_isspace(*value))
        value++;
      return value;
    }
    if (g_ascii_isdigit(l->p[i]) || strchr("@<>/=#'\"(", l->p[i]))
      return NULL;
  }
  return NULL;
}

/* The addresses the report went to and the original came from: the
 * sender, which the template's details also name ("Sender Address:",
 * "Absenderadresse:"), is never a recipient. Read once per report, not
 * once per labelled line: a To of hundreds of addresses, each looked for
 * in the header's text, against thousands of lines took seconds. */
static GPtrArray *
senders_of(const bn_view *v)
{
  InternetAddressList *lists[2] = {g_mime_message_get_to(v->msg),
                                   v->returned ? g_mime_message_get_from(v->returned) : NULL};
  const char *headers[2] = {g_mime_object_get_header(GMIME_OBJECT(v->msg), "To"),
                            v->returned ? g_mime_object_get_header(GMIME_OBJECT(v->returned), "From")
                                        : NULL};
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (size_t k = 0; k < G_N_ELEMENTS(lists); k++)
    bn_header_mailboxes(lists[k], headers[k], G_MAXUINT, out);
  return out;
}

static bool
senders_address(const bn_view *v, ndr *n, const char *addr)
{
  if (n->senders == NULL)
    n->senders = senders_of(v);
  for (guint i = 0; i < n->senders->len; i++)
    if (g_ascii_strcasecmp(g_ptr_array_index(n->senders, i), addr) == 0)
      return true;
  return false;
}

/* "Recipient Address: a@b" of the newer template, or the same line in its
 * other languages: a label, then nothing but an address that is not the
 * sender's. */
static char *
labelled_address(const bn_view *v, ndr *n, const bn_span *l)
{
  static const char label[] = "Recipient Address:";
  size_t k = strlen(label);
  if (l->len > k && g_ascii_strncasecmp(l->p, label, k) == 0)
    return bn_line_address_only(l->p + k, l->len - k);
  if (bn_has_prefix_ci(l->p, "Sender Address:"))
    return NULL;
  const char *value = label_value(l);
  if (value == NULL)
    return NULL;
  char *addr = bn_line_address_only(value, (size_t)(l->p + l->len - value));
  if (addr && senders_address(v, n, addr)) {
    g_free(addr);
    return NULL;
  }
  return addr;
}

/* "Reported error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...", or
 * the same in another language ("Gemeldeter Fehler:"): a label, then a
 * reply code, a status and words (not "Status code: 550 5.1.10" alone);
 * or a refusal's code and words, from a server without enhanced codes
 * ("550 Requested action not taken: mailbox unavailable"). */
static bool
labelled_reply(const bn_span *l, bn_span *diag)
{
  const char *value = label_value(l);
  if (value == NULL)
    return false;
  const char *end = l->p + l->len;
  size_t rest = (size_t)(end - value);
  char status[16];
  int code = bn_reply_code_at(value, rest);
  if (rest < 8 || code == 0)
    return false;
  const char *words = value + 4;
  if (bn_find_status(words, MIN(rest - 4, 12), status))
    while (words < end && !g_ascii_isspace(*words))
      words++;
  else if (code < 400)
    return false;
  for (const char *p = words; p < end; p++)
    if (g_ascii_isalpha(*p)) {
      diag->p = value;
      diag->len = rest;
      return true;
    }
  return false;
}

/* Whether line m, under a labelled reply, is read on its own: it names an
 * address (the next recipient's), quotes a server's reply ("Remote Server
 * returned '550 ...'") or opens on a digit (a date, a hop of "Message
 * Hops"), where a reply's wrapped words go on with words. */
static bool
own_line(const bn_span *m)
{
  bn_span d, h;
  char *addr = bn_find_address(m->p, m->len);
  bool named = addr != NULL;
  g_free(addr);
  return named || g_ascii_isdigit(m->p[0]) || returned_quote(m, &d, &h) ||
         bn_prose_quoted_reply(m, &d);
}

/* The lines a client re-wrapping the report (at 60 columns) moved a
 * labelled reply's words to ("Reported error: 550 5.1.10
 * RESOLVER.ADR.RecipientNotFound;" / "Recipient not found by SMTP address
 * lookup"): diag grows over them, up to a blank line, the next label
 * ("DSN generated by:"), a host alone or a line read on its own, at most
 * BN_EXCHANGE_REPLY_LINES; it moves past them. A reply line longer than a
 * client wraps at (BN_CLIENT_WRAP_MAX) was not re-wrapped: what follows
 * is the report's. */
#define BN_EXCHANGE_REPLY_LINES 4
static void
labelled_reply_rest(const bn_span *l, bn_span *diag, bn_lines *it)
{
  if (l->len > BN_CLIENT_WRAP_MAX)
    return;
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < BN_EXCHANGE_REPLY_LINES && bn_lines_next_trimmed(&look, &m) && m.len &&
                  label_value(&m) == NULL && !host_only(&m) && !own_line(&m);
       k++) {
    diag->len = (size_t)(m.p + m.len - diag->p);
    *it = look;
  }
}

/* Whether a "Label: value" line names the original's subject, which the
 * newer template's details write ("Subject:", "Betreff:") and the
 * report's own subject ends with ("Undeliverable: X", "Unzustellbar: X"):
 * a subject that opens on a number or quotes one ("500 free tickets",
 * "Order '450 units'") is no reply of the remote server. */
static bool
names_subject(const bn_view *v, const bn_span *l)
{
  const char *value = label_value(l);
  if (value == NULL)
    return false;
  char *said = bn_squeeze_dup(value, (size_t)(l->p + l->len - value));
  size_t n = strlen(said), m = strlen(v->subject);
  bool same = n > 0 && n <= m && g_ascii_strcasecmp(v->subject + m - n, said) == 0;
  g_free(said);
  return same;
}

/* The host a "Label: value" line names, when the value is a host name
 * alone or one followed by its address in parentheses ("mx.example.jp
 * (192.0.2.1)"); NULL otherwise. A new string. */
static char *
labelled_host(const bn_span *l)
{
  const char *value = label_value(l);
  if (value == NULL)
    return NULL;
  const char *end = l->p + l->len;
  size_t n = 0;
  while (value + n < end && !g_ascii_isspace(value[n]))
    n++;
  bn_span h = {value, n};
  const char *rest = value + n;
  while (rest < end && g_ascii_isspace(*rest))
    rest++;
  if (!host_only(&h) || (rest < end && *rest != '('))
    return NULL;
  return g_strndup(h.p, h.len);
}

/* Keeps host as Exchange's own server o (0 the generating server, 1 the
 * receiving one); the generating server wrote the report: the reporting
 * MTA, when no delivery-status part named it (a report of Exchange
 * Online's servers is then read by Microsoft's meanings of its codes). */
static void
keep_own(ndr *n, size_t o, char *host)
{
  if (o == 0 && (n->r->reporting_mta == NULL || n->r->reporting_mta[0] == '\0'))
    bn_set_str(&n->r->reporting_mta, host);
  n->own[o] = host;
}

/* "Generating server: X" ("DSN generated by: X" in the newer template),
 * "Receiving server: X": Exchange's own hosts. In the report's other
 * languages ("Generierender Server: X") the same lines come before any
 * recipient's diagnostic, the generating server first: there a label and
 * a host alone are taken in that order, but not the original's subject
 * ("Subject: invoice.pdf" of a delay warning, "Betreff: example.com"),
 * which may look like a host. */
static void
own_server(const bn_view *v, ndr *n, const bn_span *l, bn_lines *it, bool after_reply)
{
  static const struct {
    const char *label;
    size_t own; /* 0 the generating server, 1 the receiving one */
  } labels[] = {
    {"Generating server:", 0},
    {"DSN generated by:", 0},
    {"Receiving server:", 1},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
    size_t k = strlen(labels[i].label), o = labels[i].own;
    if (l->len < k || g_ascii_strncasecmp(l->p, labels[i].label, k) != 0)
      continue;
    /* a client re-wrapping the report at 60 columns moves a long host
     * name under its label ("DSN generated by:" / "NEKO0022.apcprd01.
     * prod.exchangelabs.com") */
    GString *g = g_string_new_len(l->p, (gssize)l->len);
    bn_lines look = *it;
    bn_span m;
    if (l->len == k && bn_lines_next_trimmed(&look, &m) && host_only(&m)) {
      g_string_append_c(g, ' ');
      g_string_append_len(g, m.p, (gssize)m.len);
      *it = look;
    }
    if (g->len > k && n->own[o] == NULL) {
      n->own[o] = bn_squeeze_dup(g->str + k, g->len - k);
      if (o == 0)
        bn_prose_reporting_mta(n->r, g->str, g->len, labels[i].label);
    }
    g_string_free(g, TRUE);
    return;
  }
  /* the newer template names its generating server right under the
   * reported error, in every language ("Gemeldeter Fehler: 550 5.7.505
   * ..." over "DSN generiert von: X"), where a recipient is already read;
   * not the remote server, whose English label says so (remote_server) */
  if (after_reply && n->own[0] == NULL) {
    if (bn_has_prefix_ci(l->p, "Remote server:"))
      return;
    char *host = labelled_host(l);
    if (host)
      keep_own(n, 0, host);
    return;
  }
  if (g_hash_table_size(n->done) > 0 || n->own[1] != NULL || names_subject(v, l))
    return;
  char *host = labelled_host(l);
  if (host)
    keep_own(n, n->own[0] == NULL ? 0 : 1, host);
}

/* "Remote server: mx.example.jp" of the newer template's error details,
 * under "DSN generated by:": the server that gave the reported error. */
static void
remote_server(ndr *n, const bn_span *l)
{
  static const char label[] = "Remote server:";
  if (n->cur == NULL || !bn_has_prefix_ci(l->p, label))
    return;
  char *host = labelled_host(l);
  if (host)
    bn_rcpt_fill(n->cur, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
  g_free(host);
}

/* The host a sentence of the template for a remote server's refusal
 * opens with: "example.jp rejected your message to the following email
 * addresses:", "example.jp gave this error:" (the words after the host,
 * rest, up to the line's end when whole). A new string, or NULL. */
static char *
host_says(const bn_span *l, const char *rest, bool whole)
{
  const char *sp = memchr(l->p, ' ', l->len);
  if (sp == NULL)
    return NULL;
  bn_span h = {l->p, (size_t)(sp - l->p)};
  size_t k = strlen(rest), left = l->len - h.len - 1;
  if (left < k || (whole && left != k) || g_ascii_strncasecmp(sp + 1, rest, k) != 0 ||
      !host_only(&h))
    return NULL;
  return g_strndup(h.p, h.len);
}

/* A line that ends the remote server's words under "HOST gave this
 * error:" when no blank line does: a heading ("Diagnostic information for
 * administrators:") after the first line (the words themselves may end on
 * a colon), a recipient alone, or Exchange's diagnostic line. */
static bool
ends_error(const bn_span *l, bool first)
{
  if (l->len == 0 || (!first && l->p[l->len - 1] == ':') || diagnostic_line(l))
    return true;
  return bn_line_is_address(l->p, l->len);
}

/* "HOST gave this error:" and the remote server's words under it, up to a
 * blank line: kept for the recipients of that host (read on from it). */
static void
keep_error(ndr *n, char *host, bn_lines *it)
{
  GString *g = g_string_new(NULL);
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < 8 && bn_lines_next_trimmed(&look, &m); k++) {
    if (ends_error(&m, g->len == 0))
      break;
    if (g->len)
      g_string_append_c(g, ' ');
    g_string_append_len(g, m.p, (gssize)m.len);
    *it = look;
  }
  if (g->len == 0) {
    g_free(host);
    g_string_free(g, TRUE);
    return;
  }
  g_ptr_array_add(n->errors, host);
  g_ptr_array_add(n->errors, bn_squeeze_dup(g->str, g->len));
  g_string_free(g, TRUE);
}

/* Whether the error HOST gave is about rc: the list under "HOST rejected
 * your message" named it, or (with no such list for rc, and none headed by
 * HOST: that list names every recipient HOST refused) HOST is its domain
 * or a server in it, or rc is the only recipient. */
static bool
error_is_for(const ndr *n, const bounce_recipient *rc, const char *host)
{
  bool heads = false;
  for (guint i = 0; i < n->rejected->len; i += 2) {
    bool by_host = g_ascii_strcasecmp(g_ptr_array_index(n->rejected, i + 1), host) == 0;
    if (g_ptr_array_index(n->rejected, i) == rc)
      return by_host;
    heads = heads || by_host;
  }
  if (heads)
    return false;
  const char *at = rc->address ? strrchr(rc->address, '@') : NULL;
  return (at && bn_host_within(host, at + 1)) || bn_report_count(n->r) == 1;
}

/* The remote servers' errors go to the recipients they are about that
 * have no diagnostic line (the admin part's, which also has the status,
 * is preferred): the server's own words say more than the explanation. */
static void
give_errors(ndr *n)
{
  for (guint i = 0; i + 1 < n->errors->len; i += 2) {
    const char *host = g_ptr_array_index(n->errors, i);
    const char *text = g_ptr_array_index(n->errors, i + 1);
    for (size_t k = 0; k < bn_report_count(n->r); k++) {
      bounce_recipient *rc = bn_report_rcpt(n->r, k);
      if (rc->diagnostic || !error_is_for(n, rc, host))
        continue;
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, text, BOUNCE_SOURCE_TEXT);
      bn_rcpt_fill(rc, BOUNCE_FIELD_REMOTE_MTA, host, BOUNCE_SOURCE_TEXT);
    }
  }
}

/* "X rejected your message to the following ..." and "X gave this
 * error:": kept for the recipients below them. Whether the line was one. */
static bool
server_said(ndr *n, const bn_span *l, bn_lines *it)
{
  char *said = host_says(l, "rejected your message to the following", false);
  if (said) {
    g_free(n->rejecter);
    n->rejecter = said;
    return true;
  }
  if ((said = host_says(l, "gave this error:", true)) != NULL) {
    keep_error(n, said, it);
    return true;
  }
  return false;
}

/* A recipient's address, labelled or alone on its line: it becomes the
 * current one. Whether the line was one. */
static bool
address_line(const bn_view *v, ndr *n, const bn_span *l)
{
  char *addr = labelled_address(v, n, l);
  bool labelled = addr != NULL;
  if (addr == NULL)
    addr = bn_line_address_only(l->p, l->len);
  bool heading = false;
  if (addr == NULL && !n->admin)
    heading = (addr = bn_exchange_heading_address(l->p, l->len)) != NULL;
  if (addr == NULL)
    return false;
  /* Once the recipients were listed, an address right under a line of
   * text that introduces it ("For help, contact your helpdesk:", custom
   * NDR text an administrator may set per status code, learn.microsoft.com
   * "Procedures for DSNs and NDRs in Exchange Server") is that text's
   * contact: Exchange puts a blank line or a recipient's explanation
   * above every recipient it lists. */
  if (!labelled && !heading && n->found && (n->intro_above || n->lone_after_intro)) {
    g_free(addr);
    n->cur = NULL;
    n->want_explain = false;
    return true;
  }
  n->under_heading = heading;
  set_current(n, addr);
  g_free(addr);
  /* under an address of the user part, Exchange's explanation */
  n->want_explain = !labelled;
  return true;
}

/* That "#451 4.4.0 ... responded with: "554 5.7.1 ..." ..." line hard
 * re-wrapped by an archiver: the inner reply's quote (diag, as
 * bn_prose_quoted_reply found it on l) runs to the line's end unclosed and
 * its rest is on the lines bn_line_continues takes, up to the one holding
 * the double quote that closes it (at most three). Joined, with it advanced
 * past them; NULL, untouched, when the quote closed on l or no such line
 * closes it. */
static bool
holds_double_quote(const bn_span *m, void *data)
{
  (void)data;
  return memchr(m->p, '"', m->len) != NULL;
}

static GString *
hash_quote_rewrapped(const bn_span *l, const bn_span *diag, bn_lines *it)
{
  if (diag->p + diag->len < l->p + l->len || diag->p[-1] != '"')
    return NULL;
  return bn_read_on_until(l, it, holds_double_quote, NULL);
}

/* Exchange's own "#451 4.4.0 Primary target IP address responded with:
 * "421 4.4.2 ..." ...", or a host's "host #550 ...": before a quote inside
 * it, it is the whole diagnostic, as "Remote Server returned '...'" keeps
 * it; gathered up to its "##" or "#SMTP#", or a blank line. */
static void
hash_reply(ndr *n, bn_span l, bn_lines *it, const bn_span *diag, const bn_span *host)
{
  bool hosted = l.p[0] != '#';
  if (hosted)
    l = *diag;
  GString *g = g_string_new_len(l.p, (gssize)l.len);
  bn_lines look = *it;
  bn_span m;
  for (int k = 0; k < 16 && !bn_strcasestr(g->str + 1, g->len - 1, "##") &&
                  !bn_strcasestr(g->str, g->len, "#SMTP#") && bn_lines_next(&look, &m) &&
                  m.len > 0;
       k++) {
    g_string_append_c(g, ' ');
    g_string_append_len(g, m.p, (gssize)m.len);
    *it = look;
  }
  GString *d = g_string_new(NULL);
  char summary[16];
  hash_diagnostic(g->str, g->len, d, summary);
  give_diagnostic(n, d->str, d->len, hosted ? host : NULL);
  /* "#< #5.1.1 smtp;550 Requested action not taken: mailbox unavailable>
   * #SMTP#": the remote's answer is the diagnostic, and Exchange's reading
   * of it the only status; a Status field still outranks it */
  if (summary[0] && n->cur)
    bn_rcpt_fill(n->cur, BOUNCE_FIELD_STATUS, summary, BOUNCE_SOURCE_TEXT);
  g_string_free(d, TRUE);
  g_string_free(g, TRUE);
}

/* A line under the current recipient: its diagnostic in one of Exchange's
 * forms, its remote server, or (right under the address) the user part's
 * explanation. */
static void
recipient_detail(ndr *n, bn_span *l, bn_lines *it, bool explain)
{
  bn_span diag, host;
  GString *whole = NULL;
  if ((returned_quote(l, &diag, &host) || history_head(l)) &&
      (whole = returned_rewrapped(l, it)) != NULL) {
    bn_span w = {whole->str, whole->len};
    returned_quote(&w, &diag, &host);
    returned_answer(&diag);
    give_diagnostic(n, diag.p, diag.len, &host);
    g_string_free(whole, TRUE);
  } else if (returned_quote(l, &diag, &host)) {
    returned_answer(&diag);
    give_diagnostic(n, diag.p, diag.len, &host);
  } else if (l->p[0] == '#' && bn_prose_quoted_reply(l, &diag) && diag.p[0] == '5') {
    /* the target's own refusal ("#451 4.4.0 ... responded with: "554
     * 5.7.1 ... blocked" ...") says why the message failed for good; a
     * re-wrap may have moved the rest of that quote to the lines under it */
    if ((whole = hash_quote_rewrapped(l, &diag, it)) != NULL) {
      bn_span w = {whole->str, whole->len};
      bn_prose_quoted_reply(&w, &diag);
    }
    give_diagnostic(n, diag.p, diag.len, NULL);
    if (whole)
      g_string_free(whole, TRUE);
  } else if ((l->p[0] == '#' && l->len > 2 && (g_ascii_isdigit(l->p[1]) || l->p[1] == '<')) ||
             host_hash(l, &host, &diag)) {
    hash_reply(n, *l, it, &diag, &host);
  } else if (bn_prose_quoted_reply(l, &diag)) {
    if ((whole = quoted_rewrapped(l, &diag, it)) != NULL) {
      bn_span w = {whole->str, whole->len};
      bn_prose_quoted_reply(&w, &diag);
    }
    give_diagnostic(n, diag.p, diag.len, NULL);
    if (whole)
      g_string_free(whole, TRUE);
  } else if (labelled_reply(l, &diag)) {
    labelled_reply_rest(l, &diag, it);
    give_diagnostic(n, diag.p, diag.len, NULL);
    n->after_labelled = true;
  } else if (n->cur && !n->cur_done && host_only(l)) {
    char *h = g_strndup(l->p, l->len);
    bn_rcpt_fill(n->cur, BOUNCE_FIELD_REMOTE_MTA, h, BOUNCE_SOURCE_TEXT);
    g_free(h);
  } else if (explain && n->cur) {
    g_ptr_array_add(n->explained, n->cur);
    g_ptr_array_add(n->explained, bn_squeeze_dup(l->p, l->len));
  }
}

/* The template's details write "Sender Address: a@b" on one line; a
 * client re-wrapping the report at 60 columns put the address on the line
 * under the label, where alone on its line it would read as a recipient.
 * Whether l is that address; notes whether l is the label left bare. */
static bool
sender_value(ndr *n, const bn_span *l)
{
  static const char label[] = "Sender Address:";
  bool under = n->sender_next;
  n->sender_next = l->len == strlen(label) && bn_has_prefix_ci(l->p, label);
  if (!under)
    return false;
  return bn_line_is_address(l->p, l->len);
}

static void
read_line(const bn_view *v, ndr *n, bn_span *l, bn_lines *it)
{
  if (l->len == 0) {
    /* Exchange Online's real reports put a blank line between the heading
     * "Your message to a@b couldn't be delivered." and its explanation
     * ("a wasn't found at b."); under a bare address the line is next */
    n->want_explain = n->want_explain && n->under_heading;
    n->under_heading = false;
    n->sender_next = false;
    n->intro_gap = n->intro_gap || n->intro_line;
    n->intro_line = false;
    return;
  }
  n->under_heading = false;
  n->intro_above = n->intro_line;
  /* The custom text may be HTML (New-SystemMessage -Text takes tags), and
   * a paragraph or break puts blank lines between "For help, contact your
   * helpdesk:" and the address: that address is the text's too when no
   * explanation stands under it, as one stands under every recipient
   * Exchange lists in the user part. */
  bn_span below = {NULL, 0};
  bn_lines peek = *it;
  n->lone_after_intro = n->intro_gap && !n->admin &&
                        (!bn_lines_next(&peek, &below) || below.len == 0);
  n->intro_gap = false;
  n->intro_line = l->p[l->len - 1] == ':' && !template_heading(l) &&
                  !bn_prose_has_any(l->p, l->len, marks) &&
                  !bn_prose_has_any(l->p, l->len, delay_openings);
  if (sender_value(n, l))
    return;
  if (!n->found && bn_prose_has_any(l->p, l->len, delay_openings))
    n->delayed = true;
  if (!n->admin && n->found && bn_prose_has_any(l->p, l->len, not_yet))
    n->delayed = true;
  n->admin = n->admin || template_heading(l);
  if (server_said(n, l, it) || address_line(v, n, l))
    return;
  bool after_reply = n->after_labelled;
  n->after_labelled = false;
  own_server(v, n, l, it, after_reply);
  remote_server(n, l);
  bool explain = n->want_explain; /* only the line right under the address */
  n->want_explain = false;
  if (names_subject(v, l))
    return;
  recipient_detail(n, l, it, explain);
}

/* A retry history entry: "5/25/2018 8:11:10 AM - Server at HOST (IP)
 * returned '450 ...'", the date in the sender's locale before " - Server
 * at" (at most BN_EXCHANGE_DATE_MAX bytes, opening on a digit), "returned
 * '" after a host name and its address (within BN_EXCHANGE_HOST_MAX
 * bytes: each entry of a long line is looked at, not the whole line past
 * it). Where its " - Server at" is, or NULL. */
#define BN_EXCHANGE_DATE_MAX 40
#define BN_EXCHANGE_HOST_MAX 320
static const char *
history_at(const char *p, size_t len)
{
  if (len == 0 || !g_ascii_isdigit(p[0]))
    return NULL;
  const char *at = bn_strcasestr(p, MIN(len, BN_EXCHANGE_DATE_MAX + 12), " - Server at ");
  if (at == NULL || at - p > BN_EXCHANGE_DATE_MAX ||
      bn_strcasestr(at, MIN((size_t)(p + len - at), BN_EXCHANGE_HOST_MAX), "returned '") == NULL)
    return NULL;
  return at;
}

/* A client joining each paragraph onto one line runs the retry history
 * on ("... returned '550 ...' 5/25/2018 8:11:10 AM - Server at HOST
 * returned '450 ...'"), where each entry opened a line: the entry after
 * the first quote's close goes to rest, read next (its host, not the
 * first entry's, may be the remote server). The close is the first quote
 * that a blank and the next entry's date follow (a reply may quote words
 * of its own); a line with no such entry stays whole. */
static void
joined_history(bn_span *l, bn_span *rest)
{
  const char *open = bn_strcasestr(l->p, l->len, "returned '");
  if (open == NULL)
    return;
  const char *end = l->p + l->len;
  const char *from = open + strlen("returned '");
  for (const char *q = memchr(from, '\'', (size_t)(end - from)); q;
       q = q + 1 < end ? memchr(q + 1, '\'', (size_t)(end - q - 1)) : NULL) {
    if (q + 2 < end && q[1] == ' ' && history_at(q + 2, (size_t)(end - q - 2))) {
      bn_span_split(l, rest, q + 1);
      bn_span_trim(l);
      return;
    }
  }
}

/* The labels of Exchange's own and the remote server, each opening its
 * line; a client joining paragraphs ran them on ("Generating server: X
 * Receiving server: Y"). */
static const char *const server_labels[] = {
  "Generating server:", "DSN generated by:", "Receiving server:", "Remote server:",
};

/* A line opening on one of server_labels with another of them later:
 * the later one and what follows go to rest, read next. */
static void
joined_servers(bn_span *l, bn_span *rest)
{
  bool opens = false;
  for (size_t i = 0; i < G_N_ELEMENTS(server_labels) && !opens; i++)
    opens = bn_span_label(l, server_labels[i]) > 0;
  if (!opens)
    return;
  const char *cut = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(server_labels); i++) {
    char with[32];
    g_snprintf(with, sizeof with, " %s", server_labels[i]);
    const char *at = bn_strcasestr(l->p, l->len, with);
    if (at && (cut == NULL || at < cut))
      cut = at;
  }
  if (cut && bn_span_split(l, rest, cut))
    bn_span_trim(l);
}

/* "a@b Remote Server returned '550 ...'": the address line and the
 * diagnostic line under it joined into one (a plain text made from the
 * HTML report keeps one line per paragraph), also with the line of the
 * remote's host name that Exchange 2013 and later write between them
 * ("a@b mx.example.jp Remote Server returned ..."). The address (or the
 * host) alone opens the line, the rest goes to rest, read next; any other
 * line stays whole. */
static void
joined_address(bn_span *l, bn_span *rest)
{
  rest->len = 0;
  const char *sp = memchr(l->p, ' ', l->len);
  if (sp == NULL)
    return;
  bn_span tail = {sp + 1, (size_t)(l->p + l->len - sp - 1)};
  bn_span_trim(&tail);
  bn_span word = {l->p, (size_t)(sp - l->p)};
  bool named = bn_line_is_address(word.p, word.len);
  const char *tsp = memchr(tail.p, ' ', tail.len);
  bn_span host = {tail.p, tsp ? (size_t)(tsp - tail.p) : 0};
  bn_span after = {tsp, tsp ? (size_t)(tail.p + tail.len - tsp) : 0};
  bn_span_trim(&after);
  bool hosted = named && tsp && host_only(&host) && diagnostic_line(&after);
  bool history = named && history_at(tail.p, tail.len);
  if (!diagnostic_line(&tail) && !hosted && !history)
    return;
  if (!named && !host_only(&word))
    return;
  bn_span_split(l, rest, tail.p);
  bn_span_trim(l);
}

/* Without a diagnostic line, the user part's explanation is what the
 * report says about the recipient. */
static void
give_explanations(ndr *n)
{
  for (guint i = 0; i + 1 < n->explained->len; i += 2) {
    bounce_recipient *rc = g_ptr_array_index(n->explained, i);
    char *text = g_ptr_array_index(n->explained, i + 1);
    if (rc->diagnostic == NULL) {
      bn_rcpt_set(rc, BOUNCE_FIELD_DIAGNOSTIC, text, BOUNCE_SOURCE_TEXT);
      bn_prose_set_cause(rc, bn_cause_table_find(text, strlen(text), explanations,
                                                 G_N_ELEMENTS(explanations)));
    }
    g_free(text);
  }
}

static void
ndr_clear(ndr *n)
{
  g_ptr_array_free(n->explained, TRUE);
  for (guint i = 1; i < n->rejected->len; i += 2)
    g_free(g_ptr_array_index(n->rejected, i));
  g_ptr_array_free(n->rejected, TRUE);
  g_ptr_array_free(n->errors, TRUE);
  if (n->senders)
    g_ptr_array_free(n->senders, TRUE);
  g_free(n->rejecter);
  g_hash_table_destroy(n->done);
  g_free(n->own[0]);
  g_free(n->own[1]);
}

/* A mail flow (transport) rule set to reject answers "Delivery not
 * authorized, message refused" with the status its administrator chose:
 * 5.7.1 or one of 5.7.900-5.7.999 (Exchange Server's "Mail flow rule
 * actions", RejectMessageEnhancedStatusCode). The range is the rules'
 * own: the organisation's policy refused the message, where 5.7.1 with
 * the same words is a sender who may not send (securityerror), as
 * Exchange Online's reading is (lib/rhost/microsoft.c). */
static bool
rule_refusal(const bounce_recipient *rc)
{
  const char *s = rc->status, *d = rc->diagnostic;
  return s && (s[0] == '4' || s[0] == '5') && strncmp(s + 1, ".7.9", 4) == 0 &&
         g_ascii_isdigit(s[5]) && g_ascii_isdigit(s[6]) && s[7] == '\0' && d &&
         bn_strcasestr(d, strlen(d), "delivery not authorized, message refused");
}

static void
give_rule_refusals(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rule_refusal(rc))
      bn_prose_set_cause(rc, BOUNCE_CAUSE_POLICYVIOLATION);
  }
}

bool
bn_exchange_ndr_read(const bn_view *v, bounce_report *r)
{
  ndr n = {.r = r, .add = bn_report_count(r) == 0};
  /* Exchange titles its delay notice "Delayed: X" (a failure
   * "Undeliverable: X"), also where the opening sentence is translated */
  n.delayed = g_str_has_prefix(v->subject, "Delayed:");
  n.done = g_hash_table_new(NULL, NULL);
  n.explained = g_ptr_array_new_with_free_func(NULL);
  n.rejected = g_ptr_array_new();
  n.errors = g_ptr_array_new_with_free_func(g_free);
  bn_lines it;
  bn_span l, rest = {NULL, 0};
  bn_lines_init(&it, v->text->str, section_end(v));
  while (bn_lines_resume(&it, &rest, &l, bn_lines_next_trimmed)) {
    joined_address(&l, &rest);
    if (rest.len == 0)
      joined_history(&l, &rest);
    if (rest.len == 0)
      joined_servers(&l, &rest);
    read_line(v, &n, &l, &it);
  }
  give_errors(&n);
  give_explanations(&n);
  give_rule_refusals(r);
  if (n.add && n.delayed)
    for (size_t i = 0; i < bn_report_count(r); i++)
      bn_rcpt_fill(bn_report_rcpt(r, i), BOUNCE_FIELD_ACTION, "delayed", BOUNCE_SOURCE_TEXT);
  bool found = n.found;
  ndr_clear(&n);
  return found;
}
