/* vars-test.c — the variables and types of ebpfsim-lines.h on a machine
 * stopped inside an XDP program: arguments, locals and globals found by
 * scope, located (frame-base offsets, registers, location lists,
 * constants, pieces) and printed, paths such as ip->saddr evaluated
 * against the packet's known bytes, in the running function and in its
 * caller's frame; types (members, bitfields, enums, typedefs, names);
 * what -O2 optimizes out; bad inputs.
 *
 * Usage: vars-test OBJECT SOURCE -O0|-O2
 *   (testsuite/ebpf.vars/progs/parse.c compiled by clang -g; SOURCE
 *   marks the lines to stop at with comments "BREAK name")
 * Prints a PASS or FAIL line per check; exits 1 when any failed.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

static int failures;
static const char *opt;
static const char *stop_name = "";   /* the BREAK the machine is at */
static bool optimized;

static void
check (bool ok, const char *what, ...)
  __attribute__ ((format (printf, 2, 3)));

/* A PASS or FAIL line named WHAT: the name stays the same from run to
 * run; what differs goes on a line of its own, after a tab.  */
static void
check (bool ok, const char *what, ...)
{
  char text[2048];
  va_list ap;
  va_start (ap, what);
  vsnprintf (text, sizeof text, what, ap);
  va_end (ap);
  char *detail = strchr (text, '\t');
  if (detail)
    *detail++ = 0;
  printf ("%s: vars %s: %s\n", ok ? "PASS" : "FAIL", opt, text);
  if (detail && *detail)
    printf ("\t%s\n", detail);
  if (!ok)
    failures++;
}

/* An Ethernet frame with an IPv4 header: 02:00:00:00:00:01 to the
 * broadcast address, 10.0.0.7 to 1.1.1.1, TOS 4, TTL 64, TCP.  */
static const uint8_t packet[64] = {
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
  0x45, 0x04, 0x00, 0x32, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
  10, 0, 0, 7, 1, 1, 1, 1,
};
#define IP_TEXT "{ihl = 5 '\\005', version = 4 '\\004', tos = 4 '\\004', tot_len = 12800, id = 13330, " \
  "frag_off = 64, ttl = 64 '@', protocol = 6 '\\006', check = 0, {{saddr = 117440522, " \
  "daddr = 16843009}, addrs = {saddr = 117440522, daddr = 16843009}}}"

struct session
{
  ebpf_object *obj;
  ebpf_program *prog;
  ebpf_machine *m;
  ebpf_lines *lines;
  ebpf_vars *vars;
  struct ebpf_frame_info frame;
  uint64_t ip_addr;       /* where the IPv4 header is in guest memory */
  uint64_t ctx;           /* r1 when the program starts */
};

/* The line of SOURCE that carries the comment BREAK NAME.  */
static uint32_t
marker_line (const char *source, const char *name)
{
  FILE *f = fopen (source, "r");
  char text[512], want[64];
  uint32_t n = 0;
  snprintf (want, sizeof want, "/* BREAK %s */", name);
  if (f == NULL)
    return 0;
  while (fgets (text, sizeof text, f))
    {
      n++;
      if (strstr (text, want))
        {
          fclose (f);
          return n;
        }
    }
  fclose (f);
  return 0;
}

/* EXPR evaluated in frame N and printed; an error's message prefixed
 * with "error: ".  */
static char *
show (struct session *s, int frame, const char *expr)
{
  struct ebpf_frame_info fi;
  struct ebpf_value v;
  struct ebpf_error err;
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  if (!ebpf_machine_frame (s->m, frame, &fi))
    fprintf (out, "error: no frame %d", frame);
  else if (ebpf_vars_eval (s->vars, &fi, ebpf_vars_read_machine, s->m, expr, &v, &err) != 0)
    fprintf (out, "error: %s", err.message);
  else
    {
      ebpf_value_print (&v, out);
      ebpf_value_clear (&v);
    }
  fclose (out);
  return text;
}

enum { EXACT = 0, MAY_GO = 1 };

/* EXPR in frame FRAME prints as WANT.  MAY_GO: at -O2 it may be
 * optimized out (or not saved in an outer frame) instead.  */
