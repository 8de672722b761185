/* json.h — a small JSON reader for ebpf-run's inputs (map contents).
 * Strict RFC 8259 syntax, a depth limit, and errors that name the line
 * and column; written to be fuzzed.  And the one writer ebpf-run's
 * output needs beside printf: a string, escaped.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_JSON_H
#define EBPF_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum ebpf_json_kind
{
  EBPF_JSON_NULL, EBPF_JSON_FALSE, EBPF_JSON_TRUE, EBPF_JSON_NUMBER,
  EBPF_JSON_STRING, EBPF_JSON_ARRAY, EBPF_JSON_OBJECT
};

struct ebpf_json
{
  enum ebpf_json_kind kind;
  char *text;                   /* string contents, or a number as written */
  size_t len;                   /* of text (strings may hold NULs) */
  struct ebpf_json **items;     /* array elements, or object values */
  char **keys;                  /* object member names */
  size_t count;
};

struct ebpf_json *ebpf_json_parse (const char *text, size_t len, char *err,
                                   size_t err_len);
void ebpf_json_free (struct ebpf_json *value);
/* An object's member NAME, or NULL.  */
const struct ebpf_json *ebpf_json_member (const struct ebpf_json *object,
                                          const char *name);
/* TEXT as a JSON string, quotes and escapes included.  */
void ebpf_json_write_string (FILE *out, const char *text);

#endif
