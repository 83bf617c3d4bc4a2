/* bounceparse: explain bounce emails to a person, or print them as JSON
 * Lines for a program. Uses only the public API of libbounce. */
#include <bounce.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pipeline.h"

typedef struct {
  bool json;
  bounce_options *opts;
  GPtrArray *headers; /* extra original headers asked for */
  int failures; /* inputs that could not be read */
  int threads;  /* -j */
  bool line_flush; /* someone reads stdout as it comes: flush each line */
  pipeline *jobs;
} cli;

/* One message to analyse, or one error to report, in input order. */
typedef struct {
  char *name;
  size_t index;
  bool mailbox;     /* index counts messages in a mailbox */
  GBytes *data;     /* the message; NULL for a reading error */
  char *error;      /* a line for stderr */
  GString *out;     /* what to print on stdout */
} job;

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
json_line(GString *out, const char *file, size_t index, const bounce_report *r,
          const GPtrArray *headers)
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
  gsize len = 0;
  char *line = json_generator_to_data(gen, &len);
  g_string_append_len(out, line, (gssize)len);
  g_string_append_c(out, '\n');
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
text_lines(GString *out, const char *file, size_t index, bool mailbox, const bounce_report *r)
{
  bounce_kind kind = bounce_report_get_kind(r);
  char where[64] = "";
  if (mailbox)
    snprintf(where, sizeof where, " #%zu", index);
  if (kind == BOUNCE_KIND_NONE) {
    g_string_append_printf(out, "%s%s: not a bounce.\n", file, where);
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
    g_string_append_printf(out, "%s%s: %s: ", file, where, *addr ? addr : "(unknown address)");
    switch (kind) {
    case BOUNCE_KIND_FEEDBACK:
      g_string_append_printf(out, "a recipient reported the message (%s); stop mailing this address.\n",
             *bounce_recipient_get_feedback_type(rc) ? bounce_recipient_get_feedback_type(rc)
                                                     : "feedback");
      break;
    case BOUNCE_KIND_AUTOREPLY:
      g_string_append_printf(out, "sent an automatic reply (%s); nothing to do.\n", bounce_cause_describe(cause));
      break;
    case BOUNCE_KIND_DELIVERED:
      g_string_append_printf(out, "the message was delivered%s.\n", codes);
      break;
    case BOUNCE_KIND_DELAY:
      /* a queue that ran out is reported as a delay too, but the message
       * came back for good */
      if (bounce_recipient_is_permanent(rc))
        g_string_append_printf(out, "delivery was given up: %s (%s%s); the address may work later, send again.\n",
               bounce_cause_describe(cause), bounce_cause_to_string(cause), codes);
      else
        g_string_append_printf(out, "delivery is delayed: %s (%s%s); the sending server keeps trying.\n",
               bounce_cause_describe(cause), bounce_cause_to_string(cause), codes);
      break;
    default:
      if (bounce_recipient_is_hard(rc))
        g_string_append_printf(out, "hard bounce: %s (%s%s); remove this address from your list.\n",
               bounce_cause_describe(cause), bounce_cause_to_string(cause), codes);
      else
        g_string_append_printf(out, "soft bounce: %s (%s%s); %s.\n", bounce_cause_describe(cause),
               bounce_cause_to_string(cause), codes, advice(cause));
      break;
    }
  }
}

/* ---- jobs: analysed in any thread, printed in input order ---- */

static void
job_work(void *p, void *ctx)
{
  job *j = p;
  cli *c = ctx;
  bounce_error *err = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data(j->data, &len);
  bounce_report *r = bounce_parse_bytes(data, len, c->opts, &err);
  g_bytes_unref(j->data);
  j->data = NULL;
  if (r == NULL) {
    /* file and index, as for any message that could not be read: a
     * single file is message #0 */
    j->error = g_strdup_printf("bounceparse: %s #%zu: %s\n", j->name, j->index,
                               bounce_error_get_message(err));
    bounce_error_free(err);
    return;
  }
  j->out = g_string_new(NULL);
  if (c->json)
    json_line(j->out, j->name, j->index, r, c->headers);
  else
    text_lines(j->out, j->name, j->index, j->mailbox, r);
  bounce_report_free(r);
}

static void
job_done(void *p, void *ctx)
{
  job *j = p;
  cli *c = ctx;
  if (j->out) {
    fwrite(j->out->str, 1, j->out->len, stdout);
    if (c->line_flush)
      fflush(stdout);
    g_string_free(j->out, TRUE);
  }
  if (j->error) {
    fputs(j->error, stderr);
    c->failures++;
    g_free(j->error);
  }
  g_free(j->name);
  g_free(j);
}

static void
jobs_idle(void *ctx)
{
  fflush(stdout); /* what is ready goes out before waiting for more */
}

/* Queues a message (copied) for analysis. */
static void
submit(cli *c, const char *name, size_t index, bool mailbox, const char *data, size_t len)
{
  job *j = g_new0(job, 1);
  j->name = g_strdup(name);
  j->index = index;
  j->mailbox = mailbox;
  j->data = g_bytes_new(data, len);
  pipeline_push(c->jobs, j, true, len);
}

