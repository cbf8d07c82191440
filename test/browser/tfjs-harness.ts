/**
 * Runs in the page: the `webgpu-mish/tfjs` entry (the built dist/tfjs.js) inside TensorFlow.js's real WebGPU
 * backend, on the suite's adapter. Each check returns a small JSON summary for the Node side to assert on.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type * as TfjsEntry from '../../src/tfjs.js';
import { mish as mishReference, mishGrad } from '../../src/reference.js';
import { bitsOf, fromBits, ulpOf } from '../support/f32.js';
import { spreadGradients, spreadInputs } from '../support/inputs.js';
import { promisedMishBound } from '../support/tolerances.js';

export type TfjsLib = typeof TfjsEntry;

/** Failures listed in a report. */
const REPORTED = 8;

export interface Check {
  checked: number;
  failures: number;
  report: string;
  /** Worst error in ulps of the expected value (forward) or beyond the absolute term (backward). */
  worstUlp: number;
  worstAt: number;
}

function newCheck(): Check {
  return { checked: 0, failures: 0, report: '', worstUlp: 0, worstAt: 0 };
}

function fail(check: Check, line: string): void {
  check.failures++;
  if (check.failures <= REPORTED) check.report += `${line}\n`;
}

const NAN_BITS = [0x7fc00000, 0x7f800001, 0xffc00000];
/** Inputs whose results are defined exactly (the special values of the core kernels), first in every run. */
const SPECIAL_INPUTS = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, ...NAN_BITS.map(fromBits)];

/**
 * The defined result for a special input, or undefined: mish(NaN) = NaN, mish(+∞) = +∞, mish(−∞) = −0,
 * mish(±0) = ±0; mish'(NaN) = NaN, mish'(+∞) = 1, mish'(−∞) = 0 (times dy).
 */
function specialResult(pass: 'forward' | 'backward', x: number, dy: number): number | undefined {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return pass === 'forward' ? x : dy * 1;
  if (x === Number.NEGATIVE_INFINITY) return pass === 'forward' ? -0 : dy * 0;
  if (x === 0 && pass === 'forward') return x;
  return undefined;
}

/** got against the promised bound, or a special value exactly (NaN: any NaN; zeros: with their sign). */
function compare(check: Check, pass: 'forward' | 'backward', x: number, dy: number, got: number): void {
  check.checked++;
  const describe = `x=${x} (0x${bitsOf(x).toString(16)}) dy=${dy} | got ${Object.is(got, -0) ? '-0' : got}`;
  const special = specialResult(pass, x, dy);
  if (special !== undefined) {
    if (!(Number.isNaN(special) ? Number.isNaN(got) : Object.is(got, special))) {
      fail(check, `${describe} | expected ${Object.is(special, -0) ? '-0' : special}`);
    }
    return;
  }
  const expected = pass === 'forward' ? mishReference(x) : dy * mishGrad(x);
  const { bound, orSignedZero } = promisedMishBound(pass, x, dy);
  if (orSignedZero && Object.is(got, x < 0 ? -0 : 0)) return;
  const error = Math.abs(got - expected);
  const unit = ulpOf(expected);
  const beyond = pass === 'forward' ? error / unit : Math.max(0, error - Math.abs(dy) * 2 ** -22) / unit;
  if (beyond > check.worstUlp && dy === 1) Object.assign(check, { worstUlp: beyond, worstAt: x });
  if (!(error <= bound)) {
    fail(check, `${describe} | expected ${expected} | error ${(error / unit).toPrecision(4)} ulp, allowed ${(bound / unit).toPrecision(4)}`);
  }
}

/** A chain of `length` cheap element-wise ops (alternately ×k and +c), in f32 and simulated exactly in float64. */
function chainOps(length: number, seed: number): { run: (t: tf.Tensor) => tf.Tensor; simulate: (v: number) => number } {
  const steps = Array.from({ length }, (_, i) => ({ multiply: i % 2 === 0, by: Math.fround(i % 2 === 0 ? 1 + ((seed + i) % 7) / 32 : ((seed * 3 + i) % 5) / 8 - 0.25) }));
  return {
    run: (t) => steps.reduce((acc, s) => (s.multiply ? tf.mul(acc, s.by) : tf.add(acc, s.by)), t),
    // + and × are correctly rounded in WGSL: rounding each float64 step to f32 reproduces the GPU exactly.
    simulate: (v) => steps.reduce((acc, s) => Math.fround(s.multiply ? acc * s.by : acc + s.by), v),
  };
}

