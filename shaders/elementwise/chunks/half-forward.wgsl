// Forward element of the 16-bit body (half.wgsl): y = f(x), computed in f32 and rounded once on store.
fn element16(i: u32) -> u32 {
  return pack_half(forward_value(unpack_half(half_x(i))));
}
