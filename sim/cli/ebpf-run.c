/* ebpf-run — run an eBPF program on the simulator, with no kernel.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <elf.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm.h"
#include "ebpf-run.h"
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "pcap.h"
#include "read-file.h"

/* Exit statuses, as documented in --help and ebpf-run(1).  */
enum
{
  EXIT_RAN = 0,        /* the program exited; its r0 is printed */
  EXIT_USAGE = 1,      /* bad command line */
  EXIT_INPUT = 2,      /* unreadable or malformed input */
  EXIT_FAULT = 3,      /* the program faulted */
  EXIT_LIMIT = 4,      /* the instruction budget ran out */
  EXIT_STOPPED = 5,    /* a --break or --watch stopped the run */
  EXIT_ABORT = 134,    /* an executable called abort (128 + SIGABRT) */
};

const char *progname = "ebpf-run";

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ebpf-run [OPTION]... FILE\n"
"Run an eBPF program on the ebpfsim simulator and print r0.\n"
"\n"
"FILE is an ELF object (clang -target bpf, bpf-gcc, ebpf-as), assembler\n"
"source (*.s, *.S, *.asm: assembled in memory), or with --raw bytecode.\n"
"\n"
"Program:\n"
"  --raw               FILE is bytecode: binary, or hex text (bytes such as\n"
"                      'b7 00 00 00 01 00 00 00', or 0x-prefixed 64-bit words\n"
"                      as in the conformance suite's -- raw sections)\n"
"  --big-endian        raw bytecode is big-endian\n"
"  --prog NAME         run the program (function) NAME of an ELF object\n"
"  --section NAME      run the program of section NAME of an ELF object\n"
"  --list              list the programs and maps of an ELF object\n"
"  --btf FILE          resolve CO-RE relocations against this BTF (raw, as\n"
"                      /sys/kernel/btf/vmlinux, or an ELF file's .BTF)\n"
"                      instead of the object's own\n"
"  --kconfig FILE      values of .kconfig externs (CONFIG_X=y lines); without\n"
"                      it they read 0, LINUX_KERNEL_VERSION reads 6.1.0\n"
"Input and output (as bpftool prog run):\n"
"  --data-in FILE      the packet of an XDP, tc or socket program\n"
"  --data-out FILE     write the packet after the run ('-': stdout)\n"
"  --ctx-in FILE       the context: fields of struct xdp_md / __sk_buff, or a\n"
"                      tracing program's whole context\n"
"  --ctx-out FILE      write the context after the run\n"
"  --repeat N          run N times on fresh inputs and the same maps\n"
"  --pcap-in FILE      run once per packet of a pcap capture; print how\n"
"                      many packets got each verdict\n"
"  --pcap-out FILE     write the packets that pass (XDP_PASS, XDP_TX,\n"
"                      TC_ACT_OK), as the program left them\n"
"  --mem FILE          input memory (binary, or hex text with --mem-hex):\n"
"                      r1 holds its address and r2 its length; it is also\n"
"                      the packet of legacy LD_ABS/LD_IND instructions\n"
"  --mem-hex HEX       input memory given as hex on the command line\n"
"Maps:\n"
"  --map NAME=FILE     set elements of map NAME before the run from a JSON\n"
"                      array of {\"key\": K, \"value\": V}; K and V are hex\n"
"                      text, numbers, or arrays of bytes (per-CPU values: all\n"
"                      CPUs' copies, each rounded up to 8 bytes)\n"
"  --dump-maps         print every map's elements after the run\n"
"Environment:\n"
"  --cpus N            simulated CPUs, for per-CPU maps (default 1)\n"
"  --seed N            seed of bpf_get_prandom_u32 (default 0)\n"
"  --trace FILE        bpf_trace_printk output (default stdout)\n"
"  --comm NAME         the current task's name (default ebpf-run)\n"
"  --helper NAME=VALUE the helper NAME (bpf_xyz or xyz) returns VALUE, for\n"
"                      helpers not simulated or to force a result\n"
"GDB's bpf simulator (the conventions of GDB 13's run and its testsuite):\n"
"  --gdbsim            run in flat zeroed memory from address 0 that holds\n"
"                      the executable (bpf-ld -Ttext=0x0); null pointers do\n"
"                      not fault; helper 7 is GDB's trace_printk, printing\n"
"                      on stderr as GDB's does (--trace FILE to redirect);\n"
"                      r0-r9 start at 0; at the end 'exit N (0xN)' is\n"
"                      printed and the exit status is r0 & 0xff\n"
"  --memory-size SIZE  bytes of flat memory, with an optional k, m or g\n"
"                      suffix and b (4Mb, 8m, 65536; default 4Mb, at most\n"
"                      1Gb); an access beyond it faults\n"
"  -E, --endian ORDER  big (B) or little (L): the program's byte order must\n"
"                      be this, as GDB's -E requires\n"
"Run:\n"
"  --max-insns N       stop after N instructions (default %llu)\n"
"  --break WHERE       stop before the instruction at WHERE: a function, FILE:LINE\n"
"                      (from DWARF or BTF line info) or a code address,\n"
"                      *ADDR as GDB writes it (exit 5)\n"
"  --watch ADDR[,LEN][:write|read|access]\n"
"                      stop after an instruction that writes (reads,\n"
"                      either) LEN bytes (default 8) at ADDR, a number or\n"
"                      fp-N below the first frame's r10 (exit 5)\n"
"  --record            record the run's history for reverse execution\n"
"                      (with --stats, its size is printed)\n"
"  --debug-image FILE  write the object as an ELF executable at its code and\n"
"                      data addresses, relocations applied, for GDB and\n"
"                      other DWARF readers, and exit\n"
"Output:\n"
"  --stats             also print instructions executed and cycles\n"
"  --json              print results as one JSON object (r0 as \"retval\")\n"
"  -q, --quiet         print nothing on success; only the exit status\n"
"  --conformance-plugin [HEXMEM] [--elf]\n"
"                      act as a plugin of the bpf_conformance runner:\n"
"                      program bytes (or an ELF object with --elf) on\n"
"                      standard input, HEXMEM as input memory, r0 in hex on\n"
"                      standard output\n"
"  -h, --help          show this help and exit\n"
"  -V, --version       show the version and exit\n"
"\n"
"Exit status:\n"
"  0  the program exited (r0 is printed, not returned)\n"
"  1  bad command line\n"
"  2  unreadable or malformed input (file, ELF object, assembler source)\n"
"  3  the program faulted: bad memory access, jump out of the program,\n"
"     unknown opcode, falling off the end, call stack too deep, helper\n"
"     not simulated\n"
"  4  the instruction limit was reached\n"
"  5  a --break or --watch stopped the run\n"
"  134 an executable called abort()\n"
"An executable (bpf-ld output), or any program with --gdbsim, exits with\n"
"its exit() status or r0 & 0xff.\n",
           (unsigned long long) EBPF_DEFAULT_MAX_INSNS);
}

