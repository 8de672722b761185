/* asm-lex.h — tokens of one assembler line, for both syntaxes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_ASM_LEX_H
#define EBPF_ASM_LEX_H

#include <stdbool.h>
#include <stdint.h>

enum ebpf_tok_kind
{
  TOK_END,
  TOK_IDENT,     /* names, mnemonics, directives (with their dot) */
  TOK_NUMBER,    /* unsigned value; a sign is a separate token */
  TOK_REG,       /* %rN, rN, %fp (reg = N, wide = false for wN) */
  TOK_NUMLABEL,  /* 1b / 1f: numeric local label reference */
  TOK_STRING,    /* "..." with escapes decoded */
  TOK_PUNCT,     /* operators and punctuation, in text */
  TOK_ERROR,
};

struct ebpf_tok
{
  enum ebpf_tok_kind kind;
  int col;               /* 1-based column */
  char text[64];         /* identifier, operator or string text */
  int text_len;          /* length of a string, which may hold NULs */
  uint64_t value;        /* number, or numeric label */
  int reg;
  bool reg32;            /* written as wN */
  bool percent;          /* written with % */
  bool forward;          /* numeric label: f rather than b */
};

#define EBPF_MAX_TOKS 64

/* Splits LINE (comments already removed) into tokens.  Returns the count,
 * or -1 with *ERR_COL and ERR set on a bad character or number.  */
int ebpf_lex_line (const char *line, struct ebpf_tok *toks, int max,
                   int *err_col, char *err, int err_len);

/* The line with its comment cut off (in place): '#', ';' or "//" outside
 * a string.  */
void ebpf_strip_comment (char *line);

#endif
