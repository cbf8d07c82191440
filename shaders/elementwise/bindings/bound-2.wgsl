// How many whole items every binding holds, with two slots (as bound-1.wgsl).
fn bound_chunks() -> u32 {
  return min(arrayLength(&slot_0), arrayLength(&slot_1));
}
