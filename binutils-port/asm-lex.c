/* asm-lex.c — the assembler's tokenizer.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm-lex.h"

void
ebpf_strip_comment (char *line)
{
  bool in_string = false;
  for (char *p = line; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1])
            p++;
          else if (*p == '"')
            in_string = false;
          continue;
        }
      if (*p == '"')
        in_string = true;
      else if (*p == '#' || *p == ';' || (*p == '/' && p[1] == '/'))
        {
          *p = '\0';
          return;
        }
    }
}

static bool
ident_start (int c)
{
  return isalpha (c) || c == '_' || c == '.' || c == '$';
}

static bool
ident_char (int c)
{
  return isalnum (c) || c == '_' || c == '.' || c == '$';
}

/* rN / wN with N in 0..10 */
static bool
parse_reg_name (const char *s, int *reg, bool *reg32)
{
  if ((s[0] != 'r' && s[0] != 'w') || !isdigit ((unsigned char) s[1]))
    return false;
  char *end;
  long n = strtol (s + 1, &end, 10);
  if (*end || n > 10 || (s[1] == '0' && s[2]))
    return false;
  *reg = (int) n;
  *reg32 = s[0] == 'w';
  return true;
}

/* Longest operators first.  */
static const char *const operators[] = {
  "s>>=", "s/=", "s%=", "s>=", "s<=", "<<=", ">>=",
  "s>", "s<", "+=", "-=", "*=", "/=", "|=", "&=", "%=", "^=", "==", "!=",
  ">=", "<=", "<<", ">>",
  "=", "<", ">", "&", "(", ")", "[", "]", "*", "+", "-", ",", ":", "!", "@",
};

int
ebpf_lex_line (const char *line, struct ebpf_tok *toks, int max, int *err_col,
               char *err, int err_len)
{
  int n = 0;
  const char *p = line;
  for (;;)
    {
      while (isspace ((unsigned char) *p))
        p++;
      if (n == max)
        {
          *err_col = (int) (p - line) + 1;
          snprintf (err, err_len, "line has too many tokens");
          return -1;
        }
      struct ebpf_tok *t = &toks[n];
      memset (t, 0, sizeof *t);
      t->col = (int) (p - line) + 1;
      if (*p == '\0')
        {
          t->kind = TOK_END;
          return n;
        }
      if (*p == '%' && p[1] != '=')
        {
          const char *s = p + 1;
          int len = 0;
          while (ident_char ((unsigned char) s[len]))
            len++;
          char name[16];
          snprintf (name, sizeof name, "%.*s", len, s);
          if (strcmp (name, "fp") == 0)
            {
              t->reg = 10;
            }
          else if (!parse_reg_name (name, &t->reg, &t->reg32) || t->reg32)
            {
              *err_col = t->col;
              snprintf (err, err_len, "unknown register '%%%s'", name);
              return -1;
            }
          t->kind = TOK_REG;
          t->percent = true;
          p = s + len;
          n++;
          continue;
        }
      if (ident_start ((unsigned char) *p))
        {
          const char *s = p;
          while (ident_char ((unsigned char) *p))
            p++;
          int len = (int) (p - s);
          /* "s" directly before <, >, / or % begins a signed operator.  */
          if (len == 1 && *s == 's' && (*p == '<' || *p == '>' || *p == '/'
                                        || *p == '%'))
            p = s;
          else
            {
              if (len >= (int) sizeof t->text)
                {
                  *err_col = t->col;
                  snprintf (err, err_len, "name too long");
                  return -1;
                }
              memcpy (t->text, s, len);
              t->text[len] = '\0';
              t->kind = parse_reg_name (t->text, &t->reg, &t->reg32)
                        ? TOK_REG : TOK_IDENT;
              n++;
              continue;
            }
        }
      if (isdigit ((unsigned char) *p))
        {
          const char *s = p;
          int base = 10;
          if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
            base = 16, p += 2;
          else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')
                   && (p[2] == '0' || p[2] == '1'))
            base = 2, p += 2;
          const char *digits = p;
          while (isalnum ((unsigned char) *p) || *p == '_')
            p++;
          char buf[80];
          snprintf (buf, sizeof buf, "%.*s", (int) (p - digits), digits);
          size_t blen = strlen (buf);
          if (base == 10 && blen >= 2 && (buf[blen - 1] == 'b' || buf[blen - 1] == 'f'))
            {
              /* numeric label reference: 1b, 2f */
              buf[blen - 1] = '\0';
              char *end;
              errno = 0;
              t->value = strtoull (buf, &end, 10);
              if (*end == '\0' && errno == 0)
                {
                  t->kind = TOK_NUMLABEL;
                  t->forward = p[-1] == 'f';
                  n++;
                  continue;
                }
              buf[blen - 1] = p[-1];
            }
          char *end;
          errno = 0;
          t->value = strtoull (buf, &end, base);
          if (*end != '\0' || errno != 0 || buf[0] == '\0')
            {
              *err_col = t->col;
              snprintf (err, err_len, "bad number '%.*s'", (int) (p - s), s);
              return -1;
            }
          t->kind = TOK_NUMBER;
          n++;
          continue;
        }
      if (*p == '"')
        {
          p++;
          int len = 0;
          while (*p && *p != '"')
            {
              int c = (unsigned char) *p++;
              if (c == '\\')
                {
                  c = (unsigned char) *p++;
                  switch (c)
                    {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case 'r': c = '\r'; break;
                    case '0': c = '\0'; break;
                    case '\\': case '"': break;
                    case '\0':
                      *err_col = t->col;
                      snprintf (err, err_len, "unterminated string");
                      return -1;
                    default:
                      *err_col = (int) (p - line);
                      snprintf (err, err_len, "unknown escape '\\%c'", c);
                      return -1;
                    }
                }
              if (len < (int) sizeof t->text - 1)
                t->text[len++] = (char) c;
              else
                {
                  *err_col = t->col;
                  snprintf (err, err_len, "string longer than %d bytes",
                            (int) sizeof t->text - 1);
                  return -1;
                }
            }
          if (*p != '"')
            {
              *err_col = t->col;
              snprintf (err, err_len, "unterminated string");
              return -1;
            }
          p++;
          t->kind = TOK_STRING;
          t->text_len = len;
          n++;
          continue;
        }
      bool matched = false;
      for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
        {
          size_t len = strlen (operators[i]);
          if (strncmp (p, operators[i], len) == 0)
            {
              t->kind = TOK_PUNCT;
              memcpy (t->text, p, len);
              t->text[len] = '\0';
              p += len;
              matched = true;
              break;
            }
        }
      if (!matched)
        {
          *err_col = t->col;
          snprintf (err, err_len, "unexpected character '%c'", *p);
          return -1;
        }
      n++;
    }
}
