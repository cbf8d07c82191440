// Backward with x, dy and dx all in one buffer, read and written at binding 1.
@group(0) @binding(1) var<storage, read_write> x_dy_out_buffer: array<Element>;

fn load_x(i: u32) -> Element {
  return x_dy_out_buffer[i];
}

fn load_dy(i: u32) -> Element {
  return x_dy_out_buffer[i];
}

fn load_out(i: u32) -> Element {
  return x_dy_out_buffer[i];
}

fn store_out(i: u32, value: Element) {
  x_dy_out_buffer[i] = value;
}

// How many whole chunks every binding holds. Where each binding is exactly the caller's range (ranges/exact.wgsl),
// that is the range's chunk count, and a guard against it shows the compiler that every access is in bounds.
fn bound_chunks() -> u32 {
  return arrayLength(&x_dy_out_buffer);
}
