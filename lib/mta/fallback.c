/* The last resort for a bounce from an MTA no recognizer knows: a message
 * that presents itself as a bounce (a mail-system sender, an empty
 * Return-Path, a bounce subject) whose prose names the recipient near words
 * such as "recipient", "failed" or "unknown". The recipient's paragraph is
 * its diagnostic; the classifier does the rest. Kept strict: a person's
 * message never gets here (bn_view_looks_like_bounce), and an address must
 * stand where bounces put the failed recipient. */
#include "fallback.h"
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
  /* French prose of a notice whose subject says none of the above ("Votre
   * message n'a pas pu être remis aux destinataires suivants"), as German
   * prose says "nicht zugestellt" */
  "pas pu être remis", "pas pu être distribué",
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

/* Words of a warning: the message is still queued, nothing failed yet
 * (Courier's "Your message to the following recipients has not been
 * delivered yet", MDaemon's "The attached message has encountered
 * temporary delivery problems"). */
#define STILL_QUEUED                                                                            \
  "warning message only", "this is a warning", "has been delayed", "delivery delayed",          \
      "(delay)", "will keep trying", "will continue to try", "will retry", "nur eine warnung"
static const char *const warning_words[] = {
  STILL_QUEUED, "not yet been delivered", "not been delivered yet", "temporary delivery problems",
  BN_NOT_YET_DELIVERED, NULL,
};

/* Words that say the server gave up on a message it had queued: "has
 * not been delivered yet" or "temporary delivery problems" then tell where
 * the message stood when it was dropped ("It has been removed from the
 * queue and no further attempts will be made", Sendmail's "Message will be
 * deleted from queue", "Die Zustellung wurde abgebrochen und die Nachricht
 * gelöscht", "will not be retried", "retries exhausted", "the server gave
 * up"), not that it is still queued. Only words past doubt: "before
 * giving up" and "further attempts will be made" close a delay notice. */
static const char *const given_up_words[] = {
  "no further attempts", "removed from the queue", "deleted from queue", "deleted from the queue",
  "zustellung wurde abgebrochen", "will not be retried", "no further retries", "no more retries",
  "retries exhausted", "gave up", "has given up", "keine weiteren zustellversuche",
  "no se volverá a intentar", "non verranno effettuati ulteriori tentativi", NULL,
};

/* Words that say a message's delivery is late ("Delivery delayed", "THIS
 * IS A WARNING MESSAGE ONLY"), which the other warning words do not: "this
 * is a warning" also opens a quota warning to the mailbox's owner.
 * MDaemon's "has encountered temporary delivery problems" needs no row:
 * its "delivery problem" is a bounce's words (subject_words). */
