// How many whole items every binding holds, with one slot. Where each binding is exactly the caller's range
// (ranges/exact.wgsl), that is the range's chunk count, and a guard against it shows the compiler that every access
// is in bounds.
fn bound_chunks() -> u32 {
  return arrayLength(&slot_0);
}
