/* The last resort for a bounce from an MTA no recognizer knows: a message
 * that presents itself as a bounce (a mail-system sender, an empty
 * Return-Path, a bounce subject) whose prose names the recipient near words
 * such as "recipient", "failed" or "unknown". The recipient's paragraph is
 * its diagnostic; the classifier does the rest. Kept strict: a person's
 * message never gets here (bn_view_looks_like_bounce), and an address must
 * stand where bounces put the failed recipient. */
#include "mta.h"
#include <string.h>

static const char *const subject_words[] = {
  "undeliver", "undelivered", "delivery fail", "delivery status", "failure notice",
  "returned mail", "mail delivery", "not delivered", "could not be delivered", "delivery problem",
  "mail failed", "failed mail", "nondeliver", "non-deliver", "non remis", "unzustellbar",
  "no se puede entregar", "returned to sender", "delivery notification", "bounce",
  "zustellung fehlgeschlagen",
  /* German prose and subjects ("Die Nachricht konnte nicht zugestellt
   * werden"), Outlook's Italian and Japanese subjects ("Non recapitabile:",
   * "配信不能:") when another MTA copies them */
  "nicht zugestellt", "non recapitabile", "配信不能",
  /* Italian, French, Spanish, Portuguese, Dutch, Polish, Czech and Korean
   * notices ("Messaggio non recapitato", "Message non distribué",
   * "Mensaje no entregado", "Mensagem não entregue", "Onbestelbaar",
   * "Wiadomość niedostarczona", "Nedoručitelná zpráva", "발송실패") */
  "non recapitato", "non consegnat", "non délivré", "non distribué", "no entregado",
  "não entregue", "falha na entrega", "onbestelbaar", "niedostarczon", "nedoručiteln",
  "발송실패", "발송 실패",
  /* Japanese, Russian and Chinese notices ("メールエラー通知", "Ваше
   * сообщение не доставлено", "Недоставленное сообщение", "系统退信"; the
   * Japanese predicates are ja_failed's); Cyrillic stems, as the prose is
   * matched folding ASCII case only (a subject is lowered first: "НЕ
   * ДОСТАВЛЕНО") */
  "エラー通知", "не доставлен", "не было доставлен", "едоставленн", "退信", "投递失败", NULL,
};

/* Japanese predicates of a failed delivery, words of the claim like
 * subject_words and cues near an address: "メッセージを配信できません。",
 * the providers' "以下の宛先に配送できませんでした", "配信に失敗しました",
 * subjects "メールが届きませんでした". What follows one says whether it is
 * stated (ja_unsaid). */
#define JA_FAILED "配信できません", "送信に失敗", "配送できません", "配信に失敗", "配送に失敗"
static const char *const ja_failed[] = {JA_FAILED, "届きませんでした", NULL};
static const char *const ja_failed_cues[] = {JA_FAILED, "送信できません", NULL};

/* What follows a Japanese predicate, after its tense, to make it a
 * condition, a question or reported words, the advice of a service's own
 * mail and not a notice: "配信に失敗した場合は ... までご連絡ください" (if
 * the delivery fails), "配信に失敗することがあります" (it may fail),
 * "確認メールが届きませんでしたか？" (did it not arrive?), "届きませんでしたら"
 * (if it does not), "配信できませんでしたとのエラー" (an error saying so). */
static const char *const ja_tenses[] = {"でした", "しました", "した", NULL};
static const char *const ja_unsaid[] = {"場合", "か", "ら", "と", "する", NULL};
/* ... unless it is "から" (because), the reason of what comes next */
static const char *const ja_said[] = {"から", NULL};

/* "Not yet delivered" in the other languages whose failure words the
 * cues below know ("n'a pas encore été remis", "aún no ha podido ser
 * entregado", "nog niet bezorgd"): the same notice, still queued. */
#define NOT_YET_DELIVERED                                                                      \
  "noch nicht zugestellt", "pas encore été remis", "pas encore été distribué",                 \
      "pas encore pu être remis", "aún no ha sido entregado", "aún no ha podido ser entregado", \
      "todavía no ha sido entregado", "todavía no se ha entregado", "nog niet bezorgd",         \
      "nog niet afgeleverd", "nog niet worden bezorgd", "non è ancora stato recapitato",        \
      "ancora non è stato recapitato", "ainda não foi entregue", "ainda não pôde ser entregue"

/* Words of a warning: the message is still queued, nothing failed yet. */
#define STILL_QUEUED                                                                            \
  "warning message only", "this is a warning", "has been delayed", "delivery delayed",          \
      "(delay)", "will keep trying", "will continue to try", "will retry", "nur eine warnung"
static const char *const warning_words[] = {
  STILL_QUEUED, "not yet been delivered", NOT_YET_DELIVERED, NULL,
};
/* "Not yet delivered" is also where the message stood when the server
 * gave up, in a notice whose subject says it failed ("Unzustellbar",
 * "Delivery failure"): there only the other words make a warning. */
static const char *const queued_words[] = {STILL_QUEUED, NULL};
static const char *const failed_subject_words[] = {"fail", "échec", "fehlgeschlagen", NULL};

/* Words that say a message's delivery is late ("Delivery delayed", "THIS
 * IS A WARNING MESSAGE ONLY"), which the other warning words do not: "this
 * is a warning" also opens a quota warning to the mailbox's owner. */
static const char *const delay_words[] = {
  "warning message only", "has been delayed", "delivery delayed", "delivery is delayed",
  "delayed mail", "(delay)", "not yet been delivered", NOT_YET_DELIVERED, NULL,
};

/* Words of a notice that reports success: Exchange's "Your message has
 * been delivered to the following recipients" and "Delivery to these
 * recipients or groups is complete, but no delivery notification was sent
 * by the destination server" (handed on: relayed), Postfix's "was
 * successfully delivered to the destination(s)". */
static const char *const delivered_words[] = {
  "has been delivered to the following", "was successfully delivered to",
  "delivery to the following recipients succeeded", NULL,
};
static const char *const relayed_words[] = {
  "recipients or groups is complete", "successfully relayed", NULL,
};

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

/* Words of a template that lists what can cause a failure ("This can
 * happen when the mailbox is full", "Possible reasons: ..."), not what
 * caused this one. */
static const char *const guess_words[] = {
  "can happen", "may happen", "possible reason", "possible cause", "possibly", "this may be",
  "this might be", "this could be", "common reason", NULL,
};

/* "Not delivered" in the other languages ("konnte nicht zugestellt werden",
 * "unzustellbar", "non è stato recapitato / consegnato", "não foi
 * entregue"), with its negation: the bare participle is also "delivered",
 * to another address. French, Spanish and Dutch: "n'a pas pu être remis",
 * "impossible de remettre", "no pudo ser entregado", "kon niet worden
 * bezorgd". German puts the address between the negation and the
 * participle ("konnte nicht an ines@... zugestellt werden"): its "could
 * not". */
#define NOT_DELIVERED                                                                           \
  "nicht zugestellt", "nicht zustellbar", "unzustellbar", "non è stato recapitat",              \
      "non recapitat", "non è stato consegnat", "non consegnat", "não foi entregue",            \
      "não entregue", "não pôde ser entregue", "pas pu être remis", "pas pu être distribué",    \
      "pas pu être délivré", "pas été remis", "pas été distribué", "impossible de remettre",    \
      "impossible de distribuer", "non remis", "no pudo ser entregado", "no se pudo entregar",  \
      "no ha podido ser entregado", "no entregado", "no se puede entregar",                     \
      "niet worden bezorgd", "niet bezorgd", "niet worden afgeleverd", "niet afgeleverd",       \
      "onbestelbaar", "konnte nicht"