static const char *const delay_words[] = {
  "warning message only", "has been delayed", "delivery delayed", "delivery is delayed",
  "delayed mail", "(delay)", "not yet been delivered", "has not been delivered yet",
  BN_NOT_YET_DELIVERED, NULL,
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

/* Sentences a notice opens with to say that the delivery failed, which
 * the words of a subject do not hold: Gmail's "Delivery to the following
 * recipient failed permanently:" (copied by gateways and hosted
 * services), qmail-send's "I'm afraid I wasn't able to deliver your
 * message to the following addresses.", Yahoo's "Sorry, we were unable to
 * deliver your message to the following address." and its older "Unable
 * to deliver message to the following address(es).", SmarterMail's "Could
 * not deliver message to the following recipient(s):", Courier's "Your
 * message to the following recipients cannot be delivered:", a hosted
 * gateway's "We had trouble delivering your message.", Exchange Online's
 * "Your message couldn't be delivered" and "Your message wasn't delivered
 * to ...", Exchange's and hMailServer's "Your message did not reach some
 * or all of the intended recipients." / "The following recipient(s) could
 * not be reached:", Exchange 5.5's "did not reach the following
 * recipient(s):" (exchange2003.c), Sendmail's "The following addresses
 * had permanent fatal errors" and MDaemon's "PERMANENT fatal delivery
 * errors". Read in
 * the text only: a subject says them as "Undeliverable:" and the like. */
static const char *const failed_notice_words[] = {
  "failed permanently", "wasn't able to deliver", "unable to deliver your message",
  "unable to deliver message", "could not deliver message", "recipients cannot be delivered",
  "trouble delivering your message", "message couldn't be delivered", "message wasn't delivered",
  "did not reach some or all", "did not reach the following recipient",
  "recipient(s) could not be reached", "recipients could not be reached", "permanent fatal", NULL,
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
  NOT_DELIVERED, BN_NOT_YET_DELIVERED, NULL,
};

/* Words that say the message failed for good ("could not be delivered
 * to anna@..."), where another address's sentence says it is still queued
 * ("... to ines@... has not yet been delivered"): the warning is not this
 * address's. */
static const char *const failed_words[] = {
  "could not be delivered", "couldn't be delivered", "not delivered", "undeliverable",
  NOT_DELIVERED, NULL,
};

/* Lines of the copied original's header, where addresses are not recipients. */
static const char *const header_lines[] = {
  "from:", "return-path:", "reply-to:", "sender:", "message-id:", "received:", "x-", "cc:",
  "in-reply-to:", "references:", "envelope-from", "dkim-signature", "list-", NULL,
};
/* The copied header's recipients: a notice may write the field too, but
 * the lines under it are the copy's, not what was said of them. */
static const char *const to_field[] = {"to:", NULL};
/* and those that name no address, where words are not a reason */
static const char *const copy_lines[] = {"subject:", NULL};

/* One of the predicates stated in s[0..len). */
static bool
ja_failed_said(const char *s, size_t len, const char *const *predicates)
{
  const char *end = s + len;
  for (size_t i = 0; predicates[i]; i++) {
    size_t n = strlen(predicates[i]);
    for (const char *p = s; p < end && (p = g_strstr_len(p, end - p, predicates[i])); p += n) {
      const char *after = p + n;
      after += bn_opens_with_any(after, end, ja_tenses);
      if (bn_opens_with_any(after, end, ja_said) || !bn_opens_with_any(after, end, ja_unsaid))
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

/* Words that open a condition ("... are returned when a member's address
 * fails", "... wenn die Adresse ..."): what follows says what may
 * happen, not what happened to the address before it. */
static const char *const condition_words[] = {"when ", "if ", "unless ", "wenn ", "falls ",
                                              "quand ", "lorsque ", "cuando ", NULL};

/* The length of s up to the first word of condition_words, or len. */
static size_t
before_condition(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if ((i == 0 || !bn_word_byte(s[i - 1])) &&
        bn_opens_with_any(s + i, s + len, condition_words))
      return i;
  return len;
}

/* The length of s up to the end of its first sentence: an end mark
 * before a blank ("... for misspellings. If you find an error, ..."),
 * not the dots of an ellipsis ("anna@...... User unknown"); or len. */
static size_t
first_sentence(const char *s, size_t len)
{
  for (size_t i = 0; i + 1 < len; i++)
    if (strchr(".!?", s[i]) && s[i] && (s[i + 1] == ' ' || s[i + 1] == '\t') &&
        (i == 0 || s[i - 1] != '.'))
      return i + 1;
  return len;
}

/* l, which has a cue, has it beside the address it names (addr, or the
 * first it holds when NULL): an address's own words ("user1@",
 * "mailbox-admin@", "error-reports@") say nothing of it. */
static bool
cue_beside_address(const bn_span *l, const char *addr)
{
  char *found = addr ? NULL : bn_find_address(l->p, l->len);
  const char *name = addr ? addr : found;
  const char *at = name ? bn_strcasestr(l->p, l->len, name) : NULL;
  bool cue = true;
  if (at) {
    const char *end = at + strlen(name);
    /* in its own sentence: "This mailbox is not monitored. Replies to
     * noreply@... " names no recipient, nor does AOL's 'Check the "anna"
     * part of "anna@..." for misspellings. If you find an error, correct
     * it in your ... address book' */
    const char *from = bn_fb_sentence_start(l->p, at);
    bn_span before = {from, (size_t)(at - from)}, after = {end, l->len - (size_t)(end - l->p)};
    after.len = before_condition(after.p, first_sentence(after.p, after.len));
    cue = has_cue(&before) || has_cue(&after);
  }
  g_free(found);
  return cue;
}

/* Words that put a sentence's failure in the future or in a forecast:
 * "you will be unable to deliver messages" (a password's expiry), "some
 * senders will see that their message couldn't be delivered" (a mailbox
 * move), "... wasn't delivered to the members yet" (a post held for
 * moderation). */
static const char *const foretold_words[] = {"will", "would", "'ll", "might", NULL};
static const char *const still_words[] = {"yet", NULL};

/* The end of the sentence going on at at..end: its end mark, colon or
 * blank line, or end. */
static const char *
sentence_end(const char *at, const char *end)
{
  for (const char *p = at; p < end && *p; p++)
    if (strchr(".!?:", *p) || (*p == '\n' && p + 1 < end && p[1] == '\n'))
      return p;
  return end;
}

/* Whether s[0..len) states one of the notice sentences of
 * failed_notice_words: a match whose sentence, up to it, opens no
 * condition ("If your message wasn't delivered, you will get a notice"
 * in a welcome or a help text says what may happen) and foretells
 * nothing, that asks no question ("Unable to deliver your message?
 * Contact the helpdesk" in a notice's footer) and does not say "yet". The
 * sentence starts after the last end mark, colon or blank line before the
 * match. */
static bool
states_failed_notice(const char *s, size_t len)
{
  const char *end = s + len;
  for (size_t i = 0; failed_notice_words[i]; i++) {
    size_t n = strlen(failed_notice_words[i]);
    for (const char *p = s; p < end; p++) {
      const char *hit = bn_prose_find(p, (size_t)(end - p), failed_notice_words[i]);
      if (hit == NULL)
        break;
      const char *from = hit;
      while (from > s && !strchr(".!?:", from[-1]) && !(from[-1] == '\n' && from - 1 > s &&
                                                          from[-2] == '\n'))
        from--;
      const char *stop = sentence_end(hit, end);
      size_t before = (size_t)(hit - from);
      if (!bn_fb_has_any_word(from, before, condition_words) &&
          !bn_fb_has_any_word(from, before, foretold_words) && !(stop < end && *stop == '?') &&
          !bn_fb_has_any_word(hit, (size_t)(stop - hit), still_words))
        return true;
      p = hit + n - 1;
    }
  }
  return false;
}

bool
bn_says_failed(const char *s, size_t len)
{
  return says_failed(s, len);
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
  size_t head = bn_view_own_len(v, 4096);
  if (says_failed(v->text->str, head) ||
      states_failed_notice(v->text->str, head) ||
      bn_subject_has(v, delay_words) ||
      bn_prose_has_any(v->text->str, head, delay_words))
    return true;
  /* "Your parcel has been delivered to the following address", "Your fax
   * was successfully delivered to ...": a shop's, a carrier's or a fax
   * service's notice says it too, marked auto-generated as any automated
   * mail, and the postmaster's own answer to a user ("I checked the logs:
   * your message was successfully delivered to ..."). A report of delivery
   * comes from the mail system with the null envelope sender (RFC 3461);
   * one saved without its Return-Path, from the mail system's sender. */
  bool mail_system = v->report_type[0] || v->dsn->len || bn_view_null_sender(v) ||
                     (bn_view_header(v, "Return-Path") == NULL && bn_view_from_mailer(v));
  return mail_system && (bn_prose_has_any(v->text->str, head, delivered_words) ||
                         bn_prose_has_any(v->text->str, head, relayed_words));
}

/* addr's domain is the notice's sender's or one above it
 * ("support@hosting.example" from "MAILER-DAEMON@mail.hosting.example"):
 * the reporting system's own mailbox. */
static bool
reporter_domain(const char *addr, const char *from)
{
  const char *a = strrchr(addr, '@'), *f = strrchr(from, '@');
  return a && f && bn_host_within(f + 1, a + 1);
}

/* The mailbox a mail system sends its notices from, which no person
 * writes from (postmaster@ is also a person's, who may write to a user). */
static bool
is_notice_sender(const char *addr)
{
  static const char *const locals[] = {"mailer-daemon@", "mail-daemon@", "mailerdaemon@", NULL};
  for (size_t i = 0; locals[i]; i++)
    if (bn_has_prefix_ci(addr, locals[i]))
      return true;
  return false;
}

static bool
is_mail_system(const char *addr)
{
  return bn_has_prefix_ci(addr, "postmaster@") || is_notice_sender(addr);
}

/* A mailbox of the reporting system's own domain that takes no replies
 * ("noreply@", "helpdesk-noreply@", "do-not-reply@"), which a notice
 * names as its own ("Mail to noreply@... is rejected; do not reply to
 * this message"): no recipient of the message it reports on, unless the
 * notice names no other (extract). */
static bool
reporter_no_reply(const char *addr, const char *from)
{
  const char *at = strrchr(addr, '@');
  return at && reporter_domain(addr, from) &&
         bn_prose_has_any(addr, (size_t)(at - addr), bn_no_reply_locals);
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

/* The copied original's header: a line that names its sender or its
 * subject, where neither an address nor words are the recipient's. */
bool
bn_fb_copied_header(const bn_span *l)
{
  return line_starts_with(l, header_lines) || line_starts_with(l, copy_lines);
}

/* True when the line is nothing but the address (maybe in <>). */
bool
bn_fb_address_alone(const bn_span *l, const char *addr)
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
bool
bn_fb_named_mailbox(const bn_span *l, const char *addr)
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
  /* the line is all name: "Dr. Anna Smith", "J. Smith" */
  return name.len > 0 && bn_fb_name_words(name.p, name.p + name.len, ":;,!?@<>()") == name.p;
}

/* Whether line l names one mailbox, and it is a recipient already: a list
 * item, whose next line of the same kind is the next item ("Anna Smith
 * <anna@...>" / "Bob Jones <bob@...>"), where a name alone beside an
 * address may be a signature ("Customer Service <help@...>"). */
static bool
list_item(bounce_report *r, const bn_span *l)
{
  char *a = l->p ? bn_find_address(l->p, l->len) : NULL;
  bool item = a && (bn_fb_address_alone(l, a) || bn_fb_named_mailbox(l, a)) && bn_report_find(r, a);
  g_free(a);
  return item;
}

/* Whether the sentence of the address at at says the message is still
 * queued for it (*warned) or failed for good (*failed). */
static void
sentence_says(const bn_span *prev, const bn_span *line, const char *at, size_t n,
              const bn_span *next, bool *warned, bool *failed)
{
  size_t head;
  GString *g = bn_fb_address_sentence(prev, line, at, n, next, &head);
  *warned = bn_prose_has_any(g->str, g->len, warning_words);
  *failed = !*warned && bn_prose_has_any(g->str, g->len, failed_words);
  g_string_free(g, TRUE);
}

/* A line on its own that ends in a colon and gives no code and no
 * address: it announces the paragraph that follows. */
bool
bn_fb_announces(const bn_span *line)
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
  if (!bn_fb_announces(line))
    return false;
  bn_span h = *line;
  if (prev && prev->len && !strchr(".!?:", prev->p[prev->len - 1])) {
    char *addr = bn_find_address(prev->p, prev->len);
    if (addr == NULL) {
      h.p = bn_fb_sentence_start(prev->p, prev->p + prev->len);
      h.len = (size_t)(line->p + line->len - h.p);
    }
    g_free(addr);
  }
  return bn_fb_says_success(h.p, h.len, 0);
}

/* The bounce goes back to the original sender: the addresses it is sent to
 * are the sender's, never a failed recipient. */
static bool
is_bounce_addressee(const bn_view *v, const char *addr)
{
  const char *to = bn_view_header(v, "To");
  return to && bn_strcasestr(to, strlen(to), addr) != NULL;
}

/* The header lines line_naming passes over. */
static bool
naming_skips(const bn_span *line)
{
  return line_starts_with(line, header_lines) || bn_has_prefix_ci(line->p, "Final-Recipient:") ||
         bn_has_prefix_ci(line->p, "Original-Recipient:");
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
    if (naming_skips(line))
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

/* ---- finding many addresses in one pass ----
 * Where each of a set of addresses is first named in a text (bn_strcasestr
 * of each from the text's start), found for all of them in one pass over
 * it: searching again for each address was the square of their number
 * (thousands of recipients, each named in the text). An address the pass
 * cannot find exactly is left to the caller's search (fb_finder_add). */

/* A local part or domain as a key, its hash kept so that the suffixes of a
 * run before an '@' (hashed from the right) and the prefixes of the run
 * after it (from the left) are each looked up in constant time. */
typedef struct {
  const char *p;
  size_t len;
  guint hash;
  int waiting; /* in fb_finder's sets: how many not found yet have it */
} fb_key;

static guint
key_step(guint h, char c)
{
  return h * 33 + (guchar)g_ascii_tolower(c);
}

static guint
fb_key_hash(gconstpointer k)
{
  return ((const fb_key *)k)->hash;
}

static gboolean
fb_key_equal(gconstpointer a, gconstpointer b)
{
  const fb_key *x = a, *y = b;
  if (x->len != y->len)
    return FALSE;
  for (size_t i = 0; i < x->len; i++)
    if (g_ascii_tolower(x->p[i]) != g_ascii_tolower(y->p[i]))
      return FALSE;
  return TRUE;
}

static fb_key
make_key(const char *p, size_t len, bool from_right)
{
  fb_key k = {p, len, 5381, 0};
  for (size_t i = 0; i < len; i++)
    k.hash = key_step(k.hash, p[from_right ? len - 1 - i : i]);
  return k;
}

/* Counts one more address not found yet with key k (a local part or a
 * domain), or (by -1) one fewer: a key no address waits for is dropped, so
 * that addresses found already cost the pass nothing more. */
static void
count_key(GHashTable *t, fb_key k, int by)
{
  fb_key *old = g_hash_table_lookup(t, &k);
  if (old == NULL && by > 0) {
    k.waiting = by;
    g_hash_table_add(t, g_memdup2(&k, sizeof k));
  } else if (old && (old->waiting += by) <= 0) {
    g_hash_table_remove(t, &k);
  }
}

/* An address as its local part's and its domain's keys. */
typedef struct {
  fb_key local, domain;
} fb_pair;

static guint
fb_pair_hash(gconstpointer p)
{
  const fb_pair *a = p;
  return a->local.hash * 31 + a->domain.hash;
}

static gboolean
fb_pair_equal(gconstpointer a, gconstpointer b)
{
  const fb_pair *x = a, *y = b;
  return fb_key_equal(&x->local, &y->local) && fb_key_equal(&x->domain, &y->domain);
}

/* A byte of the run an address stands in: an address made of these and
 * one '@' is in a text exactly where its local part ends the run before an
 * '@' and its domain opens the run after it. */
static bool
run_byte(char c)
{
  return c != '@' && c != '\0' && !g_ascii_isspace(c);
}

/* Index i was found, at where (its address, or the line its local part
 * opens). */
typedef void (*fb_found)(void *data, size_t i, const char *where, bool whole);

typedef struct {
  GHashTable *locals, *domains; /* sets of fb_key, pointing into the addresses */
  GHashTable *addresses;        /* fb_pair -> GPtrArray of indexes */
  GPtrArray *added;             /* the address of each index, or NULL */
  GArray *pairs;                /* of fb_pair: each index's keys */
  GHashTable *words;            /* lowercased local part -> GPtrArray of indexes */
  size_t max_local, max_domain;
  GArray *done; /* of bool, by index: found already */
  size_t left;  /* added, not found yet */
  fb_found found;
  void *data;
  GArray *lk, *dk; /* scratch: the fb_keys that are a local part, a domain */
  GArray *lh, *dh; /* scratch: the hash of each suffix, prefix length */
} fb_finder;

static void
free_array(gpointer a)
{
  g_ptr_array_free(a, TRUE);
}

static fb_finder *
fb_finder_new(fb_found found, void *data)
{
  fb_finder *f = g_new0(fb_finder, 1);
  f->locals = g_hash_table_new_full(fb_key_hash, fb_key_equal, g_free, NULL);
  f->domains = g_hash_table_new_full(fb_key_hash, fb_key_equal, g_free, NULL);
  f->addresses = g_hash_table_new_full(fb_pair_hash, fb_pair_equal, g_free, free_array);
  f->added = g_ptr_array_new();
  f->pairs = g_array_new(FALSE, TRUE, sizeof(fb_pair));
  f->lh = g_array_new(FALSE, FALSE, sizeof(guint));
  f->dh = g_array_new(FALSE, FALSE, sizeof(guint));
  f->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_array);
  f->done = g_array_new(FALSE, TRUE, sizeof(bool));
  f->found = found;
  f->data = data;
  f->lk = g_array_new(FALSE, FALSE, sizeof(fb_key));
  f->dk = g_array_new(FALSE, FALSE, sizeof(fb_key));
  return f;
}

static void
fb_finder_free(fb_finder *f)
{
  g_hash_table_destroy(f->locals);
  g_hash_table_destroy(f->domains);
  g_hash_table_destroy(f->addresses);
  g_hash_table_destroy(f->words);
  g_array_free(f->done, TRUE);
  g_array_free(f->lk, TRUE);
  g_array_free(f->dk, TRUE);
  g_ptr_array_free(f->added, TRUE);
  g_array_free(f->pairs, TRUE);
  g_array_free(f->lh, TRUE);
  g_array_free(f->dh, TRUE);
  g_free(f);
}

static void
index_add(GHashTable *t, gpointer key, size_t i)
{
  GPtrArray *a = g_hash_table_lookup(t, key);
  if (a == NULL) {
    a = g_ptr_array_new();
    g_hash_table_insert(t, key, a);
  } else {
    g_free(key);
  }
  g_ptr_array_add(a, GSIZE_TO_POINTER(i));
}

static fb_pair
address_pair(const char *addr)
{
  const char *at = strchr(addr, '@');
  return (fb_pair){make_key(addr, (size_t)(at - addr), true),
                   make_key(at + 1, strlen(at + 1), false)};
}

/* Adds address addr (kept alive by the caller) as index i; with words, its
 * local part opening a line is looked for too (fb_find_word). False when
 * the pass cannot find it exactly: not one '@' between a local part and a
 * domain made of run bytes, or (words) a colon in the local part. */
static bool
fb_finder_add(fb_finder *f, const char *addr, size_t i, bool words)
{
  const char *at = strchr(addr, '@');
  if (at == NULL || at == addr || at[1] == '\0' ||
      (words && memchr(addr, ':', (size_t)(at - addr))))
    return false;
  for (const char *p = addr; *p; p++)
    if (p != at && !run_byte(*p))
      return false;
  size_t ll = (size_t)(at - addr);
  fb_pair pair = address_pair(addr);
  count_key(f->locals, pair.local, 1);
  count_key(f->domains, pair.domain, 1);
  f->max_local = MAX(f->max_local, ll);
  f->max_domain = MAX(f->max_domain, strlen(at + 1));
  index_add(f->addresses, g_memdup2(&pair, sizeof pair), i);
  if (words && ll > 1)
    index_add(f->words, g_ascii_strdown(addr, (gssize)ll), i);
  if (f->done->len <= i)
    g_array_set_size(f->done, i + 1);
  if (f->added->len <= i)
    g_ptr_array_set_size(f->added, (guint)i + 1);
  f->added->pdata[i] = (gpointer)addr;
  if (f->pairs->len <= i)
    g_array_set_size(f->pairs, (guint)i + 1);
  g_array_index(f->pairs, fb_pair, i) = pair;
  f->left++;
  return true;
}

static void
found_all(fb_finder *f, GPtrArray *a, const char *where, bool whole)
{
  for (guint k = 0; a && k < a->len; k++) {
    size_t i = GPOINTER_TO_SIZE(a->pdata[k]);
    if (g_array_index(f->done, bool, i))
      continue;
    g_array_index(f->done, bool, i) = true;
    f->left--;
    fb_pair pair = g_array_index(f->pairs, fb_pair, i);
    count_key(f->locals, pair.local, -1);
    count_key(f->domains, pair.domain, -1);
    f->found(f->data, i, where, whole);
  }
}

/* The addresses that stand around the '@' at at, within p..end. */
static void
find_at(fb_finder *f, const char *p, const char *end, const char *at)
{
  g_array_set_size(f->lk, 0);
  g_array_set_size(f->dk, 0);
  g_array_set_size(f->lh, 1);
  g_array_set_size(f->dh, 1);
  fb_key k = {NULL, 0, 5381, 0};
  for (size_t n = 1; n <= f->max_local && n <= (size_t)(at - p) && run_byte(at[-(ptrdiff_t)n]); n++) {
    k = (fb_key){at - n, n, key_step(k.hash, at[-(ptrdiff_t)n]), 0};
    g_array_append_val(f->lh, k.hash);
    if (g_hash_table_contains(f->locals, &k))
      g_array_append_val(f->lk, k);
  }
  k = (fb_key){NULL, 0, 5381, 0};
  for (size_t n = 1; f->lk->len && n <= f->max_domain && at + n < end && run_byte(at[n]); n++) {
    k = (fb_key){at + 1, n, key_step(k.hash, at[n]), 0};
    g_array_append_val(f->dh, k.hash);
    if (g_hash_table_contains(f->domains, &k))
      g_array_append_val(f->dk, k);
  }
  /* many local parts and domains here, of few addresses: each address
   * not found yet is tried instead of each pair */
  if ((size_t)f->lk->len * f->dk->len > f->pairs->len) {
    for (size_t i = 0; f->dk->len && i < f->pairs->len; i++) {
      const fb_pair *a = &g_array_index(f->pairs, fb_pair, i);
      if (f->added->pdata[i] == NULL || g_array_index(f->done, bool, i) ||
          a->local.len >= f->lh->len || a->domain.len >= f->dh->len ||
          g_array_index(f->lh, guint, a->local.len) != a->local.hash ||
          g_array_index(f->dh, guint, a->domain.len) != a->domain.hash)
        continue;
      fb_pair here = {{at - a->local.len, a->local.len, 0, 0}, {at + 1, a->domain.len, 0, 0}};
      if (fb_pair_equal(&here, a))
        found_all(f, g_hash_table_lookup(f->addresses, a), here.local.p, true);
    }
    return;
  }
  for (guint i = 0; i < f->lk->len; i++)
    for (guint j = 0; j < f->dk->len; j++) {
      fb_pair pair = {g_array_index(f->lk, fb_key, i), g_array_index(f->dk, fb_key, j)};
      found_all(f, g_hash_table_lookup(f->addresses, &pair), pair.local.p, true);
    }
}

/* Calls found for each address not found before that p..p+len holds, in
 * the order of their '@'s. */
static void
fb_find_in(fb_finder *f, const char *p, size_t len)
{
  const char *end = p + len;
  for (const char *at = memchr(p, '@', len); at && f->left;
       at = memchr(at + 1, '@', (size_t)(end - at - 1)))
    find_at(f, p, end, at);
}

/* Calls found (whole false) for each address not found before whose local
 * part opens the trimmed line, before a space or a colon. */
static void
fb_find_word(fb_finder *f, const bn_span *line)
{
  bn_span t = *line;
  bn_span_trim(&t);
  size_t w = 0;
  while (w < t.len && w <= f->max_local && t.p[w] != ' ' && t.p[w] != ':')
    w++;
  if (w < 2 || w >= t.len || (t.p[w] != ' ' && t.p[w] != ':') || memchr(t.p, '\0', w))
    return;
  char *word = g_ascii_strdown(t.p, (gssize)w);
  found_all(f, g_hash_table_lookup(f->words, word), t.p, false);
  g_free(word);
}

/* What line_naming finds for a recipient, found for all in one pass over
 * the lines (fb_names): reading the text from its start for each took 5 s
 * for a delivery-status part of 10,000 recipients (the limit) whose text
 * part names each. */
typedef struct {
  bool slow; /* one the pass cannot find: line_naming reads for it */
  bool found;
  bool whole; /* its address was found, not its local part alone */
  bn_span line;
  bn_lines after;
} fb_naming;

typedef struct {
  fb_naming *names;
  const bn_span *line;
  const bn_lines *after;
} fb_naming_pass;

static void
named(void *data, size_t i, const char *where, bool whole)
{
  (void)where;
  fb_naming_pass *np = data;
  np->names[i] = (fb_naming){false, true, whole, *np->line, *np->after};
}

/* Sets names[i] for each recipient line_naming would read for, from the
 * lines of the text's first len bytes. */
static void
fb_names(const bn_view *v, size_t len, const bounce_report *r, fb_naming *names)
{
  bn_lines it;
  bn_span line;
  fb_naming_pass np = {names, &line, &it};
  fb_finder *f = fb_finder_new(named, &np);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    if (!rc->diagnostic && rc->address && !bn_rcpt_succeeded(rc) &&
        !fb_finder_add(f, rc->address, i, true))
      names[i].slow = true;
  }
  bn_lines_init(&it, v->text->str, len);
  while (f->left && bn_lines_next(&it, &line)) {
    if (naming_skips(&line))
      continue;
    fb_find_in(f, line.p, line.len);
    fb_find_word(f, &line);
  }
  fb_finder_free(f);
}

/* A delivery-status part said who but not why: the notification's own
 * paragraph about the recipient says it ("Failed to deliver to '<a@b>'",
 * then "account is full (quota exceeded)"). No recipient is added. A
 * known MTA's list that gave no reason is read the same way. */
void
bn_fallback_complete(const bn_view *v, bounce_report *r)
{
  gssize end = bn_view_inline_copy(v);
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  GPtrArray *senders = bn_fb_returned_senders(v, r, end);
  fb_naming *names = g_new0(fb_naming, bn_report_count(r));
  bn_fb_list_run run = {0};
  fb_names(v, len, r, names);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    fb_naming *n = &names[i];
    char *name = NULL;
    /* delivered or relayed: there is no "why" to look for */
    if (rc->diagnostic || rc->address == NULL || bn_rcpt_succeeded(rc))
      continue;
    if (n->slow)
      n->found = line_naming(v, len, rc, &n->after, &n->line, &name);
    else if (n->found)
      name = n->whole ? g_strdup(rc->address)
                      : g_strndup(rc->address, (size_t)(strchr(rc->address, '@') - rc->address));
    if (!n->found)
      continue;
    bn_fb_collect_diagnostic(rc, &n->line, name, n->after, senders);
    /* the address alone in its paragraph ("    anna@example.org"): the
     * reply may be the next one's, as in an unknown MTA's notice, whether
     * or not the part it opens (a prose part of its own) begins after a
     * blank line. Only a reply with its status: the record has its own
     * status, and words there may be the notice's footer's */
    if (rc->diagnostic == NULL)
      bn_fb_reason_after(rc, n->after, name, senders, &run, true);
    g_free(name);
  }
  g_free(names);
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

/* What "failed" may qualify in a success's sentence ("delivered after 2
 * failed attempts", "accepted after 3 failed delivery attempts"): tries
 * before the one that got through, no failure of the address. */
static const char *const failed_tries[] = {"attempt", "delivery attempt", "connection attempt",
                                           "tries", "retries", "retry", NULL};

/* Whether s says "failed" of something else than earlier tries. */
static bool
says_failed_word(const char *s, size_t len)
{
  const char *end = s + len;
  for (const char *p = s; (p = bn_strcasestr(p, (size_t)(end - p), "failed")) != NULL; p++) {
    const char *q = p + strlen("failed");
    if ((p > s && bn_word_byte(p[-1])) || (q < end && bn_word_byte(*q)))
      continue;
    if (q < end && *q == ' ' && bn_opens_with_any(q + 1, end, failed_tries))
      continue;
    return true;
  }
  return false;
}

/* Whether s says the message was delivered ("anna@... was delivered (the
 * primary MX failed, the backup accepted it)", "Delivery to anna@...
 * succeeded: 250 2.1.5 Ok (no failed recipients)"), not that it was not:
 * its "failed" is then said of something else. */
static bool
affirms_delivery(const char *s, size_t len)
{
  static const char *const done[] = {"delivered", "succeeded", NULL};
  static const char *const not_done[] = {"not be delivered", "n't be delivered",
                                         "not been delivered", "n't delivered",
                                         "never delivered", "not succeeded", "n't succeeded",
                                         NULL};
  return bn_fb_has_any_word(s, len, done) && !bn_prose_has_any(s, len, not_done);
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
  bn_fb_blank_sentences(g, relayed_words, ".!:");
  bn_fb_blank_sentences(g, delivered_words, ".!:");
  bounce_cause c = bn_text_cause(g->str, g->len);
  /* "Delivery to bob@... failed. The server said: 250 OK": the notice's
   * own word outweighs a reply it quotes */
  bool failed = (c != BOUNCE_CAUSE_UNDEFINED && c != BOUNCE_CAUSE_DELIVERED) ||
                says_failed(g->str, g->len) ||
                (says_failed_word(g->str, g->len) && !affirms_delivery(g->str, g->len));
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

/* The one address the returned message went to, To and Cc together
 * (twice, or in both, is still one), leaving out the sender's copy to
 * itself; NULL when it went to none or to more than one. A copy to the
 * sender's own domain ("Cc: ops@" of an alert from "alerts@") went by the
 * sender's own server, not the one that failed, when the notice comes
 * from another domain: it counts only where the message went nowhere
 * else. A notice from the sender's own domain may be about any of them. */
static char *
sole_addressee(const bn_view *v, const bounce_report *r)
{
  static const char *const fields[] = {"To", "Cc"};
  GPtrArray *own = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(bn_report_original(r, "From"), 1, own);
  const char *sender = own->len ? g_ptr_array_index(own, 0) : NULL;
  const char *at = sender ? strrchr(sender, '@') : NULL;
  const char *notifier = strrchr(v->from_addr, '@');
  bool elsewhere = at && !(notifier && bn_host_within(notifier + 1, at + 1));
  /* three of each: two others and the sender's copy */
  GPtrArray *addrs = g_ptr_array_new_with_free_func(g_free);
  for (size_t f = 0; f < G_N_ELEMENTS(fields); f++)
    bn_parse_mailboxes(bn_original_addressees(r, fields[f]), 3, addrs);
  const char *sole[2] = {NULL, NULL}; /* outside the sender's domain, inside */
  bool many[2] = {false, false};
  for (guint i = 0; i < addrs->len; i++) {
    const char *a = g_ptr_array_index(addrs, i);
    if (sender && g_ascii_strcasecmp(a, sender) == 0)
      continue;
    int k = elsewhere && bn_same_domain(a, sender) ? 1 : 0;
    if (sole[k] == NULL)
      sole[k] = a;
    else
      many[k] = many[k] || g_ascii_strcasecmp(a, sole[k]) != 0;
  }
  int k = sole[0] ? 0 : 1;
  char *out = many[k] ? NULL : g_strdup(sole[k]);
  g_ptr_array_unref(addrs);
  g_ptr_array_unref(own);
  return out;
}

/* Whether a Content-Type value is a delivery report's (bn_report_types). */
static bool
report_content_type(const char *value, size_t len)
{
  while (len && (*value == ' ' || *value == '\t')) {
    value++;
    len--;
  }
  for (size_t i = 0; bn_report_types[i].type; i++) {
    size_t t = strlen(bn_report_types[i].type), n = strlen(bn_report_types[i].subtype);
    if (len >= t + 1 + n && g_ascii_strncasecmp(value, bn_report_types[i].type, t) == 0 &&
        value[t] == '/' && g_ascii_strncasecmp(value + t + 1, bn_report_types[i].subtype, n) == 0)
      return true;
  }
  return false;
}

/* How far into a returned copy's body its parts' own headers are looked
 * for: they open it. */
#define COPY_PARTS_SCAN 16384

/* Whether a returned copy's body, when it is text, is a notice's: it
 * carries a report's parts (a part header naming a report's type, left
 * in the body because the copy's header was cut before its Content-Type),
 * or it says delivery is late. A delay warning an MTA writes as plain
 * text (Sendmail's "THIS IS A WARNING MESSAGE ONLY" without MIME errors,
 * Exim's "has not yet been delivered") has no report type, and its
 * subject ("Warning: could not send message for past 4 hours", Sendmail's
 * savemail.c) no bounce's words. */
static bool
body_is_notice(GMimeObject *body)
{
  if (!GMIME_IS_PART(body))
    return false;
  GString *text = g_string_new(NULL);
  bn_part_text(GMIME_PART(body), text, COPY_PARTS_SCAN, COPY_PARTS_SCAN, NULL);
  bool found = bn_prose_has_any(text->str, text->len, delay_words);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, text->str, text->len);
  while (!found && bn_lines_next(&it, &l))
    found = l.len > 13 && g_ascii_strncasecmp(l.p, "Content-Type:", 13) == 0 &&
            report_content_type(l.p + 13, l.len - 13);
  g_string_free(text, TRUE);
  return found;
}

/* Whether the returned copy is itself a delivery notice, returned to the
 * mail system that sent it (a gateway's wrapper around the bounce it got):
 * a report by its content type (on the copy, or on its parts' headers
 * left in its body), a bounce or a delay warning by its Subject, or a
 * delay warning by its text. A list's or a service's
 * own mail sent from a MAILER-DAEMON address (a subscription reminder) is
 * none, and its To is the failed recipient. */
static bool
copy_is_notice(const bn_view *v, const bounce_report *r)
{
  const char *subject = bn_report_original(r, "Subject");
  if (subject[0] && (says_failed(subject, strlen(subject)) ||
                     bn_prose_has_any(subject, strlen(subject), delay_words)))
    return true;
  if (v->returned) {
    GMimeObject *body = g_mime_message_get_mime_part(v->returned);
    GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
    return (ct && g_mime_content_type_is_type(ct, "multipart", "report")) ||
           (body && body_is_notice(body));
  }
  char *type = bn_view_returned_header(v, "Content-Type");
  bool report = type && report_content_type(type, strlen(type));
  g_free(type);
  return report;
}

/* The returned message went to one address and the notification names
 * none ("Message could not be delivered to mobile."): that address failed,
 * and the notification's text, up to the copy, is all it says about it. */
static void
sole_original_recipient(const bn_view *v, bounce_report *r, gssize end)
{
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  if (end >= 0 && bn_report_original(r, "To")[0] == '\0' && bn_report_original(r, "Cc")[0] == '\0')
    bn_original_from_text(r, v->text->str + end, v->text->len - len, v->opts);
  /* a returned copy from MAILER-DAEMON that is itself a notice was
   * forwarded whole (a gateway's wrapper around the bounce it got): its To
   * is that bounce's addressee, the sender, never a failed recipient */
  GPtrArray *from = g_ptr_array_new_with_free_func(g_free);
  bn_parse_mailboxes(bn_report_original(r, "From"), 1, from);
  bool notice = from->len && is_notice_sender(g_ptr_array_index(from, 0)) && copy_is_notice(v, r);
  g_ptr_array_unref(from);
  char *addr = notice ? NULL : sole_addressee(v, r);
  if (addr && !is_mail_system(addr) && !is_bounce_addressee(v, addr) &&
      g_ascii_strcasecmp(addr, v->from_addr) != 0)
    notification_as_diagnostic(v, bn_prose_recipient(r, addr), len);
  g_free(addr);
}

/* The failed addresses the X-Failed-Recipients headers list (Exim and
 * its descendants add them whatever language the text is in), when the
 * text names none of them. */
static void
header_recipients(const bn_view *v, bounce_report *r, size_t len)
{
  if (bn_prose_failed_recipients(v, r) == 0)
    return;
  for (size_t i = 0; i < bn_report_count(r); i++)
    notification_as_diagnostic(v, bn_report_rcpt(r, i), len);
}

/* What reading the notification's lines keeps from one line to the next. */
typedef struct {
  const bn_view *v;
  bounce_report *r;
  const char *sender;    /* the returned message's From */
  GPtrArray *senders;    /* bn_fb_returned_senders */
  bn_lines it;           /* the lines after the current one */
  bn_span line, prev;    /* the current line, and the last non-blank one */
  /* the paragraph the line is in, and the one before it */
  bn_span para, before;
  const char *signed_para; /* the paragraph a signature opened */
  const char *cued_item;   /* the last line a cued address opened */
  /* the addresses whose own sentence says the message is still queued
   * for them, and those whose sentence says it failed */
  GPtrArray *warned, *failed;
  /* The addresses listed, one to a line, under a heading that says they
   * got the message ("The following addresses were delivered:"), to the
   * first blank line or line without an address after the list, or to
   * one that quotes a failure: no failed recipients. */
  GPtrArray *succeeded;
  bool in_success;
  /* a recipient was named above in this paragraph, and no reply since */
  bool owner_open;
  /* a no-reply mailbox of the reporting domain was passed over; it is
   * read as a recipient in a second reading when no other is found */
  bool no_reply_seen, keep_no_reply;
  bn_fb_list_run run;
} fb_scan;

/* Follows the paragraph s->line is in, and the one before it. */
static void
track_paragraph(fb_scan *s)
{
  const bn_span *line = &s->line;
  if (line->len == 0) {
    if (s->para.p)
      s->before = s->para;
    s->para.p = NULL;
  } else if (s->para.p == NULL) {
    s->para = *line;
  } else {
    s->para.len = (size_t)(line->p + line->len - s->para.p);
  }
}

/* Follows the list of addresses a heading says got the message, and
 * keeps addr (the line's, or NULL) when it is in one. */
static void
track_success_list(fb_scan *s, const char *addr)
{
  const bn_span *line = &s->line;
  if (bn_fb_announces(line)) {
    s->in_success = announces_success(line, s->para.p != line->p ? &s->prev : NULL);
  } else if (s->in_success && (line->len == 0 ? s->succeeded->len > 0 : addr == NULL)) {
    s->in_success = false;
  } else if (s->in_success && addr &&
             (bn_find_reply_code(line->p, line->len) >= 400 ||
              bn_prose_has_any(line->p, line->len, failed_words))) {
    s->in_success = false;
  }
  if (s->in_success && addr && !bn_fb_listed(s->succeeded, addr))
    g_ptr_array_add(s->succeeded, g_strdup(addr));
}

/* Whether the line opens a paragraph and the one before it only offers
 * help ("If you believe this is in error, please contact the postmaster
 * of the remote domain:"): the address is the one to write to. */
static bool
under_help(const fb_scan *s)
{
  if (s->para.p != s->line.p || s->before.p == NULL)
    return false;
  char *t = bn_squeeze_dup(s->before.p, s->before.len);
  bool noted, help = bn_fb_only_help(t, strlen(t), &noted);
  g_free(t);
  return help;
}

/* Whether addr stands alone on its line and the returned message went to
 * it: a list's item naming the message's own addressee, whoever that is
 * (postmaster@ of another domain, the sender writing to itself), where a
 * notice names its own mail system or the sender in sentences ("contact
 * postmaster@...", "Your message from bob@...") or under a paragraph that
 * offers it for help. The To must name addr whole: "webpostmaster@..."
 * does not name postmaster@. */
static bool
listed_addressee(const fb_scan *s, const char *addr)
{
  const char *to = bn_original_addressees(s->r, "To");
  return bn_fb_address_alone(&s->line, addr) && !reporter_domain(addr, s->v->from_addr) &&
         bn_names_whole(to, strlen(to), addr, bn_address_byte, false) && !under_help(s);
}

/* Whether the line is the value of a copied header field whose name
 * stands alone on the line above, in the same paragraph ("Message-ID:" /
 * "<68e0b7e3@host.mail>"): a client re-wrapping the notice at 60 columns
 * moves a long value under its name. */
static bool
header_value_below(const fb_scan *s)
{
  if (s->prev.p == NULL || s->para.p == s->line.p)
    return false;
  bn_span t = s->prev;
  bn_span_trim(&t);
  return t.len > 1 && t.p[t.len - 1] == ':' && !memchr(t.p, ' ', t.len) &&
         line_starts_with(&t, header_lines);
}

/* The line right above the one l is on (l may be trimmed) in text,
 * trimmed; {NULL, 0} when l's opens the text. */
static bn_span
line_above(const char *text, const bn_span *l)
{
  bn_span u = {NULL, 0};
  const char *start = l->p;
  while (start > text && start[-1] != '\n')
    start--;
  if (start == text)
    return u;
  const char *end = start - 1, *p = end;
  while (p > text && p[-1] != '\n')
    p--;
  u.p = p;
  u.len = (size_t)(end - p);
  bn_span_trim(&u);
  return u;
}

/* Whether heading, the line right over a list, is a delivered or relayed
 * notice's heading: its words on it, or on it and the line above it that
 * an archiver's hard re-wrap broke it from ("Delivery to these recipients
 * or groups is complete, but no delivery" / "notification was sent by the
 * destination server:"), joined as one line; one line above at most. */
static bool
heading_says_done(const char *text, const bn_span *heading)
{
  if (bn_prose_has_any(heading->p, heading->len, delivered_words) ||
      bn_prose_has_any(heading->p, heading->len, relayed_words))
    return true;
  bn_span up = line_above(text, heading);
  if (up.len == 0 || !bn_line_continues(&up, heading))
    return false;
  GString *g = g_string_new_len(up.p, (gssize)up.len);
  g_string_append_c(g, ' ');
  g_string_append_len(g, heading->p, (gssize)heading->len);
  bool done = bn_prose_has_any(g->str, g->len, delivered_words) ||
              bn_prose_has_any(g->str, g->len, relayed_words);
  g_string_free(g, TRUE);
  return done;
}

/* Whether the line's link is the plain text Exchange writes for an HTML
 * link around the address the line stands for ("bob@example.net
 * (bob@example.net)<mailto:bob@example.net>" in its delivered and relayed
 * notices): the line is that address, not a link offered for help. Exchange
 * lists them one a line in a paragraph of their own, so such a line is one
 * only where it opens a paragraph that no help offer precedes, or under
 * another: under prose ("please write to" / "support@... (support@...)
 * <mailto:support@...>") it is the address to write to. */
static bool
links_own_address(const fb_scan *s, const char *addr)
{
  if (!bn_line_is_address_of(s->line.p, s->line.len, addr))
    return false;
  if (s->para.p == s->line.p || s->prev.p == NULL)
    return !under_help(s);
  /* a delivered or relayed notice's heading right over the list ("...
   * sent by the destination server:" with no blank line under it, as a
   * client re-flowing the text leaves it) opens the list; a help offer
   * ("Support:", "please write to:") is no such heading */
  if (heading_says_done(s->v->text->str, &s->prev))
    return true;
  return bn_strcasestr(s->prev.p, s->prev.len, "mailto:") && bn_line_is_address(s->prev.p, s->prev.len);
}

/* Whether addr is the one the notice's own Reply-To names: where answers
 * to the notice go (a helpdesk, the mail system's no-reply mailbox), never
 * an address the returned message was sent to. */
static bool
notice_reply_to(const fb_scan *s, const char *addr)
{
  const char *rt = bn_view_header(s->v, "Reply-To");
  return rt && bn_names_whole(rt, strlen(rt), addr, bn_address_byte, false);
}

/* Whether addr, the first on the line, is not the failed recipient's: the
 * mail system's, the notice's Reply-To, the sender's, an alias in another's reply, a header's or
 * a link's. */
static bool
not_a_recipient(fb_scan *s, const char *addr)
{
  const bn_span *line = &s->line;
  if (addr && listed_addressee(s, addr))
    return g_ascii_strcasecmp(addr, s->v->from_addr) == 0;
  /* the first reply under a recipient's line that quotes none is that
   * recipient's (bn_fb_collect_diagnostic): an address inside it that is
   * no recipient yet is its alias or forward ("Recipient: anna@..." /
   * "Reason: 550 5.1.1 forwarded to <b@...>: mailbox unavailable") */
  bool owned = addr && s->owner_open && bn_fb_in_reply(line, addr) && !bn_report_find(s->r, addr);
  s->owner_open = s->owner_open && line->len > 0 && !bn_fb_replies(line);
  /* the notice's own no-reply mailbox, unless its line quotes a refusal
   * of it ("noreply@...: 550 5.1.1 User unknown": mail sent to it) */
  const char *at = addr ? bn_strcasestr(line->p, line->len, addr) : NULL;
  bool no_reply = at && reporter_no_reply(addr, s->v->from_addr) &&
                  bn_find_reply_code(at, line->len - (size_t)(at - line->p)) < 400;
  s->no_reply_seen = s->no_reply_seen || no_reply;
  /* the returned message's sender quoted in a reply is no recipient when
   * the reply is another's, one found above: a notice that names no
   * other may quote the recipient of a message sent to oneself */
  return addr == NULL || is_mail_system(addr) || g_ascii_strcasecmp(addr, s->v->from_addr) == 0 ||
         notice_reply_to(s, addr) || (no_reply && !s->keep_no_reply) ||
         (s->sender[0] && bn_strcasestr(s->sender, strlen(s->sender), addr)) || owned ||
         bn_fb_named_as_sender(line, addr) ||
         bn_fb_sender_in_reply(line, addr, bn_report_count(s->r) ? s->senders : NULL) ||
         line_starts_with(line, header_lines) || header_value_below(s) ||
         (bn_strcasestr(line->p, line->len, "mailto:") && !links_own_address(s, addr)) ||
         bn_strcasestr(line->p, line->len, "http");
}

/* Whether the named mailbox addr on the line is the notice's signature.
 * A blank line ends a list whose items stand one under the other: the
 * named mailbox after it is the signature ("Anna Smith <anna@...>" /
 * "Carl Jones <carl@...>" / "" / "Mailbox Services <support@...>"),
 * whatever words its name holds; a list spaced by blank lines puts each
 * item in a paragraph of its own, and a mailbox with another under it
 * opens the list's next group, unless it is the reporting system's own (a
 * signature of two mailboxes). */
static bool
is_signature(const fb_scan *s, const char *addr, const bn_span *next)
{
  return s->para.p == s->signed_para ||
         (s->para.p == s->line.p && s->before.p != s->prev.p && list_item(s->r, &s->prev) &&
          (!(next->len && memchr(next->p, '@', next->len)) ||
           reporter_domain(addr, s->v->from_addr)));
}

/* Whether the line before, in the paragraph before, names an address of
 * its own, or gives the cause of the one above it ("anna@..." / "" /
 * "because: User name of email address not valid"): its cue is said of
 * that one ("Your message to anna@... was bounced: mailbox full." / "" /
 * "Reply-To for this notice: noreply@..."), where a cue alone
 * ("Recipient:" / "" / "anna@...") announces this line. */
static bool
other_paragraphs_own(const fb_scan *s)
{
  if (s->para.p != s->line.p || !s->prev.p)
    return false;
  bn_span t = s->prev;
  bn_span_trim(&t);
  if (bn_fb_opens_because(t.p, t.len))
    return true;
  char *a = bn_find_address(s->prev.p, s->prev.len);
  bool own = a != NULL;
  g_free(a);
  return own;
}

/* Whether line l ends a sentence, a heading or a list's item. */
static bool
ends_sentence(const bn_span *l)
{
  return l->len && strchr(".!?:;", l->p[l->len - 1]);
}

/* The heading prev announces the paragraph after it with: prev, or, when
 * its words run over two lines, the line above it too (a client
 * re-wrapping at 60 columns writes " - The following recipients have not
 * yet received your" / "message:", RFC 3464's example words). Only the
 * one line above, and only when the heading's words go on from it: it
 * names no address and no code and ends no sentence, and the heading's
 * sentence opens on it (the line above it ends one, or is blank), so a
 * body sentence wrapped over more lines is never read as one. */
static bn_span
announced_heading(const fb_scan *s, const bn_span *prev)
{
  const char *text = s->v->text->str;
  if (!bn_fb_announces(prev))
    return *prev;
  bn_span up = line_above(text, prev);
  if (up.len == 0 || ends_sentence(&up) || bn_gives_code(up.p, up.len))
    return *prev;
  char *addr = bn_find_address(up.p, up.len);
  bool named = addr != NULL;
  g_free(addr);
  if (named)
    return *prev;
  const char *open = bn_fb_sentence_start(up.p, up.p + up.len);
  bn_span over = line_above(text, &up);
  if (open == up.p && over.p && over.len && !ends_sentence(&over))
    return *prev;
  return (bn_span){open, (size_t)(prev->p + prev->len - open)};
}

/* Whether the heading only offers help ("If you believe this is an
 * error, please write to the mail administrators of this site:"): its
 * "error" cues the address to write to, not a failed one. */
static bool
heading_offers_help(const bn_span *heading)
{
  char *t = bn_squeeze_dup(heading->p, heading->len);
  bool noted, help = bn_fb_only_help(t, strlen(t), &noted);
  g_free(t);
  return help;
}

/* Whether line l names an address with a cue beside it. */
static bool
cues_own_address(const bn_span *l)
{
  char *own = bn_find_address(l->p, l->len);
  bool cued = own && has_cue(l) && cue_beside_address(l, own);
  g_free(own);
  return cued;
}

/* Whether the cue beside addr is split between line and the next one,
 * where an archiver's hard re-wrap broke the sentence ("Ihre Nachricht an
 * ines@... wurde nach 5 Tagen noch nicht" / "zugestellt."): the two read
 * as one line, when bn_line_continues takes the next; one line at most. */
static bool
cued_over_rewrap(const bn_span *line, const bn_span *next, const char *addr)
{
  /* a cue the next line holds beside an address of its own is that
   * address's ("... Date: ..." / "16:02 ... To: piet@..."), not one the
   * break split; a cue word alone there ("could" / "not be delivered. The
   * recipient's mailbox is full.") says nothing of another address */
  if (next->len == 0 || !bn_line_continues(line, next) || cues_own_address(next))
    return false;
  GString *g = g_string_new_len(line->p, (gssize)line->len);
  g_string_append_c(g, ' ');
  g_string_append_len(g, next->p, (gssize)next->len);
  bn_span j = {g->str, g->len};
  bool cue = has_cue(&j) && cue_beside_address(&j, addr);
  g_string_free(g, TRUE);
  return cue;
}

/* Whether a cue says addr (at at on the line) is a failed recipient: it
 * stands alone, a cue is beside it or on the line before (or in the
 * heading that line ends, unless it only offers help), or it is the next
 * item of a cued list (item: it opens the line; named: a name is beside
 * it). */
static bool
is_cued(const fb_scan *s, const char *addr, bool alone, bool item, bool named,
        const bn_span *next)
{
  const bn_span *line = &s->line, *prev = &s->prev;
  bn_span heading = prev->p ? announced_heading(s, prev) : *prev;
  return alone || (has_cue(line) && cue_beside_address(line, addr)) ||
         cued_over_rewrap(line, next, addr) ||
         (prev->p && has_cue(&heading) && cue_beside_address(&heading, NULL) &&
          !other_paragraphs_own(s) && !heading_offers_help(&heading)) ||
         (item && s->para.p != line->p && prev->p == s->cued_item) ||
         (named && list_item(s->r, prev));
}

/* Notes whether the sentence of rc's address (at at on the line) says the
 * message is still queued for it or failed, the first time it is read. */
static void
note_sentence(fb_scan *s, const bounce_recipient *rc, const bn_span *joined, const char *at,
              size_t n, const bn_span *next)
{
  if (bn_fb_listed(s->warned, rc->address) || bn_fb_listed(s->failed, rc->address))
    return;
  bool w, f;
  sentence_says(joined, &s->line, at, n, next, &w, &f);
  if (w || f)
    g_ptr_array_add(w ? s->warned : s->failed, g_strdup(rc->address));
}

/* Whether the words said names a cause and the later mention heard
 * does not, nor quotes an enhanced status: a number in the returned
 * message's text ("your account anna@... shows '450 points'") is no
 * reply to put over the notice's "the mailbox is full". */
static bool
only_said_cause(const char *said, const char *heard)
{
  char st[16];
  return said && heard && bn_text_cause(said, strlen(said)) != BOUNCE_CAUSE_UNDEFINED &&
         bn_text_cause(heard, strlen(heard)) == BOUNCE_CAUSE_UNDEFINED &&
         !bn_find_status(heard, strlen(heard), st);
}

/* A recipient named again, whose words so far quote no reply (Exchange's
 * explanation for users under the address, "Die eingegebene
 * E-Mail-Adresse wurde nicht gefunden."), and the lines of this mention
 * quote one (its part for administrators: the address again, then
 * "Remoteserver hat '550 5.1.1 ...' zurückgegeben."): the reply is the
 * diagnostic, the server's own words over the notice's. */
static void
requote(fb_scan *s, bounce_recipient *rc, const char *addr)
{
  char *said = rc->diagnostic;
  rc->diagnostic = NULL;
  bn_fb_collect_diagnostic(rc, &s->line, addr, s->it, s->senders);
  if (quoted_class(rc) > 0 && !only_said_cause(said, rc->diagnostic)) {
    g_free(said);
    return;
  }
  g_free(rc->diagnostic);
  rc->diagnostic = said;
}

/* The most lines read below an echoed "To:" line for the address's reply:
 * the rest of the echoed header and a blank line. */
#define BN_FB_ECHO_LINES 12

/* The address alone on its line ("    amy@example.org", "<amy@...>") and
 * a line of words under it, or under one blank line (after: past next):
 * the reason written below the recipient with no code ("Mailbox does not
 * exist", "Reason: Mailbox full"). */
static bool
alone_with_reason(const bn_span *l, const char *addr, const bn_span *next, bn_lines after)
{
  bn_span n = *next;
  bn_span_trim(&n);
  if (n.len == 0 && bn_lines_next(&after, &n))
    bn_span_trim(&n);
  return bn_fb_address_alone(l, addr) && n.len > 0 && !line_starts_with(&n, header_lines) &&
         !line_starts_with(&n, to_field) && memchr(n.p, '@', n.len) == NULL;
}

/* Whether, below an echoed "To:" line, another address stands alone on a
 * line of the notice's (echoed fields aside) and addr is not named again:
 * the echo lists the message's recipients ("To: ann@...; joann@..."), the
 * notice the one that failed ("The following recipient could not be
 * reached:" / "joann@..."); ann got the message. */
static bool
echo_names_other(const fb_scan *s, const char *addr)
{
  bn_lines it = s->it;
  bn_span l;
  for (int k = 0; k < BN_FB_ECHO_LINES && bn_lines_next(&it, &l); k++) {
    if (l.len == 0 || line_starts_with(&l, header_lines) || line_starts_with(&l, to_field))
      continue;
    if (bn_names_whole(l.p, l.len, addr, bn_address_byte, true))
      return false;
    char *other = bn_find_address(l.p, l.len);
    bool alone = other && bn_fb_address_alone(&l, other);
    g_free(other);
    if (alone)
      return true;
  }
  return false;
}

/* An echo of the returned message's header ("To: rcpt@..." with its
 * Subject: and Date: under it) names the recipient, and a line below it
 * names the address again with the server's reply on it or under it
 * (" *** rcpt@..." / "550 5.1.1 Unknown local user"): what is said of the
 * address is said there, not in the echo's other fields. Sets *later to
 * that line and *after to the lines after it. */
static bool
replied_below_echo(const fb_scan *s, const char *addr, bn_span *later, bn_lines *after)
{
  if (!line_starts_with(&s->line, to_field))
    return false;
  bn_lines it = s->it;
  bn_span l;
  for (int k = 0; k < BN_FB_ECHO_LINES && bn_lines_next(&it, &l); k++) {
    /* named whole: "ann@" is not named by "joann@" and its reply */
    if (!bn_names_whole(l.p, l.len, addr, bn_address_byte, true) ||
        line_starts_with(&l, header_lines) || line_starts_with(&l, to_field))
      continue;
    bn_lines peek = it;
    bn_span next;
    bool more = bn_lines_next(&peek, &next);
    if (!bn_fb_replies(&l) && !(more && bn_fb_replies(&next)) &&
        !(more && alone_with_reason(&l, addr, &next, peek)))
      return false;
    *later = l;
    *after = it;
    return true;
  }
  return false;
}

/* Adds addr as a failed recipient with what the lines around it say;
 * its line is read from after last (addr, or the last of the line's list
 * it opens). Returns the recipient, or NULL. */
static bounce_recipient *
take_recipient(fb_scan *s, const char *addr, const char *last, const char *at,
               const bn_span *joined, const bn_span *next, bool alone)
{
  bounce_recipient *rc = bn_prose_recipient(s->r, addr);
  bool fresh = rc && rc->diagnostic == NULL;
  s->owner_open = rc && !bn_fb_replies(&s->line);
  if (at && rc)
    note_sentence(s, rc, joined, at, strlen(addr), next);
  bn_span later;
  bn_lines after;
  if (fresh && replied_below_echo(s, addr, &later, &after))
    bn_fb_collect_diagnostic(rc, &later, addr, after, s->senders);
  else if (fresh)
    bn_fb_collect_diagnostic(rc, &s->line, last, s->it, s->senders);
  else if (rc && quoted_class(rc) == 0 && !line_starts_with(&s->line, to_field))
    requote(s, rc, last);
  /* nothing said on the address's own lines, or no code ("... could
   * not be delivered."): the reply in the next paragraph, else (an
   * address alone) the reason in the one before */
  if (fresh && quoted_class(rc) == 0 &&
      !bn_fb_reason_after(rc, s->it, addr, s->senders, &s->run, false) && rc->diagnostic == NULL &&
      alone && s->para.p == s->line.p && s->before.p)
    bn_fb_reason_before(rc, &s->before);
  /* or a field above it labelled as the reason ("reject reason: ..."),
   * unless an address above the field in its paragraph owns it
   * ("failed address: anna@..." / "reason: mailbox full" / bert's line) */
  if (fresh && rc->diagnostic == NULL && s->para.p != s->line.p && s->prev.p >= s->para.p &&
      memchr(s->para.p, '@', (size_t)(s->prev.p - s->para.p)) == NULL)
    bn_fb_reason_label(rc, &s->prev);
  if (rc)
    bn_fb_refusal_over_success(rc);
  return rc;
}

/* The most items of one line's list that are read: each reads the line
 * again, and no notice lists more on one line. */
#define BN_FB_LIST_MAX 64

/* The marks that part the items of a list of addresses on one line:
 * ASCII, and the full-width ones of Chinese and Japanese ("、", "，",
 * "；"). */
static size_t
separator_len(const char *p, const char *end)
{
  static const char *const wide[] = {"\xE3\x80\x81", "\xEF\xBC\x8C", "\xEF\xBC\x9B", NULL};
  if (p < end && strchr(" \t<>,;", *p))
    return 1;
  return bn_opens_with_any(p, end, wide);
}

static const char *const list_joins[] = {"and ", "to ", "an ", "und ", "für ", "à ", "et ",
                                         "pour ", "y ", "para ", "a ", NULL};

/* Where the display name between two items of a list ends, when
 * [p, found) is one before the '<' of the mailbox at found ("Bob Kay <",
 * "\"Kay, Bob\" <"): found; else p. */
static const char *
past_display_name(const char *p, const char *found)
{
  const char *q = found;
  while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
    q--;
  if (q == p || q[-1] != '<')
    return p;
  for (q--; q > p && (q[-1] == ' ' || q[-1] == '\t');)
    q--;
  /* the words that join the next item in the sentence's language ("...,
   * an Jörg Weiß <joerg@...>", "..., à Émile Roux <emile@...>", "... et à
   * Léa Petit <lea@...>") */
  for (int joins = 0; joins < 2; joins++) {
    const char *w = p;
    while (w < q && *w != ' ')
      w++;
    if (w == q || bn_opens_with_any(p, w + 1, list_joins) != (size_t)(w + 1 - p))
      break;
    for (p = w; p < q && *p == ' ';)
      p++;
  }
  bool quoted = q - p >= 2 && p[0] == '"' && q[-1] == '"' &&
                memchr(p + 1, '"', (size_t)(q - p - 2)) == NULL;
  return q > p && (quoted || bn_fb_name_words(p, q, ":;,!?@<>()") == p) ? found : p;
}

/* The addresses of line l from addr (at at) on, when they are a list:
 * only separators between them, or a mailbox's display name ("Anna Berg
 * <anna@...>, Bob Kay <bob@...>") ("宛先：taro@example.jp、hanako@example.jp",
 * "a@example.com, b@example.com"); NULL when the line names no other
 * after it, or names it in words ("from a@... to b@..."). *cut is set
 * when the list went on past the items read. */
static GPtrArray *
line_list(const bn_span *l, const char *addr, const char *at, bool *cut)
{
  const char *end = l->p + l->len;
  if (at == NULL || memchr(at + strlen(addr), '@', (size_t)(end - at - strlen(addr))) == NULL)
    return NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
  bn_prose_list_addresses(at, (size_t)(end - at), list);
  const char *p = at;
  guint n = 0;
  /* each item reads the line again: a line of thousands costs no more
   * than this many */
  for (; n < list->len && n < BN_FB_LIST_MAX; n++) {
    const char *item = g_ptr_array_index(list, n);
    const char *found = bn_strcasestr(p, (size_t)(end - p), item);
    if (found == NULL || (n == 0 && g_ascii_strcasecmp(item, addr) != 0))
      break;
    size_t k;
    while (p < found && (k = separator_len(p, found)) > 0)
      p += k;
    if (p != found && n > 0)
      p = past_display_name(p, found);
    if (p != found && n > 0)
      break;
    p = found + strlen(item);
  }
  *cut = n == BN_FB_LIST_MAX && list->len > n;
  g_ptr_array_set_size(list, n);
  if (list->len < 2) {
    g_ptr_array_unref(list);
    return NULL;
  }
  return list;
}

/* The failed recipients a cued line lists from addr (at at) on, or NULL.
 * "To: a@..., b@..." is the copied header's field, whose other addresses
 * may have got the message, and so is a field of any name among its other
 * fields ("From: ... / Sent to: a@..., b@... / Subject: ...") and a list
 * under a heading that says they got it: a list of failed ones only in the
 * notice's words. */
static GPtrArray *
failed_list(fb_scan *s, const char *addr, const char *at, const bn_span *joined,
            const bn_span *next)
{
  const bn_span *line = &s->line;
  bool copied = line_starts_with(line, to_field) || (joined && bn_fb_copied_header(joined)) ||
                (next->len && bn_fb_copied_header(next));
  if (s->in_success || copied)
    return NULL;
  bool cut = false;
  GPtrArray *list = line_list(line, addr, at, &cut);
  if (cut) {
    s->r->truncated = true;
    bn_report_warn(s->r, "a line lists more than %d addresses: the rest were not read",
                   BN_FB_LIST_MAX);
  }
  return list;
}

/* An address, or a list, its sentence says got the message ("Other
 * recipients (bert@..., carl@...) received the message."): each is
 * reported delivered, as a success notice's would be, with the success
 * reply read as a failed list item's is ("... recipients: bert@..., carl@..." /
 * "The remote server answered \"250 2.0.0 OK\"."). */
static void
take_delivered(fb_scan *s, const char *addr, const char *at, const bn_span *joined,
               const bn_span *next)
{
  bool cut = false;
  GPtrArray *list = line_list(&s->line, addr, at, &cut);
  guint n = list ? list->len : 1;
  const char *last = list ? g_ptr_array_index(list, n - 1) : addr;
  for (guint i = 0; i < n; i++) {
    const char *item = list ? g_ptr_array_index(list, i) : addr;
    if (bn_report_find(s->r, item) || not_a_recipient(s, item))
      continue;
    bounce_recipient *rc = take_recipient(
        s, item, last, bn_strcasestr(s->line.p, s->line.len, item), joined, next, false);
    /* what follows may be a failed one's reply ("Other recipients (...)
     * received the message." / "Reason: 550 5.1.1 ..."): only a success
     * is theirs */
    if (rc && quoted_class(rc) != 2)
      bn_set_str(&rc->diagnostic, NULL);
    g_ptr_array_add(s->succeeded, g_strdup(item));
  }
  if (list)
    g_ptr_array_unref(list);
}

/* Reads the address addr of a line that may name a failed recipient;
 * returns whether prev is to move to this line. */
static bool
read_address(fb_scan *s, const char *addr)
{
  const bn_span *line = &s->line;
  if (not_a_recipient(s, addr) ||
      (line_starts_with(line, to_field) && echo_names_other(s, addr)))
    return line->len > 0;
  /* an address the notice offers for help, one whose clause asks not to
   * answer (the notice's own, where replies would go; its whole sentence
   * for a no-reply mailbox of the notice's domain), or one its sentence
   * says got the message, is no failed recipient */
  const char *at = bn_strcasestr(line->p, line->len, addr);
  const bn_span *joined = s->para.p != line->p ? &s->prev : NULL;
  bn_lines peek = s->it;
  bn_span next = {NULL, 0};
  if (!bn_lines_next(&peek, &next))
    next.len = 0;
  size_t n = strlen(addr);
  bool more = at && memchr(at + n, '@', (size_t)(line->p + line->len - at - n)) != NULL;
  if (at && (bn_fb_offered_for_help(joined, line, at, n, &next) ||
             (more && bn_fb_contact_list(joined, line, at, n)) ||
             bn_fb_asks_no_answer(joined, line, at, n, &next,
                                  reporter_no_reply(addr, s->v->from_addr))))
    return true;
  bool by_name = false;
  if (at && bn_fb_said_delivered(joined, line, at, n, &next, &by_name)) {
    /* one of a list named failed before ("Recipients: anna@..., bert@...")
     * that its own line says got the message ("bert@...: delivered") */
    if (bn_report_find(s->r, addr) && !bn_fb_listed(s->succeeded, addr))
      g_ptr_array_add(s->succeeded, g_strdup(addr));
    else if (more)
      take_delivered(s, addr, at, joined, &next);
    else if (by_name && !bn_report_find(s->r, addr)) {
      /* a lone one, read as a failed one is: what is said under it
       * ("The remote server answered \"250 2.0.0 OK\".") is its */
      take_recipient(s, addr, addr, at, joined, &next, bn_fb_address_alone(line, addr));
      g_ptr_array_add(s->succeeded, g_strdup(addr));
    }
    return true;
  }
  bool alone = bn_fb_address_alone(line, addr);
  /* an item of a list whose first item the cue was for ("... to the
   * following recipients:" / "anna@... (anna@...)" / "bob@... (bob@...)") */
  bool item = at && at == line->p + strspn(line->p, " \t<\"'");
  bool named = !alone && bn_fb_named_mailbox(line, addr);
  bool signature = named && is_signature(s, addr, &next);
  if (signature)
    s->signed_para = s->para.p;
  /* a named mailbox with the server's reply under it ("Bob Kay <bob@...>"
   * / "550 5.1.1 User unknown") is a list's item */
  bool cue = !signature && (is_cued(s, addr, alone, item, named, &next) ||
                            (named && next.len && bn_fb_replies(&next)) ||
                            (at && bn_fb_sent_to_failed(joined, line, at, n, &next)));
  if (cue && item)
    s->cued_item = line->p;
  GPtrArray *list = cue ? failed_list(s, addr, at, joined, &next) : NULL;
  const char *last = list ? g_ptr_array_index(list, list->len - 1) : addr;
  if (cue)
    take_recipient(s, addr, last, at, joined, &next, alone);
  /* the other items of the list: the cue is said of them all */
  for (guint i = 1; list && i < list->len; i++) {
    const char *other = g_ptr_array_index(list, i);
    if (g_ascii_strcasecmp(other, addr) != 0 && !not_a_recipient(s, other))
      take_recipient(s, other, last, bn_strcasestr(line->p, line->len, other), joined, &next,
                     false);
  }
  if (list)
    g_ptr_array_unref(list);
  return true;
}

/* Whether a clause about another address says its message failed: a
 * refusal it quotes, or words of failure ("the copy to carol@... bounced",
 * "... could not be delivered"); one that only names it ("but it was
 * forwarded to her new address anna@...") makes it no recipient. */
static bool
clause_says_failed(const bn_span *c)
{
  static const char *const verbs[] = {"failed", "bounced", "rejected", "refused", "returned",
                                      NULL};
  return bn_find_reply_code(c->p, c->len) >= 400 || bn_prose_has_any(c->p, c->len, failed_words) ||
         bn_fb_has_any_word(c->p, c->len, verbs);
}

/* Reads the clauses of the line after the one of its first address
 * (addr) that are about an address of their own ("A copy to anna@... was
 * delivered; the copy to carol@... bounced: 550 ..."), each as a
 * sentence of its own. */
static void
read_clauses(fb_scan *s, const char *addr)
{
  bn_span line = s->line, para = s->para;
  const char *end = line.p + line.len;
  const char *at = addr ? bn_strcasestr(line.p, line.len, addr) : NULL;
  for (int k = 0; at && k < 4; k++) {
    const char *mark = bn_fb_clause_break(at, (size_t)(end - at));
    /* after a refusal the mark goes on with its text ("550 5.1.1 unknown
     * user; mail for this user is now handled by c@..."): no clause,
     * unless the refusal was closed ("(550 5.1.1 User unknown); and
     * bob@... (552 ...)") */
    if (mark == NULL ||
        (mark > at && mark[-1] != ')' && bn_find_reply_code(at, (size_t)(mark - at)) >= 400))
      break;
    for (mark++; mark < end && strchr(" ,", *mark);)
      mark++;
    s->line = s->para = (bn_span){mark, (size_t)(end - mark)};
    /* an address inside a reply the clause quotes ("; 550 5.1.1 <a@b>:
     * forwarded to <c@d>: ...") is the first address's alias */
    char *next = bn_fb_first_not_sender(&s->line);
    if (next && !bn_fb_in_reply(&s->line, next) && clause_says_failed(&s->line))
      read_address(s, next);
    at = next ? bn_strcasestr(s->line.p, s->line.len, next) : NULL;
    g_free(next);
  }
  s->line = line;
  s->para = para;
}

/* Where the item "address: reply" that opens at p (after spaces, maybe
 * in <>) has its reply, past the colon; NULL when p opens none. *addr and
 * *n get its address. */
static const char *
replied_item_at(const char *p, const char *end, const char **addr, size_t *n)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p < end && *p == '<')
    p++;
  const char *a = p;
  while (p < end && (bn_address_byte(*p) || *p == '@'))
    p++;
  *addr = a;
  *n = (size_t)(p - a);
  if (p < end && *p == '>')
    p++;
  bool one = *n > 2 && memchr(a, '@', *n) != NULL;
  return one && p < end && *p == ':' ? p + 1 : NULL;
}

