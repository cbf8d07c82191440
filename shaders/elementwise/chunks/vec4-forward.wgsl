// Forward chunk body, f32 as vec4: chunk c is one vector load of x and one vector store of y. Used when every offset
// is a multiple of 4 elements and for the body of the range (a multiple of 4 long); the scalar body finishes it.
// Where the chunks lie comes from ranges/offsets.wgsl or ranges/exact.wgsl.
alias Element = vec4<f32>;

const ITEM_ELEMENTS: u32 = 4u;

fn chunk(c: u32) {
  let x = load_x(x_chunk(c));
  store_out(out_chunk(c), vec4<f32>(forward_value(x.x), forward_value(x.y), forward_value(x.z), forward_value(x.w)));
}
