/* helpers.c — the helper table, named as the system's linux/bpf.h names
 * them, the services every group of helpers uses, and the helpers of the
 * simulated environment: time, ids, random numbers, strings, callbacks.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "helper.h"

/* Names by id, expanded from the kernel header's own list so that they
 * follow the installed kernel headers.  Linux 6.1's list separates its
 * entries with commas itself.  */
#define HELPER_NAME(name, ...) [BPF_FUNC_##name] = "bpf_" #name
static const char *const helper_names[] = { __BPF_FUNC_MAPPER (HELPER_NAME) };
#undef HELPER_NAME

const char *
ebpf_helper_name (const ebpf_machine *m)
{
  uint32_t id = (uint32_t) m->pc->imm64;
  return id < EBPF_MAX_HELPER_ID && m->helpers[id].name ? m->helpers[id].name
                                                        : "helper";
}

uint8_t *
ebpf_helper_memory (ebpf_machine *m, uint64_t addr, uint64_t len, bool write,
                    const char *what)
{
  static uint8_t empty;
  if (len == 0)
    return &empty;
  uint8_t *p = len <= UINT32_MAX
               ? ebpf_memory_translate (&m->mem, addr, (uint32_t) len, write) : NULL;
  if (p && write && m->debug.history.on)
    ebpf_undo_record_memory (m, addr, len);
  if (p == NULL)
    {
      char where[160];
      ebpf_memory_describe (&m->mem, addr, where, sizeof where);
      ebpf_machine_fault (m, "%s: %s (%llu bytes at 0x%llx) is not %s memory "
                          "(%s)", ebpf_helper_name (m), what,
                          (unsigned long long) len, (unsigned long long) addr,
                          write ? "writable" : "readable", where);
    }
  return p;
}

uint64_t
ebpf_machine_call_function (ebpf_machine *m, size_t target, uint64_t r1,
                            uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5)
{
  if (target >= m->prog->n_slots || m->prog->lddw_tail[target])
    {
      ebpf_machine_fault (m, "%s: callback %zu is not an instruction of the "
                          "program", ebpf_helper_name (m), target);
      return 0;
    }
  /* The callback returns to a pseudo-instruction that ends this nested
   * run, then the helper goes on where it was.  */
  const struct ebpf_decoded *caller = m->pc;
  if (!ebpf_machine_push_frame (m, caller, &m->code[m->prog->n_slots + 1]))
    {
      ebpf_machine_fault (m, "%s: call stack too deep (more than %d frames) "
                          "for its callback", ebpf_helper_name (m), m->max_frames);
      return 0;
    }
  bool stepping = m->stepping;
  m->stepping = false;   /* a step over a helper runs its callbacks whole */
  m->regs[1] = r1, m->regs[2] = r2, m->regs[3] = r3, m->regs[4] = r4;
  m->regs[5] = r5;
  m->pc = &m->code[target];
  m->debug.callback_depth++;
  enum ebpf_stop stop = ebpf_interp_run (m);
  while (stop != EBPF_STOP_EXIT && ebpf_debug_callback_stopped (m, &stop))
    ;
  m->debug.callback_depth--;
  m->pc = caller;
  m->stepping = stepping;
  if (stop != EBPF_STOP_EXIT)
    {
      if (!m->faulted)   /* the budget: report it as the run's fault */
        ebpf_machine_fault (m, "%s", m->stop_message);
      return 0;
    }
  return m->regs[0];
}

/* ---- Time: from the cycle counter, so runs repeat exactly ------------------- */

/* Nanoseconds since boot: the machine starts one second after boot, and
 * time goes on across runs of the same machine.  */
static uint64_t
now_ns (const ebpf_machine *m)
{
  uint64_t units = m->env.elapsed_cost + m->cost;
  return EBPF_BOOT_TO_START_NS
         + (uint64_t) ((unsigned __int128) units * 1000000000u
                       / ((unsigned __int128) m->model->clock_hz * EBPF_COST_SCALE));
}

