/* rsp-test.c — checks of the remote-protocol transport (rsp.c): a
 * connection over one end of a socketpair, with GDB played by this
 * program on the other end (a thread where timing matters).  Prints
 * PASS: or FAIL: and a name per check; exits 1 on any failure.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "rsp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void
check (bool ok, const char *name)
{
  printf ("%s: %s\n", ok ? "PASS" : "FAIL", name);
  if (!ok)
    failures++;
}

/* ---- GDB's side ------------------------------------------------------- */

/* The server's connection and GDB's end of the socketpair.  */
struct session
{
  struct rsp_conn *conn;
  int peer;
};

static struct session
open_session (void)
{
  int fds[2];
  if (socketpair (AF_UNIX, SOCK_STREAM, 0, fds) < 0)
    {
      perror ("socketpair");
      exit (2);
    }
  struct session s = { malloc (sizeof *s.conn), fds[1] };
  if (!s.conn)
    exit (2);
  rsp_init (s.conn, fds[0], fds[0]);
  return s;
}

static void
close_session (struct session *s)
{
  close (s->conn->in_fd);
  if (s->peer >= 0)
    close (s->peer);
  free (s->conn);
}

static void
peer_write (int fd, const void *data, size_t len)
{
  const char *p = data;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          perror ("peer write");
          exit (2);
        }
      p += n;
      len -= (size_t) n;
    }
}

static void
peer_send (int fd, const char *text)
{
  peer_write (fd, text, strlen (text));
}

/* "$payload#cs", the checksum worked out here rather than by rsp.c.  */
static size_t
make_frame (char *out, const void *payload, size_t len)
{
  const unsigned char *p = payload;
  unsigned sum = 0;
  out[0] = '$';
  memcpy (out + 1, p, len);
  for (size_t i = 0; i < len; i++)
    sum += p[i];
  return 1 + len + (size_t) sprintf (out + 1 + len, "#%02x", sum & 0xff);
}

static void
peer_send_packet (int fd, const char *payload)
{
  char frame[256];
  peer_write (fd, frame, make_frame (frame, payload, strlen (payload)));
}

/* Up to N bytes, waiting at most WAIT_MS for each; NUL-terminated.  */
static size_t
peer_read_wait (int fd, char *buf, size_t n, int wait_ms)
{
  size_t got = 0;
  struct pollfd p = { .fd = fd, .events = POLLIN };
  while (got < n && poll (&p, 1, wait_ms) == 1)
    {
      ssize_t r = read (fd, buf + got, n - got);
      if (r <= 0)
        break;
      got += (size_t) r;
    }
  buf[got] = '\0';
  return got;
}

static bool
peer_receives (int fd, const char *expected)
{
  char buf[512];
  size_t n = strlen (expected);
  return peer_read_wait (fd, buf, n, 2000) == n
         && memcmp (buf, expected, n) == 0;
}

static bool
peer_quiet (int fd)
{
  char buf[16];
  return peer_read_wait (fd, buf, sizeof buf - 1, 50) == 0;
}

static bool
read_is (struct rsp_conn *conn, enum rsp_event expected, const char *payload)
{
  const char *got;
  size_t len;
  enum rsp_event e = rsp_read_packet (conn, &got, &len);
  if (e != expected)
    return false;
  return !payload || (len == strlen (payload) && strcmp (got, payload) == 0);
}

static void
sleep_ms (int ms)
{
  struct timespec t = { ms / 1000, (long) (ms % 1000) * 1000000 };
  nanosleep (&t, NULL);
}

/* A GDB that acts after the server has started waiting.  */
struct delayed
{
  int fd;
  int delay_ms;
  const char *bytes; /* NULL: close FD instead */
};

static void *
delayed_peer (void *arg)
{
  struct delayed *d = arg;
  sleep_ms (d->delay_ms);
  if (d->bytes)
    peer_send (d->fd, d->bytes);
  else
    close (d->fd);
  return NULL;
}

/* ---- Reading ---------------------------------------------------------- */

