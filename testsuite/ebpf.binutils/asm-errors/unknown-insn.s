# error: 3:1: unknown instruction 'frob'
mov %r0, 1
frob %r0, 1
exit
