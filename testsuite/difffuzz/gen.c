/* gen — the program generator of the differential fuzzer (run.sh).
 *
 *   gen SEED [--size N] [--drop LIST] [--cpu vN] [--avoid WHAT]
 *                                                  random XDP program in C
 *   gen --count SEED [--size N]                    how many statements
 *   gen --packet NAME                              a test packet's bytes
 *
 * SEED (a decimal number) determines the whole program.  Each generated
 * statement has a number (written before it as a comment, s0, s1, ...);
 * --drop LIST (numbers and ranges, "3,7-9,12") leaves those statements
 * out, with everything nested in them, while the rest of the program
 * stays exactly as it was: the random choices do not depend on LIST.
 * That is what minimise.sh uses to shrink a program that differs.
 * --size N scales the number of statements (default 24 in the main
 * function).  --cpu picks clang's -mcpu (v1, v2, v3); by default the
 * seed picks one.  --avoid csumsize leaves out bpf_csum_diff calls with
 * sizes that are not multiples of 4 (a known difference), without
 * changing the rest of the program.  The first line of the program
 * says how it was made, as
 *   /\* difffuzz seed=S size=N avoid=WHAT cflags=-mcpu=vK stmts=M *\/
 * which run.sh and minimise.sh read.
 *
 * What a program holds: variables of every width and sign (u8 ... s64)
 * with expressions of + - * & | ^ ~ -, shifts by masked and constant
 * amounts (logical and arithmetic), division and modulo (unsigned and
 * signed, the divisor possibly zero, forced nonzero, or an immediate),
 * byte swaps, sign and zero extensions, comparisons and conditional
 * expressions; if/else, bounded for loops (unrolled or not); packet
 * reads and writes at fixed and variable offsets and a parser of
 * Ethernet, IPv4 (ihl), IPv6, UDP and TCP headers (with an IPv4 address
 * rewrite whose checksum is fixed with bpf_csum_diff); bpf_xdp_adjust_
 * head/tail/meta (with metadata writes), bpf_xdp_load_bytes/store_bytes,
 * bpf_xdp_get_buff_len, bpf_csum_diff on stack buffers; array, hash,
 * per-CPU array and hash, queue, stack and LPM trie maps (lookup,
 * update with each flag, delete, push, pop, peek, lookup_percpu_elem);
 * atomics on map values and globals (fetch-add/or/and/xor, xchg,
 * cmpxchg with -mcpu=v3; XADD before); .bss, .data and .rodata globals
 * indexed by value; bpf_strncmp against .rodata strings; noinline
 * static and global subprograms of 1-5 arguments (some taking the
 * context and touching the packet); bpf_loop callbacks and
 * bpf_for_each_map_elem callbacks over the array and the hash map;
 * stack arrays indexed by value.
 *
 * The programs are meant to be deterministic and accepted by the
 * verifier: every variable is initialised; arithmetic is done on
 * unsigned 32- or 64-bit values and converted to the variable's type
 * (so no signed overflow); shifts are masked to the width; division and
 * modulo go through inline assembly (a real BPF div or mod, which clang
 * cannot assume has a nonzero divisor: eBPF defines x/0 = 0 and
 * x%0 = x), signed ones built on the unsigned ones; every packet access
 * is behind a bounds check made after reloading ctx->data and
 * ctx->data_end (helpers such as bpf_xdp_adjust_head invalidate older
 * pointers); only helpers with deterministic results are called.  What
 * the program computes goes into the array map "res" (one slot per
 * variable, the accumulator in slot 63), and the accumulator's low two
 * bits are the XDP verdict.
 *
 * Packets (--packet): udp4 (74-byte IPv4/UDP), tcp6 (94-byte IPv6/TCP
 * with options), tcp4opt (IPv4 with IP options, TCP), short (20 bytes:
 * an IPv4 header cut short), eth14 (an Ethernet header alone).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers (splitmix64) ---- */
static uint64_t rstate;

