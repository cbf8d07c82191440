// Mish in the element-wise kernels: y = mish(x), dx = dy·mish'(x), with the functions of shaders/mish.wgsl.
fn forward_value(x: f32) -> f32 {
  return mish(x);
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy * mish_grad(x);
}
