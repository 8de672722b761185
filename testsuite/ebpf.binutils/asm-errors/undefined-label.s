# error: 3:4: undefined label 'nowhere'
# error: 4:13: undefined label 'elsewhere'
ja nowhere
jeq %r1, 1, elsewhere
exit
