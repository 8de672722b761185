/* cost-model.c — reading a cycle model (doc/ebpf-cost-model.5).
 *
 * A model file is a list of lines "KEYWORD ARGS... # comment"; a file
 * starts from the built-in model and sets what it names, so that a
 * calibration of one helper is a one-line file.  "base none" as the
 * first line starts from zero costs instead.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "maps/map.h"
#include "cost-model.h"
#include "helper.h"
#include "read-file.h"

const char *
ebpf_cost_region_name (enum ebpf_cost_region region)
{
  static const char *const names[] = {
    [EBPF_COST_STACK] = "stack", [EBPF_COST_PACKET] = "packet",
    [EBPF_COST_CONTEXT] = "context", [EBPF_COST_MAP_VALUE] = "map",
    [EBPF_COST_OTHER_MEMORY] = "memory",
  };
  return region < EBPF_COST_REGIONS ? names[region] : "?";
}

const char *
ebpf_cost_map_op_name (enum ebpf_cost_map_op op)
{
  static const char *const names[] = {
    [EBPF_COST_LOOKUP] = "lookup", [EBPF_COST_UPDATE] = "update",
    [EBPF_COST_DELETE] = "delete", [EBPF_COST_PUSH] = "push",
    [EBPF_COST_POP] = "pop", [EBPF_COST_PEEK] = "peek",
  };
  return op < EBPF_COST_MAP_OPS ? names[op] : "?";
}

/* The instruction classes of the opcode table's COST column.  */
static const char *const class_names[EBPF_COST_CLASSES] = {
  [EBPF_COST_ALU] = "alu", [EBPF_COST_MUL] = "mul", [EBPF_COST_DIV] = "div",
  [EBPF_COST_LOAD] = "load", [EBPF_COST_STORE] = "store",
  [EBPF_COST_ATOMIC] = "atomic", [EBPF_COST_BRANCH] = "branch",
  [EBPF_COST_CALL] = "call", [EBPF_COST_EXIT] = "exit",
  [EBPF_COST_LDDW] = "lddw",
};

/* One line's reader: its words, where it is, and the error to report.  */
struct line
{
  char *word[8];
  int n;
  const char *file;
  unsigned number;
  struct ebpf_error *err;
};

