// The parameter block of a dispatch whose bindings start before the caller's range or hold more than it: the
// range's length, and each operand's offset from the start of its binding (in elements). A dispatch bound exactly to
// the range (ranges/exact.wgsl) has none.
struct Params {
  length: u32,
  x_offset: u32,
  dy_offset: u32,
  out_offset: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
