/* ebpf-objdump — show eBPF objects: disassembly in LLVM or GNU syntax,
 * relocations, section contents, laid out as llvm-objdump and binutils'
 * bpf-objdump lay them out; source lines and file:line beside the code,
 * from DWARF or from .BTF.ext (libebpfsim's line tables), at section
 * offsets or at the code addresses ebpfsim's debug image has; beside
 * them each instruction's and each line's share of the cycles of a
 * profile that ebpf-run measured (--profile), as perf annotate shows it.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <inttypes.h>
#include <libelf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm.h"
#include "disasm.h"
#include "ebpfsim-lines.h"
#include "read-file.h"
#include "xalloc.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INPUT = 2 };

struct options
{
  enum ebpf_syntax syntax;
  struct ebpf_dialect dialect;
  bool raw_insn;        /* show the instruction bytes */
  bool disassemble;     /* -d */
  bool relocs;          /* -r: inline with -d, else as tables */
  bool contents;        /* -s */
  const char **only;    /* -j: sections to show; all when n_only is 0 */
  bool *only_found;     /* whether some input file has that section */
  int n_only;
  bool line_numbers;    /* -l: FILE:LINE (and FUNCTION():) before the code */
  bool source;          /* -S: the source lines before the code */
  bool line_table;      /* --line-table: the rows and functions */
  enum ebpf_lines_source lines_from;   /* --lines */
  bool code_addresses;  /* --code-addresses */
  const struct profile *profile;       /* --profile, or NULL */
};

/* Where the code of a section is (code addresses, see ebpfsim-debug.h):
 * the sections of code one after another from 0x300000000 in the order
 * of the ELF file, each 8-byte aligned, an executable's at their link
 * addresses.  */
#define CODE_BASE 0x300000000ULL

struct code_section
{
  size_t index;         /* ELF section */
  const char *name;
  uint64_t addr, size;
};

/* What the listing of one object shows beside its instructions.  */
struct listing
{
  const char *path;
  ebpf_lines *lines;    /* NULL: no lines to show */
  const struct code_section *sections;
  size_t n_sections;
  uint64_t base;        /* the printed address of the section's byte 0 */
  bool code_addresses;  /* addresses printed are code addresses */
  uint64_t lines_base;  /* code address of the section's byte 0 */
  bool has_lines_base;  /* whether the section has code addresses */
  /* What was shown last, so that it is shown again only when it changes;
   * forgotten at each label.  */
  const struct ebpf_function *function;
  const char *file;
  uint32_t line;
  /* GNU layout: the highest line of each file shown so far, for context.  */
  struct shown { const char *file; uint32_t max; bool warned; } *shown;
  size_t n_shown;
  /* --profile: the profile when it is of this object's code, else NULL
   * (and the listing is the plain one); with lines, the cycles of each
   * source line, by file and line.  */
  const struct profile *profile;
  struct line_cycles *line_cycles;
  size_t n_line_cycles;
};

struct symbol
{
  const char *name;
  uint64_t value;
};

/* What ebpf-run --profile=annotate measured of one instruction.  */
struct profile_insn
{
  uint64_t addr;        /* code address */
  uint64_t count;       /* executions */
  double cycles;
  size_t line;          /* of the file: where a duplicate is */
};

/* A profile, as ebpf-run --profile=annotate --profile-output writes it:
 * only the instructions that ran, each once.  */
struct profile
{
  const char *path;
  char *program;        /* NULL when its comments do not say */
  uint64_t runs;
  char *model;
  double entry;         /* the cycles of entering the program, which no
                           instruction took */
  bool has_entry;
  double total;         /* the cycles the instructions took */
  struct profile_insn *insns;   /* by address */
  size_t n;
};

/* The cycles of one source line: all its instructions'.  */
struct line_cycles
{
  const char *file;
  uint32_t line;
  double cycles;
};

struct reloc
{
  uint64_t offset;
  uint32_t type;
  const char *symbol;   /* the symbol's name, or its section's */
  int64_t addend;
  bool has_addend;      /* RELA */
};

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ebpf-objdump [OPTION]... FILE...\n"
"Show the contents of eBPF ELF objects: disassembly (the default),\n"
"relocations, section contents.\n"
"\n"
"  -d, --disassemble      disassemble code sections\n"
"  -r, --reloc            relocations: beside the instructions with -d,\n"
"                         else a table per section\n"
"  -s, --full-contents    the bytes of every section, in hex and as text\n"
"  -j, --section=NAME     only section NAME (may be repeated)\n"
"  -l, --line-numbers     FILE:LINE before the first instruction of each\n"
"                         line, FUNCTION(): at each function's start\n"
"  -S, --source           the source lines before their code (implies -d):\n"
"                         from the file, else the text .BTF.ext carries\n"
"  --lines=dwarf|btf      where lines come from (default: DWARF when the\n"
"                         object has it, else .BTF.ext)\n"
"  --line-table           the line table and functions of each object\n"
"  --code-addresses       code addresses (ebpfsim's: the addresses of\n"
"                         ebpf-run --debug-image, breakpoints, GDB) in\n"
"                         place of section offsets and slot numbers\n"
"  --profile=FILE         before each instruction its share of the cycles\n"
"                         of FILE, a profile of ebpf-run --profile=annotate,\n"
"                         and before each source line (-l, -S) the line's\n"
"                         (implies -d)\n"
"  -M SYNTAX              pseudoc (or llvm, the default): r1 += r2, laid out\n"
"                         as llvm-objdump; gnu: add %%r1,%%r2, laid out as\n"
"                         binutils bpf-objdump\n"
"  -m, --architecture=bpf|xbpf\n"
"                         xbpf: GCC's xBPF, whose sdiv/smod are ALU\n"
"                         operations 0xe0/0xf0 and whose callx is call %%rN\n"
"  --compat=binutils-2.40 binutils 2.40's choices in GNU syntax: every call\n"
"                         as call N, ldabsdw/ldinddw\n"
"  --no-show-raw-insn     leave out the instruction bytes\n"
"  --raw                  FILE is bytecode (binary or hex text), not ELF\n"
"  --big-endian           raw bytecode is big-endian\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: 0 success, 1 bad command line, 2 unreadable or malformed input.\n");
}

/* ---- Relocation names ---------------------------------------------------- */

