#!/bin/sh
# Regenerate the eBPF disassembler reference data in this directory.
# Requires: python3, bpf-as/bpf-objdump (binutils-bpf 2.40), llvm-objdump (LLVM 14).
set -eu
cd "$(dirname "$0")"

LLVM_OBJDUMP=${LLVM_OBJDUMP:-llvm-objdump}
BPF_AS=${BPF_AS:-bpf-as}
BPF_OBJDUMP=${BPF_OBJDUMP:-bpf-objdump}

# 1. instruction list (little-endian words)
python3 gen-words.py all-insns.words

# 2. assembler sources: one .byte line per 8-byte slot.
#    Big-endian: opcode unchanged, register nibbles swapped (dst high, src low),
#    off and imm byte-reversed.
python3 - <<'PY'
def conv(words, be):
    out = []
    for i in range(0, len(words), 8):
        s = words[i:i+8]
        if be:
            r = s[1]
            s = [s[0], ((r & 0xf) << 4) | (r >> 4), s[3], s[2], s[7], s[6], s[5], s[4]]
        out.append(s)
    return out
for be, name in ((False, 'all-insns.s'), (True, 'all-insns-be.s')):
    with open(name, 'w') as f:
        f.write('\t.text\n')
        for line in open('all-insns.words'):
            hexpart, desc = line.rstrip('\n').split(' # ', 1)
            b = [int(x, 16) for x in hexpart.split()]
            for n, s in enumerate(conv(b, be)):
                f.write('\t.byte ' + ','.join('0x%02x' % x for x in s) +
                        ('\t/* ' + desc.replace('*/', '') + ' */' if n == 0 else '\t/* (2nd slot) */') + '\n')
PY

# 3. objects
$BPF_AS --EL -o all-insns.o all-insns.s
$BPF_AS --EB -o all-insns-be.o all-insns-be.s

# 4. disassemblies (exact commands recorded in FORMATS.md)
$LLVM_OBJDUMP -d all-insns.o > llvm-objdump.txt
$LLVM_OBJDUMP -d --mattr=+alu32 all-insns.o > llvm-objdump-alu32.txt
$LLVM_OBJDUMP -d --no-show-raw-insn all-insns.o > llvm-objdump-noraw.txt
$LLVM_OBJDUMP -d --print-imm-hex all-insns.o > llvm-objdump-immhex.txt
$BPF_OBJDUMP -d all-insns.o > bpf-objdump.txt
$BPF_OBJDUMP -d -m xbpf all-insns.o > bpf-objdump-xbpf.txt
$LLVM_OBJDUMP -d all-insns-be.o > llvm-objdump-be.txt
$BPF_OBJDUMP -d all-insns-be.o > bpf-objdump-be.txt

# 5. side-by-side table
python3 side-by-side.py > side-by-side.txt
