/* format-float.c — printf's conversions of doubles: f F e E g G with
 * precision, width and the flags - + space # 0.  The digits are those of
 * the exact value (decimal.c) rounded to nearest, ties to even, as glibc
 * prints them in its default rounding mode; infinities and NaNs print
 * as inf and nan (INF, NAN), with their sign.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>
#include "decimal.h"
#include "format.h"

/* Static: larger than a BPF frame allows.  */
static struct decimal value_digits;

/* The digits of D from position FROM to before TO, where position 0 is
 * the first digit and positions outside the stored ones are zeros.  */
static void
put_digits (struct format_sink *sink, const struct decimal *d, int from,
            int to)
{
  int leading_end = to < 0 ? to : 0;
  if (from < leading_end)
    {
      sink_fill (sink, '0', leading_end - from);
      from = leading_end;
    }
  int stored_end = to < d->count ? to : d->count;
  if (from < stored_end)
    {
      sink_put (sink, d->digits + from, (size_t) (stored_end - from));
      from = stored_end;
    }
  sink_fill (sink, '0', to - from);
}

void
__ebpfsim_format_double (struct format_sink *sink, const struct conversion *c,
                         double value)
{
  uint64_t bits;
  memcpy (&bits, &value, sizeof bits);
  int upper = c->specifier == 'F' || c->specifier == 'E' || c->specifier == 'G';
  const char *sign = "";
  if (bits >> 63)
    sign = "-";
  else if (c->flags & FLAG_PLUS)
    sign = "+";
  else if (c->flags & FLAG_SPACE)
    sign = " ";
  int sign_length = *sign != '\0';
  int left = (c->flags & FLAG_LEFT) != 0;
  /* '0' pads after the sign, but not infinities and NaNs.  */
  int zero_pad = (c->flags & FLAG_ZERO) && !left;

  if (((bits >> 52) & 0x7ff) == 0x7ff)
    {
      const char *text = (bits << 12) != 0 ? (upper ? "NAN" : "nan")
                                           : (upper ? "INF" : "inf");
      int padding = c->width - sign_length - 3;
      if (!left)
        sink_fill (sink, ' ', padding);
      sink_put (sink, sign, (size_t) sign_length);
      sink_put (sink, text, 3);
      if (left)
        sink_fill (sink, ' ', padding);
      return;
    }

  struct decimal *d = &value_digits;
  __ebpfsim_decimal (bits, d);
  int precision = c->precision < 0 ? 6 : c->precision;
  int exponential = c->specifier == 'e' || c->specifier == 'E';
  if (c->specifier == 'g' || c->specifier == 'G')
    {
      /* P significant digits; the style by the exponent X they have: f
       * with P - 1 - X places when P > X >= -4, else e with P - 1.
       * Without '#', trailing zeros of the fraction go.  */
      int significant = precision == 0 ? 1 : precision;
      __ebpfsim_decimal_round (d, significant);
      int x = d->point - 1;
      exponential = !(significant > x && x >= -4);
      precision = exponential ? significant - 1 : significant - 1 - x;
      if (!(c->flags & FLAG_ALTERNATE))
        {
          int needed = exponential ? d->count - 1 : d->count - d->point;
          if (needed < 0)
            needed = 0;
          if (precision > needed)
            precision = needed;
        }
    }
  else
    __ebpfsim_decimal_round (d, exponential ? precision + 1
                                            : d->point + precision);

  int point_shown = precision > 0 || (c->flags & FLAG_ALTERNATE);
  char exponent_text[8];
  int exponent_length = 0;
  int length;
  if (exponential)
    {
      int x = d->count == 0 ? 0 : d->point - 1;
      exponent_text[exponent_length++] = upper ? 'E' : 'e';
      exponent_text[exponent_length++] = x < 0 ? '-' : '+';
      unsigned int magnitude = (unsigned int) (x < 0 ? -x : x);
      if (magnitude >= 100)
        exponent_text[exponent_length++] = (char) ('0' + magnitude / 100);
      exponent_text[exponent_length++] = (char) ('0' + magnitude / 10 % 10);
      exponent_text[exponent_length++] = (char) ('0' + magnitude % 10);
      length = 1 + point_shown + precision + exponent_length;
    }
  else
    length = (d->point > 0 ? d->point : 1) + point_shown + precision;

  int padding = c->width - sign_length - length;
  if (!left && !zero_pad)
    sink_fill (sink, ' ', padding);
  sink_put (sink, sign, (size_t) sign_length);
  if (zero_pad)
    sink_fill (sink, '0', padding);
  if (exponential)
    {
      put_digits (sink, d, 0, 1);
      if (point_shown)
        sink_put (sink, ".", 1);
      put_digits (sink, d, 1, 1 + precision);
      sink_put (sink, exponent_text, (size_t) exponent_length);
    }
  else
    {
      if (d->point > 0)
        put_digits (sink, d, 0, d->point);
      else
        sink_put (sink, "0", 1);
      if (point_shown)
        sink_put (sink, ".", 1);
      put_digits (sink, d, d->point, d->point + precision);
    }
  if (left)
    sink_fill (sink, ' ', padding);
}
