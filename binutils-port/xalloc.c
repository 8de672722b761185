/* xalloc.c — allocation or exit.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"

static void *
check (void *p)
{
  if (p == NULL)
    {
      fprintf (stderr, "ebpfsim: out of memory\n");
      exit (2);
    }
  return p;
}

void *
ebpf_xcalloc (size_t n, size_t size)
{
  return check (calloc (n ? n : 1, size ? size : 1));
}

void *
ebpf_xrealloc (void *p, size_t size)
{
  return check (realloc (p, size ? size : 1));
}

char *
ebpf_xstrdup (const char *s)
{
  return check (strdup (s));
}
