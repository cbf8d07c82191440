// 16-bit storage (f16 and bf16) without the shader-f16 feature: buffers are bound as array<u32> and each word
// holds two elements, the lower-indexed one in the low half. Math is done in f32 and rounded once on store.
//
// f16 → f32: unpack2x16float is exact. f32 → f16 is done on the bits, not with pack2x16float, because WGSL leaves
// pack2x16float's result indeterminate outside f16's finite range, and we promise IEEE behaviour: round to
// nearest even, overflow past 65 504 (from 65 520 up) to ±∞, NaN stays NaN. bf16 is the top half of an f32:
// f32 → bf16 rounds the dropped 16 bits to nearest even (overflow then carries into +∞ by itself).

fn f16_to_f32(h: u32) -> f32 {
  return unpack2x16float(h).x;
}

fn f32_to_f16(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let sign = (bits >> 16u) & 0x8000u;
  let magnitude = bits & 0x7fffffffu;
  // Normal f16 (2⁻¹⁴ ≤ |v| < 65 520): rebias the exponent, round the 13 dropped bits to nearest even.
  let rounded = magnitude + 0x0fffu + ((magnitude >> 13u) & 1u);
  let normal = (rounded >> 13u) - (112u << 10u);
  // Subnormal f16 (|v| < 2⁻¹⁴): a whole number of 2⁻²⁴, rounded to nearest even (exact product, then round).
  let subnormal = u32(round(abs(v) * 16777216.0));
  var h = select(normal, subnormal, magnitude < 0x38800000u);
  h = select(h, 0x7c00u, magnitude >= 0x477ff000u); // rounds past 65 504: ±∞
  h = select(h, 0x7e00u, magnitude > 0x7f800000u); // NaN
  return sign | h;
}

fn bf16_to_f32(h: u32) -> f32 {
  return bitcast<f32>(h << 16u);
}

fn f32_to_bf16(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let rounded = (bits + 0x7fffu + ((bits >> 16u) & 1u)) >> 16u;
  return select(rounded, (bits >> 16u) | 0x0040u, (bits & 0x7fffffffu) > 0x7f800000u); // NaN stays (quiet) NaN
}
