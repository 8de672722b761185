/* strcpy.c — copies a string with its NUL.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strcpy (char *__restrict dst, const char *__restrict src)
{
  size_t i = 0;
  while ((dst[i] = src[i]) != '\0')
    i++;
  return dst;
}