/* Words near an address that say it is the failed recipient. */
static const char *const cue_words[] = {
  "recipient", "address", "failed", "undeliver", "could not", "couldn't", "unknown",
  "not reach", "not delivered", "not yet been delivered", "rcpt", "to:", "user", "mailbox",
  "destinat", "error",
  /* delivery to the address failed ("Your message wasn't delivered to
   * anna@...", "We were unable to deliver your message to anna@...",
   * "Delivery to anna@... was refused"); "rejected" or "bounced" alone
   * is also said of the sender's message ("Your message from bob@... was
   * rejected") or of a kept copy */
  "n't delivered", "unable to deliver", "delivery to",
  /* "recipient" and "address" in the languages bounces are written in
   * ("Empfänger:", "destinataire", "宛先:", "メールアドレス", "收件人") */
  "empfänger", "adresse", "олучател", "дрес", "宛先", "アドレス", "收件人", "地址",
  "adresat", "odbiorc", "příjemc", "수신자",
  /* Japanese "destination" (and ja_failed_cues: "suzuki@... 宛のメールは、
   * ...配信できませんでした。") */
  "送信先", "配信先",
  NOT_DELIVERED, NOT_YET_DELIVERED, NULL,
};

/* Words that say the message failed for good ("could not be delivered
 * to anna@..."), where another address's sentence says it is still queued
 * ("... to ines@... has not yet been delivered"): the warning is not this
 * address's. */
static const char *const failed_words[] = {
  "could not be delivered", "couldn't be delivered", "not delivered", "undeliverable",
  NOT_DELIVERED, NULL,
};

/* Words that offer an address to write to ("If you have questions, please
 * contact helpdesk@...", "Bei Fragen wenden Sie sich bitte an hilfe@...",
 * "kontaktieren Sie ..."): the help desk of the sender's provider, not a
 * recipient, wherever the notice puts it. Without the comma, "help
 * contact" and "assistance contact" are also a noun, the name of a role
 * address that may be the recipient ("Customer Help Contact <help@...>"):
 * the imperative only after the words that ask for help. */
static const char *const help_words[] = {
  "please contact", "you can contact", "you may contact", "contact us", "contact our",
  "please write to", "help, contact", "need help contact", "for help contact",
  "assistance, contact", "need assistance contact", "for assistance contact", "questions, contact",
  "any questions contact", "have questions contact", "for questions contact", "wenden sie sich",
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

/* Lines of the copied original's header, where addresses are not recipients. */
static const char *const header_lines[] = {
  "from:", "return-path:", "reply-to:", "sender:", "message-id:", "received:", "x-", "cc:",
  "in-reply-to:", "references:", "envelope-from", "dkim-signature", "list-", NULL,
};
/* and those that name no address, where words are not a reason */
static const char *const copy_lines[] = {"subject:", NULL};

/* The words at p (up to end) open with one of prefixes: its length, or 0. */
static size_t
opens_with(const char *p, const char *end, const char *const *prefixes)
{
  for (size_t i = 0; prefixes[i]; i++) {
    size_t n = strlen(prefixes[i]);
    if ((size_t)(end - p) >= n && memcmp(p, prefixes[i], n) == 0)
      return n;
  }
  return 0;
}

/* One of the predicates stated in s[0..len). */
static bool
ja_failed_said(const char *s, size_t len, const char *const *predicates)
{
  const char *end = s + len;
  for (size_t i = 0; predicates[i]; i++) {
    size_t n = strlen(predicates[i]);
    for (const char *p = s; p < end && (p = g_strstr_len(p, end - p, predicates[i])); p += n) {
      const char *after = p + n;
      after += opens_with(after, end, ja_tenses);
      if (opens_with(after, end, ja_said) || !opens_with(after, end, ja_unsaid))
        return true;
    }
  }
  return false;
}

/* s says that a message was not delivered. */
static bool
says_failed(const char *s, size_t len)
{
  return bn_prose_has_any(s, len, subject_words) || ja_failed_said(s, len, ja_failed);
}

/* l has words that make an address on it, or on the line after it, the
 * failed recipient. */
static bool
has_cue(const bn_span *l)
{
  return bn_prose_has_any(l->p, l->len, cue_words) || ja_failed_said(l->p, l->len, ja_failed_cues);
}

bool
bn_subject_says_bounce(const bn_view *v)
{
  return says_failed(v->subject_lower, strlen(v->subject_lower));
}

static bool
claim(const bn_view *v)
{
  if (!bn_view_looks_like_bounce(v))
    return false;
  if (bn_subject_says_bounce(v) || bn_view_header(v, "X-Failed-Recipients"))
    return true;
  /* a delay warning or a success notice names no failure, but is a
   * delivery report all the same */
  size_t head = MIN(v->text->len, 4096);
  if (says_failed(v->text->str, head) || bn_subject_has(v, delay_words) ||
      bn_prose_has_any(v->text->str, head, delay_words))
    return true;
  /* "Your parcel has been delivered to the following address", "Your fax
   * was successfully delivered to ...": a shop's, a carrier's or a fax
   * service's notice says it too, marked auto-generated as any automated
   * mail, and the postmaster's own answer to a user ("I checked the logs:
   * your message was successfully delivered to ..."). A report of delivery
   * comes from the mail system with the null envelope sender (RFC 3461);
   * one saved without its Return-Path, from the mail system's sender. */
  const char *rp = bn_view_header(v, "Return-Path");
  bool mail_system = v->report_type[0] || v->dsn->len || (rp && strstr(rp, "<>")) ||
                     (rp == NULL && bn_view_from_mailer(v));
  return mail_system && (bn_prose_has_any(v->text->str, head, delivered_words) ||
                         bn_prose_has_any(v->text->str, head, relayed_words));
}

static bool
is_mail_system(const char *addr)
{
  static const char *const locals[] = {"postmaster@", "mailer-daemon@", "mail-daemon@",
                                       "mailerdaemon@", NULL};
  for (size_t i = 0; locals[i]; i++)
    if (bn_has_prefix_ci(addr, locals[i]))
      return true;
  return false;
}

static bool
line_starts_with(const bn_span *l, const char *const *prefixes)
{
  size_t i = 0;
  while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t' || l->p[i] == '>'))
    i++;
  for (size_t k = 0; prefixes[k]; k++) {
    size_t n = strlen(prefixes[k]);
    if (l->len - i >= n && g_ascii_strncasecmp(l->p + i, prefixes[k], n) == 0)
      return true;
  }
  return false;
}

/* True when the line is nothing but the address (maybe in <>). */
static bool
address_alone(const bn_span *l, const char *addr)
{
  char *t = bn_squeeze_dup(l->p, l->len);
  char *clean = bn_address_clean(t, strlen(t));
  bool alone = clean && g_ascii_strcasecmp(clean, addr) == 0 && strchr(t, ' ') == NULL;
  g_free(clean);
  g_free(t);
  return alone;
}

/* Whether line l holds the mailbox of addr with its display name, as a
 * list shows a recipient: "Anna Smith <anna@...>", "\"Smith, Anna\"
 * <anna@...>", "Anna Smith (anna@...)". The name is quoted, or a few words
 * that each open with a capital (or a letter outside ASCII): not a
 * sentence ("please write to <help@...>"). */
static bool
named_mailbox(const bn_span *l, const char *addr)
{
  bn_span t = *l;
  bn_span_trim(&t);
  if (t.len < 3 || (t.p[t.len - 1] != '>' && t.p[t.len - 1] != ')'))
    return false;
  char open = t.p[t.len - 1] == '>' ? '<' : '(';
  const char *o = NULL;
  for (size_t i = t.len - 1; i-- > 0 && o == NULL;)
    if (t.p[i] == open)
      o = t.p + i;
  char *inner = o ? bn_address_clean(o + 1, (size_t)(t.p + t.len - 1 - o - 1)) : NULL;
  bool same = inner && g_ascii_strcasecmp(inner, addr) == 0;
  g_free(inner);
  if (!same)
    return false;
  bn_span name = {t.p, (size_t)(o - t.p)};
  bn_span_trim(&name);
  if (name.len >= 2 && name.p[0] == '"' && name.p[name.len - 1] == '"')
    return true;
  int words = 0;
  for (size_t i = 0; i < name.len;) {
    if (name.p[i] == ' ') {
      i++;
      continue;
    }
    if (!(g_ascii_isupper(name.p[i]) || (guchar)name.p[i] >= 0x80) || ++words > 4)
      return false;
    for (; i < name.len && name.p[i] != ' '; i++)
      if (strchr(":;,!?@<>()", name.p[i]))
        return false;
  }
  return words > 0;
}

/* Whether line l names one mailbox, and it is a recipient already: a list
 * item, whose next line of the same kind is the next item ("Anna Smith
 * <anna@...>" / "Bob Jones <bob@...>"), where a name alone beside an
 * address may be a signature ("Customer Service <help@...>"). */
static bool
list_item(bounce_report *r, const bn_span *l)
{
  char *a = l->p ? bn_find_address(l->p, l->len) : NULL;
  bool item = a && (address_alone(l, a) || named_mailbox(l, a)) && bn_report_find(r, a);
  g_free(a);
  return item;
}

/* "MAIL FROM:<a@b>" and "sender <a@b>" name the sender. The words are
 * read after any address before it: those of "from bob@sender.example to
 * anna@..." or "MAIL FROM:<bob@...> RCPT TO:<anna@...>" are bob's. */
static bool
named_as_sender(const bn_span *line, const char *addr)
{
  const char *at = bn_strcasestr(line->p, line->len, addr);
  if (at == NULL)
    return false;
  size_t before = (size_t)(at - line->p);
  const char *from = line->p + (before > 24 ? before - 24 : 0);
  const char *other = NULL;
  for (const char *p = line->p; p < at; p++)
    if (*p == '@')
      other = p;
  while (other && other < at && !strchr(" \t>,;", *other))
    other++;
  if (other && other > from)
    from = other;
  size_t n = (size_t)(at - from);
  return bn_strcasestr(from, n, "mail from") || bn_strcasestr(from, n, "sender") ||
         bn_strcasestr(from, n, "envelope-from") || bn_strcasestr(from, n, "return-path");
}

/* A byte of a word: ASCII letters and digits, and any byte of a
 * multi-byte character. */
static bool
is_word_byte(char c)
{
  return g_ascii_isalnum(c) || (guchar)c >= 0x80;
}

/* Whether s holds word as a whole word, not followed by the word unless
 * (when not NULL) after a space. */
static bool
has_word_unless(const char *s, size_t len, const char *word, const char *unless)
{
  size_t n = strlen(word), u = unless ? strlen(unless) : 0;
  const char *end = s + len;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), word)) != NULL; p++) {
    bool open = p == s || !is_word_byte(p[-1]);
    bool close = p + n == end || !is_word_byte(p[n]);
    const char *q = p + n + 1;
    bool followed = unless && (size_t)(end - p) > n + u && p[n] == ' ' &&
                    g_ascii_strncasecmp(q, unless, u) == 0 && (q + u == end || !is_word_byte(q[u]));
    if (open && close && !followed)
      return true;
  }
  return false;
}