static void
expect (struct session *s, int frame, const char *expr, const char *want, int flags)
{
  char *got = show (s, frame, expr);
  bool ok = strcmp (got, want) == 0;
  bool gone = strcmp (got, "<optimized out>") == 0 || strcmp (got, "<not saved>") == 0
              || (strncmp (got, "error: ", 7) == 0
                  && (strstr (got, "optimized out") || strstr (got, "not saved")
                      || strstr (got, "not located in memory")));
  if (!ok && optimized && (flags & MAY_GO) && gone)
    {
      check (true, "at %s: frame %d: print %s\t%s here (the compiler's choice)", stop_name, frame, expr, got);
      free (got);
      return;
    }
  check (ok, "at %s: frame %d: print %s\t%s%s%s", stop_name, frame, expr, got, ok ? "" : ", want ",
         ok ? "" : want);
  free (got);
}

static void
expect_error (struct session *s, int frame, const char *expr, const char *want)
{
  char *got = show (s, frame, expr);
  bool ok = strncmp (got, "error: ", 7) == 0 && strstr (got, want) != NULL;
  check (ok, "at %s: frame %d: print %s fails\t%s%s%s", stop_name, frame, expr, got,
         ok ? "" : ", want an error with ", ok ? "" : want);
  free (got);
}

static int64_t
integer (struct session *s, int frame, const char *expr, bool *ok)
{
  struct ebpf_frame_info fi;
  struct ebpf_value v;
  struct ebpf_error err;
  int64_t x = 0;
  *ok = ebpf_machine_frame (s->m, frame, &fi)
        && ebpf_vars_eval (s->vars, &fi, ebpf_vars_read_machine, s->m, expr, &v, &err) == 0
        && ebpf_value_integer (&v, &x);
  if (*ok)
    ebpf_value_clear (&v);
  return x;
}

static bool
find_packet (void *ctx, const struct ebpf_region_info *r)
{
  uint64_t *base = ctx;
  if (strcmp (r->name, "packet") == 0)
    {
      *base = r->base;
      return false;
    }
  return true;
}

/* Runs to the breakpoint at the first address of MARKER's line.  */
static bool
run_to (struct session *s, const char *source, const char *marker)
{
  uint32_t line = marker_line (source, marker);
  uint64_t addr[8];
  size_t n = line ? ebpf_lines_addresses (s->lines, source, line, addr, 8) : 0;
  struct ebpf_error err;
  if (n == 0 || ebpf_machine_set_breakpoint (s->m, addr[0], &err) != 0)
    {
      check (false, "run to %s\tno breakpoint at %s:%u", marker, source, line);
      return false;
    }
  enum ebpf_stop stop = ebpf_machine_run (s->m);
  ebpf_machine_clear_breakpoint (s->m, addr[0]);
  bool ok = stop == EBPF_STOP_BREAKPOINT && ebpf_machine_pc (s->m) == addr[0];
  stop_name = marker;
  check (ok, "run to %s\tline %u, pc 0x%" PRIx64, marker, line, addr[0]);
  return ok;
}

static bool
has_var (const struct ebpf_variable *v, int n, const char *name, bool arg)
{
  for (int i = 0; i < n; i++)
    if (strcmp (v[i].name, name) == 0)
      return v[i].is_argument == arg;
  return false;
}

/* ---- At the call of score, in xdp_vars --------------------------------- */

