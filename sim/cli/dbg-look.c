/* dbg-look.c — ebpf-run -i: looking at the stopped program (see dbg.h):
 * frames, registers, variables and expressions over the DWARF, memory,
 * source lines (from the file, or BTF's line text), maps.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dbg.h"
#include "ebpf-run.h"

bool
dbg_selected_frame (struct dbg *d, struct ebpf_frame_info *frame)
{
  if (!d->running)
    {
      dbg_error (d, "No stack.");
      return false;
    }
  if (!ebpf_machine_frame (d->s->m, d->frame, frame))
    {
      d->frame = 0;
      return ebpf_machine_frame (d->s->m, 0, frame);
    }
  return true;
}

/* The code address a frame is in, for line and variable lookups: an
 * outer frame is at its call.  */
static uint64_t
frame_pc (const struct ebpf_frame_info *f)
{
  return f->call_pc ? f->call_pc : f->pc;
}

/* ---- Expressions ---------------------------------------------------------- */

/* $r0-$r10, $pc, $fp, $sp of FRAME: false when NAME is none.  */
static bool
register_value (const struct ebpf_frame_info *f, const char *name, size_t len,
                uint64_t *v)
{
  if (len == 2 && strncmp (name, "pc", 2) == 0)
    return *v = f->pc, true;
  if (len == 2 && (strncmp (name, "fp", 2) == 0 || strncmp (name, "sp", 2) == 0))
    return *v = f->fp, true;
  if (name[0] == 'r' && len >= 2 && len <= 3 && isdigit ((unsigned char) name[1])
      && (len == 2 || isdigit ((unsigned char) name[2])))
    {
      unsigned r = (unsigned) atoi (name + 1);
      if (r <= 10)
        return *v = f->regs[r], true;
    }
  return false;
}

/* A register expression: $REG, a number, and + or - between them.  1
 * when EXPR is one (its value in *V), 0 when it is not, -1 after a
 * message.  */
