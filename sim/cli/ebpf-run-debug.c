/* ebpf-run-debug.c — ebpf-run's batch debugging options: --break and
 * --watch stop a run where a script or a benchmark wants it to.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "ebpf-run.h"

/* A number, or fp-N: N bytes below the frame pointer of the first frame
 * (r10 when a run starts).  */
static bool
parse_address (ebpf_machine *m, const char *text, uint64_t *addr, char **end)
{
  bool below_fp = strncmp (text, "fp-", 3) == 0;
  const char *digits = below_fp ? text + 3 : text;
  errno = 0;
  unsigned long long v = strtoull (digits, end, 0);
  if (errno || *end == digits || digits[0] == '-')
    return false;
  *addr = below_fp ? ebpf_machine_reg (m, 10) - v : v;
  return true;
}

bool
run_add_breakpoint (ebpf_machine *m, const char *spec)
{
  char *end;
  errno = 0;
  unsigned long long pc = strtoull (spec, &end, 0);
  struct ebpf_error err;
  if (*end || errno || spec[0] == '\0' || spec[0] == '-')
    {
      fprintf (stderr, "%s: --break %s: expected an instruction index\n",
               progname, spec);
      return false;
    }
  if (ebpf_machine_set_breakpoint (m, (size_t) pc, &err) != 0)
    {
      fprintf (stderr, "%s: --break %s: %s\n", progname, spec, err.message);
      return false;
    }
  return true;
}

bool
run_add_watchpoint (ebpf_machine *m, const char *spec)
{
  uint64_t addr, len = 8;
  enum ebpf_watch_kind kind = EBPF_WATCH_WRITE;
  char *end;
  bool ok = parse_address (m, spec, &addr, &end);
  if (ok && *end == ',')
    {
      const char *digits = end + 1;
      errno = 0;
      len = strtoull (digits, &end, 0);
      ok = !errno && end != digits && digits[0] != '-';
    }
  if (ok && *end == ':')
    {
      static const char *const kinds[] = { "write", "read", "access" };
      ok = false;
      for (int k = 0; k < 3; k++)
        if (strcmp (end + 1, kinds[k]) == 0)
          {
            kind = (enum ebpf_watch_kind) (k + 1);
            ok = true;
            end += strlen (end);
          }
    }
  if (!ok || *end)
    {
      fprintf (stderr, "%s: --watch %s: expected ADDRESS[,LENGTH][:write|read|"
               "access], the address a number or fp-N\n", progname, spec);
      return false;
    }
  struct ebpf_error err;
  if (ebpf_machine_set_watchpoint (m, addr, len, kind, &err) != 0)
    {
      fprintf (stderr, "%s: --watch %s: %s\n", progname, spec, err.message);
      return false;
    }
  return true;
}
