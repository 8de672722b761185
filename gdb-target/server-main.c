/* server-main.c — ebpf-gdbserver: an eBPF program on the ebpfsim
 * simulator as a GDB remote target, over standard input and output
 * (`target remote | ebpf-gdbserver OBJ`) or a TCP port.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/ebpf-run.h"
#include "ebpfsim-debug.h"
#include "rsp.h"
#include "server.h"
#include "cli/session.h"

const char *progname = "ebpf-gdbserver";

static void
usage (FILE *out)
{
  fprintf (out,
"Usage: ebpf-gdbserver [--stdio | --port [HOST:]PORT [--once]] [OPTION]... FILE\n"
"Serve an eBPF program running on the ebpfsim simulator to GDB.\n"
"\n"
"  --stdio             talk to GDB on standard input and output (the\n"
"                      default): target remote | ebpf-gdbserver FILE\n"
"  --port [HOST:]PORT  listen on PORT (of 127.0.0.1 unless HOST is given;\n"
"                      0 picks a free one) and say where on standard error;\n"
"                      after a GDB disconnects, wait for the next one\n"
"  --once              with --port: exit when the first GDB disconnects\n"
"  --no-record         do not keep the run's history (no reverse stepping)\n"
"  -h, --help          show this help and exit\n"
"  -V, --version       show the version and exit\n"
"\n"
"GDB's extended-remote mode (target extended-remote) keeps the program\n"
"after it exits: run (vRun) starts it again.  'monitor help' lists the\n"
"server's own commands.\n"
"\n"
"The program and what it runs on are given as to ebpf-run (see\n"
"ebpf-run --help): --raw, --big-endian, --prog, --section, --btf, --kconfig,\n"
"--data-in, --ctx-in, --mem, --mem-hex, --map, --cpus, --seed, --trace,\n"
"--comm, --helper, --max-insns, --max-map-memory, --kernel-version, --gdbsim,\n"
"--memory-size, -E.\n"
"trace_printk output and an executable's output go to GDB as console\n"
"output unless --trace names a file.\n");
}

/* The debug image in a directory of our own, removed at exit.  */
static char image_dir[PATH_MAX];
static char image_path[PATH_MAX];

static void
remove_image (void)
{
  if (image_path[0])
    unlink (image_path);
  if (image_dir[0])
    rmdir (image_dir);
  image_path[0] = image_dir[0] = '\0';
}

static void
on_signal (int sig)
{
  /* unlink and rmdir are async-signal-safe.  */
  if (image_path[0])
    unlink (image_path);
  if (image_dir[0])
    rmdir (image_dir);
  _exit (128 + sig);
}

static bool
write_image (const ebpf_object *obj, const char *path)
{
  const char *tmp = getenv ("TMPDIR");
  if (tmp == NULL || tmp[0] == '\0')
    tmp = "/tmp";
  if ((size_t) snprintf (image_dir, sizeof image_dir, "%s/ebpf-gdbserver.XXXXXX",
                         tmp) >= sizeof image_dir
      || mkdtemp (image_dir) == NULL)
    {
      fprintf (stderr, "%s: cannot make a temporary directory in %s: %s\n",
               progname, tmp, strerror (errno));
      image_dir[0] = '\0';
      return false;
    }
  const char *base = strrchr (path, '/');
  base = base ? base + 1 : path;
  size_t len = strlen (base);
  if (len > 2 && strcmp (base + len - 2, ".o") == 0)
    len -= 2;
  if (len > NAME_MAX - 4)
    len = NAME_MAX - 4;
  if ((size_t) snprintf (image_path, sizeof image_path, "%s/%.*s.dbg", image_dir,
                         (int) len, base) >= sizeof image_path)
    {
      fprintf (stderr, "%s: %s: path too long\n", progname, image_dir);
      image_path[0] = '\0';
      remove_image ();
      return false;
    }
  struct ebpf_error err;
  if (ebpf_object_write_debug_image (obj, image_path, &err) != 0)
    {
      fprintf (stderr, "%s: %s\n", progname, err.message);
      image_path[0] = '\0';
      remove_image ();
      return false;
    }
  return true;
}

/* The host part of a --port spec, for the message.  */
static void
listen_host (const char *spec, char *host, size_t size)
{
  const char *colon = strrchr (spec, ':');
  if (spec[0] == '[' && strchr (spec, ']'))
    snprintf (host, size, "%.*s", (int) (strchr (spec, ']') - spec + 1), spec);
  else if (colon && colon > spec)
    snprintf (host, size, "%.*s", (int) (colon - spec), spec);
  else
    snprintf (host, size, "127.0.0.1");
}

