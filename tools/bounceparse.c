/* bounceparse: explain bounce emails to a person, or print them as JSON
 * Lines for a program. Uses only the public API of libbounce. */
#include <bounce.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  bool json;
  bounce_options *opts;
  GPtrArray *headers; /* extra original headers asked for */
  int failures; /* inputs that could not be read */
} cli;

/* ---- output ---- */

static void
json_recipient(JsonBuilder *b, const bounce_recipient *rc)
{
  json_builder_begin_object(b);
#define STR(key, fn)                 \
  json_builder_set_member_name(b, key); \
  json_builder_add_string_value(b, fn(rc));
  STR("address", bounce_recipient_get_address)
  STR("original_recipient", bounce_recipient_get_original_recipient)
  STR("action", bounce_recipient_get_action)
  STR("status", bounce_recipient_get_status)
  json_builder_set_member_name(b, "reply_code");
  json_builder_add_int_value(b, bounce_recipient_get_reply_code(rc));
  json_builder_set_member_name(b, "reason");
  json_builder_add_string_value(b, bounce_cause_to_string(bounce_recipient_get_cause(rc)));
  json_builder_set_member_name(b, "hard");
  json_builder_add_boolean_value(b, bounce_recipient_is_hard(rc));
  json_builder_set_member_name(b, "permanent");
  json_builder_add_boolean_value(b, bounce_recipient_is_permanent(rc));
  STR("smtp_command", bounce_recipient_get_smtp_command)
  STR("remote_mta", bounce_recipient_get_remote_mta)
  STR("diagnostic", bounce_recipient_get_diagnostic)
  STR("last_attempt_date", bounce_recipient_get_last_attempt_date)
  STR("feedback_type", bounce_recipient_get_feedback_type)
#undef STR
  json_builder_set_member_name(b, "sources");
  json_builder_begin_object(b);
  static const struct {
    const char *key;
    bounce_field field;
  } fields[] = {
    {"address", BOUNCE_FIELD_ADDRESS},       {"action", BOUNCE_FIELD_ACTION},
    {"status", BOUNCE_FIELD_STATUS},         {"reply_code", BOUNCE_FIELD_REPLY_CODE},
    {"reason", BOUNCE_FIELD_CAUSE},          {"smtp_command", BOUNCE_FIELD_SMTP_COMMAND},
    {"remote_mta", BOUNCE_FIELD_REMOTE_MTA}, {"diagnostic", BOUNCE_FIELD_DIAGNOSTIC},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
    bounce_source s = bounce_recipient_get_source(rc, fields[i].field);
    if (s == BOUNCE_SOURCE_NONE)
      continue;
    json_builder_set_member_name(b, fields[i].key);
    json_builder_add_string_value(b, bounce_source_to_string(s));
  }
  json_builder_end_object(b);
  json_builder_end_object(b);
}

static void
print_json(const char *file, size_t index, const bounce_report *r, const GPtrArray *headers)
{
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "file");
  json_builder_add_string_value(b, file);
  json_builder_set_member_name(b, "index");
  json_builder_add_int_value(b, (gint64)index);
  json_builder_set_member_name(b, "kind");
  json_builder_add_string_value(b, bounce_kind_to_string(bounce_report_get_kind(r)));
  json_builder_set_member_name(b, "mta");
  json_builder_add_string_value(b, bounce_report_get_mta(r));
  json_builder_set_member_name(b, "reporting_mta");
  json_builder_add_string_value(b, bounce_report_get_reporting_mta(r));
  json_builder_set_member_name(b, "recipients");
  json_builder_begin_array(b);
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++)
    json_recipient(b, bounce_report_get_recipient(r, i));
  json_builder_end_array(b);
  json_builder_set_member_name(b, "original");
  json_builder_begin_object(b);
  static const char *const original[] = {"message_id", "from", "to", "subject", "date"};
  const char *values[] = {
    bounce_report_get_original_message_id(r), bounce_report_get_original_from(r),
    bounce_report_get_original_to(r),         bounce_report_get_original_subject(r),
    bounce_report_get_original_date(r),
  };
  for (size_t i = 0; i < G_N_ELEMENTS(original); i++) {
    json_builder_set_member_name(b, original[i]);
    json_builder_add_string_value(b, values[i]);
  }
  for (guint i = 0; i < headers->len; i++) {
    const char *name = g_ptr_array_index(headers, i);
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, bounce_report_get_original_header(r, name));
  }
  json_builder_end_object(b);
  json_builder_set_member_name(b, "truncated");
  json_builder_add_boolean_value(b, bounce_report_is_truncated(r));
  json_builder_set_member_name(b, "warnings");
  json_builder_begin_array(b);
  for (size_t i = 0; i < bounce_report_get_warning_count(r); i++)
    json_builder_add_string_value(b, bounce_report_get_warning(r, i));
  json_builder_end_array(b);
  json_builder_end_object(b);

  JsonGenerator *gen = json_generator_new();
  JsonNode *root = json_builder_get_root(b);
  json_generator_set_root(gen, root);
  char *line = json_generator_to_data(gen, NULL);
  fputs(line, stdout);
  fputc('\n', stdout);
  g_free(line);
  json_node_unref(root);
  g_object_unref(gen);
  g_object_unref(b);
}