/* The length of the mark that parts the items of a list of addresses
 * each with its own reply, at p ("; ", ", ", " / "), or 0. */
static size_t
item_mark_len(const char *p, const char *end)
{
  if (*p == ';' || *p == ',')
    return 1;
  return end - p >= 3 && p[0] == ' ' && p[1] == '/' && p[2] == ' ' ? 3 : 0;
}

/* Where the next "address: reply" item after p begins in [p, end) (its
 * mark in *mark), an address other than the n bytes at addr; NULL when
 * none. */
static const char *
next_item_shape(const char *p, const char *end, const char *addr, size_t n, const char **mark)
{
  for (; p < end; p++) {
    size_t k = item_mark_len(p, end), len;
    const char *a;
    if (k && replied_item_at(p + k, end, &a, &len) &&
        (len != n || g_ascii_strncasecmp(a, addr, n) != 0)) {
      *mark = p;
      return p + k;
    }
  }
  return NULL;
}

/* Whether an item's reply [p, end) is one: a reply code (a success too:
 * "anna@...: 250 2.0.0 OK; bob@...: 550 ...") or a cause. */
static bool
item_replied(const char *p, const char *end)
{
  size_t n = (size_t)(end - p);
  return bn_find_reply_code(p, n) > 0 || bn_text_cause(p, n) != BOUNCE_CAUSE_UNDEFINED;
}

