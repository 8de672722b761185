/* out-file.h — output files that appear whole or not at all: written to
 * a new file beside the path (the same file system, the umask's
 * permissions) and renamed over it once complete, so that a failed run
 * or a crash leaves an existing file as it was.  "-" is standard output,
 * written as it goes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_OUT_FILE_H
#define EBPF_OUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

struct ebpf_out_file
{
  char *path, *tmp;   /* tmp NULL for standard output */
  int fd;
  FILE *stream;       /* once ebpf_out_stream made it */
};

/* Opens the temporary file for PATH: false with errno.  */
bool ebpf_out_open (struct ebpf_out_file *o, const char *path);
/* A stdio stream over it (NULL with errno); ebpf_out_commit flushes it.  */
FILE *ebpf_out_stream (struct ebpf_out_file *o);
/* Closes it and renames it over PATH: false with errno, the temporary
 * removed and PATH untouched.  */
bool ebpf_out_commit (struct ebpf_out_file *o);
/* Closes and removes it: PATH stays as it was.  */
void ebpf_out_abandon (struct ebpf_out_file *o);

#endif
