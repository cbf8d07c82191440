/** Plain-text report of a bench run, as `npm run bench` prints it. */
import type { BenchReport, BenchResult } from './harness.js';

function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

function power(elements: number): string {
  const exponent = Math.log2(elements);
  return Number.isInteger(exponent) ? `2^${exponent}` : String(elements);
}

export function describeRun(report: BenchReport): string {
  const a = report.adapter;
  return [
    `adapter: ${a.vendor || '?'} / ${a.architecture || '?'}${a.description ? ` (${a.description})` : ''}` +
      `${a.isFallbackAdapter ? ', fallback (software) adapter' : ''}`,
    `timer: ${report.timer === 'timestamp' ? 'GPU timestamp queries' : 'CPU time to onSubmittedWorkDone'}` +
      (report.tfjsTimer ? `; TF.js rows: ${report.tfjsTimer}` : ''),
  ].join('\n');
}

export function formatTable(report: BenchReport): string {
  const columns = ['kernel', 'pass', 'elements', 'median ms', 'min ms', 'max ms', 'Melem/s', 'GB/s', '×ReLU', '×Swish', '×copy'];
  const cells = (r: BenchResult): string[] => [
    r.kernel,
    r.pass,
    power(r.elements),
    fixed(r.medianMs, 3),
    fixed(r.minMs, 3),
    fixed(r.maxMs, 3),
    fixed(r.elementsPerSecond / 1e6, 0),
    fixed(r.gbps, 2),
    fixed(r.vsRelu, 2),
    fixed(r.vsSwish, 2),
    fixed(r.vsCopy, 2),
  ];
  const order = (r: BenchResult): string => `${String(r.elements).padStart(12)}|${r.pass === 'forward' ? 0 : 1}`;
  const rows = [...report.results].sort((p, q) => order(p).localeCompare(order(q))).map(cells);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previous = '';
  for (const [i, row] of rows.entries()) {
    const group = `${row[2]} ${row[1]}`;
    if (previous !== '' && group !== previous) out.push('');
    previous = group;
    out.push(line(rows[i] as string[]));
  }
  out.push(
    '',
    `per-call CPU overhead, mean of ${report.overheadCalls} calls on 1024 elements: ` +
      `mishForward encode + submit ${report.overheadUs.toFixed(1)} µs; recorded into a caller's encoder ` +
      `${report.recordUs.toFixed(1)} µs; the browser's own empty encode + submit ${report.submitFloorUs.toFixed(1)} µs`,
  );
  return out.join('\n');
}
