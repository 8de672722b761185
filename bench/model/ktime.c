/* ktime — time one program of a BPF object on the running kernel, the
 * reference that bench/model/run.sh holds ebpfsim's cycle model against.
 *
 *   ktime OBJ PROG DATA [--repeat N] [--trials T] [--trial-ms MS] [--only]
 *
 * loads OBJ with libbpf (every program, so that tail-call targets and
 * program arrays are filled in; if that fails, PROG alone), runs PROG on
 * the packet in file DATA with BPF_PROG_TEST_RUN T times, N runs each,
 * and prints "NS_PER_RUN RETVAL": the median over the trials of the
 * kernel's own per-run duration (integer nanoseconds, JIT on or off as
 * the system has it) and the program's return value.  Without --repeat,
 * N is chosen so that a trial takes about MS milliseconds (default 30).
 * --only loads PROG alone from the start.
 *
 * Exit status: 0 timed; 1 bad command line; 2 the object, the program or
 * DATA could not be loaded or read (with what failed, errno's text and,
 * for a refused program, the end of the verifier's log); 3 the kernel
 * refused the test run; 77 bpf() is refused here (not root, or no bpf()
 * at all), so the benchmark is skipped rather than failed.
 *
 * Build: cc -O2 -std=gnu11 ktime.c -lbpf -lelf -lz  (libbpf 1.1 or later)
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
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

#define EXIT_USAGE 1
#define EXIT_LOAD 2
#define EXIT_RUN 3
#define EXIT_SKIP 77

/* By default a trial aims at this much kernel time: long enough that the
   fixed cost of a test run (allocating the skb or xdp_buff, copying the
   packet) vanishes and a timer interrupt or two averages out, short
   enough that 7 trials take a fraction of a second.  */
#define DEFAULT_TRIAL_MS 30
#define MAX_REPEAT 10000000
#define MAX_DATA (64 * 1024)
/* Verifier logs of large programs run to megabytes; since Linux 6.4 the
   kernel keeps the end of the log when the buffer is too small, and the
   end is where the reason is.  */
#define LOG_SIZE (1024 * 1024)
#define LOG_TAIL_LINES 8
#define LIBBPF_TAIL_LINES 6

static const char *progname = "ktime";

/* libbpf's warnings, kept instead of printed: a successful load is
   silent, and a failed one reports only the last few lines.  libbpf's
   copies of the kernel's logs are left out: the verifier's is printed
   from the log buffer, whose end is intact however long it is.  */
static char *libbpf_msgs;
static size_t libbpf_len, libbpf_cap;

static int
keep_libbpf_msg (enum libbpf_print_level level, const char *fmt, va_list ap)
{
  if (level == LIBBPF_DEBUG || strstr (fmt, "LOAD LOG"))
    return 0;
  char line[4096];
  int n = vsnprintf (line, sizeof line, fmt, ap);
  if (n < 0)
    return 0;
  if ((size_t) n >= sizeof line)
    n = sizeof line - 1;
  if (libbpf_len + n + 1 > libbpf_cap)
    {
      size_t cap = (libbpf_cap ? libbpf_cap * 2 : 8192) + n;
      char *p = realloc (libbpf_msgs, cap);
      if (p == NULL)
        return 0;
      libbpf_msgs = p, libbpf_cap = cap;
    }
  memcpy (libbpf_msgs + libbpf_len, line, n + 1);
  libbpf_len += n;
  return 0;
}

/* Prints the last LINES non-empty lines of TEXT, each indented.  */
static void
print_tail (const char *text, int lines)
{
  if (text == NULL || *text == '\0')
    return;
  /* Line starts first, then the last LINES of them.  */
  size_t n = 0, cap = 64;
  const char **starts = malloc (cap * sizeof *starts);
  int *lens = malloc (cap * sizeof *lens);
  if (starts == NULL || lens == NULL)
    {
      free (starts), free (lens);
      return;
    }
  for (const char *p = text; *p;)
    {
      const char *e = strchr (p, '\n');
      int len = e ? (int) (e - p) : (int) strlen (p);
      if (len > 0)
        {
          if (n == cap)
            {
              cap *= 2;
              const char **s2 = realloc (starts, cap * sizeof *starts);
              int *l2 = s2 ? realloc (lens, cap * sizeof *lens) : NULL;
              if (s2 == NULL || l2 == NULL)
                {
                  free (s2 ? s2 : starts), free (lens);
                  return;
                }
              starts = s2, lens = l2;
            }
          starts[n] = p, lens[n] = len, n++;
        }
      p = e ? e + 1 : p + len;
    }
  for (size_t i = n > (size_t) lines ? n - lines : 0; i < n; i++)
    fprintf (stderr, "  %.*s\n", lens[i], starts[i]);
  free (starts), free (lens);
}

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ktime OBJ PROG DATA [--repeat N] [--trials T] [--trial-ms MS] [--only]\n"
"Time program PROG (its function name) of the BPF object OBJ on the running\n"
"kernel with BPF_PROG_TEST_RUN, on the packet in file DATA.  Prints the\n"
"median over T trials (default 7) of the kernel's nanoseconds per run, with\n"
"N runs a trial (default: about MS milliseconds of runs, 30 unless given),\n"
"and the return value.\n"
"--only loads PROG alone instead of every program of OBJ.\n"
"Exit status: 0 timed, 1 usage, 2 not loaded, 3 test run refused,\n"
"77 bpf() refused (not root).\n");
}

