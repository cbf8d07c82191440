/**
 * `npm run bench:compare -- A.json B.json`: two runs of `npm run bench -- --json FILE` side by side (two machines,
 * two runtimes, or before and after a change): for every kernel row both have, the two medians, B's over A's, and
 * each run's time over ReLU (ratios travel between machines better than times do).
 */
import { readFileSync } from 'node:fs';
import { adapterLine } from '../common/adapter.js';
import { type CliSpec, parseCli, usageError } from '../common/cli.js';
import { formatTable } from '../common/table.js';
import { power, sortedResults } from '../common/timing/report.js';
import type { BenchReport, BenchResult } from '../common/timing/types.js';

function load(path: string): BenchReport & { runtime?: string } {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchReport & { runtime?: string };
  } catch (error) {
    console.error(`bench:compare: cannot read ${path}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const SPEC: CliSpec = {
  command: 'npm run bench:compare --',
  summary:
    'Two runs of `npm run bench -- --json FILE` side by side (two machines, two runtimes, or before and after a change):\n' +
    "for every kernel row both have, the two medians, B's over A's, and each run's time over ReLU.",
  flags: [],
  positionals: 'A.json B.json',
  exitStatus: '0 when both files were read, 2 on bad arguments or an unreadable file.',
};

const { positionals } = parseCli(SPEC);
const [pathA, pathB] = positionals;
if (pathA === undefined || pathB === undefined || positionals.length > 2)
  usageError(SPEC, 'bench:compare takes two JSON files written by npm run bench -- --json FILE');
const [a, b] = [load(pathA), load(pathB)];
const key = (r: BenchResult): string => `${r.kernel}|${r.pass}|${r.elements}`;
const kernelRows = (report: BenchReport): BenchResult[] => report.results.filter((r) => 'elements' in r);
const inB = new Map(kernelRows(b).map((r) => [key(r), r]));
const rows = sortedResults(kernelRows(a))
  .filter((r) => inB.has(key(r)))
  .map((r) => {
    const other = inB.get(key(r)) as BenchResult;
    const ratio = (x: number | null): string => (x === null ? '-' : x.toFixed(2));
    return [
      r.kernel,
      r.pass,
      power(r.elements),
      r.medianMs.toFixed(3),
      other.medianMs.toFixed(3),
      (other.medianMs / r.medianMs).toFixed(2),
      ratio(r.vsRelu),
      ratio(other.vsRelu),
    ];
  });
console.log(`A: ${pathA}: ${adapterLine(a.adapter)}${a.runtime ? ` (${a.runtime})` : ''}`);
console.log(`B: ${pathB}: ${adapterLine(b.adapter)}${b.runtime ? ` (${b.runtime})` : ''}`);
console.log(
  formatTable(['kernel', 'pass', 'elements', 'A median ms', 'B median ms', 'B / A', 'A ×ReLU', 'B ×ReLU'], rows, {
    left: [0, 1],
    group: (row) => `${row[2]} ${row[1]}`,
  }),
);
