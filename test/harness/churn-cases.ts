/**
 * Runs in the page (or in Node, or Deno): GPU memory under range churn. Thousands of calls, each with a range no
 * earlier call had, first each submitted on its own, then all recorded into one encoder before its submit (hundreds
 * of new ranges of one output buffer among them, far past the plans kept per buffer). Four kinds of call take turns:
 * ReLU forward and backward in f32, Mish forward with x and y far apart in one buffer (two writable bindings of it),
 * and ReLU forward in f16 at odd offsets (the word-at-a-time body). The device's createBuffer is wrapped, and every
 * buffer it returns, so that the buffers the package makes and has not destroyed are counted after every call (and
 * its createComputePipeline, to count the pipelines the churn makes).
 * Every element is judged: ReLU bit for bit (its zeros by value), Mish within its bound, and everything outside the
 * asked ranges against its canary.
 */
import { readBuffers } from '../../common/read-buffer.js';
import { decodeHalf, encodeHalf } from '../../common/half.js';
import { withinAllowance } from '../support/tolerances.js';
import { canaryOf } from './buffers.js';
import { countObjects } from './counting.js';
import { type Devices, popScopes, pushScopes, upload } from './device.js';
import type { Lib } from './f32-cases.js';
import type { Range, RangesOutcome } from './stress-cases.js';

export interface ChurnResult extends RangesOutcome {
  /** Calls made: self-submitted, then recorded into one encoder. */
  submitted: number;
  recorded: number;
  /** Buffers the package created in all, the most alive at once (after any call), and alive at the end. */
  created: number;
  mostAlive: number;
  aliveAtEnd: number;
  /** Pipelines the package created during the churn. */
  pipelines: number;
}

const PERIOD = 61;
/** Where y lies in the Mish buffer: far past x's ranges, so that x and y take a writable slot each. */
const APART = 1 << 17;

/** Range j of a kind: lengths 1 … PERIOD, one untouched element after each, odd offsets for the f16 kind. */
function rangesOf(count: number, odd: boolean): Range[] {
  const ranges: Range[] = [];
  let offset = odd ? 1 : 0;
  for (let j = 0; j < count; j++) {
    const length = (j % PERIOD) + 1;
    ranges.push({ offset, length });
    offset += length + 1;
    if (odd && offset % 2 === 0) offset++;
  }
  return ranges;
}

/** Nonzero inputs of both signs, exact in f16: relu is then the input or +0 in every format. */
function input(k: number): number {
  return (((k * 7919) % 2001) - 1000.5) / 4;
}