static void
at_main (struct session *s)
{
  struct ebpf_variable vars[32];
  struct ebpf_error err;
  uint64_t pc = ebpf_machine_pc (s->m);
  int n = ebpf_vars_at (s->vars, pc, vars, 32, &err);
  bool all = n >= 10;
  const char *locals[] = { "data", "data_end", "eth", "ip", "st", "words", "w", "i", "got" };
  for (size_t i = 0; i < sizeof locals / sizeof *locals; i++)
    all &= has_var (vars, n, locals[i], false);
  check (n > 0 && strcmp (vars[0].name, "ctx") == 0 && vars[0].is_argument
         && all && vars[0].line > 0 && vars[0].file && strstr (vars[0].file, "parse.c")
         && vars[0].function && strcmp (vars[0].function, "xdp_vars") == 0,
         "scope of xdp_vars: argument ctx first, then the locals\t%d variables", n);

  /* The IPv4 header is where the packet has it.  */
  bool ok;
  s->ip_addr = (uint64_t) integer (s, 0, "ip", &ok);
  uint8_t hdr[20];
  uint64_t base = 0;
  ebpf_machine_regions (s->m, find_packet, &base);
  check (ok && ebpf_machine_read (s->m, s->ip_addr, hdr, 20)
         && memcmp (hdr, packet + 14, 20) == 0 && s->ip_addr >= base,
         "ip points at the packet's IPv4 header\t0x%" PRIx64, s->ip_addr);

  char want[512];
  expect (s, 0, "ip->saddr", "117440522", EXACT);
  expect (s, 0, "ip->daddr", "16843009", EXACT);
  expect (s, 0, "ip->ttl", "64 '@'", EXACT);
  expect (s, 0, "ip->protocol", "6 '\\006'", EXACT);
  expect (s, 0, "ip->ihl", "5 '\\005'", EXACT);
  expect (s, 0, "ip->version", "4 '\\004'", EXACT);
  expect (s, 0, "ip->addrs.daddr", "16843009", EXACT);
  expect (s, 0, "ip[0].tos", "4 '\\004'", EXACT);
  expect (s, 0, "(*ip).tot_len", "12800", EXACT);
  expect (s, 0, "*ip", IP_TEXT, EXACT);
  snprintf (want, sizeof want, "(struct iphdr *) 0x%" PRIx64, s->ip_addr);
  expect (s, 0, "ip", want, EXACT);
  expect (s, 0, "*(struct iphdr *) (eth + 1)", IP_TEXT, MAY_GO);
  expect (s, 0, "eth->h_proto", "8", MAY_GO);
  expect (s, 0, "eth->h_source", "\"\\002\\000\\000\\000\\000\\001\"", MAY_GO);
  expect (s, 0, "eth->h_dest", "\"\\377\\377\\377\\377\\377\\377\"", MAY_GO);
  expect (s, 0, "((struct ethhdr *) data)->h_proto", "8", MAY_GO);

  expect (s, 0, "st.total", "0", EXACT);
  expect (s, 0, "st.proto", "6", EXACT);
  expect (s, 0, "st.ttl", "64 '@'", EXACT);
  expect (s, 0, "st.tag", "120 'x'", EXACT);
  expect (s, 0, "st.kind", "VERDICT_PASS", EXACT);
  expect (s, 0, "st.flag", "5", EXACT);
  expect (s, 0, "st.level", "17", EXACT);
  expect (s, 0, "st.mac[5]", "1 '\\001'", EXACT);
  expect (s, 0, "st.mac", "\"\\002\\000\\000\\000\\000\\001\"", EXACT);
  snprintf (want, sizeof want, "(const struct iphdr *) 0x%" PRIx64, s->ip_addr);
  expect (s, 0, "st.where", want, EXACT);
  expect (s, 0, "*st.where", IP_TEXT, EXACT);
  expect (s, 0, "st.where->saddr", "117440522", EXACT);
  snprintf (want, sizeof want, "{total = 0, proto = 6, ttl = 64 '@', tag = 120 'x', "
            "kind = VERDICT_PASS, mac = \"\\002\\000\\000\\000\\000\\001\", flag = 5, "
            "level = 17, where = 0x%" PRIx64 "}", s->ip_addr);
  expect (s, 0, "st", want, EXACT);

  expect (s, 0, "words", "{11, 22, 37, 44}", MAY_GO);
  expect (s, 0, "words[2]", "37", MAY_GO);
  expect (s, 0, "words[3]", "44", MAY_GO);
  expect (s, 0, "w", "{u = 117440522, b = \"\\n\\000\\000\\a\"}", MAY_GO);
  expect (s, 0, "w.b[0]", "10 '\\n'", MAY_GO);
  expect (s, 0, "w.u", "117440522", MAY_GO);
  expect (s, 0, "i", "6", MAY_GO);
  expect (s, 0, "&words[3] - &words[1]", "2", MAY_GO);
  expect (s, 0, "data_end - data", "64", MAY_GO);
  expect (s, 0, "ip->saddr + 1", "117440523", EXACT);

  /* Globals, in their maps' values.  */
  expect (s, 0, "packets_seen", "0", EXACT);
  expect (s, 0, "config_limit", "1500", EXACT);
  expect (s, 0, "banner", "\"ebpfsim\"", EXACT);
  expect (s, 0, "banner[1]", "98 'b'", EXACT);
  expect (s, 0, "last.tag", "76 'L'", EXACT);
  expect (s, 0, "last", "{total = 5, proto = 0, ttl = 0 '\\000', tag = 76 'L', kind = 0, "
          "mac = \"\\000\\000\\000\\000\\000\", flag = 0, level = 0, where = 0x0}", EXACT);

  /* &st is st's address, and *&st is st again.  */
  struct ebpf_variable st;
  struct ebpf_location loc;
  struct ebpf_frame_info fi;
  ebpf_machine_frame (s->m, 0, &fi);
  bool found = ebpf_vars_find (s->vars, pc, "st", &st, &err) == 0
               && ebpf_vars_locate (s->vars, &st, &fi, ebpf_vars_read_machine, s->m, &loc,
                                    &err) == 0;
  int64_t addr = integer (s, 0, "&st", &ok);
  check (found && ok && loc.kind == EBPF_LOCATION_MEMORY && (uint64_t) addr == loc.pieces[0].addr
         && loc.pieces[0].addr < fi.regs[10] && loc.pieces[0].addr + 32 <= fi.regs[10],
         "st is in memory below r10, &st is its address\t0x%" PRIx64 ", 0x%" PRIx64,
         loc.pieces[0].addr, (uint64_t) addr);
  snprintf (want, sizeof want, "(struct summary *) 0x%" PRIx64, (uint64_t) addr);
  expect (s, 0, "&st", want, EXACT);
  expect (s, 0, "(*&st).flag", "5", EXACT);

  if (!optimized)
    {
      /* -O0 keeps every local in the frame: ctx's slot holds the
       * context pointer the run started with.  */
      int64_t ctx = integer (s, 0, "ctx", &ok);
      check (ok && (uint64_t) ctx == s->ctx && ctx != 0,
             "ctx is r1 at the start\t0x%" PRIx64, (uint64_t) ctx);
      int64_t data = integer (s, 0, "data", &ok);
      check (ok && (uint64_t) data + 14 == s->ip_addr, "data + 14 is ip");
      check (ebpf_vars_find (s->vars, pc, "words", &st, &err) == 0
             && ebpf_vars_locate (s->vars, &st, &fi, NULL, NULL, &loc, &err) == 0
             && loc.kind == EBPF_LOCATION_MEMORY, "words is in memory (DW_OP_fbreg)");
    }
  else
    {
      /* data is never used: -O2 keeps no location for it.  */
      expect (s, 0, "data", "<optimized out>", EXACT);
      check (ebpf_vars_find (s->vars, pc, "data", &st, &err) == 0
             && ebpf_vars_locate (s->vars, &st, &fi, NULL, NULL, &loc, &err) == 0
             && loc.kind == EBPF_LOCATION_NONE && !loc.pieces[0].not_saved,
             "data has no location (optimized out)");
      char *got = show (s, 0, "ctx");
      check (strcmp (got, "<optimized out>") == 0 || strncmp (got, "(struct xdp_md *) 0x", 20) == 0,
             "ctx at the call\t%s", got);
      free (got);
    }

  /* Bad paths.  */
  expect_error (s, 0, "nosuch", "No symbol \"nosuch\" in current context.");
  expect_error (s, 0, "ip->nosuch", "There is no member named nosuch.");
  expect_error (s, 0, "st.nosuch", "There is no member named nosuch.");
  expect_error (s, 0, "ip->", "expected a member name after `->'");
  expect_error (s, 0, "st[1]", "cannot subscript something of type `struct summary'");
  expect_error (s, 0, "*st", "Attempt to take contents of a non-pointer value.");
  expect_error (s, 0, "config_limit.x", "Attempt to extract a component of a value that "
                "is not a structure.");
  expect_error (s, 0, "ip->saddr)", "A syntax error in expression, near `)'.");
  expect_error (s, 0, "*(int *) 0", "Cannot access memory at address 0x0");
  expect_error (s, 0, "&st.flag", "Attempt to take address of value not located in memory.");
  expect_error (s, 0, "", "an empty expression");
  expect_error (s, 0, "(struct nosuch *) ip", "No type named \"struct nosuch\".");
  expect_error (s, 0, "(struct summary) ip", "Invalid cast.");
  expect (s, 0, "(long) ip - (long) eth", "14", MAY_GO);
  expect (s, 0, "(char) 65", "65 'A'", EXACT);
  expect (s, 0, "-config_limit", "-1500", EXACT);
  expect (s, 0, "(enum verdict) 7", "VERDICT_ODD", EXACT);
}

