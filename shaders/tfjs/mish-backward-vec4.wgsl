// Mish backward as a TensorFlow.js WebGPU program, four elements per invocation (as tfjs/mish-forward-vec4.wgsl):
// dx = dy·mish'(x) with the package's mish_grad().
fn main(index: i32) {
  if (index < uniforms.size) {
    let x = getXByOutputIndex(index);
    let g = vec4<f32>(mish_grad(x.x), mish_grad(x.y), mish_grad(x.z), mish_grad(x.w));
    setOutputAtIndex(index, getDyByOutputIndex(index) * g);
  }
}
