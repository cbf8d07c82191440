// dy lies in slot 1.
fn load_dy(i: u32) -> Element {
  return slot_1[i];
}
