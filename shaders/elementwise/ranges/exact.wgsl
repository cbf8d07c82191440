// Where a vector body's chunks lie when every binding is exactly the range (each operand at a 256-byte aligned
// offset, operands in one buffer at the same offset): chunk c of every operand is element c of its binding, and the
// range ends where the bindings do. No parameter block: the guard in main.wgsl is then against arrayLength, which
// lets the compiler drop the bounds check of every access (robust buffer access clamps each index otherwise; on
// SwiftShader those checks cost a standalone copy a quarter to a third of its time).
fn chunk_count() -> u32 {
  return bound_chunks();
}

fn x_chunk(c: u32) -> u32 {
  return c;
}

fn dy_chunk(c: u32) -> u32 {
  return c;
}

fn out_chunk(c: u32) -> u32 {
  return c;
}
