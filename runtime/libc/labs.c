/* labs.c — the magnitude of a long.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>

long
labs (long i)
{
  return i < 0 ? -i : i;
}
