/* helpers-trace.c — bpf_trace_printk, bpf_trace_vprintk and bpf_snprintf:
 * the kernel's restricted printf formats, checked as the kernel checks
 * them (an unsupported conversion is -EINVAL), with %s and %p arguments
 * read from guest memory.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdarg.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include "helper.h"

#define MAX_ARGS 12          /* MAX_BPRINTF_VARARGS */
#define MAX_OUTPUT 1024      /* a trace line, as the kernel's buffer */

struct text
{
  char buf[MAX_OUTPUT];
  size_t len;                /* would-be length, may exceed the buffer */
};

static void
put (struct text *t, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++, t->len++)
    if (t->len < sizeof t->buf - 1)
      t->buf[t->len] = s[i];
}

static void
putf (struct text *t, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
static void
putf (struct text *t, const char *fmt, ...)
{
  char tmp[128];
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (tmp, sizeof tmp, fmt, ap);
  va_end (ap);
  put (t, tmp, n < 0 ? 0 : (size_t) n < sizeof tmp ? (size_t) n : sizeof tmp - 1);
}

/* A string argument: read until NUL from guest memory, as the kernel's
 * copy_from_kernel_nofault does; an unreadable one prints as an empty
 * string, as the kernel prints it.  */
static void
put_guest_string (ebpf_machine *m, struct text *t, uint64_t addr)
{
  for (size_t i = 0; i < MAX_OUTPUT; i++)
    {
      const uint8_t *p = ebpf_memory_translate (&m->mem, addr + i, 1, false);
      if (p == NULL || *p == 0)
        return;
      put (t, (const char *) p, 1);
    }
}

/* Formats FMT (LEN bytes, NUL-terminated within them) with ARGS.  Returns
 * 0, or -EINVAL for a format the kernel refuses.  */
static int
format (ebpf_machine *m, const char *fmt, size_t len, const uint64_t *args,
        int nargs, struct text *out)
{
  if (len == 0 || memchr (fmt, 0, len) == NULL)
    return -EINVAL;
  int used = 0;
  for (const char *p = fmt; *p; p++)
    {
      if (*p != '%')
        {
          put (out, p, 1);
          continue;
        }
      p++;
      if (*p == '%')
        {
          put (out, "%", 1);
          continue;
        }
      /* [0 +-]* width, as bpf_bprintf_prepare allows; no precision.  */
      char spec[32] = "%";
      size_t sl = 1;
      while (*p == '0' || *p == ' ' || *p == '+' || *p == '-')
        if (sl < 8)
          spec[sl++] = *p++;
        else
          return -EINVAL;
      while (*p >= '0' && *p <= '9')
        if (sl < 16)
          spec[sl++] = *p++;
        else
          return -EINVAL;
      if (used >= nargs)
        return -EINVAL;
      uint64_t arg = args[used++];
      if (*p == 'p')
        {
          /* %p hashes in the kernel; %px, %pK print the value; %pS/%pB a
           * symbol, which a simulation has none of; %pI4/%pi4 an address
           * read from memory.  */
          if ((p[1] == 'I' || p[1] == 'i') && (p[2] == '4' || p[2] == '6'))
            {
              bool v4 = p[2] == '4', dotted = p[1] == 'I' || v4;
              const uint8_t *a = ebpf_memory_translate (&m->mem, arg, v4 ? 4 : 16, false);
              p += 2;
              static const uint8_t zeros[16];
              if (a == NULL)   /* the kernel prints the address as zeros */
                a = zeros;
              if (v4)
                putf (out, dotted ? "%u.%u.%u.%u" : "%03u%03u%03u%03u",
                      a[0], a[1], a[2], a[3]);
              else
                for (int i = 0; i < 16; i += 2)
                  putf (out, "%s%02x%02x", i && p[-1] != 'i' ? ":" : "", a[i], a[i + 1]);
              continue;
            }
          if (p[1] == 'x' || p[1] == 'K' || p[1] == 'S' || p[1] == 'B' || p[1] == 's')
            p++;
          putf (out, "0x%016" PRIx64, arg);
          continue;
        }
      int longs = 0;
      while (*p == 'l' && longs < 2)
        {
          longs++;
          p++;
        }
      char conv = *p;
      if (conv == 's' && longs == 0)
        {
          put_guest_string (m, out, arg);
          continue;
        }
      if (conv == 'c' && longs == 0)
        {
          char c = (char) arg;
          put (out, &c, 1);
          continue;
        }
      if (conv != 'd' && conv != 'i' && conv != 'u' && conv != 'x' && conv != 'X')
        return -EINVAL;
      /* Without l, the argument is an int: its low 32 bits.  */
      strcpy (spec + sl, conv == 'd' || conv == 'i' ? PRId64
                         : conv == 'u' ? PRIu64 : conv == 'x' ? PRIx64 : PRIX64);
      int64_t v = longs ? (int64_t) arg
                  : conv == 'd' || conv == 'i' ? (int64_t) (int32_t) arg
                  : (int64_t) (uint32_t) arg;
      putf (out, spec, v);
    }
  out->buf[out->len < sizeof out->buf ? out->len : sizeof out->buf - 1] = 0;
  return 0;
}

static void
emit_trace (ebpf_machine *m, const struct text *t)
{
  FILE *f = m->env.trace ? m->env.trace : stdout;
  size_t n = strlen (t->buf);
  fwrite (t->buf, 1, n, f);
  if (n == 0 || t->buf[n - 1] != '\n')   /* a trace event is one line */
    fputc ('\n', f);
  fflush (f);
}

/* bpf_trace_printk (fmt, fmt_size, arg1, arg2, arg3)  */
static HELPER (helper_trace_printk)
{
  const char *fmt = (const char *) ebpf_helper_memory (m, r1, r2, false, "fmt");
  if (fmt == NULL)
    return 0;
  uint64_t args[3] = { r3, r4, r5 };
  struct text t = { .len = 0 };
  int rc = format (m, fmt, r2, args, 3, &t);
  if (rc < 0)
    return (uint64_t) (int64_t) rc;
  emit_trace (m, &t);
  return strlen (t.buf);
}

/* bpf_trace_vprintk (fmt, fmt_size, data, data_len)  */
static HELPER (helper_trace_vprintk)
{
  (void) r5;
  if (r4 % 8 || r4 / 8 > MAX_ARGS || (r4 && r3 == 0))
    return (uint64_t) -EINVAL;
  const char *fmt = (const char *) ebpf_helper_memory (m, r1, r2, false, "fmt");
  const uint8_t *data = ebpf_helper_memory (m, r3, r4, false, "data");
  if (fmt == NULL || data == NULL)
    return 0;
  uint64_t args[MAX_ARGS];
  memcpy (args, data, r4);
  struct text t = { .len = 0 };
  int rc = format (m, fmt, r2, args, (int) (r4 / 8), &t);
  if (rc < 0)
    return (uint64_t) (int64_t) rc;
  emit_trace (m, &t);
  return strlen (t.buf);
}

/* bpf_snprintf (str, str_size, fmt, data, data_len): the length with the
 * NUL that the whole output needs, even when STR is too small.  */
static HELPER (helper_snprintf)
{
  if (r5 % 8 || r5 / 8 > MAX_ARGS || (r5 && r4 == 0))
    return (uint64_t) -EINVAL;
  size_t fmt_len = 0;
  const char *fmt = NULL;
  /* fmt is a read-only NUL-terminated string of unknown length.  */
  while (fmt_len < MAX_OUTPUT)
    {
      const uint8_t *c = ebpf_memory_translate (&m->mem, r3 + fmt_len, 1, false);
      if (c == NULL)
        return (uint64_t) -EINVAL;
      fmt_len++;
      if (*c == 0)
        break;
    }
  fmt = (const char *) ebpf_helper_memory (m, r3, fmt_len, false, "fmt");
  uint8_t *str = ebpf_helper_memory (m, r1, r2, true, "str");
  const uint8_t *data = ebpf_helper_memory (m, r4, r5, false, "data");
  if (fmt == NULL || str == NULL || data == NULL)
    return 0;
  uint64_t args[MAX_ARGS];
  memcpy (args, data, r5);
  struct text t = { .len = 0 };
  int rc = format (m, fmt, fmt_len, args, (int) (r5 / 8), &t);
  if (rc < 0)
    return (uint64_t) (int64_t) rc;
  if (r2)
    {
      size_t n = t.len < r2 - 1 ? t.len : r2 - 1;
      memcpy (str, t.buf, n);
      str[n] = 0;
    }
  return t.len + 1;
}

void
ebpf_helpers_install_trace (ebpf_machine *m)
{
  m->helpers[BPF_FUNC_trace_printk].fn = helper_trace_printk;
  m->helpers[BPF_FUNC_trace_vprintk].fn = helper_trace_vprintk;
  m->helpers[BPF_FUNC_snprintf].fn = helper_snprintf;
}
