/* server-memory.c — memory as the GDB server shows it (server.h): guest
 * memory, code, the context window and the call frames region, and the
 * memory map that tells GDB where they are.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "ebpfsim-debug.h"
#include "server.h"

#define WINDOW_BITS 32
#define CONTEXT_MAX 4096

static bool
big_endian (const struct ebpf_server *srv)
{
  return ebpf_program_big_endian (srv->session->prog);
}

void
ebpf_server_put_u64 (const struct ebpf_server *srv, uint8_t *out, uint64_t v)
{
  bool be = big_endian (srv);
  for (int i = 0; i < 8; i++)
    out[be ? 7 - i : i] = (uint8_t) (v >> (8 * i));
}

uint64_t
ebpf_server_get_u64 (const struct ebpf_server *srv, const uint8_t *in)
{
  bool be = big_endian (srv);
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v |= (uint64_t) in[be ? 7 - i : i] << (8 * i);
  return v;
}

size_t
ebpf_server_frames_blob (struct ebpf_server *srv, uint8_t **blob)
{
  const ebpf_machine *m = srv->session->m;
  int count = ebpf_machine_frame_count (m);
  if (count < 0)
    count = 0;
  size_t words = 2 + (size_t) count * EBPF_SERVER_FRAME_WORDS;
  uint8_t *out = calloc (words, 8);
  if (out == NULL)
    {
      *blob = NULL;
      return 0;
    }
  ebpf_server_put_u64 (srv, out, EBPF_SERVER_FRAMES_MAGIC);
  ebpf_server_put_u64 (srv, out + 8, (uint64_t) count);
  for (int k = 0; k < count; k++)
    {
      struct ebpf_frame_info f;
      uint64_t rec[EBPF_SERVER_FRAME_WORDS] = { 0 };
      if (ebpf_machine_frame (m, k, &f))
        {
          rec[0] = f.pc;
          rec[1] = f.call_pc;
          rec[2] = f.fp;
          for (int r = 0; r < 11; r++)
            rec[3 + r] = f.regs[r];
          rec[14] = f.callback ? 1 : 0;
        }
      uint8_t *p = out + 16 + (size_t) k * EBPF_SERVER_FRAME_WORDS * 8;
      for (int w = 0; w < EBPF_SERVER_FRAME_WORDS; w++)
        ebpf_server_put_u64 (srv, p + 8 * w, rec[w]);
    }
  *blob = out;
  return words * 8;
}

/* What one read may look at, computed once per m packet.  */
struct read_state
{
  struct ebpf_server *srv;
  bool have_frames, have_context;
  uint8_t *frames;
  size_t frames_len;
  uint8_t context[CONTEXT_MAX];
  size_t context_len;
};

static bool
within (uint64_t addr, size_t len, uint64_t base, uint64_t size)
{
  return addr >= base && addr - base <= size && len <= size - (addr - base);
}

static bool
read_source (struct read_state *st, uint64_t addr, uint8_t *buf, size_t len)
{
  const ebpf_machine *m = st->srv->session->m;
  if (within (addr, len, EBPF_SERVER_FRAMES_BASE, EBPF_SERVER_FRAMES_SIZE))
    {
      if (!st->have_frames)
        {
          st->frames_len = ebpf_server_frames_blob (st->srv, &st->frames);
          st->have_frames = true;
        }
      uint64_t off = addr - EBPF_SERVER_FRAMES_BASE;
      for (size_t i = 0; i < len; i++)
        buf[i] = off + i < st->frames_len ? st->frames[off + i] : 0;
      return true;
    }
  if (ebpf_machine_read_code (m, addr, buf, len)
      || ebpf_machine_read (m, addr, buf, len))
    return true;
  if (addr >= EBPF_SERVER_CONTEXT_BASE)
    {
      if (!st->have_context)
        {
          size_t n = ebpf_machine_context (m, st->context, sizeof st->context);
          st->context_len = n < sizeof st->context ? n : sizeof st->context;
          st->have_context = true;
        }
      if (within (addr, len, EBPF_SERVER_CONTEXT_BASE, st->context_len))
        {
          memcpy (buf, st->context + (addr - EBPF_SERVER_CONTEXT_BASE), len);
          return true;
        }
    }
  return false;
}

size_t
ebpf_server_read_memory (struct ebpf_server *srv, uint64_t addr, uint8_t *buf,
                         size_t len)
{
  struct read_state st;
  st.srv = srv;
  st.have_frames = st.have_context = false;
  st.frames = NULL;
  st.frames_len = st.context_len = 0;
  if (len > 0 && UINT64_MAX - addr < len - 1)
    len = (size_t) (UINT64_MAX - addr) + 1;
  size_t n = 0;
  if (len > 0 && read_source (&st, addr, buf, len))
    n = len;
  else
    /* A read across the end of a region: as much as can be read.  */
    while (n < len && read_source (&st, addr + n, buf + n, 1))
      n++;
  free (st.frames);
  return n;
}