static void
test_good_packets (void)
{
  struct session s = open_session ();
  peer_send_packet (s.peer, "qSupported:multiprocess+;swbreak+");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_PACKET, "qSupported:multiprocess+;swbreak+"),
         "good packet: payload");
  check (read_is (s.conn, RSP_PACKET, "g"), "good packet: second in a row");
  check (peer_receives (s.peer, "++") && peer_quiet (s.peer),
         "good packet: each acknowledged once");
  peer_send (s.peer, "$#00");
  check (read_is (s.conn, RSP_PACKET, ""), "good packet: empty");
  peer_send (s.peer, "$qC#B4");
  check (read_is (s.conn, RSP_PACKET, "qC"),
         "good packet: checksum in capitals");
  close_session (&s);
}

static void
test_bad_checksum (void)
{
  struct session s = open_session ();
  peer_send (s.peer, "$g#00");
  peer_send (s.peer, "$g#zz");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_PACKET, "g"),
         "bad checksum: resent packet read");
  check (peer_receives (s.peer, "--+") && peer_quiet (s.peer),
         "bad checksum: `-` twice, then `+`");
  close_session (&s);
}

static void
test_no_ack_mode (void)
{
  struct session s = open_session ();
  peer_send_packet (s.peer, "QStartNoAckMode");
  check (read_is (s.conn, RSP_PACKET, "QStartNoAckMode"),
         "no-ack: request read");
  check (peer_receives (s.peer, "+"), "no-ack: request acknowledged");
  peer_send (s.peer, "+"); /* GDB acknowledges the OK, its last ack */
  check (rsp_send_text (s.conn, "OK") && peer_receives (s.peer, "$OK#9a"),
         "no-ack: OK sent and acknowledged");
  s.conn->no_ack = true;

  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_PACKET, "g") && peer_quiet (s.peer),
         "no-ack: packet read without an ack");
  check (rsp_send_text (s.conn, "S05") && peer_receives (s.peer, "$S05#b8"),
         "no-ack: reply sent without waiting");
  peer_send (s.peer, "$g#00");
  peer_send_packet (s.peer, "s");
  check (read_is (s.conn, RSP_BAD_PACKET, NULL)
         && strstr (s.conn->error.message, "checksum") && peer_quiet (s.peer),
         "no-ack: bad checksum is an error event, no `-`");
  check (read_is (s.conn, RSP_PACKET, "s"), "no-ack: next packet read");
  close_session (&s);
}

static void
test_escapes (void)
{
  struct session s = open_session ();
  /* X packet data: # $ } * and 0x03, the first four escaped.  */
  static const char payload[] = "X10,5:}\x03}\x04}]}\x0a\x03";
  char frame[64];
  peer_write (s.peer, frame, make_frame (frame, payload, sizeof payload - 1));
  const char *got;
  size_t len;
  uint64_t addr = 0;
  const unsigned char *data = NULL;
  size_t size = 0;
  check (rsp_read_packet (s.conn, &got, &len) == RSP_PACKET
         && rsp_parse_binary_write (got, len, &addr, &data, &size)
         && addr == 0x10 && size == 5 && memcmp (data, "#$}*\x03", 5) == 0,
         "escapes: X packet data decoded");

  static const char binary[] = "X0,3:a\0b";
  peer_write (s.peer, frame, make_frame (frame, binary, sizeof binary - 1));
  check (rsp_read_packet (s.conn, &got, &len) == RSP_PACKET && len == 8
         && memcmp (got, binary, 8) == 0,
         "escapes: NUL in binary data kept");

  peer_send_packet (s.peer, "X0,1:}");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_BAD_PACKET, NULL)
         && read_is (s.conn, RSP_PACKET, "g"),
         "escapes: escape at the end is an error, next packet read");
  close_session (&s);
}

static void
test_run_length_input (void)
{
  struct session s = open_session ();
  peer_send_packet (s.peer, "0* ");       /* 0 and 3 more */
  peer_send_packet (s.peer, "a*\"b");     /* a and 5 more, then b */
  peer_send_packet (s.peer, "x*!*!");     /* runs repeat what came out */
  peer_send_packet (s.peer, "}]*!");      /* runs come before escapes */
  check (read_is (s.conn, RSP_PACKET, "0000"), "run-length: 0* is 0000");
  check (read_is (s.conn, RSP_PACKET, "aaaaaab"), "run-length: count 5");
  check (read_is (s.conn, RSP_PACKET, "xxxxxxxxx"), "run-length: two runs");
  check (read_is (s.conn, RSP_PACKET, "}]]]]"),
         "run-length: expanded before escapes are undone");
  peer_send_packet (s.peer, "*a");
  peer_send_packet (s.peer, "a*");
  peer_send_packet (s.peer, "a*\x01");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_BAD_PACKET, NULL)
         && read_is (s.conn, RSP_BAD_PACKET, NULL)
         && read_is (s.conn, RSP_BAD_PACKET, NULL),
         "run-length: no character, no count, negative count are errors");
  check (read_is (s.conn, RSP_PACKET, "g"), "run-length: next packet read");
  close_session (&s);
}

