#!/usr/bin/env python3
"""Generate all-insns.words (little-endian) for the ebpfsim disassembler reference.
Each line: 8 (or 16 for lddw) hex bytes, then '# ' + description.
Register byte (LE): low nibble = dst, high nibble = src."""
import struct, sys

out = []
def ins(op, dst=0, src=0, off=0, imm=0, desc=""):
    b = struct.pack('<BBhi', op, (src << 4) | dst, off, imm)
    out.append((b, desc))
def lddw(dst, src, imm64, desc, off=0, hi_override=None):
    lo = imm64 & 0xffffffff
    hi = (imm64 >> 32) & 0xffffffff if hi_override is None else hi_override
    b = struct.pack('<BBhI', 0x18, (src << 4) | dst, off, lo) + struct.pack('<BBhI', 0, 0, 0, hi)
    out.append((b, desc))

ALU, ALU64, JMP, JMP32 = 0x04, 0x07, 0x05, 0x06
K, X = 0x00, 0x08
ops = [('add', 0x00), ('sub', 0x10), ('mul', 0x20), ('div', 0x30), ('or', 0x40),
       ('and', 0x50), ('lsh', 0x60), ('rsh', 0x70), ('mod', 0x90), ('xor', 0xa0),
       ('mov', 0xb0), ('arsh', 0xc0)]
# K immediates per op, chosen so that sign/hex formatting is visible
kimms = {'add': [7, -1, 0x7fffffff, -0x80000000], 'sub': [0x10, -3], 'mul': [3, 0x12345678],
         'div': [10, -10], 'or': [0xff, -0x100], 'and': [0xffff, -16], 'lsh': [3, 63],
         'rsh': [1, 32], 'mod': [7, -7], 'xor': [0x55, -1],
         'mov': [0, 1, -1, 0x7fffffff, -0x80000000, 0x80, 0x12345678], 'arsh': [5, 31]}

for cname, cls, r in (('ALU64', ALU64, 'r'), ('ALU', ALU, 'w')):
    for name, code in ops:
        for imm in kimms[name]:
            ins(cls | code | K, 1, 0, 0, imm, f"{cname} {name.upper()} K dst=r1 imm={imm}")
        ins(cls | code | X, 3, 4, 0, 0, f"{cname} {name.upper()} X dst=r3 src=r4")
    ins(cls | 0x80 | K, 5, 0, 0, 0, f"{cname} NEG dst=r5")
    # v4 signed div/mod (off=1)
    ins(cls | 0x30 | K, 2, 0, 1, 9, f"{cname} SDIV K (v4, off=1) dst=r2 imm=9")
    ins(cls | 0x30 | K, 2, 0, 1, -9, f"{cname} SDIV K (v4, off=1) dst=r2 imm=-9")
    ins(cls | 0x30 | X, 2, 6, 1, 0, f"{cname} SDIV X (v4, off=1) dst=r2 src=r6")
    ins(cls | 0x90 | K, 2, 0, 1, 9, f"{cname} SMOD K (v4, off=1) dst=r2 imm=9")
    ins(cls | 0x90 | K, 2, 0, 1, -9, f"{cname} SMOD K (v4, off=1) dst=r2 imm=-9")
    ins(cls | 0x90 | X, 2, 6, 1, 0, f"{cname} SMOD X (v4, off=1) dst=r2 src=r6")
    # v4 movsx
    for o in (8, 16, 32):
        extra = " (INVALID for class ALU per RFC 9669)" if (cls == ALU and o == 32) else ""
        ins(cls | 0xb0 | X, 7, 8, o, 0, f"{cname} MOVSX{o} (v4, off={o}) dst=r7 src=r8{extra}")
    # registers r0 and r10 / r9
    ins(cls | 0xb0 | X, 0, 10, 0, 0, f"{cname} MOV X dst=r0 src=r10")
    ins(cls | 0x00 | X, 9, 0, 0, 0, f"{cname} ADD X dst=r9 src=r0")

# END / byte swap
for sz in (16, 32, 64):
    ins(ALU | 0xd0 | K, 1, 0, 0, sz, f"ALU END TO_LE (0xd4) le{sz} dst=r1")
