/* kernel-run — run one program of a BPF object on the running kernel with
 * BPF_PROG_TEST_RUN and print what came out in the shape of
 * `ebpf-run --json --dump-maps`, so that the live kernel can serve as a
 * second oracle for ebpfsim (testsuite/ebpf.kernel).
 *
 *   kernel-run OBJ PROG [--data-in FILE] [--ctx-in FILE] [--repeat N]
 *              [--cpu N] [--no-maps] [--no-perf-buffers]
 *   kernel-run --probe
 *
 * OBJ is loaded with libbpf, every program of it (so that tail-call
 * targets and program arrays are filled in); when that fails, PROG alone
 * (said on stderr).  PROG (its function name) then runs once, or N times
 * in one BPF_PROG_TEST_RUN with --repeat, on the packet of --data-in and
 * the context of --ctx-in.  One JSON object is printed:
 *
 *   {"retval": R, "data_out": "HEX", "ctx_out": "HEX", "output": [...],
 *    "maps": [{"name": N, "type": T, "elements": [{"key": "HEX",
 *             "value": "HEX"}, ...]}, ...]}
 *
 * as ebpf-run prints it: R is the kernel's 32-bit return value (ebpf-run
 * prints r0's 64 bits); "ctx_out" only with --ctx-in (ebpf-run writes it
 * to its --ctx-out file instead); "output" only when there was some: the
 * records of ring buffers ({"map", "ringbuf": true, "cpu": -1, "data"})
 * and of perf event arrays ({"map", "cpu", "data"}).  Maps are listed in
 * the object's order with their libbpf names and type names; keys and
 * values are the bytes in memory order, per-CPU values every possible
 * CPU's copy, each rounded up to 8 bytes, one after the other (ebpf-run
 * with --cpus set to the count that --probe prints).  Arrays list every
 * index, hash-type maps their elements sorted by key bytes (the kernel's
 * own order follows a random seed of each boot), queues and stacks their
 * values in the order pops take them (they are popped to be read).
 * ebpf-run's "formatted" members (BTF-typed values) are not printed.
 *
 * Not listed, as ebpf-run does not list them: program arrays, maps of
 * maps, ring buffers, perf event arrays, bloom filters ("elements": []).
 * A map that user space cannot walk (task, inode, socket storage, a user
 * ring buffer, ...) gets "elements": [] and "skipped": "WHY"; so does
 * one with more than 1M elements.
 *
 * The run is pinned to one CPU (--cpu, default 0) so that
 * bpf_get_smp_processor_id() and the per-CPU copy a program updates are
 * those of ebpf-run's simulated CPU 0.  A perf buffer is opened on every
 * CPU for each perf event array before the run (as ebpf-run assumes one
 * is open) and read after it; --no-perf-buffers leaves them closed, as a
 * bare BPF_PROG_TEST_RUN has them (bpf_perf_event_output gives -ENOENT).
 * Ring buffers are read after the run.  --no-maps leaves out "maps".
 *
 * --probe loads a two-instruction XDP program and test-runs it: exit 0
 * and the count of possible CPUs on stdout when bpf() works and this
 * process may run on the CPU of --cpu, 77 when not.
 *
 * Exit status: 0 ran; 1 bad command line or an input file unreadable;
 * 2 OBJ or PROG cannot be loaded (libbpf's complaint and the end of the
 * verifier's log on stderr); 3 BPF_PROG_TEST_RUN refused the run (errno's
 * text on stderr); 77 bpf() is refused here (not root, or no bpf()).
 *
 * Build: cc -O2 kernel-run.c -o kernel-run -lbpf -lelf -lz  (libbpf 1.1+)
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

enum
{
  EXIT_USAGE = 1,
  EXIT_LOAD = 2,
  EXIT_RUN = 3,
  EXIT_SKIP = 77,
};

/* Room for what a run may leave: packets grow by adjust_tail or
   change_tail, and a context is at most a few hundred bytes.  The
   kernel refuses the run (ENOSPC) when the room is too small.  */
#define MAX_INPUT (64 * 1024)
#define DATA_OUT_ROOM (256 * 1024)
#define CTX_OUT_ROOM 4096
/* The verifier's log: since 6.4 the kernel keeps its end when the buffer
   is too small, and the end holds the reason.  */
