/* math.h — the part of C's mathematics library this runtime has: exact
 * operations on the representation (fabs, copysign, fmax, fmin, floor,
 * ceil, trunc, ilogb), the correctly rounded sqrt, and pow.  On BPF long
 * double is double.  There is no floating-point environment: results
 * are rounded to nearest and no exception flags are kept.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _MATH_H
#define _MATH_H

/* GCC's built-in constants: bpf-gcc folds them where they are compared
   or stored, and emits them as data in initialisers.  */
#define HUGE_VAL (__builtin_huge_val ())
#define HUGE_VALF (__builtin_huge_valf ())
#define HUGE_VALL (__builtin_huge_vall ())
#define INFINITY (__builtin_inff ())
#define NAN (__builtin_nanf (""))

/* What ilogb returns for zero and for a NaN (C allows INT_MIN or
   -INT_MAX for the one, INT_MIN or INT_MAX for the other).  */
#define FP_ILOGB0 (-2147483647 - 1)
#define FP_ILOGBNAN 2147483647

#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
#define fpclassify(x) \
  __builtin_fpclassify (FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, \
                        FP_ZERO, x)
#define isnan(x) __builtin_isnan (x)
#define isinf(x) __builtin_isinf_sign (x)
#define isfinite(x) __builtin_isfinite (x)
#define isnormal(x) __builtin_isnormal (x)
#define signbit(x) __builtin_signbit (x)

typedef float float_t;
typedef double double_t;

double fabs (double) __attribute__ ((__const__));
float fabsf (float) __attribute__ ((__const__));
double copysign (double, double) __attribute__ ((__const__));
float copysignf (float, float) __attribute__ ((__const__));
double fmax (double, double) __attribute__ ((__const__));
float fmaxf (float, float) __attribute__ ((__const__));
long double fmaxl (long double, long double) __attribute__ ((__const__));
double fmin (double, double) __attribute__ ((__const__));
float fminf (float, float) __attribute__ ((__const__));
long double fminl (long double, long double) __attribute__ ((__const__));
double floor (double) __attribute__ ((__const__));
float floorf (float) __attribute__ ((__const__));
double ceil (double) __attribute__ ((__const__));
float ceilf (float) __attribute__ ((__const__));
double trunc (double) __attribute__ ((__const__));
float truncf (float) __attribute__ ((__const__));
int ilogb (double);
int ilogbf (float);
double sqrt (double);
float sqrtf (float);
double pow (double, double);

#endif
