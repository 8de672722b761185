/* llabs.c — the magnitude of a long long.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>

long long
llabs (long long i)
{
  return i < 0 ? -i : i;
}
