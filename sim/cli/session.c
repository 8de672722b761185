/* session.c — loading a program and making its machine as the options
 * say, for every front end (session.h).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <elf.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/error.h"
#include "asm.h"
#include "ebpf-run.h"
#include "read-file.h"
#include "xalloc.h"
#include "session.h"

enum
{
  OPT_RAW = EBPF_SESSION_OPTION_BASE, OPT_BE, OPT_SECTION, OPT_PROG, OPT_MEM,
  OPT_MEM_HEX, OPT_DATA_IN, OPT_CTX_IN, OPT_MAP, OPT_CPUS, OPT_SEED,
  OPT_TRACE, OPT_COMM, OPT_BTF, OPT_KCONFIG, OPT_HELPER, OPT_MAX_INSNS,
  OPT_GDBSIM, OPT_MEMORY_SIZE, OPT_MAX_MAP_MEMORY, OPT_KERNEL_VERSION,
  OPT_CYCLE_MODEL,
};

static const struct option session_options[] = {
  { "raw", no_argument, NULL, OPT_RAW },
  { "big-endian", no_argument, NULL, OPT_BE },
  { "section", required_argument, NULL, OPT_SECTION },
  { "prog", required_argument, NULL, OPT_PROG },
  { "mem", required_argument, NULL, OPT_MEM },
  { "mem-hex", required_argument, NULL, OPT_MEM_HEX },
  { "max-insns", required_argument, NULL, OPT_MAX_INSNS },
  { "data-in", required_argument, NULL, OPT_DATA_IN },
  { "ctx-in", required_argument, NULL, OPT_CTX_IN },
  { "map", required_argument, NULL, OPT_MAP },
  { "cpus", required_argument, NULL, OPT_CPUS },
  { "seed", required_argument, NULL, OPT_SEED },
  { "trace", required_argument, NULL, OPT_TRACE },
  { "comm", required_argument, NULL, OPT_COMM },
  { "btf", required_argument, NULL, OPT_BTF },
  { "kconfig", required_argument, NULL, OPT_KCONFIG },
  { "helper", required_argument, NULL, OPT_HELPER },
  { "gdbsim", no_argument, NULL, OPT_GDBSIM },
  { "memory-size", required_argument, NULL, OPT_MEMORY_SIZE },
  { "max-map-memory", required_argument, NULL, OPT_MAX_MAP_MEMORY },
  { "kernel-version", required_argument, NULL, OPT_KERNEL_VERSION },
  { "cycle-model", required_argument, NULL, OPT_CYCLE_MODEL },
  { "endian", required_argument, NULL, 'E' },
  { NULL, 0, NULL, 0 }
};

struct option *
ebpf_session_merge_options (const struct option *own, size_t n_own)
{
  size_t n_session = sizeof session_options / sizeof session_options[0] - 1;
  struct option *all = ebpf_xcalloc (n_session + n_own + 1, sizeof *all);
  memcpy (all, session_options, n_session * sizeof *all);
  memcpy (all + n_session, own, n_own * sizeof *all);
  return all;
}

void
ebpf_session_config_init (struct ebpf_session_config *config)
{
  memset (config, 0, sizeof *config);
  config->max_insns = EBPF_DEFAULT_MAX_INSNS;
}

/* Appends ARG to a list of at most EBPF_SESSION_MAX_LIST.  */
static int
append (const char **list, int *n, const char *option, const char *arg)
{
  if (*n == EBPF_SESSION_MAX_LIST)
    {
      fprintf (stderr, "%s: at most %d %s options\n", progname,
               EBPF_SESSION_MAX_LIST, option);
      return -1;
    }
  list[(*n)++] = arg;
  return 1;
}

