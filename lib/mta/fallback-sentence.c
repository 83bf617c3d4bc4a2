/* What the sentence around an address in a notice of an unknown MTA says
 * of it: that it is offered to write to for help ("please contact
 * helpdesk@..."), or that the message reached it ("Delivery to carl@...
 * succeeded"). Its sentence may begin on the line before and end on the
 * line after. */
#include "fallback.h"
#include <string.h>

/* A heading over the addresses that got the message ("The following
 * addresses were delivered:", "Delivered to:", "Successfully delivered to
 * the following recipients:"), whole words, and the words that make a
 * heading over failed or pending ones ("... could not be delivered ...:",
 * "Undelivered recipients:", "Non-delivered:", "... will be delivered
 * when ...:", "Delivery to these recipients failed:"). */
static const char *const success_heading_words[] = {"delivered", "succeeded", "successful",
                                                    "successfully", NULL};
static const char *const unsuccess_words[] = {"not", "non", "never", "yet", "will", "unable",
                                              "could", "cannot", NULL};
static const char *const unsuccess_stems[] = {"n't", "fail", "undeliver", "delay", "error",
                                              "reject", NULL};

/* Words that offer an address to write to ("If you have questions, please
 * contact helpdesk@...", "Bei Fragen wenden Sie sich bitte an hilfe@...",
 * "kontaktieren Sie ..."): the help desk of the sender's provider, not a
 * recipient, wherever the notice puts it. Without the comma, "help
 * contact" and "assistance contact" are also a noun, the name of a role
 * address that may be the recipient ("Customer Help Contact <help@...>"):
 * the imperative only after the words that ask for help. */
static const char *const help_words[] = {
  "please contact", "you can contact", "you may contact", "contact us", "contact our",
  "please write to",
  /* Postfix's notice: "For further assistance, please send mail to
   * postmaster@..." (bounce_template.c) */
  "please send mail to", "help, contact", "need help contact", "for help contact",
  "assistance, contact", "need assistance contact", "for assistance contact", "questions, contact",
  "any questions contact", "have questions contact", "for questions contact",
  /* "If you believe this is an error, contact the list owner at ..." */
  "error, contact", "wenden sie sich",
  "kontaktieren sie", "schreiben sie",
  /* French, Spanish, Dutch, Italian, Portuguese */
  "veuillez contacter", "vous pouvez contacter", "contactez", "écrivez à",
  "póngase en contacto con", "contacte con", "puede contactar", "escriba a",
  "contact op met", "contact opnemen met", "contattare", "contattate",
  "entre em contato com", "entre em contacto com", "pode contatar", NULL,
};

/* The noun an address right after help words stands beside when it is the
 * failed recipient itself ("Please contact the recipient anna@... by other
 * means", "wenden Sie sich an den Empfänger anna@..."). */
static const char *const recipient_nouns[] = {
  "recipient", "addressee", "empfänger", "empfängerin", "destinataire", "destinatario",
  "destinatário", "destinatari", "ontvanger", "geadresseerde", NULL,
};

/* A participle of success, the words that negate it in its language, and
 * the auxiliary after it that makes it what was to happen, not what did:
 * German's "An peter@... wurde sie zugestellt" is the delivered one, "...
 * konnte nicht zugestellt werden" the failed one, and "sollte zugestellt
 * werden, wurde aber abgewiesen" says nothing of delivery; the words are
 * whole words, as "zugestellt" is a word of all three. */
static const struct {
  const char *participle;
  const char *const negations[3];
  const char *pending;
} successes[] = {
  {"zugestellt", {"nicht", "kein", "keine"}, "werden"},
};

static bool
end_mark(char c)
{
  return c == '.' || c == '!' || c == '?';
}

/* Where the sentence ending before end starts in s: after the last ". ",
 * "! " or "? " (a dot inside an address or a date is no end), else s. */
const char *
bn_fb_sentence_start(const char *s, const char *end)
{
  for (const char *p = end; p - s >= 2; p--)
    if (p[-1] == ' ' && end_mark(p[-2]))
      return p;
  return s;
}

