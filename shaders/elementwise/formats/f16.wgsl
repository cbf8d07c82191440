// f16 storage without the shader-f16 feature: elements are 16-bit halves of u32 words (chunks/half.wgsl), math is
// f32. Both conversions are exact or rounded once, on the bits where WGSL leaves a builtin's result open.
//
// f16 → f32: unpack2x16float for finite values (exact); ±∞ and NaN are built on the bits, sign and payload kept.
// f32 → f16 on the bits, not with pack2x16float (indeterminate outside f16's finite range): round to nearest even,
// overflow past 65 504 (from 65 520 up) to ±∞, NaN stays (quiet) NaN.

fn unpack_half(h: u32) -> f32 {
  let special = bitcast<f32>(((h & 0x8000u) << 16u) | 0x7f800000u | ((h & 0x03ffu) << 13u));
  return select(unpack2x16float(h).x, special, (h & 0x7c00u) == 0x7c00u);
}

// Both halves of a word: the low one in .x.
fn unpack_pair(w: u32) -> vec2<f32> {
  let h = vec2<u32>(w & 0xffffu, w >> 16u);
  let special = bitcast<vec2<f32>>(((h & vec2(0x8000u)) << vec2(16u)) | vec2(0x7f800000u) | ((h & vec2(0x03ffu)) << vec2(13u)));
  return select(unpack2x16float(w), special, (h & vec2(0x7c00u)) == vec2(0x7c00u));
}

fn pack_half(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let sign = (bits >> 16u) & 0x8000u;
  let magnitude = bits & 0x7fffffffu;
  // Normal f16 (2⁻¹⁴ ≤ |v| < 65 520): rebias the exponent, round the 13 dropped bits to nearest even.
  let rounded = magnitude + 0x0fffu + ((magnitude >> 13u) & 1u);
  let normal = (rounded >> 13u) - (112u << 10u);
  // Subnormal f16 (|v| < 2⁻¹⁴): a whole number of 2⁻²⁴, rounded to nearest even: |v|·2²⁴ < 2¹⁰ is exact, and
  // adding 1.5·2²³ rounds it to an integer in the sum's low bits (round() is slow on software adapters).
  let subnormal = bitcast<u32>(abs(v) * 16777216.0 + 12582912.0) - 0x4b400000u;
  var h = select(normal, subnormal, magnitude < 0x38800000u);
  h = select(h, 0x7c00u, magnitude >= 0x477ff000u); // rounds past 65 504: ±∞
  h = select(h, 0x7e00u, magnitude > 0x7f800000u); // NaN
  return sign | h;
}

fn pack_pair(v: vec2<f32>) -> u32 {
  return pack_half(v.x) | (pack_half(v.y) << 16u);
}
