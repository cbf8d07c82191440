// Where a vector body's chunks lie when the bindings are 256-byte aligned windows around the range: the offsets and
// the length come from the parameters (params.wgsl). One chunk is one item of ITEM_ELEMENTS elements.
fn chunk_count() -> u32 {
  return range_length() / ITEM_ELEMENTS;
}

fn x_chunk(c: u32) -> u32 {
  return x_offset / ITEM_ELEMENTS + c;
}

fn dy_chunk(c: u32) -> u32 {
  return dy_offset / ITEM_ELEMENTS + c;
}

fn out_chunk(c: u32) -> u32 {
  return out_offset / ITEM_ELEMENTS + c;
}