#define LOG_SIZE (4 * 1024 * 1024)
#define LOG_TAIL_LINES 10
#define MAX_ELEMENTS (1024 * 1024)
#define PERF_PAGES 8

static const char *progname = "kernel-run";

static void __attribute__ ((noreturn, format (printf, 2, 3)))
die (int status, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fprintf (stderr, "%s: ", progname);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  exit (status);
}

static void *
xmalloc (size_t n)
{
  void *p = calloc (1, n ? n : 1);
  if (p == NULL)
    die (EXIT_USAGE, "out of memory");
  return p;
}

/* A growing text buffer: libbpf's messages, the JSON of the output
   records.  */
struct text
{
  char *s;
  size_t len, cap;
};

static void
text_add (struct text *t, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  if (t->len + n + 1 > t->cap)
    {
      size_t cap = t->cap ? t->cap : 4096;
      while (cap < t->len + n + 1)
        cap *= 2;
      char *p = realloc (t->s, cap);
      if (p == NULL)
        die (EXIT_USAGE, "out of memory");
      t->s = p, t->cap = cap;
    }
  va_start (ap, fmt);
  vsnprintf (t->s + t->len, n + 1, fmt, ap);
  va_end (ap);
  t->len += n;
}

static void
text_hex (struct text *t, const void *p, size_t n)
{
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    text_add (t, "%02x", b[i]);
}

/* libbpf's warnings are kept, not printed: a load that works says
   nothing, one that fails shows the end of them.  Its copy of the
   verifier's log is dropped: the log buffer has the same.  */
static struct text libbpf_text;

static int
keep_libbpf_message (enum libbpf_print_level level, const char *fmt,
                     va_list ap)
{
  if (level == LIBBPF_DEBUG || strstr (fmt, "LOAD LOG") != NULL)
    return 0;
  char line[2048];
  if (vsnprintf (line, sizeof line, fmt, ap) < 0)
    return 0;
  text_add (&libbpf_text, "%s", line);
  return 0;
}

/* The last LINES non-empty lines of TEXT on stderr, indented.  */
static void
print_last_lines (const char *text, int lines)
{
  if (text == NULL)
    return;
  const char *end = text + strlen (text);
  const char *p = end;
  int found = 0;
  /* Walk back over LINES non-empty lines.  */
  while (p > text && found < lines)
    {
      const char *line_end = p;
      while (line_end > text && line_end[-1] == '\n')
        line_end--;
      if (line_end == text)
        {
          p = text;
          break;
        }
      const char *start = line_end;
      while (start > text && start[-1] != '\n')
        start--;
      p = start;
      found++;
    }
  for (const char *q = p; q < end;)
    {
      const char *nl = strchr (q, '\n');
      size_t len = nl ? (size_t) (nl - q) : strlen (q);
      if (len > 0)
        fprintf (stderr, "  %.*s\n", (int) len, q);
      q += len + (nl != NULL);
    }
}

static unsigned char *
read_input (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    die (EXIT_USAGE, "%s: %s", path, strerror (errno));
  unsigned char *buf = xmalloc (MAX_INPUT + 1);
  size_t n = fread (buf, 1, MAX_INPUT + 1, f);
  if (ferror (f))
    die (EXIT_USAGE, "%s: %s", path, strerror (errno));
  if (n > MAX_INPUT)
    die (EXIT_USAGE, "%s: larger than %d bytes", path, MAX_INPUT);
  fclose (f);
  *len = n;
  return buf;
}

/* Is bpf() allowed here?  A trivial XDP program, loaded and test-run,
   tells "not allowed" (77: the tests are skipped) from "this object is
   bad" (2) before OBJ is looked at.  */
