/* BPF_MAP_TYPE_RINGBUF: reserve/submit/discard/output and bpf_ringbuf_query
   positions; reservations too large for the ring; bad flags. Slots 2, 9, 10, 14 are 1
   when the reservation succeeded. */
#include "progs.h"
RESULTS(24)

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

SEC("xdp")
int ringbuf_ops(struct xdp_md *ctx)
{
	__u64 *e, v = 0x1122334455667788;

	put(0, bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE));
	put(1, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
	e = bpf_ringbuf_reserve(&rb, 16, 0);
	if (e) {
		e[0] = 1; e[1] = 2;
		bpf_ringbuf_submit(e, 0);
		put(2, 1);
	}
	put(3, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
	put(4, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
	put(5, bpf_ringbuf_query(&rb, BPF_RB_CONS_POS));
	put(6, bpf_ringbuf_output(&rb, &v, 8, 0));
	put(7, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
	put(8, bpf_ringbuf_output(&rb, &v, 8, 4));
	e = bpf_ringbuf_reserve(&rb, 8192, 0);
	if (e) {
		bpf_ringbuf_discard(e, 0);
		put(9, 1);
	}
	e = bpf_ringbuf_reserve(&rb, 8, 0);
	if (e) {
		bpf_ringbuf_discard(e, 0);
		put(10, 1);
	}
	put(11, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
	put(12, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
	put(13, bpf_ringbuf_query(&rb, 99));
	e = bpf_ringbuf_reserve(&rb, 8, 1);
	if (e) {
		bpf_ringbuf_discard(e, 0);
		put(14, 1);
	}
	return XDP_PASS;
}

/* Fill the ring: count successful 1000-byte outputs until one fails. */
SEC("xdp")
int ringbuf_fill(struct xdp_md *ctx)
{
	static char buf[1000];
	int n = 0, r = 0;

	for (int i = 0; i < 8; i++) {
		r = bpf_ringbuf_output(&rb, buf, sizeof buf, 0);
		if (r)
			break;
		n++;
	}
	put(0, n);
	put(1, r);
	put(2, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
	return n;
}
