// ReLU, f(x) = max(x, 0), and its derivative (0 at x = 0, as PyTorch takes it), for f32. Both are exact.
// Decided on bit patterns, so that NaN stays NaN on every adapter: relu(NaN) = NaN, relu(±0) = +0,
// relu(−∞) = +0; relu'(NaN) = NaN, relu'(+∞) = 1, relu'(−∞) = 0.

fn relu(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  return bitcast<f32>(select(select(0, bits, bits > 0), bits, (bits & 0x7fffffff) > 0x7f800000));
}

fn relu_grad(x: f32) -> f32 {
  let bits = bitcast<i32>(x);
  return select(select(0.0, 1.0, bits > 0), x, (bits & 0x7fffffff) > 0x7f800000);
}
