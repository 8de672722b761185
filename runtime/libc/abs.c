/* abs.c — the magnitude of an int.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>

int
abs (int i)
{
  return i < 0 ? -i : i;
}
