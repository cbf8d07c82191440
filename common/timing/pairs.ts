/**
 * The kernel bench's judged ratios, measured so that two runs agree: each pair of rows (kernel-targets.ts) in rounds
 * of four measurements, A B B A and B A A B in turn, the pairs taking turns round by round. The ratio is A's fastest
 * time over B's, over all the rounds: on a CPU adapter whatever else the machine runs only ever adds time to a
 * measurement, so a row's fastest is its own cost. Its spread is the middle 95 % of the same ratio over resamples of
 * the rounds (a bootstrap); rounds go on until that lies within ±PRECISION of the ratio or MAX_ROUNDS are done.
 *
 * The rounds of a pair take turns over COMPILATIONS devices, each with the pair's rows compiled anew (TF.js's on a twin
 * of its backend; ONNX Runtime Web, one device per page, compiles once and meets each device's Mish), and a row's
 * fastest is over all of them.
 *
 * Why (measured on this project's 2-core machine at 2^24 elements; docs/history.md has the figures): one measurement of
 * a row has a heavy tail (up to twice its median in Firefox, where llvmpipe's two threads share the cores with the
 * browser's own), which moved the ratio of two rows' medians by up to 27 % between halves of one run; the ratio of
 * their fastest times, with the rows side by side, by 2 to 4 %. What ran just before a row moved its time by 2 to 5 %
 * (hence A B B A), a pause before it not at all; the timestamps resolve nanoseconds. What remained was the compiled
 * code: on one device a row's time holds to 0.5 % round after round, but the same row compiled on another device
 * (llvmpipe, SwiftShader: a JIT, its code placed anew) ran up to 13 % slower, so a ratio from one device moved by 7
 * to 10 % between runs; the fastest over four devices moved by 2 % over three processes.
 */
import type { Pass } from '../../src/index.js';
import { type RatioTarget, TARGET_ELEMENTS } from './kernel-targets.js';
import { quantile } from './stats.js';
import type { KernelName, PairResult, Row } from './types.js';

/** Devices the judged rows are compiled on: a row's fastest compilation is its cost. */
export const COMPILATIONS = 3;
/** Rounds of every pair, at least and at most. */
export const MIN_ROUNDS = 12;
export const MAX_ROUNDS = 36;
/** A pair stops once 95 % of its bootstrap ratios lie within ±this of its ratio, relative. */
const PRECISION = 0.02;
/**
 * What a judged ratio may differ by between two runs beyond its own spread: the state of a process (where the shader
 * compiler put the code, where the buffers landed) moves a ratio as much as a new process does. Measured: three
 * devices in one Deno process gave Mish backward over the standalone kernel 0.789 to 0.821; two runs of the bench
 * differed by at most 4.4 % (Chrome), 2.1 % (Firefox), 6.1 % (Deno) on a ratio. A target is judged on the spread
 * widened by this much either way.
 */
export const REPRODUCIBILITY = 0.03;
/** Resamples of the rounds for the spread. */
const RESAMPLES = 400;

type Round = PairResult['rounds'][number];

/** The rows of one device, and how to time a call of one of them there (ms per call, null when it failed). */
export interface RowSet {
  readonly rows: readonly Row[];
  readonly measure: (row: Row) => Promise<number | null>;
}

function fastestRatio(rounds: readonly Round[]): number {
  return Math.min(...rounds.flatMap((r) => r.a)) / Math.min(...rounds.flatMap((r) => r.b));
}

/** The ratio over RESAMPLES resamples of the rounds (drawn with a fixed seed: the same rounds give the same spread). */
function resampled(rounds: readonly Round[]): number[] {
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: RESAMPLES }, () => fastestRatio(rounds.map(() => rounds[Math.floor(next() * rounds.length)] as Round)));
}

function settled(rounds: readonly Round[]): boolean {
  if (rounds.length < MIN_ROUNDS) return false;
  const ratio = fastestRatio(rounds);
  const spread = resampled(rounds);
  return Math.max(ratio - quantile(spread, 0.025), quantile(spread, 0.975) - ratio) <= PRECISION * ratio;
}

/**
 * Measures the pairs of `targets` whose rows are among those of `sets` (one per device; a measurement that failed is
 * taken again once, and a round without its four is dropped): round r of a pair runs on the r-th of the devices that
 * have both its rows, in turn. `progress` is told of every round, with the rounds that may still come.
 */
export async function measurePairs(
  targets: readonly RatioTarget[],
  sets: readonly RowSet[],
  progress: (label: string, roundsLeft: number) => void,
): Promise<PairResult[]> {
  const find = (rows: readonly Row[], kernel: KernelName, pass: Pass) => rows.find((row) => row.kernel === kernel && row.pass === pass);
  const pairs = targets.flatMap((target) => {
    const places = sets.flatMap(({ rows, measure }) => {
      const a = find(rows, target.numerator, target.pass);
      const b = find(rows, target.denominator, target.pass);
      return a === undefined || b === undefined ? [] : [{ a, b, measure }];
    });
    return places.length === 0 ? [] : [{ target, places, rounds: [] as Round[] }];
  });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const open = pairs.filter((p) => !settled(p.rounds));
    if (open.length === 0) break;
    for (const [k, pair] of open.entries()) {
      const { numerator, denominator, pass } = pair.target;
      const { a, b, measure } = pair.places[round % pair.places.length] as (typeof pair.places)[number];
      progress(`judged ratio ${numerator} / ${denominator} ${pass}, round ${round + 1}`, (open.length - k) * (MAX_ROUNDS - round));
      const timed = async (row: Row): Promise<number | null> => (await measure(row)) ?? (await measure(row));
      // A B B A, then B A A B: each row as often first as last, after itself as after the other.
      const order = round % 2 === 0 ? [a, b, b, a] : [b, a, a, b];
      const times: Array<number | null> = [];
      for (const row of order) times.push(await timed(row));
      if (times.some((t) => t === null)) continue;
      const [t0, t1, t2, t3] = times as [number, number, number, number];
      pair.rounds.push(round % 2 === 0 ? { a: [t0, t3], b: [t1, t2] } : { a: [t1, t2], b: [t0, t3] });
    }
  }
  return pairs
    .filter((p) => p.rounds.length > 0)
    .map(({ target, rounds }) => {
      const spread = resampled(rounds);
      return {
        pass: target.pass,
        numerator: target.numerator,
        denominator: target.denominator,
        elements: TARGET_ELEMENTS,
        ratio: fastestRatio(rounds),
        low: quantile(spread, 0.025),
        high: quantile(spread, 0.975),
        rounds,
      };
    });
}