static bool
has_word(const char *s, size_t len, const char *word)
{
  return has_word_unless(s, len, word, NULL);
}

static bool
listed(const GPtrArray *a, const char *addr)
{
  for (guint i = 0; i < a->len; i++)
    if (g_ascii_strcasecmp(g_ptr_array_index(a, i), addr) == 0)
      return true;
  return false;
}

/* The labels a notice writes before the server's reply ("Reason: ...",
 * "Diagnostic: ...", "Error: ...", "Remote server said: ..."): whole
 * words before the line's first colon. */
static const char *const reply_labels[] = {"reason", "diagnostic", "error", "response",
                                           "reply",  "said",       "cause", NULL};

/* Where the server's reply starts on line l: its reply code or status, or
 * the text after a label; NULL when the line quotes none. */
static const char *
reply_start(const bn_span *l)
{
  const char *start = bn_find_reply(l->p, l->len);
  char st[16];
  const char *status = bn_find_status(l->p, l->len, st) ? bn_strcasestr(l->p, l->len, st) : NULL;
  if (status && (start == NULL || status < start))
    start = status;
  const char *colon = memchr(l->p, ':', MIN(l->len, 40));
  for (size_t i = 0; colon && reply_labels[i]; i++)
    if (has_word(l->p, (size_t)(colon - l->p), reply_labels[i])) {
      if (start == NULL || colon + 1 < start)
        start = colon + 1;
      break;
    }
  return start;
}

/* The words a notice or a reply writes before the sender's address
 * ("Domain of sender address bob@...", "MAIL FROM:<bob@...>", "your
 * envelope sender bob@...", "Your message from bob@..."),
 * and before the recipient's ("RCPT TO:<anna@...>"); after the address, it
 * names which it is with its first word ("<bob@...>: Sender address
 * rejected", "<anna@...>: Recipient address rejected"). */
static const char *const sender_before[] = {"sender",      "sender address", "sender's address",
                                            "from",        "return-path",    "from address",
                                            NULL};
static const char *const recipient_before[] = {"rcpt to", "recipient", "recipient address", NULL};

/* Whether s[0..len), without the marks in trim before an address, ends
 * with one of words as a whole word. */
static bool
ends_with_word_after(const char *s, size_t len, const char *trim, const char *const *words)
{
  while (len && strchr(trim, s[len - 1]))
    len--;
  for (size_t i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    if (len >= n && g_ascii_strncasecmp(s + len - n, words[i], n) == 0 &&
        (len == n || !is_word_byte(s[len - n - 1])))
      return true;
  }
  return false;
}

static bool
ends_with_word(const char *s, size_t len, const char *const *words)
{
  return ends_with_word_after(s, len, " \t<:\"'(", words);
}

/* Whether the text at s (up to end) opens with word. */
static bool
opens_with_word(const char *s, const char *end, const char *word)
{
  size_t n = strlen(word);
  return (size_t)(end - s) >= n && g_ascii_strncasecmp(s, word, n) == 0;
}

/* Whether the address on line l stands in the reply the line quotes as
 * the sender ("Reason: 553 5.1.8 <bob@...>... Domain of sender address
 * bob@... does not exist"): the returned message's sender (one of
 * senders), or named so by the reply's words. The reply is about the
 * recipient above it: the address is no recipient of its own. */
static bool
sender_in_reply(const bn_span *l, const char *addr, const GPtrArray *senders)
{
  const char *start = reply_start(l);
  if (start == NULL)
    return false;
  const char *end = l->p + l->len;
  size_t n = strlen(addr);
  bool in_reply = false, sender = false;
  for (const char *at = start; (at = bn_strcasestr(at, (size_t)(end - at), addr)) != NULL;
       at += n) {
    const char *rest = at + n;
    while (rest < end && strchr(">]):;,.'\" \t", *rest))
      rest++;
    if (ends_with_word(start, (size_t)(at - start), recipient_before) ||
        opens_with_word(rest, end, "recipient"))
      return false;
    in_reply = true;
    sender |= ends_with_word(start, (size_t)(at - start), sender_before) ||
              opens_with_word(rest, end, "sender");
  }
  return in_reply && (sender || (senders && listed(senders, addr)));
}

/* Where the display name before the mailbox whose address is at at
 * starts ("from \"Miller, Bob\" <bob@...>", "from Bob Miller <bob@...>":
 * a quoted name, or up to four words that open with a capital), s being
 * the line's start; at itself when there is none. */
