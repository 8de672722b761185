# error: 2:10: unknown register '%'
mov %r0, %
exit
