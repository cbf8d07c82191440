// The adversary of the accuracy sweep's adversarial modes (accuracy/adversary.ts): what WGSL lets an adapter's
// arithmetic do, applied to the shipped kernel's code. The tool rewrites a copy of the kernel's WGSL so that each
// division calls adversary_div and each exp adversary_exp, and puts the mode's constants before this file:
//   ADVERSARY_DIV_ULPS: the correctly rounded quotient is moved by this many ulps (WGSL allows a division 2.5 ulp);
//   ADVERSARY_EXP_DIRECTION: exp is moved by its whole allowance, 3 + 2|x| ulp, down (−1), up (+1) or not (0);
// and, in the fma mode, each a·b + c calls adversary_fma.

// v moved by `ulps` units in the last place, up for a positive count: through the integers that order the floats
// (a negative float's bits counted down from −0), so that crossing zero and binade edges come out right. NaN and
// ±∞ are left alone.
fn adversary_nudge(v: f32, ulps: i32) -> f32 {
  let bits = bitcast<i32>(v);
  if ((bits & 0x7fffffff) >= 0x7f800000) {
    return v;
  }
  let lowest = bitcast<i32>(0x80000000u);
  let ordered = select(bits, lowest - bits, bits < 0) + ulps;
  return bitcast<f32>(select(ordered, lowest - ordered, ordered < 0));
}

fn adversary_div(a: f32, b: f32) -> f32 {
  return adversary_nudge(a / b, ADVERSARY_DIV_ULPS);
}

fn adversary_exp(v: f32) -> f32 {
  return adversary_nudge(exp(v), ADVERSARY_EXP_DIRECTION * i32(floor(3.0 + 2.0 * abs(v))));
}

