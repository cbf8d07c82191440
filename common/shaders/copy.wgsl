// The memory-bandwidth baseline, for comparison only: the element-wise kernel moving the same bytes with no math.
// Forward y = x (8 bytes per element); backward dx = x + dy (12 bytes, like a backward pass).
fn forward_value(x: f32) -> f32 {
  return x;
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return x + dy;
}
