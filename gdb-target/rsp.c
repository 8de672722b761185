/* rsp.c — GDB's remote serial protocol, the transport and the packet
 * codec (see rsp.h).  Framing and encodings as described in the "Remote
 * Protocol" appendix of the GDB manual.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1 /* accept4 */
#include "rsp.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define INTERRUPT_BYTE 0x03
#define ESCAPE_BYTE '}'
#define RUN_BYTE '*'
/* A run-length count N travels as the character N + 29; the largest is
 * '~' (126).  */
#define RUN_COUNT_BIAS 29
#define RUN_MAX_EXTRA (126 - RUN_COUNT_BIAS)

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static const char hex_digits[] = "0123456789abcdef";

static void
set_error (struct rsp_error *err, const char *format, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
set_error (struct rsp_error *err, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  vsnprintf (err->message, sizeof err->message, format, ap);
  va_end (ap);
}

/* ---- Bytes in and out ------------------------------------------------- */

void
rsp_init (struct rsp_conn *conn, int in_fd, int out_fd)
{
  memset (conn, 0, sizeof *conn);
  conn->in_fd = in_fd;
  conn->out_fd = out_fd;
}

/* Once closed, a connection stays closed with its first reason, so the
 * server's last message says why the session ended.  */
static void
mark_closed (struct rsp_conn *c, const char *why, int errnum)
{
  if (c->closed)
    return;
  c->closed = true;
  if (errnum)
    set_error (&c->error, "%s: %s", why, strerror (errnum));
  else
    set_error (&c->error, "%s", why);
}

/* Reads whatever is there (blocking if nothing is) behind the buffered
 * bytes, so that bytes a poll read are never lost.  */
static bool
read_more (struct rsp_conn *c)
{
  if (c->closed)
    return false;
  if (c->in_start == c->in_end)
    c->in_start = c->in_end = 0;
  else if (c->in_end == sizeof c->in)
    {
      memmove (c->in, c->in + c->in_start, c->in_end - c->in_start);
      c->in_end -= c->in_start;
      c->in_start = 0;
    }
  if (c->in_end == sizeof c->in)
    return true;
  ssize_t n;
  do
    n = read (c->in_fd, c->in + c->in_end, sizeof c->in - c->in_end);
  while (n < 0 && errno == EINTR);
  if (n > 0)
    {
      c->in_end += (size_t) n;
      return true;
    }
  mark_closed (c, n == 0 ? "GDB closed the connection" : "reading from GDB",
               n == 0 ? 0 : errno);
  return false;
}

/* The next byte without taking it, or -1 when the connection is over.  */
static int
peek_byte (struct rsp_conn *c)
{
  if (c->in_start == c->in_end && !read_more (c))
    return -1;
  return c->in[c->in_start];
}

static int
next_byte (struct rsp_conn *c)
{
  int b = peek_byte (c);
  if (b >= 0)
    c->in_start++;
  return b;
}

/* send with MSG_NOSIGNAL where it can (a socket), so that a vanished
 * peer is an error rather than SIGPIPE; write otherwise (a pipe).  */
static bool
write_all (struct rsp_conn *c, const void *data, size_t len)
{
  const unsigned char *p = data;
  while (len > 0 && !c->closed)
    {
      ssize_t n;
      if (!c->out_not_socket)
        {
          n = send (c->out_fd, p, len, MSG_NOSIGNAL);
          if (n < 0 && errno == ENOTSOCK)
            {
              c->out_not_socket = true;
              continue;
            }
        }
      else
        n = write (c->out_fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          mark_closed (c, "writing to GDB", n < 0 ? errno : EIO);
          return false;
        }
      p += n;
      len -= (size_t) n;
    }
  return !c->closed;
}

/* ---- Reading packets -------------------------------------------------- */

/* Expands run-length encoding, then undoes `}` escapes: the order GDB
 * encodes in reverse, since a run repeats a character as sent.  Returns
 * NULL, or what is wrong with RAW.  */
static const char *
decode_payload (const unsigned char *raw, size_t n, char *out, size_t *len)
{
  size_t o = 0;
  bool escaped = false;
  int previous = -1;
  for (size_t i = 0; i < n; i++)
    {
      int c = raw[i];
      int count = 1;
      if (c == RUN_BYTE)
        {
          if (previous < 0 || i + 1 == n)
            return "a run-length mark without a character or a count";
          count = raw[++i] - RUN_COUNT_BIAS;
          if (count < 0)
            return "a run-length count below 0";
          c = previous;
        }
      previous = c;
      for (; count > 0; count--)
        {
          if (!escaped && c == ESCAPE_BYTE)
            {
              escaped = true;
              continue;
            }
          if (o == RSP_MAX_PACKET)
            return "a packet longer than the most it may decode to";
          out[o++] = (char) (escaped ? c ^ 0x20 : c);
          escaped = false;
        }
    }
  if (escaped)
    return "an escape at the end of a packet";
  out[o] = '\0';
  *len = o;
  return NULL;
}

/* Acks only in ack mode: after no-ack mode is on, GDB sends none and
 * expects none.  An ack that cannot be written does not lose the packet:
 * the connection is marked closed, and the read after says so.  */
static void
acknowledge (struct rsp_conn *c, bool good)
{
  if (!c->no_ack)
    write_all (c, good ? "+" : "-", 1);
}

/* Reads the rest of a packet after its `$`: an rsp_event, or FRAME_REFUSED
 * when it was answered `-` and GDB will send it again.  */
enum { FRAME_REFUSED = -1 };

static int
read_frame (struct rsp_conn *c, size_t *len)
{
  size_t raw_len = 0;
  bool too_long = false;
  unsigned sum = 0;
  int b;
  while ((b = next_byte (c)) != '#')
    {
      if (b < 0)
        return RSP_CLOSED;
      if (b == '$')
        {
          /* The packet so far was cut off; this one replaces it.  */
          raw_len = 0, too_long = false, sum = 0;
          continue;
        }
      sum += (unsigned) b;
      if (raw_len < RSP_MAX_PACKET)
        c->raw[raw_len++] = (unsigned char) b;
      else
        too_long = true;
    }
  int high = next_byte (c);
  int low = high < 0 ? -1 : next_byte (c);
  if (low < 0)
    return RSP_CLOSED;
  high = hex_value (high), low = hex_value (low);
  bool intact = high >= 0 && low >= 0
                && (unsigned) (high << 4 | low) == (sum & 0xff);
  acknowledge (c, intact);
  if (!intact)
    {
      if (!c->no_ack)
        return FRAME_REFUSED;
      set_error (&c->error, "a packet with a bad checksum");
      return RSP_BAD_PACKET;
    }
  if (too_long)
    {
      set_error (&c->error, "a packet longer than %d bytes", RSP_MAX_PACKET);
      return RSP_BAD_PACKET;
    }
  const char *why = decode_payload (c->raw, raw_len, c->payload, len);
  if (why)
    {
      set_error (&c->error, "%s", why);
      return RSP_BAD_PACKET;
    }
  return RSP_PACKET;
}

enum rsp_event
rsp_read_packet (struct rsp_conn *conn, const char **payload, size_t *len)
{
  *payload = "";
  *len = 0;
  if (conn->interrupt_pending)
    {
      conn->interrupt_pending = false;
      return RSP_INTERRUPT;
    }
  for (;;)
    {
      int b = next_byte (conn);
      if (b < 0)
        return RSP_CLOSED;
      if (b == INTERRUPT_BYTE)
        return RSP_INTERRUPT;
      if (b != '$')
        continue; /* acks, and noise before a packet */
      size_t n = 0;
      int event = read_frame (conn, &n);
      if (event == FRAME_REFUSED)
        continue;
      if (event == RSP_PACKET)
        {
          *payload = conn->payload;
          *len = n;
        }
      return (enum rsp_event) event;
    }
}

/* Takes a 0x03 from the bytes before the next packet: inside a packet a
 * 0x03 is data.  */
static bool
take_buffered_interrupt (struct rsp_conn *c)
{
  for (size_t i = c->in_start; i < c->in_end && c->in[i] != '$'; i++)
    if (c->in[i] == INTERRUPT_BYTE)
      {
        memmove (c->in + i, c->in + i + 1, c->in_end - i - 1);
        c->in_end--;
        return true;
      }
  return false;
}

bool
rsp_poll_interrupt (struct rsp_conn *conn)
{
  if (conn->interrupt_pending)
    {
      conn->interrupt_pending = false;
      return true;
    }
  if (take_buffered_interrupt (conn))
    return true;
  if (conn->closed)
    return true;
  struct pollfd p = { .fd = conn->in_fd, .events = POLLIN };
  int ready;
  do
    ready = poll (&p, 1, 0);
  while (ready < 0 && errno == EINTR);
  if (ready < 0)
    {
      mark_closed (conn, "waiting for GDB", errno);
      return true;
    }
  if (ready == 0)
    return false;
  /* Readable, or hung up or in error, which the read then tells.  */
  if (!read_more (conn))
    return true;
  return take_buffered_interrupt (conn);
}

/* ---- Sending packets -------------------------------------------------- */

/* Frame bytes go out through conn->out, a chunk at a time.  */
static bool
put_byte (struct rsp_conn *c, unsigned char b)
{
  if (c->out_len == sizeof c->out)
    {
      if (!write_all (c, c->out, c->out_len))
        return false;
      c->out_len = 0;
    }
  c->out[c->out_len++] = b;
  return true;
}

static bool
put_summed (struct rsp_conn *c, unsigned char b, unsigned *sum)
{
  *sum += b;
  return put_byte (c, b);
}

static bool
must_escape (unsigned char b)
{
  return b == '$' || b == '#' || b == ESCAPE_BYTE || b == RUN_BYTE;
}

/* How many more copies of a character to fold into one run mark: none
 * when the run is too short to gain, and never a count whose character
 * has a meaning of its own in the protocol.  */
static size_t
run_extra (const unsigned char *data, size_t len, size_t i)
{
  size_t extra = 0;
  while (extra < RUN_MAX_EXTRA && i + 1 + extra < len
         && data[i + 1 + extra] == data[i])
    extra++;
  for (;;)
    {
      int mark = (int) extra + RUN_COUNT_BIAS;
      if (mark != '$' && mark != '#' && mark != '+' && mark != '-')
        break;
      extra--;
    }
  return extra >= 3 ? extra : 0;
}

static bool
send_frame (struct rsp_conn *c, const unsigned char *data, size_t len)
{
  unsigned sum = 0;
  c->out_len = 0;
  bool ok = put_byte (c, '$');
  for (size_t i = 0; ok && i < len; i++)
    {
      unsigned char b = data[i];
      if (must_escape (b))
        {
          ok = put_summed (c, ESCAPE_BYTE, &sum)
               && put_summed (c, b ^ 0x20, &sum);
          continue;
        }
      ok = put_summed (c, b, &sum);
      size_t extra = c->rle_replies ? run_extra (data, len, i) : 0;
      if (ok && extra)
        {
          ok = put_summed (c, RUN_BYTE, &sum)
               && put_summed (c, (unsigned char) (extra + RUN_COUNT_BIAS),
                              &sum);
          i += extra;
        }
    }
  ok = ok && put_byte (c, '#') && put_byte (c, hex_digits[sum >> 4 & 0xf])
       && put_byte (c, hex_digits[sum & 0xf]);
  return ok && write_all (c, c->out, c->out_len);
}

/* `+`, `-`, or -1 when the connection is over.  A `$` first means GDB
 * went on to its next packet, which is as good as an ack, and is left for
 * the reader.  */
static int
await_ack (struct rsp_conn *c)
{
  for (;;)
    {
      int b = peek_byte (c);
      if (b < 0)
        return -1;
      if (b == '$')
        return '+';
      c->in_start++;
      if (b == '+' || b == '-')
        return b;
      if (b == INTERRUPT_BYTE)
        c->interrupt_pending = true;
    }
}

bool
rsp_send_packet (struct rsp_conn *conn, const void *data, size_t len)
{
  for (int attempt = 0;; attempt++)
    {
      if (!send_frame (conn, data, len))
        return false;
      if (conn->no_ack)
        return true;
      int ack = await_ack (conn);
      if (ack == '+')
        return true;
      if (ack < 0)
        return false;
      if (attempt == RSP_MAX_RESENDS)
        {
          set_error (&conn->error, "GDB refused a reply %d times",
                     RSP_MAX_RESENDS + 1);
          return false;
        }
    }
}

bool
rsp_send_text (struct rsp_conn *conn, const char *text)
{
  return rsp_send_packet (conn, text, strlen (text));
}

/* ---- Payload decoding ------------------------------------------------- */

bool
rsp_parse_hex (const char *s, const char **end, uint64_t *value)
{
  const char *p = s;
  uint64_t v = 0;
  int digit;
  for (; (digit = hex_value (*p)) >= 0; p++)
    {
      if (v > UINT64_MAX >> 4)
        break;
      v = v << 4 | (uint64_t) digit;
    }
  bool ok = p > s && digit < 0;
  if (end)
    *end = ok ? p : s;
  if (ok)
    *value = v;
  return ok;
}

size_t
rsp_hex_decode (void *out, size_t max, const char *hex, const char **end)
{
  unsigned char *bytes = out;
  size_t n = 0;
  for (; n < max; n++, hex += 2)
    {
      int high = hex_value (hex[0]);
      int low = high < 0 ? -1 : hex_value (hex[1]);
      if (low < 0)
        break;
      bytes[n] = (unsigned char) (high << 4 | low);
    }
  if (end)
    *end = hex;
  return n;
}

bool
rsp_parse_binary_write (const char *payload, size_t len, uint64_t *addr,
                        const unsigned char **data, size_t *size)
{
  const char *p;
  uint64_t length;
  if (len == 0 || payload[0] != 'X'
      || !rsp_parse_hex (payload + 1, &p, addr) || *p != ','
      || !rsp_parse_hex (p + 1, &p, &length) || *p != ':')
    return false;
  size_t header = (size_t) (p + 1 - payload);
  if (header > len || len - header != length)
    return false;
  *data = (const unsigned char *) p + 1;
  *size = len - header;
  return true;
}

/* ---- Building replies ------------------------------------------------- */

static bool
reserve (struct rsp_buf *buf, size_t more)
{
  if (buf->failed)
    return false;
  if (more >= SIZE_MAX - buf->len)
    {
      buf->failed = true;
      return false;
    }
  size_t need = buf->len + more + 1;
  if (need <= buf->cap)
    return true;
  size_t cap = buf->cap ? buf->cap : 256;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *data = realloc (buf->data, cap);
  if (!data)
    {
      buf->failed = true;
      return false;
    }
  buf->data = data;
  buf->cap = cap;
  return true;
}

void
rsp_buf_free (struct rsp_buf *buf)
{
  free (buf->data);
  *buf = (struct rsp_buf) { 0 };
}

void
rsp_buf_clear (struct rsp_buf *buf)
{
  buf->len = 0;
  buf->failed = false;
  if (buf->data)
    buf->data[0] = '\0';
}

bool
rsp_buf_add (struct rsp_buf *buf, const void *data, size_t len)
{
  if (!reserve (buf, len))
    return false;
  if (len)
    memcpy (buf->data + buf->len, data, len);
  buf->len += len;
  buf->data[buf->len] = '\0';
  return true;
}

bool
rsp_buf_add_text (struct rsp_buf *buf, const char *text)
{
  return rsp_buf_add (buf, text, strlen (text));
}

bool
rsp_buf_add_hex (struct rsp_buf *buf, const void *bytes, size_t len)
{
  if (len > SIZE_MAX / 2)
    {
      buf->failed = true;
      return false;
    }
  if (!reserve (buf, 2 * len))
    return false;
  const unsigned char *b = bytes;
  char *out = buf->data + buf->len;
  for (size_t i = 0; i < len; i++)
    {
      *out++ = hex_digits[b[i] >> 4];
      *out++ = hex_digits[b[i] & 0xf];
    }
  buf->len += 2 * len;
  buf->data[buf->len] = '\0';
  return true;
}

bool
rsp_buf_add_format (struct rsp_buf *buf, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int n = vsnprintf (NULL, 0, format, ap);
  va_end (ap);
  if (n < 0)
    {
      buf->failed = true;
      return false;
    }
  if (!reserve (buf, (size_t) n))
    return false;
  va_start (ap, format);
  vsnprintf (buf->data + buf->len, (size_t) n + 1, format, ap);
  va_end (ap);
  buf->len += (size_t) n;
  return true;
}

bool
rsp_buf_add_xfer (struct rsp_buf *buf, const void *object, size_t size,
                  uint64_t offset, uint64_t length)
{
  const unsigned char *bytes = object;
  if (offset >= size)
    return rsp_buf_add (buf, "l", 1);
  size_t rest = size - (size_t) offset;
  if (length >= rest)
    return rsp_buf_add (buf, "l", 1)
           && rsp_buf_add (buf, bytes + offset, rest);
  return rsp_buf_add (buf, "m", 1)
         && rsp_buf_add (buf, bytes + offset, (size_t) length);
}

/* ---- TCP -------------------------------------------------------------- */

/* Splits SPEC into HOST (127.0.0.1 when not given) and a decimal PORT.  */
static bool
split_endpoint (const char *spec, char *host, size_t host_size,
                const char **port, struct rsp_error *err)
{
  const char *host_start = spec, *host_end = spec;
  *port = spec;
  if (spec[0] == '[')
    {
      const char *close = strchr (spec, ']');
      if (!close || close[1] != ':')
        {
          set_error (err, "%s: expected [ADDRESS]:PORT", spec);
          return false;
        }
      host_start = spec + 1, host_end = close;
      *port = close + 2;
    }
  else if (strrchr (spec, ':'))
    {
      host_end = strrchr (spec, ':');
      *port = host_end + 1;
    }
  size_t host_len = (size_t) (host_end - host_start);
  if (host_len >= host_size)
    {
      set_error (err, "%s: host name too long", spec);
      return false;
    }
  if (host_len == 0)
    snprintf (host, host_size, "127.0.0.1");
  else
    {
      memcpy (host, host_start, host_len);
      host[host_len] = '\0';
    }
  unsigned long number = 0;
  const char *p = *port;
  for (; *p >= '0' && *p <= '9' && number <= 65535; p++)
    number = number * 10 + (unsigned long) (*p - '0');
  if (p == *port || *p || number > 65535)
    {
      set_error (err, "%s: expected a port number from 0 to 65535", spec);
      return false;
    }
  return true;
}

int
rsp_tcp_listen (const char *spec, unsigned *port, struct rsp_error *err)
{
  char host[256];
  const char *port_text;
  if (!split_endpoint (spec, host, sizeof host, &port_text, err))
    return -1;
  char where[300]; /* host:port as the user would write it */
  snprintf (where, sizeof where, strchr (host, ':') ? "[%s]:%s" : "%s:%s",
            host, port_text);

  struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                            .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
  struct addrinfo *addresses;
  int status = getaddrinfo (host, port_text, &hints, &addresses);
  if (status != 0)
    {
      set_error (err, "cannot listen on %s: %s", where, gai_strerror (status));
      return -1;
    }
  int fd = -1, failure = 0;
  for (struct addrinfo *a = addresses; a && fd < 0; a = a->ai_next)
    {
      fd = socket (a->ai_family, a->ai_socktype | SOCK_CLOEXEC,
                   a->ai_protocol);
      if (fd < 0)
        {
          failure = errno;
          continue;
        }
      int on = 1;
      setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
      if (bind (fd, a->ai_addr, a->ai_addrlen) < 0 || listen (fd, 1) < 0)
        {
          failure = errno;
          close (fd);
          fd = -1;
        }
    }
  freeaddrinfo (addresses);
  if (fd < 0)
    {
      set_error (err, "cannot listen on %s: %s", where, strerror (failure));
      return -1;
    }
  struct sockaddr_storage bound;
  socklen_t bound_len = sizeof bound;
  if (getsockname (fd, (struct sockaddr *) &bound, &bound_len) < 0)
    {
      set_error (err, "cannot find the port of %s: %s", where,
                 strerror (errno));
      close (fd);
      return -1;
    }
  if (port)
    *port = ntohs (bound.ss_family == AF_INET6
                   ? ((struct sockaddr_in6 *) &bound)->sin6_port
                   : ((struct sockaddr_in *) &bound)->sin_port);
  return fd;
}

int
rsp_tcp_accept_one (int listen_fd, struct rsp_error *err)
{
  int fd;
  do
    fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    set_error (err, "cannot accept a connection from GDB: %s",
               strerror (errno));
  else
    {
      int on = 1;
      setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
  close (listen_fd);
  return fd;
}