static const char *
display_name_start(const char *s, const char *at)
{
  const char *q = at;
  while (q > s && (q[-1] == ' ' || q[-1] == '\t'))
    q--;
  if (q == s || q[-1] != '<')
    return at;
  q--;
  while (q > s && q[-1] == ' ')
    q--;
  if (q > s && q[-1] == '"') {
    const char *o = q - 1;
    while (o > s && o[-1] != '"')
      o--;
    return o > s ? o - 1 : at;
  }
  const char *start = q;
  for (int words = 0; words < 4; words++) {
    const char *w = start;
    while (w > s && w[-1] == ' ')
      w--;
    const char *b = w;
    while (b > s && b[-1] != ' ')
      b--;
    if (b == w || !(g_ascii_isupper(*b) || (guchar)*b >= 0x80))
      break;
    bool plain = true;
    for (const char *c = b; c < w && plain; c++)
      plain = strchr(":;,.!?@<>()\"", *c) == NULL;
    if (!plain)
      break;
    start = b;
  }
  return start;
}

/* The first address on line l that its words do not name the sender
 * ("Your message from bob@... could not be delivered to anna@...": anna;
 * "The message from Bob Miller <bob@...> to Anna Smith <anna@...>":
 * anna), or NULL. */
static char *
first_not_sender(const bn_span *l)
{
  const char *p = l->p, *end = l->p + l->len;
  for (int k = 0; k < 4 && p < end; k++) {
    char *addr = bn_find_address(p, (size_t)(end - p));
    const char *at = addr ? bn_strcasestr(p, (size_t)(end - p), addr) : NULL;
    if (at == NULL ||
        !ends_with_word(l->p, (size_t)(display_name_start(p, at) - l->p), sender_before))
      return addr;
    p = at + strlen(addr);
    g_free(addr);
  }
  return NULL;
}

/* Adds the address value[0..len) gives to a, once. */
static void
add_address(GPtrArray *a, const char *value, size_t len)
{
  char *addr = value ? bn_find_address(value, len) : NULL;
  if (addr && !listed(a, addr))
    g_ptr_array_add(a, addr);
  else
    g_free(addr);
}

/* The addresses the returned message names as its sender: its From, and
 * the From, Return-Path and Sender of its header (a returned message,
 * text/rfc822-headers, or the copy inline in the text from end). */
static GPtrArray *
returned_senders(const bn_view *v, const bounce_report *r, gssize end)
{
  static const char *const names[] = {"From", "Return-Path", "Sender", NULL};
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  const char *from = bn_report_original(r, "From");
  add_address(a, from, strlen(from));
  for (size_t i = 0; v->returned && names[i]; i++) {
    const char *h = g_mime_object_get_header(GMIME_OBJECT(v->returned), names[i]);
    add_address(a, h, h ? strlen(h) : 0);
  }
  const GString *t = v->returned_headers->len ? v->returned_headers : v->text;
  size_t at = v->returned_headers->len ? 0 : end >= 0 ? (size_t)end : t->len;
  bn_lines it;
  bn_span l, name, value;
  bn_lines_init(&it, t->str + at, t->len - at);
  while (bn_lines_next(&it, &l) && l.len > 0)
    for (size_t i = 0; names[i]; i++)
      if (bn_dsn_field(&l, &name, &value) && name.len == strlen(names[i]) &&
          g_ascii_strncasecmp(name.p, names[i], name.len) == 0)
        add_address(a, value.p, value.len);
  return a;
}

static bool
end_mark(char c)
{
  return c == '.' || c == '!' || c == '?';
}

/* Where the sentence ending before end starts in s: after the last ". ",
 * "! " or "? " (a dot inside an address or a date is no end), else s. */
static const char *
sentence_start(const char *s, const char *end)
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
static GString *
address_sentence(const bn_span *prev, const bn_span *line, const char *at, size_t n,
                 const bn_span *next, size_t *head)
{
  GString *g = g_string_new(NULL);
  const char *start = sentence_start(line->p, at);
  const char *rest = at + n, *end = line->p + line->len;
  bool opens = true;
  for (const char *p = line->p; p < at && opens; p++)
    opens = strchr(" \t<\"'", *p) != NULL;
  if (start == line->p && prev && prev->len && !end_mark(prev->p[prev->len - 1]) &&
      prev->p[prev->len - 1] != ':' && (!opens || continues_sentence(rest, end))) {
    const char *ps = sentence_start(prev->p, prev->p + prev->len);
    if (!names_address(ps, (size_t)(prev->p + prev->len - ps))) {
      g_string_append_len(g, ps, (gssize)(prev->p + prev->len - ps));
      g_string_append_c(g, ' ');
    }
  }
  g_string_append_len(g, start, at - start);
  bn_squeeze(g);
  *head = g->len;
  size_t k = sentence_len(rest, (size_t)(end - rest));
  g_string_append_len(g, at, (gssize)(rest + k - at));
  /* the next line goes on with the sentence when it opens in lower case
   * ("... wurde" / "nicht zugestellt."); one in capitals is a sentence
   * of its own ("Die Nachricht wurde an die übrigen Empfänger zugestellt."),
   * and a German noun that goes on with it is missed: the address then
   * stays failed, the safer mistake */
  bn_span nx = next ? *next : (bn_span){NULL, 0};
  bn_span_trim(&nx);
  if (rest + k == end && (k == 0 || !end_mark(rest[k - 1])) && nx.len &&
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
  return ends_with_word_after(s, len, " \t<\"'(:,", recipient_nouns);
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
        (p - w == s || !is_word_byte(p[-(ptrdiff_t)w - 1])))
      return true;
  }
  return false;
}

/* Whether the words before an address (s, squeezed) offer it for help:
 * a help phrase, as whole words, with no clause mark between it and the
 * address ("could not contact us-mx1.example.net for <a@b>", "please
 * contact your administrator, relaying for <a@b> denied", "... and give
 * them this address: a@b" are about the recipient). */
static bool
offers_help(const char *s, size_t len)
{
  const char *end = s + len;
  for (size_t i = 0; help_words[i]; i++) {
    size_t w = strlen(help_words[i]);
    const char *after = NULL;
    for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), help_words[i])) != NULL; p++)
      if ((p + w == end || !(is_word_byte(p[w]) || p[w] == '-')) && !after_unable(s, p))
        after = p + w;
    bool clause = false;
    for (const char *q = after; q && q < end && !clause; q++)
      clause = *q == ',' || *q == ';' || *q == ':';
    if (after && !clause)
      return true;
  }
  return false;
}

/* Japanese puts the words that offer an address for help after it: a
 * particle ("まで", "へ", "に": to) and the asking ("support@... までご連絡
 * ください", "... へお問い合わせください", "... までお願いいたします"). */
static const char *const ja_help_particles[] = {"まで", "へ", "に", NULL};
static const char *const ja_help_asks[] = {"ご連絡", "連絡", "お問い合わせ", "お問合せ",
                                           "問い合わせ", "お願い", NULL};

static bool
offers_help_after(const char *rest, const char *end)
{
  while (rest < end && *rest && strchr(" \t>)", *rest))
    rest++;
  size_t k = opens_with(rest, end, ja_help_particles);
  if (k == 0)
    return false;
  for (rest += k; rest < end && *rest == ' ';)
    rest++;
  return opens_with(rest, end, ja_help_asks) > 0;
}

/* The address at at is offered to write to for help, not reported on. */
static bool
offered_for_help(const bn_span *prev, const bn_span *line, const char *at, size_t n)
{
  if (offers_help_after(at + n, line->p + line->len))
    return true;
  size_t head;
  GString *g = address_sentence(prev, line, at, n, NULL, &head);
  bool help = offers_help(g->str, head) && !after_recipient_noun(g->str, head);
  g_string_free(g, TRUE);
  return help;
}

