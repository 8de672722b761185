/* kernel-bpf.c — maps, program loads and timed test runs on the host
 * kernel, through the raw bpf(2) system call (kernel-bpf.h).
 *
 * The calibration compares the simulator's cost model with what the
 * host's JIT really takes, so what is timed must be only the program: a
 * load asks for no verifier log unless it has already failed, and a test
 * run repeats the program inside the kernel so that one system call is
 * shared by many repetitions.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel-bpf.h"

/* Big enough for a verifier's log to reach the instruction that failed
   on any program the calibration writes; kernels since 6.4 keep the end
   of a longer log, which is the part that says why.  */
#define VERIFIER_LOG_SIZE (64u * 1024)

/* The output buffer of a test run, beyond the input's length: an skb
   program may grow the packet up to the loopback device's 64 KiB MTU,
   an XDP program with fragments to 17 pages.  */
#define TEST_RUN_OUT_SLACK (128u * 1024)

/* A load the kernel refuses for a passing reason (EAGAIN: a signal
   during verification) is tried again, this many times in all.  */
#define LOAD_ATTEMPTS 5

/* Test runs stop early with EINTR when a signal arrives.  */
#define TEST_RUN_ATTEMPTS 5

#define ETH_HEADER_LEN 14

/* Older headers than the kernels that have it.  */
#ifndef CAP_BPF
# define CAP_BPF 39
#endif

static long
sys_bpf (enum bpf_cmd cmd, union bpf_attr *attr)
{
#ifdef __NR_bpf
  return syscall (__NR_bpf, cmd, attr, sizeof *attr);
#else
  (void) cmd, (void) attr;
  errno = ENOSYS;
  return -1;
#endif
}

/* Appends to a message being built in ERR, as far as it fits.  */
static void __attribute__ ((format (printf, 3, 4)))
append (char *err, size_t len, const char *fmt, ...)
{
  size_t used = strnlen (err, len);
  if (used + 1 >= len)
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err + used, len - used, fmt, ap);
  va_end (ap);
}

/* Whether this process has capability CAP in its effective set; false
   if the kernel will not say.  */
static bool
has_capability (unsigned cap)
{
  struct __user_cap_header_struct header = {
    .version = _LINUX_CAPABILITY_VERSION_3
  };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  memset (data, 0, sizeof data);
  if (syscall (SYS_capget, &header, data) != 0)
    return false;
  return cap / 32 < _LINUX_CAPABILITY_U32S_3
         && (data[cap / 32].effective >> (cap % 32) & 1);
}

/* Why bpf() said EPERM to LOADING a program (else to creating a map),
   by what the process lacks: root's powers, or for the networking
   programs the calibration loads, CAP_NET_ADMIN besides CAP_BPF.  With
   all of them something above the process forbids bpf().  */
static const char *
permission_hint (bool loading)
{
  bool admin = has_capability (CAP_SYS_ADMIN);
  if (!admin && !has_capability (CAP_BPF))
    return loading ? "loading programs needs root or CAP_BPF"
           : "creating maps needs root or CAP_BPF";
  if (loading && !admin && !has_capability (CAP_NET_ADMIN))
    return "loading XDP and tc programs needs CAP_NET_ADMIN as well as "
           "CAP_BPF";
  return "though the process has the capabilities: a seccomp filter, a "
         "lockdown, or before Linux 5.11 a low RLIMIT_MEMLOCK";
}

