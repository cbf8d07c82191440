// x lies in slot 0 (it is the first operand, so it always does).
fn load_x(i: u32) -> Element {
  return slot_0[i];
}
