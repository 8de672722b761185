/* strrchr.c — the last C (as a char) in a string; C may be its NUL.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strrchr (const char *s, int c)
{
  const char *last = NULL;
  for (;; s++)
    {
      if (*s == (char) c)
        last = s;
      if (*s == '\0')
        return (char *) last;
    }
}
