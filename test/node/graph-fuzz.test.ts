// The differential fuzz of the graph rewrite (test/harness/graph-fuzz/) in Node, on TF.js's CPU backend: every
// structural invariant, and the rewritten model's inputs, outputs and values (bit for bit) against the original's.
// The browser suite runs it on WebGPU too (test/browser/graph-fuzz.test.ts).
import { describe, expect, it } from 'vitest';
import { runGraphFuzzInNode } from '../harness/graph-fuzz/node-entry.js';
import { CI_GRAPH_FUZZ, describeGraphFuzz, NODE_GRAPH_FUZZ_RUNS } from '../support/graph-fuzz-settings.js';

describe('differential fuzz of the graph rewrite (Node, TF.js cpu)', () => {
  it(`generated graphs keep their inputs, outputs and values (seed ${CI_GRAPH_FUZZ.seed})`, async () => {
    const report = await runGraphFuzzInNode({ seed: CI_GRAPH_FUZZ.seed, runs: NODE_GRAPH_FUZZ_RUNS });
    const line = describeGraphFuzz(report, 'Node, TF.js cpu');
    console.log(line);
    expect(report.failed, line).toBe(false);
    expect(report.runs).toBe(NODE_GRAPH_FUZZ_RUNS);
    expect(report.fused).toBeGreaterThan(NODE_GRAPH_FUZZ_RUNS);
    expect(report.nearMisses).toBeGreaterThan(NODE_GRAPH_FUZZ_RUNS / 2);
    expect(report.convolutions).toBeGreaterThan(0);
    expect(report.residualAdds).toBeGreaterThan(0);
    expect(report.removedNodes).toBeGreaterThan(0);
  }, 300_000);
});