/* Whether the address found on line l (prev the line before it) is one
 * offered for help: not the next recipient. */
static bool
help_line(const bn_span *prev, const bn_span *l, const char *found)
{
  const char *at = bn_strcasestr(l->p, l->len, found);
  return at && offered_for_help(prev, l, at, strlen(found));
}

/* Whether s (one line, squeezed) holds sentences and each offers help. */
static bool
only_help(const char *s, size_t len)
{
  if (len == 0)
    return false;
  for (size_t k; len > 0; s += k, len -= k) {
    k = sentence_len(s, len);
    if (!bn_prose_has_any(s, k, help_words))
      return false;
    while (k < len && s[k] == ' ')
      k++;
  }
  return true;
}

/* s says that the message got through ("Delivery to carl@... succeeded",
 * "Successfully delivered to:"), with a word of success from s + from on,
 * and names no failure or delay in it. */
static bool
says_success(const char *s, size_t len, size_t from)
{
  bool success = false;
  for (size_t i = 0; success_heading_words[i] && !success; i++)
    success = has_word(s + from, len - from, success_heading_words[i]);
  for (size_t i = 0; unsuccess_words[i] && success; i++)
    success = !has_word(s, len, unsuccess_words[i]);
  return success && !bn_prose_has_any(s, len, unsuccess_stems);
}

/* The sentence of the address at at says the message reached it. */
static bool
said_delivered(const bn_span *prev, const bn_span *line, const char *at, size_t n,
               const bn_span *next)
{
  size_t head;
  GString *g = address_sentence(prev, line, at, n, next, &head);
  bool done = false;
  for (size_t i = 0; i < G_N_ELEMENTS(successes) && !done; i++) {
    if (!has_word_unless(g->str, g->len, successes[i].participle, successes[i].pending))
      continue;
    done = true;
    for (size_t k = 0; k < G_N_ELEMENTS(successes[i].negations) && done; k++)
      done = !has_word(g->str, g->len, successes[i].negations[k]);
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
  done = done || (says_success(g->str, g->len, head) && !refused);
  g_string_free(g, TRUE);
  return done;
}

/* Whether the sentence of the address at at says the message is still
 * queued for it (*warned) or failed for good (*failed). */
static void
sentence_says(const bn_span *prev, const bn_span *line, const char *at, size_t n,
              const bn_span *next, bool *warned, bool *failed)
{
  size_t head;
  GString *g = address_sentence(prev, line, at, n, next, &head);
  *warned = bn_prose_has_any(g->str, g->len, warning_words);
  *failed = !*warned && bn_prose_has_any(g->str, g->len, failed_words);
  g_string_free(g, TRUE);
}

/* The rest of the address's line after it, and the lines that follow up to
 * a blank line: what the MTA said about this recipient. */
static void
collect_diagnostic(bounce_recipient *rc, const bn_span *line, const char *addr, bn_lines after,
                   const GPtrArray *senders)
{
  const char *at = bn_strcasestr(line->p, line->len, addr);
  if (at) {
    /* "Reason: 550 5.1.1 <addr>... User unknown": the reply starts before
     * the address */
    const char *start = line->p;
    /* a reply code of its own, not the digits of a longer word */
    while (start < at && !(at - start >= 4 && bn_reply_code_at(start, (size_t)(at - start)) &&
                           (start == line->p || !g_ascii_isalnum(start[-1]))))
      start++;
    if (start < at) {
      bn_prose_add_diagnostic(rc, start, line->len - (size_t)(start - line->p));
      at = NULL;
    }
  }
  if (at) {
    const char *rest = at + strlen(addr);
    size_t n = line->len - (size_t)(rest - line->p);
    while (n && strchr(">]):;,'\". \t", *rest)) {
      rest++;
      n--;
    }
    /* "a@b (a@b)": the address again, as a display name */
    if (n > 2 && *rest == '(' && rest[n - 1] == ')' && n - 2 == strlen(addr) &&
        g_ascii_strncasecmp(rest + 1, addr, n - 2) == 0)
      n = 0;
    /* "user@example.net; Action: Delayed" repeats the fields, says nothing */
    if (!bn_has_prefix_ci(rest, "Action:") && !bn_has_prefix_ci(rest, "Status:"))
      bn_prose_add_diagnostic(rc, rest, n);
    /* "Unknown user: user@example.net", "The user does not exist: ...":
     * the words before the address are the reason, when they name one
     * (not a label such as "Recipient:") */
    if (n == 0 && at > line->p &&
        bn_text_cause(line->p, (size_t)(at - line->p)) != BOUNCE_CAUSE_UNDEFINED)
      bn_prose_add_diagnostic(rc, line->p, line->len);
  }
  bn_span l, prev = *line;
  for (int k = 0; k < 6 && bn_lines_next(&after, &l) && l.len > 0; k++) {
    char *found = bn_find_address(l.p, l.len);
    bool other = found != NULL && g_ascii_strcasecmp(found, addr) != 0 &&
                 !named_as_sender(&l, found) && !sender_in_reply(&l, found, senders) &&
                 !help_line(&prev, &l, found);
    g_free(found);
    if (other)
      break; /* the next recipient */
    bn_prose_add_diagnostic(rc, l.p, l.len);
    prev = l;
  }
}

/* "This Message was undeliverable due to the following reason:", a
 * paragraph with the reason, then the address alone in the next one: the
 * paragraph before an address that has none of its own, unless it names
 * another address (the previous recipient). */
static void
reason_before(bounce_recipient *rc, const bn_span *para)
{
  char *other = bn_find_address(para->p, para->len);
  bool names_other = other != NULL;
  g_free(other);
  if (names_other)
    return;
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, para->p, para->len);
  for (int k = 0; k < 4 && bn_lines_next(&it, &l); k++)
    bn_prose_add_diagnostic(rc, l.p, l.len);
}

/* A line on its own that ends in a colon and gives no code and no
 * address: it announces the paragraph that follows. */
static bool
announces(const bn_span *line)
{
  bn_span t = *line;
  bn_span_trim(&t);
  if (t.len == 0 || t.p[t.len - 1] != ':')
    return false;
  char *addr = bn_find_address(t.p, t.len);
  bool bare = !bn_gives_code(t.p, t.len) && addr == NULL;
  g_free(addr);
  return bare;
}

/* A line that announces the addresses that got the message. Its
 * sentence may start on the line before, in the same paragraph (prev, or
 * NULL), when that one ends no sentence, heading or list item: a wrapped
 * "Your message could not be / delivered to:" is a failure's. */
static bool
announces_success(const bn_span *line, const bn_span *prev)
{
  if (!announces(line))
    return false;
  bn_span h = *line;
  if (prev && prev->len && !strchr(".!?:", prev->p[prev->len - 1])) {
    char *addr = bn_find_address(prev->p, prev->len);
    if (addr == NULL) {
      h.p = sentence_start(prev->p, prev->p + prev->len);
      h.len = (size_t)(line->p + line->len - h.p);
    }
    g_free(addr);
  }
  return says_success(h.p, h.len, 0);
}

/* Blanks each sentence of g (squeezed) that holds one of words, from the
 * end of the sentence before (". ", "! ", "? ") to its own end (one of
 * ends, or the end of g) included: a success sentence may say "delivery
 * notification", and a template's guess "the mailbox is full", and still
 * name no failure. */
