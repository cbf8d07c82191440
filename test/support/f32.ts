/** Facts about f32 that the tolerances and the comparisons need. */

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

/** The spacing of f32 values at |value|: 2^(exponent − 23), and 2⁻¹⁴⁹ (the smallest normal's ulp) below 2⁻¹²⁶. */
export function ulpOf(value: number): number {
  const magnitude = Math.abs(value);
  if (!(magnitude >= MIN_NORMAL)) return 2 ** -149;
  if (magnitude > MAX_F32) return 2 ** 104;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
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
