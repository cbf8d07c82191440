// Test entry point for the accuracy sweep's adversary (accuracy/shaders/adversary.wgsl, placed before this file with
// ADVERSARY_* constants): out[i] = adversary_fma(a[i], b[i], c[i]), and nudged[i] = adversary_nudge(a[i], shift[i]).
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> c: array<f32>;
@group(0) @binding(3) var<storage, read> shifts: array<i32>;
@group(0) @binding(4) var<storage, read_write> fused: array<f32>;
@group(0) @binding(5) var<storage, read_write> nudged: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i < arrayLength(&fused)) {
    fused[i] = adversary_fma(a[i], b[i], c[i]);
    nudged[i] = adversary_nudge(a[i], shifts[i]);
  }
}
