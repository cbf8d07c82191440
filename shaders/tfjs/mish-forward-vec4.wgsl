// Mish forward as a TensorFlow.js WebGPU program, four elements per invocation: the `Mish` kernel of
// `webgpu-mish/tfjs` where the tensor's last dimension is a multiple of 4 (src/tfjs/programs.ts). TF.js then binds
// the buffers as array<vec4<f32>> (the program's outputComponent is 4), sets `uniforms.size` to the number of
// vectors and calls main(index) once per vector; otherwise as tfjs/mish-forward.wgsl.
fn main(index: i32) {
  if (index < uniforms.size) {
    let x = getXByOutputIndex(index);
    setOutputAtIndex(index, vec4<f32>(mish(x.x), mish(x.y), mish(x.z), mish(x.w)));
  }
}