/* The length of the sentence from s, up to its end mark ('.', '!', '?'
 * before a space or the end) included, within len. */
static size_t
sentence_len(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (end_mark(s[i]) && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
      return i + 1;
  return len;
}

/* Where, in s[0..len), a clause about another address begins: at a
 * semicolon or ", but" that words, not an address, follow, with an
 * address later ("anna@... was delivered; the copy to carol@... bounced",
 * "... was delivered to her mailbox, but its receipt to b@... was
 * rejected"); NULL when there is none ("anna@...; bob@... could not be
 * delivered" is one list). */
const char *
bn_fb_clause_break(const char *s, size_t len)
{
  static const char *const marks[] = {";", ", but ", NULL};
  const char *end = s + len;
  for (const char *p = s; p < end; p++) {
    size_t mark = bn_opens_with_any(p, end, marks);
    if (mark == 0)
      continue;
    const char *w = p + mark;
    while (w < end && *w == ' ')
      w++;
    const char *word_end = w;
    while (word_end < end && *word_end != ' ')
      word_end++;
    if (word_end < end && !memchr(w, '@', (size_t)(word_end - w)) &&
        memchr(word_end, '@', (size_t)(end - word_end)))
      return p;
  }
  return NULL;
}

/* Whether the words after an address at the start of its line go on with
 * a sentence wrapped before it ("please contact" / "helpdesk@... or call
 * us."): an end mark, or a word in lower case. An address a list item opens
 * ("anna@...: 550 ...", "anna@... (mailbox full)", or alone) is no object
 * of the line before. */
static bool
continues_sentence(const char *rest, const char *end)
{
  while (rest < end && strchr(">\"'", *rest))
    rest++;
  if (rest < end && end_mark(*rest))
    return true;
  return end - rest >= 2 && (rest[0] == ' ' || rest[0] == '\t') && g_ascii_islower(rest[1]);
}

/* Whether the text of a line that would be joined to an address's
 * sentence names an address of its own: another recipient's line ("peter@...
 * zugestellt", "please contact support@..." above "anna@...: 550 ..."),
 * not part of this sentence. */
static bool
names_address(const char *s, size_t len)
{
  char *a = bn_find_address(s, len);
  bool found = a != NULL;
  g_free(a);
  return found;
}

/* The sentence that holds the address at at (length n) of line: from its
 * start, in prev too when prev is the line before in the same paragraph,
 * does not end one and names no address, to its end, in next too when the
 * line does not end it and next goes on with it. Squeezed into one line;
 * head gets the length before the address. */
GString *
bn_fb_address_sentence(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                       const bn_span *next, size_t *head)
{
  GString *g = g_string_new(NULL);
  const char *start = bn_fb_sentence_start(line->p, at);
  const char *rest = at + n, *end = line->p + line->len;
  bool opens = true;
  for (const char *p = line->p; p < at && opens; p++)
    opens = strchr(" \t<\"'", *p) != NULL;
  if (start == line->p && prev && prev->len && !end_mark(prev->p[prev->len - 1]) &&
      prev->p[prev->len - 1] != ':' && (!opens || continues_sentence(rest, end))) {
    const char *ps = bn_fb_sentence_start(prev->p, prev->p + prev->len);
    if (!names_address(ps, (size_t)(prev->p + prev->len - ps))) {
      g_string_append_len(g, ps, (gssize)(prev->p + prev->len - ps));
      g_string_append_c(g, ' ');
    }
  }
  g_string_append_len(g, start, at - start);
  bn_squeeze(g);
  *head = g->len;
  size_t k = sentence_len(rest, (size_t)(end - rest));
  /* the words of a clause about another address are not this one's */
  const char *clause = bn_fb_clause_break(rest, k);
  bool cut = clause != NULL;
  if (cut)
    k = (size_t)(clause - rest);
  g_string_append_len(g, at, (gssize)(rest + k - at));
  /* the next line goes on with the sentence when it opens in lower case
   * ("... wurde" / "nicht zugestellt."); one in capitals is a sentence
   * of its own ("Die Nachricht wurde an die übrigen Empfänger zugestellt."),
   * and a German noun that goes on with it is missed: the address then
   * stays failed, the safer mistake */
  bn_span nx = next ? *next : (bn_span){NULL, 0};
  bn_span_trim(&nx);
  if (!cut && rest + k == end && (k == 0 || !end_mark(rest[k - 1])) && nx.len &&
      g_ascii_islower(nx.p[0])) {
    size_t m = sentence_len(nx.p, nx.len);
    if (!names_address(nx.p, m)) {
      g_string_append_c(g, ' ');
      g_string_append_len(g, nx.p, (gssize)m);
    }
  }
  return g;
}

/* Whether the words before an address end with a noun that says it is the
 * recipient ("... the recipient <anna@...>"). */
static bool
after_recipient_noun(const char *s, size_t len)
{
  return bn_ends_with_word(s, len, " \t<\"'(:,", recipient_nouns);
}

/* Words that, just before a help verb, say the MTA failed to reach
 * someone: Italian's infinitive "contattare" offers help ("Per domande
 * contattare ...") and also says "could not contact" ("Impossibile
 * contattare", "Non è stato possibile contattare il server di
 * mario@..."), as "please contact" is help and "could not contact" not;
 * so do the negations of the other help verbs ("No se puede contactar
 * con el servidor de mario@...", "não pode contatar", "kon geen contact
 * opnemen met de server van jan@..."). Whole words. */
static const char *const unable_words[] = {"possibile ", "impossibile ", "no ", "no se ",
                                           "não ", "geen ", NULL};

static bool
after_unable(const char *s, const char *p)
{
  for (size_t i = 0; unable_words[i]; i++) {
    size_t w = strlen(unable_words[i]);
    if ((size_t)(p - s) >= w && g_ascii_strncasecmp(p - w, unable_words[i], w) == 0 &&
        (p - w == s || !bn_word_byte(p[-(ptrdiff_t)w - 1])))
      return true;
  }
  return false;
}

/* Help verbs that open a sentence as a command: they offer the address
 * after them as plainly as "please contact" does ("Questions? Write to
 * support@...", Exchange's "Contact your email admin for assistance.",
 * Google Groups' "Contact the owner of the group"); inside a sentence they
 * may report ("could not contact mx.example.org for <a@b>"). Whole words,
 * after a list's bullet. */
static const char *const command_help_words[] = {"contact", "write to", "send mail to", NULL};

static const char *
after_command(const char *s, const char *end)
{
  const char *p = bn_fb_sentence_start(s, end);
  while (p < end && strchr(" \t\"'(*-", *p))
    p++;
  for (size_t i = 0; command_help_words[i]; i++) {
    size_t w = strlen(command_help_words[i]);
    if ((size_t)(end - p) >= w && g_ascii_strncasecmp(p, command_help_words[i], w) == 0 &&
        (p + w == end || !(bn_word_byte(p[w]) || p[w] == '-')))
      return p + w;
  }
  return NULL;
}

/* Whether words follow after up to end with no clause mark: a help
 * phrase's object, not "..., relaying for <a@b> denied". */
static bool
same_clause(const char *after, const char *end)
{
  for (const char *q = after; q < end; q++)
    if (*q == ',' || *q == ';' || *q == ':')
      return false;
  return true;
}

/* Whether a command verb's object, after up to the address at end, is the
 * address itself or comes after "at" ("Write to help@...", "Contact the
 * postmaster at pm@..."). Other words are the address's display name, a
 * list's record of a recipient ("Contact Centre <contact@...>", "- Contact
 * Sales <sales@...>: no such user"). */
static bool
command_object(const char *after, const char *end)
{
  while (end > after && strchr(" \t<\"'(", end[-1]))
    end--;
  while (after < end && strchr(" \t\"'", *after))
    after++;
  if (after == end)
    return true;
  return end - after >= 3 && g_ascii_strncasecmp(end - 3, " at", 3) == 0;
}

/* Words after the address that report its delivery failed ("Send mail to
 * bob@... failed."): a command's address is then the recipient. */
static const char *const command_failed_stems[] = {"n't", "fail", "undeliver", "reject", NULL};

/* Whether the words before an address (s[0..head), squeezed; its sentence
 * runs to s + len) offer it for help: a help phrase, as whole words, with
 * no clause mark between it and the address ("could not contact
 * us-mx1.example.net for <a@b>", "please contact your administrator,
 * relaying for <a@b> denied", "... and give them this address: a@b" are
 * about the recipient), or a command verb opening the sentence with the
 * address for its object. */
static bool
offers_help(const char *s, size_t head, size_t len)
{
  const char *end = s + head;
  for (size_t i = 0; help_words[i]; i++) {
    size_t w = strlen(help_words[i]);
    const char *after = NULL;
    for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), help_words[i])) != NULL; p++)
      if ((p + w == end || !(bn_word_byte(p[w]) || p[w] == '-')) && !after_unable(s, p))
        after = p + w;
    if (after && same_clause(after, end))
      return true;
  }
  const char *after = after_command(s, end);
  return after && same_clause(after, end) && command_object(after, end) &&
         !bn_prose_has_any(end, len - head, command_failed_stems);
}

