// How the bench turns measurements into verdicts (common/targets.ts, common/timing/pairs.ts), on synthetic
// measurements: a judged ratio's rounds alternate A B B A and B A A B and take turns over the devices that compiled
// its rows, its figure is the two rows' fastest times, rounds stop once it is known, and a target is held or missed
// only when its spread lies on one side of the bound.
import { describe, expect, it } from 'vitest';
import { judgeSpread, roundRatioTarget, verdict, verdictLine } from '../../common/targets.js';
import { ratioTargets } from '../../common/timing/kernel-targets.js';
import { MAX_ROUNDS, MIN_ROUNDS, measurePairs } from '../../common/timing/pairs.js';
import type { Row } from '../../common/timing/types.js';

/** Seeded times: `base` plus, one time in three, a delay of up to its own size (another thread took a core). */
function noisy(base: number, seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const u = state / 2 ** 32;
    return base * (1 + (u < 1 / 3 ? 3 * u : 0) + 0.002 * u);
  };
}

describe('judged ratios in rounds', () => {
  const a: Row = { kernel: 'mish', pass: 'forward', steps: [] };
  const b: Row = { kernel: 'naive-mish', pass: 'forward', steps: [] };
  const spec = ratioTargets(true, { workgroupSize: 256, chunksPerInvocation: 8 }).find(
    (t) => t.numerator === 'mish' && t.denominator === 'naive-mish' && t.pass === 'forward',
  )!;

  it('measures A B B A then B A A B, and takes the fastest of each row: heavy-tailed delays do not move the ratio', async () => {
    const times = { mish: noisy(105, 1), 'naive-mish': noisy(100, 2) };
    const order: string[] = [];
    const [pair] = await measurePairs(
      [spec],
      [
        {
          rows: [a, b],
          measure: async (row) => {
            order.push(row.kernel === 'mish' ? 'A' : 'B');
            return times[row.kernel as 'mish' | 'naive-mish']();
          },
        },
      ],
      () => {},
    );
    expect(order.slice(0, 8).join('')).toBe('ABBABAAB');
    expect(pair!.ratio).toBeCloseTo(1.05, 2);
    expect(pair!.rounds.length).toBeGreaterThanOrEqual(MIN_ROUNDS);
    expect(pair!.rounds.length).toBeLessThanOrEqual(MAX_ROUNDS);
    expect(pair!.low).toBeLessThanOrEqual(pair!.ratio);
    expect(pair!.high).toBeGreaterThanOrEqual(pair!.ratio);
  });

  it('stops at MIN_ROUNDS where every measurement agrees, goes on to MAX_ROUNDS where they never do', async () => {
    const [steady] = await measurePairs([spec], [{ rows: [a, b], measure: async (row) => (row.kernel === 'mish' ? 105 : 100) }], () => {});
    expect(steady!.rounds.length).toBe(MIN_ROUNDS);
    let k = 0;
    // The fastest A keeps falling: the ratio never settles.
    const [drifting] = await measurePairs([spec], [{ rows: [a, b], measure: async (row) => (row.kernel === 'mish' ? 200 / ++k : 100) }], () => {});
    expect(drifting!.rounds.length).toBe(MAX_ROUNDS);
  });

  it('takes turns over the devices that have both rows, and takes each row at its fastest compilation', async () => {
    // Device 1 compiled A badly (13 % slower), device 2 B (10 %); device 3 has only A, so the pair never runs there.
    const calls: string[] = [];
    const device = (name: string, mish: number, naive: number, rows: Row[]) => ({
      rows,
      measure: async (row: Row) => {
        calls.push(name);
        return row.kernel === 'mish' ? mish : naive;
      },
    });
    const [pair] = await measurePairs([spec], [device('1', 113, 100, [a, b]), device('2', 100, 110, [a, b]), device('3', 1, 1, [a])], () => {});
    expect(calls.slice(0, 12).join('')).toBe('111122221111');
    expect(calls).not.toContain('3');
    expect(pair!.ratio).toBeCloseTo(1, 9);
    expect(pair!.rounds.length).toBe(MIN_ROUNDS);
  });

  it('leaves out a pair whose rows were not measured (TF.js rows in Node)', async () => {
    expect(await measurePairs([spec], [{ rows: [a], measure: async () => 1 }], () => {})).toEqual([]);
  });
});

describe('verdicts', () => {
  it('held or missed only when the spread lies on one side of the bound', () => {
    expect(judgeSpread({ most: 1.05 }, 1.0, 1.04)).toBe(true);
    expect(judgeSpread({ most: 1.05 }, 1.04, 1.06)).toBe('undecided');
    expect(judgeSpread({ most: 1.05 }, 1.06, 1.08)).toBe(false);
    expect(judgeSpread({ least: 3 }, 3.1, 3.3)).toBe(true);
    expect(judgeSpread({ least: 3 }, 2.9, 3.1)).toBe('undecided');
    expect(judgeSpread({ least: 3 }, 2.7, 2.9)).toBe(false);
  });

  it('a ratio of rounds run side by side: the median of the per-round ratios, judged on their interquartile range', () => {
    const t = roundRatioTarget('x <= 1.02 y', [100, 101, 99, 150, 100], [100, 100, 100, 100, 100], { most: 1.02 });
    expect(t.value).toBeCloseTo(1.0, 5);
    expect(t.spread).toEqual({ low: 1, high: 1.01, label: 'IQR', rounds: 5 });
    expect(t.holds).toBe(true);
    expect(verdict(t)).toBe('1.000× [IQR 1.000–1.010×, 5 rounds] (holds)');
    expect(roundRatioTarget('x <= 1.02 y', [100], [100], { most: 1.02 }, false).holds).toBeNull();
  });

  it('one verdict line: held, missed and undecided counted apart', () => {
    const target = (name: string, holds: boolean | 'undecided' | null) => ({ target: name, value: 1, unit: '×', holds });
    expect(verdictLine([target('a', true), target('b', null)])).toBe('verdict: all 1 judged targets hold');
    expect(verdictLine([target('a', true), target('b', false), target('c', 'undecided')])).toBe(
      'verdict: 1 of 3 judged targets hold; 1 missed: b; 1 undecided (the spread straddles the bound): c',
    );
  });

  it('the decisions: on a software adapter Mish forward within 1.05 of the one-liner, the unfused at least 1.9x, a copy against its own program a tie at 1.02', () => {
    const bound = (software: boolean, tiling: { workgroupSize: number; chunksPerInvocation: number }, numerator: string, denominator: string) =>
      ratioTargets(software, tiling).find((t) => t.numerator === numerator && t.denominator === denominator && t.pass === 'forward')?.bound;
    const swiftshader = { workgroupSize: 256, chunksPerInvocation: 8 };
    const llvmpipe = { workgroupSize: 256, chunksPerInvocation: 1 };
    expect(bound(true, swiftshader, 'mish', 'naive-mish')).toEqual({ most: 1.05 });
    expect(bound(true, swiftshader, 'mish-unfused', 'mish')).toEqual({ least: 1.9 });
    expect(bound(true, swiftshader, 'copy', 'naive-copy')).toEqual({ most: 1 });
    expect(bound(true, llvmpipe, 'copy', 'naive-copy')).toEqual({ most: 1.02 });
    expect(bound(false, { workgroupSize: 64, chunksPerInvocation: 1 }, 'mish', 'naive-mish')).toEqual({ most: 1 });
    expect(bound(false, { workgroupSize: 64, chunksPerInvocation: 1 }, 'mish-unfused', 'mish')).toEqual({ least: 2 });
  });
});