static void
test_oversized (void)
{
  struct session s = open_session ();
  size_t n = RSP_MAX_PACKET + 100;
  char *frame = malloc (n + 8), *payload = malloc (n);
  memset (payload, 'a', n);
  size_t len = make_frame (frame, payload, n);
  peer_write (s.peer, frame, len);
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_BAD_PACKET, NULL)
         && strstr (s.conn->error.message, "longer"),
         "oversized: error event");
  check (read_is (s.conn, RSP_PACKET, "g"), "oversized: next packet read");
  check (peer_receives (s.peer, "++"),
         "oversized: acknowledged, so GDB does not resend it");

  /* Short enough as sent, too long once expanded.  */
  size_t runs = RSP_MAX_PACKET / 98 + 1, at = 0;
  for (size_t i = 0; i < runs; i++)
    at += (size_t) sprintf (payload + at, "a*~");
  frame = realloc (frame, at + 8);
  peer_write (s.peer, frame, make_frame (frame, payload, at));
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_BAD_PACKET, NULL)
         && read_is (s.conn, RSP_PACKET, "g"),
         "oversized: after run-length expansion too");

  memset (payload, 'b', RSP_MAX_PACKET);
  frame = realloc (frame, RSP_MAX_PACKET + 8);
  peer_write (s.peer, frame, make_frame (frame, payload, RSP_MAX_PACKET));
  const char *got;
  size_t got_len;
  check (rsp_read_packet (s.conn, &got, &got_len) == RSP_PACKET
         && got_len == RSP_MAX_PACKET && got[got_len] == '\0',
         "oversized: exactly the maximum is accepted");
  free (frame);
  free (payload);
  close_session (&s);
}

static void
test_garbage (void)
{
  struct session s = open_session ();
  peer_send (s.peer, "+-junk\r\n#00");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_PACKET, "g"), "garbage before $: skipped");
  peer_send (s.peer, "$m0,4");   /* cut off by a new packet */
  peer_send_packet (s.peer, "c");
  check (read_is (s.conn, RSP_PACKET, "c"),
         "garbage: a $ inside a packet restarts it");
  close_session (&s);
}

/* ---- Interrupts ------------------------------------------------------- */

static void
test_interrupt_between_packets (void)
{
  struct session s = open_session ();
  peer_send (s.peer, "\x03");
  peer_send_packet (s.peer, "g");
  check (read_is (s.conn, RSP_INTERRUPT, NULL), "interrupt: read as an event");
  check (read_is (s.conn, RSP_PACKET, "g") && peer_receives (s.peer, "+")
         && peer_quiet (s.peer),
         "interrupt: not acknowledged, next packet read");
  close_session (&s);
}