static HELPER (helper_ktime_get_ns) { UNUSED_ARGS; return now_ns (m); }
/* No suspend in a simulation: boot time equals monotonic time.  */
static HELPER (helper_ktime_get_boot_ns) { UNUSED_ARGS; return now_ns (m); }
static HELPER (helper_ktime_get_tai_ns)
{
  UNUSED_ARGS;
  return now_ns (m) + EBPF_TAI_AT_BOOT_NS;
}
/* Coarse time advances one jiffy (4 ms at HZ=250) at a time.  */
static HELPER (helper_ktime_get_coarse_ns)
{
  UNUSED_ARGS;
  uint64_t jiffy = 1000000000u / EBPF_HZ;
  return now_ns (m) / jiffy * jiffy;
}
/* jiffies start 5 minutes before their wrap, as INITIAL_JIFFIES makes
 * them on 64-bit kernels (-300 * HZ, as a 32-bit value).  */
static HELPER (helper_jiffies64)
{
  UNUSED_ARGS;
  return (uint64_t) (uint32_t) (-300 * EBPF_HZ) + now_ns (m) / (1000000000u / EBPF_HZ);
}

/* ---- Identity of the simulated CPU and task --------------------------------- */

static HELPER (helper_get_smp_processor_id) { UNUSED_ARGS; return m->env.cpu; }
static HELPER (helper_get_numa_node_id) { UNUSED_ARGS; return 0; }
static HELPER (helper_get_current_pid_tgid)
{
  UNUSED_ARGS;
  return (uint64_t) m->env.tgid << 32 | m->env.pid;
}
static HELPER (helper_get_current_uid_gid)
{
  UNUSED_ARGS;
  return (uint64_t) m->env.gid << 32 | m->env.uid;
}
static HELPER (helper_get_current_comm)
{
  (void) r3; (void) r4; (void) r5;
  if (r2 == 0)
    return (uint64_t) -EINVAL;
  uint8_t *buf = ebpf_helper_memory (m, r1, r2, true, "buf");
  if (buf == NULL)
    return 0;
  /* Like strscpy: as much of the name as fits, NUL-terminated.  */
  size_t n = strnlen (m->env.comm, sizeof m->env.comm);
  if (n > r2 - 1)
    n = r2 - 1;
  memset (buf, 0, r2);
  memcpy (buf, m->env.comm, n);
  return 0;
}

/* xorshift64*: small, fast, and the same numbers for the same --seed.  */
static HELPER (helper_get_prandom_u32)
{
  UNUSED_ARGS;
  uint64_t x = m->env.random_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  m->env.random_state = x;
  return (uint32_t) ((x * 0x2545f4914f6cdd1dULL) >> 32);
}

static HELPER (helper_get_func_ip) { UNUSED_ARGS; return m->env.func_ip; }

/* ---- Memory outside the program's own ---------------------------------------- */

/* bpf_probe_read_*: reads what the guest can read; elsewhere the kernel
 * fails with -EFAULT and zeroes the destination.  */
static HELPER (helper_probe_read)
{
  (void) r4; (void) r5;
  uint8_t *dst = ebpf_helper_memory (m, r1, r2, true, "dst");
  if (dst == NULL)
    return 0;
  const uint8_t *src = r2 <= UINT32_MAX
    ? ebpf_memory_translate (&m->mem, r3, (uint32_t) r2, false) : NULL;
  if (src == NULL && r2)
    {
      memset (dst, 0, r2);
      return (uint64_t) -EFAULT;
    }
  ebpf_helper_charge_bytes (m, r2);
  memmove (dst, src, r2);
  return 0;
}

static HELPER (helper_probe_read_str)
{
  (void) r4; (void) r5;
  uint8_t *dst = ebpf_helper_memory (m, r1, r2, true, "dst");
  if (dst == NULL || r2 == 0)
    return 0;
  for (uint64_t i = 0; i < r2; i++)
    {
      const uint8_t *p = ebpf_memory_translate (&m->mem, r3 + i, 1, false);
      if (p == NULL)
        {
          memset (dst, 0, r2);
          return (uint64_t) -EFAULT;
        }
      dst[i] = i + 1 == r2 ? 0 : *p;
      if (dst[i] == 0)
        return i + 1;   /* bytes written, the NUL included */
    }
  return r2;
}

