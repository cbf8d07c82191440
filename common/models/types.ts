/** What `npm run bench -- --model` and the demo's "Mish in YOLOv4's backbone" measure, and what they report. */
import type { AdapterDescription } from '../adapter.js';
import type { ActivationKind } from './forms.js';

export type ModelName = 'cspdarknet53' | 'yolov4' | 'mish-chain';
export const MODEL_NAMES: readonly ModelName[] = ['cspdarknet53', 'yolov4', 'mish-chain'];
/** The models that are whole networks (a backbone, a detector): the same forms, columns and targets. */
export type NetworkName = Exclude<ModelName, 'mish-chain'>;
export const NETWORK_NAMES: readonly NetworkName[] = ['cspdarknet53', 'yolov4'];

/** What a network holds. */
export interface NetworkCounts {
  convolutions: number;
  residualAdds: number;
  concatenations: number;
  /** Elements the Mish activations write in one forward, and the activations that are Mish. */
  mishElements: number;
  mishLayers: number;
  /** Elements the residual adds write in one forward. */
  residualElements: number;
}

/**
 * CSPDarknet53's input size by default, and where its targets are judged: a forward takes seconds on a software
 * adapter at 32x32 (YOLOv4 runs 416 or 608, for hardware GPUs).
 */
export const DEFAULT_BACKBONE_SIZE = 32;
/** Timed forwards of each form by default (execute()'s JavaScript time is a few ms, on a 0.1 ms clock in Chrome). */
export const DEFAULT_MODEL_REPS = 9;

export interface ModelBenchOptions {
  models: readonly ModelName[];
  /** CSPDarknet53's input size (a multiple of 32). */
  size: number;
  /** Timed forwards of each form. */
  reps: number;
  /** CSPDarknet53's channels divided by this (default 1: YOLOv4's; the demo's quick setting thins it). */
  widthDivisor?: number;
  /** GPU-timed forwards of each form (default 3; 0 for none). */
  gpuReps?: number;
  /** Run YOLOv4 on ONNX Runtime Web's WebGPU execution provider too (default false: the bench's browser runs turn it on). */
  ort?: boolean;
  onProgress?: (progress: ModelProgress) => void;
}

interface ModelProgress {
  done: number;
  total: number;
  label: string;
}

export interface ModelFormResult {
  model: ModelName;
  /** The form's name in tables: converter, mish-op, epilogue, floor; softplus, softplus rewritten, … */
  form: string;
  /** The form the ratios of this row are taken against (the converter's form; the original chain). */
  baseline: string;
  activation: ActivationKind;
  /** Wall time of a forward, model.execute() (ONNX Runtime: session.run) to the outputs read back. */
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  timesMs: number[];
  /** GPU time of a forward (tf.time's kernelMs, the sum of its kernels' timestamp intervals), or null without timestamps. */
  gpuMs: number | null;
  dispatches: number;
  /** Median JavaScript time inside model.execute(): the ops recorded and their dispatches encoded (null for ONNX Runtime). */
  executeMs: number | null;
  /** That time in every round, in the order of timesMs (round i of every form ran side by side). */
  executeTimesMs: number[];
  /**
   * Bytes the activation and the residual adds move in one forward, outside the convolutions (null where not known:
   * ONNX Runtime's own graph).
   */
  activationBytes: number | null;
  /** max |output − baseline's output| / max |baseline's output|, over every output. */
  maxDifference: number;
}

export interface ModelReport {
  adapter: AdapterDescription;
  size: number;
  widthDivisor: number;
  reps: number;
  networks: Partial<Record<NetworkName, NetworkCounts>>;
  results: ModelFormResult[];
}
