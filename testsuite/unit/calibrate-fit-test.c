/* calibrate-fit-test.c — the calibration's arithmetic on made-up timings:
 * lines through exact and noisy points, cycles, and a written model that
 * ebpfsim reads back with the costs it was given.
 *
 * Prints one "PASS: what" or "FAIL: what" line a check.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/calibrate.h"
#include "ebpfsim.h"

static int failures;

static void
check (bool ok, const char *what)
{
  printf ("%s: %s\n", ok ? "PASS" : "FAIL", what);
  failures += !ok;
}

/* A fixed sequence of noise in [-1, 1), the same on every machine.  */
static double
noise (unsigned *state)
{
  *state = *state * 1103515245u + 12345u;
  return ((*state >> 8) % 2001) / 1000.0 - 1.0;
}

int
main (void)
{
  double slope, intercept, worst;
  /* Exact points: the line itself.  */
  double x[3] = { 0, 256, 512 }, y[3];
  for (int i = 0; i < 3; i++)
    y[i] = 5.0 + 0.25 * x[i];
  check (calibrate_fit_line (x, y, 3, &slope, &intercept, &worst)
         && fabs (slope - 0.25) < 1e-12 && fabs (intercept - 5.0) < 1e-9
         && worst < 1e-9, "a line through exact timings");
  /* Noisy timings: a helper of 30 ns over 32-call steps, run costs of
   * 5 ns, noise of up to 2 ns a run; the slope within 2 ns / 32.  */
  unsigned state = 1;
  double xs[9], ys[9];
  for (int i = 0; i < 9; i++)
    {
      xs[i] = 32 * (i / 3);
      ys[i] = 5 + 30 * xs[i] + 2 * noise (&state);
    }
  check (calibrate_fit_line (xs, ys, 9, &slope, &intercept, &worst)
         && fabs (slope - 30) < 2.0 / 32 && worst <= 4,
         "a helper's cost from noisy timings");
  /* Nothing to fit.  */
  double same[2] = { 7, 7 }, t[2] = { 1, 2 };
  check (!calibrate_fit_line (same, t, 2, &slope, &intercept, &worst),
         "no slope when every point has the same repetitions");
  check (!calibrate_fit_line (x, y, 1, &slope, &intercept, &worst),
         "no line through one point");
  /* Cycles: nanoseconds at the clock, never negative.  */
  check (fabs (calibrate_cycles (2.0, 2.5e9) - 5.0) < 1e-12,
         "2 ns at 2.5 GHz are 5 cycles");
  check (calibrate_cycles (-0.3, 2.5e9) == 0, "a negative difference is 0 cycles");

  /* A written model reads back with its costs.  */
  struct calibrate_cost costs[] = {
    { "insn add64_k", 0.5, -1, "0.2 ns each" },
    { "insn div64_x", 4.25, -1, "" },
    { "helper bpf_csum_diff", 3, 0.125, "4 bytes 1.2 ns" },
    { "map hash lookup", 10, 0.25, "" },
    { "run xdp", 12, -1, "an empty program" },
  };
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  calibrate_write_model (out, "Made up\nfor a test", 2.5e9, costs,
                         sizeof costs / sizeof costs[0]);
  fclose (out);
  struct ebpf_error err;
  ebpf_cost_model *model = ebpf_cost_model_parse (text, "written.model", &err);
  check (model != NULL, "the written model reads back");
  check (model && ebpf_cost_model_clock_hz (model) == 2500000000u,
         "its clock reads back");
  check (strstr (text, "# Made up\n# for a test\n") != NULL,
         "the provenance is comments");
  check (strstr (text, "helper bpf_csum_diff") && strstr (text, "3.000 0.1250"),
         "a cost per byte is written after the base");
  if (model == NULL)
    printf ("(%s)\n%s", err.message, text);
  ebpf_cost_model_free (model);
  free (text);
  return failures != 0;
}
