/**
 * Runs in the page: one kernel on raw f32 bit patterns (NaN payloads, ±∞, ±0, subnormals), returning the output
 * bits, so that special values are checked bit for bit rather than through float comparisons.
 */
import { bitsOf } from '../../common/f32.js';
import { readBuffer } from '../../common/read-buffer.js';
import type { Activation, Pass } from '../../src/index.js';
import { type Devices, popScopes, pushScopes, upload } from './device.js';
import { FUNCTIONS, type Lib } from './f32-cases.js';

export function createSpecialCases(lib: Lib, devices: Devices) {
  async function runBits(activation: Activation, pass: Pass, xBits: number[], dyBits?: number[]): Promise<{ outBits: number[]; gpuErrors: string[] }> {
    const gpu = await devices.device();
    pushScopes(gpu);
    const x = upload(gpu, 'test bits x', new Uint32Array(xBits));
    const out = upload(gpu, 'test bits out', new Uint32Array(xBits.length));
    // dy = 1 unless given.
    const dy = pass === 'backward' ? upload(gpu, 'test bits dy', new Uint32Array(dyBits ?? xBits.map(() => bitsOf(1)))) : undefined;
    if (dy === undefined) lib[FUNCTIONS[activation].forward](gpu, { x, y: out });
    else lib[FUNCTIONS[activation].backward](gpu, { x, dy, dx: out });
    const got = await readBuffer(gpu, out, 'webgpu-mish test readback');
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [x, out, dy]) buffer?.destroy();
    return { outBits: Array.from(new Uint32Array(got.buffer, got.byteOffset, xBits.length)), gpuErrors };
  }

  return { runBits };
}
