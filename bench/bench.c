/* bench: what libbounce costs next to GMime's own parse of the same bytes.
 *
 * For every message of the inputs (files, folders, Maildirs, mboxes), held
 * in memory, it times (a) the bare GMime parse: construct the message, walk
 * every part (inner messages too), free; and (b) the whole libbounce
 * analysis, bounce_parse_bytes() and bounce_report_free(), of the same
 * bytes. It prints messages per second for each, the ratio (b)/(a), and the
 * peak RSS. Large mailboxes are read in batches, so memory stays bounded.
 *
 * --callgrind runs itself under valgrind's callgrind and prints instruction
 * counts, which are repeatable where times are not: see bench/README.md.
 * --make-mbox N writes an mbox of N messages by repeating the inputs. */
#include <bounce.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

typedef enum { PHASE_BOTH, PHASE_GMIME, PHASE_LIBBOUNCE } phase;

typedef struct {
  guint repeat;        /* rounds over each batch */
  gsize batch_bytes;   /* a batch is run once it holds this much */
  phase only;          /* --phase */
  bool dumps;          /* under callgrind: dump stats around the phase */
  /* totals */
  guint64 messages;    /* distinct messages */
  guint64 bytes;
  guint64 errors;      /* messages libbounce refused (empty, too large ...) */
  guint64 parse_failed; /* messages GMime could not construct */
  double t_gmime;      /* CPU seconds */
  double t_bounce;
  double w_gmime;      /* wall seconds */
  double w_bounce;
  guint64 runs_gmime;  /* message parses timed */
  guint64 runs_bounce;
  GPtrArray *batch;    /* GBytes */
  gsize batch_len;
} bench;

/* CPU time of this thread: what the work cost, whatever else the machine
 * runs (wall time is printed too). */
static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
wall_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- (a) the bare GMime parse ---- */

static guint64 parts_seen; /* keeps the walk from being optimised away */

static void
walk(GMimeObject *obj)
{
  if (obj == NULL)
    return;
  parts_seen++;
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart *mp = GMIME_MULTIPART(obj);
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; i++)
      walk(g_mime_multipart_get_part(mp, i));
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (inner)
      walk(g_mime_message_get_mime_part(inner));
  } else {
    (void)g_mime_object_get_content_type(obj);
  }
}

/* What any GMime program does with a message in memory, with the stream
 * set up as libbounce sets it up: over the bytes where they are, not a
 * copy of them, so that (a) is the cheapest parse there is. */
static bool
gmime_parse(const char *data, gsize len)
{
  GByteArray *lent = g_byte_array_new_take((guint8 *)data, len);
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(lent);
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
  GMimeParser *parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
  if (msg) {
    walk(g_mime_message_get_mime_part(msg));
    g_object_unref(msg);
  }
  g_object_unref(parser);
  g_object_unref(stream);
  g_byte_array_free(lent, FALSE); /* gives the bytes back, unfreed */
  return msg != NULL;
}

/* ---- (b) the libbounce analysis ---- */

static bool
bounce_analyse(const char *data, gsize len)
{
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_bytes(data, len, NULL, &err);
  if (r == NULL) {
    bounce_error_free(err);
    return false;
  }
  bounce_report_free(r);
  return true;
}

/* ---- running a batch ---- */

static void
run_batch(bench *b)
{
  GPtrArray *m = b->batch;
  if (m->len == 0)
    return;
  if (b->dumps)
    CALLGRIND_DUMP_STATS_AT("before the phase");
  if (b->only != PHASE_LIBBOUNCE) {
    double t0 = cpu_now(), w0 = wall_now();
    for (guint r = 0; r < b->repeat; r++)
      for (guint i = 0; i < m->len; i++) {
        gsize len;
        const char *d = g_bytes_get_data(g_ptr_array_index(m, i), &len);
        if (!gmime_parse(d, len) && r == 0)
          b->parse_failed++;
      }
    b->t_gmime += cpu_now() - t0;
    b->w_gmime += wall_now() - w0;
    b->runs_gmime += (guint64)m->len * b->repeat;
  }
  if (b->only != PHASE_GMIME) {
    double t0 = cpu_now(), w0 = wall_now();
    for (guint r = 0; r < b->repeat; r++)
      for (guint i = 0; i < m->len; i++) {
        gsize len;
        const char *d = g_bytes_get_data(g_ptr_array_index(m, i), &len);
        if (!bounce_analyse(d, len) && r == 0)
          b->errors++;
      }
    b->t_bounce += cpu_now() - t0;
    b->w_bounce += wall_now() - w0;
    b->runs_bounce += (guint64)m->len * b->repeat;
  }
  if (b->dumps)
    CALLGRIND_DUMP_STATS_AT("phase");
  g_ptr_array_set_size(m, 0);
  b->batch_len = 0;
}

