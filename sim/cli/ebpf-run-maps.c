/* ebpf-run-maps.c — ebpf-run's map contents: seeding maps from JSON
 * before a run (--map NAME=FILE.json) and dumping them after it
 * (--dump-maps).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE 1
#include <errno.h>
#include <inttypes.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpf-run.h"
#include "json.h"
#include "read-file.h"

/* A key or value from JSON: a hex string ("0a000000", "0x0a 0x00 ..."),
 * an array of bytes (numbers or "0x0a" strings, as bpftool writes them),
 * or a number, stored little-endian in SIZE bytes.  */
static bool
json_bytes (const struct ebpf_json *v, uint8_t *out, size_t size,
            const char *what, char *err, size_t err_len)
{
  memset (out, 0, size);
  if (v == NULL)
    {
      snprintf (err, err_len, "no \"%s\"", what);
      return false;
    }
  if (v->kind == EBPF_JSON_NUMBER)
    {
      char *end;
      errno = 0;
      long long n = strtoll (v->text, &end, 0);
      if (*end || errno || size > 8)
        {
          snprintf (err, err_len, "\"%s\": %s is not a whole number for %zu bytes",
                    what, v->text, size);
          return false;
        }
      for (size_t i = 0; i < size; i++)
        out[i] = (uint8_t) ((unsigned long long) n >> (8 * i));
      return true;
    }
  if (v->kind == EBPF_JSON_STRING)
    {
      size_t n;
      char msg[160];
      uint8_t *bytes = ebpf_parse_hex (v->text, v->len, &n, msg, sizeof msg);
      if (bytes == NULL || n != size)
        {
          char count[64];
          snprintf (count, sizeof count, "%zu bytes where the map takes %zu", n, size);
          snprintf (err, err_len, "\"%s\": %s", what, bytes ? count : msg);
          free (bytes);
          return false;
        }
      memcpy (out, bytes, size);
      free (bytes);
      return true;
    }
  if (v->kind == EBPF_JSON_ARRAY && v->count == size)
    {
      for (size_t i = 0; i < size; i++)
        {
          const struct ebpf_json *b = v->items[i];
          char *end;
          unsigned long n = b->kind == EBPF_JSON_NUMBER || b->kind == EBPF_JSON_STRING
                            ? strtoul (b->text, &end, 0) : 256;
          if (n > 255 || *end)
            {
              snprintf (err, err_len, "\"%s\": element %zu is not a byte", what, i);
              return false;
            }
          out[i] = (uint8_t) n;
        }
      return true;
    }
  snprintf (err, err_len, "\"%s\" must be hex text, a number or an array of "
            "%zu bytes", what, size);
  return false;
}

bool
run_seed_map (ebpf_machine *m, const char *spec)
{
  const char *eq = strchr (spec, '=');
  if (eq == NULL)
    {
      fprintf (stderr, "%s: --map %s: expected NAME=FILE.json\n", progname, spec);
      return false;
    }
  char name[128];
  snprintf (name, sizeof name, "%.*s", (int) (eq - spec), spec);
  const char *path = eq + 1;
  if (*path == '\0')
    {
      fprintf (stderr, "%s: --map %s: a file of elements is missing after '='\n",
               progname, spec);
      return false;
    }
  int map = ebpf_machine_find_map (m, name);
  if (map < 0)
    {
      fprintf (stderr, "%s: --map: the object has no map '%s' (see --list)\n",
               progname, name);
      return false;
    }
  struct ebpf_map_info info;
  ebpf_machine_map_info (m, map, &info);
  size_t len;
  uint8_t *text = ebpf_read_file (path, &len);
  if (text == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", progname, path, strerror (errno));
      return false;
    }
  char err[300];
  struct ebpf_json *doc = ebpf_json_parse ((const char *) text, len, err, sizeof err);
  free (text);
  bool ok = doc != NULL;
  if (!ok)
    fprintf (stderr, "%s: %s: %s\n", progname, path, err);
  else if (doc->kind != EBPF_JSON_ARRAY)
    {
      fprintf (stderr, "%s: %s: expected an array of {\"key\": ..., \"value\": ...}\n",
               progname, path);
      ok = false;
    }
  uint8_t *key = calloc (1, info.key_size + 1);
  uint8_t *value = calloc (1, info.value_buffer_size + 1);
  for (size_t i = 0; ok && i < doc->count; i++)
    {
      const struct ebpf_json *e = doc->items[i];
      const struct ebpf_json *k = ebpf_json_member (e, "key");
      const struct ebpf_json *v = ebpf_json_member (e, "value");
      ok = json_bytes (k, key, info.key_size, "key", err, sizeof err)
           && json_bytes (v, value, info.value_buffer_size, "value", err, sizeof err);
      if (!ok)
        {
          fprintf (stderr, "%s: %s: element %zu: %s\n", progname, path, i, err);
          break;
        }
      long rc = ebpf_machine_map_update (m, map, key, value, BPF_ANY);
      if (rc < 0)
        {
          fprintf (stderr, "%s: %s: element %zu: updating map '%s' failed: %s\n",
                   progname, path, i, name, run_map_error (rc));
          ok = false;
        }
    }
  free (key);
  free (value);
  ebpf_json_free (doc);
  return ok;
}

