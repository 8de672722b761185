#!/usr/bin/env python3
# Makes traffic.pcap for run.exp (run once; the pcap is committed):
# 10 Ethernet frames in this order: IPv4/UDP (42, 46, 50, 54 bytes),
# IPv6/UDP (62 bytes, three times), ARP request (42 bytes, twice),
# and one 10-byte frame shorter than an Ethernet header.
# SPDX-License-Identifier: GPL-3.0-or-later
import struct

DST = bytes.fromhex("020000000002")
SRC = bytes.fromhex("020000000001")

def udp4(n):
    payload = bytes(range(n))
    udp = struct.pack("!HHHH", 1000, 2000, 8 + n, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return DST + SRC + b"\x08\x00" + ip + udp

def udp6(i):
    udp = struct.pack("!HHHH", 1000, 2000, 8, 0)
    ip = struct.pack("!IHBB16s16s", 0x60000000, 8, 17, 64,
                     bytes(15) + b"\x01", bytes(15) + bytes([i + 2]))
    return DST + SRC + b"\x86\xdd" + ip + udp

def arp(i):
    body = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, SRC,
                       bytes([10, 0, 0, 1]), bytes(6), bytes([10, 0, 0, 10 + i]))
    return b"\xff" * 6 + SRC + b"\x08\x06" + body

frames = [udp4(0), udp6(0), udp4(4), arp(0), udp6(1), udp4(8), b"\x01" * 10,
          arp(1), udp4(12), udp6(2)]
with open("traffic.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
        f.write(fr)
