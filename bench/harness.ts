/**
 * The timing harness, shared by `npm run bench` (headless Chrome) and the demo page. Runs in a browser.
 *
 * Method: pipelines built and buffers filled before timing; two warm-up measurements per row; every
 * repetition visits all rows round-robin (starting one row later each time) so that slow drift of a shared
 * machine spreads over all rows alike; a measurement records `dispatches` back-to-back calls (more for small
 * sizes, whose single dispatch is too short to time) and reports the time per call. GPU timestamps bracket the
 * recorded passes where the adapter has `timestamp-query`; otherwise CPU time from submit to
 * `onSubmittedWorkDone`. Nothing is read back inside a timed region.
 */
import type { Pass } from '../src/shaders.js';
import { dispatchElementwise } from '../src/dispatch.js';
import { mishBackward, mishForward, reluBackward, reluForward, swishBackward, swishForward } from '../src/index.js';
import { copyKernel, mishBuiltinKernel, multiplyKernel, softplusKernel, tanhKernel } from './kernels.js';
import { startTfjs, type TfjsRows } from './tfjs-rows.js';

export type KernelName =
  | 'mish'
  | 'relu'
  | 'swish'
  | 'copy'
  | 'mish-builtin'
  | 'mish-unfused'
  | 'tfjs-mish'
  | 'tfjs-relu'
  | 'mish-f16'
  | 'mish-bf16';

export interface BenchOptions {
  /** Element counts to measure. */
  sizes: number[];
  /** Timed repetitions per row (at least 10 for the medians to mean much). */
  reps: number;
  /** Include the TensorFlow.js rows (default true). */
  tfjs?: boolean;
  onProgress?: (progress: BenchProgress) => void;
}

export interface BenchProgress {
  done: number;
  total: number;
  label: string;
}

export interface BenchResult {
  kernel: KernelName;
  pass: Pass;
  elements: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  gbps: number;
  elementsPerSecond: number;
  /** Median of this row over the median of the same pass and size for ReLU, Swish, copy. */
  vsRelu: number | null;
  vsSwish: number | null;
  vsCopy: number | null;
  /** Calls recorded per measurement. */
  dispatches: number;
}

export interface BenchAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface BenchReport {
  adapter: BenchAdapter;
  timer: 'timestamp' | 'cpu';
  /** How the TF.js rows were timed (tf.time's kernelMs uses the same GPU timestamps where it can). */
  tfjsTimer: string | null;
  results: BenchResult[];
  /** CPU time to encode and submit one 1 024-element mishForward, averaged over `overheadCalls` calls. */
  overheadUs: number;
  /** The same call recorded into a caller's encoder: the package's own CPU cost. */
  recordUs: number;
  /** An empty command buffer's encode + submit in the same run: the browser's floor for a submitting call. */
  submitFloorUs: number;
  overheadCalls: number;
}

/** Bytes moved per element: forward reads x and writes y; backward reads x and dy and writes dx. */
export const BYTES_PER_ELEMENT: Record<Pass, number> = { forward: 8, backward: 12 };

const WARMUP = 2;
const OVERHEAD_CALLS = 2000;
const OVERHEAD_ELEMENTS = 1024;
/** Aim for at least this much work per measurement: 2²⁰ elements. */
const ELEMENTS_PER_MEASUREMENT = 2 ** 20;
const MAX_DISPATCHES = 16;

/** One pass of a row, recorded into `encoder`, with optional timestamps on its compute pass. */
type Step = (encoder: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites) => void;

export interface Row {
  kernel: KernelName;
  pass: Pass;
  /** Records the row once: one or more passes. */
  steps?: Step[];
  /** Times `dispatches` calls itself and returns ms per call (TF.js rows). */
  time?: (dispatches: number) => Promise<number>;
  /** Bytes moved per element, where not the f32 figure of the pass (16-bit storage). */
  bytesPerElement?: number;
}

interface Buffers {
  x: GPUBuffer;
  y: GPUBuffer;
  dy: GPUBuffer;
  dx: GPUBuffer;
  a: GPUBuffer;
  b: GPUBuffer;
  /** The same inputs stored as f16 and as bf16, and a 16-bit output. */
  xF16: GPUBuffer;
  xBf16: GPUBuffer;
  y16: GPUBuffer;
}