/* Names with their article, for messages: "a hash map".  */
static const char *const map_type_names[] = {
  [BPF_MAP_TYPE_HASH] = "a hash map",
  [BPF_MAP_TYPE_ARRAY] = "an array map",
  [BPF_MAP_TYPE_PROG_ARRAY] = "a program array",
  [BPF_MAP_TYPE_PERF_EVENT_ARRAY] = "a perf event array",
  [BPF_MAP_TYPE_PERCPU_HASH] = "a per-CPU hash map",
  [BPF_MAP_TYPE_PERCPU_ARRAY] = "a per-CPU array map",
  [BPF_MAP_TYPE_STACK_TRACE] = "a stack trace map",
  [BPF_MAP_TYPE_CGROUP_ARRAY] = "a cgroup array",
  [BPF_MAP_TYPE_LRU_HASH] = "an LRU hash map",
  [BPF_MAP_TYPE_LRU_PERCPU_HASH] = "an LRU per-CPU hash map",
  [BPF_MAP_TYPE_LPM_TRIE] = "an LPM trie",
  [BPF_MAP_TYPE_ARRAY_OF_MAPS] = "an array of maps",
  [BPF_MAP_TYPE_HASH_OF_MAPS] = "a hash of maps",
  [BPF_MAP_TYPE_DEVMAP] = "a device map",
  [BPF_MAP_TYPE_SOCKMAP] = "a socket map",
  [BPF_MAP_TYPE_CPUMAP] = "a CPU map",
  [BPF_MAP_TYPE_XSKMAP] = "an AF_XDP socket map",
  [BPF_MAP_TYPE_SOCKHASH] = "a socket hash",
  [BPF_MAP_TYPE_CGROUP_STORAGE] = "a cgroup storage map",
  [BPF_MAP_TYPE_REUSEPORT_SOCKARRAY] = "a reuseport socket array",
  [BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE] = "a per-CPU cgroup storage map",
  [BPF_MAP_TYPE_QUEUE] = "a queue",
  [BPF_MAP_TYPE_STACK] = "a stack",
  [BPF_MAP_TYPE_SK_STORAGE] = "a socket storage map",
  [BPF_MAP_TYPE_DEVMAP_HASH] = "a device hash map",
  [BPF_MAP_TYPE_STRUCT_OPS] = "a struct_ops map",
  [BPF_MAP_TYPE_RINGBUF] = "a ring buffer",
  [BPF_MAP_TYPE_INODE_STORAGE] = "an inode storage map",
  [BPF_MAP_TYPE_TASK_STORAGE] = "a task storage map",
  [BPF_MAP_TYPE_BLOOM_FILTER] = "a bloom filter",
  [BPF_MAP_TYPE_USER_RINGBUF] = "a user ring buffer",
};

static const char *const prog_type_names[] = {
  [BPF_PROG_TYPE_SOCKET_FILTER] = "a socket filter",
  [BPF_PROG_TYPE_KPROBE] = "a kprobe program",
  [BPF_PROG_TYPE_SCHED_CLS] = "a tc classifier (SCHED_CLS)",
  [BPF_PROG_TYPE_SCHED_ACT] = "a tc action (SCHED_ACT)",
  [BPF_PROG_TYPE_TRACEPOINT] = "a tracepoint program",
  [BPF_PROG_TYPE_XDP] = "an XDP program",
  [BPF_PROG_TYPE_PERF_EVENT] = "a perf event program",
  [BPF_PROG_TYPE_CGROUP_SKB] = "a cgroup skb program",
  [BPF_PROG_TYPE_CGROUP_SOCK] = "a cgroup sock program",
  [BPF_PROG_TYPE_LWT_IN] = "an LWT in program",
  [BPF_PROG_TYPE_LWT_OUT] = "an LWT out program",
  [BPF_PROG_TYPE_LWT_XMIT] = "an LWT xmit program",
  [BPF_PROG_TYPE_SOCK_OPS] = "a sock_ops program",
  [BPF_PROG_TYPE_SK_SKB] = "an sk_skb program",
  [BPF_PROG_TYPE_CGROUP_DEVICE] = "a cgroup device program",
  [BPF_PROG_TYPE_SK_MSG] = "an sk_msg program",
  [BPF_PROG_TYPE_RAW_TRACEPOINT] = "a raw tracepoint program",
  [BPF_PROG_TYPE_CGROUP_SOCK_ADDR] = "a cgroup sock_addr program",
  [BPF_PROG_TYPE_LWT_SEG6LOCAL] = "an LWT seg6local program",
  [BPF_PROG_TYPE_LIRC_MODE2] = "a lirc_mode2 program",
  [BPF_PROG_TYPE_SK_REUSEPORT] = "an sk_reuseport program",
  [BPF_PROG_TYPE_FLOW_DISSECTOR] = "a flow dissector",
  [BPF_PROG_TYPE_CGROUP_SYSCTL] = "a cgroup sysctl program",
  [BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE]
    = "a writable raw tracepoint program",
  [BPF_PROG_TYPE_CGROUP_SOCKOPT] = "a cgroup sockopt program",
  [BPF_PROG_TYPE_TRACING] = "a tracing program",
  [BPF_PROG_TYPE_STRUCT_OPS] = "a struct_ops program",
  [BPF_PROG_TYPE_EXT] = "an extension program",
  [BPF_PROG_TYPE_LSM] = "an LSM program",
  [BPF_PROG_TYPE_SK_LOOKUP] = "an sk_lookup program",
  [BPF_PROG_TYPE_SYSCALL] = "a syscall program",
};