static bool
fail (struct line *l, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static bool
fail (struct line *l, const char *fmt, ...)
{
  char what[EBPF_ERROR_MAX];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (what, sizeof what, fmt, ap);
  va_end (ap);
  ebpf_error_set (l->err, "%s:%u: %s", l->file, l->number, what);
  return false;
}

/* Word I as a cost in units, at most MAX units.  */
static bool
cost_word (struct line *l, int i, uint64_t max, uint64_t *units)
{
  if (i >= l->n)
    return fail (l, "'%s' needs a cost in cycles", l->word[0]);
  char *end;
  errno = 0;
  double cycles = strtod (l->word[i], &end);
  if (end == l->word[i] || *end != '\0' || errno || !isfinite (cycles))
    return fail (l, "'%s' is not a number of cycles", l->word[i]);
  double scaled = cycles * EBPF_COST_SCALE;
  if (cycles < 0 || scaled > (double) max)
    return fail (l, "cost %s is out of range (0 to %.2f cycles)", l->word[i],
                 (double) max / EBPF_COST_SCALE);
  *units = (uint64_t) (scaled + 0.5);
  return true;
}

static bool
arity (struct line *l, int least, int most, const char *usage)
{
  if (l->n < least || l->n > most)
    return fail (l, "expected '%s'", usage);
  return true;
}

/* "insn NAME CYCLES": NAME is a class, an op of the table, or an op
 * without its _k/_x suffix (both forms).  */
static bool
set_insn (struct ebpf_cost_model *model, struct line *l)
{
  uint64_t units;
  if (!arity (l, 3, 3, "insn NAME CYCLES") || !cost_word (l, 2, UINT16_MAX, &units))
    return false;
  const char *name = l->word[1];
  bool found = false;
  for (int c = 0; c < EBPF_COST_CLASSES; c++)
    if (strcasecmp (name, class_names[c]) == 0)
      {
        for (int op = 0; op < EBPF_OP_COUNT; op++)
          if (ebpf_opcodes[op].cost == (enum ebpf_cost) c)
            model->op[op] = (uint16_t) units;
        return true;
      }
  size_t len = strlen (name);
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    {
      const char *id = ebpf_opcodes[op].id;
      if (strcasecmp (id, name) == 0
          || (strncasecmp (id, name, len) == 0 && id[len] == '_'
              && (id[len + 1] == 'K' || id[len + 1] == 'X') && id[len + 2] == '\0'))
        {
          model->op[op] = (uint16_t) units;
          found = true;
        }
    }
  return found || fail (l, "no instruction or class named '%s' (classes: alu, "
                        "mul, div, load, store, atomic, branch, call, exit, "
                        "lddw; ops as in ebpf-opcodes.def, e.g. add64, "
                        "ldx_w, jeq32_k)", name);
}

static bool
set_run (struct ebpf_cost_model *model, struct line *l)
{
  uint64_t units;
  if (!arity (l, 3, 3, "run KIND CYCLES") || !cost_word (l, 2, UINT32_MAX, &units))
    return false;
  for (int k = 0; k <= EBPF_CONTEXT_RAW; k++)
    if (strcmp (l->word[1], ebpf_context_kind_name ((enum ebpf_context_kind) k)) == 0)
      {
        model->run[k] = (uint32_t) units;
        return true;
      }
  return fail (l, "no program kind named '%s' (memory, xdp, tc, socket, "
               "tracing)", l->word[1]);
}

static bool
set_region (struct ebpf_cost_model *model, struct line *l)
{
  uint64_t units;
  if (!arity (l, 3, 3, "region KIND CYCLES") || !cost_word (l, 2, UINT16_MAX, &units))
    return false;
  for (int r = 0; r < EBPF_COST_REGIONS; r++)
    if (strcmp (l->word[1], ebpf_cost_region_name ((enum ebpf_cost_region) r)) == 0)
      {
        model->region[r] = (uint16_t) units;
        return true;
      }
  return fail (l, "no memory region named '%s' (stack, packet, context, map, "
               "memory)", l->word[1]);
}

/* The last words of a sized cost: CYCLES [PER_BYTE].  */
static bool
sized_cost (struct line *l, int i, struct ebpf_sized_cost *cost)
{
  uint64_t base, per_byte = 0;
  if (!cost_word (l, i, UINT32_MAX, &base)
      || (i + 1 < l->n && !cost_word (l, i + 1, UINT32_MAX, &per_byte)))
    return false;
  cost->base = (uint32_t) base;
  cost->per_byte = (uint32_t) per_byte;
  cost->set = true;
  return true;
}

static bool
set_helper (struct ebpf_cost_model *model, struct line *l)
{
  if (!arity (l, 3, 4, "helper NAME CYCLES [PER_BYTE]"))
    return false;
  int id = ebpf_helper_id (l->word[1]);
  if (id < 0 || id >= EBPF_COST_HELPERS)
    return fail (l, "no helper named '%s' in linux/bpf.h", l->word[1]);
  return sized_cost (l, 2, &model->helper[id]);
}

static bool
set_map (struct ebpf_cost_model *model, struct line *l)
{
  if (!arity (l, 4, 5, "map TYPE OPERATION CYCLES [PER_BYTE]"))
    return false;
  int type = ebpf_map_type_by_name (l->word[1]);
  if (type < 0 || type >= EBPF_COST_MAP_TYPES)
    return fail (l, "no map type named '%s' (as ebpf-run --list names them: "
                 "hash, array, percpu_hash, lru_hash, ...)", l->word[1]);
  for (int op = 0; op < EBPF_COST_MAP_OPS; op++)
    if (strcmp (l->word[2], ebpf_cost_map_op_name ((enum ebpf_cost_map_op) op)) == 0)
      return sized_cost (l, 3, &model->map[type][op]);
  return fail (l, "no map operation named '%s' (lookup, update, delete, "
               "push, pop, peek)",
               l->word[2]);
}

static bool
set_clock (struct ebpf_cost_model *model, struct line *l)
{
  if (!arity (l, 2, 2, "clock-hz HERTZ"))
    return false;
  char *end;
  errno = 0;
  double hz = strtod (l->word[1], &end);
  if (end == l->word[1] || *end || errno || !(hz >= 1e6 && hz <= 1e12))
    return fail (l, "clock rate '%s' is not a number of hertz between 1e6 "
                 "and 1e12", l->word[1]);
  model->clock_hz = (uint64_t) (hz + 0.5);
  return true;
}

/* Splits LINE into words, dropping a comment; false when it has too many.  */
static bool
split (char *text, struct line *l)
{
  char *hash = strchr (text, '#');
  if (hash)
    *hash = '\0';
  l->n = 0;
  for (char *save = NULL, *w = strtok_r (text, " \t\r", &save); w;
       w = strtok_r (NULL, " \t\r", &save))
    {
      if (l->n == (int) (sizeof l->word / sizeof l->word[0]))
        return fail (l, "too many words");
      l->word[l->n++] = w;
    }
  return true;
}

static bool
parse_line (struct ebpf_cost_model *model, struct line *l)
{
  static const struct
  {
    const char *keyword;
    bool (*set) (struct ebpf_cost_model *, struct line *);
  } keywords[] = {
    { "clock-hz", set_clock }, { "run", set_run }, { "insn", set_insn },
    { "region", set_region }, { "helper", set_helper }, { "map", set_map },
  };
  const char *k = l->word[0];
  if (strcmp (k, "taken") == 0)
    {
      uint64_t units;
      if (!arity (l, 2, 2, "taken CYCLES") || !cost_word (l, 1, UINT16_MAX, &units))
        return false;
      model->taken = (uint16_t) units;
      return true;
    }
  if (strcmp (k, "base") == 0)
    return fail (l, "'base' must be the first line of a model");
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (strcmp (k, keywords[i].keyword) == 0)
      return keywords[i].set (model, l);
  return fail (l, "unknown keyword '%s' (clock-hz, run, insn, taken, region, "
               "helper, map, base)", k);
}

/* A model from TEXT (named NAME in messages), starting from BASE or, when
 * BASE is NULL or the text says "base none", from zero costs.  */
static struct ebpf_cost_model *
parse (const char *text, const char *name, const struct ebpf_cost_model *base,
       struct ebpf_error *err)
{
  struct ebpf_cost_model *model = malloc (sizeof *model);
  char *copy = strdup (text);
  char *model_name = strdup (name);
  if (model == NULL || copy == NULL || model_name == NULL)
    {
      free (model); free (copy); free (model_name);
      ebpf_error_set (err, "%s: out of memory", name);
      return NULL;
    }
  if (base)
    *model = *base;
  else
    memset (model, 0, sizeof *model);
  model->name = model_name;
  struct line l = { .file = name, .err = err };
  bool first = true, ok = true;
  char *next = copy;
  for (unsigned number = 1; ok && next; number++)
    {
      char *text_line = next;
      next = strchr (next, '\n');
      if (next)
        *next++ = '\0';
      l.number = number;
      ok = split (text_line, &l);
      if (!ok || l.n == 0)
        continue;
      if (first && strcmp (l.word[0], "base") == 0)
        {
          if (l.n != 2 || (strcmp (l.word[1], "none") && strcmp (l.word[1], "default")))
            ok = fail (&l, "expected 'base none' or 'base default'");
          else if (strcmp (l.word[1], "none") == 0)
            {
              memset (model, 0, sizeof *model);
              model->name = model_name;
            }
        }
      else
        ok = parse_line (model, &l);
      first = false;
    }
  free (copy);
  if (ok && model->clock_hz == 0)
    {
      ebpf_error_set (err, "%s: no clock-hz line: the model cannot turn "
                      "cycles into time", name);
      ok = false;
    }
  if (!ok)
    {
      ebpf_cost_model_free (model);
      return NULL;
    }
  return model;
}

ebpf_cost_model *
ebpf_cost_model_parse (const char *text, const char *name,
                       struct ebpf_error *err)
{
  return parse (text, name, ebpf_cost_model_builtin (), err);
}

ebpf_cost_model *
ebpf_cost_model_load (const char *path, struct ebpf_error *err)
{
  size_t len;
  char *text = (char *) ebpf_read_file (path, &len);
  if (text == NULL)
    {
      ebpf_error_set (err, "%s: %s", path, strerror (errno));
      return NULL;
    }
  ebpf_cost_model *model = NULL;
  if (memchr (text, '\0', len))
    ebpf_error_set (err, "%s: not a text file (it holds NUL bytes)", path);
  else
    model = ebpf_cost_model_parse (text, path, err);
  free (text);
  return model;
}

void
ebpf_cost_model_free (ebpf_cost_model *model)
{
  if (model == NULL || model == ebpf_cost_model_builtin ())
    return;
  free (model->name);
  free (model);
}

const char *
ebpf_cost_model_name (const ebpf_cost_model *model)
{
  return model->name;
}

uint64_t
ebpf_cost_model_clock_hz (const ebpf_cost_model *model)
{
  return model->clock_hz;
}

static struct ebpf_cost_model *builtin;

static void
parse_builtin (void)
{
  struct ebpf_error err;
  builtin = parse (ebpf_default_model_text, "built-in model (models/default.model)",
                   NULL, &err);
  if (builtin == NULL)   /* the build checks the file: it cannot happen */
    {
      fprintf (stderr, "ebpfsim: %s\n", err.message);
      abort ();
    }
}

const struct ebpf_cost_model *
ebpf_cost_model_builtin (void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once (&once, parse_builtin);
  return builtin;
}