static bool
has_suffix (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);
  return n >= m && strcmp (s + n - m, suffix) == 0;
}

/* Assembles SOURCE and makes a program of its code section: SECTION, or
 * the only executable section with code, as for ELF objects.  */
static ebpf_program *
program_from_source (const char *path, const uint8_t *text, size_t len,
                     const char *section, struct ebpf_error *err)
{
  struct ebpf_diag diag = { stderr, path, 0, "" };
  struct ebpf_asm_object obj;
  ebpf_program *prog = NULL;
  if (ebpf_assemble ((const char *) text, len, false, &obj, &diag) != 0)
    snprintf (err->message, sizeof err->message, "%s: %d error%s in the "
              "assembler source", path, diag.errors, diag.errors == 1 ? "" : "s");
  else if (obj.n_relocs > 0)
    snprintf (err->message, sizeof err->message, "%s: the source refers to "
              "symbols outside its code (%d relocation%s); assemble it with "
              "ebpf-as and load the object", path, obj.n_relocs,
              obj.n_relocs == 1 ? "" : "s");
  else
    {
      int found = -1, candidates = 0;
      for (int i = 0; i < obj.n_sections; i++)
        {
          const struct ebpf_obj_section *sec = &obj.sections[i];
          bool match = section ? strcmp (sec->name, section) == 0
                       : (sec->flags & SHF_EXECINSTR) && sec->len > 0;
          if (match && candidates++ == 0)
            found = i;
        }
      if (found < 0 && section)
        snprintf (err->message, sizeof err->message, "%s: no section named "
                  "'%s'", path, section);
      else if (found < 0)
        snprintf (err->message, sizeof err->message, "%s: no code", path);
      else if (!section && candidates > 1)
        snprintf (err->message, sizeof err->message, "%s: %d sections with "
                  "code; name one with --section", path, candidates);
      else
        {
          char name[512];
          snprintf (name, sizeof name, "%s:%s", path, obj.sections[found].name);
          prog = ebpf_program_from_bytes (obj.sections[found].data,
                                          obj.sections[found].len, false,
                                          name, err);
        }
    }
  ebpf_asm_object_free (&obj);
  return prog;
}

/* The program of object OBJ that the user asked for: --prog, --section, or
 * the only one.  */
static ebpf_program *
pick_program (ebpf_object *obj, const char *path, const char *wanted,
              const char *how, struct ebpf_error *err)
{
  int n = ebpf_object_program_count (obj), index = 0;
  if (wanted)
    {
      index = ebpf_object_find_program (obj, wanted);
      if (index == -2)
        {
          snprintf (err->message, sizeof err->message, "%s: section '%s' has "
                    "several programs; name one with --prog (see --list)",
                    path, wanted);
          return NULL;
        }
      if (index < 0)
        {
          snprintf (err->message, sizeof err->message, "%s: no %s named '%s' "
                    "(see --list)", path, how, wanted);
          return NULL;
        }
    }
  else if (n > 1)
    {
      snprintf (err->message, sizeof err->message, "%s: %d programs; name one "
                "with --prog or --section (see --list)", path, n);
      return NULL;
    }
  return ebpf_object_program (obj, index, err);
}

static void
list_object (const ebpf_object *obj, bool json)
{
  printf (json ? "{\"programs\": [" : "programs:\n");
  for (int i = 0; i < ebpf_object_program_count (obj); i++)
    printf (json ? "%s{\"name\": \"%s\", \"section\": \"%s\"}"
                 : "%s  %-24s section %s\n", json && i ? ", " : "",
            ebpf_object_program_name (obj, i), ebpf_object_program_section (obj, i));
  printf (json ? "], \"maps\": [" : "maps:\n");
  for (int i = 0; i < ebpf_object_map_count (obj); i++)
    printf (json ? "%s\"%s\"" : "%s  %s\n", json && i ? ", " : "",
            ebpf_object_map_name (obj, i));
  printf (json ? "]}\n" : "");
}

struct load_request
{
  bool raw, big_endian, list, json;
  const char *section, *prog, *btf, *kconfig;
};