/* ---- inputs: every message, one at a time ---- */

typedef void (*message_fn)(void *ctx, GBytes *msg);

static void each_path(const char *path, bool top, message_fn fn, void *ctx);

static void
each_in_mbox(const char *path, int fd, message_fn fn, void *ctx)
{
  bounce_error *err = NULL;
  bounce_mbox *mb = bounce_mbox_open_fd(fd, NULL, &err);
  for (;;) {
    const char *data;
    size_t len;
    int rc = bounce_mbox_next_message(mb, &data, &len, &err);
    if (rc == 0)
      break;
    if (rc < 0) {
      fprintf(stderr, "bench: %s: %s\n", path, bounce_error_get_message(err));
      bool io = bounce_error_get_code(err) == BOUNCE_ERROR_IO;
      bounce_error_free(err);
      err = NULL;
      if (io)
        break;
      continue;
    }
    GBytes *m = g_bytes_new(data, len);
    fn(ctx, m);
    g_bytes_unref(m);
  }
  bounce_mbox_free(mb);
}

static int
cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
each_in_folder(const char *dir, message_fn fn, void *ctx)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d)) != NULL)
    if (n[0] != '.')
      g_ptr_array_add(names, g_build_filename(dir, n, NULL));
  g_dir_close(d);
  qsort(names->pdata, names->len, sizeof(char *), cmp_names);
  for (guint i = 0; i < names->len; i++)
    each_path(g_ptr_array_index(names, i), false, fn, ctx);
  g_ptr_array_free(names, TRUE);
}

static void
each_path(const char *path, bool top, message_fn fn, void *ctx)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "bench: %s: %s\n", path, g_strerror(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!top)
      return;
    char *cur = g_build_filename(path, "cur", NULL);
    char *new_ = g_build_filename(path, "new", NULL);
    if (g_file_test(cur, G_FILE_TEST_IS_DIR) || g_file_test(new_, G_FILE_TEST_IS_DIR)) {
      each_in_folder(new_, fn, ctx);
      each_in_folder(cur, fn, ctx);
    } else {
      each_in_folder(path, fn, ctx);
    }
    g_free(cur);
    g_free(new_);
    return;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "bench: %s: %s\n", path, g_strerror(errno));
    return;
  }
  char head[5];
  if (read(fd, head, 5) == 5 && memcmp(head, "From ", 5) == 0 && lseek(fd, 0, SEEK_SET) == 0) {
    each_in_mbox(path, fd, fn, ctx);
  } else {
    close(fd);
    fd = -1;
    char *data = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (g_file_get_contents(path, &data, &len, &e)) {
      GBytes *m = g_bytes_new_take(data, len);
      fn(ctx, m);
      g_bytes_unref(m);
    } else {
      fprintf(stderr, "bench: %s\n", e->message);
      g_error_free(e);
    }
  }
  if (fd >= 0)
    close(fd);
}

static void
add_to_batch(void *ctx, GBytes *msg)
{
  bench *b = ctx;
  g_ptr_array_add(b->batch, g_bytes_ref(msg));
  b->batch_len += g_bytes_get_size(msg);
  b->messages++;
  b->bytes += g_bytes_get_size(msg);
  if (b->batch_len >= b->batch_bytes)
    run_batch(b);
}

/* ---- --make-mbox ---- */

static void
collect(void *ctx, GBytes *msg)
{
  g_ptr_array_add(ctx, g_bytes_ref(msg));
}

/* One message in mbox form: a separator, its lines with "From " at a line
 * start quoted as ">From ", a blank line. A file with lone CR line ends
 * gets \n, as a mail store would have written it. */
