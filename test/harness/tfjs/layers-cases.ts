/**
 * Runs in the page: tfjs-layers with the 'mish' activation after registerMish: the kernels of predict and fit, the
 * values of a Dense layer, one SGD step against the cpu composite, training, and a model saved and loaded back.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mish as mishReference } from '../../../src/index.js';
import { spreadInputs } from '../../support/inputs.js';
import { denseMishBound, UPDATE_ABSOLUTE, UPDATE_RELATIVE } from '../../support/tolerances.js';
import { type TfjsLib, useBackend } from './backend.js';
import { type Check, fail, newCheck } from './checks.js';

/** 8 inputs → dense 16 with activation 'mish' → dense 1; SGD and mean squared error. */
function regressionModel(seed: number, learningRate = 0.05): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 16, inputShape: [8], activation: 'mish', kernelInitializer: tfl.initializers.glorotNormal({ seed }) }),
      tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotNormal({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(learningRate), loss: 'meanSquaredError' });
  return model;
}

/** The kernel names of `run` (tf.profile returns the same object every time: the list is copied). */
async function kernelNames(run: () => tf.TensorContainer | Promise<unknown>): Promise<string[]> {
  const info = await tf.profile(run as () => tf.TensorContainer);
  tf.dispose(info.result);
  return [...info.kernelNames];
}

