/* bpf_strncmp and bpf_snprintf: comparison results, formatted output in
   .bss, returned lengths (including the NUL), truncation. (A bad format is refused by the verifier: neg_snprintf_fmt.c.) */
#include "progs.h"
RESULTS(16)

char out[32];       /* .bss */
char small[4];      /* .bss */

SEC("xdp")
int strncmp_cases(struct xdp_md *ctx)
{
	char s[4] = "abd";
	char t[4] = "abb";
	char u[8] = "abc";

	put(0, bpf_strncmp(u, 4, "abc"));
	put(1, bpf_strncmp(s, 4, "abc"));
	put(2, bpf_strncmp(t, 4, "abc"));
	put(3, bpf_strncmp(s, 2, "abc"));
	put(4, bpf_strncmp(u, 3, "abcd"));
	put(5, bpf_strncmp(u, 8, "abcd"));
	put(6, bpf_strncmp(s, 4, "zzz"));
	return XDP_PASS;
}

const char ok_str[] = "ok";

/* The arguments stored at run time, so the %s pointer is a real address.
   (In snprintf_cases clang builds `args` as a constant array in .rodata
   whose pointer element needs a data relocation; libbpf does not apply
   relocations inside data sections, so %s gets the section offset and
   prints nothing.) */
SEC("xdp")
int snprintf_str(struct xdp_md *ctx)
{
	__u64 args[3];

	args[0] = ctx->rx_queue_index - 5;
	args[1] = (__u64)(long)ok_str;
	args[2] = 0xbeef + ctx->rx_queue_index;
	put(0, bpf_snprintf(out, sizeof out, "%d-%s-%x", args, sizeof args));
	return XDP_PASS;
}

SEC("xdp")
int snprintf_cases(struct xdp_md *ctx)
{
	__u64 args[3] = { -5, (__u64)(long)"ok", 0xbeef };
	__u64 one[1] = { 123456 };

	put(0, bpf_snprintf(out, sizeof out, "%d-%s-%x", args, sizeof args));
	put(1, bpf_snprintf(small, sizeof small, "%d", one, sizeof one));
	put(2, bpf_snprintf(out, sizeof out, "%d", args, sizeof args));
	return XDP_PASS;
}