static uint64_t
rnd (void)
{
  uint64_t z = (rstate += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static unsigned
rn (unsigned n)
{
  return n ? (unsigned) (rnd () % n) : 0;
}

static int
chance (unsigned pct)
{
  return rn (100) < pct;
}

/* ---- strings ---- */
struct sb { char *p; size_t n, cap; };

static void
sb_vadd (struct sb *s, const char *fmt, va_list ap)
{
  va_list aq;
  va_copy (aq, ap);
  int k = vsnprintf (NULL, 0, fmt, aq);
  va_end (aq);
  if (s->n + k + 1 > s->cap)
    {
      s->cap = (s->n + k + 1) * 2 + 256;
      s->p = realloc (s->p, s->cap);
      if (!s->p)
        abort ();
    }
  vsnprintf (s->p + s->n, k + 1, fmt, ap);
  s->n += k;
}

static void
sb_add (struct sb *s, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  sb_vadd (s, fmt, ap);
  va_end (ap);
}

/* A formatted string that lives until the program ends (the generator
   is short-lived; leaking is simpler than ownership).  */
static char *
fmt (const char *f, ...)
{
  struct sb s = { 0 };
  va_list ap;
  va_start (ap, f);
  sb_vadd (&s, f, ap);
  va_end (ap);
  if (!s.p)
    {
      s.p = malloc (1);
      s.p[0] = 0;
    }
  return s.p;
}

/* ---- output with statement numbering and dropping ---- */
static struct sb out;
static int on = 1;              /* is the current statement emitted */
static int indent = 1;
static int nstmt;
static unsigned char *dropped;
static size_t ndropped;

static int
is_dropped (int id)
{
  return (size_t) id < ndropped && dropped[id];
}

static void
line (const char *f, ...)
{
  if (!on)
    return;
  for (int i = 0; i < indent; i++)
    sb_add (&out, "\t");
  va_list ap;
  va_start (ap, f);
  sb_vadd (&out, f, ap);
  va_end (ap);
  sb_add (&out, "\n");
}

static void
raw (const char *f, ...)
{
  va_list ap;
  va_start (ap, f);
  sb_vadd (&out, f, ap);
  va_end (ap);
}

/* Opens statement number nstmt: returns the enclosing "on" to restore.  */
static int
stmt_begin (void)
{
  int saved = on;
  int id = nstmt++;
  if (is_dropped (id))
    on = 0;
  line ("/* s%d */", id);
  return saved;
}

static void
stmt_end (int saved)
{
  on = saved;
}

/* ---- types and variables ---- */
enum ty { U8, U16, U32, U64, S8, S16, S32, S64, NTY };
static const char *tyname[NTY] = { "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64" };
static const int tybits[NTY] = { 8, 16, 32, 64, 8, 16, 32, 64 };
#define TYSIGNED(t) ((t) >= S8)

struct var { const char *name; enum ty ty; int ro; };

#define MAXV 64
struct scope
{
  struct var v[MAXV];
  int nv;
  int has_ctx;                  /* "ctx" is a struct xdp_md * here */
  int is_main;
  int ncallable;                /* subprograms 0..ncallable-1 may be called */
  int loopdepth;
};

static int cpu_v;               /* 1, 2 or 3 */
/* --avoid: leave out constructs of known differences (the random
   choices are still drawn, so the rest of the program stays the same).  */
static int avoid_csumsize;      /* bpf_csum_diff sizes not multiples of 4 */
static int tmpno;               /* unique names for temporaries */

static void
push (struct scope *sc, const char *name, enum ty t, int ro)
{
  if (sc->nv < MAXV)
    sc->v[sc->nv++] = (struct var) { name, t, ro };
}

static void
pop (struct scope *sc, int n)
{
  sc->nv -= n;
}

static int
pick_writable (struct scope *sc)
{
  int idx[MAXV], k = 0;
  for (int i = 0; i < sc->nv; i++)
    if (!sc->v[i].ro)
      idx[k++] = i;
  return k ? idx[rn (k)] : -1;
}

/* A read of the variable most recently pushed gets priority sometimes,
   so that packet and map values really flow into the results.  */
static int prefer_last;

static int
pick_readable (struct scope *sc)
{
  if (prefer_last && chance (60))
    return sc->nv - 1;
  return rn (sc->nv);
}

/* ---- expressions: always of type u32 (W = 32) or u64 (W = 64) ---- */
static char *expr (struct scope *sc, int w, int depth);

static char *
constant (int w)
{
  static const uint64_t special[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
    0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
    0xffffffffffffffffULL, 0xfffffffffffffffeULL, 0xffffffff80000000ULL,
  };
  uint64_t c;
  switch (rn (4))
    {
    case 0:
    case 1:
      c = special[rn (sizeof special / sizeof special[0])];
      break;
    case 2:
      c = rn (300);
      break;
    default:
      c = rnd () >> (rn (4) * 16);
    }
  if (w == 32)
    return fmt ("0x%xU", (unsigned) c);
  return fmt ("0x%llxULL", (unsigned long long) c);
}

static char *
leaf (struct scope *sc, int w)
{
  if (sc->nv == 0 || chance (25))
    return constant (w);
  struct var *v = &sc->v[pick_readable (sc)];
  const char *u = w == 32 ? "u32" : "u64";
  /* A signed narrow variable converted to u64 is sign-extended; also
     zero-extend it sometimes.  */
  if (TYSIGNED (v->ty) && tybits[v->ty] < w && chance (30))
    return fmt ("(%s)(u%d)%s", u, tybits[v->ty], v->name);
  return fmt ("(%s)%s", u, v->name);
}

static const char *
cmpop (void)
{
  static const char *ops[] = { "<", "<=", ">", ">=", "==", "!=" };
  return ops[rn (6)];
}

/* A comparison, an int 0 or 1.  */
static char *
cond (struct scope *sc, int depth)
{
  int w = chance (50) ? 32 : 64;
  char *a = expr (sc, w, depth + 1);
  char *b = chance (40) ? constant (w) : expr (sc, w, depth + 1);
  switch (rn (4))
    {
    case 0:
      return fmt ("((s%d)%s %s (s%d)%s)", w, a, cmpop (), w, b);
    case 1:
      return fmt ("((%s & %s) != 0)", a, b);
    default:
      return fmt ("(%s %s %s)", a, cmpop (), b);
    }
}

static char *
expr (struct scope *sc, int w, int depth)
{
  if (depth >= 3 || chance (25))
    return leaf (sc, w);
  const char *u = w == 32 ? "u32" : "u64";
  int m = w - 1;
  char *a = expr (sc, w, depth + 1);
  switch (rn (24))
    {
    case 0: return fmt ("(%s + %s)", a, expr (sc, w, depth + 1));
    case 1: return fmt ("(%s - %s)", a, expr (sc, w, depth + 1));
    case 2: return fmt ("(%s * %s)", a, expr (sc, w, depth + 1));
    case 3: return fmt ("(%s & %s)", a, expr (sc, w, depth + 1));
    case 4: return fmt ("(%s | %s)", a, expr (sc, w, depth + 1));
    case 5: return fmt ("(%s ^ %s)", a, expr (sc, w, depth + 1));
    case 6: return fmt ("(%s << (%s & %d))", a, expr (sc, w, depth + 1), m);
    case 7: return fmt ("(%s >> (%s & %d))", a, expr (sc, w, depth + 1), m);
    case 8: return fmt ("(%s)((s%d)%s >> (%s & %d))", u, w, a, expr (sc, w, depth + 1), m);
    case 9: return fmt ("(%s << %u)", a, rn (w));
    case 10: return fmt ("(%s)((s%d)%s >> %u)", u, w, a, rn (w));
    case 11:
      {
        /* Division and modulo: the divisor may be zero, or forced
           nonzero, or a nonzero constant (clang emits a BPF div by an
           immediate for that).  */
        static const char *fn[] = { "udiv", "umod", "sdiv", "smod" };
        const char *f = fn[rn (4)];
        char *b = expr (sc, w, depth + 1);
        switch (rn (3))
          {
          case 0: return fmt ("%s%d(%s, %s)", f, w, a, b);
          case 1: return fmt ("%s%d(%s, (%s | 1))", f, w, a, b);
          default:
            {
              unsigned k = 1 + rn (chance (50) ? 16 : 100000);
              return fmt ("(%s %s %uU)", a, f[1] == 'd' ? "/" : "%", k);
            }
          }
      }
    case 12: return fmt ("(~%s)", a);
    case 13: return fmt ("(-%s)", a);
    case 14:
      if (w == 64)
        return fmt ("__builtin_bswap64(%s)", a);
      return fmt ("__builtin_bswap32(%s)", a);
    case 15: return fmt ("(%s)__builtin_bswap16((u16)%s)", u, a);
    case 16:
      {
        static const int nb[] = { 8, 16, 32 };
        int b = nb[rn (w == 64 ? 3 : 2)];
        return fmt ("(%s)(s%d)(s%d)%s", u, w, b, a);     /* sign-extend */
      }
    case 17: return fmt ("(%s)(u%d)%s", u, chance (50) ? 8 : 16, a);
    case 18:
      if (w == 64)
        return fmt ("(u64)(s64)(s32)(u32)%s", a);
      return fmt ("(u32)(%s >> %u)", expr (sc, 64, depth + 1), rn (64));
    case 19: return fmt ("(%s)%s", u, cond (sc, depth));
    case 20: return fmt ("(%s ? %s : %s)", cond (sc, depth), a, expr (sc, w, depth + 1));
    case 21: return fmt ("(%s + %s)", a, constant (w));
    case 22: return fmt ("(%s * %s)", a, constant (w));
    default: return fmt ("(%s ^ %s)", a, constant (w));
    }
}

/* "(T)(EXPR)" fitting a variable of type T.  */
static char *
expr_for (struct scope *sc, enum ty t, int depth)
{
  int w = tybits[t] == 64 ? 64 : (chance (70) ? 32 : 64);
  return fmt ("(%s)%s", tyname[t], expr (sc, w, depth));
}

/* ---- statements ---- */
enum kind
{
  K_ASSIGN, K_ACC, K_IF, K_LOOP, K_PKT_READ, K_PKT_VREAD, K_PKT_PARSE,
  K_PKT_WRITE, K_PKT_HELPER, K_ADJUST, K_ARR, K_HASH, K_PERCPU, K_QUEUE,
  K_ATOMIC, K_CALL, K_CSUM, K_BPF_LOOP, K_FOREACH, K_STACKARR, K_GLOBAL,
  K_STRNCMP, K_LPM, NKIND
};

/* Subprograms generated so far: name, parameter types, takes ctx.  */
struct subprog { char name[16]; int nargs; enum ty arg[5]; int ctx; int global; };
static struct subprog subs[8];
static int nsubs;
static int ncb;                 /* bpf_loop callbacks cb0.. */
static int nfcb;                /* for_each callbacks fcb0.. (over arr) */

static void block (struct scope *sc, int n, int depth);
static void statement (struct scope *sc, int depth);

static void
assign (struct scope *sc, int depth)
{
  int d = pick_writable (sc);
  if (d < 0)
    return;
  line ("%s = %s;", sc->v[d].name, expr_for (sc, sc->v[d].ty, depth));
}

/* A statement that uses temporary TNAME of type T just pushed: a plain
   assignment that likely reads it.  */
static void
use_tmp (struct scope *sc, int depth)
{
  prefer_last = 1;
  assign (sc, depth);
  if (chance (50))
    line ("acc = acc * 31 + %s;", expr (sc, 64, depth));
  prefer_last = 0;
}

static const char *
uN (int bytes)
{
  return bytes == 1 ? "u8" : bytes == 2 ? "u16" : bytes == 4 ? "u32" : "u64";
}

static enum ty
tyN (int bytes)
{
  return bytes == 1 ? U8 : bytes == 2 ? U16 : bytes == 4 ? U32 : U64;
}

static void
pkt_ptrs (void)
{
  line ("void *d = (void *)(long)ctx->data, *de = (void *)(long)ctx->data_end;");
}

static void
pkt_read (struct scope *sc, int depth)
{
  static const int sz[] = { 1, 2, 4, 8 };
  int n = sz[rn (4)];
  int off = chance (70) ? rn (60) : rn (100);
  char *t = fmt ("t%d", tmpno++);
  line ("{");
  indent++;
  pkt_ptrs ();
  line ("if (d + %d + %d <= de) {", off, n);
  indent++;
  line ("%s %s = *(%s *)(d + %d);", uN (n), t, uN (n), off);
  push (sc, t, tyN (n), 1);
  use_tmp (sc, depth);
  pop (sc, 1);
  indent--;
  if (chance (30))
    {
      line ("} else {");
      indent++;
      assign (sc, depth);
      indent--;
    }
  line ("}");
  indent--;
  line ("}");
}

static void
pkt_vread (struct scope *sc, int depth)
{
  static const int sz[] = { 1, 2, 4, 8 };
  static const int mask[] = { 7, 15, 31, 63, 127 };
  int n = sz[rn (4)];
  char *t = fmt ("t%d", tmpno++);
  line ("{");
  indent++;
  pkt_ptrs ();
  line ("u32 off = (u32)%s & %d;", expr (sc, 32, depth + 1), mask[rn (5)]);
  line ("void *p = d + off;");
  line ("if (p + %d <= de) {", n);
  indent++;
  if (chance (30))
    line ("*(%s *)p = (%s)%s;", uN (n), uN (n), expr (sc, 64, depth + 1));
  line ("%s %s = *(%s *)p;", uN (n), t, uN (n));
  push (sc, t, tyN (n), 1);
  use_tmp (sc, depth);
  pop (sc, 1);
  indent--;
  line ("}");
  indent--;
  line ("}");
}

static void
pkt_write (struct scope *sc, int depth)
{
  static const int sz[] = { 1, 2, 4, 8 };
  int n = sz[rn (4)];
  int off = rn (80);
  line ("{");
  indent++;
  pkt_ptrs ();
  line ("if (d + %d + %d <= de)", off, n);
  line ("\t*(%s *)(d + %d) = (%s)%s;", uN (n), off, uN (n), expr (sc, n == 8 ? 64 : 32, depth + 1));
  indent--;
  line ("}");
}

/* Ethernet, then IPv4 (its header length from ihl) or IPv6, then UDP
   or TCP: reads one field at each level it reaches, and sometimes
   rewrites an IPv4 address with the checksum fixed through
   bpf_csum_diff.  */
static void
pkt_parse (struct scope *sc, int depth)
{
  static const char *f4[][2] = {
    { "ip->ttl", "u8" }, { "ip->tos", "u8" }, { "ip->protocol", "u8" },
    { "bpf_ntohs(ip->tot_len)", "u16" }, { "ip->id", "u16" },
    { "ip->saddr", "u32" }, { "bpf_ntohl(ip->daddr)", "u32" },
    { "ip->check", "u16" }, { "ip->ihl", "u8" }, { "ip->frag_off", "u16" },
  };
  static const char *f6[][2] = {
    { "ip6->nexthdr", "u8" }, { "ip6->hop_limit", "u8" },
    { "bpf_ntohs(ip6->payload_len)", "u16" },
    { "ip6->saddr.in6_u.u6_addr32[3]", "u32" },
    { "ip6->daddr.in6_u.u6_addr32[1]", "u32" },
    { "ip6->flow_lbl[1]", "u8" }, { "ip6->priority", "u8" },
  };
  static const char *fu[][2] = {
    { "bpf_ntohs(udp->dest)", "u16" }, { "udp->source", "u16" },
    { "bpf_ntohs(udp->len)", "u16" }, { "udp->check", "u16" },
  };
  static const char *ft[][2] = {
    { "bpf_ntohs(tcp->dest)", "u16" }, { "tcp->seq", "u32" },
    { "bpf_ntohl(tcp->ack_seq)", "u32" }, { "tcp->doff", "u16" },
    { "tcp->syn", "u16" }, { "tcp->ack", "u16" }, { "tcp->window", "u16" },
  };
#define FIELD(tab) do {                                                  \
    int i_ = rn (sizeof tab / sizeof tab[0]);                           \
    char *t_ = fmt ("t%d", tmpno++);                                    \
    line ("%s %s = %s;", tab[i_][1], t_, tab[i_][0]);                    \
    push (sc, t_, tab[i_][1][1] == '8' ? U8 : tab[i_][1][1] == '1' ? U16 : U32, 1); \
    use_tmp (sc, depth);                                                \
    pop (sc, 1);                                                        \
  } while (0)

  line ("{");
  indent++;
  pkt_ptrs ();
  line ("struct ethhdr *eth = d;");
  line ("if ((void *)(eth + 1) <= de) {");
  indent++;
  if (chance (30))
    {
      char *t = fmt ("t%d", tmpno++);
      line ("u16 %s = bpf_ntohs(eth->h_proto);", t);
      push (sc, t, U16, 1);
      use_tmp (sc, depth);
      pop (sc, 1);
    }
  line ("if (eth->h_proto == bpf_htons(ETH_P_IP)) {");
  indent++;
  line ("struct iphdr *ip = (void *)(eth + 1);");
  line ("if ((void *)(ip + 1) <= de) {");
  indent++;
  FIELD (f4);
  if (chance (20))
    {
      line ("u32 old = ip->saddr;");
      line ("ip->saddr = (u32)%s;", expr (sc, 32, depth + 1));
      line ("s64 cs = bpf_csum_diff(&old, 4, &ip->saddr, 4, (u16)~ip->check);");
      line ("acc += (u64)cs;");
      line ("ip->check = ~csum_fold((u32)cs);");
    }
  if (chance (60))
    {
      line ("void *l4 = (void *)ip + ip->ihl * 4;");
      if (chance (50))
        {
          line ("struct udphdr *udp = l4;");
          line ("if (ip->protocol == IPPROTO_UDP && (void *)(udp + 1) <= de) {");
          indent++;
          FIELD (fu);
        }
      else
        {
          line ("struct tcphdr *tcp = l4;");
          line ("if (ip->protocol == IPPROTO_TCP && (void *)(tcp + 1) <= de) {");
          indent++;
          FIELD (ft);
        }
      indent--;
      line ("}");
    }
  indent--;
  line ("}");
  indent--;
  line ("} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {");
  indent++;
  line ("struct ipv6hdr *ip6 = (void *)(eth + 1);");
  line ("if ((void *)(ip6 + 1) <= de) {");
  indent++;
  FIELD (f6);
  if (chance (60))
    {
      line ("struct tcphdr *tcp = (void *)(ip6 + 1);");
      line ("if (ip6->nexthdr == IPPROTO_TCP && (void *)(tcp + 1) <= de) {");
      indent++;
      FIELD (ft);
      if (chance (40))
        {
          line ("u32 optoff = tcp->doff * 4;");
          line ("u8 *opt = (u8 *)tcp + %d;", 20 + rn (16));
          line ("if ((void *)(opt + 1) <= de && optoff > 20)");
          line ("\tacc += *opt;");
        }
      indent--;
      line ("}");
    }
  indent--;
  line ("}");
  indent--;
  line ("} else {");
  line ("\tacc += 0x%x;", rn (1000));
  line ("}");
  indent--;
  line ("}");
  indent--;
  line ("}");
#undef FIELD
}

/* bpf_xdp_load_bytes, bpf_xdp_store_bytes, bpf_xdp_get_buff_len.  */
static void
pkt_helper (struct scope *sc, int depth)
{
  int len = 1 + rn (16);
  char *off = chance (50) ? fmt ("%u", rn (90)) : fmt ("(u32)%s & 127", expr (sc, 32, depth + 1));
  line ("{");
  indent++;
  switch (rn (3))
    {
    case 0:
      line ("u64 buf[2] = { 0, 0 };");
      line ("long r = bpf_xdp_load_bytes(ctx, %s, buf, %d);", off, len);
      line ("acc = acc * 7 + (u64)r;");
      push (sc, "buf[0]", U64, 1);
      push (sc, "buf[1]", U64, 1);
      prefer_last = 1;
      assign (sc, depth);
      prefer_last = 0;
      pop (sc, 2);
      break;
    case 1:
      line ("u64 buf[2] = { %s, %s };", expr (sc, 64, depth + 1), expr (sc, 64, depth + 1));
      line ("long r = bpf_xdp_store_bytes(ctx, %s, buf, %d);", off, len);
      line ("acc = acc * 7 + (u64)r;");
      break;
    default:
      {
        int d = pick_writable (sc);
        line ("u64 len = bpf_xdp_get_buff_len(ctx);");
        if (d >= 0)
          line ("%s = (%s)(len + %s);", sc->v[d].name, tyname[sc->v[d].ty], expr (sc, 64, depth + 1));
        else
          line ("acc += len;");
      }
    }
  indent--;
  line ("}");
}

static void
adjust (struct scope *sc, int depth)
{
  static const int head[] = { -32, -16, -14, -8, -4, -2, -1, 0, 1, 2, 4, 8, 14, 20, 40, 100, -300 };
  static const int tail[] = { -40, -20, -8, -4, -1, 0, 1, 4, 8, 16, 64, 200, 5000 };
  static const int meta[] = { -4, -8, -16, -32, -64, -216, -220, 0, 4, -3 };
  line ("{");
  indent++;
  switch (rn (3))
    {
    case 0:
      if (chance (25))
        line ("long r = bpf_xdp_adjust_head(ctx, (int)(%s & 31) - 16);", expr (sc, 32, depth + 1));
      else
        line ("long r = bpf_xdp_adjust_head(ctx, %d);", head[rn (sizeof head / sizeof head[0])]);
      break;
    case 1:
      if (chance (25))
        line ("long r = bpf_xdp_adjust_tail(ctx, (int)(%s & 63) - 32);", expr (sc, 32, depth + 1));
      else
        line ("long r = bpf_xdp_adjust_tail(ctx, %d);", tail[rn (sizeof tail / sizeof tail[0])]);
      break;
    default:
      line ("long r = bpf_xdp_adjust_meta(ctx, %d);", meta[rn (sizeof meta / sizeof meta[0])]);
      if (chance (60))
        {
          line ("void *m = (void *)(long)ctx->data_meta, *d = (void *)(long)ctx->data;");
          line ("if (m + 4 <= d) {");
          line ("\t*(u32 *)m = (u32)%s;", expr (sc, 32, depth + 1));
          line ("\tacc += *(u32 *)m;");
          line ("}");
        }
    }
  line ("acc = acc * 3 + (u64)r;");
  indent--;
  line ("}");
}

static const char *
key_expr (struct scope *sc, int depth, int mask)
{
  return fmt ("(u32)%s & %d", expr (sc, 32, depth + 1), mask);
}

static const char *
map_flag (void)
{
  static const char *f[] = { "BPF_ANY", "BPF_ANY", "BPF_NOEXIST", "BPF_EXIST" };
  return f[rn (4)];
}

/* struct val { u64 q; u32 w; u16 h; u8 b; s8 sb; } fields.  */
static const char *vfield[] = { "q", "w", "h", "b", "sb" };
static const enum ty vfty[] = { U64, U32, U16, U8, S8 };

static void
arr_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("u32 k = %s;", key_expr (sc, depth, chance (80) ? 7 : 15));
  if (chance (65))
    {
      int f = rn (5);
      char *t = fmt ("t%d", tmpno++);
      line ("struct val *p = bpf_map_lookup_elem(&arr, &k);");
      line ("if (p) {");
      indent++;
      line ("%s %s = p->%s;", tyname[vfty[f]], t, vfield[f]);
      push (sc, t, vfty[f], 1);
      use_tmp (sc, depth);
      int g = rn (5);
      line ("p->%s = %s;", vfield[g], expr_for (sc, vfty[g], depth + 1));
      pop (sc, 1);
      indent--;
      line ("} else {");
      line ("\tacc ^= 0x%x;", rn (0x10000));
      line ("}");
    }
  else
    {
      line ("struct val v = { .q = %s, .w = %s, .h = %s, .b = %s, .sb = %s };",
            expr_for (sc, U64, depth + 1), expr_for (sc, U32, depth + 1),
            expr_for (sc, U16, depth + 2), expr_for (sc, U8, depth + 2),
            expr_for (sc, S8, depth + 2));
      line ("long r = bpf_map_update_elem(&arr, &k, &v, %s);", map_flag ());
      line ("acc = acc * 5 + (u64)r;");
    }
  indent--;
  line ("}");
}