static void
write_message(FILE *out, const char *d, gsize len)
{
  fputs("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n", out);
  bool lone_cr = memchr(d, '\n', len) == NULL && memchr(d, '\r', len) != NULL;
  bool bol = true;
  for (gsize i = 0; i < len; i++) {
    char c = d[i];
    if (lone_cr && c == '\r')
      c = '\n';
    if (bol && c == 'F' && len - i >= 5 && memcmp(d + i, "From ", 5) == 0)
      fputc('>', out);
    fputc(c, out);
    bol = c == '\n';
  }
  if (!bol)
    fputc('\n', out);
  fputc('\n', out);
}

static int
make_mbox(guint64 n, const char *out_path, char **inputs, int n_inputs)
{
  GPtrArray *msgs = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  for (int i = 0; i < n_inputs; i++)
    each_path(inputs[i], true, collect, msgs);
  if (msgs->len == 0) {
    fprintf(stderr, "bench: no messages to repeat\n");
    g_ptr_array_free(msgs, TRUE);
    return 1;
  }
  FILE *out = strcmp(out_path, "-") == 0 ? stdout : fopen(out_path, "wb");
  if (out == NULL) {
    fprintf(stderr, "bench: %s: %s\n", out_path, g_strerror(errno));
    g_ptr_array_free(msgs, TRUE);
    return 1;
  }
  for (guint64 k = 0; k < n; k++) {
    gsize len;
    const char *d = g_bytes_get_data(g_ptr_array_index(msgs, k % msgs->len), &len);
    /* A message saved with its own "From " line gets ours instead. */
    if (len > 5 && memcmp(d, "From ", 5) == 0) {
      const char *nl = memchr(d, '\n', len);
      if (nl) {
        len -= (gsize)(nl + 1 - d);
        d = nl + 1;
      }
    }
    write_message(out, d, len);
  }
  int rc = 0;
  if (fflush(out) != 0 || ferror(out)) {
    fprintf(stderr, "bench: %s: write failed\n", out_path);
    rc = 1;
  }
  if (out != stdout)
    fclose(out);
  g_ptr_array_free(msgs, TRUE);
  return rc;
}

/* ---- --callgrind ---- */

/* Sums the Ir of every dump callgrind wrote under prefix; the dump whose
 * trigger names the phase is returned in *phase_ir. */
static guint64
read_dumps(const char *dir, const char *prefix, guint64 *phase_ir)
{
  guint64 total = 0;
  *phase_ir = 0;
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name(d)) != NULL) {
    if (!g_str_has_prefix(n, prefix))
      continue;
    char *path = g_build_filename(dir, n, NULL);
    char *text = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
      bool is_phase = strstr(text, "\ndesc: Trigger: Client Request: phase\n") != NULL;
      const char *s = strstr(text, "\nsummary: ");
      if (s == NULL)
        s = strstr(text, "\ntotals: ");
      guint64 ir = s ? g_ascii_strtoull(strchr(s + 1, ' ') + 1, NULL, 10) : 0;
      total += ir;
      if (is_phase)
        *phase_ir += ir;
    }
    g_free(text);
    g_unlink(path);
    g_free(path);
  }
  if (d)
    g_dir_close(d);
  return total;
}

/* Runs this program under callgrind for one phase, with or without the
 * inputs; returns the whole run's Ir and the phase's own. */
static bool
callgrind_run(const char *self, const char *dir, const char *which, char **inputs, int n_inputs,
              guint64 *whole, guint64 *phase_ir)
{
  char *prefix = g_strdup_printf("cg.%s.%s", which, n_inputs ? "in" : "none");
  char *out = g_strdup_printf("--callgrind-out-file=%s/%s.%%p", dir, prefix);
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *)"valgrind");
  g_ptr_array_add(argv, (char *)"--tool=callgrind");
  g_ptr_array_add(argv, out);
  g_ptr_array_add(argv, (char *)self);
  g_ptr_array_add(argv, (char *)"--callgrind-child");
  g_ptr_array_add(argv, (char *)"--phase");
  g_ptr_array_add(argv, (char *)which);
  for (int i = 0; i < n_inputs; i++)
    g_ptr_array_add(argv, inputs[i]);
  g_ptr_array_add(argv, NULL);
  int status = 0;
  GError *e = NULL;
  bool ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                           G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &e) &&
            g_spawn_check_wait_status(status, &e);
  if (!ok) {
    fprintf(stderr, "bench: valgrind --tool=callgrind: %s\n", e->message);
    g_error_free(e);
  } else {
    *whole = read_dumps(dir, prefix, phase_ir);
  }
  g_ptr_array_free(argv, TRUE);
  g_free(out);
  g_free(prefix);
  return ok;
}

