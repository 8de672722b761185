/* server.c — GDB's remote serial protocol over ebpfsim's debug interface
 * (server.h): the packets, registers, breakpoints and watchpoints,
 * resuming and stop replies, and the program's output as O packets.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1 /* fopencookie */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/ebpf-run.h"
#include "ebpfsim-debug.h"
#include "server.h"

/* GDB's signal numbers (include/gdb/signals.def), as stop replies use
 * them whatever the host.  */
enum
{
  GDB_SIGINT = 2, GDB_SIGILL = 4, GDB_SIGTRAP = 5, GDB_SIGABRT = 6,
  GDB_SIGFPE = 8, GDB_SIGSEGV = 11, GDB_SIGSYS = 12, GDB_SIGXCPU = 24,
};

#define N_REGS 12
#define REG_PC 11
#define REG_FP 10
/* Console text a packet carries, and what is kept between two sends.  */
#define CONSOLE_CHUNK 2048
#define CONSOLE_MAX (4u << 20)
/* The most an m packet returns: its hex fills PacketSize.  */
#define MAX_READ ((RSP_PACKET_SIZE - 16) / 2)

/* ---- The console: what the program prints, sent as O packets ----------- */

static ssize_t
console_write (void *cookie, const char *data, size_t size)
{
  struct ebpf_server *srv = cookie;
  if (srv->console_buf.len + size > CONSOLE_MAX
      || !rsp_buf_add (&srv->console_buf, data, size))
    srv->console_dropped += size;
  return (ssize_t) size;
}

FILE *
ebpf_server_console (struct ebpf_server *srv)
{
  return srv->console;
}

static bool
send_console_text (struct ebpf_server *srv, const char *text, size_t len)
{
  for (size_t off = 0; off < len; off += CONSOLE_CHUNK)
    {
      size_t n = len - off < CONSOLE_CHUNK ? len - off : CONSOLE_CHUNK;
      rsp_buf_clear (&srv->reply);
      rsp_buf_add_text (&srv->reply, "O");
      rsp_buf_add_hex (&srv->reply, text + off, n);
      if (srv->reply.failed
          || !rsp_send_packet (srv->conn, srv->reply.data, srv->reply.len))
        return false;
    }
  return true;
}

bool
ebpf_server_flush_console (struct ebpf_server *srv)
{
  fflush (srv->console);
  run_print_output (srv->session->m, srv->console, false);
  fflush (srv->console);
  bool ok = true;
  if (srv->conn && srv->console_buf.len)
    ok = send_console_text (srv, srv->console_buf.data, srv->console_buf.len);
  if (srv->conn && srv->console_dropped)
    {
      char note[100];
      int n = snprintf (note, sizeof note, "[%zu bytes of output dropped]\n",
                        srv->console_dropped);
      ok = send_console_text (srv, note, (size_t) n) && ok;
    }
  rsp_buf_clear (&srv->console_buf);
  srv->console_dropped = 0;
  return ok;
}

/* ---- Life of the server ------------------------------------------------ */

static void
set_stop (struct ebpf_server *srv, const char *reply)
{
  snprintf (srv->last_stop, sizeof srv->last_stop, "%s", reply);
}

struct ebpf_server *
ebpf_server_new (struct ebpf_session *s, const struct ebpf_server_options *opts)
{
  struct ebpf_server *srv = calloc (1, sizeof *srv);
  if (srv == NULL)
    {
      fprintf (stderr, "%s: out of memory\n", progname);
      return NULL;
    }
  srv->session = s;
  srv->opts = *opts;
  cookie_io_functions_t io = { NULL, console_write, NULL, NULL };
  srv->console = fopencookie (srv, "w", io);
  if (srv->console == NULL)
    {
      fprintf (stderr, "%s: %s\n", progname, strerror (errno));
      free (srv);
      return NULL;
    }
  if (s->trace == NULL)
    ebpf_machine_set_trace (s->m, srv->console);
  if (opts->record)
    ebpf_machine_set_recording (s->m, true, 0);
  srv->running = true;
  set_stop (srv, "T05thread:1;");
  return srv;
}

void
ebpf_server_free (struct ebpf_server *srv)
{
  if (srv == NULL)
    return;
  if (srv->session->trace == NULL)
    ebpf_machine_set_trace (srv->session->m, stderr);
  fclose (srv->console);
  rsp_buf_free (&srv->console_buf);
  rsp_buf_free (&srv->reply);
  free (srv->bps);
  free (srv->data_in);
  free (srv->memory_map);
  free (srv);
}