/* Japanese puts the words that offer an address for help after it: a
 * particle ("まで", "へ", "に": to) and the asking ("support@... までご連絡
 * ください", "... へお問い合わせください", "... までお願いいたします"). */
static const char *const ja_help_particles[] = {"まで", "へ", "に", NULL};
static const char *const ja_help_asks[] = {"ご連絡", "連絡", "お問い合わせ", "お問合せ",
                                           "問い合わせ", "お願い", NULL};

/* ... unless the verb is said as not possible: "<goro@...>に連絡できません
 * でした" ("could not reach goro@...") reports the address, it offers none. */
static const char *const ja_help_unable[] = {"できません", "できなかった", NULL};

static bool
offers_help_after(const char *rest, const char *end)
{
  while (rest < end && *rest && strchr(" \t>)", *rest))
    rest++;
  size_t k = bn_opens_with_any(rest, end, ja_help_particles);
  if (k == 0)
    return false;
  for (rest += k; rest < end && *rest == ' ';)
    rest++;
  size_t ask = bn_opens_with_any(rest, end, ja_help_asks);
  return ask > 0 && bn_opens_with_any(rest + ask, end, ja_help_unable) == 0;
}

/* Whether nothing but marks and blanks follow the address on its line: a
 * sentence wrapped there goes on at the next line ("... 場合は、<support@...>"
 * / "へご連絡ください。"). */
