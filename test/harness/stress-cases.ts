/**
 * Runs in the page (or in Node): many calls recorded before one submit. ReLU is exact, so every element is judged
 * bit for bit: inside each asked range against relu(x), and everywhere else against the canary it started with.
 *   - runManyRanges: n calls with distinct ranges in one encoder (issue 16's table): call i has length
 *     (i mod period) + 1 and a gap of one untouched element after its range.
 *   - runInterleaved: calls with and without `encoder` while one encoder is open.
 *   - runManyDevices: several devices, each with its own encoder of calls, recorded in turns, then all submitted.
 *   - runLostWithOpenEncoder: a device lost while an encoder holding calls is open.
 */
import { readBuffer } from '../../common/read-buffer.js';
import { canaryOf } from './buffers.js';
import { type Devices, popScopes, pushScopes, upload } from './device.js';
import type { Lib } from './f32-cases.js';

/** What a run of many calls found: elements wrong inside the asked ranges, written outside them, GPU errors. */
export interface RangesOutcome {
  /** Elements inside the asked ranges that are wrong (ReLU: bits that differ from relu(x)). */
  wrongInside: number;
  /** Elements outside every asked range that no longer hold the canary. */
  writtenOutside: number;
  gpuErrors: string[];
  milliseconds: number;
}

export interface StressResult extends RangesOutcome {
  calls: number;
}

/** An asked range of one call, in elements. */
export interface Range {
  readonly offset: number;
  readonly length: number;
}

const CANARY = canaryOf('f32');

/** Ranges of lengths (i mod period) + 1, each followed by one element no call writes. */
function distinctRanges(calls: number, period: number): { ranges: Range[]; elements: number } {
  const ranges: Range[] = [];
  let offset = 0;
  for (let i = 0; i < calls; i++) {
    const length = (i % period) + 1;
    ranges.push({ offset, length });
    offset += length + 1;
  }
  return { ranges, elements: offset };
}

/** Inputs with both signs and no zero or subnormal: relu is then the input or +0, the same on every adapter. */
function inputs(elements: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: elements }, (_, k) => ((k * 7919) % 2001) - 1000.5);
}

/** A pair of buffers for `elements` f32 elements: x holding inputs(), y holding canaries. */
function pairOf(gpu: GPUDevice, elements: number): { x: GPUBuffer; y: GPUBuffer; xs: Float32Array } {
  const xs = inputs(elements);
  return {
    x: upload(gpu, 'test stress x', xs),
    y: upload(gpu, 'test stress y', new Uint32Array(elements).fill(CANARY)),
    xs,
  };
}

/** Counts the elements of y that differ from relu(x) inside the ranges or from the canary outside them. */
function judge(y: Float32Array, xs: Float32Array, ranges: readonly Range[]): { wrongInside: number; writtenOutside: number } {
  const bits = new Uint32Array(y.buffer, y.byteOffset, y.length);
  const inside = new Uint8Array(y.length);
  let wrongInside = 0;
  for (const { offset, length } of ranges) {
    inside.fill(1, offset, offset + length);
    for (let k = offset; k < offset + length; k++) {
      const expected = Math.max(xs[k] as number, 0);
      if (!Object.is(y[k], expected)) wrongInside++;
    }
  }
  let writtenOutside = 0;
  for (let k = 0; k < y.length; k++) if (inside[k] === 0 && bits[k] !== CANARY) writtenOutside++;
  return { wrongInside, writtenOutside };
}

