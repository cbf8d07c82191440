/**
 * The WGSL of one element-wise pipeline, assembled from files (shaders/elementwise/main.wgsl says how): the
 * kernel's functions and values, the entry point, the bindings of the call's aliasing, and the chunk body of its
 * memory access and pass (with the storage format for 16-bit access).
 */
import halfBody from '../shaders/elementwise/chunks/half.wgsl?raw';
import halfBackward from '../shaders/elementwise/chunks/half-backward.wgsl?raw';
import halfForward from '../shaders/elementwise/chunks/half-forward.wgsl?raw';
import halfX8Backward from '../shaders/elementwise/chunks/half-x8-backward.wgsl?raw';
import halfX8Forward from '../shaders/elementwise/chunks/half-x8-forward.wgsl?raw';
import scalarBackward from '../shaders/elementwise/chunks/scalar-backward.wgsl?raw';
import scalarForward from '../shaders/elementwise/chunks/scalar-forward.wgsl?raw';
import vec4Backward from '../shaders/elementwise/chunks/vec4-backward.wgsl?raw';
import vec4Forward from '../shaders/elementwise/chunks/vec4-forward.wgsl?raw';
import bf16Format from '../shaders/elementwise/formats/bf16.wgsl?raw';
import f16Format from '../shaders/elementwise/formats/f16.wgsl?raw';
import entryPoint from '../shaders/elementwise/main.wgsl?raw';
import { ALIASINGS } from './aliasing.js';
import type { Access, Aliasing, KernelSpec, Pass } from './types.js';

const CHUNKS: Record<Access, Record<Pass, readonly string[]>> = {
  vec4: { forward: [vec4Forward], backward: [vec4Backward] },
  scalar: { forward: [scalarForward], backward: [scalarBackward] },
  f16: { forward: [halfBody, halfForward, f16Format], backward: [halfBody, halfBackward, f16Format] },
  bf16: { forward: [halfBody, halfForward, bf16Format], backward: [halfBody, halfBackward, bf16Format] },
  f16x8: { forward: [halfX8Forward, f16Format], backward: [halfX8Backward, f16Format] },
  bf16x8: { forward: [halfX8Forward, bf16Format], backward: [halfX8Backward, bf16Format] },
};

/** The complete WGSL module of `kernel` for one aliasing and memory access. */
export function kernelSource(kernel: KernelSpec, aliasing: Aliasing, access: Access): string {
  const { pass, bindings } = ALIASINGS[aliasing];
  return [kernel.source, entryPoint, bindings, ...CHUNKS[access][pass]].join('\n');
}
