# error: 3:8: unterminated string
mov %r0, 1
.ascii "abc
exit
