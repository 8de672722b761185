/* gdbsim.c — GDB's bpf simulator conventions (GDB 13's `run`), so that
 * programs written for it, GDB's own sim/testsuite/bpf among them, run on
 * ebpfsim: flat zeroed memory from address 0 sized by --memory-size, the
 * executable's image at its link addresses in it, and GDB's helper 7,
 * trace_printk, with GDB's format rules.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "gdbsim.h"
#include "helper.h"
#include "load/object.h"

/* GDB numbers its trace_printk 7 (the kernel's is 6; its 7 is
 * get_prandom_u32).  */
#define GDB_HELPER_TRACE_PRINTK 7
#define GDB_PRINTK_MAX_CONVERSIONS 3   /* r3, r4, r5 */

int
ebpf_gdbsim_parse_size (const char *text, uint64_t *bytes,
                        struct ebpf_error *err)
{
  /* strtoull alone would take a sign, spaces and overflow quietly.  */
  if (!isdigit ((unsigned char) text[0]))
    goto bad;
  char *end;
  errno = 0;
  uint64_t n = strtoull (text, &end, 0);
  if (errno)
    goto bad;
  unsigned shift = 0;
  switch (*end)
    {
    case 'k': case 'K': shift = 10; break;
    case 'm': case 'M': shift = 20; break;
    case 'g': case 'G': shift = 30; break;
    }
  if (shift)
    {
      end++;
      if (*end == 'b' || *end == 'B')
        end++;
    }
  if (*end == '%')
    {
      ebpf_error_set (err, "memory size '%.100s': GDB's %%MODULO (memory "
                      "aliasing) is not simulated", text);
      return -1;
    }
  if (*end)
    goto bad;
  if (n == 0 || n > EBPF_GDBSIM_MAX_MEMORY >> shift)
    {
      ebpf_error_set (err, "memory size '%.100s' is out of range: 1 byte to "
                      "%llu MiB", text,
                      (unsigned long long) (EBPF_GDBSIM_MAX_MEMORY >> 20));
      return -1;
    }
  *bytes = n << shift;
  return 0;
bad:
  ebpf_error_set (err, "memory size '%.100s' is not a number of bytes with an "
                  "optional k, m or g suffix (as 4Mb, 8m, 65536)", text);
  return -1;
}

/* Output of one printk call, written as it is made so that what came
 * before an error is printed, as GDB prints it.  */
struct printk_out
{
  FILE *f;
  char buf[256];
  size_t len;
  uint64_t total;
};

static void
printk_flush (struct printk_out *o)
{
  fwrite (o->buf, 1, o->len, o->f);
  fflush (o->f);
  o->len = 0;
}

static void
printk_put (struct printk_out *o, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      if (o->len == sizeof o->buf)
        printk_flush (o);
      o->buf[o->len++] = s[i];
    }
  o->total += n;
}

/* Byte I of the format, or -1 after a fault.  GDB reads the format a
 * byte at a time, so only bytes up to a NUL need be readable.  */
static int
format_byte (ebpf_machine *m, uint64_t fmt, uint32_t i, struct printk_out *o)
{
  const uint8_t *p = ebpf_memory_translate (&m->mem, fmt + i, 1, false);
  if (p)
    return *p;
  char where[160];
  ebpf_memory_describe (&m->mem, fmt + i, where, sizeof where);
  printk_flush (o);
  ebpf_machine_fault (m, "%s: byte %u of the format, at 0x%llx, is not "
                      "readable memory (%s)", ebpf_helper_name (m), i,
                      (unsigned long long) (fmt + i), where);
  return -1;
}

/* trace_printk (fmt, size, arg1, arg2, arg3), as GDB 13 simulates it:
 * the format's bytes up to SIZE (32 bits) or a NUL are printed; each
 * conversion takes the next of r3-r5: %d %i %u %x of the low 32 bits, with
 * l or ll of all 64.  A fourth conversion, or a format ending inside a
 * conversion, ends the call with -1, what came before it printed (so GDB's
 * source means it; for the latter GDB 13 reads on past the size).  GDB
 * stops on an assertion for any other conversion (%s, %p, %%, ...): here
 * the run faults, naming it.  Returns the bytes printed (GDB leaves r0 as
 * it was).  No newline is added: GDB prints the format as it is.  */
