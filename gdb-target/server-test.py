#!/usr/bin/env python3
# server-test.py — drives ebpf-gdbserver over its standard input and
# output (and once over TCP) as GDB would, without GDB: packets, acks,
# registers, memory, the call frames region, breakpoints, stepping both
# ways, watchpoints, exits, console output, monitor commands, malformed
# packets, interrupts and a vanishing client.  Prints a PASS or FAIL
# line per check.
#
# Usage: server-test.py SERVER EBPF-RUN TMPDIR CHAIN.O PRINTK.O FAULT.O PACKET
#   CHAIN.O: testsuite/ebpf.debug/progs/chain.c (clang -g -O2);
#   PRINTK.O: an XDP program that adds 1 to element 0 of its array map
#   "counts" and calls bpf_printk("hello %d", 42); FAULT.O: an XDP program
#   (fault.c) that loads from address 0x1234; PACKET: a 64-byte Ethernet
#   frame.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import select
import socket
import struct
import subprocess
import sys
import time

failures = 0


def check(ok, what, detail=None):
    """A PASS or FAIL line named WHAT (the same every run); DETAIL, what
    was seen, follows a FAIL on a line of its own."""
    global failures
    print("%s: server: %s" % ("PASS" if ok else "FAIL", what), flush=True)
    if not ok:
        failures += 1
        if detail is not None:
            print("  saw: %s" % detail, flush=True)


class Timeout(Exception):
    pass


def checksum(data):
    return sum(data) & 0xff


def frame(payload):
    if isinstance(payload, str):
        payload = payload.encode("latin-1")
    return b"$" + payload + b"#%02x" % checksum(payload)


def unescape(raw):
    """A reply's payload: } escapes undone, * runs expanded."""
    out = bytearray()
    i = 0
    while i < len(raw):
        b = raw[i]
        if b == 0x7d and i + 1 < len(raw):
            out.append(raw[i + 1] ^ 0x20)
            i += 2
        elif b == 0x2a and out and i + 1 < len(raw):
            out += bytes([out[-1]]) * (raw[i + 1] - 29)
            i += 2
        else:
            out.append(b)
            i += 1
    return bytes(out)


class Client:
    """GDB's side of the protocol over a pair of descriptors."""

    def __init__(self, rfd, wfd):
        self.rfd, self.wfd = rfd, wfd
        self.buf = b""
        self.ack = True
        self.console = ""

    def write(self, data):
        os.write(self.wfd, data)

    def read_byte(self, timeout):
        if not self.buf:
            deadline = time.time() + timeout
            while True:
                left = deadline - time.time()
                if left <= 0:
                    raise Timeout()
                r, _, _ = select.select([self.rfd], [], [], left)
                if r:
                    chunk = os.read(self.rfd, 65536)
                    if not chunk:
                        raise EOFError()
                    self.buf += chunk
                    break
        b = self.buf[0]
        self.buf = self.buf[1:]
        return b

    def read_ack(self, timeout=10):
        return chr(self.read_byte(timeout))

    def read_packet(self, timeout=10):
        """The next packet's payload (bytes), acknowledged."""
        while self.read_byte(timeout) != ord("$"):
            pass
        raw = bytearray()
        while True:
            b = self.read_byte(timeout)
            if b == ord("#"):
                break
            raw.append(b)
        cs = bytes([self.read_byte(timeout), self.read_byte(timeout)])
        if self.ack:
            self.write(b"+")
        if int(cs, 16) != checksum(raw):
            raise ValueError("bad checksum from the server")
        return unescape(bytes(raw))

    def send(self, payload):
        self.write(frame(payload))
        if self.ack:
            a = self.read_ack()
            if a != "+":
                raise ValueError("server answered %r" % a)

    def reply(self, timeout=10):
        """The next reply, console (O) packets gathered on the way."""
        while True:
            p = self.read_packet(timeout)
            if p.startswith(b"O") and p != b"OK" and re.fullmatch(rb"O([0-9a-f]{2})+", p):
                self.console += bytes.fromhex(p[1:].decode()).decode("latin-1")
                continue
            return p.decode("latin-1")

    def ask(self, payload, timeout=10):
        self.send(payload)
        return self.reply(timeout)


class Server:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.c = Client(self.proc.stdout.fileno(), self.proc.stdin.fileno())

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        err = self.proc.stderr.read().decode("latin-1")
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err


