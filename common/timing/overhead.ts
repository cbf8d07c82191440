/**
 * CPU time per call, averaged over OVERHEAD_CALLS calls on a 1 024-element range: a mishForward that encodes and
 * submits (the figure users feel), one recorded into a caller's encoder (the package's own share), the same with a
 * range not seen before on every call (a plan built each time), and an empty command buffer's encode + submit (the
 * browser's floor, which no kernel call can go below).
 */
import { mishForward } from '../../src/index.js';

export const OVERHEAD_CALLS = 2000;
const OVERHEAD_ELEMENTS = 1024;

export interface Overhead {
  overheadUs: number;
  recordUs: number;
  recordNewRangeUs: number;
  submitFloorUs: number;
}

export async function measureOverhead(device: GPUDevice): Promise<Overhead> {
  const usage = GPUBufferUsage.STORAGE;
  // Room for the distinct ranges of the new-range figure: offset i, length 1 + (i mod 1 024).
  const elements = OVERHEAD_ELEMENTS + 2 * OVERHEAD_CALLS + 100;
  const x = device.createBuffer({ label: 'bench overhead x', size: elements * 4, usage });
  const y = device.createBuffer({ label: 'bench overhead y', size: elements * 4, usage });
  const perCall = async (call: () => void): Promise<number> => {
    for (let i = 0; i < 100; i++) call();
    await device.queue.onSubmittedWorkDone();
    const start = performance.now();
    for (let i = 0; i < OVERHEAD_CALLS; i++) call();
    const microseconds = ((performance.now() - start) * 1000) / OVERHEAD_CALLS;
    await device.queue.onSubmittedWorkDone();
    return microseconds;
  };
  const length = OVERHEAD_ELEMENTS;
  const overheadUs = await perCall(() => mishForward(device, { x, y, length }));
  let encoder = device.createCommandEncoder({ label: 'bench overhead encoder' });
  const recordUs = await perCall(() => mishForward(device, { x, y, length, encoder }));
  encoder.finish();
  encoder = device.createCommandEncoder({ label: 'bench overhead encoder' });
  let offset = 0;
  const recordNewRangeUs = await perCall(() => {
    offset++;
    mishForward(device, { x, y, xOffset: offset, yOffset: offset, length: 1 + (offset % OVERHEAD_ELEMENTS), encoder });
  });
  encoder.finish();
  const submitFloorUs = await perCall(() => {
    encoder = device.createCommandEncoder({ label: 'bench empty submit' });
    device.queue.submit([encoder.finish()]);
  });
  x.destroy();
  y.destroy();
  return { overheadUs, recordUs, recordNewRangeUs, submitFloorUs };
}
