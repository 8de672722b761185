/* A bpf-gcc executable that dereferences a null pointer (run.exp).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
int *volatile ptr;                      /* .bss: null */

__attribute__ ((noinline)) int
get (int *p)
{
  return *p;
}

int
main (void)
{
  return get (ptr);
}