int
ebpf_session_option (struct ebpf_session_config *c, int opt, const char *arg)
{
  uint64_t n;
  switch (opt)
    {
    case OPT_RAW: c->raw = true; return 1;
    case OPT_BE: c->big_endian = true; return 1;
    case OPT_SECTION: c->section = arg; return 1;
    case OPT_PROG: c->prog = arg; return 1;
    case OPT_MEM: c->mem_path = arg; return 1;
    case OPT_MEM_HEX: c->mem_hex = arg; return 1;
    case OPT_DATA_IN: c->data_in = arg; return 1;
    case OPT_CTX_IN: c->ctx_in = arg; return 1;
    case OPT_MAP: return append (c->map_seeds, &c->n_map_seeds, "--map", arg);
    case OPT_HELPER: return append (c->stubs, &c->n_stubs, "--helper", arg);
    case OPT_TRACE: c->trace_path = arg; return 1;
    case OPT_COMM: c->comm = arg; return 1;
    case OPT_BTF: c->btf = arg; return 1;
    case OPT_KCONFIG: c->kconfig = arg; return 1;
    case OPT_GDBSIM: c->machine.gdbsim = true; return 1;
    case OPT_MAX_INSNS:
      return ebpf_session_parse_count ("--max-insns", arg, &c->max_insns) ? 1 : -1;
    case OPT_CPUS:
      if (!ebpf_session_parse_count ("--cpus", arg, &n))
        return -1;
      if (n > EBPF_MAX_CPUS)
        {
          fprintf (stderr, "%s: --cpus: at most %d\n", progname, EBPF_MAX_CPUS);
          return -1;
        }
      c->machine.ncpus = (unsigned) n;
      return 1;
    case OPT_SEED:
      {
        char *end;
        errno = 0;
        c->seed = strtoull (arg, &end, 0);
        if (*end || errno || arg[0] == '\0')
          {
            fprintf (stderr, "%s: --seed: '%s' is not a number\n", progname, arg);
            return -1;
          }
        return 1;
      }
    case OPT_MEMORY_SIZE:
      {
        struct ebpf_error perr;
        if (ebpf_gdbsim_parse_size (arg, &c->machine.memory_size, &perr) != 0)
          {
            fprintf (stderr, "%s: --memory-size: %s\n", progname, perr.message);
            return -1;
          }
        c->memory_size = arg;
        return 1;
      }
    case OPT_MAX_MAP_MEMORY:
      {
        /* A number of bytes with k, m, g or t (binary multiples).  */
        char *end;
        errno = 0;
        unsigned long long n = strtoull (arg, &end, 10);
        unsigned shift = *end == 'k' || *end == 'K' ? 10 : *end == 'm' || *end == 'M' ? 20
                         : *end == 'g' || *end == 'G' ? 30 : *end == 't' || *end == 'T' ? 40 : 0;
        if (shift)
          end++;
        if (errno || end == arg || *end || !isdigit ((unsigned char) arg[0]) || n == 0
            || n > (UINT64_MAX >> shift))
          {
            fprintf (stderr, "%s: --max-map-memory: '%s' is not a size (bytes, or "
                     "with k, m, g or t)\n", progname, arg);
            return -1;
          }
        c->machine.max_map_memory = (uint64_t) n << shift;
        return 1;
      }
    case OPT_KERNEL_VERSION:
      {
        /* MAJOR.MINOR, from the oldest whose semantics are kept (6.1) to
         * the newest measured.  */
        unsigned major, minor;
        char tail;
        if (sscanf (arg, "%u.%u%c", &major, &minor, &tail) != 2 || major > 255
            || minor > 255
            || EBPF_KERNEL_VERSION (major, minor) < EBPF_OLDEST_KERNEL_VERSION
            || EBPF_KERNEL_VERSION (major, minor) > EBPF_DEFAULT_KERNEL_VERSION)
          {
            fprintf (stderr, "%s: --kernel-version: '%s': give MAJOR.MINOR from "
                     "6.1 to %u.%u\n", progname, arg, EBPF_DEFAULT_KERNEL_VERSION >> 8,
                     EBPF_DEFAULT_KERNEL_VERSION & 255);
            return -1;
          }
        c->machine.kernel_version = EBPF_KERNEL_VERSION (major, minor);
        return 1;
      }
    case OPT_CYCLE_MODEL:
      c->cycle_model = arg;
      return 1;
    case 'E':
      if (strcmp (arg, "big") && strcmp (arg, "B")
          && strcmp (arg, "little") && strcmp (arg, "L"))
        {
          fprintf (stderr, "%s: -E: '%s' is not big (B) or little (L)\n",
                   progname, arg);
          return -1;
        }
      c->endian = arg;
      return 1;
    default:
      return 0;
    }
}

