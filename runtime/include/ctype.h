/* ctype.h — character classes of the "C" locale, the only one there is.
 * The argument is an unsigned char value or EOF, as C requires.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _CTYPE_H
#define _CTYPE_H

int isalnum (int) __attribute__ ((__const__));
int isalpha (int) __attribute__ ((__const__));
int isblank (int) __attribute__ ((__const__));
int iscntrl (int) __attribute__ ((__const__));
int isdigit (int) __attribute__ ((__const__));
int isgraph (int) __attribute__ ((__const__));
int islower (int) __attribute__ ((__const__));
int isprint (int) __attribute__ ((__const__));
int ispunct (int) __attribute__ ((__const__));
int isspace (int) __attribute__ ((__const__));
int isupper (int) __attribute__ ((__const__));
int isxdigit (int) __attribute__ ((__const__));
int tolower (int) __attribute__ ((__const__));
int toupper (int) __attribute__ ((__const__));

#endif
