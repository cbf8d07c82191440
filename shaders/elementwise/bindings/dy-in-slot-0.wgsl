// dy lies in slot 0.
fn load_dy(i: u32) -> Element {
  return slot_0[i];
}
