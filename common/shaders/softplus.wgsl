// First of the three dispatches of unfused Mish, for comparison only: softplus(x) = log(1 + exp(x)) from the WGSL
// builtins (backward: its derivative, σ(x)).
fn forward_value(x: f32) -> f32 {
  return log(1.0 + exp(x));
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy / (1.0 + exp(-x));
}
