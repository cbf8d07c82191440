/**
 * The peer a web developer would pick today: TensorFlow.js on its WebGPU backend, on the same adapter and sizes.
 * TF.js has no Mish op, so Mish is mul(x, tanh(softplus(x))): three kernels and two intermediate tensors.
 * Timed with tf.time's kernelMs, which sums GPU timestamps of the kernels where the device allows it.
 *
 * Like the package's rows (pairs.ts), TF.js's programs are compiled on several devices: backend 0 is TF.js's own
 * `webgpu`, the others twins of it, made by its own factory (a new adapter and device each) and registered under
 * names of the bench's with `webgpu`'s kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type { Row } from './types.js';

export interface TfjsRows {
  /** The TF.js rows of backend `which` (0 to `backends` − 1) for one input array (uploaded once, untimed). */
  rows(xs: Float32Array, which?: number): Promise<Row[]>;
  /** How many backends there are. */
  readonly backends: number;
  /** Frees the current input tensors. */
  release(): void;
  dispose(): void;
  /** Which of tf.time's figures was used. */
  timer(): string;
}

/** TF.js's own backend, and its twins on other devices. */
const backendName = (which: number): string => (which === 0 ? 'webgpu' : `webgpu-mish-bench-${which}`);

/** Starts TF.js's WebGPU backend and `backends − 1` twins of it. */
export async function startTfjs(backends = 1): Promise<TfjsRows> {
  // Never run small ops on the CPU: every op here must be a WebGPU kernel.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  for (let which = 1; which < backends; which++) {
    const name = backendName(which);
    tf.registerBackend(name, tf.findBackendFactory('webgpu'));
    for (const kernel of tf.getKernelsForBackend('webgpu')) tf.registerKernel({ ...kernel, backendName: name });
  }
  for (let which = backends - 1; which >= 0; which--) {
    if (!(await tf.setBackend(backendName(which)))) throw new Error('TensorFlow.js could not start its WebGPU backend');
  }
  await tf.ready();
  const inputs = new Map<number, tf.Tensor1D>();
  let timerUsed = 'tf.time kernelMs';

  const time = async (which: number, calls: number, op: (x: tf.Tensor1D) => tf.Tensor): Promise<number> => {
    const x = inputs.get(which);
    if (x === undefined) throw new Error('TF.js rows used before rows()');
    await tf.setBackend(backendName(which));
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
    for (const x of inputs.values()) x.dispose();
    inputs.clear();
  };
  return {
    backends,
    async rows(xs, which = 0) {
      inputs.get(which)?.dispose();
      // Made on the backend that times it: a tensor of another backend would be copied over inside the timing.
      await tf.setBackend(backendName(which));
      inputs.set(which, tf.tensor1d(xs));
      return [
        { kernel: 'tfjs-mish', pass: 'forward', time: (calls) => time(which, calls, (x) => tf.mul(x, tf.tanh(tf.softplus(x)))) },
        { kernel: 'tfjs-relu', pass: 'forward', time: (calls) => time(which, calls, (x) => tf.relu(x)) },
      ];
    },
    release,
    dispose() {
      release();
      tf.disposeVariables();
      for (let which = 1; which < backends; which++) tf.removeBackend(backendName(which));
    },
    timer: () => timerUsed,
  };
}
