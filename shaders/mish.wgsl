// Mish, f(x) = x·tanh(softplus(x)), and its derivative, for f32. Paste-able: no bindings, no entry point.
//
// One exp, no tanh, no log. With e = exp(x) and n = e·(e + 2):
//   tanh(softplus(x)) = ((1 + e)² − 1) / ((1 + e)² + 1) = n / (n + 2).
// WGSL's builtin tanh may return NaN past |x| ≈ 88.7 and x·tanh(log(1 + exp(x))) underflows to 0 below
// x ≈ −17; this form has neither problem.
// The argument of exp is clamped at MISH_CLAMP = 20: there 2/(n + 2) < 1e-17, far below half an ulp of 1, so
// mish(x) rounds to x and mish'(x) rounds to 1 for every x ≥ 20, and n, n², e³ stay below 1e35 (no overflow).
//
// Forward: x·(n/(n + 2)). Forming the ratio first never multiplies x by anything larger than 1, so no finite x
// overflows; for x < 0 it avoids the cancellation of x − 2x/(n + 2), and for x ≥ 0 the error of n reaches the
// result damped by 2/(n + 2). One exp and one division, the least work of any form: on software adapters they
// are most of a kernel's cost.
//
// Backward: mish'(x) = t + x·σ(x)·sech²(softplus(x)) with t = n/(n + 2) and
//   σ·sech² = e/(e + 1) · 4(e + 1)²/(n + 2)² = 4e(e + 1)/(n + 2)²,
// which never forms 1 − t² (that loses every digit as t → 1). This equals the paper's eq. (2). The two terms
// cancel only near the zero of mish' at x ≈ −1.19, where the error is absolute, not relative.

const MISH_CLAMP: f32 = 20.0;

fn mish(x: f32) -> f32 {
  let e = exp(min(x, MISH_CLAMP));
  let n = e * (e + 2.0);
  return x * (n / (n + 2.0));
}

fn mish_grad(x: f32) -> f32 {
  let xc = min(x, MISH_CLAMP);
  let e = exp(xc);
  let n = e * (e + 2.0);
  // One division: r = 1/(n + 2), t = n·r, σ·sech² = 4e(e + 1)·r².
  let r = 1.0 / (n + 2.0);
  return n * r + xc * (4.0 * e * (e + 1.0)) * r * r;
}