/* Whether an item's words [p, end) call its address the sender ("553
 * sorry, paul@...: sender rejected", Postfix's "<paul@...>: Sender
 * address rejected: ..."): the returned message's sender quoted inside
 * the reply before it, no item of its own. */
static bool
names_sender(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return end - p >= 6 && g_ascii_strncasecmp(p, "sender", 6) == 0;
}

/* Where the item after the one whose reply starts at reply (its address
 * the n bytes at addr) begins, its mark in *mark: one with a reply of its
 * own. A mark inside a reply's text ("550 5.1.1 unknown user; mail for
 * this user is now handled by c@...", "...; c@...: please use this
 * address") is followed by words, or by an address without a reply, not
 * by another item. NULL when none. */
static const char *
next_replied_item(const char *reply, const char *end, const char *addr, size_t n,
                  const char **mark)
{
  const char *p = reply;
  for (int k = 0; k < BN_FB_LIST_MAX; k++) {
    const char *item = next_item_shape(p, end, addr, n, mark), *a, *m;
    size_t len;
    const char *its = item ? replied_item_at(item, end, &a, &len) : NULL;
    if (its == NULL)
      return NULL;
    const char *after = next_item_shape(its, end, a, len, &m);
    if (item_replied(its, after ? m : end) && !names_sender(its, after ? m : end))
      return item;
    p = its;
  }
  return NULL;
}

