/* ebpf-objdump — disassemble eBPF objects in LLVM or GNU syntax, laid out
 * as llvm-objdump and binutils' bpf-objdump lay them out.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "disasm.h"
#include "read-file.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INPUT = 2 };

struct options
{
  enum ebpf_syntax syntax;
  bool raw_insn;        /* show the instruction bytes */
};

struct symbol
{
  const char *name;
  uint64_t value;
};

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ebpf-objdump [OPTION]... FILE...\n"
"Disassemble the code sections of eBPF ELF objects.\n"
"\n"
"  -d, --disassemble      disassemble code sections (the default)\n"
"  -M SYNTAX              pseudoc (or llvm, the default): r1 += r2, laid out\n"
"                         as llvm-objdump; gnu: add %%r1,%%r2, laid out as\n"
"                         binutils bpf-objdump\n"
"  --no-show-raw-insn     leave out the instruction bytes\n"
"  --raw                  FILE is bytecode (binary or hex text), not ELF\n"
"  --big-endian           raw bytecode is big-endian\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: 0 success, 1 bad command line, 2 unreadable or malformed input.\n");
}

/* The symbol at or before OFFSET for jump annotations.  */
static void
annotate_target (const struct symbol *syms, int n, const char *section,
                 int64_t target, char *buf, size_t len)
{
  const struct symbol *best = NULL;
  for (int i = 0; i < n; i++)
    if (target >= 0 && syms[i].value <= (uint64_t) target
        && (best == NULL || syms[i].value >= best->value))
      best = &syms[i];
  if (best && best->value == (uint64_t) target)
    snprintf (buf, len, " <%s>", best->name);
  else if (best)
    snprintf (buf, len, " <%s+0x%" PRIx64 ">", best->name,
              (uint64_t) target - best->value);
  else
    snprintf (buf, len, " <%s+0x%" PRIx64 ">", section, (uint64_t) target);
}

static void
print_bytes (const uint8_t *p, size_t n, bool gnu)
{
  for (size_t i = 0; i < n; i++)
    printf (gnu ? "%02x " : i + 1 < n ? "%02x " : "%02x", p[i]);
}

static void
disassemble (const char *section, const uint8_t *code, size_t len,
             bool big_endian, const struct symbol *syms, int nsyms,
             const struct options *opt)
{
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  printf ("\nDisassembly of section %s:\n", section);
  size_t n = len / EBPF_INSN_SIZE;
  for (size_t i = 0; i < n;)
    {
      uint64_t addr = i * EBPF_INSN_SIZE;
      for (int s = 0; s < nsyms; s++)
        if (syms[s].value == addr)
          printf ("\n%016" PRIx64 " <%s>:\n", addr, syms[s].name);
      if (i == 0 && (nsyms == 0 || syms[0].value != 0))
        printf ("\n%016" PRIx64 " <%s>:\n", (uint64_t) 0, section);
      struct ebpf_insn in, next;
      ebpf_insn_decode (code + addr, big_endian, &in);
      bool has_next = i + 1 < n;
      if (has_next)
        ebpf_insn_decode (code + addr + EBPF_INSN_SIZE, big_endian, &next);
      char text[160];
      int slots = ebpf_disasm (&in, has_next ? &next : NULL, opt->syntax, text,
                               sizeof text);
      if (gnu)
        printf ("%4" PRIx64 ":\t", addr);
      else
        printf ("%8zu:\t", i);
      if (opt->raw_insn)
        {
          print_bytes (code + addr, gnu ? EBPF_INSN_SIZE
                       : (size_t) slots * EBPF_INSN_SIZE, gnu);
          printf ("\t");
        }
      printf ("%s", text);
      int op = ebpf_opcode_lookup (&in);
      if (!gnu && op >= 0 && strcmp (text, "<unknown>") != 0
          && (ebpf_opcodes[op].shape == EBPF_SHAPE_JA
              || ebpf_opcodes[op].shape == EBPF_SHAPE_JMP_K
              || ebpf_opcodes[op].shape == EBPF_SHAPE_JMP_X
              || ebpf_opcodes[op].shape == EBPF_SHAPE_JA32))
        {
          int64_t rel = ebpf_opcodes[op].shape == EBPF_SHAPE_JA32 ? in.imm : in.off;
          char note[128];
          annotate_target (syms, nsyms, section,
                           (int64_t) addr + (rel + 1) * EBPF_INSN_SIZE,
                           note, sizeof note);
          printf ("%s", note);
        }
      printf ("\n");
      if (gnu && slots == 2)
        {
          printf ("%4" PRIx64 ":\t", addr + EBPF_INSN_SIZE);
          if (opt->raw_insn)
            print_bytes (code + addr + EBPF_INSN_SIZE, EBPF_INSN_SIZE, true);
          printf ("\n");
        }
      i += (size_t) slots;
    }
  if (len % EBPF_INSN_SIZE)
    printf ("\t(%zu trailing bytes, not an instruction)\n", len % EBPF_INSN_SIZE);
}

static int
compare_symbols (const void *a, const void *b)
{
  const struct symbol *x = a, *y = b;
  return x->value < y->value ? -1 : x->value > y->value;
}