static void
hash_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("u32 k = %s;", key_expr (sc, depth, chance (70) ? 15 : 7));
  switch (rn (3))
    {
    case 0:
      line ("u64 v = %s;", expr (sc, 64, depth + 1));
      line ("long r = bpf_map_update_elem(&hsh, &k, &v, %s);", map_flag ());
      line ("acc = acc * 5 + (u64)r;");
      break;
    case 1:
      {
        char *t = fmt ("t%d", tmpno++);
        line ("u64 *p = bpf_map_lookup_elem(&hsh, &k);");
        line ("u64 %s = p ? *p : 0x%x;", t, rn (1000));
        push (sc, t, U64, 1);
        use_tmp (sc, depth);
        pop (sc, 1);
        if (chance (50))
          line ("if (p) *p = %s;", expr (sc, 64, depth + 1));
        break;
      }
    default:
      line ("long r = bpf_map_delete_elem(&hsh, &k);");
      line ("acc = acc * 5 + (u64)r;");
    }
  indent--;
  line ("}");
}

/* Per-CPU maps: the run is on CPU 0 on both sides (run.sh pins the
   kernel's test run there).  */
static void
percpu_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("u32 k = %s;", key_expr (sc, depth, chance (80) ? 3 : 7));
  switch (rn (4))
    {
    case 0:
      {
        char *t = fmt ("t%d", tmpno++);
        line ("u64 *p = bpf_map_lookup_elem(&pca, &k);");
        line ("u64 %s = p ? *p : 1;", t);
        push (sc, t, U64, 1);
        use_tmp (sc, depth);
        pop (sc, 1);
        line ("if (p) *p += %s;", expr (sc, 64, depth + 1));
        break;
      }
    case 1:
      line ("u64 *p = bpf_map_lookup_percpu_elem(&pca, &k, %d);", rn (3) == 0 ? 1 + rn (8) : 0);
      line ("acc = acc * 3 + (p ? *p + 1 : 0);");
      break;
    case 2:
      line ("u64 v = %s;", expr (sc, 64, depth + 1));
      line ("long r = bpf_map_update_elem(&pch, &k, &v, %s);", map_flag ());
      line ("acc = acc * 5 + (u64)r;");
      break;
    default:
      if (chance (50))
        {
          line ("u64 *p = bpf_map_lookup_elem(&pch, &k);");
          line ("acc = acc * 3 + (p ? *p + 1 : 0);");
        }
      else
        {
          line ("long r = bpf_map_delete_elem(&pch, &k);");
          line ("acc = acc * 5 + (u64)r;");
        }
    }
  indent--;
  line ("}");
}