static void
blank_sentences(GString *g, const char *const *words, const char *ends)
{
  for (size_t w = 0; words[w]; w++) {
    size_t from = 0, wl = strlen(words[w]);
    const char *at;
    while (from < g->len && (at = bn_strcasestr(g->str + from, g->len - from, words[w]))) {
      size_t start = (size_t)(at - g->str), end = start + wl;
      /* not back past the sentence blanked before: one pass per word */
      while (start > from &&
             !(start >= 2 && g->str[start - 1] == ' ' && strchr(".!?", g->str[start - 2])))
        start--;
      while (end < g->len && !strchr(ends, g->str[end]))
        end++;
      end = MIN(end + 1, g->len);
      memset(g->str + start, ' ', end - start);
      from = end;
    }
  }
}

/* A guess that announces a list ("Possible reasons:", "This can happen
 * when:"): each item after it is a guess too, though it holds no guess
 * word ("- The address does not exist."). */
static bool
lists_guesses(const GString *g)
{
  for (size_t w = 0; guess_words[w]; w++) {
    const char *at = bn_strcasestr(g->str, g->len, guess_words[w]);
    if (at && at[strcspn(at, ".!:")] == ':')
      return true;
  }
  return false;
}

/* The words a status in prose follows ("answered with status 5.1.1"). */
static const char *const status_nouns[] = {"status", "code", "error", NULL};

/* Whether a paragraph after the address quotes a reply: a reply code, or
 * a status where a reply puts it (opening a line, after a label's colon,
 * "#", "(" or a quote, after "status": "Reason: 5.2.2 Mailbox full"). A
 * status after any other word is a product's version in the notice's
 * footer ("MailGate 4.2.1", "version 5.0.3") or a number in the copied
 * subject. */
static bool
quotes_reply(const char *s, size_t n)
{
  char st[16];
  if (bn_find_reply_code(s, n))
    return true;
  if (!bn_find_status(s, n, st))
    return false;
  const char *at = bn_strcasestr(s, n, st);
  while (at && at > s && (at[-1] == ' ' || at[-1] == '\t'))
    at--;
  if (at == NULL || at == s || strchr(":;<([\"'#=\n", at[-1]))
    return at != NULL;
  for (size_t i = 0; status_nouns[i]; i++) {
    size_t w = strlen(status_nouns[i]);
    if ((size_t)(at - s) >= w && g_ascii_strncasecmp(at - w, status_nouns[i], w) == 0 &&
        ((size_t)(at - s) == w || !is_word_byte(at[-(ptrdiff_t)w - 1])))
      return true;
  }
  return false;
}

/* Whether line l (prev the line before it) names an address other than
 * addr, not as the sender quoted in a reply nor as one offered for help:
 * the next recipient's line. */
static bool
other_recipient(const bn_span *prev, const bn_span *l, const char *addr, const GPtrArray *senders)
{
  char *found = bn_find_address(l->p, l->len);
  bool other = found != NULL && g_ascii_strcasecmp(found, addr) != 0 &&
               !sender_in_reply(l, found, senders) && !help_line(prev, l, found);
  g_free(found);
  return other;
}

/* The paragraph after, or after a line that announces it ("The
 * recipient's server responded:"), up to 4 lines: from *start to *stop.
 * False when the text ends first or it names another address (the next
 * recipient's). */
static bool
next_paragraph(bn_lines after, const char *addr, const GPtrArray *senders, const char **start,
               const char **stop)
{
  bn_span l = {NULL, 0}, prev = {NULL, 0};
  bool more;
  while ((more = bn_lines_next(&after, &l)) && l.len == 0)
    ;
  if (!more)
    return false; /* the text ends here */
  bn_lines peek = after;
  bn_span next;
  if (announces(&l) && bn_lines_next(&peek, &next) && next.len == 0) {
    after = peek;
    while ((more = bn_lines_next(&after, &l)) && l.len == 0)
      ;
    if (!more)
      return false;
  }
  /* the copy of the message's header ("Subject: Mailbox full - please
   * clean up" below an Exchange receipt's list): the sender's words */
  if (line_starts_with(&l, header_lines) || line_starts_with(&l, copy_lines))
    return false;
  *start = l.p;
  *stop = l.p + l.len;
  for (int k = 0; k < 4 && l.len > 0; k++) {
    if (other_recipient(&prev, &l, addr, senders))
      return false; /* the next recipient's */
    *stop = l.p + l.len;
    prev = l;
    if (!bn_lines_next(&after, &l))
      break;
  }
  return true;
}

/* An address whose paragraph says nothing of it, or no more than that it
 * failed, and the server's reply in the next one ("... to jan@example.cz."
 * / "Reason: ... Reply: 550 5.1.1 ..."), or in the one after a line that
 * announces it ("The recipient's server responded:"): that paragraph, when
 * it gives a reply code or a status and names no other address. */
static bool
reason_after(bounce_recipient *rc, bn_lines after, const char *addr, const GPtrArray *senders)
{
  bn_span l = {NULL, 0};
  /* the rest of the address's paragraph, when it only offers help ("Bei
   * Fragen wenden Sie sich an ..."), says nothing of it: the reply is in
   * the next one. Any other words there are its own (a cause in words),
   * and what follows them may be no longer about it: a product's version
   * ("MailGate 4.2.1") or the reply of another recipient. */
  bn_lines own = after;
  GString *rest = g_string_new(NULL);
  /* the rest of a list of addresses, one to a line ("anna@...\n
   * bob@...\n\nReason: 552 ..."): the reason after the list is each
   * one's, in the next paragraph, or in the lines after the list up to
   * the next address alone ("bob@...\nReason: 552 ...\ncarl@..."), when
   * they name no other address and stand no deeper than the list (an
   * address's own lines, under it) */
  bool list = true, tail = false;
  size_t items = 0, indent = 0;
  const char *start = NULL, *stop = NULL;
  bn_span prev = {NULL, 0};
  for (int k = 0; bn_lines_next(&after, &l) && l.len > 0; prev = l) {
    g_string_append_len(rest, l.p, (gssize)l.len);
    g_string_append_c(rest, ' ');
    char *found = bn_find_address(l.p, l.len);
    bool alone = found && (address_alone(&l, found) || named_mailbox(&l, found));
    g_free(found);
    if (list && alone) {
      items++;
      indent = bn_span_indent(&l);
      continue;
    }
    if (list) {
      list = false;
      tail = items > 0 && bn_span_indent(&l) <= indent;
      start = l.p;
    } else if (alone) {
      items = 0; /* the next item: the tail is over */
    }
    if (tail && items && other_recipient(&prev, &l, addr, senders))
      tail = false;
    if (tail && items && k++ < 4)
      stop = l.p + l.len;
  }
  bn_squeeze(rest);
  if (!tail && !(list && rest->len) && !only_help(rest->str, rest->len))
    after = own;
  g_string_free(rest, TRUE);
  if (!tail && !next_paragraph(after, addr, senders, &start, &stop))
    return false;
  size_t n = (size_t)(stop - start);
  if (n == 0)
    return false;
  if (quotes_reply(start, n)) {
    bn_prose_add_diagnostic(rc, start, n);
    return true;
  }
  /* without a code, a paragraph that names a cause ("Der Empfänger
   * existiert nicht.") when the address's own words named none, as what
   * happened: the sentences that list what could have ("This can happen
   * when the mailbox is full") are left out */
  bool named = rc->diagnostic && bn_text_cause(rc->diagnostic, strlen(rc->diagnostic)) != BOUNCE_CAUSE_UNDEFINED;
  GString *said = g_string_new_len(start, (gssize)n);
  bn_squeeze(said); /* one line, single spaces: what blank_sentences reads */
  bool listed = lists_guesses(said);
  blank_sentences(said, guess_words, ".!");
  bool gives = !named && !listed && bn_text_cause(said->str, said->len) != BOUNCE_CAUSE_UNDEFINED;
  if (gives)
    bn_prose_add_diagnostic(rc, said->str, said->len);
  g_string_free(said, TRUE);
  return gives;
}