static void
test_poll (void)
{
  struct session s = open_session ();
  check (!rsp_poll_interrupt (s.conn), "poll: nothing there");

  struct delayed d = { s.peer, 50, "\x03" };
  pthread_t thread;
  pthread_create (&thread, NULL, delayed_peer, &d);
  bool stopped = false;
  for (int slice = 0; slice < 4000 && !stopped; slice++)
    {
      sleep_ms (1); /* a slice of a long run */
      stopped = rsp_poll_interrupt (s.conn);
    }
  pthread_join (thread, NULL);
  check (stopped, "poll: interrupt during a run");
  check (!rsp_poll_interrupt (s.conn), "poll: interrupt taken once");

  peer_send_packet (s.peer, "m0,4");
  sleep_ms (20);
  check (!rsp_poll_interrupt (s.conn)
         && read_is (s.conn, RSP_PACKET, "m0,4"),
         "poll: bytes of a packet kept for the reader");

  peer_send (s.peer, "+\x03");
  peer_send_packet (s.peer, "g");
  sleep_ms (20);
  check (rsp_poll_interrupt (s.conn) && read_is (s.conn, RSP_PACKET, "g"),
         "poll: interrupt taken from before a packet, packet kept");

  peer_send_packet (s.peer, "g");
  peer_send (s.peer, "\x03");
  sleep_ms (20);
  check (!rsp_poll_interrupt (s.conn) && read_is (s.conn, RSP_PACKET, "g")
         && read_is (s.conn, RSP_INTERRUPT, NULL),
         "poll: interrupt behind a packet left in order");

  static const char with_03[] = "X0,1:\x03";
  char frame[32];
  peer_write (s.peer, frame, make_frame (frame, with_03, sizeof with_03 - 1));
  sleep_ms (20);
  check (!rsp_poll_interrupt (s.conn)
         && read_is (s.conn, RSP_PACKET, with_03),
         "poll: 0x03 inside a packet is data");

  /* Polls while the reader's buffer is full or part-consumed.  */
  static char big[3 * RSP_PACKET_SIZE / 4 + 1];
  memset (big, 'q', sizeof big - 1);
  char *frame_big = malloc (sizeof big + 8);
  size_t frame_len = make_frame (frame_big, big, sizeof big - 1);
  for (int i = 0; i < 2; i++)
    peer_write (s.peer, frame_big, frame_len);
  peer_send (s.peer, "\x03");
  bool kept = !rsp_poll_interrupt (s.conn) && !rsp_poll_interrupt (s.conn)
              && read_is (s.conn, RSP_PACKET, big);
  for (int i = 0; i < 8; i++)
    kept = kept && !rsp_poll_interrupt (s.conn);
  check (kept && read_is (s.conn, RSP_PACKET, big)
         && rsp_poll_interrupt (s.conn),
         "poll: a full buffer loses nothing");
  free (frame_big);
  peer_read_wait (s.peer, frame, sizeof frame - 1, 50);

  peer_send (s.peer, "\x03+"); /* arrives while the server awaits its ack */
  check (rsp_send_text (s.conn, "OK") && rsp_poll_interrupt (s.conn),
         "poll: interrupt during an ack wait kept");
  peer_send (s.peer, "\x03+");
  check (rsp_send_text (s.conn, "OK") && read_is (s.conn, RSP_INTERRUPT, NULL),
         "interrupt: during an ack wait, read as an event");
  close_session (&s);
}

/* ---- Sending ---------------------------------------------------------- */

static void
test_send (void)
{
  struct session s = open_session ();
  peer_send (s.peer, "+");
  check (rsp_send_text (s.conn, "OK") && peer_receives (s.peer, "$OK#9a")
         && peer_quiet (s.peer),
         "send: framed, acknowledged");

  peer_send (s.peer, "-+");
  check (rsp_send_text (s.conn, "OK")
         && peer_receives (s.peer, "$OK#9a$OK#9a"),
         "send: resent on `-`");

  for (int i = 0; i <= RSP_MAX_RESENDS; i++)
    peer_send (s.peer, "-");
  check (!rsp_send_text (s.conn, "OK")
         && strstr (s.conn->error.message, "refused"),
         "send: gives up after bounded resends");
  char sink[4096];
  peer_read_wait (s.peer, sink, sizeof sink - 1, 50);

  peer_send (s.peer, "+");
  char expected[64];
  static const unsigned char special[] = "a$#}*b";
  static const char escaped[] = "a}\x04}\x03}]}\x0a" "b";
  make_frame (expected, escaped, sizeof escaped - 1);
  check (rsp_send_packet (s.conn, special, 6)
         && peer_receives (s.peer, expected),
         "send: $ # } * escaped");

  peer_send_packet (s.peer, "g"); /* GDB went on without an ack */
  check (rsp_send_text (s.conn, "OK") && read_is (s.conn, RSP_PACKET, "g"),
         "send: a packet instead of an ack is kept");
  peer_read_wait (s.peer, sink, sizeof sink - 1, 50);

  s.conn->rle_replies = true;
  peer_send (s.peer, "+");
  make_frame (expected, "0*&", 3);
  check (rsp_send_text (s.conn, "0000000000")
         && peer_receives (s.peer, expected),
         "send: run-length encoded when asked");
  peer_send (s.peer, "+");
  make_frame (expected, "0*\"00", 5); /* 7 more would be '$', 6 '#' */
  check (rsp_send_text (s.conn, "00000000")
         && peer_receives (s.peer, expected),
         "send: run counts that read as $ or # avoided");
  close_session (&s);
}

