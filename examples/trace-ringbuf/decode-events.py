#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the ring buffer events of `ebpf-run --json` as an opensnoop would.

    ebpf-run --json ... opensnoop.o | python3 decode-events.py

Reads JSON objects, one a line (lines that are not JSON, such as
bpf_printk output, are skipped), and decodes each ring buffer record as
struct event of opensnoop.c (x86-64 layout).
"""
import json
import struct
import sys

EVENT = struct.Struct("<QIIQiI16s64s")
SOURCES = {1: "tracepoint", 2: "kprobe"}


def cstr(b):
    return b.split(b"\0", 1)[0].decode(errors="replace")


def main():
    print("%-14s %-6s %-6s %-16s %-10s %4s %-10s %s"
          % ("TIME(ns)", "TGID", "TID", "COMM", "FLAGS", "DFD", "SOURCE", "PATH"))
    for line in sys.stdin:
        try:
            run = json.loads(line)
        except ValueError:
            continue
        for out in run.get("output", []):
            if not out.get("ringbuf"):
                continue
            ts, tgid, tid, flags, dfd, src, comm, path = EVENT.unpack(
                bytes.fromhex(out["data"])[:EVENT.size])
            print("%-14d %-6d %-6d %-16s %#-10o %4d %-10s %s"
                  % (ts, tgid, tid, cstr(comm), flags, dfd,
                     SOURCES.get(src, src), cstr(path)))


if __name__ == "__main__":
    main()