/* Reads the item of a list at [p, stop) as a line of its own; the lines
 * under it are only the list's last item's (under: NULL for the others).
 * Returns whether its address was taken. */
static bool
read_item(fb_scan *s, const char *p, const char *stop, const char *addr, const bn_lines *under)
{
  s->line = (bn_span){p, (size_t)(stop - p)};
  bn_lines_init(&s->it, p, 0);
  if (under)
    s->it = *under;
  char *a = addr ? g_strdup(addr) : bn_fb_first_not_sender(&s->line);
  read_address(s, a);
  /* the next item is one of the list the cue was for */
  bool taken = a && bn_report_find(s->r, a);
  if (taken)
    s->cued_item = p;
  s->prev = s->line;
  g_free(a);
  return taken;
}

/* Reads a line that lists addresses each with its own reply ("Delivery
 * failed for: anna@...: 550 5.1.1 user unknown; bob@...: 552 5.2.2
 * mailbox full; carol@...: ..."), item by item, each reply running to the
 * next item's mark: each its own, with its own cause. Returns whether
 * the line was one. */
static bool
read_replied_items(fb_scan *s, const char *addr)
{
  const bn_span line = s->line, prev = s->prev;
  const bn_lines under = s->it;
  const char *end = line.p + line.len, *a, *mark;
  const char *at = addr ? bn_strcasestr(line.p, line.len, addr) : NULL;
  size_t n;
  const char *reply = at ? replied_item_at(at, end, &a, &n) : NULL;
  const char *item = reply ? next_replied_item(reply, end, a, n, &mark) : NULL;
  if (item == NULL || !item_replied(reply, mark))
    return false;
  bool taken = read_item(s, line.p, mark, addr, NULL);
  for (int k = 1; item && k < BN_FB_LIST_MAX; k++) {
    const char *p = item;
    reply = replied_item_at(p, end, &a, &n);
    item = next_replied_item(reply, end, a, n, &mark);
    const char *stop = item ? mark : end;
    /* the list goes on on the next line ("...; bob@...: 552 5.2.2 mailbox
     * full;" / "carol@...: ...") */
    while (item == NULL && stop > p && strchr(" \t;,", stop[-1]))
      stop--;
    taken = read_item(s, p, stop, NULL, item ? NULL : &under);
  }
  if (item) {
    s->r->truncated = true;
    bn_report_warn(s->r, "a line lists more than %d addresses: the rest were not read",
                   BN_FB_LIST_MAX);
  }
  /* the list may go on on the next line: its items are the cue's too */
  if (taken)
    s->cued_item = line.p;
  s->line = line;
  s->prev = prev;
  s->it = under;
  return true;
}

