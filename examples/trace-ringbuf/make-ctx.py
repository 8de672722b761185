#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the contexts of the tracing example, as the kernel would pass them.

  tp-ctx.bin   the sys_enter_openat tracepoint record (48 bytes):
               openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC)
  kp-ctx.bin   x86-64 struct pt_regs (168 bytes) at do_sys_openat2(dfd,
               filename, how): rdi = AT_FDCWD, rsi = filename, rdx = how
  mem.bin      the memory those pointers point into, loaded with --mem at
               ebpf-run's input address 0x200000000 (it stands for the
               caller's user memory and the kernel's struct open_how):
                 +0   "/etc/ld.so.cache\\0"
                 +64  "/tmp/new-file\\0"
                 +128 struct open_how { flags O_WRONLY|O_CREAT|O_TRUNC,
                                        mode 0644, resolve 0 }
Standard library only, deterministic:  python3 make-ctx.py
"""
import struct

MEM = 0x200000000          # where ebpf-run maps --mem
AT_FDCWD = -100
O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC = 0, 0o1, 0o100, 0o1000, 0o2000000
SYS_OPENAT = 257            # x86-64
TRACE_TYPE = 0x2a7          # the tracepoint's id; any value works here


def main():
    mem = bytearray(192)
    mem[0:17] = b"/etc/ld.so.cache\0"
    mem[64:78] = b"/tmp/new-file\0"
    mem[128:152] = struct.pack("<QQQ", O_WRONLY | O_CREAT | O_TRUNC, 0o644, 0)
    with open("mem.bin", "wb") as f:
        f.write(mem)

    # common_type, common_flags, common_preempt_count, common_pid,
    # __syscall_nr, pad, then dfd, filename, flags, mode as 8-byte fields.
    tp = struct.pack("<HBBiiIqQqq", TRACE_TYPE, 0, 0, 4242, SYS_OPENAT, 0,
                     AT_FDCWD, MEM + 0, O_RDONLY | O_CLOEXEC, 0)
    with open("tp-ctx.bin", "wb") as f:
        f.write(tp)

    # struct pt_regs of <asm/ptrace.h>, x86-64, in field order.
    names = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9",
             "r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip",
             "cs", "eflags", "rsp", "ss"]
    regs = dict.fromkeys(names, 0)
    regs.update(rdi=AT_FDCWD & (2**64 - 1), rsi=MEM + 64, rdx=MEM + 128)
    with open("kp-ctx.bin", "wb") as f:
        f.write(struct.pack("<21Q", *(regs[n] for n in names)))


if __name__ == "__main__":
    main()
