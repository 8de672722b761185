/* read-file.c — reading input files and hex text.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read-file.h"

uint8_t *
ebpf_read_stream (FILE *f, size_t *len)
{
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc (cap + 1);
  while (buf != NULL)
    {
      size_t got = fread (buf + n, 1, cap - n, f);
      n += got;
      if (n < cap)
        break;
      cap *= 2;
      uint8_t *p = realloc (buf, cap + 1);
      if (p == NULL)
        free (buf);
      buf = p;
    }
  if (buf == NULL || ferror (f))
    {
      int saved = buf == NULL ? ENOMEM : errno ? errno : EIO;
      free (buf);
      errno = saved;
      return NULL;
    }
  buf[n] = '\0';
  *len = n;
  return buf;
}

uint8_t *
ebpf_read_file (const char *path, size_t *len)
{
  FILE *f = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  if (f == NULL)
    return NULL;
  uint8_t *buf = ebpf_read_stream (f, len);
  int saved = errno;
  if (f != stdin)
    fclose (f);
  errno = saved;
  return buf;
}

bool
ebpf_looks_like_hex (const uint8_t *text, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      int c = text[i];
      if (c == '#')
        {
          while (i < len && text[i] != '\n')
            i++;
          continue;
        }
      if (c == '0' && i + 1 < len && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
          i++;
          continue;
        }
      if (!isxdigit (c) && !isspace (c) && c != ',')
        return false;
    }
  /* Blank text, or comments only, is hex with no bytes in it.  */
  return len > 0;
}

/* "line N: " for text of several lines, "" for one.  */
static const char *
where (int line, const char *text, size_t len)
{
  static char buf[32];
  if (memchr (text, '\n', len) == NULL)
    return "";
  snprintf (buf, sizeof buf, "line %d: ", line);
  return buf;
}

uint8_t *
ebpf_parse_hex (const char *text, size_t len, size_t *out_len, char *err,
                size_t err_len)
{
  uint8_t *out = malloc (len / 2 + 8);
  size_t n = 0;
  int line = 1;
  if (out == NULL)
    {
      snprintf (err, err_len, "out of memory");
      return NULL;
    }
  for (size_t i = 0; i < len;)
    {
      char c = text[i];
      if (c == '\n')
        line++;
      if (c == '#')
        {
          while (i < len && text[i] != '\n')
            i++;
          continue;
        }
      if (isspace ((unsigned char) c) || c == ',')
        {
          i++;
          continue;
        }
      bool prefixed = c == '0' && i + 1 < len && (text[i + 1] == 'x' || text[i + 1] == 'X');
      size_t start = i + (prefixed ? 2 : 0), end = start;
      while (end < len && isxdigit ((unsigned char) text[end]))
        end++;
      size_t digits = end - start;
      if (digits == 0 || (end < len && !isspace ((unsigned char) text[end])
                          && text[end] != ',' && text[end] != '#'))
        {
          snprintf (err, err_len, "%s'%.*s' is not hex", where (line, text, len),
                    (int) (end - i + 1 > 20 ? 20 : end - i + 1), text + i);
          free (out);
          return NULL;
        }
      if (prefixed && digits != 16)
        {
          snprintf (err, err_len, "%s'%.*s' has %zu hex digits; a 0x-prefixed "
                    "word is one 8-byte instruction slot of 16 digits",
                    where (line, text, len), (int) (end - i), text + i, digits);
          free (out);
          return NULL;
        }
      if (prefixed)
        {
          /* a 64-bit word: store little-endian */
          uint64_t w = strtoull (text + start, NULL, 16);
          for (int b = 0; b < 8; b++)
            out[n++] = (uint8_t) (w >> (8 * b));
        }
      else
        {
          if (digits % 2)
            {
              snprintf (err, err_len, "%sodd number of hex digits in '%.*s'",
                        where (line, text, len), (int) digits, text + start);
              free (out);
              return NULL;
            }
          for (size_t d = start; d < end; d += 2)
            {
              char pair[3] = { text[d], text[d + 1], 0 };
              out[n++] = (uint8_t) strtoul (pair, NULL, 16);
            }
        }
      i = end;
    }
  *out_len = n;
  return out;
}
