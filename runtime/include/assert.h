/* assert.h — assert reports the expression, file, line and function on
 * stderr, then aborts.  Like every assert.h, it may be included again
 * with NDEBUG changed, so it has no include guard.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#undef assert

#ifdef NDEBUG
#define assert(expression) ((void) 0)
#else

void __ebpfsim_assert_fail (const char *, const char *, int, const char *)
  __attribute__ ((__noreturn__));

#if defined __STDC_VERSION__ && __STDC_VERSION__ >= 199901L
#define __EBPFSIM_ASSERT_FUNCTION __func__
#else
#define __EBPFSIM_ASSERT_FUNCTION __FUNCTION__
#endif

#define assert(expression)                                              \
  ((expression) ? (void) 0                                              \
   : __ebpfsim_assert_fail (#expression, __FILE__, __LINE__,           \
                            __EBPFSIM_ASSERT_FUNCTION))
#endif

#if defined __STDC_VERSION__ && __STDC_VERSION__ >= 201112L \
    && !defined __cplusplus && !defined static_assert
#define static_assert _Static_assert
#endif
