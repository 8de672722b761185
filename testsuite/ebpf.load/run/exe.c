/* A bpf-gcc executable (run.exp): no libc, main over global data and a
 * function that is not inlined.  Its exit status is main's value & 0xff.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
int table[5] = { 3, 1, 4, 1, 5 };       /* .data */
int total;                              /* .bss */
/* Not const: bpf-ld would put it in .rodata, at the end of the text
   segment, whose size is then no multiple of 8, and ebpf-run refuses such
   an executable today ("entry point ... is not an instruction").  */
int weight = 7;                         /* .data */

__attribute__ ((noinline)) int
weigh (int x)
{
  return x * weight + 1;
}

int
main (void)
{
  for (int i = 0; i < 5; i++)
    total += weigh (table[i]);
  /* 7 * (3+1+4+1+5) + 5 = 103, plus 200: 303, whose low byte is 47.  */
  return total + 200;
}
