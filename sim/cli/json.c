/* json.c — a recursive-descent JSON reader with a depth limit.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"
#include "json.h"

#define MAX_DEPTH 64

struct reader
{
  const char *s;
  size_t len, pos;
  char *err;
  size_t err_len;
  bool failed;
};

static void __attribute__ ((format (printf, 2, 3)))
fail (struct reader *r, const char *fmt, ...)
{
  if (r->failed)
    return;
  r->failed = true;
  int line = 1, col = 1;
  for (size_t i = 0; i < r->pos && i < r->len; i++)
    if (r->s[i] == '\n')
      line++, col = 1;
    else
      col++;
  char msg[200];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  snprintf (r->err, r->err_len, "line %d, column %d: %s", line, col, msg);
}


static void
skip_space (struct reader *r)
{
  while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t'
                             || r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
    r->pos++;
}

static bool
eat (struct reader *r, char c)
{
  skip_space (r);
  if (r->pos < r->len && r->s[r->pos] == c)
    {
      r->pos++;
      return true;
    }
  return false;
}

static struct ebpf_json *parse_value (struct reader *r, int depth);

/* Appends the UTF-8 encoding of code point CP.  */
static size_t
put_utf8 (char *out, unsigned cp)
{
  if (cp < 0x80)
    return out[0] = (char) cp, 1;
  if (cp < 0x800)
    return out[0] = (char) (0xc0 | cp >> 6), out[1] = (char) (0x80 | (cp & 0x3f)), 2;
  if (cp < 0x10000)
    return out[0] = (char) (0xe0 | cp >> 12), out[1] = (char) (0x80 | ((cp >> 6) & 0x3f)),
           out[2] = (char) (0x80 | (cp & 0x3f)), 3;
  return out[0] = (char) (0xf0 | cp >> 18), out[1] = (char) (0x80 | ((cp >> 12) & 0x3f)),
         out[2] = (char) (0x80 | ((cp >> 6) & 0x3f)), out[3] = (char) (0x80 | (cp & 0x3f)), 4;
}

static int
hex4 (struct reader *r, unsigned *v)
{
  *v = 0;
  for (int i = 0; i < 4; i++, r->pos++)
    {
      char c = r->pos < r->len ? r->s[r->pos] : 0;
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0)
        {
          fail (r, "bad \\u escape");
          return -1;
        }
      *v = *v << 4 | (unsigned) d;
    }
  return 0;
}

