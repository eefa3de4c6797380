/*
 * arena.c — bump allocation for per-sentence and per-document memory.
 *
 * Stages allocate freely while working on a sentence and the whole lot is
 * released by one pl_arena_reset. The first chunk is kept across resets, so a
 * steady stream of ordinary sentences allocates nothing after warm-up.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

#define CHUNK_MIN (64 * 1024)

struct pl_chunk {
    pl_chunk *next;
    size_t size;                 /* usable bytes in data */
    _Alignas(16) unsigned char data[];
};

void *pl_arena_alloc(pl_arena *a, size_t n) {
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n)
        return NULL;
    if (!a->head || a->head->size - a->used < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        if (a->head && a->head->size * 2 > size && a->head->size < 8 * 1024 * 1024)
            size = a->head->size * 2;
        if (size > SIZE_MAX - sizeof(pl_chunk))
            return NULL;
        pl_chunk *c = malloc(sizeof(pl_chunk) + size);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = size;
        a->head = c;
        a->used = 0;
        a->total += size;
    }
    void *p = a->head->data + a->used;
    a->used += need;
    return p;
}

void *pl_arena_calloc(pl_arena *a, size_t n, size_t sz) {
    size_t bytes;
    if (pl_mul_overflow(n, sz, &bytes))
        return NULL;
    void *p = pl_arena_alloc(a, bytes);
    if (p)
        memset(p, 0, bytes);
    return p;
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX)
        return NULL;
    char *p = pl_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

void pl_arena_reset(pl_arena *a) {
    pl_chunk *c = a->head;
    if (!c)
        return;
    /* Keep the oldest chunk unless a huge sentence made the newest one big:
     * then keep the biggest, so the next huge sentence does not realloc. */
    pl_chunk *keep = c;
    for (pl_chunk *x = c; x; x = x->next)
        if (x->size > keep->size)
            keep = x;
    while (c) {
        pl_chunk *next = c->next;
        if (c != keep)
            free(c);
        c = next;
    }
    keep->next = NULL;
    a->head = keep;
    a->used = 0;
    a->total = keep->size;
}

void pl_arena_free(pl_arena *a) {
    pl_chunk *c = a->head;
    while (c) {
        pl_chunk *next = c->next;
        free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}
