/* server.h — the GDB remote target of ebpfsim: GDB's remote serial
 * protocol (over rsp.h) given meaning by the public debug interface
 * (ebpfsim.h, ebpfsim-debug.h) on a session's machine (sim/cli/session.h).
 *
 * One program, one thread (id 1, process 1).  Registers are GDB 13's bpf
 * set: r0-r10 and pc, 8 bytes each in the program's byte order; the pc is
 * a code address.  r10 is read-only: a P or G that would change it is
 * refused (E01), as the simulator keeps the frame pointer itself.
 *
 * Memory as GDB sees it:
 *   - guest memory, read and written through ebpf_machine_read/write;
 *   - code (code addresses from 0x300000000), read-only;
 *   - the context window at EBPF_SERVER_CONTEXT_BASE: the fields of
 *     struct xdp_md / __sk_buff (or a tracing context) as
 *     ebpf_machine_context reports them at the stop, read-only;
 *   - the call frames region at EBPF_SERVER_FRAMES_BASE, read-only, which
 *     the GDB Python unwinder reads:
 *         u64 magic  EBPF_SERVER_FRAMES_MAGIC
 *         u64 count  N (ebpf_machine_frame_count)
 *         N records of 16 u64, record k is frame k (0 innermost):
 *           [0] pc  [1] call_pc  [2] fp  [3..13] r0..r10
 *           [14] flags (bit 0: a helper's callback starts in this frame)
 *           [15] reserved, 0
 *     every u64 in the program's byte order; the rest of the region up
 *     to EBPF_SERVER_FRAMES_SIZE reads as zeros.
 * Unmapped memory is answered E14 (EFAULT).
 *
 * Stop replies: T05 with swbreak:/hwbreak: at breakpoints, watch:,
 * rwatch:, awatch: ADDR at watchpoints, replaylog:begin at the start of
 * the history, T02 after an interrupt; faults T0b (SIGSEGV, memory),
 * T04 (SIGILL, instruction), T08 (SIGFPE, division: reserved), T0c
 * (SIGSYS, helper or call), T05 otherwise, T06 (SIGABRT) for an
 * executable's abort, T18 (SIGXCPU, GDB's number 24) at the instruction
 * limit, each after an O packet with the report and its source line; an
 * exit is O "program exited with r0 = 0x..." then Wxx (r0 & 0xff, or an
 * executable's status).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_SERVER_H
#define EBPF_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ebpfsim.h"
#include "rsp.h"
#include "cli/session.h"

#define EBPF_SERVER_CONTEXT_BASE 0x500000000ULL
#define EBPF_SERVER_FRAMES_BASE 0xffff000000000000ULL
/* Room for 8191 frames; an executable has at most 1024.  */
#define EBPF_SERVER_FRAMES_SIZE 0x100000ULL
/* "ebframes" read as a little-endian u64: 65 62 66 72 61 6d 65 73.  */
#define EBPF_SERVER_FRAMES_MAGIC 0x73656d6172666265ULL
#define EBPF_SERVER_FRAME_WORDS 16

/* The thread and process every reply names.  */
#define EBPF_SERVER_THREAD 1

struct ebpf_server_options
{
  bool record;              /* history from the start, for bs and bc */
  const char *exec_file;    /* the debug image for qXfer:exec-file, or NULL */
};

/* The server's state: private to gdb-target/server*.c, shared by them.  */
struct ebpf_server_bp
{
  uint64_t addr;
  unsigned sw, hw;          /* Z0 and Z1 insertions at ADDR */
};

struct ebpf_server_watch
{
  uint64_t addr, len;
  int kind;                 /* EBPF_WATCH_* */
};

struct ebpf_server
{
  struct ebpf_session *session;
  struct ebpf_server_options opts;
  struct rsp_conn *conn;     /* while serving */
  bool extended;             /* `!` was sent */
  bool running;              /* a process exists (not exited or killed) */
  int last_status;           /* its exit status after W */
  char last_stop[256];       /* the reply to `?` */
  char *data_in;             /* monitor data-in, owned */
  struct ebpf_server_bp *bps;
  size_t n_bps, cap_bps;
  struct ebpf_server_watch watches[16];
  int n_watches;
  /* What the program writes (trace_printk, an executable's stdout, ring
   * buffer records, monitor output) until it is sent as O packets.  */
  FILE *console;
  struct rsp_buf console_buf;
  size_t console_dropped;
  struct rsp_buf reply;      /* a reply under construction */
  char *memory_map;          /* the last qXfer:memory-map document */
  size_t memory_map_len;
};

/* A server for the machine of session S (started and fed), which must
 * outlive it: NULL with a message on stderr.  Captures the machine's
 * trace output.  */
struct ebpf_server *ebpf_server_new (struct ebpf_session *s,
                                     const struct ebpf_server_options *opts);
void ebpf_server_free (struct ebpf_server *srv);
/* Where the program's own console output goes: an executable's stdout
 * should be pointed here (the server sends it to GDB).  */
FILE *ebpf_server_console (struct ebpf_server *srv);

/* How a connection ended.  */
enum ebpf_server_end
{
  EBPF_SERVER_CLOSED,       /* GDB went away (EOF, error) */
  EBPF_SERVER_DETACHED,     /* D or k outside extended mode */
};
/* Serves one GDB over IN_FD/OUT_FD until it goes away.  A new
 * connection gets a fresh process when the last one exited.  */
enum ebpf_server_end ebpf_server_serve (struct ebpf_server *srv, int in_fd,
                                        int out_fd);

/* ---- Between the parts of the server (server*.c) ----------------------- */

/* A fresh process: inputs fed again (with monitor data-in's packet), the
 * machine at its entry, history emptied.  False after a message in the
 * console.  KEEP_POINTS keeps breakpoints and watchpoints.  */
bool ebpf_server_restart (struct ebpf_server *srv, bool keep_points);
/* Removes every breakpoint and watchpoint GDB set.  */
void ebpf_server_clear_points (struct ebpf_server *srv);
/* Sends what the console holds as O packets.  */
bool ebpf_server_flush_console (struct ebpf_server *srv);

/* server-memory.c: LEN bytes at ADDR into BUF, code, context and frames
 * included; returns how many could be read from the start (0: none).  */
size_t ebpf_server_read_memory (struct ebpf_server *srv, uint64_t addr,
                                uint8_t *buf, size_t len);
/* Guest memory only (code, context and frames are read-only).  */
bool ebpf_server_write_memory (struct ebpf_server *srv, uint64_t addr,
                               const uint8_t *buf, size_t len);
/* The memory-map document (malloc'd) and the frames region as bytes.  */
char *ebpf_server_memory_map (struct ebpf_server *srv, size_t *len);
size_t ebpf_server_frames_blob (struct ebpf_server *srv, uint8_t **blob);
/* A u64 in the program's byte order.  */
void ebpf_server_put_u64 (const struct ebpf_server *srv, uint8_t *out,
                          uint64_t v);
uint64_t ebpf_server_get_u64 (const struct ebpf_server *srv,
                              const uint8_t *in);

/* server-monitor.c: qRcmd's command, its output into the console.  */
void ebpf_server_monitor (struct ebpf_server *srv, const char *command);

#endif /* EBPF_SERVER_H */
