/**
 * The paper's Figure 6 on the visitor's GPU: fully connected networks of growing depth (common/training/network.ts:
 * blocks of dense, BatchNorm, the activation and dropout 0.25; SGD at batch 128 with one learning rate for all)
 * trained on MNIST digits with ReLU, tfjs-layers' Swish, the fused Mish of `webgpu-mish/tfjs` and, for its epoch
 * time, tfjs-layers' own Mish; test accuracy and mean epoch time for each. Runs in a browser on TF.js's WebGPU
 * backend. Results arrive one (depth, activation) at a time, so that a cancelled run keeps what it finished.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { CLASSES, figure6Network, startTraining } from '../common/training/network.js';
import { TRAIN_KERNELS, type TrainKernel } from '../common/training/setup.js';
import { type DepthSetup, TEST_DIGITS } from './depth-setup.js';
import type { Digits } from './mnist.js';

export interface DepthResult {
  activation: TrainKernel;
  depth: number;
  testAccuracy: number;
  testLoss: number;
  /** Wall-clock ms of each epoch (it ends with the epoch's loss read back from the GPU). */
  epochMs: number[];
  meanEpochMs: number;
}

export interface DepthProgress {
  done: number;
  total: number;
  label: string;
  /** Seconds left at the pace so far (null before the first batch). */
  secondsLeft: number | null;
}

export interface DepthRun {
  results: DepthResult[];
  /** The kernels of one training step of the fused-Mish network (tf.profile): Mish and MishGrad, no Softplus. */
  fusedKernels: string[];
  cancelled: boolean;
}

/** A flag the page sets to stop the run at the next batch. */
export interface Cancel {
  cancelled: boolean;
}

/** Order of the activations at each depth: rotated, so that no activation always runs first. */
function order(depthIndex: number): TrainKernel[] {
  return TRAIN_KERNELS.map((_, k) => TRAIN_KERNELS[(k + depthIndex) % TRAIN_KERNELS.length] as TrainKernel);
}

function tensors(digits: Digits): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.tensor2d(digits.images, [digits.count, digits.images.length / digits.count]),
    y: tf.oneHot(tf.tensor1d(digits.labels, 'int32'), CLASSES) as tf.Tensor2D,
  }));
}