bool
ebpf_server_write_memory (struct ebpf_server *srv, uint64_t addr,
                          const uint8_t *buf, size_t len)
{
  if (within (addr, len, EBPF_SERVER_FRAMES_BASE, EBPF_SERVER_FRAMES_SIZE))
    return false;
  return ebpf_machine_write (srv->session->m, addr, buf, len);
}

/* ---- The memory map ---------------------------------------------------- */

struct map_region
{
  uint64_t base, size;
  bool code, writable;
};

struct region_list
{
  struct map_region *r;
  size_t n, cap;
  bool failed;
};

static void
add_region (struct region_list *l, uint64_t base, uint64_t size, bool code,
            bool writable)
{
  if (size == 0 || l->failed)
    return;
  if (l->n == l->cap)
    {
      size_t cap = l->cap ? 2 * l->cap : 16;
      struct map_region *r = realloc (l->r, cap * sizeof *r);
      if (r == NULL)
        {
          l->failed = true;
          return;
        }
      l->r = r;
      l->cap = cap;
    }
  l->r[l->n++] = (struct map_region) { base, size, code, writable };
}

static bool
collect (void *ctx, const struct ebpf_region_info *info)
{
  add_region (ctx, info->base, info->size, (info->perm & EBPF_REGION_CODE) != 0,
              (info->perm & EBPF_REGION_WRITE) != 0);
  return true;
}

static int
by_base (const void *a, const void *b)
{
  const struct map_region *x = a, *y = b;
  return x->base < y->base ? -1 : x->base > y->base;
}

static uint64_t
window_of (uint64_t addr)
{
  return addr >> WINDOW_BITS;
}

/* GDB reads the map once, when it connects, and refuses accesses outside
 * it; but the stack grows with the call depth and the packet with
 * bpf_xdp_adjust_head.  So a region of data that is alone in its 4 GiB
 * window (as every region of the simulator is) is given the whole
 * window: the parts not mapped at the time of an access answer E14.
 * Code sections share their window and keep their bounds.  */
static void
widen_to_windows (struct region_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    {
      struct map_region *r = &l->r[i];
      uint64_t w = window_of (r->base);
      if (r->code || window_of (r->base + r->size - 1) != w
          || w >= (UINT64_C (1) << (64 - WINDOW_BITS)) - 1)
        continue;
      bool alone = true;
      for (size_t j = 0; j < l->n && alone; j++)
        if (j != i && (window_of (l->r[j].base) == w
                       || window_of (l->r[j].base + l->r[j].size - 1) == w))
          alone = false;
      if (alone)
        {
          r->base = w << WINDOW_BITS;
          r->size = UINT64_C (1) << WINDOW_BITS;
        }
    }
}

char *
ebpf_server_memory_map (struct ebpf_server *srv, size_t *len)
{
  const ebpf_machine *m = srv->session->m;
  struct region_list l = { NULL, 0, 0, false };
  ebpf_machine_regions (m, collect, &l);
  uint8_t ctx[CONTEXT_MAX];
  size_t ctx_len = ebpf_machine_context (m, ctx, sizeof ctx);
  if (ctx_len > sizeof ctx)
    ctx_len = sizeof ctx;
  bool context_free = true;
  for (size_t i = 0; i < l.n; i++)
    if (window_of (l.r[i].base) == window_of (EBPF_SERVER_CONTEXT_BASE))
      context_free = false;
  widen_to_windows (&l);
  if (context_free)
    add_region (&l, EBPF_SERVER_CONTEXT_BASE, ctx_len, false, false);
  add_region (&l, EBPF_SERVER_FRAMES_BASE, EBPF_SERVER_FRAMES_SIZE, false, false);
  if (l.failed)
    {
      free (l.r);
      return NULL;
    }
  qsort (l.r, l.n, sizeof *l.r, by_base);
  struct rsp_buf doc = { 0 };
  rsp_buf_add_text (&doc, "<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB "
                    "Memory Map V1.0//EN\" \"http://sourceware.org/gdb/"
                    "gdb-memory-map.dtd\">\n<memory-map>\n");
  uint64_t end = 0;
  bool have_end = false;
  for (size_t i = 0; i < l.n; i++)
    {
      uint64_t base = l.r[i].base, size = l.r[i].size;
      /* Regions must not overlap: a later one starts after the last.  */
      if (have_end && base < end)
        {
          if (size <= end - base)
            continue;
          size -= end - base;
          base = end;
        }
      rsp_buf_add_format (&doc, "  <memory type=\"%s\" start=\"0x%" PRIx64
                          "\" length=\"0x%" PRIx64 "\"/>\n",
                          l.r[i].writable && !l.r[i].code ? "ram" : "rom",
                          base, size);
      end = base + size;
      have_end = end != 0;   /* 0: the region reaches the top */
      if (!have_end)
        break;
    }
  rsp_buf_add_text (&doc, "</memory-map>\n");
  free (l.r);
  if (doc.failed)
    {
      rsp_buf_free (&doc);
      return NULL;
    }
  *len = doc.len;
  return doc.data;
}
