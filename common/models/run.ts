/**
 * `npm run bench -- --model` and the demo's "Mish in YOLOv4's backbone": converted graph models on TF.js's WebGPU
 * backend, each in several forms loaded side by side, timed in interleaved rounds (each round starting one form
 * later, so that every form shares the machine's drift). Runs in a browser.
 *
 *   cspdarknet53   the converter's form (Softplus → Tanh → Mul after every convolution), fuseMishInGraph with
 *                  `convolutions: false` (one Mish op each), with `residualAdds: false` (Mish in the convolutions'
 *                  epilogue), fuseMishInGraph (the residual blocks' adds in the epilogue too), and the floor (the same
 *                  convolutions, no activation)
 *   yolov4         the whole detector (yolov4.ts) in the same forms, and with `ort`, the same network and weights as an
 *                  ONNX model on ONNX Runtime Web's WebGPU execution provider, on TF.js's device
 *   mish-chain     four Mish in a row on [1, 64, 64, 64] in each composite form, and the same rewritten
 *
 * Per form: wall time of a forward (model.execute() to the outputs read back), GPU time (tf.time's kernelMs, where
 * the adapter has timestamp queries), GPU dispatches, JavaScript time inside execute(), the activation's bytes moved
 * and the outputs' difference from the baseline form's.
 *
 * The forwards submit their GPU work once, when execute() has recorded it all (TF.js's
 * WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE raised from 15 for the run): execute()'s JavaScript time is then measured without
 * the GPU working beside it, which on a software adapter runs on the same CPU and would bill its work to whichever
 * form records longest.
 *
 * Firefox delivers GPU completions (mapAsync, onSubmittedWorkDone) only when it polls its devices, on a 100 ms timer
 * (POLL_TIME_MS in its WebGPUParent.cpp; Mozilla bug 1870699) or after a submit: a forward's read-back would end on
 * the next tick of that timer, and every form of the chain read 99–100 ms. While a forward's outputs are awaited, an
 * empty command buffer is submitted every millisecond (every browser, alike), so the wall time ends when the work does.
 */
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-webgpu';
import { describeAdapter } from '../adapter.js';
import { median, quantile } from '../timing/stats.js';
import { fuseMishInGraph, registerMishOps } from '../../src/tfjs.js';
import { type Backbone, cspDarknet53 } from './cspdarknet53.js';
import { countDispatches } from './dispatches.js';
import { type ActivationKind, activationBytes } from './forms.js';
import type { MishForm } from './graph-builder.js';
import { CHAIN_SHAPE, mishChain } from './mish-chain.js';
import { normals } from './normals.js';
import { type OrtDetector, startOrtDetector } from './ort-detector.js';
import type { ModelBenchOptions, ModelFormResult, ModelName, ModelReport, NetworkCounts, NetworkName } from './types.js';
import { yolov4 } from './yolov4.js';

/** GPU-timed forwards per form by default (tf.time adds its queries: kept apart from the wall-time forwards). */
const GPU_REPS = 3;
/** Dispatches TF.js records before it submits: all of a forward's. */
const SUBMIT_ONCE = Number.MAX_SAFE_INTEGER;

interface Form {
  name: string;
  /** The graph model's artifacts; null for ONNX Runtime's form, which runs its own model. */
  artifacts: tf.io.ModelArtifacts | null;
  activation: ActivationKind;
  mishElements: number;
  residualElements: number;
}

/** One forward of a loaded form: JS time in execute() (null where not TF.js's), wall time, the outputs' values. */
type Forward = () => Promise<{ executeMs: number | null; wallMs: number; outputs: Float32Array[] }>;

interface LoadedForm extends Form {
  forward: Forward;
  /** GPU time of a forward, or null (no timestamps, or not a TF.js model). */
  gpuTime(): Promise<number | null>;
  dispose(): void;
  outputs: Float32Array[];
  dispatches: number;
  timesMs: number[];
  executeMs: number[];
  gpuMs: number[];
}

const BUILDERS: Record<NetworkName, (size: number, form: MishForm | null, options: { widthDivisor: number }) => Backbone> = {
  cspdarknet53: cspDarknet53,
  yolov4,
};