/* Loads FILE as the request says; *OBJ is set for ELF objects.  */
static ebpf_program *
load_program (const char *path, const struct load_request *req,
              ebpf_object **obj, struct ebpf_error *err)
{
  size_t len;
  *obj = NULL;
  uint8_t *bytes = ebpf_read_file (path, &len);
  if (bytes == NULL)
    {
      snprintf (err->message, sizeof err->message, "%s: %s", path,
                strerror (errno));
      return NULL;
    }
  ebpf_program *prog = NULL;
  if (req->raw)
    {
      if (ebpf_looks_like_hex (bytes, len))
        {
          char msg[200];
          size_t n;
          uint8_t *code = ebpf_parse_hex ((const char *) bytes, len, &n, msg, sizeof msg);
          if (code == NULL)
            snprintf (err->message, sizeof err->message, "%s: %s", path, msg);
          else
            prog = ebpf_program_from_bytes (code, n, req->big_endian, path, err);
          free (code);
        }
      else
        prog = ebpf_program_from_bytes (bytes, len, req->big_endian, path, err);
    }
  else if (len >= 4 && memcmp (bytes, "\177ELF", 4) == 0)
    {
      struct ebpf_object_options opts = { req->btf, req->kconfig };
      *obj = ebpf_object_open_memory (bytes, len, path, &opts, err);
      if (*obj && req->list)
        list_object (*obj, req->json);
      else if (*obj)
        {
          prog = pick_program (*obj, path, req->prog ? req->prog : req->section,
                               req->prog ? "program" : "section", err);
          const char *section = prog && req->prog && req->section
            ? ebpf_object_program_section (*obj, ebpf_object_find_program (*obj, req->prog))
            : NULL;
          if (section && strcmp (section, req->section) != 0)
            {
              snprintf (err->message, sizeof err->message, "%s: program '%s' is "
                        "in section '%s', not '%s'", path, req->prog, section,
                        req->section);
              ebpf_program_free (prog);
              prog = NULL;
            }
        }
    }
  else if (has_suffix (path, ".s") || has_suffix (path, ".S")
           || has_suffix (path, ".asm"))
    prog = program_from_source (path, bytes, len, req->section, err);
  else
    snprintf (err->message, sizeof err->message, "%s: not an ELF object; use "
              "--raw for bytecode, or name assembler source *.s", path);
  free (bytes);
  return prog;
}

static bool
parse_count (const char *option, const char *text, uint64_t *value)
{
  char *end;
  errno = 0;
  *value = strtoull (text, &end, 0);
  if (*end || errno || text[0] == '-' || text[0] == '\0' || *value == 0)
    {
      fprintf (stderr, "%s: %s: '%s' is not a positive number\n", progname,
               option, text);
      return false;
    }
  return true;
}

/* bpftool-style inputs and outputs of a run.  */
struct run_io
{
  const char *data_in, *data_out, *ctx_in, *ctx_out, *pcap_in, *pcap_out;
};

static bool
write_file (const char *path, const uint8_t *data, size_t len)
{
  FILE *f = strcmp (path, "-") == 0 ? stdout : fopen (path, "wb");
  bool ok = f != NULL && fwrite (data, 1, len, f) == len;
  if (f && f != stdout)
    ok = fclose (f) == 0 && ok;
  if (!ok)
    fprintf (stderr, "%s: %s: %s\n", progname, path, strerror (errno));
  return ok;
}

/* Loads data_in and ctx_in into M; false with a message printed.  */
static bool
set_run_inputs (ebpf_machine *m, const struct run_io *io)
{
  struct ebpf_error err;
  const char *paths[2] = { io->data_in, io->ctx_in };
  for (int i = 0; i < 2; i++)
    {
      if (paths[i] == NULL)
        continue;
      size_t len;
      uint8_t *bytes = ebpf_read_file (paths[i], &len);
      if (bytes == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, paths[i], strerror (errno));
          return false;
        }
      int rc = i == 0 ? ebpf_machine_set_packet (m, bytes, len, &err)
                      : ebpf_machine_set_context (m, bytes, len, &err);
      free (bytes);
      if (rc != 0)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, paths[i], err.message);
          return false;
        }
    }
  return true;
}

static bool
write_run_outputs (const ebpf_machine *m, const struct run_io *io)
{
  bool ok = true;
  if (io->data_out)
    {
      size_t len;
      const uint8_t *data = ebpf_machine_packet (m, &len);
      ok = write_file (io->data_out, data, len);
    }
  if (io->ctx_out)
    {
      uint8_t ctx[4096];
      size_t len = ebpf_machine_context (m, ctx, sizeof ctx);
      ok = write_file (io->ctx_out, ctx, len < sizeof ctx ? len : sizeof ctx) && ok;
    }
  return ok;
}

/* The name of a program's return value where it is a verdict.  */
static const char *
verdict_name (enum ebpf_context_kind kind, uint64_t r0)
{
  static const char *const xdp[] = { "XDP_ABORTED", "XDP_DROP", "XDP_PASS",
                                     "XDP_TX", "XDP_REDIRECT" };
  static const char *const tc[] = { "TC_ACT_OK", "TC_ACT_RECLASSIFY",
                                    "TC_ACT_SHOT", "TC_ACT_PIPE", "TC_ACT_STOLEN",
                                    "TC_ACT_QUEUED", "TC_ACT_REPEAT",
                                    "TC_ACT_REDIRECT" };
  if (kind == EBPF_CONTEXT_XDP && r0 < 5)
    return xdp[r0];
  if (kind == EBPF_CONTEXT_SKB && r0 < 8)
    return tc[r0];
  if (kind == EBPF_CONTEXT_SKB && (int64_t) r0 == -1)
    return "TC_ACT_UNSPEC";
  return NULL;
}

/* Runs the program once per packet of a pcap file and prints how many
 * packets got each verdict; --pcap-out keeps the packets that go on
 * (XDP_PASS, XDP_TX, TC_ACT_OK) as the program left them.  */
