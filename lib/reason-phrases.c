/* What mail servers write when they refuse a message, and the cause each
 * phrase names, in the languages bounces come in. Written from real
 * bounces; lower case; a phrase that starts or ends with a letter matches
 * whole words there ('%' lifts that), '*' is a gap of a few words (see
 * reason.h). Letters of the alphabets that write words apart count, not
 * ASCII alone: where the last word takes endings (a French participle
 * agreeing, "expéditeur est rejetée"; Russian cases, "вирусом"; Turkish
 * and Hungarian suffixes, "zaman aşımına") the phrase ends in '%'. Rows
 * are grouped by cause; order inside a group does not matter:
 * bn_cause_precedence decides between causes. */
#include "reason.h"

#define P(cause, phrase) {BOUNCE_CAUSE_##cause, phrase, false, false}
/* A sure phrase: it names its cause whatever else the text names (it holds
 * the words of another cause's phrase; see reason.h). */
#define SURE(cause, phrase) {BOUNCE_CAUSE_##cause, phrase, true, false}
/* A phrase that counts inside a URL, an address or a host name too: a
 * block list's name or host (see reason.h). */
#define LINK(cause, phrase) {BOUNCE_CAUSE_##cause, phrase, false, true}
#define SURE_LINK(cause, phrase) {BOUNCE_CAUSE_##cause, phrase, true, true}
#define DNS_RETRY(phrase) {BN_CAUSE_DNS_RETRY, phrase, false, false}
#define ATTEMPT_LOST(phrase) {BN_CAUSE_ATTEMPT_LOST, phrase, false, false}
#define BACKEND_DOWN(phrase) {BN_CAUSE_BACKEND_DOWN, phrase, false, false}
#define SERVICE_DOWN(phrase) {BN_CAUSE_SERVICE_DOWN, phrase, false, false}
#define REFUSAL(phrase) {BN_CAUSE_REFUSAL, phrase, false, false}
#define SURE_REFUSAL(phrase) {BN_CAUSE_REFUSAL, phrase, true, false}
#define DEFERRAL(phrase) {BN_CAUSE_DEFERRAL, phrase, false, false}
#define SENDER_DOMAIN(phrase) {BN_CAUSE_SENDER_DOMAIN, phrase, false, false}
#define SCAN_STAMP(phrase) {BN_CAUSE_SCAN_STAMP, phrase, false, false}
#define FULL_OF(phrase) {BN_CAUSE_FULL_OF, phrase, false, false}

