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
#include <signal.h>
#include <sys/time.h>
#include "asm.h"
#include "dbg.h"
#include "out-file.h"
#include "ebpf-run.h"
#include "calibrate.h"
#include "json.h"
#include "profile-report.h"
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "pcap.h"
#include "read-file.h"
#include "session.h"

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
"  --max-insns N       stop after N instructions (default %llu, about a\n"
"                      second of a runaway program; exit 4)\n"
"  --timeout SECONDS   stop after SECONDS of wall-clock time (exit 4)\n"
"  --kernel-version MAJOR.MINOR\n"
"                      the Linux whose helper semantics to follow (6.1 to\n"
"                      6.18, the default): map helpers' errors are\n"
"                      sign-extended since 6.4, bpf_csum_diff folded to\n"
"                      16 bits since 6.13\n"
"  --max-map-memory SIZE\n"
"                      what all maps may take together (default 4g; k, m,\n"
"                      g, t suffixes); beyond it the object is refused\n"
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
"Debugger:\n"
"  -i, --interactive   ebpfsim's debugger: commands as GDB's (run, break,\n"
"                      step, next, finish, print, bt, ...; 'help' lists\n"
"                      them), source from DWARF or BTF line info; on a\n"
"                      terminal with readline, else reading commands from\n"
"                      standard input, each echoed\n"
"  -x FILE             with -i: run FILE's commands first\n"
"  --batch             with -i: exit after -x FILE (and standard input)\n"
"                      with the last run's status\n"
"Cycle model and profiles:\n"
"  --cycle-model MODEL the cycle model (ebpf-cost-model(5)): a file, or the\n"
"                      name of one shipped with ebpfsim (default, unit);\n"
"                      the default is built in, a calibration against the\n"
"                      kernel's JIT (its first lines say where)\n"
"  --profile[=FORMAT]  count instructions and cycles per instruction: report\n"
"                      (the default: by function, source line, helper and\n"
"                      map, hottest first; with --json in its object),\n"
"                      folded (stacks for flamegraph.pl and speedscope) or\n"
"                      annotate (per instruction, for ebpf-objdump --profile)\n"
"  --profile-output FILE  write the profile to FILE\n"
"  --calibrate[=FILE]  time microbenchmarks of every instruction class,\n"
"                      helper and map operation on this machine's kernel\n"
"                      (bpf(), as root) and write the fitted model to FILE\n"
"                      (default standard output)\n"
"Output:\n"
"  --stats             also print instructions executed, cycles and the\n"
"                      time they take at the model's clock\n"
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
"  4  the instruction limit or --timeout was reached\n"
"  5  a --break or --watch stopped the run\n"
"  134 an executable called abort()\n"
"An executable (bpf-ld output), or any program with --gdbsim, exits with\n"
"its exit() status or r0 & 0xff.\n",
           (unsigned long long) EBPF_DEFAULT_MAX_INSNS);
}

/* --profile[=FORMAT] and --profile-output FILE.  */
static struct
{
  bool on;
  enum run_profile_format format;
  const char *output;
  const ebpf_object *obj;
  const ebpf_program *prog;
  bool json_done;                      /* the report went into --json's */
} profiling;

/* What runs added up to: instructions, and the cycles and time the
 * machine's cycle model gives them.  */
struct run_counters
{
  uint64_t insns;
  double cycles, time_ns;   /* summed unrounded: the profile's sum */
};

static void
count_run (struct run_counters *c, const ebpf_machine *m)
{
  c->insns += ebpf_machine_insn_count (m);
  c->cycles += ebpf_machine_cycles (m);
  c->time_ns += ebpf_machine_time_ns (m);
}

/* Cycles to the nearest, halves up, as the machine's counter and the
 * profile's folded stacks round them.  */
static uint64_t
rounded (double cycles)
{
  return (uint64_t) (cycles + 0.5);
}

