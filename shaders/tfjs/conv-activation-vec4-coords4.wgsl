// Mish as the activation of a TF.js WebGPU convolution or matrix product (src/tfjs/conv-epilogue.ts): the program's
// own `activation` is renamed away and this one, with its signature (vec4<f32>, coordinates of 4), takes its place, so
// that bias and Mish are applied to each result before it is stored. mish() is shaders/mish.wgsl's.
fn activation(a : vec4<f32>, coords : vec4<i32>) -> vec4<f32> {
  return vec4<f32>(mish(a.x), mish(a.y), mish(a.z), mish(a.w));
}
