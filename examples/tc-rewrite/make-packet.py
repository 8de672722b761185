#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the input of the tc NAT example and the packet it should become.

  packet.bin    a DNS query, 198.51.100.10:40000 -> 192.0.2.53:53, TTL 64
  packet.pcap   the same frame as a one-packet capture, for --pcap-in and tcpdump
  nat.json      the nat_table entry: 192.0.2.53:53 -> 10.0.0.53:8053, mark 0x2a
  expected.bin  the same query after NAT, every checksum recomputed from
                scratch here, so that comparing it with the program's output
                checks the program's incremental updates independently

Standard library only, deterministic:  python3 make-packet.py
"""
import json
import struct


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, sport, dst, dport, ttl):
    # A DNS query for example.com, type A, recursion desired.
    dns = (struct.pack("!HHHHHH", 0x1d2c, 0x0100, 1, 0, 0, 0)
           + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1))
    udp = struct.pack("!HHHH", sport, dport, 8 + len(dns), 0) + dns
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack("!H", csum(pseudo + udp) or 0xFFFF) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0x4242, 0x4000,
                     ttl, 17, 0, ip4(src), ip4(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000001" "020000000002") + struct.pack("!H", 0x0800)
    return eth + ip + udp


def main():
    with open("packet.bin", "wb") as f:
        f.write(frame("198.51.100.10", 40000, "192.0.2.53", 53, 64))
    with open("packet.pcap", "wb") as f:
        pkt = frame("198.51.100.10", 40000, "192.0.2.53", 53, 64)
        # Classic pcap header (LINKTYPE_ETHERNET), one record, fixed time.
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        f.write(struct.pack("<IIII", 1700000000, 0, len(pkt), len(pkt)))
        f.write(pkt)
    with open("expected.bin", "wb") as f:
        f.write(frame("198.51.100.10", 40000, "10.0.0.53", 8053, 63))
    # struct nat_key {be32 addr; be16 port; u16 pad} and
    # struct nat_target {be32 addr; be16 port; u16 pad; u32 mark}: raw
    # bytes, network order for address and port, host order (x86-64,
    # little-endian) for the mark.
    entry = {
        "key": ip4("192.0.2.53").hex() + struct.pack("!H", 53).hex() + "0000",
        "value": ip4("10.0.0.53").hex() + struct.pack("!H", 8053).hex() + "0000"
                 + struct.pack("<I", 0x2A).hex(),
    }
    with open("nat.json", "w") as f:
        json.dump([entry], f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
