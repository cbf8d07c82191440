// Element-wise kernel body shared by every activation and pass, so that Mish, ReLU and Swish are timed on
// exactly the same memory access pattern.
//
// The wrapper prepends the activation's functions and appends the `params` uniform, the storage bindings for the
// buffers of one call, `chunk_count()` and `chunk(c)`, which reads, computes and writes the 4 f32 elements
// 4c … 4c + 3 of the caller's range, or for 16-bit storage the output word c (two elements). Buffers are bound at 256-byte aligned offsets, the rest of each offset lives in `params`. When
// every offset is a multiple of 4 elements, the buffers are bound as array<vec4<f32>> and a chunk is one vector
// load and store per buffer; otherwise as array<f32>, with four scalar accesses, so that offsets need no alignment.
//
// Tiling: each invocation handles CHUNKS_PER_INVOCATION chunks; chunk j of invocation `lane` in workgroup `block`
// is ((block·CHUNKS + j)·WORKGROUP_SIZE + lane), so neighbouring lanes touch neighbouring memory in every chunk
// (coalesced on GPUs). Past maxComputeWorkgroupsPerDimension the grid is folded into 2-D; `block` flattens it
// back, and every chunk is guarded against the length.

struct Params {
  length: u32,
  x_offset: u32,
  dy_offset: u32,
  out_offset: u32,
}

override WORKGROUP_SIZE: u32 = 64u;
override CHUNKS_PER_INVOCATION: u32 = 4u;

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