static void
probe_bpf (void)
{
  const struct bpf_insn insns[] = {
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0,
      .imm = XDP_PASS },
    { .code = BPF_JMP | BPF_EXIT },
  };
  int fd = bpf_prog_load (BPF_PROG_TYPE_XDP, "kernel_run_probe", "GPL",
                          insns, sizeof insns / sizeof insns[0], NULL);
  if (fd < 0)
    {
      int e = errno;
      if (e == EPERM || e == EACCES || e == ENOSYS || e == EOPNOTSUPP)
        die (EXIT_SKIP, "bpf() refused (%s): loading programs needs root "
             "(CAP_BPF, CAP_NET_ADMIN, CAP_PERFMON) and a kernel with bpf()",
             strerror (e));
      die (EXIT_LOAD, "loading a trivial XDP program failed: %s",
           strerror (e));
    }
  unsigned char frame[64] = { 0 };
  LIBBPF_OPTS (bpf_test_run_opts, run, .data_in = frame,
               .data_size_in = sizeof frame, .repeat = 1);
  if (bpf_prog_test_run_opts (fd, &run) != 0)
    {
      int e = errno;
      if (e == EPERM || e == EACCES || e == ENOTSUP || e == EOPNOTSUPP)
        die (EXIT_SKIP, "BPF_PROG_TEST_RUN refused (%s)", strerror (e));
      die (EXIT_RUN, "BPF_PROG_TEST_RUN of a trivial XDP program failed: %s",
           strerror (e));
    }
  close (fd);
}

/* Opens OBJ and loads it: every program, or PROG alone when ONLY.
   NULL when it fails, with *ERR libbpf's (negative) error, 1 when OBJ
   has no program PROG; the messages are in libbpf_text and LOG.  */
static struct bpf_object *
load_object (const char *path, const char *prog_name, bool only, char *log,
             int *err, struct bpf_program **prog, int *nprogs)
{
  libbpf_text.len = 0;
  if (libbpf_text.s)
    libbpf_text.s[0] = '\0';
  log[0] = '\0';
  LIBBPF_OPTS (bpf_object_open_opts, opts, .kernel_log_buf = log,
               .kernel_log_size = LOG_SIZE);
  struct bpf_object *obj = bpf_object__open_file (path, &opts);
  *prog = NULL;
  *nprogs = 0;
  if (obj == NULL)
    {
      *err = -errno;
      return NULL;
    }
  struct bpf_program *p;
  bpf_object__for_each_program (p, obj)
    {
      ++*nprogs;
      if (strcmp (bpf_program__name (p), prog_name) == 0)
        *prog = p;
    }
  if (*prog == NULL)
    {
      *err = 1;
      bpf_object__close (obj);
      return NULL;
    }
  if (only)
    bpf_object__for_each_program (p, obj)
      bpf_program__set_autoload (p, p == *prog);
  *err = bpf_object__load (obj);
  if (*err != 0)
    {
      bpf_object__close (obj);
      *prog = NULL;
      return NULL;
    }
  return obj;
}

/* --- what the program sent to user space ----------------------------- */

/* The "output" member: ring buffer and perf event records as they are
   read.  */
static struct text output_text;
static int output_count;

struct output_source
{
  const char *map;
  bool ringbuf;
};

static void
add_output (const struct output_source *src, int cpu, const void *data,
            size_t size)
{
  text_add (&output_text, "%s{\"map\": \"%s\", ",
            output_count ? ", " : "", src->map);
  if (src->ringbuf)
    text_add (&output_text, "\"ringbuf\": true, \"cpu\": -1");
  else
    text_add (&output_text, "\"cpu\": %d", cpu);
  text_add (&output_text, ", \"data\": \"");
  text_hex (&output_text, data, size);
  text_add (&output_text, "\"}");
  output_count++;
}

static int
on_ringbuf_record (void *ctx, void *data, size_t size)
{
  add_output (ctx, -1, data, size);
  return 0;
}

static void
on_perf_sample (void *ctx, int cpu, void *data, __u32 size)
{
  add_output (ctx, cpu, data, size);
}

static void
on_perf_lost (void *ctx, int cpu, __u64 count)
{
  const struct output_source *src = ctx;
  fprintf (stderr, "%s: perf event array %s: %llu records lost on CPU %d\n",
           progname, src->map, (unsigned long long) count, cpu);
}

/* --- maps ----------------------------------------------------------------- */

