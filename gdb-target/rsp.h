/* rsp.h — the transport of GDB's remote serial protocol: packets framed
 * as $payload#checksum over a pair of file descriptors (stdin and stdout
 * for `target remote | ebpf-gdbserver ...`, or one TCP socket), their
 * acknowledgments, interrupts, and the encodings packet payloads use.
 * It knows nothing of the simulator: the server layer gives meaning to
 * the payloads.
 *
 * Payloads are delivered decoded (run-length encoding expanded, `}`
 * escapes undone) and replies are encoded on the way out (`$ # } *`
 * escaped, runs optionally compressed), so the server handles binary data
 * (X packets, qXfer replies) as plain bytes.  No call aborts or exits:
 * failures are return values with text in an rsp_error.  All state lives
 * in the connection.
 *
 * Writes to a closed pipe raise SIGPIPE; a server talking over stdout
 * should ignore SIGPIPE so that a vanished GDB is an error, not a kill.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef RSP_H
#define RSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the server advertises as PacketSize in qSupported: GDB then keeps
 * its packets (memory writes above all) to this many bytes.  */
#define RSP_PACKET_SIZE 16384
/* The longest payload read, raw or decoded: PacketSize plus slack for
 * GDB's framing arithmetic.  Longer packets are refused, not truncated.  */
#define RSP_MAX_PACKET (RSP_PACKET_SIZE + 256)
/* How often a reply is sent again on `-` before the peer is given up.  */
#define RSP_MAX_RESENDS 8

struct rsp_error
{
  char message[256];
};

/* ---- The connection --------------------------------------------------- */

struct rsp_conn
{
  int in_fd, out_fd;
  /* Both set by the server.  NO_ACK: after sending OK to QStartNoAckMode
   * (that OK is still acknowledged).  RLE_REPLIES: compresses runs in
   * replies; off by default because it only saves bandwidth.  */
  bool no_ack;
  bool rle_replies;
  /* Why the last call failed or the connection closed.  */
  struct rsp_error error;

  /* Private to rsp.c from here on.  */
  bool closed;
  bool interrupt_pending;
  bool out_not_socket;
  size_t in_start, in_end;
  unsigned char in[4096];
  size_t out_len;
  unsigned char out[1024];
  unsigned char raw[RSP_MAX_PACKET];
  char payload[RSP_MAX_PACKET + 1];
};

/* What reading brought.  */
enum rsp_event
{
  RSP_PACKET,     /* a packet, acknowledged; its payload is returned */
  RSP_INTERRUPT,  /* GDB's 0x03 between packets: stop the target */
  RSP_BAD_PACKET, /* intact but unusable (too long, bad encoding, or a bad
                     checksum in no-ack mode): reply E01 and go on */
  RSP_CLOSED      /* end of file or a read error: the session is over */
};

/* The descriptors stay the caller's: they are never closed here, so the
 * same code serves stdin/stdout and a socket given as both.  */
void rsp_init (struct rsp_conn *conn, int in_fd, int out_fd);

/* Blocks for the next packet or interrupt.  Acks, stray bytes and
 * packets with a bad checksum (answered `-`, so GDB sends them again) are
 * passed over here, so the server sees only events it must answer.  The
 * payload is NUL-terminated for text parsing, but may hold NULs (binary
 * data): use LEN.  It stays valid until the next read.  */
enum rsp_event rsp_read_packet (struct rsp_conn *conn, const char **payload,
                                size_t *len);

/* For a long run, called between slices of it: true when the run should
 * stop because GDB sent 0x03, or because GDB is gone (the next read then
 * says RSP_CLOSED).  Never blocks; bytes of a following packet read on
 * the way are kept for rsp_read_packet.  */
bool rsp_poll_interrupt (struct rsp_conn *conn);

/* Sends one reply and, unless in no-ack mode, waits for GDB's `+`,
 * resending on `-` up to RSP_MAX_RESENDS times.  An interrupt arriving
 * meanwhile is kept for the next read or poll, and a packet arriving
 * instead of the ack stands for it and is kept too.  False when the peer
 * is gone or keeps refusing, with conn->error saying which.  */
bool rsp_send_packet (struct rsp_conn *conn, const void *data, size_t len);
/* The same for the many short text replies ("OK", "E01", "S05").  */
bool rsp_send_text (struct rsp_conn *conn, const char *text);

/* ---- Payload decoding ------------------------------------------------- */

/* Reads a hex number at S (one digit at least, 64 bits at most, leading
 * zeros allowed); *END is left after the digits, or at S on failure, so
 * the caller can check the separator that follows.  False on no digits
 * or overflow.  */
bool rsp_parse_hex (const char *s, const char **end, uint64_t *value);

/* Decodes hex pairs at HEX into OUT until MAX bytes or a character that
 * is not a hex digit; returns the byte count, with *END (if not NULL)
 * after the last whole pair, so "M" data can be checked for length and
 * for nothing trailing.  */
size_t rsp_hex_decode (void *out, size_t max, const char *hex,
                       const char **end);

/* Splits an X packet's payload "Xaddr,length:data" (its data already
 * unescaped by the reader) and checks that the data has LENGTH bytes, so
 * a short or garbled write is refused before memory is touched.  */
bool rsp_parse_binary_write (const char *payload, size_t len, uint64_t *addr,
                             const unsigned char **data, size_t *size);

/* ---- Building replies ------------------------------------------------- */

/* A reply under construction.  Zero-initialised is empty.  An append that
 * cannot allocate returns false and leaves FAILED set, so a chain of
 * appends can be checked once before sending.  DATA is kept
 * NUL-terminated.  */
struct rsp_buf
{
  char *data;
  size_t len, cap;
  bool failed;
};

void rsp_buf_free (struct rsp_buf *buf);
/* Empties BUF but keeps its memory for the next reply.  */
void rsp_buf_clear (struct rsp_buf *buf);
/* Raw bytes: text, or binary data the sender escapes.  */
bool rsp_buf_add (struct rsp_buf *buf, const void *data, size_t len);
bool rsp_buf_add_text (struct rsp_buf *buf, const char *text);
/* Two lowercase hex digits a byte, as registers and memory are sent.  */
bool rsp_buf_add_hex (struct rsp_buf *buf, const void *bytes, size_t len);
bool rsp_buf_add_format (struct rsp_buf *buf, const char *format, ...)
  __attribute__ ((format (printf, 2, 3)));
/* A qXfer read reply for OFFSET,LENGTH of an object of SIZE bytes: `m`
 * and the chunk when more follows, `l` and the rest when it is the last
 * (an empty `l` past the end).  The bytes go raw; sending escapes them.  */
bool rsp_buf_add_xfer (struct rsp_buf *buf, const void *object, size_t size,
                       uint64_t offset, uint64_t length);

/* ---- TCP -------------------------------------------------------------- */

/* Listens on SPEC: "PORT", ":PORT" (both 127.0.0.1, as a debugger port
 * should not be reachable from elsewhere unless asked), "HOST:PORT" or
 * "[IPV6]:PORT".  Port 0 picks a free one, stored in *PORT (which may be
 * NULL) so that tests and the user learn where to connect.  Returns the
 * listening socket, or -1 with ERR naming host:port and the reason.  */
int rsp_tcp_listen (const char *spec, unsigned *port, struct rsp_error *err);

/* Waits for one client on LISTEN_FD and closes LISTEN_FD: a session has
 * one GDB, and the port should not stay open behind it.  Returns the
 * client's socket (Nagle off: packets are small and answered at once), or
 * -1 with ERR set.  */
int rsp_tcp_accept_one (int listen_fd, struct rsp_error *err);

#endif /* RSP_H */
