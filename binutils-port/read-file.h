/* read-file.h — whole files and hex text into memory.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_READ_FILE_H
#define EBPF_READ_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Reads F to its end (whatever size it reports: files in /sys report a
 * wrong one) into a malloc'd buffer with a NUL after the last byte.  NULL
 * with errno set on failure: ENOMEM when out of memory, else the read's
 * error.  F stays open.  */
uint8_t *ebpf_read_stream (FILE *f, size_t *len);

/* Reads PATH ("-" for standard input) the same way.  NULL with errno set
 * on failure, the open's or the read's.  */
uint8_t *ebpf_read_file (const char *path, size_t *len);

/* True when TEXT (not empty) holds only hex digits, white space, commas,
 * "0x" prefixes and '#' comments: the form of hex dumps and of the
 * conformance suite's raw words.  */
bool ebpf_looks_like_hex (const uint8_t *text, size_t len);

/* Decodes hex text into bytes.  A token with "0x" is a 64-bit word of 16
 * digits stored little-endian (the conformance suite's -- raw form); other
 * tokens are byte sequences ("b7", "b7000000...").  Returns a malloc'd
 * buffer, or NULL with a message in ERR.  */
uint8_t *ebpf_parse_hex (const char *text, size_t len, size_t *out_len,
                         char *err, size_t err_len);

#endif
