/* Jobs done by a pool of threads and handed back in the order they came:
 * bounceparse analyses messages in parallel and prints them in input order.
 * With one thread everything happens at once in the caller's thread. */
#ifndef BOUNCEPARSE_PIPELINE_H
#define BOUNCEPARSE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pipeline pipeline;

/* Runs in a worker thread (or the caller's, with one thread). */
typedef void (*pipeline_work_fn)(void *job, void *ctx);
/* Runs in the caller's thread, once per job, in the order of submission. */
typedef void (*pipeline_done_fn)(void *job, void *ctx);
/* Runs in the caller's thread before it waits for a job to finish (to
 * flush output that is ready). */
typedef void (*pipeline_idle_fn)(void *ctx);

/* threads >= 1. At most a few jobs per thread, and a few tens of MB, are
 * in flight at a time, so memory stays bounded whatever the number of jobs. */
pipeline *pipeline_new(int threads, pipeline_work_fn work, pipeline_done_fn done,
                       pipeline_idle_fn idle, void *ctx);
/* Hands job over; size is what it holds in memory (bytes). When
 * needs_work is false the job skips the worker (it only keeps its place in
 * the order). May block while older jobs finish; finished jobs are handed
 * to done on the way. */
void pipeline_push(pipeline *p, void *job, bool needs_work, size_t size);
/* Waits for every job, hands them all to done, and frees the pipeline. */
void pipeline_finish(pipeline *p);

#endif
