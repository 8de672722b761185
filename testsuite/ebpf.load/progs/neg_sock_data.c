/* REJECTED: socket filters may not use skb->data (no direct packet access). */
#include "progs.h"

SEC("socket")
int sock_data(struct __sk_buff *skb)
{
	return skb->data_end - skb->data;
}
