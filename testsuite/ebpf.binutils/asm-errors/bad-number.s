# error: 3:10: bad number '12x3'
# error: 4:10: bad number '0xzz'
mov %r0, 12x3
mov %r0, 0xzz
exit
