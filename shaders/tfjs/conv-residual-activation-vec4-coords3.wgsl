// Mish and a residual add as the activation of a TF.js WebGPU convolution or matrix product (src/tfjs/conv-epilogue.ts):
// TF.js is asked for its PReLU activation, whose per-output weights are the shortcut of the residual block, read at
// the output's own coordinates; the program's `activation` is renamed away and this one, with its signature
// (vec4<f32>, coordinates of 3), takes its place, so that bias, Mish and the shortcut are applied to each result before it
// is stored. mish() is shaders/mish.wgsl's; the suite checks the result against the Mish op and the add apart, bit for bit.
fn activation(a : vec4<f32>, coords : vec3<i32>) -> vec4<f32> {
  let b = getPreluActivationWeightsByOutputCoords(coords);
  return vec4<f32>(mish(a.x), mish(a.y), mish(a.z), mish(a.w)) + b;
}
