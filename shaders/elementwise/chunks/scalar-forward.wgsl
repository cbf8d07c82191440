// Forward chunk body, f32 one element at a time: any offsets and length. Chunk c is elements 4c … 4c + 3 of the
// range, cut at its end.
alias Element = f32;

const ITEM_ELEMENTS: u32 = 1u;

fn chunk_count() -> u32 {
  return (range_length() + 3u) / 4u;
}

fn chunk(c: u32) {
  let first = c * 4u;
  let last = min(first + 4u, range_length());
  for (var i = first; i < last; i++) {
    store_out(out_offset + i, forward_value(load_x(x_offset + i)));
  }
}
