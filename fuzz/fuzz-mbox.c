/* Fuzz target: a mailbox through bounce_mbox_open_bytes() (or, when bit 5
 * of the first byte is set, through a descriptor with bounce_mbox_open_fd)
 * and bounce_mbox_next() to its end. The first two bytes choose the
 * options (fuzz.h); the rest is the mailbox. */
#include "fuzz.h"
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* A descriptor holding the bytes, read from the start; -1 if none. */
static int
memory_fd(const uint8_t *data, size_t size)
{
  int fd = memfd_create("fuzz-mbox", MFD_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) {
      close(fd);
      return -1;
    }
    done += (size_t)n;
  }
  if (lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* From memory with the defaults; through a descriptor; small limits. */
const char *const fuzz_prefixes[] = {"\x07\x00", "\x27\x00", "\x0f\x55", NULL};
const size_t fuzz_prefix_len = 2;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  bounce_options *opts = fuzz_options(data);
  bounce_error *err = NULL;
  int fd = -1;
  bounce_mbox *mb;
  if (data[0] & 32u) {
    fd = memory_fd(data + 2, size - 2);
    if (fd < 0) {
      bounce_options_free(opts);
      return 0;
    }
    mb = bounce_mbox_open_fd(fd, opts, &err);
  } else {
    mb = bounce_mbox_open_bytes((const char *)data + 2, size - 2, opts, &err);
  }
  if (mb == NULL)
    abort();
  /* Each call either ends the mailbox or moves on by one message: a
   * mailbox of n bytes cannot hold more than n + 1 of them. */
  for (size_t calls = 0;; calls++) {
    if (calls > size + 1)
      abort();
    bounce_report *r = NULL;
    size_t before = bounce_mbox_count(mb);
    int rc = bounce_mbox_next(mb, &r, &err);
    if (rc == 0) {
      if (r != NULL)
        abort();
      break;
    }
    if (rc > 0) {
      if (r == NULL || err != NULL)
        abort();
      fuzz_touch_report(r);
      bounce_report_free(r);
    } else {
      if (r != NULL || err == NULL)
        abort();
      bounce_error_free(err);
      err = NULL;
    }
    if (bounce_mbox_count(mb) != before + 1 && bounce_mbox_count(mb) != before)
      abort();
  }
  bounce_mbox_free(mb);
  if (fd >= 0)
    close(fd);
  bounce_options_free(opts);
  return 0;
}
