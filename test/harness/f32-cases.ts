/**
 * Runs in the page: f32 kernel calls through the library under test (the source or the built dist), every element
 * read back and checked against the float64 reference within the bound of test/support/tolerances.ts, and the
 * canaries around the range. Also: several calls in one encoder, bad calls, and mishWgsl fused into a shader.
 */
import { ulpOf } from '../../common/f32.js';
import { readBuffer } from '../../common/read-buffer.js';
import type * as Library from '../../src/index.js';
import type { Activation, Pass } from '../../src/index.js';
import { limitWorkgroupsPerDimension, patchedKernel, runElementwise } from '../../src/testing.js';
import { spreadGradients, spreadInputs } from '../support/inputs.js';
import { allowedError, expectedValue, withinAllowance } from '../support/tolerances.js';
import { buildCase, canaryOf, type Layout } from './buffers.js';
import { type CaseResult, checkCanaries, Report } from './checks.js';
import { type Devices, popScopes, pushScopes, upload } from './device.js';
import caller from './shaders/snippet-caller.wgsl?raw';
import directive from './shaders/snippet-directive.wgsl?raw';

export type Lib = typeof Library;

export interface CaseSpec extends Omit<Layout, 'tail'> {
  activation: Activation;
  /** Leave `length` out of the call (x then holds exactly xOffset + length elements: the default must match). */
  omitLength?: boolean;
  /** Record into a caller's encoder instead of letting the call submit. */
  encoder?: boolean;
  /**
   * 'tiled' repeats a period of spread inputs, so that a long run checks its first period against the reference
   * and every later element bit for bit against the same input in the first period.
   */
  pattern?: 'spread' | 'tiled';
  seed?: number;
  /** Run on the device with WebGPU's default limits even when the buffers exceed its binding size. */
  defaultLimits?: boolean;
  /** Run the activation's kernel with its WGSL patched (source only): a slightly wrong kernel must fail. */
  patch?: { find: string; replace: string };
  /** Fold the grid past this many workgroups per dimension (on a device of its own; source only). */
  workgroupsPerDimension?: number;
}

/** The public function of each activation and pass. */
export const FUNCTIONS = {
  mish: { forward: 'mishForward', backward: 'mishBackward' },
  relu: { forward: 'reluForward', backward: 'reluBackward' },
  swish: { forward: 'swishForward', backward: 'swishBackward' },
} as const;

// A period that is not a multiple of any tile size, so that an indexing error cannot hide in a repeat.
const TILE_PERIOD = 65_537;

const asFloats = (bits: Uint32Array | Uint16Array): Float32Array => new Float32Array(bits.buffer, bits.byteOffset, bits.length);
const asBits = (values: Float32Array): Uint32Array => new Uint32Array(values.buffer, values.byteOffset, values.length);

/** Compares out[outOffset + i] with the reference for xs[i] (and dys[i]), i < length, repeating after `period`. */
function compareRange(
  report: Report,
  activation: Activation,
  pass: Pass,
  outBits: Uint32Array,
  outOffset: number,
  length: number,
  xs: Float32Array,
  dys: Float32Array,
  period = length,
): void {
  const out = asFloats(outBits);
  for (let i = 0; i < Math.min(length, period); i++) {
    const x = xs[i] as number;
    const dy = pass === 'backward' ? (dys[i] as number) : 1;
    const got = out[outOffset + i] as number;
    const expected = expectedValue(activation, pass, x, dy);
    const allowance = allowedError(activation, pass, x, dy);
    const error = got === expected ? 0 : Math.abs(got - expected);
    const ulp = ulpOf(expected);
    if (!withinAllowance(activation, pass, x, dy, got)) {
      report.fail(
        i,
        `x=${x} dy=${dy} | got ${got} | expected ${expected} | error ${(error / ulp).toPrecision(4)} ulp, allowed ${(allowance.bound / ulp).toPrecision(4)} ulp`,
      );
    }
    if (allowance.flushable) report.flushed++;
    else report.observe(x, error, ulp);
  }
  for (let i = period; i < length; i++) {
    if (outBits[outOffset + i] !== outBits[outOffset + (i % period)]) {
      report.fail(i, `tiled run: bits 0x${(outBits[outOffset + i] as number).toString(16)} differ from element ${i % period}`);
    }
  }
  report.checked += length;
}

