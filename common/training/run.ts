/**
 * The training-step benchmark (`npm run bench -- --train`, and the demo page): the fully connected network of the
 * paper's Figure 6 at depth 5 (784 inputs → five blocks of dense 500, BatchNorm, the activation, dropout 0.25 →
 * dense 10 with softmax; SGD; batch 128; random data), one `trainOnBatch` timed for ReLU, tfjs-layers' Swish,
 * tfjs-layers' own Mish (softplus, tanh and mul) and the fused Mish of `webgpu-mish/tfjs`, on TF.js's WebGPU
 * backend. Runs in a browser.
 *
 * Method: the four models get the same initial weights and data; warm-up steps first (they compile the
 * pipelines), then the timed steps interleaved, each round starting one activation later, so that the four share
 * the machine's drift. A step's time is the wall-clock time of `await model.trainOnBatch(x, y)`, which returns after
 * the loss has been read back: forward, backward and the SGD update have all run on the GPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { median } from '../timing/stats.js';
import { activationFunction, CLASSES, figure6Network, INPUTS, startTraining } from './network.js';
import { TRAIN_KERNELS, type TrainKernel, type TrainProgress, type TrainResult, type TrainSetup } from './setup.js';

/** The bench's learning rate: the steps are timed, not trained to an end. */
const LEARNING_RATE = 0.01;
/** Rounds of the activation layers alone: every activation timed once a round, each round starting one later. */
const ACTIVATION_ROUNDS = 9;

/**
 * GPU ms of `depth` activation layers' forward and backward at [batch, width] (tf.time's kernelMs), for every
 * activation, in rounds; null for all where the adapter has no timestamps.
 */
async function timeActivations(setup: TrainSetup): Promise<Map<TrainKernel, number[]> | null> {
  const h = tf.randomNormal([setup.batch, setup.width], 0, 1.5, 'float32', 3);
  const dy = tf.randomNormal([setup.batch, setup.width], 0, 1, 'float32', 4);
  const layers = (kernel: TrainKernel) => {
    const f = activationFunction(kernel);
    return (): void => {
      tf.tidy(() => {
        for (let layer = 0; layer < setup.depth; layer++) tf.grad(f)(h, dy);
      });
    };
  };
  try {
    for (const kernel of TRAIN_KERNELS) layers(kernel)();
    const samples = new Map<TrainKernel, number[]>(TRAIN_KERNELS.map((kernel) => [kernel, []]));
    for (let round = 0; round < ACTIVATION_ROUNDS; round++) {
      for (let k = 0; k < TRAIN_KERNELS.length; k++) {
        const kernel = TRAIN_KERNELS[(k + round) % TRAIN_KERNELS.length] as TrainKernel;
        const info = await tf.time(layers(kernel));
        if (typeof info.kernelMs !== 'number') return null;
        samples.get(kernel)?.push(info.kernelMs);
      }
    }
    return samples;
  } finally {
    tf.dispose([h, dy]);
  }
}

/** Times training steps of the four models; returns one row per activation. */
export async function runTrainBench(setup: TrainSetup, onProgress?: (progress: TrainProgress) => void): Promise<TrainResult[]> {
  await startTraining();
  const network = { depth: setup.depth, width: setup.width, learningRate: LEARNING_RATE };
  const models = new Map(TRAIN_KERNELS.map((kernel) => [kernel, figure6Network(kernel, network)]));
  // The same starting point for all four: their layers have the same shapes.
  const initial = (models.get('relu') as tfl.Sequential).getWeights();
  for (const model of models.values()) model.setWeights(initial);
  const x = tf.randomUniform([setup.batch, INPUTS], 0, 1, 'float32', 1);
  const labels = tf.randomUniform([setup.batch], 0, CLASSES, 'int32', 2);
  const y = tf.oneHot(labels, CLASSES);
  labels.dispose();

  const times = new Map<TrainKernel, number[]>(TRAIN_KERNELS.map((kernel) => [kernel, []]));
  let activation: Map<TrainKernel, number[]> | null = null;
  const total = (setup.warmup + setup.steps) * TRAIN_KERNELS.length;
  let done = 0;
  try {
    for (let round = -setup.warmup; round < setup.steps; round++) {
      for (let k = 0; k < TRAIN_KERNELS.length; k++) {
        const kernel = TRAIN_KERNELS[(k + Math.max(round, 0)) % TRAIN_KERNELS.length] as TrainKernel;
        onProgress?.({
          done,
          total,
          label: `training step, ${kernel}, ${round < 0 ? 'warm-up' : `step ${round + 1}/${setup.steps}`}`,
        });
        const model = models.get(kernel) as tfl.Sequential;
        const started = performance.now();
        await model.trainOnBatch(x, y);
        const elapsed = performance.now() - started;
        if (round >= 0) times.get(kernel)?.push(elapsed);
        done++;
      }
    }
    onProgress?.({ done, total, label: 'the activation layers alone' });
    activation = await timeActivations(setup);
    onProgress?.({ done, total, label: 'training steps done' });
  } finally {
    for (const model of models.values()) model.dispose();
    tf.dispose([x, y]);
  }
  return TRAIN_KERNELS.map((kernel) => {
    const samples = times.get(kernel) as number[];
    return {
      kernel,
      pass: 'train',
      medianMs: median(samples),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      steps: samples.length,
      timesMs: samples,
      activationMs: activation === null ? null : median(activation.get(kernel) as number[]),
      activationTimesMs: activation?.get(kernel) ?? null,
    };
  });
}