export function createStressCases(lib: Lib, devices: Devices) {
  /** The ranges of `calls` calls recorded by `record` (into the one encoder, or not), one submit, then judged. */
  async function runRecorded(
    calls: number,
    period: number,
    record: (gpu: GPUDevice, args: Parameters<Lib['reluForward']>[1], encoder: GPUCommandEncoder, i: number) => void,
  ): Promise<StressResult> {
    const started = performance.now();
    const gpu = await devices.device();
    const { ranges, elements } = distinctRanges(calls, period);
    const { x, y, xs } = pairOf(gpu, elements);
    pushScopes(gpu);
    const encoder = gpu.createCommandEncoder({ label: 'test stress encoder' });
    ranges.forEach(({ offset, length }, i) => {
      record(gpu, { x, y, xOffset: offset, yOffset: offset, length }, encoder, i);
    });
    gpu.queue.submit([encoder.finish()]);
    const got = await readBuffer(gpu, y);
    const gpuErrors = await popScopes(gpu);
    x.destroy();
    y.destroy();
    return { calls, ...judge(got, xs, ranges), gpuErrors, milliseconds: performance.now() - started };
  }

  /** Every call into one encoder. */
  function runManyRanges(calls: number, period = calls): Promise<StressResult> {
    return runRecorded(calls, period, (gpu, args, encoder) => lib.reluForward(gpu, { ...args, encoder }));
  }

  /** Every third call submits on its own while the others go into one open encoder. */
  function runInterleaved(calls: number): Promise<StressResult> {
    return runRecorded(calls, 257, (gpu, args, encoder, i) => lib.reluForward(gpu, i % 3 === 0 ? args : { ...args, encoder }));
  }

  /** `count` devices, each with an encoder of `calls` calls, recorded one call per device in turn. */
  async function runManyDevices(count: number, calls: number): Promise<StressResult> {
    const started = performance.now();
    const { ranges, elements } = distinctRanges(calls, 129);
    const gpus = await Promise.all(Array.from({ length: count }, (_, d) => devices.fresh(`webgpu-mish stress device ${d}`)));
    const sets = gpus.map((gpu) => {
      pushScopes(gpu);
      return { gpu, ...pairOf(gpu, elements), encoder: gpu.createCommandEncoder({ label: 'test stress encoder' }) };
    });
    for (const { offset, length } of ranges) {
      for (const { gpu, x, y, encoder } of sets) lib.reluForward(gpu, { x, y, xOffset: offset, yOffset: offset, length, encoder });
    }
    for (const { gpu, encoder } of sets) gpu.queue.submit([encoder.finish()]);
    let wrongInside = 0;
    let writtenOutside = 0;
    const gpuErrors: string[] = [];
    for (const { gpu, x, y, xs } of sets) {
      const judged = judge(await readBuffer(gpu, y), xs, ranges);
      wrongInside += judged.wrongInside;
      writtenOutside += judged.writtenOutside;
      gpuErrors.push(...(await popScopes(gpu)));
      x.destroy();
      y.destroy();
      gpu.destroy();
    }
    return { calls: calls * count, wrongInside, writtenOutside, gpuErrors, milliseconds: performance.now() - started };
  }

  /**
   * A device lost while an encoder with `calls` of our calls is open: the next call into that encoder throws the
   * lost-device error, finishing and submitting the encoder raises nothing, no error reaches the page, and a new
   * device then computes right.
   */
  async function runLostWithOpenEncoder(calls: number): Promise<{ message: string | null; uncaptured: string[]; after: StressResult }> {
    const gpu = await devices.fresh('webgpu-mish stress device to lose');
    const uncaptured: string[] = [];
    gpu.addEventListener('uncapturederror', (event) => uncaptured.push((event as GPUUncapturedErrorEvent).error.message));
    const { ranges, elements } = distinctRanges(calls, 61);
    const { x, y } = pairOf(gpu, elements);
    const encoder = gpu.createCommandEncoder({ label: 'test stress encoder' });
    for (const { offset, length } of ranges) lib.reluForward(gpu, { x, y, xOffset: offset, yOffset: offset, length, encoder });
    // The uploads finish first: Chrome 156 sometimes never resolves device.lost when destroy() comes while queue
    // writes are in flight (seen here in 2 of 4 runs); the encoder stays open either way.
    await gpu.queue.onSubmittedWorkDone();
    gpu.destroy();
    await gpu.lost;
    let message: string | null = null;
    try {
      lib.reluForward(gpu, { x, y, length: 1, encoder });
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    gpu.queue.submit([encoder.finish()]);
    const second = await devices.fresh('webgpu-mish stress device after loss');
    const started = performance.now();
    const fresh = pairOf(second, elements);
    pushScopes(second);
    const encoder2 = second.createCommandEncoder({ label: 'test stress encoder' });
    for (const { offset, length } of ranges) lib.reluForward(second, { x: fresh.x, y: fresh.y, xOffset: offset, yOffset: offset, length, encoder: encoder2 });
    second.queue.submit([encoder2.finish()]);
    const judged = judge(await readBuffer(second, fresh.y), fresh.xs, ranges);
    const gpuErrors = await popScopes(second);
    second.destroy();
    return { message, uncaptured, after: { calls, ...judged, gpuErrors, milliseconds: performance.now() - started } };
  }

  return { runManyRanges, runInterleaved, runManyDevices, runLostWithOpenEncoder };
}