def u64(hexdigits):
    return struct.unpack("<Q", bytes.fromhex(hexdigits))[0]


def hex64(v):
    return struct.pack("<Q", v).hex()


def regs(c):
    g = c.ask("g")
    return [u64(g[16 * i:16 * i + 16]) for i in range(12)] if len(g) == 192 else None


def stop_pc(c):
    return u64(c.ask("p0b"))


def break_address(ebpf_run, obj, packet, where):
    r = subprocess.run([ebpf_run, "--break", where, "--data-in", packet, obj],
                       capture_output=True, text=True)
    m = re.search(r"breakpoint at pc (0x[0-9a-f]+)", r.stderr)
    return int(m.group(1), 16) if m else None


def elf_bytes(path, addr, length):
    """LENGTH bytes at ADDR of an ELF file's allocated sections."""
    data = open(path, "rb").read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3a)
    for i in range(shnum):
        base = shoff + i * shentsize
        _, stype, _, saddr, off, size = struct.unpack_from("<IIQQQQ", data, base)
        if stype == 1 and saddr <= addr and addr + length <= saddr + size:
            return data[off + addr - saddr:off + addr - saddr + length]
    return None


def read_frames(c):
    """The call frames region: [(pc, call_pc, fp, regs, flags)]."""
    head = c.ask("mffff000000000000,10")
    if len(head) != 32:
        return None, None
    magic, count = u64(head[:16]), u64(head[16:])
    if count > 64:
        return magic, None
    body = c.ask("mffff000000000010,%x" % (count * 128)) if count else ""
    frames = []
    for k in range(count):
        w = [u64(body[(k * 16 + i) * 16:(k * 16 + i) * 16 + 16]) for i in range(16)]
        frames.append((w[0], w[1], w[2], w[3:14], w[14], w[15]))
    return magic, frames


def xfer(c, what):
    out, off = "", 0
    while True:
        r = c.ask("qXfer:%s:read::%x,%x" % (what, off, 1000))
        if not r or r[0] not in "ml":
            return None
        out += r[1:]
        off += len(r) - 1
        if r[0] == "l":
            return out


