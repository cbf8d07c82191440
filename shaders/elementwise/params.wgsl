// The parameters of a dispatch whose bindings are 256-byte aligned windows around the caller's range: each
// operand's offset from the start of its binding, and how far the output's binding reaches past the range's end
// (out_tail: another operand's range sharing the binding, or the rest of a 16-bit word), all in elements. Each is a
// uniform binding of the device's parameter table (src/param-table.ts), an immutable buffer whose block k holds the
// number k: a call's parameters are where its bindings point, never something the package writes, so no call
// recorded later can change them, and no buffer is made per range. The length of the range is not a parameter: it
// is the length of the output's binding, which ends with the range, less the output's offset and tail.
@group(0) @binding(3) var<uniform> x_offset: u32;
@group(0) @binding(4) var<uniform> dy_offset: u32;
@group(0) @binding(5) var<uniform> out_offset: u32;
@group(0) @binding(6) var<uniform> out_tail: u32;

fn range_length() -> u32 {
  return out_items() * ITEM_ELEMENTS - out_offset - out_tail;
}