/* What the sender should do, by cause, for a failure that is not hard. */
static const char *
advice(bounce_cause cause)
{
  switch (cause) {
  case BOUNCE_CAUSE_AUTHFAILURE:
  case BOUNCE_CAUSE_REQUIREPTR:
  case BOUNCE_CAUSE_BLOCKED:
  case BOUNCE_CAUSE_BADREPUTATION:
  case BOUNCE_CAUSE_REJECTED:
  case BOUNCE_CAUSE_NORELAYING:
  case BOUNCE_CAUSE_SECURITYERROR:
  case BOUNCE_CAUSE_FAILEDSTARTTLS:
  case BOUNCE_CAUSE_SYNTAXERROR:
  case BOUNCE_CAUSE_NOTCOMPLIANTRFC:
    return "fix the sending side, then send again";
  case BOUNCE_CAUSE_SPEEDING:
  case BOUNCE_CAUSE_TOOMANYCONN:
    return "send more slowly, then retry";
  case BOUNCE_CAUSE_SPAMDETECTED:
  case BOUNCE_CAUSE_VIRUSDETECTED:
  case BOUNCE_CAUSE_POLICYVIOLATION:
  case BOUNCE_CAUSE_CONTENTERROR:
  case BOUNCE_CAUSE_MESGTOOBIG:
  case BOUNCE_CAUSE_EXCEEDLIMIT:
    return "change the message, then send again";
  default:
    return "keep the address and retry later; suppress it if this goes on";
  }
}

static void
print_text(const char *file, size_t index, bool mailbox, const bounce_report *r)
{
  bounce_kind kind = bounce_report_get_kind(r);
  char where[64] = "";
  if (mailbox)
    snprintf(where, sizeof where, " #%zu", index);
  if (kind == BOUNCE_KIND_NONE) {
    printf("%s%s: not a bounce.\n", file, where);
    return;
  }
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    const char *addr = bounce_recipient_get_address(rc);
    bounce_cause cause = bounce_recipient_get_cause(rc);
    const char *status = bounce_recipient_get_status(rc);
    int reply = bounce_recipient_get_reply_code(rc);
    char codes[64] = "";
    if (*status && reply)
      snprintf(codes, sizeof codes, ", %s, %d", status, reply);
    else if (*status)
      snprintf(codes, sizeof codes, ", %s", status);
    else if (reply)
      snprintf(codes, sizeof codes, ", %d", reply);
    printf("%s%s: %s: ", file, where, *addr ? addr : "(unknown address)");
    switch (kind) {
    case BOUNCE_KIND_FEEDBACK:
      printf("a recipient reported the message (%s); stop mailing this address.\n",
             *bounce_recipient_get_feedback_type(rc) ? bounce_recipient_get_feedback_type(rc)
                                                     : "feedback");
      break;
    case BOUNCE_KIND_AUTOREPLY:
      printf("sent an automatic reply (%s); nothing to do.\n", bounce_cause_describe(cause));
      break;
    case BOUNCE_KIND_DELIVERED:
      printf("the message was delivered%s.\n", codes);
      break;
    case BOUNCE_KIND_DELAY:
      printf("delivery is delayed: %s (%s%s); the sending server keeps trying.\n",
             bounce_cause_describe(cause), bounce_cause_to_string(cause), codes);
      break;
    default:
      if (bounce_recipient_is_hard(rc))
        printf("hard bounce: %s (%s%s); remove this address from your list.\n",
               bounce_cause_describe(cause), bounce_cause_to_string(cause), codes);
      else
        printf("soft bounce: %s (%s%s); %s.\n", bounce_cause_describe(cause),
               bounce_cause_to_string(cause), codes, advice(cause));
      break;
    }
  }
}

