/* Legacy packet loads BPF_LD|BPF_ABS and BPF_LD|BPF_IND (clang's
   llvm.bpf.load.* intrinsics, bpf-gcc's __builtin_bpf_load_*): results are in host order; an
   out-of-range load ends the program with return value 0. */
#include "progs.h"

#ifdef __clang__
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
#else /* bpf-gcc */
#define load_byte(skb, off) __builtin_bpf_load_byte(off)
#define load_half(skb, off) __builtin_bpf_load_half(off)
#define load_word(skb, off) __builtin_bpf_load_word(off)
#endif

/* Socket filters start at the network header: byte 9 is the IPv4 protocol. */
SEC("socket")
int ldabs_sock_proto(struct __sk_buff *skb)
{
	return load_byte(skb, 9);
}

/* LD_IND: the UDP/TCP destination port after an IHL-sized header. */
SEC("socket")
int ldind_sock_dport(struct __sk_buff *skb)
{
	__u64 ihl = load_byte(skb, 0) & 0xf;
	return load_half(skb, ihl * 4 + 2);
}

SEC("socket")
int ldabs_sock_word(struct __sk_buff *skb)
{
	return load_word(skb, 16); /* IPv4 destination address */
}

SEC("socket")
int ldabs_out_of_range(struct __sk_buff *skb)
{
	__u64 x = load_word(skb, 1000);
	return x + 5;
}

/* TC programs start at the Ethernet header: bytes 12-13 are the EtherType. */
SEC("tc")
int ldabs_tc_ethertype(struct __sk_buff *skb)
{
	return load_half(skb, 12);
}

SEC("tc")
int ldind_tc_out_of_range(struct __sk_buff *skb)
{
	__u64 off = skb->len;
	return load_byte(skb, off) + 9;
}