for sz in (16, 32, 64):
    ins(ALU | 0xd0 | X, 2, 0, 0, sz, f"ALU END TO_BE (0xdc) be{sz} dst=r2")
for sz in (16, 32, 64):
    ins(ALU64 | 0xd0 | K, 3, 0, 0, sz, f"ALU64 END bswap{sz} (v4, 0xd7) dst=r3")

# Jumps
ins(JMP | 0x00, 0, 0, 3, 0, "JMP JA off=+3")
ins(JMP | 0x00, 0, 0, -2, 0, "JMP JA off=-2")
ins(JMP | 0x00, 0, 0, 0, 0, "JMP JA off=0")
ins(JMP | 0x00, 0, 0, 32767, 0, "JMP JA off=+32767")
ins(JMP | 0x00, 0, 0, -32768, 0, "JMP JA off=-32768")
ins(JMP32 | 0x00, 0, 0, 0, 5, "JMP32 JA (v4 gotol/ja32) imm=+5")
ins(JMP32 | 0x00, 0, 0, 0, -5, "JMP32 JA (v4 gotol/ja32) imm=-5")
ins(JMP32 | 0x00, 0, 0, 0, 0x100000, "JMP32 JA (v4 gotol/ja32) imm=0x100000")
jops = [('jeq', 0x10), ('jgt', 0x20), ('jge', 0x30), ('jset', 0x40), ('jne', 0x50),
        ('jsgt', 0x60), ('jsge', 0x70), ('jlt', 0xa0), ('jle', 0xb0), ('jslt', 0xc0), ('jsle', 0xd0)]
jk = {'jeq': (1, 1), 'jgt': (0x7fffffff, 3), 'jge': (-1, -2), 'jset': (0x80, 4), 'jne': (0, -1),
      'jsgt': (-1, 5), 'jsge': (-0x80000000, -6), 'jlt': (10, 7), 'jle': (0xffff, -8),
      'jslt': (-1, -2), 'jsle': (100, 0)}
for cname, cls in (('JMP', JMP), ('JMP32', JMP32)):
    for name, code in jops:
        imm, off = jk[name]
        ins(cls | code | K, 1, 0, off, imm, f"{cname} {name.upper()} K dst=r1 imm={imm} off={off:+d}")
        ins(cls | code | X, 1, 2, -off if off else 9, 0,
            f"{cname} {name.upper()} X dst=r1 src=r2 off={(-off if off else 9):+d}")
ins(JMP | 0x10 | K, 0, 0, 1, 0x12345678, "JMP JEQ K dst=r0 imm=0x12345678 off=+1")
ins(JMP32 | 0x50 | X, 10, 9, -1, 0, "JMP32 JNE X dst=r10 src=r9 off=-1")
# calls / exit
ins(JMP | 0x80, 0, 0, 0, 1, "CALL helper src=0 imm=1")
ins(JMP | 0x80, 0, 0, 0, 0x7fffffff, "CALL helper src=0 imm=0x7fffffff")
ins(JMP | 0x80, 0, 1, 0, 4, "CALL local/pseudo-call src=1 imm=+4")
ins(JMP | 0x80, 0, 1, 0, -3, "CALL local/pseudo-call src=1 imm=-3")
ins(JMP | 0x80, 0, 2, 0, 1234, "CALL kfunc src=2 imm=1234 (BTF id)")
ins(JMP | 0x88, 2, 0, 0, 0, "CALLX (0x8d) reg in dst=r2")
ins(JMP | 0x88, 0, 0, 0, 2, "CALLX (0x8d) reg in imm=2 (old LLVM encoding)")
ins(JMP | 0x90, 0, 0, 0, 0, "EXIT")

