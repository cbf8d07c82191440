// Backward chunk body, f32 as vec4: chunk c is one vector load of x and of dy and one vector store of dx.
alias Element = vec4<f32>;

fn chunk_count() -> u32 {
  return (params.length + 3u) / 4u;
}

fn chunk(c: u32) {
  let x = load_x(params.x_offset / 4u + c);
  let dy = load_dy(params.dy_offset / 4u + c);
  store_out(
    params.out_offset / 4u + c,
    vec4<f32>(backward_value(x.x, dy.x), backward_value(x.y, dy.y), backward_value(x.z, dy.z), backward_value(x.w, dy.w)),
  );
}