export function createChurnCases(lib: Lib, devices: Devices) {
  async function runRangeChurn(submitted: number, recorded: number): Promise<ChurnResult> {
    const started = performance.now();
    const gpu = await devices.fresh('webgpu-mish churn device');
    const calls = submitted + recorded;
    const perKind = Math.ceil(calls / 4);
    const even = rangesOf(perKind, false);
    const odd = rangesOf(perKind, true);
    const size = (ranges: Range[]): number => {
      const last = ranges[ranges.length - 1] as Range;
      return last.offset + last.length + 2;
    };
    const f32 = size(even);
    const f16 = size(odd) + (size(odd) % 2);
    const xs = Float32Array.from({ length: f32 }, (_, k) => input(k));
    const dys = Float32Array.from({ length: f32 }, (_, k) => input(k + 1));
    const canary = canaryOf('f32');
    const canaries = (n: number) => new Uint32Array(n).fill(canary);
    const mishBuffer = new Float32Array(APART + f32);
    mishBuffer.set(xs);
    new Uint32Array(mishBuffer.buffer, APART * 4).fill(canary);
    const halfCanary = canaryOf('f16');
    const x16 = Uint16Array.from({ length: f16 }, (_, k) => encodeHalf('f16', input(k)));
    const buffers = {
      x: upload(gpu, 'churn x', xs),
      dy: upload(gpu, 'churn dy', dys),
      relu: upload(gpu, 'churn relu y', canaries(f32)),
      grad: upload(gpu, 'churn relu dx', canaries(f32)),
      mish: upload(gpu, 'churn mish x and y', mishBuffer),
      x16: upload(gpu, 'churn x f16', x16),
      y16: upload(gpu, 'churn y f16', new Uint16Array(f16).fill(halfCanary)),
    };
    await gpu.queue.onSubmittedWorkDone();
    pushScopes(gpu);
    const counter = countObjects(gpu);
    let mostAlive = 0;
    let encoder: GPUCommandEncoder | undefined;
    for (let i = 0; i < calls; i++) {
      if (i === submitted) encoder = gpu.createCommandEncoder({ label: 'churn encoder' });
      const { offset, length } = (i % 4 === 3 ? odd : even)[Math.floor(i / 4)] as Range;
      const at = { xOffset: offset, length, encoder };
      if (i % 4 === 0) lib.reluForward(gpu, { ...at, x: buffers.x, y: buffers.relu, yOffset: offset });
      else if (i % 4 === 1) lib.reluBackward(gpu, { ...at, x: buffers.x, dy: buffers.dy, dx: buffers.grad, dyOffset: offset, dxOffset: offset });
      else if (i % 4 === 2) lib.mishForward(gpu, { ...at, x: buffers.mish, y: buffers.mish, yOffset: APART + offset });
      else lib.reluForward(gpu, { ...at, x: buffers.x16, y: buffers.y16, yOffset: offset, dtype: 'f16' });
      mostAlive = Math.max(mostAlive, counter.alive());
    }
    if (encoder !== undefined) gpu.queue.submit([encoder.finish()]);
    const created = counter.created();
    const aliveAtEnd = counter.alive();
    const pipelines = counter.pipelines();
    counter.restore();
    const [relu, grad, mish, y16] = await readBuffers(gpu, [buffers.relu, buffers.grad, buffers.mish, buffers.y16], 'churn readback');
    const gpuErrors = await popScopes(gpu);
    gpu.destroy();

    let wrongInside = 0;
    let writtenOutside = 0;
    /** Judges `count` elements of one output: `right(k, value)` inside the kind's ranges, the canary elsewhere. */
    const judge = (kind: number, count: number, bits: ArrayLike<number>, canaryBits: number, right: (k: number) => boolean, base = 0): void => {
      const inside = new Uint8Array(count);
      const ranges = kind === 3 ? odd : even;
      for (let j = 0; kind + 4 * j < calls; j++) {
        const { offset, length } = ranges[j] as Range;
        inside.fill(1, offset, offset + length);
      }
      for (let k = 0; k < count; k++) {
        if (inside[k] === 1) wrongInside += right(k) ? 0 : 1;
        else if (bits[base + k] !== canaryBits) writtenOutside++;
      }
    };
    const reluBits = new Uint32Array((relu as Float32Array).buffer);
    judge(0, f32, reluBits, canary, (k) => (relu as Float32Array)[k] === Math.max(xs[k] as number, 0));
    const gradBits = new Uint32Array((grad as Float32Array).buffer);
    judge(1, f32, gradBits, canary, (k) => (grad as Float32Array)[k] === ((xs[k] as number) > 0 ? (dys[k] as number) : 0));
    const mishBits = new Uint32Array((mish as Float32Array).buffer);
    judge(2, f32, mishBits, canary, (k) => withinAllowance('mish', 'forward', xs[k] as number, 1, (mish as Float32Array)[APART + k] as number), APART);
    const halves = new Uint16Array((y16 as Float32Array).buffer);
    judge(3, f16, halves, halfCanary, (k) => decodeHalf('f16', halves[k] as number) === Math.max(input(k), 0));
    return {
      submitted,
      recorded,
      created,
      mostAlive,
      aliveAtEnd,
      pipelines,
      wrongInside,
      writtenOutside,
      gpuErrors,
      milliseconds: performance.now() - started,
    };
  }

  return { runRangeChurn };
}