# LDDW
lddw(0, 0, 0x1122334455667788, "LDDW src=0 dst=r0 imm64=0x1122334455667788")
lddw(1, 0, 0xffffffffffffffff, "LDDW src=0 dst=r1 imm64=-1")
lddw(2, 0, 0x7fffffff, "LDDW src=0 dst=r2 imm64=0x7fffffff")
lddw(3, 0, 0x100000000, "LDDW src=0 dst=r3 imm64=0x100000000")
lddw(4, 0, 0, "LDDW src=0 dst=r4 imm64=0")
lddw(1, 1, 5, "LDDW src=1 PSEUDO_MAP_FD dst=r1 imm=5")
lddw(1, 2, 5 | (16 << 32), "LDDW src=2 PSEUDO_MAP_VALUE dst=r1 imm=5 next_imm=16")
lddw(1, 3, 77, "LDDW src=3 PSEUDO_BTF_ID dst=r1 imm=77")
lddw(1, 4, 6, "LDDW src=4 PSEUDO_FUNC dst=r1 imm=6")
lddw(1, 5, 2, "LDDW src=5 PSEUDO_MAP_IDX dst=r1 imm=2")
lddw(1, 6, 2 | (8 << 32), "LDDW src=6 PSEUDO_MAP_IDX_VALUE dst=r1 imm=2 next_imm=8")

# LD_ABS / LD_IND
for sname, sz in (('W', 0x00), ('H', 0x08), ('B', 0x10), ('DW', 0x18)):
    inv = " (not valid in Linux)" if sname == 'DW' else ""
    ins(0x00 | 0x20 | sz, 0, 0, 0, 12, f"LD ABS {sname} imm=12{inv}")
for sname, sz in (('W', 0x00), ('H', 0x08), ('B', 0x10), ('DW', 0x18)):
    inv = " (not valid in Linux)" if sname == 'DW' else ""
    ins(0x00 | 0x40 | sz, 0, 3, 0, -4, f"LD IND {sname} src=r3 imm=-4{inv}")
ins(0x20, 0, 0, 0, 0x7fffffff, "LD ABS W imm=0x7fffffff")

SZ = (('W', 0x00), ('H', 0x08), ('B', 0x10), ('DW', 0x18))
# LDX MEM
for sname, sz in SZ:
    ins(0x01 | 0x60 | sz, 0, 1, 4, 0, f"LDX MEM {sname} dst=r0 src=r1 off=+4")
    ins(0x01 | 0x60 | sz, 2, 10, -8, 0, f"LDX MEM {sname} dst=r2 src=r10 off=-8")
ins(0x79, 3, 4, 0, 0, "LDX MEM DW dst=r3 src=r4 off=0")
ins(0x79, 3, 4, 32767, 0, "LDX MEM DW dst=r3 src=r4 off=+32767")
ins(0x79, 3, 4, -32768, 0, "LDX MEM DW dst=r3 src=r4 off=-32768")
# LDX MEMSX
for sname, sz in SZ[:3]:
    ins(0x01 | 0x80 | sz, 5, 6, 4, 0, f"LDX MEMSX {sname} (v4) dst=r5 src=r6 off=+4")
    ins(0x01 | 0x80 | sz, 5, 10, -8, 0, f"LDX MEMSX {sname} (v4) dst=r5 src=r10 off=-8")
# ST MEM
for sname, sz in SZ:
    ins(0x02 | 0x60 | sz, 10, 0, -8, 1, f"ST MEM {sname} dst=r10 off=-8 imm=1")
    ins(0x02 | 0x60 | sz, 1, 0, 4, -1, f"ST MEM {sname} dst=r1 off=+4 imm=-1")
ins(0x7a, 1, 0, 0, 0x7fffffff, "ST MEM DW dst=r1 off=0 imm=0x7fffffff")
# STX MEM
for sname, sz in SZ:
    ins(0x03 | 0x60 | sz, 10, 1, -8, 0, f"STX MEM {sname} dst=r10 src=r1 off=-8")
    ins(0x03 | 0x60 | sz, 2, 3, 4, 0, f"STX MEM {sname} dst=r2 src=r3 off=+4")
# ATOMIC
aops = [('ADD', 0x00), ('OR', 0x40), ('AND', 0x50), ('XOR', 0xa0)]
for sname, sz in (('W', 0x00), ('DW', 0x18)):
    op = 0x03 | 0xc0 | sz
    for an, ac in aops:
        ins(op, 1, 2, 0, ac, f"ATOMIC {sname} {an} dst=r1 src=r2 off=0 imm=0x{ac:02x}")
        ins(op, 1, 2, -8, ac | 1, f"ATOMIC {sname} FETCH_{an} dst=r1 src=r2 off=-8 imm=0x{ac|1:02x}")
    ins(op, 3, 4, 16, 0xe1, f"ATOMIC {sname} XCHG dst=r3 src=r4 off=+16 imm=0xe1")
    ins(op, 3, 4, -16, 0xf1, f"ATOMIC {sname} CMPXCHG dst=r3 src=r4 off=-16 imm=0xf1 (r0 implicit)")