/* Replies go out through one connection and come back in through another,
 * whatever the bytes and with either encoding.  */
static void
test_round_trip (void)
{
  struct session out = open_session (), in = open_session ();
  out.conn->no_ack = in.conn->no_ack = true;
  unsigned seed = 12345;
  bool ok = true;
  static unsigned char data[RSP_PACKET_SIZE];
  static char frame[2 * RSP_PACKET_SIZE + 8];
  for (int round = 0; round < 400 && ok; round++)
    {
      out.conn->rle_replies = round & 1;
      size_t len = (size_t) (rand_r (&seed) % 3000);
      for (size_t i = 0; i < len;)
        {
          unsigned char b = (unsigned char) rand_r (&seed);
          size_t run = rand_r (&seed) % 4 ? 1 : rand_r (&seed) % 200u;
          for (; run > 0 && i < len; run--)
            data[i++] = b;
        }
      ok = rsp_send_packet (out.conn, data, len);
      /* One frame: it ends at its only '#' and two digits.  */
      size_t n = 0;
      char *hash = NULL;
      while (ok && !(hash && frame + n >= hash + 3))
        {
          size_t got = peer_read_wait (out.peer, frame + n,
                                       sizeof frame - 1 - n, 0);
          if (got == 0)
            ok = peer_read_wait (out.peer, frame + n, 1, 2000) == 1,
            got = ok;
          n += got;
          hash = memchr (frame, '#', n);
        }
      peer_write (in.peer, frame, n);
      const char *got;
      size_t got_len;
      ok = ok && rsp_read_packet (in.conn, &got, &got_len) == RSP_PACKET
           && got_len == len && memcmp (got, data, len) == 0;
    }
  check (ok, "send: 400 random replies decode back (RLE on and off)");
  close_session (&out);
  close_session (&in);
}

static void
test_pipes (void)
{
  int to_server[2], from_server[2];
  if (pipe (to_server) < 0 || pipe (from_server) < 0)
    exit (2);
  struct rsp_conn *conn = malloc (sizeof *conn);
  rsp_init (conn, to_server[0], from_server[1]);
  peer_send_packet (to_server[1], "g");
  check (read_is (conn, RSP_PACKET, "g")
         && peer_receives (from_server[0], "+"),
         "pipes: packet read, ack written");
  peer_send (to_server[1], "+");
  check (rsp_send_text (conn, "OK")
         && peer_receives (from_server[0], "$OK#9a"),
         "pipes: reply written");
  close (from_server[0]);
  check (!rsp_send_text (conn, "OK")
         && strstr (conn->error.message, strerror (EPIPE)),
         "pipes: GDB gone is an error (SIGPIPE ignored)");
  close (to_server[0]);
  close (to_server[1]);
  close (from_server[1]);
  free (conn);
}

static void
test_eof (void)
{
  struct session s = open_session ();
  struct delayed d = { s.peer, 50, NULL };
  pthread_t thread;
  pthread_create (&thread, NULL, delayed_peer, &d);
  check (read_is (s.conn, RSP_CLOSED, NULL)
         && strstr (s.conn->error.message, "closed"),
         "eof: closed while waiting");
  pthread_join (thread, NULL);
  s.peer = -1;
  check (read_is (s.conn, RSP_CLOSED, NULL) && rsp_poll_interrupt (s.conn)
         && !rsp_send_text (s.conn, "OK"),
         "eof: stays closed; poll stops the run; send fails");
  close_session (&s);

  s = open_session ();
  peer_send (s.peer, "$g#6");
  close (s.peer);
  s.peer = -1;
  check (read_is (s.conn, RSP_CLOSED, NULL), "eof: inside a packet");
  close_session (&s);

  s = open_session ();
  close (s.peer);
  s.peer = -1;
  check (rsp_poll_interrupt (s.conn) && read_is (s.conn, RSP_CLOSED, NULL),
         "eof: seen by a poll, then by the reader");
  close_session (&s);

  s = open_session ();
  peer_send_packet (s.peer, "k");
  close (s.peer);
  s.peer = -1;
  check (read_is (s.conn, RSP_PACKET, "k")
         && read_is (s.conn, RSP_CLOSED, NULL),
         "eof: a last packet before it still read");
  close_session (&s);
}