static void
print_hex (FILE *out, const uint8_t *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    fprintf (out, "%02x", p[i]);
}

struct output_printer
{
  FILE *out;
  bool json;
  unsigned count;
};

static void
print_output (void *ctx, const char *map, int cpu, const void *data, uint32_t size)
{
  struct output_printer *p = ctx;
  if (p->json)
    fprintf (p->out, "%s{\"map\": \"%s\", %s%d, \"data\": \"",
             p->count ? ", " : ", \"output\": [",
             map, cpu < 0 ? "\"ringbuf\": true, \"cpu\": " : "\"cpu\": ", cpu);
  else if (cpu < 0)
    fprintf (p->out, "ringbuf %s: %u bytes: ", map, size);
  else
    fprintf (p->out, "perf event %s, cpu %d: %u bytes: ", map, cpu, size);
  for (uint32_t i = 0; i < size; i++)
    fprintf (p->out, "%02x", ((const uint8_t *) data)[i]);
  fprintf (p->out, p->json ? "\"}" : "\n");
  p->count++;
}

void
run_print_output (ebpf_machine *m, FILE *out, bool json)
{
  struct output_printer p = { out, json, 0 };
  ebpf_machine_drain_output (m, print_output, &p);
  if (json && p.count)   /* the member only when there was output */
    fprintf (out, "]");
}

/* Maps whose elements a dump lists: those with keys to walk and values
 * that are data (not programs or maps).  */
static bool
dumpable (const struct ebpf_map_info *info)
{
  switch (info->type_id)
    {
    case BPF_MAP_TYPE_PROG_ARRAY: case BPF_MAP_TYPE_ARRAY_OF_MAPS:
    case BPF_MAP_TYPE_HASH_OF_MAPS: case BPF_MAP_TYPE_RINGBUF:
    case BPF_MAP_TYPE_PERF_EVENT_ARRAY: case BPF_MAP_TYPE_BLOOM_FILTER:
      return false;
    default:
      return true;
    }
}

const char *
run_map_error (long rc)
{
  switch (-rc)
    {
    case E2BIG: return "the map is full (E2BIG)";
    case ENOENT: return "no such element (ENOENT)";
    case EEXIST: return "the element exists (EEXIST)";
    case EINVAL: return "not for this map or this key (EINVAL)";
    case ENOMEM: return "out of memory (ENOMEM)";
    case EPERM: return "not allowed on this map (EPERM)";
    case 524: return "this map type does not do that (ENOTSUPP, 524)";
    default: return strerror ((int) -rc);
    }
}

/* With BTF, the element as bpftool shows it: fields by name.  Per-CPU
 * values are formatted copy by copy.  */
static void
print_formatted (ebpf_machine *m, int map, const struct ebpf_map_info *info,
                 const uint8_t *key, const uint8_t *value, bool json, FILE *out)
{
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&text, &size);
  if (mem == NULL)
    return;
  bool ok = true;
  fprintf (mem, json ? ", \"formatted\": {\"key\": " : "    key: ");
  if (ebpf_machine_map_format (m, map, true, key, info->key_size, json, mem) != 0)
    {
      /* Data maps have no key type: the index.  */
      uint32_t k = 0;
      memcpy (&k, key, info->key_size < 4 ? info->key_size : 4);
      fprintf (mem, "%u", k);
    }
  fprintf (mem, json ? ", \"value\": " : "\n    value: ");
  size_t stride = (info->value_size + 7) / 8 * 8;
  unsigned copies = info->percpu ? (unsigned) (info->value_buffer_size / stride) : 1;
  if (info->percpu)
    fprintf (mem, json ? "[" : "[");
  for (unsigned c = 0; ok && c < copies; c++)
    {
      if (c)
        fprintf (mem, json ? ", " : ",\n      ");
      ok = ebpf_machine_map_format (m, map, false, value + c * stride,
                                    info->value_size, json, mem) == 0;
    }
  if (info->percpu)
    fprintf (mem, "]");
  fprintf (mem, json ? "}" : "\n");
  fclose (mem);
  if (ok)
    fwrite (text, 1, size, out);
  free (text);
}

static bool
all_zero (const uint8_t *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (p[i])
      return false;
  return true;
}

