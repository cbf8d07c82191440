// Element-wise kernel shared by every activation and pass, so that Mish, ReLU and Swish are timed on exactly
// the same memory access pattern.
//
// The wrapper prepends the activation's functions and appends the `params` uniform, the storage bindings for the
// buffers of one call, and `element(i)`, which reads and writes element i of the caller's range.
// Buffers are bound as array<f32> at 256-byte aligned offsets; the remaining element offsets live in `params`,
// so element offsets need no alignment.
//
// Tiling: each invocation handles CHUNKS_PER_INVOCATION chunks of 4 consecutive elements. Chunk c of
// workgroup w covers elements ((w·CHUNKS + c)·WORKGROUP_SIZE + lane)·4 …+3, so neighbouring lanes touch
// neighbouring memory in every chunk (coalesced on GPUs). Fewer, fatter invocations matter on software
// adapters, where the per-invocation cost is high. Past maxComputeWorkgroupsPerDimension the grid is folded into
// 2-D; `block` flattens it back, and every element is guarded against `params.length`.

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
  for (var chunk = 0u; chunk < CHUNKS_PER_INVOCATION; chunk++) {
    let first = ((block * CHUNKS_PER_INVOCATION + chunk) * WORKGROUP_SIZE + lane) * 4u;
    if (first >= params.length) {
      return;
    }
    if (params.length - first >= 4u) {
      element(first);
      element(first + 1u);
      element(first + 2u);
      element(first + 3u);
    } else {
      for (var i = first; i < params.length; i++) {
        element(i);
      }
    }
  }
}
