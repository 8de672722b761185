/* The mem* and str* functions of string.h and ffs (runtime.exp).  The
 * arguments come from volatile objects where GCC could otherwise fold
 * the calls at compile time, and runtime.exp builds it with -fno-builtin:
 * the library must really run.  Exits with the number of failed checks,
 * after naming each on stderr.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int failures;

#define CHECK(condition)                                                \
  do                                                                    \
    if (!(condition))                                                   \
      {                                                                 \
        fprintf (stderr, "check failed at line %d\n", __LINE__);       \
        failures++;                                                     \
      }                                                                 \
  while (0)

/* Laundered through a volatile pointer, so the compiler cannot know
   their contents.  */
static char hello_data[] = "hello, world";
static char *volatile hello_ptr = hello_data;
static volatile int zero_int;
static volatile size_t size_value = 5;

int
main (void)
{
  const char *hello = hello_ptr;
  size_t five = size_value;
  int zero = zero_int;

  CHECK (strlen (hello) == 12);
  CHECK (strlen (hello + 12) == 0);
  CHECK (strnlen (hello, five) == 5);
  CHECK (strnlen (hello, 100) == 12);

  CHECK (strcmp (hello, "hello, world") == 0);
  CHECK (strcmp (hello, "hello") > 0);
  CHECK (strcmp (hello, "hellp") < 0);
  /* Bytes compare as unsigned char.  */
  CHECK (strcmp ("\xff", hello) > 0);
  CHECK (strncmp (hello, "help", 3) == 0);
  CHECK (strncmp (hello, "help", 4) < 0);
  CHECK (strncmp (hello, "xyz", zero) == 0);
  CHECK (strncmp ("ab", "ab\0x", 10) == 0);

  char buf[64];
  CHECK (strcpy (buf, hello) == buf && strcmp (buf, "hello, world") == 0);
  CHECK (strcat (buf, "!!") == buf && strcmp (buf, "hello, world!!") == 0);
  CHECK (strncat (buf, "abcdef", 3) == buf
         && strcmp (buf, "hello, world!!abc") == 0);
  CHECK (stpcpy (buf, hello) == buf + 12);

  /* strncpy pads with NULs, and adds none when the source fills N.  */
  memset (buf, 'x', sizeof buf);
  CHECK (strncpy (buf, hello, five) == buf);
  CHECK (memcmp (buf, "hellox", 6) == 0);
  memset (buf, 'x', sizeof buf);
  strncpy (buf, hello + 10, five);
  CHECK (memcmp (buf, "ld\0\0\0x", 6) == 0);

  CHECK (strchr (hello, 'o') == hello + 4);
  CHECK (strchr (hello, '\0') == hello + 12);
  CHECK (strchr (hello, 'z') == NULL);
  CHECK (strrchr (hello, 'o') == hello + 8);
  CHECK (strrchr (hello, 'z') == NULL);
  CHECK (strstr (hello, "world") == hello + 7);
  CHECK (strstr (hello, "") == hello);
  CHECK (strstr (hello, "worlds") == NULL);
  CHECK (strspn (hello, "leh") == 4);
  CHECK (strcspn (hello, ", ") == 5);
  CHECK (strpbrk (hello, "wd") == hello + 7);
  CHECK (strpbrk (hello, "XYZ") == NULL);

  /* memcpy, aligned (the word loop) and not; memmove both ways.  */
  unsigned long long words[8];
  unsigned char *bytes = (unsigned char *) words;
  for (int i = 0; i < 64; i++)
    bytes[i] = (unsigned char) i;
  unsigned long long copy[8];
  CHECK (memcpy (copy, words, 8 * sizeof *words) == copy);
  CHECK (memcmp (copy, words, sizeof copy) == 0);
  unsigned char odd[40];
  memcpy (odd + 1, bytes + 3, 37 - zero);
  CHECK (odd[1] == 3 && odd[37] == 39);
  CHECK (memmove (bytes + 1, bytes, 20 + zero) == bytes + 1);
  CHECK (bytes[1] == 0 && bytes[20] == 19 && bytes[21] == 21);
  memmove (bytes, bytes + 1, 20 + zero);
  CHECK (bytes[0] == 0 && bytes[19] == 19 && bytes[20] == 19
         && bytes[21] == 21);
  CHECK (mempcpy (odd, hello, five) == odd + 5);

  /* memset from an odd address over words, and its byte value.  */
  CHECK (memset (bytes + 3, 0x1a5 + zero, 30) == bytes + 3);
  CHECK (bytes[2] == 2 && bytes[3] == 0xa5 && bytes[32] == 0xa5
         && bytes[33] == 33);
  CHECK (memcmp (bytes, copy, 2) == 0);
  CHECK (memcmp (bytes, copy, 4) > 0);
  CHECK (memcmp (copy, bytes, 4) < 0);
  CHECK (memchr (hello, ',', 12) == hello + 5);
  CHECK (memchr (hello, ',', five) == NULL);
  CHECK (memchr (bytes, 0xa5, 64) == bytes + 3);

  int z = zero;
  CHECK (ffs (z) == 0 && ffs (z + 1) == 1 && ffs (z + 0x80) == 8);
  CHECK (ffs (z - 0x7fffffff - 1) == 32);
  CHECK (ffsl (z + (1L << 40)) == 41);
  CHECK (ffsll ((long long) ((unsigned long long) z | 1ULL << 63)) == 64);
  return failures;
}