static int
callgrind(char **inputs, int n_inputs, guint64 messages)
{
  char *self = g_file_read_link("/proc/self/exe", NULL);
  char *dir = g_dir_make_tmp("bench-callgrind-XXXXXX", NULL);
  if (self == NULL || dir == NULL) {
    fprintf(stderr, "bench: cannot find myself or make a temporary folder\n");
    return 1;
  }
  static const char *const which[] = {"gmime", "libbounce"};
  guint64 whole[2][2] = {{0}}, phase_ir[2][2] = {{0}};
  bool ok = true;
  for (int w = 0; w < 2 && ok; w++)
    for (int with = 0; with < 2 && ok; with++)
      ok = callgrind_run(self, dir, which[w], inputs, with ? n_inputs : 0, &whole[w][with],
                         &phase_ir[w][with]);
  g_rmdir(dir);
  g_free(dir);
  g_free(self);
  if (!ok)
    return 1;
  guint64 a = whole[0][1] - MIN(whole[0][1], whole[0][0]);
  guint64 b = whole[1][1] - MIN(whole[1][1], whole[1][0]);
  double m = messages ? (double)messages : 1;
  printf("messages                      %" G_GUINT64_FORMAT "\n", messages);
  printf("instructions (Ir), whole run less start-up with no input:\n");
  printf("  (a) GMime parse             %15" G_GUINT64_FORMAT "  %10.0f per message\n", a,
         (double)a / m);
  printf("  (b) libbounce analysis      %15" G_GUINT64_FORMAT "  %10.0f per message\n", b,
         (double)b / m);
  printf("  ratio (b)/(a)               %15.3f\n", a ? (double)b / (double)a : 0.0);
  if (phase_ir[0][1] && phase_ir[1][1]) {
    printf("instructions (Ir), the phase alone (client requests around the loop):\n");
    printf("  (a) GMime parse             %15" G_GUINT64_FORMAT "  %10.0f per message\n",
           phase_ir[0][1], (double)phase_ir[0][1] / m);
    printf("  (b) libbounce analysis      %15" G_GUINT64_FORMAT "  %10.0f per message\n",
           phase_ir[1][1], (double)phase_ir[1][1] / m);
    printf("  ratio (b)/(a)               %15.3f\n",
           (double)phase_ir[1][1] / (double)phase_ir[0][1]);
  }
  return 0;
}

static void
count_only(void *ctx, GBytes *msg)
{
  (*(guint64 *)ctx)++;
}

/* ---- main ---- */

static const char usage[] =
  "usage: bench [--repeat N] [--batch MB] [--phase gmime|libbounce] INPUT...\n"
  "       bench --callgrind INPUT...\n"
  "       bench --make-mbox N [--output FILE] INPUT...\n"
  "\n"
  "INPUT: message files, folders, Maildirs, mbox files.\n"
  "Times (a) the bare GMime parse and (b) the libbounce analysis of every\n"
  "message from the same bytes in memory; prints messages per second, the\n"
  "ratio (b)/(a) and the peak RSS.\n"
  "\n"
  "  --repeat N        analyse each message N times (default 1)\n"
  "  --batch MB        hold at most about MB megabytes of messages (default 64)\n"
  "  --phase P         run only phase gmime or libbounce\n"
  "  --callgrind       run under valgrind --tool=callgrind; print instruction\n"
  "                    counts of each phase, whole run less start-up\n"
  "  --make-mbox N     write an mbox of N messages repeating the inputs\n"
  "  --output FILE     where --make-mbox writes (default: stdout)\n";

