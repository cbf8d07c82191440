/**
 * Runs in the page: `mish` of webgpu-mish/tfjs as an op on TF.js's WebGPU backend: its values and gradient against
 * the package's bounds, the kernels it runs, the tensors it leaves, its ordering among TF.js's batched dispatches,
 * and TF.js's conventions.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fromBits } from '../../../common/f32.js';
import { mish as mishReference } from '../../../src/index.js';
import { spreadGradients, spreadInputs } from '../../support/inputs.js';
import { CHAIN_RELATIVE } from '../../support/tolerances.js';
import type { TfjsLib } from './backend.js';
import { type Check, compareMish, fail, newCheck } from './checks.js';

/** Inputs whose results are defined exactly: ±∞, ±0 and NaNs with several payloads, first in every run. */
export const SPECIAL_INPUTS = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, ...[0x7fc00000, 0x7f800001, 0xffc00000].map(fromBits)];

/** A chain of `length` cheap element-wise ops (alternately ×k and +c), in f32 and simulated exactly in float64. */
function chainOps(length: number, seed: number): { run: (t: tf.Tensor) => tf.Tensor; simulate: (v: number) => number } {
  const steps = Array.from({ length }, (_, i) => ({
    multiply: i % 2 === 0,
    by: Math.fround(i % 2 === 0 ? 1 + ((seed + i) % 7) / 32 : ((seed * 3 + i) % 5) / 8 - 0.25),
  }));
  return {
    run: (t) => steps.reduce((acc, s) => (s.multiply ? tf.mul(acc, s.by) : tf.add(acc, s.by)), t),
    // + and × are correctly rounded in WGSL: rounding each float64 step to f32 reproduces the GPU exactly.
    simulate: (v) => steps.reduce((acc, s) => Math.fround(s.multiply ? acc * s.by : acc + s.by), v),
  };
}

export function createOpCases(lib: TfjsLib) {
  /** mish and tf.grad(mish) (dy = 1, and spread dy) on special values, edges and spread bit patterns. */
  async function parity(count: number): Promise<{ forward: Check; gradient: Check; gradientDy: Check }> {
    const xs = Float32Array.from([...SPECIAL_INPUTS, ...spreadInputs(count, 4242)]);
    const dys = spreadGradients(xs.length, 77);
    const x = tf.tensor1d(xs);
    const dy = tf.tensor1d(dys);
    const [ys, gs, gdys] = await Promise.all(
      [lib.mish(x), tf.grad(lib.mish)(x), tf.grad(lib.mish)(x, dy)].map(async (t) => {
        const values = await t.data();
        t.dispose();
        return values;
      }),
    );
    tf.dispose([x, dy]);
    const [forward, gradient, gradientDy] = [newCheck(), newCheck(), newCheck()];
    xs.forEach((value, i) => {
      compareMish(forward, 'forward', value, 1, ys?.[i] as number);
      compareMish(gradient, 'backward', value, 1, gs?.[i] as number);
      compareMish(gradientDy, 'backward', value, dys[i] as number, gdys?.[i] as number);
    });
    return { forward, gradient, gradientDy };
  }

  /** The kernels TF.js runs for the op and for its gradient. */
  async function opProfiles(): Promise<{ forward: string[]; gradient: string[] }> {
    const x = tf.randomNormal([64, 8], 0, 2, 'float32', 1);
    // tf.profile returns the same object every time: take each list before the next profile.
    const names = async (run: () => tf.Tensor): Promise<string[]> => {
      const info = await tf.profile(run);
      tf.dispose(info.result as tf.Tensor);
      return [...info.kernelNames];
    };
    const forward = await names(() => lib.mish(x));
    const gradient = await names(() => tf.grad(lib.mish)(x));
    x.dispose();
    return { forward, gradient };
  }

  /** Tensors alive before and after `calls` calls of mish and its gradient, in tf.tidy and disposed by hand. */
  async function memory(calls: number): Promise<{ before: number; afterTidy: number; afterDispose: number }> {
    const x = tf.tensor1d(spreadInputs(1000, 3));
    const xi = tf.tensor1d([-3, -1, 0, 2, 5], 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < calls; i++) {
      tf.tidy(() => {
        lib.mish(x);
        lib.mish(xi);
        tf.grad(lib.mish)(x);
        lib.mish([1, 2, 3]);
      });
    }
    const afterTidy = tf.memory().numTensors;
    for (let i = 0; i < calls; i++) {
      lib.mish(x).dispose();
      lib.mish(xi).dispose();
      tf.grad(lib.mish)(x).dispose();
    }
    const afterDispose = tf.memory().numTensors;
    tf.dispose([x, xi]);
    return { before, afterTidy, afterDispose };
  }

  /**
   * `before` TF.js ops, mish, then `after` ops, with the backend submitting every `batch` dispatches; every element
   * against the same chain simulated in f32 with the float64 reference for mish.
   */
  async function chain(before: number, after: number, batch: number): Promise<Check> {
    const previous = tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE');
    tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', batch);
    const xs = Float32Array.from({ length: 4099 }, (_, i) => Math.fround(((i * 37) % 4099) / 256 - 8));
    const pre = chainOps(before, 1);
    const post = chainOps(after, 2);
    const check = newCheck();
    try {
      const y = tf.tidy(() => post.run(lib.mish(pre.run(tf.tensor1d(xs)))));
      const got = await y.data();
      y.dispose();
      xs.forEach((x, i) => {
        check.checked++;
        const expected = post.simulate(mishReference(pre.simulate(x)));
        const value = got[i] as number;
        if (!(Math.abs(value - expected) <= CHAIN_RELATIVE * (Math.abs(expected) + 1))) fail(check, `x=${x} | got ${value} | expected ${expected}`);
      });
    } finally {
      tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', previous);
    }
    return check;
  }

  /** TF.js conventions: int32 and bool cast to float32, arrays accepted, clear errors. */
  async function conventions(): Promise<{ int32: { dtype: string; values: number[] }; bool: number[]; array: number[]; errors: string[] }> {
    const xi = tf.tensor1d([-3, -1, 0, 2], 'int32');
    const yi = lib.mish(xi);
    const xb = tf.tensor1d([true, false], 'bool');
    const yb = lib.mish(xb);
    const ya = lib.mish([[1, -1]]);
    const result = {
      int32: { dtype: yi.dtype, values: Array.from(await yi.data()) },
      bool: Array.from(await yb.data()),
      array: Array.from(await ya.data()),
      errors: [] as string[],
    };
    tf.dispose([xi, yi, xb, yb, ya]);
    const bad: unknown[] = [tf.tensor1d(['a'], 'string'), tf.complex([1], [2]), { values: [1] }, undefined];
    for (const value of bad) {
      try {
        lib.mish(value as tf.Tensor);
        result.errors.push('no error');
      } catch (error) {
        result.errors.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
      if (value instanceof tf.Tensor) value.dispose();
    }
    return result;
  }

  return { parity, opProfiles, memory, chain, conventions };
}