const bn_cause_phrase bn_cause_phrases[] = {
  /* ---- The mailbox does not exist. ---- */
  P(USERUNKNOWN, "user unknown"),
  P(USERUNKNOWN, "unknown user"),
  P(USERUNKNOWN, "user is unknown"),
  P(USERUNKNOWN, "no such user"),
  P(USERUNKNOWN, "no such local user"),
  P(USERUNKNOWN, "unknown local user"),
  P(USERUNKNOWN, "is not a known user"),
  P(USERUNKNOWN, "bad recipient"),
  P(USERUNKNOWN, "user not found"),
  P(USERUNKNOWN, "user doesn't exist"),
  P(USERUNKNOWN, "user does not exist"),
  P(USERUNKNOWN, "user not exist"),
  P(USERUNKNOWN, "user not known"),
  P(USERUNKNOWN, "no such recipient"),
  P(USERUNKNOWN, "unknown recipient"),
  P(USERUNKNOWN, "recipient unknown"),
  P(USERUNKNOWN, "recipient not found"),
  P(USERUNKNOWN, "recipient does not exist"),
  P(USERUNKNOWN, "recipient address does not exist"),
  /* Exchange 2003's Internet Mail Service: "The recipient name is not
   * recognized" (MSEXCH:IMS ... Unknown Recipient), the name its directory
   * did not resolve: sure, as "e-mail address was not found" below */
  SURE(USERUNKNOWN, "recipient name is not recognized"),
  P(USERUNKNOWN, "recipient is not valid"),
  /* hMailServer, where a route names the addresses it accepts for its
   * domain: "550 Recipient not in route list." (RecipientParser.cpp) */
  P(USERUNKNOWN, "recipient not in route list"),
  P(USERUNKNOWN, "not a valid recipient"),
  P(USERUNKNOWN, "invalid recipient"),
  /* The sure ones name a directory or table lookup that found no such
   * recipient: a missing mailbox whatever the SMTP command or status. */
  SURE(USERUNKNOWN, "recipientnotfound"),
  SURE(USERUNKNOWN, "recipnotfound"),
  /* Exchange 2007-2019: "RESOLVER.ADR.ExRecipNotFound; not found" */
  SURE(USERUNKNOWN, "exrecipnotfound"),
  /* Exchange 2013+, the mailbox store: "554 5.2.0 STOREDRV.Deliver.
   * Exception:ObjectNotFoundException; ... The Active Directory user
   * wasn't found." A directory lookup too: no user behind the mailbox */
  SURE(USERUNKNOWN, "active directory user wasn't found"),
  /* Exchange 2003: "The recipient's e-mail address was not found in the
   * recipient's e-mail system"; Lotus Domino: "User x not listed in Domino
   * Directory" */
  SURE(USERUNKNOWN, "e-mail address was not found"),
  SURE(USERUNKNOWN, "not listed in domino directory"),
  /* the same in French Domino: "non répertorié dans l'annuaire Domino" */
  SURE(USERUNKNOWN, "non répertorié dans l'annuaire domino"),
  SURE(USERUNKNOWN, "not listed in public name and address book"),
  /* Mail.ru's mail servers, which answer only after the message (end of
   * DATA): "550 Message was not accepted -- invalid mailbox. Local mailbox
   * x is unavailable: user not found" (rhost/mailru.c). The lookup of the
   * local mailbox found no user: sure whatever the host, as the domains
   * Mail.ru hosts for others are reached through hosts not named mail.ru,
   * or through a relay that names none. */
  SURE(USERUNKNOWN, "is unavailable: user not found"),
  P(USERUNKNOWN, "addressee unknown"),
  P(USERUNKNOWN, "no such mailbox"),
  P(USERUNKNOWN, "mailbox not found"),
  P(USERUNKNOWN, "mailbox does not exist"),
  P(USERUNKNOWN, "mailbox doesn't exist"),
  P(USERUNKNOWN, "unknown mailbox"),
  /* Cyrus lmtpd: "550-Mailbox unknown.  Either there is no mailbox
   * associated with this name or you do not have authorization to see it." */
  P(USERUNKNOWN, "mailbox unknown"),
  P(USERUNKNOWN, "invalid mailbox"),
  P(USERUNKNOWN, "not a valid mailbox"),
  /* RFC 5321's text of 450 and 550: the mailbox only with a 5xx */
  {BN_CAUSE_MAILBOX_UNAVAILABLE, "mailbox unavailable", false, false},
  /* the same words as servers reword them ("550 Mailbox not available") */
  {BN_CAUSE_MAILBOX_UNAVAILABLE, "mailbox is unavailable", false, false},
  {BN_CAUSE_MAILBOX_UNAVAILABLE, "mailbox not available", false, false},
  {BN_CAUSE_MAILBOX_UNAVAILABLE, "mailbox is not available", false, false},
  SURE(USERUNKNOWN, "no mailbox here by that name"),
  P(USERUNKNOWN, "no mailbox by that name"),
  P(USERUNKNOWN, "no such account"),
  P(USERUNKNOWN, "account does not exist"),
  P(USERUNKNOWN, "account that you tried to reach does not exist"),
  P(USERUNKNOWN, "does not have an account"),
  P(USERUNKNOWN, "this user doesn't have a * account"),
  P(USERUNKNOWN, "address does not exist"),
  P(USERUNKNOWN, "address doesn't exist"),
  P(USERUNKNOWN, "no such address"),
  /* "550 Address unknown" ("addressee unknown" shortened) */
  P(USERUNKNOWN, "address unknown"),
  P(USERUNKNOWN, "unknown email address"),
  P(USERUNKNOWN, "email address was not found"),
  P(USERUNKNOWN, "address couldn't be found"),
  P(USERUNKNOWN, "address could not be found"),
  P(USERUNKNOWN, "unknown local part"),
  /* Exim's router: 'unknown local-part "user" in domain "example.org"',
   * its own lookup of the local part */
  SURE(USERUNKNOWN, "unknown local-part"),
  /* qmail hosts: "<user@example.org>:\nThis address no longer accepts
   * mail." The address itself is declared dead, whenever it is said. */
  SURE(USERUNKNOWN, "address no longer accepts mail"),
  /* Messaging Server (and PMDF before it): its error_text_unknown_alias
   * and error_text_unknown_user defaults, "550 5.1.1 unknown or illegal
   * alias: a@b" and "unknown or illegal user: a@b", the address looked up
   * in its own directory and not found; older ones wrote them with no
   * enhanced status ("553 unknown or illegal user: a@b") */
  SURE(USERUNKNOWN, "unknown or illegal alias"),
  SURE(USERUNKNOWN, "unknown or illegal user"),
  /* qmail's validrcptto patch: "553 sorry, this recipient is not in my
   * validrcptto list (#5.7.1)", its list of every valid recipient */
  SURE(USERUNKNOWN, "not in my validrcptto list"),
  /* X.400 gateways: "Diagnostic: Unrecognised-OR-Name", the O/R name of
   * no one at the destination (RFC 2156 maps it to x.1.1) */
  SURE(USERUNKNOWN, "unrecognised-or-name"),
  SURE(USERUNKNOWN, "unrecognized-or-name"),
  /* Post.Office: "The following destination addresses were unknown
   * (please check the addresses and re-mail the message)" */
  SURE(USERUNKNOWN, "destination addresses were unknown"),
  P(USERUNKNOWN, "is not a valid user"),
  P(USERUNKNOWN, "bad destination mailbox address"),
  P(USERUNKNOWN, "in local recipient table"),
  P(USERUNKNOWN, "in virtual mailbox table"),
  P(USERUNKNOWN, "in virtual alias table"),
  P(USERUNKNOWN, "in relay recipient table"),
  P(USERUNKNOWN, "undeliverable address"),
  /* IMail: "Invalid final delivery userid", its own user database without
   * the local user it was to deliver to: sure whatever the command */
  SURE(USERUNKNOWN, "invalid final delivery userid"),
  P(USERUNKNOWN, "user not listed"),
  SURE(USERUNKNOWN, "not listed in public name & address book"),
  P(USERUNKNOWN, "no one at this address"),
  SURE(USERUNKNOWN, "no valid recipients"),
  P(USERUNKNOWN, "check if address is correct"),
  /* cPanel's Exim: "550 The recipient cannot be verified. Please check all
   * recipients of this message to verify they are valid." */
  P(USERUNKNOWN, "recipient cannot be verified"),
  /* Postfix's access-table refusal of a recipient: the address is not let
   * in (Exchange Online's directory-based blocking says the same: the
   * address is not in the organisation's directory, whenever it is said) */
  SURE(USERUNKNOWN, "recipient address rejected: access denied"),
  /* qmail-smtpd's badrcptto, the site's own list of addresses (or
   * "@domain"s) it takes no mail for, the same refusal of the address
   * whoever sends: "553 sorry, your envelope recipient has been denied
   * (#5.7.1)" (the qregex patch, netqmail and IndiMail builds), "553 sorry,
   * your envelope recipient is in my badrcptto list" and mailfront's
   * "553 5.1.1 Sorry, that address is in my badrcptto list." */
  P(USERUNKNOWN, "envelope recipient has been denied"),
  P(USERUNKNOWN, "in my badrcptto list"),
  /* Postfix's reject_non_fqdn_recipient, "504 5.5.2 <x>: Recipient
   * address rejected: need fully-qualified address": the recipient's
   * domain is no domain, so the address can never be delivered; Yandex's
   * "Report on non-delivery to Yandex" files it with the addresses that do
   * not exist. Sure: the 5.5.2 status speaks of syntax, and a DSN need
   * not say it came at RCPT. */
  SURE(USERUNKNOWN, "recipient address rejected: need fully-qualified address"),
  /* Coremail (NetEase, many Chinese hosts): "550 Invalid User"; Yandex:
   * "No correct recipients" */
  P(USERUNKNOWN, "invalid user"),
  P(USERUNKNOWN, "no correct recipients"),
  /* German */
  P(USERUNKNOWN, "benutzer unbekannt"),
  P(USERUNKNOWN, "unbekannter benutzer"),
  P(USERUNKNOWN, "empfänger unbekannt"),
  P(USERUNKNOWN, "unbekannter empfänger"),
  P(USERUNKNOWN, "empfänger existiert nicht"),
  P(USERUNKNOWN, "postfach existiert nicht"),
  P(USERUNKNOWN, "adresse existiert nicht"),
  P(USERUNKNOWN, "unbekannte adresse"),
  P(USERUNKNOWN, "benutzer nicht bekannt"),
  P(USERUNKNOWN, "benutzer existiert nicht"),
  P(USERUNKNOWN, "empfaenger unbekannt"),
  P(USERUNKNOWN, "unbekanntes postfach"),
  P(USERUNKNOWN, "postfach nicht gefunden"),
  P(USERUNKNOWN, "empfänger nicht gefunden"),
  P(USERUNKNOWN, "ungültiger empfänger"),
  P(USERUNKNOWN, "postfach nicht vorhanden"),
  /* T-Online: its help page on Mailer-Daemon mail quotes "unknown
   * user/Teilnehmer existiert nicht" (the subscriber does not exist) */
  P(USERUNKNOWN, "teilnehmer existiert nicht"),
  P(USERUNKNOWN, "mailbox nicht vorhanden"),
  P(USERUNKNOWN, "adresse unbekannt"),
  P(USERUNKNOWN, "kein solcher benutzer"),
  P(USERUNKNOWN, "mailbox existiert nicht"),
  /* Exchange's German NDR: "Die E-Mail-Adresse, die Sie eingegeben haben,
   * wurde nicht gefunden." */
  P(USERUNKNOWN, "e-mail-adresse * wurde nicht gefunden"),
  /* French */
  P(USERUNKNOWN, "utilisateur inconnu"),
  P(USERUNKNOWN, "destinataire inconnu"),
  P(USERUNKNOWN, "adresse destinataire invalide"),
  P(USERUNKNOWN, "adresse inconnue"),
  P(USERUNKNOWN, "adresse de messagerie que vous avez entrée est introuvable"),
  P(USERUNKNOWN, "boîte aux lettres inexistante"),
  P(USERUNKNOWN, "compte inexistant"),
  P(USERUNKNOWN, "utilisateur inexistant"),
  P(USERUNKNOWN, "destinataire inexistant"),
  P(USERUNKNOWN, "destinataire introuvable"),
  P(USERUNKNOWN, "utilisateur introuvable"),
  P(USERUNKNOWN, "boîte aux lettres introuvable"),
  P(USERUNKNOWN, "adresse inexistante"),
  P(USERUNKNOWN, "l'utilisateur n'existe pas"),
  P(USERUNKNOWN, "adresse de destination n'existe pas"),
  P(USERUNKNOWN, "boite aux lettres inexistante"),
  P(USERUNKNOWN, "cette adresse n'existe pas"),
  P(USERUNKNOWN, "ce compte n'existe pas"),
  /* "L'adresse du destinataire n'existe pas", "Le destinataire n'existe
   * pas" (the recipient's domain is hostunknown's) */
  P(USERUNKNOWN, "destinataire n'existe pas"),
  P(USERUNKNOWN, "boîte aux lettres n'existe pas"),
  /* Spanish */
  P(USERUNKNOWN, "usuario desconocido"),
  P(USERUNKNOWN, "destinatario desconocido"),
  P(USERUNKNOWN, "el usuario no existe"),
  P(USERUNKNOWN, "la cuenta no existe"),
  P(USERUNKNOWN, "el buzón no existe"),
  P(USERUNKNOWN, "la dirección no existe"),
  P(USERUNKNOWN, "no existe el usuario"),
  P(USERUNKNOWN, "usuario inexistente"),
  P(USERUNKNOWN, "cuenta inexistente"),
  P(USERUNKNOWN, "buzón inexistente"),
  P(USERUNKNOWN, "destinatario inexistente"),
  P(USERUNKNOWN, "usuario no encontrado"),
  P(USERUNKNOWN, "el buzon no existe"),
  P(USERUNKNOWN, "destinatario no existe"),
  P(USERUNKNOWN, "cuenta de correo no existe"),
  P(USERUNKNOWN, "dirección de correo no existe"),
  P(USERUNKNOWN, "dirección de correo electrónico no existe"),
  /* Exchange's Spanish NDR: "No se encontró la dirección de correo
   * electrónico que especificó." */
  P(USERUNKNOWN, "no se encontró la dirección de correo"),
  /* Portuguese */
  P(USERUNKNOWN, "usuário desconhecido"),
  P(USERUNKNOWN, "utilizador desconhecido"),
  P(USERUNKNOWN, "destinatário desconhecido"),
  P(USERUNKNOWN, "usuário não existe"),
  P(USERUNKNOWN, "conta não existe"),
  P(USERUNKNOWN, "endereço não existe"),
  P(USERUNKNOWN, "usuário inexistente"),
  P(USERUNKNOWN, "utilizador inexistente"),
  P(USERUNKNOWN, "destinatário inexistente"),
  P(USERUNKNOWN, "conta inexistente"),
  P(USERUNKNOWN, "caixa postal inexistente"),
  P(USERUNKNOWN, "usuário não encontrado"),
  P(USERUNKNOWN, "utilizador não existe"),
  P(USERUNKNOWN, "usuario desconhecido"),
  P(USERUNKNOWN, "usuario nao existe"),
  P(USERUNKNOWN, "destinatário não encontrado"),
  P(USERUNKNOWN, "caixa postal não existe"),
  P(USERUNKNOWN, "destinatário não existe"),
  /* Exchange's Portuguese NDR: "O endereço de email que você inseriu não
   * foi encontrado." */
  P(USERUNKNOWN, "endereço de email * não foi encontrado"),
  P(USERUNKNOWN, "endereço de e-mail * não foi encontrado"),
  /* Italian */
  P(USERUNKNOWN, "utente sconosciuto"),
  P(USERUNKNOWN, "destinatario sconosciuto"),
  P(USERUNKNOWN, "utente inesistente"),
  P(USERUNKNOWN, "indirizzo inesistente"),
  P(USERUNKNOWN, "casella inesistente"),
  P(USERUNKNOWN, "casella di posta inesistente"),
  P(USERUNKNOWN, "utente non esiste"),
  P(USERUNKNOWN, "utente non trovato"),
  P(USERUNKNOWN, "destinatario inesistente"),
  P(USERUNKNOWN, "indirizzo email inesistente"),
  P(USERUNKNOWN, "indirizzo e-mail inesistente"),
  P(USERUNKNOWN, "casella di posta non esistente"),
  P(USERUNKNOWN, "destinatario non esiste"),
  P(USERUNKNOWN, "indirizzo non esiste"),
  /* Exchange's Italian NDR: "Impossibile trovare l'indirizzo di posta
   * elettronica immesso." */
  P(USERUNKNOWN, "impossibile trovare l'indirizzo"),
  /* Dutch */
  P(USERUNKNOWN, "onbekende gebruiker"),
  P(USERUNKNOWN, "gebruiker onbekend"),
  P(USERUNKNOWN, "gebruiker bestaat niet"),
  P(USERUNKNOWN, "adres bestaat niet"),
  P(USERUNKNOWN, "onbekende ontvanger"),
  P(USERUNKNOWN, "ontvanger onbekend"),
  P(USERUNKNOWN, "mailbox bestaat niet"),
  /* Exchange's Dutch NDR: "Het e-mailadres dat u hebt ingevoerd, is niet
   * gevonden." */
  P(USERUNKNOWN, "e-mailadres * niet gevonden"),
  P(USERUNKNOWN, "e-mailadres bestaat niet"),
  P(USERUNKNOWN, "ontvanger bestaat niet"),
  P(USERUNKNOWN, "onbekend adres"),
  /* Polish, Czech and Slovak (Seznam), Turkish, Swedish, Danish and
   * Norwegian, Hungarian, Ukrainian */
  P(USERUNKNOWN, "nieznany użytkownik"),
  P(USERUNKNOWN, "użytkownik nie istnieje"),
  P(USERUNKNOWN, "nie ma takiego użytkownika"),
  P(USERUNKNOWN, "adres nie istnieje"),
  P(USERUNKNOWN, "adresat nie istnieje"),
  P(USERUNKNOWN, "nieznany adresat"),
  P(USERUNKNOWN, "skrzynka nie istnieje"),
  P(USERUNKNOWN, "konto nie istnieje"),
  P(USERUNKNOWN, "nieznany odbiorca"),
  P(USERUNKNOWN, "odbiorca nie istnieje"),
  P(USERUNKNOWN, "neznámý adresát"),
  P(USERUNKNOWN, "neznámý uživatel"),
  P(USERUNKNOWN, "uživatel neexistuje"),
  P(USERUNKNOWN, "schránka neexistuje"),
  P(USERUNKNOWN, "adresát neexistuje"),
  P(USERUNKNOWN, "adresa neexistuje"),
  P(USERUNKNOWN, "kullanıcı bulunamadı"),
  P(USERUNKNOWN, "böyle bir kullanıcı yok"),
  P(USERUNKNOWN, "kullanıcı mevcut değil"),
  P(USERUNKNOWN, "alıcı bulunamadı"),
  P(USERUNKNOWN, "geçersiz alıcı%"),
  P(USERUNKNOWN, "okänd mottagare"),
  P(USERUNKNOWN, "okänd användare"),
  P(USERUNKNOWN, "ukendt modtager"),
  P(USERUNKNOWN, "ukjent mottaker"),
  P(USERUNKNOWN, "ismeretlen felhasználó%"),
  P(USERUNKNOWN, "ismeretlen címzett"),
  P(USERUNKNOWN, "користувача не знайдено"),
  P(USERUNKNOWN, "невідомий користувач"),
  P(USERUNKNOWN, "користувач не існує"),
  P(USERUNKNOWN, "адреса не існує"),
  P(USERUNKNOWN, "скринька не існує"),
  P(USERUNKNOWN, "одержувача не знайдено"),
  P(USERUNKNOWN, "отримувача не знайдено"),
  /* Russian */
  P(USERUNKNOWN, "пользователь не найден"),
  P(USERUNKNOWN, "нет такого пользователя"),
  P(USERUNKNOWN, "такого пользователя нет"),
  P(USERUNKNOWN, "неизвестный пользователь"),
  P(USERUNKNOWN, "адрес не существует"),
  P(USERUNKNOWN, "ящик не существует"),
  P(USERUNKNOWN, "несуществующий адрес"),
  P(USERUNKNOWN, "пользователь не существует"),
  P(USERUNKNOWN, "ящик не найден"),
  P(USERUNKNOWN, "нет такого ящика"),
  P(USERUNKNOWN, "адресат не найден"),
  P(USERUNKNOWN, "получатель не найден"),
  P(USERUNKNOWN, "получатель не существует"),
  P(USERUNKNOWN, "неизвестный получатель"),
  /* "Такого адреса не существует" */
  P(USERUNKNOWN, "адреса не существует"),
  /* Exchange's Russian NDR: "Не удалось найти введенный вами адрес
   * электронной почты." */
  P(USERUNKNOWN, "не удалось найти введенный вами адрес"),
  /* Japanese */
  P(USERUNKNOWN, "ユーザが存在しません"),
  P(USERUNKNOWN, "ユーザーが存在しません"),
  P(USERUNKNOWN, "存在しないユーザ"),
  P(USERUNKNOWN, "宛先不明"),
  /* "ユーザー不明のため配信できませんでした": "user unknown", the short form
   * Japanese notices and carriers' help pages use; both spellings of "user" */
  P(USERUNKNOWN, "ユーザー不明"),
  P(USERUNKNOWN, "ユーザ不明"),
  /* Japanese Domino and Notes: "ユーザー x は Domino ディレクトリには見つ
   * かりません" and "ディレクトリのリストにありません", their "not listed
   * in Domino Directory": a directory lookup, sure as the English ones */
  SURE(USERUNKNOWN, "ディレクトリには見つかりません"),
  SURE(USERUNKNOWN, "ディレクトリのリストにありません"),
  P(USERUNKNOWN, "メールアドレスが見つかりません"),
  P(USERUNKNOWN, "アドレスは存在しません"),
  P(USERUNKNOWN, "アドレスが存在しません"),
  P(USERUNKNOWN, "宛先が存在しません"),
  P(USERUNKNOWN, "宛先が見つかりません"),
  P(USERUNKNOWN, "ユーザーが見つかりません"),
  P(USERUNKNOWN, "ユーザが見つかりません"),
  P(USERUNKNOWN, "受信者が存在しません"),
  P(USERUNKNOWN, "アカウントが存在しません"),
  P(USERUNKNOWN, "メールボックスが存在しません"),
  P(USERUNKNOWN, "存在しないメールアドレス"),
  /* Exchange's Japanese NDR: "入力した電子メール アドレスが見つかりません
   * でした。" */
  P(USERUNKNOWN, "アドレスが見つかりません"),
  P(USERUNKNOWN, "受信者が見つかりません"),
  /* Chinese */
  P(USERUNKNOWN, "用户不存在"),
  P(USERUNKNOWN, "用戶不存在"),
  P(USERUNKNOWN, "收件人不存在"),
  P(USERUNKNOWN, "邮箱不存在"),
  P(USERUNKNOWN, "郵箱不存在"),
  P(USERUNKNOWN, "地址不存在"),
  P(USERUNKNOWN, "帐户不存在"),
  P(USERUNKNOWN, "账户不存在"),
  P(USERUNKNOWN, "无此用户"),
  P(USERUNKNOWN, "無此用戶"),
  P(USERUNKNOWN, "用户名不存在"),
  P(USERUNKNOWN, "使用者不存在"),
  P(USERUNKNOWN, "收件者不存在"),
  P(USERUNKNOWN, "帳戶不存在"),
  P(USERUNKNOWN, "账号不存在"),
  P(USERUNKNOWN, "帐号不存在"),
  /* QQ Mail: "该用户未开通QQ邮箱" (the user has no QQ mailbox) */
  P(USERUNKNOWN, "用户未开通"),
  /* Exchange's Chinese NDR: "找不到您输入的电子邮件地址。" */
  P(USERUNKNOWN, "找不到您输入的电子邮件地址"),
  P(USERUNKNOWN, "找不到您輸入的電子郵件地址"),
  /* Korean */
  P(USERUNKNOWN, "존재하지 않는 사용자"),
  P(USERUNKNOWN, "존재하지 않는 계정"),
  P(USERUNKNOWN, "존재하지 않는 메일"),
  P(USERUNKNOWN, "존재하지 않는 이메일"),
  P(USERUNKNOWN, "사용자를 찾을 수 없습니다"),
  P(USERUNKNOWN, "받는 사람을 찾을 수 없습니다"),
  P(USERUNKNOWN, "수신자를 찾을 수 없습니다"),
  /* Exchange's Korean NDR: "입력한 전자 메일 주소를 찾을 수 없습니다." */
  P(USERUNKNOWN, "메일 주소를 찾을 수 없습니다"),
  P(USERUNKNOWN, "수신자가 존재하지 않습니다"),
  /* Chinese providers' English replies (Coremail, NetEase 163, QQ and the
   * hosts on their software): "550 User not found: x", "550 Local User
   * [x] not found.", "550 User x is not found in Server", "550 #2175041
   * unavailable mail user", "550 local server don't exists that user",
   * "550 not user of this server". (QQ's "501 Bad address syntax" is
   * Tencent's rule, lib/rhost/tencent.c: the same words refuse a header's
   * address at DATA.) */
  P(USERUNKNOWN, "local user * not found"),
  P(USERUNKNOWN, "is not found in server"),
  P(USERUNKNOWN, "unavailable mail user"),
  P(USERUNKNOWN, "don't exists that user"),
  P(USERUNKNOWN, "not user of this server"),
  /* OpenSMTPD refuses a RCPT TO path it cannot parse before any lookup:
   * "501 5.1.3: Recipient address syntax error" (smtp_session.c,
   * smtp_tx_rcpt_to; "553 5.1.3 ..." and "553 ..." in older releases).
   * The recipient's address is written wrong, as x.1.3 says: sure
   * against the bare "syntax error" of a conversation gone wrong */
  SURE(USERUNKNOWN, "recipient address syntax error"),
  /* Exim's parse.c (parse_extract_address) when an address has no local
   * part it can read, which smtp_in.c answers to RCPT TO as "501 <a@b>:
   * missing or malformed local part (expected word or \"<\")": the
   * address is written wrong, as x.1.3 says; at MAIL it is the sender's
   * (the command decides) */
  P(USERUNKNOWN, "missing or malformed local part"),
  /* Gmail's sentence as a Chinese provider rewords it: "550 RC:LD The
   * email account that you tried to reach does no exists." */
  P(USERUNKNOWN, "account that you tried to reach does no exist%"),
  /* RFC 5321's 553 ("mailbox name not allowed") as servers write it:
   * "553 Mailbox name invalid" */
  P(USERUNKNOWN, "mailbox name invalid"),
  /* RFC 5321's own text of 553 (the name is not allowed: its syntax),
   * written verbatim by servers that keep the RFC's sentences: "553
   * Requested action not taken: mailbox name not allowed". Stock words,
   * as "mailbox unavailable" is, that servers put before whatever
   * refused the message ("... not allowed; message rejected as spam"):
   * they yield to any cause named beside them. */
  {BN_CAUSE_MAILBOX_UNAVAILABLE, "mailbox name not allowed", false, false},
  /* cPanel's Exim, an address its owner set to discard mail with an
   * error (the default failure message of its forwarders): "550 No such
   * person at this address" */
  P(USERUNKNOWN, "no such person at this address"),

  /* ---- The domain does not exist or has no mail server. ---- */
  P(HOSTUNKNOWN, "host unknown"),
  P(HOSTUNKNOWN, "unknown host"),
  P(HOSTUNKNOWN, "host not found"),
  P(HOSTUNKNOWN, "host or domain name not found"),
  /* Domino's router: "No route found to domain example.org from server
   * MAIL01/ACME" (RFC 3463's x.4.4, unable to route) */
  P(HOSTUNKNOWN, "no route found to domain"),
  /* Exchange's receive connectors, where the recipient's domain is one
   * RFC 2606 reserves (.test, .invalid, example.com ...: "5.1.4" / "5.1.5
   * Recipient address reserved by RFC 2606") or has a single label
   * (chris@contoso: "5.1.6 Recipient addresses in single label domains
   * not accepted"); "Delivery status notifications in Exchange Server",
   * learn.microsoft.com. No such mail domain, whatever x.1.5 or x.1.6
   * say alone */
  P(HOSTUNKNOWN, "recipient address reserved by rfc 2606"),
  P(HOSTUNKNOWN, "single label domains not accepted"),
  P(HOSTUNKNOWN, "domain not found"),
  P(HOSTUNKNOWN, "domain does not exist"),
  P(HOSTUNKNOWN, "domain doesn't exist"),
  /* au one net (KDDI): "As the remote domain doesnt exist." */
  P(HOSTUNKNOWN, "domain doesnt exist"),
  P(HOSTUNKNOWN, "no such domain"),
  P(HOSTUNKNOWN, "no such host"),
  P(HOSTUNKNOWN, "non-existent host%"),
  P(HOSTUNKNOWN, "unknown domain"),
  P(HOSTUNKNOWN, "domain name not found"),
  P(HOSTUNKNOWN, "name or service not known"),
  P(HOSTUNKNOWN, "unrouteable mail domain"),
  P(HOSTUNKNOWN, "unrouteable address"),
  /* cPanel's Exim says the same in its own words: "The mail server could
   * not deliver mail to a@example.org.  The account or domain may not
   * exist, they may be blacklisted, or missing the proper dns entries."
   * It is not a help line added to every failure but the :fail: text of
   * cPanel's fail_remote_domains router (exim_mainlog: "** a@example.org
   * R=fail_remote_domains: The mail server could not deliver mail to
   * ..."), the router Exim's own configurations word "unrouteable mail
   * domain": no route, no MX or address record, whatever "blacklisted"
   * says. Quoted in a sender verification ("550-Verification failed for
   * <s@example.com> 550-The mail server ... 550 Sender verify failed") it
   * is the sender's domain, and the sender's refusal wins by precedence. */
  P(HOSTUNKNOWN, "account or domain may not exist"),
  P(HOSTUNKNOWN, "no mx record%"),
  /* a sender that found neither an MX nor an address for the domain (RFC
   * 5321 5.1: no route at all), as Go and Rust outbound mailers word it:
   * "no MX or A records for example.net" */
  P(HOSTUNKNOWN, "no mx or a record%"),
  P(HOSTUNKNOWN, "mx record for * not found"),
  /* ZoneMTA (lib/sender/resolve-mx.js) when the domain has no MX and no
   * A or AAAA record either: "550 DNS error when resolving MX for
   * example.org: No MX server found" */
  P(HOSTUNKNOWN, "no mx server found"),
  P(HOSTUNKNOWN, "illegal host/domain name"),
  /* Postfix's resolver refuses to look up a name that is no valid host
   * name ("Name service error for example..jp: invalid host or domain
   * name"): the recipient's domain can never be found */
  P(HOSTUNKNOWN, "invalid host or domain name"),
  P(HOSTUNKNOWN, "domain is not configured"),
  /* qmail's chkuser patch, its MX check of a recipient's domain: "511
   * sorry, can't find a valid MX for rcpt domain (#5.1.1 - chkuser)"
   * (chkuser 2.0's words; later releases "550 5.1.2 ..."), a status that
   * alone reads as a missing mailbox */
  P(HOSTUNKNOWN, "can't find a valid mx for rcpt domain"),
  P(HOSTUNKNOWN, "bad destination system address"),
  P(HOSTUNKNOWN, "recipient domain * does not exist"),
  /* Outlook.com's "554 The mail could not be delivered to the recipient
   * because the domain is not reachable. Please check the domain and try
   * again" (corpus rhost-outlook-03): the recipient's domain */
  P(HOSTUNKNOWN, "because the domain is not reachable"),
  /* the recipient's domain, in words that hold those of a missing
   * recipient ("unknown recipient", "recipient address does not exist"):
   * "550 Unknown recipient domain", "Recipient domain unknown", "The
   * domain of the recipient address does not exist" */
  P(HOSTUNKNOWN, "unknown recipient domain"),
  P(HOSTUNKNOWN, "recipient domain unknown"),
  P(HOSTUNKNOWN, "recipient domain is unknown"),
  P(HOSTUNKNOWN, "domain of the recipient * does not exist"),
  P(HOSTUNKNOWN, "domain of the recipient * not found"),
  P(HOSTUNKNOWN, "domain of the recipient * is unknown"),
  P(HOSTUNKNOWN, "domain of the recipient is unknown"),
  P(HOSTUNKNOWN, "dns lookup failure: host"),
  P(HOSTUNKNOWN, "nxdomain"),
  /* Exchange: "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent
   * domain" */
  P(HOSTUNKNOWN, "nonexistentdomain"),
  P(HOSTUNKNOWN, "nonexistent domain"),
  P(HOSTUNKNOWN, "non-existent domain"),
  /* hMailServer, SmarterMail, MDaemon and other Windows servers */
  P(HOSTUNKNOWN, "no dns entries for the hostname"),
  P(HOSTUNKNOWN, "no mail servers appear to exist"),
  P(HOSTUNKNOWN, "no mail servers appear to exists"),
  P(HOSTUNKNOWN, "could not find mail server"),
  /* "553 5.1.2 Unknown mail server. Could not find a mail server for
   * example.org" */
  P(HOSTUNKNOWN, "could not find a mail server"),
  P(HOSTUNKNOWN, "destination computer was not found"),
  /* qmail: "Sorry, I couldn't find any host named x. (#5.1.2)" and "...
   * any host by that name. (#4.1.2)"; Exchange 2003: "The destination
   * server for this recipient could not be found in Domain Name Service
   * (DNS)", "the recipient's destination email system is unknown";
   * Gmail: "the domain example.com couldn't be found" */
  P(HOSTUNKNOWN, "couldn't find any host"),
  P(HOSTUNKNOWN, "could not be found in domain name service"),
  P(HOSTUNKNOWN, "destination email system is unknown"),
  P(HOSTUNKNOWN, "destination e-mail system is unknown"),
  P(HOSTUNKNOWN, "because the domain * couldn't be found"),
  P(HOSTUNKNOWN, "because the domain * could not be found"),
  P(HOSTUNKNOWN, "domaine inexistant"),
  P(HOSTUNKNOWN, "domain existiert nicht"),
  P(HOSTUNKNOWN, "el dominio no existe"),
  P(HOSTUNKNOWN, "domínio não existe"),
  P(HOSTUNKNOWN, "домен не существует"),
  P(HOSTUNKNOWN, "域名不存在"),
  P(HOSTUNKNOWN, "domaine introuvable"),
  P(HOSTUNKNOWN, "domaine n'existe pas"),
  P(HOSTUNKNOWN, "dominio inexistente"),
  P(HOSTUNKNOWN, "dominio inesistente"),
  P(HOSTUNKNOWN, "dominio non esiste"),
  P(HOSTUNKNOWN, "domein bestaat niet"),
  P(HOSTUNKNOWN, "domain nicht gefunden"),
  P(HOSTUNKNOWN, "домен не найден"),
  P(HOSTUNKNOWN, "несуществующий домен"),
  P(HOSTUNKNOWN, "ドメインが存在しません"),
  P(HOSTUNKNOWN, "ドメインが見つかりません"),
  P(HOSTUNKNOWN, "網域不存在"),
  P(HOSTUNKNOWN, "도메인이 존재하지 않습니다"),
  /* "unknown domain", and the recipient's domain, whose words hold those
   * of a missing recipient ("Le domaine du destinataire n'existe pas",
   * "El dominio del destinatario no existe") */
  P(HOSTUNKNOWN, "domaine inconnu"),
  P(HOSTUNKNOWN, "domaine du destinataire n'existe pas"),
  P(HOSTUNKNOWN, "unbekannte domain"),
  P(HOSTUNKNOWN, "domäne existiert nicht"),
  P(HOSTUNKNOWN, "domäne nicht gefunden"),
  P(HOSTUNKNOWN, "dominio desconocido"),
  P(HOSTUNKNOWN, "dominio del destinatario no existe"),
  P(HOSTUNKNOWN, "domínio inexistente"),
  P(HOSTUNKNOWN, "domínio desconhecido"),
  P(HOSTUNKNOWN, "domínio do destinatário não existe"),
  P(HOSTUNKNOWN, "dominio sconosciuto"),
  P(HOSTUNKNOWN, "dominio del destinatario non esiste"),
  /* "Il dominio dell'indirizzo non esiste": the address's domain, whose
   * words hold "indirizzo non esiste" */
  P(HOSTUNKNOWN, "dominio dell'indirizzo non esiste"),
  P(HOSTUNKNOWN, "dominio dell'indirizzo * non esiste"),
  P(HOSTUNKNOWN, "onbekend domein"),
  P(HOSTUNKNOWN, "domein niet gevonden"),
  P(HOSTUNKNOWN, "domena nie istnieje"),
  P(HOSTUNKNOWN, "nieznana domena"),
  P(HOSTUNKNOWN, "doména neexistuje"),
  P(HOSTUNKNOWN, "neznámá doména"),
  P(HOSTUNKNOWN, "неизвестный домен"),
  P(HOSTUNKNOWN, "домен не існує"),
  P(HOSTUNKNOWN, "домен не знайдено"),
  P(HOSTUNKNOWN, "alan adı bulunamadı"),
  P(HOSTUNKNOWN, "alan adı mevcut değil"),
  P(HOSTUNKNOWN, "ドメイン名が見つかりません"),
  P(HOSTUNKNOWN, "존재하지 않는 도메인"),

  /* ---- The mailbox is full. ---- */
  /* Sure: the words name the recipient's mailbox, never a quota the
   * server keeps on the sender, so they stand under a status of policy
   * too: Plesk's qmail answered a full mailbox with "571 5.7.1 Mailbox
   * full" (talk.plesk.com/threads/qmail-gives-451-temp-error-when-mailbox-
   * full.260521, page 2: the Plesk team's reply, fixed to 4.2.2 in 11.1) */
  SURE(MAILBOXFULL, "mailbox full"),
  P(MAILBOXFULL, "mailbox is full"),
  P(MAILBOXFULL, "mailbox * is full"),
  P(MAILBOXFULL, "mail box full"),
  /* A mailbox "full of" something is not over its quota ("550 mailbox
   * full of spam, rejected"): these cancel the rows above and below that
   * their words begin with (reason.c, drop_extended), and the other words
   * decide */
  FULL_OF("mailbox full of"),
  FULL_OF("mailbox is full of"),
  FULL_OF("mailbox * is full of"),
  FULL_OF("mail box full of"),
  FULL_OF("inbox is full of"),
  FULL_OF("box is full of"),
  FULL_OF("account is full of"),
  FULL_OF("mailfolder is full of"),
  /* ... but one full of mail is full: what a mailbox holds is mail, and
   * "550 Mailbox is full of messages" says no more than "mailbox is full".
   * These name no container, so they only keep the rows above from being
   * cancelled (reason.c, drop_extended) and name no cause alone: a spool
   * or queue "full of messages" is the system's, and a body "full of
   * email addresses" no mailbox's */
  FULL_OF("full of mail"),
  FULL_OF("full of mails"),
  FULL_OF("full of messages"),
  FULL_OF("full of email"),
  FULL_OF("full of emails"),
  FULL_OF("full of e-mail"),
  FULL_OF("full of e-mails"),
  /* Dovecot's one string for ENOSPC and EDQUOT alike (mail-error.c's
   * ENOSPACE), mostly a user's file-system quota; its LDA treats it as the
   * mailbox's quota (rejects or defers the message, "Your message to <a>
   * was automatically rejected: Not enough disk space") and its LMTP
   * answers with a mailbox status */
  P(MAILBOXFULL, "not enough disk space"),
  P(MAILBOXFULL, "mailfolder is full"),
  P(MAILBOXFULL, "inbox is full"),
  P(MAILBOXFULL, "account is full"),
  P(MAILBOXFULL, "box is full"),
  P(MAILBOXFULL, "full mailbox"),
  P(MAILBOXFULL, "over quota"),
  P(MAILBOXFULL, "overquota"),
  P(MAILBOXFULL, "over the quota"),
  P(MAILBOXFULL, "quota exceeded"),
  P(MAILBOXFULL, "exceeded * quota"),
  /* the words with none between, which the gaps below do not take:
   * "552 mailbox exceeded quota", "mail file exceeds quota" (the
   * sender's quotas are sure phrases of speeding) */
  P(MAILBOXFULL, "exceeded quota"),
  P(MAILBOXFULL, "exceeds quota"),
  P(MAILBOXFULL, "exceeds * quota"),
  P(MAILBOXFULL, "would exceed * quota"),
  P(MAILBOXFULL, "quota full"),
  P(MAILBOXFULL, "disk quota"),
  /* Postfix's virtual(8) with the widely used VDA quota patch: "Sorry,
   * the user's maildir has overdrawn his diskspace quota, please try again
   * later." (old Postfix gives it a bare 5.0.0) */
  P(MAILBOXFULL, "diskspace quota"),
  P(MAILBOXFULL, "exceeded storage allocation"),
  P(MAILBOXFULL, "not enough storage space in"),
  P(MAILBOXFULL, "out of storage space"),
  P(MAILBOXFULL, "mailbox has exceeded"),
  /* Exchange's own words for a mailbox over its quota (the subject of its
   * quota notice, "Your mailbox is over its size limit"); a remote that
   * writes them in a reply means the recipient's mailbox, whatever status
   * it puts after them ("550 ... over its size limit #5.1.1"): the words
   * are the more specific evidence, as with "Mailbox full #5.1.1" */
  P(MAILBOXFULL, "mailbox is over its size limit"),
  P(MAILBOXFULL, "mailbox size exceeded"),
  P(MAILBOXFULL, "storage quota"),
  P(MAILBOXFULL, "would exceed * storage"),
  P(MAILBOXFULL, "mailbox exceeds allowed size"),
  P(MAILBOXFULL, "messages in recipient's mailbox exceeded"),
  /* "552 5.2.2 Mailbox size limit exceeded" (Exchange, Yandex): the
   * words "size limit exceeded" of a message too big are in it */
  SURE(MAILBOXFULL, "mailbox size limit exceeded"),
  /* Postfix's local delivery over mailbox_size_limit: "cannot update
   * mailbox ... error writing message: File too large" */
  P(MAILBOXFULL, "error writing message: file too large"),
  /* WEB.DE and GMX: "User has exhausted allowed storage space", "User has
   * too many messages on the server" (too many messages is otherwise a
   * sending rate) */
  P(MAILBOXFULL, "exhausted allowed storage"),
  SURE(MAILBOXFULL, "too many messages on the server"),
  P(MAILBOXFULL, "quota limit exceeded"),
  /* GoDaddy: "The recipient's account has reached its storage limit" */
  P(MAILBOXFULL, "reached its storage limit"),
  P(MAILBOXFULL, "account storage limit"),
  P(MAILBOXFULL, "domain size limit"),
  P(MAILBOXFULL, "speichervolumen überschritten"),
  P(MAILBOXFULL, "speichervolumen ueberschritten"),
  SURE(MAILBOXFULL, "zuviele mails auf dem server"),
  P(MAILBOXFULL, "kontingent überschritten"),
  /* Exchange's translated NDR for a full mailbox: "Das Postfach des
   * Empfängers ist voll", "La boîte aux lettres du destinataire est
   * pleine", "El buzón del destinatario está lleno", "A caixa de correio
   * do destinatário está cheia", "La cassetta postale del destinatario è
   * piena", "Het postvak van de ontvanger is vol", "Почтовый ящик
   * получателя переполнен"; its store's "QuotaExceededException" */
  P(MAILBOXFULL, "postfach * ist voll"),
  /* the same in a clause ("..., weil das Postfach des Empfängers voll ist") */
  P(MAILBOXFULL, "postfach * voll ist"),
  P(MAILBOXFULL, "boîte aux lettres * est pleine"),
  P(MAILBOXFULL, "buzón * está lleno"),
  P(MAILBOXFULL, "caixa de correio * está cheia"),
  P(MAILBOXFULL, "cassetta postale * è piena"),
  P(MAILBOXFULL, "postvak * is vol"),
  P(MAILBOXFULL, "ящик * переполнен"),
  /* other servers' wordings of the same ("A caixa postal do destinatário
   * está cheia", "La casella del destinatario è piena", "De mailbox van de
   * ontvanger is vol") */
  P(MAILBOXFULL, "caixa postal * está cheia"),
  P(MAILBOXFULL, "casella * è piena"),
  P(MAILBOXFULL, "mailbox * is vol"),
  P(MAILBOXFULL, "quotaexceeded%"),
  P(MAILBOXFULL, "quota überschritten"),
  P(MAILBOXFULL, "postfach voll"),
  P(MAILBOXFULL, "postfach ist voll"),
  P(MAILBOXFULL, "speicherplatz"),
  P(MAILBOXFULL, "boîte aux lettres pleine"),
  P(MAILBOXFULL, "boite aux lettres pleine"),
  P(MAILBOXFULL, "boîte pleine"),
  P(MAILBOXFULL, "quota dépassé%"),
  P(MAILBOXFULL, "boîte aux lettres est pleine"),
  P(MAILBOXFULL, "boite aux lettres est pleine"),
  P(MAILBOXFULL, "dépassement de quota"),
  P(MAILBOXFULL, "quota atteint"),
  P(MAILBOXFULL, "buzón lleno"),
  P(MAILBOXFULL, "buzón está lleno"),
  P(MAILBOXFULL, "cuota excedida"),
  P(MAILBOXFULL, "cuota superada"),
  P(MAILBOXFULL, "buzón de correo está lleno"),
  P(MAILBOXFULL, "caixa postal cheia"),
  P(MAILBOXFULL, "caixa de correio cheia"),
  P(MAILBOXFULL, "cota excedida"),
  P(MAILBOXFULL, "quota excedida"),
  P(MAILBOXFULL, "caixa postal está cheia"),
  P(MAILBOXFULL, "caixa de correio está cheia"),
  P(MAILBOXFULL, "casella piena"),
  P(MAILBOXFULL, "casella di posta piena"),
  P(MAILBOXFULL, "casella è piena"),
  P(MAILBOXFULL, "quota superata"),
  P(MAILBOXFULL, "postvak is vol"),
  P(MAILBOXFULL, "mailbox is vol"),
  P(MAILBOXFULL, "quotum overschreden"),
  P(MAILBOXFULL, "skrzynka jest pełna"),
  P(MAILBOXFULL, "skrzynka pocztowa jest pełna"),
  P(MAILBOXFULL, "przekroczony limit miejsca"),
  P(MAILBOXFULL, "kota aşıldı"),
  P(MAILBOXFULL, "schránka je plná"),
  P(MAILBOXFULL, "posta kutusu dolu"),
  P(MAILBOXFULL, "brevlådan är full"),
  P(MAILBOXFULL, "ящик переполнен"),
  P(MAILBOXFULL, "превышена квота"),
  P(MAILBOXFULL, "メールボックスが一杯"),
  P(MAILBOXFULL, "メールボックスがいっぱい"),
  P(MAILBOXFULL, "容量オーバー"),
  P(MAILBOXFULL, "容量超過"),
  P(MAILBOXFULL, "邮箱已满"),
  P(MAILBOXFULL, "信箱已满"),
  P(MAILBOXFULL, "郵箱已滿"),
  P(MAILBOXFULL, "邮箱空间不足"),
  P(MAILBOXFULL, "メールボックスの容量"),
  P(MAILBOXFULL, "容量が不足"),
  /* QQ Mail: "收件人空间不足" (the recipient's space is insufficient) */
  P(MAILBOXFULL, "收件人空间不足"),
  P(MAILBOXFULL, "邮箱容量已满"),
  P(MAILBOXFULL, "信箱已滿"),
  P(MAILBOXFULL, "容量已满"),
  P(MAILBOXFULL, "空间已满"),
  /* a mailbox at its limit of messages, not a sending rate */
  P(MAILBOXFULL, "too many messages in this mailbox"),
  /* Dovecot's quota plugin at its limit of messages in one mailbox
   * (quota.c): "552 5.2.2 <a@b> Too many messages in the mailbox" */
  P(MAILBOXFULL, "too many messages in the mailbox"),
  P(MAILBOXFULL, "메일함이 가득"),
  P(MAILBOXFULL, "사서함이 가득"),
  P(MAILBOXFULL, "메일함 용량"),
  P(MAILBOXFULL, "boîte de réception pleine"),
  P(MAILBOXFULL, "boîte de réception * est pleine"),
  P(MAILBOXFULL, "mailbox voll"),
  P(MAILBOXFULL, "mailbox ist voll"),
  P(MAILBOXFULL, "caixa de entrada cheia"),
  P(MAILBOXFULL, "caixa de entrada * está cheia"),
  P(MAILBOXFULL, "mailbox vol"),
  P(MAILBOXFULL, "skrzynka * jest pełna"),
  P(MAILBOXFULL, "skrzynka jest przepełniona"),
  P(MAILBOXFULL, "przepełniona skrzynka"),
  P(MAILBOXFULL, "brak miejsca w skrzynce"),
  P(MAILBOXFULL, "schránka * je plná"),
  P(MAILBOXFULL, "plná schránka"),
  P(MAILBOXFULL, "překročena kvóta"),
  P(MAILBOXFULL, "недостаточно места в почтовом ящике"),
  P(MAILBOXFULL, "скринька переповнена"),
  P(MAILBOXFULL, "скринька * переповнена"),
  P(MAILBOXFULL, "перевищено квоту"),
  P(MAILBOXFULL, "邮箱容量不足"),
  /* Coremail / NetEase: "Quota exceed the hard limit for user x"; an old
   * US ISP template Chinese hosts still send: "552 This person's account
   * is exceeding their quota." */
  P(MAILBOXFULL, "quota exceed the hard limit"),
  P(MAILBOXFULL, "exceeding their quota"),
  /* Japanese ISPs: "552 Message size exceeds remaining quota" (the room
   * left in the mailbox, not a size limit: sure beside the size words);
   * Willcom: "552 We failed to deliver mail because the volume of
   * recipient's mailbox exceeded the local limit." */
  SURE(MAILBOXFULL, "exceeds remaining quota"),
  P(MAILBOXFULL, "volume of recipient's mailbox exceeded"),

  /* ---- The message is too big for the system. ---- */
  P(MESGTOOBIG, "message too large"),
  /* X.400 gateways' diagnostic name (RFC 2156 maps it to x.3.4) */
  P(MESGTOOBIG, "content-too-long"),
  P(MESGTOOBIG, "message too big"),
  P(MESGTOOBIG, "message is too large"),
  P(MESGTOOBIG, "message is too big"),
  /* a Chinese mail server's reply list with meanings (blog.sina.com.cn):
   * "552 message is too long." (邮件大小超过限制, the message is over the
   * size limit), "554 attachment is too long." (one attachment is) */
  P(MESGTOOBIG, "message is too long"),
  P(MESGTOOBIG, "attachment is too long"),
  P(MESGTOOBIG, "message size exceeds"),
  P(MESGTOOBIG, "size exceeds * limit"),
  P(MESGTOOBIG, "exceeds size limit"),
  P(MESGTOOBIG, "message exceeds * size"),
  /* Mimecast: "554 Maximum email size exceeded" */
  P(MESGTOOBIG, "message size exceeded"),
  P(MESGTOOBIG, "email size exceeded"),
  /* "550 5.7.0 Message Size Violation": the message is over the size the
   * receiver takes (cyon's list of 550 replies,
   * cyon.ch/support/a/smtp-error-550), not the x.7.0 of security */
  P(MESGTOOBIG, "message size violation"),
  /* Exchange 2000/2003: "This message is larger than the current system
   * limit or the recipient's mailbox is full." names both; its status
   * (x.3.4, x.2.3 or x.2.2) decides, as for every size named beside a full
   * mailbox */
  P(MESGTOOBIG, "message is larger than * limit"),
  P(MESGTOOBIG, "message file too big"),
  /* Exim's notice for a message submitted over message_size_limit
   * (moan.c): "A message that you sent was longer than the maximum size
   * allowed on this system." */
  P(MESGTOOBIG, "longer than the maximum size allowed"),
  /* Dovecot's quota plugin over quota_max_mail_size (quota.c): "552 5.2.2
   * <a@b> Mail size is larger than the maximum size allowed by server
   * configuration", its LMTP giving it the status of a full mailbox */
  P(MESGTOOBIG, "mail size is larger than the maximum size"),
  /* Gmail: "552 5.3.4 Your message exceeded Google's message size limits",
   * which its own notice also quotes without the code. The message is what
   * exceeded: a mailbox or sender that "exceeded its quota" may name its
   * message size limit in the next sentence */
  P(MESGTOOBIG, "message exceeded * message size limit%"),
  /* Google's page of SMTP errors (support.google.com/a/answer/3726730)
   * gives this one sentence with 5.2.3 and with 5.3.4: its status does not
   * say which size, the sentence does (the message's, over Google's own
   * limit), also where Gmail's notice quotes it with no host or code */
  SURE(MESGTOOBIG, "exceeded google's message size limits"),
  P(MESGTOOBIG, "too big for system"),
  P(MESGTOOBIG, "size limit exceeded"),
  P(MESGTOOBIG, "too much mail data"),
  P(MESGTOOBIG, "line limit exceeded"),
  P(MESGTOOBIG, "nachricht zu groß"),
  P(MESGTOOBIG, "message trop volumineux"),
  P(MESGTOOBIG, "mensaje demasiado grande"),
  /* Coremail (NetEase, QQ): "552 Requested mail action aborted:
   * exceeded mailsize limit" */
  P(MESGTOOBIG, "mailsize limit"),
  P(MESGTOOBIG, "nachricht ist zu groß"),
  P(MESGTOOBIG, "nachricht zu gross"),
  P(MESGTOOBIG, "message trop gros"),
  P(MESGTOOBIG, "mensaje es demasiado grande"),
  P(MESGTOOBIG, "mensagem muito grande"),
  P(MESGTOOBIG, "messaggio troppo grande"),
  P(MESGTOOBIG, "bericht is te groot"),
  P(MESGTOOBIG, "сообщение слишком большое"),
  P(MESGTOOBIG, "письмо слишком большое"),
  P(MESGTOOBIG, "メッセージが大きすぎ"),
  P(MESGTOOBIG, "サイズが大きすぎ"),
  P(MESGTOOBIG, "邮件过大"),
  P(MESGTOOBIG, "郵件過大"),
  P(MESGTOOBIG, "邮件大小超过"),
  P(MESGTOOBIG, "message est trop volumineux"),
  P(MESGTOOBIG, "taille du message dépasse"),
  P(MESGTOOBIG, "e-mail zu groß"),
  P(MESGTOOBIG, "e-mail ist zu groß"),
  P(MESGTOOBIG, "tamaño del mensaje excede"),
  P(MESGTOOBIG, "mensagem é muito grande"),
  P(MESGTOOBIG, "tamanho da mensagem excede"),
  P(MESGTOOBIG, "messaggio è troppo grande"),
  P(MESGTOOBIG, "dimensione del messaggio supera"),
  P(MESGTOOBIG, "bericht te groot"),
  P(MESGTOOBIG, "wiadomość jest za duża"),
  P(MESGTOOBIG, "wiadomość jest zbyt duża"),
  P(MESGTOOBIG, "wiadomość zbyt duża"),
  P(MESGTOOBIG, "maksymalny rozmiar wiadomości"),
  P(MESGTOOBIG, "zpráva je příliš velká"),
  P(MESGTOOBIG, "příliš velká zpráva"),
  P(MESGTOOBIG, "размер письма превышает"),
  P(MESGTOOBIG, "размер сообщения превышает"),
  P(MESGTOOBIG, "максимальный размер письма"),
  P(MESGTOOBIG, "повідомлення занадто велике"),
  P(MESGTOOBIG, "лист занадто великий"),
  P(MESGTOOBIG, "mesaj çok büyük"),
  /* the message's size, not the mailbox's ("メールボックスのサイズ") */
  P(MESGTOOBIG, "メールサイズが制限を超え"),
  P(MESGTOOBIG, "メッセージサイズが制限を超え"),
  P(MESGTOOBIG, "邮件太大"),
  P(MESGTOOBIG, "메일 크기가 너무 큽니다"),
  P(MESGTOOBIG, "메시지가 너무 큽니다"),
  /* "552 Message body is too big" */
  P(MESGTOOBIG, "message body is too big"),

  /* ---- The message is over an administrative limit. ---- */
  P(EXCEEDLIMIT, "message length exceeds administrative limit"),
  P(EXCEEDLIMIT, "exceeds the maximum"),
  /* a list's own size limit, GNU Mailman 2's refusal (Handlers/Hold.py):
   * "Your message was too big; please trim it to less than 40 KB in size." */
  P(EXCEEDLIMIT, "please trim it to less than"),
  /* iRedMail's policy server iRedAPD, its throttle plugin's per-sender or
   * per-domain size (libs/__init__.py): "REJECT Message size exceed (maybe
   * caused by big attachment file)", after Postfix's "Recipient address
   * rejected:" */
  P(EXCEEDLIMIT, "message size exceed (maybe caused by big attachment file)"),

  /* ---- The mailbox exists but is disabled. ---- */
  P(SUSPEND, "mailbox disabled"),
  P(SUSPEND, "mailbox is disabled"),
  P(SUSPEND, "account disabled"),
  P(SUSPEND, "account is disabled"),
  P(SUSPEND, "account has been disabled"),
  P(SUSPEND, "disabled recipient"),
  P(SUSPEND, "account has been suspended"),
  P(SUSPEND, "account is suspended"),
  P(SUSPEND, "account suspended"),
  P(SUSPEND, "account has been deactivated"),
  P(SUSPEND, "mailbox has been deactivated"),
  P(SUSPEND, "mailbox is inactive"),
  /* "452 4.2.1 Mailbox inactive", and Gmail's "421 4.2.1 The user you are
   * trying to contact is not receiving mail at this time": RFC 3463's
   * x.2.1, "the mailbox exists, but is not accepting messages", a
   * transient error "if the mailbox is only temporarily disabled"; the
   * words name the mailbox's state, not a busy server's (421, 452); "this
   * server is not receiving mail at this time" would be the server's */
  P(SUSPEND, "mailbox inactive"),
  P(SUSPEND, "user you are trying to contact is not receiving mail"),
  P(SUSPEND, "account is inactive"),
  /* hMailServer's RCPT reply for an account or alias its administrator
   * switched off: "550 Account is not active.", "550 Alias is not active."
   * (RecipientParser.cpp) */
  P(SUSPEND, "account is not active"),
  P(SUSPEND, "alias is not active"),
  /* Gmail's own answer, quoted bare in its notices (no code, no remote
   * host to name Google): "The email account that you tried to reach is
   * disabled." / "... is inactive and cannot receive messages." (5.2.1) */
  P(SUSPEND, "account that you tried to reach is disabled"),
  P(SUSPEND, "account that you tried to reach is inactive"),
  P(SUSPEND, "account inactive"),
  P(SUSPEND, "inactive account"),
  P(SUSPEND, "recipient suspended"),
  P(SUSPEND, "is temporarily disabled"),
  /* the same without the verb, as a reply's short text writes it:
   * "450 4.2.1 Mailbox temporarily disabled" */
  P(SUSPEND, "mailbox temporarily disabled"),
  P(SUSPEND, "account temporarily disabled"),
  /* au EZweb: "The user(s) account is temporarily limited." */
  P(SUSPEND, "account is temporarily limited"),
  P(SUSPEND, "account is locked"),
  P(SUSPEND, "account has been locked"),
  P(SUSPEND, "mailbox is locked"),
  /* a Chinese mail server's reply list with meanings (blog.sina.com.cn):
   * "550 user is locked." (邮箱被锁, the mailbox is locked) */
  P(SUSPEND, "user is locked"),
  P(SUSPEND, "account is frozen"),
  P(SUSPEND, "account is blocked"),
  P(SUSPEND, "disabled or discontinued"),
  /* Coremail: "550 User suspended"; GMX: "User is inactive" */
  P(SUSPEND, "user suspended"),
  P(SUSPEND, "user is suspended"),
  P(SUSPEND, "mailbox suspended"),
  /* BellSouth (AT&T): "550 [suspend] Mailbox currently suspended--Please
   * contact correspondent directly." */
  P(SUSPEND, "mailbox currently suspended"),
  P(SUSPEND, "user is inactive"),
  P(SUSPEND, "mailbox has been disabled"),
  P(SUSPEND, "mailbox is frozen"),
  P(SUSPEND, "account has been frozen"),
  P(SUSPEND, "compte désactivé%"),
  P(SUSPEND, "compte suspendu"),
  P(SUSPEND, "konto deaktiviert"),
  P(SUSPEND, "konto gesperrt"),
  P(SUSPEND, "konto ist gesperrt"),
  P(SUSPEND, "postfach gesperrt"),
  P(SUSPEND, "postfach deaktiviert"),
  P(SUSPEND, "postfach ist deaktiviert"),
  P(SUSPEND, "compte bloqué%"),
  P(SUSPEND, "boîte aux lettres désactivée"),
  P(SUSPEND, "cuenta bloqueada"),
  P(SUSPEND, "buzón desactivado"),
  P(SUSPEND, "conta bloqueada"),
  P(SUSPEND, "account sospeso"),
  P(SUSPEND, "account disattivato"),
  P(SUSPEND, "casella disattivata"),
  P(SUSPEND, "account geblokkeerd"),
  P(SUSPEND, "account is geblokkeerd"),
  P(SUSPEND, "konto zablokowane"),
  P(SUSPEND, "účet je zablokován"),
  P(SUSPEND, "casella disabilitata"),
  P(SUSPEND, "hesap askıya alındı"),
  P(SUSPEND, "учетная запись заблокирована"),
  P(SUSPEND, "ящик отключен"),
  P(SUSPEND, "cuenta desactivada"),
  P(SUSPEND, "cuenta suspendida"),
  P(SUSPEND, "conta desativada"),
  P(SUSPEND, "conta suspensa"),
  P(SUSPEND, "ящик заблокирован"),
  P(SUSPEND, "アカウントは無効"),
  P(SUSPEND, "利用停止"),
  P(SUSPEND, "帐户已停用"),
  P(SUSPEND, "账户已冻结"),
  P(SUSPEND, "アカウントが停止"),
  P(SUSPEND, "帐号已冻结"),
  P(SUSPEND, "账号已冻结"),
  P(SUSPEND, "邮箱已冻结"),
  P(SUSPEND, "帐户已冻结"),
  P(SUSPEND, "已被冻结"),
  P(SUSPEND, "계정이 정지"),
  /* Korean portals (Naver, Daum) put unused accounts to sleep: 휴면
   * (dormant) */
  P(SUSPEND, "휴면"),
  P(SUSPEND, "boîte aux lettres est désactivée"),
  P(SUSPEND, "compte a été suspendu"),
  P(SUSPEND, "compte a été désactivé%"),
  P(SUSPEND, "konto wurde deaktiviert"),
  P(SUSPEND, "konto wurde gesperrt"),
  P(SUSPEND, "postfach ist gesperrt"),
  P(SUSPEND, "buzón está desactivado"),
  P(SUSPEND, "cuenta ha sido desactivada"),
  P(SUSPEND, "cuenta ha sido suspendida"),
  P(SUSPEND, "caixa postal desativada"),
  P(SUSPEND, "account disabilitato"),
  P(SUSPEND, "account è disabilitato"),
  P(SUSPEND, "casella sospesa"),
  P(SUSPEND, "account uitgeschakeld"),
  P(SUSPEND, "account is uitgeschakeld"),
  P(SUSPEND, "mailbox is uitgeschakeld"),
  P(SUSPEND, "konto zostało zablokowane"),
  P(SUSPEND, "konto jest nieaktywne"),
  P(SUSPEND, "konto zawieszone"),
  P(SUSPEND, "konto zostało zawieszone"),
  P(SUSPEND, "schránka je zablokována"),
  P(SUSPEND, "účet byl zablokován"),
  P(SUSPEND, "аккаунт заблокирован"),
  P(SUSPEND, "учётная запись заблокирована"),
  P(SUSPEND, "учетная запись отключена"),
  P(SUSPEND, "учётная запись отключена"),
  P(SUSPEND, "обліковий запис заблоковано"),
  P(SUSPEND, "скриньку заблоковано"),
  /* Turkish suffixes the predicate: "hesap devre dışıdır" */
  P(SUSPEND, "hesap devre dışı%"),
  P(SUSPEND, "hesap kilitlendi"),
  P(SUSPEND, "邮箱已停用"),
  P(SUSPEND, "账户已停用"),
  P(SUSPEND, "账号已停用"),
  P(SUSPEND, "帳戶已停用"),
  P(SUSPEND, "用户已被禁用"),
  P(SUSPEND, "사용이 중지된 계정"),
  /* Coremail: "550 User x is disabled" (its bare "550 user disabled" is
   * left out: an authentication's words too); "550 This account has been
   * temporarily suspended" */
  P(SUSPEND, "user * is disabled"),
  P(SUSPEND, "account has been temporarily suspended"),

  /* ---- The mailbox moved and left no forwarding address. ---- */
  P(HASMOVED, "has moved"),
  P(HASMOVED, "user not local; please try"),
  P(HASMOVED, "address has changed"),
  P(HASMOVED, "mailbox has moved"),

  /* ---- The sender (its address or domain) was refused. ---- */
  P(REJECTED, "sender address rejected"),
  P(REJECTED, "sender rejected"),
  P(REJECTED, "sender was rejected"),
  P(REJECTED, "sender verify failed"),
  P(REJECTED, "sender verification failed"),
  P(REJECTED, "адрес отправителя отклонен"),
  P(REJECTED, "адрес отправителя отклонён"),
  P(REJECTED, "发件人地址被拒绝"),
  /* Exchange: "550 5.7.1 Your access to submit messages to this e-mail
   * system has been rejected" (the sender is not allowed in) */
  P(REJECTED, "access to submit messages to this e-mail system has been rejected"),
  P(REJECTED, "domain of sender address"),
  /* Sendmail, for a sender with no domain or an unqualified one: "553
   * 5.5.4 <news>... Real domain name required for sender address" (its
   * status is a syntax error's; the fix is the sender's address) */
  P(REJECTED, "domain name required for sender address"),
  /* OpenSMTPD, for a MAIL FROM path it cannot parse: "553 5.1.0: Sender
   * address syntax error" (smtp_session.c, smtp_tx_mail_from): the
   * sender's address, not the conversation */
  SURE(REJECTED, "sender address syntax error"),
  P(REJECTED, "sender domain"),
  /* spamdyke: "Refused. The domain of your sender address has no mail
   * exchanger (MX)." Its missing MX only: the words before say whose
   * domain, not what is wrong with it (listed on a block list, failing
   * SPF or DMARC), which other rows read */
  P(REJECTED, "domain of your sender address has no mail exchanger"),
  /* The sender's domain named in other orders of words ("Domain of the
   * sender not found", "553 5.1.2 Sender address domain unknown"): they
   * say whose domain is missing, not that it is (reason.c) */
  SENDER_DOMAIN("domain of sender"),
  SENDER_DOMAIN("domain of the sender"),
  SENDER_DOMAIN("sender address domain"),
  SENDER_DOMAIN("sender's domain"),
  SENDER_DOMAIN("sending domain"),
  SENDER_DOMAIN("mail from domain"),
  /* Italian: "Il dominio dell'indirizzo del mittente non esiste" holds
   * the words of a missing address's domain */
  SENDER_DOMAIN("dominio del mittente"),
  SENDER_DOMAIN("indirizzo del mittente"),
  /* The sender's domain publishes a null MX (RFC 7505: "550 5.7.27 Sender
   * address has null MX"; Postfix, which checks the sender at RCPT:
   * "Sender address rejected: Domain example.com does not accept mail
   * (nullMX)"): the words of notaccept, but about the sender, whose fix
   * it is, not about the recipient */
  SURE(REJECTED, "sender address has null mx"),
  SURE(REJECTED, "sender address rejected: domain * does not accept mail"),
  /* GMX and web.de refuse a sender whose domain has no usable MX or
   * address record in RFC 5321's words for a missing mailbox: "550-Requested
   * action not taken: mailbox unavailable" / "550 invalid DNS MX or A/AAAA
   * resource record". The record is the sender's; the recipient exists. */
  P(REJECTED, "invalid dns mx or a/aaaa resource record"),
  P(REJECTED, "invalid sender"),
  P(REJECTED, "bad sender"),
  P(REJECTED, "unknown sender"),
  P(REJECTED, "sender unknown"),
  P(REJECTED, "sender not allowed"),
  P(REJECTED, "sender is not allowed"),
  P(REJECTED, "sender denied"),
  P(REJECTED, "rejected sender"),
  P(REJECTED, "sender address does not exist"),
  P(REJECTED, "sender address unknown"),
  P(REJECTED, "sender address is unknown"),
  P(REJECTED, "sender address not found"),
  /* chkuser: "571 sorry, sender address has invalid format (#5.7.1 -
   * chkuser)" */
  P(REJECTED, "sender address has invalid format"),
  P(REJECTED, "sender not found"),
  P(REJECTED, "sender does not exist"),
  /* the sender's domain named by another name: "550 5.7.1 Sending domain
   * does not exist", "550 From: header domain does not exist" (said at
   * DATA, where the recipient's domain has long been found) */
  P(REJECTED, "sending domain does not exist"),
  P(REJECTED, "sending domain not found"),
  P(REJECTED, "sender's domain does not exist"),
  P(REJECTED, "sender's domain not found"),
  P(REJECTED, "from: header domain"),
  P(REJECTED, "header from domain"),
  P(REJECTED, "return-path domain"),
  P(REJECTED, "envelope sender"),
  P(REJECTED, "address that has been blacklisted"),
  P(REJECTED, "can't determine purported responsible address"),
  P(REJECTED, "not a registered gateway user"),
  P(REJECTED, "not a member of this * list"),
  P(REJECTED, "permission to post messages to the group"),
  P(REJECTED, "not allowed to post"),
  /* Groups.io refusing a post from one who has not joined, under 5.1.1
   * although the group exists: "510 5.1.1 Your email address, a@b, is not
   * subscribed to that group. To subscribe, send an email to
   * g+subscribe@groups.io" (a real Gmail notice of 2025-07-23 quoting it,
   * public xen-devel archive) */
  P(REJECTED, "is not subscribed to that group"),
  /* Exchange's resolver, a distribution group that takes mail from
   * listed senders only: "550 5.7.1 RESOLVER.RST.NotAuthorizedToGroup; not
   * authorized to send to the distribution list" (Exchange Server's
   * SmtpResponse.RecipientPermissionRestrictedToGroup); Exchange Online
   * gives the same restriction 5.7.124 "Sender not in allowed-senders list"
   * (learn.microsoft.com, NDRs in Exchange Online), read as rejected */
  P(REJECTED, "not authorized to send to the distribution list"),
  /* The same restriction on a mailbox or contact ("accept messages only
   * from"): "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized" (Exchange
   * Server's SmtpResponse.RecipientPermissionRestricted; learn.microsoft.com,
   * fix NDR error 5.7.1: "You don't have permission to send to the
   * recipient"). Its words alone ("not authorized") say nothing, the
   * component's name does; the group's name too, where a relay cut its
   * words off */
  P(REJECTED, "notauthorized"),
  P(REJECTED, "notauthorizedtogroup"),
  /* Exchange Online's resolver, a recipient that takes mail from its own
   * organisation's senders only: "550 5.7.133 RESOLVER.RST.
   * SenderNotAuthenticatedForGroup; authentication required; Delivery
   * restriction check failed as sender not authenticated for group"
   * (5.7.134-136: ...ForMailbox, ...ForPublicFolder, ...ForMailUser), and
   * 5.7.12 "Sender was not authenticated by organization" (learn.microsoft.
   * com, NDRs in Exchange Online; lib/rhost/microsoft.c reads the codes
   * where its host is known). Sure: the component's name and the sentence
   * say whose restriction it is; its "authentication required" is no
   * login the sender could give, and a relay that hides the host keeps them */
  SURE(REJECTED, "sendernotauthenticatedfor%"),
  SURE(REJECTED, "not authenticated by organization"),
  /* hMailServer's distribution lists that take mail from their members
   * or one announcing address only: "550 Not authorized sender.", "550
   * Not authorized owner." (RecipientParser.cpp) */
  P(REJECTED, "not authorized sender"),
  P(REJECTED, "not authorized owner"),
  /* Coremail: "553 sender is rejected" */
  P(REJECTED, "sender is rejected"),
  P(REJECTED, "absender abgelehnt"),
  P(REJECTED, "absenderadresse abgelehnt"),
  P(REJECTED, "expéditeur refusé%"),
  P(REJECTED, "expéditeur rejeté%"),
  P(REJECTED, "remitente rechazado"),
  P(REJECTED, "remetente rejeitado"),
  P(REJECTED, "mittente rifiutato"),
  /* "sender unknown" and the sender's domain, in the languages servers
   * answer in: the words of a dead address are the sender's */
  P(REJECTED, "absender unbekannt"),
  P(REJECTED, "unbekannter absender"),
  P(REJECTED, "absenderadresse unbekannt"),
  P(REJECTED, "absender-domain"),
  P(REJECTED, "absenderdomain"),
  P(REJECTED, "expéditeur inconnu"),
  P(REJECTED, "domaine de l'expéditeur"),
  P(REJECTED, "remitente desconocido"),
  P(REJECTED, "dominio del remitente"),
  P(REJECTED, "mittente sconosciuto"),
  P(REJECTED, "remetente desconhecido"),
  P(REJECTED, "afzender onbekend"),
  P(REJECTED, "onbekende afzender"),
  P(REJECTED, "送信者不明"),
  P(REJECTED, "送信者が不明"),
  P(REJECTED, "送信者アドレスが不明"),
  P(REJECTED, "送信者が存在しません"),
  P(REJECTED, "送信者のドメイン"),
  /* the sender's account, in Chinese as in Japanese the domain: beside it
   * "账号不存在", "账号已停用" are the sender's ("发件人账号不存在") */
  P(REJECTED, "发件人账号"),
  P(REJECTED, "发件人帐号"),
  P(REJECTED, "发件人账户"),
  P(REJECTED, "寄件者帳戶"),
  P(REJECTED, "absender nicht erlaubt"),
  P(REJECTED, "expéditeur est rejeté%"),
  P(REJECTED, "expéditeur est refusé%"),
  P(REJECTED, "dirección del remitente rechazada"),
  P(REJECTED, "afzender geweigerd"),
  P(REJECTED, "afzender afgewezen"),
  P(REJECTED, "nadawca odrzucony"),
  P(REJECTED, "adres nadawcy odrzucony"),
  P(REJECTED, "odesílatel odmítnut"),
  P(REJECTED, "adresa odesílatele * odmítnuta"),
  P(REJECTED, "отправитель отклонен"),
  P(REJECTED, "отправитель отклонён"),
  P(REJECTED, "відправника відхилено"),
  P(REJECTED, "gönderen reddedildi"),
  P(REJECTED, "送信者が拒否"),
  P(REJECTED, "送信元アドレスが拒否"),
  P(REJECTED, "发件人被拒绝"),
  P(REJECTED, "寄件者被拒絕"),
  P(REJECTED, "발신자가 거부"),

  /* ---- The server does not relay for this client. ---- */
  P(NORELAYING, "relay access denied"),
  /* Sendmail's check_rcpt, when the client may not relay and its address
   * has no name (or a forged one) to match the relay permissions against:
   * "550 5.7.1 <x>... Relaying denied. IP name lookup failed [192.0.2.1]",
   * "... IP name possibly forged", "450 4.4.0 <x>... Relaying temporarily
   * denied. Cannot resolve PTR record for 192.0.2.1". A relay refusal that
   * says why the client was not recognised, not a demand for reverse DNS:
   * the same server takes mail for its own domains from such a client.
   * Sure: the reverse-DNS words would name requireptr. */
  SURE(NORELAYING, "relaying denied * ip name"),
  SURE(NORELAYING, "relaying temporarily denied"),
  P(NORELAYING, "relaying denied"),
  P(NORELAYING, "relaying not allowed"),
  P(NORELAYING, "relaying disallowed"),
  P(NORELAYING, "relaying prohibited"),
  P(NORELAYING, "relay not permitted"),
  P(NORELAYING, "relay not allowed"),
  P(NORELAYING, "not permitted to relay"),
  P(NORELAYING, "unable to relay"),
  P(NORELAYING, "cannot relay"),
  P(NORELAYING, "we do not relay"),
  P(NORELAYING, "relay denied"),
  /* Libero (Italiaonline), its page of frequent errors: "RELAYING NOT
   * ALLOWED (550 Relay Disabled)" */
  P(NORELAYING, "relay disabled"),
  /* the same Chinese reply list: "553 host denies relay." (拒绝中继) */
  P(NORELAYING, "host denies relay"),
  /* Lotus Domino's SMTP listener, when its relay restrictions refuse the
   * client: "554 Relay rejected for policy reasons." (the policy is its
   * relay rule, not a content policy) */
  P(NORELAYING, "relay rejected"),
  P(NORELAYING, "not allowed to relay"),
  P(NORELAYING, "no relaying"),
  P(NORELAYING, "not configured to relay"),
  /* MessageLabs: "you are trying to use me [server] as a relay, but I have
   * not been configured to let you [ip] do this" */
  P(NORELAYING, "trying to use me"),
  P(NORELAYING, "relaying mail to * is not allowed"),
  /* spamdyke: "Refused. Sending to remote addresses (relaying) is not allowed." */
  P(NORELAYING, "(relaying) is not allowed"),
  P(NORELAYING, "isn't in my list of allowed rcpthosts"),
  /* Haraka (connection.js), when no rcpt hook took the recipient as one
   * it delivers or may relay for ("No plugin determined if relaying was
   * allowed", its log says): "550 I cannot deliver mail for <x>" */
  P(NORELAYING, "i cannot deliver mail for"),
  /* hMailServer, when the IP range the client is in may not send to a
   * recipient of that kind (an external one, as a rule): "550 Delivery
   * is not allowed to this address." */
  P(NORELAYING, "delivery is not allowed to this address"),
  P(NORELAYING, "insecure mail relay"),
  P(NORELAYING, "relay prohibited"),
  P(NORELAYING, "relais refusé%"),
  P(NORELAYING, "relais interdit"),
  P(NORELAYING, "relaying nicht erlaubt"),
  P(NORELAYING, "relay nicht erlaubt"),
  P(NORELAYING, "relay denegado"),
  P(NORELAYING, "retransmisión denegada"),
  P(NORELAYING, "relay negado"),
  P(NORELAYING, "relay non consentito"),
  P(NORELAYING, "ретрансляция запрещена"),
  P(NORELAYING, "拒绝中继"),
  P(NORELAYING, "不允许中继"),
  P(NORELAYING, "relais non autorisé%"),
  P(NORELAYING, "relay no permitido"),
  P(NORELAYING, "relay não permitido"),
  P(NORELAYING, "relay negato"),
  P(NORELAYING, "relay niet toegestaan"),
  P(NORELAYING, "relaying niet toegestaan"),
  P(NORELAYING, "ретрансляцію заборонено"),
  P(NORELAYING, "リレーは許可されていません"),
  P(NORELAYING, "中継は許可されていません"),
  P(NORELAYING, "릴레이가 허용되지 않습니다"),

  /* ---- The sending host or IP address is blocked. ---- */
  /* Exchange Online, to a tenant that sends from domains it has not
   * registered as accepted domains: "550 5.7.750 Service unavailable.
   * Client blocked from sending from unregistered domains"
   * (learn.microsoft.com, "Fix error code 5.7.700 through 5.7.750").
   * lib/rhost/microsoft.c reads 5.7.750 from Microsoft's own hosts; where
   * a relay quotes it the x.7 status alone read securityerror */
  P(BLOCKED, "client blocked from sending from unregistered domain%"),
  /* Exchange Online, to a sender that connects over IPv6 to a domain
   * that has not opted in to IPv6: "550 5.2.1 Service unavailable,
   * [contoso.com] does not accept email over IPv6" (learn.microsoft.com,
   * "Add support for anonymous inbound email over IPv6") and "550 5.7.510
   * Access denied, [contoso.com] does not accept email over IPv6" (its
   * NDR table). The domain takes mail over IPv4: the sending host's
   * connection is refused, not the domain's mail (sure against the null
   * MX's "does not accept email"). A relay or a report that names no
   * Microsoft host quotes it too, so the words decide, not the provider
   * layer's 5.7.510 */
  SURE(BLOCKED, "does not accept email over ipv6"),
  P(BLOCKED, "blacklisted"),
  P(BLOCKED, "blacklist"),
  P(BLOCKED, "black list"),
  P(BLOCKED, "block list"),
  /* Gmail (support.google.com/a/answer/3726730): "421 4.7.0 IP not in
   * whitelist for RCPT domain, closing connection.": the recipient's domain
   * takes mail only from the IPs it lists; the words say so wherever the
   * reply is relayed */
  P(BLOCKED, "ip not in whitelist"),
  P(BLOCKED, "blocklist"),
  P(BLOCKED, "blocklisted"),
  P(BLOCKED, "denylist"),
  LINK(BLOCKED, "spamhaus"),
  LINK(BLOCKED, "spamcop"),
  /* Lists of sending hosts (no content lists), named by their zone or
   * lookup page: sure, as the list's own words after a hit are about the
   * IP ("Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?
   * 192.0.2.1", which qmail's rblsmtpd answers bare; Barracuda's lookup
   * page lies under /reputation/). Spamhaus is not one: its DBL lists
   * domains in content. The bare name is not sure: SpamAssassin's test
   * names (RCVD_IN_SORBS_DUL) stand in the verdict of a content filter,
   * and SORBS's rhsbl zone lists sender domains. */
  LINK(BLOCKED, "sorbs"),
  SURE_LINK(BLOCKED, "dnsbl.sorbs.net"),
  SURE_LINK(BLOCKED, "sorbs.net/lookup"),
  SURE_LINK(BLOCKED, "barracudacentral"),
  SURE_LINK(BLOCKED, "barracudanetworks.com/reputation"),
  LINK(BLOCKED, "abuseat"),
  LINK(BLOCKED, "uceprotect"),
  P(BLOCKED, "client host rejected"),
  P(BLOCKED, "client host blocked"),
  P(BLOCKED, "client host * blocked"),
  P(BLOCKED, "your ip address"),
  P(BLOCKED, "ip address * blocked"),
  P(BLOCKED, "ip * is blocked"),
  P(BLOCKED, "blocked ip"),
  P(BLOCKED, "dynamic ip"),
  P(BLOCKED, "dial-up"),
  P(BLOCKED, "dialup"),
  P(BLOCKED, "residential"),
  P(BLOCKED, "smtp server of your isp"),
  P(BLOCKED, "listed in"),
  /* the sending host a block list names as infected, not the message:
   * "550 5.7.1 Your host 192.0.2.15 is infected with malware (listed in
   * cbl.abuseat.org)" (sure: "malware" is in it) */
  SURE(BLOCKED, "host * infected with malware"),
  LINK(BLOCKED, "rbl"),
  LINK(BLOCKED, "dnsbl"),
  /* Trend Micro Email Reputation Services, which its hosted filter and
   * InterScan appliances (or an MTA that queries it) name as the reason of
   * a refusal of the sending IP, worded as the recipient's ("450 4.7.1
   * <a@example.org>: Recipient address rejected: ERS-QIL."): Trend
   * Micro's help pages ("Sender IP found in QIL", success.trendmicro.com
   * KA-0001346) explain QIL as its quick list of IPs spam detectors
   * caught, denied for 5 minutes to 12 hours, DUL as its list of dynamic
   * (dial-up, residential) IP ranges; ERS-RBL, its block list, is read
   * by "rbl" above */
  P(BLOCKED, "ers - qil"),
  P(BLOCKED, "ers - dul"),
  P(BLOCKED, "connection refused by"),
  /* ... but not by an address literal: Sendmail's errstring() writes
   * "Connection refused by %s" with CurHostName, the bracketed address
   * of a route the sending site set up itself (a SMART_HOST or
   * mailertable entry "relay:[192.0.2.1]", the loopback) where it writes
   * a looked-up MX by name. Nothing there refused the sender; nothing
   * listened (sure against the row above, whose words it holds). */
  {BN_CAUSE_CONN_REFUSED, "connection refused by [", true, false},
  {BN_CAUSE_TALK_REFUSED, "refused to talk to me", false, false},
  P(BLOCKED, "not accepting connections"),
  P(BLOCKED, "my name was rejected"),
  P(BLOCKED, "invalid ip for sending mail"),
  P(BLOCKED, "too many unwanted messages"),
  /* Sendmail 8.9-8.12's DNS block list refusal: "Mail from 192.0.2.1
   * refused by blackhole site relays.example.org" */
  P(BLOCKED, "refused by blackhole site"),
  /* free.fr: "421 Too many spams from your IP (192.0.2.1), please visit
   * http://postmaster.free.fr/" */
  P(BLOCKED, "too many spams from your ip"),
  /* Orange (OFR006 codes): "550 mwinf5c14 ME Adresse IP source bloquee
   * pour incident de spam. Client host blocked for spamming issues.
   * OFR006_102 Ref http://csi.cloudmark.com/...": the IP is held off for
   * what it sent before, not this message's content (sure: "spam" would
   * say content) */
  SURE(BLOCKED, "client host blocked for spamming"),
  SURE(BLOCKED, "adresse ip source bloquee"),
  SURE(BLOCKED, "adresse ip source bloquée"),
  /* a refusal at the greeting of the client itself: "554 5.7.1 You are
   * not allowed to connect." (the x.7.1 alone would say securityerror) */
  P(BLOCKED, "not allowed to connect"),
  /* a block list naming the IP it lists: "550 5.7.1 IP 192.0.2.1 blocked
   * by Vade Threat List (OXSUS001_101)" */
  P(BLOCKED, "ip * blocked by"),
  P(BLOCKED, "( bl )"),
  P(BLOCKED, "open relay"),
  P(BLOCKED, "no access from mail server"),
  /* Exchange Online, 5.7.606-649 and 5.7.708: "Access denied, banned
   * sending IP [192.0.2.1]", "Access denied, traffic not accepted from this
   * IP" */
  P(BLOCKED, "banned sending ip"),
  P(BLOCKED, "traffic not accepted from this ip"),
  /* Postfix's reject_*_helo_hostname: "Helo command rejected: Host not
   * found" is about the sending host's name, not the recipient's domain */
  SURE(BLOCKED, "helo command rejected"),
  /* iRedAPD's wblist_rdns plugin, the client's reverse name on the
   * administrator's block list: "Blacklisted reverse DNS name of server IP
   * address" (libs/__init__.py). Sure: the name exists, it is refused,
   * whatever "reverse dns" says alone */
  SURE(BLOCKED, "blacklisted reverse dns name"),
  /* Mimecast: "550 Access denied - Invalid HELO name (See RFC2821
   * 4.1.1.1)", the name the sending host gave */
  P(BLOCKED, "invalid helo name"),
  /* Sendmail's FEATURE(block_bad_helo): "550 5.7.1 bogus HELO name used:
   * 192.0.2.1", the client greeting with the server's own name or IP */
  P(BLOCKED, "bogus helo name"),
  /* maddy's require_matching_ehlo check: "550 5.7.0 IP in EHLO is not
   * the same as the actual client IP", "550 5.7.0 No matching A/AAA records
   * found for the EHLO hostname" (the x.7.0 alone would say securityerror) */
  P(BLOCKED, "ip in ehlo is not the same"),
  P(BLOCKED, "records found for the ehlo hostname"),
  /* qmail's spamcontrol patch, the client's HELO name on its list of names
   * it refuses: "553 sorry, your HELO/EHLO greeting is in my badhelo list
   * (#5.7.1)" (the x.7.1 alone would say securityerror) */
  P(BLOCKED, "in my badhelo list"),
  /* Outlook.com: "Hotmail does not relay dynamically-assigned IP ranges" */
  P(BLOCKED, "dynamically-assigned"),
  P(BLOCKED, "dynamically assigned ip"),
  /* Proofpoint: "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/
   * ?ip=192.0.2.1" */
  LINK(BLOCKED, "ipcheck.proofpoint.com"),
  /* T-Online's refusal of a sending server it does not take mail from
   * (its postmaster pages: the operator asks tosa@ to lift it): "554
   * IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to
   * contact tosa@rx.t-online.de to clarify.)", a tag such as "(BL)" after
   * it at times (the address is a link: its words do not count) */
  P(BLOCKED, "ask your postmaster for help or to contact"),
  /* Cloudmark Sender Intelligence (Comcast, Cox, BlueTie cite it) */
  P(BLOCKED, "cloudmark sender intelligence"),
  LINK(BLOCKED, "csi.cloudmark.com"),
  /* Trend Micro Email Reputation Services is a block list of IP
   * addresses, looked up at mail-abuse.com ("blocked using Trend Micro
   * Email Reputation database"): the word reputation in its name does not
   * make it a reputation score */
  SURE(BLOCKED, "trend micro email reputation"),
  /* likewise the Barracuda Reputation Block List: "blocked using
   * Barracuda Reputation; http://www.barracudanetworks.com/reputation/" */
  SURE(BLOCKED, "barracuda reputation"),
  SURE_LINK(BLOCKED, "mail-abuse.com"),
  SURE_LINK(BLOCKED, "mail-abuse.org"),
  /* "blocked using <list>" names a DNS block list whatever the list says
   * of the IP ("Currently Sending Spam"); SpamCop's "Spam blocked see:
   * http://spamcop.net/bl.shtml?ip" likewise */
  SURE(BLOCKED, "blocked using"),
  SURE_LINK(BLOCKED, "spamcop.net/bl"),
  P(BLOCKED, "black listed"),
  /* GMX and web.de: "554-IP address is block listed." */
  P(BLOCKED, "block listed"),
  /* The default refusals of a DNS block list hit: Exim's dnslists,
   * "rejected because 192.0.2.1 is in a black list at dnsbl.example.org",
   * followed by the list's own TXT text, which may say "Currently Sending
   * Spam" or give a lookup page under /reputation/ (sure, as "blocked
   * using" is); Sendmail's FEATURE(dnsbl), "550 Rejected: 192.0.2.1 listed
   * at dnsbl.example.org", said at MAIL (not the sender) or at RCPT (with
   * its "Rejected:": "the reasons listed at <a page>" names no list) */
  SURE(BLOCKED, "is in a black list at"),
  /* cPanel's Exim, its DNS block list check: "JunkMail rejected -
   * mx.example.com [192.0.2.1]:25 is in an RBL, see <the list's text>",
   * which for Cloudmark's list is "Poor Reputation Sender": the IP is on
   * a list, whatever the list calls it */
  SURE(BLOCKED, "is in an rbl"),
  P(BLOCKED, "rejected: * listed at"),
  /* the same refusal with a dash, "550 5.7.1 Rejected - listed at
   * dnsbl.example.org": "listed at" alone may point at a page of reasons,
   * the refusal before it makes it a list */
  P(BLOCKED, "rejected - listed at"),
  /* policyd-weight (a Postfix policy server that weighs the client's
   * DNSBL listings, HELO, reverse DNS and the sender domain's MX at RCPT,
   * before any content is sent), its default refusal: "550 Mail appeared
   * to be SPAM or forged. Ask your Mail/DNS-Administrator to correct HELO
   * and DNS MX settings or to get removed from DNSBLs"; and when the
   * DNSBLs alone pass its limit, "550 Your MTA is listed in too many
   * DNSBLs". Sure: its "SPAM" judges the sending host, not content. */
  SURE(BLOCKED, "mail appeared to be spam or forged"),
  /* Gmail: "The IP you're using to send mail is not authorized to send
   * email directly to our servers" (a dynamic or consumer IP) */
  P(BLOCKED, "not authorized to send email directly to our servers"),
  P(BLOCKED, "liste noire"),
  P(BLOCKED, "lista negra"),
  P(BLOCKED, "lista nera"),
  P(BLOCKED, "zwarte lijst"),
  P(BLOCKED, "черный список"),
  P(BLOCKED, "чёрный список"),
  P(BLOCKED, "черном списке"),
  P(BLOCKED, "чёрном списке"),
  P(BLOCKED, "黑名单"),
  P(BLOCKED, "ブラックリスト"),
  /* the sending IP blocked, in the words of each language ("Adresse IP
   * bloquée", "Ihre IP-Adresse ist gesperrt") and the black list's
   * declined forms ("na czarnej liście", "kara listede") */
  P(BLOCKED, "ip bloquée"),
  P(BLOCKED, "ip a été bloquée"),
  P(BLOCKED, "ip est bloquée"),
  P(BLOCKED, "ip-adresse gesperrt"),
  P(BLOCKED, "ip-adresse ist gesperrt"),
  P(BLOCKED, "ip-adresse wurde gesperrt"),
  P(BLOCKED, "ip bloqueada"),
  P(BLOCKED, "ip ha sido bloqueada"),
  P(BLOCKED, "ip está bloqueada"),
  P(BLOCKED, "ip bloqueado"),
  P(BLOCKED, "ip foi bloqueado"),
  P(BLOCKED, "ip está bloqueado"),
  P(BLOCKED, "ip bloccato"),
  P(BLOCKED, "ip è stato bloccato"),
  P(BLOCKED, "ip-adres geblokkeerd"),
  P(BLOCKED, "ip-adres is geblokkeerd"),
  P(BLOCKED, "ip zablokowany"),
  P(BLOCKED, "ip został zablokowany"),
  P(BLOCKED, "czarna lista"),
  P(BLOCKED, "czarnej liście"),
  P(BLOCKED, "černá listina"),
  P(BLOCKED, "černé listině"),
  P(BLOCKED, "ip adresa je blokována"),
  P(BLOCKED, "ip-адрес заблокирован"),
  P(BLOCKED, "ip адрес заблокирован"),
  P(BLOCKED, "чорний список"),
  P(BLOCKED, "чорному списку"),
  P(BLOCKED, "ip-адресу заблоковано"),
  P(BLOCKED, "kara liste%"),
  P(BLOCKED, "%ipアドレスがブロック"),
  P(BLOCKED, "블랙리스트"),
  P(BLOCKED, "%ip가 차단"),

  /* ---- The sending IP has no or a mismatching reverse DNS name. ---- */
  P(REQUIREPTR, "reverse dns"),
  P(REQUIREPTR, "ptr record%"),
  P(REQUIREPTR, "ptr resource record"),
  P(REQUIREPTR, "no ptr"),
  /* Gmail 4.7.23: "The sending IP does not match the IP address of the
   * hostname specified in the pointer (PTR) record" (Google's "SMTP errors
   * and codes"): forward-confirmed reverse DNS, where RFC 7372 gives
   * x.7.23 to an SPF failure */
  P(REQUIREPTR, "pointer (ptr) record"),
  P(REQUIREPTR, "reverse lookup"),
  P(REQUIREPTR, "rdns"),
  P(REQUIREPTR, "cannot find your hostname"),
  P(REQUIREPTR, "cannot resolve your address"),
  P(REQUIREPTR, "cannot find your reverse hostname"),
  P(REQUIREPTR, "ip name lookup failed"),
  /* policyd-weight, when neither the client, its HELO name nor the sender
   * domain resolve: "450 No DNS entries for your MTA, HELO and Domain.
   * Contact YOUR administrator" (the x.7.1 Postfix puts before it would
   * say securityerror) */
  P(REQUIREPTR, "no dns entries for your mta"),
  P(REQUIREPTR, "unverifyable sending ip%"),
  P(REQUIREPTR, "unverifiable sending ip%"),
  P(REQUIREPTR, "without a valid sender domain"),
  P(REQUIREPTR, "dns inverse"),
  P(REQUIREPTR, "dns inverso"),
  P(REQUIREPTR, "résolution inverse"),
  /* Outlook.com's "550 domain [sender.example] mismatches client ip
   * 192.0.2.1.": the sending host's name does not resolve to its address
   * (corpus lhost-outlook-09); said alike in any notice that quotes it */
  P(REQUIREPTR, "mismatches client ip"),
  /* Forward-confirmed reverse DNS, the check that the client's name and
   * address lead to each other: qpsmtpd's helo plugin, "That HELO
   * hostname fails FCrDNS" (plugins/helo, policy strict) */
  P(REQUIREPTR, "fcrdns"),

  /* ---- SPF, DKIM or DMARC failed. ---- */
  /* The bare words also name headers (Received-SPF, DKIM-Signature,
   * "dmarc=pass" in Authentication-Results): only their failures count. */
  /* SPF's own explanation of a fail (RFC 7208 section 6.2's default),
   * quoted without the word SPF: "domain of example.com does not
   * designate 192.0.2.1 as permitted sender" */
  P(AUTHFAILURE, "does not designate * as permitted sender"),
  P(AUTHFAILURE, "spf check%"),
  P(AUTHFAILURE, "spf validation"),
  /* the Chinese reply list (blog.sina.com.cn): "556 remote ip check
   * error." (发信ip与Mail From地址不一致, the sending IP does not match the
   * MAIL FROM address's domain); not RFC 7504's 556, a domain that takes
   * no mail */
  P(AUTHFAILURE, "remote ip check error"),
  P(AUTHFAILURE, "spf record%"),
  P(AUTHFAILURE, "spf policy"),
  P(AUTHFAILURE, "spf fail%"),
  P(AUTHFAILURE, "spf authentication"),
  P(AUTHFAILURE, "spf hard fail"),
  /* Mimecast: "550 SPF Sender Invalid - envelope rejected" */
  P(AUTHFAILURE, "spf sender invalid"),
  P(AUTHFAILURE, "spf=fail"),
  P(AUTHFAILURE, "spf: fail"),
  P(AUTHFAILURE, "fails spf"),
  P(AUTHFAILURE, "failed spf"),
  P(AUTHFAILURE, "pass spf"),
  P(AUTHFAILURE, "spf or dkim"),
  /* pypolicyd-spf: "Message rejected due to: SPF Permanent Error: Too many
   * DNS lookups"; Exchange Online (5.1.0): "Recipient address rejected:
   * SPF Permanent Error" (the sender domain's record cannot be evaluated) */
  P(AUTHFAILURE, "spf permanent error"),
  /* the same checks when the sender domain's DNS did not answer: the
   * message is deferred until its SPF record can be read (pypolicyd-spf:
   * "450 4.4.3 <a@b>: Recipient address rejected: SPF Temporary Error:
   * DNS Timeout"; Haraka's spf plugin: "... SPF Temporary Error"); the
   * 4.4.3 alone would read as the sending MTA's own routing trouble */
  P(AUTHFAILURE, "spf temporary error"),
  /* The page SPF libraries name in their default explanation of a fail,
   * which the refusal then quotes without the word SPF: Mail::SPF (and
   * postfix-policyd-spf-perl) "Please see http://www.openspf.net/Why?s=
   * mfrom;id=...;ip=...;r=...", Mail::SPF::Query and spf-milter "...
   * http://www.openspf.org/why.html?sender=...&ip=...", libspf2 (Exim's
   * spf condition) "Please see http://www.open-spf.org/Why", and before
   * 2006 Mail::SPF::Query's "Please see http://spf.pobox.com/why.html?
   * sender=...&ip=...&receiver=..." */
  LINK(AUTHFAILURE, "openspf.net/why"),
  LINK(AUTHFAILURE, "spf.pobox.com"),
  LINK(AUTHFAILURE, "openspf.org/why"),
  LINK(AUTHFAILURE, "open-spf.org/why"),
  P(AUTHFAILURE, "dkim check%"),
  P(AUTHFAILURE, "dkim validation"),
  P(AUTHFAILURE, "dkim verification"),
  P(AUTHFAILURE, "dkim fail%"),
  P(AUTHFAILURE, "dkim=fail"),
  P(AUTHFAILURE, "dkim signature%"),
  P(AUTHFAILURE, "dkim authentication"),
  P(AUTHFAILURE, "valid dkim"),
  /* Exchange: "550 5.7.1 Sender ID (PRA) Not Permitted"; Exim's SPF ACL:
   * "[SPF] 192.0.2.1 is not allowed to send mail from example.org";
   * Mimecast: "DMARC Sender Invalid - envelope rejected" */
  P(AUTHFAILURE, "sender id (pra)"),
  P(AUTHFAILURE, "[spf]"),
  P(AUTHFAILURE, "dmarc sender invalid"),
  /* "DMARC authentication failed", "SPF/DKIM/DMARC authentication
   * failure": the "authentication failed" of an SMTP login (securityerror)
   * in it is the message's, as with SPF and DKIM above */
  P(AUTHFAILURE, "dmarc authentication"),
  P(AUTHFAILURE, "dmarc polic%"),
  P(AUTHFAILURE, "dmarc verification"),
  P(AUTHFAILURE, "dmarc check%"),
  P(AUTHFAILURE, "dmarc fail%"),
  P(AUTHFAILURE, "dmarc=fail"),
  P(AUTHFAILURE, "dmarc reject%"),
  P(AUTHFAILURE, "pass dmarc"),
  P(AUTHFAILURE, "per dmarc"),
  P(AUTHFAILURE, "dmarc initiative"),
  P(AUTHFAILURE, "sender policy framework"),
  P(AUTHFAILURE, "unauthenticated email"),
  P(AUTHFAILURE, "sender is unauthenticated"),
  P(AUTHFAILURE, "does not have authentication information"),
  P(AUTHFAILURE, "fails to pass authentication checks"),
  P(AUTHFAILURE, "authentication checks failed"),

  /* ---- The sender's reputation is too low. ---- */
  P(BADREPUTATION, "reputation"),
  P(BADREPUTATION, "user complaints"),
  /* Gmail: "this message is suspicious due to the very low reputation of
   * the sending IP address. To protect our users from spam, ...": the
   * spam is only the reason for the rule */
  SURE(BADREPUTATION, "low reputation of the sending"),
  /* Gmail: "Our system has detected an unusual rate of unsolicited mail
   * originating from your IP address" (421 4.7.0 / 4.7.28, 550 5.7.1): the
   * IP's record, the same wherever it is quoted (Gmail's own notice names
   * no host), not this message's content */
  SURE(BADREPUTATION, "unusual rate of unsolicited mail"),
  /* Gmail 4.7.28, the same for a sending domain: "421-4.7.28 Gmail has
   * detected an unusual rate of mail originating from your SPF domain
   * [example.com]. To protect our users from spam, mail sent from your
   * domain has been temporarily rate limited." (DKIM domain likewise):
   * the domain's record, not content nor a plain rate */
  SURE(BADREPUTATION, "unusual rate of mail originating from your"),

  /* ---- The content was taken for spam. ---- */
  P(SPAMDETECTED, "spam"),
  P(SPAMDETECTED, "junk mail"),
  P(SPAMDETECTED, "unsolicited"),
  P(SPAMDETECTED, "ube"),
  P(SPAMDETECTED, "message content rejected"),
  P(SPAMDETECTED, "content filter"),
  /* spamdyke's header block list: "Refused. Your message has been blocked
   * due to its content."; simscan's regular expressions on the message:
   * "Your email was rejected because it matches a filter (x)" */
  P(SPAMDETECTED, "blocked due to its content"),
  P(SPAMDETECTED, "because it matches a filter"),
  /* Exchange's content filter agent, its default rejection text */
  P(SPAMDETECTED, "rejected due to content restrictions"),
  P(SPAMDETECTED, "blacklisted url"),
  /* URIBL, like SURBL, lists the domains of links in content; it is
   * named by its zones ("multi.uribl.com", "black.uribl.com") */
  LINK(SPAMDETECTED, "uribl"),
  /* SpamExperts: "550 A URL in this email (example.com) is listed on
   * https://spamrl.com/": a link in the content is on a URI list, whatever
   * the list is called */
  P(SPAMDETECTED, "url in this email"),
  /* the same verdict in other words, a URI list's hit on a link in the
   * body: "550 5.7.1 URL in message is listed on a blocklist", "a URL in
   * the message body is blacklisted", "554 5.7.1 Message contains a
   * blacklisted URL" (the refusal SURBL's and URIBL's users quote, e.g.
   * simplefastwebsites.com/errors/security/surbl-uri-blocklist-listed/:
   * "these lists check domains and hostnames found inside the message
   * body"). The list's words ("blacklisted", "blocklist") say blocked of a
   * sending host elsewhere; here the listed thing is in the content */
  P(SPAMDETECTED, "url in message"),
  P(SPAMDETECTED, "url in the message"),
  P(SPAMDETECTED, "url in this message"),
  P(SPAMDETECTED, "urls in the message"),
  P(SPAMDETECTED, "message contains a blacklisted"),
  P(SPAMDETECTED, "message contains a blocklisted"),
  P(SPAMDETECTED, "message contains blacklisted"),
  P(SPAMDETECTED, "message contains blocklisted"),
  P(SPAMDETECTED, "blocklisted url"),
  LINK(SPAMDETECTED, "surbl"),
  /* The Spamhaus DBL: its page (spamhaus.org/dbl) says it lists domains
   * used in spam and is meant primarily for checks of the URIs in a
   * message's body: a content filter's "URL example.com is listed in
   * Spamhaus DBL" is the content. Its other uses (HELO, sender and client
   * domains) are the sending side's: Postfix's "... blocked using
   * dbl.spamhaus.org" (sure, above), and a reply naming such a domain or
   * given before DATA (reason.c, dbl_names_sending_side). */
  P(SPAMDETECTED, "spamhaus dbl"),
  LINK(SPAMDETECTED, "dbl.spamhaus.org"),
  P(SPAMDETECTED, "spam signature"),
  /* DCC, the bulk-mail checksum filter (dccm, dccifd, Exim's dcc
   * condition): "550 5.7.1 mail <id> from 192.0.2.1 rejected by DCC" */
  P(SPAMDETECTED, "rejected by dcc"),
  P(SPAMDETECTED, "スパムと判定"),
  P(SPAMDETECTED, "spamassassin"),
  P(SPAMDETECTED, "classified as spam"),
  P(SPAMDETECTED, "pourriel"),
  P(SPAMDETECTED, "спам%"),
  /* the filter that refused the message, as its agent ("Сообщение
   * отклонено антиспам-фильтром", "Лист відхилено антиспамом"); the
   * same word after "проверено" (checked) is a scanner's stamp */
  P(SPAMDETECTED, "отклонено антиспам%"),
  P(SPAMDETECTED, "заблокировано антиспам%"),
  P(SPAMDETECTED, "відхилено антиспам%"),
  P(SPAMDETECTED, "заблоковано антиспам%"),
  P(SPAMDETECTED, "垃圾邮件"),
  P(SPAMDETECTED, "迷惑メール"),
  /* Coremail (NetEase, QQ): "550 Error: content rejected" */
  P(SPAMDETECTED, "error: content rejected"),
  /* GoDaddy: "552 Message rejected for spam or virus content": a content
   * filter, not a virus found */
  SURE(SPAMDETECTED, "spam or virus"),
  P(SPAMDETECTED, "correo no deseado"),
  P(SPAMDETECTED, "posta indesiderata"),
  P(SPAMDETECTED, "垃圾郵件"),
  P(SPAMDETECTED, "스팸"),
  P(SPAMDETECTED, "courrier indésirable"),

  /* ---- The content carries a virus. ---- */
  P(VIRUSDETECTED, "virus"),
  P(VIRUSDETECTED, "viruses"),
  /* malware the message carries: Exim's malware ACL as its specification
   * and packages write it, "550 This message contains malware
   * (Eicar-Test-Signature)"; Debian's exim4 check_data example, "This
   * message was detected as possible malware (...)"; and a scanner's
   * other words for it ("Malware detected", "malware found in message").
   * A host a block list says is infected is the listing's (a sure
   * blocked row). */
  P(VIRUSDETECTED, "malware"),
  /* a scanner's name of what it found is dotted like a host name
   * ("Infected (Js.Trojan.Agent)", "Trojan.Win32.Agent"), and the word
   * is one in no mail host's or help page's name */
  LINK(VIRUSDETECTED, "trojan"),
  P(VIRUSDETECTED, "malicious"),
  /* the word and its cases ("вирусом"), not the scanner that looked at
   * the message ("проверено антивирусом") */
  P(VIRUSDETECTED, "вирус%"),
  P(VIRUSDETECTED, "ウイルス"),
  P(VIRUSDETECTED, "病毒"),
  P(VIRUSDETECTED, "바이러스"),
  P(VIRUSDETECTED, "vírus"),
  /* Polish declines it ("zawiera wirusa"); Turkish and Ukrainian spell it
   * "virüs", "вірус" */
  P(VIRUSDETECTED, "wirus%"),
  P(VIRUSDETECTED, "virüs%"),
  P(VIRUSDETECTED, "вірус%"),
  /* the scanner as the agent of the refusal ("Письмо отклонено
   * антивирусом"), not the stamp of one that passed it */
  P(VIRUSDETECTED, "отклонено антивирус%"),
  P(VIRUSDETECTED, "заблокировано антивирус%"),
  P(VIRUSDETECTED, "відхилено антивірус%"),
  P(VIRUSDETECTED, "заблоковано антивірус%"),
  /* amavisd-new's refusal names the category it put the message in:
   * "554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature" */
  P(VIRUSDETECTED, "- infected :"),
  /* clamav-milter: "550 5.7.1 Infected: Eicar-Test-Signature" */
  P(VIRUSDETECTED, "infected :"),
  /* Haraka's virus scanner plugins (clamd, esets, avg): "550 Message is
   * infected with Eicar-Test-Signature"; milter-clamc: "550 5.7.1 message
   * is INFECTED with ..." (the message, not a host a block list says is
   * infected) */
  P(VIRUSDETECTED, "message is infected with"),
  /* A scanner's stamp on mail it passed, which gateways and desktop
   * antivirus append as a footer: not a virus found (reason.h). Avast's
   * "This email has been checked for viruses by Avast antivirus
   * software." and its later "Virus-free. www.avast.com"; MessageLabs'
   * "This email has been scanned for all viruses by the MessageLabs
   * Email Security System."; AVG's certification "No virus found in this
   * message." (or "incoming message") */
  SCAN_STAMP("been scanned for viruses"),
  SCAN_STAMP("been scanned for all viruses"),
  SCAN_STAMP("been checked for viruses"),
  SCAN_STAMP("virus-free"),
  SCAN_STAMP("no virus found in this"),
  /* the lines under AVG's certification, "Checked by AVG - www.avg.com" /
   * "Version: ... / Virus Database: ... - Release Date: ...": the
   * scanner's signature database, no verdict */
  SCAN_STAMP("virus database"),
  /* Disclaimers' "Although this e-mail and any attachments are believed to
   * be free from any virus, ...", "... we have taken steps to ensure that
   * this e-mail and attachments are free from any virus, we accept no
   * responsibility for any virus they may contain." The assurance, not a
   * refusal's "could not be confirmed free from any virus". */
  SCAN_STAMP("be free from any virus"),
  SCAN_STAMP("are free from any virus"),

  /* ---- The message breaks a local policy. ---- */
  P(POLICYVIOLATION, "policy"),
  P(POLICYVIOLATION, "policies"),
  P(POLICYVIOLATION, "policy violation"),
  P(POLICYVIOLATION, "policy reasons"),
  P(POLICYVIOLATION, "protocol violation"),
  P(POLICYVIOLATION, "prohibited"),
  /* Gmail: "552 5.7.0 ... illegal attachment", "blocked because its
   * content presents a potential security issue" */
  P(POLICYVIOLATION, "illegal attachment"),
  /* Sendmail's header checks (check_* rulesets an administrator writes
   * for Subject, From or X-Mailer) answer "553 Header error": a rule of the
   * site's, not a malformed message */
  P(POLICYVIOLATION, "header error"),
  /* Exchange's attachment filter: "Message rejected due to unacceptable
   * attachments" */
  P(POLICYVIOLATION, "unacceptable attachment%"),
  /* An attachment filter's ban on a type of file: "550 5.7.1 Message
   * content rejected: attachment type not allowed", "552 5.7.1 attachment
   * not allowed", "Message rejected: attachment x.exe not allowed", "554
   * banned attachment". A rule of the site's (policyviolation, as the
   * filters above; contenterror is a message malformed), sure against the
   * generic "message content rejected" such a filter opens with, which
   * alone reads as a spam verdict. With words between (a file's name, or
   * a size: "attachment size exceeds limit, not allowed") not sure, so
   * that a size refusal stays one */
  SURE(POLICYVIOLATION, "attachment type not allowed"),
  SURE(POLICYVIOLATION, "attachment type is not allowed"),
  SURE(POLICYVIOLATION, "attachment not allowed"),
  SURE(POLICYVIOLATION, "attachment is not allowed"),
  P(POLICYVIOLATION, "attachment * not allowed"),
  SURE(POLICYVIOLATION, "attachments not allowed"),
  SURE(POLICYVIOLATION, "attachments are not allowed"),
  SURE(POLICYVIOLATION, "banned attachment%"),
  /* simscan: "Your email was rejected because it contains a bad
   * attachment: x.exe" */
  P(POLICYVIOLATION, "contains a bad attachment"),
  P(POLICYVIOLATION, "content presents a potential security issue"),
  /* An attachment filter refusing Office documents with macros: "552
   * MS-Office file containing VBA macros found inside of the email", one of
   * the refusals Broadcom's KB 162445 quotes from bounces of Symantec
   * Email Security.cloud; a type of attachment the site bans, whatever
   * the macro does */
  P(POLICYVIOLATION, "containing vba macros"),
  /* amavisd-new: a banned attachment ("- BANNED: P=p003,...,N=x.exe") */
  P(POLICYVIOLATION, "- banned :"),
  /* Greylisting: a receiver's anti-spam policy defers the first attempt
   * from an unknown client, sender and recipient ("450 4.2.0 <x>:
   * Recipient address rejected: Greylisted, see http://postgrey...", "451
   * 4.7.1 Greylisting in action, please come back later"); a retry gets
   * through: nothing to authenticate (x.7.1 alone says securityerror), no
   * block list, no rate. Sure: run among Postfix's client restrictions,
   * the policy server's words follow "Client host rejected:", a block. */
  SURE(POLICYVIOLATION, "greylist%"),
  SURE(POLICYVIOLATION, "graylist%"),
  /* qpsmtpd's headers plugin, the bounds its "past" and "future" settings
   * put on the Date: field (RFC 5322 sets none): "The Date header is too
   * far in the past" (plugins/headers) */
  P(POLICYVIOLATION, "date header is too far in the"),
  /* qpsmtpd's greylisting plugin defers with its own words, greylisting
   * unnamed: "450 This mail is temporarily denied" (its DENYMSG), by
   * default in reply to MAIL FROM, where a refusal alone reads as the
   * sender's */
  P(POLICYVIOLATION, "this mail is temporarily denied"),
  /* Italian certified mail (PEC): a PEC mailbox takes ordinary mail only
   * when its owner enables it. Aruba's PEC guide ("Risoluzione agli errori
   * comuni nell'invio e nella ricezione della PEC", guide.pec.it) quotes
   * "554 <x>: Messaggio rifiutato dal sistema. Indirizzo destinatario
   * sconosciuto o non abilitato alla ricezione di posta non certificata"
   * and says it comes of ordinary mail sent to a PEC mailbox not enabled
   * for it: the mailbox exists. Sure against "destinatario sconosciuto",
   * the words it holds. */
  SURE(POLICYVIOLATION, "non abilitato alla ricezione di posta non certificata"),

  /* ---- The sender sends too fast. ---- */
  P(SPEEDING, "rate limit"),
  P(SPEEDING, "rate limited"),
  P(SPEEDING, "too many messages"),
  P(SPEEDING, "sending rate"),
  /* Google's SMTP relay service (support.google.com/a/answer/3726730):
   * "450 4.2.1 Peak SMTP relay limit exceeded for customer", "550 5.4.5
   * Daily SMTP relay limit exceeded for user": the sender's sending quota,
   * not the recipient's mailbox the x.2.1 status would say */
  P(SPEEDING, "relay limit exceeded"),
  /* Postfix policy servers: "Error: too much mail from 192.0.2.1"; rspamd:
   * 'Ratelimit "to_ip_from" exceeded'; Exchange: "Message submission rate
   * for this client has exceeded the configured limit"; Exim: "Sender
   * rate overlimit" */
  P(SPEEDING, "too much mail from"),
  /* Postfix's anvil(8) limits per client, said with the client's address:
   * smtpd_client_recipient_rate_limit, "450 4.7.1 Error: too many
   * recipients from 192.0.2.1" (recipients a minute, not too many in one
   * message: sure, as "too many recipients" says toomanyconn; with
   * Postfix's "Error:", as others write "too many recipients from
   * <sender> in a single message" of one message's count), and
   * smtpd_client_new_tls_session_rate_limit, "454 4.7.0 Error: too many
   * new TLS sessions from 192.0.2.1" (the x.7.0 alone says securityerror) */
  SURE(SPEEDING, "error: too many recipients from"),
  P(SPEEDING, "too many new tls sessions"),
  P(SPEEDING, "ratelimit"),
  P(SPEEDING, "submission rate"),
  P(SPEEDING, "rate overlimit"),
  P(SPEEDING, "throttl%"),
  P(SPEEDING, "too fast"),
  /* Gmail: "receiving mail at a rate that prevents additional messages
   * from being delivered", "receiving mail too quickly"; Yahoo: "User is
   * receiving mail too quickly"; Apple iCloud: "deferred due to excessive
   * volume"; Rackspace: "Mailbox received too much email in a short
   * period of time (G30)"; Exchange: "4.3.2 STOREDRV.Deliver; recipient
   * thread limit exceeded" */
  P(SPEEDING, "receiving mail at a rate"),
  P(SPEEDING, "receiving email at a rate"),
  P(SPEEDING, "receiving mail too quickly"),
  P(SPEEDING, "receiving email too quickly"),
  P(SPEEDING, "excessive volume"),
  P(SPEEDING, "too much email in a short period"),
  P(SPEEDING, "too much mail in a short period"),
  /* Hotmail's RP-001: "421 RP-001 (BAY0-MC1-F21) Unfortunately, some
   * messages from 192.0.2.1 weren't sent. Please try again. We have limits
   * for how many messages can be sent per hour and per day." */
  P(SPEEDING, "limits for how many messages"),
  P(SPEEDING, "recipient thread limit"),
  /* The sender's own quota of messages: Gmail "Daily sending quota
   * exceeded", Exchange "5.2.2 Submission quota exceeded" (the words
   * "quota exceeded" of a full mailbox are in it) */
  SURE(SPEEDING, "sending quota"),
  SURE(SPEEDING, "submission quota"),
  SURE(SPEEDING, "submissionquotaexceeded%"),
  SURE(SPEEDING, "sending limit%"),
  /* Amazon SES to its SMTP clients: "454 Throttling failure: Daily
   * message quota exceeded", the sender's messages in 24 hours (a
   * mailbox's quota is never by the day) */
  SURE(SPEEDING, "daily message quota"),
  /* a count over an hour: cPanel's outgoing limit ("Domain example.com has
   * exceeded the max emails per hour (100/100 (100%)) allowed"), Exchange
   * Online's 5.2.121/5.2.122 "Recipient's per hour message receive limit
   * [from specific sender] exceeded" when another relay quotes it */
  P(SPEEDING, "max emails per hour"),
  /* cPanel's other outgoing limit, on the sending domain's failed
   * deliveries: "Domain example.com has exceeded the max defers and
   * failures per hour (5/5 (100%)) allowed. Message discarded." */
  P(SPEEDING, "max defers and failures per hour"),
  /* DirectAdmin's outgoing limit, from the check_limits of its exim.pl
   * (spelt so): "You (webuser) have reach your daily email limit of 300
   * emails" */
  P(SPEEDING, "daily email limit"),
  /* Exchange Online to a sender over its recipient rate limit: "550 5.1.90
   * Your message can't be sent because you've reached your daily limit
   * for message recipients" (learn.microsoft.com, NDRs in Exchange
   * Online). The words decide wherever the reply is quoted: a provider
   * rule read its 5.1.90 from Microsoft's own hosts only, and where a relay
   * quoted it the command alone read the sender refused (rejected) */
  P(SPEEDING, "daily limit for message recipients"),
  /* StartMail caps the messages an account sends in a period and, once
   * over it, answers "550 5.7.1 Your mail limit has been reached." (its
   * help page "Gesendet-/empfangen-Limit",
   * support.startmail.com/hc/de/articles/360006737337): the sender's rate,
   * not the 5.7.1 of an unauthorised sender */
  P(SPEEDING, "your mail limit has been reached"),
  /* Netfabric's outgoing server once a plan's daily sends are used up:
   * "MAX RCPT TO DAILY LIMIT" (its help page "Problemi invio posta",
   * netfabric.freshdesk.com/support/solutions/articles/6000236440) */
  P(SPEEDING, "max rcpt to daily limit"),
  P(SPEEDING, "per hour message receive limit"),
  /* Cisco Secure Email (IronPort), its default reply when a sender
   * group's recipients per hour are used up: "452 Too many recipients
   * received this hour" (a rate, though it says "too many recipients") */
  SURE(SPEEDING, "recipients received this hour"),
  /* Policyd (cluebringer) quotas count a sender's messages or bytes over
   * a period: "Policy rejection; Message count quota exceeded",
   * "Policy rejection; Cumulative size quota exceeded" */
  SURE(SPEEDING, "message count quota"),
  SURE(SPEEDING, "cumulative size quota"),
  P(SPEEDING, "trop de messages"),
  P(SPEEDING, "zu viele nachrichten"),
  P(SPEEDING, "demasiados mensajes"),
  P(SPEEDING, "troppi messaggi"),
  P(SPEEDING, "слишком много писем"),
  P(SPEEDING, "发信频率"),
  P(SPEEDING, "limite d'envoi"),
  P(SPEEDING, "zu viele e-mails"),
  P(SPEEDING, "límite de envío"),
  P(SPEEDING, "limite de envio"),
  P(SPEEDING, "te veel berichten"),
  P(SPEEDING, "zbyt wiele wiadomości"),
  P(SPEEDING, "zbyt dużo wiadomości"),
  P(SPEEDING, "příliš mnoho zpráv"),
  P(SPEEDING, "лимит отправки"),
  P(SPEEDING, "забагато листів"),
  P(SPEEDING, "çok fazla mesaj"),
  P(SPEEDING, "送信数が多すぎ"),
  P(SPEEDING, "发送频率"),
  P(SPEEDING, "발송 한도"),

  /* ---- Too many connections or recipients at once. ---- */
  P(TOOMANYCONN, "too many connections"),
  /* Gmail (support.google.com/a/answer/3726730): "451 4.3.0 Multiple
   * destination domains per transaction is unsupported", "452 4.5.3 Domain
   * policy size per transaction exceeded, please try this recipient in a
   * separate transaction": fewer recipients in one transaction get through.
   * Their own words: "per transaction" alone is also said of a message's
   * size ("Maximum message size per transaction exceeded") */
  P(TOOMANYCONN, "destination domains per transaction"),
  P(TOOMANYCONN, "policy size per transaction"),
  /* postscreen: "421 4.3.2 All server ports are busy"; Exchange: "The
   * maximum number of concurrent server connections has exceeded a limit" */
  P(TOOMANYCONN, "all server ports are busy"),
  P(TOOMANYCONN, "too many open connections"),
  P(TOOMANYCONN, "concurrent server connections"),
  P(TOOMANYCONN, "too many concurrent"),
  /* Exchange Online to SMTP clients: "432 4.3.2 Concurrent connections
   * limit exceeded. Visit https://aka.ms/concurrent_sending" (the 4.3.2
   * alone would say the system takes no mail) */
  P(TOOMANYCONN, "concurrent connections limit"),
  /* Exchange Server's receive connector: "421 4.3.2 The maximum number of
   * concurrent connections has exceeded a limit, closing transmission
   * channel" (the 4.3.2 alone would say the system takes no mail) */
  P(TOOMANYCONN, "number of concurrent connections"),
  P(TOOMANYCONN, "too many simultaneous"),
  P(TOOMANYCONN, "too many sessions"),
  P(TOOMANYCONN, "connection limit"),
  P(TOOMANYCONN, "connection rate limit"),
  P(TOOMANYCONN, "too many recipients"),
  /* A session's count of recipients refused as unknown: the sending
   * host's behaviour (guessing addresses), not a verdict on this
   * recipient, whose own refusal would come with its own words. Sendmail's
   * BadRcptShutdown (srvrsmtp.c): "421 4.7.0 <host> Too many bad
   * recipients; closing connection"; qmail-smtpd's errcount patch: "421
   * too many invalid addresses, goodbye (#4.7.1)"; small servers' "421
   * 4.7.0 Too many unknown recipients, closing connection"; a milter's
   * "550 5.5.2 You have attempted to email too many unknown users"; a
   * server closing the session with RFC 7504's 556 ("556 Too many invalid
   * recipient requests. Closing connection.", relayed in a filtering
   * service's Exchange-style notice): sure, as its words hold "invalid
   * recipient", which alone names a missing mailbox. The requests, not
   * "too many invalid recipient addresses" alone, which also tells why a
   * sending account was suspended (rejected), unless the server says it
   * closes the session on them ("421 4.7.0 Too many invalid recipients,
   * closing connection"): an account's suspension closes no connection */
  P(TOOMANYCONN, "too many bad recipients"),
  P(TOOMANYCONN, "too many invalid addresses"),
  SURE(TOOMANYCONN, "too many invalid recipient requests"),
  SURE(TOOMANYCONN, "too many invalid recipients * closing connection"),
  SURE(TOOMANYCONN, "too many invalid recipients * closing transmission channel"),
  P(TOOMANYCONN, "too many unknown recipients"),
  P(TOOMANYCONN, "too many unknown users"),
  /* The same count told as what the sending host did: "421 4.7.0 Your
   * host sent 25 messages to unknown users, closing connection", "550
   * 5.7.1 Your host sent too many messages to unknown users". Sure: it
   * holds speeding's "too many messages", and its 4.7.0 or 5.7.1 alone
   * reads as a security or policy refusal. */
  SURE(TOOMANYCONN, "sent * to unknown users"),
  /* Outlook.com: "4.7.652 The mail server [192.0.2.1] has exceeded the
   * maximum number of connections"; Yahoo: "421 Max message per
   * connection reached" */
  P(TOOMANYCONN, "maximum number of connections"),
  P(TOOMANYCONN, "message per connection"),
  P(TOOMANYCONN, "messages per connection"),
  /* chkuser (qmail-smtpd): "571 sorry, reached maximum number of
   * recipients for one session (#5.7.1 - chkuser)" */
  P(TOOMANYCONN, "maximum number of recipients for one session"),
  /* Orange: "Trop de connexions"; NetEase: "并发连接数过大" */
  P(TOOMANYCONN, "trop de connexions"),
  P(TOOMANYCONN, "zu viele verbindungen"),
  P(TOOMANYCONN, "demasiadas conexiones"),
  P(TOOMANYCONN, "troppe connessioni"),
  P(TOOMANYCONN, "слишком много соединений"),
  P(TOOMANYCONN, "слишком много подключений"),
  P(TOOMANYCONN, "并发连接数"),

  /* ---- The sender must authenticate or is not authorised. ---- */
  /* Exchange's SendAsDenied ("554 5.2.252 SendAsDenied; a@example.com not
   * allowed to send as b@example.com", "STOREDRV.Submission.Exception:
   * SendAsDeniedException"): the sending account lacks the right to send as
   * its From address; Exchange's SmtpResponse.SendAsDenied is "550 5.7.1
   * Client does not have permission to send as this sender"
   * (learn.microsoft.com aa494038). A sender not authorised to send this
   * way. */
  P(SECURITYERROR, "sendasdenied"),
  P(SECURITYERROR, "authentication required"),
  P(SECURITYERROR, "authentication is required"),
  P(SECURITYERROR, "authentication failed"),
  P(SECURITYERROR, "must be authenticated"),
  P(SECURITYERROR, "smtp authentication"),
  P(SECURITYERROR, "unauthenticated senders"),
  P(SECURITYERROR, "authrequired"),
  /* iRedAPD's reject_forged_sender, mail from a local domain by a client
   * that did not log in: "SMTP AUTH is required for users under this sender
   * domain" (libs/__init__.py). Sure: the sender must authenticate, not a
   * refused sender domain. Its whole sentence: a relay's refusal that names
   * AUTH as the way to relay ("Relay access denied; SMTP AUTH is required
   * for relaying") stays norelaying */
  SURE(SECURITYERROR, "smtp auth is required for users under"),
  P(SECURITYERROR, "does not advertise auth"),
  /* OpenSMTPD, on a listener that requires AUTH: "530 5.5.1 Invalid
   * command: Must issue an AUTH command first" (its x.5.1 alone would say
   * syntaxerror) */
  P(SECURITYERROR, "must issue an auth command"),
  /* cPanel's Exim: "Please turn on SMTP Authentication in your mail client
   * ... <host> is not permitted to relay through this server without
   * authentication": the client must log in, whatever "not permitted to
   * relay" says */
  SURE(SECURITYERROR, "relay through this server without authentication"),
  /* Postfix's reject_sender_login_mismatch (and its authenticated and
   * unauthenticated forms): "553 5.7.1 <a@example.com>: Sender address
   * rejected: not logged in", "... not owned by user bob": the client
   * must log in as the owner of that address, not a refused sender (sure:
   * "sender address rejected" would say rejected) */
  SURE(SECURITYERROR, "sender address rejected: not logged in"),
  SURE(SECURITYERROR, "sender address rejected: not owned by user"),
  /* NetEase: "451 Requested mail action not taken: too much fail
   * authentication" */
  P(SECURITYERROR, "too much fail authentication"),

  /* ---- TLS was required or failed. ---- */
  P(FAILEDSTARTTLS, "starttls"),
  P(FAILEDSTARTTLS, "tls required"),
  /* Postfix: "454 4.7.0 TLS not available due to local problem" */
  P(FAILEDSTARTTLS, "tls not available"),
  P(FAILEDSTARTTLS, "tls is required"),
  /* Gmail (support.google.com/a/answer/3726730): "421 4.7.29 Your email
   * has been rate limited because this message wasn't sent over a TLS
   * connection": sure, the rate limit is what the missing TLS cost */
  SURE(FAILEDSTARTTLS, "wasn't sent over a tls connection"),
  SURE(FAILEDSTARTTLS, "was not sent over a tls connection"),
  /* Exim: "a TLS session is required, but the server did not offer TLS
   * support" (or "... for mx [ip], but an attempt to start TLS failed") */
  P(FAILEDSTARTTLS, "tls session is required"),
  P(FAILEDSTARTTLS, "does not support tls"),
  P(FAILEDSTARTTLS, "tls negotiation failed"),
  /* Sendmail's tls_server and tls_rcpt rulesets (cf/m4/proto.m4), when
   * its client's STARTTLS failed or the cipher is below what the access
   * map's TLS_Srv/TLS_Rcpt asks: "Deferred: 403 4.7.0 TLS handshake.",
   * later "TLS handshake failed."; "403 4.7.0 encryption too weak 56 less
   * than 128" */
  P(FAILEDSTARTTLS, "tls handshake"),
  P(FAILEDSTARTTLS, "encryption too weak"),
  P(FAILEDSTARTTLS, "must issue a starttls"),
  /* Postfix's reject_plaintext_session: "450 4.7.1 Session encryption is
   * required"; and before AUTH over plain text where its SASL security
   * options ask for TLS: "504 5.5.4 Encryption required for requested
   * authentication mechanism" (the x.7.1 and x.5.4 alone would say
   * securityerror and syntaxerror) */
  P(FAILEDSTARTTLS, "session encryption is required"),
  P(FAILEDSTARTTLS, "encryption required for requested authentication"),
  /* maddy's require_tls check: "550 5.7.1 TLS conversation required" */
  P(FAILEDSTARTTLS, "tls conversation required"),
  /* Zimbra's LMTP server, where its settings ask for TLS: "451 4.2.2
   * Server accepts messages only on TLS connection" (LmtpReply.java; the
   * x.2.2 alone would say mailboxfull) */
  P(FAILEDSTARTTLS, "accepts messages only on tls connection"),
  /* Postfix's SMTP client, where its policy requires TLS (at the "may"
   * level it retries in plain text instead): "Cannot start TLS: handshake
   * failure"; at the "verify" and "secure" levels "Server certificate not
   * trusted" and "Server certificate not verified" (4.7.5, whose status
   * alone says securityerror) */
  P(FAILEDSTARTTLS, "cannot start tls"),
  P(FAILEDSTARTTLS, "server certificate not trusted"),
  P(FAILEDSTARTTLS, "server certificate not verified"),
  /* RFC 8460's names of a failed TLS policy, which Exchange Online writes
   * where DANE requires TLS: "5.7.322 certificate-expired: Destination
   * mail server's certificate is expired.", "5.7.323 tlsa-invalid: The
   * domain failed DANE validation.", "5.7.324 dnssec-invalid: Destination
   * domain returned invalid DNSSEC records", "5.7.325
   * certificate-host-mismatch" (x.7 details no registry gives:
   * securityerror alone) */
  P(FAILEDSTARTTLS, "certificate-expired"),
  P(FAILEDSTARTTLS, "certificate-host-mismatch"),
  P(FAILEDSTARTTLS, "dnssec-invalid"),
  P(FAILEDSTARTTLS, "tlsa-invalid"),
  /* Exchange Online where the recipient domain's MTA-STS policy (RFC 8461)
   * was not met: "5.4.8 MX hosts of example.org failed MTA-STS
   * validation", "5.7.5 Remote certificate failed MTA-STS validation.
   * Reason: ..." ("Email non-delivery reports and SMTP errors in Exchange
   * Online", learn.microsoft.com) */
  P(FAILEDSTARTTLS, "failed mta-sts validation"),
  /* Exchange Online where the next server's certificate chain does not
   * reach a trusted root (it sent no intermediates): "450 4.4.317 Cannot
   * connect to remote server [Message=UntrustedRoot]" ("NDR error code 450
   * 4.4.317", learn.microsoft.com); the .NET chain status names it */
  P(FAILEDSTARTTLS, "message=untrustedroot"),
  /* Stalwart's own words where its TLS session to the server failed or
   * could not be authenticated: "TLS error from 'mx.example.org': invalid
   * peer certificate: Expired", "DANE failed to authenticate 'mx...': ...",
   * "MTA-STS failed to authenticate 'example.org': ..." */
  P(FAILEDSTARTTLS, "tls error from '"),
  P(FAILEDSTARTTLS, "dane failed to authenticate '"),
  P(FAILEDSTARTTLS, "mta-sts failed to authenticate '"),

  /* ---- The SMTP conversation went wrong. ---- */
  P(SYNTAXERROR, "syntax error"),
  P(SYNTAXERROR, "command unrecognized"),
  P(SYNTAXERROR, "unrecognized command"),
  P(SYNTAXERROR, "bad sequence of commands"),
  /* Gmail (support.google.com/a/answer/3726730): "451 4.5.0 SMTP protocol
   * violation, see RFC 2821", "454 4.5.0 SMTP protocol violation, no
   * commands allowed to pipeline after STARTTLS, see RFC 3207": the client
   * broke the conversation; sure against the policy a "violation" names
   * and the STARTTLS it names */
  SURE(SYNTAXERROR, "smtp protocol violation"),
  P(SYNTAXERROR, "improper sequence of commands"),
  P(SYNTAXERROR, "command parameter not implemented"),
  P(SYNTAXERROR, "malformed address"),
  /* qmail's qmail-queue, exit 11 (qmail.c, qmail_close): "envelope
   * address too long for qq (#5.1.3)", as qmail-smtpd replies it ("554
   * ...") and qmail-local writes it for a forward. The sender's or any
   * recipient's envelope address was longer than the queue takes; which,
   * it does not say, so not the missing mailbox its 5.1.3 would name. */
  P(SYNTAXERROR, "envelope address too long"),
  /* Postfix: "Improper use of SMTP command pipelining" (sure: where
   * reject_unauth_pipelining runs among the client restrictions, Postfix
   * puts "Client host rejected:" before it, the words of a block); Exim:
   * "554 SMTP synchronization error" to the client, "SMTP protocol
   * synchronization error" in its log */
  SURE(SYNTAXERROR, "improper use of smtp command pipelining"),
  P(SYNTAXERROR, "smtp synchronization error"),
  P(SYNTAXERROR, "protocol synchronization error"),
  /* Postfix 3.9 and later (smtpd_forbid_unauth_pipelining on by default,
   * backported to 3.5.20 and later patch releases), to a client that sends
   * before the greeting or pipelines without PIPELINING: "554 5.5.0 Error:
   * SMTP protocol synchronization", no "error" after it */
  P(SYNTAXERROR, "error: smtp protocol synchronization"),
  /* Exim, when a client passes smtp_max_synprot_errors, after the last
   * error's own line: "501 Too many syntax or protocol errors"; and when
   * it sends more RSET, NOOP, VRFY... than smtp_accept_max_nonmail allows:
   * "554 Too many nonmail commands" */
  P(SYNTAXERROR, "too many syntax or protocol errors"),
  P(SYNTAXERROR, "too many nonmail commands"),
  /* Postfix's smtpd when a client passes smtpd_hard_error_limit (bad
   * commands and refused requests of one session, smtpd.c): "421 4.7.0
   * mx.example.org Error: too many errors"; its 4.7.0 would say security */
  P(SYNTAXERROR, "error: too many errors"),
  /* Sendmail's verdict when the remote's reply made no sense for the
   * command (a code out of place; its EX_PROTOCOL, sysexits.c): "554 5.5.0
   * <a@b>... Remote protocol error" */
  P(SYNTAXERROR, "remote protocol error"),

  /* ---- The domain does not accept mail (null MX). ---- */
  P(NOTACCEPT, "does not accept mail"),
  P(NOTACCEPT, "accepts no mail"),
  P(NOTACCEPT, "null mx"),
  P(NOTACCEPT, "nullmx"),
  P(NOTACCEPT, "not accepting mail"),
  P(NOTACCEPT, "not accepting network messages"),
  P(NOTACCEPT, "doesn't receive email"),
  P(NOTACCEPT, "does not receive email"),
  /* Exim: "an MX or SRV record indicated no SMTP service" (a null MX).
   * The bare "554 No SMTP service here" is RFC 5321's greeting that
   * refuses one client, not the domain. */
  P(NOTACCEPT, "indicated no smtp service"),
  P(NOTACCEPT, "couldn't find a mail exchanger"),
  P(NOTACCEPT, "type=mx: malformed or unexpected name server reply"),
  P(NOTACCEPT, "does not accept email"),
  P(NOTACCEPT, "does not accept e-mail"),

  /* ---- The local delivery program failed. ---- */
  P(MAILERERROR, "mailer error"),
  P(MAILERERROR, "command failed"),
  P(MAILERERROR, "procmail"),
  P(MAILERERROR, "x-unix;"),
  P(MAILERERROR, "pipe to |"),
  P(MAILERERROR, "unknown mailer error"),
  P(MAILERERROR, "command died with status"),
  /* Postfix's pipe(8) and local(8) for a command killed or too slow:
   * "Command died with signal 9: \"/usr/bin/maildrop\"", "Command time
   * limit exceeded: \"/usr/lib/dovecot/deliver\"" */
  P(MAILERERROR, "command died with signal"),
  P(MAILERERROR, "command time limit exceeded"),
  /* Sendmail's for a mailer program killed: "451 4.3.0 mailer local died
   * with signal 11" */
  P(MAILERERROR, "mailer * died with signal"),
  P(MAILERERROR, "command output:"),
  /* Sendmail's words for a mailer's (or its own file delivery's) exit
   * EX_CANTCREAT (sysexits.c's SysExMsg): "550 /home/neko/Mail/inbox...
   * Can't create output: Permission denied" */
  P(MAILERERROR, "can't create output"),
  /* maildrop's own run-time limit (globaltimer.C), "maildrop: Timeout
   * quota exceeded.", which Postfix passes on as "temporary failure.
   * Command output: ...": no mailbox quota (sure: "quota exceeded" is
   * in it) */
  SURE(MAILERERROR, "timeout quota exceeded"),

  /* ---- The receiving system is out of space. ---- */
  P(SYSTEMFULL, "insufficient system storage"),
  P(SYSTEMFULL, "insufficient disk space"),
  /* Exchange 2007-2019 under back pressure (its queue disk or memory
   * low): "452 4.3.1 Insufficient system resources", and without the
   * status where an older hop relays it */
  P(SYSTEMFULL, "insufficient system resources"),
  /* Exchange 5.5's Internet Mail Service when it could not store an
   * incoming message: "451 Unable to create new message file, status =
   * ERROR_DISK_FULL" (the Windows error's name) */
  P(SYSTEMFULL, "error_disk_full"),
  /* Exim, its spool too full to take the message: "452 Space shortage,
   * please try later" (in reply to MAIL, where a bare 452 is the sender's) */
  P(SYSTEMFULL, "space shortage"),
  /* Dovecot's words for the mailbox (above) are a full disk's too: said
   * with the mail system's status (x.3.1) or before any recipient was
   * named, the space that ran out is the server's own ("452 4.3.1 Not
   * enough disk space" in reply to MAIL) */
  P(SYSTEMFULL, "not enough disk space"),
  P(SYSTEMFULL, "no space left"),
  P(SYSTEMFULL, "disk full"),
  P(SYSTEMFULL, "disk is full"),
  P(SYSTEMFULL, "file system full"),

  /* ---- The receiving system failed. ---- */
  P(SYSTEMERROR, "internal error"),
  /* Gmail (support.google.com/a/answer/3726730): "421 4.4.5 Server busy,
   * try again later.": the server is loaded, not out of the disk space
   * RFC 3463's x.4.5 "congestion" is read as */
  P(SYSTEMERROR, "server busy"),
  /* Postfix: "451 4.3.0 <a@b>: Temporary lookup failure", one of its own
   * lookup tables (a database, LDAP) failed; Sendmail's FEATURE(dnsbl)
   * when the list did not answer: "451 Temporary lookup failure of
   * 192.0.2.1 at zen.spamhaus.org" (sure: the list's name is no listing) */
  SURE(SYSTEMERROR, "temporary lookup failure"),
  /* amavisd-new when a step of its own failed: "451 4.5.0 Error in
   * processing, id=07411-04, virus_scan FAILED: virus_scan: ALL VIRUS
   * SCANNERS FAILED", "... spam_scan FAILED: ...", "... quar+notif
   * FAILED: ... /var/lib/amavis/virusmails/spam-xyz.gz failed" (sure: the
   * step's name is no verdict on the message) */
  SURE(SYSTEMERROR, "error in processing, id="),
  /* Postfix's smtpd and cleanup when the message could not be written to
   * its queue (a full or failing disk, a cleanup server crash): "451 4.3.0
   * Error: queue file write error" */
  P(SYSTEMERROR, "queue file write error"),
  /* qmail's qmail_close() (qmail.c) when qmail-queue, or a filter run in
   * its place, failed; qmail-smtpd and qmail-local pass the text on: "451
   * qq temporary problem (#4.3.0)", "554 qq permanent problem (#5.3.0)",
   * "qq internal bug", "qq crashed". The receiving system's own trouble
   * ("qq write error or disk full" is systemfull's) */
  P(SYSTEMERROR, "qq temporary problem"),
  P(SYSTEMERROR, "qq permanent problem"),
  P(SYSTEMERROR, "qq internal bug"),
  P(SYSTEMERROR, "qq crashed"),
  P(SYSTEMERROR, "qq read error"),
  P(SYSTEMERROR, "qq out of memory"),
  P(SYSTEMERROR, "qq timeout"),
  P(SYSTEMERROR, "qq unable to read configuration"),
  P(SYSTEMERROR, "qq trouble"),
  /* qmail-smtpd's own failures before it can take the mail (qmail-smtpd.c,
   * die_control, die_ipme, die_nomem): "421 unable to read controls
   * (#4.3.0)", "421 unable to figure out my IP addresses (#4.3.0)", "421
   * out of memory (#4.3.0)". The receiving server's trouble, whatever
   * command it answered */
  P(SYSTEMERROR, "unable to read controls"),
  P(SYSTEMERROR, "unable to figure out my ip addresses"),
  P(SYSTEMERROR, "out of memory"),
  P(SYSTEMERROR, "qq waitpid surprise"),
  P(SYSTEMERROR, "unable to exec qq"),
  /* The reporting MTA's own trouble: Postfix's "mail system configuration
   * error" (x.3.5) and its queue manager's "unknown mail transport error"
   * (4.3.0: a delivery agent crashed); Sendmail's text for a mailer that
   * exited EX_CONFIG, "554 5.3.5 Local configuration error" */
  P(SYSTEMERROR, "mail system configuration error"),
  P(SYSTEMERROR, "unknown mail transport error"),
  P(SYSTEMERROR, "local configuration error"),
  /* Postfix smtpd when a restriction or an access table's answer is
   * invalid: "451 4.3.5 Server configuration error" */
  P(SYSTEMERROR, "server configuration error"),
  /* Exchange 2013+'s store driver when the recipient's mailbox database
   * settings are missing or do not fit (a moved database, an address book
   * policy whose list leaves the mailbox out): "5.3.2 STOREDRV.Deliver:
   * Missing or bad StoreDriver MDB properties". The server's setup, not
   * the address: x.3.2 alone would make it a host that takes no mail */
  P(SYSTEMERROR, "missing or bad storedriver mdb properties"),
  /* Dovecot LMTP and LDA when the user's settings (home, mail location)
   * could not be applied: "451 4.3.0 <a@b> Invalid user settings. Refer
   * to server log for more information." (sure: "invalid user" is in it) */
  SURE(SYSTEMERROR, "invalid user settings"),
  /* qmail's chkuser patch when its user database did not answer: "430
   * system temporary unavailable, try again later (#4.3.0 - chkuser)" */
  P(SYSTEMERROR, "system temporary unavailable"),
  /* Gmail's documented deferral when its own servers could not take the
   * message for now: "451 4.3.0 Mail server temporarily rejected
   * message." (here, not in lib/rhost/google.c: Google Workspace's own
   * reports often name no Google host) */
  P(SYSTEMERROR, "mail server temporarily rejected message"),
  /* Postfix, when the delivery agent a transport names is not running:
   * "mail transport unavailable" (4.3.0); when its address resolver
   * (trivial-rewrite) did not answer: "address resolver failure" (4.3.0) */
  P(SYSTEMERROR, "mail transport unavailable"),
  P(SYSTEMERROR, "address resolver failure"),
  /* Postfix's and Sendmail's local delivery when the alias table could not
   * be read: "alias database unavailable" (4.3.0) */
  P(SYSTEMERROR, "alias database unavailable"),
  /* Zimbra's LMTP server, when the directory names no server for the
   * account's mailbox: "450 4.2.0 Mailbox is not on this server"
   * (LmtpReply.java, MAILBOX_NOT_ON_THIS_SERVER; ZimbraLmtpBackend says
   * "try again"): the recipient's own system lost track of the mailbox, */
  P(SYSTEMERROR, "mailbox is not on this server"),
  /* and when the mailbox was locked by another delivery, in backup, or
   * the store failed on its side: "451 4.0.0 Temporary message delivery
   * failure try again" (TEMPORARY_FAILURE) */
  P(SYSTEMERROR, "temporary message delivery failure try again"),
  /* Postfix's local(8) when its configuration forbids the delivery an
   * alias or .forward asks for: "mail to file is restricted", "mail to
   * command is restricted" (5.7.1, which alone reads as a security
   * refusal of the sender); and when the mailbox stayed locked: "cannot
   * update mailbox /var/mail/u for user u. unable to lock for exclusive
   * access: Resource temporarily unavailable" */
  P(SYSTEMERROR, "mail to file is restricted"),
  P(SYSTEMERROR, "mail to command is restricted"),
  P(SYSTEMERROR, "unable to lock for exclusive access"),
  /* Postfix local(8) and virtual(8) with strict_mailbox_ownership when
   * the mailbox file belongs to another user (4.2.0, retried until the
   * message expires) or is no regular file (local's 5.2.0): "cannot update
   * mailbox /var/mail/u for user u. destination /var/mail/u is not owned
   * by recipient", a fault of the receiving system's set-up, not of the
   * mailbox the address names */
  P(SYSTEMERROR, "is not owned by recipient"),
  P(SYSTEMERROR, "is not a regular file"),
  /* the mail stores' own: Dovecot's LDA and LMTP when the mailbox stayed
   * locked, "451 4.2.0 <a@b> Timeout while waiting for lock" (a lock
   * timeout, not the message's time running out); Cyrus lmtpd, "451
   * 4.3.0 System I/O error", "451 4.2.0 Mailbox has an invalid format" */
  P(SYSTEMERROR, "timeout while waiting for lock"),
  P(SYSTEMERROR, "system i/o error"),
  P(SYSTEMERROR, "mailbox has an invalid format"),
  /* Cyrus lmtpd when it could not spool the message (lmtpengine.c): "451
   * 4.3.2 cannot create temporary file: Permission denied" (4.3.1 and a
   * full disk's words when out of space); its x.3.2 alone reads as a host
   * that takes no mail */
  P(SYSTEMERROR, "cannot create temporary file"),
  /* Dovecot's quota plugin when it could not count the mailbox (quota.c):
   * "Internal quota calculation error", "Blocked by an ongoing background
   * quota calculation": the count failed, no quota was found exceeded */
  P(SYSTEMERROR, "quota calculation"),
  /* Cyrus lmtpd (lmtpengine.c) when the Murder backend holding the
   * mailbox did not answer: "451 4.4.3 Remote server unavailable" (4.4.0
   * in older releases); a relay's reason after the same words wins
   * (reason.h) */
  BACKEND_DOWN("remote server unavailable"),
  /* RFC 5321 (4.2.2, 3.8): "421 <domain> Service not available, closing
   * transmission channel", the reply of a server shutting down or not
   * taking sessions; the command decides whose failure (reason.h) */
  SERVICE_DOWN("service not available"),
  /* Sendmail's rulesets when one of its maps failed (a lookup that
   * returned TEMPFAIL): "451 4.3.0 Temporary system failure. Please try
   * again later." */
  P(SYSTEMERROR, "temporary system failure"),
  /* OpenSMTPD's replies about its own trouble (smtp_session.c): "421
   * 4.3.0 Temporary Error" when it cannot start a transaction (smtp_tx)
   * or open the message's file (smtp_message_fd), when the table lookup of
   * the sender failed for now (LKA_TEMPFAIL) or writing the message did
   * (TX_ERROR_IO, TX_ERROR_RESOURCES); "421 4.3.0 Temporary failure" when
   * committing a recipient's envelope to its queue failed; "421 Temporary
   * failure" in the releases without enhanced codes (2012-2013, a recipient
   * lookup that failed for now). Some releases put a colon after the
   * status ("421 4.3.0: Temporary Error"). The receiving server's own
   * failure at whatever command; whole wordings with their codes, as other
   * servers say "temporary failure" of other things (a DNS answer, a
   * greylisting) */
  P(SYSTEMERROR, "4.3.0 temporary error"),
  P(SYSTEMERROR, "4.3.0: temporary error"),
  P(SYSTEMERROR, "4.3.0 temporary failure"),
  P(SYSTEMERROR, "4.3.0: temporary failure"),
  P(SYSTEMERROR, "421 temporary failure"),
  P(SYSTEMERROR, "internal server error"),
  P(SYSTEMERROR, "system error"),
  P(SYSTEMERROR, "local error in processing"),
  /* RFC 821's text of 451, which servers of that age still write:
   * "451 Requested action aborted: error in processing" */
  P(SYSTEMERROR, "action aborted: error in processing"),
  P(SYSTEMERROR, "server error"),
  P(SYSTEMERROR, "system problem"),
  /* Domino's router found the name in several directory entries that
   * disagree (mail server, file or domain): the receiving site's directory
   * is at fault, not the address */
  P(SYSTEMERROR, "several matches found in domino directory"),
  P(SYSTEMERROR, "service currently unavailable"),
  /* Yandex: "451 4.7.1 Sorry, the service is currently unavailable.
   * Please come back later."; MessageLabs: "421 Service Temporarily
   * Unavailable"; Exim when an ACL or a lookup defers without a message of
   * its own: "451 Temporary local problem - please try later" */
  P(SYSTEMERROR, "service is currently unavailable"),
  P(SYSTEMERROR, "service temporarily unavailable"),
  /* amavisd-new (and MTAs stopping for a restart) to a client still
   * connected: "421 4.3.2 Service shutting down, closing channel"; its
   * x.3.2 alone reads as a host that takes no mail at all */
  P(SYSTEMERROR, "service shutting down"),
  P(SYSTEMERROR, "temporary local problem"),
  /* Postfix when a milter (a content or policy filter) fails and its
   * default action is tempfail, or the milter answers tempfail with no
   * words of its own: "451 4.7.1 Service unavailable - try again later"
   * (iCloud and AOL give the same words when their servers are busy);
   * the 4.7.1 alone would call it a security matter */
  P(SYSTEMERROR, "service unavailable - try again later"),
  P(SYSTEMERROR, "could not load drd"),
  P(SYSTEMERROR, "error occurs in our mail system"),
  /* hMailServer about its own configuration */
  P(SYSTEMERROR, "host specified as smtp relay server could not be found"),
  P(SYSTEMERROR, "interner fehler"),
  P(SYSTEMERROR, "erreur interne"),
  P(SYSTEMERROR, "error interno"),
  P(SYSTEMERROR, "erro interno"),
  P(SYSTEMERROR, "errore interno"),
  P(SYSTEMERROR, "внутренняя ошибка"),
  P(SYSTEMERROR, "内部错误"),

  /* ---- The message's form was refused. ---- */
  P(CONTENTERROR, "invalid header"),
  /* Exchange Online (5.0.350): "x-dg-ref header is too long", a Rich
   * Text attachment written into one header line */
  P(CONTENTERROR, "header is too long"),
  /* amavisd-new: "554 (Reject, id=18169-17 - BAD_HEADER: Header field
   * occurs more than once: \"Cc\" occurs 5 times)" */
  P(CONTENTERROR, "- bad_header :"),
  P(CONTENTERROR, "bare lf"),
  P(CONTENTERROR, "bare line feed"),
  /* "554 SMTP protocol violation: A header line must be terminated by
   * CRLF", a server that refuses a header line ending in a bare LF */
  P(CONTENTERROR, "header line must be terminated by crlf"),
  /* qmail-smtpd, for a line ending in LF without CR: "451 See
   * http://pobox.com/~djb/docs/smtplf.html." (the page's name is the
   * whole reply) */
  LINK(CONTENTERROR, "smtplf.html"),
  P(CONTENTERROR, "invalid mime"),
  /* qmail-smtpd's attachment checks: the execcheck patch ("552 we don't
   * accept email with this MIME content (#5.3.4)", logged "bad MIME
   * attachement detected"), the viruscan patch's qmail-queue ("... with
   * such content (#5.3.4)" when viruscan_reject_attachment() finds a
   * Windows executable), Russell Nelson's signature list ("... with
   * executable content (#5.3.4)", base64 openings of MZ executables:
   * untroubled.org/mailfront/plugin-patterns.html) and IndiMail's
   * "552-we don't accept email with the below content (#5.3.4)" (logged
   * "virus/banned content"). A type of attachment the site bans, as other
   * MTAs' "attachment not allowed": policyviolation, whatever the size
   * status says. Only these sentences, and not sure over other words: the
   * same opening serves any refusal ("we don't accept email with
   * viruses", "... with attachments larger than 10 MB", "... with a
   * forged sender"), and IndiMail's "Further Information: " line after
   * "the below content" names what was found (a virus there wins). */
  P(POLICYVIOLATION, "we don't accept email with this mime content"),
  P(POLICYVIOLATION, "we don't accept email with such content"),
  P(POLICYVIOLATION, "we don't accept email with executable content"),
  P(POLICYVIOLATION, "we don't accept email with the below content"),
  /* Exchange: "5.6.11 SMTPSEND.BareLinefeedsAreIllegal"; Gmail: "554
   * 5.6.0 Mail message is malformed" */
  P(CONTENTERROR, "barelinefeedsareillegal"),
  P(CONTENTERROR, "message is malformed"),
  /* Exchange Server, a message it found malformed and moved to its
   * poison message queue: "5.3.0 Too many related errors" (Delivery
   * status notifications in Exchange Server) */
  P(CONTENTERROR, "too many related errors"),
  P(CONTENTERROR, "malformed message"),
  /* Exim's verify = header_syntax at DATA (verify.c verify_check_headers:
   * "%s: failing address in \"%s:\" header is: %s"), a remote that
   * answers with $acl_verify_message: "550 missing or malformed local part
   * (expected word or \"<\"): failing address in \"From:\" header is:
   * <@example.com>". The address is one in the message's headers, not the
   * envelope's: sure against the parse error it quotes, which names the
   * recipient's address in reply to RCPT */
  SURE(CONTENTERROR, "failing address in"),

  /* ---- The message does not follow RFC 5322. ---- */
  P(NOTCOMPLIANTRFC, "rfc 5322"),
  P(NOTCOMPLIANTRFC, "rfc5322"),
  P(NOTCOMPLIANTRFC, "rfc 2822"),
  P(NOTCOMPLIANTRFC, "rfc2822"),
  P(NOTCOMPLIANTRFC, "not rfc compliant"),
  P(NOTCOMPLIANTRFC, "multiple addresses in from"),
  P(NOTCOMPLIANTRFC, "messages with multiple * in from"),
  /* Exchange Online: "550 5.1.20 Multiple From addresses are not allowed
   * without Sender address" (RFC 5322 section 3.6.2; "NDR error code 550
   * 5.1.20", learn.microsoft.com) */
  P(NOTCOMPLIANTRFC, "multiple from addresses are not allowed"),
  /* Gmail: "Messages missing a valid address in From: header, or having
   * no From: header, are not accepted." */
  P(NOTCOMPLIANTRFC, "missing a valid address in from"),
  P(NOTCOMPLIANTRFC, "no from: header"),
  /* Gmail: "Messages missing a valid Message-ID header are not accepted.",
   * which its servers also write with the header's name run together
   * ("missing a valid messageId header") */
  P(NOTCOMPLIANTRFC, "missing a valid message-id"),
  P(NOTCOMPLIANTRFC, "missing a valid messageid"),
  P(NOTCOMPLIANTRFC, "required headers not found"),
  /* qpsmtpd's headers plugin (plugins/headers), the header fields its
   * "require" setting names (From by default): "We require a valid From
   * header"; no header at all: "Headers are missing" */
  P(NOTCOMPLIANTRFC, "we require a valid * header"),
  P(NOTCOMPLIANTRFC, "headers are missing"),

  /* ---- The network or DNS failed. ---- */
  {BN_CAUSE_CONN_REFUSED, "connection refused", false, false},
  /* Windows Sockets' number for it, WSAECONNREFUSED 10061, as Exchange
   * writes it in place of the words ("Failed to connect. Winsock error
   * code: 10061, Win32 error code: 10061."; Exchange Online's "Socket
   * error code 10061"); WSAETIMEDOUT 10060, its time-out, is with the
   * timed-out connections below (learn.microsoft.com, "Windows Sockets
   * Error Codes") */
  {BN_CAUSE_CONN_REFUSED, "error code: 10061", false, false},
  {BN_CAUSE_CONN_REFUSED, "error code 10061", false, false},
  P(NETWORKERROR, "network is unreachable"),
  P(NETWORKERROR, "no route to host"),
  P(NETWORKERROR, "lost connection"),
  P(NETWORKERROR, "connection reset"),
  /* Postfix smtp_connect.c: "connect to mx[ip]: server dropped connection
   * without sending the initial SMTP greeting": no reply, a lost session */
  P(NETWORKERROR, "dropped connection without sending"),
  /* Dovecot's LMTP proxy when the backend it passes a recipient to did
   * not answer (lmtp-proxy.c, lib-smtp): "451 4.4.0 Remote server not
   * answering (connect)", "... (connection lost)", "... (transaction timed
   * out while sending DATA)": the link between its own servers */
  P(NETWORKERROR, "remote server not answering"),
  P(NETWORKERROR, "network error"),
  P(NETWORKERROR, "mail loop"),
  P(NETWORKERROR, "loops back to myself"),
  /* Postfix local(8), its own Delivered-To line already in the message:
   * "mail forwarding loop for user@example.org"; Domino's router, a
   * message sent back and forth between its servers (IBM technote
   * 1148436): "Maximum forwarding loop count exceeded, message probably
   * in a forwarding loop" */
  P(NETWORKERROR, "forwarding loop"),
  P(NETWORKERROR, "too many hops"),
  P(NETWORKERROR, "hop count exceeded"),
  /* Lotus Notes: "Message has exceeded maximum hop count" */
  P(NETWORKERROR, "maximum hop count"),
  /* Domino's router has no route to the recipient's mail server (the
   * recipient is in the directory: "not listed" says when not) */
  P(NETWORKERROR, "cannot route mail to user"),
  /* Notes and Domino could not reach the next server: "Unable to transfer
   * message to server MX1/ACME: Server not responding", "Remote system no
   * longer responding", "The server is not responding. The server may be
   * down or you may be experiencing network problems.", "Unable to find
   * path to server", "Server MX1 is not a known TCP/IP host", and their
   * network time-out "Network operation did not complete in a reasonable
   * amount of time" */
  P(NETWORKERROR, "server not responding"),
  P(NETWORKERROR, "server is not responding"),
  P(NETWORKERROR, "remote system no longer responding"),
  P(NETWORKERROR, "unable to find path to server"),
  P(NETWORKERROR, "not a known tcp/ip host"),
  P(NETWORKERROR, "network operation did not complete"),
  P(NETWORKERROR, "routing loop"),
  /* Exchange Online 4.4.8 / 5.4.8 "Looping topology detected": the
   * recipient's domain routes back to where the message came from */
  P(NETWORKERROR, "looping topology"),
  /* Exchange: "SMTPSEND.DNS.MxLoopback", "RESOLVER.FWD.LoopDetected" */
  P(NETWORKERROR, "mxloopback"),
  /* Sendmail: "mail loops back to me (MX problem?)"; qmail: "This message
   * is looping: it already has my Delivered-To line"; qmail: "Sorry, I
   * wasn't able to establish an SMTP connection"; Exchange 2003: "The
   * message reached the maximum number of hops" */
  P(NETWORKERROR, "loops back to me"),
  P(NETWORKERROR, "this message is looping"),
  /* the Chinese reply list (blog.sina.com.cn): "552 looping message."
   * (环回信件) */
  P(NETWORKERROR, "looping message"),
  P(NETWORKERROR, "wasn't able to establish an smtp connection"),
  /* qmail-remote's dropped(), the next server gone mid-session:
   * "Connected to 192.0.2.10 but connection died. (#4.4.2)"; read under
   * any status a report puts it with */
  P(NETWORKERROR, "but connection died"),
  P(NETWORKERROR, "maximum number of hops"),
  P(NETWORKERROR, "loopdetected"),
  /* OpenSMTPD: "Loop detected" (too many Received: lines on the way) */
  P(NETWORKERROR, "loop detected"),
  /* OpenSMTPD (smtpd/mta.c) when it stopped using every route to the
   * MXs for a while after errors on them: "All routes to destination
   * blocked" (its own routes, not a block list); older releases when no
   * MX could be connected to: "No MX could be reached". Its other notes
   * are read by lib/mta/opensmtpd.c. */
  P(NETWORKERROR, "all routes to destination blocked"),
  P(NETWORKERROR, "no mx could be reached"),
  /* The recipient's MX is the sending host itself (a domain it is not
   * set up to take): Exim's routers, "lowest numbered MX record points to
   * local host", "remote host address is the local host"; Sendmail, "MX
   * list for example.org. points back to mx.example.com" (said with
   * 5.3.5, which alone reads as the system's own failure) */
  P(NETWORKERROR, "mx record points to local host"),
  /* ZoneMTA, when the MX resolves to an address it may not connect to (a
   * private, local or listed one): "550 Can not connect to blocked MX
   * host [127.0.0.1] for example.org" (lib/sender/resolve-mx.js) */
  P(NETWORKERROR, "can not connect to blocked mx host"),
  P(NETWORKERROR, "remote host address is the local host"),
  P(NETWORKERROR, "mx list for * points back to"),
  /* qmail's chkuser patch when the recipient's domain could not be looked
   * up for now: "451 DNS temporary failure (#4.5.1 - chkuser)" (4.5.1
   * alone reads as a bad command) */
  P(NETWORKERROR, "dns temporary failure"),
  /* Exchange: "Unable to connect successfully to the destination mail
   * server"; hMailServer and other Windows servers */
  P(NETWORKERROR, "unable to connect successfully to the destination"),
  P(NETWORKERROR, "connection to recipients server failed"),
  P(NETWORKERROR, "failed to connect to the recipients mail server"),
  /* SmarterMail once its connection retries are used up: "Failed four
   * Attempts to connect to recipients mail server", "Failed all attempts
   * to connect to the recipients mail server" (its hosting providers'
   * pages on common delivery errors: the server made its attempts and
   * never got a connection) */
  P(NETWORKERROR, "attempts to connect to recipients mail server"),
  P(NETWORKERROR, "attempts to connect to the recipients mail server"),
  P(NETWORKERROR, "could not open connection to"),
  /* Courier's SMTP client when the remote host dropped the session:
   * "Connection closed by remote host", "Network connection shut down by
   * the remote mail server" (a reset) */
  P(NETWORKERROR, "connection closed by remote host"),
  P(NETWORKERROR, "connection shut down by the remote mail server"),
  /* Exim when the next server hung up instead of answering a command:
   * "Remote host closed connection in response to end of data" */
  P(NETWORKERROR, "remote host closed connection in response to"),
  /* Exchange Online (and Exchange 2013+) when the next server's
   * connection broke: "451 4.4.397 Error communicating with target host.
   * -> 421 4.4.2 Connection dropped due to SocketError", the same after
   * "Primary target IP address responded with:" (4.4.0). Inside an
   * expiry ("550 4.4.7 QUEUE.Expired; message expired -> 451 4.4.397
   * ...") it is the last attempt's error: expired wins. "Connection
   * dropped" alone: RFC 3463's x.4.2 "bad connection" (the session broke
   * before the transaction ended), the link's whatever the class of the
   * reply it is written in ("550 5.4.2 Bad connection: connection dropped
   * by remote host": no host that dropped the session replied), unless a
   * 5xx gives a status of something else: then the host dropped the
   * session after its verdict (reason.c, refine_named) */
  ATTEMPT_LOST("error communicating with target host"),
  ATTEMPT_LOST("connection dropped"),
  /* A connection cut while reading or writing, as a program says it
   * ("TCP read failed"; Messaging Server's os_smtp_read and os_smtp_write
   * errors are this). Not "TCP active open: Failed connect()", its failed
   * connect: the error after it ("Connection refused", "Connection timed
   * out") names the cause. */
  P(NETWORKERROR, "tcp read failed"),
  P(NETWORKERROR, "tcp write failed"),
  /* the system's own words for a refused connection and an unreachable
   * host or network, as a server running in its language writes them */
  P(NETWORKERROR, "connexion refusée"),
  P(NETWORKERROR, "verbindung abgelehnt"),
  P(NETWORKERROR, "keine route zum zielrechner"),
  P(NETWORKERROR, "netzwerk ist nicht erreichbar"),
  P(NETWORKERROR, "conexión rehusada"),
  P(NETWORKERROR, "conexión rechazada"),
  P(NETWORKERROR, "conexão recusada"),
  P(NETWORKERROR, "connessione rifiutata"),
  P(NETWORKERROR, "verbinding geweigerd"),
  P(NETWORKERROR, "połączenie odrzucone"),
  P(NETWORKERROR, "spojení odmítnuto"),
  P(NETWORKERROR, "в соединении отказано"),
  P(NETWORKERROR, "нет маршрута до узла"),
  P(NETWORKERROR, "сеть недоступна"),
  P(NETWORKERROR, "у з'єднанні відмовлено"),
  P(NETWORKERROR, "bağlantı reddedildi"),
  P(NETWORKERROR, "接続を拒否されました"),
  P(NETWORKERROR, "接続が拒否されました"),
  P(NETWORKERROR, "ホストへの経路がありません"),
  P(NETWORKERROR, "拒绝连接"),
  P(NETWORKERROR, "连接被拒绝"),
  P(NETWORKERROR, "没有到主机的路由"),
  P(NETWORKERROR, "연결이 거부"),
  DNS_RETRY("host not found, try again"),
  DNS_RETRY("host name lookup failure"),
  /* Sendmail when its resolver answered TRY_AGAIN: "Deferred: Name server
   * timeout" (the name may exist; not the message's time running out) */
  DNS_RETRY("name server timeout"),
  DNS_RETRY("dns query failed"),
  DNS_RETRY("had no relevant answers"),
  DNS_RETRY("temporary failure in name resolution"),
  DNS_RETRY("temporary problem looking up mail server"),
  DNS_RETRY("dns query has failed"),
  /* Gmail: "DNS Error: ... DNS type 'mx' lookup of example.org responded
   * with code SERVFAIL": the name servers failed, the name may exist */
  DNS_RETRY("with code servfail"),
  /* Gmail before 2017: "DNS Error: DNS server returned answer with no
   * data", the name exists but has no MX or address record (NOERROR, no
   * answer), the older words for its "had no relevant answers" */
  DNS_RETRY("returned answer with no data"),
  /* Gmail: "DNS Error: Could not contact DNS servers", its resolver got
   * no answer at all; the name may well exist */
  DNS_RETRY("could not contact dns servers"),
  /* the same resolver's (c-ares, as Node.js names its codes) other
   * failures, in ZoneMTA's "450 DNS error when resolving MX for
   * example.org: DNS server returned general failure" (ESERVFAIL; its
   * lib/sender/dns-errors.js): the name servers failed or refused, the
   * name may exist */
  DNS_RETRY("dns server returned general failure"),
  DNS_RETRY("timeout while contacting dns servers"),
  DNS_RETRY("dns server refused query"),
  /* qmail-remote when its resolver answered DNS_SOFT (notqmail
   * qmail-remote.c temp_dnscanon, temp_dns): the canonical name or the
   * host's address could not be looked up for the moment; "(#4.1.2)"
   * after the second, where "any host named x. (#5.1.2)" is the name
   * missing */
  DNS_RETRY("cname lookup failed temporarily"),
  DNS_RETRY("couldn't find any host by that name"),
  /* Gmail: "DNS Error: Address resolution of mx.example.org. failed", the
   * address of the recipient's mail server could not be looked up; with
   * the resolver's "Domain name not found" after it the name is missing
   * (hostunknown outranks this) */
  P(NETWORKERROR, "address resolution of * failed"),

  /* ---- The message could not be delivered in time. ---- */
  P(EXPIRED, "retry time"),
  P(EXPIRED, "retry timeout exceeded"),
  P(EXPIRED, "message expired"),
  P(EXPIRED, "envelope expired"),
  P(EXPIRED, "delivery time expired"),
  P(EXPIRED, "too long in queue"),
  P(EXPIRED, "in the queue too long"),
  P(EXPIRED, "could not be delivered within"),
  P(EXPIRED, "couldn't be delivered within"),
  /* au EZweb: "... were not delivered within 3 days and 0 hours" */
  P(EXPIRED, "not delivered within"),
  /* IMail: "Delivery failed 3 attempts: user@example.com" (its queue gave
   * up after that many tries) */
  P(EXPIRED, "delivery failed * attempts"),
  P(EXPIRED, "could not be delivered for"),
  P(EXPIRED, "could not deliver for the last"),
  P(EXPIRED, "after multiple retries"),
  P(EXPIRED, "giving up"),
  P(EXPIRED, "aborted after"),
  P(EXPIRED, "have been failing for a long time"),
  P(EXPIRED, "timed out"),
  /* WSAETIMEDOUT, Windows Sockets' "Connection timed out", as Exchange
   * writes its number ("Winsock error code: 10060") */
  P(EXPIRED, "error code: 10060"),
  P(EXPIRED, "error code 10060"),
  P(EXPIRED, "timeout"),
  P(EXPIRED, "did not accept our requests to connect"),
  P(EXPIRED, "host not reachable"),
  P(EXPIRED, "has been delayed"),
  /* hMailServer, XMail and other servers that retry on their own */
  P(EXPIRED, "maximum number of delivery attempts"),
  P(EXPIRED, "prolonged unavailability"),
  P(EXPIRED, "nachricht abgelaufen"),
  P(EXPIRED, "message expiré%"),
  P(EXPIRED, "mensaje caducado"),
  P(EXPIRED, "mensagem expirada"),
  P(EXPIRED, "messaggio scaduto"),
  P(EXPIRED, "délai de remise dépassé%"),
  P(EXPIRED, "zeitüberschreitung"),
  P(EXPIRED, "mensaje ha caducado"),
  P(EXPIRED, "mensaje ha expirado"),
  P(EXPIRED, "prazo de entrega expirou"),
  P(EXPIRED, "tempo di consegna scaduto"),
  P(EXPIRED, "bericht verlopen"),
  P(EXPIRED, "bericht is verlopen"),
  P(EXPIRED, "истекло время доставки"),
  P(EXPIRED, "срок доставки истек"),
  P(EXPIRED, "срок доставки истёк"),
  P(EXPIRED, "термін доставки минув"),
  P(EXPIRED, "zaman aşımı%"),
  P(EXPIRED, "タイムアウト"),
  P(EXPIRED, "投递超时"),
  P(EXPIRED, "发送超时"),
  P(EXPIRED, "전송 시간이 초과"),

  /* ---- A filter of the recipient's refused the message. ---- */
  /* Amazon SES receipt rules, Symantec MessageLabs: "Message filtered" */
  P(FILTERED, "message filtered"),
  /* Japanese carriers and providers: "受信拒否" (the recipient's
   * reception refusal settings); Chinese: "收件人拒收" / "对方拒收" (the
   * recipient refused it); Korean: "수신 거부" */
  P(FILTERED, "受信拒否"),
  P(FILTERED, "收件人拒收"),
  P(FILTERED, "对方拒收"),
  P(FILTERED, "수신 거부"),
  P(FILTERED, "수신거부"),

  /* ---- The sender's own list says not to send to the address. ---- */
  P(SUPPRESSED, "suppression list"),
  P(SUPPRESSED, "suppressed address"),
  /* Amazon SES, its global list: "Amazon SES has suppressed sending to
   * this address because it has a recent history of bouncing as an
   * invalid address." (the 5.1.1 beside it is not the recipient's server) */
  P(SUPPRESSED, "has suppressed sending to this address"),

  /* ---- The receiving side holds the message; no decision yet. ---- */
  P(ONHOLD, "on hold"),
  /* Postfix's reject_unverified_recipient before its probe has an answer:
   * "450 4.1.1 <a@b>: Recipient address rejected: unverified address:
   * Address verification in progress". Its x.1.1 says nothing yet about
   * the mailbox: the probe's result, when there is one, follows those
   * words instead ("undeliverable address: ... said: 550 5.1.1 ..."). */
  P(ONHOLD, "address verification in progress"),
  /* ... and when its smtpd could not ask its verify(8) service at all
   * (smtpd_check.c, after "verify service failure" in its log): "450 4.1.1
   * <a@b>: Recipient address rejected: address verification problem". The
   * server's own service failed; its x.1.1 says nothing of the mailbox. */
  P(SYSTEMERROR, "address verification problem"),

  /* ---- Providers' own sentences, each naming one cause (kept together). ---- */
  /* Interia: "550 5.7.1 Recipient doesn't want your mail", the recipient's
   * own block list has the sender (its help page) */
  P(FILTERED, "doesn't want your mail"),
  /* Forpsi and other Czech hosts on the same filter: "550 5.1.0
   * 0bcW1i00G0jifNx01bcmHa blocked by SPF", the sender domain's SPF record
   * does not allow the sending IP */
  P(AUTHFAILURE, "blocked by spf"),
  /* Cleanmail (Swiss filter service) refuses mail from a domain whose SPF
   * record leaves out the sending server: "Forged sender domain from this
   * server" (its notice "Stricter rules for accepting mail with sender
   * bluewin.ch", www.cleanmail.ch/stricter-rules-for-bluewin/) */
  P(AUTHFAILURE, "forged sender domain from this server"),
  /* SpamCop's block list lists sending IPs alone: "Defined SPAM source:
   * bl.spamcop.net" (BigPond's qmail) names the list, not the content */
  SURE_LINK(BLOCKED, "bl.spamcop.net"),
  /* Korean portals (Naver, Daum, Hanafos), as Korean postmasters' pages
   * quote them: "421 4.3.2 Your IP(192.0.2.1) is filtered and this
   * connection will be closed. You must register your IP to ..." (the
   * sending IP; the 4.3.2 beside it would say the system takes no mail);
   * "550 5.1.1 Suspended user", "550 5.1.1 Inactive mbox" (a mailbox put
   * out of use, which the 5.1.1 would call missing); "550 You are
   * registered as spammer (by user's reject list)", the recipient's own
   * list; "550 5.7.1 ... Since you sent too many e-mails,you are not
   * allowed to send more e-mails within 24 hours." */
  P(BLOCKED, "your ip * is filtered"),
  P(SUSPEND, "suspended user"),
  P(SUSPEND, "inactive mbox"),
  P(FILTERED, "user's reject list"),
  P(SPEEDING, "sent too many e-mails"),
  /* Korean portals again, as Korean senders' pages list their replies:
   * Paran's "550 Transaction failed. (SPAM_SUSPECT:IP_CONTROL)
   * (http://cleanip.paran.com)" and Naver's "421 4.4.5 CCRT <ip>:
   * Connection refused. Server is busy(RT)" block the sending IP (its
   * volume, or its spam-IP verdict); the first is sure, as its "spam"
   * would name spamdetected */
  SURE(BLOCKED, "spam_suspect:ip_control"),
  P(BLOCKED, "ccrt"),
  /* Coremail's help page on returned mail (rejectmail.jsp): "550 This
   * Message is not welcome", "550 Recipient reject" are rules the
   * recipient set (keyword, sender or size filters); "550 CoremailSys:Your
   * message was blocked by NetEase AntiSpam+" names the anti-spam filter
   * as the one that refused the message. Coremail's support list of
   * replies has "550 IP is rejected": the sending IP. */
  P(FILTERED, "message is not welcome"),
  P(FILTERED, "recipient reject"),
  P(SPAMDETECTED, "blocked by netease antispam"),
  P(BLOCKED, "ip is rejected"),
  /* the same Chinese reply list: "550 black ip." (发信IP被禁止, the
   * sending IP is banned) */
  P(BLOCKED, "black ip"),
  /* Rackspace (its page of common bounces): "451 4.3.0 <host[192.0.2.1]>:
   * Client host rejected: Throttled - Too much spam from your mail server.
   * Try again later.", the sending host held off for what it sent before,
   * not this message's content (sure: "spam" would say content) */
  SURE(BLOCKED, "too much spam from your"),
  /* Proximus (Skynet): "554 Access denied - Under investigation for spam
   * abuse. Contact your email provider for more info" refuses a sending
   * IP it put on its own blacklist for spam sent from it (its help page
   * "Your IP address is in our blacklist"), not this message's content
   * (sure: "spam" would say content) */
  SURE(BLOCKED, "under investigation for spam abuse"),
  /* Spambrella (its FAQ): "550 5.7.1 <a@b>: Recipient address rejected:
   * User email address is marked as invalid.", the address on the list of
   * invalid users its recipient discovery keeps */
  P(USERUNKNOWN, "address is marked as invalid"),
  /* Sophos Email's refusals carry a code its page "SMTP error codes"
   * explains, in words that say nothing ("550 5.7.1 XGEMAIL_0011 Command
   * rejected"): DKIM, SPF, DMARC failed (0001-0003); the sending IP on a
   * block list (0004); the sender's domain on a domain list (0005); no TLS
   * of the version the recipient's policy asks (0006); the recipient's
   * licence expired (0007); an admin's or user's block list (0008, 0009);
   * a domain Sophos does not protect (0010); no such recipient (0011); a
   * message too big (0012) or too big for that many recipients (0013); the
   * recipient's inbound rate limits (0014, 0015). Sure: the code decides. */
  SURE(AUTHFAILURE, "xgemail_0001"),
  SURE(AUTHFAILURE, "xgemail_0002"),
  SURE(AUTHFAILURE, "xgemail_0003"),
  SURE(BLOCKED, "xgemail_0004"),
  SURE(REJECTED, "xgemail_0005"),
  SURE(FAILEDSTARTTLS, "xgemail_0006"),
  SURE(SYSTEMERROR, "xgemail_0007"),
  SURE(FILTERED, "xgemail_0008"),
  SURE(FILTERED, "xgemail_0009"),
  SURE(NORELAYING, "xgemail_0010"),
  SURE(USERUNKNOWN, "xgemail_0011"),
  SURE(MESGTOOBIG, "xgemail_0012"),
  SURE(TOOMANYCONN, "xgemail_0013"),
  SURE(SPEEDING, "xgemail_0014"),
  SURE(SPEEDING, "xgemail_0015"),
  /* spam-mail-blocker.de (its help page, spam-mail-blocker.de/greylisted.html)
   * words its refusals of a sending IP or domain itself, under codes RFC
   * 3463 gives other meanings (x.2.1 disabled mailbox, x.6.x media): "4.2.1
   * Sender ip address rejected: You sent to many mails from different
   * domains in the last 10 minutes" and "4.2.2 Sender domain rejected: You
   * sent to many mails from different ip address in the last 10 minutes"
   * (a rate: sure against the "rejected" of the sender they open with),
   * "5.6.2 Sender ip adress rejected: Your IPv6 address do not have a
   * reverse look name", "5.6.3 Sender ip adress rejected: Your IPv6
   * address must be send with an encryption" (spelt so) */
  SURE(SPEEDING, "sent to many mails from different"),
  P(REQUIREPTR, "do not have a reverse look name"),
  P(FAILEDSTARTTLS, "address must be send with an encryption"),

  /* ---- A refusal that gives no reason: the command decides. ---- */
  REFUSAL("access denied"),
  REFUSAL("rejected"),
  REFUSAL("denied"),
  REFUSAL("address rejected"),
  REFUSAL("not accepted"),
  /* "does not accept mail from ...", "not accepting mail from ..." refuse
   * a sender, a domain or an IP, not the whole domain (null MX) the
   * shorter words would name */
  SURE_REFUSAL("does not accept mail from"),
  SURE_REFUSAL("does not accept email from"),
  SURE_REFUSAL("does not accept e-mail from"),
  SURE_REFUSAL("doesn't accept mail from"),
  SURE_REFUSAL("doesn't accept email from"),
  SURE_REFUSAL("not accepting mail from"),
  SURE_REFUSAL("not accepting email from"),
  SURE_REFUSAL("not accepting e-mail from"),
  REFUSAL("zugriff verweigert"),
  REFUSAL("accès refusé"),
  REFUSAL("acceso denegado"),
  REFUSAL("acesso negado"),
  REFUSAL("accesso negato"),
  REFUSAL("доступ запрещен"),

  /* ---- A deferral with no reason but to come back (reason.h). ---- */
  DEFERRAL("try again later"),
};

