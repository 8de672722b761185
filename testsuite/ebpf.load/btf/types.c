/* Globals of many BTF kinds, for the parser and the value formatter
 * (btf-test.c compares the formatted .data with bpftool's map dump).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
typedef unsigned int u32;
typedef unsigned long long u64;

enum color { RED, GREEN = 5, BLUE = -1 };

struct inner
{
  short s;
  unsigned char flags;
};

struct sample
{
  int i;
  u32 u;
  u64 big;
  signed char c;
  char name[8];
  char raw[4];
  _Bool ok;
  unsigned a : 3, b : 5;
  int neg : 4;
  enum color col;
  enum color other;
  struct inner in;
  struct inner arr[2];
  int *ptr;
  union
  {
    int x;
    unsigned int ux;
  };
  const volatile int cv;
  long long wide : 40;
};

struct sample sample = {
  .i = -42, .u = 4000000000u, .big = 0x123456789abcdefULL, .c = -3,
  .name = "hi\"x", .raw = { 1, 2, 3, 4 }, .ok = 1, .a = 5, .b = 17,
  .neg = -3, .col = GREEN, .other = (enum color) 77,
  .in = { -2, 0xf0 }, .arr = { { 1, 2 }, { 3, 4 } }, .ptr = (int *) 0,
  .x = 0x01020304, .cv = 9, .wide = -5,
};
int counts[3] = { 10, 20, 30 };
int zeroed;
const int limit = 7;

struct
{
  int (*type)[2];          /* BPF_MAP_TYPE_HASH */
  int (*max_entries)[16];
  u32 *key;
  struct sample *value;
} sample_map __attribute__ ((section (".maps"), used));

__attribute__ ((section ("xdp"), used)) int
prog (void *ctx)
{
  return sample.i + counts[1] + zeroed + limit;
}

char _license[] __attribute__ ((section ("license"), used)) = "GPL";
