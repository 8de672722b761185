#!/usr/bin/env python3
# Writes a copy of a clang BPF object whose first CO-RE relocation in the
# code section SECTION names type 1 of its BTF, not the struct its access
# string walks: a relocation no loader can apply (run.exp: CO-RE per
# program).
# Usage: break-core.py IN.o SECTION OUT.o
# SPDX-License-Identifier: GPL-3.0-or-later
import struct
import sys

src, section, dst = sys.argv[1:4]
data = bytearray(open(src, "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)


def header(i):
    return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)


names_off = header(shstrndx)[4]


def name_at(off):
    end = data.index(b"\0", off)
    return data[off:end].decode()


ext = next(header(i) for i in range(shnum)
           if name_at(names_off + header(i)[0]) == ".BTF.ext")
btf = next(header(i) for i in range(shnum)
           if name_at(names_off + header(i)[0]) == ".BTF")
base = ext[4]
magic, version, flags, hdr_len = struct.unpack_from("<HBBI", data, base)
assert magic == 0xEB9F and hdr_len >= 32
core_off, core_len = struct.unpack_from("<II", data, base + 24)
btf_hdr_len, = struct.unpack_from("<I", data, btf[4] + 4)
str_off, = struct.unpack_from("<I", data, btf[4] + 16)
strings = btf[4] + btf_hdr_len + str_off
p = base + hdr_len + core_off
end = p + core_len
rec_size, = struct.unpack_from("<I", data, p)
p += 4
while p < end:
    sec_name, n = struct.unpack_from("<II", data, p)
    p += 8
    if name_at(strings + sec_name) == section and n > 0:
        struct.pack_into("<I", data, p + 4, 1)   # its type_id: type 1, not the struct
        open(dst, "wb").write(data)
        sys.exit(0)
    p += n * rec_size
sys.exit("no CO-RE relocation in section " + section)