/** f32 values as f16 bit patterns (round to nearest; the bench's inputs lie in [−8, 8]). */
function toF16(values: Float32Array): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(values.length + (values.length % 2));
  values.forEach((v, i) => {
    const magnitude = Math.abs(v);
    if (magnitude < 2 ** -14) return; // subnormal f16 range: timing inputs may as well be 0
    const exponent = Math.floor(Math.log2(magnitude));
    const mantissa = Math.round((magnitude / 2 ** exponent - 1) * 1024);
    out[i] = (v < 0 ? 0x8000 : 0) | (((exponent + 15) << 10) + mantissa);
  });
  return out;
}

/** f32 values as bf16 bit patterns (truncated: fine for timing inputs). */
function toBf16(values: Float32Array<ArrayBuffer>): Uint16Array<ArrayBuffer> {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length + (values.length % 2));
  words.forEach((word, i) => {
    out[i] = word >>> 16;
  });
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Inputs like activations: mostly in [−8, 8]. */
function fillInputs(count: number, seed: number, scale: number): Float32Array<ArrayBuffer> {
  const data = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = ((state / 2 ** 32) * 2 - 1) * scale;
  }
  return data;
}

function rowsFor(device: GPUDevice, buffers: Buffers, elements: number): Row[] {
  const { x, y, dy, dx, a, b } = buffers;
  const length = elements;
  const forward = (
    fn: typeof mishForward,
  ): Step => (encoder, timestampWrites) => fn(device, { x, y, length, encoder, timestampWrites });
  const backward = (
    fn: typeof mishBackward,
  ): Step => (encoder, timestampWrites) => fn(device, { x, dy, dx, length, encoder, timestampWrites });
  const internal = (
    name: string,
    spec: typeof copyKernel,
    pass: Pass,
    args: Record<string, GPUBuffer>,
  ): Step => (encoder, timestampWrites) =>
    dispatchElementwise(name, spec, pass, device, { ...args, length, encoder, timestampWrites } as never);
  return [
    { kernel: 'mish', pass: 'forward', steps: [forward(mishForward)] },
    { kernel: 'relu', pass: 'forward', steps: [forward(reluForward)] },
    { kernel: 'swish', pass: 'forward', steps: [forward(swishForward)] },
    { kernel: 'copy', pass: 'forward', steps: [internal('copy', copyKernel, 'forward', { x, y })] },
    { kernel: 'mish-builtin', pass: 'forward', steps: [internal('mishBuiltin', mishBuiltinKernel, 'forward', { x, y })] },
    {
      kernel: 'mish-unfused',
      pass: 'forward',
      steps: [
        internal('softplus', softplusKernel, 'forward', { x, y: a }),
        internal('tanh', tanhKernel, 'forward', { x: a, y: b }),
        internal('multiply', multiplyKernel, 'backward', { x, dy: b, dx: y }),
      ],
    },
    { kernel: 'mish', pass: 'backward', steps: [backward(mishBackward)] },
    { kernel: 'relu', pass: 'backward', steps: [backward(reluBackward)] },
    { kernel: 'swish', pass: 'backward', steps: [backward(swishBackward)] },
    { kernel: 'copy', pass: 'backward', steps: [internal('copy', copyKernel, 'backward', { x, dy, dx })] },
    {
      kernel: 'mish-builtin',
      pass: 'backward',
      steps: [internal('mishBuiltin', mishBuiltinKernel, 'backward', { x, dy, dx })],
    },
    {
      kernel: 'mish-f16',
      pass: 'forward',
      bytesPerElement: 4,
      steps: [(encoder, timestampWrites) => mishForward(device, { x: buffers.xF16, y: buffers.y16, length, encoder, timestampWrites, dtype: 'f16' })],
    },
    {
      kernel: 'mish-bf16',
      pass: 'forward',
      bytesPerElement: 4,
      steps: [(encoder, timestampWrites) => mishForward(device, { x: buffers.xBf16, y: buffers.y16, length, encoder, timestampWrites, dtype: 'bf16' })],
    },
  ];
}