void
run_list_maps (ebpf_machine *m, FILE *out)
{
  int n = ebpf_machine_map_count (m);
  if (n == 0)
    fprintf (out, "no maps\n");
  for (int i = 0; i < n; i++)
    {
      struct ebpf_map_info info;
      ebpf_machine_map_info (m, i, &info);
      if (info.inner_template)
        continue;
      fprintf (out, "%-24s %-18s key %u value %u max_entries %u%s\n",
               info.name, info.type, info.key_size, info.value_size,
               info.max_entries, info.map_flags ? " (flags)" : "");
    }
}

/* Every element of a map, in its iteration order; array slots that are
 * all zero are counted, not listed (JSON lists every one, as bpftool
 * does).  */
/* A queue's or stack's values, in the order pops would take them (the
 * next pop's first), each a "value" without a key.  */
static void
dump_queue (ebpf_machine *m, int map, const struct ebpf_map_info *info,
            FILE *out, bool json)
{
  uint8_t *value = calloc (1, info->value_size + 1);
  uint32_t i = 0;
  while (value && ebpf_machine_map_nth_value (m, map, i, value) == 0)
    {
      if (json)
        fprintf (out, "%s{\"value\": \"", i ? ", " : "");
      else
        fprintf (out, "  value ");
      print_hex (out, value, info->value_size);
      fprintf (out, json ? "\"}" : "\n");
      i++;
    }
  if (json)
    fprintf (out, "]}");
  else
    fprintf (out, i ? "  (%u value%s, the next pop's first)\n" : "  (empty)\n",
             i, i == 1 ? "" : "s");
  free (value);
}

void
run_dump_map (ebpf_machine *m, int map, FILE *out, bool json)
{
  struct ebpf_map_info info;
  ebpf_machine_map_info (m, map, &info);
  if (json)
    fprintf (out, "{\"name\": \"%s\", \"type\": \"%s\", \"elements\": [",
             info.name, info.type);
  else
    fprintf (out, "map %s: %s, key %u bytes, value %u bytes, max_entries %u\n",
             info.name, info.type, info.key_size, info.value_size,
             info.max_entries);
  if (!dumpable (&info))
    {
      fprintf (out, json ? "]}" : "  (elements not listed for this type)\n");
      return;
    }
  if (info.type_id == BPF_MAP_TYPE_QUEUE || info.type_id == BPF_MAP_TYPE_STACK)
    {
      dump_queue (m, map, &info, out, json);
      return;
    }
  bool array = info.type_id == BPF_MAP_TYPE_ARRAY
               || info.type_id == BPF_MAP_TYPE_PERCPU_ARRAY
               || info.type_id == BPF_MAP_TYPE_DEVMAP;
  uint8_t *key = calloc (1, info.key_size + 1);
  uint8_t *next = calloc (1, info.key_size + 1);
  uint8_t *value = calloc (1, info.value_buffer_size + 1);
  uint64_t zeros = 0, listed = 0;
  bool first = true;
  while (key && next && value
         && ebpf_machine_map_next_key (m, map, first ? NULL : key, next) == 0)
    {
      first = false;
      memcpy (key, next, info.key_size);
      if (ebpf_machine_map_lookup (m, map, key, value) < 0)
        continue;
      if (array && !json && all_zero (value, info.value_buffer_size))
        {
          zeros++;
          continue;
        }
      if (json)
        fprintf (out, "%s{\"key\": \"", listed ? ", " : "");
      else
        fprintf (out, "  key ");
      print_hex (out, key, info.key_size);
      fprintf (out, json ? "\", \"value\": \"" : "  value ");
      print_hex (out, value, info.value_buffer_size);
      fprintf (out, json ? "\"" : "\n");
      print_formatted (m, map, &info, key, value, json, out);
      fprintf (out, json ? "}" : "");
      listed++;
    }
  if (json)
    fprintf (out, "]}");
  else if (zeros)
    fprintf (out, "  (%" PRIu64 " element%s of zeros not shown)\n", zeros,
             zeros == 1 ? "" : "s");
  free (key);
  free (next);
  free (value);
}

void
run_dump_maps (ebpf_machine *m, FILE *out, bool json)
{
  if (json)
    fprintf (out, ", \"maps\": [");
  int listed = 0;
  for (int map = 0; map < ebpf_machine_map_count (m); map++)
    {
      struct ebpf_map_info info;
      ebpf_machine_map_info (m, map, &info);
      if (info.inner_template)
        continue;   /* libbpf makes no map of an outer map's template */
      if (json && listed)
        fprintf (out, ", ");
      run_dump_map (m, map, out, json);
      listed++;
    }
  if (json)
    fprintf (out, "]");
}
