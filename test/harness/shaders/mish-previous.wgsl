// For test/browser/accuracy.test.ts only, not part of the package: the Mish forward of shaders/mish.wgsl as it was
// before it took one division per path (commit 76486fb), whose quotients passed a division's error on whole. It
// takes the place of the shipped `fn mish` (the constants it reads are the shipped file's, unchanged since); under the
// adversarial division modes it exceeds the 4-ulp bound, and the sweep must say so.
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
