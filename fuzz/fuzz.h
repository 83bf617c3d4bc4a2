/* Shared by the fuzz targets: the libFuzzer entry point, and how the first
 * input byte(s) choose the options. */
#ifndef BOUNCE_FUZZ_H
#define BOUNCE_FUZZ_H

#include <bounce.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Options from two bytes:
 *   byte 0, bits 0-2: bounce_include flags
 *           bit 3:    small limits, chosen by byte 1
 *           bit 4:    also ask for two original headers
 *   byte 1: which small limits (depth, parts, recipients, line, text).
 * The defaults with every kind are "\x07\x00". Caller frees. */
bounce_options *fuzz_options(const uint8_t *b);

/* The option prefixes a raw seed (a message from tests/data) is tried
 * with: each target defines them, NULL-terminated, each fuzz_prefix_len
 * bytes long. fuzz/build.sh makes the libFuzzer seed corpus with them and
 * the replay program's --seeds runs every file with each. */
extern const char *const fuzz_prefixes[];
extern const size_t fuzz_prefix_len;

/* Reads every report accessor, so a bad value anywhere is touched. */
void fuzz_touch_report(const bounce_report *r);

#endif
