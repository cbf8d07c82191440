// Second of the three dispatches of unfused Mish, for comparison only: the WGSL builtin tanh (backward 1 − tanh²).
fn forward_value(x: f32) -> f32 {
  return tanh(x);
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy * (1.0 - tanh(x) * tanh(x));
}
