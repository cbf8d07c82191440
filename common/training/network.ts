/**
 * The network of the paper's Figure 6, in tfjs-layers: 784 inputs → `depth` blocks of [dense `width`, BatchNorm,
 * the activation, dropout 0.25] → dense 10 with softmax; SGD on categorical cross-entropy. Shared by the
 * training-step benchmark and the demo's depth experiment. The activation is one of the four the package compares:
 * ReLU, tfjs-layers' Swish, tfjs-layers' own Mish (the composite) and the fused Mish of `webgpu-mish/tfjs`.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mish, registerMish } from '../../src/tfjs.js';
import type { TrainKernel } from './setup.js';

export const INPUTS = 784;
export const CLASSES = 10;
const DROPOUT = 0.25;

// tfjs-layers' own Mish and Swish classes, captured when this module loads: registerMish() replaces 'mish' by name
// afterwards, and 'tfjs-mish' must keep running the composite however often a page builds models.
const layersClasses = tf.serialization.SerializationMap.getMap().classNameMap;
const [LayersMish] = layersClasses.mish ?? [];
const [LayersSwish] = layersClasses.swish ?? [];

/**
 * What the activation layer gets: the activation's name ('mish' after registerMish() is the fused op), or for
 * 'tfjs-mish' an instance of tfjs-layers' own Mish (tfjs-layers accepts an instance where it takes a name).
 */
function activationFor(kernel: TrainKernel): string | object {
  if (kernel !== 'tfjs-mish') return kernel;
  if (LayersMish === undefined) throw new Error("tfjs-layers registered no 'mish' activation");
  return new (LayersMish as new () => object)();
}

/** The activation alone, as the model's activation layer applies it. */
export function activationFunction(kernel: TrainKernel): (x: tf.Tensor) => tf.Tensor {
  if (kernel === 'relu') return (x) => tf.relu(x);
  if (kernel === 'mish') return (x) => mish(x);
  const Layers = kernel === 'swish' ? LayersSwish : LayersMish;
  if (Layers === undefined) throw new Error(`tfjs-layers registered no '${kernel}' activation`);
  const instance = new (Layers as unknown as new () => { apply(x: tf.Tensor): tf.Tensor })();
  return (x) => instance.apply(x);
}

export interface NetworkSetup {
  depth: number;
  width: number;
  learningRate: number;
  /** Seed of the weight initialisers: the same seed gives the same initial weights whatever the activation. */
  seed?: number;
  /** Also report accuracy (for evaluate and fit). */
  accuracy?: boolean;
}

/** Starts TF.js on its WebGPU backend with every op on the GPU, and makes tfjs-layers' 'mish' the fused op. */
export async function startTraining(): Promise<void> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('TensorFlow.js could not start its WebGPU backend');
  await tf.ready();
  // Every op on the GPU, as in a real training loop: no hand-off of small tensors to the CPU.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  registerMish();
}

export function figure6Network(kernel: TrainKernel, setup: NetworkSetup): tfl.Sequential {
  const seeded = (k: number) => (setup.seed === undefined ? {} : { kernelInitializer: tfl.initializers.glorotUniform({ seed: setup.seed * 101 + k }) });
  const model = tfl.sequential({ name: `figure6-${kernel}-${setup.depth}` });
  for (let block = 0; block < setup.depth; block++) {
    model.add(tfl.layers.dense({ units: setup.width, ...seeded(block), ...(block === 0 ? { inputShape: [INPUTS] } : {}) }));
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.activation({ activation: activationFor(kernel) as 'relu' }));
    model.add(tfl.layers.dropout({ rate: DROPOUT }));
  }
  model.add(tfl.layers.dense({ units: CLASSES, activation: 'softmax', ...seeded(setup.depth) }));
  model.compile({
    optimizer: tf.train.sgd(setup.learningRate),
    loss: 'categoricalCrossentropy',
    ...(setup.accuracy ? { metrics: ['accuracy'] } : {}),
  });
  return model;
}