/* ---- Payload helpers -------------------------------------------------- */

static void
test_hex (void)
{
  const char *end;
  uint64_t v = 7;
  check (rsp_parse_hex ("1f,4", &end, &v) && v == 0x1f && *end == ',',
         "hex number: with end pointer");
  check (rsp_parse_hex ("FFFFffffFFFFffff", &end, &v) && v == UINT64_MAX
         && *end == '\0',
         "hex number: 64 bits");
  check (rsp_parse_hex ("0000000000000000000000001", &end, &v) && v == 1,
         "hex number: leading zeros");
  static const char big[] = "10000000000000000";
  v = 7;
  check (!rsp_parse_hex (big, &end, &v) && end == big && v == 7,
         "hex number: overflow refused");
  check (!rsp_parse_hex (",1", &end, &v) && !rsp_parse_hex ("", NULL, &v),
         "hex number: no digits refused");

  unsigned char bytes[4];
  static const char hex[] = "0aFf7";
  check (rsp_hex_decode (bytes, sizeof bytes, hex, &end) == 2
         && bytes[0] == 0x0a && bytes[1] == 0xff && end == hex + 4,
         "hex bytes: stops at a half pair");
  check (rsp_hex_decode (bytes, 1, "0102", &end) == 1 && *end == '0'
         && rsp_hex_decode (bytes, 4, "", NULL) == 0,
         "hex bytes: stops at the maximum and at the end");

  uint64_t addr;
  const unsigned char *data;
  size_t size;
  check (rsp_parse_binary_write ("X1000,0:", 8, &addr, &data, &size)
         && addr == 0x1000 && size == 0,
         "X packet: empty probe");
  check (!rsp_parse_binary_write ("X0,3:ab", 7, &addr, &data, &size)
         && !rsp_parse_binary_write ("X0,2ab", 6, &addr, &data, &size)
         && !rsp_parse_binary_write ("X,2:ab", 6, &addr, &data, &size)
         && !rsp_parse_binary_write ("M0,1:ab", 7, &addr, &data, &size)
         && !rsp_parse_binary_write ("X0,1:ab", 7, &addr, &data, &size),
         "X packet: wrong length or shape refused");
}

static void
test_buffer (void)
{
  struct rsp_buf b = { 0 };
  rsp_buf_add_text (&b, "T05");
  rsp_buf_add_format (&b, "%02x:", 10);
  rsp_buf_add_hex (&b, "\x01\xab", 2);
  rsp_buf_add (&b, ";", 1);
  check (!b.failed && strcmp (b.data, "T050a:01ab;") == 0 && b.len == 11,
         "buffer: text, format, hex");
  rsp_buf_clear (&b);
  check (b.len == 0 && b.data[0] == '\0' && b.cap > 0,
         "buffer: cleared, memory kept");
  for (int i = 0; i < 10000; i++)
    rsp_buf_add_format (&b, "%d,", i);
  check (!b.failed && b.len == strlen (b.data) && b.len > 40000,
         "buffer: grows");

  static const char xml[] = "<target>*$#}</target>";
  size_t size = sizeof xml - 1;
  rsp_buf_clear (&b);
  rsp_buf_add_xfer (&b, xml, size, 0, 8);
  check (b.len == 9 && memcmp (b.data, "m<target>", 9) == 0,
         "qXfer: m and a chunk when more follows");
  rsp_buf_clear (&b);
  rsp_buf_add_xfer (&b, xml, size, 8, 1000);
  check (b.len == size - 8 + 1 && b.data[0] == 'l'
         && memcmp (b.data + 1, xml + 8, size - 8) == 0,
         "qXfer: l and the rest when last");
  rsp_buf_clear (&b);
  rsp_buf_add_xfer (&b, xml, size, size + 5, 10);
  check (b.len == 1 && b.data[0] == 'l', "qXfer: l alone past the end");

  struct session s = open_session ();
  peer_send (s.peer, "+");
  rsp_buf_clear (&b);
  rsp_buf_add_xfer (&b, xml, size, 8, 1000);
  char expected[64];
  static const char sent[] = "l}\x0a}\x04}\x03}]</target>";
  make_frame (expected, sent, sizeof sent - 1);
  check (rsp_send_packet (s.conn, b.data, b.len)
         && peer_receives (s.peer, expected),
         "qXfer: reply escaped when sent");
  close_session (&s);
  rsp_buf_free (&b);
  check (b.data == NULL && b.len == 0, "buffer: freed");
}

