/* ebpf-as — the eBPF assembler: GNU/uBPF syntax and LLVM pseudo-C in,
 * an ELF relocatable object (or raw bytes) out.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm.h"
#include "elf-write.h"
#include "out-file.h"
#include "read-file.h"

enum { EXIT_ASM_ERRORS = 1, EXIT_USAGE = 2 };

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ebpf-as [OPTION]... FILE\n"
"Assemble eBPF source (GNU/uBPF syntax or LLVM pseudo-C, mixed freely)\n"
"into an ELF relocatable object.  FILE '-' reads standard input.\n"
"\n"
"  -o FILE            write the output to FILE (default a.out)\n"
"  -EL, --EL          little-endian object (the default)\n"
"  -EB, --EB          big-endian object\n"
"  -O FORMAT          output format: elf (default), binary (the bytes of\n"
"                     .text), hex (one 8-byte instruction per line)\n"
"  -mxbpf             GCC's xBPF: sdiv/smod in xBPF's encoding (ALU\n"
"                     operations 0xe0/0xf0, not offset 1), call %%rN\n"
"  -mdialect=normal|pseudoc\n"
"                     accepted for binutils compatibility (both syntaxes\n"
"                     are always read)\n"
"  --compat=binutils-2.40\n"
"                     binutils 2.40's choices: ldabsdw/ldinddw, indirect\n"
"                     calls only with -mxbpf, GNU as's error format\n"
"  -h, --help         show this help and exit\n"
"  -V, --version      show the version and exit\n"
"\n"
"Errors are printed as FILE:LINE:COL: error: MESSAGE (with --compat,\n"
"as GNU as prints them).\n"
"Exit status: 0 success, 1 errors in the source, 2 usage or I/O error.\n");
}

/* -m OPTION: the machine options of binutils' bpf-as that mean something
 * here.  False for an unknown one.  */
static bool
machine_option (const char *arg, struct ebpf_dialect *dialect)
{
  if (strcmp (arg, "xbpf") == 0)
    dialect->xbpf = true;
  else if (strcmp (arg, "dialect=normal") != 0 && strcmp (arg, "dialect=pseudoc") != 0)
    return false;
  return true;
}

int
main (int argc, char **argv)
{
  const char *output = "a.out", *format = "elf";
  bool big_endian = false;
  struct ebpf_dialect dialect = { false, false };
  enum { OPT_COMPAT = 256 };
  static const struct option options[] = {
    { "EL", no_argument, NULL, 'l' }, { "EB", no_argument, NULL, 'b' },
    { "compat", required_argument, NULL, OPT_COMPAT },
    { "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  /* -EB/-EL/-version are single-dash long options in binutils.  */
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-EB") == 0 || strcmp (argv[i], "-mbig-endian") == 0)
        argv[i] = "--EB";
      else if (strcmp (argv[i], "-EL") == 0 || strcmp (argv[i], "-mlittle-endian") == 0)
        argv[i] = "--EL";
      else if (strcmp (argv[i], "-version") == 0)
        argv[i] = "--version";
    }
  int c;
  while ((c = getopt_long (argc, argv, "o:O:m:hV", options, NULL)) != -1)
    switch (c)
      {
      case 'o': output = optarg; break;
      case 'O': format = optarg; break;
      case 'm':
        if (!machine_option (optarg, &dialect))
          {
            fprintf (stderr, "ebpf-as: unknown option -m%s\n", optarg);
            return EXIT_USAGE;
          }
        break;
      case OPT_COMPAT:
        if (strcmp (optarg, "binutils-2.40") != 0)
          {
            fprintf (stderr, "ebpf-as: unknown --compat '%s' (binutils-2.40)\n",
                     optarg);
            return EXIT_USAGE;
          }
        dialect.binutils_2_40 = true;
        break;
      case 'l': big_endian = false; break;
      case 'b': big_endian = true; break;
      case 'h': usage (stdout); return 0;
      case 'V':
        printf ("ebpf-as (ebpfsim) " PACKAGE_VERSION "\n"
                "Copyright (C) 2026 The ebpfsim authors.\n"
                "License GPLv3+: GNU GPL version 3 or later.\n");
        return 0;
      default: usage (stderr); return EXIT_USAGE;
      }
  if (optind != argc - 1)
    {
      fprintf (stderr, "ebpf-as: expected one source file\n");
      usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (format, "elf") != 0 && strcmp (format, "binary") != 0
      && strcmp (format, "hex") != 0)
    {
      fprintf (stderr, "ebpf-as: unknown output format '%s'\n", format);
      return EXIT_USAGE;
    }
  const char *input = argv[optind];
  size_t len;
  uint8_t *text = ebpf_read_file (input, &len);
  if (text == NULL)
    {
      fprintf (stderr, "ebpf-as: %s: %s\n", input, strerror (errno));
      return EXIT_USAGE;
    }
  struct ebpf_diag diag = { stderr, strcmp (input, "-") == 0 ? "<stdin>" : input,
                            0, "" };
  struct ebpf_asm_object obj;
  int errors = ebpf_assemble_dialect ((const char *) text, len, big_endian,
                                      &dialect, &obj, &diag);
  free (text);
  if (errors)
    {
      /* No output: an existing file stays as it was.  */
      ebpf_asm_object_free (&obj);
      return EXIT_ASM_ERRORS;
    }

  int status = 0;
  if (strcmp (format, "elf") == 0)
    {
      char err[300];
      if (ebpf_write_elf (&obj, output, err, sizeof err) != 0)
        {
          fprintf (stderr, "ebpf-as: %s\n", err);
          status = EXIT_USAGE;
        }
    }
  else
    {
      const struct ebpf_obj_section *text_sec
        = &obj.sections[ebpf_asm_find_section (&obj, ".text")];
      struct ebpf_out_file out;
      FILE *f = ebpf_out_open (&out, output) ? ebpf_out_stream (&out) : NULL;
      if (f == NULL)
        {
          fprintf (stderr, "ebpf-as: %s: %s\n", output, strerror (errno));
          if (out.path)
            ebpf_out_abandon (&out);
          ebpf_asm_object_free (&obj);
          return EXIT_USAGE;
        }
      if (obj.n_relocs)
        fprintf (stderr, "ebpf-as: warning: %d relocation%s not written in "
                 "%s output\n", obj.n_relocs, obj.n_relocs == 1 ? "" : "s",
                 format);
      if (strcmp (format, "binary") == 0)
        fwrite (text_sec->data, 1, text_sec->len, f);
      else
        for (size_t i = 0; i < text_sec->len; i += 8)
          {
            for (size_t b = 0; b < 8 && i + b < text_sec->len; b++)
              fprintf (f, "%s%02x", b ? " " : "", text_sec->data[i + b]);
            fputc ('\n', f);
          }
      if (!ebpf_out_commit (&out))
        {
          fprintf (stderr, "ebpf-as: %s: %s\n", output, strerror (errno));
          status = EXIT_USAGE;
        }
    }
  ebpf_asm_object_free (&obj);
  return status;
}
