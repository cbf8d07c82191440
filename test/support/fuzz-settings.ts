/** The differential fuzz's settings in CI (test/browser/fuzz.test.ts, test/node-gpu/fuzz.test.ts). */
import type { FuzzOptions, FuzzReport } from '../harness/index.js';

/** Fixed, so that CI runs the same sequences every time; `npm run fuzz -- --seed S` runs others. */
export const CI_FUZZ: FuzzOptions = { seed: 20261201, runs: 40, maxCommands: 60, maxBurst: 3000 };

/** Runs of the fuzz under each tiling the rule can choose, forced (CI_FUZZ runs with the adapter's own). */
export const TILING_FUZZ_RUNS = 15;

/** One line for a test's output, and what to run to replay a failure. */
export function describeFuzz(report: FuzzReport, where: string): string {
  const line =
    `differential fuzz (${where}): seed ${report.seed}, ${report.runs} runs, ${report.calls} calls ` +
    `(${report.rejected} rejected as they must be, ${report.atBoundaries} at binding boundaries), up to ${report.largestEncoder} calls in one encoder ` +
    `(${report.mostRangesOfOneBuffer} distinct calls writing one buffer), ` +
    `${(report.milliseconds / 1000).toFixed(1)} s`;
  if (!report.failed) return line;
  return (
    `${line}\nFAILED: ${report.failure}\nshrunk to: ${report.counterexample}\n` +
    `replay: npm run fuzz -- --seed ${report.seed} --runs ${report.runs} --path ${report.path}`
  );
}
