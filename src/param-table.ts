/**
 * The device's parameter table: one uniform buffer, made on the first call that needs parameters and never written
 * again, whose block k (at k × minUniformBufferOffsetAlignment) holds the u32 k. A dispatch reads each parameter
 * (an operand's offset in its binding, the output binding's tail: shaders/elementwise/params.wgsl) from a uniform
 * binding of block k, so its parameters are where its bind group points, not data anyone writes: a call recorded
 * into an encoder keeps them however many calls are recorded after it, and no range needs a buffer of its own. The
 * values are bounded (src/slots.ts keeps every one below `paramValues`), so the table is small and made once: a
 * plan the cache drops, or an encoder never submitted, leaves nothing behind. It lives as long as the device.
 */
import { PARAM_BYTES } from './constants.js';
import type { DeviceLimits } from './types.js';

export interface ParamTable {
  readonly buffer: GPUBuffer;
  /** Bytes between blocks: the device's minUniformBufferOffsetAlignment. */
  readonly stride: number;
  /** Blocks: parameters 0 … values - 1. */
  readonly values: number;
}

/** The table of `values` blocks, filled at creation (mapped, so no queue write is involved). */
export function createParamTable(device: GPUDevice, limits: DeviceLimits, values: number): ParamTable {
  const stride = Math.max(PARAM_BYTES, limits.minUniformBufferOffsetAlignment);
  const buffer = device.createBuffer({
    label: 'webgpu-mish parameter table',
    size: stride * values,
    usage: GPUBufferUsage.UNIFORM,
    mappedAtCreation: true,
  });
  const words = new Uint32Array(buffer.getMappedRange());
  for (let k = 0; k < values; k++) words[(k * stride) / 4] = k;
  buffer.unmap();
  return { buffer, stride, values };
}

/** The bind group entry that makes `binding` read `value`. */
export function paramEntry(table: ParamTable, binding: number, value: number): GPUBindGroupEntry {
  if (!(value >= 0 && value < table.values)) throw new Error(`webgpu-mish: parameter ${value} is outside the table (0 … ${table.values - 1})`);
  return { binding, resource: { buffer: table.buffer, offset: value * table.stride, size: PARAM_BYTES } };
}
