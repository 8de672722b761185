# error: 6:1: unknown instruction 'frob'
# error: 7:5: unknown register '%r11'
# error: 9:10: bad number '12x3'
# error: 10:4: undefined label 'nowhere'
# Every line in error is reported, not only the first.
frob
mov %r11, 1
mov %r0, 1
mov %r0, 12x3
ja nowhere
exit
