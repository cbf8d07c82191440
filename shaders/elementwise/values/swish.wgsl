// Swish in the element-wise kernels: y = swish(x), dx = dy·swish'(x), with the functions of shaders/swish.wgsl.
fn forward_value(x: f32) -> f32 {
  return swish(x);
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy * swish_grad(x);
}
