/**
 * Binding and size constants shared by the wrapper and the WGSL kernel, defined once here: the binding indices are
 * those of shaders/elementwise/ (a test checks the WGSL files against them). The tiling is per device
 * (src/tiling.ts) and reaches shaders/elementwise/main.wgsl as pipeline constants (its overrides have no defaults).
 */
import type { DType } from './types.js';

/**
 * Binding indices: storage slot k (shaders/elementwise/bindings/slot-k-*.wgsl) is binding k, and the parameters
 * (shaders/elementwise/params.wgsl) follow. A test checks the WGSL files against these.
 */
export const STORAGE_SLOTS = 3;
export const PARAM_BINDINGS = { x: 3, dy: 4, out: 5, tail: 6 } as const;

/** Bytes of one parameter binding: a u32. */
export const PARAM_BYTES = 4;

/**
 * Plans (their bind groups) kept per device, written buffer and kernel: a loop over up to this many ranges of one
 * output buffer creates nothing after its first round. A plan holds no GPU memory of its own, so the bound is on
 * JavaScript objects only.
 */
export const PLANS_PER_BUFFER = 64;

/** Bytes per element of each storage format. */
export const ELEMENT_BYTES: Record<DType, number> = { f32: 4, f16: 2, bf16: 2 };
