// For test/browser/accuracy.test.ts only, not part of the package: shaders/mish.wgsl as it was before its forward
// took one division per path (commit 76486fb), whose quotients passed a division's error on whole. Under the
// adversarial division modes it exceeds the 4-ulp bound; the sweep must say so.

// Mish, f(x) = x·tanh(softplus(x)), and its derivative, for f32. Paste-able: no bindings, no entry point.
// The error bounds, the argument for them and the measured errors are in docs/accuracy.md.
//
// With e = e^x and n = e·(e + 2): tanh(softplus(x)) = ((1 + e)² − 1)/((1 + e)² + 1) = n/(n + 2). No tanh, no log
// (WGSL's tanh may return NaN past |x| ≈ 88.7, and x·tanh(log(1 + exp(x))) underflows to 0 below x ≈ −17).
//
// Forward, within 4 ulp for every finite x, without relying on the vendor's exp (WGSL allows it 3 + 2|x| ulp):
//   e^x = (1 + p)·2^k, k = round(x/ln2), r = x − k·ln2 (Cody–Waite: k·MISH_LN2_HI is exact), p = e^r − 1 by a
//   degree-6 polynomial on |r| ≤ ln2/2 (relative error below 3.1e-9);
//   mish(x) = x·e·q, q = (e + 2)/(n + 2), with q formed as 1 − e(e + 1)/(e(e + 1) + e + 2) for e < 0.5 and as
//   1/(e + 2/(e + 2)) above (each form has its small rounding error where it is used);
//   mish(x) = (x·2⁶⁴·(q + p·q))·2^(k − 64): the product is formed on normal numbers even where the result is
//   subnormal (x < −87 or |x| < 2⁻¹²⁶/0.6), and 2^(k − 64) is applied on the bits: a normal result gets its
//   exponent field moved; a subnormal one is rounded to a whole number of 2⁻¹⁴⁹ by adding 2²³ and written as
//   bits, because WGSL lets an implementation flush subnormal arithmetic to zero.
// Special values are decided on bit patterns (WGSL lets an implementation assume floats are finite):
// mish(NaN) = NaN, mish(+∞) = +∞, mish(x ≥ 20) = x (2/(n + 2) < 1e-17 there), mish(−∞) = −0, mish(±0) = ±0.
// Subnormal inputs give a correctly signed zero where the adapter flushes them, else the rounded result.
//
// Backward: mish'(x) = t + x·σ(x)·sech²(softplus(x)) with t = n/(n + 2) and
//   σ·sech² = e/(e + 1) · 4(e + 1)²/(n + 2)² = 4e(e + 1)/(n + 2)²,
// which never forms 1 − t² (that loses every digit as t → 1). This equals the paper's eq. (2). The two terms
// cancel only near the zero of mish' at x ≈ −1.19, where the error is absolute, not relative. The bound there is
// 4 ulp + 2⁻²² absolute: the builtin exp's error reaches the result damped by 2/(n + 2) for x > 0, and for
// x < −1 the absolute term covers it (|mish'(x)| < 2⁻²² below x ≈ −18).
// mish'(NaN) = NaN, mish'(+∞) = 1 (and 1 for x ≥ 22, where it rounds to 1), mish'(x < −120) = mish'(−∞) = 0.

// From MISH_CLAMP up, 2/(n + 2) < 1e-17: mish(x) = x and mish'(x) is 1 within an ulp; x is clamped there.
const MISH_CLAMP: f32 = 20.0;
// From MISH_GRAD_ONE up, mish'(x) rounds to 1.
const MISH_GRAD_ONE: f32 = 22.0;
// Below MISH_FLOOR, mish(x) > −2⁻¹⁶⁰ rounds to −0 and mish'(x) to 0; x is clamped there.
const MISH_FLOOR: f32 = -120.0;

