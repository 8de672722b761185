# error: 4:4: expected a register but found end of line
# error: 5:10: expected '[' but found end of line
# error: 6:5: expected a number but found end of line
mov
ldxw %r0,
call
exit