static int
register_expression (struct dbg *d, const char *expr, int64_t *v)
{
  if (strchr (expr, '$') == NULL)
    return 0;
  struct ebpf_frame_info f;
  if (!dbg_selected_frame (d, &f))
    return -1;
  int64_t sum = 0;
  int sign = 1;
  char inner[256];
  size_t len = strlen (expr);
  const char *p = expr + strspn (expr, " \t");
  /* One pair of parentheses around it all, as in *(T *) ($r6 + 14).  */
  while (len > 0 && (expr[len - 1] == ' ' || expr[len - 1] == '\t'))
    len--;
  if (*p == '(' && len > 0 && expr[len - 1] == ')'
      && (size_t) (expr + len - 1 - (p + 1)) < sizeof inner)
    {
      size_t n = (size_t) (expr + len - 1 - (p + 1));
      memcpy (inner, p + 1, n);
      inner[n] = '\0';
      p = inner;
    }
  for (;;)
    {
      p += strspn (p, " \t");
      uint64_t term;
      if (*p == '$')
        {
          size_t len = strspn (p + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
          if (!register_value (&f, p + 1, len, &term))
            {
              dbg_error (d, "No register \"%.*s\": registers are $r0-$r10, $pc, "
                         "$fp ($sp).", (int) len + 1, p);
              return -1;
            }
          p += len + 1;
        }
      else
        {
          char *end;
          errno = 0;
          term = strtoull (p, &end, 0);
          if (end == p || errno)
            return 0;   /* not ours: C over the variables */
          p = end;
        }
      sum += sign * (int64_t) term;
      p += strspn (p, " \t");
      if (*p == '\0')
        break;
      if (*p != '+' && *p != '-')
        return 0;
      sign = *p++ == '+' ? 1 : -1;
    }
  *v = sum;
  return 1;
}

bool
dbg_eval_integer (struct dbg *d, const char *expr, int64_t *value)
{
  int k = register_expression (d, expr, value);
  if (k != 0)
    return k > 0;
  char *end;
  errno = 0;
  unsigned long long n = strtoull (expr, &end, 0);
  if (end != expr && *end == '\0' && !errno)
    return *value = (int64_t) n, true;
  if (d->vars == NULL)
    {
      dbg_error (d, "No symbol table is loaded (the object has no DWARF): "
                 "registers ($r1+8) and numbers only.");
      return false;
    }
  struct ebpf_frame_info f, *fp = NULL;
  if (d->running && ebpf_machine_frame (d->s->m, d->frame, &f))
    fp = &f;
  struct ebpf_value v;
  struct ebpf_error err;
  if (ebpf_vars_eval (d->vars, fp, ebpf_vars_read_machine, d->s->m, expr, &v, &err) != 0)
    {
      dbg_error (d, "%s", err.message);
      return false;
    }
  bool ok = ebpf_value_integer (&v, value);
  ebpf_value_clear (&v);
  if (!ok)
    dbg_error (d, "%s is not a number.", expr);
  return ok;
}

/* Where the operator OP (of N characters) is in S[0, LEN) outside
 * brackets, the last one: -1 when none.  '>' of "->" and the shifts are
 * not comparisons.  */
static long
find_operator (const char *s, size_t len, const char *op, size_t n)
{
  int depth = 0;
  long found = -1;
  for (size_t i = 0; i + n <= len; i++)
    {
      char c = s[i];
      if (c == '(' || c == '[')
        depth++;
      else if (c == ')' || c == ']')
        depth--;
      else if (depth == 0 && strncmp (s + i, op, n) == 0)
        {
          if (n == 1 && (c == '<' || c == '>')
              && ((i > 0 && (s[i - 1] == '-' || s[i - 1] == c))
                  || (i + 1 < len && (s[i + 1] == c || s[i + 1] == '='))))
            continue;
          found = (long) i;
          i += n - 1;
        }
    }
  return found;
}

static bool
eval_condition (struct dbg *d, const char *s, size_t len, int64_t *v)
{
  static const char *const ops[] = { "||", "&&", "==", "!=", "<=", ">=", "<", ">" };
  for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
    {
      size_t n = strlen (ops[k]);
      long at = find_operator (s, len, ops[k], n);
      if (at < 0)
        continue;
      int64_t a, b;
      if (!eval_condition (d, s, (size_t) at, &a))
        return false;
      if (k == 0 && a)
        return *v = 1, true;
      if (k == 1 && !a)
        return *v = 0, true;
      if (!eval_condition (d, s + at + n, len - (size_t) at - n, &b))
        return false;
      switch (k)
        {
        case 0: case 1: *v = b != 0; break;
        case 2: *v = a == b; break;
        case 3: *v = a != b; break;
        case 4: *v = a <= b; break;
        case 5: *v = a >= b; break;
        case 6: *v = a < b; break;
        default: *v = a > b; break;
        }
      return true;
    }
  while (len > 0 && (*s == ' ' || *s == '\t'))
    s++, len--;
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (len > 0 && *s == '!' && (len < 2 || s[1] != '='))
    {
      if (!eval_condition (d, s + 1, len - 1, v))
        return false;
      *v = !*v;
      return true;
    }
  char *text = strndup (s, len);
  if (text == NULL)
    return false;
  bool ok = len > 0 && dbg_eval_integer (d, text, v);
  if (len == 0)
    dbg_error (d, "A syntax error in the condition: an operand is missing.");
  free (text);
  return ok;
}

bool
dbg_eval_condition (struct dbg *d, const char *expr, int64_t *value)
{
  return eval_condition (d, expr, strlen (expr), value);
}

/* ---- Frames and stops ----------------------------------------------------- */

/* "FUNC (ARG=VALUE, ...)" of FRAME.  */
static void
print_function_and_args (struct dbg *d, const struct ebpf_frame_info *f)
{
  uint64_t pc = frame_pc (f);
  const struct ebpf_function *fn = d->lines ? ebpf_lines_function_at (d->lines, pc) : NULL;
  struct ebpf_variable vars[64];
  int n = d->vars ? ebpf_vars_at (d->vars, pc, vars, 64, NULL) : 0;
  /* The innermost function, an inlined one too, is the one whose scope
   * holds the first variable in scope.  */
  const char *name = n > 0 && vars[0].function ? vars[0].function
                     : fn && fn->name ? fn->name : "??";
  fprintf (d->out, "%s (", name);
  bool first = true;
  for (int i = 0; i < n && i < 64; i++)
    {
      if (!vars[i].is_argument || vars[i].depth != 0)
        continue;
      fprintf (d->out, "%s%s=", first ? "" : ", ", vars[i].name ? vars[i].name : "?");
      first = false;
      struct ebpf_value v;
      if (ebpf_vars_value (d->vars, &vars[i], f, ebpf_vars_read_machine, d->s->m,
                           &v, NULL) == 0)
        {
          ebpf_value_print (&v, d->out);
          ebpf_value_clear (&v);
        }
      else
        fprintf (d->out, "<error>");
    }
  fprintf (d->out, ")");
}

/* "LINE\tTEXT" of ROW's line (and where the list goes on).  */
static void
print_source_line (struct dbg *d, const struct ebpf_line *row)
{
  const char *text = ebpf_lines_source_text (d->lines, row->file, row->line);
  fprintf (d->out, "%u\t%s\n", row->line, text ? text : "");
  d->list_file = row->file;
  d->list_line = row->line;
}

/* One frame as backtrace shows it: "#N  0xADDR in FUNC (ARGS) at
 * FILE:LINE".  */
static void
print_frame_line (struct dbg *d, int n, const struct ebpf_frame_info *f)
{
  uint64_t pc = frame_pc (f);
  const struct ebpf_line *row = d->lines ? ebpf_lines_find (d->lines, pc) : NULL;
  fprintf (d->out, "#%-2d ", n);
  if (n > 0 || row == NULL || row->addr != pc)
    fprintf (d->out, "0x%016" PRIx64 " in ", f->pc);
  print_function_and_args (d, f);
  if (row && row->line)
    fprintf (d->out, " at %s:%u", row->file, row->line);
  fprintf (d->out, "%s\n", f->callback ? " [callback]" : "");
}

/* The instruction at PC: "=> 0xADDR <FUNC+OFF>:\tTEXT"; the bytes it
 * takes, 0 when PC is not code.  */
static int
print_instruction (struct dbg *d, uint64_t pc, bool arrow)
{
  char text[128] = "?";
  int size = run_disassemble (d->s->m, d->s->prog, pc,
                              d->gnu_syntax ? EBPF_SYNTAX_GNU : EBPF_SYNTAX_LLVM,
                              text, sizeof text);
  const struct ebpf_function *fn = d->lines ? ebpf_lines_function_at (d->lines, pc) : NULL;
  fprintf (d->out, "%s0x%" PRIx64, arrow ? "=> " : "   ", pc);
  if (fn && fn->name)
    fprintf (d->out, " <%s+%" PRIu64 ">", fn->name, pc - fn->low);
  fprintf (d->out, ":\t%s\n", text);
  return size;
}

void
dbg_show_stop (struct dbg *d)
{
  struct ebpf_frame_info f;
  if (!d->running || !ebpf_machine_frame (d->s->m, d->frame, &f))
    return;
  uint64_t pc = frame_pc (&f);
  const struct ebpf_function *fn = d->lines ? ebpf_lines_function_at (d->lines, pc) : NULL;
  const struct ebpf_line *row = d->lines ? ebpf_lines_find (d->lines, pc) : NULL;
  uint64_t func = fn ? fn->low : 0;
  int depth = ebpf_machine_call_depth (d->s->m) - d->frame;
  bool mid_line = row && row->addr != pc;
  if (func != d->shown_function || depth != d->shown_depth || row == NULL)
    {
      if (mid_line || row == NULL || d->frame > 0)
        fprintf (d->out, "0x%016" PRIx64 " in ", f.pc);
      print_function_and_args (d, &f);
      if (row && row->line)
        fprintf (d->out, " at %s:%u", row->file, row->line);
      fprintf (d->out, "\n");
    }
  else if (mid_line)
    fprintf (d->out, "0x%016" PRIx64 "\t", f.pc);
  d->shown_function = func;
  d->shown_depth = depth;
  if (row && row->line)
    print_source_line (d, row);
  else
    print_instruction (d, f.pc, true);
}

void
dbg_backtrace (struct dbg *d, const char *args)
{
  (void) args;
  if (!d->running)
    {
      dbg_error (d, "No stack.");
      return;
    }
  int n = ebpf_machine_frame_count (d->s->m);
  for (int i = 0; i < n; i++)
    {
      struct ebpf_frame_info f;
      if (ebpf_machine_frame (d->s->m, i, &f))
        print_frame_line (d, i, &f);
    }
}

static void
select_frame (struct dbg *d, int n)
{
  struct ebpf_frame_info f;
  if (!ebpf_machine_frame (d->s->m, n, &f))
    {
      dbg_error (d, "No frame %d.", n);
      return;
    }
  d->frame = n;
  print_frame_line (d, n, &f);
  const struct ebpf_line *row = d->lines ? ebpf_lines_find (d->lines, frame_pc (&f)) : NULL;
  if (row && row->line)
    print_source_line (d, row);
}

/* A count argument: 1 when empty; false after a message.  */
static bool
parse_count (struct dbg *d, const char *args, long *n)
{
  char *end;
  *n = 1;
  if (*args == '\0')
    return true;
  *n = strtol (args, &end, 10);
  if (*end || end == args || *n < 0)
    {
      dbg_error (d, "Expected a number, not \"%s\".", args);
      return false;
    }
  return true;
}

void
dbg_frame (struct dbg *d, const char *args)
{
  long n;
  if (!d->running)
    dbg_error (d, "No stack.");
  else if (*args == '\0')
    select_frame (d, d->frame);
  else if (parse_count (d, args, &n))
    select_frame (d, (int) n);
}

void
dbg_up (struct dbg *d, const char *args)
{
  long n;
  if (!d->running)
    dbg_error (d, "No stack.");
  else if (parse_count (d, args, &n))
    {
      if (d->frame + n >= ebpf_machine_frame_count (d->s->m))
        dbg_error (d, "Initial frame selected; you cannot go up.");
      else
        select_frame (d, d->frame + (int) n);
    }
}

void
dbg_down (struct dbg *d, const char *args)
{
  long n;
  if (!d->running)
    dbg_error (d, "No stack.");
  else if (parse_count (d, args, &n))
    {
      if (d->frame - n < 0)
        dbg_error (d, "Bottom (innermost) frame selected; you cannot go down.");
      else
        select_frame (d, d->frame - (int) n);
    }
}

void
dbg_info_frame (struct dbg *d, const char *args)
{
  (void) args;
  struct ebpf_frame_info f;
  if (!dbg_selected_frame (d, &f))
    return;
  fprintf (d->out, "Stack level %d, frame at 0x%" PRIx64 ":\n pc = 0x%" PRIx64,
           d->frame, f.fp, f.pc);
  const struct ebpf_function *fn = d->lines
                                   ? ebpf_lines_function_at (d->lines, frame_pc (&f)) : NULL;
  if (fn && fn->name)
    fprintf (d->out, " in %s", fn->name);
  struct ebpf_frame_info caller;
  if (ebpf_machine_frame (d->s->m, d->frame + 1, &caller))
    fprintf (d->out, "; called from 0x%" PRIx64 "\n caller frame at 0x%" PRIx64,
             caller.call_pc, caller.fp);
  fprintf (d->out, "\n");
}

void
dbg_info_registers (struct dbg *d, const char *args)
{
  (void) args;
  struct ebpf_frame_info f;
  if (!dbg_selected_frame (d, &f))
    return;
  for (int r = 0; r <= 10; r++)
    {
      /* An outer frame keeps r6-r10 only.  */
      if (d->frame > 0 && r < 6)
        fprintf (d->out, "r%-9d <not saved>\n", r);
      else
        fprintf (d->out, "r%-9d 0x%-18" PRIx64 " %" PRId64 "\n", r, f.regs[r],
                 (int64_t) f.regs[r]);
    }
  fprintf (d->out, "pc         0x%-18" PRIx64 "\n", f.pc);
}

/* info locals, info args.  */
static void
list_variables (struct dbg *d, bool args)
{
  struct ebpf_frame_info f;
  if (!dbg_selected_frame (d, &f))
    return;
  if (d->vars == NULL)
    {
      dbg_error (d, "No symbol table info available (the object has no DWARF).");
      return;
    }
  struct ebpf_variable vars[128];
  struct ebpf_error err;
  int n = ebpf_vars_at (d->vars, frame_pc (&f), vars, 128, &err);
  if (n < 0)
    {
      dbg_error (d, "%s", err.message);
      return;
    }
  int shown = 0;
  for (int i = 0; i < n && i < 128; i++)
    {
      if (vars[i].is_argument != args)
        continue;
      fprintf (d->out, "%s = ", vars[i].name ? vars[i].name : "?");
      struct ebpf_value v;
      if (ebpf_vars_value (d->vars, &vars[i], &f, ebpf_vars_read_machine, d->s->m,
                           &v, &err) == 0)
        {
          ebpf_value_print (&v, d->out);
          ebpf_value_clear (&v);
        }
      else
        fprintf (d->out, "<error: %s>", err.message);
      fprintf (d->out, "\n");
      shown++;
    }
  if (shown == 0)
    fprintf (d->out, args ? "No arguments.\n" : "No locals.\n");
}

void
dbg_info_locals (struct dbg *d, const char *args)
{
  (void) args;
  list_variables (d, false);
}

void
dbg_info_args (struct dbg *d, const char *args)
{
  (void) args;
  list_variables (d, true);
}

/* ---- print, ptype, x ------------------------------------------------------ */

static void
print_integer (FILE *out, char format, int64_t v, uint64_t size)
{
  uint64_t u = size >= 8 ? (uint64_t) v : (uint64_t) v & ((UINT64_C (1) << (8 * size)) - 1);
  switch (format)
    {
    case 'x': fprintf (out, "0x%" PRIx64, u); break;
    case 'o': fprintf (out, "0%" PRIo64, u); break;
    case 'u': fprintf (out, "%" PRIu64, u); break;
    case 't':
      {
        int top = 63;
        while (top > 0 && !(u >> top))
          top--;
        for (int b = top; b >= 0; b--)
          fputc ('0' + (int) ((u >> b) & 1), out);
        break;
      }
    case 'c': fprintf (out, "%" PRId64 " '%c'", v, isprint ((int) (u & 0xff)) ? (int) (u & 0xff) : '?'); break;
    default: fprintf (out, "%" PRId64, v); break;
    }
}

/* print *(TYPE *) ADDRESS without DWARF: the memory as BTF's TYPE.  1
 * when EXPR is such a cast (printed, or a message), 0 when it is not.  */
static int
print_btf_cast (struct dbg *d, const char *expr)
{
  const char *p = expr + strspn (expr, " \t");
  if (*p++ != '*')
    return 0;
  p += strspn (p, " \t");
  if (*p++ != '(')
    return 0;
  const char *close = strchr (p, ')');
  if (close == NULL)
    return 0;
  char type[256];
  size_t n = (size_t) (close - p);
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  if (n == 0 || p[n - 1] != '*' || n >= sizeof type)
    return 0;
  n--;
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  memcpy (type, p, n);
  type[n] = '\0';
  int64_t addr;
  uint32_t size;
  struct ebpf_error err;
  if (ebpf_object_btf_type_size (d->s->obj, type, &size, &err) != 0)
    {
      dbg_error (d, "%s.", err.message);
      return 1;
    }
  if (!dbg_eval_integer (d, close + 1, &addr))
    return 1;
  uint8_t *buf = size <= 65536 ? malloc (size ? size : 1) : NULL;
  if (buf == NULL)
    dbg_error (d, "%s is too big to print (%u bytes).", type, size);
  else if (!ebpf_machine_read (d->s->m, (uint64_t) addr, buf, size))
    dbg_error (d, "Cannot access memory at address 0x%" PRIx64, (uint64_t) addr);
  else
    {
      fprintf (d->out, "$%d = ", ++d->value_number);
      if (ebpf_object_btf_format (d->s->obj, type, buf, size, d->out, &err) != 0)
        fprintf (d->out, "<%s>", err.message);
      fprintf (d->out, "\n");
    }
  free (buf);
  return 1;
}

void
dbg_print (struct dbg *d, const char *args)
{
  char format = 0;
  if (args[0] == '/')
    {
      format = args[1];
      if (!strchr ("xduotc", format) || format == '\0')
        {
          dbg_error (d, "print's formats are /x /d /u /o /t /c.");
          return;
        }
      args += 2;
      args += strspn (args, " \t");
    }
  if (*args == '\0')
    {
      dbg_error (d, "print needs an expression.");
      return;
    }
  d->value_number++;
  int64_t n;
  int k = register_expression (d, args, &n);
  if (k < 0)
    {
      d->value_number--;
      return;
    }
  if (k > 0)
    {
      fprintf (d->out, "$%d = ", d->value_number);
      print_integer (d->out, format ? format : 'd', n, 8);
      fprintf (d->out, "\n");
      return;
    }
  if (d->vars == NULL)
    {
      d->value_number--;
      if (print_btf_cast (d, args) == 0)
        dbg_error (d, "No symbol table is loaded (the object has no DWARF): "
                   "print registers ($r1+8), numbers and *(TYPE *) ADDRESS with "
                   "BTF's types.");
      return;
    }
  struct ebpf_frame_info f, *fp = NULL;
  if (d->running && ebpf_machine_frame (d->s->m, d->frame, &f))
    fp = &f;
  struct ebpf_value v;
  struct ebpf_error err;
  if (ebpf_vars_eval (d->vars, fp, ebpf_vars_read_machine, d->s->m, args, &v, &err) != 0)
    {
      d->value_number--;
      dbg_error (d, "%s", err.message);
      return;
    }
  fprintf (d->out, "$%d = ", d->value_number);
  int64_t x;
  if (format && ebpf_value_integer (&v, &x))
    print_integer (d->out, format, x, v.size);
  else
    ebpf_value_print (&v, d->out);
  fprintf (d->out, "\n");
  ebpf_value_clear (&v);
}

void
dbg_ptype (struct dbg *d, const char *args)
{
  if (d->vars == NULL)
    {
      dbg_error (d, "No symbol table is loaded (the object has no DWARF).");
      return;
    }
  struct ebpf_type t;
  struct ebpf_error err;
  if (ebpf_vars_find_type (d->vars, args, &t, &err) != 0)
    {
      struct ebpf_frame_info f, *fp = NULL;
      if (d->running && ebpf_machine_frame (d->s->m, d->frame, &f))
        fp = &f;
      struct ebpf_value v;
      if (ebpf_vars_eval (d->vars, fp, ebpf_vars_read_machine, d->s->m, args, &v,
                          &err) != 0)
        {
          dbg_error (d, "%s", err.message);
          return;
        }
      t = v.type;
      ebpf_value_clear (&v);
    }
  char name[256];
  ebpf_type_name (t, name, sizeof name);
  /* A struct or union (or a pointer to one) with its members.  */
  struct ebpf_type s = ebpf_type_strip (t);
  struct ebpf_type_info info;
  if (ebpf_type_get (s, &info, NULL) == 0 && info.kind == EBPF_TYPE_POINTER)
    {
      s = ebpf_type_strip (info.target);
      ebpf_type_get (s, &info, NULL);
    }
  if (info.kind != EBPF_TYPE_STRUCT && info.kind != EBPF_TYPE_UNION)
    {
      fprintf (d->out, "type = %s\n", name);
      return;
    }
  fprintf (d->out, "type = %s %s {\n", info.kind == EBPF_TYPE_STRUCT ? "struct" : "union",
           info.name ? info.name : "");
  for (size_t i = 0; i < info.count; i++)
    {
      struct ebpf_member mem;
      if (ebpf_type_member (s, i, &mem, NULL) != 0)
        break;
      char mname[256];
      ebpf_type_name (mem.type, mname, sizeof mname);
      fprintf (d->out, "    %s %s", mname, mem.name ? mem.name : "");
      if (mem.bit_size)
        fprintf (d->out, " : %u", mem.bit_size);
      fprintf (d->out, ";\n");
    }
  const char *suffix = strchr (name, '*');
  fprintf (d->out, "}%s%s\n", suffix ? " " : "", suffix ? suffix : "");
}

void
dbg_examine (struct dbg *d, const char *args)
{
  unsigned long count = 1;
  char format = 'x', unit = 'w';
  if (args[0] == '/')
    {
      const char *p = args + 1;
      char *end;
      if (isdigit ((unsigned char) *p))
        {
          count = strtoul (p, &end, 10);
          p = end;
        }
      for (; *p && *p != ' ' && *p != '\t'; p++)
        if (strchr ("xduotcai", *p))
          format = *p;
        else if (strchr ("bhwg", *p))
          unit = *p;
        else
          {
            dbg_error (d, "x/NFU: F is one of x d u o t c a i, U one of b h w g "
                       "(not '%c').", *p);
            return;
          }
      args = p + strspn (p, " \t");
    }
  if (count == 0 || count > 4096)
    {
      dbg_error (d, "x: a count from 1 to 4096.");
      return;
    }
  int64_t a;
  if (*args == '\0')
    {
      dbg_error (d, "x needs an address.");
      return;
    }
  if (!dbg_eval_integer (d, args, &a))
    return;
  uint64_t addr = (uint64_t) a;
  if (format == 'i')
    {
      uint64_t pc = d->running ? ebpf_machine_pc (d->s->m) : UINT64_MAX;
      for (unsigned long i = 0; i < count; i++)
        {
          uint8_t b[8];
          if (!ebpf_machine_read_code (d->s->m, addr, b, 8))
            {
              dbg_error (d, "Cannot access memory at address 0x%" PRIx64 ": not code.",
                         addr);
              return;
            }
          addr += (uint64_t) print_instruction (d, addr, addr == pc);
        }
      return;
    }
  unsigned size = format == 'a' ? 8 : format == 'c' ? 1
                  : unit == 'b' ? 1 : unit == 'h' ? 2 : unit == 'w' ? 4 : 8;
  unsigned per_line = size == 8 ? 2 : size == 4 ? 4 : 8;
  bool be = ebpf_program_big_endian (d->s->prog);
  for (unsigned long i = 0; i < count; i++)
    {
      uint8_t b[8];
      if (!ebpf_machine_read (d->s->m, addr, b, size))
        {
          fprintf (d->out, "%s", i % per_line ? "\n" : "");
          dbg_error (d, "Cannot access memory at address 0x%" PRIx64, addr);
          return;
        }
      if (i % per_line == 0)
        fprintf (d->out, "%s0x%" PRIx64 ":", i ? "\n" : "", addr);
      uint64_t u = 0;
      for (unsigned k = 0; k < size; k++)
        u |= (uint64_t) b[be ? size - 1 - k : k] << (8 * k);
      int64_t s = size == 8 ? (int64_t) u : (int64_t) (u << (64 - 8 * size)) >> (64 - 8 * size);
      fputc ('\t', d->out);
      if (format == 'x' || format == 'a')
        fprintf (d->out, "0x%0*" PRIx64, (int) size * 2, u);
      else
        print_integer (d->out, format, format == 'd' || format == 'c' ? s : (int64_t) u, size);
      addr += size;
    }
  fprintf (d->out, "\n");
}

/* ---- Source --------------------------------------------------------------- */

/* Lines FIRST to LAST of FILE: from the file, else those BTF carries
 * (the lines with code), the others left out.  */
static void
list_lines (struct dbg *d, const char *file, long first, long last)
{
  bool any = false;
  for (long n = first < 1 ? 1 : first; n <= last; n++)
    {
      const char *text = ebpf_lines_source_text (d->lines, file, (uint32_t) n);
      if (text == NULL)
        continue;
      fprintf (d->out, "%ld\t%s\n", n, text);
      any = true;
    }
  if (!any)
    dbg_error (d, "No text for lines %ld-%ld of \"%s\" (not on disk, nor in BTF).",
               first < 1 ? 1 : first, last, file);
  d->list_file = file;
}

void
dbg_list (struct dbg *d, const char *args)
{
  if (d->lines == NULL)
    {
      dbg_error (d, "No line information (the object has neither DWARF nor .BTF.ext).");
      return;
    }
  long size = (long) d->listsize;
  if (*args == '\0')
    {
      if (d->list_file == NULL)
        {
          const struct ebpf_function *f = ebpf_lines_function_count (d->lines)
                                          ? ebpf_lines_function (d->lines, 0) : NULL;
          const struct ebpf_line *row = f ? ebpf_lines_find (d->lines, f->low) : NULL;
          if (row == NULL)
            {
              dbg_error (d, "No source to list.");
              return;
            }
          d->list_file = row->file;
          d->list_line = row->line;
        }
      long centre = d->list_line;
      /* The first list after a stop centres on its line.  */
      long first = centre - size / 2 > 0 ? centre - size / 2 : 1;
      list_lines (d, d->list_file, first, first + size - 1);
      d->list_line = (uint32_t) (first + size + size / 2);
      return;
    }
  /* FUNCTION, FILE:LINE or LINE: centred on it.  */
  const char *file = d->list_file;
  long line;
  char *end;
  line = strtol (args, &end, 10);
  if (end == args || *end)
    {
      uint64_t addr;
      struct ebpf_error err;
      if (run_resolve_location (d->s->obj, args, &addr, 1, &err) < 0)
        {
          dbg_error (d, "%s.", err.message);
          return;
        }
      const struct ebpf_line *row = ebpf_lines_find (d->lines, addr);
      if (row == NULL || row->line == 0)
        {
          dbg_error (d, "No line for %s.", args);
          return;
        }
      file = row->file;
      line = row->line;
      /* A function's own line is a little above its first statement.  */
      const struct ebpf_function *fn = ebpf_lines_function_named (d->lines, args);
      if (fn && fn->line)
        line = fn->line;
    }
  if (file == NULL)
    {
      dbg_error (d, "No default source file: list FILE:LINE or FUNCTION.");
      return;
    }
  long first = line - size / 2 > 0 ? line - size / 2 : 1;
  list_lines (d, file, first, first + size - 1);
  d->list_line = (uint32_t) (first + size + size / 2);
}

void
dbg_info_line (struct dbg *d, const char *args)
{
  (void) args;
  struct ebpf_frame_info f;
  if (d->lines == NULL)
    {
      dbg_error (d, "No line information.");
      return;
    }
  if (!dbg_selected_frame (d, &f))
    return;
  uint64_t pc = frame_pc (&f), low, high;
  const struct ebpf_line *row = ebpf_lines_find (d->lines, pc);
  if (row == NULL || row->line == 0 || !ebpf_lines_line_range (d->lines, pc, &low, &high))
    {
      fprintf (d->out, "No line number information available for address 0x%"
               PRIx64 "\n", pc);
      return;
    }
  fprintf (d->out, "Line %u of \"%s\" starts at address 0x%" PRIx64
           " and ends at 0x%" PRIx64 ".\n", row->line, row->file, low, high);
}

/* ---- BPF things ----------------------------------------------------------- */

void
dbg_info_maps (struct dbg *d, const char *args)
{
  (void) args;
  run_list_maps (d->s->m, d->out);
}

void
dbg_stats (struct dbg *d, const char *args)
{
  (void) args;
  ebpf_machine *m = d->s->m;
  fprintf (d->out, "instructions: %" PRIu64 "\ncycles: %" PRIu64 "\n"
           "time: %.1f ns (%s)\n"
           "history: %" PRIu64 " instructions in %zu bytes\ncall depth: %d\n",
           ebpf_machine_insn_count (m), ebpf_machine_cycle_count (m),
           ebpf_machine_time_ns (m), ebpf_cost_model_name (ebpf_machine_cost_model (m)),
           ebpf_machine_history_insns (m), ebpf_machine_history_bytes (m),
           ebpf_machine_call_depth (m));
}

/* ---- display ---------------------------------------------------------- */

/* Shows display DP: "N: EXPR = VALUE", or for /i the instruction.  */
static void
show_display (struct dbg *d, const struct dbg_display *dp)
{
  if (dp->instruction)
    {
      int64_t a;
      fprintf (d->out, "%d: x/i %s\n", dp->number, dp->expr);
      if (dbg_eval_integer (d, dp->expr, &a))
        print_instruction (d, (uint64_t) a, d->running
                           && (uint64_t) a == ebpf_machine_pc (d->s->m));
      return;
    }
  fprintf (d->out, "%d: %s = ", dp->number, dp->expr);
  fflush (d->out);
  int saved = d->value_number;
  /* print's machinery without its "$N = ".  */
  int64_t n;
  int k = register_expression (d, dp->expr, &n);
  if (k > 0)
    fprintf (d->out, "%" PRId64 "\n", n);
  else if (k == 0 && d->vars)
    {
      struct ebpf_frame_info f, *fp = NULL;
      if (d->running && ebpf_machine_frame (d->s->m, d->frame, &f))
        fp = &f;
      struct ebpf_value v;
      struct ebpf_error err;
      if (ebpf_vars_eval (d->vars, fp, ebpf_vars_read_machine, d->s->m, dp->expr,
                          &v, &err) == 0)
        {
          ebpf_value_print (&v, d->out);
          ebpf_value_clear (&v);
          fprintf (d->out, "\n");
        }
      else
        fprintf (d->out, "<error: %s>\n", err.message);
    }
  else
    fprintf (d->out, "<no symbols>\n");
  d->value_number = saved;
}

void
dbg_do_displays (struct dbg *d)
{
  for (int i = 0; d->running && i < d->n_displays; i++)
    show_display (d, &d->displays[i]);
}

void
dbg_displays_free (struct dbg *d)
{
  for (int i = 0; i < d->n_displays; i++)
    free (d->displays[i].expr);
  free (d->displays);
  d->displays = NULL;
  d->n_displays = 0;
}

void
dbg_display (struct dbg *d, const char *args)
{
  bool instruction = false;
  if (args[0] == '/')
    {
      if (args[1] != 'i')
        {
          dbg_error (d, "display takes /i (an instruction) or nothing.");
          return;
        }
      instruction = true;
      args += 2;
      args += strspn (args, " \t");
    }
  if (*args == '\0')
    {
      dbg_do_displays (d);
      return;
    }
  struct dbg_display *grown = realloc (d->displays, (size_t) (d->n_displays + 1)
                                                    * sizeof *grown);
  char *expr = strdup (args);
  if (grown == NULL || expr == NULL)
    {
      if (grown)
        d->displays = grown;
      free (expr);
      dbg_error (d, "out of memory");
      return;
    }
  d->displays = grown;
  struct dbg_display *dp = &d->displays[d->n_displays++];
  dp->number = ++d->next_display;
  dp->expr = expr;
  dp->instruction = instruction;
  if (d->running)
    show_display (d, dp);
}

void
dbg_undisplay (struct dbg *d, const char *args)
{
  if (*args == '\0')
    {
      dbg_displays_free (d);
      return;
    }
  char *end;
  long n = strtol (args, &end, 10);
  for (int i = 0; *end == '\0' && i < d->n_displays; i++)
    if (d->displays[i].number == n)
      {
        free (d->displays[i].expr);
        memmove (&d->displays[i], &d->displays[i + 1],
                 (size_t) (d->n_displays - i - 1) * sizeof d->displays[0]);
        d->n_displays--;
        return;
      }
  dbg_error (d, "No display number %s.", args);
}

void
dbg_info_display (struct dbg *d, const char *args)
{
  (void) args;
  if (d->n_displays == 0)
    {
      fprintf (d->out, "There are no auto-display expressions now.\n");
      return;
    }
  fprintf (d->out, "Auto-display expressions now in effect:\nNum Enb Expression\n");
  for (int i = 0; i < d->n_displays; i++)
    fprintf (d->out, "%d:   y  %s%s\n", d->displays[i].number,
             d->displays[i].instruction ? "/i " : "", d->displays[i].expr);
}

/* ---- disassemble ---------------------------------------------------------- */

void
dbg_disassemble (struct dbg *d, const char *args)
{
  bool source = false;
  if (args[0] == '/')
    {
      source = args[1] == 's' || args[1] == 'm';
      if (!source)
        {
          dbg_error (d, "disassemble takes /s (with source) or nothing.");
          return;
        }
      args += 2;
      args += strspn (args, " \t");
    }
  uint64_t at;
  if (*args)
    {
      struct ebpf_error err;
      int64_t v;
      if (run_resolve_location (d->s->obj, args, &at, 1, &err) < 0)
        {
          if (!dbg_eval_integer (d, args, &v))
            return;
          at = (uint64_t) v;
        }
    }
  else if (d->running)
    at = ebpf_machine_pc (d->s->m);
  else
    {
      dbg_error (d, "No frame selected: disassemble FUNCTION.");
      return;
    }
  const struct ebpf_function *fn = d->lines ? ebpf_lines_function_at (d->lines, at) : NULL;
  if (fn == NULL)
    {
      dbg_error (d, "No function contains address 0x%" PRIx64 ".", at);
      return;
    }
  uint64_t pc = d->running ? ebpf_machine_pc (d->s->m) : UINT64_MAX;
  fprintf (d->out, "Dump of assembler code for function %s:\n", fn->name ? fn->name : "??");
  const struct ebpf_line *last = NULL;
  for (uint64_t a = fn->low; a < fn->high;)
    {
      const struct ebpf_line *row = source ? ebpf_lines_find (d->lines, a) : NULL;
      if (row && row->line && (last == NULL || last->line != row->line
                               || strcmp (last->file, row->file) != 0))
        {
          const char *text = ebpf_lines_source_text (d->lines, row->file, row->line);
          fprintf (d->out, "%s:%u\n%u\t%s\n", row->file, row->line, row->line,
                   text ? text : "");
          last = row;
        }
      int size = print_instruction (d, a, a == pc);
      if (size == 0)
        break;
      a += (uint64_t) size;
    }
  fprintf (d->out, "End of assembler dump.\n");
}

/* ---- history -------------------------------------------------------------- */

void
dbg_history (struct dbg *d, const char *args)
{
  long n = 10;
  char *end;
  if (*args)
    {
      n = strtol (args, &end, 10);
      if (*end || n <= 0 || n > 100000)
        {
          dbg_error (d, "history takes a count from 1 to 100000.");
          return;
        }
    }
  if (!d->running)
    {
      dbg_error (d, "The program is not being run.");
      return;
    }
  uint64_t *addrs = calloc ((size_t) n, sizeof *addrs);
  uint64_t *numbers = calloc ((size_t) n, sizeof *numbers);
  if (addrs == NULL || numbers == NULL)
    {
      free (addrs);
      free (numbers);
      dbg_error (d, "out of memory");
      return;
    }
  ebpf_machine *m = d->s->m;
  size_t got = ebpf_machine_history_recent (m, addrs, numbers, (size_t) n);
  fprintf (d->out, "%" PRIu64 " instructions recorded (%zu bytes); the last %zu, "
           "oldest first:\n", ebpf_machine_history_insns (m),
           ebpf_machine_history_bytes (m), got);
  for (size_t i = got; i-- > 0;)
    {
      char where[600];
      const char *line = run_source_location (d->s->obj, addrs[i], where, sizeof where);
      fprintf (d->out, "#%-8" PRIu64 " %s%s", numbers[i], line ? line : "",
               line ? " " : "");
      print_instruction (d, addrs[i], false);
    }
  free (addrs);
  free (numbers);
}