static bool
ends_line(const char *rest, const char *end)
{
  while (rest < end && *rest && strchr(" \t>)", *rest))
    rest++;
  return rest == end;
}

/* The address at at is offered to write to for help, not reported on;
 * next, when not NULL, the line after it, where the Japanese asking that
 * follows the address may be wrapped to (one line only). */
bool
bn_fb_offered_for_help(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                       const bn_span *next)
{
  const char *end = line->p + line->len;
  if (offers_help_after(at + n, end) ||
      (next && next->len && ends_line(at + n, end) &&
       offers_help_after(next->p, next->p + next->len)))
    return true;
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, NULL, &head);
  bool help = offers_help(g->str, head, g->len) && !after_recipient_noun(g->str, head);
  g_string_free(g, TRUE);
  return help;
}

/* Whether the address found on line l (prev the line before it) is one
 * offered for help: not the next recipient. */
bool
bn_fb_help_line(const bn_span *prev, const bn_span *l, const char *found)
{
  const char *at = bn_strcasestr(l->p, l->len, found);
  return at && bn_fb_offered_for_help(prev, l, at, strlen(found), NULL);
}

/* A note that the returned message comes with the notice (Postfix's
 * "It's attached below.", which Seznam's notice repeats after the address:
 * "You message for <jan@...> ... could not be delivered. / It's attached
 * below."): it says nothing of the recipient either. */
static const char *const attached_words[] = {"attached below", "is attached", NULL};

/* Whether s (one line, squeezed) holds sentences and each offers help or
 * notes the attached copy; *noted tells whether one did the latter. */