/* ---- Inside score, and its caller's frame ------------------------------- */

static void
at_score (struct session *s)
{
  struct ebpf_variable vars[16];
  struct ebpf_error err;
  struct ebpf_frame_info f0, f1;
  ebpf_machine_frame (s->m, 0, &f0);
  ebpf_machine_frame (s->m, 1, &f1);
  int n = ebpf_vars_at (s->vars, f0.pc, vars, 16, &err);
  check (n == 4 && strcmp (vars[0].name, "ip") == 0 && strcmp (vars[1].name, "weight") == 0
         && strcmp (vars[2].name, "s") == 0 && vars[0].is_argument && vars[2].is_argument
         && strcmp (vars[3].name, "sum") == 0 && !vars[3].is_argument
         && strcmp (vars[3].function, "score") == 0,
         "scope of score: arguments ip, weight, s in order, then sum\t%d", n);
  int n1 = ebpf_vars_at (s->vars, f1.call_pc, vars, 16, &err);
  check (ebpf_machine_frame_count (s->m) == 2 && n1 >= 10 && strcmp (vars[0].name, "ctx") == 0,
         "frame 1 is xdp_vars, scope at its call\t%d variables", n1);

  char want[200];
  expect (s, 0, "weight", "3", EXACT);
  expect (s, 0, "sum", "192", MAY_GO);
  expect (s, 0, "ip->saddr", "117440522", EXACT);
  expect (s, 0, "*ip", IP_TEXT, EXACT);
  snprintf (want, sizeof want, "(const struct iphdr *) 0x%" PRIx64, s->ip_addr);
  expect (s, 0, "ip", want, EXACT);
  expect (s, 0, "s->total", "0", EXACT);
  expect (s, 0, "s->tag", "120 'x'", EXACT);
  expect (s, 0, "s->mac[0]", "2 '\\002'", EXACT);
  expect (s, 0, "s->where->daddr", "16843009", EXACT);

  /* weight: a frame slot at -O0, a constant at -O2.  */
  struct ebpf_variable w;
  struct ebpf_location loc;
  bool ok = ebpf_vars_find (s->vars, f0.pc, "weight", &w, &err) == 0
            && ebpf_vars_locate (s->vars, &w, &f0, NULL, NULL, &loc, &err) == 0;
  check (ok && (loc.kind == EBPF_LOCATION_MEMORY
                || (loc.kind == EBPF_LOCATION_VALUE && loc.pieces[0].value == 3)),
         "weight's location\t%s", !ok ? err.message
         : loc.kind == EBPF_LOCATION_MEMORY ? "memory" : "the constant 3");

  /* The caller's frame: its stack is live, its r6-r10 kept.  */
  expect (s, 1, "st.total", "0", EXACT);
  expect (s, 1, "st.tag", "120 'x'", EXACT);
  expect (s, 1, "words[2]", "37", MAY_GO);
  expect (s, 1, "ip->daddr", "16843009", MAY_GO);
  expect (s, 1, "packets_seen", "0", EXACT);
  bool ok1, ok2;
  int64_t caller_st = integer (s, 1, "&st", &ok1), callee_s = integer (s, 0, "s", &ok2);
  check (ok1 && ok2 && caller_st == callee_s, "s in score is &st of its caller\t0x%" PRIx64,
         (uint64_t) callee_s);
  expect_error (s, 2, "st", "no frame 2");
}

