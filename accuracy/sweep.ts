/**
 * The accuracy sweep, run in a browser (or Deno): inputs are generated on the GPU from their bit patterns (every
 * f32, or every k-th), every swept kernel runs on them through the package's own dispatch path with dy = 1 (and,
 * with `ort`, ONNX Runtime Web's Mish on the same buffers), and two Web Workers compare the outputs with the float64
 * reference while the GPU works on the next chunk.
 */
import { type AdapterDescription, describeAdapter } from '../common/adapter.js';
import { mishBuiltinKernel } from '../common/baselines.js';
import { mishBackward, mishForward, setTiling, swishBackward, swishForward } from '../src/index.js';
import { ACTIVATIONS, type PromisedBounds, runElementwise } from '../src/testing.js';
import type { OrtMish } from '../common/ort/session.js';
import { adversaryKernel } from './adversary.js';
import type { AdversaryMode } from './adversary-modes.js';
import type { CompareRequest, CompareResponse } from './compare-worker.js';
import generatorSource from './generator.wgsl?raw';
import { emptyStats, mergeStats, REGIONS, type RegionStats, SWEPT_KERNELS, type SweptKernel } from './metrics.js';

export interface SweepOptions {
  /** Every stride-th bit pattern, from 0 up to 2³² − 1. 1 sweeps all 2³² patterns. */
  stride: number;
  /** Also sweep ONNX Runtime Web's Mish (`ort-mish forward`): browsers only. */
  ort?: boolean;
  /**
   * Sweep Mish forward and backward only, their WGSL rewritten by this adversarial mode (accuracy/adversary.ts)
   * and run through the package's own path.
   */
  adversary?: AdversaryMode;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  done: number;
  total: number;
  seconds: number;
}

export interface SweepReport {
  adapter: AdapterDescription;
  stride: number;
  /** The adversarial mode the kernels ran under, or null for the shipped kernels as they are. */
  adversary: AdversaryMode | null;
  /** Mish's promised bounds (src/activations.ts), which the report's verdicts judge against. */
  bounds: PromisedBounds;
  /** Bit patterns visited (finite and not). */
  inputs: number;
  seconds: number;
  regions: readonly string[];
  kernels: Partial<Record<SweptKernel, RegionStats[]>>;
}

const CHUNK = 2 ** 22;
const WORKERS = 2;

class ComparePool {
  private readonly workers: Worker[];
  private readonly waiting: Array<Array<(response: CompareResponse) => void>>;

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./compare-worker.ts', import.meta.url), { type: 'module' }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((worker, index) => {
      worker.onmessage = (event: MessageEvent<CompareResponse>) => this.waiting[index]?.shift()?.(event.data);
    });
  }

  compare(index: number, request: CompareRequest): Promise<CompareResponse> {
    const worker = this.workers[index % this.workers.length] as Worker;
    const queue = this.waiting[index % this.workers.length] as Array<(response: CompareResponse) => void>;
    return new Promise((resolve) => {
      queue.push(resolve);
      const transfer = Object.values(request.outputs).map((array) => (array as Float32Array).buffer);
      worker.postMessage(request, transfer);
    });
  }

  terminate(): void {
    for (const worker of this.workers) worker.terminate();
  }
}

