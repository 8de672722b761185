/* strings.h — the BSD leftovers still in use: ffs and its wider forms.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _STRINGS_H
#define _STRINGS_H

int ffs (int) __attribute__ ((__const__));
int ffsl (long) __attribute__ ((__const__));
int ffsll (long long) __attribute__ ((__const__));

#endif