/* The counters as JSON members (after others) or as --stats lines.  */
static void
print_counters (FILE *out, const struct run_counters *c, const ebpf_machine *m,
                bool json)
{
  const char *model = ebpf_cost_model_name (ebpf_machine_cost_model (m));
  if (json)
    {
      fprintf (out, ", \"instructions\": %" PRIu64 ", \"cycles\": %" PRIu64
               ", \"time_ns\": %.1f, \"cycle_model\": ", c->insns,
               rounded (c->cycles), c->time_ns);
      ebpf_json_write_string (out, model);
      /* The report's numbers join the run's; other formats go to their
       * file.  */
      if (profiling.on && profiling.output == NULL)
        {
          run_profile_json (m, profiling.obj, profiling.prog, out);
          profiling.json_done = true;
        }
    }
  else
    fprintf (out, "instructions: %" PRIu64 "\ncycles: %" PRIu64 "\ntime: %.1f ns "
             "(%s)\n", c->insns, rounded (c->cycles), c->time_ns, model);
}

/* bpftool-style inputs and outputs of a run.  */
struct run_io
{
  const char *data_out, *ctx_out, *pcap_in, *pcap_out;
};

/* Writes an output whole or not at all (out-file.h).  */
static bool
write_file (const char *path, const uint8_t *data, size_t len)
{
  struct ebpf_out_file out;
  FILE *f = ebpf_out_open (&out, path) ? ebpf_out_stream (&out) : NULL;
  bool ok = f != NULL && fwrite (data, 1, len, f) == len;
  if (ok)
    ok = ebpf_out_commit (&out);
  else if (out.path)
    ebpf_out_abandon (&out);
  if (!ok)
    fprintf (stderr, "%s: %s: %s\n", progname, path, strerror (errno));
  return ok;
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
  return stop == EBPF_STOP_LIMIT || stop == EBPF_STOP_INTERRUPT ? EXIT_LIMIT
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
  /* The capture out appears when the run succeeds: whole or not at all.  */
  struct ebpf_out_file out_file = { 0 };
  FILE *out = NULL;
  if (io->pcap_out && (!ebpf_out_open (&out_file, io->pcap_out)
                       || (out = ebpf_out_stream (&out_file)) == NULL
                       || !ebpf_pcap_write_header (out, pcap.nano)))
    {
      fprintf (stderr, "%s: %s: %s\n", progname, io->pcap_out, strerror (errno));
      if (out_file.path)
        ebpf_out_abandon (&out_file);
      free (image);
      return EXIT_INPUT;
    }
  enum ebpf_context_kind kind = ebpf_program_context_kind (prog);
  uint64_t counts[9] = { 0 }, other = 0, refused = 0, faulted = 0, packets = 0;
  struct run_counters counters = { 0 };
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
      count_run (&counters, m);
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
  if (out && status != EXIT_RAN)
    ebpf_out_abandon (&out_file);
  else if (out && !ebpf_out_commit (&out_file))
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
      printf ("}, \"refused\": %" PRIu64 ", \"faulted\": %" PRIu64,
              refused, faulted);
      print_counters (stdout, &counters, m, true);
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
        print_counters (stdout, &counters, m, false);
      run_print_output (m, stdout, false);
      if (dump_maps)
        run_dump_maps (m, stdout, false);
    }
  return status;
}

/* The object being run, whose line tables name the source line of a stop.  */
static const ebpf_object *run_object;

/* --timeout: the machine the alarm interrupts, and the seconds.  */
static ebpf_machine *volatile timeout_machine;
static double timeout_seconds;

static void
on_timeout (int sig)
{
  (void) sig;
  ebpf_machine *m = timeout_machine;
  if (m)
    ebpf_machine_interrupt (m);
}

/* Starts the wall clock of --timeout over the runs of M.  */
static bool
start_timeout (ebpf_machine *m)
{
  if (timeout_seconds <= 0)
    return true;
  timeout_machine = m;
  struct sigaction sa = { .sa_handler = on_timeout };
  sigemptyset (&sa.sa_mask);
  struct itimerval t = { { 0, 0 }, { (time_t) timeout_seconds,
                                     (suseconds_t) ((timeout_seconds
                                                     - (double) (time_t) timeout_seconds)
                                                    * 1e6) } };
  if (sigaction (SIGALRM, &sa, NULL) != 0 || setitimer (ITIMER_REAL, &t, NULL) != 0)
    {
      fprintf (stderr, "%s: --timeout: %s\n", progname, strerror (errno));
      return false;
    }
  return true;
}