bool
bn_fb_only_help(const char *s, size_t len, bool *noted)
{
  *noted = false;
  if (len == 0)
    return false;
  for (size_t k; len > 0; s += k, len -= k) {
    k = sentence_len(s, len);
    bool note = bn_prose_has_any(s, k, attached_words);
    *noted = *noted || note;
    if (!note && !bn_prose_has_any(s, k, help_words))
      return false;
    while (k < len && s[k] == ' ')
      k++;
  }
  return true;
}

/* s holds one of words from s + from on, and names no failure or delay. */
static bool
says_without_failure(const char *s, size_t len, size_t from, const char *const *words)
{
  return bn_fb_has_any_word(s + from, len - from, words) &&
         !bn_fb_has_any_word(s, len, unsuccess_words) &&
         !bn_prose_has_any(s, len, unsuccess_stems);
}

/* s says that the message got through ("Delivery to carl@... succeeded",
 * "Successfully delivered to:"), with a word of success from s + from on,
 * and names no failure or delay in it. */
bool
bn_fb_says_success(const char *s, size_t len, size_t from)
{
  return says_without_failure(s, len, from, success_heading_words);
}

/* Whether s says the addresses from s + from on got the message ("Other
 * recipients (bert@..., carl@...) received the message."), and names no
 * failure, delay or cause: "received" only after the address, where before it
 * is the notice's "The message received from ..." */
static bool
received_by(const char *s, size_t len, size_t from)
{
  static const char *const received[] = {"received", "delivered", NULL};
  if (!says_without_failure(s, len, from, received))
    return false;
  /* "... was received by mx.example.net but the mailbox is full" */
  bounce_cause c = bn_text_cause(s, len);
  return c == BOUNCE_CAUSE_UNDEFINED || c == BOUNCE_CAUSE_DELIVERED;
}

/* Whether the words before the address (s up to head) are a sentence
 * that says the list it opens got the message ("The message was
 * delivered to the following recipients: bert@..., carl@...",
 * "Successfully delivered to these recipients: ..."): a label alone
 * ("Delivered to: anna@..." over "Status: failed") names no list. */
static bool
success_list_heading(const char *s, size_t len, size_t head)
{
  static const char *const list_words[] = {"following", "these", "recipients", "addresses", NULL};
  return bn_fb_has_any_word(s, head, list_words) && bn_fb_says_success(s, len, 0);
}

/* The rest of the line after the address at at (length n), past the
 * closing '>' and the mark that parts an item from its verdict ("anna@...
 * - OK", "<anna@...>: OK", a column's dotted leader "anna@... ..... OK"),
 * is only "OK": a list's item that got the message, beside others that
 * say why theirs failed. */
static bool
item_says_ok(const bn_span *line, const char *at, size_t n)
{
  const char *p = at + n, *end = line->p + line->len;
  /* a transcript's "RCPT TO:<anna@...> ... OK" took the address only:
   * the message may still be refused at DATA */
  size_t lead = strspn(line->p, " \t>");
  if (lead + 4 <= line->len && g_ascii_strncasecmp(line->p + lead, "rcpt", 4) == 0)
    return false;
  if (p < end && *p == '>')
    p++;
  while (p < end && strchr(" \t:-.", *p))
    p++;
  if (end - p < 2 || g_ascii_strncasecmp(p, "ok", 2) != 0)
    return false;
  for (p += 2; p < end && strchr(" \t.", *p);)
    p++;
  return p == end;
}

/* A label of success the line opens with, and the address at at (length
 * n) ends ("Delivered to: anna@..."), among labels of other addresses
 * ("Failed: bert@..." on the line before or after): the label says what
 * happened to it. Alone, or with a line under it that names no address,
 * that line may say it failed there ("Recipient: anna@..." / "Delivered
 * to: anna@store..." / "Status: 552 5.2.2 ..."). */
