/**
 * Tiling and binding constants shared by the wrapper and the WGSL kernel, defined once here: the tiling sizes
 * reach shaders/elementwise/main.wgsl as pipeline constants (its overrides have no defaults), and the binding
 * indices are those of shaders/elementwise/ (a test checks the bindings files against them).
 */
import type { DType } from './types.js';

/**
 * Invocations per workgroup. 256 with 8 chunks each: the in-path copy of 2²⁴ f32 elements took 1.17× (SwiftShader)
 * and 1.17× (llvmpipe) the time of a standalone copy with 64 invocations, 1.02–1.06× and 0.71× with 256 (the
 * bench's ×naive-copy, forward; docs/history.md has every tiling tried); fewer chunks per invocation were slower
 * on SwiftShader at every workgroup size.
 */
export const WORKGROUP_SIZE = 256;

/** Chunks of 4 consecutive elements that one invocation processes. */
export const CHUNKS_PER_INVOCATION = 8;

/** f32 elements covered by one workgroup (the 2-D fold starts past 65 535 of them). */
export const ELEMENTS_PER_WORKGROUP = WORKGROUP_SIZE * CHUNKS_PER_INVOCATION * 4;

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