/* Reads the notification's lines up to len: the failed recipients it
 * names, and what it says of each. */
static void
read_lines(fb_scan *s, size_t len)
{
  s->warned = g_ptr_array_new_with_free_func(g_free);
  s->failed = g_ptr_array_new_with_free_func(g_free);
  s->succeeded = g_ptr_array_new_with_free_func(g_free);
  bn_lines_init(&s->it, s->v->text->str, len);
  while (bn_lines_next(&s->it, &s->line)) {
    track_paragraph(s);
    /* "> ..." is a person's quote of an earlier message (a transcript's
     * ">>> RCPT TO" is not one) */
    bool quote = s->line.len >= 2 && s->line.p[0] == '>' && s->line.p[1] == ' ';
    char *addr = s->line.len && !quote ? bn_fb_first_not_sender(&s->line) : NULL;
    track_success_list(s, addr);
    bool items = read_replied_items(s, addr);
    bool moves = items || read_address(s, addr);
    if (!items)
      read_clauses(s, addr);
    if (moves)
      s->prev = s->line;
    g_free(addr);
  }
}

/* The bounce's own addressee is the sender, unless it is all there is
 * (a bounce sent to the failed address itself, or to a list). */
static void
drop_bounce_addressee(const bn_view *v, bounce_report *r)
{
  size_t n = bn_report_count(r), others = 0;
  for (size_t i = 0; i < n; i++)
    others += !is_bounce_addressee(v, bn_report_rcpt(r, i)->address);
  for (size_t i = n; others > 0 && i-- > 0;)
    if (is_bounce_addressee(v, bn_report_rcpt(r, i)->address))
      bn_report_remove(r, i);
}

/* The addresses listed as delivered are no failed recipients: they are
 * reported delivered, as a delivery-status part's would be, beside those
 * that failed or alone (a success notice); unless what is said of one
 * quotes a refusal or names a failure ("Delivered to: / a@b / Status:
 * failed / 550 5.1.1 User unknown" is a form's field, not a success
 * list). A reason written under the failed ones is not theirs. */
static void
mark_listed_delivered(bounce_report *r, GPtrArray *succeeded)
{
  bool any_failed = false;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    bool refused =
        bn_fb_listed(succeeded, rc->address) && (quoted_class(rc) >= 4 || names_failure(rc));
    for (guint k = succeeded->len; refused && k-- > 0;)
      if (g_ascii_strcasecmp(g_ptr_array_index(succeeded, k), rc->address) == 0)
        g_ptr_array_remove_index(succeeded, k);
    any_failed |= !bn_fb_listed(succeeded, rc->address);
  }
  for (size_t i = 0; succeeded->len && i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (!bn_fb_listed(succeeded, rc->address))
      continue;
    if (any_failed)
      bn_set_str(&rc->diagnostic, NULL);
    bn_prose_set_action(rc, "delivered");
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "2.0.0", BOUNCE_SOURCE_DERIVED);
  }
}

/* A warning: every address is still queued, unless the notice says the
 * server gave up, or the warning is said of some addresses and the
 * sentence of this one says it failed. The body decides whatever the
 * subject says: a relay or a translated template titles a warning with a
 * failure's subject ("Delivery Status Notification (Failure)"). */
static void
mark_delayed(const bn_view *v, bounce_report *r, size_t len, const GPtrArray *warned,
             const GPtrArray *failed)
{
  bool warning = bn_subject_has(v, warning_words) ||
                 (bn_prose_has_any(v->text->str, len, warning_words) &&
                  !bn_prose_has_any(v->text->str, len, given_up_words));
  if (warning)
    for (size_t i = 0; i < bn_report_count(r); i++) {
      bounce_recipient *rc = bn_report_rcpt(r, i);
      if (quoted_class(rc) < 5 && !(warned->len && bn_fb_listed(failed, rc->address)))
        bn_prose_set_action(rc, "delayed");
    }
}

/* A success notice the words above drew in: the addresses it names got
 * the message (the fields of its report part, where it has one, were
 * read before this), unless the words about an address say it failed (a
 * failure notice may add that the others got it). */
static void
mark_success_notice(const bn_view *v, bounce_report *r, size_t len)
{
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
}

/* A recipient whose own reply is a success and nothing else ("bob@..." /
 * "250 OK", "Status: 250 OK" among the refusals of the others):
 * delivered, as the same reply with its status ("250 2.1.5 OK") already
 * reads. */
static void
mark_replied_delivered(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    int code = bn_fb_success_code(rc->diagnostic);
    if (rc->action || code == 0 || quoted_class(rc) >= 4 || names_failure(rc))
      continue;
    bn_prose_set_action(rc, "delivered");
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "2.0.0", BOUNCE_SOURCE_DERIVED);
    if (rc->reply_code == 0)
      bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
  }
}

/* Whether the capitals DATA at p (in s, which ends at end) stand as a word
 * of their own. */
static bool
data_word(const char *s, const char *p, const char *end)
{
  return (p == s || !bn_word_byte(p[-1])) && (p + 4 == end || !bn_word_byte(p[4]));
}

/* Past the marks a transcript puts between DATA at p and what follows it
 * ("DATA  554 ...", "DATA: 250 ...", "DATA ... 250"). */
static const char *
past_data(const char *p, const char *end)
{
  const char *q = p + 4;
  while (q < end && strchr(" \t.:-", *q))
    q++;
  return q;
}

/* Whether the line's words from lead open with the command DATA, in
 * capitals and standing as a word ("DATA", ">>> DATA", "DATA  554 ..."). */
static bool
opens_with_data(bn_span l, size_t lead)
{
  return lead + 4 <= l.len && memcmp(l.p + lead, "DATA", 4) == 0 &&
         data_word(l.p + lead, l.p + lead, l.p + l.len);
}

static char *reply_words(bn_span s, int *code);

/* Where the reply at at on line l ends: its lines but the last say its
 * code and '-', the same code (RFC 5321 4.2.1), and the transcript may
 * mark each ("<<< "). The lines that go on with it are read off it, so
 * that a reply of several lines counts as one. */
