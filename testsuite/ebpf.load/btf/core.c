/* CO-RE relocations of every kind, against core-target.c's BTF.
 * prog() reads fields the CO-RE way; run on memory laid out like the
 * target's struct task, it returns the same sum whichever layout it was
 * compiled with.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
struct task
{
  int pid;
  unsigned int flags;
  char comm[16];
  unsigned int prio : 5, policy : 7;
  int gone;
  struct task *parent;
  int tail[];
};

struct task___old                 /* a flavor: matches "task" */
{
  int pid;
  unsigned int flags;
};

enum state { RUNNING = 1, SLEEPING = 2, ZOMBIE = 4 };
struct missing { int x; };

#define FIELD(expr, kind) __builtin_preserve_field_info (expr, kind)
#define READ(expr) __builtin_preserve_access_index (expr)

unsigned long long results[32];

__attribute__ ((section ("tc"), used)) int
prog (struct task *t)
{
  int sum = 0;
  sum += READ (t->pid);
  sum += READ (t->flags);
  sum += READ (t->comm[2]);
  return sum;
}

__attribute__ ((section ("tc/info"), used)) int
info (struct task *t)
{
  struct task___old *o = (void *) t;
  results[0] = FIELD (t->flags, 0);          /* FIELD_BYTE_OFFSET */
  results[1] = FIELD (t->flags, 1);          /* FIELD_BYTE_SIZE */
  results[2] = FIELD (t->gone, 2);           /* FIELD_EXISTS: no */
  results[3] = FIELD (t->pid, 2);            /* FIELD_EXISTS: yes */
  results[4] = FIELD (t->pid, 3);            /* FIELD_SIGNED */
  results[5] = FIELD (t->policy, 4);         /* FIELD_LSHIFT_U64 */
  results[6] = FIELD (t->policy, 5);         /* FIELD_RSHIFT_U64 */
  results[7] = __builtin_btf_type_id (*t, 0);        /* TYPE_ID_LOCAL */
  results[8] = __builtin_btf_type_id (*t, 1);        /* TYPE_ID_TARGET */
  results[9] = __builtin_preserve_type_info (*t, 0); /* TYPE_EXISTS */
  results[10] = __builtin_preserve_type_info (*t, 1);/* TYPE_SIZE */
  results[11] = __builtin_preserve_enum_value (*(enum state *) SLEEPING, 0);
  results[12] = __builtin_preserve_enum_value (*(enum state *) SLEEPING, 1);
  results[13] = __builtin_preserve_enum_value (*(enum state *) ZOMBIE, 0);
  results[14] = __builtin_preserve_type_info (*(struct missing *) 0, 0);
  results[15] = READ (o->flags);
  results[16] = FIELD (t->prio, 0);
  results[17] = FIELD (t->comm[3], 0);
  results[18] = READ (t->parent->pid);
  return 0;
}

__attribute__ ((section ("tc/gone"), used)) int
gone (struct task *t)
{
  return READ (t->gone);                     /* poisoned */
}

char _license[] __attribute__ ((section ("license"), used)) = "GPL";
