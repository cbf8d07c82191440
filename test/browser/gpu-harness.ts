/**
 * Runs in the page: builds the test buffers, runs one kernel call through the library under test (the source
 * or the built `dist`), reads the result back and checks every element against the float64 reference within
 * the derived tolerance. Returns small summaries, because everything crosses the DevTools protocol as JSON.
 */
import type * as Library from '../../src/index.js';
import type { Activation, Pass } from '../../src/index.js';
import { ulpOf } from '../support/f32.js';
import { randomBits, spreadGradients, spreadInputs } from '../support/inputs.js';
import { allowedError, expectedValue } from '../support/tolerances.js';
import { decodeHalf, encodeHalf, type HalfFormat, halfUlp, roundToHalf } from '../support/half.js';
import { readBuffer } from '../../tools/read-buffer.js';
// Internal: how many pipelines the source build holds for a device (the lifecycle tests run on the source).
import { pipelineCount } from '../../src/device-cache.js';

export type Lib = typeof Library;

/** Bits left around every range; a NaN payload that no kernel produces. */
export const CANARY_BITS = 0x7fc0c0de;
/** Bits in the output range before the kernel runs, so that an unwritten element is caught. */
const POISON_BITS = 0x7fbadbad;
/** Canary elements after each range (before it, the offset's elements are canaries too). */
const TAIL_CANARIES = 5;
/** Failures listed in a report. */
const REPORTED_FAILURES = 8;

export interface CaseSpec {
  activation: Activation;
  pass: Pass;
  /** Elements in the range. */
  length: number;
  /** Leave `length` out of the call (x then holds exactly xOffset + length elements: the default must match). */
  omitLength?: boolean;
  xOffset?: number;
  dyOffset?: number;
  outOffset?: number;
  /** In place: the output is the x buffer ('x') or, for backward, the dy buffer ('dy'), at the same offset. */
  inPlace?: 'x' | 'dy';
  /** Record into a caller's encoder instead of letting the call submit. */
  encoder?: boolean;
  /**
   * 'tiled' repeats a period of spread inputs, so that a long run checks its first period against the
   * reference and every later element bit-for-bit against the same input in the first period.
   */
  pattern?: 'spread' | 'tiled';
  seed?: number;
  /** Run on the device with WebGPU's default limits even when the buffers exceed its binding size. */
  defaultLimits?: boolean;
}

export interface CaseResult {
  checked: number;
  failures: number;
  report: string;
  worstUlp: number;
  worstUlpInput: number;
  worstAbs: number;
  worstAbsInput: number;
  /** Elements whose allowance included flushing a subnormal to zero; they are left out of the worst figures. */
  flushed: number;
  gpuErrors: string[];
  milliseconds: number;
}

export interface HalfSpec {
  activation: Activation;
  pass: Pass;
  dtype: HalfFormat;
  /** 'all': every one of the 65 536 bit patterns (dy = 1); otherwise this many random finite inputs and dy. */
  inputs: 'all' | number;
  xOffset?: number;
  dyOffset?: number;
  outOffset?: number;
  inPlace?: 'x' | 'dy';
  encoder?: boolean;
}

export interface HalfResult {
  checked: number;
  failures: number;
  report: string;
  /** Worst |got − exact| in ulps of the 16-bit format at the exact value (finite results). */
  worstUlp: number;
  worstUlpInput: number;
  /**
   * Elements allowed a zero instead: a subnormal f32 input, an f32 result below 2⁻¹²⁶, or exp(x) below 2⁻¹²⁶ in
   * f32 (x < −87.3); WGSL lets an implementation flush those to zero. Only bf16 reaches them.
   */
  flushAllowed: number;
  gpuErrors: string[];
}

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  features: string[];
}

// A period that is not a multiple of any tile size, so that an indexing error cannot hide in a repeat.
const TILE_PERIOD = 65_537;

const kernelNames = {
  mish: { forward: 'mishForward', backward: 'mishBackward' },
  relu: { forward: 'reluForward', backward: 'reluBackward' },
  swish: { forward: 'swishForward', backward: 'swishBackward' },
} as const;

function fillRange(target: Float32Array, offset: number, values: Float32Array, count: number): void {
  if (values.length >= count) {
    target.set(values.subarray(0, count), offset);
    return;
  }
  for (let done = 0; done < count; done += values.length) {
    target.set(values.subarray(0, Math.min(values.length, count - done)), offset + done);
  }
}

