/**
 * Test inputs: named edge values first, then values spread over f32 bit patterns (every exponent equally
 * likely, both signs, subnormals included), as the WebGPU conformance suite does, rather than over values.
 */
import { fromBits, MAX_F32, MIN_NORMAL, nextDown, nextUp } from '../../common/f32.js';
import { mishWgsl } from '../../src/index.js';
import { wgslConstant } from '../../src/testing.js';

/** The thresholds of shaders/mish.wgsl: the clamp (beyond it mish(x) = x), where mish' rounds to 1, the floor. */
const MISH_CLAMP = wgslConstant(mishWgsl, 'MISH_CLAMP');
const MISH_GRAD_ONE = wgslConstant(mishWgsl, 'MISH_GRAD_ONE');
const MISH_FLOOR = wgslConstant(mishWgsl, 'MISH_FLOOR');
/** Where mish has its minimum (the paper: x ≈ −1.1924, value ≈ −0.30884) and mish' its zero. */
const MISH_MINIMUM = -1.1924;

const namedInputs: readonly number[] = [
  0,
  -0,
  1,
  -1,
  MISH_MINIMUM,
  nextDown(MISH_MINIMUM),
  nextUp(MISH_MINIMUM),
  MISH_CLAMP,
  nextDown(MISH_CLAMP),
  nextUp(MISH_CLAMP),
  -MISH_CLAMP,
  nextDown(-MISH_CLAMP),
  nextUp(-MISH_CLAMP),
  88.7,
  -88.7,
  89,
  -89,
  -87.3,
  -103.9,
  1e4,
  -1e4,
  3.4e38,
  -3.4e38,
  MAX_F32,
  -MAX_F32,
  MIN_NORMAL,
  -MIN_NORMAL,
  2 ** -149,
  -(2 ** -149),
  nextDown(MIN_NORMAL),
  -nextDown(MIN_NORMAL),
  0.5,
  -0.5,
  1e-7,
  -1e-7,
  9,
  -9,
  -17,
  -18,
].map(Math.fround);

/** The other thresholds of shaders/mish.wgsl, and the f32 values on either side of each. */
export const thresholdInputs: readonly number[] = [MISH_GRAD_ONE, MISH_FLOOR].flatMap((t) => [nextDown(t), t, nextUp(t)]).map(Math.fround);

/** A deterministic xorshift32 stream of u32 values. */
export function randomBits(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** A random finite f32 with its bit pattern uniform over all finite patterns. */
function randomFinite(next: () => number): number {
  for (;;) {
    const bits = next();
    if ((bits & 0x7f800000) !== 0x7f800000) return fromBits(bits);
  }
}

/** `count` inputs: the named values (as many as fit), then bit-pattern-spread values. */
export function spreadInputs(count: number, seed: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(count);
  const next = randomBits(seed);
  for (let i = 0; i < count; i++) out[i] = i < namedInputs.length ? (namedInputs[i] as number) : randomFinite(next);
  return out;
}

/**
 * Upstream gradients: random sign and mantissa, magnitude in [2⁻⁸, 2⁸), and exactly 1 for every fourth element
 * so that those elements measure mish' itself.
 */
export function spreadGradients(count: number, seed: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(count);
  const next = randomBits(seed ^ 0x5bd1e995);
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      out[i] = 1;
      continue;
    }
    const bits = next();
    const exponent = 127 - 8 + (bits % 16);
    out[i] = fromBits((bits & 0x80000000) | (exponent << 23) | (next() & 0x7fffff));
  }
  return out;
}
