/* format.c — the conversions of printf: flags (- + space # 0), field
 * width and precision (numbers or *), the length modifiers hh h l ll q
 * j z t L, and d i u o x X c s p n %, and f F e E g G through
 * format-float.c.  The hexadecimal a and A take their argument and
 * print the specification as written.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <limits.h>
#include "format.h"

/* What one conversion writes, before padding: PREFIX (a sign, 0x), then
 * ZEROS zeros, then the LENGTH bytes of BODY.  */
struct field
{
  const char *prefix;
  int zeros;
  const char *body;
  int length;
};

/* Writes F padded to the conversion's width: with spaces, or with zeros
 * after the prefix when the '0' flag holds.  */
static inline __attribute__ ((__always_inline__)) void
put_field (struct format_sink *sink, const struct conversion *c,
           const struct field *f)
{
  int prefix_len = 0;
  while (f->prefix[prefix_len] != '\0')
    prefix_len++;
  int zeros = f->zeros;
  int padding = c->width - prefix_len - zeros - f->length;
  if ((c->flags & FLAG_ZERO) && !(c->flags & FLAG_LEFT))
    {
      zeros += padding > 0 ? padding : 0;
      padding = 0;
    }
  if (!(c->flags & FLAG_LEFT))
    sink_fill (sink, ' ', padding);
  sink_put (sink, f->prefix, (size_t) prefix_len);
  sink_fill (sink, '0', zeros);
  sink_put (sink, f->body, (size_t) f->length);
  if (c->flags & FLAG_LEFT)
    sink_fill (sink, ' ', padding);
}

/* An integer conversion of MAGNITUDE; NEGATIVE only for d and i.  */
static inline __attribute__ ((__always_inline__)) void
put_integer (struct format_sink *sink, const struct conversion *c,
             unsigned long long magnitude, int negative)
{
  static const char lower[] = "0123456789abcdef";
  static const char upper[] = "0123456789ABCDEF";
  const char *digit_chars = c->specifier == 'X' ? upper : lower;
  unsigned int base = 10;
  if (c->specifier == 'o')
    base = 8;
  else if (c->specifier == 'x' || c->specifier == 'X' || c->specifier == 'p')
    base = 16;

  /* 64 bits are at most 22 octal digits.  */
  char digits[24];
  int n = 0;
  for (unsigned long long v = magnitude; v != 0; v /= base)
    digits[sizeof digits - 1 - n++] = digit_chars[v % base];

  int precision = c->precision >= 0 ? c->precision : 1;
  int zeros = precision > n ? precision - n : 0;
  const char *prefix = "";
  if (c->specifier == 'd' || c->specifier == 'i')
    {
      if (negative)
        prefix = "-";
      else if (c->flags & FLAG_PLUS)
        prefix = "+";
      else if (c->flags & FLAG_SPACE)
        prefix = " ";
    }
  else if (c->flags & FLAG_ALTERNATE)
    {
      /* Octal's '#' makes the first digit a 0; hexadecimal's adds 0x to
         nonzero values.  */
      if (base == 8 && zeros == 0 && (n == 0 || digits[sizeof digits - n] != '0'))
        zeros = 1;
      else if (base == 16 && magnitude != 0)
        prefix = c->specifier == 'X' ? "0X" : "0x";
    }
  /* A precision turns the '0' flag off for integers.  */
  struct conversion padded = *c;
  if (c->precision >= 0)
    padded.flags &= ~FLAG_ZERO;
  struct field f = { prefix, zeros, digits + sizeof digits - n, n };
  put_field (sink, &padded, &f);
}

static inline __attribute__ ((__always_inline__)) void
put_string (struct format_sink *sink, const struct conversion *c,
            const char *s)
{
  if (s == NULL)
    s = "(null)";
  /* With a precision, S need not be terminated within it.  */
  int n = 0;
  while ((c->precision < 0 || n < c->precision) && s[n] != '\0')
    n++;
  struct conversion padded = *c;
  padded.flags &= ~FLAG_ZERO;
  struct field f = { "", 0, s, n };
  put_field (sink, &padded, &f);
}

/* Reads the flags, width, precision and length of the specification at
 * *P (just after its '%'), leaving *P at the specifier.  A '*' width or
 * precision comes from the argument list: those values are fetched by
 * the caller, signalled here by INT_MIN.  */
