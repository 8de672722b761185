/* malloc, calloc, realloc and free (runtime.exp): alignment, contents
 * kept by realloc, freed memory reused (neighbours merged), calloc
 * zeroing recycled memory, and NULL with ENOMEM when the 4 MiB heap
 * cannot serve.  Exits with the number of failed checks.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(condition)                                                \
  do                                                                    \
    if (!(condition))                                                   \
      {                                                                 \
        fprintf (stderr, "check failed at line %d\n", __LINE__);       \
        failures++;                                                     \
      }                                                                 \
  while (0)

static volatile size_t one = 1;

int
main (void)
{
  /* Distinct, 16-byte aligned blocks that do not overlap.  */
  char *a = malloc (one);
  char *b = malloc (100 * one);
  char *c = malloc (0 * one);
  CHECK (a != NULL && b != NULL && c != NULL);
  CHECK (((unsigned long) a & 15) == 0 && ((unsigned long) b & 15) == 0);
  CHECK (a != b && b != c && a != c);
  CHECK (b >= a + 1 && c >= b + 100);
  memset (b, 'b', 100);

  /* realloc keeps the contents, growing or shrinking.  */
  char *b2 = realloc (b, 1000 * one);
  CHECK (b2 != NULL && b2[0] == 'b' && b2[99] == 'b');
  memset (b2 + 100, 'c', 900);
  char *b3 = realloc (b2, 50 * one);
  CHECK (b3 == b2 && b3[49] == 'b');
  CHECK (realloc (NULL, 8 * one) != NULL);

  /* Three neighbours freed in any order merge into one block a request
     for all their room can take: the heap would not hold it twice.  */
  size_t third = (1u << 20) + one;
  char *x = malloc (third);
  char *y = malloc (third);
  char *z = malloc (third);
  CHECK (x != NULL && y != NULL && z != NULL);
  char *guard = malloc (one);
  free (y);
  free (x);
  free (z);
  char *all = malloc (3 * third);
  CHECK (all == x);

  /* calloc zeroes what an earlier user dirtied.  */
  memset (all, 0xee, 3 * third);
  free (all);
  unsigned char *zeroed = calloc (1000, 3 * one);
  CHECK (zeroed != NULL);
  int nonzero = 0;
  for (int i = 0; i < 3000; i++)
    nonzero += zeroed[i] != 0;
  CHECK (nonzero == 0);
  free (zeroed);

  /* More than the heap holds, and a product that overflows.  */
  errno = 0;
  CHECK (malloc ((4u << 20) * one) == NULL && errno == ENOMEM);
  errno = 0;
  CHECK (calloc (one << 40, one << 30) == NULL && errno == ENOMEM);
  CHECK (realloc (guard, (8u << 20) * one) == NULL);
  free (NULL);
  free (guard);
  free (a);
  free (c);
  free (b3);
  return failures;
}