function canaryArray(elements: number): Float32Array<ArrayBuffer> {
  const array = new Float32Array(elements);
  new Uint32Array(array.buffer).fill(CANARY_BITS);
  return array;
}

export function createHarness(lib: Lib) {
  let adapterPromise: Promise<GPUAdapter | null> | undefined;
  const devices = new Map<number, Promise<GPUDevice>>();

  function adapter(): Promise<GPUAdapter | null> {
    if (!('gpu' in navigator)) return Promise.resolve(null);
    adapterPromise ??= navigator.gpu.requestAdapter();
    return adapterPromise;
  }

  /** A device with default limits, or one whose binding and buffer limits reach `bytes`. */
  function device(bytes = 0): Promise<GPUDevice> {
    const key = bytes > 128 * 2 ** 20 ? bytes : 0;
    let promise = devices.get(key);
    if (promise === undefined) {
      // An adapter yields one device; the large-binding device needs an adapter of its own.
      const source = devices.size === 0 ? adapter() : navigator.gpu.requestAdapter();
      promise = source.then((found) => {
        if (found === null) throw new Error('no WebGPU adapter');
        if (key === 0) return found.requestDevice({ label: 'webgpu-mish test device' });
        return found.requestDevice({
          label: `webgpu-mish test device (${key} byte bindings)`,
          requiredLimits: { maxStorageBufferBindingSize: key, maxBufferSize: key },
        });
      });
      devices.set(key, promise);
    }
    return promise;
  }

  async function describeAdapter(): Promise<AdapterDescription | null> {
    const found = await adapter();
    if (found === null) return null;
    const info = found.info;
    return {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
      features: [...found.features].sort(),
    };
  }

  function pushScopes(gpu: GPUDevice): void {
    gpu.pushErrorScope('validation');
    gpu.pushErrorScope('out-of-memory');
    gpu.pushErrorScope('internal');
  }

  async function popScopes(gpu: GPUDevice): Promise<string[]> {
    const errors = [await gpu.popErrorScope(), await gpu.popErrorScope(), await gpu.popErrorScope()];
    return errors.filter((error): error is GPUError => error !== null).map((error) => error.message);
  }

  function upload(gpu: GPUDevice, label: string, data: Float32Array<ArrayBuffer>): GPUBuffer {
    const buffer = gpu.createBuffer({
      label,
      size: Math.max(4, data.byteLength),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    gpu.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  /** Compares out[outOffset + i] with the reference for x[i], dy[i]; checks the canaries around the range. */
  function compare(
    spec: Pick<CaseSpec, 'activation' | 'pass'>,
    out: Float32Array,
    outOffset: number,
    length: number,
    xs: Float32Array,
    dys: Float32Array,
    period: number,
    report: Omit<CaseResult, 'milliseconds' | 'gpuErrors'>,
    rows: string[],
  ): void {
    const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    const fail = (index: number, line: string): void => {
      report.failures++;
      if (rows.length < REPORTED_FAILURES) rows.push(`${String(index).padStart(10)} | ${line}`);
    };
    const checkedPeriod = Math.min(length, period);
    for (let i = 0; i < checkedPeriod; i++) {
      const x = xs[i] as number;
      const dy = spec.pass === 'backward' ? (dys[i] as number) : 1;
      const got = out[outOffset + i] as number;
      const expected = expectedValue(spec.activation, spec.pass, x, dy);
      const { bound: allowed, flushed } = allowedError(spec.activation, spec.pass, x, dy);
      const error = got === expected ? 0 : Math.abs(got - expected);
      const ulp = ulpOf(expected);
      if (!(error <= allowed)) {
        fail(
          i,
          `x=${x} dy=${dy} | got ${got} | expected ${expected} | error ${(error / ulp).toPrecision(4)} ulp, ` +
            `allowed ${(allowed / ulp).toPrecision(4)} ulp`,
        );
      }
      if (flushed) {
        report.flushed++;
        continue;
      }
      if (error / ulp > report.worstUlp) {
        report.worstUlp = error / ulp;
        report.worstUlpInput = x;
      }
      if (error > report.worstAbs) {
        report.worstAbs = error;
        report.worstAbsInput = x;
      }
    }
    for (let i = period; i < length; i++) {
      if (outBits[outOffset + i] !== outBits[outOffset + (i % period)]) {
        fail(i, `tiled run: bits 0x${(outBits[outOffset + i] as number).toString(16)} differ from element ${i % period}`);
      }
    }
    report.checked += length;
  }

  /** Every element outside the written ranges must still hold the canary bits. */
  function checkCanaries(
    out: Float32Array,
    ranges: ReadonlyArray<{ offset: number; length: number }>,
    report: Omit<CaseResult, 'milliseconds' | 'gpuErrors'>,
    rows: string[],
  ): void {
    const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    const inRange = new Uint8Array(out.length);
    for (const { offset, length } of ranges) inRange.fill(1, offset, offset + length);
    for (let i = 0; i < out.length; i++) {
      if (inRange[i] === 0 && outBits[i] !== CANARY_BITS) {
        report.failures++;
        if (rows.length < REPORTED_FAILURES) {
          rows.push(`${String(i).padStart(10)} | canary outside the range overwritten: 0x${(outBits[i] as number).toString(16)}`);
        }
      }
    }
  }

  function emptyReport(): Omit<CaseResult, 'milliseconds' | 'gpuErrors'> {
    return {
      checked: 0,
      failures: 0,
      report: '',
      worstUlp: 0,
      worstUlpInput: 0,
      worstAbs: 0,
      worstAbsInput: 0,
      flushed: 0,
    };
  }

  function finish(
    report: Omit<CaseResult, 'milliseconds' | 'gpuErrors'>,
    rows: string[],
    gpuErrors: string[],
    started: number,
  ): CaseResult {
    const header = '     index | input | got | expected | error';
    report.report = rows.length > 0 ? [header, ...rows].join('\n') : '';
    return { ...report, gpuErrors, milliseconds: performance.now() - started };
  }

  async function runCase(spec: CaseSpec): Promise<CaseResult> {
    const started = performance.now();
    const { activation, pass, length } = spec;
    const xOffset = spec.xOffset ?? 0;
    const dyOffset = spec.inPlace === 'dy' ? (spec.outOffset ?? spec.dyOffset ?? 0) : (spec.dyOffset ?? 0);
    const outOffset = spec.inPlace === 'x' ? xOffset : spec.inPlace === 'dy' ? dyOffset : (spec.outOffset ?? 0);
    const tail = spec.omitLength ? 0 : TAIL_CANARIES;
    const seed = spec.seed ?? length + 17;
    const period = spec.pattern === 'tiled' ? TILE_PERIOD : length;
    const xs = spreadInputs(Math.min(length, period), seed);
    const dys = spreadGradients(Math.min(length, period), seed);

    const bytes = 4 * (Math.max(xOffset, dyOffset, outOffset) + length + tail);
    const gpu = await device(spec.defaultLimits ? 0 : bytes);
    const created: GPUBuffer[] = [];
    const hostX = canaryArray(xOffset + length + tail);
    fillRange(hostX, xOffset, xs, length);
    const x = upload(gpu, 'test x', hostX);
    created.push(x);
    let dy: GPUBuffer | undefined;
    if (pass === 'backward') {
      const hostDy = canaryArray(dyOffset + length + tail);
      fillRange(hostDy, dyOffset, dys, length);
      dy = upload(gpu, 'test dy', hostDy);
      created.push(dy);
    }
    let out: GPUBuffer;
    if (spec.inPlace === 'x') out = x;
    else if (spec.inPlace === 'dy' && dy !== undefined) out = dy;
    else {
      const hostOut = canaryArray(outOffset + length + TAIL_CANARIES);
      new Uint32Array(hostOut.buffer, outOffset * 4, length).fill(POISON_BITS);
      out = upload(gpu, 'test out', hostOut);
      created.push(out);
    }

    pushScopes(gpu);
    const encoder = spec.encoder ? gpu.createCommandEncoder({ label: 'test encoder' }) : undefined;
    const name = kernelNames[activation][pass];
    const common = { length: spec.omitLength ? undefined : length, encoder, xOffset };
    if (pass === 'forward') {
      (lib[name as 'mishForward'])(gpu, { ...common, x, y: out, yOffset: outOffset });
    } else {
      (lib[name as 'mishBackward'])(gpu, {
        ...common,
        x,
        dy: dy as GPUBuffer,
        dx: out,
        dyOffset,
        dxOffset: outOffset,
      });
    }
    if (encoder !== undefined) gpu.queue.submit([encoder.finish()]);
    const result = await readBuffer(gpu, out, 'webgpu-mish test readback');
    const gpuErrors = await popScopes(gpu);
    for (const buffer of created) buffer.destroy();

    const report = emptyReport();
    const rows: string[] = [];
    // In place, the canaries around the range are the input's own canaries: the same bits.
    compare(spec, result, outOffset, length, xs, dys, period, report, rows);
    checkCanaries(result, [{ offset: outOffset, length }], report, rows);
    return finish(report, rows, gpuErrors, started);
  }

  /** Several calls with different ranges recorded into one encoder, then one submit. */
  async function runEncoderBatch(activation: Activation, pass: Pass): Promise<CaseResult> {
    const started = performance.now();
    const gpu = await device();
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
    const out = upload(gpu, 'test out', canaryArray(elements + TAIL_CANARIES));
    pushScopes(gpu);
    const encoder = gpu.createCommandEncoder({ label: 'test batch encoder' });
    for (const call of calls) {
      const common = { encoder, length: call.length, xOffset: call.xOffset };
      if (pass === 'forward') {
        lib[kernelNames[activation].forward](gpu, { ...common, x, y: out, yOffset: call.outOffset });
      } else {
        lib[kernelNames[activation].backward](gpu, {
          ...common,
          x,
          dy,
          dx: out,
          dyOffset: call.dyOffset,
          dxOffset: call.outOffset,
        });
      }
    }
    gpu.queue.submit([encoder.finish()]);
    const result = await readBuffer(gpu, out, 'webgpu-mish test readback');
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [x, dy, out]) buffer.destroy();

    const report = emptyReport();
    const rows: string[] = [];
    for (const call of calls) {
      const xs = hostX.slice(call.xOffset, call.xOffset + call.length);
      const dys = hostDy.slice(call.dyOffset, call.dyOffset + call.length);
      compare({ activation, pass }, result, call.outOffset, call.length, xs, dys, call.length, report, rows);
    }
    checkCanaries(result, calls.map((call) => ({ offset: call.outOffset, length: call.length })), report, rows);
    return finish(report, rows, gpuErrors, started);
  }

  /**
   * Calls a kernel with bad arguments on the real device. Returns the synchronous error message (or null when
   * nothing was thrown) and any GPU error the call left behind (there must be none).
   */
  async function runBadCall(
    kernel: keyof typeof kernelNames,
    pass: Pass,
    problem: 'no-storage' | 'too-small' | 'fractional-offset' | 'negative-length' | 'missing-buffer' | 'overlap',
  ): Promise<{ message: string | null; gpuErrors: string[] }> {
    const gpu = await device();
    const good = gpu.createBuffer({ label: 'test good', size: 64, usage: GPUBufferUsage.STORAGE });
    const noStorage = gpu.createBuffer({
      label: 'test no storage',
      size: 64,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.UNIFORM,
    });
    const small = gpu.createBuffer({ label: 'test small', size: 16, usage: GPUBufferUsage.STORAGE });
    const out = gpu.createBuffer({ label: 'test out', size: 64, usage: GPUBufferUsage.STORAGE });
    const args: Record<string, unknown> = { x: good, y: out, dy: good, dx: out };
    if (problem === 'no-storage') args.x = noStorage;
    if (problem === 'too-small') args[pass === 'forward' ? 'y' : 'dx'] = small;
    if (problem === 'fractional-offset') args.xOffset = 1.5;
    if (problem === 'negative-length') args.length = -1;
    if (problem === 'missing-buffer') delete args[pass === 'forward' ? 'y' : 'dy'];
    if (problem === 'overlap') {
      args[pass === 'forward' ? 'y' : 'dx'] = good;
      args[pass === 'forward' ? 'yOffset' : 'dxOffset'] = 2;
      args.length = 8;
    }
    pushScopes(gpu);
    let message: string | null = null;
    try {
      const call = lib[kernelNames[kernel][pass]] as (device: GPUDevice, args: unknown) => void;
      call(gpu, args);
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    await gpu.queue.onSubmittedWorkDone();
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [good, noStorage, small, out]) buffer.destroy();
    return { message, gpuErrors };
  }

  /** A fresh device on a fresh adapter (an adapter yields one device). */
  async function freshDevice(label: string): Promise<GPUDevice> {
    const found = await navigator.gpu.requestAdapter();
    if (found === null) throw new Error('no WebGPU adapter');
    return found.requestDevice({ label });
  }

  /** mishForward on 1 000 spread inputs, checked against the reference; the failures counted. */
  async function checkedMishForward(gpu: GPUDevice): Promise<number> {
    const xs = spreadInputs(1000, 99);
    const x = upload(gpu, 'test x', xs);
    const y = upload(gpu, 'test y', new Float32Array(1000));
    lib.mishForward(gpu, { x, y });
    const got = await readBuffer(gpu, y);
    x.destroy();
    y.destroy();
    let failures = 0;
    xs.forEach((value, i) => {
      const error = Math.abs((got[i] as number) - expectedValue('mish', 'forward', value, 1));
      if (!(error <= allowedError('mish', 'forward', value, 1).bound)) failures++;
    });
    return failures;
  }

  /**
   * prepare() on a new device, awaited before the first call or not; then a checked call. Reports the pipelines
   * the device holds right after prepare settles.
   */
  async function runPrepare(awaitFirst: boolean): Promise<{ pipelines: number; failures: number; gpuErrors: string[] }> {
    const gpu = await freshDevice('webgpu-mish prepare test');
    pushScopes(gpu);
    let failures: number;
    let pipelines: number;
    if (awaitFirst) {
      await lib.prepare(gpu);
      pipelines = pipelineCount(gpu);
      failures = await checkedMishForward(gpu);
    } else {
      const prepared = lib.prepare(gpu);
      failures = await checkedMishForward(gpu);
      await prepared;
      pipelines = pipelineCount(gpu);
    }
    const gpuErrors = await popScopes(gpu);
    gpu.destroy();
    return { pipelines, failures, gpuErrors };
  }

  /** A call after device.destroy() must throw and say so; a new device must then work with no other action. */
  async function runDeviceLoss(): Promise<{ reason: string; message: string | null; failuresAfter: number }> {
    const first = await freshDevice('webgpu-mish device loss test');
    const failuresBefore = await checkedMishForward(first);
    const x = first.createBuffer({ label: 'test x', size: 64, usage: GPUBufferUsage.STORAGE });
    first.destroy();
    const info = await first.lost;
    let message: string | null = null;
    try {
      lib.mishForward(first, { x, y: x });
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    const second = await freshDevice('webgpu-mish device after loss');
    const failuresAfter = failuresBefore + (await checkedMishForward(second));
    second.destroy();
    return { reason: info.reason, message, failuresAfter };
  }

  /** 16-bit storage: runs one call on f16 or bf16 buffers and checks every element within 1 ulp of the format. */
  async function runHalf(spec: HalfSpec): Promise<HalfResult> {
    const { activation, pass, dtype } = spec;
    const all = spec.inputs === 'all';
    const length = all ? 65_536 : (spec.inputs as number);
    const xOffset = spec.xOffset ?? 0;
    const dyOffset = spec.inPlace === 'dy' ? (spec.outOffset ?? spec.dyOffset ?? 0) : (spec.dyOffset ?? 0);
    const outOffset = spec.inPlace === 'x' ? xOffset : spec.inPlace === 'dy' ? dyOffset : (spec.outOffset ?? 0);
    const canary = dtype === 'f16' ? 0x7c01 : 0x7f81; // signalling-NaN patterns no kernel writes
    const next = randomBits(length * 31 + 7);
    const finiteRandom = (): number => {
      for (;;) {
        const bits = next() & 0xffff;
        if (!Number.isNaN(decodeHalf(dtype, bits)) && Number.isFinite(decodeHalf(dtype, bits))) return bits;
      }
    };
    const xs = Uint16Array.from({ length }, (_, i) => (all ? i : finiteRandom()));
    const one = encodeHalf(dtype, 1);
    // dy = ±1: the 16-bit bound is stated for dy = 1 (near the zero of f' the f32 error is absolute, and a
    // larger dy would scale it past one ulp of a subnormal result).
    const minusOne = encodeHalf(dtype, -1);
    const dys = Uint16Array.from({ length }, () => (all || (next() & 1) === 0 ? one : minusOne));
    const hostOf = (offset: number, values: Uint16Array | null): Uint16Array<ArrayBuffer> => {
      const elements = offset + length + 5;
      const host = new Uint16Array(Math.ceil(elements / 2) * 2).fill(canary);
      if (values !== null) host.set(values, offset);
      return host;
    };
    const gpu = await device();
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const make = (label: string, host: Uint16Array<ArrayBuffer>): GPUBuffer => {
      const buffer = gpu.createBuffer({ label, size: host.byteLength, usage });
      gpu.queue.writeBuffer(buffer, 0, host);
      return buffer;
    };
    const created: GPUBuffer[] = [];
    const x = make('test x16', hostOf(xOffset, xs));
    created.push(x);
    let dy: GPUBuffer | undefined;
    if (pass === 'backward') {
      dy = make('test dy16', hostOf(dyOffset, dys));
      created.push(dy);
    }
    let out: GPUBuffer;
    if (spec.inPlace === 'x') out = x;
    else if (spec.inPlace === 'dy' && dy !== undefined) out = dy;
    else {
      out = make('test out16', hostOf(outOffset, new Uint16Array(length).fill(dtype === 'f16' ? 0x7c02 : 0x7f82)));
      created.push(out);
    }
    pushScopes(gpu);
    const encoder = spec.encoder ? gpu.createCommandEncoder({ label: 'test encoder' }) : undefined;
    const common = { length, encoder, xOffset, dtype };
    if (pass === 'forward') {
      lib[kernelNames[activation].forward](gpu, { ...common, x, y: out, yOffset: outOffset });
    } else {
      lib[kernelNames[activation].backward](gpu, { ...common, x, dy: dy as GPUBuffer, dx: out, dyOffset, dxOffset: outOffset });
    }
    if (encoder !== undefined) gpu.queue.submit([encoder.finish()]);
    const result = new Uint16Array((await readBuffer(gpu, out, 'webgpu-mish test readback')).buffer);
    const gpuErrors = await popScopes(gpu);
    for (const buffer of created) buffer.destroy();

    const report: HalfResult = { checked: 0, failures: 0, report: '', worstUlp: 0, worstUlpInput: 0, flushAllowed: 0, gpuErrors };
    const rows: string[] = [];
    const fail = (index: number, line: string): void => {
      report.failures++;
      if (rows.length < REPORTED_FAILURES) rows.push(`${String(index).padStart(10)} | ${line}`);
    };
    const atNegativeInfinity = activation === 'relu' ? 0 : -0;
    for (let i = 0; i < length; i++) {
      const xBits = xs[i] as number;
      const value = decodeHalf(dtype, xBits);
      const dyValue = pass === 'backward' ? decodeHalf(dtype, dys[i] as number) : 1;
      const gotBits = result[outOffset + i] as number;
      const got = decodeHalf(dtype, gotBits);
      report.checked++;
      const describe = `x=${value} (0x${xBits.toString(16)}) dy=${dyValue} | got ${got} (0x${gotBits.toString(16)})`;
      if (Number.isNaN(value)) {
        if (!Number.isNaN(got)) fail(i, `${describe} | expected NaN`);
        continue;
      }
      let exact: number;
      if (!Number.isFinite(value)) {
        exact = pass === 'forward' ? (value > 0 ? value : atNegativeInfinity) : value > 0 ? dyValue : dyValue * 0;
      } else {
        exact = expectedValue(activation, pass, value, dyValue);
      }
      const rounded = roundToHalf(dtype, exact);
      if (!Number.isFinite(rounded) || !Number.isFinite(exact)) {
        if (!Object.is(got, rounded)) fail(i, `${describe} | expected ${rounded}`);
        continue;
      }
      const ulp = halfUlp(dtype, exact);
      const ulps = Math.abs(got - exact) / ulp;
      if (Number.isFinite(got) && ulps <= 1) {
        if (ulps > report.worstUlp) Object.assign(report, { worstUlp: ulps, worstUlpInput: value });
        continue;
      }
      // WGSL lets f32 arithmetic flush subnormals: a subnormal input, an f32 result below 2⁻¹²⁶, or exp(x) below
      // 2⁻¹²⁶ in f32 (x < −87.3, Mish backward and Swish) may turn the result into zero. Mish forward writes its
      // subnormal results as bits, so for it only a subnormal input may.
      const subnormalInput = value !== 0 && Math.abs(value) < 2 ** -126;
      const flushable =
        activation === 'mish' && pass === 'forward'
          ? subnormalInput
          : subnormalInput || Math.abs(exact) < 2 ** -126 || (activation !== 'relu' && value < -87.3);
      if (flushable && got === 0) {
        report.flushAllowed++;
        continue;
      }
      fail(i, `${describe} | exact ${exact}, rounds to ${rounded} | error ${ulps.toPrecision(4)} ulp`);
    }
    for (let i = 0; i < result.length; i++) {
      if ((i < outOffset || i >= outOffset + length) && result[i] !== canary) {
        fail(i, `canary outside the range overwritten: 0x${(result[i] as number).toString(16)}`);
      }
    }
    report.report = rows.length > 0 ? ['     index | input | got | expected', ...rows].join('\n') : '';
    return report;
  }

  /** The README's fusion example: the library's mishWgsl in a shader of one's own, run in place on 1 000 values. */
  async function runSnippet(): Promise<{ failures: number; report: string; gpuErrors: string[] }> {
    const gpu = await device();
    pushScopes(gpu);
    const code =
      lib.mishWgsl +
      `
  @group(0) @binding(0) var<storage, read_write> acc: array<f32>;
  @compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
    if (id.x < arrayLength(&acc)) { acc[id.x] = mish(acc[id.x]); }
  }`;
    const pipeline = gpu.createComputePipeline({
      label: 'test snippet',
      layout: 'auto',
      compute: { module: gpu.createShaderModule({ label: 'test snippet', code }), entryPoint: 'main' },
    });
    const xs = spreadInputs(1000, 5);
    const acc = upload(gpu, 'test snippet acc', xs);
    const encoder = gpu.createCommandEncoder({ label: 'test snippet' });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, gpu.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: acc } }] }));
    pass.dispatchWorkgroups(Math.ceil(1000 / 64));
    pass.end();
    gpu.queue.submit([encoder.finish()]);
    const got = await readBuffer(gpu, acc);
    const gpuErrors = await popScopes(gpu);
    acc.destroy();
    const rows: string[] = [];
    let failures = 0;
    xs.forEach((x, i) => {
      const expected = expectedValue('mish', 'forward', x, 1);
      const error = Math.abs((got[i] as number) - expected);
      if (!(error <= allowedError('mish', 'forward', x, 1).bound)) {
        failures++;
        if (rows.length < REPORTED_FAILURES) rows.push(`${i} | x=${x} | got ${got[i]} | expected ${expected}`);
      }
    });
    return { failures, report: rows.join('\n'), gpuErrors };
  }

  /**
   * Runs one kernel on raw f32 bit patterns (NaN payloads, ±∞, ±0, subnormals) and returns the output bits, so
   * that special values are checked bit for bit rather than through float comparisons.
   */
  async function runBits(
    activation: Activation,
    pass: Pass,
    xBits: number[],
    dyBits?: number[],
  ): Promise<{ outBits: number[]; gpuErrors: string[] }> {
    const gpu = await device();
    pushScopes(gpu);
    const asFloats = (bits: number[]): Float32Array<ArrayBuffer> => new Float32Array(new Uint32Array(bits).buffer);
    const x = upload(gpu, 'test bits x', asFloats(xBits));
    const out = upload(gpu, 'test bits out', new Float32Array(xBits.length));
    const dy = pass === 'backward' ? upload(gpu, 'test bits dy', asFloats(dyBits ?? xBits.map(() => 0x3f800000))) : undefined;
    if (pass === 'forward') lib[kernelNames[activation].forward](gpu, { x, y: out });
    else lib[kernelNames[activation].backward](gpu, { x, dy: dy as GPUBuffer, dx: out });
    const got = await readBuffer(gpu, out, 'webgpu-mish test readback');
    const gpuErrors = await popScopes(gpu);
    for (const buffer of [x, out, dy]) buffer?.destroy();
    return { outBits: Array.from(new Uint32Array(got.buffer, got.byteOffset, xBits.length)), gpuErrors };
  }

  return {
    describeAdapter,
    runBits,
    runCase,
    runEncoderBatch,
    runBadCall,
    runPrepare,
    runDeviceLoss,
    runHalf,
    runSnippet,
  };
}

export type Harness = ReturnType<typeof createHarness>;