/* Can this process load and test-run programs at all?  A two-instruction
   XDP program answers without involving OBJ, so that "not allowed here"
   (exit 77, the benchmark is skipped) is never confused with "this
   object is bad" (exit 2).  */
static void
check_bpf_allowed (void)
{
  const struct bpf_insn insns[] = {
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = XDP_PASS },
    { .code = BPF_JMP | BPF_EXIT },
  };
  int fd = bpf_prog_load (BPF_PROG_TYPE_XDP, "ktime_probe", "GPL", insns,
                          sizeof insns / sizeof insns[0], NULL);
  if (fd < 0)
    {
      int e = errno;
      if (e == EPERM || e == EACCES || e == ENOSYS)
        {
          fprintf (stderr, "%s: bpf() refused (%s): loading programs needs root "
                   "(CAP_BPF and CAP_NET_ADMIN) and a kernel with bpf()\n",
                   progname, strerror (e));
          exit (EXIT_SKIP);
        }
      fprintf (stderr, "%s: loading a trivial XDP program failed: %s\n",
               progname, strerror (e));
      exit (EXIT_LOAD);
    }
  close (fd);
}

static unsigned char *
read_data (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, path, strerror (errno));
      exit (EXIT_LOAD);
    }
  unsigned char *buf = malloc (MAX_DATA + 1);
  if (buf == NULL)
    {
      fprintf (stderr, "%s: out of memory\n", progname);
      exit (EXIT_LOAD);
    }
  size_t n = fread (buf, 1, MAX_DATA + 1, f);
  if (ferror (f) || n > MAX_DATA)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, path,
               ferror (f) ? strerror (errno) : "larger than 64 KiB");
      exit (EXIT_LOAD);
    }
  fclose (f);
  *len = n;
  return buf;
}

/* *ERR of open_and_load when OBJ has no program PROG (errno values are
   negative).  */
#define NO_SUCH_PROGRAM 1

/* Opens and loads OBJ: every program, or PROG alone when ONLY; *NPROGS
   is how many programs OBJ has.  On failure returns NULL with *ERR the
   negative errno or NO_SUCH_PROGRAM, and libbpf's and the verifier's
   messages left in libbpf_msgs and LOG.  */
static struct bpf_object *
open_and_load (const char *path, const char *prog_name, bool only,
               char *log, int *err, struct bpf_program **prog, int *nprogs)
{
  libbpf_len = 0;
  if (libbpf_msgs)
    libbpf_msgs[0] = '\0';
  log[0] = '\0';
  LIBBPF_OPTS (bpf_object_open_opts, opts, .kernel_log_buf = log,
               .kernel_log_size = LOG_SIZE, .kernel_log_level = 0);
  struct bpf_object *obj = bpf_object__open_file (path, &opts);
  *prog = NULL;
  if (obj == NULL)
    {
      *err = -errno;
      return NULL;
    }
  *prog = bpf_object__find_program_by_name (obj, prog_name);
  if (*prog == NULL)
    {
      *err = NO_SUCH_PROGRAM;
      bpf_object__close (obj);
      return NULL;
    }
  struct bpf_program *p;
  *nprogs = 0;
  bpf_object__for_each_program (p, obj)
    {
      ++*nprogs;
      if (only)
        bpf_program__set_autoload (p, p == *prog);
    }
  *err = bpf_object__load (obj);
  if (*err)
    {
      bpf_object__close (obj);
      *prog = NULL;
      return NULL;
    }
  return obj;
}

/* One BPF_PROG_TEST_RUN of REPEAT runs: 0, or -1 with errno set.  The
   options are made afresh each time because the kernel writes back the
   size of the packet after the run, and a size left from a run that
   grew the packet would read as a limit next time (ENOSPC).  */
static int
test_run (int fd, const void *data, size_t len, long repeat,
          uint32_t *duration, uint32_t *retval)
{
  LIBBPF_OPTS (bpf_test_run_opts, run, .data_in = data,
               .data_size_in = (uint32_t) len, .repeat = (int) repeat);
  if (bpf_prog_test_run_opts (fd, &run) != 0)
    return -1;
  *duration = run.duration;
  *retval = run.retval;
  return 0;
}