int
main (int argc, char **argv)
{
  enum { OPT_PORT = 256, OPT_STDIO, OPT_ONCE, OPT_NO_RECORD };
  static const struct option own_options[] = {
    { "port", required_argument, NULL, OPT_PORT },
    { "stdio", no_argument, NULL, OPT_STDIO },
    { "once", no_argument, NULL, OPT_ONCE },
    { "no-record", no_argument, NULL, OPT_NO_RECORD },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
  };
  /* Static, so that it stays reachable to the end (leak checkers).  */
  static struct option *options;
  options = ebpf_session_merge_options (own_options,
                                        sizeof own_options / sizeof own_options[0]);

  struct ebpf_session_config config;
  ebpf_session_config_init (&config);
  const char *port_spec = NULL;
  bool stdio_mode = false, once = false, record = true;
  opterr = 0;
  int c;
  while ((c = getopt_long (argc, argv, "hVE:", options, NULL)) != -1)
    {
      int taken = ebpf_session_option (&config, c, optarg);
      if (taken < 0)
        return EXIT_USAGE;
      if (taken > 0)
        continue;
      switch (c)
        {
        case OPT_PORT: port_spec = optarg; break;
        case OPT_STDIO: stdio_mode = true; break;
        case OPT_ONCE: once = true; break;
        case OPT_NO_RECORD: record = false; break;
        case 'h': usage (stdout); return EXIT_RAN;
        case 'V': printf ("ebpf-gdbserver (ebpfsim) " PACKAGE_VERSION "\n"); return EXIT_RAN;
        default:
          if (optopt == 'E')
            fprintf (stderr, "%s: option -E needs big or little\n", progname);
          else if (optopt && optopt < 256)
            fprintf (stderr, "%s: option -%c is unknown\n", progname, optopt);
          else
            fprintf (stderr, "%s: option '%s' is unknown or lacks its argument\n",
                     progname, argv[optind - 1]);
          fprintf (stderr, "Try '%s --help'.\n", progname);
          return EXIT_USAGE;
        }
    }
  if (argc - optind != 1)
    {
      fprintf (stderr, "%s: expected one program file\nTry '%s --help'.\n",
               progname, progname);
      return EXIT_USAGE;
    }
  if (port_spec && stdio_mode)
    {
      fprintf (stderr, "%s: --port and --stdio cannot be used together\n",
               progname);
      return EXIT_USAGE;
    }
  if (once && !port_spec)
    {
      fprintf (stderr, "%s: --once goes with --port\n", progname);
      return EXIT_USAGE;
    }
  if (config.list)
    {
      fprintf (stderr, "%s: --list is ebpf-run's\n", progname);
      return EXIT_USAGE;
    }
  if (!ebpf_session_check (&config))
    return EXIT_USAGE;
  config.path = argv[optind];

  signal (SIGPIPE, SIG_IGN);
  /* Over stdio, standard output is GDB's: the protocol keeps its own
   * descriptor, and anything else written to fd 1 lands on stderr.  */
  int out_fd = 1;
  if (!port_spec)
    {
      out_fd = dup (1);
      if (out_fd < 0 || dup2 (2, 1) < 0)
        {
          fprintf (stderr, "%s: %s\n", progname, strerror (errno));
          return EXIT_INPUT;
        }
    }
  /* trace_printk goes to GDB (set by the server) unless --trace says.  */
  config.default_trace = stderr;
  struct ebpf_session s;
  int status = ebpf_session_load (&s, &config);
  if (status == EXIT_RAN && s.prog)
    {
      enum ebpf_context_kind kind = ebpf_program_context_kind (s.prog);
      if (!config.data_in && (kind == EBPF_CONTEXT_XDP || kind == EBPF_CONTEXT_SKB
                              || kind == EBPF_CONTEXT_SOCKET))
        {
          fprintf (stderr, "%s: %s: a %s program runs on a packet: give one "
                   "with --data-in\n", progname, config.path,
                   ebpf_context_kind_name (kind));
          status = EXIT_INPUT;
        }
    }
  if (status == EXIT_RAN)
    status = ebpf_session_start (&s);
  if (status == EXIT_RAN && !ebpf_session_feed (&s))
    status = EXIT_INPUT;
  if (status != EXIT_RAN)
    {
      ebpf_session_close (&s);
      return status;
    }
  ebpf_machine_reset (s.m);

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
  atexit (remove_image);

  struct ebpf_server_options opts = { record, NULL };
  char exec_path[PATH_MAX];
  if (s.obj && ebpf_object_is_executable (s.obj))
    {
      if (realpath (config.path, exec_path))
        opts.exec_file = exec_path;
    }
  else if (s.obj)
    {
      if (!write_image (s.obj, config.path))
        {
          ebpf_session_close (&s);
          return EXIT_INPUT;
        }
      opts.exec_file = image_path;
    }

  struct ebpf_server *srv = ebpf_server_new (&s, &opts);
  if (srv == NULL)
    {
      ebpf_session_close (&s);
      return EXIT_INPUT;
    }
  /* An executable's printf: sent to GDB too.  */
  FILE *saved_stdout = stdout;
  stdout = ebpf_server_console (srv);

  status = EXIT_RAN;
  if (!port_spec)
    ebpf_server_serve (srv, 0, out_fd);
  else
    {
      char host[300], spec[400];
      listen_host (port_spec, host, sizeof host);
      snprintf (spec, sizeof spec, "%s", port_spec);
      for (;;)
        {
          struct rsp_error err;
          unsigned port;
          int listen_fd = rsp_tcp_listen (spec, &port, &err);
          if (listen_fd < 0)
            {
              fprintf (stderr, "%s: %s\n", progname, err.message);
              status = EXIT_USAGE;
              break;
            }
          fprintf (stderr, "listening on %s:%u\n", host, port);
          fflush (stderr);
          /* The next listen is on the same port, even when 0 chose it.  */
          snprintf (spec, sizeof spec, "%s:%u",
                    strcmp (host, "127.0.0.1") == 0 ? "" : host, port);
          int fd = rsp_tcp_accept_one (listen_fd, &err);
          if (fd < 0)
            {
              fprintf (stderr, "%s: %s\n", progname, err.message);
              status = EXIT_INPUT;
              break;
            }
          ebpf_server_serve (srv, fd, fd);
          close (fd);
          if (once)
            break;
        }
    }
  fflush (stdout);
  stdout = saved_stdout;
  ebpf_server_free (srv);
  run_close_lines ();
  ebpf_session_close (&s);
  remove_image ();
  return status;
}