int
main(int argc, char **argv)
{
  bench b = {.repeat = 1, .batch_bytes = 64u << 20, .only = PHASE_BOTH};
  bool want_callgrind = false, child = false;
  guint64 make = 0;
  const char *output = "-";
  char **inputs = g_new0(char *, (gsize)argc + 1);
  int n_inputs = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    bool more = i + 1 < argc;
    if (strcmp(a, "--repeat") == 0 && more) {
      int n = atoi(argv[++i]);
      b.repeat = n > 1 ? (guint)n : 1;
    } else if (strcmp(a, "--batch") == 0 && more) {
      int n = atoi(argv[++i]);
      b.batch_bytes = (gsize)(n > 1 ? n : 1) << 20;
    } else if (strcmp(a, "--phase") == 0 && more) {
      const char *p = argv[++i];
      if (strcmp(p, "gmime") == 0)
        b.only = PHASE_GMIME;
      else if (strcmp(p, "libbounce") == 0)
        b.only = PHASE_LIBBOUNCE;
      else
        goto bad;
    } else if (strcmp(a, "--callgrind") == 0) {
      want_callgrind = true;
    } else if (strcmp(a, "--callgrind-child") == 0) {
      child = true;
    } else if (strcmp(a, "--make-mbox") == 0 && more) {
      make = g_ascii_strtoull(argv[++i], NULL, 10);
      if (make == 0)
        goto bad;
    } else if (strcmp(a, "--output") == 0 && more) {
      output = argv[++i];
    } else if (strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (a[0] == '-' && a[1] != '\0') {
      goto bad;
    } else {
      inputs[n_inputs++] = argv[i];
    }
  }
  if (make)
    return make_mbox(make, output, inputs, n_inputs);
  if (want_callgrind) {
    if (n_inputs == 0)
      goto bad;
    guint64 messages = 0;
    for (int i = 0; i < n_inputs; i++)
      each_path(inputs[i], true, count_only, &messages);
    return callgrind(inputs, n_inputs, messages);
  }
  if (n_inputs == 0 && !child)
    goto bad;

  /* Start-up, outside what is measured: GMime's global tables. */
  g_mime_init();
  if (child) {
    b.dumps = RUNNING_ON_VALGRIND != 0;
    b.batch_bytes = G_MAXSIZE; /* one batch: one phase dump */
  }
  b.batch = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  for (int i = 0; i < n_inputs; i++)
    each_path(inputs[i], true, add_to_batch, &b);
  run_batch(&b);
  g_ptr_array_free(b.batch, TRUE);

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double ra = b.t_gmime > 0 ? (double)b.runs_gmime / b.t_gmime : 0;
  double rb = b.t_bounce > 0 ? (double)b.runs_bounce / b.t_bounce : 0;
  printf("messages                 %" G_GUINT64_FORMAT " (%.1f MB), each run %u time(s)\n",
         b.messages, (double)b.bytes / 1e6, b.repeat);
  double wa = b.w_gmime > 0 ? (double)b.runs_gmime / b.w_gmime : 0;
  double wb = b.w_bounce > 0 ? (double)b.runs_bounce / b.w_bounce : 0;
  printf("                         CPU time (wall time)\n");
  if (b.only != PHASE_LIBBOUNCE)
    printf("(a) GMime parse          %10.0f messages/s  %8.1f us/message  (%.0f/s)\n", ra,
           ra > 0 ? 1e6 / ra : 0, wa);
  if (b.only != PHASE_GMIME)
    printf("(b) libbounce analysis   %10.0f messages/s  %8.1f us/message  (%.0f/s)\n", rb,
           rb > 0 ? 1e6 / rb : 0, wb);
  if (b.only == PHASE_BOTH)
    printf("ratio (b)/(a)            %10.2f                          (%.2f)\n",
           rb > 0 ? ra / rb : 0, wb > 0 ? wa / wb : 0);
  printf("peak RSS                 %10.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  if (b.parse_failed || b.errors)
    printf("not parsed               GMime %" G_GUINT64_FORMAT ", libbounce %" G_GUINT64_FORMAT
           " (empty or over a limit)\n",
           b.parse_failed, b.errors);
  g_free(inputs);
  return 0;
bad:
  fputs(usage, stderr);
  g_free(inputs);
  return 2;
}
