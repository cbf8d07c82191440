/**
 * The WGSL of one element-wise pipeline, assembled from files (shaders/elementwise/main.wgsl says how): the
 * kernel's functions and values, the entry point of the device's tiling, the bindings of the call's aliasing, and
 * for its memory access and pass the parameters or the exact range, the chunk body, and for 16-bit access the
 * storage format.
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
import oneChunkEntryPoint from '../shaders/elementwise/main-one-chunk.wgsl?raw';
import paramsBlock from '../shaders/elementwise/params.wgsl?raw';
import exactRange from '../shaders/elementwise/ranges/exact.wgsl?raw';
import offsetsRange from '../shaders/elementwise/ranges/offsets.wgsl?raw';
import { aliasingEntry, bindingsSource } from './aliasing.js';
import type { Tiling } from './tiling.js';
import type { Access, Aliasing, KernelSpec, Pass } from './types.js';

const offsets = [paramsBlock, offsetsRange];
const exact = [exactRange];

const PARTS: Record<Access, Record<Pass, readonly string[]>> = {
  vec4: { forward: [...offsets, vec4Forward], backward: [...offsets, vec4Backward] },
  'vec4-exact': { forward: [...exact, vec4Forward], backward: [...exact, vec4Backward] },
  scalar: { forward: [paramsBlock, scalarForward], backward: [paramsBlock, scalarBackward] },
  f16: { forward: [paramsBlock, halfBody, halfForward, f16Format], backward: [paramsBlock, halfBody, halfBackward, f16Format] },
  bf16: { forward: [paramsBlock, halfBody, halfForward, bf16Format], backward: [paramsBlock, halfBody, halfBackward, bf16Format] },
  f16x8: { forward: [...offsets, halfX8Forward, f16Format], backward: [...offsets, halfX8Backward, f16Format] },
  'f16x8-exact': { forward: [...exact, halfX8Forward, f16Format], backward: [...exact, halfX8Backward, f16Format] },
  bf16x8: { forward: [...offsets, halfX8Forward, bf16Format], backward: [...offsets, halfX8Backward, bf16Format] },
  'bf16x8-exact': { forward: [...exact, halfX8Forward, bf16Format], backward: [...exact, halfX8Backward, bf16Format] },
};

/** Every memory access a pipeline can have. */
export const ACCESSES = Object.keys(PARTS) as Access[];

/** Whether pipelines of `access` read parameters (the '-exact' accesses have none). */
export function hasParams(access: Access): boolean {
  return PARTS[access].forward.includes(paramsBlock);
}

/** The entry point of a tiling: the chunk loop, or its loop-free form for one chunk per invocation. */
function entryPointOf(tiling: Tiling): string {
  return tiling.chunksPerInvocation === 1 ? oneChunkEntryPoint : entryPoint;
}

/** The complete WGSL module of `kernel` for one aliasing, memory access and tiling. */
export function kernelSource(kernel: KernelSpec, aliasing: Aliasing, access: Access, tiling: Tiling): string {
  const { pass } = aliasingEntry(aliasing);
  return [kernel.source, entryPointOf(tiling), bindingsSource(aliasing), ...PARTS[access][pass]].join('\n');
}