/* The exit status for a run that did not return.  */
static int
stop_status (enum ebpf_stop stop)
{
  return stop == EBPF_STOP_LIMIT ? EXIT_LIMIT
         : stop == EBPF_STOP_ABORT ? EXIT_ABORT
         : stop == EBPF_STOP_BREAKPOINT || stop == EBPF_STOP_WATCHPOINT ? EXIT_STOPPED
         : EXIT_FAULT;
}

static int
run_pcap (ebpf_machine *m, const ebpf_program *prog, const struct run_io *io,
          bool json, bool stats, bool dump_maps)
{
  size_t len;
  uint8_t *image = ebpf_read_file (io->pcap_in, &len);
  if (image == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_in, strerror (errno));
      return EXIT_INPUT;
    }
  char msg[200];
  struct ebpf_pcap pcap;
  if (ebpf_pcap_open (&pcap, image, len, msg, sizeof msg) != 0)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_in, msg);
      free (image);
      return EXIT_INPUT;
    }
  FILE *out = NULL;
  if (io->pcap_out && ((out = fopen (io->pcap_out, "wb")) == NULL
                       || !ebpf_pcap_write_header (out, pcap.nano)))
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_out, strerror (errno));
      if (out)
        fclose (out);
      free (image);
      return EXIT_INPUT;
    }
  enum ebpf_context_kind kind = ebpf_program_context_kind (prog);
  uint64_t counts[9] = { 0 }, other = 0, refused = 0, faulted = 0, packets = 0;
  uint64_t insns = 0, cycles = 0;
  int status = EXIT_RAN, rc;
  struct ebpf_pcap_packet pkt;
  struct ebpf_error err;
  while ((rc = ebpf_pcap_next (&pcap, &pkt, msg, sizeof msg)) == 1)
    {
      packets++;
      if (ebpf_machine_set_packet (m, pkt.data, pkt.len, &err) != 0)
        {
          refused++;
          continue;
        }
      enum ebpf_stop stop = ebpf_machine_run (m);
      insns += ebpf_machine_insn_count (m);
      cycles += ebpf_machine_cycle_count (m);
      if (stop != EBPF_STOP_EXIT)
        {
          if (faulted++ < 3)
            fprintf (stderr, "%s: packet %" PRIu64 ": %s\n", progname, packets,
                     ebpf_machine_stop_message (m));
          status = stop_status (stop);
          continue;
        }
      uint64_t r0 = ebpf_machine_reg (m, 0);
      bool known = verdict_name (kind, r0) != NULL && (int64_t) r0 >= 0;
      if (known)
        counts[r0]++;
      else
        other++;
      bool passes = kind == EBPF_CONTEXT_XDP ? r0 == 2 || r0 == 3 : r0 == 0;
      if (out && passes)
        {
          struct ebpf_pcap_packet o = pkt;
          size_t n;
          o.data = ebpf_machine_packet (m, &n);
          o.len = (uint32_t) n;
          if (!ebpf_pcap_write_packet (out, &o))
            {
              fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_out,
                       strerror (errno));
              status = EXIT_INPUT;
              break;
            }
        }
    }
  if (rc < 0)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_in, msg);
      status = EXIT_INPUT;
    }
  if (out && fclose (out) != 0)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_out, strerror (errno));
      status = EXIT_INPUT;
    }
  free (image);

  printf (json ? "{\"packets\": %" PRIu64 ", \"verdicts\": {" : "packets: %" PRIu64 "\n",
          packets);
  const char *sep = "";
  for (uint64_t v = 0; v < 9; v++)
    if (counts[v])
      {
        printf (json ? "%s\"%s\": %" PRIu64 : "%s%s: %" PRIu64 "\n", sep,
                verdict_name (kind, v), counts[v]);
        sep = json ? ", " : "";
      }
  if (other)
    printf (json ? "%s\"other\": %" PRIu64 : "%sother return values: %" PRIu64 "\n",
            sep, other);
  if (json)
    {
      printf ("}, \"refused\": %" PRIu64 ", \"faulted\": %" PRIu64
              ", \"instructions\": %" PRIu64 ", \"cycles\": %" PRIu64,
              refused, faulted, insns, cycles);
      run_print_output (m, stdout, true);
      if (dump_maps)
        run_dump_maps (m, stdout, true);
      printf ("}\n");
    }
  else
    {
      if (refused)
        printf ("refused (shorter than an Ethernet header): %" PRIu64 "\n", refused);
      if (faulted)
        printf ("faulted: %" PRIu64 "\n", faulted);
      if (stats)
        printf ("instructions: %" PRIu64 "\ncycles: %" PRIu64 "\n", insns, cycles);
      run_print_output (m, stdout, false);
      if (dump_maps)
        run_dump_maps (m, stdout, false);
    }
  return status;
}

/* --helper NAME=VALUE: the helper returns VALUE.  */
static bool
stub_helper (ebpf_machine *m, const char *spec)
{
  const char *eq = strchr (spec, '=');
  char name[128], *end;
  if (eq == NULL || eq == spec || (size_t) (eq - spec) >= sizeof name)
    {
      fprintf (stderr, "%s: --helper %s: expected NAME=VALUE\n", progname, spec);
      return false;
    }
  snprintf (name, sizeof name, "%.*s", (int) (eq - spec), spec);
  errno = 0;
  long long value = strtoll (eq + 1, &end, 0);
  if (*end || errno || eq[1] == '\0')
    {
      fprintf (stderr, "%s: --helper %s: '%s' is not a number\n", progname,
               spec, eq + 1);
      return false;
    }
  struct ebpf_error err;
  if (ebpf_machine_stub_helper (m, name, (uint64_t) value, &err) != 0)
    {
      fprintf (stderr, "%s: --helper: %s\n", progname, err.message);
      return false;
    }
  return true;
}

/* The object being run, whose line tables name the source line of a stop.  */
static const ebpf_object *run_object;