void
ebpf_server_clear_points (struct ebpf_server *srv)
{
  ebpf_machine *m = srv->session->m;
  for (size_t i = 0; i < srv->n_bps; i++)
    ebpf_machine_clear_breakpoint (m, srv->bps[i].addr);
  srv->n_bps = 0;
  for (int i = 0; i < srv->n_watches; i++)
    ebpf_machine_clear_watchpoint (m, srv->watches[i].addr,
                                   srv->watches[i].len,
                                   (enum ebpf_watch_kind) srv->watches[i].kind);
  srv->n_watches = 0;
}

bool
ebpf_server_restart (struct ebpf_server *srv, bool keep_points)
{
  struct ebpf_session *s = srv->session;
  if (srv->data_in)
    s->config.data_in = srv->data_in;
  if (!keep_points)
    ebpf_server_clear_points (srv);
  if (!ebpf_session_feed (s))
    return false;
  ebpf_machine_reset (s->m);
  srv->running = true;
  set_stop (srv, "T05thread:1;");
  return true;
}

/* ---- Parsing ----------------------------------------------------------- */

/* ADDR,LENGTH at S; *END after it.  */
static bool
parse_addr_len (const char *s, const char **end, uint64_t *addr, uint64_t *len)
{
  const char *p;
  if (!rsp_parse_hex (s, &p, addr) || *p != ',' || !rsp_parse_hex (p + 1, &p, len))
    return false;
  *end = p;
  return true;
}

/* A thread-id: 0, -1 or 1, optionally pPID. (one process, one thread).
 * *OURS is false for an id naming another thread.  */
static bool
parse_thread (const char *s, const char **end, bool *ours)
{
  *ours = true;
  if (*s == 'p')
    {
      s++;
      if (s[0] == '-' && s[1] == '1')
        s += 2;
      else
        {
          uint64_t pid;
          if (!rsp_parse_hex (s, &s, &pid))
            return false;
          if (pid != EBPF_SERVER_THREAD && pid != 0)
            *ours = false;
        }
      if (*s != '.')
        {
          *end = s;
          return true;
        }
      s++;
    }
  if (s[0] == '-' && s[1] == '1')
    {
      *end = s + 2;
      return true;
    }
  uint64_t tid;
  if (!rsp_parse_hex (s, end, &tid))
    return false;
  if (tid != EBPF_SERVER_THREAD && tid != 0)
    *ours = false;
  return true;
}

/* ---- Replies ----------------------------------------------------------- */

static bool
reply (struct ebpf_server *srv, const char *text)
{
  return rsp_send_text (srv->conn, text);
}

static bool
reply_buf (struct ebpf_server *srv)
{
  if (srv->reply.failed)
    {
      rsp_buf_clear (&srv->reply);
      srv->reply.failed = false;
      return reply (srv, "E01");
    }
  return rsp_send_packet (srv->conn, srv->reply.data, srv->reply.len);
}

static struct ebpf_server_bp *
find_bp (struct ebpf_server *srv, uint64_t addr)
{
  for (size_t i = 0; i < srv->n_bps; i++)
    if (srv->bps[i].addr == addr)
      return &srv->bps[i];
  return NULL;
}

/* The console line of a stop GDB cannot tell by itself.  */
static void
report_line (struct ebpf_server *srv, const struct ebpf_stop_info *info)
{
  char where[600];
  const char *line = run_source_location (srv->session->obj, info->pc, where,
                                          sizeof where);
  fprintf (srv->console, "%s: %s%s%s\n", progname, line ? line : "",
           line ? ": " : "", info->message && info->message[0]
           ? info->message : "stopped");
}

