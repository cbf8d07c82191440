// Storage slot 0, read-only: it holds operands of a buffer the call does not write.
@group(0) @binding(0) var<storage, read> slot_0: array<Element>;