static void
after_call (struct session *s)
{
  expect (s, 0, "got", "192", MAY_GO);
  expect (s, 0, "st.total", "192", EXACT);
  expect (s, 0, "packets_seen", "1", EXACT);
  expect (s, 0, "ip->saddr", "117440522", MAY_GO);
  if (!optimized)
    expect (s, 0, "w", "{u = 117440522, b = \"\\n\\000\\000\\a\"}", EXACT);
}

/* ---- Every instruction of an -O2 run ------------------------------------ */

/* A print of an array whose elements are each WANT's or optimized out.  */
static bool
elements_match (const char *got, const char *const *want, size_t n)
{
  const char *p = got;
  if (*p++ != '{')
    return false;
  for (size_t i = 0; i < n; i++)
    {
      size_t lw = strlen (want[i]);
      if (strncmp (p, "<optimized out>", 15) == 0)
        p += 15;
      else if (strncmp (p, want[i], lw) == 0)
        p += lw;
      else
        return false;
      const char *sep = i + 1 < n ? ", " : "}";
      if (strncmp (p, sep, strlen (sep)) != 0)
        return false;
      p += strlen (sep);
    }
  return *p == 0;
}

/* Steps through a whole run, looking at words and w wherever their
 * location lists put them in pieces (DW_OP_piece, DW_OP_convert).  */
