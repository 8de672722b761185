/* bpf_skb_change_tail / change_head / pull_data: packet length changes as
   seen in data_out and skb->len, and the errors. */
#include "progs.h"
RESULTS(16)

SEC("tc")
int grow_tail(struct __sk_buff *skb)
{
	put(0, bpf_skb_change_tail(skb, skb->len + 10, 0));
	put(1, skb->len);
	return TC_ACT_OK;
}

SEC("tc")
int shrink_tail(struct __sk_buff *skb)
{
	put(0, bpf_skb_change_tail(skb, 34, 0));
	put(1, skb->len);
	return TC_ACT_OK;
}

SEC("tc")
int tail_errors(struct __sk_buff *skb)
{
	put(0, bpf_skb_change_tail(skb, skb->len, 1));
	put(1, bpf_skb_change_tail(skb, 0x10000, 0));
	put(2, bpf_skb_change_tail(skb, 10, 0));
	put(3, skb->len);
	return TC_ACT_OK;
}

SEC("tc")
int push_head(struct __sk_buff *skb)
{
	put(0, bpf_skb_change_head(skb, 4, 0));
	put(1, skb->len);
	put(2, bpf_skb_change_head(skb, 4, 1));
	put(3, bpf_skb_pull_data(skb, 0));
	put(4, bpf_skb_pull_data(skb, 5000));
	return TC_ACT_OK;
}
