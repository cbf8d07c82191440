// The smallest shader that calls mish(): compiled after mishWgsl with snippet-directive.wgsl before or after it.
@compute @workgroup_size(1) fn main() {
  _ = mish(1.0);
}
