/** What the model cases share: a graph model's output on the cases' input, and the difference of two outputs. */
import type * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { normals } from '../../../common/models/normals.js';

/** The model's output for the input of seed 21, on the current backend. */
export async function run(model: tfconv.GraphModel): Promise<Float32Array> {
  const x = tf.tensor4d(normals(12 * 12 * 4, 21, 2), [1, 12, 12, 4]);
  const y = model.execute(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

/** Largest |a − b| over the largest |b|. */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}
