/* fuzz-rsp.c — a libFuzzer target for the remote-protocol transport: the
 * input is what GDB sends (packets, acks, interrupts and noise), read
 * through a connection as a server would, each packet run through the
 * payload decoders (building a reply that is not sent) and echoed back.
 * Besides not crashing or hanging, the echoes must decode to what was
 * sent.  The first byte picks no-ack mode, compressed replies and polls.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *     gdb-target/fuzz-rsp.c gdb-target/rsp.c -o fuzz-rsp
 *   ./fuzz-rsp -max_total_time=60
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1 /* memfd_create */
#include "rsp.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The longest echo: twice that escaped still fits a packet.  */
#define ECHO_MAX 4096

/* A file in memory holding BYTES, read from the start.  */
static int
memory_file (const void *bytes, size_t len)
{
  int fd = memfd_create ("fuzz-rsp", MFD_CLOEXEC);
  if (fd < 0)
    abort ();
  if (len && write (fd, bytes, len) != (ssize_t) len)
    abort ();
  lseek (fd, 0, SEEK_SET);
  return fd;
}

/* Runs what a server would on a payload; the results only have to be
 * safe to compute.  */
static void
decode_payload (const char *payload, size_t len, struct rsp_buf *reply)
{
  const char *end;
  uint64_t addr = 0, length = 0;
  if (rsp_parse_hex (payload + (len > 0), &end, &addr) && *end == ',')
    rsp_parse_hex (end + 1, &end, &length);

  unsigned char bytes[64];
  rsp_hex_decode (bytes, sizeof bytes, payload, &end);
  if (end > payload + len)
    abort ();

  const unsigned char *data;
  size_t size;
  if (rsp_parse_binary_write (payload, len, &addr, &data, &size)
      && (data < (const unsigned char *) payload
          || data + size != (const unsigned char *) payload + len))
    abort ();

  rsp_buf_clear (reply);
  rsp_buf_add_xfer (reply, payload, len, addr, length);
  rsp_buf_add_hex (reply, bytes, 8);
  rsp_buf_add_format (reply, "%zu", len);
}

/* The echoes the server sent, in order, kept to check them after.  */
struct echo_log
{
  struct rsp_buf bytes;
  size_t count;
};

static void
log_echo (struct echo_log *log, const char *payload, size_t len)
{
  rsp_buf_add (&log->bytes, &len, sizeof len);
  rsp_buf_add (&log->bytes, payload, len);
  log->count++;
}

/* Reads back what the server wrote (acks and frames) with a second
 * connection: every packet must be the next echo, or the last one again
 * (sent again after a `-`).  */
static void
check_echoes (int written, const struct echo_log *log)
{
  static struct rsp_conn reader;
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  lseek (written, 0, SEEK_SET);
  rsp_init (&reader, written, null);
  reader.no_ack = true;
  const char *at = log->bytes.data, *last = NULL;
  size_t last_len = 0, seen = 0;
  const char *payload;
  size_t len;
  enum rsp_event e;
  while ((e = rsp_read_packet (&reader, &payload, &len)) != RSP_CLOSED)
    {
      if (e != RSP_PACKET)
        abort ();
      size_t want = 0;
      if (seen < log->count)
        memcpy (&want, at, sizeof want);
      if (seen < log->count && len == want
          && memcmp (payload, at + sizeof want, len) == 0)
        {
          last = at + sizeof want, last_len = want;
          at += sizeof want + want;
          seen++;
        }
      else if (!last || len != last_len || memcmp (payload, last, len) != 0)
        abort ();
    }
  close (null);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static struct rsp_conn conn; /* large: kept off the stack */
  unsigned options = size ? data[0] : 0;
  int in = memory_file (data + (size > 0), size - (size > 0));
  int out = memory_file (NULL, 0);
  rsp_init (&conn, in, out);
  conn.no_ack = options & 1;
  conn.rle_replies = options & 2;

  struct rsp_buf reply = { 0 };
  struct echo_log log = { { 0 }, 0 };
  for (int step = 0; step < 100000; step++)
    {
      if (options & 4)
        rsp_poll_interrupt (&conn); /* a run stops; the server then reads */
      const char *payload;
      size_t len;
      enum rsp_event e = rsp_read_packet (&conn, &payload, &len);
      if (e == RSP_CLOSED)
        break;
      if (e != RSP_PACKET)
        continue;
      if (payload[len] != '\0' || len > RSP_MAX_PACKET)
        abort ();
      decode_payload (payload, len, &reply);
      size_t echo = len < ECHO_MAX ? len : ECHO_MAX;
      log_echo (&log, payload, echo);
      rsp_send_packet (&conn, payload, echo);
    }
  if (!log.bytes.failed)
    check_echoes (out, &log);
  rsp_buf_free (&reply);
  rsp_buf_free (&log.bytes);
  close (in);
  close (out);
  return 0;
}
