/* errno.h — the error numbers this library sets (Linux's values).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno;
#define errno errno

#define ENOMEM 12
#define EINVAL 22
#define EDOM 33
#define ERANGE 34
#define EOVERFLOW 75

#endif
