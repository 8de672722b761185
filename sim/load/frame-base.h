/* frame-base.h — LLVM's BPF frame bases, and the debug image's fix of them.
 *
 * LLVM's BPF back end gives a function's DW_AT_frame_base as DW_OP_reg10
 * but counts its DW_OP_fbreg offsets up from the bottom of the frame, r10
 * minus the stack size (the generic getFrameIndexReference), which DWARF
 * does not record.  A debugger reading the DWARF as written (GDB) finds
 * every stack variable above the frame.  The debug image rewrites such a
 * frame base as DW_OP_breg10 -SIZE, which means the same to every
 * consumer; the variables module reads the rare function the rewrite
 * cannot reach through ebpf_frame_counts_from_bottom.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_FRAME_BASE_H
#define EBPF_FRAME_BASE_H

#include <elfutils/libdw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether subprogram SUB of the debug image IMAGE counts its fbreg
 * offsets from the bottom of its frame, and the frame's SIZE then.  A
 * function whose fbreg offsets are all non-negative (they could not be
 * from r10, the top) is taken to use that convention; its stack size is
 * the deepest r10-relative access of its code (through copies of r10
 * too) or what its fbreg variables cover, rounded up as LLVM rounds it:
 * to 8 in a function that calls, else to the largest alignment of its
 * stack objects.  GCC uses DW_OP_breg10 with negative offsets.  */
bool ebpf_frame_counts_from_bottom (Elf *image, Dwarf_Die *sub, uint64_t *size);

/* Rewrites in place, in the debug image IMAGE of LEN bytes, every frame
 * base DW_OP_reg10 as DW_OP_breg10 -SIZE (or 0 for functions that count
 * from r10).  The rewrite keeps every DIE's size, so no offset moves: a
 * DW_AT_high_pc of 4 or 8 bytes gives its abbreviation's room to the
 * longer expression and becomes 2 bytes, which fits any function
 * shorter than 64 KiB.  An abbreviation some DIE of which does not fit
 * is left as it is.  Returns how many frame bases it rewrote.  */
size_t ebpf_debug_image_fix_frame_bases (uint8_t *image, size_t len);

#endif