bool
ebpf_session_check (const struct ebpf_session_config *c)
{
  if (!c->machine.gdbsim && (c->memory_size || c->endian))
    {
      fprintf (stderr, "%s: %s is an option of GDB's simulator conventions: "
               "add --gdbsim\n", progname, c->memory_size ? "--memory-size" : "-E");
      return false;
    }
  if (c->machine.gdbsim && (c->mem_path || c->mem_hex || c->data_in || c->ctx_in))
    {
      fprintf (stderr, "%s: --gdbsim runs a program on its flat memory alone: "
               "--mem, --mem-hex, --data-in, --ctx-in and --pcap-in do not "
               "apply\n", progname);
      return false;
    }
  if (c->mem_path && c->mem_hex)
    {
      fprintf (stderr, "%s: --mem and --mem-hex cannot be used together\n",
               progname);
      return false;
    }
  return true;
}

bool
ebpf_session_parse_count (const char *option, const char *text, uint64_t *value)
{
  char *end;
  errno = 0;
  *value = strtoull (text, &end, 0);
  if (*end || errno || text[0] == '-' || text[0] == '\0' || *value == 0)
    {
      fprintf (stderr, "%s: %s: '%s' is not a positive number\n", progname,
               option, text);
      return false;
    }
  return true;
}

static bool
has_suffix (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);
  return n >= m && strcmp (s + n - m, suffix) == 0;
}

/* Assembles SOURCE and makes a program of its code section: SECTION, or
 * the only executable section with code, as for ELF objects.  */
static ebpf_program *
program_from_source (const char *path, const uint8_t *text, size_t len,
                     const char *section, struct ebpf_error *err)
{
  struct ebpf_diag diag = { stderr, path, 0, "" };
  struct ebpf_asm_object obj;
  ebpf_program *prog = NULL;
  if (ebpf_assemble ((const char *) text, len, false, &obj, &diag) != 0)
    ebpf_error_set (err, "%s: %d error%s in the assembler source", path,
                    diag.errors, diag.errors == 1 ? "" : "s");
  else if (obj.n_relocs > 0)
    ebpf_error_set (err, "%s: the source refers to symbols outside its code "
                    "(%d relocation%s); assemble it with ebpf-as and load the "
                    "object", path, obj.n_relocs,
                    obj.n_relocs == 1 ? "" : "s");
  else
    {
      int found = -1, candidates = 0;
      for (int i = 0; i < obj.n_sections; i++)
        {
          const struct ebpf_obj_section *sec = &obj.sections[i];
          bool match = section ? strcmp (sec->name, section) == 0
                       : (sec->flags & SHF_EXECINSTR) && sec->len > 0;
          if (match && candidates++ == 0)
            found = i;
        }
      if (found < 0 && section)
        ebpf_error_set (err, "%s: no section named '%s'", path, section);
      else if (found < 0)
        ebpf_error_set (err, "%s: no code", path);
      else if (!section && candidates > 1)
        ebpf_error_set (err, "%s: %d sections with code; name one with "
                        "--section", path, candidates);
      else
        {
          char name[512];
          snprintf (name, sizeof name, "%s:%s", path, obj.sections[found].name);
          prog = ebpf_program_from_bytes (obj.sections[found].data,
                                          obj.sections[found].len, false,
                                          name, err);
        }
    }
  ebpf_asm_object_free (&obj);
  return prog;
}

/* The program of object OBJ that the user asked for: --prog, --section, or
 * the only one.  */