export async function runDepthExperiment(
  setup: DepthSetup,
  data: { train: Digits; test: Digits },
  hooks: { cancel: Cancel; onProgress?: (progress: DepthProgress) => void; onResult?: (result: DepthResult) => void },
): Promise<DepthRun> {
  await startTraining();
  const train = tensors(data.train);
  const test = tensors(data.test);
  const batchesPerFit = setup.epochs * Math.ceil(data.train.count / setup.batch);
  const total = setup.depths.length * TRAIN_KERNELS.length * batchesPerFit;
  const started = performance.now();
  let done = 0;
  const run: DepthRun = { results: [], fusedKernels: [], cancelled: false };
  const report = (label: string): void => {
    const seconds = (performance.now() - started) / 1000;
    hooks.onProgress?.({ done, total, label, secondsLeft: done > 0 ? (seconds * (total - done)) / done : null });
  };
  try {
    for (const [depthIndex, depth] of setup.depths.entries()) {
      for (const activation of order(depthIndex)) {
        if (hooks.cancel.cancelled) break;
        const model = figure6Network(activation, { depth, width: setup.width, learningRate: setup.learningRate, seed: setup.seed + depth, accuracy: true });
        if (activation === 'mish' && run.fusedKernels.length === 0) {
          const rows = Math.min(setup.batch, data.train.count);
          const x = tf.slice(train.x, [0, 0], [rows, -1]);
          const y = tf.slice(train.y, [0, 0], [rows, -1]);
          const info = await tf.profile(async () => {
            await model.trainOnBatch(x, y);
          });
          run.fusedKernels = [...info.kernelNames];
          tf.dispose([x, y]);
        }
        // A step of a throwaway copy at each batch size the epochs use (the full one and the last, partial one)
        // first: it compiles the pipelines, which would otherwise land in the first epoch of whichever activation
        // runs first at this depth.
        const warm = figure6Network(activation, { depth, width: setup.width, learningRate: setup.learningRate });
        for (const rows of new Set([Math.min(setup.batch, data.train.count), data.train.count % setup.batch || setup.batch])) {
          const [x, y] = [tf.slice(train.x, [0, 0], [rows, -1]), tf.slice(train.y, [0, 0], [rows, -1])];
          await warm.trainOnBatch(x, y);
          tf.dispose([x, y]);
        }
        warm.dispose();
        const epochMs: number[] = [];
        let epochStart = 0;
        await model.fit(train.x, train.y, {
          epochs: setup.epochs,
          batchSize: setup.batch,
          shuffle: true,
          verbose: 0,
          callbacks: {
            onEpochBegin: async () => {
              epochStart = performance.now();
            },
            onEpochEnd: async () => {
              epochMs.push(performance.now() - epochStart);
            },
            onBatchEnd: async (batch) => {
              done++;
              report(`depth ${depth}, ${activation}, epoch ${epochMs.length + 1}/${setup.epochs}, batch ${batch + 1}`);
              if (hooks.cancel.cancelled) model.stopTraining = true;
            },
          },
        });
        if (hooks.cancel.cancelled) {
          model.dispose();
          break;
        }
        const evaluated = model.evaluate(test.x, test.y, { batchSize: 500 }) as tf.Scalar[];
        const [loss, accuracy] = await Promise.all(evaluated.map(async (t) => (await t.data())[0] as number));
        tf.dispose(evaluated);
        model.dispose();
        const result: DepthResult = {
          activation,
          depth,
          testAccuracy: accuracy as number,
          testLoss: loss as number,
          epochMs,
          meanEpochMs: epochMs.reduce((a, b) => a + b, 0) / epochMs.length,
        };
        run.results.push(result);
        hooks.onResult?.(result);
      }
      if (hooks.cancel.cancelled) break;
    }
  } finally {
    tf.dispose([train.x, train.y, test.x, test.y]);
  }
  run.cancelled = hooks.cancel.cancelled;
  return run;
}

/**
 * Seconds the setup should take on this adapter: one training step of a depth-1 and a depth-2 network at the
 * setup's width and batch, timed after a warm-up, extrapolated linearly in depth to every network, activation and
 * epoch (evaluation not counted).
 */
export async function estimateSeconds(setup: DepthSetup): Promise<number> {
  await startTraining();
  const x = tf.randomUniform([setup.batch, 784], 0, 1, 'float32', 5);
  const y = tf.oneHot(tf.randomUniform([setup.batch], 0, CLASSES, 'int32', 6), CLASSES);
  const stepMs = async (depth: number): Promise<number> => {
    const model = figure6Network('mish', { depth, width: setup.width, learningRate: setup.learningRate });
    await model.trainOnBatch(x, y);
    const start = performance.now();
    await model.trainOnBatch(x, y);
    await model.trainOnBatch(x, y);
    model.dispose();
    return (performance.now() - start) / 2;
  };
  try {
    const one = await stepMs(1);
    const perBlock = Math.max(0, (await stepMs(2)) - one);
    const steps = setup.epochs * Math.ceil(setup.samples / setup.batch) * TRAIN_KERNELS.length;
    return (steps * setup.depths.reduce((sum, depth) => sum + one + perBlock * (depth - 1), 0)) / 1000;
  } finally {
    tf.dispose([x, y]);
  }
}

/** The results as CSV, one row per (activation, depth), with the setting in every row. */
export function resultsCsv(results: readonly DepthResult[], setup: DepthSetup): string {
  const header = 'activation,depth,width,training_digits,test_digits,epochs,batch,learning_rate,test_accuracy,test_loss,mean_epoch_ms';
  const rows = results.map((r) =>
    [
      r.activation,
      r.depth,
      setup.width,
      setup.samples,
      TEST_DIGITS,
      setup.epochs,
      setup.batch,
      setup.learningRate,
      r.testAccuracy.toFixed(4),
      r.testLoss.toFixed(4),
      r.meanEpochMs.toFixed(1),
    ].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}
