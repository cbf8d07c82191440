// Storage slot 0, read and written: it holds operands of the buffer the call writes (WebGPU forbids binding a
// buffer read-only and writable in one dispatch, so even an operand only read is bound read_write there).
@group(0) @binding(0) var<storage, read_write> slot_0: array<Element>;
