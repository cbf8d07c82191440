// A TypeGPU user's template (test/harness/typegpu/): mish and mish_grad are externals that tgpu.resolve replaces with
// the package's TypeGPU functions. y[i] = mish(x[i]), g[i] = mish_grad(x[i]).
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> g: array<f32>;

@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let i = id.x;
  if (i < arrayLength(&x)) {
    y[i] = mish(x[i]);
    g[i] = mish_grad(x[i]);
  }
}
