/**
 * Runs in the page: the composite that `mish` falls back to on other backends, on TF.js's cpu, webgl and wasm
 * backends: forward bit for bit TF.js's own x·tanh(softplus(x)) (the layers' formula; −0 at −∞ instead of NaN),
 * the eq. (2) gradient within the package's backward bound, and the kernels that ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ulpOf } from '../../../common/f32.js';
import { mish as mishReference } from '../../../src/index.js';
import { spreadInputs } from '../../support/inputs.js';
import { type BackendName, type TfjsLib, useBackend } from './backend.js';
import { type Check, compareMish, newCheck } from './checks.js';
import { SPECIAL_INPUTS } from './op-cases.js';

export function createCompositeCases(lib: TfjsLib) {
  /** The composite on the backend `name`; the page is back on WebGPU afterwards. */
  async function composite(
    name: Exclude<BackendName, 'webgpu'>,
    count: number,
  ): Promise<{
    backend: string;
    forwardDiffers: number;
    forwardReport: string;
    forwardWorstUlp: number;
    forwardWorstAt: number;
    forwardWorstAbsolute: number;
    gradient: Check;
    kernels: string[];
    gradientKernels: string[];
  }> {
    const backend = await useBackend(name);
    try {
      const xs = Float32Array.from([...SPECIAL_INPUTS, ...spreadInputs(count, 99)]);
      const x = tf.tensor1d(xs);
      // tf.profile returns the same object every time: read each result before the next profile.
      const run = async (f: () => tf.Tensor): Promise<{ values: Float32Array; kernels: string[] }> => {
        const info = await tf.profile(f);
        const result = info.result as tf.Tensor;
        const values = (await result.data()) as Float32Array;
        result.dispose();
        return { values, kernels: info.kernelNames };
      };
      const { values: ys, kernels } = await run(() => lib.mish(x));
      const { values: gs, kernels: gradientKernels } = await run(() => tf.grad(lib.mish)(x));
      const { values: builtin } = await run(() => tf.mul(x, tf.tanh(tf.softplus(x))));
      x.dispose();
      let forwardDiffers = 0;
      let forwardReport = '';
      let forwardWorstUlp = 0;
      let forwardWorstAt = 0;
      let forwardWorstAbsolute = 0;
      const gradient = newCheck();
      xs.forEach((value, i) => {
        const got = ys[i] as number;
        const expected = value === Number.NEGATIVE_INFINITY ? -0 : (builtin[i] as number);
        const same = Number.isNaN(expected) ? Number.isNaN(got) : Object.is(got, expected);
        if (!same && ++forwardDiffers <= 8) forwardReport += `x=${value} | got ${got} | TF.js composite ${expected}\n`;
        if (Number.isFinite(value) && Math.abs(value) <= 80 && value !== 0) {
          const error = Math.abs(got - mishReference(value));
          forwardWorstAbsolute = Math.max(forwardWorstAbsolute, error);
          const ulps = error / ulpOf(mishReference(value));
          if (ulps > forwardWorstUlp) [forwardWorstUlp, forwardWorstAt] = [ulps, value];
        }
        compareMish(gradient, 'backward', value, 1, gs[i] as number);
      });
      return { backend, forwardDiffers, forwardReport, forwardWorstUlp, forwardWorstAt, forwardWorstAbsolute, gradient, kernels, gradientKernels };
    } finally {
      await useBackend('webgpu');
    }
  }

  return { composite };
}
