// Forward chunk body, 16-bit storage eight elements at a time: chunk c is one vec4<u32> load of x (four words, eight
// halves) and one store of y. Used when every offset is a multiple of 8 elements, for the body of the range (a
// multiple of 8 long): no word is shared with the rest of the buffer, so nothing is read back. half.wgsl does the
// tail. The format (formats/) converts each word's two halves at once.
// Where the chunks lie comes from ranges/offsets.wgsl or ranges/exact.wgsl.
alias Element = vec4<u32>;

const ITEM_ELEMENTS: u32 = 8u;

fn word_value(w: u32) -> u32 {
  let x = unpack_pair(w);
  return pack_pair(vec2<f32>(forward_value(x.x), forward_value(x.y)));
}

fn chunk(c: u32) {
  let x = load_x(x_chunk(c));
  store_out(out_chunk(c), vec4<u32>(word_value(x.x), word_value(x.y), word_value(x.z), word_value(x.w)));
}