ebpf_program *
ebpf_session_pick (ebpf_object *obj, const char *path, const char *wanted,
              const char *how, struct ebpf_error *err)
{
  int n = ebpf_object_program_count (obj), index = 0;
  if (wanted)
    {
      index = ebpf_object_find_program (obj, wanted);
      if (index == -2)
        {
          ebpf_error_set (err, "%s: section '%s' has several programs; name "
                          "one with --prog (see --list)", path, wanted);
          return NULL;
        }
      if (index < 0)
        {
          ebpf_error_set (err, "%s: no %s named '%s' (see --list)", path, how,
                          wanted);
          return NULL;
        }
    }
  else if (n > 1)
    {
      ebpf_error_set (err, "%s: %d programs; name one with --prog or "
                      "--section (see --list)", path, n);
      return NULL;
    }
  else if (n == 0)
    {
      ebpf_error_set (err, ebpf_object_map_count (obj) > 0
                      ? "%s: no programs to run, only maps (see --list)"
                      : "%s: no programs to run: the object has no code and "
                        "no maps", path);
      return NULL;
    }
  return ebpf_object_program (obj, index, err);
}

static void
list_object (const ebpf_object *obj, bool json)
{
  printf (json ? "{\"programs\": [" : "programs:\n");
  for (int i = 0; i < ebpf_object_program_count (obj); i++)
    {
      const char *why = ebpf_object_program_unloadable (obj, i);
      if (json)
        printf ("%s{\"name\": \"%s\", \"section\": \"%s\"%s}", i ? ", " : "",
                ebpf_object_program_name (obj, i), ebpf_object_program_section (obj, i),
                why ? ", \"loadable\": false" : "");
      else
        printf ("  %-24s section %s%s%s\n", ebpf_object_program_name (obj, i),
                ebpf_object_program_section (obj, i),
                why ? "  (cannot be loaded: " : "", why ? "see --prog)" : "");
    }
  printf (json ? "], \"maps\": [" : "maps:\n");
  int listed = 0;
  for (int i = 0; i < ebpf_object_map_count (obj); i++)
    {
      struct ebpf_map_info info;
      ebpf_object_map_info (obj, i, &info);
      if (info.inner_template)
        continue;   /* an outer map's template, as libbpf keeps it */
      if (json)
        printf ("%s\"%s\"", listed ? ", " : "", info.name);
      else
        printf ("  %-24s %-18s key %u value %u max_entries %u\n", info.name,
                info.type, info.key_size, info.value_size, info.max_entries);
      listed++;
    }
  printf (json ? "]}\n" : "");
}

/* Loads FILE as the request says; *OBJ is set for ELF objects.  */
static ebpf_program *
load_program (const char *path, const struct ebpf_session_config *req,
              ebpf_object **obj, struct ebpf_error *err)
{
  size_t len;
  *obj = NULL;
  uint8_t *bytes = ebpf_read_file (path, &len);
  if (bytes == NULL)
    {
      ebpf_error_set (err, "%s: %s", path, strerror (errno));
      return NULL;
    }
  ebpf_program *prog = NULL;
  if (req->raw)
    {
      if (ebpf_looks_like_hex (bytes, len))
        {
          char msg[200];
          size_t n;
          uint8_t *code = ebpf_parse_hex ((const char *) bytes, len, &n, msg, sizeof msg);
          if (code == NULL)
            ebpf_error_set (err, "%s: %s", path, msg);
          else
            prog = ebpf_program_from_bytes (code, n, req->big_endian, path, err);
          free (code);
        }
      else
        prog = ebpf_program_from_bytes (bytes, len, req->big_endian, path, err);
    }
  else if (len >= 4 && memcmp (bytes, "\177ELF", 4) == 0)
    {
      struct ebpf_object_options opts = { req->btf, req->kconfig };
      *obj = ebpf_object_open_memory (bytes, len, path, &opts, err);
      if (*obj && req->list)
        list_object (*obj, req->json);
      else if (*obj && req->maps_only && ebpf_object_program_count (*obj) == 0)
        ;   /* the maps are all the caller wants */
      else if (*obj)
        {
          prog = ebpf_session_pick (*obj, path, req->prog ? req->prog : req->section,
                               req->prog ? "program" : "section", err);
          const char *section = prog && req->prog && req->section
            ? ebpf_object_program_section (*obj, ebpf_object_find_program (*obj, req->prog))
            : NULL;
          if (section && strcmp (section, req->section) != 0)
            {
              ebpf_error_set (err, "%s: program '%s' is in section '%s', not "
                              "'%s'", path, req->prog, section, req->section);
              ebpf_program_free (prog);
              prog = NULL;
            }
        }
    }
  else if (has_suffix (path, ".s") || has_suffix (path, ".S")
           || has_suffix (path, ".asm"))
    prog = program_from_source (path, bytes, len, req->section, err);
  else
    ebpf_error_set (err, "%s: not an ELF object; use --raw for bytecode, or "
                    "name assembler source *.s", path);
  free (bytes);
  return prog;
}

