/* libbpf-list: what libbpf says of a BPF ELF object, in the format of
 * `ebpf-run --list`, for debian.exp to compare the two.
 *
 * Copyright (C) 2025 the ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: libbpf-list [--types] OBJ
 *
 * Opens OBJ with bpf_object__open_file () (no bpf () call: nothing is
 * loaded) and prints
 *
 *   programs:
 *     NAME                     section SECTION
 *   maps:
 *     NAME                     TYPE               key K value V max_entries N
 *
 * as ebpf-run --list does; with --types each program line ends with
 * "  type TYPE" (libbpf's name of the program type).  Exit status 0, or 2
 * when libbpf refuses the object: then libbpf's warnings and a last line
 * "libbpf-list: OBJ: ERROR" are on standard error.
 *
 * Build: gcc -O2 -o libbpf-list libbpf-list.c -lbpf -lelf -lz
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static int
print_fn (enum libbpf_print_level level, const char *fmt, va_list ap)
{
  if (level == LIBBPF_DEBUG)
    return 0;
  return vfprintf (stderr, fmt, ap);
}

int
main (int argc, char **argv)
{
  int types = 0, i = 1;
  if (i < argc && strcmp (argv[i], "--types") == 0)
    {
      types = 1;
      i++;
    }
  if (i != argc - 1)
    {
      fprintf (stderr, "usage: libbpf-list [--types] OBJ\n");
      return 1;
    }
  const char *path = argv[i];
  libbpf_set_print (print_fn);

  struct bpf_object *obj = bpf_object__open_file (path, NULL);
  long err = libbpf_get_error (obj);
  if (err || obj == NULL)
    {
      char buf[256];
      libbpf_strerror ((int) (err ? err : -errno), buf, sizeof buf);
      fprintf (stderr, "libbpf-list: %s: %s\n", path, buf);
      return 2;
    }

  struct bpf_program *prog;
  printf ("programs:\n");
  bpf_object__for_each_program (prog, obj)
    {
      printf ("  %-24s section %s", bpf_program__name (prog),
              bpf_program__section_name (prog));
      if (types)
        {
          const char *t = libbpf_bpf_prog_type_str (bpf_program__type (prog));
          if (t)
            printf ("  type %s", t);
          else
            printf ("  type %u", (unsigned) bpf_program__type (prog));
        }
      printf ("\n");
    }

  struct bpf_map *map;
  printf ("maps:\n");
  bpf_object__for_each_map (map, obj)
    {
      char tbuf[32];
      const char *t = libbpf_bpf_map_type_str (bpf_map__type (map));
      if (t == NULL)
        {
          snprintf (tbuf, sizeof tbuf, "type%u", (unsigned) bpf_map__type (map));
          t = tbuf;
        }
      printf ("  %-24s %-18s key %u value %u max_entries %u\n",
              bpf_map__name (map), t, bpf_map__key_size (map),
              bpf_map__value_size (map), bpf_map__max_entries (map));
    }
  bpf_object__close (obj);
  return 0;
}
