#!/bin/sh
# B2: B1's loop body unrolled into a straight line of 5,704 instructions
# (no loop, which DPDK's validator refuses), written as ebpf-as source.
echo 'lddw %r0, 0x14650fb0739d0383'
echo 'lddw %r2, 0x100000001b3'
echo 'mov %r1, 0'
i=0
while [ $i -lt 1140 ]; do
  echo 'mov32 %r3, %r1'
  echo 'xor %r3, %r0'
  echo 'mov %r0, %r3'
  echo 'mul %r0, %r2'
  echo 'add32 %r1, 1'
  i=$((i + 1))
done
echo 'exit'
