/** Facts about f32 that the tests, the accuracy sweep and the tolerances need. */

const scratch = new DataView(new ArrayBuffer(4));

/** Smallest positive normal f32, 2⁻¹²⁶. WGSL lets an implementation flush values below it to zero. */
export const MIN_NORMAL = 2 ** -126;

/** Largest finite f32. */
export const MAX_F32 = 3.4028234663852886e38;

export function bitsOf(value: number): number {
  scratch.setFloat32(0, value);
  return scratch.getUint32(0);
}

export function fromBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0);
  return scratch.getFloat32(0);
}

const ulpByExponent = Float64Array.from({ length: 256 }, (_, e) => 2 ** (Math.max(e, 1) - 150));
const roundedFloat = new Float32Array(1);
const roundedBits = new Uint32Array(roundedFloat.buffer);

/**
 * The spacing of f32 values in the binade of the exact value |value|: 2^(⌊log₂|value|⌋ − 23), and 2⁻¹⁴⁹ (the
 * smallest normal's ulp) below 2⁻¹²⁶; the ulp of the largest finite f32 beyond it. Fast (no log): the sweep calls
 * it for every f32.
 */
export function ulpOf(value: number): number {
  const magnitude = Math.abs(value);
  roundedFloat[0] = magnitude;
  let exponent = ((roundedBits[0] as number) >>> 23) & 0xff;
  // Rounding to f32 may carry into the next binade (just below a power of two): the exact value's is one lower.
  if ((roundedFloat[0] as number) > magnitude && ((roundedBits[0] as number) & 0x7fffff) === 0 && exponent > 1) exponent--;
  return ulpByExponent[exponent === 255 ? 254 : exponent] as number;
}

/** The next f32 above `value` (toward +∞), for finite values. */
export function nextUp(value: number): number {
  const f = Math.fround(value);
  if (f === 0) return 2 ** -149;
  const bits = bitsOf(f);
  return fromBits(f > 0 ? bits + 1 : bits - 1);
}

/** The next f32 below `value` (toward −∞), for finite values. */
export function nextDown(value: number): number {
  return -nextUp(-value);
}
