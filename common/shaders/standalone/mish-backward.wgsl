// A standalone Mish backward with PyTorch's formula, dx = dy·(t + v·σ(v)·(1 − t²)), t = tanh(softplus(v)), written
// the way a user writes an element-wise kernel, outside the package's path: one vec4<f32> per invocation, 256
// invocations per workgroup, its own pipeline and bind group, an arrayLength guard. The grid folds into 2-D past
// 65 535 workgroups. For the bench only (common/standalone.ts), not part of the package.
@group(0) @binding(0) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> dx: array<vec4<f32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 256u + id.x;
  if (i < arrayLength(&dx)) {
    let v = x[i];
    let t = tanh(log(1.0 + exp(v)));
    let s = 1.0 / (1.0 + exp(-v));
    dx[i] = dy[i] * (t + v * s * (1.0 - t * t));
  }
}