/* "a hash map (key 4, value 8, 1024 entries)", into BUF.  */
static void
describe_map (char *buf, size_t len, uint32_t type, uint32_t key_size,
              uint32_t value_size, uint32_t max_entries, uint32_t map_flags)
{
  size_t n_names = sizeof map_type_names / sizeof map_type_names[0];
  if (type < n_names && map_type_names[type])
    snprintf (buf, len, "%s", map_type_names[type]);
  else
    snprintf (buf, len, "a map of type %u", type);
  append (buf, len, " (key %u, value %u, %u entr%s", key_size, value_size,
          max_entries, max_entries == 1 ? "y" : "ies");
  if (map_flags)
    append (buf, len, ", flags 0x%x", map_flags);
  append (buf, len, ")");
}

static void
describe_prog_type (char *buf, size_t len, uint32_t type)
{
  size_t n_names = sizeof prog_type_names / sizeof prog_type_names[0];
  if (type < n_names && prog_type_names[type])
    snprintf (buf, len, "%s", prog_type_names[type]);
  else
    snprintf (buf, len, "a program of type %u", type);
}

/* Whether FD is a bpf object of KIND ("bpf-map", "bpf-prog"), by the
   name of its anonymous inode: BPF_OBJ_GET_INFO_BY_FD answers for any
   kind, in the layout of that kind, so it must be asked only of the
   kind expected.  Without /proc to ask, yes.  */
static bool
fd_is (int fd, const char *kind)
{
  char path[64], target[64];
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (path, target, sizeof target - 1);
  if (n < 0)
    /* Not open, unless there is no /proc to ask.  */
    return access ("/proc/self/fd", F_OK) != 0;
  target[n] = '\0';
  return strncmp (target, "anon_inode:", 11) == 0
         && strcmp (target + 11, kind) == 0;
}

/* What the kernel knows of the object of KIND behind FD, into INFO of
   LEN bytes; false if it is no such object or the kernel will not say.
   Only for error messages, so errno is left as the failure being
   reported set it.  */
static bool
object_info (int fd, const char *kind, void *info, uint32_t len)
{
  int saved = errno;
  memset (info, 0, len);
  if (!fd_is (fd, kind))
    {
      errno = saved;
      return false;
    }
  union bpf_attr attr;
  memset (&attr, 0, sizeof attr);
  attr.info.bpf_fd = fd;
  attr.info.info_len = len;
  attr.info.info = (uintptr_t) info;
  bool ok = sys_bpf (BPF_OBJ_GET_INFO_BY_FD, &attr) == 0;
  errno = saved;
  return ok;
}

bool
kbpf_available (char *why, size_t len)
{
  const struct bpf_insn pass[] = {
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0,
      .imm = XDP_PASS },
    { .code = BPF_JMP | BPF_EXIT },
  };
  char err[512];
  int fd = kbpf_prog_load (BPF_PROG_TYPE_XDP, pass, 2, err, sizeof err);
  if (fd >= 0)
    {
      close (fd);
      return true;
    }
  if (errno == ENOSYS)
    snprintf (why, len, "this kernel has no bpf() (CONFIG_BPF_SYSCALL is "
              "off)");
  else if (errno == EPERM || errno == EACCES)
    snprintf (why, len, "bpf() refused: %s (%s)", strerror (errno),
              permission_hint (true));
  else
    snprintf (why, len, "%s", err);
  return false;
}

int
kbpf_map_create (uint32_t type, uint32_t key_size, uint32_t value_size,
                 uint32_t max_entries, uint32_t map_flags,
                 char *err, size_t len)
{
  union bpf_attr attr;
  memset (&attr, 0, sizeof attr);
  attr.map_type = type;
  attr.key_size = key_size;
  attr.value_size = value_size;
  attr.max_entries = max_entries;
  attr.map_flags = map_flags;
  int fd = sys_bpf (BPF_MAP_CREATE, &attr);
  if (fd >= 0)
    return fd;
  int saved = errno;
  char what[160];
  describe_map (what, sizeof what, type, key_size, value_size, max_entries,
                map_flags);
  snprintf (err, len, "BPF_MAP_CREATE of %s: %s", what, strerror (saved));
  if (saved == EPERM)
    append (err, len, " (%s)", permission_hint (false));
  errno = saved;
  return -1;
}