/* The stop reply for STOP, into srv->last_stop; console lines first.  */
static void
stop_reply (struct ebpf_server *srv, enum ebpf_stop stop)
{
  ebpf_machine *m = srv->session->m;
  struct ebpf_stop_info info;
  ebpf_machine_stop_info (m, &info);
  char text[200];
  int sig = GDB_SIGTRAP;
  const char *extra = "";
  char watch[64];
  switch (stop)
    {
    case EBPF_STOP_EXIT:
      {
        uint64_t r0 = ebpf_machine_reg (m, 0);
        fprintf (srv->console, "program exited with r0 = 0x%" PRIx64 "\n", r0);
        bool executable = srv->session->obj
                          && ebpf_object_is_executable (srv->session->obj);
        srv->last_status = executable ? info.exit_status & 0xff : (int) (r0 & 0xff);
        srv->running = false;
        snprintf (text, sizeof text, "W%02x", srv->last_status);
        set_stop (srv, text);
        return;
      }
    case EBPF_STOP_BREAKPOINT:
      {
        const struct ebpf_server_bp *bp = find_bp (srv, info.pc);
        extra = bp && bp->sw ? "swbreak:;" : bp && bp->hw ? "hwbreak:;" : "";
        break;
      }
    case EBPF_STOP_WATCHPOINT:
      {
        uint64_t addr = info.access_addr;
        if (addr < info.watch_addr || addr - info.watch_addr >= info.watch_len)
          addr = info.watch_addr;
        snprintf (watch, sizeof watch, "%s:%" PRIx64 ";",
                  info.watch_kind == EBPF_WATCH_READ ? "rwatch"
                  : info.watch_kind == EBPF_WATCH_ACCESS ? "awatch" : "watch",
                  addr);
        extra = watch;
        break;
      }
    case EBPF_STOP_HISTORY_START:
      extra = "replaylog:begin;";
      break;
    case EBPF_STOP_INTERRUPT:
      sig = GDB_SIGINT;
      break;
    case EBPF_STOP_STEP:
      break;
    case EBPF_STOP_FAULT:
      sig = info.fault == EBPF_FAULT_MEMORY ? GDB_SIGSEGV
            : info.fault == EBPF_FAULT_INSTRUCTION ? GDB_SIGILL
            : info.fault == EBPF_FAULT_DIVIDE ? GDB_SIGFPE
            : info.fault == EBPF_FAULT_CALL ? GDB_SIGSYS : GDB_SIGTRAP;
      report_line (srv, &info);
      break;
    case EBPF_STOP_LIMIT:
      sig = GDB_SIGXCPU;
      report_line (srv, &info);
      break;
    case EBPF_STOP_ABORT:
      sig = GDB_SIGABRT;
      report_line (srv, &info);
      break;
    }
  snprintf (text, sizeof text, "T%02xthread:%x;%s", sig, EBPF_SERVER_THREAD,
            extra);
  set_stop (srv, text);
}

/* ---- Resuming ---------------------------------------------------------- */

enum resume_kind { RESUME_CONTINUE, RESUME_STEP, RESUME_RANGE,
                   RESUME_REVERSE_STEP, RESUME_REVERSE_CONTINUE };

/* Watches the connection while the machine runs: GDB's 0x03, or GDB
 * gone, interrupts the run.  */
struct watcher
{
  struct rsp_conn *conn;
  ebpf_machine *m;
  int wake[2];
  int state;   /* WATCH_RUNNING until the run ends or it is interrupted */
  pthread_t thread;
};
enum { WATCH_RUNNING, WATCH_DONE, WATCH_FIRED };

static void *
watch_connection (void *arg)
{
  struct watcher *w = arg;
  for (;;)
    {
      if (rsp_poll_interrupt (w->conn))
        {
          int expected = WATCH_RUNNING;
          if (__atomic_compare_exchange_n (&w->state, &expected, WATCH_FIRED,
                                           false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE))
            ebpf_machine_interrupt (w->m);
          return NULL;
        }
      struct pollfd p[2] = { { .fd = w->conn->in_fd, .events = POLLIN },
                             { .fd = w->wake[0], .events = POLLIN } };
      int ready = poll (p, 2, -1);
      if (ready < 0 && errno != EINTR)
        return NULL;
      if (p[1].revents)
        return NULL;
      if (p[0].revents & POLLIN)
        {
          /* Bytes that are not an interrupt stay buffered; wait a little
           * rather than spin on a connection that stays readable.  */
          if (rsp_poll_interrupt (w->conn))
            {
              int expected = WATCH_RUNNING;
              if (__atomic_compare_exchange_n (&w->state, &expected,
                                               WATCH_FIRED, false,
                                               __ATOMIC_ACQ_REL,
                                               __ATOMIC_ACQUIRE))
                ebpf_machine_interrupt (w->m);
              return NULL;
            }
          struct timespec ts = { 0, 10 * 1000 * 1000 };
          nanosleep (&ts, NULL);
        }
      else if (p[0].revents)
        {
          /* Hung up or in error: the poll call reads the end.  */
          continue;
        }
    }
}

static bool
watcher_start (struct watcher *w, struct rsp_conn *conn, ebpf_machine *m)
{
  w->conn = conn;
  w->m = m;
  w->state = WATCH_RUNNING;
  if (pipe (w->wake) != 0)
    return false;
  if (pthread_create (&w->thread, NULL, watch_connection, w) != 0)
    {
      close (w->wake[0]);
      close (w->wake[1]);
      return false;
    }
  return true;
}

