// The accuracy sweep's inputs, made on the GPU from their bit patterns: bits[i] = start + i·stride (u32
// arithmetic, wrapping), for i < count. The kernels then read the same buffer as f32.
struct Generator {
  start: u32,
  stride: u32,
  count: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> generator: Generator;
@group(0) @binding(1) var<storage, read_write> bits: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < generator.count) {
    bits[id.x] = generator.start + id.x * generator.stride;
  }
}
