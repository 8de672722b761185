/* How big a test run's packet may be: tc and socket programs return the
   length they see, an XDP program the data's.  skb-size.oracle holds what
   the kernel did with them (Linux 6.18, BPF_PROG_TEST_RUN through
   ../shared/oracle/runner.c on the host).
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("tc") int tcp (struct __sk_buff *s) { return s->len; }
SEC("socket") int sockp (struct __sk_buff *s) { return s->len; }
SEC("xdp") int xdpp (struct xdp_md *c) { return c->data_end - c->data; }
char LICENSE[] SEC("license") = "GPL";