static int
compare_u32 (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  const char *pos[3];
  int npos = 0;
  long repeat = 0, trials = 7, trial_ms = DEFAULT_TRIAL_MS;
  bool only = false;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return 0;
        }
      else if (strcmp (a, "--only") == 0)
        only = true;
      else if ((strcmp (a, "--repeat") == 0 || strcmp (a, "--trials") == 0
                || strcmp (a, "--trial-ms") == 0) && i + 1 < argc)
        {
          long *dest = a[2] == 'r' ? &repeat
                       : strcmp (a, "--trials") == 0 ? &trials : &trial_ms;
          long max = dest == &repeat ? MAX_REPEAT : dest == &trials ? 1000 : 60000;
          char *end;
          errno = 0;
          long v = strtol (argv[++i], &end, 10);
          if (errno || *end || end == argv[i] || v < 1 || v > max)
            {
              fprintf (stderr, "%s: %s: not a count from 1 to %ld: %s\n",
                       progname, a, max, argv[i]);
              return EXIT_USAGE;
            }
          *dest = v;
        }
      else if (a[0] == '-' && a[1] != '\0')
        {
          fprintf (stderr, "%s: unknown option %s\n", progname, a);
          usage (stderr);
          return EXIT_USAGE;
        }
      else if (npos < 3)
        pos[npos++] = a;
      else
        {
          usage (stderr);
          return EXIT_USAGE;
        }
    }
  if (npos != 3)
    {
      usage (stderr);
      return EXIT_USAGE;
    }
  const char *obj_path = pos[0], *prog_name = pos[1], *data_path = pos[2];

  libbpf_set_print (keep_libbpf_msg);
  check_bpf_allowed ();
  size_t data_len;
  unsigned char *data = read_data (data_path, &data_len);

  char *log = malloc (LOG_SIZE);
  if (log == NULL)
    {
      fprintf (stderr, "%s: out of memory\n", progname);
      return EXIT_LOAD;
    }
  struct bpf_program *prog;
  int err, nprogs = 0;
  struct bpf_object *obj = open_and_load (obj_path, prog_name, only, log,
                                          &err, &prog, &nprogs);
  /* Another program of the object may be what the kernel refuses (or
     what libbpf cannot type): PROG alone may still load.  When it does
     not, both failures are reported, since the first may be the cause
     (a tail-call target the second attempt left out).  */
  char *all_msgs = NULL;
  int all_err = 0;
  if (obj == NULL && !only && err != NO_SUCH_PROGRAM && nprogs > 1)
    {
      all_msgs = libbpf_msgs ? strdup (libbpf_msgs) : NULL;
      all_err = err;
      obj = open_and_load (obj_path, prog_name, true, log, &err, &prog,
                           &nprogs);
    }
  if (obj == NULL)
    {
      if (err == NO_SUCH_PROGRAM)
        fprintf (stderr, "%s: %s: no program named %s\n", progname, obj_path,
                 prog_name);
      else
        {
          char msg[256];
          if (all_err)
            {
              libbpf_strerror (all_err, msg, sizeof msg);
              fprintf (stderr, "%s: %s: loading every program failed: %s\n",
                       progname, obj_path, msg);
              print_tail (all_msgs, LIBBPF_TAIL_LINES);
            }
          libbpf_strerror (err, msg, sizeof msg);
          fprintf (stderr, "%s: %s: cannot load %s%s: %s\n", progname,
                   obj_path, prog_name, all_err ? " alone" : "", msg);
          print_tail (libbpf_msgs, LIBBPF_TAIL_LINES);
          if (log[0])
            {
              fprintf (stderr, "%s: end of the verifier's log:\n", progname);
              print_tail (log, LOG_TAIL_LINES);
            }
        }
      return EXIT_LOAD;
    }
  int fd = bpf_program__fd (prog);
  uint32_t duration = 0, retval = 0;
  /* Without --repeat, grow the count until a trial takes a measurable
     time, then scale it to the target.  The first runs also warm the
     caches and the branch predictors, as the trials that follow expect.  */
  if (repeat == 0)
    {
      double target_ns = trial_ms * 1e6;
      long r = 1;
      for (;;)
        {
          if (test_run (fd, data, data_len, r, &duration, &retval) != 0)
            goto run_failed;
          double total = (double) duration * r;
          if (total >= target_ns / 20 || r >= MAX_REPEAT)
            break;
          r = total < 1000 ? r * 100 : r * 10;
          if (r > MAX_REPEAT)
            r = MAX_REPEAT;
        }
      double ns = duration > 0 ? duration : 1;
      double want = target_ns / ns;
      repeat = want < 1 ? 1 : want > MAX_REPEAT ? MAX_REPEAT : (long) want;
    }

  uint32_t *d = calloc (trials, sizeof *d);
  if (d == NULL)
    {
      fprintf (stderr, "%s: out of memory\n", progname);
      return EXIT_LOAD;
    }
  for (long t = 0; t < trials; t++)
    {
      if (test_run (fd, data, data_len, repeat, &d[t], &retval) != 0)
        goto run_failed;
    }
  qsort (d, trials, sizeof *d, compare_u32);
  double median = trials % 2 ? d[trials / 2]
                  : (d[trials / 2 - 1] + (double) d[trials / 2]) / 2;
  printf ("%.1f %u\n", median, retval);
  bpf_object__close (obj);
  return 0;

run_failed:
  fprintf (stderr, "%s: %s: BPF_PROG_TEST_RUN of %s (%s) on %s (%zu bytes) "
           "refused: %s\n", progname, obj_path, prog_name,
           libbpf_bpf_prog_type_str (bpf_program__type (prog)), data_path,
           data_len, strerror (errno));
  bpf_object__close (obj);
  return EXIT_RUN;
}
