// The accuracy sweep's adversarial modes rewrite a copy of the shipped Mish kernel's WGSL (accuracy/adversary.ts):
// every f32 division, every exp, every contractible a·b + c of f32 values, and nothing else.
import { describe, expect, it } from 'vitest';
import { rewrittenSource } from '../../accuracy/adversary.js';
import { parseExpression, printExpression, rewriteFunctions } from '../../accuracy/wgsl-rewrite.js';
import mishSource from '../../shaders/mish.wgsl?raw';

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;
/** The lines the mode changed, without the adversary's helpers and constants placed before the kernel. */
const changed = (mode: Parameters<typeof rewrittenSource>[0]): string[] => {
  const out = rewrittenSource(mode, mishSource);
  const kernel = out.slice(out.indexOf(mishSource.split('\n')[0] as string));
  const original = new Set(mishSource.split('\n'));
  return kernel.split('\n').filter((line) => !original.has(line));
};

describe('adversarial rewrite of the Mish kernels', () => {
  it('sends every f32 division, and nothing else, through adversary_div', () => {
    const lines = changed('div+2');
    const divisions = count(mishSource.replace(/\/\/.*$/gm, ''), / \/ /g);
    expect(divisions).toBeGreaterThan(0);
    expect(count(lines.join('\n'), /adversary_div\(/g)).toBe(divisions);
    expect(lines.join('\n')).not.toMatch(/ \/ /);
    expect(rewrittenSource('div+2', mishSource)).toMatch(/const ADVERSARY_DIV_ULPS: i32 = 2;/);
    expect(rewrittenSource('div-1', mishSource)).toMatch(/const ADVERSARY_DIV_ULPS: i32 = -1;/);
  });

  it("sends the backward kernel's exp through adversary_exp", () => {
    expect(changed('exp+')).toEqual(['  let e = adversary_exp(xc);']);
    expect(rewrittenSource('exp-', mishSource)).toMatch(/const ADVERSARY_EXP_DIRECTION: i32 = -1;/);
  });

  it('fuses the f32 products of sums into adversary_fma and leaves integer and comparison expressions alone', () => {
    const text = changed('fma').join('\n');
    expect(text).toMatch(/let kRounded = adversary_fma\(xc, 1\.44269504, MISH_ROUNDER\);/);
    expect(text).toMatch(/let den = adversary_fma\(5\.0, a, 25\.0\);/);
    // The backward kernel's sum of two products fuses the left one.
    expect(text).toMatch(/var y = bitcast<i32>\(adversary_fma\(n, r, /);
    // The Horner polynomial: five fused steps.
    expect(count(text.split('\n').find((l) => l.includes('let p =')) ?? '', /adversary_fma\(/g)).toBe(5);
    // Integer shifts and sums, the clamps and the bit tests are not f32 sums of products.
    const fusedLines = changed('fma');
    for (const untouched of ['let biased', 'let shift', 'let normal', 'var y = select(normal', 'y = select', 'let xc']) {
      expect(
        fusedLines.some((line) => line.trim().startsWith(untouched)),
        untouched,
      ).toBe(false);
    }
  });

  it('parses and prints expressions without changing them', () => {
    for (const text of ['select(x, MISH_FLOOR, x < MISH_FLOOR)', '(kBits - (MISH_ROUNDER_BITS - 127)) << 23u', 'bitcast<f32>(y)', '-m * (3.0 * m + 7.0)']) {
      expect(printExpression(parseExpression(text))).toBe(text);
    }
  });

  it('refuses a statement split over lines rather than sweep code it did not see', () => {
    expect(() => rewriteFunctions('fn f(x: f32) -> f32 {\n  let y = x *\n    2.0;\n  return y;\n}', (e) => e)).toThrow(/one statement per line/);
  });
});