/** A network's forms, the converter's first, and its counts. */
function networkForms(model: NetworkName, size: number, widthDivisor: number, ort: boolean): { forms: Form[]; counts: NetworkCounts } {
  const converter = BUILDERS[model](size, 'softplus', { widthDivisor });
  const floor = BUILDERS[model](size, null, { widthDivisor });
  const { convolutions, residualAdds, concatenations, mishElements, mishLayers, residualElements } = converter;
  const rewritten = (convolutions: boolean, residualAdds: boolean) => fuseMishInGraph(converter.artifacts, { convolutions, residualAdds }).artifacts;
  const form = (name: string, artifacts: tf.io.ModelArtifacts | null, activation: ActivationKind, mish = mishElements): Form => ({
    name,
    artifacts,
    activation,
    mishElements: mish,
    residualElements,
  });
  const forms: Form[] = [
    form('converter', converter.artifacts, { composite: 'softplus' }),
    form('mish-op', rewritten(false, false), 'mish-op'),
    form('epilogue', rewritten(true, false), 'epilogue'),
    form('residual', rewritten(true, true), 'residual'),
    form('floor', floor.artifacts, 'none', 0),
  ];
  if (ort && model === 'yolov4') forms.push(form('onnxruntime-web', null, 'onnxruntime'));
  return { forms, counts: { convolutions, residualAdds, concatenations, mishElements, mishLayers, residualElements } };
}

/** The model's forms, the baseline first, and for a network its counts. */
function formsOf(model: ModelName, size: number, widthDivisor: number, ort: boolean): { forms: Form[]; counts: NetworkCounts | null } {
  if (model !== 'mish-chain') return networkForms(model, size, widthDivisor, ort);
  const forms = (['softplus', 'log1p', 'log-add'] as const).flatMap((composite: Exclude<MishForm, 'addons'>): Form[] => {
    const chain = mishChain(composite);
    return [
      { name: composite, artifacts: chain.artifacts, activation: { composite }, mishElements: chain.mishElements, residualElements: 0 },
      {
        name: `${composite} rewritten`,
        artifacts: fuseMishInGraph(chain.artifacts).artifacts,
        activation: 'mish-op',
        mishElements: chain.mishElements,
        residualElements: 0,
      },
    ];
  });
  return { forms, counts: null };
}

/** Milliseconds between the empty submits that make a browser poll its device while a read-back is awaited. */
const POLL_INTERVAL_MS = 1;

/** Awaits `work` while submitting an empty command buffer every POLL_INTERVAL_MS (see above: Firefox's poll). */
async function whilePolling<T>(work: Promise<T>): Promise<T> {
  const { queue } = (tf.backend() as WebGPUBackend).device;
  const poll = setInterval(() => queue.submit([]), POLL_INTERVAL_MS);
  try {
    return await work;
  } finally {
    clearInterval(poll);
  }
}

/** One forward: JS time in execute() and wall time to the outputs read back; the outputs' values. */
async function forward(model: tfconv.GraphModel, x: tf.Tensor): Promise<{ executeMs: number; wallMs: number; outputs: Float32Array[] }> {
  const started = performance.now();
  const result = model.execute(x);
  const executeMs = performance.now() - started;
  const tensors = Array.isArray(result) ? result : [result as tf.Tensor];
  const outputs = await whilePolling(Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>)));
  const wallMs = performance.now() - started;
  tf.dispose(tensors);
  return { executeMs, wallMs, outputs };
}

/** A TF.js form, loaded: its forward, its GPU time. */
async function loadGraphForm(form: Form, x: tf.Tensor): Promise<Pick<LoadedForm, 'forward' | 'gpuTime' | 'dispose'>> {
  const graph = await tfconv.loadGraphModel(tf.io.fromMemory(form.artifacts as tf.io.ModelArtifacts));
  return { forward: () => forward(graph, x), gpuTime: () => gpuTime(graph, x), dispose: () => graph.dispose() };
}

/** ONNX Runtime's form, loaded: its forward on the same input (NCHW), its outputs as NHWC. */
function ortForm(detector: OrtDetector): Pick<LoadedForm, 'forward' | 'gpuTime' | 'dispose'> {
  return {
    forward: async () => {
      const started = performance.now();
      const outputs = await whilePolling(detector.run());
      return { executeMs: null, wallMs: performance.now() - started, outputs };
    },
    gpuTime: async () => null,
    dispose: () => void detector.release(),
  };
}

function maxDifference(outputs: Float32Array[], baseline: Float32Array[]): number {
  let diff = 0;
  let scale = 0;
  baseline.forEach((b, k) => {
    const a = outputs[k] as Float32Array;
    for (let i = 0; i < b.length; i++) {
      diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
      scale = Math.max(scale, Math.abs(b[i] as number));
    }
  });
  return diff / scale;
}

async function gpuTime(model: tfconv.GraphModel, x: tf.Tensor): Promise<number | null> {
  const info = await tf.time(() => {
    tf.tidy(() => {
      model.execute(x);
    });
  });
  return typeof info.kernelMs === 'number' ? info.kernelMs : null;
}

