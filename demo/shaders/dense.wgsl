// One dense layer of the demo's output-landscape network (Figure 5): output[p][j] = bias[j] + Σₖ input[p][k]·W[k][j]
// for every point p and unit j, row-major. One invocation per output element; past 65 535 workgroups the grid is
// folded into 2-D and `index` flattens it back. The activation is then applied in place by the package's own
// element-wise kernel (reluForward, swishForward or mishForward), not here.
struct Dense {
  points: u32,
  inputs: u32,
  outputs: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> dense: Dense;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) grid: vec3<u32>) {
  let index = id.y * grid.x * 64u + id.x;
  if (index >= dense.points * dense.outputs) {
    return;
  }
  let p = index / dense.outputs;
  let j = index % dense.outputs;
  var sum = bias[j];
  for (var k = 0u; k < dense.inputs; k++) {
    sum += input[p * dense.inputs + k] * weights[k * dense.outputs + j];
  }
  output[index] = sum;
}
