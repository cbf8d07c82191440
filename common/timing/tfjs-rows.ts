/**
 * The peer a web developer would pick today: TensorFlow.js on its WebGPU backend, on the same adapter and sizes.
 * TF.js has no Mish op, so Mish is mul(x, tanh(softplus(x))): three kernels and two intermediate tensors.
 * Timed with tf.time's kernelMs, which sums GPU timestamps of the kernels where the device allows it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type { Row } from './types.js';

export interface TfjsRows {
  /** The TF.js rows for one input array (uploaded once, outside any timed region). */
  rows(xs: Float32Array): Row[];
  /** Frees the current input tensor. */
  release(): void;
  dispose(): void;
  /** Which of tf.time's figures was used. */
  timer(): string;
}

export async function startTfjs(): Promise<TfjsRows> {
  // Never run small ops on the CPU: every op here must be a WebGPU kernel.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  if (!(await tf.setBackend('webgpu'))) throw new Error('TensorFlow.js could not start its WebGPU backend');
  await tf.ready();
  let input: tf.Tensor1D | null = null;
  let timerUsed = 'tf.time kernelMs';

  const time = async (calls: number, op: (x: tf.Tensor1D) => tf.Tensor): Promise<number> => {
    const x = input;
    if (x === null) throw new Error('TF.js rows used before rows()');
    const info = await tf.time(() => {
      tf.tidy(() => {
        for (let i = 0; i < calls; i++) op(x);
      });
    });
    if (typeof info.kernelMs === 'number') return info.kernelMs / calls;
    timerUsed = 'tf.time wallMs (kernel timestamps unavailable)';
    return info.wallMs / calls;
  };

  const release = (): void => {
    input?.dispose();
    input = null;
  };
  return {
    rows(xs) {
      input?.dispose();
      input = tf.tensor1d(xs);
      return [
        { kernel: 'tfjs-mish', pass: 'forward', time: (calls) => time(calls, (x) => tf.mul(x, tf.tanh(tf.softplus(x)))) },
        { kernel: 'tfjs-relu', pass: 'forward', time: (calls) => time(calls, (x) => tf.relu(x)) },
      ];
    },
    release,
    dispose() {
      release();
      tf.disposeVariables();
    },
    timer: () => timerUsed,
  };
}
