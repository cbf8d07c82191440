// Forward in place, y = x: one buffer, read and written at binding 1 (WebGPU forbids binding a buffer both
// read-only and writable in one dispatch).
@group(0) @binding(1) var<storage, read_write> x_out_buffer: array<Element>;

fn load_x(i: u32) -> Element {
  return x_out_buffer[i];
}

fn load_out(i: u32) -> Element {
  return x_out_buffer[i];
}

fn store_out(i: u32, value: Element) {
  x_out_buffer[i] = value;
}

// How many whole chunks every binding holds. Where each binding is exactly the caller's range (ranges/exact.wgsl),
// that is the range's chunk count, and a guard against it shows the compiler that every access is in bounds.
fn bound_chunks() -> u32 {
  return arrayLength(&x_out_buffer);
}