static bool
labelled_success(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                 const bn_span *next)
{
  const char *p = line->p, *end = line->p + line->len, *k = at;
  while (k > p && strchr(" \t<", k[-1]))
    k--;
  if (k == p || k[-1] != ':' || names_address(p, (size_t)(k - p)) ||
      !bn_fb_says_success(p, (size_t)(k - p), 0))
    return false;
  const char *q = at + n;
  while (q < end && strchr(" \t>", *q))
    q++;
  bool next_names = next && next->len && names_address(next->p, next->len);
  if (next && next->len && !next_names)
    return false;
  return q == end && ((prev && names_address(prev->p, prev->len)) || next_names);
}

/* The sentence of the address at at says the message reached it; *named
 * tells whether only words that name whom it reached said so (a list's
 * heading, "received" after it), which report even a lone address
 * delivered: "Delivery to carl@... succeeded." beside failures is left out. */
bool
bn_fb_said_delivered(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                     const bn_span *next, bool *named)
{
  *named = false;
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, next, &head);
  bool done = false;
  for (size_t i = 0; i < G_N_ELEMENTS(successes) && !done; i++) {
    if (!bn_fb_has_word_unless(g->str, g->len, successes[i].participle, successes[i].pending))
      continue;
    done = true;
    for (size_t k = 0; k < G_N_ELEMENTS(successes[i].negations) && done; k++)
      done = !bn_fb_has_word(g->str, g->len, successes[i].negations[k]);
  }
  /* "Delivery to carl@... succeeded.": the words that make "delivery to"
   * a failure's cue also open a success's sentence. Said after the
   * address: before it they are a heading's or a label's ("Delivered to:
   * anna@..." over "Status: 550 5.1.1 ..."), read with the lines under
   * them; and one that quotes a refusal ("452 Too many messages delivered
   * to anna@... today") is a failure's, */
  bool refused = bn_find_reply_code(g->str, g->len) >= 400;
  /* or under it, on a line of its own ("Recipient: anna@... (delivered
   * to quarantine)" / "Reason: 550 5.7.1 ...") */
  char *other = next && next->len ? bn_find_address(next->p, next->len) : NULL;
  refused = refused || (next && next->len && other == NULL &&
                        bn_find_reply_code(next->p, next->len) >= 400);
  g_free(other);
  done = done || (!refused && bn_fb_says_success(g->str, g->len, head));
  if (!done && !refused)
    done = *named = received_by(g->str, g->len, head) ||
                    success_list_heading(g->str, g->len, head);
  g_string_free(g, TRUE);
  return done || item_says_ok(line, at, n) || labelled_success(prev, line, at, n, next);
}

/* The word that makes an address the one the message was sent to ("Your
 * message to anna@...", "Ihre Nachricht an anna@...", "Votre message à
 * anna@...", "Su mensaje a / para anna@..."), and the verbs that then say
 * it failed there ("... was bounced: quota exceeded", "... wurde
 * abgewiesen", "... a été rejeté", "... fue rechazado"), whole words. A
 * sentence that merely mentions an address ("Your message from bob@...
 * was rejected", "Reply-To: noreply@...", "sent to the list list@...")
 * lacks one or the other. */
static const char *const sent_to_words[] = {"to", "an", "à", "a", "para", NULL};
/* ... said of the message ("Your message to", "Mail to", "Ihre Nachricht
 * an", "Su mensaje / correo a", "Votre courriel à"): "Replies to
 * noreply@... are rejected" is about the notice's own address */
static const char *const message_stems[] = {"messag", "mail", "nachricht", "mensaje", "correo",
                                            "courriel", NULL};
static const char *const refused_verbs[] = {
  "bounced", "rejected", "refused", "returned", "failed", "denied", "abgewiesen",
  "zurückgewiesen", "abgelehnt", "rejeté", "refusé", "retourné", "rechazado", "devuelto",
  "rebotado", NULL,
};

/* Whether the sentence of the address at at (length n, maybe the first of
 * a list) says the message sent to it failed: a word of sending to right
 * before it, and a verb of refusal after it. */