static int
dump_elf (const char *path, const struct options *opt)
{
  size_t len;
  uint8_t *image = ebpf_read_file (path, &len);
  if (image == NULL)
    {
      fprintf (stderr, "ebpf-objdump: %s: %s\n", path, strerror (errno));
      return EXIT_INPUT;
    }
  elf_version (EV_CURRENT);
  Elf *elf = elf_memory ((char *) image, len);
  GElf_Ehdr eh;
  size_t shstrndx;
  if (elf == NULL || elf_kind (elf) != ELF_K_ELF || gelf_getehdr (elf, &eh) == NULL
      || elf_getshdrstrndx (elf, &shstrndx) != 0)
    {
      fprintf (stderr, "ebpf-objdump: %s: not an ELF object\n", path);
      if (elf)
        elf_end (elf);
      free (image);
      return EXIT_INPUT;
    }
  bool big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  if (opt->syntax == EBPF_SYNTAX_GNU)
    printf ("\n%s:     file format elf64-bpf%s\n\n", path, big_endian ? "be" : "le");
  else
    printf ("\n%s:\tfile format elf64-bpf\n\n", path);

  /* Symbols by section, for labels and jump annotations.  */
  Elf_Scn *scn = NULL;
  Elf_Data *symdata = NULL;
  size_t symstr = 0, nsym = 0;
  while ((scn = elf_nextscn (elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) && sh.sh_type == SHT_SYMTAB && sh.sh_entsize)
        {
          symdata = elf_getdata (scn, NULL);
          symstr = sh.sh_link;
          nsym = symdata ? symdata->d_size / sh.sh_entsize : 0;
        }
    }
  int status = EXIT_OK;
  scn = NULL;
  while ((scn = elf_nextscn (elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || sh.sh_type != SHT_PROGBITS
          || !(sh.sh_flags & SHF_EXECINSTR) || sh.sh_size == 0)
        continue;
      const char *name = elf_strptr (elf, shstrndx, sh.sh_name);
      Elf_Data *data = elf_rawdata (scn, NULL);
      if (name == NULL || data == NULL || data->d_size != sh.sh_size)
        {
          fprintf (stderr, "ebpf-objdump: %s: section %zu cannot be read\n",
                   path, elf_ndxscn (scn));
          status = EXIT_INPUT;
          continue;
        }
      struct symbol *syms = calloc (nsym + 1, sizeof *syms);
      int nsyms = 0;
      for (size_t i = 0; i < nsym; i++)
        {
          GElf_Sym sym;
          if (gelf_getsym (symdata, (int) i, &sym) == NULL
              || sym.st_shndx != elf_ndxscn (scn)
              || GELF_ST_TYPE (sym.st_info) == STT_SECTION)
            continue;
          const char *sname = elf_strptr (elf, symstr, sym.st_name);
          if (sname == NULL || sname[0] == '\0')
            continue;
          syms[nsyms++] = (struct symbol) { sname, sym.st_value };
        }
      qsort (syms, (size_t) nsyms, sizeof *syms, compare_symbols);
      disassemble (name, data->d_buf, data->d_size, big_endian, syms, nsyms, opt);
      free (syms);
    }
  elf_end (elf);
  free (image);
  return status;
}

static int
dump_raw (const char *path, bool big_endian, const struct options *opt)
{
  size_t len;
  uint8_t *bytes = ebpf_read_file (path, &len);
  if (bytes == NULL)
    {
      fprintf (stderr, "ebpf-objdump: %s: %s\n", path, strerror (errno));
      return EXIT_INPUT;
    }
  uint8_t *code = bytes;
  if (ebpf_looks_like_hex (bytes, len))
    {
      char msg[200];
      code = ebpf_parse_hex ((const char *) bytes, len, &len, msg, sizeof msg);
      if (code == NULL)
        {
          fprintf (stderr, "ebpf-objdump: %s: %s\n", path, msg);
          free (bytes);
          return EXIT_INPUT;
        }
    }
  printf ("\n%s:\tbytecode\n", path);
  disassemble ("code", code, len, big_endian, NULL, 0, opt);
  if (code != bytes)
    free (code);
  free (bytes);
  return EXIT_OK;
}

int
main (int argc, char **argv)
{
  enum { OPT_NO_RAW = 256, OPT_RAW, OPT_BE };
  static const struct option options[] = {
    { "disassemble", no_argument, NULL, 'd' },
    { "no-show-raw-insn", no_argument, NULL, OPT_NO_RAW },
    { "raw", no_argument, NULL, OPT_RAW },
    { "big-endian", no_argument, NULL, OPT_BE },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  struct options opt = { EBPF_SYNTAX_LLVM, true };
  bool raw = false, big_endian = false;
  int c;
  while ((c = getopt_long (argc, argv, "dM:hV", options, NULL)) != -1)
    switch (c)
      {
      case 'd': break;
      case 'M':
        if (strcmp (optarg, "gnu") == 0)
          opt.syntax = EBPF_SYNTAX_GNU;
        else if (strcmp (optarg, "pseudoc") == 0 || strcmp (optarg, "llvm") == 0)
          opt.syntax = EBPF_SYNTAX_LLVM;
        else
          {
            fprintf (stderr, "ebpf-objdump: unknown syntax '%s' (gnu, pseudoc)\n",
                     optarg);
            return EXIT_USAGE;
          }
        break;
      case OPT_NO_RAW: opt.raw_insn = false; break;
      case OPT_RAW: raw = true; break;
      case OPT_BE: big_endian = true; break;
      case 'h': usage (stdout); return EXIT_OK;
      case 'V': printf ("ebpf-objdump (ebpfsim) " PACKAGE_VERSION "\n"); return EXIT_OK;
      default: usage (stderr); return EXIT_USAGE;
      }
  if (optind == argc)
    {
      fprintf (stderr, "ebpf-objdump: no input files\n");
      usage (stderr);
      return EXIT_USAGE;
    }
  int status = EXIT_OK;
  for (int i = optind; i < argc; i++)
    {
      int s = raw ? dump_raw (argv[i], big_endian, &opt) : dump_elf (argv[i], &opt);
      if (s != EXIT_OK)
        status = s;
    }
  return status;
}
