// Mish as a user would write it from WGSL builtins, for comparison only: not part of the package.
// Forward x·tanh(log(1 + exp(x))): exp overflows to +∞ past x ≈ 88.7, where tanh and log then see ∞ (WGSL
// leaves the result undefined), and log(1 + exp(x)) is 0 below x ≈ −17, so the result is 0 there.
// Backward as PyTorch writes it, t + x·σ(x)·(1 − t²), which loses every digit of 1 − t² as t → 1.

fn mish_builtin(x: f32) -> f32 {
  return x * tanh(log(1.0 + exp(x)));
}

fn mish_builtin_grad(x: f32) -> f32 {
  let t = tanh(log(1.0 + exp(x)));
  let s = 1.0 / (1.0 + exp(-x));
  return t + x * s * (1.0 - t * t);
}

fn forward_value(x: f32) -> f32 {
  return mish_builtin(x);
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy * mish_builtin_grad(x);
}
