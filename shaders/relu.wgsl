// ReLU, f(x) = max(x, 0), and its derivative (0 at x = 0, as PyTorch takes it), for f32. Both are exact.

fn relu(x: f32) -> f32 {
  return select(0.0, x, x > 0.0);
}

fn relu_grad(x: f32) -> f32 {
  return select(0.0, 1.0, x > 0.0);
}