def main():
    server, ebpf_run, tmp, chain, printk, fault, packet = sys.argv[1:8]
    entry = break_address(ebpf_run, chain, packet, "chain_entry")
    level3 = break_address(ebpf_run, chain, packet, "level3")
    level1 = break_address(ebpf_run, chain, packet, "level1")
    check(entry is not None and level3 is not None,
          "ebpf-run names chain_entry and level3's addresses")
    if entry is None or level3 is None:
        return

    # ---- The start of a session, in ack mode -------------------------
    s = Server([server, "--data-in", packet, chain])
    c = s.c
    sup = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+")
    feats = sup.split(";")
    check(all(f in feats for f in ["QStartNoAckMode+", "qXfer:memory-map:read+",
                                   "qXfer:exec-file:read+", "swbreak+", "hwbreak+",
                                   "ReverseStep+", "ReverseContinue+",
                                   "vContSupported+", "multiprocess-"])
          and any(f.startswith("PacketSize=") for f in feats), "qSupported", sup)
    # A bad checksum in ack mode: `-`, and the packet may come again.
    c.write(b"$g#00")
    check(c.read_ack() == "-", "a bad checksum is refused with -")
    check(c.ask("vMustReplyEmpty") == "", "vMustReplyEmpty")
    check(c.ask("QStartNoAckMode") == "OK", "QStartNoAckMode")
    c.ack = False
    check(c.ask("?").startswith("T05"), "? says stopped (T05)")
    check(c.ask("qAttached") in ("0", "1"), "qAttached")
    check(c.ask("qC") == "QC1", "qC")
    check(c.ask("qfThreadInfo") == "m1" and c.ask("qsThreadInfo") == "l",
          "one thread")
    check(c.ask("Hg0") == "OK" and c.ask("Hc-1") == "OK" and c.ask("Hg2") == "E01",
          "H: our thread, all threads, not another one")
    check(c.ask("vCont?") == "vCont;c;C;s;S;r", "vCont?")
    check(c.ask("QNonStop:1") == "", "QNonStop is not supported")
    check(c.ask("qOffsets").startswith("Text=0"), "qOffsets")

    r = regs(c)
    check(r is not None and r[11] == entry, "g: 12 registers, pc at chain_entry")
    check(r is not None and r[1] == 0x500000000 and r[10] == 0x100001000,
          "g: r1 is the context, r10 the first frame")
    check(c.ask("p0b") == hex64(entry), "p: the pc alone")
    check(c.ask("p0c") == "E01", "p: no register 12")

    exe = xfer(c, "exec-file")
    check(exe is not None and os.path.exists(exe), "qXfer:exec-file names the debug image")
    code = c.ask("m%x,8" % entry)
    want = elf_bytes(exe, entry, 8) if exe and os.path.exists(exe) else None
    check(want is not None and code == want.hex(), "m: code as in the debug image")
    check(c.ask("M%x,8:%s" % (entry, "00" * 8)) == "E14", "M: code is read-only")
    check(len(c.ask("m%x,8" % (0x100001000 - 8))) == 16, "m: the stack")
    check(c.ask("m10,4") == "E14", "m: unmapped memory is E14")
    part = c.ask("m%x,10" % (0x100001000 - 8))
    check(len(part) == 16, "m: a read across the end gives what is mapped")
    check(c.ask("M%x,4:78563412" % (0x100001000 - 8)) == "OK"
          and c.ask("m%x,4" % (0x100001000 - 8)) == "78563412", "M then m: the stack")
    ctx = c.ask("m500000000,8")
    check(len(ctx) == 16 and u64(ctx) >> 32 == 64,
          "the context window: data_end is 64 bytes after data")
    check(c.ask("M500000000,4:00000000") == "E14", "the context is read-only")

    mm = xfer(c, "memory-map")
    regions = [] if mm is None else [
        (t, int(a, 16), int(l, 16)) for t, a, l in
        re.findall(r'<memory type="(\w+)" start="(0x[0-9a-f]+)" length="(0x[0-9a-f]+)"', mm)]
    ordered = sorted(regions, key=lambda x: x[1])
    check(len(regions) > 0 and all(a[1] + a[2] <= b[1] for a, b in zip(ordered, ordered[1:])),
          "qXfer:memory-map: regions that do not overlap")
    check(any(t == "rom" and a <= entry < a + l for t, a, l in regions)
          and any(t == "rom" and a == 0xffff000000000000 for t, a, l in regions)
          and any(t == "ram" and a <= 0x100000000 and 0x100001000 <= a + l
                  for t, a, l in regions),
          "memory map: code and frames read-only, the whole stack window writable")

    # Registers written.
    r = regs(c)
    check(c.ask("P3=%s" % hex64(0x1234)) == "OK" and regs(c)[3] == 0x1234, "P: r3")
    check(c.ask("P0a=%s" % hex64(0x100000000)) == "E01", "P: r10 cannot move")
    check(c.ask("P0b=%s" % hex64(entry + 3)) == "E01", "P: the pc only to an instruction")
    g = "".join(hex64(v) for v in r)
    check(c.ask("G" + g) == "OK" and regs(c) == r, "G: all of them back")

    # ---- A breakpoint three calls deep, the frames region ------------
    check(c.ask("Z0,%x,0" % level3) == "OK", "Z0 at level3")
    check(c.ask("Z0,%x,0" % (entry + 4)) == "E01", "Z0 inside an instruction is refused")
    stop = c.ask("vCont;c")
    check(stop.startswith("T05") and "swbreak:" in stop, "vCont;c stops with swbreak", stop)
    check(stop_pc(c) == level3, "the stop is at level3")
    magic, frames = read_frames(c)
    check(magic == 0x73656d6172666265, "frames region: the magic")
    check(frames is not None and len(frames) == 4, "frames region: four frames")
    if frames and len(frames) == 4:
        check(frames[0][0] == level3 and frames[0][1] == 0 and frames[0][3] == regs(c)[:11],
              "frame 0: the pc, no call, the machine's registers")
        check(all(frames[k][0] == frames[k][1] + 8 for k in (1, 2, 3)),
              "outer frames: return address after the call")
        check(all(frames[k][2] == frames[0][2] + 512 * k for k in (1, 2, 3))
              and all(f[3][10] == f[2] for f in frames), "frame pointers 512 bytes apart")
        check(frames[3][1] == entry and all(f[4] == 0 and f[5] == 0 for f in frames),
              "the outermost call is chain_entry's first instruction; flags 0")
    check(c.ask("m%x,4" % (0xffff000000000000 + 0x10000)) == "00000000",
          "frames region: zeros past the records")

    # ---- Stepping both ways -------------------------------------------
    fp = regs(c)[10]
    stop = c.ask("s")
    check(stop.startswith("T05") and "swbreak" not in stop and stop_pc(c) == level3 + 8,
          "s: one instruction")
    stop = c.ask("vCont;s:1")
    check(stop.startswith("T05") and stop_pc(c) == level3 + 16, "vCont;s")
    stop = c.ask("bs")
    check(stop.startswith("T05") and stop_pc(c) == level3 + 8, "bs: one back")
    stop = c.ask("bs")
    check(stop.startswith("T05") and stop_pc(c) == level3, "bs: back at the breakpoint")
    check(c.ask("z0,%x,0" % level3) == "OK", "z0")
    check(c.ask("z0,%x,0" % level3) == "E01", "z0 of no breakpoint")
    stop = c.ask("bc")
    check("replaylog:begin" in stop and stop_pc(c) == entry,
          "bc: back to the start of the history (replaylog:begin)")
    # Range stepping: the call leaves the range, so the step stops at the
    # callee's first instruction (GDB decides to step in or over).
    stop = c.ask("vCont;r%x,%x:1" % (entry, entry + 16))
    check(stop.startswith("T05") and stop_pc(c) == level1,
          "vCont;r: a call out of the range stops in the callee")
    check(c.ask("vCont;r10,8") == "E01", "vCont;r with END below START")

    # ---- A watchpoint on a stack slot ---------------------------------
    # Back to level3 for its frame, then a write watch on x (fp-4).
    for _ in range(20):
        if c.ask("bs").find("replaylog") >= 0:
            break
    check(stop_pc(c) == entry, "bs back to the entry")
    c.ask("Z0,%x,0" % level3)
    c.ask("c")
    c.ask("z0,%x,0" % level3)
    slot = fp - 4
    check(c.ask("Z2,%x,4" % slot) == "OK", "Z2 on level3's x")
    stop = c.ask("c")
    check(stop.startswith("T05") and ("watch:%x;" % slot) in stop
          and stop_pc(c) == level3 + 8, "the write stops the run (watch:)", stop)
    check(c.ask("z2,%x,4" % slot) == "OK", "z2")
    check(c.ask("Z3,%x,4" % slot) == "OK", "Z3 (read)")
    stop = c.ask("c")
    check(("rwatch:%x;" % slot) in stop and stop_pc(c) == level3 + 16, "the read stops it (rwatch:)", stop)
    check(c.ask("z3,%x,4" % slot) == "OK", "z3")
    check(c.ask("z3,%x,4" % slot) == "E01", "z3 of no watchpoint")

    # ---- Monitor commands ---------------------------------------------
    c.console = ""
    check(c.ask("qRcmd," + "help".encode().hex()) == "OK" and "map dump" in c.console,
          "monitor help")
    c.console = ""
    c.ask("qRcmd," + "stats".encode().hex())
    check(re.search(r"instructions: \d+", c.console) is not None
          and "history:" in c.console, "monitor stats")
    c.console = ""
    c.ask("qRcmd," + "frames".encode().hex())
    check(c.console.count("#") == 4 and "level3" in c.console, "monitor frames")
    c.console = ""
    check(c.ask("qRcmd," + "no such".encode().hex()) == "OK" and "unknown" in c.console,
          "an unknown monitor command is answered")

    # ---- Hardware breakpoints, access watchpoints, a new packet ---------
    stop = c.ask("bc")
    check("replaylog:begin" in stop, "bc to the start again")
    check(c.ask("Z1,%x,0" % level3) == "OK", "Z1 at level3")
    stop = c.ask("c")
    check("hwbreak:" in stop and stop_pc(c) == level3, "a Z1 stop says hwbreak", stop)
    check(c.ask("z1,%x,0" % level3) == "OK", "z1")
    check(c.ask("Z4,%x,4" % slot) == "OK", "Z4 (access)")
    stop = c.ask("c")
    check(("awatch:%x;" % slot) in stop and stop_pc(c) == level3 + 8,
          "the write stops an access watchpoint (awatch:)", stop)
    check(c.ask("z4,%x,4" % slot) == "OK", "z4")
    big = os.path.join(tmp, "server-packet-80.bin")
    with open(big, "wb") as f:
        f.write(open(packet, "rb").read() + bytes(16))
    c.console = ""
    c.ask("qRcmd," + ("data-in " + big).encode().hex())
    check("next run" in c.console, "monitor data-in")
    c.console = ""
    c.ask("qRcmd," + "reset".encode().hex())
    check("restarted" in c.console and stop_pc(c) == entry, "monitor reset: at the entry")
    ctx = c.ask("m500000000,8")
    check(len(ctx) == 16 and u64(ctx) >> 32 == 80, "the new packet: 80 bytes")

    # ---- To the exit --------------------------------------------------
    c.console = ""
    stop = c.ask("vCont;c")
    check(stop == "W02", "the program exits: W02 (XDP_PASS)")
    check("program exited with r0 = 0x2" in c.console, "O: the exit, r0")
    check(c.ask("g") == "E02", "no registers once the program has exited")
    # Extended mode: run it again.
    check(c.ask("!") == "OK", "! (extended mode)")
    stop = c.ask("vRun;")
    check(stop.startswith("T05") and stop_pc(c) == entry, "vRun restarts at the entry")
    check(c.ask("c") == "W02", "and it runs to its exit again")
    check(c.ask("?") == "W02", "? after the exit: W02")
    c.console = ""
    c.ask("qRcmd," + "stats".encode().hex())
    check("exited" in c.console, "monitor stats after the exit")
    c.send("R00")
    check(stop_pc(c) == entry and c.ask("?").startswith("T05"), "R restarts, no reply")
    check(c.ask("vKill;1") == "OK" and c.ask("g") == "E02", "vKill")
    check(c.ask("D") == "OK" and c.ask("qC") == "QC1", "D in extended mode: still serving")
    s.close()
    check(exe is not None and not os.path.exists(exe), "the debug image is removed at exit")

    # ---- Malformed packets ----------------------------------------------
    s = Server([server, "--data-in", packet, chain])
    c = s.c
    c.ask("QStartNoAckMode")
    c.ack = False
    c.write(b"$g#00")
    check(c.reply() == "E01", "no-ack mode: a bad checksum is E01")
    c.write(b"garbage without a frame")
    check(c.ask("?").startswith("T05"), "garbage between packets is passed over")
    check(c.ask("m" + "1" * 20000) == "E01", "an oversized packet is E01")
    check(c.ask("qNoSuchThing") == "", "an unknown query: empty")
    check(c.ask("yzzy") == "", "an unknown packet: empty")
    check(c.ask("m30000") == "E01", "m without a length")
    check(c.ask("M%x,4:0011" % (0x100001000 - 8)) == "E01", "M with too little data")
    check(c.ask("M%x,1:001122" % (0x100001000 - 8)) == "E01", "M with too much data")
    check(c.ask("M%x,2:0g11" % (0x100001000 - 8)) == "E01", "M with bad hex")
    check(c.ask("P0=12") == "E01", "P with a short value")
    check(c.ask("G00") == "E01", "G with too few registers")
    check(c.ask("Z9,0,0") == "E01", "Z of no type")
    check(c.ask("vCont;x") == "E01", "vCont with no action")
    check(c.ask("qXfer:memory-map:read::zz") == "E01", "qXfer with a bad range")
    c.write(b"$m3000")   # cut off before its checksum
    c.write(frame("?"))
    check(c.reply().startswith("T05"), "a packet cut off by the next one")
    c.write(b"$m3000#")   # cut off in its checksum
    c.write(frame("?"))
    check(c.reply() == "E01" and c.ask("?").startswith("T05"),
          "a packet cut off in its checksum: E01, and the next one is answered")
    c.write(frame("X%x,4:" % (0x100001000 - 8)) [:-3] + b"ab#00")
    check(c.reply() == "E01", "X with a wrong checksum in no-ack mode")
    data = b"\x01}\x03#\x04"
    esc = b"".join(b"}" + bytes([x ^ 0x20]) if x in b"$#}*" else bytes([x]) for x in data)
    c.write(frame(b"X%x,5:" % (0x100001000 - 8) + esc))
    check(c.reply() == "OK" and c.ask("m%x,5" % (0x100001000 - 8)) == data.hex(),
          "X with escaped binary data")
    check(c.ask("X%x,0:" % (0x100001000 - 8)) == "OK", "X of no bytes (GDB's probe)")
    check(c.ask("X%x,4:ab" % (0x100001000 - 8)) == "E01", "X with the wrong length")
    r = regs(c)
    check(r is not None and r[11] == entry, "the session goes on")
    s.close()

    # ---- trace_printk, maps, as O packets -----------------------------
    s = Server([server, "--data-in", packet, printk])
    c = s.c
    stop = c.ask("c")
    check(stop == "W02" and "hello 42" in c.console, "trace_printk's line in an O packet")
    c.console = ""
    c.ask("qRcmd," + "maps".encode().hex())
    check("counts" in c.console, "monitor maps")
    c.console = ""
    c.ask("qRcmd," + "map dump counts".encode().hex())
    check("key 00000000" in c.console and "value 01000000" in c.console,
          "monitor map dump counts", c.console)
    s.close()

    # ---- Faults and the instruction limit ------------------------------
    loop = os.path.join(tmp, "server-loop.hex")
    with open(loop, "w") as f:
        f.write("05 00 ff ff 00 00 00 00\n95 00 00 00 00 00 00 00\n")
    load = os.path.join(tmp, "server-fault.hex")
    with open(load, "w") as f:
        f.write("b7 01 00 00 00 00 00 00\n79 10 00 00 00 00 00 00\n95 00 00 00 00 00 00 00\n")
    s = Server([server, "--raw", load])
    c = s.c
    stop = c.ask("c")
    check(stop.startswith("T0b"), "a bad load: SIGSEGV (T0b)", stop)
    check("fault at pc 0x300000008" in c.console, "O: the fault report", c.console)
    check(c.ask("qXfer:exec-file:read::0,100") == "E01", "bytecode has no exec-file")
    s.close()
    s = Server([server, "--data-in", packet, fault])
    c = s.c
    stop = c.ask("c")
    check(stop.startswith("T0b") and re.search(r"fault\.c:\d+: ", c.console) is not None,
          "a fault in C: T0b, the report names fault.c's line", c.console)
    s.close()
    s = Server([server, "--raw", "--max-insns", "1000", loop])
    c = s.c
    stop = c.ask("c")
    check(stop.startswith("T18"), "the instruction limit: T18 (SIGXCPU)", stop)
    s.close()

    # ---- Ctrl-C, and a client that goes away mid-run --------------------
    s = Server([server, "--raw", loop])
    c = s.c
    c.send("vCont;c")
    time.sleep(0.3)
    c.write(b"\x03")
    try:
        stop = c.reply(timeout=5)
    except Timeout:
        stop = "(nothing)"
    check(stop.startswith("T02"), "0x03 during an endless loop: T02")
    check(stop_pc(c) == 0x300000000, "stopped in the loop")
    c.send("c")
    time.sleep(0.3)
    t0 = time.time()
    s.proc.stdin.close()
    try:
        s.proc.wait(timeout=3)
        gone = time.time() - t0
    except subprocess.TimeoutExpired:
        gone = None
    check(gone is not None and gone < 1.0,
          "a client gone mid-run: the server exits within a second", gone)
    s.close()

    # ---- TCP ----------------------------------------------------------
    p = subprocess.Popen([server, "--port", "0", "--once", "--data-in", packet, chain],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    m = re.match(r"listening on 127\.0\.0\.1:(\d+)", line)
    check(m is not None, "--port 0 says where it listens", line)
    if m:
        sock = socket.create_connection(("127.0.0.1", int(m.group(1))))
        tc = Client(sock.fileno(), sock.fileno())
        check(tc.ask("qSupported").startswith("PacketSize="), "TCP: qSupported")
        check(regs(tc)[11] == entry, "TCP: g")
        tc.send("k")   # no reply; outside extended mode the session ends
        try:
            tc.read_packet(timeout=3)
            ended = False
        except EOFError:
            ended = True
        except Timeout:
            ended = False
        check(ended, "k outside extended mode ends the session")
        sock.close()
    try:
        p.wait(timeout=3)
        check(p.returncode == 0, "--once: the server exits after its client")
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        check(False, "--once: the server exits after its client")
    p.stderr.close()


if __name__ == "__main__":
    try:
        main()
    except (Timeout, EOFError, ValueError, OSError) as e:
        check(False, "the session broke off: %r" % e)
    sys.exit(1 if failures else 0)
