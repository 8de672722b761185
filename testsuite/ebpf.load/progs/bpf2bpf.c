/* BPF-to-BPF calls in .text: static and global (separately verified)
   functions, five arguments, a global function taking the context, and a
   chain of 8 frames (the kernel's maximum). */
#include "progs.h"

static __noinline int add5(int a, int b, int c, int d, int e)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e;
}

__noinline int glob_mul(int a, int b)
{
	return a * b;
}

__noinline int glob_len(struct xdp_md *ctx)
{
	if (!ctx)
		return -1;
	return ctx->data_end - ctx->data;
}

SEC("xdp")
int calls(struct xdp_md *ctx)
{
	int n = glob_len(ctx);
	return add5(n, 1, 2, 3, 4) + glob_mul(n, 1000);
}

#define LEVEL(name, next)                                  \
	static __noinline int name(volatile int x)         \
	{                                                  \
		volatile int pad = x + 1;                  \
		return next(pad) + 1;                      \
	}

static __noinline int f7(volatile int x) { return x * 100; }
LEVEL(f6, f7)
LEVEL(f5, f6)
LEVEL(f4, f5)
LEVEL(f3, f4)
LEVEL(f2, f3)
LEVEL(f1, f2)

/* calls8 -> f1 -> ... -> f7: 8 frames. */
SEC("xdp")
int calls8(struct xdp_md *ctx)
{
	return f1(0);
}