const size_t bn_cause_phrase_count = G_N_ELEMENTS(bn_cause_phrases);

/* When the text names several causes, the one that says most about the
 * recipient or about the sender's fix comes first: a named size or quota
 * before the generic refusal around it, a failed SPF, DKIM or DMARC check
 * before the sender refusal it caused, the sender's own address before
 * anything that would suppress the recipient, the specific filter (auth,
 * spam, virus) before the generic block, and the generic network and time
 * outs last. RFC 5321's stock "mailbox unavailable", which servers write
 * before whatever refused the message, yields to all of those. */
const bounce_cause bn_cause_precedence[] = {
  BOUNCE_CAUSE_MESGTOOBIG,    BOUNCE_CAUSE_EXCEEDLIMIT,  BOUNCE_CAUSE_MAILBOXFULL,
  BOUNCE_CAUSE_SUSPEND,       BOUNCE_CAUSE_HASMOVED,     BOUNCE_CAUSE_REQUIREPTR,
  BOUNCE_CAUSE_NOTACCEPT,     BOUNCE_CAUSE_NORELAYING,   BOUNCE_CAUSE_AUTHFAILURE,
  BOUNCE_CAUSE_REJECTED,
  BN_CAUSE_DNS_RETRY,         BOUNCE_CAUSE_HOSTUNKNOWN,  BOUNCE_CAUSE_USERUNKNOWN,
  BOUNCE_CAUSE_VIRUSDETECTED, BOUNCE_CAUSE_NOTCOMPLIANTRFC, BOUNCE_CAUSE_SPAMDETECTED,
  BOUNCE_CAUSE_BADREPUTATION, BOUNCE_CAUSE_TOOMANYCONN,  BOUNCE_CAUSE_SPEEDING,
  BOUNCE_CAUSE_BLOCKED,       BN_CAUSE_TALK_REFUSED,     BOUNCE_CAUSE_SECURITYERROR, BOUNCE_CAUSE_FAILEDSTARTTLS,
  BOUNCE_CAUSE_POLICYVIOLATION, BOUNCE_CAUSE_FILTERED,   BOUNCE_CAUSE_SYNTAXERROR,
  BOUNCE_CAUSE_CONTENTERROR,  BOUNCE_CAUSE_MAILERERROR,  BOUNCE_CAUSE_SYSTEMFULL,
  BOUNCE_CAUSE_SYSTEMERROR,   BOUNCE_CAUSE_NETWORKERROR, BN_CAUSE_CONN_REFUSED,
  BOUNCE_CAUSE_EXPIRED,       BN_CAUSE_ATTEMPT_LOST,     BN_CAUSE_BACKEND_DOWN,
  BN_CAUSE_MAILBOX_UNAVAILABLE, BN_CAUSE_SERVICE_DOWN,
  BOUNCE_CAUSE_ONHOLD,        BOUNCE_CAUSE_SUPPRESSED,   BN_CAUSE_REFUSAL,
  BN_CAUSE_DEFERRAL,
};

const size_t bn_cause_precedence_count = G_N_ELEMENTS(bn_cause_precedence);
