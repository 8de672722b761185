/* calibrate-fit.c — the arithmetic of a calibration (calibrate.h), with
 * no kernel in it: lines through timings, cycles, the model file.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "calibrate.h"

bool
calibrate_fit_line (const double *x, const double *y, size_t n, double *slope,
                    double *intercept, double *worst)
{
  if (n < 2)
    return false;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= (double) n;
  my /= (double) n;
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
  if (sxx == 0)
    return false;
  *slope = sxy / sxx;
  *intercept = my - *slope * mx;
  *worst = 0;
  for (size_t i = 0; i < n; i++)
    {
      double off = y[i] - (*intercept + *slope * x[i]);
      if (off < 0)
        off = -off;
      if (off > *worst)
        *worst = off;
    }
  return true;
}

double
calibrate_cycles (double ns, double clock_hz)
{
  double cycles = ns * clock_hz / 1e9;
  return cycles > 0 ? cycles : 0;
}

void
calibrate_write_model (FILE *out, const char *provenance, double clock_hz,
                       const struct calibrate_cost *costs, size_t n)
{
  fputs ("# ebpfsim cycle model (ebpf-cost-model(5)), written by "
         "ebpf-run --calibrate.\n", out);
  /* Each line of the provenance a comment.  */
  const char *p = provenance;
  while (p && *p)
    {
      const char *end = p;
      while (*end && *end != '\n')
        end++;
      fprintf (out, "# %.*s\n", (int) (end - p), p);
      p = *end ? end + 1 : end;
    }
  fprintf (out, "base none\nclock-hz %.0f\n", clock_hz);
  for (size_t i = 0; i < n; i++)
    {
      const struct calibrate_cost *c = &costs[i];
      char cost[64];
      if (c->per_byte >= 0)
        snprintf (cost, sizeof cost, "%.3f %.4f", c->cycles, c->per_byte);
      else
        snprintf (cost, sizeof cost, "%.3f", c->cycles);
      if (c->note[0])
        fprintf (out, "%-34s %-16s # %s\n", c->line, cost, c->note);
      else
        fprintf (out, "%s %s\n", c->line, cost);
    }
}
