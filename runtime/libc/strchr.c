/* strchr.c — the first C (as a char) in a string; C may be its NUL.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strchr (const char *s, int c)
{
  for (;; s++)
    {
      if (*s == (char) c)
        return (char *) s;
      if (*s == '\0')
        return NULL;
    }
}
