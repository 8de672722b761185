/* A header whose inline function's code lands in the programs that use
 * it: rows that name this file, not the .c file.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
static inline __attribute__ ((always_inline)) unsigned
mix (unsigned h, unsigned v)
{
  h ^= v;
  h *= 0x01000193u;
  return h;
}
