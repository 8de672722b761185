/* debug-api.c — the public debug interface (ebpfsim-debug.h) on compiled
 * objects: breakpoints by code address in subprograms, tail-called
 * programs and bpf_loop callbacks, call frames against what single steps saw, stepping over and
 * out of calls, range stepping, stops as data, regions, code, an
 * interrupt from another thread, and every call given bad arguments.
 *
 * Usage: debug-api CHAIN.o TAIL.o LOOP.o
 *   (testsuite/ebpf.debug/progs/chain.c, tail.c and loop_cb.c, clang -g)
 * Prints a PASS or FAIL line per check; exits 1 when any failed.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

static int failures;

static void
check (bool ok, const char *what)
{
  printf ("%s: debug api: %s\n", ok ? "PASS" : "FAIL", what);
  if (!ok)
    failures++;
}

/* A 64-byte Ethernet frame, enough for an XDP run.  */
static const uint8_t packet[64] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1,
                                    0x08, 0x00, 0x45 };

struct session
{
  ebpf_object *obj;
  ebpf_program *prog;
  ebpf_machine *m;
  ebpf_lines *lines;
};

static bool
open_session (struct session *s, const char *path, const char *prog_name)
{
  struct ebpf_error err;
  memset (s, 0, sizeof *s);
  s->obj = ebpf_object_open (path, NULL, &err);
  int index = s->obj ? ebpf_object_find_program (s->obj, prog_name) : -1;
  s->prog = index >= 0 ? ebpf_object_program (s->obj, index, &err) : NULL;
  s->m = s->prog ? ebpf_machine_new (s->prog, NULL, &err) : NULL;
  s->lines = s->obj ? ebpf_lines_open (s->obj, EBPF_LINES_ANY, &err) : NULL;
  if (s->m == NULL || s->lines == NULL
      || ebpf_machine_set_packet (s->m, packet, sizeof packet, &err) != 0)
    {
      printf ("FAIL: debug api: open %s (%s): %s\n", path, prog_name, err.message);
      failures++;
      return false;
    }
  return true;
}

static void
close_session (struct session *s)
{
  ebpf_lines_close (s->lines);
  ebpf_machine_free (s->m);
  ebpf_program_free (s->prog);
  ebpf_object_close (s->obj);
}

static uint64_t
function_address (const struct session *s, const char *name)
{
  const struct ebpf_function *f = ebpf_lines_function_named (s->lines, name);
  return f ? f->low : 0;
}

/* What single steps see of the call stack: at each BPF-to-BPF call, the
 * caller's pc and its r6-r10, pushed when the depth grows.  */
struct truth
{
  int depth;
  uint64_t call_pc[8], saved[8][5];
};

static void
step_to (ebpf_machine *m, uint64_t target, struct truth *t)
{
  memset (t, 0, sizeof *t);
  for (int n = 0; n < 100000 && ebpf_machine_pc (m) != target; n++)
    {
      uint64_t pc = ebpf_machine_pc (m), regs[5];
      for (int r = 0; r < 5; r++)
        regs[r] = ebpf_machine_reg (m, 6 + r);
      int depth = ebpf_machine_call_depth (m);
      if (ebpf_machine_step (m) != EBPF_STOP_STEP)
        return;
      if (ebpf_machine_call_depth (m) > depth && t->depth < 8)
        {
          t->call_pc[t->depth] = pc;
          memcpy (t->saved[t->depth], regs, sizeof regs);
          t->depth++;
        }
      else if (ebpf_machine_call_depth (m) < depth && t->depth > 0)
        t->depth--;
    }
}

#define XDP_PASS_VALUE 2

struct region_list { uint64_t base, size; unsigned perm; const char *name; };
static struct region_list list[64];
static int n_regions;

static bool
collect_region (void *ctx, const struct ebpf_region_info *r)
{
  (void) ctx;
  if (n_regions < 64)
    list[n_regions++] = (struct region_list) { r->base, r->size, r->perm, r->name };
  return true;
}