/* Queues an error, which keeps its place among the messages. */
static void G_GNUC_PRINTF(2, 3)
submit_error(cli *c, const char *fmt, ...)
{
  job *j = g_new0(job, 1);
  va_list ap;
  va_start(ap, fmt);
  char *line = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  j->error = g_strconcat("bounceparse: ", line, "\n", NULL);
  g_free(line);
  pipeline_push(c->jobs, j, false, 0);
}

/* ---- input ---- */

/* Every message of an mbox, one at a time: only the messages in flight
 * are in memory, whatever the size of the mailbox. */
static void
run_mbox(cli *c, const char *name, bounce_mbox *mb)
{
  for (;;) {
    bounce_error *err = NULL;
    const char *data = NULL;
    size_t len = 0;
    size_t index = bounce_mbox_count(mb);
    int rc = bounce_mbox_next_message(mb, &data, &len, &err);
    if (rc == 0)
      break;
    if (rc < 0) {
      bool io = bounce_error_get_code(err) == BOUNCE_ERROR_IO;
      submit_error(c, "%s #%zu: %s", name, index, bounce_error_get_message(err));
      bounce_error_free(err);
      if (io)
        break; /* the rest of the mailbox cannot be read either */
      continue;
    }
    submit(c, name, index, true, data, len);
  }
}

/* The mailbox just opened, or why it could not be (mb NULL, err set). */
static void
run_opened_mbox(cli *c, const char *name, bounce_mbox *mb, bounce_error *err)
{
  if (mb == NULL) {
    submit_error(c, "%s: %s", name, bounce_error_get_message(err));
    bounce_error_free(err);
    return;
  }
  run_mbox(c, name, mb);
  bounce_mbox_free(mb);
}

/* An mbox already in memory. */
static void
run_mbox_bytes(cli *c, const char *name, const GByteArray *buf)
{
  bounce_error *err = NULL;
  bounce_mbox *mb = bounce_mbox_open_bytes((const char *)buf->data, buf->len, c->opts, &err);
  run_opened_mbox(c, name, mb, err);
}

/* Reads up to n bytes, unless the input ends first. */
static ssize_t
read_full(int fd, char *buf, size_t n)
{
  size_t got = 0;
  while (got < n) {
    ssize_t k = read(fd, buf + got, n - got);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0)
      return -1;
    if (k == 0)
      break;
    got += (size_t)k;
  }
  return (ssize_t)got;
}

/* A file is an mbox when it starts with a "From " line and holds more than
 * one message; one message saved with its "From " line is read as one. */
static void
run_fd(cli *c, const char *name, int fd)
{
  char head[5];
  ssize_t n = read_full(fd, head, sizeof head);
  bool from = n == 5 && memcmp(head, "From ", 5) == 0;
  GByteArray *buf = g_byte_array_new();
  if (n > 0)
    g_byte_array_append(buf, (const guint8 *)head, (guint)n);
  bool whole_mbox = false;
  if (from && lseek(fd, 0, SEEK_SET) != 0) {
    /* A pipe: the rest of the "From " line goes, then the reader takes
     * over at the first message's first line. A lone CR ends the line of
     * a mailbox with old Mac line ends, seen one byte too late to give
     * the byte back: that mailbox is read whole, then split. */
    char ch, prev = 0;
    ssize_t k;
    while ((k = read(fd, &ch, 1)) == 1 && ch != '\n') {
      g_byte_array_append(buf, (const guint8 *)&ch, 1);
      if (prev == '\r') {
        whole_mbox = true;
        break;
      }
      prev = ch;
    }
    if (k < 0)
      n = -1;
  }
  if (from && n == 5 && !whole_mbox) {
    g_byte_array_free(buf, TRUE);
    bounce_error *err = NULL;
    bounce_mbox *mb = bounce_mbox_open_fd(fd, c->opts, &err);
    run_opened_mbox(c, name, mb, err);
    return;
  }
  /* Not an mbox: one message, read whole. */
  char chunk[65536];
  size_t limit = bounce_options_get_limit(c->opts, BOUNCE_LIMIT_MESSAGE_SIZE);
  bool too_big = false;
  while (n > 0 && (n = read(fd, chunk, sizeof chunk)) != 0) {
    if (n < 0 && errno == EINTR) {
      n = 1;
      continue;
    }
    if (n < 0)
      break;
    if (buf->len + (size_t)n > limit) {
      too_big = true;
      break;
    }
    g_byte_array_append(buf, (const guint8 *)chunk, (guint)n);
  }
  if (n < 0)
    submit_error(c, "%s: %s", name, g_strerror(errno));
  else if (too_big)
    submit_error(c, "%s #0: the message is over the size limit of %zu bytes", name, limit);
  else if (whole_mbox)
    run_mbox_bytes(c, name, buf);
  else
    submit(c, name, 0, false, (const char *)buf->data, buf->len);
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
    submit_error(c, "%s: %s", dir, g_strerror(errno));
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
    submit_error(c, "%s: %s", path, g_strerror(errno));
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
    submit_error(c, "%s: %s", path, g_strerror(errno));
    return;
  }
  run_fd(c, path, fd);
  close(fd);
}

