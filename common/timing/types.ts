/** What the kernel timing harness takes, measures and reports (`npm run bench`, the demo page). */
import type { Pass, Tiling, TilingChoice } from '../../src/index.js';
import type { AdapterDescription } from '../adapter.js';

export type KernelName =
  | 'mish'
  | 'relu'
  | 'swish'
  | 'copy'
  | 'mish-builtin'
  | 'mish-unfused'
  | 'tfjs-mish'
  | 'tfjs-relu'
  | 'ort-mish'
  | 'mish-f16'
  | 'mish-bf16'
  | 'copy-buffer'
  | 'naive-copy'
  | 'naive-mish';

export interface BenchOptions {
  /** Element counts to measure. */
  sizes: number[];
  /** Timed repetitions per row (at least 10 for the medians to mean much). */
  reps: number;
  /** Include the TensorFlow.js rows (default true). */
  tfjs?: boolean;
  /** Include the ONNX Runtime Web row (default false: the bench CLI's browser runs turn it on). */
  ort?: boolean;
  /**
   * The tiling sweep instead of the usual rows: the package's rows (copy, Mish, ReLU, forward and backward) under each
   * of these tilings, beside the standalone kernels, side by side.
   */
  tilings?: Tiling[];
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
  /** The middle half of the repetitions lies between q1Ms and q3Ms (the interquartile range). */
  q1Ms: number;
  q3Ms: number;
  minMs: number;
  maxMs: number;
  gbps: number;
  elementsPerSecond: number;
  /** Median of this row over the median of the same pass and size for ReLU, Swish, copy, naive-copy, naive-mish. */
  vsRelu: number | null;
  vsSwish: number | null;
  vsCopy: number | null;
  vsNaiveCopy: number | null;
  vsNaiveMish: number | null;
  /** Calls recorded per measurement. */
  dispatches: number;
  /** The tiling the row ran with, in the tiling sweep (tilingName); absent elsewhere. */
  tiling?: string;
}

/** One judged ratio (common/timing/pairs.ts): A's fastest time over B's, its spread, and every measurement by round. */
export interface PairResult {
  pass: Pass;
  numerator: KernelName;
  denominator: KernelName;
  elements: number;
  ratio: number;
  /** The middle 95 % of the ratio over resamples of the rounds. */
  low: number;
  high: number;
  /** Each round's two measurements of A, and of B (ms per call). */
  rounds: Array<{ a: [number, number]; b: [number, number] }>;
}

export interface BenchReport {
  adapter: AdapterDescription;
  /** The tiling the device's calls use (the rule's choice for this adapter; the sweep's rows set their own). */
  tiling: TilingChoice;
  timer: 'timestamp' | 'cpu';
  /** How the TF.js rows were timed (tf.time's kernelMs uses the same GPU timestamps where it can). */
  tfjsTimer: string | null;
  /** How the ONNX Runtime row was timed, where it ran. */
  ortTimer: string | null;
  results: BenchResult[];
  /** The judged ratios, measured in rounds of their two rows side by side (pairs.ts), where the run reached TARGET_ELEMENTS. */
  pairs: PairResult[];
  /** CPU time to encode and submit one 1 024-element mishForward, averaged over `overheadCalls` calls. */
  overheadUs: number;
  /** The same call recorded into a caller's encoder: the package's own CPU cost. */
  recordUs: number;
  /**
   * Calls recorded into one encoder, each with a range not seen before (1 to 1 024 elements at distinct offsets):
   * what building a plan costs (its bind groups).
   */
  recordNewRangeUs: number;
  /** An empty command buffer's encode + submit in the same run: the browser's floor for a submitting call. */
  submitFloorUs: number;
  overheadCalls: number;
}

/** Bytes moved per element: forward reads x and writes y; backward reads x and dy and writes dx. */
export const BYTES_PER_ELEMENT: Record<Pass, number> = { forward: 8, backward: 12 };

/** The buffers of one size the rows read and write (rows.ts makes and fills them). */
export interface RowBuffers {
  x: GPUBuffer;
  y: GPUBuffer;
  dy: GPUBuffer;
  dx: GPUBuffer;
  /** Intermediates of unfused Mish. */
  a: GPUBuffer;
  b: GPUBuffer;
  /** The same inputs stored as f16 and as bf16, and a 16-bit output. */
  xF16: GPUBuffer;
  xBf16: GPUBuffer;
  y16: GPUBuffer;
}

/** One pass of a row, recorded into `encoder`, with optional timestamps on its compute pass. */
export type Step = (encoder: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites) => void;

/** One row of the table: a kernel and pass, measured at every size. */
export interface Row {
  kernel: KernelName;
  pass: Pass;
  /** Records the row once: one or more passes. */
  steps?: Step[];
  /** Times `dispatches` calls itself and returns ms per call (TF.js rows). */
  time?: (dispatches: number) => Promise<number>;
  /** Bytes moved per element, where not the f32 figure of the pass (16-bit storage). */
  bytesPerElement?: number;
  /** The tiling the row runs with (the tiling sweep). */
  tiling?: Tiling;
}