static const char *
reply_end(bn_lines *it, bn_span l, size_t at)
{
  int code = bn_reply_code_at(l.p + at, l.len - at);
  bn_lines peek = *it;
  bn_span next;
  while (code && l.len - at > 3 && l.p[at + 3] == '-' && bn_lines_next(&peek, &next)) {
    size_t nat = MIN(strspn(next.p, " \t<"), next.len);
    if (bn_reply_code_at(next.p + nat, next.len - nat) != code)
      break;
    *it = peek;
    l = next;
    at = nat;
  }
  return l.p + l.len;
}

/* Whether the reply s is the one a pipelined group's pairing gave a
 * recipient as its reply to RCPT (close_group): that recipient's, however
 * far from its address the reply stands. */
static bool
paired_with_rcpt(const bounce_report *r, bn_span s)
{
  int code;
  char *words = reply_words(s, &code);
  bool paired = false;
  for (size_t i = 0; i < bn_report_count(r) && !paired; i++) {
    const bounce_recipient *rc = bn_report_rcpt(r, i);
    const char *cmd = bn_rcpt_get(rc, BOUNCE_FIELD_SMTP_COMMAND);
    paired = cmd && strcmp(cmd, "RCPT") == 0 && rc->diagnostic && strstr(rc->diagnostic, words);
  }
  g_free(words);
  return paired;
}

/* The refusal the notice quotes of the message itself: the first line
 * (with the lines its reply goes on to), up to len, that gives a refusal (4xx, 5xx), names no address and is
 * no recipient's words ("554 5.7.1 Message rejected" after DATA, below
 * the recipients the server accepted); NULL when there is none. A reply
 * right under a line that names an address is that address's (">>> RCPT
 * TO:<bob@...>" / "<<< 550 5.1.1 User unknown" in a transcript, the
 * refusal of a recipient, not of the message). Each such line is sought
 * in every diagnostic: no more than 16 are. */
static char *
message_refusal(const bn_view *v, const bounce_report *r, size_t len, size_t *where)
{
  bn_lines it;
  bn_span l;
  bool after_address = false, after_data = false;
  bn_lines_init(&it, v->text->str, len);
  for (int k = 0; k < 16 && bn_lines_next(&it, &l);) {
    /* ... unless the line gives the command it answers, DATA, the
     * message's ("RCPT TO:<bob@...>  550 5.1.1 ..." / "DATA  554 ..."),
     * or stands right under DATA alone on its line ("DATA" / "554 ..."):
     * the last recipient's lines, with no blank line between them and
     * DATA, took that reply as its own. DATA's go-ahead and the dot that
     * ends the message ("DATA" / "354 Go ahead" / "." / "554 ...", RFC
     * 5321 4.1.1.4) still stand under DATA: the reply to the dot refuses
     * the message, as one to DATA does. */
    size_t lead = strspn(l.p, " \t>");
    bool under_data = after_data;
    bool data = opens_with_data(l, lead);
    bool dot = under_data && lead < l.len && l.p[lead] == '.' &&
               (lead + 1 == l.len || l.p[lead + 1] == ' ' || l.p[lead + 1] == '\t');
    bool named = after_address && !data && !dot;
    after_address = memchr(l.p, '@', l.len) != NULL;
    size_t cmd = data ? 4 : dot ? 1 : 0;
    size_t from = cmd ? MIN(lead + cmd + strspn(l.p + lead + cmd, " \t"), l.len) : 0;
    size_t reply = cmd ? from : MIN(strspn(l.p, " \t<"), l.len);
    bool go_ahead = bn_reply_code_at(l.p + reply, l.len - reply) == 354;
    after_data = cmd ? from == l.len || go_ahead
                     : under_data && (reply == l.len || (go_ahead && !after_address));
    /* a reply of several lines is one, judged by its first: its later
     * lines stand under no address and are no refusal of their own */
    const char *end = reply_end(&it, l, reply);
    int code = bn_find_reply_code(l.p + from, l.len - from);
    if (named || (after_address && !cmd) || code < 400)
      continue;
    k++;
    bn_span whole = {l.p + from, (size_t)(end - l.p - from)};
    char *said = bn_squeeze_dup(whole.p, whole.len);
    bool owned = paired_with_rcpt(r, whole);
    for (size_t i = 0; i < bn_report_count(r) && !owned; i++) {
      const char *d = bn_report_rcpt(r, i)->diagnostic;
      owned = d && strstr(d, said);
    }
    if (!owned || cmd || under_data) {
      *where = (size_t)(end - v->text->str);
      return said;
    }
    g_free(said);
  }
  return NULL;
}

/* Whether rc's own reply only accepted its address: a success with an
 * addressing status (RFC 3463 2.1.x: "250 2.1.5 Recipient OK" to RCPT),
 * which says nothing yet of the message. */
static bool
only_address_accepted(const bounce_recipient *rc)
{
  char st[16];
  const char *d = rc->diagnostic;
  return d && bn_fb_success_code(d) && bn_find_status(d, strlen(d), st) &&
         strncmp(st, "2.1.", 4) == 0;
}

/* Whether the capitals DATA at p (s ends at end) are the command: the
 * line ends after it, or its reply follows ("DATA  554 ...", "DATA: 250
 * ..."), or the word "command"; not a heading's word ("PERSONAL DATA
 * NOTICE", "DATA PROTECTION"). */
static bool
data_command(const char *p, const char *end)
{
  const char *q = past_data(p, end);
  return q == end || *q == '\n' || *q == '\r' || g_ascii_isdigit(*q) ||
         (end - q >= 7 && g_ascii_strncasecmp(q, "command", 7) == 0);
}

/* Where a notice ends naming DATA as Postfix does ("in reply to end of
 * DATA command") or prose ("at the end of the data"). */
static const char *const data_ends[] = {"end of data", "end of the data", NULL};

/* Whether s gives DATA with a success reply ("DATA  250 Queued"): the
 * message was taken. */
static bool
data_accepted(const char *s)
{
  const char *end = s + strlen(s);
  for (const char *p = s; (p = strstr(p, "DATA")) != NULL; p++) {
    const char *q = past_data(p, end);
    if (data_word(s, p, end) && q > p + 4 && q[0] == '2' && g_ascii_isdigit(q[1]) &&
        g_ascii_isdigit(q[2]) && !g_ascii_isdigit(q[3]))
      return true;
  }
  return false;
}

/* Where the last mention of the DATA command (RFC 5321 3.3) in s (len
 * bytes) starts, or NULL: the capitals as a transcript writes them
 * (">>> DATA"), or one of data_ends ("data" in lower case alone is any
 * text's word). Found once for all the recipients: the text after each
 * one's address, read to the refusal again for each, was the square of
 * their number. */
static const char *
last_data_mention(const char *s, size_t len)
{
  const char *end = s + len, *last = NULL;
  for (const char *p = s; (p = g_strstr_len(p, end - p, "DATA")) != NULL; p++)
    if (data_word(s, p, end) && data_command(p, end))
      last = p;
  for (size_t i = 0; data_ends[i]; i++)
    for (const char *p = s; (p = bn_prose_find(p, (size_t)(end - p), data_ends[i])) != NULL; p++)
      last = MAX(last, p);
  return last;
}

/* Where first_mentions leaves an address for its caller to search. */
static const char unsearched[] = "";

static void
mentioned(void *data, size_t i, const char *where, bool whole)
{
  (void)whole;
  ((const char **)data)[i] = where;
}

/* Where each recipient's address is first named in the text's first len
 * bytes (bn_strcasestr's answer, NULL for none), found for all in one pass
 * (an address the pass cannot find is left unsearched). */
static const char **
first_mentions(const bn_view *v, const bounce_report *r, size_t len)
{
  const char **where = g_new0(const char *, bn_report_count(r));
  fb_finder *f = fb_finder_new(mentioned, where);
  for (size_t i = 0; i < bn_report_count(r); i++) {
    const char *addr = bn_report_rcpt(r, i)->address;
    if (addr && !fb_finder_add(f, addr, i, false))
      where[i] = unsearched;
  }
  fb_find_in(f, v->text->str, len);
  fb_finder_free(f);
  return where;
}

/* Whether rc's own reply is a bare success ("250 OK", no enhanced
 * status) to its address, and the notice goes on, after the address and
 * naming DATA, to the refusal that ends at refused: the reply was to
 * RCPT, and the message was refused after it. A success with its status
 * ("250 2.0.0 Ok: queued") is one said of the message, and so is one whose
 * own lines go on to DATA's success ("250 OK" / "DATA  250 Queued": another
 * host's refusal further on is not its). at: where first_mentions found
 * rc's address. */
static bool
accepted_before_data(const bn_view *v, const bounce_recipient *rc, size_t refused,
                     const char *mention, const char *at)
{
  char st[16];
  const char *d = rc->diagnostic;
  if (d == NULL || bn_fb_success_code(d) == 0 || bn_find_status(d, strlen(d), st) ||
      data_accepted(d))
    return false;
  const char *t = v->text->str;
  if (at == unsearched)
    at = bn_strcasestr(t, refused, rc->address);
  if (at == NULL)
    return false;
  /* the text from at names DATA when the last mention is in it, or when
   * the address opens with DATA, standing apart at the text's start */
  const char *end = t + refused;
  return at <= mention || (end - at >= 4 && memcmp(at, "DATA", 4) == 0 &&
                           data_word(at, at, end) && data_command(at, end));
}

/* A command of a pipelined group (RFC 2920 3.1) waiting for its reply:
 * RCPT with the recipient it names (NULL for an address the report does
 * not hold: it still takes its turn), or another command. */
typedef struct {
  bool rcpt, data;
  bounce_recipient *rc;
} sent_command;

/* A transcript's transaction as read_dot_replies follows it: the
 * recipients whose RCPT was accepted, in order (NULL for an address the
 * report does not hold: it still takes its turn), the replies given
 * after the end-of-data dot, and the commands sent and replies read of
 * the group now in flight. */
typedef struct {
  GPtrArray *accepted;
  GArray *replies; /* bn_span: a reply's lines, the last one's code ending it */
  bool lmtp;
  GArray *sent;    /* sent_command */
  GArray *answers; /* bn_span, as replies */
  size_t extra;    /* answers beyond the commands sent: none is kept */
} dot_replies;

/* Whether the line's words from lead open with the command cmd (in
 * capitals or not, as transcripts write it: "RCPT TO:", "rcpt to:"). */
static bool
gives_command(bn_span l, size_t lead, const char *cmd)
{
  size_t n = strlen(cmd);
  return l.len - lead >= n && g_ascii_strncasecmp(l.p + lead, cmd, n) == 0;
}

/* Whether code may answer the dot for one recipient (RFC 2033 4.2): a
 * success or a refusal; 221 and 421 close the session (RFC 5321 3.8: a
 * server may send 421 at any time, answering no command), 354 goes
 * ahead. */
static bool
recipient_reply(int code)
{
  return (code >= 250 && code <= 252) || (code >= 400 && code != 421);
}

/* The reply s with the transcript's marks before each of its lines
 * ("<<< ") left off, and its code. A new string. */
static char *
reply_words(bn_span s, int *code)
{
  GString *g = g_string_sized_new(s.len);
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, s.p, s.len);
  while (bn_lines_next(&it, &l)) {
    size_t lead = MIN(strspn(l.p, " \t<"), l.len);
    if (g->len)
      g_string_append_c(g, ' ');
    g_string_append_len(g, l.p + lead, (gssize)(l.len - lead));
  }
  *code = bn_reply_code_at(g->str, g->len);
  char *words = bn_squeeze_dup(g->str, g->len);
  g_string_free(g, TRUE);
  return words;
}

/* Gives rc, refused after it was accepted, the reply that refused the
 * message: the command in flight was DATA (RFC 5321 4.1.1.4, the reply
 * to the dot ending it; RFC 2033 4.2). */
static void
refused_at_data(bounce_recipient *rc, const char *said)
{
  bn_set_str(&rc->diagnostic, said);
  bn_rcpt_fill(rc, BOUNCE_FIELD_SMTP_COMMAND, "DATA", BOUNCE_SOURCE_TEXT);
}

/* SMTP answers the dot once (RFC 5321 4.1.1.4), whatever follows it: a
 * refusal there is the message's, every accepted recipient's. */
static void
apply_dot_reply(const dot_replies *t)
{
  int code;
  char *said = reply_words(g_array_index(t->replies, bn_span, 0), &code);
  for (size_t i = 0; i < t->accepted->len && code >= 400 && recipient_reply(code); i++) {
    bounce_recipient *rc = g_ptr_array_index(t->accepted, i);
    if (rc && rc->action == NULL)
      refused_at_data(rc, said);
  }
  g_free(said);
}

/* Whether d holds one of the replies after the dot (said), or is held in
 * one. */
static bool
quotes_dot_reply(const GPtrArray *said, const char *d)
{
  for (size_t i = 0; i < said->len && d; i++) {
    const char *w = g_ptr_array_index(said, i);
    if (strstr(d, w) || strstr(w, d))
      return true;
  }
  return false;
}

/* LMTP answered the dot for each recipient, but the transcript holds
 * more or fewer replies than it accepted: which is whose is not known.
 * Acceptance of RCPT says nothing of the message, and no one reply after
 * the dot is all recipients' (as SMTP's is), nor the one that happens to
 * stand nearest an address: none is given. */
static void
forget_acceptance(const dot_replies *t)
{
  GPtrArray *said = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < t->replies->len; i++) {
    int code;
    g_ptr_array_add(said, reply_words(g_array_index(t->replies, bn_span, i), &code));
  }
  for (size_t i = 0; i < t->accepted->len; i++) {
    bounce_recipient *rc = g_ptr_array_index(t->accepted, i);
    if (rc && rc->action == NULL &&
        (only_address_accepted(rc) || quotes_dot_reply(said, rc->diagnostic)))
      bn_set_str(&rc->diagnostic, NULL);
  }
  g_ptr_array_free(said, TRUE);
}

/* Gives each accepted recipient its own reply after the dot, in the
 * order of the RCPT commands, as LMTP answers (RFC 2033 4.2): when the
 * transcript shows LHLO and as many replies came as recipients were
 * accepted; one more or one less and no reply is known to be a given
 * recipient's. SMTP answers the dot once (apply_dot_reply), and "LMTP" in
 * the notice's prose is not enough: relays name the LMTP hop behind an
 * SMTP session that answered the dot once. A recipient the notice's words
 * already decided is left. */