export function createF32Cases(lib: Lib, devices: Devices) {
  /** One call on spread inputs, every element and the canaries checked. */
  async function runCase(spec: CaseSpec): Promise<CaseResult> {
    const { activation, pass, length } = spec;
    const period = spec.pattern === 'tiled' ? TILE_PERIOD : length;
    const seed = spec.seed ?? length + 17;
    const xs = spreadInputs(Math.min(length, period), seed);
    const dys = spreadGradients(Math.min(length, period), seed);
    const bytes = 4 * (Math.max(spec.xOffset ?? 0, spec.dyOffset ?? 0, spec.outOffset ?? 0) + length + 5);
    const folded = spec.workgroupsPerDimension !== undefined;
    const gpu = folded ? await devices.fresh('webgpu-mish fold test device') : await devices.device(spec.defaultLimits ? 0 : bytes);
    if (folded) limitWorkgroupsPerDimension(gpu, spec.workgroupsPerDimension as number);
    const buffers = buildCase(gpu, 'f32', { ...spec, tail: spec.omitLength ? 0 : 5 }, asBits(xs), asBits(dys));
    const { x, dy, out, xOffset, dyOffset, outOffset } = buffers;
    pushScopes(gpu);
    const encoder = spec.encoder ? gpu.createCommandEncoder({ label: 'test encoder' }) : undefined;
    const name = FUNCTIONS[activation][pass];
    const args = pass === 'forward' ? { x, y: out, xOffset, yOffset: outOffset } : { x, dy: dy as GPUBuffer, dx: out, xOffset, dyOffset, dxOffset: outOffset };
    const call = { ...args, encoder, length: spec.omitLength ? undefined : length };
    if (spec.patch) runElementwise(name, patchedKernel(activation, spec.patch.find, spec.patch.replace), pass, gpu, call);
    else (lib[name] as (device: GPUDevice, args: object) => void)(gpu, call);
    if (encoder !== undefined) gpu.queue.submit([encoder.finish()]);
    const outBits = (await buffers.readOut()) as Uint32Array;
    const gpuErrors = await popScopes(gpu);
    buffers.destroy();
    if (folded) gpu.destroy();
    const report = new Report();
    // In place, the canaries around the range are the input's own canaries: the same bits.
    compareRange(report, activation, pass, outBits, outOffset, length, xs, dys, period);
    checkCanaries(report, outBits, [{ offset: outOffset, length }], canaryOf('f32'));
    return report.finish(gpuErrors);
  }

  /** Several calls with different ranges recorded into one encoder, then one submit. */
  async function runEncoderBatch(activation: Activation, pass: Pass): Promise<CaseResult> {
    const gpu = await devices.device();
    const calls = [
      { xOffset: 0, dyOffset: 3, outOffset: 1, length: 100 },
      { xOffset: 101, dyOffset: 200, outOffset: 150, length: 37 },
      { xOffset: 500, dyOffset: 600, outOffset: 400, length: 301 },
      { xOffset: 999, dyOffset: 999, outOffset: 800, length: 1 },
    ];
    const elements = 1000;
    const hostX = spreadInputs(elements, 7);
    const hostDy = spreadGradients(elements, 7);
    const x = upload(gpu, 'test x', hostX);
    const dy = upload(gpu, 'test dy', hostDy);
    const out = upload(gpu, 'test out', new Uint32Array(elements + 5).fill(canaryOf('f32')));
    pushScopes(gpu);
    const encoder = gpu.createCommandEncoder({ label: 'test batch encoder' });
    for (const call of calls) {
      const common = { encoder, length: call.length, xOffset: call.xOffset };
      if (pass === 'forward') lib[FUNCTIONS[activation].forward](gpu, { ...common, x, y: out, yOffset: call.outOffset });
      else lib[FUNCTIONS[activation].backward](gpu, { ...common, x, dy, dx: out, dyOffset: call.dyOffset, dxOffset: call.outOffset });
    }
    gpu.queue.submit([encoder.finish()]);
    const outBits = asBits(await readBuffer(gpu, out, 'webgpu-mish test readback'));
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [x, dy, out]) buffer.destroy();
    const report = new Report();
    for (const call of calls) {
      const xs = hostX.slice(call.xOffset, call.xOffset + call.length);
      const dys = hostDy.slice(call.dyOffset, call.dyOffset + call.length);
      compareRange(report, activation, pass, outBits, call.outOffset, call.length, xs, dys);
    }
    checkCanaries(
      report,
      outBits,
      calls.map((call) => ({ offset: call.outOffset, length: call.length })),
      canaryOf('f32'),
    );
    return report.finish(gpuErrors);
  }

  /**
   * Calls a kernel with bad arguments on the real device. Returns the synchronous error message (or null when
   * nothing was thrown) and any GPU error the call left behind (there must be none).
   */
  async function runBadCall(
    activation: Activation,
    pass: Pass,
    problem: 'no-storage' | 'too-small' | 'fractional-offset' | 'negative-length' | 'missing-buffer' | 'overlap' | 'misspelt-option',
  ): Promise<{ message: string | null; gpuErrors: string[] }> {
    const gpu = await devices.device();
    const good = gpu.createBuffer({ label: 'test good', size: 64, usage: GPUBufferUsage.STORAGE });
    const noStorage = gpu.createBuffer({ label: 'test no storage', size: 64, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.UNIFORM });
    const small = gpu.createBuffer({ label: 'test small', size: 16, usage: GPUBufferUsage.STORAGE });
    const out = gpu.createBuffer({ label: 'test out', size: 64, usage: GPUBufferUsage.STORAGE });
    const written = pass === 'forward' ? 'y' : 'dx';
    const args: Record<string, unknown> = pass === 'forward' ? { x: good, y: out } : { x: good, dy: good, dx: out };
    if (problem === 'no-storage') args.x = noStorage;
    if (problem === 'too-small') args[written] = small;
    if (problem === 'fractional-offset') args.xOffset = 1.5;
    if (problem === 'negative-length') args.length = -1;
    if (problem === 'missing-buffer') delete args[pass === 'forward' ? 'y' : 'dy'];
    if (problem === 'overlap') Object.assign(args, { [written]: good, [`${written}Offset`]: 2, length: 8 });
    if (problem === 'misspelt-option') args.xoffset = 2;
    pushScopes(gpu);
    let message: string | null = null;
    try {
      (lib[FUNCTIONS[activation][pass]] as (device: GPUDevice, args: unknown) => void)(gpu, args);
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    await gpu.queue.onSubmittedWorkDone();
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [good, noStorage, small, out]) buffer.destroy();
    return { message, gpuErrors };
  }

  /**
   * The README's fusion example: the library's mishWgsl followed by `shader` (the README's own WGSL, which binds
   * an array<f32> `acc` at binding 0 and applies mish to it in place with 64 invocations per workgroup, entry point
   * `main`), run on 1 000 values.
   */
  async function runSnippet(shader: string, withDirective = false): Promise<CaseResult> {
    const gpu = await devices.device();
    pushScopes(gpu);
    const code = (withDirective ? directive : '') + lib.mishWgsl + shader;
    const pipeline = gpu.createComputePipeline({
      label: 'test snippet',
      layout: 'auto',
      compute: { module: gpu.createShaderModule({ label: 'test snippet', code }), entryPoint: 'main' },
    });
    const xs = spreadInputs(1000, 5);
    const acc = upload(gpu, 'test snippet acc', xs);
    const encoder = gpu.createCommandEncoder({ label: 'test snippet' });
    const computePass = encoder.beginComputePass();
    computePass.setPipeline(pipeline);
    computePass.setBindGroup(0, gpu.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: acc } }] }));
    computePass.dispatchWorkgroups(Math.ceil(1000 / 64));
    computePass.end();
    gpu.queue.submit([encoder.finish()]);
    const got = asBits(await readBuffer(gpu, acc));
    const gpuErrors = await popScopes(gpu);
    acc.destroy();
    const report = new Report();
    compareRange(report, 'mish', 'forward', got, 0, 1000, xs, xs);
    return report.finish(gpuErrors);
  }

  /**
   * The errors of compiling a shader that calls mish(), with a directive before mishWgsl and after it (each its
   * compilation messages of type 'error').
   */
  async function compileDirectiveOrder(): Promise<{ before: string[]; after: string[] }> {
    const gpu = await devices.device();
    const errors = async (code: string): Promise<string[]> => {
      const info = await gpu.createShaderModule({ label: 'test compile', code }).getCompilationInfo();
      return info.messages.filter((m) => m.type === 'error').map((m) => m.message);
    };
    return { before: await errors(`${directive}${lib.mishWgsl}\n${caller}`), after: await errors(`${lib.mishWgsl}\n${directive}${caller}`) };
  }

  return { runCase, runEncoderBatch, runBadCall, runSnippet, compileDirectiveOrder };
}
