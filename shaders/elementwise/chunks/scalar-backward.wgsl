// Backward chunk body, f32 one element at a time: any offsets and length.
alias Element = f32;

const ITEM_ELEMENTS: u32 = 1u;

fn chunk_count() -> u32 {
  return (range_length() + 3u) / 4u;
}

fn chunk(c: u32) {
  let first = c * 4u;
  let last = min(first + 4u, range_length());
  for (var i = first; i < last; i++) {
    store_out(out_offset + i, backward_value(load_x(x_offset + i), load_dy(dy_offset + i)));
  }
}
