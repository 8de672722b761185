/* bpf_redirect and bpf_redirect_map (DEVMAP) return values in XDP. */
#include "progs.h"
RESULTS(8)

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} dev SEC(".maps");

SEC("xdp")
int redirect_ifindex(struct xdp_md *ctx)
{
	return bpf_redirect(5, 0);
}

SEC("xdp")
int redirect_badflags(struct xdp_md *ctx)
{
	return bpf_redirect(5, 1);
}

SEC("xdp")
int redirect_map_missing(struct xdp_md *ctx)
{
	return bpf_redirect_map(&dev, 2, XDP_PASS);
}

SEC("xdp")
int redirect_map_key0(struct xdp_md *ctx)
{
	return bpf_redirect_map(&dev, 0, XDP_DROP);
}

SEC("xdp")
int redirect_map_oob(struct xdp_md *ctx)
{
	return bpf_redirect_map(&dev, 9, XDP_TX);
}
