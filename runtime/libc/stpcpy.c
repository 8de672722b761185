/* stpcpy.c — strcpy that returns the address of the NUL it wrote.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
stpcpy (char *__restrict dst, const char *__restrict src)
{
  while ((*dst = *src++) != '\0')
    dst++;
  return dst;
}
