#!/usr/bin/env python3
"""Canonical form of an oracle output file, for comparing runs.

  normalize.py oracle.out > oracle.norm

Per case: the CASE line, then retval / data_out / ctx_out / test_run_error /
open_error / set_error / fill_error as printed; map elements as one line
each (`map NAME key K value V`) sorted, because hash-type maps come back in
an order that changes from boot to boot (random hash seed); for a load
error only the verifier's message (`load_error: MESSAGE`, the last line
before `processed N insns`, or libbpf's last complaint when the kernel
never saw the program). libbpf's own warnings and the rest of the verifier
log (which holds kernel addresses) are left out."""
import re
import sys


def cases(lines):
    case = None
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("=== CASE"):
            case = [line]
        elif line == "=== END":
            if case is not None:
                yield case
            case = None
        elif case is not None:
            case.append(line)


def normalize(case):
    head, body = case[0], case[1:]
    out, maps = [head], []
    if any(l.startswith("load_error:") for l in body):
        log = body[[i for i, l in enumerate(body) if l.startswith("load_error:")][0]:]
        log[0] = log[0][len("load_error:"):].strip()
        msg = None
        for i, l in enumerate(log):
            if re.match(r"processed \d+ insns", l) and i > 0:
                msg = log[i - 1].strip()
                break
        if msg is None:
            libbpf = [l for l in body if l.startswith("libbpf: ") and "failed to load object" not in l]
            msg = libbpf[-1][len("libbpf: "):] if libbpf else log[0]
        return [head, "load_error: " + msg]
    i = 0
    while i < len(body):
        l = body[i]
        if l.startswith("map ") and i + 1 < len(body) and body[i + 1].startswith("    value "):
            maps.append(l + " " + body[i + 1].strip())
            i += 2
            continue
        if re.match(r"(retval|data_out|ctx_out|test_run_error|open_error|set_error|fill_error|no map|no program)\b", l):
            out.append(l)
        i += 1
    return out + sorted(maps)


def main():
    with open(sys.argv[1]) as f:
        for case in cases(f):
            print("\n".join(normalize(case)))


if __name__ == "__main__":
    main()
