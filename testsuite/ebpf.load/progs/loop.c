/* bpf_loop: iteration counts returned, early stop, limits and flags. */
#include "progs.h"
RESULTS(16)

struct acc {
	__u64 sum;
	__u32 stop_at;
};

static int body(__u32 i, void *c)
{
	struct acc *a = c;

	a->sum += i;
	return i == a->stop_at; /* 1 stops the loop */
}

SEC("xdp")
int loop_cases(struct xdp_md *ctx)
{
	struct acc a = { 0, 1000 };

	put(0, bpf_loop(10, body, &a, 0));
	put(1, a.sum);
	a.sum = 0; a.stop_at = 3;
	put(2, bpf_loop(10, body, &a, 0));
	put(3, a.sum);
	put(4, bpf_loop(0, body, &a, 0));
	put(5, bpf_loop(10, body, &a, 1));
	put(6, bpf_loop(1 << 24, body, &a, 0));
	a.sum = 0; a.stop_at = 1u << 30;
	put(7, bpf_loop(1 << 23, body, &a, 0));
	put(8, a.sum);
	return XDP_PASS;
}
