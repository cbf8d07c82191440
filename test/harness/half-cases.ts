/**
 * Runs in the page: 16-bit storage (f16, bf16). One call on every one of the 65 536 bit patterns of the format
 * (dy = 1), or on random finite inputs and dy = ±1, every result checked within HALF_ULPS of the exact value,
 * special values exactly, and the halves around the range unchanged.
 */
import type { Activation, Pass } from '../../src/index.js';
import { ACTIVATIONS } from '../../src/testing.js';
import { decodeHalf, encodeHalf, type HalfFormat, halfUlp, roundToHalf } from '../../common/half.js';
import { randomBits } from '../support/inputs.js';
import { expectedValue, HALF_ULPS } from '../support/tolerances.js';
import { buildCase, canaryOf } from './buffers.js';
import { type CaseResult, checkCanaries, Report } from './checks.js';
import { type Devices, popScopes, pushScopes } from './device.js';
import { FUNCTIONS, type Lib } from './f32-cases.js';

export interface HalfSpec {
  activation: Activation;
  pass: Pass;
  dtype: HalfFormat;
  /** 'all': every one of the 65 536 bit patterns (dy = 1); otherwise this many random finite inputs and dy = ±1. */
  inputs: 'all' | number;
  xOffset?: number;
  dyOffset?: number;
  outOffset?: number;
  inPlace?: 'x' | 'dy';
  encoder?: boolean;
}

/** Below this, exp(x) is subnormal in f32: Mish backward and Swish may then be flushed to zero. */
const EXP_SUBNORMAL_BELOW = -87.3;

/** The exact result for a 16-bit input, special values from the activations' registry. */
function exactResult(activation: Activation, pass: Pass, x: number, dy: number): number {
  if (Number.isFinite(x)) return expectedValue(activation, pass, x, dy);
  const special = ACTIVATIONS[activation].special[pass];
  if (Number.isNaN(x)) return Number.NaN;
  return dy * (x > 0 ? special.plusInfinity : special.minusInfinity);
}

/**
 * WGSL lets f32 arithmetic flush subnormals: a subnormal input, an f32 result below 2⁻¹²⁶, or exp(x) below 2⁻¹²⁶
 * (Mish backward and Swish) may turn the result into zero. Mish forward writes its subnormal results as bits, so
 * for it only a subnormal input may. Only bf16, which shares f32's exponent range, reaches these.
 */
function flushable(activation: Activation, pass: Pass, x: number, exact: number): boolean {
  const subnormalInput = x !== 0 && Math.abs(x) < 2 ** -126;
  if (activation === 'mish' && pass === 'forward') return subnormalInput;
  return subnormalInput || Math.abs(exact) < 2 ** -126 || (activation !== 'relu' && x < EXP_SUBNORMAL_BELOW);
}

export function createHalfCases(lib: Lib, devices: Devices) {
  async function runHalf(spec: HalfSpec): Promise<CaseResult> {
    const { activation, pass, dtype } = spec;
    const all = spec.inputs === 'all';
    const length = all ? 65_536 : (spec.inputs as number);
    const next = randomBits(length * 31 + 7);
    const finiteRandom = (): number => {
      for (;;) {
        const bits = next() & 0xffff;
        if (Number.isFinite(decodeHalf(dtype, bits))) return bits;
      }
    };
    const xs = Uint16Array.from({ length }, (_, i) => (all ? i : finiteRandom()));
    // dy = ±1: the 16-bit bound is stated for dy = 1 (near the zero of f' the f32 error is absolute, and a larger dy
    // would scale it past one ulp of a subnormal result).
    const [one, minusOne] = [encodeHalf(dtype, 1), encodeHalf(dtype, -1)];
    const dys = Uint16Array.from({ length }, () => (all || (next() & 1) === 0 ? one : minusOne));
    const gpu = await devices.device();
    const buffers = buildCase(gpu, dtype, { ...spec, length }, xs, dys);
    const { x, dy, out, xOffset, dyOffset, outOffset } = buffers;
    pushScopes(gpu);
    const encoder = spec.encoder ? gpu.createCommandEncoder({ label: 'test encoder' }) : undefined;
    const common = { length, encoder, xOffset, dtype };
    if (pass === 'forward') lib[FUNCTIONS[activation].forward](gpu, { ...common, x, y: out, yOffset: outOffset });
    else lib[FUNCTIONS[activation].backward](gpu, { ...common, x, dy: dy as GPUBuffer, dx: out, dyOffset, dxOffset: outOffset });
    if (encoder !== undefined) gpu.queue.submit([encoder.finish()]);
    const result = await buffers.readOut();
    const gpuErrors = await popScopes(gpu);
    buffers.destroy();

    const report = new Report();
    for (let i = 0; i < length; i++) {
      report.checked++;
      const xBits = xs[i] as number;
      const value = decodeHalf(dtype, xBits);
      const dyValue = pass === 'backward' ? decodeHalf(dtype, dys[i] as number) : 1;
      const gotBits = result[outOffset + i] as number;
      const got = decodeHalf(dtype, gotBits);
      const describe = `x=${value} (0x${xBits.toString(16)}) dy=${dyValue} | got ${got} (0x${gotBits.toString(16)})`;
      const exact = exactResult(activation, pass, value, dyValue);
      const rounded = roundToHalf(dtype, exact);
      if (Number.isNaN(exact)) {
        if (!Number.isNaN(got)) report.fail(i, `${describe} | expected NaN`);
        continue;
      }
      if (!Number.isFinite(rounded) || !Number.isFinite(exact)) {
        if (!Object.is(got, rounded)) report.fail(i, `${describe} | expected ${rounded}`);
        continue;
      }
      const ulp = halfUlp(dtype, exact);
      const ulps = Math.abs(got - exact) / ulp;
      if (Number.isFinite(got) && ulps <= HALF_ULPS) {
        report.observe(value, Math.abs(got - exact), ulp);
        continue;
      }
      if (flushable(activation, pass, value, exact) && got === 0) {
        report.flushed++;
        continue;
      }
      report.fail(i, `${describe} | exact ${exact}, rounds to ${rounded} | error ${ulps.toPrecision(4)} ulp`);
    }
    checkCanaries(report, result, [{ offset: outOffset, length }], canaryOf(dtype));
    return report.finish(gpuErrors);
  }

  return { runHalf };
}
