# error: 4:1: label 'a' is already defined
a:
mov %r0, 1
a:
exit