static char *
parse_string (struct reader *r, size_t *out_len)
{
  if (!eat (r, '"'))
    {
      fail (r, "expected a string");
      return NULL;
    }
  /* Room for the string's own text, found first so that the reader
   * stays linear in the input: escapes only shrink it (\u's UTF-8 is at
   * most 4 bytes for 6 characters, or 12 for a surrogate pair).  */
  size_t end = r->pos;
  while (end < r->len && r->s[end] != '"')
    end += r->s[end] == '\\' ? 2 : 1;
  if (end > r->len)
    end = r->len;
  char *out = ebpf_xcalloc (end - r->pos + 1, 1);
  size_t n = 0;
  while (r->pos < r->len && r->s[r->pos] != '"')
    {
      unsigned char c = (unsigned char) r->s[r->pos++];
      if (c < 0x20)
        {
          fail (r, "control character in a string");
          free (out);
          return NULL;
        }
      if (c != '\\')
        {
          out[n++] = (char) c;
          continue;
        }
      char e = r->pos < r->len ? r->s[r->pos++] : 0;
      const char *simple = "\"\"\\\\//b\bf\fn\nr\rt\t";
      const char *k = e ? strchr (simple, e) : NULL;
      if (k && (k - simple) % 2 == 0)
        out[n++] = k[1];
      else if (e == 'u')
        {
          unsigned cp;
          if (hex4 (r, &cp) < 0)
            {
              free (out);
              return NULL;
            }
          if (cp >= 0xd800 && cp < 0xdc00 && r->pos + 1 < r->len
              && r->s[r->pos] == '\\' && r->s[r->pos + 1] == 'u')
            {
              unsigned lo;
              r->pos += 2;
              if (hex4 (r, &lo) < 0)
                {
                  free (out);
                  return NULL;
                }
              cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
          n += put_utf8 (out + n, cp);
        }
      else
        {
          fail (r, "bad escape in a string");
          free (out);
          return NULL;
        }
    }
  if (!eat (r, '"'))
    {
      fail (r, "unterminated string");
      free (out);
      return NULL;
    }
  *out_len = n;
  return out;
}

static struct ebpf_json *
parse_number (struct reader *r)
{
  size_t start = r->pos;
  if (r->pos < r->len && r->s[r->pos] == '-')
    r->pos++;
  size_t digits = r->pos;
  while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
    r->pos++;
  if (r->pos == digits)
    {
      fail (r, "expected a value");
      return NULL;
    }
  if (r->pos < r->len && r->s[r->pos] == '.')
    {
      r->pos++;
      while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
        r->pos++;
    }
  if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E'))
    {
      r->pos++;
      if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
        r->pos++;
      while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
        r->pos++;
    }
  struct ebpf_json *v = ebpf_xcalloc (1, sizeof *v);
  v->kind = EBPF_JSON_NUMBER;
  v->len = r->pos - start;
  v->text = ebpf_xcalloc (v->len + 1, 1);
  memcpy (v->text, r->s + start, v->len);
  return v;
}

static struct ebpf_json *
parse_container (struct reader *r, int depth, bool object)
{
  struct ebpf_json *v = ebpf_xcalloc (1, sizeof *v);
  v->kind = object ? EBPF_JSON_OBJECT : EBPF_JSON_ARRAY;
  size_t cap = 0;
  char close = object ? '}' : ']';
  if (eat (r, close))
    return v;
  do
    {
      char *key = NULL;
      size_t key_len;
      if (object)
        {
          skip_space (r);
          if ((key = parse_string (r, &key_len)) == NULL || !eat (r, ':'))
            {
              fail (r, "expected \"name\": in an object");
              free (key);
              ebpf_json_free (v);
              return NULL;
            }
        }
      struct ebpf_json *item = parse_value (r, depth + 1);
      if (item == NULL)
        {
          free (key);
          ebpf_json_free (v);
          return NULL;
        }
      if (v->count == cap)
        {
          cap = cap ? cap * 2 : 8;
          v->items = ebpf_xrealloc (v->items, cap * sizeof *v->items);
          if (object)
            v->keys = ebpf_xrealloc (v->keys, cap * sizeof *v->keys);
        }
      v->items[v->count] = item;
      if (object)
        v->keys[v->count] = key;
      v->count++;
    }
  while (eat (r, ','));
  if (!eat (r, close))
    {
      fail (r, "expected ',' or '%c'", close);
      ebpf_json_free (v);
      return NULL;
    }
  return v;
}

static struct ebpf_json *
parse_value (struct reader *r, int depth)
{
  if (depth > MAX_DEPTH)
    {
      fail (r, "nested more than %d deep", MAX_DEPTH);
      return NULL;
    }
  skip_space (r);
  if (r->pos >= r->len)
    {
      fail (r, "unexpected end of input");
      return NULL;
    }
  char c = r->s[r->pos];
  if (c == '{' || c == '[')
    {
      r->pos++;
      return parse_container (r, depth, c == '{');
    }
  if (c == '"')
    {
      size_t len;
      char *text = parse_string (r, &len);
      if (text == NULL)
        return NULL;
      struct ebpf_json *v = ebpf_xcalloc (1, sizeof *v);
      v->kind = EBPF_JSON_STRING;
      v->text = text;
      v->len = len;
      return v;
    }
  static const struct { const char *word; enum ebpf_json_kind kind; } words[] = {
    { "null", EBPF_JSON_NULL }, { "true", EBPF_JSON_TRUE }, { "false", EBPF_JSON_FALSE },
  };
  for (size_t i = 0; i < 3; i++)
    {
      size_t n = strlen (words[i].word);
      if (r->len - r->pos >= n && memcmp (r->s + r->pos, words[i].word, n) == 0)
        {
          r->pos += n;
          struct ebpf_json *v = ebpf_xcalloc (1, sizeof *v);
          v->kind = words[i].kind;
          return v;
        }
    }
  return parse_number (r);
}

struct ebpf_json *
ebpf_json_parse (const char *text, size_t len, char *err, size_t err_len)
{
  struct reader r = { text, len, 0, err, err_len, false };
  struct ebpf_json *v = parse_value (&r, 0);
  skip_space (&r);
  if (v && r.pos != r.len)
    {
      fail (&r, "text after the value");
      ebpf_json_free (v);
      return NULL;
    }
  return v;
}

void
ebpf_json_free (struct ebpf_json *v)
{
  if (v == NULL)
    return;
  for (size_t i = 0; i < v->count; i++)
    {
      ebpf_json_free (v->items[i]);
      if (v->keys)
        free (v->keys[i]);
    }
  free (v->items);
  free (v->keys);
  free (v->text);
  free (v);
}

const struct ebpf_json *
ebpf_json_member (const struct ebpf_json *object, const char *name)
{
  if (object == NULL || object->kind != EBPF_JSON_OBJECT)
    return NULL;
  for (size_t i = 0; i < object->count; i++)
    if (strcmp (object->keys[i], name) == 0)
      return object->items[i];
  return NULL;
}

void
ebpf_json_write_string (FILE *out, const char *text)
{
  fputc ('"', out);
  for (const char *p = text; *p; p++)
    if (*p == '"' || *p == '\\')
      fprintf (out, "\\%c", *p);
    else if ((unsigned char) *p < 0x20)
      fprintf (out, "\\u%04x", *p);
    else
      fputc (*p, out);
  fputc ('"', out);
}
