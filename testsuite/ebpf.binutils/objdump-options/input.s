# The object of objdump-options.exp: a relocation against a symbol and
# one against a section, data, and bss.  The .globl before any other
# symbol once crashed ebpf-as.
.globl f
f:
lddw %r1, ext
lddw %r2, bar
mov %r0, 0
exit
bar: exit
.data
x: .word 1
.dword 0x1122334455667788
.ascii "hello, world"
.bss
.zero 8