/* The bounce goes back to the original sender: the addresses it is sent to
 * are the sender's, never a failed recipient. */
static bool
is_bounce_addressee(const bn_view *v, const char *addr)
{
  const char *to = bn_view_header(v, "To");
  return to && bn_strcasestr(to, strlen(to), addr) != NULL;
}

/* The line of text naming rc: its address, or its local part opening a
 * line ("\txander (user not found)"); sets *name to what was found. */
static bool
line_naming(const bn_view *v, size_t len, const bounce_recipient *rc, bn_lines *it, bn_span *line,
            char **name)
{
  const char *at = strchr(rc->address, '@');
  char *local = at ? g_strndup(rc->address, (size_t)(at - rc->address)) : NULL;
  size_t ll = local ? strlen(local) : 0;
  bn_lines_init(it, v->text->str, len);
  while (bn_lines_next(it, line)) {
    if (line_starts_with(line, header_lines) || bn_has_prefix_ci(line->p, "Final-Recipient:") ||
        bn_has_prefix_ci(line->p, "Original-Recipient:"))
      continue;
    if (bn_strcasestr(line->p, line->len, rc->address)) {
      *name = g_strdup(rc->address);
      g_free(local);
      return true;
    }
    bn_span t = *line;
    bn_span_trim(&t);
    if (ll > 1 && t.len > ll && g_ascii_strncasecmp(t.p, local, ll) == 0 &&
        (t.p[ll] == ' ' || t.p[ll] == ':')) {
      *name = local;
      return true;
    }
  }
  g_free(local);
  return false;
}

/* A delivery-status part said who but not why: the notification's own
 * paragraph about the recipient says it ("Failed to deliver to '<a@b>'",
 * then "account is full (quota exceeded)"). No recipient is added. */
static void
complete(const bn_view *v, bounce_report *r)
{
  if (v->dsn->len == 0)
    return;
  gssize end = bn_original_find_inline(v->text->str, v->text->len);
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  GPtrArray *senders = returned_senders(v, r, end);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bn_lines it;
    bn_span line;
    char *name = NULL;
    /* delivered or relayed: there is no "why" to look for */
    if (rc->diagnostic || rc->address == NULL || bn_rcpt_succeeded(rc) ||
        !line_naming(v, len, rc, &it, &line, &name))
      continue;
    collect_diagnostic(rc, &line, name, it, senders);
    g_free(name);
  }
  g_ptr_array_free(senders, TRUE);
}

/* The worst class a reply code or a status quoted for this address gives:
 * 5 a final refusal (a warning may still quote one), 4 a passing one, 2 or
 * 0 (nothing quoted) none. */
static int
quoted_class(const bounce_recipient *rc)
{
  const char *d = rc->diagnostic;
  char st[16];
  if (d == NULL)
    return 0;
  size_t n = strlen(d);
  int code = bn_find_reply_code(d, n) / 100;
  int status = bn_find_status(d, n, st) ? st[0] - '0' : 0;
  return MAX(code, status);
}

/* The success sentence is about the others ("It was successfully
 * delivered to all other recipients"), so this address is not among them.
 * Read in that sentence only: a success notice may add "Delivery to other
 * recipients will be reported separately" and still name no failure. */
static bool
success_is_others(const char *d)
{
  for (size_t w = 0; delivered_words[w]; w++) {
    const char *at = bn_strcasestr(d, strlen(d), delivered_words[w]);
    if (at == NULL)
      continue;
    const char *rest = at + strlen(delivered_words[w]);
    if (bn_strcasestr(rest, strcspn(rest, ".!:"), "other recipient"))
      return true;
  }
  return false;
}

/* The words about the address name a failure: its cause, or that it was
 * not delivered. A success sentence among them, which the address may have
 * taken as its words ("... is complete, but no delivery notification was
 * sent", "It was successfully delivered to the remaining addresses"), names
 * none: only the words outside it are read. */
static bool
names_failure(const bounce_recipient *rc)
{
  if (rc->diagnostic == NULL)
    return false;
  if (success_is_others(rc->diagnostic))
    return true;
  GString *g = g_string_new(rc->diagnostic);
  blank_sentences(g, relayed_words, ".!:");
  blank_sentences(g, delivered_words, ".!:");
  bounce_cause c = bn_text_cause(g->str, g->len);
  bool failed = (c != BOUNCE_CAUSE_UNDEFINED && c != BOUNCE_CAUSE_DELIVERED) ||
                says_failed(g->str, g->len);
  g_string_free(g, TRUE);
  return failed;
}

/* The notification's first lines, up to the copy: all it says about a
 * recipient it does not name. */
static void
notification_as_diagnostic(const bn_view *v, bounce_recipient *rc, size_t len)
{
  if (rc == NULL || rc->diagnostic)
    return;
  bn_lines it;
  bn_span line;
  bn_lines_init(&it, v->text->str, len);
  for (int k = 0; k < 12 && bn_lines_next(&it, &line);)
    if (line.len > 0) {
      bn_prose_add_diagnostic(rc, line.p, line.len);
      k++;
    }
}

/* The returned message went to one address and the notification names
 * none ("Message could not be delivered to mobile."): that address failed,
 * and the notification's text, up to the copy, is all it says about it. */
static void
sole_original_recipient(const bn_view *v, bounce_report *r, gssize end)
{
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  if (end >= 0 && bn_report_original(r, "To")[0] == '\0')
    bn_original_from_text(r, v->text->str + end, v->text->len - len, v->opts);
  const char *to = bn_report_original(r, "To");
  InternetAddressList *list = to[0] ? internet_address_list_parse(NULL, to) : NULL;
  char *addr = list && internet_address_list_length(list) == 1 ? bn_list_address(list, 0) : NULL;
  if (addr && !is_mail_system(addr) && !is_bounce_addressee(v, addr) &&
      g_ascii_strcasecmp(addr, v->from_addr) != 0)
    notification_as_diagnostic(v, bn_prose_recipient(r, addr), len);
  g_free(addr);
  if (list)
    g_object_unref(list);
}

/* The failed addresses a header lists (X-Failed-Recipients, which Exim and
 * its descendants add whatever language the text is in), when the text
 * names none of them. */
static void
header_recipients(const bn_view *v, bounce_report *r, size_t len)
{
  const char *h = bn_view_header(v, "X-Failed-Recipients");
  InternetAddressList *list = h ? internet_address_list_parse(NULL, h) : NULL;
  int n = list ? internet_address_list_length(list) : 0;
  for (int i = 0; i < n && (size_t)i < r->max_recipients; i++) {
    char *addr = bn_list_address(list, i);
    if (addr)
      notification_as_diagnostic(v, bn_prose_recipient(r, addr), len);
    g_free(addr);
  }
  if (list)
    g_object_unref(list);
}

/* Also the last resort for a delivery-status part that gives no
 * diagnostic: it completes those recipients and returns false, so that the
 * report stays the part's. */
