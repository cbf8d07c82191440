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