static void
queue_op (struct scope *sc, int depth)
{
  const char *m = chance (50) ? "que" : "stk";
  line ("{");
  indent++;
  switch (rn (3))
    {
    case 0:
      line ("u64 v = %s;", expr (sc, 64, depth + 1));
      line ("long r = bpf_map_push_elem(&%s, &v, %s);", m, chance (30) ? "BPF_EXIST" : "0");
      line ("acc = acc * 5 + (u64)r;");
      break;
    default:
      {
        char *t = fmt ("t%d", tmpno++);
        line ("u64 %s = 0x%x;", t, rn (100));
        line ("long r = bpf_map_%s_elem(&%s, &%s);", chance (50) ? "pop" : "peek", m, t);
        line ("acc = acc * 5 + (u64)r;");
        push (sc, t, U64, 1);
        use_tmp (sc, depth);
        pop (sc, 1);
      }
    }
  indent--;
  line ("}");
}

/* Atomics on map values: with -mcpu=v3 every fetch form and 32/64 bits;
   before v3 only a plain add whose result is not used (XADD).  */
static void
atomic_op (struct scope *sc, int depth)
{
  int f64 = chance (60);
  const char *fld = f64 ? "q" : "w";
  const char *ft = f64 ? "u64" : "u32";
  int w = f64 ? 64 : 32;
  line ("{");
  indent++;
  line ("u32 k = %s;", key_expr (sc, depth, 7));
  int inhash = chance (25);
  if (inhash)
    {
      line ("u64 *p = bpf_map_lookup_elem(&hsh, &k);");
      fld = NULL, ft = "u64", w = 64;
    }
  else
    line ("struct val *p = bpf_map_lookup_elem(&arr, &k);");
  const char *lv = inhash ? "p" : fmt ("&p->%s", fld);
  line ("if (p) {");
  indent++;
  if (cpu_v < 3)
    /* clang has only the 64-bit XADD before v3.  */
    line ("__sync_fetch_and_add(%s, (u64)%s);", inhash ? "p" : "&p->q", expr (sc, w, depth + 1));
  else
    {
      char *t = fmt ("t%d", tmpno++);
      char *e = expr (sc, w, depth + 1);
      switch (rn (7))
        {
        case 0: line ("%s %s = __sync_fetch_and_add(%s, (%s)%s);", ft, t, lv, ft, e); break;
        case 1: line ("%s %s = __sync_fetch_and_or(%s, (%s)%s);", ft, t, lv, ft, e); break;
        case 2: line ("%s %s = __sync_fetch_and_and(%s, (%s)%s);", ft, t, lv, ft, e); break;
        case 3: line ("%s %s = __sync_fetch_and_xor(%s, (%s)%s);", ft, t, lv, ft, e); break;
        case 4: line ("%s %s = __sync_lock_test_and_set(%s, (%s)%s);", ft, t, lv, ft, e); break;
        case 5:
          line ("%s %s = __sync_val_compare_and_swap(%s, (%s)%s, (%s)%s);", ft, t, lv, ft,
                chance (50) ? "0" : expr (sc, w, depth + 1), ft, e);
          break;
        default:
          line ("__sync_fetch_and_add(%s, (%s)%s);", lv, ft, e);
          line ("%s %s = *(%s);", ft, t, lv);
        }
      push (sc, t, f64 ? U64 : U32, 1);
      use_tmp (sc, depth);
      pop (sc, 1);
    }
  indent--;
  line ("}");
  indent--;
  line ("}");
}

