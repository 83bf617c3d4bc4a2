/* Finding codes, addresses and commands in free text. */
#include "testutil.h"
#include "private.h"
#include <string.h>

static const char *
status_in(const char *s)
{
  static char out[16];
  if (!bn_find_status(s, strlen(s), out))
    return "";
  return out;
}

START_TEST(test_status)
{
  ck_assert_str_eq(status_in("550 5.1.1 <a@b.example>... User unknown"), "5.1.1");
  ck_assert_str_eq(status_in("550-5.7.1 [192.0.2.1] blocked"), "5.7.1");
  ck_assert_str_eq(status_in("Sorry, no mailbox here by that name. (#5.1.1)"), "5.1.1");
  ck_assert_str_eq(status_in("smtp;554 5.7.509 Access denied"), "5.7.509");
  ck_assert_str_eq(status_in("Status: 4.4.7"), "4.4.7");
  /* not a status: IP addresses, versions, dates, out-of-range parts */
  ck_assert_str_eq(status_in("host 192.5.1.1 said no"), "");
  ck_assert_str_eq(status_in("from 10.5.1.12 (helo)"), "");
  ck_assert_str_eq(status_in("Exim 4.5.1.2 here"), "");
  ck_assert_str_eq(status_in("version v5.1.1"), "");
  ck_assert_str_eq(status_in("dated 2014.5.1"), "");
  ck_assert_str_eq(status_in("code 5.8.1 and 3.1.1"), "");
  ck_assert_str_eq(status_in("code 5.1.1234"), "");
  ck_assert_str_eq(status_in("5.1.1"), "5.1.1");
  /* after a name its version, after a preposition a date; after the words
   * a status follows and after punctuation, a status */
  ck_assert_str_eq(status_in("554 mail.example.org ESMTP CommuniGate Pro 5.4.2 busy"), "");
  ck_assert_str_eq(status_in("554 ESMTP Service (Lotus Domino Release 5.0.12) ready"), "");
  ck_assert_str_eq(status_in("MailGate 4.2.1: 550 5.1.1 User unknown"), "5.1.1");
  ck_assert_str_eq(status_in("Ihre Nachricht vom 5.4.24 an bob@example.org"), "");
  ck_assert_str_eq(status_in("550 Recipient rejected, status 5.2.1 disabled"), "5.2.1");
  ck_assert_str_eq(status_in("550 Error  5.7.1 relaying denied"), "5.7.1");
  ck_assert_str_eq(status_in("Remote host said:\n5.2.2 Mailbox full"), "5.2.2");
  ck_assert_str_eq(status_in("rejected: 5.7.1 denied"), "5.7.1");
  /* a filter's tag joined by '_' is no product name before a version */
  ck_assert_str_eq(status_in("550 cuda_nsu 5.1.1 <bob@example.org> User unknown"), "5.1.1");
  ck_assert_str_eq(status_in("(5.1.1)"), "5.1.1");
  ck_assert_str_eq(status_in("Kerio Connect Version: 5.1.6"), "");
  ck_assert_str_eq(status_in("Reason: 5.2.2 mailbox full"), "5.2.2");
  ck_assert(bn_status_valid("5.7.26", 6));
  ck_assert(!bn_status_valid("5.7", 3));
  ck_assert(!bn_status_valid("6.1.1", 5));
  ck_assert(!bn_status_valid("5.12.1", 6));
}
END_TEST

/* The links of s, joined by spaces, and s with each replaced by '#';
 * "-" when s holds none. */
static const char *
links_in(const char *s, const char **plain_out)
{
  static char links[256], plain[256];
  GString *p, *l;
  if (!bn_split_links(s, strlen(s), &p, &l)) {
    *plain_out = s;
    return "-";
  }
  g_strlcpy(links, l->str, sizeof links);
  for (size_t i = 0; i < p->len; i++)
    if (p->str[i] == '\x01')
      p->str[i] = '#';
  g_strlcpy(plain, p->str, sizeof plain);
  g_string_free(p, TRUE);
  g_string_free(l, TRUE);
  *plain_out = plain;
  return links;
}

START_TEST(test_links)
{
  const char *plain;
  ck_assert_str_eq(links_in("see https://example.org/spam-policy.html.", &plain),
                   "https://example.org/spam-policy.html");
  ck_assert_str_eq(plain, "see #.");
  ck_assert_str_eq(links_in("RCPT TO:<spam-report@example.org>: denied", &plain),
                   "spam-report@example.org");
  ck_assert_str_eq(plain, "RCPT TO:<#>: denied");
  ck_assert_str_eq(links_in("H=mailbox-full.example.net [192.0.2.5], www.example.org/x", &plain),
                   "mailbox-full.example.net www.example.org/x");
  ck_assert_str_eq(plain, "H=# [192.0.2.5], #");
  /* no links: an IP address, a status, Exchange's dotted codes, two labels,
   * a sentence without its space */
  ck_assert_str_eq(links_in("192.0.2.5 said 5.1.1 RESOLVER.ADR.RecipNotFound", &plain), "-");
  ck_assert_str_eq(links_in("see example.org; mailbox full.try later", &plain), "-");
  ck_assert_str_eq(links_in("", &plain), "-");
}
END_TEST

START_TEST(test_host_within)
{
  ck_assert(bn_host_within("example.jp", "example.jp"));
  ck_assert(bn_host_within("MX1.Mail.Example.JP", "example.jp"));
  ck_assert(!bn_host_within("sample.jp", "ample.jp"));
  ck_assert(!bn_host_within("example.jp", "mail.example.jp"));
  ck_assert(!bn_host_within("example.jp", ""));
  ck_assert(bn_same_domain("ops@Example.COM", "alerts@example.com"));
  ck_assert(!bn_same_domain("ops@mail.example.com", "alerts@example.com"));
  ck_assert(!bn_same_domain("ops", "alerts@example.com"));
  ck_assert(!bn_same_domain("ops@example.com", NULL));
  static const char *const heads[] = {"宛先", "送信先", NULL};
  const char *t = "送信先taro@example.jp";
  ck_assert_uint_eq(bn_opens_with_any(t, t + strlen(t), heads), strlen("送信先"));
  ck_assert_uint_eq(bn_opens_with_any(t, t + 3, heads), 0); /* cut before the word ends */
  const char *u = "taro@";
  ck_assert_uint_eq(bn_opens_with_any(u, u + strlen(u), heads), 0);
  ck_assert(!bn_host_within("", "example.jp"));
}
END_TEST

/* The word before an address, as reason.c (refused_address_words) and the
 * reader for unknown MTAs (recipient nouns, reply labels) both ask it: the
 * marks before the address are skipped, and the word must stand whole. A
 * letter of another alphabet glued to it makes a longer word, as an ASCII
 * one does ("Empfängeraddress" is no "address"). */
