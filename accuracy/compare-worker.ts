/**
 * Compares one slice of a sweep with the float64 reference. Inputs are regenerated from their bit patterns
 * (start + i·stride), so only the outputs cross from the page.
 */
import { MIN_NORMAL, ulpOf } from '../common/f32.js';
import { ACTIVATIONS, type PromisedBounds, type SpecialResults } from '../src/testing.js';
import { emptyStats, REGIONS, type RegionStats, regionOf, SWEPT_KERNELS, type SweptKernel } from './metrics.js';

export interface CompareRequest {
  start: number;
  stride: number;
  count: number;
  outputs: Partial<Record<SweptKernel, Float32Array>>;
}

export type CompareResponse = Partial<Record<SweptKernel, RegionStats[]>>;

const { mish, swish } = ACTIVATIONS;
/** The float64 reference of each swept kernel (the builtin-composed and ONNX Runtime's Mish against Mish's). */
const references: Record<SweptKernel, (x: number) => number> = {
  'mish forward': mish.reference.forward,
  'mish backward': mish.reference.grad,
  'mish-builtin forward': mish.reference.forward,
  'mish-builtin backward': mish.reference.grad,
  'ort-mish forward': mish.reference.forward,
  'swish forward': swish.reference.forward,
  'swish backward': swish.reference.grad,
};
/** The defined results for NaN and ±∞ (dy = 1), and for forward ±0 (the input itself); none for the others' Mish. */
const specials: Record<SweptKernel, SpecialResults | null> = {
  'mish forward': mish.special.forward,
  'mish backward': mish.special.backward,
  'mish-builtin forward': null,
  'mish-builtin backward': null,
  'ort-mish forward': null,
  'swish forward': swish.special.forward,
  'swish backward': swish.special.backward,
};
/** The "beyond" column of every backward kernel uses Mish's absolute term. */
const BACKWARD_ABSOLUTE = (mish.bounds as PromisedBounds).backwardAbsolute;

const scratchBits = new Uint32Array(1);
const scratchFloat = new Float32Array(scratchBits.buffer);

function wrongSpecial(s: RegionStats, x: number): void {
  if (s.wrongSpecial === 0) s.wrongSpecialAt = x;
  s.wrongSpecial++;
}

/** Records one finite, non-special output's error into its region's stats. */
function measure(s: RegionStats, x: number, value: number, expected: number, backward: boolean): void {
  if (!Number.isFinite(value)) {
    if (s.nonFinite === 0) s.nonFiniteAt = x;
    s.nonFinite++;
    return;
  }
  const error = Math.abs(value - expected);
  if (error === 0) return;
  const ulp = ulpOf(expected);
  if (error / ulp > s.maxUlp) Object.assign(s, { maxUlp: error / ulp, maxUlpAt: x });
  if (backward) {
    const beyond = Math.max(0, error - BACKWARD_ABSOLUTE) / ulp;
    if (beyond > s.maxUlpBeyondAbsolute) Object.assign(s, { maxUlpBeyondAbsolute: beyond, maxUlpBeyondAbsoluteAt: x });
  }
}

function compare(request: CompareRequest): CompareResponse {
  const response: CompareResponse = {};
  // Kernels that share a reference (Mish and the builtin-composed Mish) evaluate it once per slice.
  const evaluated = new Map<(x: number) => number, Float64Array>();
  for (const kernel of SWEPT_KERNELS) {
    const got = request.outputs[kernel];
    if (got === undefined) continue;
    const reference = references[kernel];
    let expectedValues = evaluated.get(reference);
    if (expectedValues === undefined) {
      expectedValues = new Float64Array(request.count);
      for (let i = 0; i < request.count; i++) {
        scratchBits[0] = (request.start + i * request.stride) >>> 0;
        expectedValues[i] = reference(scratchFloat[0] as number);
      }
      evaluated.set(reference, expectedValues);
    }
    const backward = kernel.endsWith('backward');
    const defined = specials[kernel];
    const stats = REGIONS.map(emptyStats);
    for (let i = 0; i < request.count; i++) {
      scratchBits[0] = (request.start + i * request.stride) >>> 0;
      const x = scratchFloat[0] as number;
      const s = stats[regionOf(x)] as RegionStats;
      s.count++;
      const value = got[i] as number;
      if (!Number.isFinite(x)) {
        if (defined === null) continue;
        const result = Number.isNaN(x) ? defined.nan : x > 0 ? defined.plusInfinity : defined.minusInfinity;
        if (!Object.is(value, result)) wrongSpecial(s, x);
        continue;
      }
      if (x === 0 && !backward && defined !== null && !Object.is(value, x)) {
        wrongSpecial(s, x);
        continue;
      }
      // A subnormal input may be flushed to zero (WGSL allows it): a zero with the input's sign is allowed.
      if (!backward && value === 0 && x !== 0 && Math.abs(x) < MIN_NORMAL && Object.is(value, x < 0 ? -0 : 0)) {
        s.signedZero++;
        continue;
      }
      measure(s, x, value, expectedValues[i] as number, backward);
    }
    response[kernel] = stats;
  }
  return response;
}

self.onmessage = (event: MessageEvent<CompareRequest>) => {
  (self as unknown as Worker).postMessage(compare(event.data));
};