static void
emit(cli *c, const char *file, size_t index, bool mailbox, const bounce_report *r)
{
  if (c->json)
    print_json(file, index, r, c->headers);
  else
    print_text(file, index, mailbox, r);
  fflush(stdout);
}

static void
report_error(cli *c, const char *file, long index, const bounce_error *err)
{
  if (index >= 0)
    fprintf(stderr, "bounceparse: %s #%ld: %s\n", file, index, bounce_error_get_message(err));
  else
    fprintf(stderr, "bounceparse: %s: %s\n", file, bounce_error_get_message(err));
  c->failures++;
}

/* ---- input ---- */

static void
run_mbox(cli *c, const char *name, int fd)
{
  bounce_error *err = NULL;
  bounce_mbox *mb = bounce_mbox_open_fd(fd, c->opts, &err);
  if (mb == NULL) {
    report_error(c, name, -1, err);
    bounce_error_free(err);
    return;
  }
  for (;;) {
    bounce_report *r = NULL;
    size_t index = bounce_mbox_count(mb);
    int rc = bounce_mbox_next(mb, &r, &err);
    if (rc == 0)
      break;
    if (rc < 0) {
      bool io = bounce_error_get_code(err) == BOUNCE_ERROR_IO;
      report_error(c, name, (long)index, err);
      bounce_error_free(err);
      err = NULL;
      if (io)
        break; /* the rest of the mailbox cannot be read either */
      continue;
    }
    emit(c, name, index, true, r);
    bounce_report_free(r);
  }
  bounce_mbox_free(mb);
}

static void
run_bytes(cli *c, const char *name, const char *data, size_t len)
{
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_bytes(data, len, c->opts, &err);
  if (r == NULL) {
    report_error(c, name, 0, err);
    bounce_error_free(err);
    return;
  }
  emit(c, name, 0, false, r);
  bounce_report_free(r);
}

/* A mailbox on a pipe is spooled to an unnamed temporary file, so that it
 * is read one message at a time like any other: a huge one never sits in
 * memory, and a bad message in it costs only that message. */
static void
run_mbox_pipe(cli *c, const char *name, int fd, const char *head, size_t head_len)
{
  FILE *spool = tmpfile();
  bool ok = spool != NULL && fwrite(head, 1, head_len, spool) == head_len;
  char chunk[65536];
  ssize_t n = 0;
  while (ok && (n = read(fd, chunk, sizeof chunk)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      break;
    ok = fwrite(chunk, 1, (size_t)n, spool) == (size_t)n;
  }
  if (n < 0 || !ok || fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0) {
    fprintf(stderr, "bounceparse: %s: %s\n", name, g_strerror(errno));
    c->failures++;
  } else {
    run_mbox(c, name, fileno(spool));
  }
  if (spool)
    fclose(spool);
}

/* A file is an mbox when it starts with a "From " line and holds more than
 * one message; one message saved with its "From " line is read as one. */
static void
run_fd(cli *c, const char *name, int fd)
{
  char head[5];
  ssize_t n = read(fd, head, sizeof head);
  if (n == 5 && memcmp(head, "From ", 5) == 0) {
    if (lseek(fd, 0, SEEK_SET) == 0)
      run_mbox(c, name, fd);
    else
      run_mbox_pipe(c, name, fd, head, 5);
    return;
  }
  /* Not an mbox: one message, read whole up to the size limit. */
  GByteArray *buf = g_byte_array_new();
  if (n > 0)
    g_byte_array_append(buf, (const guint8 *)head, (guint)n);
  char chunk[65536];
  size_t limit = bounce_options_get_limit(c->opts, BOUNCE_LIMIT_MESSAGE_SIZE);
  bool too_big = false;
  while (n > 0 && (n = read(fd, chunk, sizeof chunk)) > 0) {
    if (buf->len + (size_t)n > limit) {
      too_big = true;
      break;
    }
    g_byte_array_append(buf, (const guint8 *)chunk, (guint)n);
  }
  if (n < 0) {
    fprintf(stderr, "bounceparse: %s: %s\n", name, g_strerror(errno));
    c->failures++;
  } else if (too_big) {
    fprintf(stderr, "bounceparse: %s #0: the message is over the size limit of %zu bytes\n",
            name, limit);
    c->failures++;
  } else {
    run_bytes(c, name, (const char *)buf->data, buf->len);
  }
  g_byte_array_free(buf, TRUE);
}

static void run_path(cli *c, const char *path, bool top);

static int
cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of a folder, in name order; dot files skipped. */
static void
run_folder(cli *c, const char *dir)
{
  DIR *d = opendir(dir);
  if (d == NULL) {
    fprintf(stderr, "bounceparse: %s: %s\n", dir, g_strerror(errno));
    c->failures++;
    return;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.')
      g_ptr_array_add(names, g_build_filename(dir, e->d_name, NULL));
  closedir(d);
  if (names->len > 1)
    qsort(names->pdata, names->len, sizeof(char *), cmp_names);
  for (guint i = 0; i < names->len; i++)
    run_path(c, g_ptr_array_index(names, i), false);
  g_ptr_array_free(names, TRUE);
}

static void
run_path(cli *c, const char *path, bool top)
{
  if (strcmp(path, "-") == 0) {
    run_fd(c, "-", STDIN_FILENO);
    return;
  }
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "bounceparse: %s: %s\n", path, g_strerror(errno));
    c->failures++;
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!top)
      return; /* one level: a folder's folders are not read */
    char *cur = g_build_filename(path, "cur", NULL);
    char *new_ = g_build_filename(path, "new", NULL);
    bool maildir = g_file_test(cur, G_FILE_TEST_IS_DIR) || g_file_test(new_, G_FILE_TEST_IS_DIR);
    if (maildir) {
      if (g_file_test(new_, G_FILE_TEST_IS_DIR))
        run_folder(c, new_);
      if (g_file_test(cur, G_FILE_TEST_IS_DIR))
        run_folder(c, cur);
    } else {
      run_folder(c, path);
    }
    g_free(cur);
    g_free(new_);
    return;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "bounceparse: %s: %s\n", path, g_strerror(errno));
    c->failures++;
    return;
  }
  run_fd(c, path, fd);
  close(fd);
}