static void
scan_pieces (struct session *s)
{
  ebpf_machine_reset (s->m);
  int composite = 0, bad = 0, in_pieces[2] = { 0, 0 };
  char first_bad[300] = "";
  for (int n = 0; n < 1000; n++)
    {
      struct ebpf_frame_info f;
      struct ebpf_error err;
      struct ebpf_variable var;
      struct ebpf_location loc;
      if (ebpf_machine_call_depth (s->m) == 0 && ebpf_machine_frame (s->m, 0, &f))
        for (int k = 0; k < 2; k++)
          {
            const char *name = k ? "w" : "words";
            if (ebpf_vars_find (s->vars, f.pc, name, &var, &err) != 0
                || ebpf_vars_locate (s->vars, &var, &f, ebpf_vars_read_machine, s->m, &loc,
                                     &err) != 0)
              {
                bad++;
                continue;
              }
            if (loc.kind != EBPF_LOCATION_COMPOSITE)
              continue;
            composite++;
            in_pieces[k]++;
            char *got = show (s, 0, k ? "w.b[0]" : "words");
            /* words[2] is 33 before the TOS is added, 37 after.  */
            static const char *const before[] = { "11", "22", "33", "44" };
            static const char *const after[] = { "11", "22", "37", "44" };
            bool ok = k ? strcmp (got, "10 '\\n'") == 0 || strcmp (got, "<optimized out>") == 0
                        : elements_match (got, before, 4) || elements_match (got, after, 4);
            if (!ok && bad++ == 0)
              snprintf (first_bad, sizeof first_bad, "at 0x%" PRIx64 " %s = %s", f.pc,
                        k ? "w.b[0]" : "words", got);
            free (got);
          }
      if (ebpf_machine_step (s->m) != EBPF_STOP_STEP)
        break;
    }
  check (bad == 0, "pieces of words and w are right at every instruction\t%s", first_bad);
  if (composite == 0)
    printf ("NOTE: vars %s: the compiler put no variable in pieces\n", opt);
  else
    check (true, "words and w found in pieces\twords %d stops, w %d (DW_OP_convert)",
           in_pieces[0], in_pieces[1]);
}

/* ---- Types -------------------------------------------------------------- */