static void
call_op (struct scope *sc, int depth)
{
  if (sc->ncallable == 0)
    {
      assign (sc, depth);
      return;
    }
  struct subprog *f = &subs[rn (sc->ncallable)];
  if (f->ctx && !sc->has_ctx)
    {
      assign (sc, depth);
      return;
    }
  struct sb a = { 0 };
  if (f->ctx)
    sb_add (&a, "ctx");
  for (int i = 0; i < f->nargs; i++)
    sb_add (&a, "%s%s", (i || f->ctx) ? ", " : "", expr_for (sc, f->arg[i], depth + 1));
  int d = pick_writable (sc);
  if (d >= 0 && chance (70))
    line ("%s = (%s)%s(%s);", sc->v[d].name, tyname[sc->v[d].ty], f->name, a.p ? a.p : "");
  else
    line ("acc = acc * 13 + (u64)%s(%s);", f->name, a.p ? a.p : "");
}

static void
csum_op (struct scope *sc, int depth)
{
  int na = 1 + rn (4), nb = 1 + rn (4);
  int sa = 4 * rn (na + 1), sbz = 4 * rn (nb + 1);
  if (chance (10) && !avoid_csumsize)
    sa = sa ? sa - 2 : 2;       /* not a multiple of 4 */
  line ("{");
  indent++;
  struct sb a = { 0 }, b = { 0 };
  for (int i = 0; i < na; i++)
    sb_add (&a, "%s(u32)%s", i ? ", " : "", expr (sc, 32, depth + 2));
  for (int i = 0; i < nb; i++)
    sb_add (&b, "%s(u32)%s", i ? ", " : "", expr (sc, 32, depth + 2));
  line ("u32 a[%d] = { %s };", na, a.p);
  line ("u32 b[%d] = { %s };", nb, b.p);
  line ("s64 r = bpf_csum_diff(%s, %d, b, %d, (u32)%s);", sa == 0 && chance (50) ? "0" : "a", sa, sbz,
        expr (sc, 32, depth + 1));
  line ("acc = acc * 3 + (u64)r;");
  int d = pick_writable (sc);
  if (d >= 0)
    line ("%s = (%s)(r + csum_fold((u32)r));", sc->v[d].name, tyname[sc->v[d].ty]);
  indent--;
  line ("}");
}

static void
bpf_loop_op (struct scope *sc, int depth)
{
  static const int nl[] = { 0, 1, 3, 8, 20 };
  if (ncb == 0)
    {
      assign (sc, depth);
      return;
    }
  line ("{");
  indent++;
  line ("struct lctx c = { .a = %s, .b = %s, .c = (u32)%s, .n = 0 };",
        expr (sc, 64, depth + 1), expr (sc, 64, depth + 1), expr (sc, 32, depth + 1));
  line ("long n = bpf_loop(%d, cb%d, &c, 0);", nl[rn (5)], rn (ncb));
  line ("acc = acc * 3 + (u64)n + c.n;");
  push (sc, "c.a", U64, 1);
  push (sc, "c.b", U64, 1);
  push (sc, "c.c", U32, 1);
  prefer_last = 1;
  assign (sc, depth);
  prefer_last = 0;
  pop (sc, 3);
  indent--;
  line ("}");
}

static void
foreach_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("struct lctx c = { .a = %s, .b = 0, .c = 0, .n = 0 };", expr (sc, 64, depth + 1));
  if (nfcb && chance (70))
    line ("long n = bpf_for_each_map_elem(&arr, fcb%d, &c, 0);", rn (nfcb));
  else
    line ("long n = bpf_for_each_map_elem(&hsh, hcb, &c, 0);");
  line ("acc = acc * 3 + (u64)n + c.n;");
  push (sc, "c.a", U64, 1);
  push (sc, "c.b", U64, 1);
  prefer_last = 1;
  assign (sc, depth);
  prefer_last = 0;
  pop (sc, 2);
  indent--;
  line ("}");
}

static void
stackarr_op (struct scope *sc, int depth)
{
  struct sb a = { 0 };
  for (int i = 0; i < 8; i++)
    sb_add (&a, "%s%s", i ? ", " : "", expr (sc, 64, depth + 2));
  line ("{");
  indent++;
  line ("u64 sa[8] = { %s };", a.p);
  line ("sa[(u32)%s & 7] = %s;", expr (sc, 32, depth + 1), expr (sc, 64, depth + 1));
  if (chance (50))
    line ("sa[(u32)%s & 7] += sa[(u32)%s & 7];", expr (sc, 32, depth + 1), expr (sc, 32, depth + 1));
  push (sc, fmt ("sa[(u32)%s & 7]", expr (sc, 32, depth + 1)), U64, 1);
  prefer_last = 1;
  assign (sc, depth);
  prefer_last = 0;
  pop (sc, 1);
  indent--;
  line ("}");
}

/* Global variables: .bss, .data and .rodata arrays, indexed by value
   (the verifier's variable offsets into a map value).  */
static void
global_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("u32 k = %s;", key_expr (sc, depth, 3));
  switch (rn (3))
    {
    case 0:
      line ("gb[k] = %s;", expr (sc, 64, depth + 1));
      line ("gd[(u32)%s & 3] += gb[(k + 1) & 3];", expr (sc, 32, depth + 1));
      break;
    case 1:
      if (cpu_v == 3)
        line ("u64 t = __sync_fetch_and_add(&gd[k], %s);", expr (sc, 64, depth + 1));
      else
        line ("u64 t = gd[k]; __sync_fetch_and_add(&gd[k], %s);", expr (sc, 64, depth + 1));
      line ("acc = acc * 3 + t;");
      break;
    default:
      {
        char *t = fmt ("t%d", tmpno++);
        line ("u64 %s = gb[k] ^ gd[(k + 2) & 3] ^ gr[k & 1];", t);
        push (sc, t, U64, 1);
        use_tmp (sc, depth);
        pop (sc, 1);
      }
    }
  indent--;
  line ("}");
}

/* bpf_strncmp of 8 bytes on the stack against a string of .rodata.  */
static void
strncmp_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("u64 s[2] = { %s, 0 };", chance (50) ? expr (sc, 64, depth + 1) : fmt ("0x%llxULL", (unsigned long long) (0x0064636261ULL + ((uint64_t) rn (4) << 24))));
  line ("long r = bpf_strncmp((char *)s, %d, str%d);", 1 + rn (9), rn (4));
  line ("acc = acc * 3 + (u64)r;");
  int d = pick_writable (sc);
  if (d >= 0)
    line ("%s = (%s)r;", sc->v[d].name, tyname[sc->v[d].ty]);
  indent--;
  line ("}");
}

/* An LPM trie of IPv4 prefixes: updates (the bits past the prefix are
   kept as given), longest-prefix lookups, deletes.  */
static void
lpm_op (struct scope *sc, int depth)
{
  line ("{");
  indent++;
  line ("struct lpmk k = { .prefixlen = %s, .addr = (u32)%s };",
        chance (85) ? fmt ("(u32)%s & 31", expr (sc, 32, depth + 1)) : fmt ("%u", rn (40)),
        chance (50) ? expr (sc, 32, depth + 1) : fmt ("0x%xU", (unsigned) (0x0a000000 | rn (0x10000))));
  switch (rn (3))
    {
    case 0:
      line ("u64 v = %s;", expr (sc, 64, depth + 1));
      line ("long r = bpf_map_update_elem(&lpm, &k, &v, %s);", map_flag ());
      line ("acc = acc * 5 + (u64)r;");
      break;
    case 1:
      {
        char *t = fmt ("t%d", tmpno++);
        line ("k.prefixlen = 32;");
        line ("u64 *p = bpf_map_lookup_elem(&lpm, &k);");
        line ("u64 %s = p ? *p : 0x%x;", t, rn (1000));
        push (sc, t, U64, 1);
        use_tmp (sc, depth);
        pop (sc, 1);
        break;
      }
    default:
      line ("long r = bpf_map_delete_elem(&lpm, &k);");
      line ("acc = acc * 5 + (u64)r;");
    }
  indent--;
  line ("}");
}