static bool
is_percpu (enum bpf_map_type t)
{
  return t == BPF_MAP_TYPE_PERCPU_ARRAY || t == BPF_MAP_TYPE_PERCPU_HASH
         || t == BPF_MAP_TYPE_LRU_PERCPU_HASH
         || t == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

/* Maps ebpf-run leaves out of its dump: their values are programs or
   maps, or they have no keys to walk.  */
static bool
listed_by_ebpf_run (enum bpf_map_type t)
{
  switch (t)
    {
    case BPF_MAP_TYPE_PROG_ARRAY: case BPF_MAP_TYPE_ARRAY_OF_MAPS:
    case BPF_MAP_TYPE_HASH_OF_MAPS: case BPF_MAP_TYPE_RINGBUF:
    case BPF_MAP_TYPE_PERF_EVENT_ARRAY: case BPF_MAP_TYPE_BLOOM_FILTER:
      return false;
    default:
      return true;
    }
}

/* Maps the syscall cannot walk or read: their elements belong to kernel
   objects, or are the kernel's addresses.  */
static const char *
not_walkable (enum bpf_map_type t)
{
  switch ((int) t)
    {
    case BPF_MAP_TYPE_SK_STORAGE: case BPF_MAP_TYPE_INODE_STORAGE:
    case BPF_MAP_TYPE_TASK_STORAGE:
    case 32:   /* BPF_MAP_TYPE_CGRP_STORAGE (Linux 6.2; not in older headers) */
      return "its elements belong to kernel objects that user space "
             "reaches by file descriptor";
    case BPF_MAP_TYPE_USER_RINGBUF:
      return "a ring buffer that user space writes";
    case BPF_MAP_TYPE_STACK_TRACE:
      return "its values are kernel addresses";
    case BPF_MAP_TYPE_STRUCT_OPS:
      return "its value is kernel code";
    default:
      return NULL;
    }
}

struct element
{
  unsigned char *key, *value;
};

static size_t sort_key_size;

static int
compare_elements (const void *a, const void *b)
{
  const struct element *x = a, *y = b;
  return memcmp (x->key, y->key, sort_key_size);
}

static void
print_hex (const void *p, size_t n)
{
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    printf ("%02x", b[i]);
}

static void
print_elements_skipped (const char *why)
{
  printf ("], \"skipped\": \"%s\"}", why);
}

/* Prints MAP's member of "maps".  */
static void
dump_map (const struct bpf_map *map, int ncpus)
{
  enum bpf_map_type type = bpf_map__type (map);
  const char *type_name = libbpf_bpf_map_type_str (type);
  int fd = bpf_map__fd (map);
  printf ("{\"name\": \"%s\", \"type\": \"%s\", \"elements\": [",
          bpf_map__name (map), type_name ? type_name : "unknown");
  if (!listed_by_ebpf_run (type))
    {
      printf ("]}");
      return;
    }
  const char *why = not_walkable (type);
  if (why)
    {
      print_elements_skipped (why);
      return;
    }
  size_t key_size = bpf_map__key_size (map);
  size_t value_size = bpf_map__value_size (map);
  if (is_percpu (type))
    value_size = (value_size + 7) / 8 * 8 * ncpus;
  unsigned char *value = xmalloc (value_size);

  if (type == BPF_MAP_TYPE_QUEUE || type == BPF_MAP_TYPE_STACK)
    {
      /* A queue's or a stack's values are read by popping them.  */
      int n = 0;
      while (n < MAX_ELEMENTS
             && bpf_map_lookup_and_delete_elem (fd, NULL, value) == 0)
        {
          printf ("%s{\"value\": \"", n ? ", " : "");
          print_hex (value, value_size);
          printf ("\"}");
          n++;
        }
      printf ("]}");
      free (value);
      return;
    }

  /* Every key, then its value; elements whose lookup says ENOENT
     (an empty devmap or cpumap slot) are not listed.  */
  size_t n = 0, cap = 64;
  struct element *el = xmalloc (cap * sizeof *el);
  unsigned char *key = xmalloc (key_size), *next = xmalloc (key_size);
  const char *failed = NULL;
  int failed_errno = 0;
  bool first = true;
  for (;;)
    {
      if (bpf_map_get_next_key (fd, first ? NULL : key, next) != 0)
        {
          if (errno != ENOENT)
            failed = "BPF_MAP_GET_NEXT_KEY", failed_errno = errno;
          break;
        }
      first = false;
      memcpy (key, next, key_size);
      if (bpf_map_lookup_elem (fd, key, value) != 0)
        {
          if (errno == ENOENT)
            continue;
          failed = "BPF_MAP_LOOKUP_ELEM", failed_errno = errno;
          break;
        }
      if (n == MAX_ELEMENTS)
        {
          failed = "more than 1M elements";
          break;
        }
      if (n == cap)
        {
          cap *= 2;
          struct element *p = realloc (el, cap * sizeof *el);
          if (p == NULL)
            die (EXIT_USAGE, "out of memory");
          el = p;
        }
      el[n].key = xmalloc (key_size);
      el[n].value = xmalloc (value_size);
      memcpy (el[n].key, key, key_size);
      memcpy (el[n].value, value, value_size);
      n++;
    }
  bool array = type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY
               || type == BPF_MAP_TYPE_DEVMAP || type == BPF_MAP_TYPE_CPUMAP
               || type == BPF_MAP_TYPE_XSKMAP;
  if (failed == NULL)
    {
      if (!array)
        {
          sort_key_size = key_size;
          qsort (el, n, sizeof *el, compare_elements);
        }
      for (size_t i = 0; i < n; i++)
        {
          printf ("%s{\"key\": \"", i ? ", " : "");
          print_hex (el[i].key, key_size);
          printf ("\", \"value\": \"");
          print_hex (el[i].value, value_size);
          printf ("\"}");
        }
      printf ("]}");
    }
  else
    {
      char why_text[200];
      snprintf (why_text, sizeof why_text, "%s%s%s", failed,
                failed_errno ? ": " : "",
                failed_errno ? strerror (failed_errno) : "");
      print_elements_skipped (why_text);
    }
  for (size_t i = 0; i < n; i++)
    free (el[i].key), free (el[i].value);
  free (el), free (key), free (next), free (value);
}

/* --- main ------------------------------------------------------------------ */

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: kernel-run OBJ PROG [--data-in FILE] [--ctx-in FILE] [--repeat N]\n"
"                  [--cpu N] [--no-maps] [--no-perf-buffers]\n"
"       kernel-run --probe\n"
"Run program PROG (its function name) of the BPF object OBJ on the running\n"
"kernel with BPF_PROG_TEST_RUN and print the result as one JSON object in\n"
"the shape of 'ebpf-run --json --dump-maps': retval, data_out, ctx_out\n"
"(with --ctx-in), output (ring buffer and perf records) and every map.\n"
"  --data-in FILE     the packet\n"
"  --ctx-in FILE      the context (struct xdp_md, struct __sk_buff, ...)\n"
"  --repeat N         N runs in one test run (the kernel keeps the packet\n"
"                     and the maps from run to run)\n"
"  --cpu N            run on CPU N (default 0)\n"
"  --no-maps          leave the maps out\n"
"  --no-perf-buffers  open no perf buffer for perf event arrays\n"
"  --probe            check that bpf() works; print the possible CPUs\n"
"Exit status: 0 ran, 1 usage, 2 not loaded, 3 test run refused,\n"
"77 bpf() refused here.\n");
}

