// Swish (SiLU), f(x) = x·σ(x), and its derivative f'(x) = σ(x)·(1 + x·(1 − σ(x))), for f32.
//
// σ and 1 − σ are both formed from e = exp(−|x|) ∈ (0, 1], so exp never overflows and neither 1 − σ nor σ for
// negative x is computed by a subtraction that loses digits: for x ≥ 0, σ = 1/(1 + e) and 1 − σ = e/(1 + e);
// for x < 0 the two swap. For x → −∞, e underflows to 0 and both results become a correctly signed zero.

fn swish_sigmoid_pair(x: f32) -> vec2<f32> {
  let e = exp(-abs(x));
  let r = 1.0 / (1.0 + e);
  let far = e * r;
  // (σ(x), 1 − σ(x))
  return select(vec2<f32>(far, r), vec2<f32>(r, far), x >= 0.0);
}

fn swish(x: f32) -> f32 {
  return x * swish_sigmoid_pair(x).x;
}

fn swish_grad(x: f32) -> f32 {
  let s = swish_sigmoid_pair(x);
  return s.x * (1.0 + x * s.y);
}