// p(r) = e^r − 1 = r + r²·(½ + …): minimax coefficients on |r| ≤ 0.3468.
const MISH_P6: f32 = 0.0013814605;
const MISH_P5: f32 = 0.0083687464;
const MISH_P4: f32 = 0.041668389;
const MISH_P3: f32 = 0.16666521;
const MISH_P2: f32 = 0.49999994;
// ln 2 = MISH_LN2_HI + MISH_LN2_LO; MISH_LN2_HI has 15 significant bits, so k·MISH_LN2_HI is exact for |k| < 2⁹.
const MISH_LN2_HI: f32 = 0.693145752;
const MISH_LN2_LO: f32 = 1.42860677e-6;
// 1.5·2²³: adding it to |v| < 2²² rounds v to an integer and leaves that integer in the low bits.
const MISH_ROUNDER: f32 = 12582912.0;
const MISH_ROUNDER_BITS: i32 = 0x4b400000;

fn mish(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  // Clamping at MISH_FLOOR also keeps k·2²³ within i32 (and maps −∞ to −0). A select, not max(): on SwiftShader
  // max() cost about three selects (NaN x, which either leaves alone, is decided at the end on its bits).
  let xc = select(x, MISH_FLOOR, x < MISH_FLOOR);
  // k = round(xc/ln2) without round(), which software adapters emulate slowly.
  let kRounded = xc * 1.44269504 + MISH_ROUNDER;
  let kBits = bitcast<i32>(kRounded);
  let k = f32(kBits - MISH_ROUNDER_BITS);
  let r = (xc - k * MISH_LN2_HI) - k * MISH_LN2_LO;
  let p = (((((MISH_P6 * r + MISH_P5) * r + MISH_P4) * r + MISH_P3) * r + MISH_P2) * r + 1.0) * r;
  // e = e^xc, with 2^k floored at 2⁻¹²⁶ (below it e only enters q, where it no longer matters).
  // (k + 127)·2²³: the bits of 2^k, and (less (127 + 64)·2²³) the shift of the result's exponent field below.
  let biased = (kBits - (MISH_ROUNDER_BITS - 127)) << 23u;
  let pow2k = bitcast<f32>(select(biased, 0x00800000, kBits < MISH_ROUNDER_BITS - 126));
  let e = (p + 1.0) * pow2k;
  let u = e + 2.0;
  let b = e * (e + 1.0);
  let q = select(1.0 / (e + 2.0 / u), 1.0 - b / (b + u), e < 0.5);
  let w = (xc * 0x1p64) * (q + p * q);

  // mish(x) = w·2^(k − 64). shift moves w's exponent field; scaled = mish(x)·2¹⁴⁹ where the result is subnormal.
  let wBits = bitcast<i32>(w);
  let shift = biased - ((127 + 64) << 23u);
  let normal = wBits + shift;
  let scaled = bitcast<f32>(normal + (149 << 23u));
  // ±2²³ with w's sign: the sum's low bits are round(|scaled|), its sign bit w's.
  let rounder = bitcast<f32>((wBits & bitcast<i32>(0x80000000u)) | 0x4b000000);
  let subnormal = bitcast<i32>(scaled + rounder) - 0x4b000000;
  var y = select(normal, subnormal, (wBits & 0x7fffffff) + shift < 0x00800000);
  // x ≥ MISH_CLAMP (+∞ included) and NaN: x itself.
  y = select(y, bits, bits >= bitcast<i32>(MISH_CLAMP) || (bits & 0x7fffffff) > 0x7f800000);
  return bitcast<f32>(y);
}

fn mish_grad(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  let xc = select(select(x, MISH_FLOOR, x < MISH_FLOOR), MISH_CLAMP, x > MISH_CLAMP); // clamp(), as selects (see mish)
  let e = exp(xc);
  let n = e * (e + 2.0);
  // One division: r = 1/(n + 2), t = n·r, σ·sech² = 4e(e + 1)·r².
  let r = 1.0 / (n + 2.0);
  var y = bitcast<i32>(n * r + xc * (4.0 * e * (e + 1.0)) * r * r);
  y = select(y, bitcast<i32>(1.0), bits >= bitcast<i32>(MISH_GRAD_ONE)); // x ≥ 22, +∞: 1
  y = select(y, 0, bitcast<u32>(bits) > bitcast<u32>(MISH_FLOOR)); // x < −120, −∞: 0
  y = select(y, bits, (bits & 0x7fffffff) > 0x7f800000); // NaN
  return bitcast<f32>(y);
}
