/**
 * Runs in the page: the accuracy sweep's adversary (accuracy/shaders/adversary.wgsl) on the real adapter, against
 * exact references computed here: adversary_fma must be a·b + c rounded once (to nearest, ties to even), computed
 * exactly with BigInt; adversary_nudge must move a float by the given count of ulps, through zero and binade edges.
 * And the adversary must catch what it is for: the Mish forward kernel before the current one, rewritten by it, must
 * miss the bound that the shipped one, rewritten the same way, holds.
 */
import { adversaryKernel, rewrittenSource } from '../../accuracy/adversary.js';
import { ADVERSARY_MODES, type AdversaryMode } from '../../accuracy/adversary-modes.js';
import helpers from '../../accuracy/shaders/adversary.wgsl?raw';
import { ACTIVATIONS, type KernelSpec, runElementwise } from '../../src/testing.js';
import { spreadInputs } from '../support/inputs.js';
import { bitsOf, fromBits, ulpOf } from '../../common/f32.js';
import { mish as exactMish } from '../../src/index.js';
import { readBuffers } from '../../common/read-buffer.js';
import { randomBits } from '../support/inputs.js';
import check from './shaders/adversary-check.wgsl?raw';
import previousMish from './shaders/mish-previous.wgsl?raw';
import { type Devices, popScopes, pushScopes, upload } from './device.js';

const scratch = new DataView(new ArrayBuffer(4));

function floatOf(bits: number): number {
  scratch.setUint32(0, bits >>> 0);
  return scratch.getFloat32(0);
}

/** A normal f32 as sign·m·2^e with m an integer of 24 bits. */
function parts(value: number): { m: bigint; e: number } {
  const bits = bitsOf(value);
  const exponent = (bits >>> 23) & 0xff;
  const m = BigInt((bits & 0x7fffff) | 0x800000) * (bits >>> 31 ? -1n : 1n);
  return { m, e: exponent - 150 };
}

/** a·b + c rounded once to f32 (to nearest, ties to even), in exact integer arithmetic. */
function exactFma(a: number, b: number, c: number): number {
  const pa = parts(a);
  const pb = parts(b);
  const pc = parts(c);
  const productExponent = pa.e + pb.e;
  const low = Math.min(productExponent, pc.e);
  const sum = pa.m * pb.m * 2n ** BigInt(productExponent - low) + pc.m * 2n ** BigInt(pc.e - low);
  if (sum === 0n) return 0;
  const negative = sum < 0n;
  let magnitude = negative ? -sum : sum;
  let exponent = low;
  const length = magnitude.toString(2).length;
  if (length > 24) {
    const shift = BigInt(length - 24);
    const kept = magnitude >> shift;
    const rest = magnitude - (kept << shift);
    const half = 1n << (shift - 1n);
    magnitude = rest > half || (rest === half && kept % 2n === 1n) ? kept + 1n : kept;
    exponent += length - 24;
  }
  const value = Number(magnitude) * 2 ** exponent;
  return negative ? -value : value;
}

/** Random normal floats with exponents in [−20, 20], and for c, often close to −a·b (cancellation) or a tie. */
function operands(count: number, seed: number): { a: Float32Array<ArrayBuffer>; b: Float32Array<ArrayBuffer>; c: Float32Array<ArrayBuffer> } {
  const next = randomBits(seed);
  const random = (): number => {
    const sign = next() & 1 ? -1 : 1;
    return Math.fround(sign * (1 + (next() % 0x800000) / 0x800000) * 2 ** ((next() % 41) - 20));
  };
  const a = new Float32Array(count);
  const b = new Float32Array(count);
  const c = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    a[i] = random();
    b[i] = random();
    const product = (a[i] as number) * (b[i] as number);
    const kind = i % 4;
    c[i] = kind === 0 ? random() : kind === 1 ? Math.fround(-product) : kind === 2 ? Math.fround(-product * (1 + 2 ** -20)) : Math.fround(product * 2 ** -24);
  }
  return { a, b, c };
}

export interface AdversaryCheck {
  checked: number;
  fmaMismatches: string[];
  nudgeMismatches: string[];
  /**
   * Per mode: how many of the spread inputs give other bits than the shipped kernel, forward and backward. A mode
   * that changes nothing would test nothing.
   */
  changed: Record<AdversaryMode, { forward: number; backward: number }>;
  gpuErrors: string[];
}

/** Per adversarial mode, the worst Mish forward error of the previous kernel and of the shipped one, on the same inputs. */
export interface PreviousForwardCheck {
  inputs: number;
  worst: Record<string, { previous: number; previousAt: number; shipped: number; shippedAt: number }>;
  gpuErrors: string[];
}

