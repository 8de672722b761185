/* out-file.c — output files that appear whole or not at all (see
 * out-file.h).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "out-file.h"

bool
ebpf_out_open (struct ebpf_out_file *o, const char *path)
{
  memset (o, 0, sizeof *o);
  o->fd = -1;
  o->path = strdup (path);
  if (o->path == NULL)
    return false;
  if (strcmp (path, "-") == 0)
    {
      o->fd = STDOUT_FILENO;
      return true;
    }
  size_t len = strlen (path) + 48;
  o->tmp = malloc (len);
  if (o->tmp == NULL)
    {
      free (o->path);
      return false;
    }
  for (unsigned attempt = 0; o->fd < 0 && attempt < 1000; attempt++)
    {
      snprintf (o->tmp, len, "%s.tmp%ld.%u", path, (long) getpid (), attempt);
      o->fd = open (o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (o->fd < 0 && errno != EEXIST)
        break;
    }
  if (o->fd < 0)
    {
      int saved = errno;
      free (o->tmp);
      free (o->path);
      o->tmp = o->path = NULL;
      errno = saved;
      return false;
    }
  return true;
}

FILE *
ebpf_out_stream (struct ebpf_out_file *o)
{
  if (o->stream == NULL)
    o->stream = o->tmp ? fdopen (o->fd, "wb") : stdout;
  return o->stream;
}

/* Closes what is open; false with errno when a write is lost.  */
static bool
close_out (struct ebpf_out_file *o)
{
  bool ok = true;
  if (o->stream && o->tmp)
    ok = fclose (o->stream) == 0;
  else if (o->stream)
    ok = fflush (o->stream) == 0;
  else if (o->tmp && o->fd >= 0)
    ok = close (o->fd) == 0;
  o->stream = NULL;
  o->fd = -1;
  return ok;
}

static void
release (struct ebpf_out_file *o)
{
  free (o->tmp);
  free (o->path);
  o->tmp = o->path = NULL;
}

bool
ebpf_out_commit (struct ebpf_out_file *o)
{
  bool ok = close_out (o);
  if (ok && o->tmp && rename (o->tmp, o->path) != 0)
    ok = false;
  int saved = errno;
  if (!ok && o->tmp)
    unlink (o->tmp);
  release (o);
  errno = saved;
  return ok;
}

void
ebpf_out_abandon (struct ebpf_out_file *o)
{
  int saved = errno;
  close_out (o);
  if (o->tmp)
    unlink (o->tmp);
  release (o);
  errno = saved;
}
