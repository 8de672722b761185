# error: 3:11: ',' after the end of the instruction
# error: 4:6: a register after the end of the instruction
mov %r0, 1, 2
exit %r0