static long
count_arg (const char *opt, const char *text, long min, long max)
{
  char *end;
  errno = 0;
  long v = strtol (text, &end, 10);
  if (errno || *end || end == text || v < min || v > max)
    die (EXIT_USAGE, "%s: not a number from %ld to %ld: %s", opt, min, max,
         text);
  return v;
}

int
main (int argc, char **argv)
{
  const char *obj_path = NULL, *prog_name = NULL;
  const char *data_path = NULL, *ctx_path = NULL;
  long repeat = 1, cpu = 0;
  bool probe = false, maps = true, perf_buffers = true;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      bool has_value = i + 1 < argc;
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return 0;
        }
      else if (strcmp (a, "--probe") == 0)
        probe = true;
      else if (strcmp (a, "--no-maps") == 0)
        maps = false;
      else if (strcmp (a, "--no-perf-buffers") == 0)
        perf_buffers = false;
      else if (strcmp (a, "--data-in") == 0 && has_value)
        data_path = argv[++i];
      else if (strcmp (a, "--ctx-in") == 0 && has_value)
        ctx_path = argv[++i];
      else if (strcmp (a, "--repeat") == 0 && has_value)
        repeat = count_arg (a, argv[++i], 1, 100000000);
      else if (strcmp (a, "--cpu") == 0 && has_value)
        cpu = count_arg (a, argv[++i], 0, CPU_SETSIZE - 1);
      else if (a[0] == '-' && a[1] != '\0')
        {
          fprintf (stderr, "%s: unknown option or missing value: %s\n",
                   progname, a);
          usage (stderr);
          return EXIT_USAGE;
        }
      else if (obj_path == NULL)
        obj_path = a;
      else if (prog_name == NULL)
        prog_name = a;
      else
        {
          usage (stderr);
          return EXIT_USAGE;
        }
    }
  if (!probe && prog_name == NULL)
    {
      usage (stderr);
      return EXIT_USAGE;
    }

  libbpf_set_print (keep_libbpf_message);
  probe_bpf ();
  int ncpus = libbpf_num_possible_cpus ();
  if (ncpus <= 0)
    die (EXIT_LOAD, "cannot tell the possible CPUs: %s", strerror (-ncpus));
  /* The run's CPU, also when probing: a machine whose CPU 0 this process
     may not use cannot be compared with ebpfsim's CPU 0.  */
  cpu_set_t set;
  CPU_ZERO (&set);
  CPU_SET (cpu, &set);
  if (sched_setaffinity (0, sizeof set, &set) != 0)
    die (probe ? EXIT_SKIP : EXIT_USAGE, "cannot run on CPU %ld: %s", cpu,
         strerror (errno));
  if (probe)
    {
      printf ("%d\n", ncpus);
      return 0;
    }

  size_t data_len = 0, ctx_len = 0;
  unsigned char *data = data_path ? read_input (data_path, &data_len) : NULL;
  unsigned char *ctx = ctx_path ? read_input (ctx_path, &ctx_len) : NULL;

  char *log = xmalloc (LOG_SIZE);
  struct bpf_program *prog;
  int err, nprogs;
  struct bpf_object *obj = load_object (obj_path, prog_name, false, log,
                                        &err, &prog, &nprogs);
  /* Another program of OBJ may be what the kernel refuses: PROG alone
     may load.  When it does not either, both failures are told, since
     the first may be the cause (a tail-call target left out).  */
  char *all_messages = NULL;
  int all_err = 0;
  if (obj == NULL && err != 1 && nprogs > 1)
    {
      all_messages = strdup (libbpf_text.s ? libbpf_text.s : "");
      all_err = err;
      obj = load_object (obj_path, prog_name, true, log, &err, &prog,
                         &nprogs);
      if (obj != NULL)
        {
          char msg[200];
          libbpf_strerror (all_err, msg, sizeof msg);
          fprintf (stderr, "%s: %s: loading every program failed (%s); "
                   "%s loaded alone\n", progname, obj_path, msg, prog_name);
          print_last_lines (all_messages, 4);
        }
    }
  if (obj == NULL)
    {
      if (err == 1)
        {
          free (log), free (data), free (ctx);
          die (EXIT_LOAD, "%s: no program named %s", obj_path, prog_name);
        }
      char msg[200];
      if (all_err)
        {
          libbpf_strerror (all_err, msg, sizeof msg);
          fprintf (stderr, "%s: %s: loading every program failed: %s\n",
                   progname, obj_path, msg);
          print_last_lines (all_messages, 6);
        }
      libbpf_strerror (err, msg, sizeof msg);
      fprintf (stderr, "%s: %s: cannot load %s%s: %s\n", progname, obj_path,
               prog_name, all_err ? " alone" : "", msg);
      print_last_lines (libbpf_text.s, 6);
      if (log[0])
        {
          fprintf (stderr, "%s: the verifier's last lines:\n", progname);
          print_last_lines (log, LOG_TAIL_LINES);
        }
      free (all_messages), free (log), free (data), free (ctx);
      return EXIT_LOAD;
    }
  free (all_messages);

  /* Perf buffers, open before the run so that bpf_perf_event_output
     finds an event on the CPU; ring buffers are read after it.  */
  struct perf_buffer *pbs[64];
  struct output_source sources[64];
  int npbs = 0, nsources = 0;
  struct bpf_map *map;
  bpf_object__for_each_map (map, obj)
    {
      enum bpf_map_type t = bpf_map__type (map);
      if (nsources == 64
          || (t != BPF_MAP_TYPE_RINGBUF && t != BPF_MAP_TYPE_PERF_EVENT_ARRAY))
        continue;
      sources[nsources].map = bpf_map__name (map);
      sources[nsources].ringbuf = t == BPF_MAP_TYPE_RINGBUF;
      if (t == BPF_MAP_TYPE_PERF_EVENT_ARRAY && perf_buffers)
        {
          struct perf_buffer *pb
            = perf_buffer__new (bpf_map__fd (map), PERF_PAGES, on_perf_sample,
                                on_perf_lost, &sources[nsources], NULL);
          if (pb == NULL)
            die (EXIT_LOAD, "%s: cannot open perf buffers for %s: %s",
                 obj_path, bpf_map__name (map), strerror (errno));
          pbs[npbs++] = pb;
        }
      nsources++;
    }

  /* The options are made for this one call: the kernel writes the sizes
     out back into them.  */
  unsigned char *data_out = data ? xmalloc (DATA_OUT_ROOM) : NULL;
  unsigned char *ctx_out = ctx ? xmalloc (CTX_OUT_ROOM) : NULL;
  LIBBPF_OPTS (bpf_test_run_opts, run,
               .data_in = data, .data_size_in = (__u32) data_len,
               .data_out = data_out,
               .data_size_out = data ? DATA_OUT_ROOM : 0,
               .ctx_in = ctx, .ctx_size_in = (__u32) ctx_len,
               .ctx_out = ctx_out, .ctx_size_out = ctx ? CTX_OUT_ROOM : 0,
               .repeat = (int) repeat);
  if (bpf_prog_test_run_opts (bpf_program__fd (prog), &run) != 0)
    {
      int e = errno;
      const char *name = strerrorname_np (e);
      die (EXIT_RUN, "%s: BPF_PROG_TEST_RUN of %s (%s) with %zu bytes of "
           "data%s refused: %s (%s)", obj_path, prog_name,
           libbpf_bpf_prog_type_str (bpf_program__type (prog)), data_len,
           ctx ? " and a context" : "", strerror (e), name ? name : "?");
    }

  bpf_object__for_each_map (map, obj)
    if (bpf_map__type (map) == BPF_MAP_TYPE_RINGBUF)
      {
        struct output_source *src = NULL;
        for (int i = 0; i < nsources; i++)
          if (strcmp (sources[i].map, bpf_map__name (map)) == 0)
            src = &sources[i];
        struct ring_buffer *rb = src ? ring_buffer__new (bpf_map__fd (map),
                                                         on_ringbuf_record,
                                                         src, NULL)
                                     : NULL;
        if (rb == NULL)
          die (EXIT_RUN, "%s: cannot read ring buffer %s: %s", obj_path,
               bpf_map__name (map), strerror (errno));
        ring_buffer__consume (rb);
        ring_buffer__free (rb);
      }
  for (int i = 0; i < npbs; i++)
    perf_buffer__consume (pbs[i]);

  printf ("{\"retval\": %u", run.retval);
  if (data)
    {
      printf (", \"data_out\": \"");
      print_hex (data_out, run.data_size_out);
      printf ("\"");
    }
  if (ctx)
    {
      printf (", \"ctx_out\": \"");
      print_hex (ctx_out, run.ctx_size_out);
      printf ("\"");
    }
  if (output_count)
    printf (", \"output\": [%s]", output_text.s);
  if (maps)
    {
      printf (", \"maps\": [");
      bool first = true;
      bpf_object__for_each_map (map, obj)
        {
          if (bpf_map__fd (map) < 0)
            continue;
          printf ("%s", first ? "" : ", ");
          dump_map (map, ncpus);
          first = false;
        }
      printf ("]");
    }
  printf ("}\n");

  for (int i = 0; i < npbs; i++)
    perf_buffer__free (pbs[i]);
  bpf_object__close (obj);
  free (data), free (ctx), free (data_out), free (ctx_out), free (log);
  return 0;
}
