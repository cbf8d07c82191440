// Third of the three dispatches of unfused Mish, for comparison only: a two-input kernel, run as a backward pass
// (dx = x·dy, here x times tanh(softplus(x))). Its forward, x·x, is not used.
fn forward_value(x: f32) -> f32 {
  return x * x;
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return x * dy;
}