static int
report_stop (ebpf_machine *m, enum ebpf_stop stop, const char *what, bool json)
{
  if (stop == EBPF_STOP_EXIT)
    return EXIT_RAN;
  const char *msg = ebpf_machine_stop_message (m);
  char where[600];
  const char *line = run_source_location (run_object, ebpf_machine_pc (m),
                                          where, sizeof where);
  fprintf (stderr, "%s: %s: %s%s%s\n", progname, what, line ? line : "",
           line ? ": " : "", msg);
  if (json)
    {
      printf ("{\"error\": \"");
      for (const char *p = msg; *p; p++)
        if (*p == '"' || *p == '\\')
          printf ("\\%c", *p);
        else if ((unsigned char) *p < 0x20)
          printf ("\\u%04x", *p);
        else
          putchar (*p);
      printf ("\", \"instructions\": %" PRIu64 "}\n", ebpf_machine_insn_count (m));
    }
  return stop_status (stop);
}

/* The bpf_conformance runner's plugin protocol.  */
static int
conformance_plugin (const char *hexmem, bool elf, uint64_t max_insns)
{
  struct ebpf_error err;
  size_t len;
  uint8_t *bytes = ebpf_read_file ("-", &len);
  if (bytes == NULL)
    {
      fprintf (stderr, "%s: standard input: %s\n", progname, strerror (errno));
      return EXIT_INPUT;
    }
  ebpf_object *obj = NULL;
  ebpf_program *prog = NULL;
  if (elf)
    {
      obj = ebpf_object_open_memory (bytes, len, "<stdin>", NULL, &err);
      if (obj)
        prog = pick_program (obj, "<stdin>", NULL, "program", &err);
    }
  else
    prog = ebpf_program_from_bytes (bytes, len, false, "<stdin>", &err);
  free (bytes);
  if (prog == NULL)
    {
      fprintf (stderr, "%s: %s\n", progname, err.message);
      ebpf_object_close (obj);
      return EXIT_INPUT;
    }
  uint8_t *mem = NULL;
  size_t mem_len = 0;
  if (hexmem != NULL)
    {
      char msg[200];
      mem = ebpf_parse_hex (hexmem, strlen (hexmem), &mem_len, msg, sizeof msg);
      if (mem == NULL)
        {
          fprintf (stderr, "%s: memory argument: %s\n", progname, msg);
          ebpf_program_free (prog);
          ebpf_object_close (obj);
          return EXIT_INPUT;
        }
    }
  int status = EXIT_INPUT;
  ebpf_machine *m = ebpf_machine_new (prog, NULL, &err);
  if (m == NULL || ebpf_machine_set_input (m, mem, mem_len, &err) != 0)
    fprintf (stderr, "%s: %s\n", progname, err.message);
  else
    {
      ebpf_machine_set_max_insns (m, max_insns);
      enum ebpf_stop stop = ebpf_machine_run (m);
      status = report_stop (m, stop, "<stdin>", false);
      if (status == EXIT_RAN)
        printf ("%" PRIx64 "\n", ebpf_machine_reg (m, 0));
    }
  ebpf_machine_free (m);
  ebpf_program_free (prog);
  ebpf_object_close (obj);
  free (mem);
  return status;
}

