// How many whole items every binding holds, with three slots (as bound-1.wgsl).
fn bound_chunks() -> u32 {
  return min(arrayLength(&slot_0), min(arrayLength(&slot_1), arrayLength(&slot_2)));
}
