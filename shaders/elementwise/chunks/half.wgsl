// 16-bit storage (f16 or bf16, two elements to a u32 word), both passes: chunk c is word c of the output. The
// halves of that word inside the range are computed by element16 (half-forward.wgsl or half-backward.wgsl), each
// from its own input halves (inputs may sit at either half of their words); a half outside the range, at either
// end, is written back as it was. The format file (formats/f16.wgsl or formats/bf16.wgsl) converts exactly, ±∞
// and NaN included, so the activation's own f32 function decides every special value; its result is rounded once,
// to nearest even, on store.
alias Element = u32;

const ITEM_ELEMENTS: u32 = 2u;

// Element i of the range of x, as 16 bits.
fn half_x(i: u32) -> u32 {
  let index = x_offset + i;
  return (load_x(index >> 1u) >> ((index & 1u) * 16u)) & 0xffffu;
}

fn chunk_count() -> u32 {
  return ((out_offset + range_length() - 1u) >> 1u) - (out_offset >> 1u) + 1u;
}

fn chunk(c: u32) {
  let w = (out_offset >> 1u) + c;
  let low = w * 2u;
  let end = out_offset + range_length();
  var word = 0u;
  if (low < out_offset || low + 1u >= end) {
    word = load_out(w);
  }
  if (low >= out_offset) {
    word = (word & 0xffff0000u) | element16(low - out_offset);
  }
  if (low + 1u < end) {
    word = (word & 0x0000ffffu) | (element16(low + 1u - out_offset) << 16u);
  }
  store_out(w, word);
}
