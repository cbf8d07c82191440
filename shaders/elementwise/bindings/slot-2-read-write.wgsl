// Storage slot 2, read and written: it holds the output when x and dy have a slot each.
@group(0) @binding(2) var<storage, read_write> slot_2: array<Element>;
