/* A ring of jobs in submission order: workers mark jobs ready in any
 * order, the caller's thread retires them from the oldest while the oldest
 * is ready. The ring has a fixed size, so a slow job holds back input, not
 * memory. */
#include "pipeline.h"
#include <glib.h>

typedef struct {
  void *job;
  size_t size;
  bool ready;
} slot;

struct pipeline {
  int threads;
  pipeline_work_fn work;
  pipeline_done_fn done;
  pipeline_idle_fn idle;
  void *ctx;
  GThreadPool *pool;
  GMutex lock;
  GCond cond;   /* a slot became ready */
  slot *ring;
  guint cap;
  guint head;   /* the oldest job */
  guint count;  /* jobs in the ring */
  size_t bytes; /* their sizes */
  bool waiting; /* the caller waits for the oldest job */
};

/* Jobs in flight: a few per thread, and no more bytes than this (but
 * always one job, whatever its size). When either is reached the caller
 * retires jobs down to half before it goes on, so that it sleeps once per
 * half ring, not once per job. */
#define JOBS_PER_THREAD 8
#define MAX_BYTES (32u << 20)

static void
worker(gpointer data, gpointer user_data)
{
  slot *s = data;
  pipeline *p = user_data;
  p->work(s->job, p->ctx);
  g_mutex_lock(&p->lock);
  s->ready = true;
  /* Waking costs a system call: only when the caller waits for this one. */
  if (p->waiting && s == &p->ring[p->head])
    g_cond_signal(&p->cond);
  g_mutex_unlock(&p->lock);
}

pipeline *
pipeline_new(int threads, pipeline_work_fn work, pipeline_done_fn done, pipeline_idle_fn idle,
             void *ctx)
{
  pipeline *p = g_new0(pipeline, 1);
  p->threads = threads < 1 ? 1 : threads;
  p->work = work;
  p->done = done;
  p->idle = idle;
  p->ctx = ctx;
  if (p->threads > 1) {
    g_mutex_init(&p->lock);
    g_cond_init(&p->cond);
    p->cap = (guint)p->threads * JOBS_PER_THREAD;
    p->ring = g_new0(slot, p->cap);
    p->pool = g_thread_pool_new(worker, p, p->threads, TRUE, NULL);
  }
  return p;
}

/* Hands the ready jobs at the head to done, oldest first. Called and
 * returns with the lock held; done runs without it. */
static void
retire_ready(pipeline *p)
{
  while (p->count > 0 && p->ring[p->head].ready) {
    void *job = p->ring[p->head].job;
    p->bytes -= p->ring[p->head].size;
    p->ring[p->head].job = NULL;
    p->head = (p->head + 1) % p->cap;
    p->count--;
    g_mutex_unlock(&p->lock);
    p->done(job, p->ctx);
    g_mutex_lock(&p->lock);
  }
}

/* Retires the oldest job, waiting for it if need be. Lock held. */
static void
retire_oldest(pipeline *p)
{
  if (!p->ring[p->head].ready) {
    g_mutex_unlock(&p->lock);
    if (p->idle)
      p->idle(p->ctx);
    g_mutex_lock(&p->lock);
    p->waiting = true;
    while (!p->ring[p->head].ready)
      g_cond_wait(&p->cond, &p->lock);
    p->waiting = false;
  }
  retire_ready(p);
}

void
pipeline_push(pipeline *p, void *job, bool needs_work, size_t size)
{
  if (p->threads == 1) {
    if (needs_work)
      p->work(job, p->ctx);
    p->done(job, p->ctx);
    return;
  }
  g_mutex_lock(&p->lock);
  retire_ready(p);
  if (p->count == p->cap || (p->count > 0 && p->bytes + size > MAX_BYTES))
    while (p->count > 0 && (p->count > p->cap / 2 || p->bytes + size > MAX_BYTES / 2))
      retire_oldest(p);
  slot *s = &p->ring[(p->head + p->count) % p->cap];
  s->job = job;
  s->size = size;
  s->ready = !needs_work;
  p->count++;
  p->bytes += size;
  g_mutex_unlock(&p->lock);
  if (needs_work)
    g_thread_pool_push(p->pool, s, NULL);
}

void
pipeline_finish(pipeline *p)
{
  if (p->threads > 1) {
    g_mutex_lock(&p->lock);
    while (p->count > 0)
      retire_oldest(p);
    g_mutex_unlock(&p->lock);
    g_thread_pool_free(p->pool, FALSE, TRUE);
    g_free(p->ring);
    g_mutex_clear(&p->lock);
    g_cond_clear(&p->cond);
  }
  g_free(p);
}