static void
test_frames (const char *path)
{
  struct session s;
  if (!open_session (&s, path, "chain_entry"))
    return;
  ebpf_machine *m = s.m;
  struct ebpf_error err;
  uint64_t level3 = function_address (&s, "level3");
  uint64_t level1 = function_address (&s, "level1");
  check (level3 >= 0x300000000ULL && level1 >= 0x300000000ULL,
         "functions of .text have code addresses");

  /* The truth, from single steps.  */
  struct truth t;
  step_to (m, level3, &t);
  check (ebpf_machine_pc (m) == level3 && t.depth == 3,
         "single steps reach level3 three calls deep");

  /* A breakpoint in a subprogram of .text, reached by a run.  */
  ebpf_machine_reset (m);
  check (ebpf_machine_set_breakpoint (m, level3, &err) == 0,
         "a breakpoint at a function of another section");
  enum ebpf_stop stop = ebpf_machine_run (m);
  struct ebpf_stop_info info;
  ebpf_machine_stop_info (m, &info);
  check (stop == EBPF_STOP_BREAKPOINT && info.reason == EBPF_STOP_BREAKPOINT
         && info.pc == level3 && info.breakpoint == 1,
         "the run stops there, and the stop says so as data");
  check (ebpf_machine_frame_count (m) == 4, "four frames: level3 up to the entry");
  bool frames_ok = true;
  uint64_t fp0 = ebpf_machine_reg (m, 10);
  for (int n = 1; n < 4; n++)
    {
      struct ebpf_frame_info f;
      int rec = 3 - n;   /* the call out of frame n */
      frames_ok = frames_ok && ebpf_machine_frame (m, n, &f)
                  && f.call_pc == t.call_pc[rec]
                  && f.pc == t.call_pc[rec] + 8
                  && memcmp (&f.regs[6], t.saved[rec], sizeof t.saved[rec]) == 0
                  && f.fp == fp0 + 512 * (uint64_t) n && !f.callback;
    }
  check (frames_ok, "each outer frame: its call, return address, r6-r10 as the "
         "call saved them, fp 512 bytes apart");
  struct ebpf_frame_info f0;
  check (ebpf_machine_frame (m, 0, &f0) && f0.pc == level3 && f0.call_pc == 0
         && f0.regs[10] == fp0, "frame 0 is the machine's own state");

  /* Step out of level3 (finish), then over the rest of level2.  */
  struct ebpf_frame_info f1;
  ebpf_machine_frame (m, 1, &f1);
  stop = ebpf_machine_run_to_depth (m, ebpf_machine_call_depth (m) - 1);
  check (stop == EBPF_STOP_STEP && ebpf_machine_pc (m) == f1.pc
         && ebpf_machine_call_depth (m) == 2, "finish returns to the caller's "
         "return address one frame out");
  ebpf_machine_clear_breakpoint (m, level3);

  /* Step over the call to level1 from the entry.  */
  ebpf_machine_reset (m);
  struct ebpf_frame_info entry_call;
  ebpf_machine_set_breakpoint (m, level1, &err);
  ebpf_machine_run (m);
  ebpf_machine_frame (m, 1, &entry_call);
  ebpf_machine_clear_breakpoint (m, level1);
  ebpf_machine_reset (m);
  ebpf_machine_set_breakpoint (m, entry_call.call_pc, &err);
  stop = ebpf_machine_run (m);
  ebpf_machine_clear_breakpoint (m, entry_call.call_pc);
  check (stop == EBPF_STOP_BREAKPOINT && ebpf_machine_pc (m) == entry_call.call_pc,
         "a breakpoint on the entry's call instruction");
  stop = ebpf_machine_run_to_depth (m, 0);
  check (stop == EBPF_STOP_STEP && ebpf_machine_pc (m) == entry_call.pc
         && ebpf_machine_call_depth (m) == 0,
         "step over the call: back at depth 0 after it");
  check (ebpf_machine_reg (m, 0) == (uint64_t) ((7 * 2 + 2) * 3 + 1 - 1 + 5),
         "level1 (7) returned its value");

  /* Range stepping: the whole entry function as one range stops where
   * its call enters level1, outside the range; over level1's range, then
   * out of it and on to the end.  */
  uint64_t low, high;
  ebpf_machine_reset (m);
  check (ebpf_object_program_code (s.obj, ebpf_object_find_program (s.obj, "chain_entry"),
                                   &low, &high) == 0 && low < high,
         "a program's code range");
  stop = ebpf_machine_run_range (m, low, high);
  check (stop == EBPF_STOP_STEP && ebpf_machine_pc (m) == level1
         && ebpf_machine_call_depth (m) == 1,
         "range stepping over the entry stops where a call leaves the range");
  stop = ebpf_machine_run_to_depth (m, 0);
  check (stop == EBPF_STOP_STEP && ebpf_machine_call_depth (m) == 0
         && ebpf_machine_pc (m) >= low && ebpf_machine_pc (m) < high,
         "then the call runs whole, back in the entry");
  stop = ebpf_machine_run_range (m, low, high);
  check (stop == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == XDP_PASS_VALUE,
         "and the rest of the range runs to the exit");

  /* Regions and code.  */
  struct { bool code, stack; } seen = { false, false };
  n_regions = 0;
  ebpf_machine_regions (m, collect_region, NULL);
  bool sorted = true;
  for (int i = 0; i < n_regions; i++)
    {
      if (i > 0 && list[i].base < list[i - 1].base + list[i - 1].size)
        sorted = false;
      if ((list[i].perm & EBPF_REGION_CODE) && list[i].base <= level3
          && level3 < list[i].base + list[i].size)
        seen.code = true;
      if (strcmp (list[i].name, "stack") == 0 && (list[i].perm & EBPF_REGION_WRITE))
        seen.stack = true;
    }
  check (seen.code && seen.stack && sorted,
         "regions: code (read-only) holds level3, the stack is writable, none overlap");
  uint8_t insn[8];
  check (ebpf_machine_read_code (m, level3, insn, 8) && insn[0] != 0,
         "code bytes read at a function's address");
  check (!ebpf_machine_read_code (m, 0x2ffffffffULL, insn, 8),
         "no code below the code addresses");
  uint8_t *image;
  size_t image_len;
  bool found = false;
  if (ebpf_object_debug_image (s.obj, &image, &image_len, &err) == 0)
    {
      /* The same bytes are somewhere in the image's .text.  */
      for (size_t i = 0; i + 8 <= image_len && !found; i += 8)
        found = memcmp (image + i, insn, 8) == 0;
      free (image);
    }
  check (found, "code bytes as the debug image has them");

  /* set_pc.  */
  check (ebpf_machine_set_pc (m, level1, &err) == 0 && ebpf_machine_pc (m) == level1,
         "set the pc to a code address");
  check (ebpf_machine_set_pc (m, level1 + 3, &err) != 0 && strstr (err.message, "0x"),
         "set the pc mid-instruction: an error naming the address");
  close_session (&s);
}

