#!/usr/bin/env python3
"""Join all-insns.words with the disassemblies, one row per instruction.
Columns separated by ' | ': byte offset (hex), description, LLVM (-d), LLVM (--mattr=+alu32),
GNU (-d), GNU (-m xbpf).  A TAB inside disassembly text is written as the two characters \\t.
Empty LLVM/GNU cell = that tool printed nothing for this address (e.g. it consumed it
as part of the previous instruction)."""
import re

def llvm(fn):
    m = {}
    for l in open(fn):
        g = re.match(r'^\s*(\d+):\t([0-9a-f ]+)\t(.*)$', l.rstrip('\n'))
        if g: m[int(g.group(1)) * 8] = g.group(3)
    return m

def gnu(fn):
    m = {}
    for l in open(fn):
        g = re.match(r'^\s*([0-9a-f]+):\t([0-9a-f ]+) \t(.*)$', l.rstrip('\n'))
        if g: m[int(g.group(1), 16)] = g.group(3)
    return m

cols = [llvm('llvm-objdump.txt'), llvm('llvm-objdump-alu32.txt'),
        gnu('bpf-objdump.txt'), gnu('bpf-objdump-xbpf.txt')]
print('# off | description | llvm-objdump -d | llvm-objdump -d --mattr=+alu32 | bpf-objdump -d | bpf-objdump -d -m xbpf')
off = 0
for line in open('all-insns.words'):
    hexpart, desc = line.rstrip('\n').split(' # ', 1)
    n = len(hexpart.split())
    cells = [c.get(off, '').replace('\t', '\\t') for c in cols]
    print(f'{off:4x} | {desc} | ' + ' | '.join(cells))
    off += n