export function createLayersCases(lib: TfjsLib) {
  /** tfjs-layers' own 'mish' (before registerMish in this page): what the fused op replaces. */
  async function builtinPredictKernels(): Promise<string[]> {
    const model = regressionModel(7);
    const x = tf.ones([4, 8]);
    const names = await kernelNames(() => model.predict(x) as tf.Tensor);
    tf.dispose(x);
    model.dispose();
    return names;
  }

  /** The kernels of a layers model's predict and fit after registerMish. */
  async function layersProfiles(): Promise<{ predict: string[]; fit: string[] }> {
    lib.registerMish();
    const model = regressionModel(7);
    const x = tf.randomNormal([64, 8], 0, 2, 'float32', 1);
    const y = tf.randomNormal([64, 1], 0, 1, 'float32', 2);
    const predict = await kernelNames(() => model.predict(x) as tf.Tensor);
    const fit = await kernelNames(async () => {
      await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    });
    model.dispose();
    tf.dispose([x, y]);
    return { predict, fit };
  }

  /** A Dense layer with activation 'mish': predict against mish(xW + b) from its weights, in float64. */
  async function layerPredict(): Promise<Check> {
    lib.registerMish();
    lib.registerMish(); // idempotent
    const model = regressionModel(11);
    const dense = model.layers[0] as tfl.layers.Layer;
    const [w, b] = await Promise.all(dense.getWeights().map((t) => t.data()));
    const [inputs, units, rows] = [8, 16, 32];
    const xs = Float32Array.from(spreadInputs(rows * inputs, 9), (v) => (Number.isFinite(v) && Math.abs(v) < 8 ? v : v % 8 || 0.5));
    const x = tf.tensor2d(xs, [rows, inputs]);
    const hidden = tfl.model({ inputs: model.inputs, outputs: dense.output as tfl.SymbolicTensor });
    const y = hidden.predict(x) as tf.Tensor;
    const got = await y.data();
    tf.dispose([x, y]);
    model.dispose();
    const check = newCheck();
    for (let r = 0; r < rows; r++) {
      for (let u = 0; u < units; u++) {
        let z = b?.[u] as number;
        let magnitude = Math.abs(z);
        for (let k = 0; k < inputs; k++) {
          const term = (xs[r * inputs + k] as number) * (w?.[k * units + u] as number);
          z += term;
          magnitude += Math.abs(term);
        }
        check.checked++;
        const expected = mishReference(z);
        const value = got[r * units + u] as number;
        if (!(Math.abs(value - expected) <= denseMishBound(z, magnitude, inputs))) {
          fail(check, `row ${r} unit ${u} | z=${z} | got ${value} | expected ${expected}`);
        }
      }
    }
    return check;
  }

  /**
   * One SGD step of the same model on the WebGPU backend (fused kernels) and on the cpu backend (the composite and
   * eq. (2)) from the same weights and data: the weight updates must agree, so the fused gradient is wired right.
   */
  async function trainStepAgreement(): Promise<Check & { lossBefore: number; lossAfter: number }> {
    lib.registerMish();
    const xs = tf.randomNormal([64, 8], 0, 1.5, 'float32', 21);
    const ys = tf.randomNormal([64, 1], 0, 1, 'float32', 22);
    const [xData, yData] = await Promise.all([xs.data(), ys.data()]);
    tf.dispose([xs, ys]);
    const step = async (backend: 'webgpu' | 'cpu', initial: Float32Array[] | null) => {
      await useBackend(backend);
      const model = regressionModel(5, 0.1);
      if (initial) model.setWeights(initial.map((values, i) => tf.tensor(values, model.getWeights()[i]?.shape)));
      const weights = (): Promise<Float32Array[]> => Promise.all(model.getWeights().map(async (t) => Float32Array.from(await t.data())));
      const x = tf.tensor2d(xData, [64, 8]);
      const y = tf.tensor2d(yData, [64, 1]);
      const loss = async (): Promise<number> => {
        const value = model.evaluate(x, y) as tf.Scalar;
        const [result] = await value.data();
        value.dispose();
        return result as number;
      };
      const start = await weights();
      const lossBefore = await loss();
      await model.trainOnBatch(x, y);
      const result = { start, end: await weights(), lossBefore, lossAfter: await loss() };
      model.dispose();
      tf.dispose([x, y]);
      return result;
    };
    const gpu = await step('webgpu', null);
    const cpu = await step('cpu', gpu.start);
    await useBackend('webgpu');
    const check = { ...newCheck(), lossBefore: gpu.lossBefore, lossAfter: gpu.lossAfter };
    gpu.start.forEach((start, k) => {
      start.forEach((w0, i) => {
        check.checked++;
        const gpuUpdate = (gpu.end[k]?.[i] as number) - w0;
        const cpuUpdate = (cpu.end[k]?.[i] as number) - w0;
        if (!(Math.abs(gpuUpdate - cpuUpdate) <= UPDATE_RELATIVE * Math.abs(cpuUpdate) + UPDATE_ABSOLUTE)) {
          fail(check, `weight ${k}[${i}]: update ${gpuUpdate} (webgpu) vs ${cpuUpdate} (cpu)`);
        }
      });
    });
    return check;
  }

  /** Fits a small regression with the fused activation; the loss of the first and last epoch. */
  async function fitLoss(epochs: number): Promise<{ before: number; after: number }> {
    lib.registerMish();
    const model = regressionModel(3);
    const x = tf.randomNormal([128, 8], 0, 1, 'float32', 31);
    const y = tf.tidy(() => tf.sum(tf.mul(x, tf.linspace(-1, 1, 8)), 1, true));
    const history = await model.fit(x, y, { epochs, batchSize: 32, verbose: 0 });
    model.dispose();
    tf.dispose([x, y]);
    const losses = history.history.loss as number[];
    return { before: losses[0] as number, after: losses[losses.length - 1] as number };
  }

  /** A model saved as Keras JSON with activation 'mish' and loaded back runs the fused kernel. */
  async function loadedModelKernels(): Promise<{ activation: string; kernels: string[] }> {
    lib.registerMish();
    const model = regressionModel(13);
    const json = model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'];
    model.dispose();
    const loaded = await tfl.models.modelFromJSON({ modelTopology: json } as tf.io.ModelJSON);
    const x = tf.ones([4, 8]);
    const kernels = await kernelNames(() => loaded.predict(x) as tf.Tensor);
    tf.dispose(x);
    const config = loaded.layers[0]?.getConfig() ?? {};
    loaded.dispose();
    return { activation: String(config.activation), kernels };
  }

  return { builtinPredictKernels, layersProfiles, layerPredict, trainStepAgreement, fitLoss, loadedModelKernels };
}