int
main (int argc, char **argv)
{
  enum { OPT_RAW = 256, OPT_BE, OPT_SECTION, OPT_PROG, OPT_LIST, OPT_MEM, OPT_MEM_HEX,
         OPT_DATA_IN, OPT_DATA_OUT, OPT_CTX_IN, OPT_CTX_OUT, OPT_REPEAT,
         OPT_PCAP_IN, OPT_PCAP_OUT, OPT_MAP, OPT_DUMP_MAPS, OPT_CPUS, OPT_SEED,
         OPT_TRACE, OPT_COMM, OPT_BTF, OPT_KCONFIG, OPT_HELPER,
         OPT_MAX_INSNS, OPT_STATS, OPT_JSON, OPT_PLUGIN, OPT_ELF,
         OPT_BREAK, OPT_WATCH, OPT_RECORD, OPT_GDBSIM, OPT_MEMORY_SIZE,
         OPT_DEBUG_IMAGE };
  static const struct option options[] = {
    { "raw", no_argument, NULL, OPT_RAW },
    { "big-endian", no_argument, NULL, OPT_BE },
    { "section", required_argument, NULL, OPT_SECTION },
    { "prog", required_argument, NULL, OPT_PROG },
    { "list", no_argument, NULL, OPT_LIST },
    { "mem", required_argument, NULL, OPT_MEM },
    { "mem-hex", required_argument, NULL, OPT_MEM_HEX },
    { "max-insns", required_argument, NULL, OPT_MAX_INSNS },
    { "data-in", required_argument, NULL, OPT_DATA_IN },
    { "data-out", required_argument, NULL, OPT_DATA_OUT },
    { "ctx-in", required_argument, NULL, OPT_CTX_IN },
    { "ctx-out", required_argument, NULL, OPT_CTX_OUT },
    { "repeat", required_argument, NULL, OPT_REPEAT },
    { "pcap-in", required_argument, NULL, OPT_PCAP_IN },
    { "pcap-out", required_argument, NULL, OPT_PCAP_OUT },
    { "map", required_argument, NULL, OPT_MAP },
    { "dump-maps", no_argument, NULL, OPT_DUMP_MAPS },
    { "cpus", required_argument, NULL, OPT_CPUS },
    { "seed", required_argument, NULL, OPT_SEED },
    { "trace", required_argument, NULL, OPT_TRACE },
    { "comm", required_argument, NULL, OPT_COMM },
    { "btf", required_argument, NULL, OPT_BTF },
    { "kconfig", required_argument, NULL, OPT_KCONFIG },
    { "helper", required_argument, NULL, OPT_HELPER },
    { "stats", no_argument, NULL, OPT_STATS },
    { "break", required_argument, NULL, OPT_BREAK },
    { "watch", required_argument, NULL, OPT_WATCH },
    { "record", no_argument, NULL, OPT_RECORD },
    { "debug-image", required_argument, NULL, OPT_DEBUG_IMAGE },
    { "gdbsim", no_argument, NULL, OPT_GDBSIM },
    { "memory-size", required_argument, NULL, OPT_MEMORY_SIZE },
    { "endian", required_argument, NULL, 'E' },
    { "json", no_argument, NULL, OPT_JSON },
    { "quiet", no_argument, NULL, 'q' },
    { "conformance-plugin", no_argument, NULL, OPT_PLUGIN },
    { "elf", no_argument, NULL, OPT_ELF },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  struct load_request req = { 0 };
  bool stats = false, json = false;
  bool quiet = false, plugin = false, elf = false;
  opterr = 0;   /* our own messages, named ebpf-run, without the full help */
  const char *mem_path = NULL, *mem_hex = NULL;
  struct run_io io = { 0 };
  uint64_t max_insns = EBPF_DEFAULT_MAX_INSNS, repeat = 1;
  struct ebpf_machine_options mopts = { 0 };
  const char *map_seeds[64];
  int n_map_seeds = 0;
  bool dump_maps = false;
  uint64_t seed = 0, cpus = 1;
  const char *trace_path = NULL, *comm = NULL;
  const char *stubs[64], *breaks[64], *watches[64];
  int n_stubs = 0, n_breaks = 0, n_watches = 0;
  bool record = false;
  const char *debug_image = NULL;
  const char *memory_size = NULL, *endian = NULL;
  int c;
  while ((c = getopt_long (argc, argv, "qhVE:", options, NULL)) != -1)
    switch (c)
      {
      case OPT_RAW: req.raw = true; break;
      case OPT_BE: req.big_endian = true; break;
      case OPT_SECTION: req.section = optarg; break;
      case OPT_PROG: req.prog = optarg; break;
      case OPT_LIST: req.list = true; break;
      case OPT_MEM: mem_path = optarg; break;
      case OPT_MEM_HEX: mem_hex = optarg; break;
      case OPT_MAX_INSNS:
        if (!parse_count ("--max-insns", optarg, &max_insns))
          return EXIT_USAGE;
        break;
      case OPT_REPEAT:
        if (!parse_count ("--repeat", optarg, &repeat))
          return EXIT_USAGE;
        break;
      case OPT_DATA_IN: io.data_in = optarg; break;
      case OPT_DATA_OUT: io.data_out = optarg; break;
      case OPT_CTX_IN: io.ctx_in = optarg; break;
      case OPT_CTX_OUT: io.ctx_out = optarg; break;
      case OPT_PCAP_IN: io.pcap_in = optarg; break;
      case OPT_PCAP_OUT: io.pcap_out = optarg; break;
      case OPT_MAP:
        if (n_map_seeds == 64)
          {
            fprintf (stderr, "%s: at most 64 --map options\n", progname);
            return EXIT_USAGE;
          }
        map_seeds[n_map_seeds++] = optarg;
        break;
      case OPT_DUMP_MAPS: dump_maps = true; break;
      case OPT_CPUS:
        if (!parse_count ("--cpus", optarg, &cpus))
          return EXIT_USAGE;
        if (cpus > EBPF_MAX_CPUS)
          {
            fprintf (stderr, "%s: --cpus: at most %d\n", progname, EBPF_MAX_CPUS);
            return EXIT_USAGE;
          }
        mopts.ncpus = (unsigned) cpus;
        break;
      case OPT_SEED:
        {
          char *end;
          errno = 0;
          seed = strtoull (optarg, &end, 0);
          if (*end || errno || optarg[0] == '\0')
            {
              fprintf (stderr, "%s: --seed: '%s' is not a number\n", progname, optarg);
              return EXIT_USAGE;
            }
          break;
        }
      case OPT_TRACE: trace_path = optarg; break;
      case OPT_COMM: comm = optarg; break;
      case OPT_BTF: req.btf = optarg; break;
      case OPT_KCONFIG: req.kconfig = optarg; break;
      case OPT_HELPER:
        if (n_stubs == 64)
          {
            fprintf (stderr, "%s: at most 64 --helper options\n", progname);
            return EXIT_USAGE;
          }
        stubs[n_stubs++] = optarg;
        break;
      case OPT_BREAK:
      case OPT_WATCH:
        if ((c == OPT_BREAK ? n_breaks : n_watches) == 64)
          {
            fprintf (stderr, "%s: at most 64 --%s options\n", progname,
                     c == OPT_BREAK ? "break" : "watch");
            return EXIT_USAGE;
          }
        if (c == OPT_BREAK)
          breaks[n_breaks++] = optarg;
        else
          watches[n_watches++] = optarg;
        break;
      case OPT_RECORD: record = true; break;
      case OPT_DEBUG_IMAGE: debug_image = optarg; break;
      case OPT_GDBSIM: mopts.gdbsim = true; break;
      case OPT_MEMORY_SIZE:
        {
          struct ebpf_error perr;
          if (ebpf_gdbsim_parse_size (optarg, &mopts.memory_size, &perr) != 0)
            {
              fprintf (stderr, "%s: --memory-size: %s\n", progname, perr.message);
              return EXIT_USAGE;
            }
          memory_size = optarg;
          break;
        }
      case 'E':
        if (strcmp (optarg, "big") && strcmp (optarg, "B")
            && strcmp (optarg, "little") && strcmp (optarg, "L"))
          {
            fprintf (stderr, "%s: -E: '%s' is not big (B) or little (L)\n",
                     progname, optarg);
            return EXIT_USAGE;
          }
        endian = optarg;
        break;
      case OPT_STATS: stats = true; break;
      case OPT_JSON: json = req.json = true; break;
      case 'q': quiet = true; break;
      case OPT_PLUGIN: plugin = true; break;
      case OPT_ELF: elf = true; break;
      case 'h': usage (stdout); return EXIT_RAN;
      case 'V': printf ("ebpf-run (ebpfsim) " PACKAGE_VERSION "\n"); return EXIT_RAN;
      default:
        if (optopt == 'E')
          fprintf (stderr, "%s: option -E needs big or little\n", progname);
        else if (optopt && optopt < 256)
          fprintf (stderr, "%s: option -%c %s\n", progname, optopt,
                   strchr ("qhV", optopt) ? "takes no argument" : "is unknown");
        else
          fprintf (stderr, "%s: option '%s' is unknown or lacks its argument\n",
                   progname, argv[optind - 1]);
        fprintf (stderr, "Try '%s --help'.\n", progname);
        return EXIT_USAGE;
      }
  if (plugin)
    {
      if (argc - optind > 1)
        {
          fprintf (stderr, "%s: --conformance-plugin takes at most one "
                   "memory argument\n", progname);
          return EXIT_USAGE;
        }
      return conformance_plugin (optind < argc ? argv[optind] : NULL, elf,
                                 max_insns);
    }
  if (argc - optind != 1)
    {
      fprintf (stderr, "%s: expected one program file\nTry '%s --help'.\n",
               progname, progname);
      return EXIT_USAGE;
    }
  if (!mopts.gdbsim && (memory_size || endian))
    {
      fprintf (stderr, "%s: %s is an option of GDB's simulator conventions: "
               "add --gdbsim\n", progname, memory_size ? "--memory-size" : "-E");
      return EXIT_USAGE;
    }
  if (mopts.gdbsim && (mem_path || mem_hex || io.data_in || io.ctx_in
                       || io.pcap_in))
    {
      fprintf (stderr, "%s: --gdbsim runs a program on its flat memory alone: "
               "--mem, --mem-hex, --data-in, --ctx-in and --pcap-in do not "
               "apply\n", progname);
      return EXIT_USAGE;
    }
  if (mem_path && mem_hex)
    {
      fprintf (stderr, "%s: --mem and --mem-hex cannot be used together\n",
               progname);
      return EXIT_USAGE;
    }
  const char *path = argv[optind];
  struct ebpf_error err;
  ebpf_object *obj;
  err.message[0] = '\0';
  ebpf_program *prog = load_program (path, &req, &obj, &err);
  run_object = obj;
  bool executable = obj && ebpf_object_is_executable (obj);
  /* GDB's -E: its simulator refuses a program of the other byte order.  */
  bool want_big = endian && (endian[0] == 'b' || endian[0] == 'B');
  if (prog && endian && ebpf_program_big_endian (prog) != want_big)
    {
      fprintf (stderr, "%s: %s: the program is %s-endian, not %s as -E says\n",
               progname, path, want_big ? "little" : "big",
               want_big ? "big" : "little");
      ebpf_program_free (prog);
      ebpf_object_close (obj);
      return EXIT_USAGE;
    }
  if (req.list && obj)
    {
      ebpf_object_close (obj);
      return EXIT_RAN;
    }
  if (debug_image)
    {
      /* The debug image is of the whole object, whichever program.  */
      int rc = EXIT_RAN;
      if (obj == NULL)
        {
          fprintf (stderr, "%s: %s: --debug-image needs an ELF object%s%s\n",
                   progname, path, err.message[0] ? ": " : "", err.message);
          rc = EXIT_INPUT;
        }
      else if (ebpf_object_write_debug_image (obj, debug_image, &err) != 0)
        {
          fprintf (stderr, "%s: %s\n", progname, err.message);
          rc = EXIT_INPUT;
        }
      ebpf_program_free (prog);
      ebpf_object_close (obj);
      return rc;
    }
  if (prog == NULL)
    {
      if (req.list && err.message[0] == '\0')
        fprintf (stderr, "%s: %s: --list needs an ELF object\n", progname, path);
      else
        fprintf (stderr, "%s: %s\n", progname, err.message);
      ebpf_object_close (obj);
      return EXIT_INPUT;
    }

  uint8_t *mem = NULL;
  size_t mem_len = 0;
  if (mem_path)
    {
      mem = ebpf_read_file (mem_path, &mem_len);
      if (mem == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, mem_path, strerror (errno));
          ebpf_program_free (prog);
          ebpf_object_close (obj);
          return EXIT_INPUT;
        }
    }
  else if (mem_hex)
    {
      char msg[200];
      mem = ebpf_parse_hex (mem_hex, strlen (mem_hex), &mem_len, msg, sizeof msg);
      if (mem == NULL)
        {
          fprintf (stderr, "%s: --mem-hex: %s\n", progname, msg);
          ebpf_program_free (prog);
          ebpf_object_close (obj);
          return EXIT_INPUT;
        }
    }

  int status = EXIT_INPUT;
  ebpf_machine *m = ebpf_machine_new (prog, &mopts, &err);
  FILE *trace = NULL;
  bool seeded = true, debug_ok = true;
  if (m)
    {
      ebpf_machine_set_seed (m, seed);
      if (comm)
        ebpf_machine_set_comm (m, comm);
      if (trace_path && (trace = fopen (trace_path, "w")) == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", progname, trace_path, strerror (errno));
          seeded = false;
        }
      /* With --json, stdout holds one JSON object: traces go to stderr,
       * where GDB's simulator prints them too.  */
      ebpf_machine_set_trace (m, trace ? trace : json || mopts.gdbsim ? stderr : NULL);
      for (int i = 0; seeded && i < n_map_seeds; i++)
        seeded = run_seed_map (m, map_seeds[i]);
      for (int i = 0; seeded && i < n_stubs; i++)
        seeded = stub_helper (m, stubs[i]);
      for (int i = 0; seeded && i < n_breaks; i++)
        debug_ok = debug_ok && run_add_breakpoint (m, obj, breaks[i]);
      for (int i = 0; seeded && i < n_watches; i++)
        debug_ok = debug_ok && run_add_watchpoint (m, watches[i]);
      if (record)
        ebpf_machine_set_recording (m, true, 0);
    }
  if (m && !seeded)
    status = EXIT_INPUT;
  else if (m && !debug_ok)
    status = EXIT_USAGE;
  else if (m == NULL || (mem && ebpf_machine_set_input (m, mem, mem_len, &err) != 0))
    fprintf (stderr, "%s: %s\n", progname, err.message);
  else if (io.pcap_in)
    {
      ebpf_machine_set_max_insns (m, max_insns);
      status = io.data_in ? (fprintf (stderr, "%s: --pcap-in and --data-in "
                                      "cannot be used together\n", progname),
                             EXIT_USAGE)
               : run_pcap (m, prog, &io, json, stats, dump_maps);
    }
  else if (!io.data_in && (ebpf_program_context_kind (prog) == EBPF_CONTEXT_XDP
                            || ebpf_program_context_kind (prog) == EBPF_CONTEXT_SKB
                            || ebpf_program_context_kind (prog) == EBPF_CONTEXT_SOCKET))
    fprintf (stderr, "%s: %s: a %s program runs on a packet: give one with "
             "--data-in or --pcap-in (the kernel refuses a test run without "
             "one, EINVAL)\n", progname, path,
             ebpf_context_kind_name (ebpf_program_context_kind (prog)));
  else if (set_run_inputs (m, &io))
    {
      /* --repeat runs the program again on fresh inputs and the same
       * maps, as BPF_PROG_TEST_RUN's repeat does; counts add up.  */
      uint64_t insns = 0, cycles = 0;
      enum ebpf_stop stop = EBPF_STOP_EXIT;
      ebpf_machine_set_max_insns (m, max_insns);
      for (uint64_t i = 0; i < repeat && stop == EBPF_STOP_EXIT; i++)
        {
          ebpf_machine_reset (m);
          stop = ebpf_machine_run (m);
          insns += ebpf_machine_insn_count (m);
          cycles += ebpf_machine_cycle_count (m);
        }
      status = report_stop (m, stop, path, json);
      uint64_t r0 = ebpf_machine_reg (m, 0);
      const char *verdict = verdict_name (ebpf_program_context_kind (prog), r0);
      if (status == EXIT_RAN && json)
        {
          printf ("{\"retval\": %" PRIu64, r0);
          if (verdict)
            printf (", \"verdict\": \"%s\"", verdict);
          uint32_t ifindex;
          uint64_t flags;
          if (ebpf_machine_redirect (m, &ifindex, &flags))
            printf (", \"redirect\": {\"ifindex\": %u, \"flags\": %" PRIu64 "}",
                    ifindex, flags);
          printf (", \"instructions\": %" PRIu64 ", \"cycles\": %" PRIu64,
                  insns, cycles);
          if (ebpf_program_context_kind (prog) != EBPF_CONTEXT_MEMORY
              && io.data_in)
            {
              size_t len;
              const uint8_t *data = ebpf_machine_packet (m, &len);
              printf (", \"data_out\": \"");
              for (size_t k = 0; k < len; k++)
                printf ("%02x", data[k]);
              printf ("\"");
            }
          run_print_output (m, stdout, true);
          if (dump_maps)
            run_dump_maps (m, stdout, true);
          printf ("}\n");
        }
      else if (status == EXIT_RAN && !quiet && mopts.gdbsim)
        printf ("exit %" PRId64 " (0x%" PRIx64 ")\n", (int64_t) r0, r0);
      else if (status == EXIT_RAN && !quiet && !executable)
        {
          printf ("r0 = 0x%" PRIx64 " (%" PRId64 ")%s%s\n", r0, (int64_t) r0,
                  verdict ? " " : "", verdict ? verdict : "");
          uint32_t ifindex;
          uint64_t flags;
          if (ebpf_machine_redirect (m, &ifindex, &flags))
            printf ("redirect: ifindex %u, flags %#" PRIx64 "\n", ifindex, flags);
        }
      /* An executable's output is its own: statistics go to stderr.  */
      if (stats && !json && status != EXIT_INPUT)
        {
          FILE *out = executable || mopts.gdbsim ? stderr : stdout;
          fprintf (out, "instructions: %" PRIu64 "\ncycles: %" PRIu64 "\n",
                   insns, cycles);
          if (record)
            fprintf (out, "history: %" PRIu64 " instructions in %zu bytes\n",
                     ebpf_machine_history_insns (m), ebpf_machine_history_bytes (m));
        }
      /* Like a native run, an executable's exit status is its r0.  */
      if (status == EXIT_RAN && (executable || mopts.gdbsim))
        status = (int) (r0 & 0xff);
      if (!json && !quiet && status != EXIT_INPUT)
        run_print_output (m, stdout, false);
      if (dump_maps && !json && status != EXIT_INPUT)
        run_dump_maps (m, stdout, false);
      if (status == EXIT_RAN && !write_run_outputs (m, &io))
        status = EXIT_INPUT;
    }
  ebpf_machine_free (m);
  if (trace)
    fclose (trace);
  ebpf_program_free (prog);
  run_close_lines ();
  ebpf_object_close (obj);
  free (mem);
  return status;
}
