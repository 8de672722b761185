/* fuzz-inputs — arbitrary bytes through the readers of ebpf-run's other
 * inputs: JSON (map contents), pcap captures, hex text, BTF, GDB's
 * memory sizes (--memory-size) and cycle models (--cycle-model).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "load/btf-ext.h"
#include "load/btf.h"
#include "ebpfsim.h"
#include "cli/json.h"
#include "cli/pcap.h"
#include "read-file.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char err[256];
  struct ebpf_json *json = ebpf_json_parse ((const char *) data, size, err, sizeof err);
  ebpf_json_free (json);

  struct ebpf_pcap pcap;
  struct ebpf_pcap_packet packet;
  if (ebpf_pcap_open (&pcap, data, size, err, sizeof err) == 0)
    while (ebpf_pcap_next (&pcap, &packet, err, sizeof err) == 1)
      ;

  size_t n;
  free (ebpf_parse_hex ((const char *) data, size, &n, err, sizeof err));

  char text[64];
  size_t len = size < sizeof text - 1 ? size : sizeof text - 1;
  memcpy (text, data, len);
  text[len] = '\0';
  uint64_t bytes;
  struct ebpf_error size_err;
  ebpf_gdbsim_parse_size (text, &bytes, &size_err);

  /* The same bytes as a model file's text.  */
  char *model_text = malloc (size + 1);
  if (model_text)
    {
      memcpy (model_text, data, size);
      model_text[size] = '\0';
      struct ebpf_error model_err;
      ebpf_cost_model_free (ebpf_cost_model_parse (model_text, "fuzz", &model_err));
      free (model_text);
    }

  struct ebpf_error e;
  struct ebpf_btf *btf = ebpf_btf_parse (data, size, "fuzz", &e);
  if (btf)
    {
      /* The same bytes as .BTF.ext over that BTF.  */
      ebpf_btf_ext_free (ebpf_btf_ext_parse (data, size, btf, "fuzz", &e));
      ebpf_btf_free (btf);
    }
  return 0;
}
