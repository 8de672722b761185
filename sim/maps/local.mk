# sim/maps/local.mk — the map types, each a file, behind map.h.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/maps/map.h sim/maps/map.c sim/maps/map-table.c \
	sim/maps/map-array.c sim/maps/map-hash.c sim/maps/map-lpm.c \
	sim/maps/map-queue.c sim/maps/map-bloom.c sim/maps/map-ringbuf.c \
	sim/maps/map-perf.c sim/maps/map-prog-array.c sim/maps/map-of-maps.c
