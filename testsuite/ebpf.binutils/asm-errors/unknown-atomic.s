# error: 3:1: unknown instruction 'lock frob'
# error: 4:1: unknown instruction 'lock fetch frob'
lock frob [%r1+0], %r2
lock fetch frob [%r1+0], %r2
lock add [%r1+0], %r2
exit
