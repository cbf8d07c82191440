/**
 * CPU time per call, averaged over OVERHEAD_CALLS calls on a 1 024-element range: a mishForward that encodes and
 * submits (the figure users feel), one recorded into a caller's encoder (the package's own share), and an empty
 * command buffer's encode + submit (the browser's floor, which no kernel call can go below).
 */
import { mishForward } from '../../src/index.js';

export const OVERHEAD_CALLS = 2000;
const OVERHEAD_ELEMENTS = 1024;

export interface Overhead {
  overheadUs: number;
  recordUs: number;
  submitFloorUs: number;
}

export async function measureOverhead(device: GPUDevice): Promise<Overhead> {
  const usage = GPUBufferUsage.STORAGE;
  const x = device.createBuffer({ label: 'bench overhead x', size: OVERHEAD_ELEMENTS * 4, usage });
  const y = device.createBuffer({ label: 'bench overhead y', size: OVERHEAD_ELEMENTS * 4, usage });
  const perCall = async (call: () => void): Promise<number> => {
    for (let i = 0; i < 100; i++) call();
    await device.queue.onSubmittedWorkDone();
    const start = performance.now();
    for (let i = 0; i < OVERHEAD_CALLS; i++) call();
    const microseconds = ((performance.now() - start) * 1000) / OVERHEAD_CALLS;
    await device.queue.onSubmittedWorkDone();
    return microseconds;
  };
  const overheadUs = await perCall(() => mishForward(device, { x, y }));
  let encoder = device.createCommandEncoder({ label: 'bench overhead encoder' });
  const recordUs = await perCall(() => mishForward(device, { x, y, encoder }));
  encoder.finish();
  const submitFloorUs = await perCall(() => {
    encoder = device.createCommandEncoder({ label: 'bench empty submit' });
    device.queue.submit([encoder.finish()]);
  });
  x.destroy();
  y.destroy();
  return { overheadUs, recordUs, submitFloorUs };
}
