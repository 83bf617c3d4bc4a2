/* Cause and hard/soft: every cause, the phrase matching (words, gaps,
 * languages), each precedence rule, the rules that read two pieces of
 * evidence together, and the definition of hard. */
#include "testutil.h"
#include "private.h"
#include "reason.h"
#include <stdio.h>
#include <string.h>

#define C(x) BOUNCE_CAUSE_##x

static bounce_cause
text_cause(const char *s)
{
  return bn_text_cause(s, strlen(s));
}

typedef struct {
  const char *status;
  int reply;
  const char *command;
  const char *diagnostic;
  const char *action;
  bounce_cause want;
} row;

static bounce_recipient *
rcpt_of(const row *w)
{
  bounce_recipient *rc = g_new0(bounce_recipient, 1);
  bn_set_str(&rc->status, w->status);
  if (w->status) /* as a delivery-status field gives it */
    rc->source[BOUNCE_FIELD_STATUS] = BOUNCE_SOURCE_FIELD;
  rc->reply_code = w->reply;
  bn_set_str(&rc->smtp_command, w->command);
  bn_set_str(&rc->diagnostic, w->diagnostic);
  bn_set_str(&rc->action, w->action ? w->action : "failed");
  return rc;
}

static void
rcpt_free(bounce_recipient *rc)
{
  g_free(rc->status);
  g_free(rc->diagnostic);
  g_free(rc->smtp_command);
  g_free(rc->action);
  g_free(rc);
}

static bounce_cause
classify_row(const row *w, bool *hard)
{
  bounce_recipient *rc = rcpt_of(w);
  bn_classify(rc, NULL);
  bounce_cause c = rc->cause;
  if (hard)
    *hard = rc->hard;
  rcpt_free(rc);
  return c;
}

static bounce_cause
classify(const char *status, int reply, const char *command, const char *diag)
{
  row w = {status, reply, command, diag, NULL, C(UNDEFINED)};
  return classify_row(&w, NULL);
}

static void
check_rows(const row *rows, size_t n)
{
  size_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    bounce_cause got = classify_row(&rows[i], NULL);
    if (got != rows[i].want) {
      fprintf(stderr, "\"%s\" (%s, %d, %s) gives %s, want %s\n",
              rows[i].diagnostic ? rows[i].diagnostic : "", rows[i].status ? rows[i].status : "",
              rows[i].reply, rows[i].command ? rows[i].command : "", bounce_cause_to_string(got),
              bounce_cause_to_string(rows[i].want));
      bad++;
    }
  }
  ck_assert_uint_eq(bad, 0);
}

/* One diagnostic or more for every cause a bounce's text can name, as
 * servers write them; docs/causes.md's example of each is one of them
 * (test_documented_causes). */
