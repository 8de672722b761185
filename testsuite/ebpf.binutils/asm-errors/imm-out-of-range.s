# error: 5:10: value
# error: 6:10: value
# Only the start of the message is checked: the value itself is missing
# from it for now ("value  does not fit in 32 bits").
mov %r0, 4294967296
mov %r0, 0x100000000
mov %r0, 0xffffffff
mov %r0, -2147483648
exit
