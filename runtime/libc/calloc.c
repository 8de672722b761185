/* calloc.c — a zeroed array of N objects of SIZE bytes, or NULL when the
 * product overflows or the heap is full.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>

void *
calloc (size_t n, size_t size)
{
  if (size != 0 && n > (size_t) -1 / size)
    {
      errno = ENOMEM;
      return NULL;
    }
  size_t bytes = n * size;
  unsigned char *p = malloc (bytes);
  if (p == NULL)
    return NULL;
  /* A block recycled by free holds old data.  */
  for (size_t i = 0; i < bytes; i++)
    p[i] = 0;
  return p;
}
