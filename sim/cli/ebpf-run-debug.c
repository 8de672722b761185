/* ebpf-run-debug.c — ebpf-run's batch debugging options: --break and
 * --watch stop a run where a script or a benchmark wants it to; stops
 * name their source line when the object has line tables.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpf-run.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

/* The object's line tables, opened on first need; NULL when it has none.  */
static ebpf_lines *lines;
static bool lines_tried;

ebpf_lines *
run_lines (const ebpf_object *obj)
{
  if (!lines_tried && obj)
    lines = ebpf_lines_open (obj, EBPF_LINES_ANY, NULL);
  lines_tried = true;
  return lines;
}

void
run_close_lines (void)
{
  ebpf_lines_close (lines);
  lines = NULL;
  lines_tried = false;
}

int
run_disassemble (const ebpf_machine *m, const ebpf_program *prog, uint64_t addr,
                 enum ebpf_syntax syntax, char *text, size_t len)
{
  uint8_t bytes[2 * EBPF_INSN_SIZE];
  if (!ebpf_machine_read_code (m, addr, bytes, EBPF_INSN_SIZE))
    return 0;
  struct ebpf_insn insn, next;
  bool be = ebpf_program_big_endian (prog);
  bool has_next = ebpf_machine_read_code (m, addr + EBPF_INSN_SIZE,
                                          bytes + EBPF_INSN_SIZE, EBPF_INSN_SIZE);
  ebpf_insn_decode (bytes, be, &insn);
  if (has_next)
    ebpf_insn_decode (bytes + EBPF_INSN_SIZE, be, &next);
  int slots = ebpf_disasm (&insn, has_next ? &next : NULL, syntax, text, len);
  for (char *p = text; *p; p++)   /* one line */
    if (*p == '\t' || *p == '\n')
      *p = ' ';
  return slots * EBPF_INSN_SIZE;
}

const char *
run_source_location (const ebpf_object *obj, uint64_t pc, char *buf,
                     size_t len)
{
  const ebpf_lines *l = run_lines (obj);
  const struct ebpf_line *row = l ? ebpf_lines_find (l, pc) : NULL;
  if (row == NULL || row->line == 0)
    return NULL;
  const char *base = strrchr (row->file, '/');
  snprintf (buf, len, "%s:%u", base ? base + 1 : row->file, row->line);
  return buf;
}

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

/* A number, or *NUMBER as GDB writes an address.  */
static bool
parse_code_address (const char *spec, uint64_t *addr)
{
  const char *digits = spec[0] == '*' ? spec + 1 : spec;
  char *end;
  errno = 0;
  unsigned long long v = strtoull (digits, &end, 0);
  if (*end || errno || digits[0] == '\0' || digits[0] == '-')
    return false;
  *addr = v;
  return true;
}

static int __attribute__ ((format (printf, 2, 3)))
location_error (struct ebpf_error *err, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
  return -1;
}

int
run_resolve_location (const ebpf_object *obj, const char *spec, uint64_t *addrs,
                      size_t max, struct ebpf_error *err)
{
  size_t n = 0;
  const char *colon = strrchr (spec, ':');
  char *end = NULL;
  unsigned long line = colon ? strtoul (colon + 1, &end, 10) : 0;
  if (max == 0)
    return location_error (err, "no room for an address");
  if (parse_code_address (spec, &addrs[0]))
    return 1;
  if (colon && colon > spec && end != colon + 1 && *end == '\0')
    {
      /* FILE:LINE */
      char file[512];
      snprintf (file, sizeof file, "%.*s", (int) (colon - spec), spec);
      const ebpf_lines *l = run_lines (obj);
      if (l == NULL)
        return location_error (err, "the object has no line "
                               "information (DWARF or .BTF.ext)");
      /* A line without code stands for the next one with code, as in
       * GDB (a comment, a brace, a declaration).  */
      for (unsigned long next = line; n == 0 && next < line + 100; next++)
        n = ebpf_lines_addresses (l, file, (uint32_t) next, addrs, max);
      if (n == 0)
        return location_error (err, "no code at %s", spec);
      return (int) (n > max ? max : n);
    }
  /* A function: from the line tables, else a program's name.  */
  const ebpf_lines *l = run_lines (obj);
  const struct ebpf_function *f = l ? ebpf_lines_function_named (l, spec) : NULL;
  int index = obj ? ebpf_object_find_program (obj, spec) : -1;
  uint64_t high;
  if (f)
    addrs[0] = f->low;
  else if (index < 0 || ebpf_object_program_code (obj, index, &addrs[0], &high) != 0)
    return location_error (err, "expected a function, FILE:LINE "
                           "or an address (no function '%s' is known)", spec);
  return 1;
}

bool
run_add_breakpoint (ebpf_machine *m, const ebpf_object *obj, const char *spec)
{
  uint64_t addrs[64];
  struct ebpf_error err;
  int n = run_resolve_location (obj, spec, addrs, 64, &err);
  if (n < 0)
    {
      fprintf (stderr, "%s: --break %s: %s\n", progname, spec, err.message);
      return false;
    }
  for (int i = 0; i < n; i++)
    if (ebpf_machine_set_breakpoint (m, addrs[i], &err) != 0)
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
