/* The target BTF of core.c (run.exp): struct rec laid out otherwise,
 * without the field "gone".
 * SPDX-License-Identifier: GPL-3.0-or-later  */
struct rec
{
  long pad;             /* 0 */
  long a;               /* 8, 8 bytes */
  char c;               /* 16 */
  int b;                /* 20 */
};                      /* 24 bytes */

__attribute__ ((used)) struct rec *use_rec;
