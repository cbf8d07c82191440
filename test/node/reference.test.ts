// The float64 CPU oracle is itself tested: against the paper, against its own derivatives, against known values.
import { describe, expect, it } from 'vitest';
import { backwardReference, forwardReference, mish, mishGrad, mishGrad2, relu, reluGrad, swish, swishGrad, swishGrad2 } from '../../src/index.js';

/** The paper's eq. (2): mish'(x) = eˣ·ω/δ², ω = 4(x+1) + 4e²ˣ + e³ˣ + eˣ(4x+6), δ = 2eˣ + e²ˣ + 2. */
function paperDerivative(x: number): number {
  const e = Math.exp(x);
  const omega = 4 * (x + 1) + 4 * e * e + e * e * e + e * (4 * x + 6);
  const delta = 2 * e + e * e + 2;
  return (e * omega) / (delta * delta);
}

/** The textbook composition, fine in float64 away from the tails. */
function composedMish(x: number): number {
  return x * Math.tanh(Math.log1p(Math.exp(x)));
}

/** A fourth-order central difference. */
function centralDifference(f: (x: number) => number, x: number, h = 1e-3): number {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

const grid = Array.from({ length: 241 }, (_, i) => -12 + i * 0.1);

describe('mish reference', () => {
  it('matches known float64 values', () => {
    expect(mish(1)).toBeCloseTo(0.8650983882673103, 15);
    expect(mish(-1)).toBeCloseTo(-0.30340146137410895, 15);
    expect(mishGrad(1)).toBeCloseTo(1.0490362200997922, 15);
  });

  it("has the paper's minimum near x = −1.1924 with value −0.30884", () => {
    // Golden-section search on [−2, −0.5].
    let [a, b] = [-2, -0.5];
    const ratio = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 100; i++) {
      const c = b - ratio * (b - a);
      const d = a + ratio * (b - a);
      if (mish(c) < mish(d)) b = d;
      else a = c;
    }
    const xMin = (a + b) / 2;
    expect(xMin).toBeCloseTo(-1.1924, 4);
    expect(mish(xMin)).toBeCloseTo(-0.30884, 5);
    expect(Math.abs(mishGrad(xMin))).toBeLessThan(1e-9);
  });

  it("has mish'(0) = 0.6 (the paper: approximates half of identity at the origin)", () => {
    expect(mishGrad(0)).toBeCloseTo(0.6, 15);
  });

  it("equals the paper's derivative, eq. (2)", () => {
    for (const x of grid) expect(mishGrad(x)).toBeCloseTo(paperDerivative(x), 13);
  });

  it('equals x·tanh(softplus(x)) where that composition is accurate', () => {
    for (const x of grid) {
      const expected = composedMish(x);
      expect(Math.abs(mish(x) - expected)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(expected)));
    }
  });

  it('has first and second derivatives that match finite differences', () => {
    for (const x of grid) {
      expect(mishGrad(x)).toBeCloseTo(centralDifference(mish, x), 9);
      expect(mishGrad2(x)).toBeCloseTo(centralDifference(mishGrad, x), 9);
    }
  });

  it('stays finite and exact in the tails', () => {
    expect(mish(1e4)).toBe(1e4);
    expect(mish(3.4e38)).toBe(3.4e38);
    expect(mishGrad(1e4)).toBe(1);
    expect(mish(-50)).toBeCloseTo(-50 * Math.exp(-50), 300);
    expect(mish(-50) / (-50 * Math.exp(-50))).toBeCloseTo(1, 12);
    expect(mish(-1e4)).toBe(-0);
    expect(mishGrad(-1e4)).toBe(0);
    expect(mishGrad2(0)).toBeCloseTo(centralDifference(mishGrad, 0), 9);
  });
});

describe('swish and relu references', () => {
  it('matches known values', () => {
    expect(swish(1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(swishGrad(0)).toBe(0.5);
    expect(swishGrad2(0)).toBe(0.5);
    expect(relu(-2)).toBe(0);
    expect(relu(2)).toBe(2);
    expect(reluGrad(0)).toBe(0);
    expect(reluGrad(1e-30)).toBe(1);
  });

  it('give relu the special values its kernel has: NaN stays NaN, ±0 and −∞ give +0', () => {
    expect([Number.NaN, -0, 0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY].map(relu)).toEqual([Number.NaN, 0, 0, 0, Number.POSITIVE_INFINITY]);
    expect(Object.is(relu(-0), 0)).toBe(true);
    expect([Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY].map(reluGrad)).toEqual([Number.NaN, 0, 1]);
  });

  it('has derivatives that match finite differences', () => {
    for (const x of grid) {
      expect(swishGrad(x)).toBeCloseTo(centralDifference(swish, x), 9);
      expect(swishGrad2(x)).toBeCloseTo(centralDifference(swishGrad, x), 9);
    }
  });

  it('does not overflow for large |x|', () => {
    expect(swish(-1e4)).toBe(-0);
    expect(swish(1e4)).toBe(1e4);
    expect(swishGrad(-1e4)).toBe(-0);
    expect(swishGrad(1e4)).toBe(1);
  });
});

describe('array helpers', () => {
  it('apply the scalar functions element-wise', () => {
    const x = new Float32Array([-3, -1, 0, 0.5, 2]);
    const dy = new Float32Array([1, 2, -1, 0.25, 4]);
    expect([...forwardReference('mish', x)]).toEqual([...x].map(mish));
    expect([...backwardReference('swish', x, dy)]).toEqual([...x].map((v, i) => (dy[i] as number) * swishGrad(v)));
    expect([...backwardReference('relu', x, dy)]).toEqual([0, 0, -0, 0.25, 4]);
  });

  it('reject mismatched lengths with a message that names the fix', () => {
    expect(() => backwardReference('mish', [1, 2], [1])).toThrow(/dy has 1 elements but x has 2; pass equal lengths/);
  });
});
