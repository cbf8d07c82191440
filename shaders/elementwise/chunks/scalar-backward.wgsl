// Backward chunk body, f32 one element at a time: any offsets and length.
alias Element = f32;

fn chunk_count() -> u32 {
  return (params.length + 3u) / 4u;
}

fn chunk(c: u32) {
  let first = c * 4u;
  let last = min(first + 4u, params.length);
  for (var i = first; i < last; i++) {
    store_out(params.out_offset + i, backward_value(load_x(params.x_offset + i), load_dy(params.dy_offset + i)));
  }
}
