/* calibrate.h — ebpf-run --calibrate: fitting the cycle model to the
 * host kernel's JIT.
 *
 * Each cost is measured as the slope of a line: a microbenchmark runs
 * the thing measured K times over (unrolled, K = 0, CALIBRATE_STEP,
 * 2 * CALIBRATE_STEP), the kernel times each program with
 * BPF_PROG_TEST_RUN, and the least-squares slope of time against K, less
 * what else each repetition holds (the moves that set a helper's
 * arguments, measured before), is the cost of one, in nanoseconds; the
 * model's clock turns it into cycles.  The fitting is apart from the
 * kernel (calibrate-fit.c) so that it can be tested on made-up timings.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_CALIBRATE_H
#define EBPF_CALIBRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The least-squares line through N points (X[i], Y[i]): its slope and
 * intercept, and the largest distance of a point from it.  False when
 * the X are all equal (no slope to fit) or N < 2.  */
bool calibrate_fit_line (const double *x, const double *y, size_t n,
                         double *slope, double *intercept, double *worst);

/* What one model line says, fitted.  */
struct calibrate_cost
{
  char line[96];          /* the model line without its cost: "insn add64_k",
                             "helper bpf_csum_diff", "map hash lookup" */
  double cycles;          /* its base cost */
  double per_byte;        /* cycles a byte, or a negative number when the
                             line has no such cost */
  char note[160];         /* how it was measured, for the comment */
};

/* Cycles of NS nanoseconds at CLOCK_HZ, never below 0 (a difference of
 * noisy times may be).  */
double calibrate_cycles (double ns, double clock_hz);

/* Writes a model file: a header saying where it came from (PROVENANCE,
 * lines to be made comments), the clock, then COSTS in order.  */
void calibrate_write_model (FILE *out, const char *provenance, double clock_hz,
                            const struct calibrate_cost *costs, size_t n);

/* ebpf-run --calibrate[=FILE]: measures, fits and writes the model to
 * FILE (or standard output); progress on stderr.  Returns an exit status:
 * 0, or 2 with the reason when bpf() is refused or a measurement fails.  */
int calibrate_main (const char *output);

#endif
