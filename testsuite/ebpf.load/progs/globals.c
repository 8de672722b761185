/* Global data: .data, .bss, .rodata (const volatile), a string in
   .rodata, custom .data.custom and .rodata.custom sections, a static
   global. libbpf turns each into an array map with one element. */
#include "progs.h"

int counter = 5;                                   /* .data */
__u64 total;                                       /* .bss */
const volatile __u32 limit = 100;                  /* .rodata */
const char greeting[8] = "hello";                  /* .rodata */
int custom SEC(".data.custom") = 42;               /* .data.custom */
const volatile int ro_custom SEC(".rodata.custom") = 17;
static int hidden = 3;                             /* .data, static */
__u8 bytes[4];                                     /* .bss */

SEC("xdp")
int globals_rw(struct xdp_md *ctx)
{
	counter++;
	total += limit;
	custom += ro_custom + hidden;
	hidden++;
	bytes[0] = greeting[0];
	bytes[3] = greeting[4];
	return counter;
}