static void
if_op (struct scope *sc, int depth)
{
  line ("if (%s) {", cond (sc, 1));
  indent++;
  block (sc, 1 + rn (3), depth + 1);
  indent--;
  if (chance (50))
    {
      line ("} else {");
      indent++;
      block (sc, 1 + rn (2), depth + 1);
      indent--;
    }
  line ("}");
}

static void
loop_op (struct scope *sc, int depth)
{
  static const int kk[] = { 1, 2, 3, 4, 5, 8, 13, 16 };
  int k = kk[rn (8)];
  char *iv = fmt ("i%d", tmpno++);
  if (chance (50))
    line ("#pragma clang loop unroll(disable)");
  line ("for (u32 %s = 0; %s < %d; %s++) {", iv, iv, k, iv);
  indent++;
  push (sc, iv, U32, 1);
  sc->loopdepth++;
  block (sc, 1 + rn (3), depth + 1);
  if (chance (25))
    line ("if (%s) break;", cond (sc, 1));
  sc->loopdepth--;
  pop (sc, 1);
  indent--;
  line ("}");
}

static void
statement (struct scope *sc, int depth)
{
  /* Weights per kind.  */
  static const int w[NKIND] = {
    [K_ASSIGN] = 16, [K_ACC] = 4, [K_IF] = 7, [K_LOOP] = 3,
    [K_PKT_READ] = 6, [K_PKT_VREAD] = 4, [K_PKT_PARSE] = 4,
    [K_PKT_WRITE] = 3, [K_PKT_HELPER] = 3, [K_ADJUST] = 3, [K_ARR] = 6,
    [K_HASH] = 6, [K_PERCPU] = 3, [K_QUEUE] = 3, [K_ATOMIC] = 4,
    [K_CALL] = 5, [K_CSUM] = 3, [K_BPF_LOOP] = 2, [K_FOREACH] = 2,
    [K_STACKARR] = 2, [K_GLOBAL] = 4, [K_STRNCMP] = 2, [K_LPM] = 3,
  };
  int total = 0;
  for (int i = 0; i < NKIND; i++)
    total += w[i];
  int r = rn (total), k = 0;
  while (r >= w[k])
    r -= w[k++];
  int saved = stmt_begin ();
  switch (k)
    {
    case K_IF:
      if (depth < 3)
        {
          if_op (sc, depth);
          break;
        }
      assign (sc, depth);
      break;
    case K_LOOP:
      if (depth < 2 && sc->loopdepth == 0)
        {
          loop_op (sc, depth);
          break;
        }
      assign (sc, depth);
      break;
    case K_ACC: line ("acc = acc * 31 + %s;", expr (sc, 64, depth)); break;
    case K_PKT_READ: if (sc->has_ctx) pkt_read (sc, depth); else assign (sc, depth); break;
    case K_PKT_VREAD: if (sc->has_ctx) pkt_vread (sc, depth); else assign (sc, depth); break;
    case K_PKT_PARSE: if (sc->has_ctx) pkt_parse (sc, depth); else assign (sc, depth); break;
    case K_PKT_WRITE: if (sc->has_ctx) pkt_write (sc, depth); else assign (sc, depth); break;
    case K_PKT_HELPER: if (sc->has_ctx) pkt_helper (sc, depth); else assign (sc, depth); break;
    case K_ADJUST: if (sc->has_ctx) adjust (sc, depth); else assign (sc, depth); break;
    case K_ARR: arr_op (sc, depth); break;
    case K_HASH: hash_op (sc, depth); break;
    case K_PERCPU: percpu_op (sc, depth); break;
    case K_QUEUE: queue_op (sc, depth); break;
    case K_ATOMIC: atomic_op (sc, depth); break;
    case K_CALL: call_op (sc, depth); break;
    case K_CSUM: csum_op (sc, depth); break;
    case K_BPF_LOOP: if (sc->loopdepth == 0) bpf_loop_op (sc, depth); else assign (sc, depth); break;
    case K_FOREACH: if (sc->loopdepth == 0) foreach_op (sc, depth); else assign (sc, depth); break;
    case K_STACKARR: stackarr_op (sc, depth); break;
    case K_GLOBAL: global_op (sc, depth); break;
    case K_STRNCMP: strncmp_op (sc, depth); break;
    case K_LPM: lpm_op (sc, depth); break;
    default: assign (sc, depth); break;
    }
  stmt_end (saved);
}

static void
block (struct scope *sc, int n, int depth)
{
  for (int i = 0; i < n; i++)
    statement (sc, depth);
}

/* Declares NV variables of random types with initial values, pushed
   into SC with names PREFIX0...  */
static void
declare_vars (struct scope *sc, const char *prefix, int nv)
{
  for (int i = 0; i < nv; i++)
    {
      enum ty t = rn (NTY);
      char *name = fmt ("%s%d", prefix, i);
      line ("%s %s = (%s)%s;", tyname[t], name, tyname[t], constant (64));
      push (sc, name, t, 0);
    }
}

static const char prelude[] =
  "#include <linux/bpf.h>\n"
  "#include <linux/if_ether.h>\n"
  "#include <linux/in.h>\n"
  "#include <linux/ip.h>\n"
  "#include <linux/ipv6.h>\n"
  "#include <linux/udp.h>\n"
  "#include <linux/tcp.h>\n"
  "#include <bpf/bpf_helpers.h>\n"
  "#include <bpf/bpf_endian.h>\n"
  "\n"
  "typedef __u8 u8; typedef __u16 u16; typedef __u32 u32; typedef __u64 u64;\n"
  "typedef __s8 s8; typedef __s16 s16; typedef __s32 s32; typedef __s64 s64;\n"
  "#define AI static inline __attribute__((always_inline))\n"
  "\n"
  "/* Division and modulo as real BPF instructions: x/0 = 0, x%0 = x.\n"
  "   clang 14's assembler has no '%=', so modulo is written as bytes:\n"
  "   0x9f is BPF_ALU64|BPF_MOD|BPF_X, 0x9c its 32-bit form, on r3, r4.\n"
  "   Signed ones work on magnitudes (C's truncation toward zero) in\n"
  "   unsigned arithmetic: INT_MIN / -1 wraps instead of being undefined.  */\n"
  "AI u64 udiv64(u64 a, u64 b) { asm volatile(\"%0 /= %1\" : \"+r\"(a) : \"r\"(b)); return a; }\n"
  "AI u64 umod64(u64 a, u64 b) { register u64 x asm(\"r3\") = a; register u64 y asm(\"r4\") = b; asm volatile(\".quad 0x439f\" : \"+r\"(x) : \"r\"(y)); return x; }\n"
  "@DIV32@"
  "AI u64 sdiv64(u64 a, u64 b) { u64 q = udiv64((s64)a < 0 ? -a : a, (s64)b < 0 ? -b : b); return (s64)(a ^ b) < 0 ? -q : q; }\n"
  "AI u64 smod64(u64 a, u64 b) { u64 r = umod64((s64)a < 0 ? -a : a, (s64)b < 0 ? -b : b); return (s64)a < 0 ? -r : r; }\n"
  "AI u32 sdiv32(u32 a, u32 b) { u32 q = udiv32((s32)a < 0 ? -a : a, (s32)b < 0 ? -b : b); return (s32)(a ^ b) < 0 ? -q : q; }\n"
  "AI u32 smod32(u32 a, u32 b) { u32 r = umod32((s32)a < 0 ? -a : a, (s32)b < 0 ? -b : b); return (s32)a < 0 ? -r : r; }\n"
  "AI u16 csum_fold(u32 c) { c = (c & 0xffff) + (c >> 16); c = (c & 0xffff) + (c >> 16); return (u16)c; }\n"
  "\n"
  "struct val { u64 q; u32 w; u16 h; u8 b; s8 sb; };\n";

/* 32-bit division: w registers with -mcpu=v3 (ALU32), else the 64-bit
   instructions on zero-extended values.  */
