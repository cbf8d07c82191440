// Swish (SiLU), f(x) = x·σ(x), and its derivative f'(x) = σ(x)·(1 + x·(1 − σ(x))), for f32.
//
// σ and 1 − σ are both formed from e = exp(−|x|) ∈ (0, 1], so exp never overflows and neither 1 − σ nor σ for
// negative x is computed by a subtraction that loses digits: for x ≥ 0, σ = 1/(1 + e) and 1 − σ = e/(1 + e);
// for x < 0 the two swap. x is clamped at −120 (below it both results round to a zero of the right sign).
// Special values are decided on bit patterns: swish(NaN) = NaN, swish(+∞) = +∞ (x itself for x ≥ 20, where
// σ(x) rounds away), swish(−∞) = −0; swish'(NaN) = NaN, swish'(+∞) = 1, swish'(−∞) = 0.

// From SWISH_CLAMP up, σ(x) rounds to 1: swish(x) = x and swish'(x) = 1; x is clamped there.
const SWISH_CLAMP: f32 = 20.0;
// Below SWISH_FLOOR, swish(x) and swish'(x) round to zeros of the right sign; x is clamped there.
const SWISH_FLOOR: f32 = -120.0;

fn swish_sigmoid_pair(x: f32) -> vec2<f32> {
  let e = exp(-abs(x));
  let r = 1.0 / (1.0 + e);
  let far = e * r;
  // (σ(x), 1 − σ(x))
  return select(vec2<f32>(far, r), vec2<f32>(r, far), x >= 0.0);
}

fn swish(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  let xc = max(x, SWISH_FLOOR);
  let y = bitcast<i32>(xc * swish_sigmoid_pair(xc).x);
  // x ≥ SWISH_CLAMP (+∞ included) and NaN: x itself.
  return bitcast<f32>(select(y, bits, bits >= bitcast<i32>(SWISH_CLAMP) || (bits & 0x7fffffff) > 0x7f800000));
}

fn swish_grad(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  let xc = clamp(x, SWISH_FLOOR, SWISH_CLAMP);
  let s = swish_sigmoid_pair(xc);
  var y = bitcast<i32>(s.x * (1.0 + xc * s.y));
  y = select(y, bitcast<i32>(1.0), bits >= bitcast<i32>(SWISH_CLAMP)); // x ≥ 20, +∞: 1
  y = select(y, 0, bitcast<u32>(bits) > bitcast<u32>(SWISH_FLOOR)); // x < −120, −∞: 0
  y = select(y, bits, (bits & 0x7fffffff) > 0x7f800000); // NaN
  return bitcast<f32>(y);
}