static void
test_tail_call (const char *path)
{
  struct session s;
  if (!open_session (&s, path, "tail_entry"))
    return;
  struct ebpf_error err;
  uint64_t target = function_address (&s, "tail_target");
  check (target != 0 && ebpf_machine_set_breakpoint (s.m, target, &err) == 0,
         "a breakpoint in a program that only a tail call reaches");
  enum ebpf_stop stop = ebpf_machine_run (s.m);
  check (stop == EBPF_STOP_BREAKPOINT && ebpf_machine_pc (s.m) == target,
         "the tail call stops there");
  ebpf_machine_clear_breakpoint (s.m, target);
  check (ebpf_machine_run (s.m) == EBPF_STOP_EXIT && ebpf_machine_reg (s.m, 0) == 3,
         "and goes on to XDP_TX");
  close_session (&s);
}

static void
test_callback (const char *path)
{
  struct session s;
  if (!open_session (&s, path, "loop_main"))
    return;
  ebpf_machine *m = s.m;
  struct ebpf_error err;
  uint64_t cb = function_address (&s, "add_one");
  check (cb != 0 && ebpf_machine_set_breakpoint (m, cb, &err) == 0,
         "a breakpoint in a bpf_loop callback");
  bool each = true;
  for (uint64_t i = 0; i < 3; i++)
    each = each && ebpf_machine_run (m) == EBPF_STOP_BREAKPOINT
           && ebpf_machine_pc (m) == cb && ebpf_machine_reg (m, 1) == i;
  check (each, "each call of the callback stops there, with its index in r1");
  struct ebpf_frame_info f0, f1;
  check (ebpf_machine_frame_count (m) == 2 && ebpf_machine_frame (m, 0, &f0)
         && f0.callback && ebpf_machine_frame (m, 1, &f1) && !f1.callback
         && f1.call_pc >= 0x300000000ULL,
         "two frames: the callback (marked so) and the program at the bpf_loop call");
  check (ebpf_machine_step (m) == EBPF_STOP_STEP && ebpf_machine_pc (m) == cb + 8
         && ebpf_machine_call_depth (m) == 1, "a step inside the callback");
  ebpf_machine_clear_breakpoint (m, cb);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == XDP_PASS_VALUE,
         "the helper goes on: the loop sums 0..9 and the program passes");
  /* Stop in a callback, then reset: the suspended helper is dropped.  */
  ebpf_machine_set_breakpoint (m, cb, &err);
  ebpf_machine_reset (m);
  ebpf_machine_run (m);
  ebpf_machine_reset (m);
  ebpf_machine_clear_breakpoint (m, cb);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == XDP_PASS_VALUE,
         "a reset while a callback is stopped drops the helper; runs go on");
  close_session (&s);
}

static void *
interrupter (void *arg)
{
  struct timespec ts = { 0, 50 * 1000 * 1000 };
  nanosleep (&ts, NULL);
  ebpf_machine_interrupt (arg);
  return NULL;
}

