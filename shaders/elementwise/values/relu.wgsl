// ReLU in the element-wise kernels: y = relu(x), dx = dy·relu'(x), with the functions of shaders/relu.wgsl.
fn forward_value(x: f32) -> f32 {
  return relu(x);
}

fn backward_value(x: f32, dy: f32) -> f32 {
  return dy * relu_grad(x);
}
