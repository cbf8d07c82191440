// A dedicated module worker, as an app runs a model off the main thread: the built dist/index.js and dist/tfjs.js on
// the worker's own navigator.gpu. Answers one message with what each part computed (the Node side checks it).
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { CONV_MISH_INPUT, convMishGraph } from '../../support/models.js';
import type { WorkerReport } from './report.js';

type Core = typeof import('../../../src/index.js');
type Tfjs = typeof import('../../../src/tfjs.js');

// Built by `npm run build`, which runs after the typecheck: paths the typechecker does not follow.
const distEntries = ['../../../dist/index.js', '../../../dist/tfjs.js'];
const INPUT = [-2, -1, 0, 1];

async function readF32(device: GPUDevice, buffer: GPUBuffer, length: number): Promise<number[]> {
  const staging = device.createBuffer({ size: length * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, length * 4);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const values = Array.from(new Float32Array(staging.getMappedRange()));
  staging.destroy();
  return values;
}

async function kernels(core: Core): Promise<WorkerReport['kernels']> {
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) throw new Error('no WebGPU adapter in the worker');
  const device = await adapter.requestDevice();
  await core.prepare(device);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const [x, y, dy, dx] = Array.from({ length: 4 }, () => device.createBuffer({ size: INPUT.length * 4, usage })) as [
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
  ];
  device.queue.writeBuffer(x, 0, new Float32Array(INPUT));
  device.queue.writeBuffer(dy, 0, new Float32Array(INPUT.map(() => 1)));
  core.mishForward(device, { x, y });
  core.mishBackward(device, { x, dy, dx });
  const result = { input: INPUT, forward: await readF32(device, y, INPUT.length), backward: await readF32(device, dx, INPUT.length) };
  device.destroy();
  return result;
}

async function graphModel(tfjs: Tfjs): Promise<WorkerReport['model']> {
  await tf.setBackend('webgpu');
  await tf.ready();
  const artifacts = convMishGraph('softplus');
  const original = await tfconv.loadGraphModel(tf.io.fromMemory(artifacts));
  const rewritten = await tfconv.loadGraphModel(tfjs.withFusedMish(tf.io.fromMemory(artifacts)));
  const x = tf.ones(CONV_MISH_INPUT);
  const expected = original.execute(x) as tf.Tensor;
  let got: tf.Tensor | undefined;
  const profile = await tf.profile(() => {
    got = rewritten.execute(x) as tf.Tensor;
    return got;
  });
  const result = {
    backend: tf.getBackend(),
    expected: Array.from(await expected.data()),
    values: Array.from(await (got as tf.Tensor).data()),
    kernels: [...new Set(profile.kernelNames)].sort(),
  };
  tf.dispose([x, expected, got as tf.Tensor]);
  return result;
}

self.onmessage = async () => {
  try {
    const [core, tfjs] = (await Promise.all(distEntries.map((path) => import(/* @vite-ignore */ path)))) as [Core, Tfjs];
    const report: WorkerReport = {
      inWorker: typeof (self as { document?: unknown }).document === 'undefined',
      kernels: await kernels(core),
      model: await graphModel(tfjs),
    };
    self.postMessage(report);
  } catch (error) {
    self.postMessage({ error: String(error instanceof Error ? (error.stack ?? error.message) : error) });
  }
};