START_TEST(test_ends_with_word)
{
  static const char *const words[] = {"recipient", "rcpt to", "address", NULL};
  static const char *const cases[][2] = {
    {"550 Recipient ", "1"},
    {"550 recipient: ", "1"},
    {"RCPT TO:", "1"},
    {"Invalid address : ", "1"},
    {"address", "1"},
    {"550 norecipient ", "0"},
    {"Empf\xc3\xa4ngeraddress: ", "0"},
    {"550 address rejected ", "0"},
    {"", "0"},
    {"::  ", "0"},
    /* marks and CJK before the word bound it: a no-break space, an
     * ideographic full stop, a fullwidth colon, an em dash, a Chinese word */
    {"550 Sorry.\xc2\xa0Recipient ", "1"},
    {"550 \xe7\x94\xb3\xe3\x80\x82Recipient ", "1"},
    {"550 \xe3\x82\xa8\xef\xbc\x9a" "address: ", "1"},
    {"550 Error\xe2\x80\x94recipient ", "1"},
    {"550 \xe6\x97\xa0\xe6\x95\x88\xe7\x9a\x84rcpt to:", "1"},
    /* a Cyrillic or Greek letter glues as a Latin one does; undecoded
     * Latin-1 counts as a letter */
    {"\xd0\xb0" "address ", "0"},
    {"Empf\xe4ngeraddress: ", "0"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *t = cases[i][0];
    ck_assert_msg(bn_ends_with_word(t, strlen(t), " :", words) == (cases[i][1][0] == '1'), "%s", t);
  }
  const char *t = "Recipient: <";
  ck_assert(!bn_ends_with_word(t, strlen(t), " :", words)); /* '<' is not trimmed here */
  ck_assert(bn_ends_with_word(t, strlen(t), " :<", words));
  ck_assert(bn_word_byte('a') && bn_word_byte('7') && bn_word_byte('\xe4'));
  ck_assert(!bn_word_byte('-') && !bn_word_byte(' ') && !bn_word_byte(':'));
}
END_TEST

/* A label is looked for within the line: "<-- " and a form feed, trimmed
 * to "<--", does not open with "<-- " even though the buffer goes on with
 * the trimmed space */
START_TEST(test_span_label)
{
  static const char text[] = "<-- \f\n<-- 550 no such user\n";
  bn_span l = {text, 5};
  bn_span_trim(&l);
  ck_assert_uint_eq(l.len, 3);
  ck_assert_uint_eq(bn_span_label(&l, "<-- "), 0);
  bn_span m = {text + 6, 22};
  ck_assert_uint_eq(bn_span_label(&m, "<-- "), 4);
  ck_assert_uint_eq(bn_span_label(&m, "<-- 550 no such user and more"), 0);
  bn_span h = {"HOST mx.example.jp", 18};
  ck_assert_uint_eq(bn_span_label(&h, "host "), 5);
}
END_TEST

static int
reply_in(const char *s)
{
  return bn_find_reply_code(s, strlen(s));
}

START_TEST(test_reply_code)
{
  ck_assert_int_eq(reply_in("550 5.1.1 User unknown"), 550);
  ck_assert_int_eq(reply_in("smtp; 552 Mailbox full"), 552);
  ck_assert_int_eq(reply_in("SMTP; 421-4.7.0 try later"), 421);
  ck_assert_int_eq(reply_in("host mx.example.jp said: 554 rejected"), 554);
  ck_assert_int_eq(reply_in("<<< 550 No such user"), 550);
  ck_assert_int_eq(reply_in("User unknown (550 5.1.1)"), 550);
  ck_assert_int_eq(reply_in("The error: 553-5.1.8 sender"), 553);
  /* Cisco's gateways: their own status first, then the reply quoted */
  ck_assert_int_eq(reply_in("5.1.0 - Unknown address error 550-'5.1.1 <a@b.example>... User "
                            "unknown' (delivery attempts: 0)"),
                   550);
  ck_assert_int_eq(reply_in("5.3.0 - Other mail system problem 554-'5.7.1 rejected'"), 554);
  /* a code of another class than the status after it is not its code */
  ck_assert_int_eq(reply_in("5.3.0 - problem 450-'5.7.1 rejected'"), 0);
  /* the code's colon glued to a status of its class; not an IPv6 group */
  ck_assert_int_eq(reply_in("smtp; 550:5.1.1 <a@b.example>... User unknown"), 550);
  ck_assert_int_eq(reply_in("smtp; 450:5.1.1 User unknown"), 0);
  ck_assert_int_eq(reply_in("2001:db8::550:5.1.1"), 0);
  /* CJK text: full-width colon and parenthesis */
  ck_assert_int_eq(reply_in("\xe9\x80\x80\xe4\xbf\xa1\xef\xbc\x9a" "550 Mailbox not found"), 550);
  ck_assert_int_eq(reply_in("\xe5\xa4\xb1\xe8\xb4\xa5\xef\xbc\x88" "554 spam"), 554);
  /* numbers that are not reply codes */
  ck_assert_int_eq(reply_in("message of 5500 bytes"), 0);
  ck_assert_int_eq(reply_in("sent from 192.0.2.250 at noon"), 0);
  ck_assert_int_eq(reply_in("retry in 450 seconds"), 0);
  ck_assert_int_eq(reply_in("port 25"), 0);
  /* three digits in reply position that no SMTP server sends */
  ck_assert_int_eq(reply_in("426 connection timed out"), 0);
  ck_assert_int_eq(reply_in("599 what"), 0);
  ck_assert_int_eq(reply_in("571 Delivery not authorized"), 0);
  ck_assert_int_eq(reply_in("525 5.7.13 account disabled"), 525);
  ck_assert_int_eq(reply_in("440 mail from account doesn't conform with authentication"), 440);
  ck_assert_int_eq(reply_in(""), 0);
}
END_TEST

/* Where the answer starts, as an offset, or -1. */
static long
reply_at_in(const char *s)
{
  const char *at = bn_find_reply(s, strlen(s));
  return at ? (long)(at - s) : -1;
}

START_TEST(test_reply_start)
{
  ck_assert_int_eq(reply_at_in("550 5.1.1 User unknown"), 0);
  ck_assert_int_eq(reply_at_in("smtp; 552 Mailbox full"), 6);
  ck_assert_int_eq(reply_at_in("host mx.example.jp[192.0.2.1] said: 554 5.7.1 rejected"), 36);
  ck_assert_int_eq(reply_at_in("User unknown (550 5.1.1)"), 14);
  ck_assert_int_eq(reply_at_in("\xe9\x80\x80\xe4\xbf\xa1\xef\xbc\x9a" "550 Mailbox not found"), 9);
  ck_assert_int_eq(reply_at_in("retry in 450 seconds"), -1);
  ck_assert_int_eq(reply_at_in(""), -1);
}
END_TEST

/* What fn makes of in: the text wanted, or NULL for none. */
static void
dup_is(char *(*fn)(const char *, size_t), const char *in, const char *want)
{
  char *got = fn(in, strlen(in));
  if (want == NULL)
    ck_assert_msg(got == NULL, "%s gave %s, want none", in, got);
  else {
    ck_assert_msg(got != NULL, "%s gave none, want %s", in, want);
    ck_assert_str_eq(got, want);
  }
  g_free(got);
}

static void
unmarked_is(const char *in, const char *want)
{
  dup_is(bn_reply_unmarked, in, want);
}

START_TEST(test_reply_unmarked)
{
  /* the markers repeating the first line's code and status go */
  unmarked_is("552-5.7.0 its content presents a potential 552-5.7.0 security issue. 552 5.7.0 "
              "See the guidelines.",
              "552-5.7.0 its content presents a potential security issue. See the guidelines.");
  /* after words before the reply, and a continuation line left empty */
  unmarked_is("host mx.example.jp said: 550-5.7.26 not accepted due to 550-5.7.26 550-5.7.26 "
              "domain's DMARC policy.",
              "host mx.example.jp said: 550-5.7.26 not accepted due to domain's DMARC policy.");
  /* an opening line whose dash a recognizer dropped when it joined the
   * lines, the next lines' markers left in place */
  unmarked_is("host said: 550 5.7.1 The IP is not authorized to 550-5.7.1 send email directly. "
              "Use the relay at your 550-5.7.1 provider. 550 5.7.1 https://example.com/help",
              "host said: 550 5.7.1 The IP is not authorized to send email directly. "
              "Use the relay at your provider. https://example.com/help");
  /* a two-line reply joined on one line, the opening dash dropped: the
   * last line's marker is the only one */
  unmarked_is("554 5.7.1 <kijitora@example.org>: Relay access 554 5.7.1 denied",
              "554 5.7.1 <kijitora@example.org>: Relay access denied");
  /* a reply whose lines give no status */
  unmarked_is("550-Please log in. 550-mx is not permitted to 550 relay.",
              "550-Please log in. mx is not permitted to relay.");
  /* another code or status, a number inside a word, or a one-line reply */
  unmarked_is("550-5.7.1 blocked, see 550-5.7.2 list", NULL);
  unmarked_is("550-5.7.1 blocked after 421 4.7.0 tries", NULL);
  unmarked_is("550-5.7.1 blocked, code x550-5.7.1 kept", NULL);
  unmarked_is("550 5.1.1 user unknown 550 5.1.1", NULL);
  unmarked_is("", NULL);
}
END_TEST

START_TEST(test_reply_holds)
{
  const char *whole = "550-5.7.1 this message is likely unsolicited mail. Please visit "
                      "https://example.com/help for more information. - gsmtp";
  size_t n = strlen(whole);
  /* its first line, its last line (a line's marker and spaces go) */
  ck_assert(bn_reply_holds(whole, n, "550-5.7.1 this message is likely", 32));
  ck_assert(bn_reply_holds(whole, n, "550 5.7.1  for more information. - gsmtp", 40));
  /* the code alone says less */
  ck_assert(bn_reply_holds(whole, n, "550", 3));
  /* another code, other words, or the whole reply itself */
  ck_assert(!bn_reply_holds(whole, n, "554 5.7.1 for more information.", 31));
  ck_assert(!bn_reply_holds(whole, n, "550 5.7.1 mailbox full", 22));
  ck_assert(!bn_reply_holds(whole, n, whole, n));
  ck_assert(!bn_reply_holds("Unknown user.", 13, "Unknown", 7));
  ck_assert(!bn_reply_holds(NULL, 0, "550", 3));
}
END_TEST

static void
category_reply_is(const char *in, const char *want)
{
  dup_is(bn_category_reply, in, want);
}

START_TEST(test_category_reply)
{
  category_reply_is("5.1.0 - Unknown address error 550-'5.1.1 <a@example.jp>... User unknown' "
                    "(delivery attempts: 0)",
                    "550 5.1.1 <a@example.jp>... User unknown");
  /* quoted again by Exchange: the reply closes before "(delivery attempts" */
  category_reply_is("Remote Server returned '< #5.0.0 smtp; 5.1.0 - Unknown address error "
                    "553-'sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)' "
                    "(delivery attempts: 0)>'",
                    "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)");
  /* no category before it, no quote after the code, no reply code */
  category_reply_is("550-'5.1.1 user unknown'", NULL);
  category_reply_is("5.1.0 - Unknown address error 550 5.1.1 user unknown", NULL);
  category_reply_is("5.1.0 - Unknown address error 999-'x'", NULL);
  category_reply_is("", NULL);
}
END_TEST

static void
clean_is(const char *in, const char *want)
{
  dup_is(bn_address_clean, in, want);
}

/* The mailboxes of an address header joined with "|". */
static void
mailboxes_are(const char *header, guint max, const char *want)
{
  InternetAddressList *list = internet_address_list_parse(NULL, header);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  bn_header_mailboxes(list, header, max, out);
  g_ptr_array_add(out, NULL);
  char *got = g_strjoinv("|", (char **)out->pdata);
  ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s", header, got, want);
  g_free(got);
  g_ptr_array_unref(out);
  if (list)
    g_object_unref(list);
}

START_TEST(test_header_mailboxes)
{
  bn_gmime_init();
  /* what GMime reads stays GMime's */
  mailboxes_are("a@example.jp, \"B\" <b@example.jp>", 10, "a@example.jp|b@example.jp");
  /* docomo's and au's dotted local parts, which GMime drops, in their place */
  mailboxes_are("taro.@docomo.ne.jp, ok@example.com, Hanako <ha..nako@ezweb.ne.jp>", 10,
                "taro.@docomo.ne.jp|ok@example.com|ha..nako@ezweb.ne.jp");
  mailboxes_are("\"Sato, Jiro\" <ji..ro@ezweb.ne.jp> (mobile, old)", 10, "ji..ro@ezweb.ne.jp");
  mailboxes_are("taro.@docomo.ne.jp, ok@example.com", 1, "taro.@docomo.ne.jp");
  /* an unquoted comma in a name is no mailbox of its own: the order holds */
  mailboxes_are("Yamada, Taro <taro@example.jp>, hanako.@docomo.ne.jp, \"Sato, J.\" <jiro@example.jp>",
                10, "taro@example.jp|hanako.@docomo.ne.jp|jiro@example.jp");
  /* a group's members are the list's mailboxes in their place; an empty
   * group has none */
  mailboxes_are("team: x.@docomo.ne.jp, y@example.jp;, z.@docomo.ne.jp", 10,
                "x.@docomo.ne.jp|y@example.jp|z.@docomo.ne.jp");
  mailboxes_are("Team: a@example.com, \"Sato\" <b@example.org>;", 10, "a@example.com|b@example.org");
  mailboxes_are("Team: Kimura <k.@docomo.ne.jp>; c@example.net", 10, "k.@docomo.ne.jp|c@example.net");
  mailboxes_are("undisclosed-recipients:;", 10, "");
  mailboxes_are("undisclosed-recipients:; a@example.com", 10, "a@example.com");
  /* Outlook's ";" between mailboxes, which GMime reads the first of */
  mailboxes_are("a@example.com; b@example.org", 10, "a@example.com|b@example.org");
  mailboxes_are("Kimura Taro <k@example.jp>; Sato <s@example.jp>;", 10, "k@example.jp|s@example.jp");
  mailboxes_are("\"Kimura, Taro\" <k@example.jp>; b@example.org, c@example.net; ; d@example.com", 10,
                "k@example.jp|b@example.org|c@example.net|d@example.com");
  mailboxes_are("a@example.com; taro.@docomo.ne.jp; Hanako <ha..nako@ezweb.ne.jp>", 10,
                "a@example.com|taro.@docomo.ne.jp|ha..nako@ezweb.ne.jp");
  mailboxes_are("a@example.com; b@example.org; c@example.net", 2, "a@example.com|b@example.org");
  mailboxes_are("Team: a@example.com; b@example.org; c@example.net", 10,
                "a@example.com|b@example.org|c@example.net");
  mailboxes_are("a@example.com;", 10, "a@example.com");
  mailboxes_are(";;; a@example.com", 10, "a@example.com");
  /* a dotted mailbox after GMime's */
  mailboxes_are("a@example.com, taro.@docomo.ne.jp", 10, "a@example.com|taro.@docomo.ne.jp");
  /* an item is paired with GMime's mailbox by its address, not its name */
  mailboxes_are("\"Sato (sato@example.jp)\" <sato.@docomo.ne.jp>, sato@example.jp", 10,
                "sato.@docomo.ne.jp|sato@example.jp");
  mailboxes_are("\"Taro <boss>\" <taro.@docomo.ne.jp>, x@example.jp", 10,
                "taro.@docomo.ne.jp|x@example.jp");
  mailboxes_are("\x1b$B;3ED\x1b(B <taro.@docomo.ne.jp>, x@example.jp", 10,
                "taro.@docomo.ne.jp|x@example.jp");
  /* the colons of an address literal open no group */
  mailboxes_are("postmaster@[IPv6:2001:db8::1], hanako.@docomo.ne.jp", 10,
                "postmaster@[ipv6:2001:db8::1]|hanako.@docomo.ne.jp");
  /* anything else GMime refuses stays refused */
  mailboxes_are(".taro@docomo.ne.jp, not an address, x@", 10, "");
  mailboxes_are("(taro.@docomo.ne.jp), (old) hanako.@docomo.ne.jp", 10, "");
  mailboxes_are("", 10, "");
}
END_TEST

START_TEST(test_address_clean)
{
  clean_is("rfc822; user@example.jp", "user@example.jp");
  clean_is("RFC822;<User@Example.JP>", "User@example.jp");
  clean_is("  \"user@example.jp\" ", "user@example.jp");
  clean_is("Kijitora <kijitora@example.org>", "kijitora@example.org");
  clean_is("rfc822;user+2Btag@example.jp", "user+tag@example.jp");
  clean_is("rfc822;user+3Dtag@example.jp", "user=tag@example.jp");
  /* sub-addresses that only look like xtext stay as they are */
  clean_is("rfc822;john+facebook@example.jp", "john+facebook@example.jp");
  clean_is("rfc822;news+2024@example.jp", "news+2024@example.jp");
  clean_is("rfc822;list+ab@example.jp", "list+ab@example.jp");
  clean_is("utf-8; \\x{65E5}\\x{672C}@example.jp", "日本@example.jp");
  clean_is("utf-8;ユーザー@例え.jp", "ユーザー@例え.jp");
  clean_is("<@relay.example:user@example.jp>", "user@example.jp");
  clean_is("user@example.jp.", "user@example.jp");
  clean_is("x400; /C=US/O=Example/", NULL);
  clean_is("not an address", NULL);
  clean_is("@example.jp", NULL);
  clean_is("user@", NULL);
  /* a quoted local part may hold a space; nothing else may */
  clean_is("rfc822; \"john smith\"@Example.COM", "\"john smith\"@example.com");
  clean_is("<\"a\\\"b c\"@example.com>", "\"a\\\"b c\"@example.com");
  clean_is("john smith@example.com", NULL);
  clean_is("\"john\" smith@example.com", NULL);
  clean_is("\"john smith\"@example .com", NULL);
}
END_TEST

/* The mailbox a server names in another form than the envelope's. */
START_TEST(test_same_mailbox)
{
  ck_assert(bn_same_mailbox("Kenji@EXAMPLE.org", "kenji@example.org", false));
  ck_assert(bn_same_mailbox("\"kenji.sato\"@example.org", "kenji.sato@example.org", false));
  ck_assert(bn_same_mailbox("kenji@example.org.", "kenji@example.org", false));
  ck_assert(bn_same_mailbox("taro@例え.example", "taro@xn--r8jz45g.example", false));
  ck_assert(bn_same_mailbox("bob@example.net", "bob%example.net@gateway.example.org", false));
  /* the server cuts the subaddress off; a command's argument is whole */
  ck_assert(bn_same_mailbox("kenji@example.org", "kenji-lists@example.org", true));
  ck_assert(bn_same_mailbox("kenji@example.org", "kenji+lists@example.org", true));
  ck_assert(bn_same_mailbox("kenji-lists@example.org", "kenji-lists-x@example.org", true));
  ck_assert(!bn_same_mailbox("kenji@example.org", "kenji-lists@example.org", false));
  /* never another person's */
  ck_assert(!bn_same_mailbox("kenji-lists@example.org", "kenji@example.org", true));
  ck_assert(!bn_same_mailbox("bob@example.org", "bobby@example.org", true));
  ck_assert(!bn_same_mailbox("mary-jo@example.org", "mary-ann@example.org", true));
  ck_assert(!bn_same_mailbox("kenji@example.net", "kenji-lists@example.org", true));
  ck_assert(!bn_same_mailbox("bob@gateway.example.org", "bob%example.net@gateway.example.org", true));
  ck_assert(!bn_same_mailbox("-lists@example.org", "kenji@example.org", true));
  ck_assert(!bn_same_mailbox(NULL, "kenji@example.org", true));
  ck_assert(!bn_same_mailbox("kenji@example.org", "", true));
  ck_assert(!bn_same_mailbox("%@example.org", "%@example.org", true));
  ck_assert(!bn_same_mailbox("\"\"@example.org", "\"\"@example.org", true));
  /* plain addresses compare without keys, as the keys would */
  ck_assert(bn_same_mailbox("Jean-Pierre@Example.NET", "jean-pierre@example.net", false));
  ck_assert(!bn_same_mailbox("jean@example.net", "jean-pierre@example.net", false));
  ck_assert(!bn_same_mailbox("@example.net", "@example.net", false));
  ck_assert(!bn_same_mailbox("jean@", "jean@example.net", false));
}
END_TEST

/* The first word of an address line: a quoted local part is one word. */
START_TEST(test_word_end)
{
  static const struct {
    const char *in;
    size_t want;
  } rows[] = {
    {"user@example.com rest", 16},
    {"\"john doe\"@example.com  host mx", 22},
    {"\"a@b\"@example.org", 17},
    {"\"a\\\" b\"@example.org x", 19},
    {"\"unclosed quote@example.org x", 9},
    {"\tuser@example.com", 0},
    {"", 0},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
    ck_assert_uint_eq(bn_word_end(rows[i].in, strlen(rows[i].in)), rows[i].want);
}
END_TEST

static void
find_is(const char *in, const char *want)
{
  dup_is(bn_find_address, in, want);
}

START_TEST(test_find_address)
{
  find_is("  kijitora@example.ed.jp", "kijitora@example.ed.jp");
  find_is("<userunknown@example.jp>: host said", "userunknown@example.jp");
  find_is("RCPT To:<a.b@example.net>", "a.b@example.net");
  find_is("mail to 'quoted@example.com' failed", "quoted@example.com");
  find_is("user@localhost failed", NULL);
  find_is("<user@localhost> failed", "user@localhost");
  find_is("no address here", NULL);
  find_is("宛先kijitora@example.jp您好", "kijitora@example.jp");
  find_is("<田中@例え.jp>", "田中@例え.jp");
  /* an SMTPUTF8 local part that ends in ASCII: a two-byte letter or a
   * domain beyond ASCII is no Japanese or Chinese text around it */
  find_is("550 5.1.1 <josé1@example.com>... User unknown", "josé1@example.com");
  find_is("<иван.2@example.ru>: mailbox unavailable", "иван.2@example.ru");
  find_is("550 <用户1@例子.广告>: User unknown", "用户1@例子.广告");
  find_is("宛先kijitora2@example.jp您好", "kijitora2@example.jp");
  /* ideographs or kana run into an ASCII local part from a separator:
   * all of it is the local part; after hiragana or a label it is text */
  find_is("<ユーザー.名前1@example.jp>: host said", "ユーザー.名前1@example.jp");
  find_is("To: 山田taro@example.jp", "山田taro@example.jp");
  /* an Authentication-Results property names its value's address; other
   * local parts with '=' (SRS, VERP) are addresses whole */
  find_is("smtp.mailfrom=anna@example.org", "anna@example.org");
  find_is("auth=pass smtp.auth=anna@example.org;", "anna@example.org");
  find_is("SRS0=Hx1a=TT=example.org=anna@fwd.example.net",
          "SRS0=Hx1a=TT=example.org=anna@fwd.example.net");
  find_is("<list-bounces+anna=example.org@lists.example.net>",
          "list-bounces+anna=example.org@lists.example.net");
  find_is("山田taro@example.jp", "山田taro@example.jp");
  find_is("宛先：山田taro@example.jp、", "山田taro@example.jp");
  find_is("「ユーザー.名前1@example.jp」", "ユーザー.名前1@example.jp");
  find_is("次のあて先taro@example.jpへ", "taro@example.jp");
  find_is("メールアドレスtaro@example.jpは存在しません", "taro@example.jp");
  find_is("宛先山田taro@example.jp", "taro@example.jp");
  find_is("收件人li.na@example.cn", "li.na@example.cn");
  find_is("→山田taro@example.jp", "taro@example.jp");
  /* the notice's words glued to the address: not a local part */
  find_is("送信失敗taro@example.jp", "taro@example.jp");
  find_is("发送失败zhang@example.cn", "zhang@example.cn");
  find_is("退信zhang@example.cn", "zhang@example.cn");
  find_is("配信エラーtaro@example.jp", "taro@example.jp");
  find_is("\x82\xa0" "taro@example.jp", "taro@example.jp");
  find_is("收件人：ma.li@例子.中国", "ma.li@例子.中国");
  find_is("收件人：用户@例子.中国", "用户@例子.中国");
  /* CJK punctuation around a domain beyond ASCII ends it, as ')' ',' '.'
   * end an ASCII one; at the start it ends a local part beyond ASCII */
  find_is("宛先（用户1@例子.广告）へ", "用户1@例子.广告");
  find_is("宛先（taro@例え.jp）へ", "taro@例え.jp");
  find_is("「用户@例子.中国」は存在しません", "用户@例子.中国");
  find_is("『taro@例え.jp』", "taro@例え.jp");
  find_is("【用户@例子.中国】", "用户@例子.中国");
  find_is("收件人：用户@例子.中国，退信原因", "用户@例子.中国");
  find_is("收件人“用户@例子.中国”不存在", "用户@例子.中国");
  find_is("宛先：taro@例え.jp。", "taro@例え.jp");
  find_is("宛先：taro@例え.jp、hanako@例え.jp", "taro@例え.jp");
  find_is("宛先：taro@例え.jp　様", "taro@例え.jp");
  find_is("宛先：taro@例え.jp．", "taro@例え.jp");
  /* ideographs in U+3005-U+3007 are letters a domain may hold */
  find_is("宛先：taro@佐々木.jp", "taro@佐々木.jp");
  find_is("au destinataire «marie2@example.fr» :", "marie2@example.fr");
  find_is("×kijitora@example.jp", "kijitora@example.jp");
  find_is("<\"john smith\"@example.com>: user unknown", "\"john smith\"@example.com");
  find_is("Sorry, \"john smith\"@example.com is unknown", "\"john smith\"@example.com");
  /* a quote that opens on an earlier line is no local part */
  find_is("said \"no\nway\"@example.com", NULL);
  /* the byte rule it shares with cut.c: beside an ASCII local part a byte
   * beyond ASCII is the text around it */
  ck_assert(bn_local_byte('+', true) && bn_local_byte('\'', true) && bn_local_byte('~', true));
  ck_assert(!bn_local_byte('@', true) && !bn_local_byte(' ', false) && !bn_local_byte('\0', false));
  ck_assert(!bn_local_byte('\xe5', true));
  ck_assert(bn_local_byte('\xe5', false));
}
END_TEST

static const char *
command_in(const char *s)
{
  const char *c = bn_find_smtp_command(s, strlen(s));
  return c ? c : "";
}

START_TEST(test_smtp_command)
{
  ck_assert_str_eq(command_in("550 User unknown (in reply to RCPT TO command)"), "RCPT");
  ck_assert_str_eq(command_in("(in reply to end of DATA command)"), "DATA");
  ck_assert_str_eq(command_in("(in reply to MAIL FROM command)"), "MAIL");
  ck_assert_str_eq(command_in("SMTP error from remote mail server after RCPT TO:<a@b.c>:"), "RCPT");
  ck_assert_str_eq(command_in("SMTP error from remote mail server after MAIL FROM:<a@b.c> SIZE=1"),
                   "MAIL");
  ck_assert_str_eq(command_in("SMTP error from remote mail server after end of data:"), "DATA");
  ck_assert_str_eq(command_in("SMTP error from remote mail server after initial connection:"),
                   "CONN");
  ck_assert_str_eq(command_in("... while talking to mx.example.jp.:\n>>> DATA\n<<< 554 no"), "DATA");
  ck_assert_str_eq(command_in(">>> RCPT To:<a@example.jp>\n<<< 550 5.1.1"), "RCPT");
  ck_assert_str_eq(command_in("lost connection with mx[1.2.3.4] while sending RCPT TO"), "RCPT");
  ck_assert_str_eq(command_in("while receiving the initial server greeting"), "CONN");
  ck_assert_str_eq(command_in("in reply to EHLO command"), "EHLO");
  /* prose that only looks like a command */
  ck_assert_str_eq(command_in("after mail delivery failed"), "");
  ck_assert_str_eq(command_in("after data loss"), "");
  ck_assert_str_eq(command_in("User unknown"), "");
}
END_TEST

START_TEST(test_html)
{
  const char *html = "<html><head><style>p{color:red}</style></head><body>"
                     "<p>Delivery&nbsp;failed&#58; <b>user@example.jp</b></p>"
                     "<!-- hidden --><div>550 5.1.1 &lt;no&gt; &amp; &#x41;</div>"
                     "<script>var a = '<p>';</script></body></html>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "Delivery failed: user@example.jp") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "550 5.1.1 <no> & A") != NULL, "%s", out->str);
  ck_assert(strstr(out->str, "color") == NULL);
  ck_assert(strstr(out->str, "hidden") == NULL);
  ck_assert(strstr(out->str, "var a") == NULL);
  g_string_free(out, TRUE);
}
END_TEST

/* A table's label and value share their row's line, and the letters of
 * European languages come through their named entities. */
START_TEST(test_html_table_and_entities)
{
  const char *html = "<table><tr><td>Sender Address:</td><td>s@example.net</td></tr>"
                     "<tr><td>Reported error:</td><td>550 5.1.10 not found</td></tr></table>"
                     "<p>Le message n&#39;a pas &eacute;t&eacute; remis, bo&icirc;te pleine</p>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "Sender Address: s@example.net\n") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "Reported error: 550 5.1.10 not found") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "n'a pas été remis, boîte pleine") != NULL, "%s", out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* Rows and list items are lines of one paragraph, however the source
 * lays them out; the source's own line breaks stay where no tag made one,
 * and all of <pre>'s layout stays. */
START_TEST(test_html_rows_one_paragraph)
{
  const char *html = "<p>Not delivered to:</p>\n<table>\n  <tr>\n    <td>a@example.org</td>\n  </tr>\n"
                     "  <tr><td>b@example.org</td></tr>\n</table>\n<ul>\n  <li>c@example.org</li>\n"
                     "  <li>d@example.org</li>\n</ul>\n<p>Reason: 552 5.2.2 Mailbox full</p>"
                     "<div>one\ntwo</div><pre>\n  x@example.org\n\n  y</pre>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "Not delivered to:\n\na@example.org\nb@example.org\n\n") != NULL, "%s",
                out->str);
  ck_assert_msg(strstr(out->str, "\nc@example.org\nd@example.org\n\nReason: 552") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "one\ntwo") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "\n  x@example.org\n\n  y") != NULL, "%s", out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* A row or item of several lines (an address, its reason under it) is a
 * paragraph of its own; rows of one line stay one paragraph. */
START_TEST(test_html_row_of_lines_own_paragraph)
{
  const char *html = "<ul>\n<li>\n  a@example.org\n  <p>Reason: 550 5.1.1 User unknown</p>\n</li>\n"
                     "<li>\n  b@example.org\n  <p>Reason: 552 5.2.2 Mailbox full</p>\n</li>\n</ul>"
                     "<table><tr><td>c@example.org<br>550 5.1.1 User unknown</td></tr>"
                     "<tr><td>d@example.org</td></tr><tr><td>e@example.org</td></tr></table>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "User unknown\n\nb@example.org") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "Mailbox full\n\n") != NULL, "%s", out->str);
  ck_assert_msg(strstr(out->str, "\nc@example.org\n550 5.1.1 User unknown\n\nd@example.org\ne@example.org") != NULL,
                "%s", out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* A tab right after a tag is the text's indentation, kept as a line's
 * start (a notice joined by "<br>" alone, or its paragraphs made <p>s);
 * a single space there is the template's, dropped. */
START_TEST(test_html_tab_after_tag)
{
  const char *html = "<div>undeliverable to the following:<br>\ta@example.org (user not found)"
                     "<br> Reason: none</div><p>\t&lt;b@example.org&gt;\n\t&lt;c@example.org&gt;</p>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "following:\n\ta@example.org (user not found)\nReason: none\n") != NULL,
                "%s", out->str);
  ck_assert_msg(strstr(out->str, "\n\t<b@example.org>\n\t<c@example.org>") != NULL, "%s", out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* A byte order mark inside the page (a template put into it) shows as
 * nothing: the line it starts reads as written. */
START_TEST(test_html_byte_order_mark)
{
  const char *html = "<body>\n<div>\xEF\xBB\xBFYour message for list a@example.org</div></body>";
  GString *out = g_string_new(NULL);
  bn_html_to_text(html, strlen(html), out);
  ck_assert_msg(strstr(out->str, "\nYour message for list a@example.org\n") != NULL, "%s", out->str);
  g_string_free(out, TRUE);
}
END_TEST

/* Outlook's HTML is full of "<![if !mso]>": each one must not send a
 * search for "-->" through the rest of the text (quadratic on 1 MB). */
START_TEST(test_html_many_declarations)
{
  GString *html = g_string_new("<html><body>");
  while (html->len < 1000000)
    g_string_append(html, "<![x]>a--b\n");
  g_string_append(html, "<!-- a comment -->end</body></html>");
  GString *out = g_string_new(NULL);
  bn_html_to_text(html->str, html->len, out);
  ck_assert(g_str_has_suffix(out->str, "a--b\nend"));
  ck_assert_ptr_null(strstr(out->str, "comment"));
  g_string_free(out, TRUE);
  g_string_free(html, TRUE);
}
END_TEST

/* The trimmed iterator keeps blank lines (as empty spans) and the blanks
 * inside a line, and stops where bn_lines_next stops. */
START_TEST(test_lines_trimmed)
{
  const char *t = "  one two\t\r\n \t\r\n\tthree";
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t, strlen(t));
  ck_assert(bn_lines_next_trimmed(&it, &l));
  ck_assert_int_eq(l.len, 7);
  ck_assert(strncmp(l.p, "one two", 7) == 0);
  ck_assert(bn_lines_next_trimmed(&it, &l));
  ck_assert_int_eq(l.len, 0);
  ck_assert(bn_lines_next_trimmed(&it, &l));
  ck_assert_int_eq(l.len, 5);
  ck_assert(strncmp(l.p, "three", 5) == 0);
  ck_assert(!bn_lines_next_trimmed(&it, &l));
  bn_lines_init(&it, NULL, 0);
  ck_assert(!bn_lines_next_trimmed(&it, &l));
}
END_TEST

START_TEST(test_lines_and_squeeze)
{
  const char *t = "one\r\ntwo\n\nthree";
  bn_lines it;
  bn_span l;
  bn_lines_init(&it, t, strlen(t));
  ck_assert(bn_lines_next(&it, &l));
  ck_assert_int_eq(l.len, 3);
  ck_assert(strncmp(l.p, "one", 3) == 0);
  ck_assert(bn_lines_next(&it, &l));
  ck_assert(strncmp(l.p, "two", 3) == 0);
  ck_assert(bn_lines_next(&it, &l));
  ck_assert_int_eq(l.len, 0);
  ck_assert(bn_lines_next(&it, &l));
  ck_assert(strncmp(l.p, "three", 5) == 0);
  ck_assert(!bn_lines_next(&it, &l));
  char *s = bn_squeeze_dup("  a \t\n b  ", 10);
  ck_assert_str_eq(s, "a b");
  g_free(s);
  /* \v and \f are white space too; other control bytes and UTF-8 are not */
  s = bn_squeeze_dup("\x01\v\f\xc3\xa9  x\x1f\x0e\r\n", 12);
  ck_assert_str_eq(s, "\x01 \xc3\xa9 x\x1f\x0e");
  g_free(s);
  ck_assert_ptr_nonnull(bn_strcasestr("Hello World", 11, "WORLD"));
  ck_assert_ptr_null(bn_strcasestr("Hello", 5, "hello!"));
}
END_TEST

/* The plain definition: the first i where the needle matches, ignoring
 * ASCII case. */
static const char *
strcasestr_reference(const char *hay, size_t len, const char *needle)
{
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && g_ascii_tolower(hay[i + k]) == g_ascii_tolower(needle[k]))
      k++;
    if (k == n)
      return hay + i;
  }
  return NULL;
}

/* bn_strcasestr jumps between the places of the needle's rarest byte: it
 * must still find the first match, at the edges too, in either case. */
START_TEST(test_strcasestr_agrees)
{
  static const char alphabet[] = "aAbBzZ .\xc3\xa9";
  GRand *rnd = g_rand_new_with_seed(7);
  for (int round = 0; round < 20000; round++) {
    char hay[64], needle[8];
    size_t len = (size_t)g_rand_int_range(rnd, 0, 40);
    size_t n = (size_t)g_rand_int_range(rnd, 1, 6);
    for (size_t i = 0; i < len; i++)
      hay[i] = alphabet[g_rand_int_range(rnd, 0, sizeof alphabet - 1)];
    hay[len] = '\0';
    for (size_t i = 0; i < n; i++)
      needle[i] = alphabet[g_rand_int_range(rnd, 0, sizeof alphabet - 1)];
    needle[n] = '\0';
    /* search a window inside hay, so that matches past the end are wrong */
    size_t from = len ? (size_t)g_rand_int_range(rnd, 0, (gint32)len) : 0;
    size_t win = len - from ? (size_t)g_rand_int_range(rnd, 0, (gint32)(len - from) + 1) : 0;
    ck_assert_ptr_eq(bn_strcasestr(hay + from, win, needle),
                     strcasestr_reference(hay + from, win, needle));
  }
  g_rand_free(rnd);
  const char *t = "Delivery to the following recipients FAILED. Delivery to x";
  ck_assert_ptr_eq(bn_strcasestr(t, strlen(t), "delivery to"), t);
  ck_assert_ptr_eq(bn_strcasestr(t, strlen(t), "failed."), strstr(t, "FAILED."));
  ck_assert_ptr_eq(bn_strcasestr(t, strlen(t), "to x"), t + strlen(t) - 4);
  ck_assert_ptr_null(bn_strcasestr(t, strlen(t) - 1, "to x"));
}
END_TEST

/* The edges of the case-insensitive search: what a faster way to it could
 * get wrong. */
START_TEST(test_strcasestr_edges)
{
  const char *t = "Mail to x@EXAMPLE.org failed";
  size_t len = strlen(t);
  /* an empty needle is found at once, in an empty text too */
  ck_assert_ptr_eq(bn_strcasestr(t, len, ""), t);
  ck_assert_ptr_eq(bn_strncasestr(t, 0, "abc", 0), t);
  ck_assert_ptr_null(bn_strcasestr(t, 0, "m"));
  /* a needle longer than the text, or than what is left of it */
  ck_assert_ptr_null(bn_strcasestr("fail", 4, "failed"));
  ck_assert_ptr_null(bn_strcasestr(t + len - 5, 5, "failed"));
  /* at the very end, and not past the length given */
  ck_assert_ptr_eq(bn_strcasestr(t, len, "FAILED"), t + len - 6);
  ck_assert_ptr_null(bn_strcasestr(t, len - 1, "failed"));
  ck_assert_ptr_eq(bn_strcasestr(t, len, "d"), t + len - 1);
  /* case differences both ways, the first occurrence in either case */
  ck_assert_ptr_eq(bn_strcasestr(t, len, "example.ORG"), strstr(t, "EXAMPLE"));
  const char *zz = "zZ zz";
  ck_assert_ptr_eq(bn_strcasestr(zz, 5, "zz"), zz);
  const char *mixed = "aaz AZA aza";
  ck_assert_ptr_eq(bn_strcasestr(mixed, strlen(mixed), "aza"), mixed + 4);
  ck_assert_ptr_eq(bn_strcasestr(mixed + 5, strlen(mixed) - 5, "aza"), mixed + 8);
  /* only ASCII letters fold: other bytes 0x20 apart differ (É and é in
   * UTF-8, '@' and '`', '[' and '{') */
  ck_assert_ptr_null(bn_strcasestr("caf\xc3\x89", 5, "caf\xc3\xa9"));
  const char *cafe = "x caf\xc3\xa9";
  ck_assert_ptr_eq(bn_strcasestr(cafe, 7, "CAF\xc3\xa9"), cafe + 2);
  ck_assert_ptr_null(bn_strcasestr("a@b", 3, "a`b"));
  ck_assert_ptr_null(bn_strcasestr("x[y", 3, "x{y"));
  ck_assert_ptr_null(bn_strcasestr("\xc1", 1, "\xe1"));
  /* the needle's first n bytes, though it goes on */
  ck_assert_ptr_eq(bn_strncasestr(t, len, "x@example.com", 9), strstr(t, "x@"));
}
END_TEST

START_TEST(test_charset_guess_alphabets)
{
  /* Undeclared 8-bit text in a single-byte alphabet: the Cyrillic and
   * Western byte tests take Greek, Hebrew, Arabic or Thai for Russian or
   * Latin-1, and Polish or Czech for Latin-1; the frequent letters of
   * each reading tell them apart. */
  bn_gmime_init(); /* the charset names */
  static const struct {
    const char *text;
    const char *want;
  } cases[] = {
    /* Ο παραλήπτης δεν υπάρχει στον διακομιστή */
    {"\xcf \xf0\xe1\xf1\xe1\xeb\xde\xf0\xf4\xe7\xf2 \xe4\xe5\xed \xf5\xf0\xdc\xf1\xf7\xe5\xe9 \xf3\xf4\xef\xed \xe4\xe9\xe1\xea\xef\xec\xe9\xf3\xf4\xde",
     "ISO-8859-7"},
    /* הנמען אינו קיים בשרת הדואר */
    {"\xe4\xf0\xee\xf2\xef \xe0\xe9\xf0\xe5 \xf7\xe9\xe9\xed \xe1\xf9\xf8\xfa \xe4\xe3\xe5\xe0\xf8",
     "windows-1255"},
    /* المستلم غير موجود على الخادم */
    {"\xc7\xe1\xe3\xd3\xca\xe1\xe3 \xdb\xed\xd1 \xe3\xe6\xcc\xe6\xcf \xda\xe1\xec \xc7\xe1\xce\xc7\xcf\xe3",
     "windows-1256"},
    /* ไม่พบผู้รับในระบบ */
    {"\xe4\xc1\xe8\xbe\xba\xbc\xd9\xe9\xc3\xd1\xba\xe3\xb9\xc3\xd0\xba\xba",
     "TIS-620"},
    /* Wiadomość nie mogła zostać dostarczona: nieznany użytkownik */
    {"Wiadomo\xb6\xe6 nie mog\xb3" "a zosta\xe6 dostarczona: nieznany u\xbfytkownik",
     "ISO-8859-2"},
    /* Wiadomość nie mogła zostać dostarczona: nieznany użytkownik */
    {"Wiadomo\x9c\xe6 nie mog\xb3" "a zosta\xe6 dostarczona: nieznany u\xbfytkownik",
     "windows-1250"},
    /* Zprávu nebylo možné doručit: neznámý uživatel */
    {"Zpr\xe1vu nebylo mo\xben\xe9 doru\xe8it: nezn\xe1m\xfd u\xbeivatel",
     "ISO-8859-2"},
    /* Obraťte se na správce: schránka je plná */
    {"Obra\x9dte se na spr\xe1vce: schr\xe1nka je pln\xe1",
     "windows-1250"},
    /* Votre message n'a pas pu être remis, réessayez plus tard */
    {"Votre message n'a pas pu \xeatre remis, r\xe9" "essayez plus tard",
     "windows-1252"},
    /* Empfänger unbekannt, Quota überschritten */
    {"Empf\xe4nger unbekannt, Quota \xfc" "berschritten",
     "windows-1252"},
    /* 보내신 메일(제목: 똠방각하 햏 모임)을 전달하지 못했습니다: Korean with CP949's own syllables, which fail EUC-KR */
    {"\xba\xb8\xb3\xbb\xbd\xc5 \xb8\xde\xc0\xcf(\xc1\xa6\xb8\xf1: \x8c" "c\xb9\xe6\xb0\xa2\xc7\xcf \xc1" "d \xb8\xf0\xc0\xd3)\xc0\xbb \xc0\xfc\xb4\xde\xc7\xcf\xc1\xf6 \xb8\xf8\xc7\xdf\xbd\xc0\xb4\xcf\xb4\xd9",
     "CP949"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *got = bn_charset_guess(cases[i].text, strlen(cases[i].text));
    ck_assert_msg(got != NULL && strcmp(got, cases[i].want) == 0, "case %zu: %s, want %s", i,
                  got ? got : "(none)", cases[i].want);
  }
}
END_TEST

START_TEST(test_charset_relabel)
{
  /* A single-byte label decodes any bytes; the letters overrule it only
   * when another reading is clearly better. */
  bn_gmime_init();
  static const struct {
    const char *text;
    const char *label;
    const char *want;
  } cases[] = {
    /* Ваш почтовый ящик переполнен, письмо не доставлено */
    {"\xf7\xc1\xdb \xd0\xcf\xde\xd4\xcf\xd7\xd9\xca \xd1\xdd\xc9\xcb \xd0\xc5\xd2\xc5\xd0\xcf\xcc\xce\xc5\xce, \xd0\xc9\xd3\xd8\xcd\xcf \xce\xc5 \xc4\xcf\xd3\xd4\xc1\xd7\xcc\xc5\xce\xcf",
     "windows-1251", "KOI8-R"},
    /* Ваш почтовый ящик переполнен, письмо не доставлено */
    {"\xc2\xe0\xf8 \xef\xee\xf7\xf2\xee\xe2\xfb\xe9 \xff\xf9\xe8\xea \xef\xe5\xf0\xe5\xef\xee\xeb\xed\xe5\xed, \xef\xe8\xf1\xfc\xec\xee \xed\xe5 \xe4\xee\xf1\xf2\xe0\xe2\xeb\xe5\xed\xee",
     "koi8-r", "windows-1251"},
    /* Ваш почтовый ящик переполнен, письмо не доставлено */
    {"\xc2\xe0\xf8 \xef\xee\xf7\xf2\xee\xe2\xfb\xe9 \xff\xf9\xe8\xea \xef\xe5\xf0\xe5\xef\xee\xeb\xed\xe5\xed, \xef\xe8\xf1\xfc\xec\xee \xed\xe5 \xe4\xee\xf1\xf2\xe0\xe2\xeb\xe5\xed\xee",
     "windows-1251", NULL},
    /* ВНИМАНИЕ! СООБЩЕНИЕ НЕ ДОСТАВЛЕНО. Адрес не найден */
    {"\xc2\xcd\xc8\xcc\xc0\xcd\xc8\xc5! \xd1\xce\xce\xc1\xd9\xc5\xcd\xc8\xc5 \xcd\xc5 \xc4\xce\xd1\xd2\xc0\xc2\xcb\xc5\xcd\xce. \xc0\xe4\xf0\xe5\xf1 \xed\xe5 \xed\xe0\xe9\xe4\xe5\xed",
     "windows-1251", NULL},
    /* Votre message n'a pas pu être remis, réessayez plus tard */
    {"Votre message n'a pas pu \xeatre remis, r\xe9" "essayez plus tard",
     "iso-8859-1", NULL},
    /* Größe überschritten; Empfänger möchte später wählen */
    {"Gr\xf6\xdf" "e \xfc" "berschritten; Empf\xe4nger m\xf6" "chte sp\xe4ter w\xe4hlen",
     "ISO_8859-1", NULL},
    /* Wiadomość nie mogła zostać dostarczona: nieznany użytkownik */
    {"Wiadomo\xb6\xe6 nie mog\xb3" "a zosta\xe6 dostarczona: nieznany u\xbfytkownik",
     "iso-8859-1", "ISO-8859-2"},
    /* Ο παραλήπτης δεν υπάρχει στον διακομιστή */
    {"\xcf \xf0\xe1\xf1\xe1\xeb\xde\xf0\xf4\xe7\xf2 \xe4\xe5\xed \xf5\xf0\xdc\xf1\xf7\xe5\xe9 \xf3\xf4\xef\xed \xe4\xe9\xe1\xea\xef\xec\xe9\xf3\xf4\xde",
     "latin1", "ISO-8859-7"},
    /* 수신자의 메일함이 가득 찼습니다 */
    {"\xbc\xf6\xbd\xc5\xc0\xda\xc0\xc7 \xb8\xde\xc0\xcf\xc7\xd4\xc0\xcc \xb0\xa1\xb5\xe6 \xc3\xa1\xbd\xc0\xb4\xcf\xb4\xd9",
     "iso-8859-1", "CP949"},
    /* 수신자의 메일함이 가득 찼습니다 */
    {"\xbc\xf6\xbd\xc5\xc0\xda\xc0\xc7 \xb8\xde\xc0\xcf\xc7\xd4\xc0\xcc \xb0\xa1\xb5\xe6 \xc3\xa1\xbd\xc0\xb4\xcf\xb4\xd9",
     "euc-kr", NULL},
    /* the same under Chinese labels, which GBK decodes without an error */
    {"\xbc\xf6\xbd\xc5\xc0\xda\xc0\xc7 \xb8\xde\xc0\xcf\xc7\xd4\xc0\xcc \xb0\xa1\xb5\xe6 \xc3\xa1\xbd\xc0\xb4\xcf\xb4\xd9",
     "gb2312", "CP949"},
    {"\xbc\xf6\xbd\xc5\xc0\xda\xc0\xc7 \xb8\xde\xc0\xcf\xc7\xd4\xc0\xcc \xb0\xa1\xb5\xe6 \xc3\xa1\xbd\xc0\xb4\xcf\xb4\xd9",
     "GB18030", "CP949"},
    /* 丢失了到客户端的连接: nine in ten Hangul in CP949, but no spaces */
    {"\xb6\xaa\xca\xa7\xc1\xcb\xb5\xbd\xbf\xcd\xbb\xa7\xb6\xcb\xb5\xc4\xc1\xac\xbd\xd3",
     "gb2312", NULL},
    /* 该用户不存在，邮件无法投递 */
    {"\xb8\xc3\xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6\xd4\xda\xa3\xac\xd3\xca\xbc\xfe\xce\xde\xb7\xa8\xcd\xb6\xb5\xdd",
     "gbk", NULL},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *got = bn_charset_relabel(cases[i].text, strlen(cases[i].text), cases[i].label);
    ck_assert_msg(cases[i].want ? got && strcmp(got, cases[i].want) == 0 : got == NULL,
                  "case %zu: %s, want %s", i, got ? got : "(none)",
                  cases[i].want ? cases[i].want : "(none)");
  }
}
END_TEST

/* bn_charset_ascii_same says plain ASCII converts to itself: every byte
 * 0x01-0x7F through the converter libbounce opens must say so too, for
 * each spelling; the charsets that read ASCII bytes otherwise are not on
 * the list (to_utf8 converts them). ISO-2022-JP and -KR text reads as
 * itself without its escape and shift bytes, and not with any of them. */
START_TEST(test_charset_ascii_same)
{
  bn_gmime_init();
  char ascii[128], unshifted[128];
  size_t n = 0;
  for (int c = 1; c < 128; c++) {
    ascii[c - 1] = (char)c;
    if (c != 0x1b && c != 0x0e && c != 0x0f)
      unshifted[n++] = (char)c;
  }
  ascii[127] = '\0';
  unshifted[n] = '\0';
  static const char *const same[] = {
    "us-ascii",     "US-ASCII",    "ascii",       "utf-8",        "iso-8859-1",  "ISO-8859-1",
    "iso-8859-2",   "ISO_8859-5",  "iso8859-7",   "iso-8859-15",  "ISO-8859-16", "windows-1250",
    "windows-1251", "Windows-1252", "cp1252",     "windows-1258", "koi8-r",      "KOI8-U",
    "euc-jp",       "EUC-KR",      "ks_c_5601-1987", "gb2312",    "GBK",         "gb18030",
    "big5",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
    ck_assert_msg(bn_charset_ascii_same(same[i], ascii, 127), "%s", same[i]);
    char *out = bn_iconv_strict(ascii, 127, bn_charset_name(same[i]), false);
    ck_assert_msg(out && strcmp(out, ascii) == 0, "%s does not read ASCII as itself", same[i]);
    g_free(out);
  }
  static const char *const shifting[] = {
    "iso-2022-jp", "ISO-2022-JP", "iso-2022-jp-2", "ISO-2022-JP-3", "iso-2022-kr", "ISO-2022-KR",
  };
  static const char *const shifts[] = {"\x1b", "\x0e", "\x0f"};
  for (size_t i = 0; i < G_N_ELEMENTS(shifting); i++) {
    ck_assert_msg(bn_charset_ascii_same(shifting[i], unshifted, n), "%s", shifting[i]);
    char *out = bn_iconv_strict(unshifted, n, bn_charset_name(shifting[i]), false);
    ck_assert_msg(out && strcmp(out, unshifted) == 0, "%s does not read ASCII as itself",
                  shifting[i]);
    g_free(out);
    ck_assert_msg(!bn_charset_ascii_same(shifting[i], ascii, 127), "%s", shifting[i]);
    for (size_t k = 0; k < G_N_ELEMENTS(shifts); k++) {
      char *with = g_strconcat("Mailbox ", shifts[k], " unknown", NULL);
      ck_assert_msg(!bn_charset_ascii_same(shifting[i], with, strlen(with)), "%s %zu", shifting[i],
                    k);
      g_free(with);
    }
  }
  static const char *const other[] = {
    "utf-7",     "unicode-1-1-utf-7", "utf-16",       "UTF-16LE", "utf-32",    "iso-2022-cn",
    "ISO-2022-CN-EXT", "hz-gb-2312",  "ibm037",       "cp037",    "shift_jis", "x-sjis",
    "cp932",     "viscii",           "latin-greek",  "unknown-8bit", "no-such",
    "iso-8859-1-and-a-long-tail",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(other); i++)
    ck_assert_msg(!bn_charset_ascii_same(other[i], "plain", 5), "%s", other[i]);
  ck_assert(!bn_charset_ascii_same(NULL, "plain", 5));
}
END_TEST

START_TEST(test_encoded_words_relabel)
{
  bn_gmime_init();
  /* known charsets stand; nothing to change gives NULL */
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?Q?R=C3=A9union?= plain"));
  ck_assert_ptr_null(bn_encoded_words_relabel("no words"));
  /* an alias GMime does not map, with RFC 2231's language */
  char *s = bn_encoded_words_relabel("Re: =?x-sjis*ja?B?ie+LYw==?= x");
  ck_assert_str_eq(s, "Re: =?SHIFT_JIS?B?ie+LYw==?= x");
  g_free(s);
  /* a label no one knows: UTF-8 when the bytes are */
  s = bn_encoded_words_relabel("=?x-unknown?Q?R=C3=A9union_=C3=A0?= =?us-ascii?Q?ok?=");
  ck_assert_str_eq(s, "=?UTF-8?Q?R=C3=A9union_=C3=A0?= =?us-ascii?Q?ok?=");
  g_free(s);
  /* cut short: left alone */
  ck_assert_ptr_null(bn_encoded_words_relabel("=?x-sjis?B?ie+LYw=="));
  /* UTF-8 under a known label ('RÃ©union' in Latin-1); Latin-1 stands */
  s = bn_encoded_words_relabel("=?iso-8859-1?Q?R=C3=A9union?=");
  ck_assert_str_eq(s, "=?UTF-8?Q?R=C3=A9union?=");
  g_free(s);
  ck_assert_ptr_null(bn_encoded_words_relabel("=?iso-8859-1?Q?R=E9union?="));
  /* 'Счёт' in UTF-8 is four hanzi in GBK too, two beyond GB2312 */
  s = bn_encoded_words_relabel("=?gb2312?Q?=D0=A1=D1=87=D1=91=D1=82?=");
  ck_assert_str_eq(s, "=?UTF-8?Q?=D0=A1=D1=87=D1=91=D1=82?=");
  g_free(s);
  /* '谢谢' in GB2312 is 'лл' in UTF-8: its label stands */
  ck_assert_ptr_null(bn_encoded_words_relabel("=?gb2312?Q?=D0=BB=D0=BB?="));
  /* a word of one or two characters its label reads as letters stands:
   * KOI8-R 'её' is 'ţ', GBK's traditional '視訊' is 'ҕӍ' in UTF-8 */
  ck_assert_ptr_null(bn_encoded_words_relabel("=?koi8-r?B?xaM=?="));
  ck_assert_ptr_null(bn_encoded_words_relabel("=?gb2312?Q?=D2=95=D3=8D?="));
}
END_TEST

START_TEST(test_encoded_words_join)
{
  bn_gmime_init();
  /* GMime 3.2 decodes a run of B words of one label as one base64 text:
   * a padded word ended it ("AB"); the run becomes one word of its bytes */
  const char *cut = "=?utf-8?B?QUI=?= =?utf-8?B?QUJD?=\n =?UTF-8?B?5LyR5pqH5Lit?= x";
  char *s = bn_encoded_words_relabel(cut);
  ck_assert_str_eq(s, "=?utf-8?B?QUJBQkPkvJHmmofkuK0=?= x");
  char *text = g_mime_utils_header_decode_text(NULL, s);
  ck_assert_str_eq(text, "ABABC\xe4\xbc\x91\xe6\x9a\x87\xe4\xb8\xad x");
  g_free(text);
  g_free(s);
  /* the joined bytes are relabelled as one word is */
  s = bn_encoded_words_relabel("=?x-sjis?B?ie+LYw==?= =?x-sjis?B?ie+LYw==?=");
  ck_assert_str_eq(s, "=?SHIFT_JIS?B?ie+LY4nvi2M=?=");
  g_free(s);
  /* runs GMime reads right, and words that are no run, stand */
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?B?QUJD?= =?utf-8?B?QUI=?="));
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?B?QUI=?= =?iso-8859-1?B?QUI=?="));
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?B?QUI=?= - =?utf-8?B?QUI=?="));
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?B?QUI=?= =?utf-8?Q?AB?="));
  ck_assert_ptr_null(bn_encoded_words_relabel("=?utf-8?B?QUI=?= =?utf-8?B?QUI="));
  /* a long header of padded words: one pass, every word's bytes kept */
  GString *big = g_string_new(NULL);
  for (int i = 0; i < 3000; i++)
    g_string_append(big, i ? " =?utf-8?B?QUI=?=" : "=?utf-8?B?QUI=?=");
  s = bn_encoded_words_relabel(big->str);
  text = g_mime_utils_header_decode_text(NULL, s);
  ck_assert_uint_eq(strlen(text), 6000);
  g_free(text);
  g_free(s);
  g_string_free(big, TRUE);
}
END_TEST

int
main(void)
{
  Suite *s = suite_create("text");
  TCase *tc = tcase_create("text");
  tcase_add_test(tc, test_status);
  tcase_add_test(tc, test_links);
  tcase_add_test(tc, test_host_within);
  tcase_add_test(tc, test_ends_with_word);
  tcase_add_test(tc, test_span_label);
  tcase_add_test(tc, test_strcasestr_agrees);
  tcase_add_test(tc, test_strcasestr_edges);
  tcase_add_test(tc, test_reply_code);
  tcase_add_test(tc, test_reply_unmarked);
  tcase_add_test(tc, test_reply_holds);
  tcase_add_test(tc, test_category_reply);
  tcase_add_test(tc, test_reply_start);
  tcase_add_test(tc, test_address_clean);
  tcase_add_test(tc, test_same_mailbox);
  tcase_add_test(tc, test_header_mailboxes);
  tcase_add_test(tc, test_word_end);
  tcase_add_test(tc, test_find_address);
  tcase_add_test(tc, test_smtp_command);
  tcase_add_test(tc, test_html);
  tcase_add_test(tc, test_charset_guess_alphabets);
  tcase_add_test(tc, test_charset_relabel);
  tcase_add_test(tc, test_charset_ascii_same);
  tcase_add_test(tc, test_encoded_words_relabel);
  tcase_add_test(tc, test_encoded_words_join);
  tcase_add_test(tc, test_html_table_and_entities);
  tcase_add_test(tc, test_html_rows_one_paragraph);
  tcase_add_test(tc, test_html_row_of_lines_own_paragraph);
  tcase_add_test(tc, test_html_many_declarations);
  tcase_add_test(tc, test_html_tab_after_tag);
  tcase_add_test(tc, test_html_byte_order_mark);
  tcase_add_test(tc, test_lines_and_squeeze);
  tcase_add_test(tc, test_lines_trimmed);
  suite_add_tcase(s, tc);
  return test_run(s);
}
