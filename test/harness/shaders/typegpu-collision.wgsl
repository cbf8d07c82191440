// A TypeGPU user's template whose own function MISH_FLOOR and constant MISH_CLAMP are named like two constants of
// shaders/mish.wgsl (test/harness/typegpu/): y[i] = mish(x[i]), own[i] = MISH_FLOOR(x[i]) + MISH_CLAMP.
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> own: array<f32>;

@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let i = id.x;
  if (i < arrayLength(&x)) {
    y[i] = mish(x[i]);
    own[i] = MISH_FLOOR(x[i]) + MISH_CLAMP;
  }
}
