# ebpf-gdb.py — GDB's side of ebpfsim's target: a frame unwinder for
# BPF-to-BPF calls and helper callbacks, a disassembler that knows every
# instruction, and the `ebpf` commands.
#
# GDB 13's bpf architecture knows one frame only: its unwinder calls every
# frame the outermost, and a BPF return address lives nowhere in guest
# memory.  The simulator holds the call stack, and ebpf-gdbserver shows it
# as a read-only region of memory (FRAMES_BASE): a magic number, the
# frame count, then one record of 16 64-bit words per frame, innermost
# first: pc, the call's pc, fp (r10), r0-r10, flags, 0.  This unwinder
# finds the record of the frame GDB asks about by its r10 and pc and hands
# GDB the caller's pc and r6-r10 from the next record.  Python unwinders
# run before the architecture's own, which still takes the outermost
# frame.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

import re

import gdb
from gdb.unwinder import Unwinder, register_unwinder

FRAMES_BASE = 0xFFFF000000000000
FRAMES_MAGIC = 0x73656D6172666265
RECORD_WORDS = 16


class _FrameId:
    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc


def _words(raw, order):
    return [int.from_bytes(raw[i:i + 8], order) for i in range(0, len(raw), 8)]


def read_frames():
    """The simulator's call frames, innermost first, as lists of 16 words;
    None when the target shows none (not ebpfsim's, or not running)."""
    inferior = gdb.selected_inferior()
    try:
        head = bytes(inferior.read_memory(FRAMES_BASE, 16))
    except (gdb.MemoryError, gdb.error):
        return None
    for order in ("little", "big"):
        magic, count = _words(head, order)
        if magic == FRAMES_MAGIC and 0 < count <= 1024:
            raw = bytes(inferior.read_memory(FRAMES_BASE + 16,
                                             count * RECORD_WORDS * 8))
            words = _words(raw, order)
            return [words[k * RECORD_WORDS:(k + 1) * RECORD_WORDS]
                    for k in range(count)]
    return None


def _function_start(pc):
    """Where the function holding PC starts: frame ids name functions."""
    try:
        block = gdb.block_for_pc(pc)
    except RuntimeError:
        block = None
    while block is not None and block.function is None:
        block = block.superblock
    return block.start if block is not None else pc


class EbpfUnwinder(Unwinder):
    """Unwinds BPF-to-BPF calls from the simulator's frame records."""

    def __init__(self):
        super().__init__("ebpfsim")

    def __call__(self, pending_frame):
        if pending_frame.architecture().name() != "bpf":
            return None
        frames = read_frames()
        if not frames:
            return None
        fp = int(pending_frame.read_register("r10"))
        pc = int(pending_frame.read_register("pc"))
        for k, record in enumerate(frames):
            if record[2] == fp and record[0] == pc:
                break
        else:
            return None
        if k + 1 >= len(frames):
            return None   # the entry: bpf-tdep calls it the outermost
        caller = frames[k + 1]
        info = pending_frame.create_unwind_info(
            _FrameId(gdb.Value(fp), gdb.Value(_function_start(pc))))
        info.add_saved_register("pc", gdb.Value(caller[0]))
        for regno in range(6, 11):
            info.add_saved_register("r%d" % regno, gdb.Value(caller[3 + regno]))
        return info


class EbpfCommand(gdb.Command):
    """ebpfsim's commands: ebpf maps, ebpf map dump NAME, ebpf stats,
ebpf frames.  They ask the simulator (GDB's `monitor`)."""

    def __init__(self):
        super().__init__("ebpf", gdb.COMMAND_USER, prefix=True)

    def invoke(self, argument, from_tty):
        if not argument.strip():
            gdb.execute("help ebpf", from_tty)
            return
        gdb.execute("monitor " + argument, from_tty)


class _MonitorSubcommand(gdb.Command):
    def __init__(self, name, monitor, doc):
        self.__doc__ = doc
        super().__init__("ebpf " + name, gdb.COMMAND_USER)
        self._monitor = monitor

    def invoke(self, argument, from_tty):
        gdb.execute(("monitor %s %s" % (self._monitor, argument)).strip(),
                    from_tty)


class EbpfSyntaxParameter(gdb.Parameter):
    """The syntax of x/i and disassemble: llvm (as llvm-objdump prints,
the default) or gnu (as binutils' objdump prints)."""

    set_doc = "Set the syntax ebpfsim's disassembler prints."
    show_doc = "Show the syntax ebpfsim's disassembler prints."

    def __init__(self):
        super().__init__("ebpf syntax", gdb.COMMAND_DATA, gdb.PARAM_ENUM,
                         ["llvm", "gnu"])
        self.value = "llvm"

    def get_show_string(self, value):
        return "ebpfsim's disassembler prints %s syntax." % value


_INSN_LINE = re.compile(r"^0x([0-9a-f]+) (\d+)\t(.*)$", re.M)


def _disassembler_class():
    """GDB 13's disassembler hook, when this GDB has one."""
    try:
        import gdb.disassembler as dis
    except ImportError:
        return None

    class EbpfDisassembler(dis.Disassembler):
        """x/i and disassemble from the simulator's own instruction table
        (`monitor disassemble`): GDB 13's, from binutils 2.40, knows no v4
        instruction and prints every atomic as xadd.  Without a server
        that answers, GDB's own prints."""

        def __init__(self):
            super().__init__("ebpfsim")
            self._cache = {}
            # Another object, or another server: other code at the same
            # addresses.
            for event in (gdb.events.new_objfile, gdb.events.clear_objfiles,
                          gdb.events.exited):
                event.connect(self._forget)

        def _forget(self, event=None):
            self._cache.clear()

        def __call__(self, info):
            key = (info.address, syntax.value)
            if key not in self._cache:
                try:
                    text = gdb.execute("monitor disassemble 0x%x 1 %s" % key,
                                       to_string=True)
                except gdb.error:
                    return None
                m = _INSN_LINE.search(text)
                if m is None or int(m.group(2)) == 0:
                    return None
                self._cache[key] = (int(m.group(2)), m.group(3))
            length, text = self._cache[key]
            return dis.DisassemblerResult(length, text)

    return EbpfDisassembler


class _SetEbpfPrefix(gdb.Command):
    """ebpfsim's settings."""

    def __init__(self, verb):
        super().__init__(verb + " ebpf", gdb.COMMAND_DATA, prefix=True)


register_unwinder(None, EbpfUnwinder(), replace=True)
_SetEbpfPrefix("set")
_SetEbpfPrefix("show")
syntax = EbpfSyntaxParameter()
_disassembler = _disassembler_class()
if _disassembler is not None:
    gdb.disassembler.register_disassembler(_disassembler(), "bpf")
EbpfCommand()
_MonitorSubcommand("maps", "maps", "List the program's maps.")
_MonitorSubcommand("map", "map", "ebpf map dump NAME: the elements of map NAME, "
                   "as bpftool shows them with BTF.")
_MonitorSubcommand("stats", "stats", "Instructions, cycles and time of the run "
                   "(the cycle model's), "
                   "and the history recorded.")
_MonitorSubcommand("frames", "frames", "The simulator's call frames.")