/* bpf_strncmp (s1, s1_sz, s2): as the kernel's strncmp, -1, 0 or 1.  */
static HELPER (helper_strncmp)
{
  (void) r4; (void) r5;
  const uint8_t *s1 = ebpf_helper_memory (m, r1, r2, false, "s1");
  if (s1 == NULL)
    return 0;
  for (uint64_t i = 0; i < r2; i++)
    {
      const uint8_t *c2 = ebpf_helper_memory (m, r3 + i, 1, false, "s2");
      if (c2 == NULL)
        return 0;
      if (s1[i] != *c2)
        return s1[i] < *c2 ? (uint64_t) -1 : 1;
      if (s1[i] == 0)
        break;
    }
  return 0;
}

/* ---- Callbacks ----------------------------------------------------------------- */

bool
ebpf_helper_callback_slot (ebpf_machine *m, uint64_t addr, size_t *slot)
{
  if (!ebpf_program_address_slot (m->prog, addr, slot))
    {
      ebpf_machine_fault (m, "%s: callback_fn 0x%llx is not a function of the "
                          "program", ebpf_helper_name (m), (unsigned long long) addr);
      return false;
    }
  return true;
}

/* bpf_loop (nr_loops, callback_fn, callback_ctx, flags)  */
static HELPER (helper_loop)
{
  (void) r5;
  if (r4 != 0)
    return (uint64_t) -EINVAL;
  /* With flags 0 the verifier inlines bpf_loop, whose -E2BIG then
   * reaches the program zero-extended (measured on Linux 6.1).  */
  if (r1 > (1u << 23))
    return (uint32_t) -E2BIG;
  size_t slot;
  if (!ebpf_helper_callback_slot (m, r2, &slot))
    return 0;
  for (uint64_t i = 0; i < r1; i++)
    {
      uint64_t ret = ebpf_machine_call_function (m, slot, i, r3, 0, 0, 0);
      if (m->faulted)
        return 0;
      if (ret)
        return i + 1;
    }
  return r1;
}

/* bpf_spin_lock / unlock: one thread, so taking a lock always succeeds;
 * the lock word records it.  */
static HELPER (helper_spin_lock)
{
  (void) r2; (void) r3; (void) r4; (void) r5;
  uint8_t *lock = ebpf_helper_memory (m, r1, 4, true, "lock");
  if (lock)
    memcpy (lock, &(uint32_t) { 1 }, 4);
  return 0;
}

static HELPER (helper_spin_unlock)
{
  (void) r2; (void) r3; (void) r4; (void) r5;
  uint8_t *lock = ebpf_helper_memory (m, r1, 4, true, "lock");
  if (lock)
    memset (lock, 0, 4);
  return 0;
}

/* A helper the user stubbed: its value, nothing else.  */
static HELPER (helper_stub)
{
  (void) r1; (void) r2; (void) r3; (void) r4; (void) r5;
  return m->helper_stubs[(uint32_t) m->pc->imm64];
}

/* The helpers a program may call only under a GPL-compatible licence:
 * measured on Linux 6.18, whose verifier refuses a call of each from a
 * program licensed "MIT" in a program type that has it.  */
bool
ebpf_helper_gpl_only (int32_t id)
{
  static const int gpl_only[] = {
    BPF_FUNC_probe_read, BPF_FUNC_trace_printk, BPF_FUNC_perf_event_read,
    BPF_FUNC_perf_event_output, BPF_FUNC_get_stackid, BPF_FUNC_get_current_task,
    BPF_FUNC_probe_read_str, BPF_FUNC_perf_event_read_value,
    BPF_FUNC_perf_prog_read_value, BPF_FUNC_get_stack, BPF_FUNC_fib_lookup,
    BPF_FUNC_tcp_check_syncookie, BPF_FUNC_tcp_gen_syncookie,
    BPF_FUNC_probe_read_user, BPF_FUNC_probe_read_kernel,
    BPF_FUNC_probe_read_user_str, BPF_FUNC_probe_read_kernel_str,
    BPF_FUNC_read_branch_records, BPF_FUNC_get_current_task_btf,
    BPF_FUNC_check_mtu, BPF_FUNC_snprintf, BPF_FUNC_timer_init,
    BPF_FUNC_timer_set_callback, BPF_FUNC_timer_start, BPF_FUNC_timer_cancel,
    BPF_FUNC_get_func_ip, BPF_FUNC_task_pt_regs, BPF_FUNC_get_branch_snapshot,
    BPF_FUNC_trace_vprintk, BPF_FUNC_copy_from_user_task,
    BPF_FUNC_tcp_raw_gen_syncookie_ipv4, BPF_FUNC_tcp_raw_gen_syncookie_ipv6,
    BPF_FUNC_tcp_raw_check_syncookie_ipv4, BPF_FUNC_tcp_raw_check_syncookie_ipv6,
  };
  for (size_t i = 0; i < sizeof gpl_only / sizeof gpl_only[0]; i++)
    if (gpl_only[i] == id)
      return true;
  return false;
}

