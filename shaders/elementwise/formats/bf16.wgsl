// bf16 storage: elements are 16-bit halves of u32 words (chunks/half.wgsl), math is f32. A bf16 is the top half
// of an f32, so bf16 → f32 is exact for every pattern; f32 → bf16 rounds the dropped 16 bits to nearest even
// (overflow then carries into +∞ by itself) and keeps NaN a (quiet) NaN.

fn unpack_half(h: u32) -> f32 {
  return bitcast<f32>(h << 16u);
}

// Both halves of a word: the low one in .x.
fn unpack_pair(w: u32) -> vec2<f32> {
  return bitcast<vec2<f32>>(vec2<u32>(w << 16u, w & 0xffff0000u));
}

fn pack_half(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let rounded = (bits + 0x7fffu + ((bits >> 16u) & 1u)) >> 16u;
  return select(rounded, (bits >> 16u) | 0x0040u, (bits & 0x7fffffffu) > 0x7f800000u);
}

fn pack_pair(v: vec2<f32>) -> u32 {
  return pack_half(v.x) | (pack_half(v.y) << 16u);
}
