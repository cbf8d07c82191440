/**
 * The parameter blocks of one plan: a small uniform buffer written once, when the plan is built (mapped at
 * creation, so no queue write is involved), and never again. Every dispatch of the plan binds its own block at a
 * fixed offset. A call recorded into an encoder therefore keeps its parameters however many other calls, with
 * whatever ranges, are recorded before the encoder is submitted: nothing the package does later can rewrite them.
 * (A shared pool of blocks rewritten with `queue.writeBuffer` cannot promise that: a write lands at the next
 * submit, before the commands of an encoder recorded earlier run.) The buffer lives as long as the plan, or any
 * recorded command that binds it; a plan the cache drops lets it go to the garbage collector, never `destroy()`,
 * since an unsubmitted encoder may still use it.
 */
import { PARAMS_BYTES } from './constants.js';

/** length, x_offset, dy_offset, out_offset: the `Params` struct of shaders/elementwise/main.wgsl. */
export type ParamValues = readonly [number, number, number, number];

/** Where one dispatch's block lies. */
export interface ParamBinding {
  readonly buffer: GPUBuffer;
  readonly offset: number;
}

/** One buffer holding `blocks`, each at a multiple of minUniformBufferOffsetAlignment. */
export function createPlanParams(device: GPUDevice, label: string, blocks: readonly ParamValues[], alignment: number): ParamBinding[] {
  const stride = Math.max(PARAMS_BYTES, alignment);
  const buffer = device.createBuffer({
    label: `${label} params`,
    size: stride * (blocks.length - 1) + PARAMS_BYTES,
    usage: GPUBufferUsage.UNIFORM,
    mappedAtCreation: true,
  });
  const words = new Uint32Array(buffer.getMappedRange());
  blocks.forEach((values, k) => words.set(values, (k * stride) / 4));
  buffer.unmap();
  return blocks.map((_, k) => ({ buffer, offset: k * stride }));
}
