/* REJECTED: bpf_snprintf's format string is checked by the verifier. */
#include "progs.h"

char out[16];
const char fmt_bad[] = "%z";

SEC("xdp")
int snprintf_bad_fmt(struct xdp_md *ctx)
{
	__u64 one[1] = { 1 };
	return bpf_snprintf(out, sizeof out, fmt_bad, one, sizeof one);
}