bool
kbpf_map_update (int fd, const void *key, const void *value, uint64_t flags,
                 char *err, size_t len)
{
  union bpf_attr attr;
  memset (&attr, 0, sizeof attr);
  attr.map_fd = fd;
  attr.key = (uintptr_t) key;
  attr.value = (uintptr_t) value;
  attr.flags = flags;
  if (sys_bpf (BPF_MAP_UPDATE_ELEM, &attr) == 0)
    return true;
  int saved = errno;
  struct bpf_map_info info;
  snprintf (err, len, "BPF_MAP_UPDATE_ELEM on fd %d", fd);
  if (object_info (fd, "bpf-map", &info, sizeof info))
    {
      char what[160];
      describe_map (what, sizeof what, info.type, info.key_size,
                    info.value_size, info.max_entries, info.map_flags);
      append (err, len, ", %s", what);
    }
  else if (!fd_is (fd, "bpf-map"))
    append (err, len, ", not a map");
  append (err, len, ", flags 0x%llx: %s", (unsigned long long) flags,
          strerror (saved));
  errno = saved;
  return false;
}

/* One BPF_PROG_LOAD; with LOG, at verbosity 1 into LOG_SIZE bytes.  */
static int
load (uint32_t type, const struct bpf_insn *insns, uint32_t n,
      char *log, uint32_t log_size)
{
  union bpf_attr attr;
  memset (&attr, 0, sizeof attr);
  attr.prog_type = type;
  attr.insn_cnt = n;
  attr.insns = (uintptr_t) insns;
  attr.license = (uintptr_t) "GPL";
  if (log)
    {
      log[0] = '\0';
      attr.log_level = 1;
      attr.log_size = log_size;
      attr.log_buf = (uintptr_t) log;
    }
  int fd = -1;
  for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++)
    {
      fd = sys_bpf (BPF_PROG_LOAD, &attr);
      if (fd >= 0 || errno != EAGAIN)
        break;
    }
  return fd;
}

/* The length of LOG without its trailing blanks.  */
static size_t
trimmed_len (const char *log, size_t len)
{
  while (len > 0 && (log[len - 1] == '\n' || log[len - 1] == ' '))
    len--;
  return len;
}

/* Appends to ERR as many of the last lines of LOG as fit, whole lines
   if it can: the verifier says why it refused at the end, just before
   its closing statistics ("processed 3 insns..."), which are left out as
   they never say why.  */
static void
append_log_tail (char *err, size_t len, const char *log)
{
  size_t log_len = trimmed_len (log, strlen (log));
  const char *last_line = log + log_len;
  while (last_line > log && last_line[-1] != '\n')
    last_line--;
  if (strncmp (last_line, "processed ", 10) == 0)
    log_len = trimmed_len (log, last_line - log);
  if (log_len == 0)
    return;
  static const char intro[] = "; the verifier's log ends:\n";
  static const char elided[] = "...\n";
  size_t used = strnlen (err, len);
  if (used + sizeof intro >= len)
    return;
  size_t room = len - used - sizeof intro;
  const char *start = log;
  const char *mark = "";
  if (log_len > room)
    {
      if (room <= sizeof elided)
        return;
      start = log + log_len - (room - (sizeof elided - 1));
      /* From the next whole line, unless that leaves nothing.  */
      const char *newline = memchr (start, '\n', log + log_len - start);
      if (newline)
        start = newline + 1;
      mark = elided;
    }
  append (err, len, "%s%s%.*s", intro, mark, (int) (log + log_len - start),
          start);
}

