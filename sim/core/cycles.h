/* cycles.h — the cycle model: cycles per instruction class (the COST
 * column of ebpf-opcodes.def), a simple in-order model documented in
 * doc/ebpf-run.1.  They are constants so that the interpreter can charge
 * each handler its class's cycles beyond one at compile time: a run
 * counts instructions, and cycles are that count plus the extras.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_CYCLES_H
#define EBPF_CYCLES_H

#define EBPF_CYCLES_ALU 1
#define EBPF_CYCLES_MUL 3
#define EBPF_CYCLES_DIV 20
#define EBPF_CYCLES_LOAD 2
#define EBPF_CYCLES_STORE 1
#define EBPF_CYCLES_ATOMIC 10
#define EBPF_CYCLES_BRANCH 1
#define EBPF_CYCLES_CALL 5
#define EBPF_CYCLES_EXIT 2
#define EBPF_CYCLES_LDDW 1

#endif