/* Relocation types are numbered as LLVM and libbpf number them.  binutils
 * 2.40 names two of them its own way with the same meaning (the 64-bit
 * immediate of lddw, the displacement of a call), and numbers its data
 * relocations where LLVM has none; elsewhere its names mean other things,
 * so LLVM's are printed.  */
static const char *
reloc_name (uint32_t type, enum ebpf_syntax syntax, char *buf, size_t len)
{
  const bool gnu = syntax == EBPF_SYNTAX_GNU;
  switch (type)
    {
    case 0: return "R_BPF_NONE";
    case EBPF_R_BPF_64_64: return gnu ? "R_BPF_INSN_64" : "R_BPF_64_64";
    case EBPF_R_BPF_64_ABS64: return "R_BPF_64_ABS64";
    case EBPF_R_BPF_64_ABS32: return "R_BPF_64_ABS32";
    case 4: return "R_BPF_64_NODYLD32";
    case 5: return "R_BPF_DATA_8_PCREL";
    case 6: return "R_BPF_DATA_16_PCREL";
    case 7: return "R_BPF_DATA_32_PCREL";
    case 8: return "R_BPF_DATA_8";
    case 9: return "R_BPF_DATA_16";
    case EBPF_R_BPF_64_32: return gnu ? "R_BPF_INSN_DISP32" : "R_BPF_64_32";
    case 11: return "R_BPF_DATA_32";
    case 12: return "R_BPF_DATA_64";
    case 13: return "R_BPF_DATA_64_PCREL";
    }
  snprintf (buf, len, "<unknown %" PRIu32 ">", type);
  return buf;
}

/* ---- The object, read once ------------------------------------------------ */

struct object
{
  const char *path;
  Elf *elf;
  size_t shstrndx;
  bool big_endian;
  bool executable;      /* ET_EXEC: symbols hold addresses, not offsets */
  Elf_Data *symdata;
  size_t symstr, nsym;
};

static const char *
section_name (const struct object *o, Elf_Scn *scn)
{
  GElf_Shdr sh;
  if (gelf_getshdr (scn, &sh) == NULL)
    return NULL;
  return elf_strptr (o->elf, o->shstrndx, sh.sh_name);
}

static bool
wanted (const struct options *opt, const char *name)
{
  if (opt->n_only == 0)
    return true;
  bool found = false;
  for (int i = 0; i < opt->n_only; i++)
    if (name && strcmp (opt->only[i], name) == 0)
      found = opt->only_found[i] = true;
  return found;
}

/* Name of symbol K for relocations: a section symbol goes by its
 * section's name.  */
static const char *
reloc_symbol_name (const struct object *o, size_t k)
{
  GElf_Sym sym;
  if (o->symdata == NULL || k >= o->nsym
      || gelf_getsym (o->symdata, (int) k, &sym) == NULL)
    return "*unknown*";
  if (GELF_ST_TYPE (sym.st_info) == STT_SECTION)
    {
      Elf_Scn *scn = elf_getscn (o->elf, sym.st_shndx);
      const char *name = scn ? section_name (o, scn) : NULL;
      return name ? name : "*unknown*";
    }
  const char *name = elf_strptr (o->elf, o->symstr, sym.st_name);
  return name && name[0] ? name : "*ABS*";
}

static int
compare_relocs (const void *a, const void *b)
{
  const struct reloc *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The relocations that patch section TARGET, by offset.  */
static struct reloc *
relocs_of (const struct object *o, size_t target, size_t *count)
{
  struct reloc *relocs = NULL;
  size_t n = 0;
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (o->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || sh.sh_info != target
          || (sh.sh_type != SHT_REL && sh.sh_type != SHT_RELA)
          || sh.sh_entsize == 0)
        continue;
      Elf_Data *d = elf_getdata (scn, NULL);
      size_t entries = d ? d->d_size / sh.sh_entsize : 0;
      relocs = realloc (relocs, (n + entries + 1) * sizeof *relocs);
      for (size_t i = 0; i < entries; i++)
        {
          struct reloc *r = &relocs[n];
          if (sh.sh_type == SHT_REL)
            {
              GElf_Rel rel;
              if (gelf_getrel (d, (int) i, &rel) == NULL)
                continue;
              *r = (struct reloc) { rel.r_offset, (uint32_t) GELF_R_TYPE (rel.r_info),
                                    reloc_symbol_name (o, GELF_R_SYM (rel.r_info)),
                                    0, false };
            }
          else
            {
              GElf_Rela rela;
              if (gelf_getrela (d, (int) i, &rela) == NULL)
                continue;
              *r = (struct reloc) { rela.r_offset, (uint32_t) GELF_R_TYPE (rela.r_info),
                                    reloc_symbol_name (o, GELF_R_SYM (rela.r_info)),
                                    rela.r_addend, true };
            }
          n++;
        }
    }
  if (relocs)
    qsort (relocs, n, sizeof *relocs, compare_relocs);
  *count = n;
  return relocs;
}

/* "+0x10" / "-0x8" after a RELA relocation's symbol; nothing for REL.  */
static void
print_addend (const struct reloc *r)
{
  if (!r->has_addend || r->addend == 0)
    return;
  if (r->addend < 0)
    printf ("-0x%" PRIx64, -(uint64_t) r->addend);
  else
    printf ("+0x%" PRIx64, (uint64_t) r->addend);
}

/* ---- Profiles (--profile) --------------------------------------------------- */

static const struct code_section *section_at (const struct listing *ls,
                                              uint64_t addr);

/* The first line of the files ebpf-run --profile=annotate writes; a
 * later format will change the number, and this reader must not guess
 * at what its columns mean.  */
#define PROFILE_MAGIC "# ebpfsim profile 1"