# Formatting edge cases (number-format boundaries)
ins(0x07, 1, 0, 0, 9, "ALU64 ADD K imm=9 (GNU hex/decimal boundary)")
ins(0x07, 1, 0, 0, 10, "ALU64 ADD K imm=10 (GNU hex/decimal boundary)")
ins(0x07, 1, 0, 0, -9, "ALU64 ADD K imm=-9")
lddw(1, 0, 0x8000000000000000, "LDDW src=0 imm64=0x8000000000000000 (INT64_MIN)")
lddw(1, 0, 0xffffffff, "LDDW src=0 imm64=0xffffffff (hi=0)")
lddw(1, 0, 0xfffffffeffffffff, "LDDW src=0 imm64=0xfffffffeffffffff (-4294967297)")
ins(0x79, 2, 1, 9, 0, "LDX MEM DW dst=r2 src=r1 off=+9")
ins(0x79, 2, 1, 10, 0, "LDX MEM DW dst=r2 src=r1 off=+10")
ins(0x79, 2, 1, -10, 0, "LDX MEM DW dst=r2 src=r1 off=-10")
ins(0x20, 0, 0, 0, -1, "LD ABS W imm=-1")
ins(0x15, 1, 0, 10, 10, "JMP JEQ K dst=r1 imm=10 off=+10")
ins(0x85, 0, 0, 0, -1, "CALL helper src=0 imm=-1")
ins(0x6a, 1, 0, 10, 10, "ST MEM H dst=r1 off=+10 imm=10")

# Invalid / edge encodings (kept last so that any decoder resync problems do not affect the rest)
ins(0x00, 1, 2, 3, 4, "INVALID opcode 0x00 (LD class, IMM mode, W size)")
ins(0xff, 0, 0, 0, 0, "INVALID opcode 0xff")
ins(0x8c, 1, 2, 0, 0, "INVALID ALU NEG with X source (0x8c)")
ins(0xdf, 1, 0, 0, 16, "INVALID ALU64 END with X source (0xdf)")
ins(0xd4, 1, 0, 0, 8, "INVALID ALU END le with imm=8")
ins(0xe5, 1, 0, 1, 1, "INVALID JMP op 0xe0 (0xe5)")
ins(0x86, 0, 0, 0, 1, "INVALID JMP32 CALL (0x86)")
ins(0x96, 0, 0, 0, 0, "INVALID JMP32 EXIT (0x96)")
ins(0x99, 1, 2, 0, 0, "INVALID LDX MEMSX DW (0x99)")
ins(0xd3, 1, 2, 0, 0, "INVALID ATOMIC B (0xd3) imm=ADD")
ins(0xc3, 1, 2, 0, 0x10, "INVALID ATOMIC W imm=0x10 (unknown atomic op)")
ins(0x3f, 1, 2, 2, 0, "INVALID ALU64 DIV X with off=2")
ins(0xb7, 1, 2, 0, 5, "ALU64 MOV K with nonzero src=r2 (reserved field set)")
ins(0x05, 1, 0, 1, 0, "JMP JA with nonzero dst=r1 (reserved field set)")
ins(0x07, 11, 0, 0, 1, "INVALID register: ALU64 ADD K dst=r11")
ins(0x0f, 12, 11, 0, 0, "INVALID register: ALU64 ADD X dst=r12 src=r11")
ins(0xbf, 1, 15, 0, 0, "INVALID register: ALU64 MOV X dst=r1 src=r15")
ins(0x79, 15, 1, 0, 0, "INVALID register: LDX DW dst=r15 src=r1")
lddw(1, 7, 5, "LDDW src=7 (undefined pseudo)")
out.append((struct.pack('<BBhI', 0x18, 0x01, 0, 1) + struct.pack('<BBhI', 0x95, 0, 0, 2),
            "LDDW with nonzero opcode byte (0x95) in 2nd slot"))

with open(sys.argv[1], 'w') as f:
    for b, d in out:
        f.write(' '.join(f'{x:02x}' for x in b) + ' # ' + d + '\n')
