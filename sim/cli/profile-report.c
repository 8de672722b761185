/* profile-report.c — a profile (ebpfsim-debug.h) as people read it: the
 * report of --profile (by function, source line, helper and map, hottest
 * first), folded stacks for flame graphs, the per-instruction file that
 * ebpf-objdump --profile annotates, and the same numbers in JSON.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "ebpf-run.h"
#include "ebpfsim-debug.h"
#include "json.h"
#include "profile-report.h"
#include "xalloc.h"

/* One row of a table: what the instructions of one function, line,
 * helper or map add up to.  */
struct row
{
  char *key;             /* what rows are merged by */
  char *label;           /* what is printed */
  uint64_t count;        /* executions or calls */
  uint64_t insns;
  double cycles;
};

struct table
{
  struct row *rows;
  size_t n, cap;
};

static void
add_row (struct table *t, const char *key, const char *label, uint64_t count,
         double cycles)
{
  if (t->n == t->cap)
    {
      t->cap = t->cap ? 2 * t->cap : 64;
      t->rows = ebpf_xrealloc (t->rows, t->cap * sizeof *t->rows);
    }
  t->rows[t->n++] = (struct row) { ebpf_xstrdup (key), ebpf_xstrdup (label),
                                   count, count, cycles };
}

static int
by_key (const void *a, const void *b)
{
  return strcmp (((const struct row *) a)->key, ((const struct row *) b)->key);
}

static int
hottest_first (const void *a, const void *b)
{
  const struct row *x = a, *y = b;
  if (x->cycles != y->cycles)
    return x->cycles < y->cycles ? 1 : -1;
  return strcmp (x->key, y->key);
}

/* Rows of one key become one; then the hottest first.  */
static void
merge (struct table *t)
{
  qsort (t->rows, t->n, sizeof *t->rows, by_key);
  size_t out = 0;
  for (size_t i = 0; i < t->n; i++)
    if (out > 0 && strcmp (t->rows[out - 1].key, t->rows[i].key) == 0)
      {
        t->rows[out - 1].count += t->rows[i].count;
        t->rows[out - 1].insns += t->rows[i].insns;
        t->rows[out - 1].cycles += t->rows[i].cycles;
        free (t->rows[i].key);
        free (t->rows[i].label);
      }
    else
      t->rows[out++] = t->rows[i];
  t->n = out;
  qsort (t->rows, t->n, sizeof *t->rows, hottest_first);
}

static void
free_table (struct table *t)
{
  for (size_t i = 0; i < t->n; i++)
    {
      free (t->rows[i].key);
      free (t->rows[i].label);
    }
  free (t->rows);
  memset (t, 0, sizeof *t);
}

/* The name of the function at ADDR: from the line tables, else the
 * program whose code holds it, else PROG's (bytecode has no symbols).  */
static void
function_name (const ebpf_object *obj, const ebpf_program *prog, uint64_t addr,
               char *buf, size_t len)
{
  const ebpf_lines *lines = run_lines (obj);
  const struct ebpf_function *f = lines ? ebpf_lines_function_at (lines, addr) : NULL;
  if (f)
    {
      snprintf (buf, len, "%s", f->name);
      return;
    }
  for (int i = 0; obj && i < ebpf_object_program_count (obj); i++)
    {
      uint64_t low, high;
      if (ebpf_object_program_code (obj, i, &low, &high) == 0
          && addr >= low && addr < high)
        {
          snprintf (buf, len, "%s", ebpf_object_program_name (obj, i));
          return;
        }
    }
  snprintf (buf, len, "%s", ebpf_program_name (prog));
}

/* The helper the instruction at ADDR calls, or -1 when it is no helper
 * call.  */
static int32_t
helper_called (const ebpf_machine *m, const ebpf_program *prog, uint64_t addr)
{
  uint8_t bytes[EBPF_INSN_SIZE];
  struct ebpf_insn insn;
  if (!ebpf_machine_read_code (m, addr, bytes, sizeof bytes))
    return -1;
  ebpf_insn_decode (bytes, ebpf_program_big_endian (prog), &insn);
  int op = ebpf_opcode_lookup (&insn);
  return op == EBPF_OP_CALL_HELPER ? insn.imm : -1;
}

/* Everything a report prints, gathered once.  */
struct profile
{
  struct table functions, lines, helpers, maps;
  uint64_t runs, insns;
  double cycles, entry_cycles;
};