static void
watcher_stop (struct watcher *w)
{
  int expected = WATCH_RUNNING;
  __atomic_compare_exchange_n (&w->state, &expected, WATCH_DONE, false,
                               __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  ssize_t n;
  do
    n = write (w->wake[1], "x", 1);
  while (n < 0 && errno == EINTR);
  pthread_join (w->thread, NULL);
  close (w->wake[0]);
  close (w->wake[1]);
}

/* GDB steps a line one row at a time, a range per row: a line that
 * clang spreads over rows (a column each, code of no line between) and
 * that loops costs GDB a stop per row per round.  Where GDB's range lies
 * in one block of its line, the whole block is the range: GDB would
 * step on through each of those stops (the same line, the same frame),
 * so it sees the one stop it would have stopped at.  */
static void
widen_range (struct ebpf_server *srv, uint64_t *low, uint64_t *high)
{
  const ebpf_lines *lines = run_lines (srv->session->obj);
  uint64_t l, h;
  if (lines != NULL && ebpf_lines_line_range (lines, *low, &l, &h)
      && l <= *low && *high <= h)
    {
      *low = l;
      *high = h;
    }
}

static bool
resume (struct ebpf_server *srv, enum resume_kind kind, uint64_t low,
        uint64_t high)
{
  ebpf_machine *m = srv->session->m;
  if (!srv->running)
    return reply (srv, "E02");
  if ((kind == RESUME_REVERSE_STEP || kind == RESUME_REVERSE_CONTINUE)
      && !srv->opts.record)
    return reply (srv, "E01");
  struct watcher w;
  bool watching = kind != RESUME_STEP && kind != RESUME_REVERSE_STEP
                  && watcher_start (&w, srv->conn, m);
  enum ebpf_stop stop;
  switch (kind)
    {
    case RESUME_CONTINUE: stop = ebpf_machine_run (m); break;
    case RESUME_STEP: stop = ebpf_machine_step (m); break;
    case RESUME_RANGE:
      widen_range (srv, &low, &high);
      stop = ebpf_machine_run_range (m, low, high);
      break;
    case RESUME_REVERSE_STEP: stop = ebpf_machine_reverse_step (m); break;
    default: stop = ebpf_machine_reverse_run (m); break;
    }
  if (watching)
    watcher_stop (&w);
  /* What the program sent first, then the stop's own lines.  */
  fflush (srv->console);
  run_print_output (m, srv->console, false);
  stop_reply (srv, stop);
  if (!ebpf_server_flush_console (srv))
    return false;
  return reply (srv, srv->last_stop);
}

/* c [ADDR], s [ADDR], C SIG[;ADDR], S SIG[;ADDR].  */
static bool
handle_resume (struct ebpf_server *srv, const char *p, enum resume_kind kind,
               bool with_signal)
{
  uint64_t v;
  if (with_signal)
    {
      if (!rsp_parse_hex (p, &p, &v))
        return reply (srv, "E01");
      if (*p == ';')
        p++;
      else if (*p)
        return reply (srv, "E01");
    }
  if (*p)
    {
      if (!rsp_parse_hex (p, &p, &v) || *p)
        return reply (srv, "E01");
      if (!srv->running)
        return reply (srv, "E02");
      struct ebpf_error err;
      if (ebpf_machine_set_pc (srv->session->m, v, &err) != 0)
        return reply (srv, "E01");
    }
  return resume (srv, kind, 0, 0);
}

/* vCont;ACTION[:THREAD]...: the first action for our thread.  */
static bool
handle_vcont (struct ebpf_server *srv, const char *p)
{
  while (*p == ';')
    {
      p++;
      char action = *p++;
      uint64_t low = 0, high = 0, sig;
      enum resume_kind kind;
      switch (action)
        {
        case 'c': kind = RESUME_CONTINUE; break;
        case 's': kind = RESUME_STEP; break;
        case 'C': case 'S':
          if (!rsp_parse_hex (p, &p, &sig))
            return reply (srv, "E01");
          kind = action == 'C' ? RESUME_CONTINUE : RESUME_STEP;
          break;
        case 'r':
          if (!parse_addr_len (p, &p, &low, &high) || high < low)
            return reply (srv, "E01");
          kind = RESUME_RANGE;
          break;
        default:
          return reply (srv, "E01");
        }
      bool ours = true;
      if (*p == ':' && !parse_thread (p + 1, &p, &ours))
        return reply (srv, "E01");
      if (*p && *p != ';')
        return reply (srv, "E01");
      if (ours)
        return resume (srv, kind, low, high);
    }
  return reply (srv, "E01");   /* no action for our thread */
}

/* ---- Registers --------------------------------------------------------- */

static uint64_t
get_reg (struct ebpf_server *srv, int n)
{
  ebpf_machine *m = srv->session->m;
  return n == REG_PC ? ebpf_machine_pc (m) : ebpf_machine_reg (m, n);
}

static void
add_reg (struct ebpf_server *srv, int n)
{
  uint8_t bytes[8];
  ebpf_server_put_u64 (srv, bytes, get_reg (srv, n));
  rsp_buf_add_hex (&srv->reply, bytes, 8);
}

/* Sets register N, checking first: r10 only to the value it has.  */
static bool
set_reg (struct ebpf_server *srv, int n, uint64_t v, bool check_only)
{
  ebpf_machine *m = srv->session->m;
  if (n == REG_FP)
    return v == ebpf_machine_reg (m, REG_FP);
  if (n == REG_PC)
    {
      if (check_only || v == ebpf_machine_pc (m))
        return true;
      struct ebpf_error err;
      return ebpf_machine_set_pc (m, v, &err) == 0;
    }
  if (!check_only)
    ebpf_machine_set_reg (m, n, v);
  return true;
}

static bool
handle_write_registers (struct ebpf_server *srv, const char *hex, size_t len)
{
  uint8_t bytes[N_REGS * 8];
  const char *end;
  if (len != 2 * sizeof bytes
      || rsp_hex_decode (bytes, sizeof bytes, hex, &end) != sizeof bytes || *end)
    return reply (srv, "E01");
  uint64_t v[N_REGS];
  for (int i = 0; i < N_REGS; i++)
    v[i] = ebpf_server_get_u64 (srv, bytes + 8 * i);
  /* The pc is the one that can fail: check it by setting it first.  */
  if (!set_reg (srv, REG_FP, v[REG_FP], true) || !set_reg (srv, REG_PC, v[REG_PC], false))
    return reply (srv, "E01");
  for (int i = 0; i < REG_FP; i++)
    set_reg (srv, i, v[i], false);
  return reply (srv, "OK");
}

static bool
handle_p (struct ebpf_server *srv, const char *p, bool write)
{
  uint64_t n;
  if (!rsp_parse_hex (p, &p, &n) || n >= N_REGS)
    return reply (srv, "E01");
  if (!write)
    {
      if (*p)
        return reply (srv, "E01");
      rsp_buf_clear (&srv->reply);
      add_reg (srv, (int) n);
      return reply_buf (srv);
    }
  uint8_t bytes[8];
  const char *end;
  if (*p != '=' || strlen (p + 1) != 16
      || rsp_hex_decode (bytes, 8, p + 1, &end) != 8 || *end)
    return reply (srv, "E01");
  return reply (srv, set_reg (srv, (int) n, ebpf_server_get_u64 (srv, bytes),
                              false) ? "OK" : "E01");
}

/* ---- Memory ------------------------------------------------------------ */

static bool
handle_read_memory (struct ebpf_server *srv, const char *p)
{
  uint64_t addr, len;
  if (!parse_addr_len (p, &p, &addr, &len) || *p)
    return reply (srv, "E01");
  if (len > MAX_READ)
    len = MAX_READ;
  uint8_t buf[MAX_READ];
  size_t n = ebpf_server_read_memory (srv, addr, buf, (size_t) len);
  if (n == 0 && len > 0)
    return reply (srv, "E14");
  rsp_buf_clear (&srv->reply);
  rsp_buf_add_hex (&srv->reply, buf, n);
  return reply_buf (srv);
}

static bool
handle_write_memory (struct ebpf_server *srv, const char *p, size_t plen,
                     bool binary)
{
  uint64_t addr, len;
  const uint8_t *data;
  size_t size;
  uint8_t buf[RSP_MAX_PACKET / 2 + 1];
  if (binary)
    {
      if (!rsp_parse_binary_write (p - 1, plen + 1, &addr,
                                   (const unsigned char **) &data, &size))
        return reply (srv, "E01");
    }
  else
    {
      const char *end;
      if (!parse_addr_len (p, &p, &addr, &len) || *p != ':'
          || len > sizeof buf
          || rsp_hex_decode (buf, sizeof buf, p + 1, &end) != len || *end)
        return reply (srv, "E01");
      data = buf;
      size = (size_t) len;
    }
  if (size == 0)
    return reply (srv, "OK");
  return reply (srv, ebpf_server_write_memory (srv, addr, data, size)
                     ? "OK" : "E14");
}

/* ---- Breakpoints and watchpoints --------------------------------------- */

static bool
handle_z (struct ebpf_server *srv, const char *p, bool insert)
{
  ebpf_machine *m = srv->session->m;
  char type = *p;
  uint64_t addr, kind;
  if (type < '0' || type > '4' || p[1] != ',' || !parse_addr_len (p + 2, &p, &addr, &kind)
      || *p)
    return reply (srv, "E01");
  if (type == '0' || type == '1')
    {
      struct ebpf_server_bp *bp = find_bp (srv, addr);
      if (!insert)
        {
          unsigned *count = bp ? (type == '0' ? &bp->sw : &bp->hw) : NULL;
          if (count == NULL || *count == 0)
            return reply (srv, "E01");
          (*count)--;
          if (bp->sw + bp->hw == 0)
            {
              ebpf_machine_clear_breakpoint (m, addr);
              *bp = srv->bps[--srv->n_bps];
            }
          return reply (srv, "OK");
        }
      if (bp == NULL)
        {
          struct ebpf_error err;
          if (srv->n_bps == srv->cap_bps)
            {
              size_t cap = srv->cap_bps ? 2 * srv->cap_bps : 16;
              struct ebpf_server_bp *bps = realloc (srv->bps, cap * sizeof *bps);
              if (bps == NULL)
                return reply (srv, "E01");
              srv->bps = bps;
              srv->cap_bps = cap;
            }
          if (ebpf_machine_set_breakpoint (m, addr, &err) != 0)
            return reply (srv, "E01");
          bp = &srv->bps[srv->n_bps++];
          *bp = (struct ebpf_server_bp) { addr, 0, 0 };
        }
      if (type == '0')
        bp->sw++;
      else
        bp->hw++;
      return reply (srv, "OK");
    }
  /* Z2 write, Z3 read, Z4 access; KIND is the length.  */
  enum ebpf_watch_kind wk = type == '2' ? EBPF_WATCH_WRITE
                            : type == '3' ? EBPF_WATCH_READ : EBPF_WATCH_ACCESS;
  if (!insert)
    {
      for (int i = 0; i < srv->n_watches; i++)
        if (srv->watches[i].addr == addr && srv->watches[i].len == kind
            && srv->watches[i].kind == (int) wk)
          {
            ebpf_machine_clear_watchpoint (m, addr, kind, wk);
            srv->watches[i] = srv->watches[--srv->n_watches];
            return reply (srv, "OK");
          }
      return reply (srv, "E01");
    }
  struct ebpf_error err;
  int max = (int) (sizeof srv->watches / sizeof srv->watches[0]);
  if (srv->n_watches == max
      || ebpf_machine_set_watchpoint (m, addr, kind, wk, &err) != 0)
    return reply (srv, "E01");
  srv->watches[srv->n_watches++] = (struct ebpf_server_watch) { addr, kind, (int) wk };
  return reply (srv, "OK");
}

/* ---- Queries ----------------------------------------------------------- */

static bool
handle_xfer (struct ebpf_server *srv, const char *p)
{
  /* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH */
  const char *object = p;
  const char *colon = strchr (object, ':');
  if (colon == NULL || strncmp (colon, ":read:", 6) != 0)
    return reply (srv, "");
  size_t object_len = (size_t) (colon - object);
  const char *annex = colon + 6;
  const char *args = strchr (annex, ':');
  uint64_t offset, length;
  const char *end;
  if (args == NULL || !parse_addr_len (args + 1, &end, &offset, &length) || *end)
    return reply (srv, "E01");
  if (length > RSP_PACKET_SIZE - 16)
    length = RSP_PACKET_SIZE - 16;
  rsp_buf_clear (&srv->reply);
  if (object_len == 10 && strncmp (object, "memory-map", 10) == 0)
    {
      if (args != annex)
        return reply (srv, "E00");
      /* Made at the start of a read, kept for its later chunks.  */
      if (offset == 0 || srv->memory_map == NULL)
        {
          free (srv->memory_map);
          srv->memory_map = ebpf_server_memory_map (srv, &srv->memory_map_len);
          if (srv->memory_map == NULL)
            return reply (srv, "E01");
        }
      rsp_buf_add_xfer (&srv->reply, srv->memory_map, srv->memory_map_len,
                        offset, length);
      return reply_buf (srv);
    }
  if (object_len == 9 && strncmp (object, "exec-file", 9) == 0)
    {
      if (srv->opts.exec_file == NULL)
        return reply (srv, "E01");
      rsp_buf_add_xfer (&srv->reply, srv->opts.exec_file,
                        strlen (srv->opts.exec_file), offset, length);
      return reply_buf (srv);
    }
  return reply (srv, "");
}

static bool
handle_query (struct ebpf_server *srv, const char *p, size_t len)
{
  if (strncmp (p, "qSupported", 10) == 0 && (p[10] == '\0' || p[10] == ':'))
    {
      rsp_buf_clear (&srv->reply);
      rsp_buf_add_format (&srv->reply, "PacketSize=%x;QStartNoAckMode+;"
                          "qXfer:memory-map:read+;%sswbreak+;hwbreak+;%s"
                          "vContSupported+;multiprocess-",
                          RSP_PACKET_SIZE,
                          srv->opts.exec_file ? "qXfer:exec-file:read+;" : "",
                          srv->opts.record ? "ReverseStep+;ReverseContinue+;" : "");
      return reply_buf (srv);
    }
  if (strcmp (p, "qAttached") == 0 || strncmp (p, "qAttached:", 10) == 0)
    return reply (srv, "0");
  if (strcmp (p, "qC") == 0)
    return reply (srv, "QC1");
  if (strcmp (p, "qfThreadInfo") == 0)
    return reply (srv, srv->running ? "m1" : "l");
  if (strcmp (p, "qsThreadInfo") == 0)
    return reply (srv, "l");
  if (strcmp (p, "qOffsets") == 0)
    return reply (srv, "Text=0;Data=0;Bss=0");
  if (strncmp (p, "qSymbol:", 8) == 0)
    return reply (srv, "OK");
  if (strncmp (p, "qThreadExtraInfo,", 17) == 0)
    {
      const char *name = ebpf_program_name (srv->session->prog);
      char text[300];
      snprintf (text, sizeof text, "eBPF program %s", name ? name : "");
      rsp_buf_clear (&srv->reply);
      rsp_buf_add_hex (&srv->reply, text, strlen (text));
      return reply_buf (srv);
    }
  if (strncmp (p, "qXfer:", 6) == 0)
    return handle_xfer (srv, p + 6);
  if (strncmp (p, "qRcmd,", 6) == 0)
    {
      size_t hex_len = len - 6;
      char *cmd = malloc (hex_len / 2 + 1);
      const char *end;
      if (cmd == NULL)
        return reply (srv, "E01");
      size_t n = rsp_hex_decode (cmd, hex_len / 2, p + 6, &end);
      if (*end || hex_len % 2)
        {
          free (cmd);
          return reply (srv, "E01");
        }
      cmd[n] = '\0';
      ebpf_server_monitor (srv, cmd);
      free (cmd);
      if (!ebpf_server_flush_console (srv))
        return false;
      return reply (srv, "OK");
    }
  return reply (srv, "");
}

/* ---- Dispatch ---------------------------------------------------------- */

static bool
needs_process (struct ebpf_server *srv)
{
  return srv->running;
}

static bool
handle_v (struct ebpf_server *srv, const char *p)
{
  if (strcmp (p, "vCont?") == 0)
    return reply (srv, "vCont;c;C;s;S;r");
  if (strncmp (p, "vCont;", 6) == 0)
    return handle_vcont (srv, p + 5);
  if (strcmp (p, "vCont") == 0)
    return reply (srv, "E01");
  if (strcmp (p, "vRun") == 0 || strncmp (p, "vRun;", 5) == 0)
    {
      if (!ebpf_server_restart (srv, false))
        return reply (srv, "E01");
      return reply (srv, srv->last_stop);
    }
  if (strncmp (p, "vKill", 5) == 0)
    {
      srv->running = false;
      srv->last_status = 9;
      set_stop (srv, "X09");
      ebpf_server_clear_points (srv);
      return reply (srv, "OK");
    }
  return reply (srv, "");
}

/* One packet; false when the connection failed.  */
static bool
handle_packet (struct ebpf_server *srv, const char *p, size_t len,
               enum ebpf_server_end *end)
{
  if (len != strlen (p) && p[0] != 'X')
    return reply (srv, "E01");   /* a NUL where only text belongs */
  switch (p[0])
    {
    case '?':
      return reply (srv, p[1] ? "E01" : srv->last_stop);
    case '!':
      srv->extended = true;
      return reply (srv, "OK");
    case 'q':
      return handle_query (srv, p, len);
    case 'Q':
      if (strcmp (p, "QStartNoAckMode") == 0)
        {
          bool ok = reply (srv, "OK");
          srv->conn->no_ack = true;
          return ok;
        }
      return reply (srv, "");
    case 'v':
      return handle_v (srv, p);
    case 'H':
      {
        bool ours;
        const char *e;
        if ((p[1] != 'g' && p[1] != 'c') || !parse_thread (p + 2, &e, &ours) || *e)
          return reply (srv, "E01");
        return reply (srv, ours ? "OK" : "E01");
      }
    case 'T':
      {
        bool ours;
        const char *e;
        if (!parse_thread (p + 1, &e, &ours) || *e)
          return reply (srv, "E01");
        return reply (srv, ours && srv->running ? "OK" : "E01");
      }
    case 'g':
      if (p[1])
        return reply (srv, "E01");
      if (!needs_process (srv))
        return reply (srv, "E02");
      rsp_buf_clear (&srv->reply);
      for (int i = 0; i < N_REGS; i++)
        add_reg (srv, i);
      return reply_buf (srv);
    case 'G':
      if (!needs_process (srv))
        return reply (srv, "E02");
      return handle_write_registers (srv, p + 1, len - 1);
    case 'p':
    case 'P':
      if (!needs_process (srv))
        return reply (srv, "E02");
      return handle_p (srv, p + 1, p[0] == 'P');
    case 'm':
      if (!needs_process (srv))
        return reply (srv, "E02");
      return handle_read_memory (srv, p + 1);
    case 'M':
    case 'X':
      if (!needs_process (srv))
        return reply (srv, "E02");
      return handle_write_memory (srv, p + 1, len - 1, p[0] == 'X');
    case 'c':
      return handle_resume (srv, p + 1, RESUME_CONTINUE, false);
    case 'C':
      return handle_resume (srv, p + 1, RESUME_CONTINUE, true);
    case 's':
      return handle_resume (srv, p + 1, RESUME_STEP, false);
    case 'S':
      return handle_resume (srv, p + 1, RESUME_STEP, true);
    case 'b':
      if (strcmp (p, "bs") == 0)
        return resume (srv, RESUME_REVERSE_STEP, 0, 0);
      if (strcmp (p, "bc") == 0)
        return resume (srv, RESUME_REVERSE_CONTINUE, 0, 0);
      return reply (srv, "");
    case 'Z':
    case 'z':
      return handle_z (srv, p + 1, p[0] == 'Z');
    case 'k':
      /* No reply: GDB does not wait for one.  */
      srv->running = false;
      srv->last_status = 9;
      set_stop (srv, "X09");
      ebpf_server_clear_points (srv);
      if (!srv->extended)
        *end = EBPF_SERVER_DETACHED;
      return true;
    case 'D':
      ebpf_server_clear_points (srv);
      if (!srv->extended)
        *end = EBPF_SERVER_DETACHED;
      return reply (srv, "OK");
    case 'R':
      /* Restart, no reply (extended mode).  */
      ebpf_server_restart (srv, false);
      return true;
    default:
      return reply (srv, "");
    }
}

enum ebpf_server_end
ebpf_server_serve (struct ebpf_server *srv, int in_fd, int out_fd)
{
  struct rsp_conn *conn = malloc (sizeof *conn);
  if (conn == NULL)
    return EBPF_SERVER_CLOSED;
  rsp_init (conn, in_fd, out_fd);
  srv->conn = conn;
  srv->extended = false;
  if (!srv->running)
    ebpf_server_restart (srv, false);
  enum ebpf_server_end end = EBPF_SERVER_CLOSED;
  bool detached = false;
  while (!detached)
    {
      const char *payload;
      size_t len;
      enum rsp_event ev = rsp_read_packet (conn, &payload, &len);
      bool ok = true;
      if (ev == RSP_CLOSED)
        break;
      if (ev == RSP_INTERRUPT)
        continue;   /* stopped already: the stop was reported */
      if (ev == RSP_BAD_PACKET)
        ok = reply (srv, "E01");
      else
        {
          enum ebpf_server_end e = EBPF_SERVER_CLOSED;
          ok = handle_packet (srv, payload, len, &e);
          if (e == EBPF_SERVER_DETACHED)
            {
              end = e;
              detached = true;
            }
        }
      if (!ok)
        break;
    }
  /* GDB gone: what it inserted goes with it.  */
  ebpf_server_clear_points (srv);
  srv->conn = NULL;
  free (conn);
  return end;
}
