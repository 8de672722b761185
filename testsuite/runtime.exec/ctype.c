/* The character classes of ctype.h (runtime.exp), counted over every
 * byte and EOF against ASCII's numbers: 52 letters, 10 digits, 22 hex
 * digits, 6 white-space characters, 33 controls, 95 printable of which
 * 94 graphic and 32 punctuation, and nothing above 127.  Prints the
 * counts, then the case mappings.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <stdio.h>

int
main (void)
{
  int alpha = 0, digit = 0, xdigit = 0, space = 0, blank = 0, upper = 0;
  int lower = 0, alnum = 0, punct = 0, print = 0, graph = 0, cntrl = 0;
  for (int c = -1; c < 256; c++)
    {
      alpha += isalpha (c) != 0;
      digit += isdigit (c) != 0;
      xdigit += isxdigit (c) != 0;
      space += isspace (c) != 0;
      blank += isblank (c) != 0;
      upper += isupper (c) != 0;
      lower += islower (c) != 0;
      alnum += isalnum (c) != 0;
      punct += ispunct (c) != 0;
      print += isprint (c) != 0;
      graph += isgraph (c) != 0;
      cntrl += iscntrl (c) != 0;
    }
  printf ("alpha %d digit %d xdigit %d\n", alpha, digit, xdigit);
  printf ("space %d blank %d upper %d lower %d\n", space, blank, upper,
          lower);
  printf ("alnum %d punct %d print %d graph %d\n", alnum, punct, print,
          graph);
  printf ("cntrl %d\n", cntrl);

  const char *text = "Mixed Case 123 @[`{";
  for (const char *p = text; *p != '\0'; p++)
    putchar (toupper (*p));
  putchar ('\n');
  for (const char *p = text; *p != '\0'; p++)
    putchar (tolower (*p));
  putchar ('\n');
  printf ("%d %d\n", toupper (EOF), tolower (200));
  return 0;
}