static void
gather (const ebpf_machine *m, const ebpf_object *obj, const ebpf_program *prog,
        struct profile *p)
{
  memset (p, 0, sizeof *p);
  ebpf_machine_profile_totals (m, &p->runs, &p->entry_cycles);
  p->cycles = p->entry_cycles;
  size_t n;
  struct ebpf_profile_insn *insns = ebpf_machine_profile_insns (m, &n);
  ebpf_lines *lines = run_lines (obj);
  for (size_t i = 0; insns && i < n; i++)
    {
      const struct ebpf_profile_insn *in = &insns[i];
      p->insns += in->count;
      p->cycles += in->cycles;
      char name[256], key[600], label[600];
      function_name (obj, prog, in->addr, name, sizeof name);
      add_row (&p->functions, name, name, in->count, in->cycles);
      const struct ebpf_line *row = lines ? ebpf_lines_find (lines, in->addr) : NULL;
      if (row && row->line)
        {
          const char *base = strrchr (row->file, '/');
          /* Sorted by file, then line as a number.  */
          snprintf (key, sizeof key, "%s:%010" PRIu32, row->file, row->line);
          snprintf (label, sizeof label, "%s:%" PRIu32, base ? base + 1 : row->file,
                    row->line);
        }
      else
        snprintf (key, sizeof key, "%s", "(no line)");
      add_row (&p->lines, key, row && row->line ? label : key, in->count, in->cycles);
      int32_t helper = helper_called (m, prog, in->addr);
      if (helper >= 0)
        {
          const char *h = ebpf_helper_name_of (helper);
          if (h)
            snprintf (label, sizeof label, "%s", h);
          else
            snprintf (label, sizeof label, "helper %" PRId32, helper);
          add_row (&p->helpers, label, label, in->count, in->cycles);
        }
    }
  free (insns);
  for (int i = 0; i < ebpf_machine_map_count (m); i++)
    {
      uint64_t calls;
      double cycles;
      struct ebpf_map_info info;
      ebpf_machine_map_info (m, i, &info);
      if (ebpf_machine_profile_map (m, i, &calls, &cycles) && calls)
        add_row (&p->maps, info.name, info.name, calls, cycles);
    }
  merge (&p->functions);
  merge (&p->lines);
  merge (&p->helpers);
  merge (&p->maps);
}

static void
free_profile (struct profile *p)
{
  free_table (&p->functions);
  free_table (&p->lines);
  free_table (&p->helpers);
  free_table (&p->maps);
}

static double
share (double part, double whole)
{
  return whole > 0 ? 100.0 * part / whole : 0;
}

static void
print_table (FILE *out, const char *title, const char *count_name,
             const struct table *t, const struct profile *p, double ns_per_cycle,
             ebpf_lines *lines, bool source)
{
  if (t->n == 0)
    return;
  fprintf (out, "\n%s\n%12s %7s %10s %10s  %s\n", title, "cycles", "%", "time ns",
           count_name, "");
  for (size_t i = 0; i < t->n; i++)
    {
      const struct row *r = &t->rows[i];
      fprintf (out, "%12.1f %6.1f%% %10.1f %10" PRIu64 "  %s", r->cycles,
               share (r->cycles, p->cycles), r->cycles * ns_per_cycle, r->count,
               r->label);
      /* A line's source text, from the file or BTF.  */
      const char *colon = source ? strrchr (r->key, ':') : NULL;
      if (colon && lines)
        {
          char file[600];
          snprintf (file, sizeof file, "%.*s", (int) (colon - r->key), r->key);
          const char *text = ebpf_lines_source_text (lines, file,
                                                     (uint32_t) strtoul (colon + 1, NULL, 10));
          if (text)
            {
              while (*text == ' ' || *text == '\t')
                text++;
              fprintf (out, "  %s", text);
            }
        }
      fputc ('\n', out);
    }
}

static void
print_report (const ebpf_machine *m, const ebpf_object *obj, const struct profile *p,
              FILE *out)
{
  const ebpf_cost_model *model = ebpf_machine_cost_model (m);
  double ns_per_cycle = 1e9 / (double) ebpf_cost_model_clock_hz (model);
  fprintf (out, "Profile: %" PRIu64 " run%s, %" PRIu64 " instructions, %.1f cycles, "
           "%.1f ns at %.3f GHz (%s)\n", p->runs, p->runs == 1 ? "" : "s",
           p->insns, p->cycles, p->cycles * ns_per_cycle,
           (double) ebpf_cost_model_clock_hz (model) / 1e9,
           ebpf_cost_model_name (model));
  fprintf (out, "%12.1f %6.1f%% %10.1f %10" PRIu64 "  entering the program (the "
           "model's run cost)\n", p->entry_cycles, share (p->entry_cycles, p->cycles),
           p->entry_cycles * ns_per_cycle, p->runs);
  ebpf_lines *lines = run_lines (obj);
  print_table (out, "By function:", "insns", &p->functions, p, ns_per_cycle, lines,
               false);
  print_table (out, "By source line:", "insns", &p->lines, p, ns_per_cycle, lines,
               true);
  print_table (out, "By helper (the calls' cycles):", "calls", &p->helpers, p,
               ns_per_cycle, lines, false);
  print_table (out, "By map (helper calls given the map):", "calls", &p->maps, p,
               ns_per_cycle, lines, false);
}

