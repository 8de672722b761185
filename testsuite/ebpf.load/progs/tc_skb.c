/* __sk_buff fields read by a TC program (the kernel rewrites these
   accesses), and writes to mark, priority, cb[], tc_classid, tc_index;
   ctx_out shows which of them BPF_PROG_TEST_RUN copies back. */
#include "progs.h"
RESULTS(32)

SEC("tc")
int skb_fields(struct __sk_buff *skb)
{
	put(0, skb->len);
	put(1, skb->protocol);
	put(2, skb->pkt_type);
	put(3, skb->mark);
	put(4, skb->priority);
	put(5, skb->ifindex);
	put(6, skb->ingress_ifindex);
	put(7, skb->queue_mapping);
	put(8, skb->cb[0]);
	put(9, skb->cb[4]);
	put(10, skb->data_end - skb->data);
	put(11, skb->hash);
	put(12, skb->tc_index);
	put(13, skb->vlan_present);
	put(14, skb->data_meta == skb->data);
	put(15, skb->wire_len);
	put(16, skb->gso_segs);
	put(17, skb->tstamp);
	put(18, skb->napi_id);
	put(21, skb->gso_size);
	skb->mark = 0xbeef;
	skb->priority = 3;
	skb->cb[1] = 99;
	skb->tc_classid = 0x10002;
	skb->tc_index = 5;
	return TC_ACT_SHOT;
}

/* Old section name; the same program type (SCHED_CLS). */
SEC("classifier")
int classifier_len(struct __sk_buff *skb)
{
	return skb->len + (skb->cb[2] << 16);
}

/* Direct packet access: returns the IPv4 TTL or 1000. */
SEC("tc")
int tc_ttl(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	__u8 *ip = data + 14;

	if ((void *)(ip + 20) > end)
		return 1000;
	ip[8] -= 1; /* decrement TTL in place (checksum not fixed) */
	return ip[8];
}
