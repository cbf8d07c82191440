/**
 * Compares one slice of a sweep with the float64 reference. Inputs are regenerated from their bit patterns
 * (start + i·stride), so only the outputs cross from the page.
 */
import { mish, mishGrad, swish, swishGrad } from '../src/reference.js';
import {
  BACKWARD_ABSOLUTE,
  emptyStats,
  REGIONS,
  type RegionStats,
  regionOf,
  SPECIAL_VALUES,
  SWEPT_KERNELS,
  type SweptKernel,
  ulpOf,
} from './metrics.js';

export interface CompareRequest {
  start: number;
  stride: number;
  count: number;
  outputs: Partial<Record<SweptKernel, Float32Array>>;
}

export type CompareResponse = Partial<Record<SweptKernel, RegionStats[]>>;

const references: Record<SweptKernel, (x: number) => number> = {
  'mish forward': mish,
  'mish backward': mishGrad,
  'mish-builtin forward': mish,
  'mish-builtin backward': mishGrad,
  'swish forward': swish,
  'swish backward': swishGrad,
};

const scratchBits = new Uint32Array(1);
const scratchFloat = new Float32Array(scratchBits.buffer);

function wrongSpecial(s: RegionStats, x: number): void {
  if (s.wrongSpecial === 0) s.wrongSpecialAt = x;
  s.wrongSpecial++;
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
    const specials = SPECIAL_VALUES[kernel];
    const stats = REGIONS.map(emptyStats);
    for (let i = 0; i < request.count; i++) {
      scratchBits[0] = (request.start + i * request.stride) >>> 0;
      const x = scratchFloat[0] as number;
      const s = stats[regionOf(x)] as RegionStats;
      s.count++;
      const value = got[i] as number;
      if (!Number.isFinite(x)) {
        if (specials === null) continue;
        const defined = Number.isNaN(x) ? specials.nan : x > 0 ? specials.plusInfinity : specials.minusInfinity;
        if (!Object.is(value, defined)) wrongSpecial(s, x);
        continue;
      }
      const expected = expectedValues[i] as number;
      if (x === 0 && !backward && specials !== null && !Object.is(value, x)) {
        wrongSpecial(s, x);
        continue;
      }
      // A subnormal input may be flushed to zero (WGSL allows it): a zero with the input's sign is allowed.
      if (!backward && value === 0 && x !== 0 && Math.abs(x) < 2 ** -126 && Object.is(value, x < 0 ? -0 : 0)) {
        s.signedZero++;
        continue;
      }
      if (!Number.isFinite(value)) {
        if (s.nonFinite === 0) s.nonFiniteAt = x;
        s.nonFinite++;
        continue;
      }
      const error = Math.abs(value - expected);
      if (error === 0) continue;
      const ulp = ulpOf(expected);
      const ulps = error / ulp;
      if (ulps > s.maxUlp) {
        s.maxUlp = ulps;
        s.maxUlpAt = x;
      }
      if (backward) {
        const beyond = Math.max(0, error - BACKWARD_ABSOLUTE) / ulp;
        if (beyond > s.maxUlpBeyondAbsolute) {
          s.maxUlpBeyondAbsolute = beyond;
          s.maxUlpBeyondAbsoluteAt = x;
        }
      }
    }
    response[kernel] = stats;
  }
  return response;
}

self.onmessage = (event: MessageEvent<CompareRequest>) => {
  (self as unknown as Worker).postMessage(compare(event.data));
};