int
kbpf_prog_load (uint32_t type, const struct bpf_insn *insns, size_t n,
                char *err, size_t len)
{
  char what[80];
  describe_prog_type (what, sizeof what, type);
  if (n > UINT32_MAX)
    {
      snprintf (err, len, "BPF_PROG_LOAD of %s: %zu instructions are more "
                "than bpf() can count", what, n);
      errno = E2BIG;
      return -1;
    }
  if (n == 0)
    {
      snprintf (err, len, "BPF_PROG_LOAD of %s: no instructions", what);
      errno = EINVAL;
      return -1;
    }
  int fd = load (type, insns, n, NULL, 0);
  if (fd >= 0)
    return fd;
  int first = errno;
  snprintf (err, len, "BPF_PROG_LOAD of %s (%zu instruction%s): %s", what,
            n, n == 1 ? "" : "s", strerror (first));
  if (first == EPERM)
    append (err, len, " (%s)", permission_hint (true));
  /* No verifier ran, so there is no log to ask for.  */
  if (first == ENOSYS || first == EPERM)
    {
      errno = first;
      return -1;
    }
  char *log = malloc (VERIFIER_LOG_SIZE);
  if (!log)
    {
      errno = first;
      return -1;
    }
  fd = load (type, insns, n, log, VERIFIER_LOG_SIZE);
  if (fd >= 0)
    {
      /* Refused once, then accepted: the first refusal was passing, and
         the program is as good as any.  */
      free (log);
      return fd;
    }
  /* The second errno may only say the log was too short: the first one
     is the reason.  */
  log[VERIFIER_LOG_SIZE - 1] = '\0';
  append_log_tail (err, len, log);
  free (log);
  errno = first;
  return -1;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The median of N values, which it sorts.  */
static double
median (double *values, unsigned n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The start of a test-run error message: "BPF_PROG_TEST_RUN of fd 5,
   an XDP program, over 14 bytes, repeat 1000".  */
static void
describe_test_run (char *err, size_t errlen, int prog_fd, size_t len,
                   uint32_t repeat)
{
  struct bpf_prog_info info;
  snprintf (err, errlen, "BPF_PROG_TEST_RUN of fd %d", prog_fd);
  if (object_info (prog_fd, "bpf-prog", &info, sizeof info))
    {
      char what[80];
      describe_prog_type (what, sizeof what, info.type);
      append (err, errlen, ", %s,", what);
    }
  else if (!fd_is (prog_fd, "bpf-prog"))
    append (err, errlen, ", not a program,");
  append (err, errlen, " over %zu byte%s, repeat %u", len,
          len == 1 ? "" : "s", repeat);
}

bool
kbpf_prog_time (int prog_fd, const void *data, size_t len, uint32_t repeat,
                unsigned trials, double *ns, uint32_t *retval,
                char *err, size_t errlen)
{
  if (trials == 0 || len > UINT32_MAX - TEST_RUN_OUT_SLACK)
    {
      describe_test_run (err, errlen, prog_fd, len, repeat);
      append (err, errlen, ": %s", trials == 0 ? "no trials to time"
              : "the packet is too long for bpf()");
      return false;
    }
  size_t out_size = len + TEST_RUN_OUT_SLACK;
  void *out = malloc (out_size);
  double *durations = calloc (trials, sizeof *durations);
  if (!out || !durations)
    {
      describe_test_run (err, errlen, prog_fd, len, repeat);
      append (err, errlen, ": no memory for %u trials and a %zu-byte output "
              "buffer", trials, out_size);
      free (out);
      free (durations);
      return false;
    }
  for (unsigned trial = 0; trial < trials; trial++)
    {
      union bpf_attr attr;
      long rc = -1;
      for (int attempt = 0; attempt < TEST_RUN_ATTEMPTS; attempt++)
        {
          memset (&attr, 0, sizeof attr);
          attr.test.prog_fd = prog_fd;
          attr.test.data_in = (uintptr_t) data;
          attr.test.data_size_in = len;
          attr.test.data_out = (uintptr_t) out;
          attr.test.data_size_out = out_size;
          attr.test.repeat = repeat;
          rc = sys_bpf (BPF_PROG_TEST_RUN, &attr);
          if (rc == 0 || errno != EINTR)
            break;
        }
      if (rc != 0)
        {
          int saved = errno;
          describe_test_run (err, errlen, prog_fd, len, repeat);
          append (err, errlen, ": %s", strerror (saved));
          if (saved == EINVAL && len < ETH_HEADER_LEN)
            append (err, errlen, " (XDP and skb programs need at least %d "
                    "bytes of packet)", ETH_HEADER_LEN);
          free (out);
          free (durations);
          errno = saved;
          return false;
        }
      durations[trial] = attr.test.duration;
      if (retval)
        *retval = attr.test.retval;
    }
  if (ns)
    *ns = median (durations, trials);
  free (out);
  free (durations);
  return true;
}
