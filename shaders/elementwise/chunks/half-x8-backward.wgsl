// Backward chunk body, 16-bit storage eight elements at a time (as half-x8-forward.wgsl), dx = dy·f'(x).
// Where the chunks lie comes from ranges/offsets.wgsl or ranges/exact.wgsl.
alias Element = vec4<u32>;

const ITEM_ELEMENTS: u32 = 8u;

fn word_value(xw: u32, dyw: u32) -> u32 {
  let x = unpack_pair(xw);
  let dy = unpack_pair(dyw);
  return pack_pair(vec2<f32>(backward_value(x.x, dy.x), backward_value(x.y, dy.y)));
}

fn chunk(c: u32) {
  let x = load_x(x_chunk(c));
  let dy = load_dy(dy_chunk(c));
  store_out(
    out_chunk(c),
    vec4<u32>(word_value(x.x, dy.x), word_value(x.y, dy.y), word_value(x.z, dy.z), word_value(x.w, dy.w)),
  );
}
