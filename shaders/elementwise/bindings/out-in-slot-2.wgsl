// The output lies in slot 2. out_items() is the length of its binding, which ends where the range ends (or where the
// range of an operand sharing the binding ends): the parameters (params.wgsl) give the range's length from it.
fn load_out(i: u32) -> Element {
  return slot_2[i];
}

fn store_out(i: u32, value: Element) {
  slot_2[i] = value;
}

fn out_items() -> u32 {
  return arrayLength(&slot_2);
}
