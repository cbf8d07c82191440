// The MNIST loader of the demo's Figure 6, in Node: every digit of the `mnist` package, values in [0, 1], labels
// 0–9, and a seeded train/test split of the asked sizes with no digit in both, the same for the same seed.
import { describe, expect, it } from 'vitest';
import { CLASSES, loadDigits, PIXELS, splitDigits } from '../../demo/mnist.js';

describe('MNIST digits for Figure 6', async () => {
  const digits = await loadDigits();

  it('loads every digit of the package: 784 pixels in [0, 1], labels 0–9, about a thousand of each', () => {
    expect(digits.count).toBe(10_000);
    expect(digits.images.length).toBe(digits.count * PIXELS);
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const v of digits.images) [low, high] = [Math.min(low, v), Math.max(high, v)];
    expect(low).toBe(0);
    expect(high).toBe(1);
    const perClass = new Array<number>(CLASSES).fill(0);
    for (const label of digits.labels) perClass[label] = (perClass[label] as number) + 1;
    for (const count of perClass) expect(count).toBeGreaterThan(800);
    // Not all-blank images: every digit has ink.
    for (let i = 0; i < digits.count; i += 997) expect(digits.images.subarray(i * PIXELS, (i + 1) * PIXELS).some((v) => v > 0.5)).toBe(true);
  });

  it('splits into the asked sizes without overlap, reproducibly, with every class on both sides', () => {
    const split = splitDigits(digits, { train: 6000, test: 2000, seed: 7 });
    expect(split.train.count).toBe(6000);
    expect(split.test.count).toBe(2000);
    const train = new Set(split.indices.train);
    expect(train.size).toBe(6000);
    expect(split.indices.test.filter((i) => train.has(i))).toEqual([]);
    expect(new Set(split.train.labels).size).toBe(CLASSES);
    expect(new Set(split.test.labels).size).toBe(CLASSES);
    // The images travel with their labels.
    const first = split.indices.train[0] as number;
    expect(split.train.labels[0]).toBe(digits.labels[first]);
    expect(Array.from(split.train.images.subarray(0, PIXELS))).toEqual(Array.from(digits.images.subarray(first * PIXELS, (first + 1) * PIXELS)));
    expect(splitDigits(digits, { train: 6000, test: 2000, seed: 7 }).indices).toEqual(split.indices);
    expect(splitDigits(digits, { train: 6000, test: 2000, seed: 8 }).indices.test).not.toEqual(split.indices.test);
    expect(() => splitDigits(digits, { train: 9000, test: 2000, seed: 7 })).toThrow(/asked for, 10000 available/);
  });
});