static int
report_stop (ebpf_machine *m, enum ebpf_stop stop, const char *what, bool json)
{
  if (stop == EBPF_STOP_EXIT)
    return EXIT_RAN;
  const char *msg = ebpf_machine_stop_message (m);
  char where[600], timeout[200];
  const char *line = run_source_location (run_object, ebpf_machine_pc (m),
                                          where, sizeof where);
  if (stop == EBPF_STOP_INTERRUPT && timeout_seconds > 0)
    {
      snprintf (timeout, sizeof timeout, "timeout: %g second%s passed at pc 0x%"
                PRIx64 ", after %" PRIu64 " instructions", timeout_seconds,
                timeout_seconds == 1 ? "" : "s", ebpf_machine_pc (m),
                ebpf_machine_insn_count (m));
      msg = timeout;
    }
  if (stop == EBPF_STOP_LIMIT || stop == EBPF_STOP_INTERRUPT)
    fprintf (stderr, "%s: %s: %s%s%s%s\n", progname, what, msg, line ? " (" : "",
             line ? line : "", stop == EBPF_STOP_LIMIT ? (line ? "); --max-insns N to raise it"
                                                       : "; --max-insns N to raise it")
                                 : line ? ")" : "");
  else
    fprintf (stderr, "%s: %s: %s%s%s\n", progname, what, line ? line : "",
             line ? ": " : "", msg);
  if (json)
    {
      printf ("{\"error\": ");
      ebpf_json_write_string (stdout, msg);
      printf (", \"instructions\": %" PRIu64 "}\n", ebpf_machine_insn_count (m));
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
        prog = ebpf_session_pick (obj, "<stdin>", NULL, "program", &err);
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

/* The profile once the runs are done: to --profile-output (whole or not
 * at all), else on stdout after the results (with --json, the report
 * was in the result).  */
static bool
write_profile (ebpf_machine *m)
{
  if (profiling.output == NULL)
    {
      if (!profiling.json_done)
        run_print_profile (m, profiling.obj, profiling.prog, profiling.format,
                           stdout);
      return true;
    }
  struct ebpf_out_file out;
  bool opened = ebpf_out_open (&out, profiling.output);
  FILE *f = opened ? ebpf_out_stream (&out) : NULL;
  if (f)
    {
      run_print_profile (m, profiling.obj, profiling.prog, profiling.format, f);
      if (ebpf_out_commit (&out))
        return true;
    }
  else if (opened)
    ebpf_out_abandon (&out);
  fprintf (stderr, "%s: %s: %s\n", progname, profiling.output, strerror (errno));
  return false;
}

int
main (int argc, char **argv)
{
  enum { OPT_LIST = 256, OPT_DATA_OUT, OPT_CTX_OUT, OPT_REPEAT, OPT_PCAP_IN,
         OPT_PCAP_OUT, OPT_DUMP_MAPS, OPT_STATS, OPT_JSON, OPT_PLUGIN, OPT_ELF,
         OPT_BREAK, OPT_WATCH, OPT_RECORD, OPT_DEBUG_IMAGE, OPT_BATCH,
         OPT_TIMEOUT, OPT_PROFILE, OPT_PROFILE_OUTPUT, OPT_CALIBRATE };
  static const struct option own_options[] = {
    { "list", no_argument, NULL, OPT_LIST },
    { "data-out", required_argument, NULL, OPT_DATA_OUT },
    { "ctx-out", required_argument, NULL, OPT_CTX_OUT },
    { "repeat", required_argument, NULL, OPT_REPEAT },
    { "pcap-in", required_argument, NULL, OPT_PCAP_IN },
    { "pcap-out", required_argument, NULL, OPT_PCAP_OUT },
    { "dump-maps", no_argument, NULL, OPT_DUMP_MAPS },
    { "stats", no_argument, NULL, OPT_STATS },
    { "break", required_argument, NULL, OPT_BREAK },
    { "watch", required_argument, NULL, OPT_WATCH },
    { "record", no_argument, NULL, OPT_RECORD },
    { "debug-image", required_argument, NULL, OPT_DEBUG_IMAGE },
    { "interactive", no_argument, NULL, 'i' },
    { "batch", no_argument, NULL, OPT_BATCH },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "profile", optional_argument, NULL, OPT_PROFILE },
    { "profile-output", required_argument, NULL, OPT_PROFILE_OUTPUT },
    { "calibrate", optional_argument, NULL, OPT_CALIBRATE },
    { "json", no_argument, NULL, OPT_JSON },
    { "quiet", no_argument, NULL, 'q' },
    { "conformance-plugin", no_argument, NULL, OPT_PLUGIN },
    { "elf", no_argument, NULL, OPT_ELF },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
  };
  /* The session's options (the program and what it runs on), then
   * ebpf-run's own (what to do with a run and what to print).  */
  /* Static, so that it stays reachable to the end (leak checkers).  */
  static struct option *options;
  options = ebpf_session_merge_options (own_options,
                                        sizeof own_options / sizeof own_options[0]);

  struct ebpf_session_config config;
  ebpf_session_config_init (&config);
  bool stats = false, json = false;
  bool quiet = false, plugin = false, elf = false;
  opterr = 0;   /* our own messages, named ebpf-run, without the full help */
  struct run_io io = { 0 };
  uint64_t repeat = 1;
  bool dump_maps = false;
  const char *breaks[64], *watches[64];
  int n_breaks = 0, n_watches = 0;
  bool record = false;
  const char *debug_image = NULL, *script = NULL;
  bool interactive = false, batch = false;
  bool calibrate = false;
  const char *calibrate_output = NULL;
  int c;
  while ((c = getopt_long (argc, argv, "qhVE:ix:", options, NULL)) != -1)
    {
      int taken = ebpf_session_option (&config, c, optarg);
      if (taken < 0)
        return EXIT_USAGE;
      if (taken > 0)
        continue;
      switch (c)
        {
        case OPT_LIST: config.list = true; break;
        case OPT_REPEAT:
          if (!ebpf_session_parse_count ("--repeat", optarg, &repeat))
            return EXIT_USAGE;
          break;
        case OPT_DATA_OUT: io.data_out = optarg; break;
        case OPT_CTX_OUT: io.ctx_out = optarg; break;
        case OPT_PCAP_IN: io.pcap_in = optarg; break;
        case OPT_PCAP_OUT: io.pcap_out = optarg; break;
        case OPT_DUMP_MAPS: dump_maps = config.maps_only = true; break;
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
        case 'i': interactive = true; break;
        case 'x': script = optarg; break;
        case OPT_BATCH: batch = true; break;
        case OPT_TIMEOUT:
          {
            char *end;
            errno = 0;
            timeout_seconds = strtod (optarg, &end);
            if (errno || *end || end == optarg || !(timeout_seconds > 0)
                || timeout_seconds > 1e6)
              {
                fprintf (stderr, "%s: --timeout takes seconds, more than 0 and "
                         "at most 1000000, not '%s'\n", progname, optarg);
                return EXIT_USAGE;
              }
            break;
          }
        case OPT_PROFILE:
          profiling.on = true;
          if (optarg == NULL || strcmp (optarg, "report") == 0)
            profiling.format = RUN_PROFILE_REPORT;
          else if (strcmp (optarg, "folded") == 0)
            profiling.format = RUN_PROFILE_FOLDED;
          else if (strcmp (optarg, "annotate") == 0)
            profiling.format = RUN_PROFILE_ANNOTATE;
          else
            {
              fprintf (stderr, "%s: --profile=%s: the formats are report, folded "
                       "and annotate\n", progname, optarg);
              return EXIT_USAGE;
            }
          break;
        case OPT_PROFILE_OUTPUT: profiling.output = optarg; break;
        case OPT_CALIBRATE:
          calibrate = true;
          calibrate_output = optarg;
          break;
        case OPT_STATS: stats = true; break;
        case OPT_JSON: json = config.json = true; break;
        case 'q': quiet = true; break;
        case OPT_PLUGIN: plugin = true; break;
        case OPT_ELF: elf = true; break;
        case 'h': usage (stdout); return EXIT_RAN;
        case 'V': printf ("ebpf-run (ebpfsim) " PACKAGE_VERSION "\n"); return EXIT_RAN;
        default:
          if (optopt == 'E')
            fprintf (stderr, "%s: option -E needs big or little\n", progname);
          else if (optopt == 'x')
            fprintf (stderr, "%s: option -x needs a file of commands\n", progname);
          else if (optopt && optopt < 256)
            fprintf (stderr, "%s: option -%c %s\n", progname, optopt,
                     strchr ("qhVi", optopt) ? "takes no argument" : "is unknown");
          else
            fprintf (stderr, "%s: option '%s' is unknown or lacks its argument\n",
                     progname, argv[optind - 1]);
          fprintf (stderr, "Try '%s --help'.\n", progname);
          return EXIT_USAGE;
        }
    }
  if (calibrate)
    {
      /* Alone: it measures the kernel, not a program.  */
      if (argc - optind != 0 || argc != 2)
        {
          fprintf (stderr, "%s: --calibrate takes no program and no other "
                   "option\n", progname);
          return EXIT_USAGE;
        }
      return calibrate_main (calibrate_output);
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
                                 config.max_insns);
    }
  if (argc - optind != 1)
    {
      fprintf (stderr, "%s: expected one program file\nTry '%s --help'.\n",
               progname, progname);
      return EXIT_USAGE;
    }
  if (!ebpf_session_check (&config))
    return EXIT_USAGE;
  if (profiling.output && !profiling.on)
    profiling.on = true;   /* --profile-output alone: the report */
  if (profiling.on && json && profiling.format != RUN_PROFILE_REPORT
      && profiling.output == NULL)
    {
      fprintf (stderr, "%s: with --json, --profile=folded or annotate needs "
               "--profile-output FILE\n", progname);
      return EXIT_USAGE;
    }
  if (profiling.on && interactive)
    {
      fprintf (stderr, "%s: --profile is not for the debugger (-i)\n", progname);
      return EXIT_USAGE;
    }
  if ((script || batch) && !interactive)
    {
      fprintf (stderr, "%s: -x and --batch go with -i (the debugger)\n", progname);
      return EXIT_USAGE;
    }
  if (config.machine.gdbsim && io.pcap_in)
    {
      fprintf (stderr, "%s: --gdbsim runs a program on its flat memory alone: "
               "--mem, --mem-hex, --data-in, --ctx-in and --pcap-in do not "
               "apply\n", progname);
      return EXIT_USAGE;
    }
  config.path = argv[optind];
  /* With --json, stdout holds one JSON object: traces go to stderr,
   * where GDB's simulator prints them too.  */
  config.default_trace = json || config.machine.gdbsim ? stderr : NULL;
  const char *path = config.path;
  struct ebpf_session s;
  int status = ebpf_session_load (&s, &config);
  run_object = s.obj;
  if (debug_image && s.obj)
    {
      /* The debug image is of the whole object, whichever program.  */
      struct ebpf_error err;
      status = EXIT_RAN;
      if (ebpf_object_write_debug_image (s.obj, debug_image, &err) != 0)
        {
          fprintf (stderr, "%s: %s\n", progname, err.message);
          status = EXIT_INPUT;
        }
      ebpf_session_close (&s);
      return status;
    }
  if (status == EXIT_RAN && s.prog == NULL && s.obj && !config.list)
    {
      /* --dump-maps of an object with maps and no program: the maps as
       * it defines them, empty, since nothing runs to fill them.  */
      for (int i = 0; i < ebpf_object_map_count (s.obj); i++)
        {
          struct ebpf_map_info info;
          ebpf_object_map_info (s.obj, i, &info);
          if (!info.inner_template)
            printf ("map %s: %s, key %u bytes, value %u bytes, max_entries %u\n",
                    info.name, info.type, info.key_size, info.value_size,
                    info.max_entries);
        }
      printf ("(no program: the maps as the object defines them)\n");
    }
  if (status != EXIT_RAN || s.prog == NULL)
    {
      ebpf_session_close (&s);
      return status;
    }
  if (debug_image)
    {
      fprintf (stderr, "%s: %s: --debug-image needs an ELF object\n", progname,
               path);
      ebpf_session_close (&s);
      return EXIT_INPUT;
    }
  const ebpf_program *prog = s.prog;
  bool executable = s.obj && ebpf_object_is_executable (s.obj);
  status = ebpf_session_start (&s);
  ebpf_machine *m = s.m;
  bool debug_ok = true;
  for (int i = 0; status == EXIT_RAN && i < n_breaks; i++)
    debug_ok = debug_ok && run_add_breakpoint (m, s.obj, breaks[i]);
  for (int i = 0; status == EXIT_RAN && i < n_watches; i++)
    debug_ok = debug_ok && run_add_watchpoint (m, watches[i]);
  if (status == EXIT_RAN && record)
    ebpf_machine_set_recording (m, true, 0);
  if (status == EXIT_RAN && profiling.on)
    {
      struct ebpf_error err;
      profiling.obj = s.obj;
      profiling.prog = prog;
      if (ebpf_machine_set_profiling (m, true, &err) != 0)
        {
          fprintf (stderr, "%s: %s\n", progname, err.message);
          status = EXIT_INPUT;
        }
    }
  if (status != EXIT_RAN)
    ;
  else if (!debug_ok)
    status = EXIT_USAGE;
  else if (interactive)
    status = dbg_main (&s, script, batch);
  else if (!start_timeout (m))
    status = EXIT_USAGE;
  else if (io.pcap_in)
    status = config.data_in ? (fprintf (stderr, "%s: --pcap-in and --data-in "
                                        "cannot be used together\n", progname),
                               EXIT_USAGE)
             : run_pcap (m, prog, &io, json, stats, dump_maps);
  else if (!config.data_in
           && (ebpf_program_context_kind (prog) == EBPF_CONTEXT_XDP
               || ebpf_program_context_kind (prog) == EBPF_CONTEXT_SKB
               || ebpf_program_context_kind (prog) == EBPF_CONTEXT_SOCKET))
    {
      fprintf (stderr, "%s: %s: a %s program runs on a packet: give one with "
               "--data-in or --pcap-in (the kernel refuses a test run without "
               "one, EINVAL)\n", progname, path,
               ebpf_context_kind_name (ebpf_program_context_kind (prog)));
      status = EXIT_INPUT;
    }
  else if (!ebpf_session_feed (&s))
    status = EXIT_INPUT;
  else
    {
      /* --repeat runs the program again on fresh inputs and the same
       * maps, as BPF_PROG_TEST_RUN's repeat does; counts add up.  */
      struct run_counters counters = { 0 };
      enum ebpf_stop stop = EBPF_STOP_EXIT;
      for (uint64_t i = 0; i < repeat && stop == EBPF_STOP_EXIT; i++)
        {
          ebpf_machine_reset (m);
          stop = ebpf_machine_run (m);
          count_run (&counters, m);
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
          print_counters (stdout, &counters, m, true);
          if (ebpf_program_context_kind (prog) != EBPF_CONTEXT_MEMORY
              && config.data_in)
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
      else if (status == EXIT_RAN && !quiet && config.machine.gdbsim)
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
          FILE *out = executable || config.machine.gdbsim ? stderr : stdout;
          print_counters (out, &counters, m, false);
          if (record)
            fprintf (out, "history: %" PRIu64 " instructions in %zu bytes\n",
                     ebpf_machine_history_insns (m), ebpf_machine_history_bytes (m));
        }
      /* Like a native run, an executable's exit status is its r0.  */
      if (status == EXIT_RAN && (executable || config.machine.gdbsim))
        status = (int) (r0 & 0xff);
      if (!json && !quiet && status != EXIT_INPUT)
        run_print_output (m, stdout, false);
      if (dump_maps && !json && status != EXIT_INPUT)
        run_dump_maps (m, stdout, false);
      if (status == EXIT_RAN && !write_run_outputs (m, &io))
        status = EXIT_INPUT;
    }
  if (profiling.on && m && status != EXIT_USAGE && status != EXIT_INPUT
      && !write_profile (m) )
    status = EXIT_INPUT;
  run_close_lines ();
  ebpf_session_close (&s);
  return status;
}