static void
apply_dot_replies(const dot_replies *t)
{
  size_t n = t->accepted->len, m = t->replies->len;
  if (m && (!t->lmtp || n == 1))
    apply_dot_reply(t);
  if (n < 2 || m == 0 || !t->lmtp)
    return;
  if (m != n) {
    forget_acceptance(t);
    return;
  }
  /* A recipient accepted twice has two replies and no one answer. */
  GHashTable *seen = g_hash_table_new(NULL, NULL), *twice = g_hash_table_new(NULL, NULL);
  for (size_t i = 0; i < n; i++) {
    gpointer rc = g_ptr_array_index(t->accepted, i);
    if (rc && !g_hash_table_add(seen, rc))
      g_hash_table_add(twice, rc);
  }
  for (size_t i = 0; i < n; i++) {
    bounce_recipient *rc = g_ptr_array_index(t->accepted, i);
    bn_span s = g_array_index(t->replies, bn_span, i);
    if (rc == NULL || rc->action || g_hash_table_contains(twice, rc))
      continue;
    int code;
    char *said = reply_words(s, &code);
    if (code / 100 != 2) {
      refused_at_data(rc, said);
      g_free(said);
      continue;
    }
    bn_set_str(&rc->diagnostic, said);
    g_free(said);
    bn_prose_set_action(rc, "delivered");
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "2.0.0", BOUNCE_SOURCE_DERIVED);
    bn_rcpt_set_reply_code(rc, code, BOUNCE_SOURCE_TEXT);
  }
  g_hash_table_destroy(seen);
  g_hash_table_destroy(twice);
}

/* The commands a client may send in a group without waiting for their
 * replies (RFC 2920 3.1; LHLO, RFC 2033 4.1), as a transcript writes them
 * at a line's start; DATA apart (opens_with_data). A name that ends in a
 * letter stands as a word. */
static const char *const group_commands[] = {
  "LHLO", "EHLO", "HELO", "MAIL FROM:", "RCPT TO:", "RSET", "NOOP", "QUIT", "VRFY", "EXPN", NULL,
};

static bool
gives_any_command(bn_span l, size_t lead)
{
  if (opens_with_data(l, lead))
    return true;
  for (size_t i = 0; group_commands[i]; i++) {
    size_t n = strlen(group_commands[i]);
    if (gives_command(l, lead, group_commands[i]) &&
        (group_commands[i][n - 1] == ':' || lead + n == l.len || !g_ascii_isalnum(l.p[lead + n])))
      return true;
  }
  return false;
}

/* A refusal of DATA itself (RFC 5321 4.1.1.4: "554 no valid
 * recipients", or a filter's at DATA) is the message's: every recipient
 * accepted before it was refused at DATA. */
static void
refused_under_data(const dot_replies *t, bn_span s)
{
  int code;
  char *said = reply_words(s, &code);
  for (size_t i = 0; i < t->accepted->len && code >= 400 && code != 421; i++) {
    bounce_recipient *rc = g_ptr_array_index(t->accepted, i);
    if (rc && rc->action == NULL)
      refused_at_data(rc, said);
  }
  g_free(said);
}

/* Pairs the group's replies with its commands in the order they were
 * sent, as the server answers them (RFC 2920 3.1), when as many came as
 * were sent: a transcript that lost or added one says of no reply which
 * command's it is. An accepted RCPT joins the transaction's list; in a
 * pipelined group, where a reply stands away from the address it answers,
 * each recipient named takes its reply as its words; a recipient whose
 * words hold its refusal takes that refusal alone, and RCPT as its
 * command. */
static void
close_group(dot_replies *t)
{
  size_t n = t->sent->len;
  for (size_t i = 0; i < n && t->answers->len == n && t->extra == 0; i++) {
    sent_command c = g_array_index(t->sent, sent_command, i);
    if (c.data)
      refused_under_data(t, g_array_index(t->answers, bn_span, i));
    if (!c.rcpt)
      continue;
    int code;
    char *said = reply_words(g_array_index(t->answers, bn_span, i), &code);
    if (code >= 250 && code <= 252)
      g_ptr_array_add(t->accepted, c.rc);
    if (c.rc == NULL || c.rc->action) {
      g_free(said);
      continue;
    }
    if (n > 1)
      bn_set_str(&c.rc->diagnostic, said);
    const char *d = c.rc->diagnostic;
    if (code >= 400 && d && strstr(d, said)) {
      /* the lines after the refusal (">>> DATA", the dot's reply) are
       * the transaction's, not this recipient's words */
      bn_set_str(&c.rc->diagnostic, said);
      bn_rcpt_fill(c.rc, BOUNCE_FIELD_SMTP_COMMAND, "RCPT", BOUNCE_SOURCE_TEXT);
    }
    g_free(said);
  }
  g_array_set_size(t->sent, 0);
  g_array_set_size(t->answers, 0);
  t->extra = 0;
}

/* Takes the reply s, all its lines, for the group in flight. A lone
 * command is answered by the first reply after it: it is closed there,
 * and code lines after it (the MTA's verdict) are no reply. */
static void
take_answer(dot_replies *t, bn_span s)
{
  if (t->answers->len < t->sent->len)
    g_array_append_val(t->answers, s);
  else
    t->extra++;
  if (t->sent->len == 1)
    close_group(t);
}

/* Notes the command on the line l (its marks lead bytes long) for the
 * group in flight: an RCPT with the recipient it names, accepted at once
 * when the line holds its reply too ("RCPT TO:<a@b> 250 OK"); MAIL FROM
 * opens a transaction; DATA starts the message (*data). */
static void
note_sent(dot_replies *t, bounce_report *r, bn_span l, size_t lead, bool command, bool *data)
{
  sent_command c = {false, false, NULL};
  if (gives_command(l, lead, "RCPT TO:")) {
    const char *open = l.p + lead + 8, *close = memchr(open, '>', (size_t)(l.p + l.len - open));
    const char *after = close ? close + 1 : l.p + l.len;
    c = (sent_command){true, false, bn_prose_recipient_at(r, open, (size_t)(after - open), false)};
    int own = bn_find_reply_code(after, (size_t)(l.p + l.len - after));
    if (own >= 250 && own <= 252)
      g_ptr_array_add(t->accepted, c.rc);
    if (own == 0)
      g_array_append_val(t->sent, c);
    return;
  }
  if (!command)
    return;
  if (gives_command(l, lead, "MAIL FROM:")) {
    g_ptr_array_set_size(t->accepted, 0);
    *data = false;
  }
  c.data = opens_with_data(l, lead);
  *data = *data || c.data;
  size_t past = MIN(lead + 4, l.len);
  if (bn_find_reply_code(l.p + past, l.len - past) == 0)
    g_array_append_val(t->sent, c);
}

/* Reads a transcript in the text's first len bytes ("RCPT TO:<a@...>" /
 * "250 OK" / ... / "DATA" / "354 ..." / "." / "552 5.2.2 Mailbox full" /
 * "250 2.0.0 Ok") for the replies to RCPT, in turn or pipelined
 * (close_group), and those after the dot, which apply_dot_replies gives
 * out. Each MAIL FROM opens a new transaction. One pass; the replies kept
 * are no more than the commands of a group, or the recipients accepted
 * and one. A transcript that marks its commands (">>> ") marks their
 * replies ("<<< "): an unmarked code line there is the MTA's verdict. */
static void
mark_dot_replies(const bn_view *v, bounce_report *r, size_t len)
{
  const char *s = v->text->str;
  dot_replies t = {g_ptr_array_new(), g_array_new(FALSE, FALSE, sizeof(bn_span)), false,
                   g_array_new(FALSE, FALSE, sizeof(sent_command)),
                   g_array_new(FALSE, FALSE, sizeof(bn_span)), 0};
  bn_lines it;
  bn_span l;
  bool data = false, dot = false, marked = false;
  bn_lines_init(&it, s, len);
  while (bn_lines_next(&it, &l)) {
    size_t lead = MIN(strspn(l.p, " \t>"), l.len);
    size_t at = MIN(strspn(l.p, " \t<"), l.len);
    int code = bn_reply_code_at(l.p + at, l.len - at);
    if (dot && recipient_reply(code)) {
      bn_span reply = {l.p, (size_t)(reply_end(&it, l, at) - l.p)};
      if (t.replies->len <= t.accepted->len)
        g_array_append_val(t.replies, reply);
      continue;
    }
    if (dot) {
      /* the dot's replies end the transaction (RFC 5321 4.1.1.4): the
       * recipients of the next, in this session or another, are its own */
      apply_dot_replies(&t);
      g_ptr_array_set_size(t.accepted, 0);
    }
    dot = false;
    if (code && t.sent->len && (!marked || memchr(l.p, '<', at))) {
      take_answer(&t, (bn_span){l.p, (size_t)(reply_end(&it, l, at) - l.p)});
      continue;
    }
    bool end_of_data = data && lead < l.len && l.p[lead] == '.' &&
                       strspn(l.p + lead + 1, " \t\r") >= l.len - lead - 1;
    bool command = !end_of_data && gives_any_command(l, lead);
    if ((command || end_of_data) && (t.answers->len || t.extra))
      close_group(&t);
    if (command)
      marked = memchr(l.p, '>', lead) != NULL;
    if (gives_command(l, lead, "LHLO"))
      t.lmtp = true;
    if (end_of_data) {
      dot = true;
      data = false;
      g_array_set_size(t.replies, 0);
    } else {
      note_sent(&t, r, l, lead, command, &data);
    }
  }
  if (dot)
    apply_dot_replies(&t);
  if (t.answers->len || t.extra)
    close_group(&t);
  g_ptr_array_free(t.accepted, TRUE);
  g_array_free(t.replies, TRUE);
  g_array_free(t.sent, TRUE);
  g_array_free(t.answers, TRUE);
}

/* The recipients the server accepted ("anna@...: 250 2.1.5 Recipient
 * OK", or "250 OK" where the transcript goes on to DATA) before it
 * refused the message at DATA ("554 5.7.1 Message rejected"): the
 * message did not reach them; the refusal is theirs. */
static void
mark_data_refused(const bn_view *v, bounce_report *r, size_t len)
{
  char *refusal = NULL;
  size_t refused = 0;
  const char *mention = NULL;
  const char **first = NULL;
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    if (rc->action)
      continue;
    if (!only_address_accepted(rc)) {
      if (bn_fb_success_code(rc->diagnostic) == 0)
        continue;
      if (refusal == NULL && (refusal = message_refusal(v, r, len, &refused)) == NULL)
        return;
      if (first == NULL) {
        mention = last_data_mention(v->text->str, refused);
        first = first_mentions(v, r, refused);
      }
      if (!accepted_before_data(v, rc, refused, mention, first[i]))
        continue;
    }
    if (refusal == NULL && (refusal = message_refusal(v, r, len, &refused)) == NULL)
      return;
    bn_set_str(&rc->diagnostic, refusal);
  }
  g_free(first);
  g_free(refusal);
}

/* A recipient whose words quote a status of success yet say it failed
 * ("Delivery to bob@... failed." / "The server said: 221 2.0.0 Bye"), or
 * whose reply is no answer about the message (220, 221: the greeting,
 * the closing): failed, whatever the status says. A status with no
 * reply ("Result: 2.0.0 delivered to mailbox") is no such reply. */
static void
mark_success_status_failed(bounce_report *r)
{
  for (size_t i = 0; i < bn_report_count(r); i++) {
    bounce_recipient *rc = bn_report_rcpt(r, i);
    const char *d = rc->diagnostic;
    bool other_reply = d && bn_find_reply_code(d, strlen(d)) / 100 == 2 &&
                       bn_fb_success_code(d) == 0;
    if (rc->action || quoted_class(rc) != 2 || !(other_reply || names_failure(rc)))
      continue;
    bn_prose_set_action(rc, "failed");
    bn_rcpt_set(rc, BOUNCE_FIELD_STATUS, "5.0.0", BOUNCE_SOURCE_DERIVED);
  }
}

/* Also the last resort for a delivery-status part that gives no
 * diagnostic: it completes those recipients and returns false, so that the
 * report stays the part's. */
static bool
extract(const bn_view *v, bounce_report *r)
{
  if (bn_report_count(r) > 0) {
    if (v->dsn->len > 0)
      bn_fallback_complete(v, r);
    return false; /* the report's own fields said who */
  }
  /* labelled fields (收件人, 退信原因) from a sender no recognizer names:
   * a business's domain on Tencent Exmail or Aliyun Mail */
  if (bn_cn_notice_claim(v) && bn_cn_notice_read(v, r))
    return true;
  gssize end = bn_view_inline_copy(v);
  size_t len = end >= 0 ? (size_t)end : v->text->len;
  fb_scan s = {.v = v,
               .r = r,
               .sender = bn_report_original(r, "From"),
               .senders = bn_fb_returned_senders(v, r, end)};
  read_lines(&s, len);
  drop_bounce_addressee(v, r);
  mark_listed_delivered(r, s.succeeded);
  if (bn_report_count(r) == 0)
    header_recipients(v, r, len);
  if (bn_report_count(r) == 0)
    sole_original_recipient(v, r, end);
  /* a notice about mail sent to a no-reply mailbox of its own
   * organisation ("Your message to noreply@... could not be delivered",
   * from an internal relay) names no other, and its copy none */
  if (bn_report_count(r) == 0 && s.no_reply_seen) {
    g_ptr_array_free(s.warned, TRUE);
    g_ptr_array_free(s.failed, TRUE);
    g_ptr_array_free(s.succeeded, TRUE);
    s = (fb_scan){.v = v, .r = r, .sender = s.sender, .senders = s.senders, .keep_no_reply = true};
    read_lines(&s, len);
    drop_bounce_addressee(v, r);
    mark_listed_delivered(r, s.succeeded);
  }
  g_ptr_array_free(s.succeeded, TRUE);
  g_ptr_array_free(s.senders, TRUE);
  mark_delayed(v, r, len, s.warned, s.failed);
  g_ptr_array_free(s.warned, TRUE);
  g_ptr_array_free(s.failed, TRUE);
  mark_dot_replies(v, r, len);
  mark_data_refused(v, r, len);
  mark_success_status_failed(r);
  mark_replied_delivered(r);
  mark_success_notice(v, r, len);
  return bn_report_count(r) > 0;
}

const bn_mta bn_mta_fallback = {"unknown", claim, extract};