/* Folded stacks, "entry;caller;callee CYCLES" a line, as flamegraph.pl
 * and speedscope read them: whole cycles, rounded so that the lines add
 * up to the total rounded.  */
static void
print_folded (const ebpf_machine *m, const ebpf_object *obj, const ebpf_program *prog,
              FILE *out)
{
  size_t n = ebpf_machine_profile_call_count (m);
  uint64_t runs;
  double entry, done = 0;
  ebpf_machine_profile_totals (m, &runs, &entry);
  uint64_t printed = 0;
  /* The run cost belongs to the program, before its code.  */
  if (entry > 0)
    {
      done += entry;
      uint64_t w = (uint64_t) (done + 0.5) - printed;
      printed += w;
      /* Node 0 is the entry program's.  */
      char name[256];
      struct ebpf_profile_call root;
      if (n > 0)
        {
          ebpf_machine_profile_call (m, 0, &root);
          function_name (obj, prog, root.function, name, sizeof name);
        }
      else
        snprintf (name, sizeof name, "%s", ebpf_program_name (prog));
      if (w)
        fprintf (out, "%s;[enter] %" PRIu64 "\n", name, w);
    }
  for (size_t i = 0; i < n; i++)
    {
      struct ebpf_profile_call c;
      ebpf_machine_profile_call (m, i, &c);
      if (c.cycles <= 0)
        continue;
      done += c.cycles;
      uint64_t w = (uint64_t) (done + 0.5) - printed;
      printed += w;
      if (w == 0)
        continue;
      /* The stack from its entry: walk up, then print down.  */
      char stack[4096] = "";
      size_t len = 0;
      for (int f = (int) i; f >= 0; )
        {
          struct ebpf_profile_call up;
          ebpf_machine_profile_call (m, (size_t) f, &up);
          char name[256];
          function_name (obj, prog, up.function, name, sizeof name);
          size_t nl = strlen (name);
          if (len + nl + 1 >= sizeof stack)
            break;
          memmove (stack + nl + (len ? 1 : 0), stack, len + 1);
          memcpy (stack, name, nl);
          if (len)
            stack[nl] = ';';
          len += nl + (len ? 1 : 0);
          f = up.parent;
        }
      fprintf (out, "%s %" PRIu64 "\n", stack, w);
    }
}

static void
print_annotation (const ebpf_machine *m, const ebpf_program *prog, FILE *out)
{
  uint64_t runs;
  double entry;
  ebpf_machine_profile_totals (m, &runs, &entry);
  fprintf (out, "# ebpfsim profile 1\n# program %s, %" PRIu64 " runs, model %s\n"
           "# entry cycles %.4f\n# address count cycles\n",
           ebpf_program_name (prog), runs,
           ebpf_cost_model_name (ebpf_machine_cost_model (m)), entry);
  size_t n;
  struct ebpf_profile_insn *insns = ebpf_machine_profile_insns (m, &n);
  for (size_t i = 0; insns && i < n; i++)
    fprintf (out, "0x%" PRIx64 " %" PRIu64 " %.4f\n", insns[i].addr,
             insns[i].count, insns[i].cycles);
  free (insns);
}

void
run_print_profile (const ebpf_machine *m, const ebpf_object *obj,
                   const ebpf_program *prog, enum run_profile_format format,
                   FILE *out)
{
  if (format == RUN_PROFILE_FOLDED)
    print_folded (m, obj, prog, out);
  else if (format == RUN_PROFILE_ANNOTATE)
    print_annotation (m, prog, out);
  else
    {
      struct profile p;
      gather (m, obj, prog, &p);
      print_report (m, obj, &p, out);
      free_profile (&p);
    }
}

static void
json_table (FILE *out, const char *name, const char *count_name,
            const struct table *t)
{
  fprintf (out, ", \"%s\": [", name);
  for (size_t i = 0; i < t->n; i++)
    {
      fprintf (out, "%s{\"name\": ", i ? ", " : "");
      ebpf_json_write_string (out, t->rows[i].label);
      fprintf (out, ", \"%s\": %" PRIu64 ", \"cycles\": %.4f}", count_name,
               t->rows[i].count, t->rows[i].cycles);
    }
  fprintf (out, "]");
}

void
run_profile_json (const ebpf_machine *m, const ebpf_object *obj,
                  const ebpf_program *prog, FILE *out)
{
  struct profile p;
  gather (m, obj, prog, &p);
  fprintf (out, ", \"profile\": {\"runs\": %" PRIu64 ", \"instructions\": %" PRIu64
           ", \"cycles\": %.4f, \"entry_cycles\": %.4f", p.runs, p.insns, p.cycles,
           p.entry_cycles);
  json_table (out, "functions", "instructions", &p.functions);
  json_table (out, "lines", "instructions", &p.lines);
  json_table (out, "helpers", "calls", &p.helpers);
  json_table (out, "maps", "calls", &p.maps);
  fprintf (out, "}");
  free_profile (&p);
}
