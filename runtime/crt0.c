/* crt0.c — where an executable starts (the specs link with -e _start):
 * main runs with no arguments, and its value goes to exit, which writes
 * out the streams and ends the run with that status.  The loader has
 * already laid out .data and zeroed .bss; there are no constructors to
 * run, as bpf-gcc cannot call through the pointers that list them.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>

int main (int argc, char **argv);

void _start (void) __attribute__ ((__noreturn__));

/* argv[argc] must be a null pointer, even when argc is 0.  */
static char *no_arguments[1];

void
_start (void)
{
  exit (main (0, no_arguments));
}