static bool
profile_error (const char *path, size_t line, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static bool
profile_error (const char *path, size_t line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fflush (stdout);
  fprintf (stderr, "ebpf-objdump: %s:%zu: ", path, line);
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\n");
  va_end (ap);
  return false;
}

/* The word at *S made of the characters of SET (at least one), followed
 * by white space or the end; *S moves past that space.  The profile
 * writes plain hex and decimals, and strtoull and strtod would also take
 * signs, "inf" and exponents.  */
static const char *
profile_word (char **s, const char *set, size_t *len)
{
  const char *word = *s;
  *len = strspn (word, set);
  char *end = *s + *len;
  if (*len == 0 || (*end != '\0' && *end != ' ' && *end != '\t'))
    return NULL;
  *s = end + strspn (end, " \t");
  return word;
}

/* "0xADDRESS COUNT CYCLES" into IN.  */
static bool
profile_insn_line (char *s, struct profile_insn *in)
{
  size_t len;
  const char *addr, *count, *cycles;
  if (strncmp (s, "0x", 2) != 0)
    return false;
  s += 2;
  if ((addr = profile_word (&s, "0123456789abcdefABCDEF", &len)) == NULL
      || len > 16
      || (count = profile_word (&s, "0123456789", &len)) == NULL
      || (cycles = profile_word (&s, "0123456789.", &len)) == NULL
      || *s != '\0')
    return false;
  errno = 0;
  in->addr = strtoull (addr, NULL, 16);
  in->count = strtoull (count, NULL, 10);
  in->cycles = strtod (cycles, NULL);
  return errno == 0 && isfinite (in->cycles);
}

/* "# program NAME, N runs, model MODEL".  NAME may hold ", " itself (an
 * object's path does), so N is the first ", DIGITS runs, model " in it.
 * Not of that form, the line is only a comment.  */
static void
profile_program (struct profile *p, const char *s)
{
  static const char runs[] = " runs, model ";
  for (const char *c = strstr (s, ", "); c; c = strstr (c + 1, ", "))
    {
      const char *n = c + 2;
      size_t digits = strspn (n, "0123456789");
      if (digits == 0 || strncmp (n + digits, runs, sizeof runs - 1) != 0)
        continue;
      free (p->program);
      free (p->model);
      p->program = ebpf_xcalloc ((size_t) (c - s) + 1, 1);
      memcpy (p->program, s, (size_t) (c - s));
      p->runs = strtoull (n, NULL, 10);
      p->model = ebpf_xstrdup (n + digits + sizeof runs - 1);
      return;
    }
}

static int
compare_profile_insns (const void *a, const void *b)
{
  const struct profile_insn *x = a, *y = b;
  if (x->addr != y->addr)
    return x->addr < y->addr ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static void
profile_free (struct profile *p)
{
  free (p->program);
  free (p->model);
  free (p->insns);
  *p = (struct profile) { NULL };
}

/* Reads the profile PATH into P, or says what is wrong with it (file and
 * line) and returns false.  */
static bool
profile_read (const char *path, struct profile *p)
{
  *p = (struct profile) { .path = path };
  size_t len;
  char *text = (char *) ebpf_read_file (path, &len);
  if (text == NULL)
    {
      fflush (stdout);
      fprintf (stderr, "ebpf-objdump: %s: %s\n", path, strerror (errno));
      return false;
    }
  bool ok = true;
  size_t number = 0, cap = 0;
  for (char *line = text; ok && line < text + len; )
    {
      char *nl = memchr (line, '\n', (size_t) (text + len - line));
      char *end = nl ? nl : text + len;
      *end = '\0';
      number++;
      if (memchr (line, '\0', (size_t) (end - line)))
        ok = profile_error (path, number, "not a line of text (a NUL byte)");
      else if (number == 1)
        {
          if (strcmp (line, PROFILE_MAGIC) != 0)
            ok = profile_error (path, number, "not a profile of ebpf-run "
                                "--profile=annotate: the first line is not '"
                                PROFILE_MAGIC "'");
        }
      else if (line[0] == '#')
        {
          if (strncmp (line, "# program ", 10) == 0)
            profile_program (p, line + 10);
          else if (strncmp (line, "# entry cycles ", 15) == 0)
            {
              char *s = line + 15;
              const char *cycles;
              size_t n;
              if ((cycles = profile_word (&s, "0123456789.", &n)) && *s == '\0')
                {
                  p->entry = strtod (cycles, NULL);
                  p->has_entry = isfinite (p->entry);
                }
            }
        }
      else if (line[strspn (line, " \t")] != '\0')
        {
          if (p->n == cap)
            {
              cap = cap ? 2 * cap : 256;
              p->insns = ebpf_xrealloc (p->insns, cap * sizeof *p->insns);
            }
          struct profile_insn *in = &p->insns[p->n];
          if (profile_insn_line (line, in))
            {
              in->line = number;
              p->total += in->cycles;
              p->n++;
            }
          else
            ok = profile_error (path, number, "expected '0xADDRESS COUNT "
                                "CYCLES' (hex, decimal, decimal), not '%.80s'",
                                line);
        }
      line = end + 1;
    }
  if (ok && number == 0)
    ok = profile_error (path, 1, "empty, not a profile of ebpf-run "
                        "--profile=annotate");
  if (ok && p->n)
    {
      qsort (p->insns, p->n, sizeof *p->insns, compare_profile_insns);
      /* ebpf-run writes each instruction once; one listed twice (files
       * joined or edited) would have its cycles counted twice.  */
      for (size_t i = 1; ok && i < p->n; i++)
        if (p->insns[i].addr == p->insns[i - 1].addr)
          ok = profile_error (path, p->insns[i].line, "address 0x%" PRIx64
                              " again (first on line %zu)", p->insns[i].addr,
                              p->insns[i - 1].line);
    }
  free (text);
  if (!ok)
    profile_free (p);
  return ok;
}

/* The profile of the instruction at code address ADDR, or NULL when it
 * never ran.  */
static const struct profile_insn *
profile_find (const struct profile *p, uint64_t addr)
{
  size_t lo = 0, hi = p->n;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (p->insns[mid].addr == addr)
        return p->insns[mid].count ? &p->insns[mid] : NULL;
      if (p->insns[mid].addr < addr)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Whether some instruction of profile P is in the code of SECTIONS (at
 * the start of one of its slots).  Every object's code starts at the
 * same code address, so this catches another object's profile only when
 * that program's code lies beyond this object's; it is there so that a
 * profile of nothing here does not pass for code that never ran.  */
static bool
profile_matches (const struct profile *p, const struct code_section *sections,
                 size_t n)
{
  for (size_t i = 0; i < p->n; i++)
    for (size_t k = 0; k < n; k++)
      if (p->insns[i].addr >= sections[k].addr
          && p->insns[i].addr - sections[k].addr < sections[k].size
          && (p->insns[i].addr - sections[k].addr) % EBPF_INSN_SIZE == 0)
        return true;
  return false;
}

static int
compare_line_cycles (const void *a, const void *b)
{
  const struct line_cycles *x = a, *y = b;
  int c = strcmp (x->file, y->file);
  if (c)
    return c;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* The cycles of each source line of LS's code: the sum over the
 * instructions the line table gives that line, wherever they are (a
 * line's code may be in several places).  */
static void
profile_lines (struct listing *ls)
{
  const struct profile *p = ls->profile;
  struct line_cycles *lc = ebpf_xcalloc (p->n + 1, sizeof *lc);
  size_t n = 0;
  for (size_t i = 0; i < p->n; i++)
    {
      const struct ebpf_line *row;
      if (p->insns[i].count == 0 || section_at (ls, p->insns[i].addr) == NULL
          || (row = ebpf_lines_find (ls->lines, p->insns[i].addr)) == NULL
          || row->line == 0 || row->file == NULL)
        continue;
      lc[n++] = (struct line_cycles) { row->file, row->line, p->insns[i].cycles };
    }
  qsort (lc, n, sizeof *lc, compare_line_cycles);
  size_t merged = 0;
  for (size_t i = 0; i < n; i++)
    if (merged > 0 && compare_line_cycles (&lc[merged - 1], &lc[i]) == 0)
      lc[merged - 1].cycles += lc[i].cycles;
    else
      lc[merged++] = lc[i];
  ls->line_cycles = lc;
  ls->n_line_cycles = merged;
}

/* The share of the profile's cycles that CYCLES is, as perf annotate
 * prints it, or a blank column the same width when it NEVER ran.  */
static void
print_share (const struct profile *p, double cycles, bool never)
{
  if (never)
    printf ("        ");
  else
    printf ("%7.2f ", p->total > 0 ? 100.0 * cycles / p->total : 0.0);
}

/* With a profile, before the instruction at byte OFF of the section:
 * its share, blank when it never ran (or when OFF is the second slot of
 * lddw: SECOND).  */
static void
profile_insn_column (const struct listing *ls, uint64_t off, bool second)
{
  if (ls->profile == NULL)
    return;
  const struct profile_insn *in = NULL;
  if (ls->has_lines_base && !second)
    in = profile_find (ls->profile, ls->lines_base + off);
  print_share (ls->profile, in ? in->cycles : 0, in == NULL);
  printf (": ");
}

/* With a profile, before a line about the source: FILE:LINE's share,
 * blank when none of its code ran or when FILE is NULL (a line that is
 * not one of the source, or whose share another line shows).  Its own
 * ';' follows in the LLVM layout, under the instructions' ':'.  */
static void
profile_line_column (const struct listing *ls, const char *file, uint32_t line)
{
  if (ls->profile == NULL)
    return;
  const struct line_cycles *lc = NULL;
  if (file)
    {
      struct line_cycles key = { file, line, 0 };
      lc = bsearch (&key, ls->line_cycles, ls->n_line_cycles, sizeof key,
                    compare_line_cycles);
    }
  print_share (ls->profile, lc ? lc->cycles : 0, lc == NULL);
}

/* The header of a profiled listing: whose profile, and the cycles the
 * shares are of.  */
static void
profile_header (const struct profile *p, bool gnu)
{
  printf (gnu ? "Profile %s: " : "\nProfile %s: ", p->path);
  if (p->program)
    printf ("program %s, %" PRIu64 " run%s, ", p->program, p->runs,
            p->runs == 1 ? "" : "s");
  printf ("%.4f cycles in instructions", p->total);
  if (p->has_entry)
    printf (" (+ %.4f entering)", p->entry);
  if (p->model)
    printf (", model %s", p->model);
  printf ("\n");
}

/* Whether profile P is of the code of LS, whose object is OBJ; if not,
 * a warning, and the listing is the plain one.  */
static bool
profile_applies (const struct profile *p, const struct listing *ls,
                 const char *obj)
{
  if (profile_matches (p, ls->sections, ls->n_sections))
    return true;
  fflush (stdout);
  fprintf (stderr, "ebpf-objdump: warning: %s: no address of the profile is "
           "an instruction of %s\n", p->path, obj);
  return false;
}

/* ---- Source lines beside the code (-l, -S) ---------------------------------- */

/* How many lines before a line the GNU layout shows with it, when they
 * have not been shown yet (as binutils' objdump -S does).  */
#define GNU_CONTEXT_LINES 5

static struct shown *
shown_of (struct listing *ls, const char *file)
{
  for (size_t i = 0; i < ls->n_shown; i++)
    if (strcmp (ls->shown[i].file, file) == 0)
      return &ls->shown[i];
  ls->shown = ebpf_xrealloc (ls->shown, (ls->n_shown + 1) * sizeof *ls->shown);
  ls->shown[ls->n_shown] = (struct shown) { file, 0, false };
  return &ls->shown[ls->n_shown++];
}

/* The source of ROW: in the LLVM layout its line as a comment; in the
 * GNU layout as it is, after those of the lines before it (at most
 * GNU_CONTEXT_LINES) that have not been shown.  Lines whose text neither
 * the file nor BTF has are left out; a line of code without it is
 * reported once a file.  */
static void
show_source (struct listing *ls, const struct ebpf_line *row, bool gnu)
{
  struct shown *sh = shown_of (ls, row->file);
  uint32_t from = row->line;
  if (gnu && row->line > sh->max)
    {
      from = row->line > GNU_CONTEXT_LINES ? row->line - GNU_CONTEXT_LINES : 1;
      if (from <= sh->max)
        from = sh->max + 1;
    }
  for (uint32_t n = from; n < row->line; n++)
    {
      const char *text = ebpf_lines_source_text (ls->lines, row->file, n);
      if (text)
        {
          profile_line_column (ls, row->file, n);
          printf ("%s\n", text);
        }
    }
  const char *text = ebpf_lines_source_text (ls->lines, row->file, row->line);
  if (text)
    {
      profile_line_column (ls, row->file, row->line);
      printf (gnu ? "%s\n" : "; %s\n", text);
    }
  else if (!sh->warned)
    {
      sh->warned = true;
      fflush (stdout);
      fprintf (stderr, "ebpf-objdump: warning: %s: the source of %s:%" PRIu32
               " is neither in the file nor in .BTF.ext\n", ls->path, row->file,
               row->line);
    }
  if (row->line > sh->max)
    sh->max = row->line;
}

/* Before the instruction at byte OFF of the section: with -l the function
 * when it changes and FILE:LINE, with -S the source, when the line
 * changes.  */
static void
show_lines (struct listing *ls, uint64_t off, const struct options *opt)
{
  if (ls == NULL || ls->lines == NULL || !ls->has_lines_base)
    return;
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  uint64_t addr = ls->lines_base + off;
  if (opt->line_numbers)
    {
      const struct ebpf_function *f = ebpf_lines_function_at (ls->lines, addr);
      if (f && f != ls->function)
        {
          profile_line_column (ls, NULL, 0);
          printf (gnu ? "%s():\n" : "; %s():\n", f->name);
          ls->function = f;
          ls->file = NULL;
        }
    }
  const struct ebpf_line *row = ebpf_lines_find (ls->lines, addr);
  if (row == NULL || row->line == 0 || row->file == NULL)
    return;
  if (ls->file && ls->line == row->line && strcmp (ls->file, row->file) == 0)
    return;
  ls->file = row->file;
  ls->line = row->line;
  if (opt->line_numbers)
    {
      /* The line's share once: beside its text when -S shows that.  */
      bool text = opt->source
                  && ebpf_lines_source_text (ls->lines, row->file, row->line);
      profile_line_column (ls, text ? NULL : row->file, row->line);
      printf (gnu ? "%s:%" PRIu32 "\n" : "; %s:%" PRIu32 "\n", row->file, row->line);
    }
  if (opt->source)
    show_source (ls, row, gnu);
}

/* ---- Disassembly ---------------------------------------------------------- */

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

static bool
is_jump (int op)
{
  enum ebpf_shape shape = ebpf_opcodes[op].shape;
  return shape == EBPF_SHAPE_JA || shape == EBPF_SHAPE_JMP_K
         || shape == EBPF_SHAPE_JMP_X || shape == EBPF_SHAPE_JA32;
}

/* The relocations in [FROM, TO), beside the instruction they patch.  */
static void
print_inline_relocs (const struct reloc *relocs, size_t n, size_t *next,
                     uint64_t from, uint64_t to, uint64_t base,
                     const struct options *opt)
{
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  for (; *next < n && relocs[*next].offset < to; ++*next)
    {
      const struct reloc *r = &relocs[*next];
      if (r->offset < from)
        continue;
      char buf[32];
      const char *type = reloc_name (r->type, opt->syntax, buf, sizeof buf);
      if (gnu)
        printf ("\t\t\t%" PRIx64 ": %s\t%s", base + r->offset, type, r->symbol);
      else
        printf ("\t\t%016" PRIx64 ":  %s\t%s", base + r->offset, type, r->symbol);
      print_addend (r);
      printf ("\n");
    }
}

/* The listing of the code of SECTION; LS says what to show beside it and
 * where its byte 0 is.  */
static void
disassemble (const char *section, const uint8_t *code, size_t len,
             bool big_endian, const struct symbol *syms, int nsyms,
             const struct reloc *relocs, size_t nrelocs,
             struct listing *ls, const struct options *opt)
{
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  const uint64_t base = ls->base;
  printf ("\nDisassembly of section %s:\n", section);
  size_t n = len / EBPF_INSN_SIZE, next_reloc = 0;
  ls->function = NULL;
  for (size_t i = 0; i < n;)
    {
      uint64_t addr = i * EBPF_INSN_SIZE;
      for (int s = 0; s < nsyms; s++)
        if (syms[s].value == addr)
          {
            printf ("\n%016" PRIx64 " <%s>:\n", base + addr, syms[s].name);
            ls->file = NULL;
          }
      /* Code before the first symbol: bpf-objdump names it after that
       * symbol, llvm-objdump after the section.  */
      if (i == 0 && gnu && nsyms > 0 && syms[0].value != 0)
        printf ("\n%016" PRIx64 " <%s-0x%" PRIx64 ">:\n", base,
                syms[0].name, syms[0].value);
      else if (i == 0 && (nsyms == 0 || syms[0].value != 0))
        printf ("\n%016" PRIx64 " <%s>:\n", base, section);
      if (i == 0)
        ls->file = NULL;
      show_lines (ls, addr, opt);
      struct ebpf_insn in, next;
      ebpf_insn_decode (code + addr, big_endian, &in);
      bool has_next = i + 1 < n;
      if (has_next)
        ebpf_insn_decode (code + addr + EBPF_INSN_SIZE, big_endian, &next);
      char text[160];
      int slots = ebpf_disasm_dialect (&in, has_next ? &next : NULL, opt->syntax,
                                       &opt->dialect, text, sizeof text);
      profile_insn_column (ls, addr, false);
      if (gnu || ls->code_addresses)
        printf (gnu ? "%4" PRIx64 ":\t" : "%8" PRIx64 ":\t", base + addr);
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
      if (!gnu && op >= 0 && strcmp (text, "<unknown>") != 0 && is_jump (op))
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
          profile_insn_column (ls, addr + EBPF_INSN_SIZE, true);
          printf ("%4" PRIx64 ":\t", base + addr + EBPF_INSN_SIZE);
          if (opt->raw_insn)
            print_bytes (code + addr + EBPF_INSN_SIZE, EBPF_INSN_SIZE, true);
          printf ("\n");
        }
      if (opt->relocs)
        print_inline_relocs (relocs, nrelocs, &next_reloc, addr,
                             addr + (uint64_t) slots * EBPF_INSN_SIZE, base, opt);
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

/* Named symbols of section NDX, by offset in it, for labels and
 * annotations.  */
static struct symbol *
symbols_of (const struct object *o, size_t ndx, int *count)
{
  struct symbol *syms = calloc (o->nsym + 1, sizeof *syms);
  int n = 0;
  GElf_Shdr sh;
  Elf_Scn *scn = elf_getscn (o->elf, ndx);
  uint64_t start = o->executable && scn && gelf_getshdr (scn, &sh) ? sh.sh_addr : 0;
  for (size_t i = 0; i < o->nsym; i++)
    {
      GElf_Sym sym;
      if (gelf_getsym (o->symdata, (int) i, &sym) == NULL
          || sym.st_shndx != ndx || GELF_ST_TYPE (sym.st_info) == STT_SECTION)
        continue;
      const char *name = elf_strptr (o->elf, o->symstr, sym.st_name);
      if (name == NULL || name[0] == '\0')
        continue;
      syms[n++] = (struct symbol) { name, sym.st_value - start };
    }
  qsort (syms, (size_t) n, sizeof *syms, compare_symbols);
  *count = n;
  return syms;
}

static bool
disassemble_section (const struct object *o, Elf_Scn *scn, struct listing *ls,
                     const struct options *opt)
{
  const char *name = section_name (o, scn);
  Elf_Data *data = elf_rawdata (scn, NULL);
  GElf_Shdr sh;
  gelf_getshdr (scn, &sh);
  if (name == NULL || data == NULL || data->d_size != sh.sh_size)
    {
      fprintf (stderr, "ebpf-objdump: %s: section %zu cannot be read\n",
               o->path, elf_ndxscn (scn));
      return false;
    }
  int nsyms;
  struct symbol *syms = symbols_of (o, elf_ndxscn (scn), &nsyms);
  size_t nrelocs = 0;
  struct reloc *relocs = opt->relocs ? relocs_of (o, elf_ndxscn (scn), &nrelocs)
                                     : NULL;
  /* Sections with no code address (those -j names) at their offsets.  */
  const struct code_section *cs = NULL;
  for (size_t i = 0; i < ls->n_sections; i++)
    if (ls->sections[i].index == elf_ndxscn (scn))
      cs = &ls->sections[i];
  ls->has_lines_base = cs != NULL;
  ls->lines_base = cs ? cs->addr : 0;
  ls->base = cs && ls->code_addresses ? cs->addr : 0;
  disassemble (name, data->d_buf, data->d_size, o->big_endian, syms, nsyms,
               relocs, nrelocs, ls, opt);
  free (relocs);
  free (syms);
  return true;
}

/* ---- Relocation tables (-r without -d) ------------------------------------ */

static void
print_reloc_table (const struct object *o, Elf_Scn *target,
                   const struct options *opt)
{
  size_t n;
  struct reloc *relocs = relocs_of (o, elf_ndxscn (target), &n);
  if (n == 0)
    {
      free (relocs);
      return;
    }
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  printf (gnu ? "RELOCATION RECORDS FOR [%s]:\n" "OFFSET           TYPE              VALUE\n"
          : "\nRELOCATION RECORDS FOR [%s]:\n" "OFFSET           TYPE                     VALUE\n",
          section_name (o, target));
  for (size_t i = 0; i < n; i++)
    {
      char buf[32];
      const char *type = reloc_name (relocs[i].type, opt->syntax, buf, sizeof buf);
      printf (gnu ? "%016" PRIx64 " %-16s  %s" : "%016" PRIx64 " %-24s %s",
              relocs[i].offset, type, relocs[i].symbol);
      print_addend (&relocs[i]);
      printf ("\n");
    }
  if (gnu)
    printf ("\n\n");
  free (relocs);
}

/* ---- Section contents (-s) --------------------------------------------------- */

/* Which sections -s shows: bpf-objdump leaves out those that hold the
 * ELF file's own structure; llvm-objdump shows every one.  */
static bool
has_shown_contents (const GElf_Shdr *sh, bool gnu)
{
  if (sh->sh_type == SHT_NULL || sh->sh_size == 0)
    return false;
  if (gnu)
    return sh->sh_type != SHT_NOBITS && sh->sh_type != SHT_SYMTAB
           && sh->sh_type != SHT_STRTAB && sh->sh_type != SHT_REL
           && sh->sh_type != SHT_RELA;
  return true;
}

/* Lines of 16 bytes: offset, four groups of four bytes in hex, the bytes
 * as text.  bpf-objdump sizes the offset for the last byte's and pads the
 * text column; llvm-objdump does neither.  */
static void
dump_contents (const char *name, const uint8_t *bytes, size_t len, bool gnu)
{
  printf ("Contents of section %s:\n", name);
  int width = 4;
  if (gnu)
    for (uint64_t last = len - 1; last >> (4 * width); )
      width++;
  for (size_t line = 0; line < len; line += 16)
    {
      printf (" %0*" PRIx64 " ", width, (uint64_t) line);
      for (size_t j = line; j < line + 16; j++)
        {
          if (j < len)
            printf ("%02x", bytes[j]);
          else
            printf ("  ");
          if ((j & 3) == 3)
            printf (" ");
        }
      printf (" ");
      for (size_t j = line; j < line + 16 && (gnu || j < len); j++)
        putchar (j >= len ? ' ' : bytes[j] >= 0x20 && bytes[j] < 0x7f ? bytes[j] : '.');
      printf ("\n");
    }
}

static bool
dump_section_contents (const struct object *o, Elf_Scn *scn, bool gnu)
{
  GElf_Shdr sh;
  gelf_getshdr (scn, &sh);
  const char *name = section_name (o, scn);
  if (sh.sh_type == SHT_NOBITS)
    {
      printf ("Contents of section %s:\n<skipping contents of bss section at "
              "[%04" PRIx64 ", %04" PRIx64 ")>\n", name, sh.sh_addr,
              sh.sh_addr + sh.sh_size);
      return true;
    }
  Elf_Data *data = elf_rawdata (scn, NULL);
  if (name == NULL || data == NULL || data->d_size != sh.sh_size)
    {
      fprintf (stderr, "ebpf-objdump: %s: section %zu cannot be read\n",
               o->path, elf_ndxscn (scn));
      return false;
    }
  dump_contents (name, data->d_buf, data->d_size, gnu);
  return true;
}

/* ---- Line tables ------------------------------------------------------------ */

/* The sections of code at their code addresses, as libebpfsim lays them
 * out (ebpfsim-debug.h).  */
static struct code_section *
code_sections_of (const struct object *o, bool executable, size_t *count)
{
  struct code_section *cs = NULL;
  size_t n = 0;
  uint64_t next = CODE_BASE;
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (o->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || !(sh.sh_flags & SHF_EXECINSTR)
          || sh.sh_type != SHT_PROGBITS || sh.sh_size == 0)
        continue;
      cs = ebpf_xrealloc (cs, (n + 1) * sizeof *cs);
      const char *name = section_name (o, scn);
      cs[n++] = (struct code_section) { elf_ndxscn (scn), name ? name : "?",
                                        executable ? sh.sh_addr : next,
                                        sh.sh_size };
      next += (sh.sh_size + 7) / 8 * 8;
    }
  *count = n;
  return cs;
}

/* The section of code holding code address ADDR, or NULL.  */
static const struct code_section *
section_at (const struct listing *ls, uint64_t addr)
{
  for (size_t i = 0; i < ls->n_sections; i++)
    if (addr >= ls->sections[i].addr
        && addr - ls->sections[i].addr < ls->sections[i].size)
      return &ls->sections[i];
  return NULL;
}

/* The line tables of the object in IMAGE, or NULL after saying why: an
 * error for --line-table, which has nothing else to show, else a
 * warning.  *OBJ is the object they describe.  */
static ebpf_lines *
open_lines (const char *path, const uint8_t *image, size_t len,
            const struct options *opt, ebpf_object **obj)
{
  struct ebpf_error err = { "" };
  const char *what = opt->line_table ? "" : "warning: ";
  *obj = ebpf_object_open_memory (image, len, path, NULL, &err);
  ebpf_lines *lines = NULL;
  fflush (stdout);
  if (*obj == NULL)
    fprintf (stderr, "ebpf-objdump: %sno line information: %s\n", what, err.message);
  else if ((lines = ebpf_lines_open (*obj, opt->lines_from, &err)) == NULL)
    {
      fprintf (stderr, "ebpf-objdump: %s%s\n", what, err.message);
      ebpf_object_close (*obj);
      *obj = NULL;
    }
  return lines;
}

/* --line-table: each row (code address, its section and offset, line,
 * column, whether a statement starts there, file), then each function
 * (its code, name and where it is defined).  */
static void
print_line_table (struct listing *ls, const struct options *opt)
{
  bool dwarf = ebpf_lines_origin (ls->lines) == EBPF_LINES_DWARF;
  printf ("\nLine table (%s):\n", dwarf ? "DWARF .debug_line" : ".BTF.ext line_info");
  printf ("%-10s %-28s %6s %6s %-4s %s\n", "Address", "Section+offset", "Line",
          "Column", "Stmt", "File");
  for (size_t i = 0; i < ebpf_lines_count (ls->lines); i++)
    {
      const struct ebpf_line *row = ebpf_lines_row (ls->lines, i);
      const struct code_section *cs = section_at (ls, row->addr);
      if (!wanted (opt, cs ? cs->name : NULL))
        continue;
      char where[200] = "-";
      if (cs)
        snprintf (where, sizeof where, "%s+0x%" PRIx64, cs->name, row->addr - cs->addr);
      printf ("%-10" PRIx64 " %-28s %6" PRIu32 " %6" PRIu32 " %-4s %s\n", row->addr,
              where, row->line, row->column, row->is_stmt ? "S" : "-",
              row->file ? row->file : "-");
    }
  printf ("\nFunctions (%s):\n", dwarf ? "DWARF .debug_info" : ".BTF.ext func_info");
  printf ("%-10s %-10s %-28s %s\n", "Low", "High", "Name", "Defined at");
  for (size_t i = 0; i < ebpf_lines_function_count (ls->lines); i++)
    {
      const struct ebpf_function *f = ebpf_lines_function (ls->lines, i);
      const struct code_section *cs = section_at (ls, f->low);
      if (!wanted (opt, cs ? cs->name : NULL))
        continue;
      printf ("%-10" PRIx64 " %-10" PRIx64 " ", f->low, f->high);
      if (f->file)
        printf ("%-28s %s:%" PRIu32 "\n", f->name, f->file, f->line);
      else
        printf ("%s\n", f->name);
    }
}

/* ---- Files ----------------------------------------------------------------- */

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
  struct object o = { .path = path, .elf = elf_memory ((char *) image, len) };
  GElf_Ehdr eh;
  if (o.elf == NULL || elf_kind (o.elf) != ELF_K_ELF
      || gelf_getehdr (o.elf, &eh) == NULL
      || elf_getshdrstrndx (o.elf, &o.shstrndx) != 0)
    {
      fprintf (stderr, "ebpf-objdump: %s: not an ELF object\n", path);
      if (o.elf)
        elf_end (o.elf);
      free (image);
      return EXIT_INPUT;
    }
  o.big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  o.executable = eh.e_type == ET_EXEC;
  const bool gnu = opt->syntax == EBPF_SYNTAX_GNU;
  if (gnu)
    printf ("\n%s:     file format elf64-bpf%s\n\n", path, o.big_endian ? "be" : "le");
  else
    printf ("\n%s:\tfile format elf64-bpf\n", path);

  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (o.elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) && sh.sh_type == SHT_SYMTAB && sh.sh_entsize)
        {
          o.symdata = elf_getdata (scn, NULL);
          o.symstr = sh.sh_link;
          o.nsym = o.symdata ? o.symdata->d_size / sh.sh_entsize : 0;
        }
    }
  int status = EXIT_OK;
  struct listing ls = { .path = path, .code_addresses = opt->code_addresses };
  ls.sections = code_sections_of (&o, o.executable, &ls.n_sections);
  ebpf_object *obj = NULL;
  if (opt->line_numbers || opt->source || opt->line_table)
    ls.lines = open_lines (path, image, len, opt, &obj);
  if (opt->profile && opt->disassemble
      && profile_applies (opt->profile, &ls, path))
    {
      ls.profile = opt->profile;
      if (ls.lines)
        profile_lines (&ls);
    }
  if (opt->line_table)
    {
      if (ls.lines)
        print_line_table (&ls, opt);
      else
        status = EXIT_INPUT;
    }
  /* objdump's order: contents, then disassembly or relocation tables.  */
  for (int pass = 0; pass < 2; pass++)
    {
      if ((pass == 0 && !opt->contents)
          || (pass == 1 && !opt->disassemble && !opt->relocs))
        continue;
      if (pass == 1 && ls.profile)
        profile_header (ls.profile, gnu);
      scn = NULL;
      while ((scn = elf_nextscn (o.elf, scn)) != NULL)
        {
          GElf_Shdr sh;
          if (gelf_getshdr (scn, &sh) == NULL || !wanted (opt, section_name (&o, scn)))
            continue;
          bool ok = true;
          if (pass == 0)
            {
              if (has_shown_contents (&sh, gnu))
                ok = dump_section_contents (&o, scn, gnu);
            }
          else if (!opt->disassemble)
            print_reloc_table (&o, scn, opt);
          /* Code sections, or any section -j names, as both tools do.  */
          else if (sh.sh_type == SHT_PROGBITS && sh.sh_size > 0
                   && ((sh.sh_flags & SHF_EXECINSTR) || opt->n_only > 0))
            ok = disassemble_section (&o, scn, &ls, opt);
          if (!ok)
            status = EXIT_INPUT;
        }
    }
  ebpf_lines_close (ls.lines);
  ebpf_object_close (obj);
  free ((void *) ls.sections);
  free (ls.shown);
  free (ls.line_cycles);
  elf_end (o.elf);
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
  /* Bytecode with no object starts at the first code address (ebpf-run
   * --raw runs it there too, so its profiles fit).  */
  struct code_section all = { 0, "code", CODE_BASE, len };
  struct listing ls = { .path = path, .code_addresses = opt->code_addresses,
                        .base = opt->code_addresses ? CODE_BASE : 0,
                        .sections = &all, .n_sections = 1,
                        .lines_base = CODE_BASE, .has_lines_base = true };
  if (opt->profile && profile_applies (opt->profile, &ls, path))
    {
      ls.profile = opt->profile;
      profile_header (ls.profile, false);
    }
  disassemble ("code", code, len, big_endian, NULL, 0, NULL, 0, &ls, opt);
  if (code != bytes)
    free (code);
  free (bytes);
  return EXIT_OK;
}

int
main (int argc, char **argv)
{
  enum { OPT_NO_RAW = 256, OPT_RAW, OPT_BE, OPT_COMPAT, OPT_LINES,
         OPT_LINE_TABLE, OPT_CODE_ADDRESSES, OPT_PROFILE };
  static const struct option options[] = {
    { "disassemble", no_argument, NULL, 'd' },
    { "reloc", no_argument, NULL, 'r' },
    { "full-contents", no_argument, NULL, 's' },
    { "section", required_argument, NULL, 'j' },
    { "line-numbers", no_argument, NULL, 'l' },
    { "source", no_argument, NULL, 'S' },
    { "lines", required_argument, NULL, OPT_LINES },
    { "line-table", no_argument, NULL, OPT_LINE_TABLE },
    { "code-addresses", no_argument, NULL, OPT_CODE_ADDRESSES },
    { "debug-image-addresses", no_argument, NULL, OPT_CODE_ADDRESSES },
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "architecture", required_argument, NULL, 'm' },
    { "compat", required_argument, NULL, OPT_COMPAT },
    { "no-show-raw-insn", no_argument, NULL, OPT_NO_RAW },
    { "raw", no_argument, NULL, OPT_RAW },
    { "big-endian", no_argument, NULL, OPT_BE },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  struct options opt = { .syntax = EBPF_SYNTAX_LLVM, .raw_insn = true };
  /* Static, so that they stay reachable on every way out (leak checkers).  */
  static const char **only;
  static bool *only_found;
  only = calloc ((size_t) argc, sizeof *only);
  only_found = calloc ((size_t) argc, sizeof *only_found);
  if (only == NULL || only_found == NULL)
    {
      fprintf (stderr, "ebpf-objdump: out of memory\n");
      return EXIT_USAGE;
    }
  opt.only = only;
  opt.only_found = only_found;
  bool raw = false, big_endian = false;
  const char *profile_path = NULL;
  int c;
  while ((c = getopt_long (argc, argv, "drsj:lSm:M:hV", options, NULL)) != -1)
    switch (c)
      {
      case 'd': opt.disassemble = true; break;
      case 'r': opt.relocs = true; break;
      case 's': opt.contents = true; break;
      case 'j': opt.only[opt.n_only++] = optarg; break;
      case 'l': opt.line_numbers = true; break;
      case 'S': opt.source = opt.disassemble = true; break;
      case OPT_LINES:
        if (strcmp (optarg, "dwarf") == 0)
          opt.lines_from = EBPF_LINES_DWARF;
        else if (strcmp (optarg, "btf") == 0)
          opt.lines_from = EBPF_LINES_BTF;
        else
          {
            fprintf (stderr, "ebpf-objdump: unknown --lines '%s' (dwarf, btf)\n",
                     optarg);
            return EXIT_USAGE;
          }
        break;
      case OPT_LINE_TABLE: opt.line_table = true; break;
      case OPT_CODE_ADDRESSES: opt.code_addresses = true; break;
      /* Like -S, it is about the disassembly, so it asks for one.  */
      case OPT_PROFILE: profile_path = optarg; opt.disassemble = true; break;
      case 'm':
        if (strcmp (optarg, "xbpf") == 0)
          opt.dialect.xbpf = true;
        else if (strcmp (optarg, "bpf") != 0)
          {
            fprintf (stderr, "ebpf-objdump: unknown architecture '%s' (bpf, xbpf)\n",
                     optarg);
            return EXIT_USAGE;
          }
        break;
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
      case OPT_COMPAT:
        if (strcmp (optarg, "binutils-2.40") != 0)
          {
            fprintf (stderr, "ebpf-objdump: unknown --compat '%s' (binutils-2.40)\n",
                     optarg);
            return EXIT_USAGE;
          }
        opt.dialect.binutils_2_40 = true;
        break;
      case OPT_NO_RAW: opt.raw_insn = false; break;
      case OPT_RAW: raw = true; break;
      case OPT_BE: big_endian = true; break;
      case 'h': usage (stdout); return EXIT_OK;
      case 'V':
        printf ("ebpf-objdump (ebpfsim) " PACKAGE_VERSION "\n"
                "Copyright (C) 2026 The ebpfsim authors.\n"
                "License GPLv3+: GNU GPL version 3 or later.\n");
        return EXIT_OK;
      default: usage (stderr); return EXIT_USAGE;
      }
  if (!opt.disassemble && !opt.relocs && !opt.contents && !opt.line_table)
    opt.disassemble = true;
  if (optind == argc)
    {
      fprintf (stderr, "ebpf-objdump: no input files\n");
      usage (stderr);
      return EXIT_USAGE;
    }
  /* Read before any listing, so that a bad profile is all that is said;
   * static as the lists above.  */
  static struct profile profile;
  if (profile_path)
    {
      if (!profile_read (profile_path, &profile))
        {
          free (opt.only);
          free (opt.only_found);
          return EXIT_INPUT;
        }
      opt.profile = &profile;
    }
  int status = EXIT_OK;
  for (int i = optind; i < argc; i++)
    {
      int s = raw ? dump_raw (argv[i], big_endian, &opt) : dump_elf (argv[i], &opt);
      if (s != EXIT_OK)
        status = s;
    }
  for (int i = 0; i < opt.n_only; i++)
    if (!opt.only_found[i])
      fprintf (stderr, "ebpf-objdump: section '%s' mentioned in a -j option, "
               "but not found in any input file\n", opt.only[i]);
  free (opt.only);
  free (opt.only_found);
  profile_free (&profile);
  return status;
}
