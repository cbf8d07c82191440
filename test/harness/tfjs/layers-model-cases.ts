/** Runs in the page: a converted Keras layers model with Mish (dist/tfjs.js's registerMish), loaded, run and trained. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { normals } from '../../../common/models/normals.js';
import { mish as mishReference } from '../../../src/index.js';
import { type TfjsLib, useBackend } from './backend.js';

export function createLayersModelCases(lib: TfjsLib) {
  /**
   * A Keras YOLOv4-port layers model as tfjs_layers_model writes it: dense → the custom `Mish` layer (config name,
   * trainable, dtype only) → dense with activation 'Addons>mish'. Loaded with tf.loadLayersModel after registerMish,
   * its predictions against float64 from its weights, and one SGD step: the loss, and the kernels it ran.
   */
  async function runLayersModel(): Promise<{ loaded: boolean; predictError: number; lossBefore: number; lossAfter: number; kernels: string[] }> {
    await useBackend('webgpu');
    lib.registerMish();
    const [w1, b1, w2, b2] = [normals(4 * 6, 41, 0.6), normals(6, 42, 0.2), normals(6 * 3, 43, 0.6), normals(3, 44, 0.2)];
    const dense = (name: string, units: number, activation: string, input?: number[]) => ({
      class_name: 'Dense',
      config: {
        name,
        trainable: true,
        dtype: 'float32',
        units,
        activation,
        use_bias: true,
        ...(input ? { batch_input_shape: input } : {}),
        kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
        kernel_regularizer: null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
      },
    });
    const modelTopology = {
      class_name: 'Sequential',
      config: {
        name: 'yolo_port',
        layers: [
          dense('d1', 6, 'linear', [null as unknown as number, 4]),
          { class_name: 'Mish', config: { name: 'mish', trainable: true, dtype: 'float32' } },
          dense('d2', 3, 'Addons>mish'),
        ],
      },
      keras_version: '2.11.0',
      backend: 'tensorflow',
    };
    const weights = [w1, b1, w2, b2];
    const weightData = new Float32Array(weights.reduce((n, w) => n + w.length, 0));
    let offset = 0;
    for (const w of weights) {
      weightData.set(w, offset);
      offset += w.length;
    }
    const weightSpecs = [
      { name: 'd1/kernel', shape: [4, 6], dtype: 'float32' as const },
      { name: 'd1/bias', shape: [6], dtype: 'float32' as const },
      { name: 'd2/kernel', shape: [6, 3], dtype: 'float32' as const },
      { name: 'd2/bias', shape: [3], dtype: 'float32' as const },
    ];
    const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData: weightData.buffer }));
    const xs = normals(16 * 4, 45, 1.5);
    const x = tf.tensor2d(xs, [16, 4]);
    const predicted = (await (model.predict(x) as tf.Tensor).data()) as Float32Array;
    // float64: mish(mish(x·W1 + b1)·W2 + b2).
    let predictError = 0;
    for (let row = 0; row < 16; row++) {
      const hidden = Array.from({ length: 6 }, (_, j) =>
        mishReference(
          Array.from({ length: 4 }, (_, i) => (xs[row * 4 + i] as number) * (w1[i * 6 + j] as number)).reduce((a, b) => a + b, 0) + (b1[j] as number),
        ),
      );
      for (let k = 0; k < 3; k++) {
        const expected = mishReference(hidden.reduce((sum, h, j) => sum + h * (w2[j * 3 + k] as number), 0) + (b2[k] as number));
        predictError = Math.max(predictError, Math.abs((predicted[row * 3 + k] as number) - expected) / Math.max(1, Math.abs(expected)));
      }
    }
    // data(), not dataSync(): after a dataSync() on TF.js 4.22's webgpu backend, the next mapAsync fails on SwiftShader.
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const y = tf.tensor2d(normals(16 * 3, 46, 1), [16, 3]);
    const lossBefore = (await (model.evaluate(x, y) as tf.Scalar).data())[0] as number;
    const info = await tf.profile(async () => {
      await model.trainOnBatch(x, y);
    });
    const lossAfter = (await (model.evaluate(x, y) as tf.Scalar).data())[0] as number;
    tf.dispose([x, y]);
    model.dispose();
    return { loaded: true, predictError, lossBefore, lossAfter, kernels: [...info.kernelNames] };
  }

  return { runLayersModel };
}