static void
types (struct session *s)
{
  struct ebpf_error err;
  struct ebpf_type t, u;
  struct ebpf_type_info info;
  struct ebpf_member m, m2;
  char name[200];

  check (ebpf_vars_find_type (s->vars, "struct iphdr *", &t, &err) == 0
         && ebpf_type_get (t, &info, &err) == 0 && info.kind == EBPF_TYPE_POINTER
         && info.size == 8 && ebpf_type_get (info.target, &info, &err) == 0
         && info.kind == EBPF_TYPE_STRUCT && strcmp (info.name, "iphdr") == 0
         && info.size == 20 && info.count == 10,
         "struct iphdr *: a pointer to a struct of 20 bytes and 10 members");
  ebpf_type_name (t, name, sizeof name);
  check (strcmp (name, "struct iphdr *") == 0, "its name: %s", name);
  check (ebpf_vars_find_type (s->vars, "struct iphdr", &u, &err) == 0
         && ebpf_type_member_named (u, "saddr", &m, &err) == 0 && m.offset == 12
         && ebpf_type_member_named (t, "daddr", &m, &err) != 0
         && ebpf_type_member_named (u, "daddr", &m, &err) == 0 && m.offset == 16
         && ebpf_type_get (m.type, &info, &err) == 0 && info.kind == EBPF_TYPE_TYPEDEF
         && strcmp (info.name, "__be32") == 0 && ebpf_type_get (ebpf_type_strip (m.type), &info,
                                                               &err) == 0
         && info.kind == EBPF_TYPE_INT && !info.is_signed && info.size == 4,
         "iphdr: saddr at 12, daddr at 16 (through an anonymous union), __be32 is "
         "an unsigned int of 4 bytes");
  check (ebpf_type_member (u, 9, &m, &err) == 0 && m.name == NULL
         && ebpf_type_get (m.type, &info, &err) == 0 && info.kind == EBPF_TYPE_UNION
         && ebpf_type_member (u, 10, &m, &err) != 0,
         "iphdr's member 9 is an anonymous union, there is no member 10");
  check (ebpf_type_member (u, 0, &m, &err) == 0 && strcmp (m.name, "ihl") == 0
         && m.bit_size == 4 && ebpf_type_member (u, 1, &m2, &err) == 0
         && strcmp (m2.name, "version") == 0 && m2.bit_size == 4 && m2.offset == 0
         && m.bit_offset + 4 == m2.bit_offset,
         "ihl and version: two 4-bit fields of byte 0");

  check (ebpf_vars_find_type (s->vars, "struct summary", &t, &err) == 0
         && ebpf_type_get (t, &info, &err) == 0 && info.size == 32
         && ebpf_type_member_named (t, "flag", &m, &err) == 0 && m.bit_size == 3
         && ebpf_type_member_named (t, "level", &m2, &err) == 0 && m2.bit_size == 5
         && m2.offset == m.offset && m2.bit_offset == m.bit_offset + 3,
         "struct summary: 32 bytes, flag:3 then level:5 in one byte");
  check (ebpf_type_member_named (t, "mac", &m, &err) == 0
         && ebpf_type_get (m.type, &info, &err) == 0 && info.kind == EBPF_TYPE_ARRAY
         && info.bounded && info.count == 6 && info.size == 6
         && ebpf_type_get (ebpf_type_strip (info.target), &info, &err) == 0
         && info.kind == EBPF_TYPE_CHAR && !info.is_signed,
         "summary.mac: an array of 6 __u8, unsigned chars");
  check (ebpf_type_member_named (t, "kind", &m, &err) == 0
         && ebpf_type_get (m.type, &info, &err) == 0 && info.kind == EBPF_TYPE_ENUM
         && info.count == 3 && strcmp (info.name, "verdict") == 0,
         "summary.kind: enum verdict of 3 enumerators");
  struct ebpf_enumerator e;
  check (ebpf_type_enumerator (m.type, 2, &e, &err) == 0 && strcmp (e.name, "VERDICT_ODD") == 0
         && e.value == 7 && ebpf_type_enumerator (m.type, 3, &e, &err) != 0,
         "enumerator 2 is VERDICT_ODD = 7, there is no 3");
  check (ebpf_type_member_named (t, "where", &m, &err) == 0 && m.offset == 24
         && ebpf_type_name (m.type, name, sizeof name) > 0
         && strcmp (name, "const struct iphdr *") == 0, "summary.where at 24\t%s", name);

  struct ebpf_variable v;
  check (ebpf_vars_find (s->vars, 0, "banner", &v, &err) == 0 && v.is_global
         && ebpf_type_name (v.type, name, sizeof name) > 0
         && strcmp (name, "const volatile char [8]") == 0, "type of banner\t%s", name);
  check (ebpf_vars_find (s->vars, 0, "packets_seen", &v, &err) == 0
         && ebpf_type_get (v.type, &info, &err) == 0 && info.kind == EBPF_TYPE_TYPEDEF
         && strcmp (info.name, "counter_t") == 0 && info.size == 4,
         "packets_seen: counter_t, 4 bytes");
  check (ebpf_vars_find_type (s->vars, "union word", &t, &err) == 0
         && ebpf_type_get (t, &info, &err) == 0 && info.kind == EBPF_TYPE_UNION
         && info.size == 4 && info.count == 2, "union word: 4 bytes, 2 members");
  check (ebpf_vars_find_type (s->vars, "void *", &t, &err) == 0
         && ebpf_type_get (t, &info, &err) == 0 && info.kind == EBPF_TYPE_POINTER
         && ebpf_type_get (info.target, &info, &err) == 0 && info.kind == EBPF_TYPE_VOID,
         "void *");
  check (ebpf_vars_find_type (s->vars, "struct nosuch", &t, &err) != 0
         && strstr (err.message, "nosuch"), "struct nosuch\t%s", err.message);
  uint8_t bytes[4] = { 7, 0, 0, 0 };
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  check (ebpf_vars_find_type (s->vars, "enum verdict", &t, &err) == 0
         && ebpf_type_format (t, bytes, 4, out, &err) == 0
         && ebpf_type_format (t, bytes, 2, out, &err) != 0, "ebpf_type_format of an enum");
  fclose (out);
  check (strcmp (text, "VERDICT_ODD") == 0, "prints VERDICT_ODD\t%s", text);
  free (text);

  struct ebpf_variable globals[16];
  int n = ebpf_vars_globals (s->vars, globals, 16, &err);
  check (n == 5 && has_var (globals, n, "config_limit", false)
         && has_var (globals, n, "banner", false) && has_var (globals, n, "last", false)
         && has_var (globals, n, "packets_seen", false) && globals[0].function == NULL,
         "5 globals\t%d", n);
}

/* ---- Before running, and bad arguments --------------------------------- */

static void
no_frame (struct session *s)
{
  struct ebpf_value v;
  struct ebpf_error err;
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  bool ok = ebpf_vars_eval (s->vars, NULL, NULL, NULL, "config_limit", &v, &err) == 0
            && ebpf_value_print (&v, out) == 0;
  ebpf_value_clear (&v);
  fclose (out);
  check (ok && strcmp (text, "1500") == 0,
         "config_limit with no frame and no machine (the image's)\t%s", ok ? text : err.message);
  free (text);
  check (ebpf_vars_eval (s->vars, NULL, NULL, NULL, "ip", &v, &err) != 0
         && strstr (err.message, "No symbol \"ip\""), "ip with no frame\t%s", err.message);
}

