// Where a vector body's chunks lie when the bindings are 256-byte aligned windows around the range: the offsets and
// the length come from the parameter block (params.wgsl). CHUNK_ELEMENTS is the body's elements per chunk.
fn chunk_count() -> u32 {
  return (params.length + CHUNK_ELEMENTS - 1u) / CHUNK_ELEMENTS;
}

fn x_chunk(c: u32) -> u32 {
  return params.x_offset / CHUNK_ELEMENTS + c;
}

fn dy_chunk(c: u32) -> u32 {
  return params.dy_offset / CHUNK_ELEMENTS + c;
}

fn out_chunk(c: u32) -> u32 {
  return params.out_offset / CHUNK_ELEMENTS + c;
}