static const row every_cause[] = {
  {"5.7.1", 550, NULL, "550 5.7.1 Email rejected per DMARC policy for example.org", NULL, C(AUTHFAILURE)},
  {"5.7.1", 550, "MAIL", "550 5.7.1 domain of example.com does not designate 192.0.2.1 as permitted sender",
   NULL, C(AUTHFAILURE)},
  {"5.7.26", 550, NULL,
   "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy", NULL,
   C(AUTHFAILURE)},
  {"4.7.0", 421, NULL, "421 4.7.0 Deferred: the sending IP has a poor reputation", NULL, C(BADREPUTATION)},
  {"4.7.0", 421, NULL,
   "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
   NULL, C(BADREPUTATION)},
  {"5.7.1", 554, NULL, "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
   NULL, C(BLOCKED)},
  /* Orange's OFR006 refusal quoted by any relay: "spam" is what the IP
   * sent before, not this message */
  {"5.0.0", 550, NULL,
   "550 mwinf5c14 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. "
   "OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.8 [102]",
   NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam.", NULL, C(BLOCKED)},
  {"5.7.1", 554, "CONN", "554 5.7.1 You are not allowed to connect.", NULL, C(BLOCKED)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 IP 192.0.2.3 blocked by Vade Threat List (OXSUS001_101)", NULL, C(BLOCKED)},
  /* Gmail 4.7.28 for a sending domain: its record, not a plain rate */
  {"4.7.28", 421, "DATA",
   "421-4.7.28 Gmail has detected an unusual rate of mail originating from your SPF 421-4.7.28 domain "
   "[example.com]. To protect our users from 421-4.7.28 spam, mail sent from your domain has been temporarily "
   "rate limited.",
   NULL, C(BADREPUTATION)},
  /* Exchange Online to SMTP clients: not the 4.3.2 system refusal */
  {"4.3.2", 432, "DATA",
   "432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more "
   "information.",
   NULL, C(TOOMANYCONN)},
  {"4.3.2", 421, "CONN",
   "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel",
   NULL, C(TOOMANYCONN)},
  {NULL, 421, "MAIL",
   "421 RP-001 (BAY0-MC1-F21) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try again. "
   "We have limits for how many messages can be sent per hour and per day.",
   NULL, C(SPEEDING)},
  /* Postfix's sender login mismatch: log in as the address's owner */
  {"5.7.1", 553, "MAIL", "553 5.7.1 <neko@example.com>: Sender address rejected: not logged in", NULL,
   C(SECURITYERROR)},
  {"5.7.1", 553, "MAIL", "553 5.7.1 <neko@example.com>: Sender address rejected: not owned by user bob", NULL,
   C(SECURITYERROR)},
  {"5.6.0", 554, "DATA", "554 5.6.0 Invalid header found in the message", NULL, C(CONTENTERROR)},
  {"5.2.3", 552, NULL, "552 5.2.3 Message length exceeds administrative limit", NULL, C(EXCEEDLIMIT)},
  {"4.4.7", 0, NULL, "Deferred: Connection timed out with mx.example.org. Message could not be delivered for 5 days",
   NULL, C(EXPIRED)},
  {"5.7.0", 530, NULL, "530 5.7.0 Must issue a STARTTLS command first", NULL, C(FAILEDSTARTTLS)},
  {"4.0.0", 0, NULL, "a TLS session is required for mx.example.org [192.0.2.1], but an attempt to start TLS failed", NULL, C(FAILEDSTARTTLS)},
  {"5.0.0", 550, "DATA", "550 Unknown user kijitora@example.jp", NULL, C(FILTERED)},
  {"5.0.0", 551, NULL, "551 User has moved; please try <neko@example.org>", NULL, C(HASMOVED)},
  {"5.1.6", 550, NULL, "550 5.1.6 recipient no longer on server", NULL, C(HASMOVED)},
  {"5.4.4", 0, NULL,
   "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found", NULL,
   C(HOSTUNKNOWN)},
  /* no reply at the connection: the sending MTA's own lookup of the
   * recipient's domain failed (SendGrid's "... in connect") */
  {"5.0.0", 0, "CONN",
   "Host or domain name not found. Name service error for name=example.org type=MX: Host not found",
   NULL, C(HOSTUNKNOWN)},
  {"5.2.2", 552, "RCPT", "552 5.2.2 <kijitora@example.jp>... Mailbox Full", NULL, C(MAILBOXFULL)},
  {"5.0.0", 0, NULL, "mailbox exceeded quota", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "RCPT", "552 Recipient exceeds quota", NULL, C(MAILBOXFULL)},
  {"5.3.0", 0, NULL, "Command died with status 1: \"/usr/bin/procmail\"", NULL, C(MAILERERROR)},
  {"5.3.4", 552, NULL, "552 5.3.4 Message too big for system", NULL, C(MESGTOOBIG)},
  {"4.4.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: No route to host", NULL, C(NETWORKERROR)},
  {NULL, 0, NULL, "Name service error for domain example.com: Host not found, try again", NULL,
   C(NETWORKERROR)},
  {"5.7.1", 554, "RCPT", "554 5.7.1 <kijitora@example.org>: Relay access denied", NULL, C(NORELAYING)},
  {"5.0.0", 556, NULL, "556 The domain example.org does not accept mail (null MX)", NULL, C(NOTACCEPT)},
  {"5.7.1", 550, "DATA", "550 5.7.1 Messages with multiple addresses in From: header are not accepted", NULL,
   C(NOTCOMPLIANTRFC)},
  {"5.0.0", 550, "RCPT", "550 5.0.0 <kijitora@example.org>: Recipient address rejected: On hold", NULL,
   C(ONHOLD)},
  {"4.1.1", 450, "RCPT",
   "450 4.1.1 <kijitora@example.org>: Recipient address rejected: unverified address: Address "
   "verification in progress",
   NULL, C(ONHOLD)},
  {"5.7.0", 550, NULL, "550 5.7.0 Local Policy Violation", NULL, C(POLICYVIOLATION)},
  {"5.7.9", 554, NULL, "554 5.7.9 Message not accepted for policy reasons", NULL, C(POLICYVIOLATION)},
  {"5.1.8", 553, "MAIL", "553 5.1.8 <neko@example.net>: Sender address rejected: Domain not found", NULL,
   C(REJECTED)},
  {"5.7.1", 554, "MAIL", "554 5.7.1 Reverse DNS lookup for host 192.0.2.1 failed permanently", NULL,
   C(REQUIREPTR)},
  {"5.7.25", 550, NULL, "550 5.7.25 The IP address sending this message does not have a PTR record setup", NULL,
   C(REQUIREPTR)},
  {"5.7.1", 550, NULL, "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", NULL, C(SECURITYERROR)},
  {"5.7.1", 550, "DATA", "550 5.7.1 Message content rejected, UBE, id=00000-01", NULL, C(SPAMDETECTED)},
  {"5.7.1", 550, NULL, "550 5.7.1 Message content rejected, UBE", NULL, C(SPAMDETECTED)},
  {"4.7.1", 450, "MAIL", "450 4.7.1 Sending rate limit exceeded, try again later", NULL, C(SPEEDING)},
  {"5.2.1", 550, "RCPT", "550 5.2.1 Mailbox disabled, not accepting messages", NULL, C(SUSPEND)},
  {"5.2.1", 550, NULL, "550 5.2.1 The email account that you tried to reach is disabled", NULL, C(SUSPEND)},
  {"4.2.0", 450, "RCPT", "450 4.2.0 Mailbox temporarily disabled", NULL, C(SUSPEND)},
  {"4.2.1", 450, "RCPT", "450 4.2.1 <tama@example.org>: Account temporarily disabled", NULL, C(SUSPEND)},
  {"5.0.0", 0, NULL, "Amazon SES did not send the message to this address because it is on the suppression list",
   NULL, C(SUPPRESSED)},
  /* SES's global suppression list; its 5.1.1 must not read as an unknown user */
  {"5.1.1", 0, NULL,
   "Amazon SES has suppressed sending to this address because it has a recent history of "
   "bouncing as an invalid address.",
   NULL, C(SUPPRESSED)},
  {"5.5.1", 503, NULL, "503 5.5.1 Bad sequence of commands", NULL, C(SYNTAXERROR)},
  {"4.3.0", 451, NULL, "451 4.3.0 Internal server error, try again later", NULL, C(SYSTEMERROR)},
  {"4.3.1", 452, NULL, "452 4.3.1 Insufficient system storage", NULL, C(SYSTEMFULL)},
  /* Dovecot: its one string for a full file system or user quota */
  {"4.2.0", 451, NULL, "451 4.2.0 <kijitora@example.org> Not enough disk space", NULL, C(MAILBOXFULL)},
  /* a system's words with the mailbox's status: the server said whose space ran out */
  {"5.2.2", 552, NULL, "552 5.2.2 <kijitora@example.org> No space left on device", NULL, C(MAILBOXFULL)},
  /* the same words of a relay's own disk: the mail system's status, or
   * said before any recipient was named */
  {"4.3.1", 452, "RCPT", "452 4.3.1 Not enough disk space", NULL, C(SYSTEMFULL)},
  {NULL, 452, "MAIL", "452 Not enough disk space, try again later", NULL, C(SYSTEMFULL)},
  {"4.2.0", 451, NULL, "451 4.2.0 <kijitora@example.org> Timeout while waiting for lock", NULL,
   C(SYSTEMERROR)},
  {"4.3.0", 451, NULL, "451 4.3.0 System I/O error", NULL, C(SYSTEMERROR)},
  /* Postfix's smtpd when its queue file could not be written (the 4.3.0
   * alone names no cause) */
  {"4.3.0", 451, "DATA", "451 4.3.0 Error: queue file write error", NULL, C(SYSTEMERROR)},
  {NULL, 451, NULL, "451 Requested action aborted: error in processing", NULL, C(SYSTEMERROR)},
  {NULL, 452, "RCPT", "452 Insufficient system resources", NULL, C(SYSTEMFULL)},
  {"4.3.2", 421, "DATA", "421 4.3.2 Service shutting down, closing channel", NULL, C(SYSTEMERROR)},
  /* Exchange 5.5's Internet Mail Service, its disk full */
  {NULL, 451, "DATA", "451 Unable to create new message file, status = ERROR_DISK_FULL", NULL, C(SYSTEMFULL)},
  /* Exchange Online when the next server's connection broke (4.4.0 and
   * 4.4.397 alone name no cause) */
  {"4.4.0", 451, NULL,
   "451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to SocketError.\" "
   "Attempted failover to alternate host, but that did not succeed.",
   NULL, C(NETWORKERROR)},
  {"4.4.397", 451, NULL, "451 4.4.397 Error communicating with target host", NULL, C(NETWORKERROR)},
  /* the same quoted as an expiry's last error: the message expired */
  {"4.4.7", 550, NULL,
   "550 4.4.7 QUEUE.Expired; message expired -> 451 4.4.397 Error communicating with target host. "
   "-> 421 4.4.2 Connection dropped due to SocketError",
   NULL, C(EXPIRED)},
  {"5.4.300", 550, NULL,
   "550 5.4.300 Message expired -> 451 4.4.0 Primary target IP address responded with: "
   "\"421 4.4.2 Connection dropped due to SocketError.\"",
   NULL, C(EXPIRED)},
  /* a permanent reply in the words of RFC 3463's x.4.2 "bad connection":
   * a host that dropped the session replied nothing, so this is the
   * reporting MTA's own failure in a reply's form, the link's (the 5xx
   * with x.4.2 alone says nothing, status_cause) */
  {"5.4.2", 550, "RCPT", "550 5.4.2 Bad connection: connection dropped by remote host", NULL,
   C(NETWORKERROR)},
  /* a 5xx with a status of its verdict dropped the session after it: the
   * verdict decides, the drop is no failure of the link */
  {"5.0.0", 550, "RCPT", "550 Requested action not taken: mailbox unavailable, connection dropped",
   NULL, C(USERUNKNOWN)},
  {"5.0.0", 554, "DATA", "554 Transaction failed: message rejected, connection dropped", NULL,
   C(UNDEFINED)},
  {"4.2.0", 451, NULL, "451 4.2.0 Mailbox has an invalid format", NULL, C(SYSTEMERROR)},
  {"4.7.0", 421, "CONN", "421 4.7.0 Too many connections from your IP", NULL, C(TOOMANYCONN)},
  {"5.1.1", 550, "RCPT",
   "550 5.1.1 <kijitora@example.org>: Recipient address rejected: User unknown in local recipient table", NULL,
   C(USERUNKNOWN)},
  {"5.7.0", 554, "DATA", "554 5.7.0 Virus found in the message: Eicar-Test-Signature", NULL, C(VIRUSDETECTED)},
  {"5.7.0", 554, NULL, "554 5.7.0 Virus found in the message", NULL, C(VIRUSDETECTED)},
  {"2.0.0", 250, NULL, "250 2.0.0 OK", "delivered", C(DELIVERED)},
  {"5.0.0", 550, "DATA", "550 no", NULL, C(UNDEFINED)},
};

START_TEST(test_every_cause)
{
  check_rows(every_cause, G_N_ELEMENTS(every_cause));
}
END_TEST

/* docs/causes.md gives every cause one line of its table, with an example
 * diagnostic that test_every_cause classifies; the causes a bounce's
 * headers give (an ARF report, an auto-reply) and the provider's reply
 * the example of onhold is have their tests in tests/data and
 * test-rhost.c. */
START_TEST(test_documented_causes)
{
  size_t len;
  char *doc = test_data_read("../../docs/causes.md", &len);
  char **lines = g_strsplit(doc, "\n", -1);
  for (int c = C(UNDEFINED); c <= C(VIRUSDETECTED); c++) {
    const char *name = bounce_cause_to_string((bounce_cause)c);
    char *head = g_strdup_printf("| `%s` |", name);
    size_t found = 0;
    for (char **l = lines; *l; l++) {
      if (!g_str_has_prefix(*l, head))
        continue;
      found++;
      /* the last cell: `example`, maybe followed by a note */
      const char *cell = g_strrstr(*l + strlen(head) - 1, "| `");
      const char *end = cell ? strchr(cell + 3, '`') : NULL;
      ck_assert_msg(end && end > cell + 3, "%s: no example diagnostic", name);
      char *example = g_strndup(cell + 3, (size_t)(end - cell - 3));
      bool tested = c == C(FEEDBACK) || c == C(VACATION) || c == C(ONHOLD);
      for (size_t i = 0; i < G_N_ELEMENTS(every_cause); i++)
        if ((int)every_cause[i].want == c && strcmp(every_cause[i].diagnostic, example) == 0)
          tested = true;
      ck_assert_msg(tested, "%s: the example \"%s\" is not a row of every_cause", name, example);
      g_free(example);
    }
    ck_assert_msg(found == 1, "%s: %zu lines in docs/causes.md", name, found);
    g_free(head);
  }
  g_strfreev(lines);
  g_free(doc);
}
END_TEST

/* Servers answer in the language of their country; the tables hold the
 * common sentences in each language bounces arrive in. */
static const row languages[] = {
  {"5.0.0", 0, "RCPT", "ユーザーNeko (kijitora@example.co.jp) は Domino ディレクトリには見つかりません。", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "送信先のメールボックスが一杯のため、送信できませんでした。", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Empfänger unbekannt", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "Die Nachricht konnte nicht zugestellt werden, weil das Postfach des Empfängers voll ist.",
   NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Postfach voll", NULL, C(MAILBOXFULL)},
  {"5.5.0", 550, "RCPT", "550 5.5.0 Adresse destinataire invalide. Invalid recipient.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Boîte aux lettres pleine", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Usuario desconocido", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Buzón lleno", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Destinatário desconhecido", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Caixa postal cheia", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Utente sconosciuto", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Пользователь не найден", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 Ящик переполнен", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 收件人不存在", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 邮箱已满", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Onbekende gebruiker", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 존재하지 않는 사용자입니다", NULL, C(USERUNKNOWN)},
  /* Exchange's NDR sentence for an unknown address, as it translates it */
  {"5.0.0", 0, "RCPT", "Die E-Mail-Adresse, die Sie eingegeben haben, wurde nicht gefunden.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "No se encontró la dirección de correo electrónico que especificó.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "O endereço de email que você inseriu não foi encontrado.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "Impossibile trovare l'indirizzo di posta elettronica immesso.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "Het e-mailadres dat u hebt ingevoerd, is niet gevonden.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "Не удалось найти введенный вами адрес электронной почты.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "入力した電子メール アドレスが見つかりませんでした。", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "找不到您输入的电子邮件地址。", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, "RCPT", "입력한 전자 메일 주소를 찾을 수 없습니다.", NULL, C(USERUNKNOWN)},
  /* more languages and more sentences */
  {"5.0.0", 550, "RCPT", "550 Benutzer nicht bekannt", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Destinataire introuvable", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Usuario inexistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Casella inesistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Użytkownik nie istnieje", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Uživatel neexistuje", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Kullanıcı bulunamadı", NULL, C(USERUNKNOWN)},
  /* Turkish capitals: "I" is the capital of "ı", "İ" that of "i" */
  {"5.0.0", 550, "RCPT", "550 KULLANICI BULUNAMADI", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 GEÇERSİZ ALICI", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, NULL, "552 KOTA AŞILDI", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Okänd mottagare", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 该用户未开通QQ邮箱", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 宛先が見つかりません", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domaine introuvable", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 ドメインが存在しません", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 552, NULL, "552 La boîte aux lettres est pleine", NULL, C(MAILBOXFULL)},
  {"4.0.0", 0, NULL, "Das Postfach des Empfängers ist voll und kann derzeit keine Nachrichten annehmen.", NULL,
   C(MAILBOXFULL)},
  {"4.0.0", 0, NULL, "El buzón del destinatario está lleno y no puede aceptar mensajes en este momento.", NULL,
   C(MAILBOXFULL)},
  {"4.0.0", 0, NULL, "La cassetta postale del destinatario è piena.", NULL, C(MAILBOXFULL)},
  {"4.0.0", 0, NULL, "Почтовый ящик получателя переполнен.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Postvak is vol", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 收件人空间不足", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 메일함이 가득 찼습니다", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Benutzer hat das Speichervolumen ueberschritten", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Nachricht ist zu groß", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 邮件过大", NULL, C(MESGTOOBIG)},
  {"5.0.0", 550, NULL, "550 Konto ist gesperrt", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 휴면 계정입니다", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 受信拒否設定により配信できませんでした", NULL, C(FILTERED)},
  {"5.0.0", 550, NULL, "550 邮件被收件人拒收", NULL, C(FILTERED)},
  {"5.0.0", 554, NULL, "554 Relaying nicht erlaubt", NULL, C(NORELAYING)},
  {"5.0.0", 554, NULL, "554 Votre adresse IP est sur liste noire", NULL, C(BLOCKED)},
  {"5.0.0", 421, NULL, "421 Trop de connexions", NULL, C(TOOMANYCONN)},
  {"5.0.0", 554, NULL, "554 メッセージにウイルスが含まれています", NULL, C(VIRUSDETECTED)},
  {"5.7.1", 550, NULL, "550 5.7.1 Absender abgelehnt", NULL, C(REJECTED)},
  {"4.0.0", 451, NULL, "451 Erreur interne", NULL, C(SYSTEMERROR)},
  {"5.7.1", 550, "MAIL", "550 5.7.1 Zugriff verweigert", NULL, C(REJECTED)},
  /* word orders and nouns of their own */
  {"5.0.0", 550, "RCPT", "550 Такого пользователя нет", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Adresat nie istnieje", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Neznámý adresát", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Caixa postal inexistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Dit e-mailadres bestaat niet", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 L'adresse de destination n'existe pas", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 수신자를 찾을 수 없습니다", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, "RCPT", "552 Skrzynka pocztowa jest pełna", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "RCPT", "552 Przekroczony limit miejsca na koncie", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "RCPT", "552 收件人邮箱空间已满", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "RCPT", "552 Kota aşıldı", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 Casella disabilitata", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 Account is geblokkeerd", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 Konto zablokowane", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 Účet je zablokován", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 该邮箱已被冻结", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 Hesap askıya alındı", NULL, C(SUSPEND)},
  /* the other ways of saying the mailbox is not there */
  {"5.0.0", 550, "RCPT", "550 Postfach nicht vorhanden", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Mailbox nicht vorhanden", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 E-Mail-Adresse unbekannt", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Kein solcher Benutzer", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Boite aux lettres inexistante", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Cette adresse n'existe pas", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Ce compte n'existe pas", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 El buzon no existe", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Destinatario no existe", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 La cuenta de correo no existe", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Usuario desconhecido", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Usuario nao existe", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Destinatário não encontrado", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Caixa postal não existe", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Indirizzo email inesistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Indirizzo e-mail inesistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Casella di posta non esistente", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Ontvanger onbekend", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Mailbox bestaat niet", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Nieznany adresat", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Skrzynka nie istnieje", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Konto nie istnieje", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Адресат не найден", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Получатель не найден", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 受信者が見つかりません", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 ユーザー不明", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 ユーザ不明のため配信できませんでした", NULL, C(USERUNKNOWN)},
  /* "sender unknown": at RCPT with an address status, still the sender */
  {"5.1.0", 550, "RCPT", "550 5.1.0 Absender unbekannt", NULL, C(REJECTED)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 Absender-Domain existiert nicht", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Expéditeur inconnu", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Remitente desconocido", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Mittente sconosciuto", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Remetente desconhecido", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Afzender onbekend", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 送信者不明", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 送信者のドメインが存在しません", NULL, C(REJECTED)},
  /* a missing recipient or domain in the standard words of each language;
   * the recipient's domain is not the recipient ("Le domaine du
   * destinataire n'existe pas") */
  {"5.0.0", 550, "RCPT", "550 Mailbox existiert nicht.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 L'adresse du destinataire n'existe pas.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 La boîte aux lettres n'existe pas.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 La dirección de correo no existe.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 La dirección de correo electrónico no existe.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 O destinatário não existe.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Il destinatario non esiste.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 L'indirizzo non esiste.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 De ontvanger bestaat niet.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Onbekend adres.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Nieznany odbiorca.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Odbiorca nie istnieje.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Adresát neexistuje.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Kullanıcı mevcut değil.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Alıcı bulunamadı.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Geçersiz alıcı.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Користувач не існує.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Адреса не існує.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Скринька не існує.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Одержувача не знайдено.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Отримувача не знайдено.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Получатель не существует.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Неизвестный получатель.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 Такого адреса не существует.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 收件人账号不存在", NULL, C(USERUNKNOWN)},
  /* the sender's account, which Postfix-like servers check at RCPT */
  {"5.0.0", 550, "RCPT", "550 发件人账号不存在", NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT", "550 发件人账号已停用", NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT", "550 该帐号不存在", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 수신자가 존재하지 않습니다.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domaine inconnu.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Le domaine du destinataire n'existe pas.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Unbekannte Domain.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Die Domäne existiert nicht.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domäne nicht gefunden.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Dominio desconocido.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 El dominio del destinatario no existe.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domínio inexistente.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domínio desconhecido.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 O domínio do destinatário não existe.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Dominio sconosciuto.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Il dominio del destinatario non esiste.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Onbekend domein.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domein niet gevonden.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Domena nie istnieje.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Nieznana domena.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Doména neexistuje.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Neznámá doména.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Неизвестный домен.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Домен не існує.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Домен не знайдено.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Alan adı bulunamadı.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Alan adı mevcut değil.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 ドメイン名が見つかりません。", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 존재하지 않는 도메인입니다.", NULL, C(HOSTUNKNOWN)},
  /* a full mailbox, a message too big, a disabled account */
  {"5.0.0", 552, NULL, "552 Boîte de réception pleine.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 La boîte de réception du destinataire est pleine.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Mailbox voll.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Die Mailbox ist voll.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Caixa de entrada cheia.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 A caixa de entrada do destinatário está cheia.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Mailbox voll.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Skrzynka odbiorcy jest pełna.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Skrzynka jest przepełniona.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Przepełniona skrzynka.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Brak miejsca w skrzynce.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Schránka příjemce je plná.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Plná schránka.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Překročena kvóta.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Недостаточно места в почтовом ящике.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Поштова скринька переповнена.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Поштова скринька переповнена.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Перевищено квоту.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 邮箱容量不足", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, NULL, "552 Le message est trop volumineux.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 La taille du message dépasse la limite autorisée.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 E-Mail zu groß.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Die E-Mail ist zu groß.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 El tamaño del mensaje excede el límite.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 A mensagem é muito grande.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 O tamanho da mensagem excede o limite.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Il messaggio è troppo grande.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 La dimensione del messaggio supera il limite consentito.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Bericht te groot.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Wiadomość jest za duża.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Wiadomość jest zbyt duża.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Wiadomość zbyt duża.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Przekroczony maksymalny rozmiar wiadomości.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Zpráva je příliš velká.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Příliš velká zpráva.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Размер письма превышает допустимый.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Размер сообщения превышает допустимый.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Превышен максимальный размер письма.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Повідомлення занадто велике.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Лист занадто великий.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 Mesaj çok büyük.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 メールサイズが制限を超えています。", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 メッセージサイズが制限を超えています。", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 邮件太大", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 메일 크기가 너무 큽니다.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 552, NULL, "552 메시지가 너무 큽니다.", NULL, C(MESGTOOBIG)},
  {"5.0.0", 550, NULL, "550 La boîte aux lettres est désactivée.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Ce compte a été suspendu.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Ce compte a été désactivé.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Das Konto wurde deaktiviert.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Das Konto wurde gesperrt.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Das Postfach ist gesperrt.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 El buzón está desactivado.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 La cuenta ha sido desactivada.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 La cuenta ha sido suspendida.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Caixa postal desativada.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Account disabilitato.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 L'account è disabilitato.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Casella sospesa.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Account uitgeschakeld.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Account is uitgeschakeld.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Mailbox is uitgeschakeld.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Konto zostało zablokowane.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Konto jest nieaktywne.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Konto zawieszone.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Konto zostało zawieszone.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Schránka je zablokována.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Účet byl zablokován.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Аккаунт заблокирован.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Учётная запись заблокирована.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Учетная запись отключена.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Учётная запись отключена.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Обліковий запис заблоковано.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Скриньку заблоковано.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Hesap devre dışı.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 Hesap kilitlendi.", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 邮箱已停用", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 该账户已停用", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 该账号已停用", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 帳戶已停用", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 用户已被禁用", NULL, C(SUSPEND)},
  {"5.0.0", 550, NULL, "550 사용이 중지된 계정입니다.", NULL, C(SUSPEND)},
  /* a refused sender, relaying, a blocked IP, spam, a virus, a rate */
  {"5.0.0", 550, NULL, "550 Absender nicht erlaubt.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 L'adresse de l'expéditeur est rejetée.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 L'expéditeur est refusé.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Dirección del remitente rechazada.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Afzender geweigerd.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Afzender afgewezen.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Nadawca odrzucony.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Adres nadawcy odrzucony.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Odesílatel odmítnut.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Adresa odesílatele byla odmítnuta.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Отправитель отклонен.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Отправитель отклонён.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Відправника відхилено.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Gönderen reddedildi.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 送信者が拒否されました。", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 送信元アドレスが拒否されました。", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 发件人被拒绝", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 寄件者被拒絕", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 발신자가 거부되었습니다.", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Relais non autorisé.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Relay no permitido.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Relay não permitido.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Relay negato.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Relay niet toegestaan.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Relaying niet toegestaan.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Ретрансляцію заборонено.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 リレーは許可されていません。", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 中継は許可されていません。", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 릴레이가 허용되지 않습니다.", NULL, C(NORELAYING)},
  {"5.0.0", 550, NULL, "550 Adresse IP bloquée.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Votre adresse IP a été bloquée.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Votre adresse IP est bloquée.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP-Adresse gesperrt.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Ihre IP-Adresse ist gesperrt.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Ihre IP-Adresse wurde gesperrt.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Dirección IP bloqueada.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Su dirección IP ha sido bloqueada.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Su dirección IP está bloqueada.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Endereço IP bloqueado.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Seu IP foi bloqueado.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Seu endereço IP está bloqueado.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Indirizzo IP bloccato.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Il tuo indirizzo IP è stato bloccato.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP-adres geblokkeerd.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Uw IP-adres is geblokkeerd.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Adres IP zablokowany.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Twój adres IP został zablokowany.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Czarna lista: adres IP 192.0.2.1.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Twój adres IP znajduje się na czarnej liście.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Černá listina: IP 192.0.2.1.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP adresa je na černé listině.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP adresa je blokována.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP-адрес заблокирован.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Ваш IP адрес заблокирован.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Чорний список: IP 192.0.2.1.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP-адреса в чорному списку.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP-адресу заблоковано.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP adresiniz kara listede.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 送信元IPアドレスがブロックされています。", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 블랙리스트에 등록된 IP입니다.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 IP가 차단되었습니다.", NULL, C(BLOCKED)},
  {"5.0.0", 550, NULL, "550 Message considéré comme courrier indésirable.", NULL, C(SPAMDETECTED)},
  {"5.0.0", 550, NULL, "550 Wiadomość zawiera wirusa.", NULL, C(VIRUSDETECTED)},
  {"5.0.0", 550, NULL, "550 Mesaj virüs içeriyor.", NULL, C(VIRUSDETECTED)},
  {"5.0.0", 550, NULL, "550 Лист містить вірус.", NULL, C(VIRUSDETECTED)},
  {"5.0.0", 550, NULL, "550 Limite d'envoi dépassée.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Zu viele E-Mails.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Límite de envío excedido.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Limite de envio excedido.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Te veel berichten.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Zbyt wiele wiadomości.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Zbyt dużo wiadomości.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Příliš mnoho zpráv.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Превышен лимит отправки.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Забагато листів.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 Çok fazla mesaj.", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 送信数が多すぎます。", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 发送频率过高", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 발송 한도를 초과했습니다.", NULL, C(SPEEDING)},
  /* a connection refused or a host or network unreachable in the
   * system's own words, and the time run out */
  {"4.0.0", 421, NULL, "421 Connexion refusée", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Verbindung abgelehnt", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Keine Route zum Zielrechner", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Das Netzwerk ist nicht erreichbar", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Conexión rehusada", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Conexión rechazada", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Conexão recusada", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Connessione rifiutata", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Verbinding geweigerd", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Połączenie odrzucone", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Spojení odmítnuto", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 В соединении отказано", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Нет маршрута до узла", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Сеть недоступна", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 У з'єднанні відмовлено", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 Bağlantı reddedildi", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 接続を拒否されました", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 接続が拒否されました", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 ホストへの経路がありません", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 拒绝连接", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 连接被拒绝", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 没有到主机的路由", NULL, C(NETWORKERROR)},
  {"4.0.0", 421, NULL, "421 연결이 거부되었습니다", NULL, C(NETWORKERROR)},
  {"5.0.0", 550, NULL, "550 Délai de remise dépassé.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Zeitüberschreitung bei der Zustellung.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 El mensaje ha caducado.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 El mensaje ha expirado.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 O prazo de entrega expirou.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Tempo di consegna scaduto.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Bericht verlopen.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Het bericht is verlopen.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Истекло время доставки.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Срок доставки истек.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Срок доставки истёк.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Термін доставки минув.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 Mesaj zaman aşımına uğradı.", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 配信がタイムアウトしました。", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 投递超时", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 发送超时", NULL, C(EXPIRED)},
  {"5.0.0", 550, NULL, "550 전송 시간이 초과되었습니다.", NULL, C(EXPIRED)},
};

START_TEST(test_languages)
{
  check_rows(languages, G_N_ELEMENTS(languages));
}
END_TEST

START_TEST(test_words)
{
  /* a phrase that starts and ends with a letter matches whole words */
  ck_assert_int_eq(text_cause("listed in Spamhaus"), C(BLOCKED));
  ck_assert_int_eq(text_cause("554 rejected as spam."), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("blocked for spamming issues"), C(UNDEFINED));
  /* in the other alphabets too: the word and its endings, not a longer
   * word it ends ("антивирус" is the scanner, not a virus found) */
  ck_assert_int_eq(text_cause("550 Обнаружен вирус"), C(VIRUSDETECTED));
  ck_assert_int_eq(text_cause("554 Письмо заражено вирусом"), C(VIRUSDETECTED));
  ck_assert_int_eq(text_cause("Письмо проверено антивирусом Dr.Web"), C(UNDEFINED));
  ck_assert_int_eq(text_cause("Лист перевірено антивірусом"), C(UNDEFINED));
  ck_assert_int_eq(text_cause("Проверено антиспам-системой"), C(UNDEFINED));
  /* the scanner or the filter as the agent of a refusal says what it found */
  ck_assert_int_eq(text_cause("550 Сообщение отклонено антиспам-фильтром"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("550 Отклонено антиспамом"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("550 Письмо заблокировано антиспам-системой"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("550 Лист відхилено антиспам-фільтром"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("554 Письмо отклонено антивирусом"), C(VIRUSDETECTED));
  ck_assert_int_eq(text_cause("554 Лист заблоковано антивірусом"), C(VIRUSDETECTED));
  /* a Turkish suffix on the predicate */
  ck_assert_int_eq(text_cause("550 Bu hesap devre dışıdır"), C(SUSPEND));
  ck_assert_int_eq(text_cause("554 Сообщение похоже на спам"), C(SPAMDETECTED));
  /* punctuation and spaces outside ASCII part words as ASCII's do */
  ck_assert_int_eq(text_cause("552 Почтовый ящик переполнен\xE2\x80\xA6"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("552 Mailbox\xC2\xA0is\xC2\xA0" "full"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("理由：User unknown。"), C(USERUNKNOWN));
  /* a '%' end matches the start of a word */
  ck_assert_int_eq(text_cause("421 you are being throttled"), C(SPEEDING));
  ck_assert_int_eq(text_cause("550 Bad SPF records for example.org"), C(AUTHFAILURE));
  /* the bare names of SPF and DKIM are also header names */
  ck_assert_int_eq(text_cause("Received-SPF: pass; DKIM-Signature: v=1"), C(UNDEFINED));
  /* case, runs of white space and line ends do not matter */
  ck_assert_int_eq(text_cause("MAILBOX\n   IS  FULL"), C(MAILBOXFULL));
  /* a '*' gap spans a few words */
  ck_assert_int_eq(text_cause("the mailbox of this user is full"), C(MAILBOXFULL));
  /* punctuation stands alone: "doesn't" with a typographic apostrophe */
  ck_assert_int_eq(text_cause("550 User doesn\xE2\x80\x99t exist"), C(USERUNKNOWN));
  ck_assert_int_eq(text_cause("550 User doesn't exist"), C(USERUNKNOWN));
  /* the short forms of a disabled account */
  ck_assert_int_eq(text_cause("550 account inactive"), C(SUSPEND));
  ck_assert_int_eq(text_cause("550 account suspended"), C(SUSPEND));
  ck_assert_int_eq(text_cause(""), C(UNDEFINED));
  ck_assert_int_eq(text_cause("nothing to see"), C(UNDEFINED));
}
END_TEST

START_TEST(test_phrase_sets)
{
  const char *phrases[] = {"user unknown", "throttl%", "%limited", "mailbox * full", "用户不存在", "( bl )"};
  bn_phrase_set *set = bn_phrase_set_new(phrases, G_N_ELEMENTS(phrases));
  bool hits[G_N_ELEMENTS(phrases)];
  const char *text = "User  Unknown; throttling; rate-limited; mailbox is quite full; 用户不存在 (BL)";
  ck_assert(bn_phrase_set_scan(set, text, strlen(text), hits));
  for (size_t i = 0; i < G_N_ELEMENTS(phrases); i++)
    ck_assert_msg(hits[i], "%s", phrases[i]);
  const char *none = "users unknowns; bl";
  ck_assert(!bn_phrase_set_scan(set, none, strlen(none), hits));
  ck_assert(!bn_phrase_set_scan(set, NULL, 0, hits));
  bn_phrase_set_free(set);
  bn_phrase_set_free(NULL);
}
END_TEST

/* Sentences big receivers and filters write, as their help pages give
 * them, that name their cause in any context. */
static const row providers[] = {
  /* Exchange Online's banned IPs (5.7.606-649, 5.7.708) */
  {"5.7.606", 550, "RCPT", "550 5.7.606 Access denied, banned sending IP [192.0.2.1].", NULL, C(BLOCKED)},
  {"5.7.708", 550, NULL, "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
   NULL, C(BLOCKED)},
  /* Exchange Online's directory-based blocking, whenever it is said */
  {"5.4.1", 550, "DATA", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", NULL,
   C(USERUNKNOWN)},
  /* Gmail's RFC 5322 checks */
  {"5.7.1", 550, "DATA", "550-5.7.1 Messages missing a valid Message-ID header are not accepted.", NULL,
   C(NOTCOMPLIANTRFC)},
  {"5.7.1", 550, "DATA", "550-5.7.1 [192.0.2.1] Messages missing a valid messageId header are not accepted.",
   NULL, C(NOTCOMPLIANTRFC)},
  /* Gmail's forward-confirmed reverse DNS, under RFC 7372's SPF code */
  {"4.7.23", 421, "MAIL", "421-4.7.23 The sending IP does not match the IP address of the hostname specified in "
   "the pointer (PTR) record.", NULL, C(REQUIREPTR)},
  {"5.7.23", 550, "MAIL", "550-5.7.23 The sending IP does not match the IP address of the hostname specified in "
   "the pointer (PTR) record.", NULL, C(REQUIREPTR)},
  /* Gmail, Yahoo, Apple iCloud, Rackspace: the recipient receives too fast */
  {"4.2.1", 450, "RCPT", "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
   "additional messages from being delivered.", NULL, C(SPEEDING)},
  {"5.2.1", 550, "RCPT", "550-5.2.1 The user you are trying to contact is receiving mail too quickly.", NULL,
   C(SPEEDING)},
  {"4.0.0", 450, NULL, "450 User is receiving mail too quickly", NULL, C(SPEEDING)},
  {"4.7.1", 421, NULL, "421 4.7.1 Messages to kijitora@icloud.com deferred due to excessive volume. Try again later",
   NULL, C(SPEEDING)},
  {"4.2.1", 450, NULL, "450 4.2.1 <kijitora@example.org>: Mailbox received too much email in a short period of time (G30)",
   NULL, C(SPEEDING)},
  {"4.3.2", 432, NULL, "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", NULL, C(SPEEDING)},
  /* the sender's own quota, which a full mailbox's words are part of */
  {"5.4.5", 550, NULL, "550 5.4.5 Daily sending quota exceeded.", NULL, C(SPEEDING)},
  {"5.2.2", 550, NULL, "550 5.2.2 Submission quota exceeded", NULL, C(SPEEDING)},
  {"4.0.0", 454, "MAIL", "454 Throttling failure: Daily message quota exceeded.", NULL, C(SPEEDING)},
  /* counts over an hour: cPanel's outgoing limit, Exchange Online's
   * receive limit quoted by another relay */
  {"5.0.0", 550, NULL,
   "550 Domain example.com has exceeded the max emails per hour (200/200 (100%)) allowed.  Message "
   "discarded.", NULL, C(SPEEDING)},
  {"5.2.121", 550, "RCPT", "550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded",
   NULL, C(SPEEDING)},
  {"5.0.0", 550, "RCPT", "550 Domain example.com has exceeded the max defers and failures per hour (5/5 (100%)) "
   "allowed.  Message discarded.", NULL, C(SPEEDING)},
  /* cPanel's block list check, citing a list that speaks of reputation */
  {"5.0.0", 550, "RCPT", "550-\"JunkMail rejected - mx.example.com [192.0.2.1]:40598 is in an RBL 550-on "
   "csi.cloudmark.com/reset-request/?ip=192.0.2.1 , see Poor Reputation 550 Sender\"", NULL, C(BLOCKED)},
  /* BellSouth: a suspended account */
  {"5.0.0", 550, "RCPT", "550 [suspend] Mailbox currently suspended--Please contact correspondent directly.", NULL,
   C(SUSPEND)},
  /* Outlook.com, Yahoo: connections */
  {"4.7.652", 451, NULL, "451 4.7.652 The mail server [192.0.2.1] has exceeded the maximum number of connections.",
   NULL, C(TOOMANYCONN)},
  {"4.0.0", 421, NULL, "421 Max message per connection reached, closing transmission channel", NULL, C(TOOMANYCONN)},
  /* Exchange */
  {"5.0.0", 554, NULL, "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", NULL, C(HOSTUNKNOWN)},
  {"5.6.11", 550, NULL, "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal", NULL, C(CONTENTERROR)},
  {"4.4.7", 0, NULL, "Unable to connect successfully to the destination mail server.", NULL, C(NETWORKERROR)},
  {"5.7.1", 550, NULL, "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Hotmail does not relay "
   "dynamically-assigned IP ranges", NULL, C(BLOCKED)},
  {"5.2.2", 552, NULL, "552 5.2.2 Mailbox size limit exceeded", NULL, C(MAILBOXFULL)},
  {"5.0.0", 554, NULL, "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException", NULL,
   C(MAILBOXFULL)},
  {"5.0.0", 554, NULL, "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
   "process message due to a permanent exception", NULL, C(SPEEDING)},
  {"5.0.0", 550, NULL, "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", NULL, C(USERUNKNOWN)},
  {"5.2.0", 554, NULL, "554 5.2.0 STOREDRV.Deliver.Exception:ObjectNotFoundException; Failed to process "
   "message due to a permanent exception with message The Active Directory user wasn't found.", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 554, NULL, "554 5.4.4 SMTPSEND.DNS.MxLoopback; DNS config error", NULL, C(NETWORKERROR)},
  /* Gmail */
  {"5.7.0", 552, "DATA", "552-5.7.0 This message was blocked because its content presents a potential security "
   "issue.", NULL, C(POLICYVIOLATION)},
  {"5.7.0", 552, "DATA", "552 5.7.0 Our system detected an illegal attachment on your message.", NULL,
   C(POLICYVIOLATION)},
  {"5.0.0", 554, "DATA", "554 5.6.0 Mail message is malformed. Not accepted.", NULL, C(CONTENTERROR)},
  {"5.7.1", 550, "DATA", "550 5.7.1 Messages missing a valid address in From: header, or having no From: header, "
   "are not accepted.", NULL, C(NOTCOMPLIANTRFC)},
  /* block lists named by their lookup pages */
  {"5.7.0", 554, NULL, "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", NULL, C(BLOCKED)},
  {"5.7.1", 550, NULL, "550 5.7.1 192.0.2.1 is listed by Cloudmark Sender Intelligence", NULL, C(BLOCKED)},
  {"5.7.1", 550, NULL, "550 5.7.1 Mail from 192.0.2.1 blocked using Trend Micro Email Reputation database. Please "
   "see http://www.mail-abuse.com/cgi-bin/lookup?192.0.2.1", NULL, C(BLOCKED)},
  /* Coremail (NetEase, many Chinese hosts), Yandex */
  {"5.0.0", 550, "RCPT", "550 Invalid User", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 User suspended", NULL, C(SUSPEND)},
  {"5.0.0", 553, NULL, "553 sender is rejected", NULL, C(REJECTED)},
  {"5.0.0", 552, NULL, "552 Requested mail action aborted: exceeded mailsize limit", NULL, C(MESGTOOBIG)},
  {"5.0.0", 550, "DATA", "550 Error: content rejected", NULL, C(SPAMDETECTED)},
  {"4.0.0", 451, NULL, "451 Requested mail action not taken: too much fail authentication", NULL,
   C(SECURITYERROR)},
  {"5.0.0", 550, "RCPT", "550 5.7.1 No correct recipients", NULL, C(USERUNKNOWN)},
  {"5.5.2", 504, NULL, "504 5.5.2 <kijitora@mx>: Recipient address rejected: need fully-qualified address",
   NULL, C(USERUNKNOWN)},
  {"5.5.2", 504, "MAIL", "504 5.5.2 <neko@localhost>: Sender address rejected: need fully-qualified address",
   NULL, C(REJECTED)},
  /* GoDaddy */
  {"5.0.0", 552, NULL, "552 The recipient's account has reached its storage limit", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "DATA", "552 Message rejected for spam or virus content", NULL, C(SPAMDETECTED)},
  /* WEB.DE, GMX */
  {"5.0.0", 550, NULL, "550 User has exhausted allowed storage space.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the server.",
   NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, NULL, "550 5.2.1 <kijitora@gmx.de>... User is inactive", NULL, C(SUSPEND)},
  /* Amazon SES receipt rules, MessageLabs */
  {"5.2.0", 550, NULL, "550 5.2.0 Message Filtered", NULL, C(FILTERED)},
  /* MTAs' own sentences */
  {"5.0.0", 0, NULL, "The recipient's e-mail address was not found in the recipient's e-mail system.", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "User Neko (kijitora@example.org) not listed in Domino Directory", NULL, C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "L'utilisateur Neko (kijitora@example.org) non répertorié dans l'annuaire Domino", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 0, NULL, "Several matches found in Domino Directory for kijitora@example.org", NULL, C(SYSTEMERROR)},
  {"5.0.0", 0, NULL, "Cannot route mail to user (kijitora@example.org).", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Message has exceeded maximum hop count", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Unable to transfer message to server MX1/ACME: Server not responding", NULL,
   C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Error transferring to mx.example.net; The server is not responding. The server may be "
   "down or you may be experiencing network problems.", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Remote system no longer responding", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Error transferring to mx.example.net; Network operation did not complete in a "
   "reasonable amount of time", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Unable to deliver message, mail file exceeds quota", NULL, C(MAILBOXFULL)},
  {"5.0.0", 0, NULL, "The recipient has exceeded quota", NULL, C(MAILBOXFULL)},
  {"5.0.0", 0, NULL, "Unable to find path to server MX1/ACME", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Server MX1/ACME is not a known TCP/IP host", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Sorry, I couldn't find any host named example.invalid. (#5.1.2)", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 0, NULL, "The destination server for this recipient could not be found in Domain Name Service (DNS).",
   NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 0, NULL, "Your message wasn't delivered to kijitora@example.invalid because the domain example.invalid "
   "couldn't be found. Check for typos or unnecessary spaces and try again.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 0, NULL, "cannot update mailbox /var/mail/kijitora for user kijitora. error writing message: File too "
   "large", NULL, C(MAILBOXFULL)},
  {"4.7.1", 450, "RCPT", "450 4.7.1 <mx.example.invalid>: Helo command rejected: Host not found", NULL, C(BLOCKED)},
  {"5.0.0", 554, NULL, "554 5.5.0 Improper use of SMTP command pipelining", NULL, C(SYNTAXERROR)},
  {"5.0.0", 554, NULL, "554 SMTP protocol synchronization error (input sent without waiting for greeting)", NULL,
   C(SYNTAXERROR)},
  {"5.0.0", 554, NULL, "554 5.3.5 mail for example.org loops back to me (MX problem?)", NULL, C(NETWORKERROR)},
  {"5.0.0", 554, NULL, "554 This message is looping: it already has my Delivered-To line.", NULL, C(NETWORKERROR)},
  /* Exchange Online's mail loop */
  {"5.4.8", 554, NULL, "554 5.4.8 Looping topology detected", NULL, C(NETWORKERROR)},
  {"4.4.8", 451, NULL, "451 4.4.8 Looping topology detected", "delayed", C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "Loop detected", NULL, C(NETWORKERROR)},
  {"4.0.0", 0, NULL, "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", NULL, C(NETWORKERROR)},
  /* hMailServer and other servers that write their own notices */
  {"5.0.0", 0, NULL, "No mail servers appear to exists for the recipients address.", NULL, C(HOSTUNKNOWN)},
  {"4.0.0", 0, NULL, "Temporary problem looking up mail server for example.org", NULL, C(NETWORKERROR)},
  {"5.0.0", 0, NULL, "The maximum number of delivery attempts has been reached", NULL, C(EXPIRED)},
  {"5.0.0", 0, NULL, "Delivery failed 3 attempts", NULL, C(EXPIRED)},
  /* au (KDDI): EZweb's and au one net's sentences */
  {"5.0.0", 0, NULL, "The user(s) account is temporarily limited.", NULL, C(SUSPEND)},
  {"5.0.0", 0, NULL, "The following recipients were not delivered within 3 days and 0 hours.", NULL,
   C(EXPIRED)},
  {"5.0.0", 0, NULL, "As the remote domain doesnt exist.", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 0, NULL, "The recipient's domain size limit has been exceeded", NULL, C(MAILBOXFULL)},
  /* Cisco Secure Email (IronPort): recipients per hour, a rate */
  {"4.0.0", 452, "RCPT", "452 Too many recipients received this hour", NULL, C(SPEEDING)},
  /* Yandex, MessageLabs, Exim: the receiving service, for now */
  {"4.7.1", 451, NULL, "451 4.7.1 Sorry, the service is currently unavailable. Please come back later.", NULL,
   C(SYSTEMERROR)},
  {"4.0.0", 421, NULL, "421 Service Temporarily Unavailable", "delayed", C(SYSTEMERROR)},
  {"4.0.0", 451, "RCPT", "451 Temporary local problem - please try later", "delayed", C(SYSTEMERROR)},
  /* Postfix's reply for a milter that failed (milter_default_action tempfail) */
  {"4.7.1", 451, "MAIL", "451 4.7.1 Service unavailable - try again later", "delayed", C(SYSTEMERROR)},
  {"4.7.1", 451, "DATA", "451 4.7.1 <kijitora@example.org>: Service unavailable - try again later", "delayed",
   C(SYSTEMERROR)},
  /* Mimecast */
  {"5.0.0", 550, NULL, "550 Access denied - Invalid HELO name (See RFC2821 4.1.1.1) - "
   "https://community.mimecast.com/docs/DOC-1369#550", NULL, C(BLOCKED)},
  {"5.0.0", 554, "DATA", "554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554", NULL,
   C(MESGTOOBIG)},
  {"5.0.0", 552, "DATA", "552 Message size exceeded", NULL, C(MESGTOOBIG)},
  /* T-Online: a sending server it does not take mail from */
  {"5.0.0", 554, NULL, "554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact "
   "tosa@rx.t-online.de to clarify.)", NULL, C(BLOCKED)},
  /* SpamExperts: a link in the content is listed */
  {"5.0.0", 550, "DATA", "550 A URL in this email (example.com) is listed on https://spamrl.com/. Please resolve and "
   "retry", NULL, C(SPAMDETECTED)},
  /* Interia: the recipient's own block list */
  {"5.7.1", 550, "RCPT", "550 5.7.1 Recipient doesn't want your mail", NULL, C(FILTERED)},
  /* Forpsi: the sender domain's SPF record */
  {"5.1.0", 550, "MAIL", "550 5.1.0 0bcW1i00G0jifNx01bcmHa blocked by SPF", NULL, C(AUTHFAILURE)},
  /* BigPond: SpamCop's list of sending IPs, whatever its name says */
  {"5.0.0", 553, "MAIL", "553 192.0.2.1 Defined SPAM source: bl.spamcop.net", NULL, C(BLOCKED)},
  /* Korean portals: the sending IP, a mailbox out of use, the recipient's
   * list, the sender's count for the day */
  {"4.3.2", 421, NULL, "421 4.3.2 Your IP(192.0.2.1) is filtered and this connection will be closed. You must "
   "register your IP to http://realip.naver.com", "delayed", C(BLOCKED)},
  {"5.1.1", 550, "RCPT", "550 5.1.1 Suspended user", NULL, C(SUSPEND)},
  {"5.1.1", 550, "RCPT", "550 5.1.1 Inactive mbox", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 You are registered as spammer (by user's reject list)", NULL, C(FILTERED)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 <kijitora@example.jp>... Error.your access was denied. Since you sent too many "
   "e-mails,you are not allowed to send more e-mails within 24 hours.", NULL, C(SPEEDING)},
  /* Rackspace: the sending host, for the spam it sent before */
  {"4.3.0", 451, "RCPT", "451 4.3.0 <mail.example.jp[192.0.2.1]>: Client host rejected: Throttled - Too much spam "
   "from your mail server. Try again later.", "delayed", C(BLOCKED)},
  /* Spambrella: its list of invalid users */
  {"5.7.1", 550, "RCPT", "550 5.7.1 <kijitora@example.jp>: Recipient address rejected: User email address is marked "
   "as invalid.", NULL, C(USERUNKNOWN)},
  /* Sophos Email: the code decides, not the words around it */
  {"5.7.1", 550, "RCPT", "550 5.7.1 XGEMAIL_0011 Command rejected", NULL, C(USERUNKNOWN)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 XGEMAIL_0008 Command rejected", NULL, C(FILTERED)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 XGEMAIL_0004 Command rejected", NULL, C(BLOCKED)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 XGEMAIL_0014 Command rejected", NULL, C(SPEEDING)},
  {"5.7.4", 550, "RCPT", "550 5.7.4 XGEMAIL_0006 Command rejected. The configured TLS version is Preferred TLS 1.3 "
   "for the recipient and the sender TLS version is not available", NULL, C(FAILEDSTARTTLS)},
  /* Chinese providers' English replies (Coremail, NetEase, QQ) */
  {"5.0.0", 550, "RCPT", "550 Local User [kijitora@example.cn] not found.", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 User kijitora@example.cn is not found in Server", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 #2175041 unavailable mail user", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 local server don't exists that user", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 not user of this server", NULL, C(USERUNKNOWN)},
  {"5.0.0", 550, "RCPT", "550 RC:LD The email account that you tried to reach does no exists.", NULL,
   C(USERUNKNOWN)},
  {"5.0.0", 553, "RCPT", "553 Mailbox name invalid", NULL, C(USERUNKNOWN)},
  {"5.0.0", 552, "RCPT", "552 Quota exceed the hard limit for user kijitora@example.cn", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "RCPT", "552 This person's account is exceeding their quota.", NULL, C(MAILBOXFULL)},
  {"5.0.0", 550, "RCPT", "550 User kijitora@example.cn is disabled", NULL, C(SUSPEND)},
  {"5.0.0", 550, "RCPT", "550 This account has been temporarily suspended", NULL, C(SUSPEND)},
  /* Japanese ISPs: the room left in the mailbox, not a size limit */
  {"5.0.0", 552, "DATA", "552 Message size exceeds remaining quota", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "DATA", "552 We failed to deliver mail because the volume of recipient's mailbox exceeded the "
   "local limit. kijitora@example.jp", NULL, C(MAILBOXFULL)},
  {"5.0.0", 552, "DATA", "552 Message body is too big", NULL, C(MESGTOOBIG)},
};

START_TEST(test_providers)
{
  check_rows(providers, G_N_ELEMENTS(providers));
}
END_TEST

/* Look-alikes that must not name the cause the phrase next to them does. */
START_TEST(test_look_alikes)
{
  /* a login failure is no unknown recipient */
  ck_assert_int_ne(text_cause("535 5.7.8 Invalid username or password"), C(USERUNKNOWN));
  /* a quota of the mailbox, a rate of the sender */
  ck_assert_int_eq(text_cause("552 5.2.2 Quota exceeded"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("452 Too many messages, slow down"), C(SPEEDING));
  ck_assert_int_eq(text_cause("550 Sending limits exceeded for this account"), C(SPEEDING));
  ck_assert_int_eq(text_cause("450 4.7.1 <a@example.net>: Recipient address rejected: Policy rejection; "
                              "Message count quota exceeded"),
                   C(SPEEDING));
  ck_assert_int_eq(text_cause("450 4.7.1 <a@example.net>: Recipient address rejected: Policy rejection; "
                              "Cumulative size quota exceeded"),
                   C(SPEEDING));
  /* the size of a message is not the size of a mailbox */
  ck_assert_int_eq(text_cause("552 Message size limit exceeded"), C(MESGTOOBIG));
  /* a reputation score is not the Trend Micro block list */
  ck_assert_int_eq(text_cause("421 4.7.0 Poor sender reputation"), C(BADREPUTATION));
  /* "filtered" alone, without the message, says nothing */
  ck_assert_int_eq(text_cause("550 filtered"), C(UNDEFINED));
  /* a domain in a longer word */
  ck_assert_int_eq(text_cause("550 nonexistentdomains.example"), C(UNDEFINED));
  /* a domain that accepts no mail at all, or none from this sender */
  ck_assert_int_eq(classify("5.0.0", 550, NULL, "550 example.org does not accept email"), C(NOTACCEPT));
  ck_assert_int_eq(classify("5.7.1", 550, "MAIL", "550 5.7.1 example.org does not accept mail from you"),
                   C(REJECTED));
  ck_assert_int_eq(classify("5.0.0", 554, "CONN", "554 mx.example.org does not accept mail from 192.0.2.1"),
                   C(BLOCKED));
  ck_assert_int_ne(classify("5.0.0", 550, "RCPT", "550 this user does not accept email from you"), C(NOTACCEPT));
  /* a page that lists reasons is no DNS block list (Sendmail's is named
   * after its "Rejected: <ip>"), and the words of its address name no
   * cause */
  ck_assert_int_eq(text_cause("554 5.7.1 Message refused for one of the reasons listed at "
                              "https://example.org/mail-policy"),
                   C(UNDEFINED));
  ck_assert_int_eq(text_cause("554 5.7.1 Message refused for one of the reasons listed at "
                              "https://example.org/mail-policy; policy violation"),
                   C(POLICYVIOLATION));
  /* recipients at once, not per hour; a service that is down beside the
   * cause that closed it; TLS's own local problem */
  ck_assert_int_eq(classify("4.5.3", 452, "RCPT", "452 4.5.3 Too many recipients"), C(TOOMANYCONN));
  ck_assert_int_eq(text_cause("421 4.7.0 Service temporarily unavailable, too many connections"), C(TOOMANYCONN));
  ck_assert_int_eq(text_cause("554 5.7.1 Service temporarily unavailable; Client host [192.0.2.1] blocked using "
                              "zen.spamhaus.org"),
                   C(BLOCKED));
  ck_assert_int_eq(text_cause("454 4.7.0 TLS not available due to local problem"), C(FAILEDSTARTTLS));
  /* the size of a mailbox, a HELO's syntax, a link that carries malware */
  ck_assert_int_eq(text_cause("552 5.2.2 Mailbox size exceeded"), C(MAILBOXFULL));
  ck_assert_int_eq(classify("5.5.2", 501, NULL, "501 5.5.2 Syntactically invalid HELO argument(s)"), C(SYNTAXERROR));
  ck_assert_int_eq(text_cause("554 5.7.1 A URL in this email points to a virus"), C(VIRUSDETECTED));
  /* the postmaster of any MTA's notice is no T-Online refusal */
  ck_assert_int_eq(classify("5.0.0", 554, "DATA", "554 Transaction failed. Ask your postmaster for help"),
                   C(UNDEFINED));
  /* "error: content rejected" only with Coremail's prefix */
  ck_assert_int_eq(text_cause("550 Error: content length invalid"), C(UNDEFINED));
}
END_TEST

/* Content filters that name their verdict in a fixed word: amavisd-new's
 * category after "Reject, id=...", Exchange's content filter agent. The
 * status (5.7.0, 5.7.1) alone would say securityerror. */
/* Cause words inside a link (a URL, an address, a host name) name no
 * cause; a block list's name or host does, inside one or not. */
START_TEST(test_links)
{
  ck_assert_int_eq(text_cause("550 5.7.1 Message refused, see "
                              "https://postmaster.example.org/spam-policy.html"),
                   C(UNDEFINED));
  ck_assert_int_eq(text_cause("554 5.7.1 Not accepted, see http://www.example.org/blocked/"),
                   C(UNDEFINED));
  ck_assert_int_eq(text_cause("550 5.7.1 Rejected. Questions to spam-report@example.org"),
                   C(UNDEFINED));
  ck_assert_int_eq(text_cause("host spam-filter.example.net [192.0.2.5]: 554 Transaction failed"),
                   C(UNDEFINED));
  ck_assert_int_eq(text_cause("host mailbox-full.example.net [192.0.2.5]: 550 Denied"),
                   C(UNDEFINED));
  /* the words around a link still count */
  ck_assert_int_eq(text_cause("552 <bob@example.org>: mailbox full"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("550 spam detected, see https://help.example.org/x"), C(SPAMDETECTED));
  /* a block list, by its page or its zone */
  ck_assert_int_eq(text_cause("554 5.7.1 Service unavailable; see "
                              "https://www.spamhaus.org/query/ip/192.0.2.1"),
                   C(BLOCKED));
  ck_assert_int_eq(text_cause("554 Rejected: 192.0.2.1 found on zen.spamhaus.org"), C(BLOCKED));
  ck_assert_int_eq(text_cause("Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?192.0.2.1"),
                   C(BLOCKED));
  /* a list of the domains in links, by its zone, as SURBL's */
  ck_assert_int_eq(text_cause("554 5.7.1 Rejected: example.com found on black.uribl.com"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("554 5.7.1 Rejected: example.com found on multi.surbl.org"), C(SPAMDETECTED));
  /* the Spamhaus DBL in a content filter's words (iCloud's among them);
   * Postfix's "blocked using dbl.spamhaus.org" stays the sending side's */
  ck_assert_int_eq(text_cause("550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL"),
                   C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("550 5.7.1 Message rejected: URL in body listed at dbl.spamhaus.org"),
                   C(SPAMDETECTED));
  ck_assert_int_eq(
      text_cause("554 5.7.1 Service unavailable; Helo command [mail.example.com] blocked using dbl.spamhaus.org"),
      C(BLOCKED));
  /* the DBL naming the sending side's domain (From, sender, HELO): no content */
  ck_assert_int_eq(classify("5.7.1", 550, "DATA",
                            "550 5.7.1 Message rejected: From domain example.com is listed in Spamhaus DBL"),
                   C(BLOCKED));
  ck_assert_int_eq(classify("5.7.1", 550, "MAIL",
                            "550 5.7.1 The domain of the sender address is listed in the Spamhaus DBL"),
                   C(BLOCKED));
  ck_assert_int_eq(classify("5.7.1", 554, "DATA", "554 5.7.1 Message rejected: URL example.com is listed in Spamhaus DBL"),
                   C(SPAMDETECTED));
  /* a link of the message named: the body's domain, whatever word names the sender */
  ck_assert_int_eq(classify("5.7.1", 550, "DATA",
                            "550 5.7.1 URI example.net in message listed in Spamhaus DBL; senders are advised to "
                            "remove it"),
                   C(SPAMDETECTED));
  ck_assert_int_eq(classify("5.7.1", 554, "DATA",
                            "554 5.7.1 Rejected: the message body links to a domain listed in dbl.spamhaus.org; "
                            "ask the client to remove it"),
                   C(SPAMDETECTED));
  /* a scanner's dotted name of a virus is no host name to it */
  ck_assert_int_eq(text_cause("550 5.7.1 Infected (Js.Trojan.Agent)"), C(VIRUSDETECTED));
  /* Exchange's dotted codes are no host names */
  ck_assert_int_eq(text_cause("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"), C(USERUNKNOWN));
}
END_TEST

START_TEST(test_filter_verdicts)
{
  ck_assert_int_eq(classify("5.7.0", 554, "DATA", "554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature"),
                   C(VIRUSDETECTED));
  ck_assert_int_eq(classify("5.7.0", 554, "DATA",
                            "554 5.7.0 Reject, id=12345-01 - BANNED: P=p003,L=1,M=multipart/mixed,"
                            "T=exe,N=setup.exe"),
                   C(POLICYVIOLATION));
  ck_assert_int_eq(classify("5.0.0", 554, NULL,
                            "554 (Reject, id=18169-17 - BAD_HEADER: Header field occurs more than once: "
                            "\"Cc\" occurs 5 times)"),
                   C(CONTENTERROR));
  ck_assert_int_eq(classify("5.7.1", 550, NULL, "550 5.7.1 Message rejected due to content restrictions"),
                   C(SPAMDETECTED));
  /* the words alone, without amavis's dash and colon */
  ck_assert_int_ne(text_cause("the banned list"), C(POLICYVIOLATION));
  ck_assert_int_ne(text_cause("infected area"), C(VIRUSDETECTED));
}
END_TEST

/* Refusals of the sending host, the sender or the content as filters and
 * servers word them, each naming its cause. */
START_TEST(test_refusal_wordings)
{
  static const row rows[] = {
    /* RFC 5321's "554 No SMTP service here" refuses one client at the
     * greeting; Exim's null-MX sentence is the domain's */
    {"5.0.0", 554, "CONN",
     "554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address "
     "is black listed.",
     NULL, C(BLOCKED)},
    {"5.0.0", 550, NULL, "all relevant MX records: an MX or SRV record indicated no SMTP service", NULL,
     C(NOTACCEPT)},
    {"5.7.1", 554, "RCPT",
     "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using dnsbl.sorbs.net; Currently "
     "Sending Spam See: http://www.sorbs.net/lookup.shtml?192.0.2.10",
     NULL, C(BLOCKED)},
    {"5.3.0", 553, "RCPT", "553 5.3.0 <a@example.net>... Spam blocked see: http://spamcop.net/bl.shtml?192.0.2.10",
     NULL, C(BLOCKED)},
    /* policyd-weight weighs the client (DNSBLs, HELO, reverse DNS), not
     * the content its "SPAM" would name; its DNS refusal is the client's
     * missing names, not an authorisation (x.7.1) */
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 <a@example.net>: Recipient address rejected: Mail appeared to be SPAM or forged. Ask "
     "your Mail/DNS-Administrator to correct HELO and DNS MX settings or to get removed from DNSBLs; "
     "MTA helo: mailhost, MTA hostname: unknown[192.0.2.10] (helo/hostname mismatch)",
     NULL, C(BLOCKED)},
    {"4.7.1", 450, "RCPT",
     "450 4.7.1 <unknown[192.0.2.10]>: Client host rejected: Mail appeared to be SPAM or forged. Ask "
     "your Mail/DNS-Administrator to correct HELO and DNS MX settings or to get removed from DNSBLs; "
     "please relay via your ISP (example.org)",
     "delayed", C(BLOCKED)},
    {"4.7.1", 450, "RCPT",
     "450 4.7.1 <a@example.net>: Recipient address rejected: No DNS entries for your MTA, HELO and "
     "Domain. Contact YOUR administrator",
     "delayed", C(REQUIREPTR)},
    /* Sendmail's block_bad_helo: the client's greeting name, not an
     * authorisation (x.7.1) */
    {"5.7.1", 550, "EHLO", "550 5.7.1 bogus HELO name used: mailhost", NULL, C(BLOCKED)},
    /* the SPF libraries' explanation pages, quoted without the word SPF */
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 <a@example.net>: Recipient address rejected: Please see "
     "http://www.openspf.net/Why?s=mfrom;id=b@example.org;ip=192.0.2.10;r=mx.example.net",
     NULL, C(AUTHFAILURE)},
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 Rejected, look at http://www.openspf.org/why.html?sender=b@example.org&ip=192.0.2.10"
     "&receiver=mx.example.net",
     NULL, C(AUTHFAILURE)},
    {NULL, 554, "RCPT",
     "554 <a@example.net>: Recipient address rejected: Please see "
     "http://spf.pobox.com/why.html?sender=b%40example.org&ip=192.0.2.10&receiver=mx",
     NULL, C(AUTHFAILURE)},
    {"5.0.0", 550, "RCPT",
     "550 SPF: 192.0.2.10 is not allowed to send mail from example.org: Please see "
     "http://www.open-spf.org/Why",
     NULL, C(AUTHFAILURE)},
    /* DCC's bulk checksums judge the content */
    {"5.7.1", 550, "DATA", "550 5.7.1 mail 1kXyZ2-0003Ab-Cd from 192.0.2.10 rejected by DCC", NULL,
     C(SPAMDETECTED)},
    {"5.0.0", 550, "DATA", "550 Rejected by DCC", NULL, C(SPAMDETECTED)},
    {"5.7.1", 554, "RCPT", "554 5.7.1 您的IP地址 192.0.2.10 已被列入黑名单", NULL, C(BLOCKED)},
    {"5.7.1", 554, "RCPT", "554 5.7.1 Ваш IP-адрес 192.0.2.10 находится в черном списке", NULL, C(BLOCKED)},
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers.",
     NULL, C(BLOCKED)},
    {"4.7.1", 450, "MAIL", "450 4.7.1 Error: too much mail from 192.0.2.10", NULL, C(SPEEDING)},
    {"4.7.1", 451, "RCPT", "451 4.7.1 Ratelimit \"to_ip_from\" exceeded", NULL, C(SPEEDING)},
    {"4.4.2", 421, "MAIL",
     "421 4.4.2 Message submission rate for this client has exceeded the configured limit", NULL,
     C(SPEEDING)},
    {"4.0.0", 451, "RCPT", "451 Sender rate overlimit - 250.0 / 1h / per_rcpt", NULL, C(SPEEDING)},
    /* a DNS block list hit in the MTAs' default words: Exim's, whatever
     * the list's own text after it says (spam, a reputation page);
     * Sendmail's FEATURE(dnsbl), at MAIL too; GMX's */
    {"5.0.0", 550, "RCPT",
     "550-rejected because 192.0.2.10 is in a black list at dnsbl.sorbs.net 550 Currently Sending Spam "
     "See: http://www.sorbs.net/lookup.shtml?192.0.2.10",
     NULL, C(BLOCKED)},
    {"5.0.0", 550, "RCPT",
     "550-rejected because 192.0.2.10 is in a black list at b.barracudacentral.org 550 "
     "http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.10",
     NULL, C(BLOCKED)},
    {"5.7.1", 550, "MAIL", "550 5.7.1 Rejected: 192.0.2.10 listed at bl.mailspike.net", NULL, C(BLOCKED)},
    {"5.7.1", 550, "RCPT", "550 5.7.1 Rejected - listed at bl.example.net", NULL, C(BLOCKED)},
    /* a connection cut; a failed connect is the error after it */
    {"5.0.0", 0, NULL, "TCP read failed", NULL, C(NETWORKERROR)},
    {"4.0.0", 0, NULL, "TCP active open: Failed connect() Error: Connection timed out", "delayed",
     C(EXPIRED)},
    /* the list's own text, which qmail's rblsmtpd answers bare */
    {"4.0.0", 451, "RCPT", "451 Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?192.0.2.10",
     NULL, C(BLOCKED)},
    {"5.0.0", 554, "RCPT", "554 rejected: 192.0.2.10 is listed in dnsbl.sorbs.net (Currently Sending Spam)",
     NULL, C(BLOCKED)},
    {"4.0.0", 451, "RCPT", "451 http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.10", NULL,
     C(BLOCKED)},
    /* the list's bare name is no hit of the sending host: a content
     * filter's verdict naming SpamAssassin's tests, a sender domain in
     * SORBS's rhsbl zone */
    {"5.7.1", 550, "DATA",
     "550 5.7.1 Message rejected as spam (score=9.1, tests=BAYES_99,RCVD_IN_SORBS_DUL,URIBL_BLACK)", NULL,
     C(SPAMDETECTED)},
    {"5.0.0", 550, "RCPT", "550 Sender domain example.com is listed at rhsbl.sorbs.net", NULL, C(REJECTED)},
    /* a client that breaks the protocol, in Postfix's client restrictions
     * or to Exim */
    {"5.5.0", 503, "RCPT",
     "503 5.5.0 <mail.example.org[192.0.2.10]>: Client host rejected: Improper use of SMTP command "
     "pipelining",
     NULL, C(SYNTAXERROR)},
    {"5.0.0", 554, "DATA", "554 SMTP synchronization error", NULL, C(SYNTAXERROR)},
    /* ... but a list that did not answer lists no one */
    {"4.0.0", 451, "RCPT", "451 Temporary lookup failure of 192.0.2.10 at zen.spamhaus.org", NULL,
     C(SYSTEMERROR)},
    /* amavisd-new's own failures name the step that failed, not a verdict */
    {"4.5.0", 451, "DATA",
     "451 4.5.0 Error in processing, id=07411-04, virus_scan FAILED: virus_scan: ALL VIRUS SCANNERS "
     "FAILED:",
     NULL, C(SYSTEMERROR)},
    {"4.5.0", 451, "DATA", "451 4.5.0 Error in processing, id=07414-03, spam_scan FAILED: SQL server(s) not "
     "reachable", NULL, C(SYSTEMERROR)},
    /* ... and the full disk a step failed on says which failure */
    {"4.5.0", 451, "DATA",
     "451 4.5.0 Error in processing, id=07415-01, creating_partsdir FAILED: Can't create directory "
     "/var/lib/amavis/tmp/amavis-20240611T101500-07415/parts: No space left on device",
     NULL, C(SYSTEMFULL)},
    {"5.0.0", 554, NULL,
     "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is "
     "block listed. 554 For explanation visit https://www.gmx.net/mail/senderguidelines?c=bl",
     NULL, C(BLOCKED)},
    {"4.3.2", 421, "CONN", "421 4.3.2 All server ports are busy", NULL, C(TOOMANYCONN)},
    {"4.3.2", 421, "CONN", "421 4.3.2 Too many open connections.", NULL, C(TOOMANYCONN)},
    {"4.3.2", 421, "CONN",
     "421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing "
     "transmission channel",
     NULL, C(TOOMANYCONN)},
    /* greylisting, in the words of postgrey, milter-greylist, sqlgrey and
     * others: a policy's deferral, neither authentication (x.7.1) nor a
     * block of the client, whatever Postfix's prefix says */
    {"4.2.0", 450, "RCPT",
     "450 4.2.0 <a@example.net>: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.net.html",
     NULL, C(POLICYVIOLATION)},
    {"4.7.1", 450, "RCPT",
     "450 4.7.1 <mail.example.org[192.0.2.10]>: Client host rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.net.html",
     "delayed", C(POLICYVIOLATION)},
    {"4.7.1", 451, "RCPT", "451 4.7.1 Greylisting in action, please come back later", NULL,
     C(POLICYVIOLATION)},
    {"4.7.1", 451, "RCPT", "451 4.7.1 Greylisted, please try again later", "delayed",
     C(POLICYVIOLATION)},
    {"4.7.1", 451, "RCPT", "451 4.7.1 Service unavailable - try again later (greylisted)", NULL,
     C(POLICYVIOLATION)},
    {"4.0.0", 451, "RCPT", "451 Greylisted for 300 seconds (see http://greylisting.org)", "delayed",
     C(POLICYVIOLATION)},
    {"4.7.1", 450, "RCPT", "450 4.7.1 Graylisting in effect, please try again later", NULL,
     C(POLICYVIOLATION)},
    /* rspamd's greylisting by default, through the milter at the end of
     * DATA: no word but to come back, with x.7.1; a policy's deferral,
     * not authentication. Framed by Postfix at RCPT, the same. At MAIL,
     * or with another status, the codes still speak. */
    {"4.7.1", 451, "DATA", "451 4.7.1 Try again later", "delayed", C(POLICYVIOLATION)},
    {"4.7.1", 451, NULL, "451 4.7.1 Please try again later", NULL, C(POLICYVIOLATION)},
    {"4.7.1", 450, "RCPT", "450 4.7.1 <a@example.net>: Recipient address rejected: Try again later", NULL,
     C(POLICYVIOLATION)},
    {"4.7.1", 451, "MAIL", "451 4.7.1 Try again later", NULL, C(SECURITYERROR)},
    {"4.3.2", 421, NULL, "421 4.3.2 Try again later", NULL, C(NOTACCEPT)},
    {"4.7.1", 452, NULL, "452 4.7.1 Insufficient disk space; try again later", NULL, C(SYSTEMFULL)},
    {"5.7.1", 550, "DATA", "550 5.7.1 Message rejected due to unacceptable attachments", NULL,
     C(POLICYVIOLATION)},
    {"5.7.1", 554, "DATA", "554 5.7.1 Message rejected: attachment type not allowed", NULL,
     C(POLICYVIOLATION)},
    {"5.7.1", 550, "DATA", "550 5.7.1 Sender ID (PRA) Not Permitted", NULL, C(AUTHFAILURE)},
    {"5.0.0", 550, "RCPT", "550 [SPF] 192.0.2.10 is not allowed to send mail from example.org.", NULL,
     C(AUTHFAILURE)},
    {"5.0.0", 550, "DATA", "550 DMARC Sender Invalid - envelope rejected", NULL, C(AUTHFAILURE)},
    {"5.7.1", 550, "DATA", "550 5.7.1 Infected: Eicar-Test-Signature", NULL, C(VIRUSDETECTED)},
    {"5.7.1", 553, "RCPT",
     "553-you are trying to use me [server-4.tower-21.messagelabs.com] as a relay, 553 but I have not "
     "been configured to let you [192.0.2.10, mail.example.org] do this.",
     NULL, C(NORELAYING)},
    {"5.7.1", 550, "RCPT", "550 5.7.1 Relais interdit", NULL, C(NORELAYING)},
    /* Domino's relay refusal: its relay rule, not a content policy */
    {NULL, 554, "RCPT", "554 Relay rejected for policy reasons.", NULL, C(NORELAYING)},
    /* Sendmail's relay refusal says why it did not know the client: still
     * a relay refusal; its client-level "Access denied. IP name lookup
     * failed" is the demand for reverse DNS */
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 <a@example.net>... Relaying denied. IP name lookup failed [192.0.2.10]", NULL,
     C(NORELAYING)},
    {"5.7.1", 550, "RCPT",
     "550 5.7.1 <a@example.net>... Relaying denied. IP name possibly forged [192.0.2.10]", NULL,
     C(NORELAYING)},
    {"4.4.0", 450, "RCPT",
     "450 4.4.0 <a@example.net>... Relaying temporarily denied. Cannot resolve PTR record for "
     "192.0.2.10",
     "delayed", C(NORELAYING)},
    {"4.7.1", 450, "RCPT", "450 4.7.1 Access denied. IP name lookup failed [192.0.2.10]", NULL,
     C(REQUIREPTR)},
    {"4.7.0", 454, "EHLO", "454 4.7.0 TLS not available due to local problem", NULL, C(FAILEDSTARTTLS)},
    /* Postfix's SMTP client where its TLS policy requires TLS: its own
     * words with 4.7.5, not a security refusal by the server */
    {"4.7.5", 0, NULL, "Cannot start TLS: handshake failure", "delayed", C(FAILEDSTARTTLS)},
    {"4.7.5", 0, NULL, "Server certificate not trusted", NULL, C(FAILEDSTARTTLS)},
    {"4.7.5", 0, NULL, "Server certificate not verified", "delayed", C(FAILEDSTARTTLS)},
    /* the reporting MTA's own failure, whatever the detail of its status */
    {"4.3.0", 0, NULL, "unknown mail transport error", "delayed", C(SYSTEMERROR)},
    {"4.3.0", 0, NULL, "mail system configuration error", "delayed", C(SYSTEMERROR)},
    {"4.3.0", 0, NULL, "address resolver failure", "delayed", C(SYSTEMERROR)},
    {"4.3.0", 0, NULL, "alias database unavailable", "delayed", C(SYSTEMERROR)},
    /* Postfix's virtual(8) with the VDA quota patch, old Postfix's bare 5.0.0 */
    {"5.0.0", 0, NULL,
     "Sorry, the user's maildir has overdrawn his diskspace quota, please try again later.", NULL,
     C(MAILBOXFULL)},
    /* Postfix's local(8): deliveries its configuration forbids (5.7.1 is
     * no security refusal of the sender here), a mailbox it could not lock */
    {"5.7.1", 0, NULL, "mail to file is restricted", NULL, C(SYSTEMERROR)},
    {"5.7.1", 0, NULL, "mail to command is restricted", NULL, C(SYSTEMERROR)},
    {"4.2.0", 0, NULL,
     "cannot update mailbox /var/mail/neko for user neko. unable to lock for exclusive access: "
     "Resource temporarily unavailable",
     "delayed", C(SYSTEMERROR)},
    {"5.3.0", 554, NULL, "554 5.3.0 <a@example.net>... Local configuration error", NULL,
     C(SYSTEMERROR)},
    {"4.3.0", 451, "RCPT", "451 4.3.0 Temporary system failure. Please try again later.", "delayed",
     C(SYSTEMERROR)},
    {"4.3.0", 451, NULL, "451 4.3.0 mailer local died with signal 11 (core dumped)", "delayed",
     C(MAILERERROR)},
    /* Postfix's pipe(8) and local(8): a delivery command killed or too slow */
    {"5.3.0", 0, NULL, "Command died with signal 9: \"/usr/bin/maildrop\"", NULL, C(MAILERERROR)},
    {"4.3.0", 0, NULL, "Command time limit exceeded: \"/usr/lib/dovecot/deliver\"", "delayed",
     C(MAILERERROR)},
    /* RFC 8460's failed TLS policies, as Exchange Online names them where
     * DANE requires TLS */
    {"5.7.322", 550, NULL,
     "550 5.7.322 certificate-expired: Destination mail server's certificate is expired.", NULL,
     C(FAILEDSTARTTLS)},
    {"4.7.323", 451, NULL, "451 4.7.323 tlsa-invalid: The domain failed DANE validation.", "delayed",
     C(FAILEDSTARTTLS)},
    {"5.7.325", 550, NULL,
     "550 5.7.325 certificate-host-mismatch: Remote certificate MUST have a common name or subject "
     "alternative name matching the hostname (DANE)",
     NULL, C(FAILEDSTARTTLS)},
    /* an SPF record that cannot be evaluated, behind Postfix's wrapper of
     * a policy refusal at RCPT */
    {"5.1.0", 550, "RCPT", "550 5.1.0 Recipient address rejected: SPF Permanent Error", NULL, C(AUTHFAILURE)},
    /* Exchange Online: a Rich Text attachment in one header line */
    {"5.0.350", 550, "DATA", "550 5.0.350 x-dg-ref header is too long", NULL, C(CONTENTERROR)},
    /* a site's header-check rule */
    {"5.7.9", 554, "DATA", "554 5.7.9 Header error", NULL, C(POLICYVIOLATION)},
    {"5.7.1", 550, "MAIL", "550 5.7.1 Адрес отправителя отклонён", NULL, C(REJECTED)},
    {"5.7.1", 550, "MAIL", "550 5.7.1 发件人地址被拒绝", NULL, C(REJECTED)},
    {"5.7.1", 550, "DATA", "550 5.7.1 このメッセージはスパムと判定されたため拒否されました", NULL,
     C(SPAMDETECTED)},
  };
  check_rows(rows, G_N_ELEMENTS(rows));
}
END_TEST

/* When the text names several causes, the precedence table decides. */
START_TEST(test_text_precedence)
{
  /* a full mailbox says more than the generic "unknown" around it */
  ck_assert_int_eq(text_cause("user unknown or mailbox full"), C(MAILBOXFULL));
  /* spam named explicitly wins over a block list mention */
  ck_assert_int_eq(text_cause("blocked: message looks like spam"), C(SPAMDETECTED));
  /* reverse DNS outranks the sender domain it names */
  ck_assert_int_eq(text_cause("Connections not accepted from servers without a valid sender domain. "
                              "Fix reverse DNS for 192.0.2.1"),
                   C(REQUIREPTR));
  /* the sender's own refusal outranks what would suppress the recipient */
  ck_assert_int_eq(text_cause("Sender address rejected: Domain not found"), C(REJECTED));
  /* the sender's failed SPF/DKIM/DMARC check outranks the bare sender refusal */
  ck_assert_int_eq(text_cause("554 5.7.1 Rejected due to SPF policy of sender domain"), C(AUTHFAILURE));
  ck_assert_int_eq(text_cause("550 Sender rejected: DKIM verification failed"), C(AUTHFAILURE));
  ck_assert_int_eq(text_cause("550 5.7.1 DMARC authentication failed for example.org"), C(AUTHFAILURE));
  ck_assert_int_eq(text_cause("550 5.7.1 Email rejected due to SPF/DKIM/DMARC authentication failure"),
                   C(AUTHFAILURE));
  /* cPanel's Exim refusing to relay for a client that did not log in: the
   * client must authenticate, whatever "not permitted to relay" says */
  ck_assert_int_eq(text_cause("Please turn on SMTP Authentication in your mail client. "
                              "mail.example.jp [192.0.2.1]:1025 is not permitted to relay through "
                              "this server without authentication."),
                   C(SECURITYERROR));
  /* a multi-line reply written on one line reads as one sentence: the
   * continuation markers do not split a phrase */
  ck_assert_int_eq(classify("5.7.0", 552, "DATA",
                            "552-5.7.0 This message was blocked because its content presents a "
                            "potential 552-5.7.0 security issue. Please visit 552 5.7.0 our "
                            "guidelines."),
                   C(POLICYVIOLATION));
  ck_assert_int_eq(classify("5.0.0", 550, NULL,
                            "550-Please turn on SMTP Authentication in your mail client. "
                            "550-mail.example.jp [192.0.2.1]:1025 is not permitted to 550 relay "
                            "through this server without authentication."),
                   C(SECURITYERROR));
  /* a two-line reply joined with its opening dash dropped: only the last
   * line's marker is left, and it does not split the phrase */
  ck_assert_int_eq(classify("5.7.1", 554, "RCPT",
                            "554 5.7.1 <kijitora@example.org>: Relay access 554 5.7.1 denied"),
                   C(NORELAYING));
  /* X.400 gateways name the diagnostic (RFC 2156 maps it to a status) */
  ck_assert_int_eq(classify("5.0.0", 0, NULL,
                            "Reason: Unable-To-Transfer (1) Diagnostic: Unrecognised-OR-Name (0) "
                            "Supplementary Information: Originator/Recipient name not known"),
                   C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 0, NULL,
                            "Reason: Unable-To-Transfer (1) Diagnostic: Content-Too-Long (7)"),
                   C(MESGTOOBIG));
  /* Sendmail 8.9-8.12 refusing the sending IP from a DNS block list */
  ck_assert_int_eq(classify("5.7.1", 550, "MAIL",
                            "550 5.7.1 Mail from 192.0.2.9 refused by blackhole site relays.example.org"),
                   C(BLOCKED));
  /* Gmail's refusal for the sending IP's reputation names spam only as
   * the reason for its rule */
  ck_assert_int_eq(classify("4.7.0", 421, "DATA",
                            "421-4.7.0 [192.0.2.25 15] Our system has detected that this message is "
                            "suspicious due to the very low reputation of the sending IP address. To "
                            "protect our users from spam, mail sent from your IP address has been "
                            "temporarily rate limited."),
                   C(BADREPUTATION));
  /* the same rule quoted with no host to name Google (Gmail's own notice
   * before 2016: "The error that the other server returned was: ...") */
  ck_assert_int_eq(classify("5.7.1", 550, "DATA",
                            "550 550-5.7.1 Our system has detected an unusual rate of 550-5.7.1 "
                            "unsolicited mail originating from your IP address. To protect our "
                            "550-5.7.1 users from spam, mail sent from your IP address has been "
                            "blocked. (state 18)."),
                   C(BADREPUTATION));
  /* Gmail's size limit, quoted by its own notice with no code */
  ck_assert_int_eq(classify("5.0.0", 0, NULL,
                            "Your message exceeded Google's message size limits. Please visit "
                            "https://support.google.com/mail/?p=MaxSizeError to view our size "
                            "guidelines."),
                   C(MESGTOOBIG));
  /* what exceeded is the mailbox's quota; the size limit it names after
   * is no cause */
  ck_assert_int_eq(classify("5.0.0", 452, NULL,
                            "452 Mailbox ken exceeded its quota; incoming message size limit is "
                            "50MB"),
                   C(MAILBOXFULL));
  /* the Barracuda Reputation Block List is a DNS block list */
  ck_assert_int_eq(classify("5.0.0", 554, "RCPT",
                            "554 Service unavailable; Client host [192.0.2.25] blocked using Barracuda "
                            "Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.25"),
                   C(BLOCKED));
  /* Exchange refusing the sender */
  ck_assert_int_eq(classify("5.7.1", 550, "RCPT",
                            "550 5.7.1 Your access to submit messages to this e-mail system has been "
                            "rejected."),
                   C(REJECTED));
  /* Gmail's SERVFAIL: the name servers failed, and will be asked again */
  ck_assert_int_eq(classify("4.4.3", 0, NULL,
                            "DNS Error: 7392845 DNS type 'mx' lookup of example.org responded with code "
                            "SERVFAIL"),
                   C(NETWORKERROR));
  /* Gmail could not look up its mail server's address: the network's,
   * unless the resolver said the name is missing */
  ck_assert_int_eq(classify("5.0.0", 0, NULL,
                            "DNS Error: Address resolution of mx1.mail.example.org. failed"),
                   C(NETWORKERROR));
  ck_assert_int_eq(classify("5.0.0", 0, NULL,
                            "DNS Error: Address resolution of mx.example.org. failed: Domain name "
                            "not found"),
                   C(HOSTUNKNOWN));
  /* cPanel's Exim cannot verify the recipient: no such mailbox */
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT",
                            "550 The recipient cannot be verified.  Please check all recipients of this "
                            "message to verify they are valid."),
                   C(USERUNKNOWN));
  /* a mailbox at its limit of messages is full, not a sending rate */
  ck_assert_int_eq(classify("5.2.2", 552, "RCPT", "552 5.2.2 Too many messages in this mailbox"),
                   C(MAILBOXFULL));
  /* Postfix's own lookup table failed, not the DNS */
  ck_assert_int_eq(classify("4.3.0", 451, "RCPT", "451 4.3.0 <a@example.org>: Temporary lookup failure"),
                   C(SYSTEMERROR));
  /* free.fr refuses the sending IP for the spam it sent */
  ck_assert_int_eq(classify("4.0.0", 421, NULL,
                            "421 Too many spams from your IP (192.0.2.9), please visit "
                            "http://postmaster.free.fr/"),
                   C(BLOCKED));
  /* Mimecast's SPF refusal at MAIL is the check, not a refusal of the sender */
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL",
                            "550 SPF Sender Invalid - envelope rejected - "
                            "https://community.mimecast.com/docs/DOC-1369#550 [x.us1]"),
                   C(AUTHFAILURE));
  /* a name-service failure the resolver retries outranks the missing host */
  ck_assert_int_eq(text_cause("Name service error for domain example.com: Host not found, try again"),
                   C(NETWORKERROR));
  /* a refused connection is a block, even when the queue then expired */
  ck_assert_int_eq(text_cause("Deferred: Connection refused by mx.example.org. Message could not be "
                              "delivered for 8 hours"),
                   C(BLOCKED));
  /* a DNS failure outranks the expiry it caused */
  ck_assert_int_eq(text_cause("Deferred: Name server: example.org.: host name lookup failure. Message could "
                              "not be delivered for 8 hours"),
                   C(NETWORKERROR));
  /* a sure phrase wins whatever the precedence of the causes it holds */
  ck_assert_int_eq(text_cause("550 5.4.5 Daily sending quota exceeded"), C(SPEEDING));
  ck_assert_int_eq(text_cause("552 Mailbox size limit exceeded"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("550 User has too many messages on the server"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("Mail from 192.0.2.1 blocked using Trend Micro Email Reputation database"),
                   C(BLOCKED));
  /* among sure phrases the precedence decides */
  ck_assert_int_eq(text_cause("Mailbox size limit exceeded; submission quota exceeded"), C(MAILBOXFULL));
  /* a bare refusal names no cause by its text alone */
  ck_assert_int_eq(text_cause("550 Access denied"), C(UNDEFINED));
  /* a mailbox "full of" something is not over its quota: the other words
   * decide; the words of a full mailbox still count where they end, or
   * go on to its quota */
  ck_assert_int_eq(text_cause("550 mailbox full of spam, rejected"), C(SPAMDETECTED));
  ck_assert_int_eq(text_cause("550 Your mailbox is full of junk, access denied"), C(UNDEFINED));
  ck_assert_int_eq(text_cause("552 5.2.2 Mailbox full"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("550 user's mailbox is full"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("452 mailbox is full (quota exceeded)"), C(MAILBOXFULL));
  ck_assert_int_eq(text_cause("552 Mailbox full of mail, quota exceeded"), C(MAILBOXFULL));
}
END_TEST

/* Every decision of the precedence table: for each two causes next to
 * each other in bn_cause_precedence, a reply that names both (and nothing
 * that comes before either), and the first wins. Swapping any two
 * neighbours, or moving a cause, fails a row here. */
typedef struct {
  bounce_cause first, second; /* as bn_cause_precedence orders them */
  const char *diagnostic;
} decision;

#define DNS_RETRY BN_CAUSE_DNS_RETRY
#define MAILBOX_UNAVAILABLE BN_CAUSE_MAILBOX_UNAVAILABLE
#define REFUSAL BN_CAUSE_REFUSAL
#define DEFERRAL BN_CAUSE_DEFERRAL
#define CONN_REFUSED BN_CAUSE_CONN_REFUSED
#define ATTEMPT_LOST BN_CAUSE_ATTEMPT_LOST
#define TALK_REFUSED BN_CAUSE_TALK_REFUSED
#define BACKEND_DOWN BN_CAUSE_BACKEND_DOWN
#define SERVICE_DOWN BN_CAUSE_SERVICE_DOWN

static const decision decisions[] = {
  {C(MESGTOOBIG), C(EXCEEDLIMIT), "552 5.3.4 Message size exceeds the maximum allowed by this server"},
  {C(EXCEEDLIMIT), C(MAILBOXFULL),
   "552 5.2.3 Message length exceeds administrative limit; the message would exceed the recipient's quota"},
  {C(MAILBOXFULL), C(SUSPEND), "552 5.2.2 Mailbox disabled: over quota"},
  {C(SUSPEND), C(HASMOVED), "550 5.2.1 Account has been deactivated: the user has moved"},
  {C(HASMOVED), C(REQUIREPTR), "551 5.1.6 User has moved; reverse DNS of the sending host not checked"},
  {C(REQUIREPTR), C(NOTACCEPT), "550 5.7.1 This server is not accepting mail from hosts with no PTR record"},
  {C(NOTACCEPT), C(NORELAYING), "550 5.7.1 Relaying denied: example.org accepts no mail (null MX)"},
  {C(NORELAYING), C(AUTHFAILURE), "554 5.7.1 Relay access denied: SPF check failed for 192.0.2.1"},
  {C(AUTHFAILURE), C(REJECTED), "550 5.7.1 Sender address rejected: SPF check failed"},
  {C(REJECTED), DNS_RETRY,
   "450 4.1.8 <neko@example.net>: Sender address rejected: temporary failure in name resolution"},
  {DNS_RETRY, C(HOSTUNKNOWN), "Name service error for domain example.com: Host not found, try again"},
  {C(HOSTUNKNOWN), C(USERUNKNOWN), "550 5.1.1 No such user: the domain does not exist"},
  {C(USERUNKNOWN), C(VIRUSDETECTED), "550 5.1.1 User unknown; the message also contained a virus"},
  {C(VIRUSDETECTED), C(NOTCOMPLIANTRFC), "554 5.7.1 Virus found; message headers not RFC 5322 compliant"},
  {C(NOTCOMPLIANTRFC), C(SPAMDETECTED), "550 5.7.1 Message is not RFC 5322 compliant and was classified as spam"},
  {C(SPAMDETECTED), C(BADREPUTATION),
   "554 5.7.1 Message rejected as spam; the sending domain has a poor reputation"},
  {C(BADREPUTATION), C(TOOMANYCONN), "421 4.7.0 Poor reputation: too many connections from 192.0.2.1"},
  {C(TOOMANYCONN), C(SPEEDING), "421 4.7.0 Too many connections; connection rate limit exceeded"},
  {C(SPEEDING), C(BLOCKED), "450 4.7.1 Rate limit exceeded; your IP address is temporarily blacklisted"},
  {C(BLOCKED), TALK_REFUSED,
   "host mx.example.org[192.0.2.25] refused to talk to me: 554 Client host rejected"},
  {TALK_REFUSED, C(SECURITYERROR),
   "host mx.example.org[192.0.2.25] refused to talk to me: 530 Authentication required"},
  {C(SECURITYERROR), C(FAILEDSTARTTLS), "530 5.7.0 Authentication required: must issue a STARTTLS command first"},
  {C(FAILEDSTARTTLS), C(POLICYVIOLATION), "530 5.7.0 TLS required by policy"},
  {C(POLICYVIOLATION), C(FILTERED), "554 5.7.1 Message filtered by the recipient's policy"},
  {C(FILTERED), C(SYNTAXERROR), "550 Message filtered: syntax error in the message headers"},
  {C(SYNTAXERROR), C(CONTENTERROR), "501 5.5.2 Syntax error: malformed message"},
  {C(CONTENTERROR), C(MAILERERROR), "554 5.6.0 Message is malformed: mailer error"},
  {C(MAILERERROR), C(SYSTEMFULL), "Command died with status 75: \"/usr/bin/procmail\": No space left on device"},
  {C(SYSTEMFULL), C(SYSTEMERROR), "452 4.3.1 Insufficient system storage: internal error"},
  {C(SYSTEMERROR), C(NETWORKERROR), "451 4.3.0 Internal server error: lost connection with the mail store"},
  {C(NETWORKERROR), CONN_REFUSED,
   "connect to mx.example.org[192.0.2.1]:25: No route to host; connect to mx2.example.org[192.0.2.2]:25: Connection refused"},
  {CONN_REFUSED, C(EXPIRED),
   "connect to mx.example.org[192.0.2.1]:25: Connection refused; message could not be delivered within 5 days"},
  /* RFC 5321's stock 550 text, which servers write whatever the refusal:
   * anything else the reply names says more */
  /* Exchange's words for a connection lost in one attempt, quoted as an
   * expiry's last error */
  {C(EXPIRED), ATTEMPT_LOST,
   "550 4.4.7 QUEUE.Expired; message expired -> 451 4.4.397 Error communicating with target host."},
  {ATTEMPT_LOST, BACKEND_DOWN,
   "451 4.4.0 Remote server unavailable -> 421 4.4.2 Connection dropped due to SocketError"},
  /* Cyrus lmtpd's words for its Murder backend not answering: a relay's
   * own reason after them says more, the stock texts less */
  {BACKEND_DOWN, MAILBOX_UNAVAILABLE,
   "450 Requested action not taken: mailbox unavailable; remote server unavailable"},
  {MAILBOX_UNAVAILABLE, SERVICE_DOWN,
   "421 Service not available, closing transmission channel: mailbox unavailable"},
  /* RFC 5321's 421 words, the other stock text: the command decides
   * (reason.c); alone, the server's failure */
  {SERVICE_DOWN, C(ONHOLD), "421 Service not available; message put on hold"},
  {C(ONHOLD), C(SUPPRESSED), "The address is on the suppression list; the message was put on hold"},
  {C(SUPPRESSED), REFUSAL, "Address on the account's suppression list: sending to it was rejected"},
  /* a refusal and a deferral that give no reason: the refusal's rule
   * reads the command first (reason.c) */
  {REFUSAL, DEFERRAL, "Access denied, try again later"},
};

static size_t
precedence_of(bounce_cause c)
{
  for (size_t k = 0; k < bn_cause_precedence_count; k++)
    if (bn_cause_precedence[k] == c)
      return k;
  return SIZE_MAX;
}

/* The cause the text gives: as bn_text_cause reports it. */
static bounce_cause
reported(bounce_cause c)
{
  if (c == BN_CAUSE_DNS_RETRY || c == BN_CAUSE_CONN_REFUSED || c == BN_CAUSE_ATTEMPT_LOST)
    return C(NETWORKERROR);
  if (c == BN_CAUSE_MAILBOX_UNAVAILABLE)
    return C(USERUNKNOWN);
  if (c == BN_CAUSE_BACKEND_DOWN || c == BN_CAUSE_SERVICE_DOWN)
    return C(SYSTEMERROR);
  if (c == BN_CAUSE_TALK_REFUSED)
    return C(BLOCKED);
  return c == BN_CAUSE_REFUSAL || c == BN_CAUSE_DEFERRAL ? C(UNDEFINED) : c;
}

/* Each row of the phrase table, written as a text of its own, names its
 * cause: the first and the last rows too (the hits are read off an array
 * as long as the table). */
START_TEST(test_every_phrase_names_its_cause)
{
  size_t tried = 0;
  for (size_t i = 0; i < bn_cause_phrase_count; i++) {
    const bn_cause_phrase *p = &bn_cause_phrases[i];
    if (strpbrk(p->phrase, "*%")) /* gaps and lifted ends are no plain text */
      continue;
    guint8 named[BN_CAUSE_SLOTS];
    ck_assert_msg(bn_text_causes(p->phrase, strlen(p->phrase), named), "row %zu", i);
    ck_assert_msg(named[p->cause] >= (p->sure ? BN_NAMED_SURE : BN_NAMED), "row %zu: \"%s\"", i,
                  p->phrase);
    tried++;
  }
  ck_assert_uint_gt(tried, bn_cause_phrase_count / 2);
  ck_assert(!strpbrk(bn_cause_phrases[0].phrase, "*%"));
  ck_assert(!strpbrk(bn_cause_phrases[bn_cause_phrase_count - 1].phrase, "*%"));
}
END_TEST

START_TEST(test_precedence_pairs)
{
  size_t bad = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(decisions); i++) {
    const decision *d = &decisions[i];
    guint8 named[BN_CAUSE_SLOTS];
    bn_text_causes(d->diagnostic, strlen(d->diagnostic), named);
    /* the two are named alike, and nothing ranked before the second */
    bool alone = named[d->first] == BN_NAMED && named[d->second] == BN_NAMED;
    for (int c = 0; c < BN_CAUSE_SLOTS; c++)
      if (named[c] && c != (int)d->first && c != (int)d->second &&
          precedence_of((bounce_cause)c) < precedence_of(d->second))
        alone = false;
    bounce_cause got = text_cause(d->diagnostic);
    if (!alone || got != reported(d->first)) {
      fprintf(stderr, "\"%s\" gives %s%s\n", d->diagnostic, bounce_cause_to_string(got),
              alone ? "" : ", and names other causes than the two");
      bad++;
    }
  }
  ck_assert_uint_eq(bad, 0);
  /* one row for each two neighbours of the table, in its order */
  ck_assert_uint_eq(G_N_ELEMENTS(decisions), bn_cause_precedence_count - 1);
  for (size_t k = 0; k + 1 < bn_cause_precedence_count; k++) {
    ck_assert_int_eq(decisions[k].first, bn_cause_precedence[k]);
    ck_assert_int_eq(decisions[k].second, bn_cause_precedence[k + 1]);
  }
}
END_TEST

/* The order of evidence: text, status, reply code, command, action. */
START_TEST(test_evidence_order)
{
  /* RFC 5321's stock 421 words: the command says whose failure; with
   * none that says so, the server's (BN_CAUSE_SERVICE_DOWN) */
  static const char stock421[] = "421 Service not available, closing transmission channel";
  ck_assert_int_eq(classify("4.0.0", 421, "RCPT", stock421), C(SYSTEMERROR));
  ck_assert_int_eq(classify("4.0.0", 421, "DATA", stock421), C(SYSTEMERROR));
  ck_assert_int_eq(classify("4.0.0", 421, NULL, stock421), C(SYSTEMERROR));
  ck_assert_int_eq(classify("4.0.0", 421, "CONN", stock421), C(BLOCKED));
  ck_assert_int_eq(classify("4.0.0", 421, "MAIL", stock421), C(REJECTED));
  /* the text beats the status */
  ck_assert_int_eq(classify("5.2.1", 550, "RCPT", "550 5.2.1 <a@b.c>... User Unknown"), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.1.1", 550, NULL, "mailbox full"), C(MAILBOXFULL));
  /* the status beats the reply code */
  ck_assert_int_eq(classify("5.2.1", 550, NULL, "550 5.2.1 go away"), C(SUSPEND));
  ck_assert_int_eq(classify("5.7.26", 550, NULL, "550 5.7.26 unauthenticated"), C(AUTHFAILURE));
  ck_assert_int_eq(classify("5.1.3", 501, NULL, "501 5.1.3 bad"), C(USERUNKNOWN));
  /* the reply code beats the command */
  ck_assert_int_eq(classify("5.0.0", 556, "MAIL", "556 go away"), C(NOTACCEPT));
  ck_assert_int_eq(classify("5.0.0", 530, "MAIL", "530 go away"), C(SECURITYERROR));
  /* the command comes last: the greeting is about the sending host, MAIL
   * about the sender; RCPT and DATA alone say nothing */
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", "550 go away"), C(REJECTED));
  ck_assert_int_eq(classify("5.0.0", 554, "CONN", "554 go away"), C(BLOCKED));
  ck_assert_int_eq(classify("5.0.0", 554, "HELO", "554 go away"), C(BLOCKED));
  ck_assert_int_eq(classify("5.0.0", 554, "RCPT", "554 go away"), C(UNDEFINED));
  ck_assert_int_eq(classify("5.0.0", 554, "DATA", "554 go away"), C(UNDEFINED));
  /* a delay says the queue time is running out */
  row delayed = {"4.0.0", 0, NULL, NULL, "delayed", C(EXPIRED)};
  ck_assert_int_eq(classify_row(&delayed, NULL), C(EXPIRED));
  /* a delivery notice is delivered, whatever the text */
  row delivered = {"2.0.0", 250, NULL, "250 2.0.0 user unknown", "delivered", C(DELIVERED)};
  ck_assert_int_eq(classify_row(&delivered, NULL), C(DELIVERED));
  /* an address status in reply to MAIL is about the sender */
  ck_assert_int_eq(classify("5.1.0", 553, "MAIL", "553 5.1.0 neko.example.com is no good"), C(REJECTED));
  ck_assert_int_eq(classify("5.1.0", 550, NULL, "550 #5.1.0 Address rejected."), C(USERUNKNOWN));
  /* a transient routing status is the network's */
  ck_assert_int_eq(classify("4.4.4", 0, NULL, "unable to route"), C(NETWORKERROR));
  ck_assert_int_eq(classify("5.4.4", 0, NULL, "unable to route"), C(HOSTUNKNOWN));
  /* a failure with no code from the bounce and nothing else: on hold;
   * with a code that says nothing more than its class: undefined */
  ck_assert_int_eq(classify(NULL, 0, NULL, NULL), C(ONHOLD));
  ck_assert_int_eq(classify(NULL, 0, NULL, "Did not reach the following recipient"), C(ONHOLD));
  ck_assert_int_eq(classify("5.0.0", 0, NULL, NULL), C(UNDEFINED));
  ck_assert_int_eq(classify("5.0.0", 550, NULL, "550 no"), C(UNDEFINED));
  row derived = {"5.0.0", 0, NULL, NULL, "failed", C(ONHOLD)};
  bounce_recipient *rc = rcpt_of(&derived);
  rc->source[BOUNCE_FIELD_STATUS] = BOUNCE_SOURCE_DERIVED; /* only the class of "failed" */
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->cause, C(ONHOLD));
  rcpt_free(rc);
  /* not for a delay: it has its own cause */
  row queued = {NULL, 0, NULL, NULL, "delayed", C(EXPIRED)};
  ck_assert_int_eq(classify_row(&queued, NULL), C(EXPIRED));
}
END_TEST

/* "No such user" is the mailbox or a filter, as the command and the
 * status say. */
/* A host name, not an address, that does not exist is the domain. */
START_TEST(test_missing_host_name)
{
  ck_assert_int_eq(classify("5.0.0", 553, "DATA", "553 neko.example.com does not exist"),
                   C(HOSTUNKNOWN));
  ck_assert_int_eq(classify(NULL, 553, NULL, "553 Host mx1.example.net does not exist."),
                   C(HOSTUNKNOWN));
  ck_assert_int_eq(classify("4.0.0", 451, NULL, "451 neko.example.com does not exist"),
                   C(NETWORKERROR));
  /* an address, a bare user name or an IP address is not a host name */
  ck_assert_int_ne(classify("5.0.0", 550, NULL, "550 tama@example.com does not exist"),
                    C(HOSTUNKNOWN));
  ck_assert_int_ne(classify("5.0.0", 550, NULL, "550 tama does not exist"), C(HOSTUNKNOWN));
  ck_assert_int_ne(classify("5.0.0", 550, NULL, "550 192.0.2.1 does not exist"),
                    C(HOSTUNKNOWN));
  /* the sender's domain, at MAIL */
  ck_assert_int_ne(classify("5.0.0", 553, "MAIL", "553 sender.example does not exist"),
                    C(HOSTUNKNOWN));
}
END_TEST

START_TEST(test_unknown_user)
{
  const char *d = "550 <kijitora@example.org>... User unknown";
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", d), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "DATA", d), C(FILTERED));
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", d), C(REJECTED));
  /* an address status wins over a DATA that PIPELINING shows */
  ck_assert_int_eq(classify("5.1.1", 550, "DATA", d), C(USERUNKNOWN));
  /* without the command, the status; with neither, the filter's words */
  ck_assert_int_eq(classify("5.0.0", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify("5.2.0", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify("5.7.1", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify("5.2.1", 550, NULL, d), C(FILTERED));
  ck_assert_int_eq(classify(NULL, 550, NULL, d), C(FILTERED));
  /* the reply's own address status says it, whatever the status field
   * around it (a gateway's own, or the one before the reply changed) */
  const char *s = "550 5.1.1 <kijitora@example.org>: Recipient address rejected: User unknown";
  ck_assert_int_eq(classify("5.7.1", 550, NULL, s), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.2.2", 550, NULL, s), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.2.2", 550, "DATA", s), C(USERUNKNOWN));
  /* Postfix's table lookups say when in its own bounces (RCPT); relayed
   * by a gateway without the command they are words like any other */
  const char *t = "550 <kijitora@example.jp>: Recipient address rejected: "
                  "User unknown in local recipient table";
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", t), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, NULL, t), C(FILTERED));
  /* a directory lookup that found no one is the mailbox without context */
  const char *x = "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found";
  ck_assert_int_eq(classify("5.0.0", 550, NULL, x), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "DATA", x), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", x), C(REJECTED));
  ck_assert_int_eq(classify(NULL, 0, NULL, "Sorry, no mailbox here by that name. (#5.1.1)"),
                   C(USERUNKNOWN));
  /* RFC 5321's "mailbox unavailable" is the mailbox only with a 5xx and
   * at RCPT */
  const char *u = "Requested action not taken: mailbox unavailable";
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", u), C(USERUNKNOWN));
  ck_assert_int_eq(classify(NULL, 550, NULL, u), C(FILTERED));
  ck_assert_int_eq(classify("4.0.0", 450, NULL, u), C(UNDEFINED));
  ck_assert_int_eq(classify(NULL, 450, NULL, u), C(UNDEFINED));
  ck_assert_int_eq(classify("4.2.1", 450, NULL, u), C(SUSPEND));
  /* with a permanent x.2.1 the status says more than the stock words too:
   * the mailbox exists and is disabled; x.1.1 keeps it missing */
  ck_assert_int_eq(classify("5.2.1", 550, "RCPT",
                            "550 5.2.1 <kijitora@example.org>: Recipient address rejected: mailbox unavailable"),
                   C(SUSPEND));
  ck_assert_int_eq(classify("5.1.1", 550, "RCPT",
                            "550 5.1.1 <kijitora@example.org>: Recipient address rejected: mailbox unavailable"),
                   C(USERUNKNOWN));
  /* Exim's spool is full: the server's space, in reply to MAIL */
  ck_assert_int_eq(classify("4.0.0", 452, "MAIL", "452 Space shortage, please try later"), C(SYSTEMFULL));
  /* servers (IIS, Exchange) put that stock text before whatever refused
   * the message: the rest of the reply decides, so a block list or a spam
   * verdict does not suppress the recipient */
  ck_assert_int_eq(classify("5.7.1", 550, "RCPT",
                            "550 5.7.1 Requested action not taken: mailbox unavailable. "
                            "Your IP 192.0.2.1 is listed in a blocklist"),
                   C(BLOCKED));
  ck_assert_int_eq(classify("5.7.1", 550, "DATA",
                            "550 5.7.1 Requested action not taken: mailbox unavailable. "
                            "Message rejected as spam"),
                   C(SPAMDETECTED));
  ck_assert_int_eq(classify("5.0.0", 550, "DATA",
                            "550 Requested action not taken: mailbox unavailable (virus detected)"),
                   C(VIRUSDETECTED));
  /* the same words as servers reword them */
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", "550 Mailbox not available"), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", "550 Mailbox is not available"), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", "550 Mailbox is unavailable"), C(USERUNKNOWN));
  ck_assert_int_eq(classify(NULL, 550, NULL, "550 Mailbox not available"), C(FILTERED));
  ck_assert_int_eq(classify("4.0.0", 450, "RCPT", "450 Mailbox is unavailable"), C(UNDEFINED));
  /* Cyrus lmtpd's first lines, and "addressee unknown" shortened */
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT",
                            "550-Mailbox unknown.  Either there is no mailbox associated with this "
                            "name or you do not have authorization to see it."),
                   C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "RCPT", "550 Address unknown"), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.0.0", 550, "MAIL", "550 Address unknown"), C(REJECTED));
  /* qmail's validrcptto list holds every valid recipient: a lookup, the
   * mailbox whatever the status (5.7.1) or command says */
  const char *v = "553 sorry, this recipient is not in my validrcptto list (#5.7.1)";
  ck_assert_int_eq(classify("5.7.1", 553, "RCPT", v), C(USERUNKNOWN));
  ck_assert_int_eq(classify("5.7.1", 553, NULL, v), C(USERUNKNOWN));
  /* a domain without a mail server, relayed without its 5.1.2 */
  const char *m = "553 Unknown mail server. Could not find a mail server for example.org";
  ck_assert_int_eq(classify("5.0.0", 553, "RCPT", m), C(HOSTUNKNOWN));
  ck_assert_int_eq(classify("4.0.0", 450, "RCPT", m), C(NETWORKERROR));
  /* a null MX of the sender's domain refuses the sender, whenever it is
   * said (Postfix checks the sender at RCPT) */
  const char *n = "550 5.7.27 <news@example.com>: Sender address rejected: "
                  "Domain example.com does not accept mail (nullMX)";
  ck_assert_int_eq(classify("5.7.27", 550, "RCPT", n), C(REJECTED));
  ck_assert_int_eq(classify("5.7.27", 550, NULL, "550 5.7.27 Sender address has null MX"), C(REJECTED));
  ck_assert_int_eq(classify("5.1.10", 550, "RCPT",
                            "550 5.1.10 <tama@example.org>: Recipient address rejected: "
                            "Domain example.org does not accept mail (nullMX)"),
                   C(NOTACCEPT));
  /* a move is permanent only with a permanent reply */
  ck_assert_int_eq(classify("5.1.6", 551, NULL, "551 5.1.6 User has moved"), C(HASMOVED));
  ck_assert_int_eq(classify("4.2.0", 451, NULL, "451 4.2.0 The mailbox has moved, try again later"),
                   C(UNDEFINED));
  /* with a transient code, other words still decide */
  ck_assert_int_eq(classify("4.0.0", 450, NULL, "450 mailbox unavailable: mailbox full"), C(MAILBOXFULL));
  /* words of an unknown user in a transient reply have not found the
   * mailbox missing for good (Postfix's unknown_local_recipient_reject_code
   * of 450, soft_bounce); the same words with a 5xx have */
  ck_assert_int_eq(classify("4.0.0", 450, "RCPT", "450 <kijitora@example.org>: user unknown, mailbox unavailable"),
                   C(UNDEFINED));
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "User unknown in local recipient table"),
                   C(UNDEFINED));
  ck_assert_int_eq(classify("5.1.1", 550, "RCPT",
                            "550 5.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "User unknown in local recipient table"),
                   C(USERUNKNOWN));
  /* a relay's 450 that quotes the next host's permanent verdict */
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "unverified address: host mx2.example.org[192.0.2.26] said: "
                            "550 5.1.1 <kijitora@example.org>: User unknown"),
                   C(USERUNKNOWN));
  /* the same with a next host that gives no status: its 550 is the verdict */
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "undeliverable address: host mx2.example.org[192.0.2.26] said: "
                            "550 <kijitora@example.org>: User unknown"),
                   C(USERUNKNOWN));
  /* Postfix says its own probe bounced ("undeliverable address"), with no
   * next host to quote: a verdict; "unverified address" tells none */
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "undeliverable address: unknown user: \"kijitora\""),
                   C(USERUNKNOWN));
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: Recipient address rejected: "
                            "unverified address: unknown user: \"kijitora\""),
                   C(UNDEFINED));
  /* a number in the words is no quoted reply */
  ck_assert_int_eq(classify("4.1.1", 450, "RCPT",
                            "450 4.1.1 <kijitora@example.org>: User unknown, retry in 550 seconds"),
                   C(UNDEFINED));
}
END_TEST

START_TEST(test_read_together)
{
  /* a domain the resolver will retry is the network's, not a dead domain */
  ck_assert_int_eq(classify("4.0.0", 0, NULL, "DNS type 'mx' lookup of example.org responded with NXDOMAIN"),
                   C(NETWORKERROR));
  ck_assert_int_eq(classify("5.0.0", 0, NULL, "DNS type 'mx' lookup of example.org responded with NXDOMAIN"),
                   C(HOSTUNKNOWN));
  ck_assert_int_eq(classify(NULL, 450, NULL, "450 Host unknown"), C(NETWORKERROR));
  /* a missing domain at MAIL is the sender's */
  ck_assert_int_eq(classify("5.1.7", 550, "MAIL", "550 5.1.7 No such domain neko.example.com."), C(REJECTED));
  /* the status says which size limit: the system's or an administrator's */
  ck_assert_int_eq(classify("5.2.3", 552, NULL, "552 5.2.3 Message size exceeds fixed maximum message size"),
                   C(EXCEEDLIMIT));
  ck_assert_int_eq(classify("5.3.4", 552, NULL, "552 5.3.4 Message length exceeds administrative limit"),
                   C(MESGTOOBIG));
  ck_assert_int_eq(classify("5.0.0", 552, NULL, "552 Message size exceeds fixed maximum message size"),
                   C(MESGTOOBIG));
  /* a size refusal with a full-mailbox status and the mailbox's words */
  ck_assert_int_eq(classify("5.2.2", 552, NULL, "552 5.2.2 Message size exceeds the recipient's quota"),
                   C(MAILBOXFULL));
  ck_assert_int_eq(classify("5.3.4", 552, NULL, "552 5.3.4 Message size exceeds the recipient's quota"),
                   C(MESGTOOBIG));
  ck_assert_int_eq(classify("5.2.2", 552, NULL, "552 5.2.2 Message size exceeds fixed maximum message size"),
                   C(MESGTOOBIG));
  /* Exchange 2003's sentence for either: its status says which */
  {
    const char *either = "This message is larger than the current system limit or the recipient's "
                         "mailbox is full. Create a shorter message body or remove attachments and "
                         "try sending it again.";
    ck_assert_int_eq(classify("5.3.4", 0, NULL, either), C(MESGTOOBIG));
    ck_assert_int_eq(classify("5.2.3", 0, NULL, either), C(EXCEEDLIMIT));
    ck_assert_int_eq(classify("5.2.2", 0, NULL, either), C(MAILBOXFULL));
  }
  /* a bare refusal: the greeting, MAIL, else the status */
  ck_assert_int_eq(classify("5.7.1", 550, "MAIL", "550 5.7.1 Access denied"), C(REJECTED));
  ck_assert_int_eq(classify("5.0.0", 550, "EHLO", "550 Rejected"), C(BLOCKED));
  ck_assert_int_eq(classify("5.7.1", 550, "RCPT", "550 5.7.1 <x@example.org>... Access denied"),
                   C(SECURITYERROR));
  ck_assert_int_eq(classify("5.7.1", 554, "RCPT", "554 5.7.1 <x@example.org>: Recipient address rejected: "
                                                  "Access denied"),
                   C(USERUNKNOWN));
}
END_TEST

/* Words of a dead address that are about someone else: the sender
 * (refused with words or a status of its own, or at MAIL) or the sending
 * host (at the greeting). Taken for the recipient's they would suppress a
 * live address. */
static const row not_the_recipient[] = {
  /* a quota with a status or at a command that names no mailbox is the
   * sender's: the other words or the status say which (the words
   * "exceeded quota" alone are a full mailbox's, above) */
  {"4.7.1", 451, "RCPT", "451 4.7.1 Rate limit exceeded: sender exceeded quota, try again later", NULL,
   C(SPEEDING)},
  {"5.3.4", 552, "DATA", "552 5.3.4 Message exceeds quota for attachments", NULL, C(MESGTOOBIG)},
  {"4.7.0", 421, "CONN", "421 4.7.0 Your IP exceeds quota of connections, try again later", NULL,
   C(SECURITYERROR)},
  {"4.0.0", 421, "CONN", "421 Your IP exceeds quota of connections, try again later", NULL, C(BLOCKED)},
  /* Postfix's sender verification quotes the reply about the sender's own
   * address, sure words of a directory lookup included */
  {"5.0.0", 550, "RCPT",
   "550 <news@example.com>: Sender address rejected: undeliverable address: host mx.example.com[192.0.2.5] "
   "said: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
   NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT",
   "550 <news@example.com>: Sender address rejected: undeliverable address: host mx.example.com[192.0.2.5] "
   "said: 551 5.1.6 User not local; please try <news@example.net>",
   NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT",
   "550 <news@example.com>: Sender address rejected: undeliverable address: host mx.example.com[192.0.2.5] "
   "said: 550 No mailbox here by that name",
   NULL, C(REJECTED)},
  /* the sender's own mailbox full or disabled, as the verification found
   * it: the sender's to fix, not the recipient's mailbox */
  {"5.0.0", 550, "RCPT",
   "550 <news@example.com>: Sender address rejected: undeliverable address: host mx.example.com[192.0.2.5] "
   "said: 552 5.2.2 <news@example.com>: Mailbox full",
   NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT",
   "550 <news@example.com>: Sender address rejected: undeliverable address: host mx.example.com[192.0.2.5] "
   "said: 550-5.2.1 The email account that you tried to reach is disabled.",
   NULL, C(REJECTED)},
  /* Exim's, the same */
  {"5.0.0", 550, "RCPT",
   "550-Verification failed for <news@example.com> 550-Called: 192.0.2.5 550-Sent: RCPT TO:<news@example.com> "
   "550-Response: 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found 550 Sender verify failed",
   NULL, C(REJECTED)},
  /* the sender's null MX (RFC 7505), as Postfix refuses it */
  {"5.7.27", 550, "RCPT",
   "550 5.7.27 <news@example.com>: Sender address rejected: Domain example.com does not accept mail (nullMX)",
   NULL, C(REJECTED)},
  {"5.0.0", 550, "RCPT", "550 <news@example.com>: Sender address rejected: Domain example.com does not accept "
                         "mail (nullMX)", NULL, C(REJECTED)},
  /* GMX and web.de: the sender's domain has no usable DNS record, in the
   * words of a missing mailbox */
  {"5.0.0", 550, "RCPT", "550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or "
                         "A/AAAA resource record", NULL, C(REJECTED)},
  {"5.0.0", 550, "MAIL", "550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or "
                         "A/AAAA resource record", NULL, C(REJECTED)},
  /* a status about the sender's address */
  {"5.1.7", 553, "RCPT", "553 5.1.7 unknown or illegal alias: news@example.com", NULL, C(REJECTED)},
  {"5.7.27", 550, "RCPT", "550 5.7.27 Sender address has null MX", NULL, C(REJECTED)},
  {"5.1.0", 550, "RCPT", "550 5.1.0 Sender address unknown", NULL, C(REJECTED)},
  {"5.1.0", 553, "RCPT", "553 5.1.0 Sender not found", NULL, C(REJECTED)},
  /* the sender's domain under other names, at RCPT or in a header check
   * at DATA */
  {"5.7.1", 550, "RCPT", "550 5.7.1 Rejected - sending domain does not exist", NULL, C(REJECTED)},
  {"5.7.1", 550, "DATA", "550 5.7.1 From: header domain does not exist", NULL, C(REJECTED)},
  {"5.7.1", 554, "DATA", "554 5.7.1 Message refused: Return-Path domain does not exist", NULL, C(REJECTED)},
  /* at MAIL, with a status that does not name the destination mailbox */
  {"5.1.0", 553, "MAIL", "553 5.1.0 <news@example.com>... No such user here", NULL, C(REJECTED)},
  {"5.1.0", 550, "MAIL", "550 5.1.0 unknown or illegal alias: news@example.com", NULL, C(REJECTED)},
  {"5.1.0", 550, "MAIL", "550 5.1.0 Mailbox unavailable", NULL, C(REJECTED)},
  /* an account suspended or disabled at MAIL is the sending account's,
   * at the relay it submits to; a mailbox status still names the
   * recipient's */
  {"5.7.1", 550, "MAIL", "550 5.7.1 Your account has been suspended", NULL, C(REJECTED)},
  {"5.7.1", 553, "MAIL", "553 5.7.1 Account is blocked due to spam complaints", NULL, C(REJECTED)},
  {"5.2.1", 550, "MAIL", "550 5.2.1 Mailbox disabled, not accepting messages", NULL, C(SUSPEND)},
  /* and so do words that name the recipient */
  {"5.0.0", 550, "MAIL", "550 Mailbox disabled for this recipient", NULL, C(SUSPEND)},
  /* "recipients" counts them: the sending account's words */
  {"5.7.1", 550, "MAIL", "550 5.7.1 Your account has been suspended for sending to too many invalid recipients",
   NULL, C(REJECTED)},
  /* but a server closing the session on them counts one session's
   * refused addresses */
  {"4.7.0", 421, "RCPT", "421 4.7.0 Too many invalid recipients, closing connection", NULL,
   C(TOOMANYCONN)},
  {"4.7.0", 421, "RCPT",
   "421 4.7.0 Too many invalid recipients; closing transmission channel", NULL, C(TOOMANYCONN)},
  /* unless an account was suspended for them: the session closes on the
   * suspension, the sending account's */
  {"5.7.1", 554, "MAIL",
   "554 5.7.1 Account suspended for sending to too many invalid recipients, closing connection",
   NULL, C(REJECTED)},
  {"5.7.1", 554, "RCPT",
   "554 5.7.1 Your account has been suspended for too many invalid recipients. Closing connection",
   NULL, C(REJECTED)},
  /* and "invalid recipient addresses" does too: not the count of one
   * session's refused addresses that closes it (toomanyconn) */
  {"5.7.1", 553, "MAIL", "553 5.7.1 Sender refused: too many invalid recipient addresses in the last hour",
   NULL, C(REJECTED)},
  /* at the greeting, the sending host's name */
  {"5.7.1", 554, "CONN", "554 5.7.1 unknown host", NULL, C(BLOCKED)},
  {"5.0.0", 550, "HELO", "550 Host app1.example.com does not exist", NULL, C(BLOCKED)},
  /* a server that takes no mail at all says so at the greeting */
  {"5.3.2", 554, "CONN", "554 5.3.2 not accepting mail", NULL, C(NOTACCEPT)},
  /* a mailbox, domain or host refusing a sender or a network, not a
   * domain refusing all mail (notaccept) */
  {"5.7.1", 550, "RCPT", "550 5.7.1 This mailbox is not accepting mail from your domain", NULL,
   C(SECURITYERROR)},
  {"5.7.1", 550, "RCPT", "550 5.7.1 Domain not accepting mail from your IP address", NULL, C(BLOCKED)},
  {"5.7.1", 554, "CONN", "554 5.7.1 Host not accepting mail from 192.0.2.10", NULL, C(BLOCKED)},
  /* such a refusal names no reason: another cause named says why, one
   * that would suppress the recipient does not */
  {"5.7.1", 550, "RCPT", "550 5.7.1 This server does not accept mail from hosts with no PTR record", NULL,
   C(REQUIREPTR)},
  {"5.7.1", 550, "RCPT",
   "550 5.7.1 Requested action not taken: mailbox unavailable. This mailbox does not accept mail from your "
   "domain", NULL, C(SECURITYERROR)},
  /* the recipient's own, still */
  {"5.1.10", 556, "RCPT",
   "556 5.1.10 <kijitora@example.org>: Recipient address rejected: Domain example.org does not accept mail "
   "(nullMX)", NULL, C(NOTACCEPT)},
  {"5.0.0", 550, "RCPT", "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", NULL, C(USERUNKNOWN)},
};

START_TEST(test_not_the_recipient)
{
  check_rows(not_the_recipient, G_N_ELEMENTS(not_the_recipient));
  for (size_t i = 0; i < G_N_ELEMENTS(not_the_recipient); i++) {
    bool hard = false;
    classify_row(&not_the_recipient[i], &hard);
    bool want = not_the_recipient[i].want == C(USERUNKNOWN) || not_the_recipient[i].want == C(NOTACCEPT);
    ck_assert_msg(hard == want, "%s", not_the_recipient[i].diagnostic);
  }
}
END_TEST

/* Whose domain is missing: the sender's, named so, whatever the command
 * and in a temporary reply too (rejected, soft); the recipient's in words
 * that hold those of a missing recipient (hostunknown, hard); an unknown
 * user at a named domain is the user. */
static const row whose_domain[] = {
  {"5.1.2", 550, "RCPT", "550 5.1.2 Domain of the sender not found", NULL, C(REJECTED)},
  {"4.1.2", 450, "RCPT", "450 4.1.2 Domain of sender news@example.com not found", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 The domain of the sender address does not exist", NULL, C(REJECTED)},
  {"5.1.2", 553, "RCPT", "553 5.1.2 Sender address domain unknown", NULL, C(REJECTED)},
  {"5.1.2", 550, "DATA", "550 5.1.2 Sending domain example.com: host not found", NULL, C(REJECTED)},
  {"5.1.2", 550, "RCPT", "550 5.1.2 MAIL FROM domain not found", NULL, C(REJECTED)},
  /* the domain that does not exist named by its name, whatever the status */
  {"5.1.0", 550, "RCPT", "550 5.1.0 Sender address domain example.com does not exist", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 MAIL FROM domain bounce.example.com does not exist", NULL, C(REJECTED)},
  {"5.5.4", 553, "MAIL", "553 5.5.4 <news>... Real domain name required for sender address", NULL,
   C(REJECTED)},
  {"5.7.1", 550, "DATA", "550 5.7.1 The sending domain mail.example.com does not exist", NULL, C(REJECTED)},
  {"5.0.0", 550, NULL, "550 Il dominio dell'indirizzo del mittente non esiste", NULL, C(REJECTED)},
  {"5.1.2", 550, "RCPT", "550 5.1.2 Il dominio del mittente non esiste", NULL, C(REJECTED)},
  /* the sender's domain named beside another cause: that cause */
  {"5.7.1", 550, "RCPT", "550 5.7.1 The sender's domain has been blacklisted", NULL, C(BLOCKED)},
  {"5.7.1", 554, "DATA", "554 5.7.1 Spam message rejected; sender's domain listed at dbl.spamhaus.org", NULL,
   C(SPAMDETECTED)},
  {"5.7.509", 550, "RCPT",
   "550 5.7.509 Access denied, sending domain [EXAMPLE.COM] does not pass DMARC verification", NULL,
   C(AUTHFAILURE)},
  {"5.2.2", 552, "DATA", "552 5.2.2 Mailbox full; sender address domain example.com notified", NULL,
   C(MAILBOXFULL)},
  /* the recipient's domain */
  {"5.1.2", 550, "RCPT", "550 5.1.2 Unknown recipient domain", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Recipient domain unknown", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 The domain of the recipient address does not exist", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Il dominio dell'indirizzo non esiste", NULL, C(HOSTUNKNOWN)},
  {"5.0.0", 550, NULL, "550 Il dominio dell'indirizzo email non esiste", NULL, C(HOSTUNKNOWN)},
  /* a user unknown at a named domain */
  {"5.1.1", 550, "RCPT", "550 5.1.1 <kijitora@example.org>: Recipient address rejected: User unknown in "
                         "virtual alias table", NULL, C(USERUNKNOWN)},
  {"5.1.1", 550, "RCPT", "550 5.1.1 Recipient unknown in domain example.org", NULL, C(USERUNKNOWN)},
  {"5.1.1", 550, "RCPT", "550 5.1.1 The recipient address does not exist in this domain", NULL,
   C(USERUNKNOWN)},
};

/* "Connection refused" is the network's in the sending MTA's own note of
 * a TCP refusal, and the sending host's refusal by policy in the reply of
 * a server it reached (Vade-filtered providers). */
static const row whose_refusal[] = {
  /* a server's reply, with a status of policy or none beyond its class */
  {"5.7.1", 550, "DATA", "550 5.7.1 Connection refused", NULL, C(BLOCKED)},
  {"5.7.1", 554, "RCPT", "554 5.7.1 Connection refused", NULL, C(BLOCKED)},
  {"5.7.1", 554, "CONN", "554 5.7.1 Connection refused", NULL, C(BLOCKED)},
  {"4.7.1", 421, "CONN", "421 4.7.1 Connection refused, try again later", NULL, C(BLOCKED)},
  {"5.0.0", 554, "CONN", "554 Connection refused", NULL, C(BLOCKED)},
  /* a status the MTA chose from the reply's class: the reply's own decides */
  {"5.0.0", 550, "RCPT", "550 5.7.1 Connection refused", NULL, C(BLOCKED)},
  /* the sending MTA's own notes (Postfix, Sendmail, Exim): under a
   * permanent status, the network's */
  {"5.4.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: Connection refused", NULL,
   C(NETWORKERROR)},
  {"5.7.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: Connection refused", NULL,
   C(NETWORKERROR)},
  {"5.4.1", 0, NULL, "host mx.example.org [192.0.2.1]: Connection refused", NULL, C(NETWORKERROR)},
  /* ... under a transient status in a delay, or a failure the queue gave
   * up on (RFC 3464 "failed" under 4.x.x, the rows' action): the host did
   * not take the connection and the wait is the outcome, as a timed-out
   * attempt's is (the give-up rule, reason.c refused_while_waiting) */
  {"4.4.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: Connection refused", NULL,
   C(EXPIRED)},
  {"4.4.1", 0, NULL, "connect to mx.example.org[192.0.2.1]:25: Connection refused", "delayed",
   C(EXPIRED)},
  {"4.4.1", 0, NULL, "host mx.example.org [192.0.2.1]: Connection refused", NULL, C(EXPIRED)},
  {"4.4.1", 0, NULL, "Deferred: Connection refused by [192.0.2.25]", NULL, C(EXPIRED)},
  /* ... under x.4.7, "delivery time expired" (RFC 3463): the last attempt
   * of a message the queue gave up on */
  {"4.4.7", 0, NULL, "host mx.example.org [192.0.2.1]: Connection refused", NULL, C(EXPIRED)},
  {"4.4.7", 0, NULL, "Deferred: Connection refused by [192.0.2.25]", NULL, C(EXPIRED)},
  /* Sendmail naming a looked-up MX: read as the host's block, as the
   * corpus reads it (lhost-sendmail-21) */
  {"4.4.7", 0, NULL, "Deferred: Connection refused by mx.example.org.", NULL, C(BLOCKED)},
  /* the literal is sure only against the block its words hold: another
   * cause the reply names still says why */
  {"4.7.0", 421, NULL, "421 4.7.0 Connection refused by [192.0.2.1]: too many connections from your IP",
   NULL, C(TOOMANYCONN)},
  {"5.1.1", 550, NULL, "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown; "
   "Connection refused by [192.0.2.1]", NULL, C(USERUNKNOWN)},
  /* an MTA's own failure written as a reply, with a status of the network
   * (Exchange Online's delay: no server spoke) */
  {"4.4.316", 450, NULL, "450 4.4.316 Connection refused [Message=Socket error code 10061]",
   "delayed", C(EXPIRED)},
  /* a transient reply with no status of policy says no more than the
   * words: the host did not take the session for now */
  {"4.0.0", 421, "CONN", "421 Connection refused", "delayed", C(EXPIRED)},
  {"5.0.0", 421, "CONN", "421 Connection refused", NULL, C(NETWORKERROR)},
};

START_TEST(test_whose_refusal)
{
  check_rows(whose_refusal, G_N_ELEMENTS(whose_refusal));
}
END_TEST

START_TEST(test_whose_domain)
{
  check_rows(whose_domain, G_N_ELEMENTS(whose_domain));
  for (size_t i = 0; i < G_N_ELEMENTS(whose_domain); i++) {
    bool hard = false;
    classify_row(&whose_domain[i], &hard);
    bool want = whose_domain[i].want == C(USERUNKNOWN) || whose_domain[i].want == C(HOSTUNKNOWN);
    ck_assert_msg(hard == want, "%s", whose_domain[i].diagnostic);
  }
}
END_TEST

/* A bare refusal whose object is the recipient's own address. */
static bounce_cause
classify_for(const char *address, const char *status, const char *command, const char *diag)
{
  bounce_recipient *rc = g_new0(bounce_recipient, 1);
  bn_set_str(&rc->address, address);
  bn_set_str(&rc->status, status);
  rc->source[BOUNCE_FIELD_STATUS] = BOUNCE_SOURCE_FIELD;
  bn_set_str(&rc->smtp_command, command);
  bn_set_str(&rc->diagnostic, diag);
  bn_set_str(&rc->action, "failed");
  bn_classify(rc, NULL);
  bounce_cause c = rc->cause;
  g_free(rc->address);
  rcpt_free(rc);
  return c;
}

/* A detail not registered still has its subject's meaning for content and
 * for security and policy. */
START_TEST(test_unregistered_detail)
{
  ck_assert_int_eq(bn_status_cause("5.7.649"), C(SECURITYERROR));
  ck_assert_int_eq(bn_status_cause("5.6.211"), C(CONTENTERROR));
  ck_assert_int_eq(bn_status_cause("5.4.999"), C(UNDEFINED));
  ck_assert_int_eq(bn_status_cause("5.7.1"), C(SECURITYERROR));
  ck_assert_int_eq(bn_status_cause("4.4.7"), C(EXPIRED));
}
END_TEST

START_TEST(test_refused_address)
{
  const char *a = "nanami@example.jp";
  ck_assert_int_eq(classify_for(a, "5.0.0", NULL, "542 nanami@example.jp Rejected"), C(USERUNKNOWN));
  ck_assert_int_eq(classify_for(a, "5.1.0", "RCPT", "550 <nanami@example.jp>... Access denied"),
                   C(USERUNKNOWN));
  /* no address named, another address named, after DATA, at MAIL, or a
   * status about something else: not the address */
  ck_assert_int_ne(classify_for(a, "5.0.0", NULL, "542 Rejected"), C(USERUNKNOWN));
  ck_assert_int_ne(classify_for(a, "5.0.0", NULL, "542 other@example.jp Rejected"), C(USERUNKNOWN));
  ck_assert_int_eq(classify_for(a, "5.0.0", "DATA", "550 nanami@example.jp Rejected"), C(UNDEFINED));
  ck_assert_int_eq(classify_for(a, "5.0.0", "MAIL", "550 nanami@example.jp Rejected"), C(REJECTED));
  ck_assert_int_eq(classify_for(a, "5.7.1", NULL, "550 5.7.1 nanami@example.jp Rejected"),
                   C(SECURITYERROR));
}
END_TEST

START_TEST(test_hard)
{
  bool hard = false;
  row r1 = {"5.1.1", 550, NULL, "no such user", NULL, C(USERUNKNOWN)};
  classify_row(&r1, &hard);
  ck_assert(hard);
  row r2 = {"5.2.2", 552, NULL, "mailbox full", NULL, C(MAILBOXFULL)};
  classify_row(&r2, &hard);
  ck_assert(!hard);
  row r3 = {"5.1.2", 550, NULL, "host unknown", NULL, C(HOSTUNKNOWN)};
  classify_row(&r3, &hard);
  ck_assert(hard);
  row r4 = {"5.1.6", 550, NULL, "gone away", NULL, C(HASMOVED)};
  classify_row(&r4, &hard);
  ck_assert(hard);
  /* filtered is no statement about the address */
  row r5 = {"5.0.0", 550, "DATA", "550 Unknown user", NULL, C(FILTERED)};
  classify_row(&r5, &hard);
  ck_assert(!hard);
  /* notaccept is hard only with a 5xx */
  ck_assert(bn_cause_is_hard(C(NOTACCEPT), 556, "5.1.10"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 421, "4.3.2"));
  ck_assert(bn_cause_is_hard(C(NOTACCEPT), 0, "5.1.10"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 0, "4.0.0"));
  ck_assert(!bn_cause_is_hard(C(NOTACCEPT), 0, NULL));
  for (int c = C(UNDEFINED); c <= C(VIRUSDETECTED); c++) {
    bool want = c == C(USERUNKNOWN) || c == C(HOSTUNKNOWN) || c == C(HASMOVED) || c == C(NOTACCEPT);
    ck_assert_int_eq(bn_cause_is_hard((bounce_cause)c, 550, "5.0.0"), want);
  }
}
END_TEST

START_TEST(test_permanent)
{
  row r1 = {"4.2.2", 552, NULL, "mailbox full", "delayed", C(MAILBOXFULL)};
  bounce_recipient *rc = rcpt_of(&r1);
  bn_classify(rc, NULL);
  ck_assert(!rc->permanent);
  rcpt_free(rc);
  row r2 = {NULL, 550, NULL, "whatever", NULL, C(UNDEFINED)};
  rc = rcpt_of(&r2);
  bn_classify(rc, NULL);
  ck_assert(rc->permanent);
  rcpt_free(rc);
}
END_TEST

START_TEST(test_sources)
{
  /* a cause read in the text is from the text; one from the codes is derived */
  row t = {"5.1.1", 550, NULL, "user unknown", NULL, C(USERUNKNOWN)};
  bounce_recipient *rc = rcpt_of(&t);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_TEXT);
  rcpt_free(rc);
  row s = {"5.1.1", 550, NULL, "go away", NULL, C(USERUNKNOWN)};
  rc = rcpt_of(&s);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_DERIVED);
  rcpt_free(rc);
  row n = {"5.0.0", 550, NULL, "go away", NULL, C(UNDEFINED)};
  rc = rcpt_of(&n);
  bn_classify(rc, NULL);
  ck_assert_int_eq(rc->source[BOUNCE_FIELD_CAUSE], BOUNCE_SOURCE_NONE);
  rcpt_free(rc);
}
END_TEST

START_TEST(test_recognizer_cause_kept)
{
  /* feedback and vacation come from the ARF and auto-reply readers */
  bounce_cause kept[] = {C(FILTERED), C(FEEDBACK), C(VACATION)};
  for (size_t i = 0; i < G_N_ELEMENTS(kept); i++) {
    row r = {"5.1.1", 550, NULL, "user unknown", NULL, C(UNDEFINED)};
    bounce_recipient *rc = rcpt_of(&r);
    rc->cause = kept[i];
    rc->source[BOUNCE_FIELD_CAUSE] = BOUNCE_SOURCE_TEXT;
    bn_classify(rc, NULL);
    ck_assert_int_eq(rc->cause, kept[i]);
    ck_assert(!rc->hard);
    rcpt_free(rc);
  }
}
END_TEST

/* Every cause of the vocabulary can be reached: from a phrase, a status,
 * or the reader that knows it (feedback, vacation). */
START_TEST(test_every_cause_reachable)
{
  bool seen[BN_CAUSE_SLOTS] = {false};
  for (size_t i = 0; i < bn_cause_phrase_count; i++)
    seen[bn_cause_phrases[i].cause] = true;
  seen[C(DELIVERED)] = seen[C(FEEDBACK)] = seen[C(VACATION)] = true;
  seen[C(FILTERED)] = true; /* "user unknown" after DATA: test_unknown_user */
  for (int c = C(AUTHFAILURE); c <= C(VIRUSDETECTED); c++)
    ck_assert_msg(seen[c], "no phrase names %s", bounce_cause_to_string((bounce_cause)c));
  /* and the precedence table orders every cause a phrase names (the
   * sender's-domain words, scanners' stamps and "full of" name none) */
  for (size_t i = 0; i < bn_cause_phrase_count; i++) {
    bool listed = bn_cause_phrases[i].cause == BN_CAUSE_SENDER_DOMAIN ||
                  bn_cause_phrases[i].cause == BN_CAUSE_SCAN_STAMP ||
                  bn_cause_phrases[i].cause == BN_CAUSE_FULL_OF;
    for (size_t k = 0; k < bn_cause_precedence_count; k++)
      listed |= bn_cause_precedence[k] == bn_cause_phrases[i].cause;
    ck_assert_msg(listed, "\"%s\" names a cause the precedence table lacks", bn_cause_phrases[i].phrase);
  }
}
END_TEST

int
main(void)
{
  bn_gmime_init();
  Suite *s = suite_create("reason");
  TCase *tc = tcase_create("reason");
  tcase_add_test(tc, test_every_cause);
  tcase_add_test(tc, test_documented_causes);
  tcase_add_test(tc, test_languages);
  tcase_add_test(tc, test_words);
  tcase_add_test(tc, test_phrase_sets);
  tcase_add_test(tc, test_providers);
  tcase_add_test(tc, test_look_alikes);
  tcase_add_test(tc, test_links);
  tcase_add_test(tc, test_filter_verdicts);
  tcase_add_test(tc, test_refusal_wordings);
  tcase_add_test(tc, test_text_precedence);
  tcase_add_test(tc, test_precedence_pairs);
  tcase_add_test(tc, test_evidence_order);
  tcase_add_test(tc, test_not_the_recipient);
  tcase_add_test(tc, test_whose_domain);
  tcase_add_test(tc, test_unknown_user);
  tcase_add_test(tc, test_missing_host_name);
  tcase_add_test(tc, test_read_together);
  tcase_add_test(tc, test_refused_address);
  tcase_add_test(tc, test_unregistered_detail);
  tcase_add_test(tc, test_hard);
  tcase_add_test(tc, test_permanent);
  tcase_add_test(tc, test_sources);
  tcase_add_test(tc, test_recognizer_cause_kept);
  tcase_add_test(tc, test_every_cause_reachable);
  tcase_add_test(tc, test_every_phrase_names_its_cause);
  tcase_add_test(tc, test_whose_refusal);
  suite_add_tcase(s, tc);
  return test_run(s);
}
