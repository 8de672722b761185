#!/usr/bin/env python3
"""Writes the packet (data_in) and context (ctx_in) files of the oracle
cases into DIR (default: inputs/ beside this script). Deterministic: the
same bytes every run. Checksums are valid unless a name says otherwise."""
import os
import struct
import sys

DST_MAC = bytes.fromhex("020000000002")
SRC_MAC = bytes.fromhex("020000000001")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def eth(proto, payload):
    return DST_MAC + SRC_MAC + struct.pack("!H", proto) + payload


def ipv4(src, dst, proto, payload, ttl=64, ident=0x1234):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000,
                      ttl, proto, 0, ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def pseudo(src, dst, proto, length):
    return ip4(src) + ip4(dst) + struct.pack("!BBH", 0, proto, length)


def udp(src, dst, sport, dport, data):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    c = csum(pseudo(src, dst, 17, len(u)) + u) or 0xFFFF
    return eth(0x0800, ipv4(src, dst, 17, u[:6] + struct.pack("!H", c) + u[8:]))


def tcp(src, dst, sport, dport, flags=0x02):
    t = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, flags, 65535, 0, 0)
    c = csum(pseudo(src, dst, 6, len(t)) + t)
    return eth(0x0800, ipv4(src, dst, 6, t[:16] + struct.pack("!H", c) + t[18:]))


def icmp_echo(src, dst):
    m = struct.pack("!BBHHH", 8, 0, 0, 1, 1) + b"pingpong"
    m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
    return eth(0x0800, ipv4(src, dst, 1, m))


def ipv6_udp():
    payload = struct.pack("!HHHH", 1000, 2000, 12, 0) + b"six!"
    hdr = struct.pack("!IHBB", 0x60000000, len(payload), 17, 64)
    return eth(0x86DD, hdr + bytes(15) + b"\1" + bytes(15) + b"\2" + payload)


def arp():
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + SRC_MAC + ip4("10.0.0.1") \
        + bytes(6) + ip4("10.0.0.7")
    return eth(0x0806, body)


def xdp_md(data, data_end, data_meta=0, ifindex=0, rxq=0, egress=0):
    return struct.pack("<6I", data, data_end, data_meta, ifindex, rxq, egress)


def sk_buff(**f):
    """struct __sk_buff (192 bytes on 6.1) with the named fields set."""
    off = {"len": 0, "mark": 8, "priority": 32, "ingress_ifindex": 36, "ifindex": 40,
           "hash": 68, "tstamp": 152, "wire_len": 160, "gso_segs": 164, "gso_size": 176}
    b = bytearray(192)
    for k, v in f.items():
        if k == "cb":
            for i, x in enumerate(v):
                struct.pack_into("<I", b, 48 + 4 * i, x)
        elif k == "tstamp":
            struct.pack_into("<Q", b, off[k], v)
        else:
            struct.pack_into("<I", b, off[k], v)
    return bytes(b)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "inputs")
    os.makedirs(out, exist_ok=True)
    udp53 = udp("10.0.0.1", "10.0.0.7", 1234, 53, b"hello dns")
    files = {
        "udp53.bin": udp53,
        "udp9999.bin": udp("10.0.0.1", "10.0.3.4", 1234, 9999, b"payload!"),
        "udp_far.bin": udp("10.0.0.1", "172.16.5.5", 5, 7, b"far"),
        "tcp80.bin": tcp("10.0.0.1", "192.168.1.10", 4321, 80),
        "icmp.bin": icmp_echo("10.0.0.1", "10.0.0.7"),
        "ipv6udp.bin": ipv6_udp(),
        "arp.bin": arp(),
        "short13.bin": udp53[:13],
        "eth14.bin": udp53[:14],
        "ip_trunc.bin": udp53[:30],
        "alu.bin": eth(0x88B5, bytes([0, 0x80, 70, 33]) + bytes(10)),
        "idx0.bin": eth(0x88B5, bytes([0]) + bytes(15)),
        "idx1.bin": eth(0x88B5, bytes([1]) + bytes(15)),
        "idx2.bin": eth(0x88B5, bytes([2]) + bytes(15)),
        "idx200.bin": eth(0x88B5, bytes([200]) + bytes(15)),
        "udp53_meta8.bin": struct.pack("<Q", 0x2A) + udp53,
        "xdp_meta8.ctx": xdp_md(8, 8 + len(udp53)),
        "xdp_if1.ctx": xdp_md(0, len(udp53), ifindex=1),
        "xdp_if99.ctx": xdp_md(0, len(udp53), ifindex=99),
        "xdp_rxq5.ctx": xdp_md(0, len(udp53), ifindex=1, rxq=5),
        "xdp_egress.ctx": xdp_md(0, len(udp53), egress=1),
        "skb_fields.ctx": sk_buff(mark=0x1234, priority=7, cb=[1, 2, 3, 4, 5],
                                  gso_segs=2, tstamp=1000),
        "skb_cb2.ctx": sk_buff(cb=[0, 0, 3, 0, 0]),
        "skb_hash.ctx": sk_buff(hash=5),
        "skb_if1.ctx": sk_buff(ifindex=1),
        "skb_if99.ctx": sk_buff(ifindex=99),
        "skb_wirelen.ctx": sk_buff(wire_len=100),
        "skb_len.ctx": sk_buff(len=5),
    }
    for name, data in sorted(files.items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