static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) > 0) {
    complete(v, r);
    return false; /* the report's own fields said who */
  }
  /* labelled fields (收件人, 退信原因) from a sender no recognizer names:
   * a business's domain on Tencent Exmail or Aliyun Mail */
  if (bn_cn_notice_claim(v) && bn_cn_notice_read(v, r))
    return true;
  gssize end = bn_original_find_inline(v->text->str, v->text->len);
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  const char *sender = bn_report_original(r, "From");
  GPtrArray *senders = returned_senders(v, r, end);
  bn_lines it;
  bn_span line, prev = {NULL, 0};
  /* the paragraph the line is in, and the one before it */
  bn_span para = {NULL, 0}, before = {NULL, 0};
  const char *cued_item = NULL; /* the last line a cued address opened */
  /* the addresses whose own sentence says the message is still queued
   * for them, and those whose sentence says it failed */
  GPtrArray *warned = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *failed = g_ptr_array_new_with_free_func(g_free);
  /* The addresses listed, one to a line, under a heading that says they
   * got the message ("The following addresses were delivered:"), to the
   * first blank line or line without an address after the list, or to
   * one that quotes a failure: no failed recipients. */
  GPtrArray *succeeded = g_ptr_array_new_with_free_func(g_free);
  bool in_success = false;
  bn_lines_init(&it, v->text->str, len);
  while (bn_lines_next(&it, &line)) {
    if (line.len == 0) {
      if (para.p)
        before = para;
      para.p = NULL;
    } else if (para.p == NULL) {
      para = line;
    } else {
      para.len = (size_t)(line.p + line.len - para.p);
    }
    /* "> ..." is a person's quote of an earlier message (a transcript's
     * ">>> RCPT TO" is not one) */
    bool quote = line.len >= 2 && line.p[0] == '>' && line.p[1] == ' ';
    char *addr = line.len && !quote ? first_not_sender(&line) : NULL;
    if (announces(&line)) {
      in_success = announces_success(&line, para.p != line.p ? &prev : NULL);
    } else if (in_success && (line.len == 0 ? succeeded->len > 0 : addr == NULL)) {
      in_success = false;
    } else if (in_success && addr &&
               (bn_find_reply_code(line.p, line.len) >= 400 ||
                bn_prose_has_any(line.p, line.len, failed_words))) {
      in_success = false;
    }
    if (in_success && addr && !listed(succeeded, addr))
      g_ptr_array_add(succeeded, g_strdup(addr));
    /* the returned message's sender quoted in a reply is no recipient when
     * the reply is another's, one found above: a notice that names no
     * other may quote the recipient of a message sent to oneself */
    if (addr == NULL || is_mail_system(addr) || g_ascii_strcasecmp(addr, v->from_addr) == 0 ||
        (sender[0] && bn_strcasestr(sender, strlen(sender), addr)) ||
        named_as_sender(&line, addr) ||
        sender_in_reply(&line, addr, bn_report_count(r) ? senders : NULL) ||
        line_starts_with(&line, header_lines) || bn_strcasestr(line.p, line.len, "mailto:") ||
        bn_strcasestr(line.p, line.len, "http")) {
      g_free(addr);
      if (line.len)
        prev = line;
      continue;
    }
    /* an address the notice offers for help, or one its sentence says
     * got the message, is no failed recipient */
    const char *at = bn_strcasestr(line.p, line.len, addr);
    const bn_span *joined = para.p != line.p ? &prev : NULL;
    bn_lines peek = it;
    bn_span next = {NULL, 0};
    if (!bn_lines_next(&peek, &next))
      next.len = 0;
    if (at && (offered_for_help(joined, &line, at, strlen(addr)) ||
               said_delivered(joined, &line, at, strlen(addr), &next))) {
      g_free(addr);
      prev = line;
      continue;
    }
    bool alone = address_alone(&line, addr);
    /* an item of a list whose first item the cue was for ("... to the
     * following recipients:" / "anna@... (anna@...)" / "bob@... (bob@...)") */
    bool item = at && at == line.p + strspn(line.p, " \t<\"'");
    bool named = !alone && named_mailbox(&line, addr);
    bool cue = alone || has_cue(&line) || (prev.p && has_cue(&prev)) ||
               (item && para.p != line.p && prev.p == cued_item) ||
               (named && list_item(r, &prev));
    if (cue && item)
      cued_item = line.p;
    if (cue) {
      bounce_recipient *rc = bn_prose_recipient(r, addr);
      bool fresh = rc && rc->diagnostic == NULL;
      bool w, f;
      if (at && rc && !listed(warned, rc->address) && !listed(failed, rc->address)) {
        sentence_says(joined, &line, at, strlen(addr), &next, &w, &f);
        if (w || f)
          g_ptr_array_add(w ? warned : failed, g_strdup(rc->address));
      }
      if (fresh)
        collect_diagnostic(rc, &line, addr, it, senders);
      /* nothing said on the address's own lines, or no code ("... could
       * not be delivered."): the reply in the next paragraph, else (an
       * address alone) the reason in the one before */
      if (fresh && quoted_class(rc) == 0 && !reason_after(rc, it, addr, senders) &&
          rc->diagnostic == NULL && alone && para.p == line.p && before.p)
        reason_before(rc, &before);
    }
    g_free(addr);
    prev = line;
  }
  /* The bounce's own addressee is the sender, unless it is all there is
   * (a bounce sent to the failed address itself, or to a list). */
  size_t n = bn_report_count(r), others = 0;
  for (size_t i = 0; i < n; i++)
    others += !is_bounce_addressee(v, bn_report_rcpt(r, i)->address);
  for (size_t i = n; others > 0 && i-- > 0;)
    if (is_bounce_addressee(v, bn_report_rcpt(r, i)->address))
      bn_report_remove(r, i);
  /* the addresses listed as delivered are no failed recipients: they are
   * reported delivered, as a delivery-status part's would be, beside those
   * that failed or alone (a success notice); unless what is said of one
   * quotes a refusal or names a failure ("Delivered to: / a@b / Status:
   * failed / 550 5.1.1 User unknown" is a form's field, not a success
   * list). A reason written under the failed ones is not theirs. */
  bool any_failed = false;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bool refused = listed(succeeded, rc->address) && (quoted_class(rc) >= 4 || names_failure(rc));
    for (guint k = succeeded->len; refused && k-- > 0;)
      if (g_ascii_strcasecmp(g_ptr_array_index(succeeded, k), rc->address) == 0)
        g_ptr_array_remove_index(succeeded, k);
    any_failed |= !listed(succeeded, rc->address);
  }
  for (size_t i = 0; succeeded->len && i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (!listed(succeeded, rc->address))
      continue;
    if (any_failed)
      bn_set_str(&rc->diagnostic, NULL);
    bn_prose_set_action(rc, "delivered");
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "2.0.0", BOUNCE_SOURCE_DERIVED);
  }
  g_ptr_array_free(succeeded, TRUE);
  g_ptr_array_free(senders, TRUE);
  if (bn_report_count(r) == 0)
    header_recipients(v, r, len);
  if (bn_report_count(r) == 0)
    sole_original_recipient(v, r, end);
  /* a warning: every address is still queued, unless the warning is said
   * of some addresses and the sentence of this one says it failed */
  bool subject_failed = !bn_subject_has(v, warning_words) &&
                        (bn_subject_has(v, failed_words) || bn_subject_has(v, failed_subject_words));
  bool warning = bn_subject_has(v, warning_words) ||
                 bn_prose_has_any(v->text->str, len, subject_failed ? queued_words : warning_words);
  if (warning)
    for (size_t i = 0; i < bn_report_count(r); i++) {
      bounce_recipient *rc = bn_report_rcpt(r, i);
      if (quoted_class(rc) < 5 && !(warned->len && listed(failed, rc->address)))
        bn_prose_set_action(rc, "delayed");
    }
  g_ptr_array_free(warned, TRUE);
  g_ptr_array_free(failed, TRUE);
  /* a success notice the words above drew in: the addresses it names
   * got the message (the fields of its report part, where it has one,
   * were read before this), unless the words about an address say it
   * failed (a failure notice may add that the others got it) */
  const char *done = bn_prose_has_any(v->text->str, len, relayed_words)     ? "relayed"
                     : bn_prose_has_any(v->text->str, len, delivered_words) ? "delivered"
                                                                            : NULL;
  for (size_t i = 0; done && i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (quoted_class(rc) < 4 && !names_failure(rc)) {
      bn_prose_set_action(rc, done);
      bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "2.0.0", BOUNCE_SOURCE_DERIVED);
    }
  }
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_fallback = {"unknown", claim, extract};
