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

function compare(request: CompareRequest): CompareResponse {
  const response: CompareResponse = {};
  for (const kernel of SWEPT_KERNELS) {
    const got = request.outputs[kernel];
    if (got === undefined) continue;
    const reference = references[kernel];
    const backward = kernel.endsWith('backward');
    const stats = REGIONS.map(emptyStats);
    for (let i = 0; i < request.count; i++) {
      scratchBits[0] = (request.start + i * request.stride) >>> 0;
      const x = scratchFloat[0] as number;
      if (!Number.isFinite(x)) continue;
      const s = stats[regionOf(x)] as RegionStats;
      s.count++;
      const value = got[i] as number;
      const expected = reference(x);
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
