/* dpdk-bench — runs raw eBPF bytecode REPEAT times with DPDK's
 * librte_bpf, its interpreter or its JIT, for side-by-side timings in
 * run-bench.sh, which times the whole process as it times ebpf-run's.
 * Prints "SECONDS R0", the seconds those runs took by themselves.
 * Usage: dpdk-bench CODE.bin REPEAT interp|jit
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rte_bpf.h>
#include <rte_errno.h>

static double
now (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  if (argc != 4 || (strcmp (argv[3], "interp") != 0
                    && strcmp (argv[3], "jit") != 0))
    {
      fprintf (stderr, "usage: dpdk-bench CODE.bin REPEAT interp|jit\n");
      return 1;
    }
  bool use_jit = strcmp (argv[3], "jit") == 0;
  FILE *f = fopen (argv[1], "rb");
  static struct ebpf_insn code[1 << 16];
  size_t n = f ? fread (code, sizeof code[0], sizeof code / sizeof code[0], f) : 0;
  if (f)
    fclose (f);
  long repeat = atol (argv[2]);
  if (n == 0 || repeat <= 0)
    {
      fprintf (stderr, "dpdk-bench: no code in %s\n", argv[1]);
      return 1;
    }
  static uint8_t mem[64];
  struct rte_bpf_prm prm = {
    .ins = code, .nb_ins = (uint32_t) n,
    .prog_arg = { .type = RTE_BPF_ARG_PTR, .size = sizeof mem },
  };
  struct rte_bpf *bpf = rte_bpf_load (&prm);
  if (bpf == NULL)
    {
      fprintf (stderr, "dpdk-bench: rte_bpf_load refused the program (%d)\n",
               rte_errno);
      return 1;
    }
  uint64_t (*func) (void *) = NULL;
  struct rte_bpf_jit jit;
  if (use_jit)
    {
      if (rte_bpf_get_jit (bpf, &jit) != 0 || jit.func == NULL)
        {
          fprintf (stderr, "dpdk-bench: no JIT for this program or machine\n");
          rte_bpf_destroy (bpf);
          return 1;
        }
      func = jit.func;
    }
  uint64_t r0 = 0;
  double t0 = now ();
  for (long i = 0; i < repeat; i++)
    r0 = func ? func (mem) : rte_bpf_exec (bpf, mem);
  printf ("%.6f %llu\n", now () - t0, (unsigned long long) r0);
  rte_bpf_destroy (bpf);
  return 0;
}
