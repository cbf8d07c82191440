// Storage slot 1, read-only: it holds operands of a buffer the call does not write.
@group(0) @binding(1) var<storage, read> slot_1: array<Element>;
