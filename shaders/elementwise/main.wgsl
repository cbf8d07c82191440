// The element-wise kernel: one entry point shared by every activation, pass and storage format, so that Mish,
// ReLU and Swish are timed on exactly the same memory access pattern. src/shader-source.ts assembles a kernel
// from this file and four parts, each a file of its own:
//   - the activation's functions (shaders/mish.wgsl, …) and its values (values/mish.wgsl, …), which define
//     forward_value(x) and backward_value(x, dy);
//   - the bindings of the call's buffers (bindings/*.wgsl, one file per way the operands share buffers), which
//     define load_x, load_dy, load_out and store_out on arrays of `Element`;
//   - the chunk body (chunks/*.wgsl: vec4, scalar or 16-bit, forward or backward), which defines `Element`,
//     chunk_count() and chunk(c): read, compute and write the 4 f32 elements 4c … 4c + 3 of the caller's range, or
//     for 16-bit storage the output word c (two elements);
//   - for 16-bit storage, the format (formats/f16.wgsl or formats/bf16.wgsl).
// Buffers are bound at 256-byte aligned offsets; the rest of each offset lives in `params`.
//
// Tiling: each invocation handles CHUNKS_PER_INVOCATION chunks; chunk j of invocation `lane` in workgroup `block`
// is ((block·CHUNKS + j)·WORKGROUP_SIZE + lane), so neighbouring lanes touch neighbouring memory in every chunk
// (coalesced on GPUs). Past maxComputeWorkgroupsPerDimension the grid is folded into 2-D; `block` flattens it
// back, and every chunk is guarded against the length. Both sizes come from src/constants.ts as pipeline
// constants: no default here, so the TypeScript values are the only ones.

struct Params {
  length: u32,
  x_offset: u32,
  dy_offset: u32,
  out_offset: u32,
}

@group(0) @binding(0) var<uniform> params: Params;

override WORKGROUP_SIZE: u32;
override CHUNKS_PER_INVOCATION: u32;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) workgroup: vec3<u32>,
  @builtin(num_workgroups) grid: vec3<u32>,
  @builtin(local_invocation_index) lane: u32,
) {
  let block = workgroup.y * grid.x + workgroup.x;
  let chunks = chunk_count();
  for (var j = 0u; j < CHUNKS_PER_INVOCATION; j++) {
    let c = (block * CHUNKS_PER_INVOCATION + j) * WORKGROUP_SIZE + lane;
    if (c >= chunks) {
      return;
    }
    chunk(c);
  }
}