/* --helper NAME=VALUE: the helper returns VALUE.  */
static bool
stub_helper (ebpf_machine *m, const char *spec)
{
  const char *eq = strchr (spec, '=');
  char name[128], *end;
  if (eq == NULL || eq == spec || (size_t) (eq - spec) >= sizeof name)
    {
      fprintf (stderr, "%s: --helper %s: expected NAME=VALUE\n", progname, spec);
      return false;
    }
  snprintf (name, sizeof name, "%.*s", (int) (eq - spec), spec);
  errno = 0;
  long long value = strtoll (eq + 1, &end, 0);
  if (*end || errno || eq[1] == '\0')
    {
      fprintf (stderr, "%s: --helper %s: '%s' is not a number\n", progname,
               spec, eq + 1);
      return false;
    }
  struct ebpf_error err;
  if (ebpf_machine_stub_helper (m, name, (uint64_t) value, &err) != 0)
    {
      fprintf (stderr, "%s: --helper: %s\n", progname, err.message);
      return false;
    }
  return true;
}

int
ebpf_session_load (struct ebpf_session *s,
                   const struct ebpf_session_config *config)
{
  memset (s, 0, sizeof *s);
  s->config = *config;
  const char *path = config->path;
  struct ebpf_error err;
  err.message[0] = '\0';
  s->prog = load_program (path, config, &s->obj, &err);
  /* GDB's -E: its simulator refuses a program of the other byte order.  */
  const char *endian = config->endian;
  bool want_big = endian && (endian[0] == 'b' || endian[0] == 'B');
  if (s->prog && endian && ebpf_program_big_endian (s->prog) != want_big)
    {
      fprintf (stderr, "%s: %s: the program is %s-endian, not %s as -E says\n",
               progname, path, want_big ? "little" : "big",
               want_big ? "big" : "little");
      return EXIT_USAGE;
    }
  /* An object and no program, and nothing wrong: none was asked for
   * (--list, or maps_only of an object of maps alone).  */
  if (s->obj && s->prog == NULL && err.message[0] == '\0')
    return EXIT_RAN;
  if (s->prog == NULL)
    {
      if (config->list && err.message[0] == '\0')
        fprintf (stderr, "%s: %s: --list needs an ELF object\n", progname, path);
      else
        fprintf (stderr, "%s: %s\n", progname, err.message);
      return EXIT_INPUT;
    }
  return EXIT_RAN;
}

/* Input memory from --mem or --mem-hex, into M.  */
static int
set_input_memory (struct ebpf_session *s)
{
  const struct ebpf_session_config *c = &s->config;
  uint8_t *mem = NULL;
  size_t len = 0;
  if (c->mem_path)
    {
      mem = ebpf_read_file (c->mem_path, &len);
      if (mem == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, c->mem_path, strerror (errno));
          return EXIT_INPUT;
        }
    }
  else if (c->mem_hex)
    {
      char msg[200];
      mem = ebpf_parse_hex (c->mem_hex, strlen (c->mem_hex), &len, msg, sizeof msg);
      if (mem == NULL)
        {
          fprintf (stderr, "%s: --mem-hex: %s\n", progname, msg);
          return EXIT_INPUT;
        }
    }
  else
    return EXIT_RAN;
  struct ebpf_error err;
  int rc = ebpf_machine_set_input (s->m, mem, len, &err);
  free (mem);
  if (rc != 0)
    {
      fprintf (stderr, "%s: %s\n", progname, err.message);
      return EXIT_INPUT;
    }
  return EXIT_RAN;
}

