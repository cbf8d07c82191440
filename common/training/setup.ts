/**
 * What the training-step benchmark measures and reports (bench/train.ts runs it in the browser): shared with the
 * CLI and the demo, so it imports nothing that needs a browser.
 */

export type TrainKernel = 'relu' | 'swish' | 'tfjs-mish' | 'mish';
export const TRAIN_KERNELS: readonly TrainKernel[] = ['relu', 'swish', 'tfjs-mish', 'mish'];

/** One row of the bench's `results` for a training step. */
export interface TrainResult {
  kernel: TrainKernel;
  pass: 'train';
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Timed steps behind the median. */
  steps: number;
  /** Every timed step in ms, by round: step i of every activation ran in the same round, side by side. */
  timesMs: number[];
  /**
   * GPU time of the activation alone in one step: forward and backward of `depth` activation layers at
   * [batch, width], by TF.js's kernel timestamps (tf.time kernelMs), or null where the adapter has no timestamps.
   */
  activationMs: number | null;
  /** That time in every round, in the same order for every activation (the activations timed in turn, round by round). */
  activationTimesMs: number[] | null;
}

export interface TrainSetup {
  /** Hidden blocks (dense, BatchNorm, activation, dropout). */
  depth: number;
  /** Units per hidden dense layer. */
  width: number;
  batch: number;
  /** Timed steps per activation. */
  steps: number;
  /** Untimed steps per activation before them. */
  warmup: number;
}

/** The paper's Figure 6 network at depth 5, with at least 5 timed steps. */
export const PAPER_SETUP: TrainSetup = { depth: 5, width: 500, batch: 128, steps: 5, warmup: 2 };

export interface TrainProgress {
  done: number;
  total: number;
  label: string;
}
