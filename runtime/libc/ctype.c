/* ctype.c — the character classes of the "C" locale (ASCII), by range
 * tests rather than a table: EOF and bytes above 127 belong to none.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>

int
isdigit (int c)
{
  return c >= '0' && c <= '9';
}

int
isupper (int c)
{
  return c >= 'A' && c <= 'Z';
}

int
islower (int c)
{
  return c >= 'a' && c <= 'z';
}

int
isalpha (int c)
{
  return isupper (c) || islower (c);
}

int
isalnum (int c)
{
  return isalpha (c) || isdigit (c);
}

int
isxdigit (int c)
{
  return isdigit (c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int
isblank (int c)
{
  return c == ' ' || c == '\t';
}

/* Space, and \t \n \v \f \r.  */
int
isspace (int c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

int
iscntrl (int c)
{
  return (c >= 0 && c < ' ') || c == 127;
}

/* Space through tilde.  */
int
isprint (int c)
{
  return c >= ' ' && c <= '~';
}

int
isgraph (int c)
{
  return c > ' ' && c <= '~';
}

int
ispunct (int c)
{
  return isgraph (c) && !isalnum (c);
}

int
tolower (int c)
{
  return isupper (c) ? c - 'A' + 'a' : c;
}

int
toupper (int c)
{
  return islower (c) ? c - 'a' + 'A' : c;
}