static void
parse_conversion (const char **p, struct conversion *c)
{
  const char *s = *p;
  c->flags = 0;
  for (;; s++)
    {
      if (*s == '-')
        c->flags |= FLAG_LEFT;
      else if (*s == '+')
        c->flags |= FLAG_PLUS;
      else if (*s == ' ')
        c->flags |= FLAG_SPACE;
      else if (*s == '#')
        c->flags |= FLAG_ALTERNATE;
      else if (*s == '0')
        c->flags |= FLAG_ZERO;
      else
        break;
    }
  c->width = 0;
  if (*s == '*')
    {
      c->width = INT_MIN;
      s++;
    }
  else
    for (; *s >= '0' && *s <= '9'; s++)
      c->width = c->width * 10 + (*s - '0');
  c->precision = -1;
  if (*s == '.')
    {
      s++;
      c->precision = 0;
      if (*s == '*')
        {
          c->precision = INT_MIN;
          s++;
        }
      else
        for (; *s >= '0' && *s <= '9'; s++)
          c->precision = c->precision * 10 + (*s - '0');
    }
  c->length = LENGTH_INT;
  if (*s == 'h')
    {
      c->length = s[1] == 'h' ? LENGTH_CHAR : LENGTH_SHORT;
      s += s[1] == 'h' ? 2 : 1;
    }
  else if (*s == 'l')
    {
      c->length = s[1] == 'l' ? LENGTH_LONG_LONG : LENGTH_LONG;
      s += s[1] == 'l' ? 2 : 1;
    }
  else if (*s == 'q' || *s == 'L' || *s == 'j' || *s == 'z' || *s == 't')
    {
      /* All of these are 64 bits on BPF, as long long is.  */
      c->length = LENGTH_LONG_LONG;
      s++;
    }
  c->specifier = *s;
  *p = s;
}

/* %n: stores the count so far in the object the length says.  */
static void
store_count (const struct conversion *c, void *object, size_t count)
{
  if (c->length == LENGTH_CHAR)
    *(signed char *) object = (signed char) count;
  else if (c->length == LENGTH_SHORT)
    *(short *) object = (short) count;
  else if (c->length == LENGTH_INT)
    *(int *) object = (int) count;
  else
    *(long long *) object = (long long) count;
}

int
__ebpfsim_format (struct format_sink *sink, const char *format, va_list ap)
{
  const char *p = format;
  while (*p != '\0')
    {
      const char *literal = p;
      while (*p != '\0' && *p != '%')
        p++;
      sink_put (sink, literal, (size_t) (p - literal));
      if (*p == '\0')
        break;

      const char *start = p++;
      struct conversion c;
      parse_conversion (&p, &c);
      if (c.width == INT_MIN)
        {
          /* A negative '*' width is the '-' flag and its magnitude.  */
          c.width = va_arg (ap, int);
          if (c.width < 0)
            {
              c.flags |= FLAG_LEFT;
              c.width = c.width == INT_MIN ? INT_MAX : -c.width;
            }
        }
      if (c.precision == INT_MIN)
        {
          c.precision = va_arg (ap, int);
          if (c.precision < 0)
            c.precision = -1;
        }

      switch (c.specifier)
        {
        case 'd':
        case 'i':
          {
            long long v;
            if (c.length == LENGTH_LONG_LONG || c.length == LENGTH_LONG)
              v = va_arg (ap, long long);
            else
              v = va_arg (ap, int);
            if (c.length == LENGTH_CHAR)
              v = (signed char) v;
            else if (c.length == LENGTH_SHORT)
              v = (short) v;
            unsigned long long magnitude = (unsigned long long) v;
            if (v < 0)
              magnitude = 0 - magnitude;
            put_integer (sink, &c, magnitude, v < 0);
            break;
          }
        case 'u':
        case 'o':
        case 'x':
        case 'X':
          {
            unsigned long long v;
            if (c.length == LENGTH_LONG_LONG || c.length == LENGTH_LONG)
              v = va_arg (ap, unsigned long long);
            else
              v = va_arg (ap, unsigned int);
            if (c.length == LENGTH_CHAR)
              v = (unsigned char) v;
            else if (c.length == LENGTH_SHORT)
              v = (unsigned short) v;
            put_integer (sink, &c, v, 0);
            break;
          }
        case 'p':
          {
            void *v = va_arg (ap, void *);
            if (v == NULL)
              put_string (sink, &(struct conversion) { c.flags, c.width, -1,
                                                       LENGTH_INT, 's' },
                          "(nil)");
            else
              {
                c.flags |= FLAG_ALTERNATE;
                put_integer (sink, &c, (unsigned long long) v, 0);
              }
            break;
          }
        case 'c':
          {
            char ch = (char) va_arg (ap, int);
            struct field f = { "", 0, &ch, 1 };
            c.flags &= ~FLAG_ZERO;
            put_field (sink, &c, &f);
            break;
          }
        case 's':
          put_string (sink, &c, va_arg (ap, const char *));
          break;
        case 'n':
          store_count (&c, va_arg (ap, void *), sink->count);
          break;
        case '%':
          sink_put (sink, "%", 1);
          break;
        case 'f': case 'F': case 'e': case 'E':
        case 'g': case 'G':
          __ebpfsim_format_double (sink, &c, va_arg (ap, double));
          break;
        case 'a': case 'A':
          /* Taken, so that later arguments line up, but not converted.  */
          (void) va_arg (ap, double);
          sink_put (sink, start, (size_t) (p + 1 - start));
          break;
        default:
          /* Not a conversion C knows: print it as it stands.  A '%' at
             the very end of the format prints itself.  */
          if (c.specifier == '\0')
            {
              sink_put (sink, start, (size_t) (p - start));
              continue;
            }
          sink_put (sink, start, (size_t) (p + 1 - start));
          break;
        }
      p++;
    }
  if (sink->count > INT_MAX)
    {
      errno = EOVERFLOW;
      return -1;
    }
  return (int) sink->count;
}
