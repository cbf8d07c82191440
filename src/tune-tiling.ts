/**
 * `tuneTiling`: an opt-in, one-off measurement that picks the fastest kernel shape for a device, as
 * `torch.backends.cudnn.benchmark` does for convolutions. Nothing calls it behind the caller's back: without it a
 * device runs the shape its adapter's rule gives (src/tiling.ts).
 */
import { deviceState, dropPipelinesExcept, useTiling } from './device-cache.js';
import { describeValue } from './describe.js';
import { DeviceLostError } from './errors.js';
import { mishBackward, mishForward, reluBackward, reluForward } from './kernels.js';
import { checkOptionKeys } from './options.js';
import { checkTiling, type Tiling, type TilingChoice, TILINGS, tilingName } from './tiling.js';
import { checkDevice } from './validate.js';

const OPTION_NAMES: ReadonlySet<string> = new Set<keyof TuneTilingOptions>(['elements', 'rounds', 'candidates']);

/** What tuneTiling measures: the input size, the rounds, the shapes tried. */
export interface TuneTilingOptions {
  /** Elements of each timed call (default 2²², 16 MiB of f32: long enough that launch costs do not decide). */
  elements?: number;
  /** Measurements of each shape, in turns; the median counts (default 5). */
  rounds?: number;
  /** The shapes to choose among (default: every shape of the rule and the bench's sweep, 64–256 × 1–8). */
  candidates?: readonly Tiling[];
}

/** One shape tuneTiling tried and its median time. */
export interface TilingMeasurement extends Tiling {
  /** Median time of one round: Mish and ReLU, forward and backward, one call each. */
  milliseconds: number;
}

/** What tuneTiling chose (now the device's shape) and every measurement, fastest first. */
export interface TuneTilingResult {
  /** The shape now in use on the device (`getTiling` returns it too). */
  choice: TilingChoice;
  /** Every candidate's median, fastest first. */
  measurements: TilingMeasurement[];
  /**
   * GPU timestamps where the device has `timestamp-query`, else CPU time from submit to onSubmittedWorkDone (which
   * some browsers resolve only on a coarse tick, Firefox every 100 ms or so: request the feature there).
   */
  timer: 'timestamp' | 'cpu';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A ramp over [−scale, scale]: inputs of both signs, across Mish's interesting range. */
function ramp(elements: number, scale: number): Float32Array<ArrayBuffer> {
  return Float32Array.from({ length: elements }, (_, i) => ((i % 4099) / 2049 - 1) * scale);
}

/**
 * Times every candidate shape on `device` (Mish and ReLU, forward and backward, on `elements` f32 each, candidates in
 * turns for `rounds` rounds) and makes calls on the device use the fastest from now on. Takes four temporary
 * buffers of `elements` f32 (destroyed before it returns) and compiles each candidate's pipelines; keeps only the
 * chosen shape's. Calls made meanwhile run with whichever shape is being measured: await it before other work.
 *
 * @throws {TypeError} device or options of the wrong kind, or an option it does not take (at once, not in the promise).
 * @throws {RangeError} `elements`, `rounds` or a candidate the device cannot run (at once).
 * The promise rejects with {@link DeviceLostError} if the device is lost while it measures.
 *
 * @example
 * ```ts
 * const { choice, measurements } = await tuneTiling(device);
 * console.log(`${choice.workgroupSize} x ${choice.chunksPerInvocation}: ${choice.reason}`);
 * ```
 */
export function tuneTiling(device: GPUDevice, options: TuneTilingOptions = {}): Promise<TuneTilingResult> {
  // Checked before anything is made: bad arguments throw here, not in the promise.
  const checked = checkDevice('tuneTiling', device);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`tuneTiling: options must be an object (got ${describeValue(options)}); e.g. { rounds: 3 }, or leave it out`);
  }
  checkOptionKeys('tuneTiling', 'options', options, OPTION_NAMES);
  const elements = options.elements ?? 2 ** 22;
  const rounds = options.rounds ?? 5;
  if (!Number.isSafeInteger(elements) || elements < 4 || elements * 4 > checked.limits.maxStorageBufferBindingSize) {
    throw new RangeError(`tuneTiling: elements must be a whole number from 4 to ${checked.limits.maxStorageBufferBindingSize / 4} (got ${elements})`);
  }
  if (!Number.isSafeInteger(rounds) || rounds < 1) throw new RangeError(`tuneTiling: rounds must be a whole number, 1 or more (got ${rounds})`);
  const candidates = (options.candidates ?? TILINGS).map((tiling) => checkTiling('tuneTiling', tiling, checked.limits));
  if (candidates.length === 0) throw new RangeError('tuneTiling: candidates is empty; pass at least one tiling, or leave it out');
  return measureTilings(checked, elements, rounds, candidates);
}

