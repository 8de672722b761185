/* malloc.c — the heap: a fixed array in .bss, so the simulator needs no
 * memory service.  Blocks are carved from its unused end; freed blocks
 * go on a list sorted by address, where neighbours merge, and the next
 * request that fits takes the first of them (first fit).  A free block
 * that reaches the unused end goes back to it.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>

#define HEAP_SIZE (4u << 20)

/* Every block starts with this header; what malloc returns follows it,
 * aligned like the header for any type.  */
struct block
{
  size_t size;                  /* bytes of the block, header included */
  struct block *next_free;      /* while free: the next free block up */
} __attribute__ ((__aligned__ (16)));

#define HEADER_SIZE (sizeof (struct block))
/* The least a block may be: a header and room for 16 bytes.  */
#define MIN_BLOCK_SIZE (2 * HEADER_SIZE)

static unsigned char heap[HEAP_SIZE] __attribute__ ((__aligned__ (16)));
static size_t heap_used;        /* the unused end starts at heap + heap_used */
static struct block *free_blocks;

/* The block size that holds N bytes, or 0 when none could.  */
static size_t
block_size_for (size_t n)
{
  if (n > HEAP_SIZE)
    return 0;
  size_t size = (n + HEADER_SIZE + HEADER_SIZE - 1) & ~(HEADER_SIZE - 1);
  return size < MIN_BLOCK_SIZE ? MIN_BLOCK_SIZE : size;
}

static void *
payload (struct block *b)
{
  return b + 1;
}

static unsigned char *
block_end (struct block *b)
{
  return (unsigned char *) b + b->size;
}

void *
malloc (size_t n)
{
  size_t size = block_size_for (n);
  if (size == 0)
    {
      errno = ENOMEM;
      return NULL;
    }
  for (struct block **link = &free_blocks; *link != NULL;
       link = &(*link)->next_free)
    {
      struct block *b = *link;
      if (b->size < size)
        continue;
      if (b->size - size >= MIN_BLOCK_SIZE)
        {
          /* Keep the rest free, in B's place on the list.  */
          struct block *rest = (struct block *) ((unsigned char *) b + size);
          rest->size = b->size - size;
          rest->next_free = b->next_free;
          *link = rest;
          b->size = size;
        }
      else
        *link = b->next_free;
      return payload (b);
    }
  if (size > HEAP_SIZE - heap_used)
    {
      errno = ENOMEM;
      return NULL;
    }
  struct block *b = (struct block *) (heap + heap_used);
  heap_used += size;
  b->size = size;
  return payload (b);
}

void
free (void *p)
{
  if (p == NULL)
    return;
  struct block *b = (struct block *) p - 1;
  /* Find B's place on the list: after BEFORE (which BEFORE_LINK points
     at), at *LINK.  */
  struct block **before_link = NULL;
  struct block *before = NULL;
  struct block **link = &free_blocks;
  while (*link != NULL && *link < b)
    {
      before_link = link;
      before = *link;
      link = &before->next_free;
    }
  struct block *after = *link;
  if (after != NULL && block_end (b) == (unsigned char *) after)
    {
      b->size += after->size;
      after = after->next_free;
    }
  if (before != NULL && block_end (before) == (unsigned char *) b)
    {
      before->size += b->size;
      before->next_free = after;
      b = before;
      link = before_link;
    }
  else
    {
      b->next_free = after;
      *link = b;
    }
  /* The last free block may now reach the unused end: give it back.  */
  if (b->next_free == NULL && block_end (b) == heap + heap_used)
    {
      heap_used = (size_t) ((unsigned char *) b - heap);
      *link = NULL;
    }
}

void *
realloc (void *p, size_t n)
{
  if (p == NULL)
    return malloc (n);
  if (n == 0)
    {
      free (p);
      return NULL;
    }
  struct block *b = (struct block *) p - 1;
  size_t size = block_size_for (n);
  if (size == 0)
    {
      errno = ENOMEM;
      return NULL;
    }
  if (size <= b->size)
    return p;
  /* The last block grows in place into the unused end.  */
  if (block_end (b) == heap + heap_used
      && size - b->size <= HEAP_SIZE - heap_used)
    {
      heap_used += size - b->size;
      b->size = size;
      return p;
    }
  void *q = malloc (n);
  if (q == NULL)
    return NULL;
  /* Both payloads are 16-byte aligned and a multiple of 16 long.  */
  unsigned long long *to = q;
  const unsigned long long *from = p;
  for (size_t i = 0; i < (b->size - HEADER_SIZE) / sizeof *to; i++)
    to[i] = from[i];
  free (p);
  return q;
}
