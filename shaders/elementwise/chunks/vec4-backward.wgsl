// Backward chunk body, f32 as vec4: chunk c is one vector load of x and of dy and one vector store of dx. Where the
// chunks lie comes from ranges/offsets.wgsl or ranges/exact.wgsl.
alias Element = vec4<f32>;

const ITEM_ELEMENTS: u32 = 4u;

fn chunk(c: u32) {
  let x = load_x(x_chunk(c));
  let dy = load_dy(dy_chunk(c));
  store_out(
    out_chunk(c),
    vec4<f32>(backward_value(x.x, dy.x), backward_value(x.y, dy.y), backward_value(x.z, dy.z), backward_value(x.w, dy.w)),
  );
}
