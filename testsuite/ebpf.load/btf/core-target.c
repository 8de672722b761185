/* The "kernel" of the CO-RE tests: the target BTF.  Its structs differ
 * from the ones core.c was compiled with: fields moved, widened, gone,
 * nested in anonymous unions, and an enum renumbered.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
struct task
{
  long pad[3];
  unsigned long long flags;       /* was u32 at offset 4 */
  union
  {
    int pid;                      /* was a plain member */
    int tgid;
  };
  char comm[16];
  unsigned int prio : 5, policy : 7;
  struct task *parent;
  int tail[];
};

enum state { RUNNING = 10, SLEEPING = 20 };   /* no ZOMBIE */
typedef struct task task_t;
struct only_in_target { int x; };
union shape { int i; long l; };

__attribute__ ((used)) struct task *use_task;
__attribute__ ((used)) enum state use_state;
__attribute__ ((used)) task_t *use_task_t;
__attribute__ ((used)) struct only_in_target use_only;
__attribute__ ((used)) union shape use_shape;
