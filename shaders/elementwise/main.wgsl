// The element-wise kernel: one entry point shared by every activation, pass and storage format, so that Mish,
// ReLU and Swish are timed on exactly the same memory access pattern. src/shader-source.ts assembles a kernel
// from this file and five parts, each a file of its own:
//   - the activation's functions (shaders/mish.wgsl, …) and its values (values/mish.wgsl, …), which define
//     forward_value(x) and backward_value(x, dy);
//   - the bindings of the call's buffers (bindings/): one to three storage slots, each read-only or read_write,
//     and which slot each operand lies in (src/aliasing.ts decides both), defining load_x, load_dy, load_out,
//     store_out and out_items on arrays of `Element`, and bound_chunks();
//   - the chunk body (chunks/*.wgsl: vec4, scalar or 16-bit, forward or backward), which defines `Element`,
//     ITEM_ELEMENTS (elements per array item) and chunk(c), and for the scalar and word bodies chunk_count(): read,
//     compute and write the 4 f32 elements 4c … 4c + 3 of the caller's range, or for 16-bit storage the output
//     word c (two elements) or, eight at a time, the output vec4<u32> c;
//   - for 16-bit storage, the format (formats/f16.wgsl or formats/bf16.wgsl);
//   - where the range lies. In general buffers are bound as 256-byte aligned windows that start before the range
//     and end with it, and the parameters (params.wgsl) give each operand's offset in its window; the vector bodies
//     read them through ranges/offsets.wgsl, which defines their chunk_count(). Where every binding can be exactly
//     the range, the vector bodies use ranges/exact.wgsl instead: no parameters, and the guard below is against
//     the bindings' own length.
//
// Tiling: each invocation handles CHUNKS_PER_INVOCATION chunks; chunk j of invocation `lane` in workgroup `block`
// is ((block·CHUNKS + j)·WORKGROUP_SIZE + lane), so neighbouring lanes touch neighbouring memory in every chunk
// (coalesced on GPUs). Past maxComputeWorkgroupsPerDimension the grid is folded into 2-D; `block` flattens it
// back, and every chunk is guarded against the length. Both sizes are the device's tiling (src/tiling.ts), passed as
// pipeline constants: no default here. With one chunk per invocation the tiling takes main-one-chunk.wgsl instead,
// the same indexing without the loop (on llvmpipe the loop alone, even of one chunk, cost a copy 1.2× and Mish up
// to 1.9× its time: docs/history.md).

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
