/* norm — the part of an `ebpf-run --json --dump-maps` (or kernel-run)
 * result that the differential fuzzer compares, one fact a line, so that
 * two results compare with diff(1):
 *
 *   retval R            r0's low 32 bits, unsigned (the kernel's test run
 *                       returns 32 bits; ebpf-run prints r0's 64)
 *   data_out HEX
 *   map NAME TYPE       then one "elem NAME KEY VALUE" line per element,
 *                       sorted by key (a hash map's order is the
 *                       kernel's own); maps sorted by name
 *
 * Everything else (verdict, instructions, cycles, "formatted" values...)
 * is left out.  Queues and stacks keep their order (the order pops take
 * them).
 *
 *   norm FILE   (or standard input)
 *
 * Exit status: 0, or 2 when the input is not such a JSON object.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON value: only what the results hold.  */
enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };
struct j
{
  enum jt t;
  char *s;                      /* number text or string */
  int n;                        /* children */
  struct j **kid;
  char **key;                   /* object member names */
};

static const char *p;

static void
fail (void)
{
  fprintf (stderr, "norm: not a JSON result\n");
  exit (2);
}

static void
ws (void)
{
  while (*p && isspace ((unsigned char) *p))
    p++;
}

static char *
str (void)
{
  if (*p != '"')
    fail ();
  p++;
  size_t cap = 64, n = 0;
  char *s = malloc (cap);
  while (*p && *p != '"')
    {
      char c = *p++;
      if (c == '\\')
        {
          c = *p++;
          switch (c)
            {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'u':
              /* Kept as is: only names and hex are compared.  */
              if (n + 6 >= cap)
                s = realloc (s, cap *= 2);
              s[n++] = '\\';
              break;
            case 0: fail ();
            default: break;
            }
        }
      if (n + 2 >= cap)
        s = realloc (s, cap *= 2);
      s[n++] = c;
    }
  if (*p != '"')
    fail ();
  p++;
  s[n] = 0;
  return s;
}

static struct j *
val (void)
{
  struct j *v = calloc (1, sizeof *v);
  ws ();
  if (*p == '{' || *p == '[')
    {
      int obj = *p == '{';
      char end = obj ? '}' : ']';
      v->t = obj ? J_OBJ : J_ARR;
      p++;
      ws ();
      while (*p && *p != end)
        {
          v->kid = realloc (v->kid, (v->n + 1) * sizeof *v->kid);
          v->key = realloc (v->key, (v->n + 1) * sizeof *v->key);
          v->key[v->n] = NULL;
          if (obj)
            {
              v->key[v->n] = str ();
              ws ();
              if (*p++ != ':')
                fail ();
            }
          v->kid[v->n++] = val ();
          ws ();
          if (*p == ',')
            p++, ws ();
          else if (*p != end)
            fail ();
        }
      if (*p++ != end)
        fail ();
    }
  else if (*p == '"')
    v->t = J_STR, v->s = str ();
  else if (!strncmp (p, "true", 4) || !strncmp (p, "false", 5) || !strncmp (p, "null", 4))
    {
      v->t = *p == 'n' ? J_NULL : J_BOOL;
      p += *p == 'f' ? 5 : 4;
    }
  else
    {
      const char *b = p;
      while (*p && (isdigit ((unsigned char) *p) || strchr ("+-.eE", *p)))
        p++;
      if (p == b)
        fail ();
      v->t = J_NUM;
      v->s = strndup (b, p - b);
    }
  return v;
}

static struct j *
get (struct j *o, const char *k)
{
  if (!o || o->t != J_OBJ)
    return NULL;
  for (int i = 0; i < o->n; i++)
    if (!strcmp (o->key[i], k))
      return o->kid[i];
  return NULL;
}

struct kv { const char *k, *v; };

static int
kvcmp (const void *a, const void *b)
{
  const struct kv *x = a, *y = b;
  return strcmp (x->k, y->k);
}

int
main (int argc, char **argv)
{
  FILE *f = argc > 1 ? fopen (argv[1], "r") : stdin;
  if (!f)
    {
      perror (argv[1]);
      return 2;
    }
  size_t cap = 1 << 16, n = 0, k;
  char *buf = malloc (cap);
  while ((k = fread (buf + n, 1, cap - n - 1, f)) > 0)
    {
      n += k;
      if (n + 1 >= cap)
        buf = realloc (buf, cap *= 2);
    }
  buf[n] = 0;
  p = buf;
  struct j *r = val ();
  if (r->t != J_OBJ)
    fail ();
  struct j *rv = get (r, "retval");
  if (rv && rv->t == J_NUM)
    {
      long long x = strtoll (rv->s, NULL, 10);
      if (rv->s[0] != '-')
        x = (long long) strtoull (rv->s, NULL, 10);
      printf ("retval %u\n", (unsigned) x);
    }
  else
    printf ("retval none\n");
  struct j *d = get (r, "data_out");
  printf ("data_out %s\n", d && d->t == J_STR ? d->s : "none");
  struct j *maps = get (r, "maps");
  if (maps && maps->t == J_ARR)
    {
      /* Maps by name: kernel-run lists them in the object's order,
         ebpf-run its own (.rodata and the like elsewhere).  */
      struct kv *ms = calloc (maps->n + 1, sizeof *ms);
      for (int i = 0; i < maps->n; i++)
        {
          struct j *nm = get (maps->kid[i], "name");
          ms[i].k = nm && nm->t == J_STR ? nm->s : "?";
          ms[i].v = (const char *) maps->kid[i];
        }
      qsort (ms, maps->n, sizeof *ms, kvcmp);
      for (int i = 0; i < maps->n; i++)
        {
          struct j *m = (struct j *) ms[i].v;
          struct j *ty = get (m, "type"), *el = get (m, "elements");
          const char *type = ty && ty->t == J_STR ? ty->s : "?";
          printf ("map %s %s\n", ms[i].k, type);
          if (!el || el->t != J_ARR)
            continue;
          struct kv *e = calloc (el->n + 1, sizeof *e);
          for (int x = 0; x < el->n; x++)
            {
              struct j *kk = get (el->kid[x], "key"), *vv = get (el->kid[x], "value");
              e[x].k = kk && kk->t == J_STR ? kk->s : "";
              e[x].v = vv && vv->t == J_STR ? vv->s : "?";
            }
          if (strcmp (type, "queue") && strcmp (type, "stack"))
            qsort (e, el->n, sizeof *e, kvcmp);
          for (int x = 0; x < el->n; x++)
            printf ("elem %s %s %s\n", ms[i].k, e[x].k, e[x].v);
        }
    }
  return 0;
}