/* ---- TCP -------------------------------------------------------------- */

struct client
{
  unsigned port;
  bool sent;
};

static void *
tcp_client (void *arg)
{
  struct client *c = arg;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET,
                           .sin_port = htons ((uint16_t) c->port),
                           .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  if (connect (fd, (struct sockaddr *) &a, sizeof a) == 0)
    {
      peer_send_packet (fd, "qSupported");
      char ack[2];
      c->sent = peer_read_wait (fd, ack, 1, 2000) == 1 && ack[0] == '+';
    }
  close (fd);
  return NULL;
}

static bool
can_connect (unsigned port)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET,
                           .sin_port = htons ((uint16_t) port),
                           .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  bool ok = connect (fd, (struct sockaddr *) &a, sizeof a) == 0;
  close (fd);
  return ok;
}

static void
test_tcp (void)
{
  struct rsp_error err = { "" };
  unsigned port = 0;
  int listener = rsp_tcp_listen ("0", &port, &err);
  check (listener >= 0 && port > 0, "tcp: port 0 gives an ephemeral port");

  char spec[32];
  snprintf (spec, sizeof spec, ":%u", port);
  check (rsp_tcp_listen (spec, NULL, &err) < 0
         && strstr (err.message, "127.0.0.1:")
         && strstr (err.message, strerror (EADDRINUSE)),
         "tcp: port in use, message names host:port and the reason");

  struct client client = { port, false };
  pthread_t thread;
  pthread_create (&thread, NULL, tcp_client, &client);
  int fd = rsp_tcp_accept_one (listener, &err);
  struct rsp_conn *conn = malloc (sizeof *conn);
  rsp_init (conn, fd, fd);
  check (fd >= 0 && read_is (conn, RSP_PACKET, "qSupported"),
         "tcp: one client accepted, packet read");
  pthread_join (thread, NULL);
  check (client.sent, "tcp: client got its ack");
  check (!can_connect (port), "tcp: listener closed after the accept");
  check (read_is (conn, RSP_CLOSED, NULL), "tcp: client gone is closed");
  close (fd);
  free (conn);

  unsigned other = 0;
  listener = rsp_tcp_listen ("127.0.0.1:0", &other, &err);
  check (listener >= 0 && other > 0, "tcp: explicit host");
  if (listener >= 0)
    close (listener);
  listener = rsp_tcp_listen ("[::1]:0", &other, &err);
  check (listener >= 0 ? other > 0 : strstr (err.message, "[::1]:0") != NULL,
         "tcp: IPv6 address in brackets");
  if (listener >= 0)
    close (listener);
  check (rsp_tcp_listen ("127.0.0.1:65536", NULL, &err) < 0
         && strstr (err.message, "127.0.0.1:65536")
         && rsp_tcp_listen ("x:", NULL, &err) < 0
         && rsp_tcp_listen ("[::1", NULL, &err) < 0,
         "tcp: bad specifications refused");
  check (rsp_tcp_listen ("192.0.2.1:1234", NULL, &err) < 0
         && strstr (err.message, "cannot listen on 192.0.2.1:1234: "),
         "tcp: unbindable address, message names it");
}

int
main (void)
{
  signal (SIGPIPE, SIG_IGN); /* as the server does */
  alarm (60);                /* a hang is a failure too */
  setvbuf (stdout, NULL, _IOLBF, 0);
  test_good_packets ();
  test_bad_checksum ();
  test_no_ack_mode ();
  test_escapes ();
  test_run_length_input ();
  test_oversized ();
  test_garbage ();
  test_interrupt_between_packets ();
  test_poll ();
  test_send ();
  test_round_trip ();
  test_pipes ();
  test_eof ();
  test_hex ();
  test_buffer ();
  test_tcp ();
  return failures ? 1 : 0;
}
