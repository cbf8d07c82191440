/**
 * Runs in the page: converted graph models through webgpu-mish/tfjs (the built dist/tfjs.js), in TF.js's real
 * backends (layers models: layers-model-cases.ts; loading rewritten artifacts: load-cases.ts). Graph models are built as tfjs-converter writes them (common/models/graph-builder.ts) and
 * loaded with tf.loadGraphModel(withFusedMish(tf.io.fromMemory(…))), exactly as a user loads one.
 */
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { MishForm } from '../../../common/models/graph-builder.js';
import { countDispatches as dispatches } from '../../../common/models/dispatches.js';
import { normals } from '../../../common/models/normals.js';
import { convMishGraph } from '../../support/models.js';
import type { FuseMishOptions } from '../../../src/tfjs.js';
import { type TfjsLib, useBackend } from './backend.js';
import { relativeDifference, run } from './model-run.js';

export interface GraphFormResult {
  form: string;
  fused: number;
  convolutions: number;
  /** The rewritten model (Mish in the convolutions) against the original, on webgpu: relative difference. */
  webgpuDifference: number;
  /** The rewritten model with Mish ops only against the one with Mish in the convolutions, on webgpu: bits differing. */
  epilogueBitsDiffering: number;
  /** The rewritten model against the original on the cpu backend: elements whose bits differ. */
  cpuBitsDiffering: number;
}

