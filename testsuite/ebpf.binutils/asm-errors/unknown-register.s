# error: 2:5: unknown register '%r11'
mov %r11, 1
exit
