// The differential fuzz of the graph rewrite (test/harness/graph-fuzz/) on dist/tfjs.js in TF.js's real backends: the
// rewritten models against the originals on the CPU backend (bit for bit) and on WebGPU (bit for bit against each
// Mish as the package's op, within GRAPH_DIFFERENCE of the composites), with every structural invariant; and the
// slightly wrong rewrites it must reject, each shrunk to a small graph.
import { describe, expect, inject, it } from 'vitest';
import { BROWSER_LABELS } from '../../common/browsers.js';
import type {} from '../harness/tfjs/entry.js';
import type { GraphMutantName } from '../harness/graph-fuzz/mutants.js';
import { CI_GRAPH_FUZZ, describeGraphFuzz } from '../support/graph-fuzz-settings.js';
import { useFreshTfjsHarness } from './page.js';

const { name, adapter } = inject('browser');
const where = `${BROWSER_LABELS[name]}, dist/tfjs.js`;

describe.skipIf(adapter === null)('differential fuzz of the graph rewrite', () => {
  const page = useFreshTfjsHarness();

  it(`generated graphs keep their inputs, outputs and values on cpu and webgpu (seed ${CI_GRAPH_FUZZ.seed})`, async () => {
    const report = await page().evaluate((o) => window.tfjsHarness!.runGraphFuzz(o), { ...CI_GRAPH_FUZZ, backends: ['cpu', 'webgpu'] as const });
    const line = describeGraphFuzz(report, where);
    console.log(line);
    expect(report.failed, line).toBe(false);
    expect(report.runs).toBe(CI_GRAPH_FUZZ.runs);
    expect(report.fused).toBeGreaterThan(CI_GRAPH_FUZZ.runs / 2);
    expect(report.convolutions).toBeGreaterThan(0);
    expect(report.residualAdds).toBeGreaterThan(0);
    expect(report.nearMisses).toBeGreaterThan(0);
    expect(report.removedNodes).toBeGreaterThan(0);
  });

  // The rewrite before it removed what nothing reads, on models without a signature (where that shows as an extra
  // output), and three more slightly wrong rewrites, on every kind of model.
  const mutants: Array<[GraphMutantName, { signature?: boolean }]> = [
    ['keeps-unread', { signature: false }],
    ['fuses-look-alike', {}],
    ['fuses-shared-softplus', {}],
    ['mish-high-on-webgpu', {}],
  ];
  for (const [mutant, draw] of mutants) {
    it(`rejects ${mutant}, with the shrunk graph`, async () => {
      const options = { ...CI_GRAPH_FUZZ, ...draw, backends: ['cpu', 'webgpu'] as const, mutant };
      const report = await page().evaluate((o) => window.tfjsHarness!.runGraphFuzz(o), options);
      console.log(describeGraphFuzz(report, `${where}, mutant ${mutant}`));
      expect(report.failed, `the fuzz passed on the mutant ${mutant}`).toBe(true);
    });
  }
});
