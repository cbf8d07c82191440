// Mish, f(x) = x·tanh(softplus(x)), and its derivative, for f32. Paste-able: no bindings, no entry point.
//
// One exp, no tanh, no log. With e = exp(x) and n = e·(e + 2):
//   tanh(softplus(x)) = ((1 + e)² − 1) / ((1 + e)² + 1) = n / (n + 2).
// WGSL's builtin tanh may return NaN past |x| ≈ 88.7 and x·tanh(log(1 + exp(x))) underflows to 0 below
// x ≈ −17; this form has neither problem.
// The argument of exp is clamped at MISH_CLAMP = 20: there 2/(n + 2) < 1e-17, far below half an ulp of 1, so
// mish(x) rounds to x and mish'(x) rounds to 1 for every x ≥ 20, and n, n², e³ stay below 1e35 (no overflow).
//
// Forward: for x ≥ 1, x − x·2/(n + 2) keeps x's own digits (the correction is at most 0.14·x); below,
// x·n/(n + 2) avoids the cancellation that the first form has when n → 0, and for tiny x it does not let a
// flushed correction x·2/(n + 2) turn mish(x) into x. Neither form multiplies x by anything
// larger than 1, so no finite x overflows. Each kernel has one exp and one division: on software adapters they
// are most of its cost.
//
// Backward: mish'(x) = t + x·σ(x)·sech²(softplus(x)) with t = n/(n + 2) and
//   σ·sech² = e/(e + 1) · 4(e + 1)²/(n + 2)² = 4e(e + 1)/(n + 2)²,
// which never forms 1 − t² (that loses every digit as t → 1). This equals the paper's eq. (2). The two terms
// cancel only near the zero of mish' at x ≈ −1.19, where the error is absolute, not relative.

const MISH_CLAMP: f32 = 20.0;

fn mish(x: f32) -> f32 {
  let e = exp(min(x, MISH_CLAMP));
  let n = e * (e + 2.0);
  let large = x >= 1.0;
  // One division serves both forms: q = −2/(n + 2) for x ≥ 1, n/(n + 2) below.
  let q = select(n, -2.0, large) / (n + 2.0);
  return select(x * q, x + x * q, large);
}

fn mish_grad(x: f32) -> f32 {
  let xc = min(x, MISH_CLAMP);
  let e = exp(xc);
  let n = e * (e + 2.0);
  // One division: r = 1/(n + 2), t = n·r, σ·sech² = 4e(e + 1)·r².
  let r = 1.0 / (n + 2.0);
  return n * r + xc * (4.0 * e * (e + 1.0)) * r * r;
}
