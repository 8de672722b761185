# error: 3:1: 'ldabsdw' is not an eBPF instruction in Linux or RFC 9669
# error: 4:1: 'ldinddw' is not an eBPF instruction in Linux or RFC 9669
ldabsdw 4
ldinddw %r1, 4
exit