static const char div32_alu32[] =
  "AI u32 udiv32(u32 a, u32 b) { asm volatile(\"%0 /= %1\" : \"+w\"(a) : \"w\"(b)); return a; }\n"
  "AI u32 umod32(u32 a, u32 b) { register u32 x asm(\"r3\") = a; register u32 y asm(\"r4\") = b; asm volatile(\".quad 0x439c\" : \"+r\"(x) : \"r\"(y)); return x; }\n";
static const char div32_alu64[] =
  "AI u32 udiv32(u32 a, u32 b) { return (u32)udiv64(a, b); }\n"
  "AI u32 umod32(u32 a, u32 b) { return (u32)umod64(a, b); }\n";

static const char maps[] =
  "struct lctx { u64 a; u64 b; u32 c; u32 n; };\n"
  "\n"
  "struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 64); __type(key, u32); __type(value, u64); } res SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, u32); __type(value, struct val); } arr SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 8); __type(key, u32); __type(value, u64);%s } hsh SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } pca SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } pch SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_QUEUE); __uint(max_entries, 4); __type(value, u64); } que SEC(\".maps\");\n"
  "struct { __uint(type, BPF_MAP_TYPE_STACK); __uint(max_entries, 4); __type(value, u64); } stk SEC(\".maps\");\n"
  "struct lpmk { u32 prefixlen; u32 addr; };\n"
  "struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __uint(max_entries, 8); __type(key, struct lpmk); __type(value, u64); __uint(map_flags, BPF_F_NO_PREALLOC); } lpm SEC(\".maps\");\n"
  "\n"
  "u64 gb[4];\n"
  "u64 gd[4] = { 1, 0x8000000000000000ULL, 0xffffffff, 42 };\n"
  "const volatile u64 gr[2] = { 7, 0xfedcba9876543210ULL };\n"
  "static const char str0[] = \"abc\";\n"
  "static const char str1[] = \"ab\\x80\";\n"
  "static const char str2[] = \"\";\n"
  "static const char str3[] = \"abcdefgh\";\n"
  "\n";

/* A subprogram: static (or global) noinline, 1-5 arguments, maybe the
   context first.  */
static void
gen_subprog (int idx, int size)
{
  struct subprog *f = &subs[idx];
  struct scope sc = { 0 };
  f->global = chance (25);
  f->ctx = chance (40);
  f->nargs = 1 + rn (f->ctx ? 4 : 5);
  snprintf (f->name, sizeof f->name, "%s%d", f->global ? "g" : "f", idx);
  for (int i = 0; i < f->nargs; i++)
    f->arg[i] = rn (NTY);
  struct sb sig = { 0 };
  if (f->ctx)
    sb_add (&sig, "struct xdp_md *ctx");
  for (int i = 0; i < f->nargs; i++)
    {
      sb_add (&sig, "%s%s a%d", (i || f->ctx) ? ", " : "", tyname[f->arg[i]], i);
      push (&sc, fmt ("a%d", i), f->arg[i], 0);
    }
  raw ("%s__attribute__((noinline)) %s %s(%s)\n{\n", f->global ? "" : "static ",
       f->global ? "int" : "u64", f->name, sig.p);
  sc.has_ctx = f->ctx;
  sc.ncallable = idx;
  indent = 1;
  /* Every argument is used: clang leaves an unused one's register as it
     was, and the verifier wants a global function's scalars scalar.  */
  struct sb mix = { 0 };
  for (int i = 0; i < f->nargs; i++)
    sb_add (&mix, " ^ (u64)a%d", i);
  line ("u64 acc = %s%s%s;", constant (64), mix.p, f->ctx ? " ^ bpf_xdp_get_buff_len(ctx)" : "");
  declare_vars (&sc, "l", 1 + rn (3));
  block (&sc, size, 0);
  int saved = stmt_begin ();
  line ("acc = acc * 31 + %s;", expr (&sc, 64, 0));
  stmt_end (saved);
  line ("return (%s)acc;", f->global ? "int" : "u64");
  raw ("}\n\n");
}

/* A bpf_loop callback: its context's fields as variables.  */
static void
gen_callback (int idx, int size)
{
  struct scope sc = { 0 };
  raw ("static long cb%d(u32 idx, void *vc)\n{\n", idx);
  indent = 1;
  line ("struct lctx *c = vc;");
  line ("u64 acc = c->a;");
  line ("u64 l0 = c->b;");
  line ("u32 l1 = c->c;");
  push (&sc, "idx", U32, 1);
  push (&sc, "l0", U64, 0);
  push (&sc, "l1", U32, 0);
  sc.ncallable = nsubs;
  /* Only non-ctx subprograms are callable here.  */
  sc.loopdepth = 1;             /* no nested bpf_loop */
  block (&sc, size, 1);
  line ("c->a = acc;");
  line ("c->b = l0;");
  line ("c->c = l1;");
  line ("c->n++;");
  int saved = stmt_begin ();
  if (chance (50))
    line ("if (%s) return 1;", cond (&sc, 1));
  stmt_end (saved);
  line ("return 0;");
  raw ("}\n\n");
}

/* A bpf_for_each_map_elem callback over arr (in index order, so an
   early stop is deterministic).  */
static void
gen_fcallback (int idx, int size)
{
  struct scope sc = { 0 };
  raw ("static long fcb%d(void *map, u32 *key, struct val *val, struct lctx *c)\n{\n", idx);
  indent = 1;
  line ("u64 acc = c->a;");
  line ("u32 kk = *key;");
  line ("u64 l0 = val->q;");
  line ("u16 l1 = val->h;");
  push (&sc, "kk", U32, 1);
  push (&sc, "l0", U64, 0);
  push (&sc, "l1", U16, 0);
  sc.ncallable = 0;
  sc.loopdepth = 1;
  block (&sc, size, 1);
  line ("val->q = l0;");
  line ("val->h = l1;");
  line ("c->a = acc;");
  line ("c->b += kk;");
  line ("c->n++;");
  int saved = stmt_begin ();
  if (chance (50))
    line ("if (%s) return 1;", cond (&sc, 1));
  stmt_end (saved);
  line ("return 0;");
  raw ("}\n\n");
}

static void
generate (uint64_t seed, int size, int cpu_override)
{
  rstate = seed * 0x2545f4914f6cdd1dULL + 1;
  cpu_v = (int) (1 + rn (3));   /* drawn even when overridden */
  if (cpu_override)
    cpu_v = cpu_override;
  static const char *hflags[] = { "", " __uint(map_flags, BPF_F_NO_PREALLOC);" };
  /* The 32-bit division goes where prelude says "@DIV32@".  */
  const char *at = strstr (prelude, "@DIV32@");
  raw ("%.*s%s%s", (int) (at - prelude), prelude, cpu_v == 3 ? div32_alu32 : div32_alu64,
       at + strlen ("@DIV32@"));
  raw (maps, hflags[rn (2)]);
  /* The hash map's callback is always there: commutative, never stops
     early (the kernel's element order is not ebpfsim's).  */
  raw ("static long hcb(void *map, u32 *key, u64 *val, struct lctx *c)\n{\n"
       "\tc->a += *val * 3 + *key;\n\tc->b ^= *val;\n\tc->n++;\n\treturn 0;\n}\n\n");
  nsubs = rn (4);
  for (int i = 0; i < nsubs; i++)
    gen_subprog (i, 1 + rn (1 + size / 6));
  ncb = rn (3);
  for (int i = 0; i < ncb; i++)
    gen_callback (i, 1 + rn (1 + size / 8));
  nfcb = rn (3);
  for (int i = 0; i < nfcb; i++)
    gen_fcallback (i, 1 + rn (1 + size / 8));

  struct scope sc = { 0 };
  sc.has_ctx = 1;
  sc.is_main = 1;
  sc.ncallable = nsubs;
  raw ("SEC(\"xdp\")\nint prog(struct xdp_md *ctx)\n{\n");
  indent = 1;
  line ("u64 acc = %s;", constant (64));
  int nv = 4 + rn (9);
  declare_vars (&sc, "v", nv);
  block (&sc, size / 2 + rn (size), 0);
  /* The results: each variable, then what the queue and the stack hold,
     then the accumulator.  */
  for (int i = 0; i < nv; i++)
    {
      int saved = stmt_begin ();
      line ("{ u32 k = %d; u64 x = (u64)%s; bpf_map_update_elem(&res, &k, &x, 0); }", i, sc.v[i].name);
      stmt_end (saved);
    }
  for (int i = 0; i < 2; i++)
    {
      int saved = stmt_begin ();
      line ("for (u32 i = 0; i < 4; i++) {");
      line ("\tu32 k = %d + i; u64 x = 0;", 40 + 4 * i);
      line ("\tlong r = bpf_map_pop_elem(&%s, &x);", i ? "stk" : "que");
      line ("\tif (r == 0) bpf_map_update_elem(&res, &k, &x, 0);");
      line ("}");
      stmt_end (saved);
    }
  {
    int saved = stmt_begin ();
    line ("{ u32 k = 63; bpf_map_update_elem(&res, &k, &acc, 0); }");
    stmt_end (saved);
  }
  line ("return (int)(acc & 3);");
  raw ("}\n\nchar _license[] SEC(\"license\") = \"GPL\";\n");
}

