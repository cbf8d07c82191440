// The element-wise kernel's entry point for tilings of one chunk per invocation (src/tiling.ts): the indexing of
// main.wgsl with CHUNKS_PER_INVOCATION = 1, without its loop. Invocation `lane` of workgroup `block` handles chunk
// block·WORKGROUP_SIZE + lane (the grid folded into 2-D past maxComputeWorkgroupsPerDimension, flattened back here),
// guarded against the length. main.wgsl describes the parts a kernel is assembled from.

override WORKGROUP_SIZE: u32;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) grid: vec3<u32>) {
  let c = id.y * grid.x * WORKGROUP_SIZE + id.x;
  if (c < chunk_count()) {
    chunk(c);
  }
}