static void
bad_arguments (struct session *s)
{
  struct ebpf_error err;
  struct ebpf_value v;
  struct ebpf_variable var;
  struct ebpf_location loc;
  struct ebpf_type_info info;
  struct ebpf_variable vars[4];
  check (ebpf_vars_open (NULL, &err) == NULL && err.message[0], "open without tables\t%s",
         err.message);
  check (ebpf_vars_eval (NULL, NULL, NULL, NULL, "x", &v, &err) == -1, "eval without tables");
  check (ebpf_vars_eval (s->vars, NULL, NULL, NULL, NULL, &v, &err) == -1, "eval of NULL");
  check (ebpf_vars_eval (s->vars, NULL, NULL, NULL, "x", NULL, NULL) == -1,
         "eval with no place for the value and no error");
  check (ebpf_vars_at (s->vars, 0x1234, vars, 4, &err) == -1
         && strstr (err.message, "0x1234"), "scope at 0x1234\t%s", err.message);
  check (ebpf_vars_at (s->vars, 0x300000000, NULL, 4, &err) == -1, "scope with no buffer");
  check (ebpf_vars_find (s->vars, 0, NULL, &var, &err) == -1, "find NULL");
  check (ebpf_vars_locate (s->vars, NULL, NULL, NULL, NULL, &loc, &err) == -1, "locate NULL");
  check (ebpf_vars_find (s->vars, 0x300000000, "sum", &var, &err) == 0
         && ebpf_vars_locate (s->vars, &var, NULL, NULL, NULL, &loc, &err) == -1
         && strstr (err.message, "needs a frame"), "a local with no frame\t%s", err.message);
  check (ebpf_vars_value (s->vars, NULL, NULL, NULL, NULL, &v, &err) == -1, "value of NULL");
  check (ebpf_value_print (NULL, stdout) == -1, "print NULL");
  memset (&v, 0, sizeof v);
  check (ebpf_value_print (&v, stdout) == -1, "print a cleared value");
  ebpf_value_clear (NULL);
  struct ebpf_type none = { NULL, 5 };
  check (ebpf_type_get (none, &info, &err) == -1, "type with no tables\t%s", err.message);
  struct ebpf_type bogus = { s->vars, 3 };
  check (ebpf_type_get (bogus, &info, &err) == -1, "type at a bad DIE\t%s", err.message);
  check (ebpf_type_get (none, NULL, NULL) == -1, "type_get with nowhere to answer");
  char name[8];
  check (ebpf_type_name (none, name, sizeof name) > 0, "name of no type\t%s", name);
}

int
main (int argc, char **argv)
{
  if (argc != 4)
    {
      fprintf (stderr, "usage: %s OBJECT SOURCE -O0|-O2\n", argv[0]);
      return 2;
    }
  opt = argv[3];
  optimized = strcmp (opt, "-O0") != 0;
  struct session s;
  struct ebpf_error err;
  memset (&s, 0, sizeof s);
  s.obj = ebpf_object_open (argv[1], NULL, &err);
  int index = s.obj ? ebpf_object_find_program (s.obj, "xdp_vars") : -1;
  s.prog = index >= 0 ? ebpf_object_program (s.obj, index, &err) : NULL;
  s.m = s.prog ? ebpf_machine_new (s.prog, NULL, &err) : NULL;
  s.lines = s.m ? ebpf_lines_open (s.obj, EBPF_LINES_ANY, &err) : NULL;
  s.vars = s.lines ? ebpf_vars_open (s.lines, &err) : NULL;
  if (s.vars == NULL || ebpf_machine_set_packet (s.m, packet, sizeof packet, &err) != 0)
    {
      printf ("FAIL: vars %s: open %s: %s\n", opt, argv[1], err.message);
      return 1;
    }
  check (true, "open\t%s", argv[1]);
  types (&s);
  no_frame (&s);
  bad_arguments (&s);
  ebpf_machine_reset (s.m);
  s.ctx = ebpf_machine_reg (s.m, 1);
  if (run_to (&s, argv[2], "main"))
    {
      at_main (&s);
      if (run_to (&s, argv[2], "score"))
        {
          at_score (&s);
          if (run_to (&s, argv[2], "after"))
            after_call (&s);
        }
    }
  if (optimized)
    scan_pieces (&s);
  ebpf_vars_close (s.vars);
  ebpf_lines_close (s.lines);
  ebpf_machine_free (s.m);
  ebpf_program_free (s.prog);
  ebpf_object_close (s.obj);
  return failures ? 1 : 0;
}
