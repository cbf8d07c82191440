// Backward element of the 16-bit body (half.wgsl): dx = dy·f'(x), computed in f32 and rounded once on store.
fn half_dy(i: u32) -> u32 {
  let index = dy_offset + i;
  return (load_dy(index >> 1u) >> ((index & 1u) * 16u)) & 0xffffu;
}

fn element16(i: u32) -> u32 {
  return pack_half(backward_value(unpack_half(half_x(i)), unpack_half(half_dy(i))));
}