async function measureTilings(checked: GPUDevice, elements: number, rounds: number, candidates: readonly Tiling[]): Promise<TuneTilingResult> {
  const state = deviceState(checked);
  const timer = checked.features.has('timestamp-query') ? 'timestamp' : 'cpu';
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const make = (label: string): GPUBuffer => checked.createBuffer({ label: `webgpu-mish tuneTiling ${label}`, size: elements * 4, usage });
  const x = make('x');
  const dy = make('dy');
  const y = make('y');
  const dx = make('dx');
  checked.queue.writeBuffer(x, 0, ramp(elements, 8));
  checked.queue.writeBuffer(dy, 0, ramp(elements, 1));
  const querySet = timer === 'timestamp' ? checked.createQuerySet({ label: 'webgpu-mish tuneTiling', type: 'timestamp', count: 2 }) : undefined;
  const resolve =
    querySet && checked.createBuffer({ label: 'webgpu-mish tuneTiling resolve', size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const readback =
    querySet && checked.createBuffer({ label: 'webgpu-mish tuneTiling readback', size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });

  /** One round of the four calls with `tiling`, in milliseconds (null: the timestamps came out unusable). */
  const measure = async (tiling: Tiling): Promise<number | null> => {
    useTiling(checked, { ...tiling, source: 'measured', reason: 'being measured by tuneTiling' });
    const encoder = checked.createCommandEncoder({ label: 'webgpu-mish tuneTiling' });
    const first = querySet && { querySet, beginningOfPassWriteIndex: 0 };
    const last = querySet && { querySet, endOfPassWriteIndex: 1 };
    mishForward(checked, { x, y, encoder, ...(first ? { timestampWrites: first } : {}) });
    mishBackward(checked, { x, dy, dx, encoder });
    reluForward(checked, { x, y, encoder });
    reluBackward(checked, { x, dy, dx, encoder, ...(last ? { timestampWrites: last } : {}) });
    if (querySet === undefined || resolve === undefined || readback === undefined) {
      const commands = encoder.finish();
      await state.queue.onSubmittedWorkDone();
      const start = performance.now();
      state.queue.submit([commands]);
      await state.queue.onSubmittedWorkDone();
      return performance.now() - start;
    }
    encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
    encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
    state.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigInt64Array(readback.getMappedRange().slice(0));
    readback.unmap();
    const nanoseconds = Number((end as bigint) - (begin as bigint));
    return nanoseconds > 0 ? nanoseconds / 1e6 : null;
  };

  const previous = state.tiling;
  try {
    const times = candidates.map(() => [] as number[]);
    // One warm-up round builds every candidate's pipelines.
    for (let round = -1; round < rounds; round++) {
      for (const [k, tiling] of candidates.entries()) {
        const ms = await measure(tiling);
        if (round >= 0 && ms !== null) times[k]?.push(ms);
      }
    }
    if (state.lost !== undefined) throw new DeviceLostError(`tuneTiling: the device was lost while measuring (${state.lost.message})`, state.lost.reason);
    const measurements = candidates
      .map((tiling, k) => ({ ...tiling, milliseconds: (times[k]?.length ?? 0) > 0 ? median(times[k] as number[]) : Number.POSITIVE_INFINITY }))
      .sort((a, b) => a.milliseconds - b.milliseconds);
    const best = measurements[0] as TilingMeasurement;
    const choice: TilingChoice = {
      workgroupSize: best.workgroupSize,
      chunksPerInvocation: best.chunksPerInvocation,
      source: 'measured',
      reason:
        `the fastest of ${candidates.length} shapes by tuneTiling: ${best.milliseconds.toFixed(3)} ms for Mish and ReLU, ` +
        `forward and backward, on ${elements} elements (median of ${rounds}, ${timer === 'timestamp' ? 'GPU timestamps' : 'CPU time'})`,
    };
    useTiling(checked, choice);
    dropPipelinesExcept(checked, tilingName(choice));
    return { choice: state.tiling, measurements, timer };
  } catch (error) {
    useTiling(checked, previous);
    throw error;
  } finally {
    for (const buffer of [x, dy, y, dx, resolve, readback]) buffer?.destroy();
    querySet?.destroy();
  }
}