static const char usage[] =
  "usage: bounceparse [--json] [--header NAME]... [-j N] FILE|DIR|-...\n"
  "\n"
  "Reads bounce emails (delivery status notifications) and says, for every\n"
  "recipient, what happened: the address, the status and reply codes, the\n"
  "cause, and whether the address is dead (hard) or worth retrying (soft).\n"
  "\n"
  "Inputs: message files, mbox files (starting with a \"From \" line),\n"
  "Maildirs (their new/ and cur/), folders (every file in them), - for stdin.\n"
  "Mailboxes of any size are read one message at a time; each result is\n"
  "printed as soon as it and those before it are ready.\n"
  "\n"
  "  --json           print one JSON object per message (JSON Lines)\n"
  "  --header NAME    also return header NAME of the original message\n"
  "  -j, --jobs N     analyse with N threads (output stays in input order)\n"
  "  --help           show this help\n"
  "  --version        show the version\n"
  "\n"
  "Exit status: 0 when every input was read, 1 when some could not be\n"
  "(each is reported on stderr and the rest are still read), 2 on a usage error.\n";

/* Whether a names the thread-count option: -jN, -j N, --jobs N or
 * --jobs=N. */
static bool
is_jobs_option(const char *a)
{
  return strncmp(a, "-j", 2) == 0 || strcmp(a, "--jobs") == 0 || strncmp(a, "--jobs=", 7) == 0;
}

/* Reads the thread count of the option at argv[*i], moving *i past a
 * separate value; false if it is missing or out of range. */
static bool
read_jobs(int argc, char **argv, int *i, int *threads)
{
  const char *a = argv[*i];
  const char *v = NULL;
  if (strncmp(a, "--jobs=", 7) == 0)
    v = a + 7;
  else if (a[1] == 'j' && a[2] != '\0')
    v = a + 2; /* -j4 */
  else if (*i + 1 < argc)
    v = argv[++*i];
  char *end = NULL;
  long n = v ? strtol(v, &end, 10) : 0;
  if (v == NULL || *v == '\0' || *end != '\0' || n < 1 || n > 256)
    return false;
  *threads = (int)n;
  return true;
}

/* Reads the command line into c and inputs. Returns -1 to go on and
 * parse, or the status to exit with (after --help, --version or a bad
 * option). */
static int
read_args(cli *c, int argc, char **argv, GPtrArray *inputs)
{
  bool options_done = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!options_done && strcmp(a, "--") == 0) {
      options_done = true;
    } else if (!options_done && strcmp(a, "--json") == 0) {
      c->json = true;
    } else if (!options_done && strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (!options_done && strcmp(a, "--version") == 0) {
      printf("bounceparse %s\n", bounce_version_string());
      return 0;
    } else if (!options_done && strcmp(a, "--header") == 0 && i + 1 < argc) {
      bounce_options_add_original_header(c->opts, argv[++i]);
      g_ptr_array_add(c->headers, argv[i]);
    } else if (!options_done && is_jobs_option(a)) {
      if (!read_jobs(argc, argv, &i, &c->threads)) {
        fprintf(stderr, "bounceparse: -j needs a number of threads from 1 to 256\n\n%s", usage);
        return 2;
      }
    } else if (!options_done && a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "bounceparse: unknown option %s\n\n%s", a, usage);
      return 2;
    } else {
      g_ptr_array_add(inputs, (gpointer)a);
    }
  }
  if (inputs->len == 0) {
    fputs(usage, stderr);
    return 2;
  }
  return -1;
}

/* Whether output goes to a terminal or a pipe, read as lines come; a file
 * is written in blocks (and whatever is ready before waiting for a
 * thread). */
static bool
output_is_read_live(void)
{
  struct stat out;
  return isatty(STDOUT_FILENO) ||
         (fstat(STDOUT_FILENO, &out) == 0 && (S_ISFIFO(out.st_mode) || S_ISSOCK(out.st_mode)));
}

int
main(int argc, char **argv)
{
  cli c = {.opts = bounce_options_new(), .headers = g_ptr_array_new(), .threads = 1};
  GPtrArray *inputs = g_ptr_array_new();
  int status = read_args(&c, argc, argv, inputs);
  if (status < 0) {
    c.line_flush = output_is_read_live();
    c.jobs = pipeline_new(c.threads, job_work, job_done, jobs_idle, &c);
    for (guint i = 0; i < inputs->len; i++)
      run_path(&c, g_ptr_array_index(inputs, i), true);
    pipeline_finish(c.jobs);
    fflush(stdout);
    status = c.failures ? 1 : 0;
  }
  g_ptr_array_free(inputs, TRUE);
  g_ptr_array_free(c.headers, TRUE);
  bounce_options_free(c.opts);
  return status;
}
