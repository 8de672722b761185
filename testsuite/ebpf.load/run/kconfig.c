/* .kconfig externs (run.exp), weak as in the kernel's selftests so that
 * libbpf gives 0 for those the configuration lacks.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern enum libbpf_tristate CONFIG_TRI_Y __kconfig __weak;
extern enum libbpf_tristate CONFIG_TRI_M __kconfig __weak;
extern enum libbpf_tristate CONFIG_TRI_N __kconfig __weak;
extern bool CONFIG_FLAG __kconfig __weak;
extern int CONFIG_NUMBER __kconfig __weak;
extern unsigned int LINUX_KERNEL_VERSION __kconfig;

/* One value per program, so each is checked on its own.  */
SEC ("kprobe/tri_y") int tri_y (void *ctx) { return CONFIG_TRI_Y; }
SEC ("kprobe/tri_m") int tri_m (void *ctx) { return CONFIG_TRI_M; }
SEC ("kprobe/tri_n") int tri_n (void *ctx) { return CONFIG_TRI_N; }
SEC ("kprobe/flag") int flag (void *ctx) { return CONFIG_FLAG; }
SEC ("kprobe/number") int number (void *ctx) { return CONFIG_NUMBER; }
SEC ("kprobe/version") int version (void *ctx) { return LINUX_KERNEL_VERSION; }

char LICENSE[] SEC ("license") = "GPL";