const char *
ebpf_helper_name_of (int32_t id)
{
  return id >= 0 && (size_t) id < sizeof helper_names / sizeof helper_names[0]
         ? helper_names[id] : NULL;
}

int
ebpf_helper_id (const char *name)
{
  for (size_t id = 0; id < sizeof helper_names / sizeof helper_names[0]; id++)
    {
      const char *h = helper_names[id];
      if (h && (strcmp (h, name) == 0 || strcmp (h + 4, name) == 0))
        return (int) id;
    }
  return -1;
}

int
ebpf_machine_stub_helper (ebpf_machine *m, const char *name, uint64_t value,
                          struct ebpf_error *err)
{
  int id = ebpf_helper_id (name);
  if (id < 0 || id >= EBPF_MAX_HELPER_ID)
    {
      ebpf_error_set (err, "no helper named '%s' in linux/bpf.h", name);
      return -1;
    }
  m->helpers[id].fn = helper_stub;
  m->helper_stubs[id] = value;
  return 0;
}

void
ebpf_helpers_install_base (ebpf_machine *m)
{
  static const struct { int id; ebpf_helper_fn fn; } table[] = {
    { BPF_FUNC_ktime_get_ns, helper_ktime_get_ns },
    { BPF_FUNC_ktime_get_boot_ns, helper_ktime_get_boot_ns },
    { BPF_FUNC_ktime_get_coarse_ns, helper_ktime_get_coarse_ns },
    { BPF_FUNC_ktime_get_tai_ns, helper_ktime_get_tai_ns },
    { BPF_FUNC_jiffies64, helper_jiffies64 },
    { BPF_FUNC_get_smp_processor_id, helper_get_smp_processor_id },
    { BPF_FUNC_get_numa_node_id, helper_get_numa_node_id },
    { BPF_FUNC_get_current_pid_tgid, helper_get_current_pid_tgid },
    { BPF_FUNC_get_current_uid_gid, helper_get_current_uid_gid },
    { BPF_FUNC_get_current_comm, helper_get_current_comm },
    { BPF_FUNC_get_prandom_u32, helper_get_prandom_u32 },
    { BPF_FUNC_get_func_ip, helper_get_func_ip },
    { BPF_FUNC_probe_read, helper_probe_read },
    { BPF_FUNC_probe_read_kernel, helper_probe_read },
    { BPF_FUNC_probe_read_user, helper_probe_read },
    { BPF_FUNC_probe_read_str, helper_probe_read_str },
    { BPF_FUNC_probe_read_kernel_str, helper_probe_read_str },
    { BPF_FUNC_probe_read_user_str, helper_probe_read_str },
    { BPF_FUNC_strncmp, helper_strncmp },
    { BPF_FUNC_loop, helper_loop },
    { BPF_FUNC_spin_lock, helper_spin_lock },
    { BPF_FUNC_spin_unlock, helper_spin_unlock },
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    m->helpers[table[i].id].fn = table[i].fn;
}

void
ebpf_helpers_install_builtin (ebpf_machine *m)
{
  for (size_t id = 0; id < sizeof helper_names / sizeof helper_names[0]
                      && id < EBPF_MAX_HELPER_ID; id++)
    m->helpers[id].name = helper_names[id];
  ebpf_helpers_install_base (m);
  ebpf_helpers_install_trace (m);
  ebpf_helpers_install_packet (m);
  ebpf_helpers_install_map (m);
}
