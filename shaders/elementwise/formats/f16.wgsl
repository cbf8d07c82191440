// f16 storage without the shader-f16 feature: elements are 16-bit halves of u32 words (chunks/half.wgsl), math is
// f32. Both conversions are exact or rounded once, on the bits where WGSL leaves a builtin's result open.
//
// f16 → f32: unpack2x16float for finite values (exact); ±∞ and NaN are built on the bits, sign and payload kept.
// f32 → f16 on the bits, not with pack2x16float (indeterminate outside f16's finite range): round to nearest even,
// overflow past 65 504 (from 65 520 up) to ±∞, NaN stays (quiet) NaN.

// f32 bit patterns of the boundaries: 2⁻¹⁴ (f16's least normal), 65 520 (rounds past f16's greatest finite, 65 504),
// ∞ (above it NaN); and the f16 patterns of ∞ and of the quiet NaN written for any NaN.
const F16_NORMAL_FROM: u32 = 0x38800000u;
const F16_OVERFLOW_FROM: u32 = 0x477ff000u;
const F32_INFINITY: u32 = 0x7f800000u;
const F16_INFINITY: u32 = 0x7c00u;
const F16_NAN: u32 = 0x7e00u;

fn unpack_half(h: u32) -> f32 {
  let special = bitcast<f32>(((h & 0x8000u) << 16u) | F32_INFINITY | ((h & 0x03ffu) << 13u));
  return select(unpack2x16float(h).x, special, (h & F16_INFINITY) == F16_INFINITY);
}

// Both halves of a word: the low one in .x. Each half's ±∞ and NaN are built from the word in place, the signs
// by a select or a mask: on SwiftShader shifts cost more than selects (f16 Mish forward took 1.55× the f32 kernel
// with the signs of both conversions shifted into place, 1.42× with selects; docs/history.md).
fn unpack_pair(w: u32) -> vec2<f32> {
  let lowSign = select(0u, 0x80000000u, (w & 0x8000u) != 0u);
  let lowSpecial = bitcast<f32>(lowSign | F32_INFINITY | ((w & 0x03ffu) << 13u));
  let highSpecial = bitcast<f32>((w & 0x80000000u) | F32_INFINITY | ((w >> 3u) & 0x007fe000u));
  let u = unpack2x16float(w);
  let lowIsSpecial = (w & F16_INFINITY) == F16_INFINITY;
  let highIsSpecial = (w & (F16_INFINITY << 16u)) == F16_INFINITY << 16u;
  return vec2<f32>(select(u.x, lowSpecial, lowIsSpecial), select(u.y, highSpecial, highIsSpecial));
}

// |v|'s bits with the 13 bits f16 drops rounded to nearest even (the kept lowest bit read by a select, not a
// shift); a carry moves into the exponent field, as it should.
fn rounded_magnitude(magnitude: u32) -> u32 {
  return magnitude + select(0x0fffu, 0x1000u, (magnitude & 0x2000u) != 0u);
}

// Subnormal f16 (|v| < 2⁻¹⁴): a whole number of 2⁻²⁴, rounded to nearest even: |v|·2²⁴ < 2¹⁰ is exact, and
// adding 1.5·2²³ rounds it to an integer in the sum's low bits (round() is slow on software adapters).
fn subnormal_half(magnitude: u32) -> u32 {
  return bitcast<u32>(bitcast<f32>(magnitude) * 16777216.0 + 12582912.0) - 0x4b400000u;
}

fn pack_half(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let magnitude = bits & 0x7fffffffu;
  // Normal f16 (2⁻¹⁴ ≤ |v| < 65 520): the rounded bits with the exponent rebiased by 127 − 15 = 112.
  let normal = (rounded_magnitude(magnitude) >> 13u) - (112u << 10u);
  var h = select(normal, subnormal_half(magnitude), magnitude < F16_NORMAL_FROM);
  h = select(h, F16_INFINITY, magnitude >= F16_OVERFLOW_FROM);
  h = select(h, F16_NAN, magnitude > F32_INFINITY);
  return select(0u, 0x8000u, bits >= 0x80000000u) | h;
}

// pack_half(v) << 16, formed in place: the sign needs no shift, the normal case one.
fn pack_high_half(v: f32) -> u32 {
  let bits = bitcast<u32>(v);
  let magnitude = bits & 0x7fffffffu;
  let normal = ((rounded_magnitude(magnitude) - (112u << 23u)) << 3u) & 0xffff0000u;
  var h = select(normal, subnormal_half(magnitude) << 16u, magnitude < F16_NORMAL_FROM);
  h = select(h, F16_INFINITY << 16u, magnitude >= F16_OVERFLOW_FROM);
  h = select(h, F16_NAN << 16u, magnitude > F32_INFINITY);
  return (bits & 0x80000000u) | h;
}

fn pack_pair(v: vec2<f32>) -> u32 {
  return pack_half(v.x) | pack_high_half(v.y);
}
