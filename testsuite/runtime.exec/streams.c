/* stdout and stderr (runtime.exp): every output function, the two
 * streams kept apart, and a line longer than the stream buffer.  The
 * program checks the return values itself and exits with the number of
 * failed checks.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
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

int
main (void)
{
  CHECK (putchar ('a') == 'a');
  CHECK (putc ('b', stdout) == 'b');
  CHECK (fputc ('c', stdout) == 'c');
  /* fputc returns the character as an unsigned char.  */
  CHECK (fputc (-2, stderr) == 0xfe);
  CHECK (fputc ('\n', stderr) == '\n');
  CHECK (fputs ("-fputs-", stdout) >= 0);
  CHECK (fwrite ("fwrite!", 2, 3, stdout) == 3);
  CHECK (fwrite ("nothing", 0, 3, stdout) == 0);
  CHECK (puts ("|puts") >= 0);
  CHECK (fprintf (stderr, "to %s %d\n", "stderr", 2) == 12);
  CHECK (fputs ("err-fputs\n", stderr) >= 0);
  CHECK (fflush (stdout) == 0);
  CHECK (fflush (NULL) == 0);
  CHECK (ferror (stdout) == 0);

  /* 3000 digits and a newline: the 1024-byte buffer fills twice.  */
  char digits[101];
  for (unsigned int i = 0; i < 100; i++)
    digits[i] = (char) ('0' + i % 10);
  digits[100] = '\0';
  for (int i = 0; i < 30; i++)
    fputs (digits, stdout);
  putchar ('\n');
  printf ("%s\n", "done");
  return failures;
}
