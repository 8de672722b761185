/* lines-dump — the line tables of an object (ebpfsim-lines.h) as text,
 * and its debug image (ebpfsim-debug.h), for the ebpf.debug tests.
 *
 *   lines-dump [OPTION]... OBJECT
 *     --source dwarf|btf|any   where the tables come from (default any)
 *     --image FILE             write the debug image to FILE
 *     --programs               "prog NAME 0xLOW 0xHIGH" for each program
 *     --lookup ADDR            "lookup 0xADDR FILE:LINE:COL in FUNCTION"
 *                              (or "lookup 0xADDR -"); repeatable
 *     --break FILE:LINE        "break FILE:LINE 0xADDR..." (the addresses
 *                              to stop at); repeatable
 *     --text FILE:LINE         "text FILE:LINE: TEXT" (or "... -")
 *     --no-table               leave out the rows and functions
 *   The table: "origin dwarf|btf", a line per row
 *   "0xADDR FILE:LINE:COL [stmt]", a line per function
 *   "func NAME 0xLOW 0xHIGH [FILE:LINE]".
 *   Exit status 0, 1 for a bad command line, 2 when the object or its
 *   tables cannot be read (the message on stderr).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

static void
usage (void)
{
  fprintf (stderr, "usage: lines-dump [--source dwarf|btf|any] [--image FILE] "
           "[--programs] [--lookup ADDR]... [--break FILE:LINE]... "
           "[--text FILE:LINE]... [--no-table] OBJECT\n");
  exit (1);
}

/* FILE:LINE into its parts (FILE may hold colons).  */
static bool
split_location (const char *arg, char *file, size_t size, uint32_t *line)
{
  const char *colon = strrchr (arg, ':');
  if (colon == NULL || colon == arg || (size_t) (colon - arg) >= size)
    return false;
  char *end;
  unsigned long n = strtoul (colon + 1, &end, 10);
  if (*end || end == colon + 1 || n == 0 || n > UINT32_MAX)
    return false;
  memcpy (file, arg, (size_t) (colon - arg));
  file[colon - arg] = 0;
  *line = (uint32_t) n;
  return true;
}

int
main (int argc, char **argv)
{
  enum ebpf_lines_source source = EBPF_LINES_ANY;
  const char *image = NULL, *path = NULL;
  const char **lookups = calloc ((size_t) argc, sizeof *lookups);
  const char **breaks = calloc ((size_t) argc, sizeof *breaks);
  const char **texts = calloc ((size_t) argc, sizeof *texts);
  if (lookups == NULL || breaks == NULL || texts == NULL)
    return 2;
  int n_lookups = 0, n_breaks = 0, n_texts = 0;
  bool programs = false, table = true;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      bool more = i + 1 < argc;
      if (strcmp (a, "--source") == 0 && more)
        {
          const char *s = argv[++i];
          if (strcmp (s, "dwarf") == 0)
            source = EBPF_LINES_DWARF;
          else if (strcmp (s, "btf") == 0)
            source = EBPF_LINES_BTF;
          else if (strcmp (s, "any") == 0)
            source = EBPF_LINES_ANY;
          else
            usage ();
        }
      else if (strcmp (a, "--image") == 0 && more)
        image = argv[++i];
      else if (strcmp (a, "--programs") == 0)
        programs = true;
      else if (strcmp (a, "--no-table") == 0)
        table = false;
      else if (strcmp (a, "--lookup") == 0 && more)
        lookups[n_lookups++] = argv[++i];
      else if (strcmp (a, "--break") == 0 && more)
        breaks[n_breaks++] = argv[++i];
      else if (strcmp (a, "--text") == 0 && more)
        texts[n_texts++] = argv[++i];
      else if (a[0] != '-' && path == NULL)
        path = a;
      else
        usage ();
    }
  if (path == NULL)
    usage ();

  struct ebpf_error err;
  ebpf_object *obj = ebpf_object_open (path, NULL, &err);
  if (obj == NULL)
    {
      fprintf (stderr, "lines-dump: %s\n", err.message);
      free (lookups);
      free (breaks);
      free (texts);
      return 2;
    }
  int status = 0;
  if (image && ebpf_object_write_debug_image (obj, image, &err) != 0)
    {
      fprintf (stderr, "lines-dump: %s\n", err.message);
      status = 2;
    }
  if (programs)
    for (int p = 0; p < ebpf_object_program_count (obj); p++)
      {
        uint64_t low, high;
        if (ebpf_object_program_code (obj, p, &low, &high) == 0)
          printf ("prog %s 0x%" PRIx64 " 0x%" PRIx64 "\n",
                  ebpf_object_program_name (obj, p), low, high);
        else
          printf ("prog %s -\n", ebpf_object_program_name (obj, p));
      }
  bool need_lines = table || n_lookups || n_breaks || n_texts;
  ebpf_lines *lines = NULL;
  if (need_lines && status == 0)
    {
      lines = ebpf_lines_open (obj, source, &err);
      if (lines == NULL)
        {
          fprintf (stderr, "lines-dump: %s\n", err.message);
          status = 2;
        }
    }
  if (lines && table)
    {
      printf ("origin %s\n", ebpf_lines_origin (lines) == EBPF_LINES_DWARF
                             ? "dwarf" : "btf");
      for (size_t i = 0; i < ebpf_lines_count (lines); i++)
        {
          const struct ebpf_line *r = ebpf_lines_row (lines, i);
          printf ("0x%" PRIx64 " %s:%u:%u%s\n", r->addr, r->file, r->line,
                  r->column, r->is_stmt ? " stmt" : "");
        }
      for (size_t i = 0; i < ebpf_lines_function_count (lines); i++)
        {
          const struct ebpf_function *f = ebpf_lines_function (lines, i);
          printf ("func %s 0x%" PRIx64 " 0x%" PRIx64, f->name, f->low, f->high);
          if (f->file)
            printf (" %s:%u", f->file, f->line);
          printf ("\n");
        }
    }
  for (int i = 0; lines && i < n_lookups; i++)
    {
      char *end;
      uint64_t addr = strtoull (lookups[i], &end, 0);
      if (*end)
        usage ();
      const struct ebpf_line *r = ebpf_lines_find (lines, addr);
      const struct ebpf_function *f = ebpf_lines_function_at (lines, addr);
      printf ("lookup 0x%" PRIx64, addr);
      if (r)
        printf (" %s:%u:%u", r->file, r->line, r->column);
      else
        printf (" -");
      if (f)
        printf (" in %s", f->name);
      printf ("\n");
    }
  for (int i = 0; lines && i < n_breaks; i++)
    {
      char file[4096];
      uint32_t line;
      uint64_t addrs[64];
      if (!split_location (breaks[i], file, sizeof file, &line))
        usage ();
      size_t n = ebpf_lines_addresses (lines, file, line, addrs, 64);
      printf ("break %s:%u", file, line);
      for (size_t k = 0; k < n && k < 64; k++)
        printf (" 0x%" PRIx64, addrs[k]);
      printf ("\n");
    }
  for (int i = 0; lines && i < n_texts; i++)
    {
      char file[4096];
      uint32_t line;
      if (!split_location (texts[i], file, sizeof file, &line))
        usage ();
      const char *t = ebpf_lines_source_text (lines, file, line);
      printf ("text %s:%u: %s\n", file, line, t ? t : "-");
    }
  ebpf_lines_close (lines);
  ebpf_object_close (obj);
  free (lookups);
  free (breaks);
  free (texts);
  return status;
}