bool
bn_fb_sent_to_failed(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                     const bn_span *next)
{
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, next, &head);
  size_t h = head, w;
  while (h && strchr(" \t<\"'", g->str[h - 1]))
    h--;
  /* the whole last word: "Reply-To <a@b>" is a field's name */
  for (w = h; w && g->str[w - 1] != ' ';)
    w--;
  bool to = false;
  for (size_t i = 0; sent_to_words[i] && !to; i++)
    to = h - w == strlen(sent_to_words[i]) &&
         g_ascii_strncasecmp(g->str + w, sent_to_words[i], h - w) == 0;
  bool failed = to && bn_prose_has_any(g->str, w, message_stems) &&
                bn_fb_has_any_word(g->str + head, g->len - head, refused_verbs);
  g_string_free(g, TRUE);
  return failed;
}

/* Words that make a line listing addresses one about whom to ask ("Please
 * contact our support addresses: help@..., support@...", "For help write
 * to postmaster@..., abuse@...", "Questions? Write to desk@... or
 * sales@..."), whole words; and those that make it say a delivery failed
 * all the same ("could not contact", "Your message to our support desk
 * help@..., desk@... failed"). "help" or "support" alone is a noun that may
 * name the recipients ("Your message to our help desk addresses help@...,
 * desk@... was returned: mailbox full"): only the asking for it counts. */
static const char *const contact_words[] = {
  "contact", "write to", "questions", "for help", "for support", "for assistance",
  "need help", "need support", "need assistance", NULL,
};
static const char *const uncontact_words[] = {"not", "unable", "cannot", "could", NULL};
static const char *const uncontact_stems[] = {"n't", "fail", "undeliver", "reject", NULL};

/* Whether the sentence of the address at at (length n), which more
 * addresses follow, lists whom to write to for help: none is a recipient. */
bool
bn_fb_contact_list(const bn_span *prev, const bn_span *line, const char *at, size_t n)
{
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, NULL, &head);
  bool contact = (offers_help(g->str, head, g->len) || bn_fb_has_any_word(g->str, head, contact_words)) &&
                 !bn_fb_has_any_word(g->str, g->len, uncontact_words) &&
                 !bn_prose_has_any(g->str, g->len, uncontact_stems) &&
                 !after_recipient_noun(g->str, head);
  g_string_free(g, TRUE);
  return contact;
}

/* What a notice says of the address replies to it would go to ("Mail sent
 * to noreply@... is refused; please do not answer this notice", "Do not
 * reply to info@...: this mailbox is not read", "Replies to noreply@...
 * are refused", "This mailbox (noreply@...) is not monitored"): the words
 * ask the reader not to write back, which no clause about a failed
 * recipient does. */
static const char *const no_answer_words[] = {
  "do not reply", "do not answer", "do not respond", "don't reply", "don't answer",
  "don't respond", "please not reply", "cannot accept replies", "can't accept replies",
  "does not accept replies", "doesn't accept replies", "replies to", "not monitored",
  "unmonitored", NULL,
};

/* Whether the sentence of the address at at (length n) asks the reader
 * not to answer: the address is the notice's own, unless the sentence
 * quotes a refusal of mail sent to it ("noreply@...: 550 5.1.1 User
 * unknown"). Unless whole, only the address's clause counts: "Your
 * message to anna@... was refused; please do not reply to this notice"
 * says the second clause of the notice, not of anna. */
bool
bn_fb_asks_no_answer(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                     const bn_span *next, bool whole)
{
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, next, &head);
  /* the address's own words ("do-not-reply@") are not the sentence's */
  size_t tail = head + n <= g->len ? head + n : g->len, from = 0, to = g->len;
  if (!whole) {
    const char *semi = memchr(g->str + tail, ';', g->len - tail);
    to = semi ? (size_t)(semi - g->str) : g->len;
    for (size_t i = head; i > 0 && from == 0; i--)
      if (g->str[i - 1] == ';')
        from = i;
  }
  bool asks = (bn_prose_has_any(g->str + from, head - from, no_answer_words) ||
               bn_prose_has_any(g->str + tail, to - tail, no_answer_words)) &&
              bn_find_reply_code(g->str, g->len) < 400;
  g_string_free(g, TRUE);
  return asks;
}