/* ---- packets ---- */
static void
put16 (uint8_t *p, unsigned v)
{
  p[0] = (uint8_t) (v >> 8), p[1] = (uint8_t) v;
}

static uint32_t
sum16 (uint32_t sum, const uint8_t *p, size_t len)
{
  for (size_t i = 0; i + 1 < len; i += 2)
    sum += (uint32_t) p[i] << 8 | p[i + 1];
  if (len & 1)
    sum += (uint32_t) p[len - 1] << 8;
  return sum;
}

static unsigned
fold (uint32_t sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

static size_t
eth (uint8_t *f, unsigned type)
{
  static const uint8_t mac[12] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 };
  memcpy (f, mac, 12);
  put16 (f + 12, type);
  return 14;
}

static int
packet (const char *name)
{
  uint8_t f[256];
  size_t n = 0;
  memset (f, 0, sizeof f);
  if (!strcmp (name, "udp4"))
    {
      n = eth (f, 0x0800);
      uint8_t *ip = f + n;
      size_t plen = 32;
      ip[0] = 0x45, ip[1] = 0x10;
      put16 (ip + 2, 20 + 8 + plen);
      put16 (ip + 4, 0x1c46), ip[6] = 0x40, ip[8] = 64, ip[9] = 17;
      const uint8_t a[8] = { 10, 0, 0, 1, 10, 0, 0, 2 };
      memcpy (ip + 12, a, 8);
      put16 (ip + 10, fold (sum16 (0, ip, 20)));
      uint8_t *u = ip + 20;
      put16 (u, 40000), put16 (u + 2, 53), put16 (u + 4, 8 + plen);
      for (size_t i = 0; i < plen; i++)
        u[8 + i] = (uint8_t) (i * 37 + 11);
      put16 (u + 6, fold (sum16 (sum16 (17 + 8 + plen, a, 8), u, 8 + plen)));
      n += 20 + 8 + plen;
    }
  else if (!strcmp (name, "tcp6"))
    {
      n = eth (f, 0x86dd);
      uint8_t *ip6 = f + n;
      size_t tl = 32 + 8;       /* TCP header with options, 8 bytes data */
      ip6[0] = 0x60, ip6[1] = 0x0a, ip6[2] = 0xbc, ip6[3] = 0xde;
      put16 (ip6 + 4, tl), ip6[6] = 6, ip6[7] = 63;
      const uint8_t s[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
      const uint8_t d[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34 };
      memcpy (ip6 + 8, s, 16), memcpy (ip6 + 24, d, 16);
      uint8_t *t = ip6 + 40;
      put16 (t, 51000), put16 (t + 2, 443);
      t[4] = 0x12, t[5] = 0x34, t[6] = 0x56, t[7] = 0x78;
      t[8] = 0x9a, t[9] = 0xbc, t[10] = 0xde, t[11] = 0xf0;
      t[12] = 8 << 4, t[13] = 0x18;                     /* PSH ACK */
      put16 (t + 14, 502);
      const uint8_t opt[12] = { 1, 1, 8, 10, 0, 1, 2, 3, 4, 5, 6, 7 };
      memcpy (t + 20, opt, 12);
      memcpy (t + 32, "GET / HT", 8);
      put16 (t + 16, fold (sum16 (sum16 (sum16 (6 + tl, s, 16), d, 16), t, tl)));
      n += 40 + tl;
    }
  else if (!strcmp (name, "tcp4opt"))
    {
      n = eth (f, 0x0800);
      uint8_t *ip = f + n;
      ip[0] = 0x46;             /* 24-byte header: a 4-byte option */
      put16 (ip + 2, 24 + 20 + 6);
      ip[8] = 1, ip[9] = 6;
      const uint8_t a[8] = { 192, 0, 2, 7, 198, 51, 100, 9 };
      memcpy (ip + 12, a, 8);
      ip[20] = 0x94, ip[21] = 4;        /* router alert */
      put16 (ip + 10, fold (sum16 (0, ip, 24)));
      uint8_t *t = ip + 24;
      put16 (t, 1234), put16 (t + 2, 80);
      t[7] = 1, t[12] = 5 << 4, t[13] = 0x02;          /* SYN */
      put16 (t + 14, 65535);
      memcpy (t + 20, "\xff\x00\x80\x7f\x01\xfe", 6);
      put16 (t + 16, fold (sum16 (sum16 (6 + 26, a, 8), t, 26)));
      n += 24 + 20 + 6;
    }
  else if (!strcmp (name, "eth14"))
    n = eth (f, 0x86dd);        /* an Ethernet header alone, IPv6 announced */
  else if (!strcmp (name, "short"))
    {
      n = eth (f, 0x0800);
      f[14] = 0x45, f[15] = 0, f[16] = 0, f[17] = 20, f[18] = 0xab, f[19] = 0xcd;
      n = 20;
    }
  else
    {
      fprintf (stderr, "gen: unknown packet %s (udp4, tcp6, tcp4opt, short, eth14)\n", name);
      return 1;
    }
  fwrite (f, 1, n, stdout);
  return 0;
}

static int
parse_drop (const char *s)
{
  while (*s)
    {
      char *e;
      long a = strtol (s, &e, 10), b = a;
      if (e == s || a < 0)
        return -1;
      if (*e == '-')
        {
          s = e + 1;
          b = strtol (s, &e, 10);
          if (e == s || b < a)
            return -1;
        }
      if ((size_t) b + 1 > ndropped)
        {
          dropped = realloc (dropped, b + 1);
          memset (dropped + ndropped, 0, b + 1 - ndropped);
          ndropped = b + 1;
        }
      memset (dropped + a, 1, b - a + 1);
      s = e;
      if (*s == ',')
        s++;
      else if (*s)
        return -1;
    }
  return 0;
}

static void
usage (void)
{
  fprintf (stderr,
           "Usage: gen SEED [--size N] [--drop LIST] [--cpu v1|v2|v3] [--avoid csumsize]\n"
           "       gen --count SEED [--size N]\n"
           "       gen --packet udp4|tcp6|tcp4opt|short|eth14\n");
  exit (1);
}

int
main (int argc, char **argv)
{
  int size = 24, cpu = 0, count = 0;
  const char *seeds = NULL;
  for (int i = 1; i < argc; i++)
    {
      if (!strcmp (argv[i], "--packet") && i + 1 < argc)
        return packet (argv[i + 1]);
      else if (!strcmp (argv[i], "--size") && i + 1 < argc)
        size = atoi (argv[++i]);
      else if (!strcmp (argv[i], "--drop") && i + 1 < argc)
        {
          if (parse_drop (argv[++i]) < 0)
            usage ();
        }
      else if (!strcmp (argv[i], "--cpu") && i + 1 < argc)
        {
          const char *c = argv[++i];
          cpu = atoi (c[0] == 'v' ? c + 1 : c);
          if (cpu < 1 || cpu > 3)
            usage ();
        }
      else if (!strcmp (argv[i], "--avoid") && i + 1 < argc)
        {
          const char *a = argv[++i];
          if (strstr (a, "csumsize"))
            avoid_csumsize = 1;
          else if (strcmp (a, "none"))
            usage ();
        }
      else if (!strcmp (argv[i], "--count"))
        count = 1;
      else if (argv[i][0] != '-' && !seeds)
        seeds = argv[i];
      else
        usage ();
    }
  if (!seeds || size < 1)
    usage ();
  uint64_t seed = strtoull (seeds, NULL, 10);
  generate (seed, size, cpu);
  if (count)
    {
      printf ("%d\n", nstmt);
      return 0;
    }
  printf ("/* difffuzz seed=%llu size=%d avoid=%s cflags=-mcpu=v%d stmts=%d */\n",
          (unsigned long long) seed, size, avoid_csumsize ? "csumsize" : "none", cpu_v, nstmt);
  fwrite (out.p, 1, out.n, stdout);
  return 0;
}