export function createTfjsHarness(lib: TfjsLib) {
  async function useBackend(name: 'webgpu' | 'cpu'): Promise<string> {
    if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
    await tf.ready();
    // Never hand small ops to the CPU: every op here must run on the backend under test.
    tf.env().set('WEBGPU_CPU_FORWARD', false);
    return tf.getBackend();
  }

  /** mish and tf.grad(mish) on spread bit patterns, edge and special values, against the float64 reference. */
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
    x.dispose();
    dy.dispose();
    const forward = newCheck();
    const gradient = newCheck();
    const gradientDy = newCheck();
    xs.forEach((value, i) => {
      compare(forward, 'forward', value, 1, ys?.[i] as number);
      compare(gradient, 'backward', value, 1, gs?.[i] as number);
      compare(gradientDy, 'backward', value, dys[i] as number, gdys?.[i] as number);
    });
    return { forward, gradient, gradientDy };
  }

  /** The kernels TF.js ran for the op, its gradient, and a layers model's predict and fit. */
  async function profiles(): Promise<Record<'forward' | 'gradient' | 'predict' | 'fit', string[]>> {
    const x = tf.randomNormal([64, 8], 0, 2, 'float32', 1);
    const y = tf.randomNormal([64, 1], 0, 1, 'float32', 2);
    const names = async (run: () => tf.TensorContainer | Promise<unknown>): Promise<string[]> => {
      const info = await tf.profile(run as () => tf.TensorContainer);
      tf.dispose(info.result);
      return info.kernelNames;
    };
    const forward = await names(() => lib.mish(x));
    const gradient = await names(() => tf.grad(lib.mish)(x));
    lib.registerMish();
    const model = regressionModel();
    const predict = await names(() => model.predict(x) as tf.Tensor);
    const fit = await names(async () => {
      await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    });
    model.dispose();
    tf.dispose([x, y]);
    return { forward, gradient, predict, fit };
  }

  /** tfjs-layers' own 'mish' (before registerMish in this page): what the fused op replaces. */
  async function builtinPredictKernels(): Promise<string[]> {
    const model = regressionModel();
    const x = tf.ones([4, 8]);
    const info = await tf.profile(() => model.predict(x) as tf.Tensor);
    tf.dispose([info.result as tf.Tensor, x]);
    model.dispose();
    return info.kernelNames;
  }

  function regressionModel(seed = 7): tfl.Sequential {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 16, inputShape: [8], activation: 'mish', kernelInitializer: tfl.initializers.glorotNormal({ seed }) }),
        tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotNormal({ seed: seed + 1 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    return model;
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
    await tf.nextFrame();
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
        // mish's 4 ulp, carried through the later ×k and +c: far below this, far above what a stale input gives.
        if (!(Math.abs(value - expected) <= 1e-5 * (Math.abs(expected) + 1))) fail(check, `x=${x} | got ${value} | expected ${expected}`);
      });
    } finally {
      tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', previous);
    }
    return check;
  }

  /**
   * A Dense layer with activation 'mish' after registerMish: predict against mish(xW + b) from its weights in
   * float64, within the promised bound plus what the matmul's f32 rounding can move the pre-activation.
   */
  async function layerPredict(): Promise<Check> {
    lib.registerMish();
    lib.registerMish(); // idempotent
    const model = regressionModel(11);
    const dense = model.layers[0] as tfl.layers.Layer;
    const [w, b] = await Promise.all(dense.getWeights().map((t) => t.data()));
    const inputs = 8;
    const units = 16;
    const rows = 32;
    const xs = Float32Array.from(spreadInputs(rows * inputs, 9), (v) => (Number.isFinite(v) && Math.abs(v) < 8 ? v : (v % 8) || 0.5));
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
        const bound = promisedMishBound('forward', z, 1).bound + Math.abs(mishGrad(z)) * 1.2 * (inputs + 2) * 2 ** -24 * magnitude;
        if (!(Math.abs(value - expected) <= bound)) fail(check, `row ${r} unit ${u} | z=${z} | got ${value} | expected ${expected}`);
      }
    }
    return check;
  }

  /**
   * One SGD step of the same model on the WebGPU backend (fused kernels) and on the cpu backend (the composite and
   * eq. (2)) from the same weights and data: the weight updates must agree, so the fused gradient is wired right.
   */
  async function trainStepAgreement(): Promise<{ checked: number; failures: number; report: string; lossBefore: number; lossAfter: number }> {
    lib.registerMish();
    const xs = tf.randomNormal([64, 8], 0, 1.5, 'float32', 21);
    const ys = tf.randomNormal([64, 1], 0, 1, 'float32', 22);
    const xData = await xs.data();
    const yData = await ys.data();
    tf.dispose([xs, ys]);
    const step = async (backend: 'webgpu' | 'cpu', initial: Float32Array[] | null) => {
      await useBackend(backend);
      const model = regressionModel(5);
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      if (initial) model.setWeights(initial.map((values, i) => tf.tensor(values, model.getWeights()[i]?.shape)));
      const weights = async (): Promise<Float32Array[]> => Promise.all(model.getWeights().map(async (t) => Float32Array.from(await t.data())));
      const start = await weights();
      const x = tf.tensor2d(xData, [64, 8]);
      const y = tf.tensor2d(yData, [64, 1]);
      const loss = async (): Promise<number> => {
        const value = model.evaluate(x, y) as tf.Scalar;
        const [result] = await value.data();
        value.dispose();
        return result as number;
      };
      const lossBefore = await loss();
      await model.trainOnBatch(x, y);
      const lossAfter = await loss();
      const end = await weights();
      model.dispose();
      tf.dispose([x, y]);
      return { start, end, lossBefore, lossAfter };
    };
    const gpu = await step('webgpu', null);
    const cpu = await step('cpu', gpu.start);
    await useBackend('webgpu');
    const check = { checked: 0, failures: 0, report: '', lossBefore: gpu.lossBefore, lossAfter: gpu.lossAfter };
    gpu.start.forEach((start, k) => {
      start.forEach((w0, i) => {
        check.checked++;
        const gpuUpdate = (gpu.end[k]?.[i] as number) - w0;
        const cpuUpdate = (cpu.end[k]?.[i] as number) - w0;
        if (!(Math.abs(gpuUpdate - cpuUpdate) <= 1e-3 * Math.abs(cpuUpdate) + 1e-6)) {
          check.failures++;
          if (check.failures <= REPORTED) check.report += `weight ${k}[${i}]: update ${gpuUpdate} (webgpu) vs ${cpuUpdate} (cpu)\n`;
        }
      });
    });
    return check;
  }

  /** Fits a small regression with the fused activation; the loss before and after. */
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
    const info = await tf.profile(() => loaded.predict(x) as tf.Tensor);
    tf.dispose([info.result as tf.Tensor, x]);
    const config = loaded.layers[0]?.getConfig() ?? {};
    loaded.dispose();
    return { activation: String(config.activation), kernels: info.kernelNames };
  }

  /**
   * The composite on the cpu backend: forward bit for bit TF.js's own x·tanh(softplus(x)) (the layers' formula; −0
   * at −∞ instead of NaN), the eq. (2) gradient within the package's backward bound, and the kernels that ran.
   */
  async function composite(count: number): Promise<{
    backend: string;
    forwardDiffers: number;
    forwardReport: string;
    forwardWorstUlp: number;
    gradient: Check;
    kernels: string[];
    gradientKernels: string[];
  }> {
    const backend = await useBackend('cpu');
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
      const gradient = newCheck();
      xs.forEach((value, i) => {
        const got = ys[i] as number;
        const expected = value === Number.NEGATIVE_INFINITY ? -0 : (builtin[i] as number);
        const same = Number.isNaN(expected) ? Number.isNaN(got) : Object.is(got, expected);
        if (!same && ++forwardDiffers <= REPORTED) forwardReport += `x=${value} | got ${got} | TF.js composite ${expected}\n`;
        if (Number.isFinite(value) && Math.abs(value) <= 80 && value !== 0) {
          forwardWorstUlp = Math.max(forwardWorstUlp, Math.abs(got - mishReference(value)) / ulpOf(mishReference(value)));
        }
        compare(gradient, 'backward', value, 1, gs[i] as number);
      });
      return { backend, forwardDiffers, forwardReport, forwardWorstUlp, gradient, kernels, gradientKernels };
    } finally {
      await useBackend('webgpu');
    }
  }

  /** TF.js conventions: int32 and bool cast to float32, arrays accepted, clear errors. */
  async function conventions(): Promise<{ int32: { dtype: string; values: number[] }; bool: number[]; array: number[]; errors: string[] }> {
    const xi = tf.tensor1d([-3, -1, 0, 2], 'int32');
    const yi = lib.mish(xi);
    const yb = lib.mish(tf.tensor1d([true, false], 'bool'));
    const ya = lib.mish([[1, -1]]);
    const result = {
      int32: { dtype: yi.dtype, values: Array.from(await yi.data()) },
      bool: Array.from(await yb.data()),
      array: Array.from(await ya.data()),
      errors: [] as string[],
    };
    tf.dispose([xi, yi, yb, ya]);
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

  return {
    useBackend,
    parity,
    profiles,
    builtinPredictKernels,
    memory,
    chain,
    layerPredict,
    trainStepAgreement,
    fitLoss,
    loadedModelKernels,
    composite,
    conventions,
  };
}

export type TfjsHarness = ReturnType<typeof createTfjsHarness>;