static void
test_interrupt (void)
{
  /* ja -1: a loop forever.  */
  static const uint8_t loop[] = { 0x05, 0, 0xff, 0xff, 0, 0, 0, 0 };
  struct ebpf_error err;
  ebpf_program *p = ebpf_program_from_bytes (loop, sizeof loop, false, "loop", &err);
  ebpf_machine *m = ebpf_machine_new (p, NULL, &err);
  pthread_t th;
  pthread_create (&th, NULL, interrupter, m);
  struct timespec t0, t1;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  enum ebpf_stop stop = ebpf_machine_run (m);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  pthread_join (th, NULL);
  double s = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  struct ebpf_stop_info info;
  ebpf_machine_stop_info (m, &info);
  check (stop == EBPF_STOP_INTERRUPT && info.reason == EBPF_STOP_INTERRUPT
         && info.pc == 0x300000000ULL && s < 30,
         "an endless loop stops when another thread asks");
  ebpf_machine_interrupt (m);
  check (ebpf_machine_run (m) == EBPF_STOP_INTERRUPT,
         "a request made between runs stops the next at once");
  ebpf_machine_free (m);
  ebpf_program_free (p);
}

static void
test_fault_info (void)
{
  /* r0 = *(u32 *)(r1 + 4) over 4 bytes of input memory.  */
  static const uint8_t prog[] = { 0x61, 0x10, 4, 0, 0, 0, 0, 0,
                                  0x95, 0, 0, 0, 0, 0, 0, 0 };
  struct ebpf_error err;
  ebpf_program *p = ebpf_program_from_bytes (prog, sizeof prog, false, "oob", &err);
  ebpf_machine *m = ebpf_machine_new (p, NULL, &err);
  ebpf_machine_set_input (m, (const uint8_t *) "abcd", 4, &err);
  ebpf_machine_run (m);
  struct ebpf_stop_info info;
  ebpf_machine_stop_info (m, &info);
  check (info.reason == EBPF_STOP_FAULT && info.fault == EBPF_FAULT_MEMORY
         && info.fault_addr == 0x200000004ULL && info.fault_size == 4
         && !info.fault_write && info.pc == 0x300000000ULL,
         "a fault's kind, address, size and pc as data");
  ebpf_machine_free (m);
  ebpf_program_free (p);
}

static void
test_bad_arguments (const char *path)
{
  struct session s;
  if (!open_session (&s, path, "chain_entry"))
    return;
  struct ebpf_error err;
  err.message[0] = '\0';
  check (ebpf_machine_set_breakpoint (s.m, 0x300000003ULL, &err) != 0
         && strstr (err.message, "0x300000003"), "a breakpoint mid-instruction");
  check (ebpf_machine_set_breakpoint (s.m, 0, &err) != 0, "a breakpoint at 0");
  check (ebpf_machine_set_breakpoint (s.m, ~0ULL, NULL) != 0,
         "a bad breakpoint with no error buffer");
  ebpf_machine_clear_breakpoint (s.m, 12345);   /* none there: nothing */
  check (ebpf_machine_set_pc (s.m, 0x10, NULL) != 0, "a bad pc with no error buffer");
  struct ebpf_frame_info f;
  check (!ebpf_machine_frame (s.m, -1, &f) && !ebpf_machine_frame (s.m, 1, &f)
         && !ebpf_machine_frame (s.m, 0, NULL) && !ebpf_machine_frame (NULL, 0, &f),
         "frames that do not exist");
  uint8_t b[16];
  check (!ebpf_machine_read_code (s.m, 0x300000000ULL + (1u << 30), b, 8)
         && !ebpf_machine_read_code (s.m, 0x300000000ULL, b, (size_t) 1 << 40),
         "code that does not exist");
  check (ebpf_machine_set_watchpoint (s.m, 0x100000ff8ULL, 0, EBPF_WATCH_WRITE, &err) != 0,
         "a watchpoint of no bytes");
  check (ebpf_lines_find (s.lines, 0) == NULL
         && ebpf_lines_function_at (s.lines, ~0ULL) == NULL
         && ebpf_lines_function_named (s.lines, "no_such_function") == NULL
         && ebpf_lines_addresses (s.lines, "nowhere.c", 1, NULL, 0) == 0,
         "line queries for what is not there");
  close_session (&s);
}

int
main (int argc, char **argv)
{
  if (argc != 4)
    {
      fprintf (stderr, "usage: %s CHAIN.o TAIL.o LOOP.o\n", argv[0]);
      return 2;
    }
  test_frames (argv[1]);
  test_tail_call (argv[2]);
  test_callback (argv[3]);
  test_interrupt ();
  test_fault_info ();
  test_bad_arguments (argv[1]);
  return failures ? 1 : 0;
}
