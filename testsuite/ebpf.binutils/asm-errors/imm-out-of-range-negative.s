# error: 3:10: value -2147483649 does not fit in 32 bits
# The column must be that of the number's sign.
mov %r0, -2147483649
exit