class Timer {
  readonly kind: 'timestamp' | 'cpu';
  private readonly querySet?: GPUQuerySet;
  private readonly resolve?: GPUBuffer;
  private readonly readback?: GPUBuffer;

  constructor(private readonly device: GPUDevice) {
    this.kind = device.features.has('timestamp-query') ? 'timestamp' : 'cpu';
    if (this.kind === 'timestamp') {
      this.querySet = device.createQuerySet({ label: 'bench timestamps', type: 'timestamp', count: 2 });
      this.resolve = device.createBuffer({
        label: 'bench timestamp resolve',
        size: 16,
        usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
      });
      this.readback = device.createBuffer({
        label: 'bench timestamp readback',
        size: 16,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
    }
  }

  /** Milliseconds for `steps` recorded back to back, or null when the timestamps came out negative. */
  async measure(steps: readonly Step[]): Promise<number | null> {
    const encoder = this.device.createCommandEncoder({ label: 'bench measurement' });
    const { querySet, resolve, readback } = this;
    if (querySet === undefined || resolve === undefined || readback === undefined) {
      steps.forEach((step) => step(encoder));
      const commands = encoder.finish();
      await this.device.queue.onSubmittedWorkDone();
      const start = performance.now();
      this.device.queue.submit([commands]);
      await this.device.queue.onSubmittedWorkDone();
      return performance.now() - start;
    }
    steps.forEach((step, index) => {
      const first = index === 0;
      const last = index === steps.length - 1;
      step(encoder, first || last ? {
        querySet,
        ...(first ? { beginningOfPassWriteIndex: 0 } : {}),
        ...(last ? { endOfPassWriteIndex: 1 } : {}),
      } : undefined);
    });
    encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
    encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
    this.device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigInt64Array(readback.getMappedRange().slice(0));
    readback.unmap();
    const nanoseconds = Number((end as bigint) - (begin as bigint));
    // Timestamps may be reordered or reset by the implementation; a negative span is dropped.
    return nanoseconds > 0 ? nanoseconds / 1e6 : null;
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.readback?.destroy();
  }
}

async function requestBenchDevice(largest: number): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  if (!('gpu' in navigator)) throw new Error('WebGPU is not available in this browser (navigator.gpu is missing)');
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) throw new Error('WebGPU is available but the browser offered no adapter');
  const bytes = largest * 4;
  if (bytes > adapter.limits.maxStorageBufferBindingSize || bytes > adapter.limits.maxBufferSize) {
    throw new Error(`${largest} elements need ${bytes}-byte buffers; this adapter allows ${adapter.limits.maxBufferSize}`);
  }
  // The WebGPU defaults (128 MiB bindings, 256 MiB buffers) unless a size needs more.
  const limit = (name: 'maxStorageBufferBindingSize' | 'maxBufferSize', fallback: number): number =>
    Math.min(adapter.limits[name], Math.max(bytes, fallback));
  const device = await adapter.requestDevice({
    label: 'webgpu-mish bench',
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: limit('maxStorageBufferBindingSize', 2 ** 27),
      maxBufferSize: limit('maxBufferSize', 2 ** 28),
    },
  });
  return { adapter, device };
}

interface Overhead {
  overheadUs: number;
  recordUs: number;
  submitFloorUs: number;
}

/**
 * CPU time per call, averaged over OVERHEAD_CALLS calls on a 1 024-element range: a mishForward that encodes
 * and submits (the figure users feel), one recorded into a caller's encoder (the package's own share), and an
 * empty command buffer's encode + submit (the browser's floor, which no kernel call can go below).
 */
async function measureOverhead(device: GPUDevice): Promise<Overhead> {
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

export function describeAdapter(adapter: GPUAdapter): BenchAdapter {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? false,
  };
}

