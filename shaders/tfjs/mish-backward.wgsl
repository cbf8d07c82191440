// Mish backward as a TensorFlow.js WebGPU program: the `MishGrad` kernel of `webgpu-mish/tfjs`, dx = dy·mish'(x).
//
// As in tfjs/mish-forward.wgsl, TF.js declares the output, the inputs `X` and `Dy` (same shape as the output) with
// their accessors, `uniforms.size` and the entry point that calls main(index); the wrapper prepends
// shaders/mish.wgsl for mish_grad(), the same derivative as mishBackward's.
fn main(index: i32) {
  if (index < uniforms.size) {
    setOutputAtIndex(index, getDyByOutputIndex(index) * mish_grad(getXByOutputIndex(index)));
  }
}