export function createModelCases(lib: TfjsLib) {
  const load = (artifacts: tf.io.ModelArtifacts, options?: FuseMishOptions) =>
    tfconv.loadGraphModel(options === undefined ? tf.io.fromMemory(artifacts) : lib.withFusedMish(tf.io.fromMemory(artifacts), options));

  /** One Mish form in the two-convolution graph: rewritten, on webgpu and cpu, against the original. */
  async function runGraphForm(form: MishForm, commuted: boolean): Promise<GraphFormResult> {
    const artifacts = convMishGraph(form, commuted);
    // TF.js cannot run Addons>Mish: its model is held against the softplus form's.
    const reference = form === 'addons' ? convMishGraph('softplus') : artifacts;
    const { fused, convolutions } = lib.fuseMishInGraph(artifacts);
    const outputs: Record<string, Float32Array> = {};
    for (const backend of ['webgpu', 'cpu'] as const) {
      await useBackend(backend);
      for (const [name, model] of [
        ['original', await load(reference)],
        ['epilogue', await load(artifacts, {})],
        ['ops', await load(artifacts, { convolutions: false })],
      ] as const) {
        outputs[`${backend} ${name}`] = await run(model);
        model.dispose();
      }
    }
    await useBackend('webgpu');
    const bitsDiffering = (a: Float32Array, b: Float32Array): number => {
      const p = new Uint32Array(a.buffer);
      const q = new Uint32Array(b.buffer);
      return p.reduce((n, bits, i) => n + (bits === q[i] ? 0 : 1), 0);
    };
    const get = (key: string): Float32Array => outputs[key] as Float32Array;
    return {
      form: `${form}${commuted ? ' commuted' : ''}`,
      fused,
      convolutions,
      webgpuDifference: relativeDifference(get('webgpu epilogue'), get('webgpu original')),
      epilogueBitsDiffering: bitsDiffering(get('webgpu epilogue'), get('webgpu ops')),
      cpuBitsDiffering: bitsDiffering(get('cpu epilogue'), get('cpu original')),
    };
  }

  /**
   * GPU dispatches per forward of the two-convolution graph: with no activation (the floor), the converter's
   * composite, Mish ops, and Mish in the convolutions.
   */
  async function countDispatches(): Promise<Record<'floor' | 'composite' | 'ops' | 'epilogue', number>> {
    await useBackend('webgpu');
    const models = {
      floor: await load(convMishGraph(null)),
      composite: await load(convMishGraph('softplus')),
      ops: await load(convMishGraph('softplus'), { convolutions: false }),
      epilogue: await load(convMishGraph('softplus'), {}),
    };
    const counts = {} as Record<keyof typeof models, number>;
    for (const [name, model] of Object.entries(models) as Array<[keyof typeof models, tfconv.GraphModel]>) {
      await run(model); // compiles, uploads the weights
      counts[name] = (await dispatches(() => run(model))).count;
      model.dispose();
    }
    return counts;
  }

  /**
   * The fallbacks of conv2dMish, each against the two ops apart: on the cpu backend; under tf.grad (values and
   * gradients); and with a WebGPU FusedConv2D kernel whose programs do not carry the activation (a TF.js whose
   * internals differ), which must fall back with a warning and then use the epilogue again once the kernel is back.
   */
  async function runConvMishFallbacks(): Promise<{
    cpu: number;
    gradient: number;
    gradientValue: number;
    changedTfjs: number;
    warned: boolean;
    epilogueAgain: boolean;
  }> {
    const params = { strides: [1, 1] as [number, number], pad: 'same' as const, dataFormat: 'NHWC' as const, dilations: [1, 1] as [number, number] };
    const tensors = () => ({
      x: tf.tensor4d(normals(8 * 8 * 4, 31, 2), [1, 8, 8, 4]),
      filter: tf.tensor4d(normals(3 * 3 * 4 * 6, 32, 0.4), [3, 3, 4, 6]),
      bias: tf.tensor1d(normals(6, 33, 0.2)),
    });
    const separate = (x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D) => lib.mish(tf.fused.conv2d({ x, filter, bias, ...params }));
    const compare = async (a: tf.Tensor, b: tf.Tensor): Promise<number> =>
      relativeDifference((await a.data()) as Float32Array, (await b.data()) as Float32Array);

    await useBackend('cpu');
    let t = tensors();
    const cpu = await compare(lib.conv2dMish(t.x, t.filter, t.bias, params), separate(t.x, t.filter, t.bias));
    await useBackend('webgpu');
    t = tensors();
    const loss = (f: (x: tf.Tensor4D) => tf.Tensor) => (x: tf.Tensor) => tf.sum(f(x as tf.Tensor4D));
    const gradient = await compare(
      tf.grad(loss((x) => lib.conv2dMish(x, t.filter, t.bias, params)))(t.x),
      tf.grad(loss((x) => separate(x, t.filter, t.bias)))(t.x),
    );
    const gradientValue = await compare(
      tf.valueAndGrad(loss((x) => lib.conv2dMish(x, t.filter, t.bias, params)))(t.x).value,
      tf.valueAndGrad(loss((x) => separate(x, t.filter, t.bias)))(t.x).value,
    );
    // A TF.js whose convolution ignores the activation it is given: no program carries the placeholder.
    const name = tf.getBackend();
    const original = tf.getKernel('FusedConv2D', name) as tf.KernelConfig;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    tf.unregisterKernel('FusedConv2D', name);
    tf.registerKernel({ ...original, kernelFunc: (args) => original.kernelFunc({ ...args, attrs: { ...args.attrs, activation: 'linear' } }) });
    let changedTfjs: number;
    try {
      changedTfjs = await compare(lib.conv2dMish(t.x, t.filter, t.bias, params), separate(t.x, t.filter, t.bias));
    } finally {
      tf.unregisterKernel('FusedConv2D', name);
      tf.registerKernel(original);
      console.warn = warn;
    }
    // With TF.js's own kernel back, the epilogue runs again: one dispatch fewer than the two ops apart.
    const fusedCount = (await dispatches(async () => (await lib.conv2dMish(t.x, t.filter, t.bias, params).data()).length)).count;
    const apartCount = (await dispatches(async () => (await separate(t.x, t.filter, t.bias).data()).length)).count;
    return {
      cpu,
      gradient,
      gradientValue,
      changedTfjs,
      warned: warnings.some((w) => /epilogue is unavailable/.test(w)),
      epilogueAgain: fusedCount === apartCount - 1,
    };
  }

  /**
   * A residual block's last convolution, Mish and add of the shortcut as one op (conv2dMishAdd) against the three ops
   * apart (tf.fused.conv2d, the Mish op, tf.add), on webgpu: bits differing and dispatches; with a shortcut that
   * broadcasts (the ops apart, as tf.add broadcasts); on cpu; under tf.grad; and with a TF.js whose convolution
   * ignores the activation it is given (a warning, then the ops apart).
   */
  async function runResidualBlock(): Promise<Record<string, number | boolean>> {
    const params = { strides: 1, pad: 'same' as const };
    const fusedParams = { strides: [1, 1] as [number, number], pad: 'same' as const, dataFormat: 'NHWC' as const, dilations: [1, 1] as [number, number] };
    const make = () => ({
      x: tf.tensor4d(normals(8 * 8 * 6, 51, 2), [1, 8, 8, 6]),
      filter: tf.tensor4d(normals(3 * 3 * 6 * 6, 52, 0.4), [3, 3, 6, 6]),
      bias: tf.tensor1d(normals(6, 53, 0.2)),
      shortcut: tf.tensor4d(normals(8 * 8 * 6, 54, 1), [1, 8, 8, 6]),
      narrow: tf.tensor1d(normals(6, 55, 1)),
    });
    const apart = (t: ReturnType<typeof make>, shortcut: tf.Tensor) =>
      tf.add(lib.mish(tf.fused.conv2d({ x: t.x, filter: t.filter, bias: t.bias, ...fusedParams })), shortcut);
    const bits = async (a: tf.Tensor, b: tf.Tensor): Promise<number> => {
      const p = new Uint32Array(((await a.data()) as Float32Array).buffer);
      const q = new Uint32Array(((await b.data()) as Float32Array).buffer);
      return p.reduce((n, v, i) => n + (v === q[i] ? 0 : 1), 0) + Math.abs(p.length - q.length);
    };
    await useBackend('webgpu');
    let t = make();
    const epilogueBits = await bits(lib.conv2dMishAdd(t.x, t.filter, t.bias, t.shortcut, params), apart(t, t.shortcut));
    const fusedDispatches = (await dispatches(async () => (await lib.conv2dMishAdd(t.x, t.filter, t.bias, t.shortcut, params).data()).length)).count;
    const mishOnlyDispatches = (await dispatches(async () => (await tf.add(lib.conv2dMish(t.x, t.filter, t.bias, params), t.shortcut).data()).length)).count;
    const apartDispatches = (await dispatches(async () => (await apart(t, t.shortcut).data()).length)).count;
    const broadcastBits = await bits(lib.conv2dMishAdd(t.x, t.filter, t.bias, t.narrow, params), apart(t, t.narrow));
    const loss = (f: (x: tf.Tensor4D) => tf.Tensor) => (x: tf.Tensor) => tf.sum(f(x as tf.Tensor4D));
    const gradientBits = await bits(
      tf.grad(loss((x) => lib.conv2dMishAdd(x, t.filter, t.bias, t.shortcut, params)))(t.x),
      tf.grad(loss((x) => apart({ ...t, x }, t.shortcut)))(t.x),
    );
    const name = tf.getBackend();
    const original = tf.getKernel('FusedConv2D', name) as tf.KernelConfig;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    tf.unregisterKernel('FusedConv2D', name);
    tf.registerKernel({ ...original, kernelFunc: (args) => original.kernelFunc({ ...args, attrs: { ...args.attrs, activation: 'linear' } }) });
    let changedTfjsBits: number;
    try {
      changedTfjsBits = await bits(lib.conv2dMishAdd(t.x, t.filter, t.bias, t.shortcut, params), apart(t, t.shortcut));
    } finally {
      tf.unregisterKernel('FusedConv2D', name);
      tf.registerKernel(original);
      console.warn = warn;
    }
    await useBackend('cpu');
    t = make();
    const cpuBits = await bits(lib.conv2dMishAdd(t.x, t.filter, t.bias, t.shortcut, params), apart(t, t.shortcut));
    await useBackend('webgpu');
    return {
      epilogueBits,
      fusedDispatches,
      mishOnlyDispatches,
      apartDispatches,
      broadcastBits,
      gradientBits,
      changedTfjsBits,
      warned: warnings.some((w) => /epilogue is unavailable/.test(w)),
      cpuBits,
    };
  }

  return { runGraphForm, countDispatches, runConvMishFallbacks, runResidualBlock };
}
