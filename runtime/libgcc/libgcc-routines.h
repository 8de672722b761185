/* libgcc-routines.h — the libgcc routines this runtime provides for
 * programs built with bpf-gcc 12, whose own libgcc.a lacks them (signed
 * 64-bit division, all of soft-float) or has them miscompiled (every
 * routine there that uses a floating-point constant: bpf-gcc 12 emits
 * such constants wrongly, see softfp.h), and the few integer ones that
 * bpf-gcc 12 calls but its libgcc.a lacks.  Names and semantics are those
 * of "The GCC low-level runtime library" in the GCC internals manual.
 *
 * Built for BPF every routine has its libgcc name.  The host unit test
 * (testsuite/unit/softfp-test.c) builds the same sources with
 * LIBGCC_HOST_TEST defined: every name then gets a prefix, so that the
 * routines do not clash with the host's libgcc and can be checked
 * against the host's hardware arithmetic.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef LIBGCC_ROUTINES_H
#define LIBGCC_ROUTINES_H

#ifdef LIBGCC_HOST_TEST
# define LIBGCC_SYMBOL(name) host_test_##name
#else
# define LIBGCC_SYMBOL(name) name
#endif

#define LIBGCC_STRING_(x) #x
#define LIBGCC_STRING(x) LIBGCC_STRING_ (x)
/* For a second name of a routine defined in the same file.  */
#define LIBGCC_ALIAS_OF(name) \
  __attribute__ ((alias (LIBGCC_STRING (LIBGCC_SYMBOL (name)))))

/* What the comparison routines return: GCC tests their result in
 * libgcc's comparison mode, which on BPF is the 64-bit word, so an int
 * of -1 (zero-extended to 0xffffffff in r0) would read as positive.  */
typedef int libgcc_cmp_result __attribute__ ((mode (__libgcc_cmp_return__)));

/* 64-bit integer division (int-divmod.c).  */
long long LIBGCC_SYMBOL (__divdi3) (long long, long long);
long long LIBGCC_SYMBOL (__moddi3) (long long, long long);
unsigned long long LIBGCC_SYMBOL (__udivdi3) (unsigned long long,
                                              unsigned long long);
unsigned long long LIBGCC_SYMBOL (__umoddi3) (unsigned long long,
                                              unsigned long long);

/* 128-bit integer division (int128-divmod.c) and complement
 * (int128-complement.c).  */
unsigned __int128 LIBGCC_SYMBOL (__udivti3) (unsigned __int128,
                                             unsigned __int128);
unsigned __int128 LIBGCC_SYMBOL (__umodti3) (unsigned __int128,
                                             unsigned __int128);
__int128 LIBGCC_SYMBOL (__divti3) (__int128, __int128);
__int128 LIBGCC_SYMBOL (__modti3) (__int128, __int128);
__int128 LIBGCC_SYMBOL (__one_cmplti2) (__int128);

/* Bit lengths of 0..255, which libgcc.a's own __clzdi2, __ctzdi2,
 * __ffsdi2 and __clrsbdi2 read but do not define (clz-table.c).  */
extern const unsigned char LIBGCC_SYMBOL (__clz_tab)[256];

/* Arithmetic (fp-add.c, fp-mul.c, fp-div.c, fp-negate.c).  */
float LIBGCC_SYMBOL (__addsf3) (float, float);
float LIBGCC_SYMBOL (__subsf3) (float, float);
float LIBGCC_SYMBOL (__mulsf3) (float, float);
float LIBGCC_SYMBOL (__divsf3) (float, float);
float LIBGCC_SYMBOL (__negsf2) (float);
double LIBGCC_SYMBOL (__adddf3) (double, double);
double LIBGCC_SYMBOL (__subdf3) (double, double);
double LIBGCC_SYMBOL (__muldf3) (double, double);
double LIBGCC_SYMBOL (__divdf3) (double, double);
double LIBGCC_SYMBOL (__negdf2) (double);

/* Comparisons (fp-compare.c).  */
libgcc_cmp_result LIBGCC_SYMBOL (__eqsf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__nesf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__ltsf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__lesf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__gtsf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__gesf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__unordsf2) (float, float);
libgcc_cmp_result LIBGCC_SYMBOL (__eqdf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__nedf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__ltdf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__ledf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__gtdf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__gedf2) (double, double);
libgcc_cmp_result LIBGCC_SYMBOL (__unorddf2) (double, double);

/* Integer to floating point (fp-from-int.c).  bpf-gcc 12 calls the
 * 32-bit-integer-to-double ones by __bpf_ names.  */
float LIBGCC_SYMBOL (__floatsisf) (int);
float LIBGCC_SYMBOL (__floatunsisf) (unsigned int);
float LIBGCC_SYMBOL (__floatdisf) (long long);
float LIBGCC_SYMBOL (__floatundisf) (unsigned long long);
double LIBGCC_SYMBOL (__floatsidf) (int);
double LIBGCC_SYMBOL (__floatunsidf) (unsigned int);
double LIBGCC_SYMBOL (__floatdidf) (long long);
double LIBGCC_SYMBOL (__floatundidf) (unsigned long long);
double LIBGCC_SYMBOL (__bpf_floatsidf) (int);
double LIBGCC_SYMBOL (__bpf_floatunsidf) (unsigned int);

/* Floating point to integer, truncating (fp-to-int.c, fp-to-int128.c).
 * Out of range (undefined in C) they saturate; NaN gives 0.  */
int LIBGCC_SYMBOL (__fixsfsi) (float);
unsigned int LIBGCC_SYMBOL (__fixunssfsi) (float);
long long LIBGCC_SYMBOL (__fixsfdi) (float);
unsigned long long LIBGCC_SYMBOL (__fixunssfdi) (float);
int LIBGCC_SYMBOL (__fixdfsi) (double);
unsigned int LIBGCC_SYMBOL (__fixunsdfsi) (double);
long long LIBGCC_SYMBOL (__fixdfdi) (double);
unsigned long long LIBGCC_SYMBOL (__fixunsdfdi) (double);
int LIBGCC_SYMBOL (__bpf_fix_truncdfsi) (double);
__int128 LIBGCC_SYMBOL (__fixsfti) (float);
unsigned __int128 LIBGCC_SYMBOL (__fixunssfti) (float);
__int128 LIBGCC_SYMBOL (__fixdfti) (double);
unsigned __int128 LIBGCC_SYMBOL (__fixunsdfti) (double);

/* Between the formats (fp-extend-truncate.c).  */
double LIBGCC_SYMBOL (__extendsfdf2) (float);
float LIBGCC_SYMBOL (__truncdfsf2) (double);
double LIBGCC_SYMBOL (__bpf_extendsfdf2) (float);
float LIBGCC_SYMBOL (__bpf_truncdfsf2) (double);

/* Complex float division (complex-div.c).  */
float _Complex LIBGCC_SYMBOL (__divsc3) (float, float, float, float);
double _Complex LIBGCC_SYMBOL (__divdc3) (double, double, double, double);

#endif