// a·b + c rounded once (to nearest, ties to even), as a fused multiply-add gives it. The adapters we sweep on compute
// WGSL's fma() unfused, and may rewrite float expressions (SwiftShader folds (v + C) − C to v), so the product and
// the sum are formed exactly in integers: 64-bit values as vec2<u32>(high, low). Zero, subnormal or non-finite
// operands, and results outside the normal range, fall back to a * b + c.
fn adversary_fma(a: f32, b: f32, c: f32) -> f32 {
  let ab = bitcast<u32>(a);
  let bb = bitcast<u32>(b);
  let cb = bitcast<u32>(c);
  let ea = (ab >> 23u) & 0xffu;
  let eb = (bb >> 23u) & 0xffu;
  let ec = (cb >> 23u) & 0xffu;
  if (ea == 0u || ea == 255u || eb == 0u || eb == 255u || ec == 0u || ec == 255u) {
    return a * b + c;
  }
  // The product of the 24-bit significands, 48 bits, from 12-bit halves.
  let ma = (ab & 0x7fffffu) | 0x800000u;
  let mb = (bb & 0x7fffffu) | 0x800000u;
  let a0 = ma & 0xfffu;
  let a1 = ma >> 12u;
  let b0 = mb & 0xfffu;
  let b1 = mb >> 12u;
  let middle = a0 * b1 + a1 * b0;
  let high11 = a1 * b1;
  var product = adversary_add64(vec2<u32>(0u, a0 * b0), vec2<u32>(middle >> 20u, (middle & 0xfffffu) << 12u));
  product = adversary_add64(product, vec2<u32>(high11 >> 8u, (high11 & 0xffu) << 24u));
  // c's significand moved up 24 bits, so that both have their leading bit at 46 or 47. Exponents are of bit 0.
  let addend = vec2<u32>(((cb & 0x7fffffu) | 0x800000u) >> 8u, ((cb & 0x7fffffu) | 0x800000u) << 24u);
  let productExponent = i32(ea) + i32(eb) - 254 - 46;
  let addendExponent = i32(ec) - 150 - 24;
  let productSign = (ab ^ bb) & 0x80000000u;
  let addendSign = cb & 0x80000000u;
  // Align to the larger exponent: the larger moves up (by up to 15 bits, so that the sum stays below 2⁶⁴) or the
  // smaller down, its lost bits kept as a sticky bit (they lie far below the result's last place then).
  let productFirst = productExponent >= addendExponent;
  var big = select(addend, product, productFirst);
  var small = select(product, addend, productFirst);
  let bigSign = select(addendSign, productSign, productFirst);
  let smallSign = select(productSign, addendSign, productFirst);
  let gap = u32(abs(productExponent - addendExponent));
  var exponent = min(productExponent, addendExponent);
  var sticky = false;
  if (gap <= 15u) {
    big = adversary_shl64(big, gap);
  } else {
    exponent += i32(gap);
    sticky = adversary_dropped64(small, gap);
    small = adversary_shr64(small, gap);
  }
  // The sum (or difference) of the magnitudes, and its sign.
  var sign = bigSign;
  var sum = vec2<u32>(0u, 0u);
  if (bigSign == smallSign) {
    sum = adversary_add64(big, small);
  } else if (adversary_less64(big, small)) {
    sum = adversary_sub64(small, big);
    sign = smallSign;
  } else {
    sum = adversary_sub64(big, small);
    if (sticky) {
      // The dropped bits were subtracted too: borrow one unit, and the rest stays sticky.
      sum = adversary_sub64(sum, vec2<u32>(0u, 1u));
    }
  }
  if (sum.x == 0u && sum.y == 0u) {
    return a * b + c;
  }
  // Round to 24 significant bits, to nearest, ties to even.
  let top = select(31u - countLeadingZeros(sum.y), 63u - countLeadingZeros(sum.x), sum.x != 0u);
  var significand = 0u;
  var guard = false;
  if (top >= 24u) {
    let shift = top - 23u;
    significand = adversary_shr64(sum, shift).y;
    guard = adversary_shr64(sum, shift - 1u).y % 2u == 1u;
    sticky = sticky || adversary_dropped64(sum, shift - 1u);
  } else {
    significand = sum.y << (23u - top);
  }
  if (guard && (sticky || significand % 2u == 1u)) {
    significand += 1u;
  }
  var resultExponent = exponent + i32(top) + 127;
  if (significand == 0x1000000u) {
    significand = 0x800000u;
    resultExponent += 1;
  }
  if (resultExponent <= 0 || resultExponent >= 255) {
    return a * b + c;
  }
  return bitcast<f32>(sign | (u32(resultExponent) << 23u) | (significand & 0x7fffffu));
}

fn adversary_add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let low = a.y + b.y;
  return vec2<u32>(a.x + b.x + select(0u, 1u, low < a.y), low);
}

fn adversary_sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x - select(0u, 1u, a.y < b.y), a.y - b.y);
}

fn adversary_less64(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}

fn adversary_shl64(v: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) {
    return v;
  }
  if (n >= 32u) {
    return vec2<u32>(v.y << (n - 32u), 0u);
  }
  return vec2<u32>((v.x << n) | (v.y >> (32u - n)), v.y << n);
}

fn adversary_shr64(v: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) {
    return v;
  }
  if (n >= 64u) {
    return vec2<u32>(0u, 0u);
  }
  if (n >= 32u) {
    return vec2<u32>(0u, v.x >> (n - 32u));
  }
  return vec2<u32>(v.x >> n, (v.y >> n) | (v.x << (32u - n)));
}

// Whether any of the low n bits of v is set.
fn adversary_dropped64(v: vec2<u32>, n: u32) -> bool {
  if (n == 0u) {
    return false;
  }
  if (n >= 64u) {
    return v.x != 0u || v.y != 0u;
  }
  if (n >= 32u) {
    return v.y != 0u || (n > 32u && (v.x << (64u - n)) != 0u);
  }
  return (v.y << (32u - n)) != 0u;
}
