/** The graph-rewrite fuzz's settings in CI (test/node/graph-fuzz.test.ts, test/browser/graph-fuzz.test.ts), and its report line. */
import type { GraphFuzzReport } from '../harness/graph-fuzz/run.js';

/** Fixed, so that CI draws the same graphs every time; `npm run fuzz -- --graphs N --seed S` draws others. */
export const CI_GRAPH_FUZZ = { seed: 20261206, runs: 40 } as const;

/** In Node, on TF.js's CPU backend alone, many more graphs fit in the time. */
export const NODE_GRAPH_FUZZ_RUNS = 300;

/** One line for a test's output (and on failure, the shrunk graph and what replays it). */
export function describeGraphFuzz(report: GraphFuzzReport, where: string): string {
  const line =
    `graph-rewrite fuzz (${where}): seed ${report.seed}, ${report.runs} graphs, ${report.nodes} nodes, ${report.fused} Mish fused ` +
    `(${report.convolutions} into convolutions, ${report.residualAdds} of them with their residual add), ${report.nearMisses} near misses left, ${report.removedNodes} nodes and ${report.removedBytes} weight bytes removed, ` +
    `values checked on ${report.backends.join(' and ') || 'no backend'}` +
    (report.backends.includes('webgpu')
      ? ` (largest difference from the original on webgpu ${report.largestDifference.toExponential(2)} per Mish on a path)`
      : '') +
    `, failures ${report.failed ? 1 : 0}, ${(report.milliseconds / 1000).toFixed(1)} s`;
  if (!report.failed) return line;
  const runtime = report.backends.includes('webgpu') ? '' : ' --runtime node';
  return `${line}\nFAILED: ${report.failure}\nshrunk to:\n${report.counterexample}\nreplay: npm run fuzz -- --graphs 1 --seed ${report.seed} --path ${report.path}${runtime}`;
}
