/**
 * Runs in the page: second-order gradients of `mish` (tf.grad of its gradient), on the WebGPU backend, where
 * `MishGrad` has a gradient of its own, and on the composite's backends: v·mish''(x) against the float64 reference
 * (tolerances.ts, mishGrad2Bound), and mish'(x) again as the derivative in v.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spreadGradients, spreadInputs } from '../../support/inputs.js';
import { type BackendName, type TfjsLib, useBackend } from './backend.js';
import { type Check, compareMish, compareMishGrad2, newCheck } from './checks.js';
import { SPECIAL_INPUTS } from './op-cases.js';

export interface SecondOrder {
  backend: string;
  /** tf.grad(tf.grad(mish))(x): mish''(x). */
  grad2: Check;
  /** tf.grads((x, v) => tf.grad(mish)(x, v)): v·mish''(x) in x, and mish'(x) in v. */
  inX: Check;
  inV: Check;
  /** The kernels of tf.grad(tf.grad(mish)). */
  kernels: string[];
}

export function createSecondOrderCases(lib: TfjsLib) {
  async function secondOrder(name: BackendName, count: number): Promise<SecondOrder> {
    const backend = await useBackend(name);
    try {
      const xs = Float32Array.from([...SPECIAL_INPUTS, ...spreadInputs(count, 515)]);
      const vs = spreadGradients(xs.length, 91);
      const x = tf.tensor1d(xs);
      const v = tf.tensor1d(vs);
      const info = await tf.profile(() => tf.grad(tf.grad(lib.mish))(x));
      const kernels = [...info.kernelNames];
      const [inX, inV] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.grad(lib.mish)(a, b))([x, v]);
      const results = [info.result as tf.Tensor, inX as tf.Tensor, inV as tf.Tensor];
      const [d2, dx, dv] = await Promise.all(results.map((t) => t.data()));
      tf.dispose([x, v, ...results]);
      const checks = { grad2: newCheck(), inX: newCheck(), inV: newCheck() };
      const gpuExp = name === 'webgpu' || name === 'webgl';
      xs.forEach((value, i) => {
        compareMishGrad2(checks.grad2, value, 1, d2?.[i] as number, gpuExp);
        compareMishGrad2(checks.inX, value, vs[i] as number, dx?.[i] as number, gpuExp);
        compareMish(checks.inV, 'backward', value, 1, dv?.[i] as number);
      });
      return { backend, ...checks, kernels };
    } finally {
      await useBackend('webgpu');
    }
  }

  return { secondOrder };
}
