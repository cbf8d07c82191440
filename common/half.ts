/** f16 and bf16 facts for the 16-bit storage tests and for float16-quantized model weights: decoding, the ulp, rounding a float64 to nearest even. */

export type HalfFormat = 'f16' | 'bf16';

const scratch = new DataView(new ArrayBuffer(4));

export function decodeHalf(format: HalfFormat, bits: number): number {
  if (format === 'bf16') {
    scratch.setUint32(0, (bits & 0xffff) << 16);
    return scratch.getFloat32(0);
  }
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Largest finite value, and the smallest magnitude that rounds to ∞ (halfway past the largest). */
const LIMITS: Record<HalfFormat, { max: number; overflow: number; mantissaBits: number; minExponent: number }> = {
  f16: { max: 65504, overflow: 65520, mantissaBits: 10, minExponent: -14 },
  bf16: { max: (2 - 2 ** -7) * 2 ** 127, overflow: (2 - 2 ** -8) * 2 ** 127, mantissaBits: 7, minExponent: -126 },
};

/** The spacing of the format at |value|; the subnormal spacing below its smallest normal. */
export function halfUlp(format: HalfFormat, value: number): number {
  const { mantissaBits, minExponent, max } = LIMITS[format];
  const magnitude = Math.min(Math.abs(value), max);
  const exponent = magnitude === 0 ? minExponent : Math.max(minExponent, Math.floor(Math.log2(magnitude)));
  return 2 ** (exponent - mantissaBits);
}

/** value rounded to the format, to nearest even, overflowing to ±∞. */
export function roundToHalf(format: HalfFormat, value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= LIMITS[format].overflow) return Math.sign(value) * Number.POSITIVE_INFINITY;
  const ulp = halfUlp(format, value);
  const scaled = value / ulp;
  const floor = Math.floor(scaled);
  const rest = scaled - floor;
  const whole = rest > 0.5 ? floor + 1 : rest < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return whole * ulp;
}

/** The bits of a value that the format holds exactly (used to build inputs). */
export function encodeHalf(format: HalfFormat, value: number): number {
  if (format === 'bf16') {
    scratch.setFloat32(0, value);
    return scratch.getUint32(0) >>> 16;
  }
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (magnitude < 2 ** -14) return sign | Math.round(magnitude / 2 ** -24);
  const exponent = Math.floor(Math.log2(magnitude));
  return sign | ((exponent + 15) << 10) | Math.round((magnitude / 2 ** exponent - 1) * 1024);
}
