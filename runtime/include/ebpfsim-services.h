/* ebpfsim-services.h — the simulator services a program linked as an
 * executable (bpf-gcc/bpf-ld output) uses to leave and to write output.
 *
 * The services are stores to fixed guest addresses far above every
 * region the simulator maps, so no kernel helper number is reused and
 * the interpreter's plain path does not change: such a store misses the
 * region table and the fault path recognises the address.  They exist
 * only for executables; a kernel-style object (XDP, tc, tracing) that
 * stores there faults as it would on Linux.
 *
 * This header is read by both sides: the simulator (C on the host) and
 * the runtime built with bpf-gcc, so it uses nothing but the preprocessor.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_SERVICES_H
#define EBPFSIM_SERVICES_H

/* Window 0xff00 of the 4 GiB windows: never mapped.  */
#define EBPFSIM_SERVICES 0x0000ff0000000000ULL

/* Store of any width: the program ends; the stored value (sign-extended
 * from the store's width) is r0, and its low 8 bits ebpf-run's exit
 * status, as exit(3) does.  */
#define EBPFSIM_SERVICE_EXIT (EBPFSIM_SERVICES + 0x00)

/* Store of any value: the program aborts; ebpf-run says so on stderr
 * with the pc and exits with status 134 (128 + SIGABRT, what a shell
 * reports for a native abort).  */
#define EBPFSIM_SERVICE_ABORT (EBPFSIM_SERVICES + 0x08)

/* 64-bit store of the guest address of a struct ebpfsim_write: LEN
 * bytes at BUF are written to FD (1 standard output, 2 standard error);
 * any other descriptor or an unreadable buffer is a fault.  */
#define EBPFSIM_SERVICE_WRITE (EBPFSIM_SERVICES + 0x10)

#ifndef __ASSEMBLER__
struct ebpfsim_write
{
  unsigned long long fd, buf, len;
};

#if defined __bpf__ || defined __BPF__
/* The program's side.  The compiler cannot see the simulator read the
 * request through the stored address, so a memory clobber keeps the
 * request's stores before the service store.  */
static inline long
ebpfsim_write (int fd, const void *buf, unsigned long len)
{
  struct ebpfsim_write request = { (unsigned long long) fd,
                                   (unsigned long long) buf, len };
  __asm__ volatile ("" : : "r" (&request) : "memory");
  *(volatile unsigned long long *) EBPFSIM_SERVICE_WRITE
    = (unsigned long long) &request;
  __asm__ volatile ("" : : : "memory");
  return (long) len;
}

static inline __attribute__ ((noreturn)) void
ebpfsim_exit (int status)
{
  *(volatile long long *) EBPFSIM_SERVICE_EXIT = status;
  __builtin_unreachable ();
}

static inline __attribute__ ((noreturn)) void
ebpfsim_abort (void)
{
  *(volatile long long *) EBPFSIM_SERVICE_ABORT = 1;
  __builtin_unreachable ();
}
#endif
#endif

#endif