static HELPER (gdb_trace_printk)
{
  const uint64_t args[GDB_PRINTK_MAX_CONVERSIONS] = { r3, r4, r5 };
  uint32_t size = (uint32_t) r2;
  struct printk_out o = { .f = m->env.trace ? m->env.trace : stdout };
  int used = 0;
  for (uint32_t i = 0; i < size; i++)
    {
      int c = format_byte (m, r1, i, &o);
      if (c < 0)
        return 0;
      if (c == 0)
        break;
      if (c != '%')
        {
          printk_put (&o, &(char) { (char) c }, 1);
          continue;
        }
      if (used == GDB_PRINTK_MAX_CONVERSIONS)
        {
          printk_flush (&o);
          return (uint64_t) -1;
        }
      uint32_t start = i;
      int longs = 0;
      do
        {
          if (++i >= size)
            {
              printk_flush (&o);
              return (uint64_t) -1;
            }
          if ((c = format_byte (m, r1, i, &o)) < 0)
            return 0;
        }
      while (c == 'l' && ++longs <= 2);
      if (longs > 2 || (c != 'd' && c != 'i' && c != 'u' && c != 'x'))
        {
          printk_flush (&o);
          ebpf_machine_fault (m, "%s: conversion %%%.*s%c (byte %u of the "
                              "format) is not one GDB's simulator prints: "
                              "%%d %%i %%u %%x, with l or ll for 64 bits",
                              ebpf_helper_name (m), longs > 2 ? 2 : longs,
                              "ll", c >= 0x20 && c < 0x7f ? c : '?', start);
          return 0;
        }
      uint64_t v = args[used++];
      char text[32];
      int n;
      if (longs == 0 && c == 'u')
        n = snprintf (text, sizeof text, "%" PRIu32, (uint32_t) v);
      else if (longs == 0 && c == 'x')
        n = snprintf (text, sizeof text, "%" PRIx32, (uint32_t) v);
      else if (longs == 0)
        n = snprintf (text, sizeof text, "%" PRId32, (int32_t) v);
      else if (c == 'u')
        n = snprintf (text, sizeof text, "%" PRIu64, v);
      else if (c == 'x')
        n = snprintf (text, sizeof text, "%" PRIx64, v);
      else
        n = snprintf (text, sizeof text, "%" PRId64, (int64_t) v);
      printk_put (&o, text, (size_t) n);
    }
  printk_flush (&o);
  return o.total;
}

bool
ebpf_gdbsim_setup (ebpf_machine *m, uint64_t memory_size, struct ebpf_error *err)
{
  if (memory_size == 0)
    memory_size = EBPF_GDBSIM_DEFAULT_MEMORY;
  if (memory_size > EBPF_GDBSIM_MAX_MEMORY)
    {
      ebpf_error_set (err, "flat memory of %llu bytes: at most %llu MiB",
                      (unsigned long long) memory_size,
                      (unsigned long long) (EBPF_GDBSIM_MAX_MEMORY >> 20));
      return false;
    }
  if (ebpf_program_context_kind (m->entry_prog) != EBPF_CONTEXT_MEMORY)
    {
      ebpf_error_set (err, "%s: a %s program has a context; GDB's simulator "
                      "conventions are for programs without one (executables, "
                      "bytecode)", m->entry_prog->name,
                      ebpf_context_kind_name (ebpf_program_context_kind (m->entry_prog)));
      return false;
    }
  const ebpf_object *obj = m->entry_prog->object;
  if (obj && obj->executable
      && obj->image.base + obj->image.len > memory_size)
    {
      ebpf_error_set (err, "%s: the executable spans 0x%llx-0x%llx, beyond "
                      "the %llu bytes of flat memory (give more with "
                      "--memory-size)", obj->path,
                      (unsigned long long) obj->image.base,
                      (unsigned long long) (obj->image.base + obj->image.len - 1),
                      (unsigned long long) memory_size);
      return false;
    }
  /* calloc leaves untouched pages to the host's zero pages: a large
   * memory costs only what the program writes.  */
  if ((m->image = calloc (1, memory_size)) == NULL)
    {
      ebpf_error_set (err, "out of memory for %llu bytes of flat memory",
                      (unsigned long long) memory_size);
      return false;
    }
  m->image_size = memory_size;
  m->gdbsim = true;
  ebpf_memory_map (&m->mem, EBPF_WINDOW_NULL, 0, (uint32_t) memory_size,
                   m->image, true, "flat memory");
  return true;
}

void
ebpf_gdbsim_install_helpers (ebpf_machine *m)
{
  ebpf_machine_register_helper (m, GDB_HELPER_TRACE_PRINTK,
                                "trace_printk (GDB's helper 7)",
                                gdb_trace_printk);
}

void
ebpf_gdbsim_reset (ebpf_machine *m)
{
  /* Zeroing all of a large memory for every run would cost its pages:
   * only after a run or a write may it hold more than the image.  */
  if (m->image_dirty)
    memset (m->image, 0, m->image_size);
  m->image_dirty = false;
  const ebpf_object *obj = m->entry_prog->object;
  if (obj && obj->executable)
    memcpy (m->image + obj->image.base, obj->image.bytes, obj->image.len);
  m->regs[1] = m->regs[2] = 0;
}