/** Runs the whole measurement. Throws with a readable message where WebGPU or an adapter is missing. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const sizes = [...options.sizes].sort((p, q) => p - q);
  const reps = Math.max(1, Math.floor(options.reps));
  const { adapter, device } = await requestBenchDevice(sizes[sizes.length - 1] ?? 1);
  const timer = new Timer(device);
  const tfjs: TfjsRows | null = options.tfjs === false ? null : await startTfjs();
  const samples = new Map<string, { row: Row; elements: number; dispatches: number; times: number[] }>();
  // Set from the first size's rows, before the first progress report.
  let total = 0;
  let done = 0;
  const progress = (label: string): void => options.onProgress?.({ done, total, label });

  try {
    for (const elements of sizes) {
      const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
      const make = (label: string, bytes = 4): GPUBuffer =>
        device.createBuffer({ label: `bench ${label}`, size: Math.ceil((elements * bytes) / 4) * 4, usage });
      const buffers: Buffers = {
        x: make('x'),
        y: make('y'),
        dy: make('dy'),
        dx: make('dx'),
        a: make('a'),
        b: make('b'),
        xF16: make('x f16', 2),
        xBf16: make('x bf16', 2),
        y16: make('y 16-bit', 2),
      };
      const xs = fillInputs(elements, 1, 8);
      device.queue.writeBuffer(buffers.x, 0, xs);
      device.queue.writeBuffer(buffers.dy, 0, fillInputs(elements, 2, 1));
      device.queue.writeBuffer(buffers.xF16, 0, toF16(xs));
      device.queue.writeBuffer(buffers.xBf16, 0, toBf16(xs));
      const rows = rowsFor(device, buffers, elements);
      if (tfjs) rows.push(...tfjs.rows(xs));
      total ||= sizes.length * rows.length * (reps + WARMUP);
      const dispatches = Math.min(MAX_DISPATCHES, Math.max(1, Math.round(ELEMENTS_PER_MEASUREMENT / elements)));

      const measure = async (row: Row): Promise<number | null> => {
        if (row.time) return row.time(dispatches);
        const steps = Array.from({ length: dispatches }, () => row.steps ?? []).flat();
        const ms = await timer.measure(steps);
        return ms === null ? null : ms / dispatches;
      };

      for (let rep = -WARMUP; rep < reps; rep++) {
        for (let k = 0; k < rows.length; k++) {
          const row = rows[(k + Math.max(rep, 0)) % rows.length] as Row;
          progress(`${row.kernel} ${row.pass}, ${elements} elements, ${rep < 0 ? 'warm-up' : `rep ${rep + 1}/${reps}`}`);
          let ms = await measure(row);
          if (ms === null) ms = await measure(row);
          done++;
          if (rep < 0 || ms === null) continue;
          const key = `${row.kernel}|${row.pass}|${elements}`;
          const entry = samples.get(key) ?? { row, elements, dispatches, times: [] };
          entry.times.push(ms);
          samples.set(key, entry);
        }
      }
      tfjs?.release();
      for (const buffer of Object.values(buffers)) buffer.destroy();
    }
    progress('per-call overhead');
    const overhead = await measureOverhead(device);

    const results: BenchResult[] = [...samples.values()].map(({ row, elements, dispatches, times }) => {
      const medianMs = median(times);
      return {
        kernel: row.kernel,
        pass: row.pass,
        elements,
        medianMs,
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        gbps: ((row.bytesPerElement ?? BYTES_PER_ELEMENT[row.pass]) * elements) / (medianMs * 1e6),
        elementsPerSecond: elements / (medianMs / 1000),
        vsRelu: null,
        vsSwish: null,
        vsCopy: null,
        dispatches,
      };
    });
    const medianOf = (kernel: KernelName, pass: Pass, elements: number): number | undefined =>
      results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === elements)?.medianMs;
    for (const result of results) {
      const ratio = (kernel: KernelName): number | null => {
        const base = medianOf(kernel, result.pass, result.elements);
        return base === undefined ? null : result.medianMs / base;
      };
      result.vsRelu = ratio('relu');
      result.vsSwish = ratio('swish');
      result.vsCopy = ratio('copy');
    }
    return {
      adapter: describeAdapter(adapter),
      timer: timer.kind,
      tfjsTimer: tfjs?.timer() ?? null,
      results,
      ...overhead,
      overheadCalls: OVERHEAD_CALLS,
    };
  } finally {
    timer.destroy();
    tfjs?.dispose();
    device.destroy();
  }
}