/** Every `step`-th f32 from bit pattern `from` up to `to`. */
function everyStep(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let bits = from; bits <= to; bits += step) values.push(fromBits(bits));
  return values;
}

/** The worst error of `got` in ulps of the exact Mish, and where. */
function worstForward(xs: Float32Array, got: Float32Array): { worst: number; at: number } {
  let worst = 0;
  let at = 0;
  xs.forEach((x, i) => {
    const exact = exactMish(x);
    const error = Math.abs((got[i] as number) - exact) / ulpOf(exact);
    if (error > worst) {
      worst = error;
      at = x;
    }
  });
  return { worst, at };
}

export function createAdversaryCases(devices: Devices) {
  async function runAdversaryCheck(count: number, seed: number): Promise<AdversaryCheck> {
    const gpu = await devices.device();
    const { a, b, c } = operands(count, seed);
    const shifts = Int32Array.from({ length: count }, (_, i) => (i % 5) - 2);
    // Zeros, the smallest normal and subnormal, and a binade edge among the nudged values.
    const edges = [0, -0, 2 ** -126, 2 ** -149, 1, -1, 2 ** 64];
    a.set(edges);
    pushScopes(gpu);
    const code = `const ADVERSARY_DIV_ULPS: i32 = 0;\nconst ADVERSARY_EXP_DIRECTION: i32 = 0;\n${helpers}\n${check}`;
    const pipeline = gpu.createComputePipeline({
      label: 'adversary check',
      layout: 'auto',
      compute: { module: gpu.createShaderModule({ code }), entryPoint: 'main' },
    });
    const make = (label: string, data: ArrayBufferView<ArrayBuffer>): GPUBuffer => upload(gpu, `adversary check ${label}`, data);
    const buffers = [
      make('a', a),
      make('b', b),
      make('c', c),
      make('shifts', shifts),
      make('fused', new Float32Array(count)),
      make('nudged', new Float32Array(count)),
    ];
    const encoder = gpu.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      gpu.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) }),
    );
    pass.dispatchWorkgroups(Math.ceil(count / 64));
    pass.end();
    gpu.queue.submit([encoder.finish()]);
    const [fused, nudged] = await readBuffers(gpu, [buffers[4] as GPUBuffer, buffers[5] as GPUBuffer]);
    const gpuErrors = await popScopes(gpu);
    for (const buffer of buffers) buffer.destroy();
    const fmaMismatches: string[] = [];
    const nudgeMismatches: string[] = [];
    for (let i = edges.length; i < count; i++) {
      const expected = Math.fround(exactFma(a[i] as number, b[i] as number, c[i] as number));
      const got = (fused as Float32Array)[i] as number;
      // Results outside the normal range are the fallback's (a * b + c), which the sweep never meets.
      if (Math.abs(expected) < 2 ** -126 || !Number.isFinite(expected)) continue;
      if (!Object.is(got, expected) && fmaMismatches.length < 8) fmaMismatches.push(`fma(${a[i]}, ${b[i]}, ${c[i]}) = ${got}, exactly rounded ${expected}`);
    }
    for (let i = 0; i < count; i++) {
      const value = a[i] as number;
      // The ordered integer of a float: +0 and −0 are both 0, negative floats count down from it.
      const bits = bitsOf(value) | 0;
      const ordered = (bits < 0 ? -2147483648 - bits : bits) + (shifts[i] as number);
      const expected = floatOf(ordered < 0 ? -2147483648 - ordered : ordered);
      const got = (nudged as Float32Array)[i] as number;
      // An adapter may flush a subnormal result to zero (WGSL allows it): the nudge's own bits are what is checked.
      const flushable = Math.abs(expected) < 2 ** -126 && (got === 0 || Object.is(got, expected));
      if (!Object.is(got, expected) && !flushable && nudgeMismatches.length < 8)
        nudgeMismatches.push(`nudge(${value}, ${shifts[i]}) = ${got}, expected ${expected}`);
    }
    const changed = await changedByModes(gpu);
    return { checked: count, fmaMismatches, nudgeMismatches, changed, gpuErrors: [...gpuErrors, ...(await popScopes(gpu))] };
  }

  /** Each mode's Mish kernels against the shipped ones on spread inputs: the elements whose bits differ. */
  async function changedByModes(gpu: GPUDevice): Promise<AdversaryCheck['changed']> {
    pushScopes(gpu);
    // As the sweep does (accuracy/sweep.ts): one chunk per invocation, or SwiftShader compiles the fma mode's
    // kernel too slowly for Chrome to keep its GPU process.
    devices.useTiling({ workgroupSize: 256, chunksPerInvocation: 1 });
    const xs = spreadInputs(20_000, 3);
    const x = upload(gpu, 'adversary x', xs);
    const dy = upload(gpu, 'adversary dy', new Float32Array(xs.length).fill(1));
    const encoder = gpu.createCommandEncoder();
    const outputsOf = (label: string, kernel: KernelSpec): [GPUBuffer, GPUBuffer] => {
      const forward = upload(gpu, `adversary ${label} forward`, new Float32Array(xs.length));
      const backward = upload(gpu, `adversary ${label} backward`, new Float32Array(xs.length));
      runElementwise('mishForward', kernel, 'forward', gpu, { x, y: forward, encoder });
      runElementwise('mishBackward', kernel, 'backward', gpu, { x, dy, dx: backward, encoder });
      return [forward, backward];
    };
    const shipped = outputsOf('shipped', ACTIVATIONS.mish.kernel);
    const modes = ADVERSARY_MODES.map((mode) => outputsOf(mode, adversaryKernel(mode)));
    gpu.queue.submit([encoder.finish()]);
    const contents = await readBuffers(gpu, [...shipped, ...modes.flat()]);
    const differing = (a: Float32Array, b: Float32Array): number => {
      const p = new Uint32Array(a.buffer);
      const q = new Uint32Array(b.buffer);
      return p.reduce((n, bits, i) => n + (bits === q[i] ? 0 : 1), 0);
    };
    const changed = Object.fromEntries(
      ADVERSARY_MODES.map((mode, k) => [
        mode,
        {
          forward: differing(contents[0] as Float32Array, contents[2 + 2 * k] as Float32Array),
          backward: differing(contents[1] as Float32Array, contents[3 + 2 * k] as Float32Array),
        },
      ]),
    ) as AdversaryCheck['changed'];
    for (const buffer of [x, dy, ...shipped, ...modes.flat()]) buffer.destroy();
    devices.useTiling('auto');
    return changed;
  }

  /**
   * The Mish forward kernel before the current one (test/harness/shaders/mish-previous.wgsl) and the shipped one,
   * each rewritten by the sweep's own adversary for each of `modes`, on every 128th f32 of [−1, −1/8] and (1, 20],
   * where the previous kernel's quotients carried a division's error into the result whole.
   */
  async function runPreviousForward(modes: AdversaryMode[]): Promise<PreviousForwardCheck> {
    const gpu = await devices.device();
    pushScopes(gpu);
    devices.useTiling({ workgroupSize: 256, chunksPerInvocation: 1 });
    const xs = Float32Array.from([...everyStep(0xbe000000, 0xbf800000, 128), ...everyStep(0x3f800001, 0x41a00000, 128)]);
    const x = upload(gpu, 'previous forward x', xs);
    const { kernel } = ACTIVATIONS.mish;
    // The shipped source with its `fn mish` (up to `fn mish_grad`) replaced by the previous one.
    const shippedForward = /fn mish\(x: f32\) -> f32 \{[\s\S]*?(?=fn mish_grad\()/;
    if (!shippedForward.test(kernel.source)) throw new Error('runPreviousForward: no `fn mish` before `fn mish_grad` in the shipped source');
    const previous = kernel.source.replace(shippedForward, () => `${previousMish.slice(previousMish.indexOf('fn mish('))}\n`);
    const encoder = gpu.createCommandEncoder();
    const outputs = modes.flatMap((mode) =>
      (['previous', 'shipped'] as const).map((which) => {
        const y = upload(gpu, `${which} forward ${mode}`, new Float32Array(xs.length));
        const source = rewrittenSource(mode, which === 'previous' ? previous : kernel.source);
        runElementwise('mishForward', { name: `mish-${which}-${mode}`, source }, 'forward', gpu, { x, y, encoder });
        return y;
      }),
    );
    gpu.queue.submit([encoder.finish()]);
    const contents = await readBuffers(gpu, outputs);
    for (const buffer of [x, ...outputs]) buffer.destroy();
    devices.useTiling('auto');
    const worst = Object.fromEntries(
      modes.map((mode, k) => {
        const previousWorst = worstForward(xs, contents[2 * k] as Float32Array);
        const shippedWorst = worstForward(xs, contents[2 * k + 1] as Float32Array);
        return [mode, { previous: previousWorst.worst, previousAt: previousWorst.at, shipped: shippedWorst.worst, shippedAt: shippedWorst.at }];
      }),
    );
    return { inputs: xs.length, worst, gpuErrors: await popScopes(gpu) };
  }

  return { runAdversaryCheck, runPreviousForward };
}
