# error: 3:16: offset 40000 does not fit in 16 bits
# error: 4:13: offset 32768 does not fit in 16 bits
ldxw %r0, [%r1+40000]
jeq %r1, 0, 32768
ldxw %r0, [%r1+32767]
exit