/** Times the forms of each model in `options.models`. */
export async function runModelBench(options: ModelBenchOptions): Promise<ModelReport> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU is not available in this browser, or it offered no adapter');
  if (!(await tf.setBackend('webgpu'))) throw new Error('TensorFlow.js could not start its WebGPU backend');
  await tf.ready();
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  registerMishOps();
  const submitBatch = tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE');
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', SUBMIT_ONCE);
  try {
    return await timeModels(options, adapter);
  } finally {
    tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', submitBatch);
  }
}

async function timeModels(options: ModelBenchOptions, adapter: GPUAdapter): Promise<ModelReport> {
  const widthDivisor = options.widthDivisor ?? 1;
  const gpuReps = options.gpuReps ?? GPU_REPS;
  const perModel = options.models.map((model) => ({ model, ...formsOf(model, options.size, widthDivisor, options.ort === true) }));
  // Per form: a warm-up forward (compiles, uploads the weights), a counted one, the timed ones, the GPU-timed ones.
  const total = perModel.reduce((n, m) => n + m.forms.length * (2 + options.reps + gpuReps), 0);
  let done = 0;
  const step = (label: string) => options.onProgress?.({ done: done++, total, label });
  const results: ModelFormResult[] = [];
  const networks: ModelReport['networks'] = {};

  for (const { model, forms, counts } of perModel) {
    if (counts !== null && model !== 'mish-chain') networks[model] = counts;
    const shape = model === 'mish-chain' ? CHAIN_SHAPE : [1, options.size, options.size, 3];
    const values = normals(
      shape.reduce((a, b) => a * b, 1),
      7,
      1,
    );
    const x = tf.tensor(values, shape);
    const loaded: LoadedForm[] = [];
    try {
      for (const form of forms) {
        step(`${model}: loading ${form.name}`);
        const runner =
          form.artifacts === null
            ? ortForm(await startOrtDetector((tf.backend() as WebGPUBackend).device, options.size, widthDivisor, values))
            : await loadGraphForm(form, x);
        const { outputs } = await runner.forward();
        loaded.push({ ...form, ...runner, outputs, dispatches: 0, timesMs: [], executeMs: [], gpuMs: [] });
      }
      for (const form of loaded) {
        step(`${model}: counting ${form.name}'s dispatches`);
        form.dispatches = (await countDispatches(() => form.forward())).count;
      }
      for (let round = 0; round < options.reps; round++) {
        for (let k = 0; k < loaded.length; k++) {
          const form = loaded[(k + round) % loaded.length] as LoadedForm;
          step(`${model}: ${form.name}, forward ${round + 1}/${options.reps}`);
          const { executeMs, wallMs } = await form.forward();
          form.timesMs.push(wallMs);
          if (executeMs !== null) form.executeMs.push(executeMs);
        }
      }
      for (let round = 0; round < gpuReps; round++) {
        for (let k = 0; k < loaded.length; k++) {
          const form = loaded[(k + round) % loaded.length] as LoadedForm;
          step(`${model}: ${form.name}, GPU time ${round + 1}/${gpuReps}`);
          const ms = await form.gpuTime();
          if (ms !== null) form.gpuMs.push(ms);
        }
      }
    } finally {
      for (const form of loaded) form.dispose();
      x.dispose();
    }
    for (const form of loaded) {
      // A network's forms against the converter's; each rewritten chain against its original.
      const baseline = (model === 'mish-chain' ? loaded.find((f) => f.name === form.name.replace(/ rewritten$/, '')) : loaded[0]) as LoadedForm;
      results.push({
        model,
        form: form.name,
        baseline: baseline.name,
        activation: form.activation,
        medianMs: median(form.timesMs),
        q1Ms: quantile(form.timesMs, 0.25),
        q3Ms: quantile(form.timesMs, 0.75),
        timesMs: form.timesMs,
        gpuMs: form.gpuMs.length > 0 ? median(form.gpuMs) : null,
        dispatches: form.dispatches,
        executeMs: form.executeMs.length > 0 ? median(form.executeMs) : null,
        executeTimesMs: form.executeMs,
        activationBytes: activationBytes(form.activation, form.mishElements, form.residualElements),
        maxDifference: maxDifference(form.outputs, baseline.outputs),
      });
    }
  }
  options.onProgress?.({ done: total, total, label: 'models done' });
  return { adapter: describeAdapter(adapter), size: options.size, widthDivisor, reps: options.reps, networks, results };
}
