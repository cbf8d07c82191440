/**
 * How `npm run accuracy` measures error: regions of the input line, the ulp of a float64 reference value, and a
 * running worst case per region. Shared by the page and its comparison workers.
 */

export const REGIONS = [
  'x < -87',
  '[-87, -20)',
  '[-20, -1)',
  '[-1, 1]',
  '(1, 20]',
  '(20, inf)',
  'subnormal x',
  'NaN, ±inf',
] as const;
export type Region = (typeof REGIONS)[number];

/** The absolute term of the backward bound: mish' has a zero near x ≈ −1.19, where no f32 formula is relatively accurate. */
export const BACKWARD_ABSOLUTE = 2 ** -22;

export function regionOf(x: number): number {
  if (!Number.isFinite(x)) return 7;
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && magnitude < 2 ** -126) return 6;
  if (x < -87) return 0;
  if (x < -20) return 1;
  if (x < -1) return 2;
  if (x <= 1) return 3;
  if (x <= 20) return 4;
  return 5;
}

// ulp(v) for f32: 2^(exponent − 23), and 2⁻¹⁴⁹ (the smallest normal's ulp) for subnormal and zero results.
const ulpByExponent = Float64Array.from({ length: 256 }, (_, e) => 2 ** (Math.max(e, 1) - 150));
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** The ulp of the f32 nearest to |value| (ulp of the largest finite f32 for values that round to infinity). */
export function ulpOf(value: number): number {
  scratchFloat[0] = value;
  const exponent = (scratchBits[0] as number) >>> 23 & 0xff;
  return ulpByExponent[exponent === 255 ? 254 : exponent] as number;
}

export interface RegionStats {
  /** Largest |got − expected| in ulps of the expected value. */
  maxUlp: number;
  maxUlpAt: number;
  /** Largest (|got − expected| − BACKWARD_ABSOLUTE, at least 0) in ulps: the backward bound's relative part. */
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

/** The kernels the sweep measures, with their float64 reference (dy = 1 for the backward ones). */
export const SWEPT_KERNELS = [
  'mish forward',
  'mish backward',
  'mish-builtin forward',
  'mish-builtin backward',
  'swish forward',
  'swish backward',
] as const;
export type SweptKernel = (typeof SWEPT_KERNELS)[number];

/**
 * The defined results for x = NaN, +∞, −∞ (dy = 1), or null where a kernel defines none (the builtin-composed
 * Mish, shown only for comparison). ±0 are checked separately: f(±0) = ±0 forward, bit for bit.
 */
export const SPECIAL_VALUES: Record<SweptKernel, { nan: number; plusInfinity: number; minusInfinity: number } | null> = {
  'mish forward': { nan: Number.NaN, plusInfinity: Number.POSITIVE_INFINITY, minusInfinity: -0 },
  'mish backward': { nan: Number.NaN, plusInfinity: 1, minusInfinity: 0 },
  'mish-builtin forward': null,
  'mish-builtin backward': null,
  'swish forward': { nan: Number.NaN, plusInfinity: Number.POSITIVE_INFINITY, minusInfinity: -0 },
  'swish backward': { nan: Number.NaN, plusInfinity: 1, minusInfinity: 0 },
};
