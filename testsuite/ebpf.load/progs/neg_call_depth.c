/* REJECTED: 9 call frames (the entry and 8 nested calls); the kernel allows 8. */
#include "progs.h"

#define LEVEL(name, next)                                  \
	static __noinline int name(volatile int x)         \
	{                                                  \
		volatile int pad = x + 1;                  \
		return next(pad) + 1;                      \
	}

static __noinline int g8(volatile int x) { return x * 100; }
LEVEL(g7, g8)
LEVEL(g6, g7)
LEVEL(g5, g6)
LEVEL(g4, g5)
LEVEL(g3, g4)
LEVEL(g2, g3)
LEVEL(g1, g2)

SEC("xdp")
int call_depth9(struct xdp_md *ctx)
{
	return g1(0);
}
