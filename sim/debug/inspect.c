/* inspect.c — what front ends read and set of a stopped machine
 * (ebpfsim-debug.h): the stop as data, the pc as a code address, the
 * object's code, the memory regions.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core/machine.h"
#include "load/object.h"

void
ebpf_machine_stop_info (const ebpf_machine *m, struct ebpf_stop_info *info)
{
  memset (info, 0, sizeof *info);
  info->reason = m->last_stop;
  info->pc = ebpf_machine_pc (m);
  info->message = m->stop_message;
  if (m->last_stop == EBPF_STOP_FAULT)
    {
      info->fault = m->fault.kind;
      info->fault_addr = m->fault.addr;
      info->fault_size = m->fault.size;
      info->fault_write = m->fault.write;
    }
  if (m->last_stop == EBPF_STOP_BREAKPOINT)
    info->breakpoint = 1;
  if (m->last_stop == EBPF_STOP_WATCHPOINT)
    {
      const struct ebpf_debug *g = &m->debug;
      if (g->hit_watch >= 0 && g->hit_watch < g->n_watch)
        {
          info->watch_addr = g->watch[g->hit_watch].addr;
          info->watch_len = g->watch[g->hit_watch].len;
          info->watch_kind = g->watch[g->hit_watch].kind;
        }
      info->access_addr = g->hit_addr;
    }
  if (m->last_stop == EBPF_STOP_EXIT || m->last_stop == EBPF_STOP_ABORT)
    info->exit_status = m->last_stop == EBPF_STOP_ABORT ? 134
                        : (int) (uint8_t) m->regs[0];
}

int
ebpf_machine_set_pc (ebpf_machine *m, uint64_t pc, struct ebpf_error *err)
{
  size_t slot;
  if (ebpf_program_address_slot (m->prog, pc, &slot))
    {
      m->pc = &m->code[slot];
      m->resume_over = NULL;
      return 0;
    }
  /* At the entry depth, any program of the object may run instead.  */
  for (int i = 0; m->depth == 0 && i < m->n_programs; i++)
    {
      struct ebpf_error why;
      const ebpf_program *saved_prog = m->prog;
      struct ebpf_decoded *saved_code = m->code;
      if (ebpf_machine_program_entry (m, i, &why) == NULL)
        continue;
      if (ebpf_program_address_slot (m->prog, pc, &slot))
        {
          m->pc = &m->code[slot];
          m->resume_over = NULL;
          return 0;
        }
      m->prog = saved_prog;
      m->code = saved_code;
    }
  ebpf_error_set (err, "no instruction %sstarts at 0x%llx",
                  m->depth ? "of the running program " : "",
                  (unsigned long long) pc);
  return -1;
}

/* The file offset of section NAME in ELF image IMAGE.  */
static bool
section_offset (const uint8_t *image, size_t len, const char *name,
                uint64_t *off)
{
  elf_version (EV_CURRENT);
  Elf *elf = elf_memory ((char *) image, len);
  size_t shstrndx;
  bool found = false;
  if (elf && elf_getshdrstrndx (elf, &shstrndx) == 0)
    for (Elf_Scn *scn = NULL; !found && (scn = elf_nextscn (elf, scn)) != NULL;)
      {
        GElf_Shdr sh;
        const char *n = gelf_getshdr (scn, &sh)
                        ? elf_strptr (elf, shstrndx, sh.sh_name) : NULL;
        if (n && strcmp (n, name) == 0 && sh.sh_type == SHT_PROGBITS
            && sh.sh_offset <= len && sh.sh_size <= len - sh.sh_offset)
          {
            *off = sh.sh_offset;
            found = true;
          }
      }
  elf_end (elf);
  return found;
}

/* The bytes of code address ADDR in the object's code sections, or NULL.  */
static const uint8_t *
object_code (const ebpf_machine *m, uint64_t addr, size_t len)
{
  const ebpf_object *obj = m->entry_prog->object;
  if (obj == NULL || obj->executable)
    return NULL;
  if (m->code_image == NULL)
    {
      /* Built once, on the first read: code as the debug image has it.  */
      struct ebpf_machine *mm = (struct ebpf_machine *) m;
      if (ebpf_object_debug_image (obj, &mm->code_image, &mm->code_image_len,
                                   NULL) != 0)
        return NULL;
    }
  for (int i = 0; i < obj->n_code_sections; i++)
    {
      const struct ebpf_object_code_section *cs = &obj->code_sections[i];
      if (addr >= cs->addr && addr - cs->addr <= cs->size
          && len <= cs->size - (addr - cs->addr))
        {
          /* The image keeps the object's section order and offsets of
           * code (ebpf_object_debug_image).  */
          uint64_t off;
          if (section_offset (m->code_image, m->code_image_len, cs->name, &off))
            return m->code_image + off + (addr - cs->addr);
        }
    }
  return NULL;
}

bool
ebpf_machine_read_code (const ebpf_machine *m, uint64_t addr, void *buf,
                        size_t len)
{
  if (m->entry_prog->object == NULL)
    {
      /* Bytecode: the slots as they were given.  */
      const ebpf_program *p = m->entry_prog;
      uint64_t base = p->runs[0].addr;
      if (addr < base || addr - base > p->n_slots * EBPF_INSN_SIZE
          || len > p->n_slots * EBPF_INSN_SIZE - (addr - base))
        return false;
      for (size_t i = 0; i < len; i++)
        {
          uint64_t off = addr - base + i;
          uint8_t insn[EBPF_INSN_SIZE];
          ebpf_insn_encode (&p->insns[off / EBPF_INSN_SIZE], p->big_endian, insn);
          ((uint8_t *) buf)[i] = insn[off % EBPF_INSN_SIZE];
        }
      return true;
    }
  if (m->entry_prog->object->executable)
    return ebpf_machine_read (m, addr, buf, len);
  const uint8_t *code = object_code (m, addr, len);
  if (code == NULL)
    return false;
  memcpy (buf, code, len);
  return true;
}

void
ebpf_machine_regions (const ebpf_machine *m,
                      bool (*fn) (void *ctx, const struct ebpf_region_info *r),
                      void *ctx)
{
  const ebpf_object *obj = m->entry_prog->object;
  for (unsigned w = 0; w < m->mem.n_windows; w++)
    {
      const struct ebpf_region *r = &m->mem.regions[w];
      struct ebpf_region_info info = { r->name, ebpf_window_base (w) + r->lo,
                                       r->hi - r->lo, EBPF_REGION_READ };
      if (r->writable)
        info.perm |= EBPF_REGION_WRITE;
      if (w == EBPF_WINDOW_CODE)
        {
          /* Code is no memory of the program's: front ends read it.  */
          if (obj && !obj->executable)
            for (int i = 0; i < obj->n_code_sections; i++)
              {
                const struct ebpf_object_code_section *cs = &obj->code_sections[i];
                struct ebpf_region_info code = { cs->name, cs->addr, cs->size,
                                                 EBPF_REGION_READ | EBPF_REGION_CODE };
                if (!fn (ctx, &code))
                  return;
              }
          else if (obj == NULL)
            {
              struct ebpf_region_info code = {
                "code", m->entry_prog->runs[0].addr,
                m->entry_prog->n_slots * EBPF_INSN_SIZE,
                EBPF_REGION_READ | EBPF_REGION_CODE };
              if (!fn (ctx, &code))
                return;
            }
          continue;
        }
      if (r->hi > r->lo && !fn (ctx, &info))
        return;
    }
}