/* The cycle model NAME names: a file, or a model shipped with ebpfsim
 * (installed, else in the source tree it was built from); "default" is
 * the built-in one (NULL).  False after a message.  */
static bool
read_cycle_model (const char *name, ebpf_cost_model **model)
{
  *model = NULL;
  if (name == NULL || strcmp (name, "default") == 0)
    return true;
  /* A name with no slash that is no file here names a shipped model.  */
  char path[4096];
  snprintf (path, sizeof path, "%s", name);
  struct stat st;
  static const char *const dirs[] = { EBPF_MODELS_DIR, EBPF_SOURCE_MODELS_DIR };
  for (size_t i = 0; i < 2 && strchr (name, '/') == NULL
                     && (stat (path, &st) != 0 || !S_ISREG (st.st_mode)); i++)
    snprintf (path, sizeof path, "%s/%s.model", dirs[i], name);
  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    snprintf (path, sizeof path, "%s", name);   /* its own error */
  struct ebpf_error err;
  *model = ebpf_cost_model_load (path, &err);
  if (*model == NULL)
    fprintf (stderr, "%s: --cycle-model: %s\n", progname, err.message);
  return *model != NULL;
}

int
ebpf_session_start (struct ebpf_session *s)
{
  struct ebpf_session_config *c = &s->config;
  struct ebpf_error err;
  if (!read_cycle_model (c->cycle_model, &s->model))
    return EXIT_INPUT;
  c->machine.cost_model = s->model;
  s->m = ebpf_machine_new (s->prog, &c->machine, &err);
  if (s->m == NULL)
    {
      fprintf (stderr, "%s: %s\n", progname, err.message);
      return EXIT_INPUT;
    }
  ebpf_machine_set_seed (s->m, c->seed);
  ebpf_machine_set_max_insns (s->m, c->max_insns);
  if (c->comm)
    ebpf_machine_set_comm (s->m, c->comm);
  if (c->trace_path && (s->trace = fopen (c->trace_path, "w")) == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, c->trace_path, strerror (errno));
      return EXIT_INPUT;
    }
  ebpf_machine_set_trace (s->m, s->trace ? s->trace : c->default_trace);
  for (int i = 0; i < c->n_map_seeds; i++)
    if (!run_seed_map (s->m, c->map_seeds[i]))
      return EXIT_INPUT;
  for (int i = 0; i < c->n_stubs; i++)
    if (!stub_helper (s->m, c->stubs[i]))
      return EXIT_INPUT;
  return set_input_memory (s);
}

bool
ebpf_session_feed (struct ebpf_session *s)
{
  struct ebpf_error err;
  const char *paths[2] = { s->config.data_in, s->config.ctx_in };
  for (int i = 0; i < 2; i++)
    {
      if (paths[i] == NULL)
        continue;
      size_t len;
      uint8_t *bytes = ebpf_read_file (paths[i], &len);
      if (bytes == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, paths[i], strerror (errno));
          return false;
        }
      int rc = i == 0 ? ebpf_machine_set_packet (s->m, bytes, len, &err)
                      : ebpf_machine_set_context (s->m, bytes, len, &err);
      free (bytes);
      if (rc != 0)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, paths[i], err.message);
          return false;
        }
    }
  return true;
}

void
ebpf_session_close (struct ebpf_session *s)
{
  ebpf_machine_free (s->m);
  if (s->trace)
    fclose (s->trace);
  ebpf_program_free (s->prog);
  ebpf_object_close (s->obj);
  ebpf_cost_model_free (s->model);
  memset (s, 0, sizeof *s);
}
