// Backward with dx in dy's buffer: x read-only at binding 1; dy read and dx written at binding 2.
@group(0) @binding(1) var<storage, read> x_buffer: array<Element>;
@group(0) @binding(2) var<storage, read_write> dy_out_buffer: array<Element>;

fn load_x(i: u32) -> Element {
  return x_buffer[i];
}

fn load_dy(i: u32) -> Element {
  return dy_out_buffer[i];
}

fn load_out(i: u32) -> Element {
  return dy_out_buffer[i];
}

fn store_out(i: u32, value: Element) {
  dy_out_buffer[i] = value;
}

// How many whole chunks every binding holds. Where each binding is exactly the caller's range (ranges/exact.wgsl),
// that is the range's chunk count, and a guard against it shows the compiler that every access is in bounds.
fn bound_chunks() -> u32 {
  return min(arrayLength(&x_buffer), arrayLength(&dy_out_buffer));
}