static const char usage[] =
  "usage: bounceparse [--json] [--header NAME]... FILE|DIR|-...\n"
  "\n"
  "Reads bounce emails (delivery status notifications) and says, for every\n"
  "recipient, what happened: the address, the status and reply codes, the\n"
  "cause, and whether the address is dead (hard) or worth retrying (soft).\n"
  "\n"
  "Inputs: message files, mbox files (starting with a \"From \" line),\n"
  "Maildirs (their new/ and cur/), folders (every file in them), - for stdin.\n"
  "\n"
  "  --json           print one JSON object per message (JSON Lines)\n"
  "  --header NAME    also return header NAME of the original message\n"
  "  --help           show this help\n"
  "  --version        show the version\n"
  "\n"
  "Exit status: 0 when every input was read, 1 when some could not be\n"
  "(each is reported on stderr and the rest are still read), 2 on a usage error.\n";

int
main(int argc, char **argv)
{
  cli c = {.opts = bounce_options_new(), .headers = g_ptr_array_new()};
  GPtrArray *inputs = g_ptr_array_new();
  bool options_done = false;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!options_done && strcmp(a, "--") == 0) {
      options_done = true;
    } else if (!options_done && strcmp(a, "--json") == 0) {
      c.json = true;
    } else if (!options_done && strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      goto done;
    } else if (!options_done && strcmp(a, "--version") == 0) {
      printf("bounceparse %s\n", bounce_version_string());
      goto done;
    } else if (!options_done && strcmp(a, "--header") == 0 && i + 1 < argc) {
      bounce_options_add_original_header(c.opts, argv[++i]);
      g_ptr_array_add(c.headers, argv[i]);
    } else if (!options_done && a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "bounceparse: unknown option %s\n\n%s", a, usage);
      status = 2;
      goto done;
    } else {
      g_ptr_array_add(inputs, (gpointer)a);
    }
  }
  if (inputs->len == 0) {
    fputs(usage, stderr);
    status = 2;
    goto done;
  }
  for (guint i = 0; i < inputs->len; i++)
    run_path(&c, g_ptr_array_index(inputs, i), true);
  status = c.failures ? 1 : 0;
done:
  g_ptr_array_free(inputs, TRUE);
  g_ptr_array_free(c.headers, TRUE);
  bounce_options_free(c.opts);
  return status;
}
