/**
 * How `npm run accuracy` measures error: regions of the input line and a running worst case per region. Shared by
 * the page and its comparison workers (ulps: common/f32.ts; references, special values and bounds: the
 * activations' registry).
 */

import { MIN_NORMAL } from '../common/f32.js';

export const REGIONS = ['x < -87', '[-87, -20)', '[-20, -1)', '[-1, 1]', '(1, 20]', '(20, inf)', 'subnormal x', 'NaN, ±inf'] as const;

export function regionOf(x: number): number {
  if (!Number.isFinite(x)) return 7;
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && magnitude < MIN_NORMAL) return 6;
  if (x < -87) return 0;
  if (x < -20) return 1;
  if (x < -1) return 2;
  if (x <= 1) return 3;
  if (x <= 20) return 4;
  return 5;
}

export interface RegionStats {
  /** Largest |got − expected| in ulps of the expected value. */
  maxUlp: number;
  maxUlpAt: number;
  /** Largest (|got − expected| − the absolute term of Mish's backward bound, at least 0) in ulps: its relative part. */
  maxUlpBeyondAbsolute: number;
  maxUlpBeyondAbsoluteAt: number;
  /** Finite inputs whose output was NaN or ±∞. */
  nonFinite: number;
  nonFiniteAt: number;
  /** Subnormal inputs whose result was a zero with the input's sign (allowed: WGSL lets them be flushed). */
  signedZero: number;
  /** NaN, ±∞ and ±0 inputs whose output bits differ from the defined special value. */
  wrongSpecial: number;
  wrongSpecialAt: number;
  count: number;
}

export function emptyStats(): RegionStats {
  return {
    maxUlp: 0,
    maxUlpAt: 0,
    maxUlpBeyondAbsolute: 0,
    maxUlpBeyondAbsoluteAt: 0,
    nonFinite: 0,
    nonFiniteAt: 0,
    signedZero: 0,
    wrongSpecial: 0,
    wrongSpecialAt: 0,
    count: 0,
  };
}

export function mergeStats(into: RegionStats, from: RegionStats): void {
  if (from.maxUlp > into.maxUlp) Object.assign(into, { maxUlp: from.maxUlp, maxUlpAt: from.maxUlpAt });
  if (from.maxUlpBeyondAbsolute > into.maxUlpBeyondAbsolute) {
    Object.assign(into, {
      maxUlpBeyondAbsolute: from.maxUlpBeyondAbsolute,
      maxUlpBeyondAbsoluteAt: from.maxUlpBeyondAbsoluteAt,
    });
  }
  if (into.nonFinite === 0 && from.nonFinite > 0) into.nonFiniteAt = from.nonFiniteAt;
  into.nonFinite += from.nonFinite;
  if (into.wrongSpecial === 0 && from.wrongSpecial > 0) into.wrongSpecialAt = from.wrongSpecialAt;
  into.wrongSpecial += from.wrongSpecial;
  into.signedZero += from.signedZero;
  into.count += from.count;
}

/**
 * The kernels the sweep measures, with their float64 reference (dy = 1 for the backward ones). `ort-mish forward`
 * (ONNX Runtime Web's Mish) only where the sweep runs in a browser.
 */
export const SWEPT_KERNELS = [
  'mish forward',
  'mish backward',
  'mish-builtin forward',
  'mish-builtin backward',
  'ort-mish forward',
  'swish forward',
  'swish backward',
] as const;
export type SweptKernel = (typeof SWEPT_KERNELS)[number];
