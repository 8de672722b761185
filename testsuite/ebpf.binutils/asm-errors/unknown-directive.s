# error: 3:1: unknown directive '.frobnicate'
mov %r0, 1
.frobnicate 3
exit
