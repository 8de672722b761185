# sim/env/local.mk — what surrounds a program: its context, the kernel's
# helpers, the simulator services of executables, GDB's simulator
# conventions.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/env/context.h sim/env/context.c \
	sim/env/helper.h sim/env/helpers.c sim/env/helpers-trace.c \
	sim/env/helpers-packet.c sim/env/helpers-map.c \
	sim/env/services.h sim/env/services.c \
	sim/env/gdbsim.h sim/env/gdbsim.c \
	runtime/include/ebpfsim-services.h

# The cycle model: its reader, and the built-in model (models/default.model)
# as a C string, so that ebpf-run needs no installed file to predict time.
sim_libebpfsim_a_SOURCES += sim/env/cost-model.h sim/env/cost-model.c
nodist_sim_libebpfsim_a_SOURCES = sim/env/default-model.c
BUILT_SOURCES = sim/env/default-model.c
MODEL_CLEANFILES = sim/env/default-model.c
sim/env/default-model.c: $(srcdir)/models/default.model
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	  { echo '/* Generated from models/default.model: do not edit.  */'; \
	    echo 'const char ebpf_default_model_text[] ='; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/  "/' -e 's/$$/\\n"/' $<; \
	    echo ';'; } > $@.tmp && mv $@.tmp $@

# Models shipped with ebpfsim, for --cycle-model.
modelsdir = $(pkgdatadir)/models
dist_models_DATA = models/default.model models/unit.model