export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const stride = Math.floor(options.stride);
  if (!(stride >= 1 && stride <= 2 ** 31)) throw new RangeError(`runSweep: stride must be 1 … 2³¹ (got ${options.stride})`);
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  const device = await adapter.requestDevice({ label: 'webgpu-mish accuracy' });
  const adversary = options.adversary ?? null;
  const ort: OrtMish | null = options.ort === true && adversary === null ? await (await import('../common/ort/session.js')).startOrtMish(device) : null;
  const kernels = SWEPT_KERNELS.filter((kernel) =>
    adversary !== null ? kernel === 'mish forward' || kernel === 'mish backward' : kernel !== 'ort-mish forward' || ort !== null,
  );
  const adversarial = adversary === null ? null : adversaryKernel(adversary);
  // One chunk per invocation for the rewritten kernels: the exact fma of the fma mode is long, and SwiftShader
  // compiles a kernel of 8 chunks of 4 elements, 32 copies of it, slowly enough for Chrome to lose its GPU process.
  // The shape changes no result.
  if (adversarial !== null) setTiling(device, { workgroupSize: 256, chunksPerInvocation: 1 });
  const total = Math.ceil(2 ** 32 / stride);
  const started = performance.now();
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const bytes = CHUNK * 4;
  const x = device.createBuffer({ label: 'accuracy x', size: bytes, usage });
  const ones = device.createBuffer({ label: 'accuracy dy', size: bytes, usage });
  device.queue.writeBuffer(ones, 0, new Float32Array(CHUNK).fill(1));
  const outputs = Object.fromEntries(kernels.map((kernel) => [kernel, device.createBuffer({ label: `accuracy ${kernel}`, size: bytes, usage })])) as Record<
    SweptKernel,
    GPUBuffer
  >;
  const staging = Object.fromEntries(
    kernels.map((kernel) => [
      kernel,
      device.createBuffer({
        label: `accuracy ${kernel} readback`,
        size: bytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      }),
    ]),
  ) as Record<SweptKernel, GPUBuffer>;
  const generatorParams = device.createBuffer({
    label: 'accuracy generator params',
    size: 16,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const generator = device.createComputePipeline({
    label: 'accuracy input generator',
    layout: 'auto',
    compute: { module: device.createShaderModule({ label: 'accuracy input generator', code: generatorSource }), entryPoint: 'main' },
  });
  const generatorGroup = device.createBindGroup({
    label: 'accuracy input generator',
    layout: generator.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: generatorParams } },
      { binding: 1, resource: { buffer: x } },
    ],
  });

  const pool = new ComparePool(WORKERS);
  const totals = Object.fromEntries(kernels.map((kernel) => [kernel, REGIONS.map(emptyStats)])) as Record<SweptKernel, RegionStats[]>;
  const merge = (response: CompareResponse): void => {
    for (const kernel of kernels) {
      response[kernel]?.forEach((stats, region) => {
        mergeStats(totals[kernel][region] as RegionStats, stats);
      });
    }
  };
  const pending: Array<Promise<void>> = [];
  let done = 0;
  try {
    for (let first = 0; first < total; first += CHUNK) {
      const count = Math.min(CHUNK, total - first);
      const start = (first * stride) >>> 0;
      device.queue.writeBuffer(generatorParams, 0, new Uint32Array([start, stride >>> 0, count, 0]));
      const encoder = device.createCommandEncoder({ label: 'accuracy chunk' });
      const pass = encoder.beginComputePass({ label: 'accuracy input generator' });
      pass.setPipeline(generator);
      pass.setBindGroup(0, generatorGroup);
      pass.dispatchWorkgroups(Math.ceil(count / 256));
      pass.end();
      const length = count;
      if (adversarial !== null) {
        runElementwise('mishForward', adversarial, 'forward', device, { x, y: outputs['mish forward'], length, encoder });
        runElementwise('mishBackward', adversarial, 'backward', device, { x, dy: ones, dx: outputs['mish backward'], length, encoder });
      } else {
        mishForward(device, { x, y: outputs['mish forward'], length, encoder });
        mishBackward(device, { x, dy: ones, dx: outputs['mish backward'], length, encoder });
        swishForward(device, { x, y: outputs['swish forward'], length, encoder });
        swishBackward(device, { x, dy: ones, dx: outputs['swish backward'], length, encoder });
        runElementwise('mishBuiltinForward', mishBuiltinKernel, 'forward', device, { x, y: outputs['mish-builtin forward'], length, encoder });
        runElementwise('mishBuiltinBackward', mishBuiltinKernel, 'backward', device, {
          x,
          dy: ones,
          dx: outputs['mish-builtin backward'],
          length,
          encoder,
        });
      }
      device.queue.submit([encoder.finish()]);
      // ORT submits its own command buffers, after the chunk's inputs (same queue) and before the readback copies.
      await ort?.run(x, outputs['ort-mish forward'], count);
      const readback = device.createCommandEncoder({ label: 'accuracy readback' });
      for (const kernel of kernels) readback.copyBufferToBuffer(outputs[kernel], 0, staging[kernel], 0, count * 4);
      device.queue.submit([readback.finish()]);
      await Promise.all(kernels.map((kernel) => staging[kernel].mapAsync(GPUMapMode.READ, 0, count * 4)));
      // Keep at most one chunk per worker queued behind the one being compared (each holds 48 MB of results; an
      // unbounded queue ran a full sweep out of memory when the workers fell behind the GPU).
      while (pending.length >= 2 * WORKERS) await pending.shift();
      const half = Math.ceil(count / WORKERS);
      const mapped = Object.fromEntries(kernels.map((kernel) => [kernel, new Float32Array(staging[kernel].getMappedRange(0, count * 4))])) as Record<
        SweptKernel,
        Float32Array
      >;
      for (let w = 0; w < WORKERS; w++) {
        const from = w * half;
        const to = Math.min(count, from + half);
        if (from >= to) continue;
        // Copies out of the mapped ranges, transferred (not copied again) to the worker.
        const slice = Object.fromEntries(kernels.map((kernel) => [kernel, mapped[kernel].slice(from, to)])) as Record<SweptKernel, Float32Array>;
        const request: CompareRequest = { start: (start + from * stride) >>> 0, stride, count: to - from, outputs: slice };
        pending.push(pool.compare(w, request).then(merge));
      }
      for (const kernel of kernels) staging[kernel].unmap();
      done += count;
      options.onProgress?.({ done, total, seconds: (performance.now() - started) / 1000 });
    }
    await Promise.all(pending);
  } finally {
    pool.terminate();
    await ort?.release();
    device.destroy();
  }
  return {
    adapter: describeAdapter(adapter),
    stride,
    adversary,
    bounds: ACTIVATIONS.mish.bounds as PromisedBounds,
    inputs: total,
    seconds: (performance.now() - started) / 1000,
    regions: REGIONS,
    kernels: totals,
  };
}
