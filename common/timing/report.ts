/** The kernel timing report as text: the adapter and timer, the table `npm run bench` prints, the overhead line. */
import { adapterLine } from '../adapter.js';
import { formatTable } from '../table.js';
import type { BenchReport, BenchResult } from './types.js';

function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

/** 2^k for powers of two, the number otherwise. */
export function power(elements: number): string {
  const exponent = Math.log2(elements);
  return Number.isInteger(exponent) ? `2^${exponent}` : String(elements);
}

export function describeRun(report: BenchReport): string {
  return [
    `adapter: ${adapterLine(report.adapter)}`,
    `timer: ${report.timer === 'timestamp' ? 'GPU timestamp queries' : 'CPU time to onSubmittedWorkDone'}` +
      (report.tfjsTimer ? `; TF.js rows: ${report.tfjsTimer}` : '') +
      (report.ortTimer ? `; ONNX Runtime row: ${report.ortTimer}` : ''),
  ].join('\n');
}

export const KERNEL_COLUMNS = [
  'kernel', 'pass', 'elements', 'median ms', 'IQR ms', 'min–max ms', 'Melem/s', 'GB/s', '×ReLU', '×Swish', '×copy', '×naive-copy', '×naive-mish',
];

/** A spread as "low–high" with the median's digits. */
function range(low: number, high: number, digits: number): string {
  return `${low.toFixed(digits)}–${high.toFixed(digits)}`;
}

/** One result as the cells of KERNEL_COLUMNS. */
export function kernelCells(r: BenchResult): string[] {
  return [
    r.kernel,
    r.pass,
    power(r.elements),
    fixed(r.medianMs, 3),
    range(r.q1Ms, r.q3Ms, 3),
    range(r.minMs, r.maxMs, 3),
    fixed(r.elementsPerSecond / 1e6, 0),
    fixed(r.gbps, 2),
    fixed(r.vsRelu, 2),
    fixed(r.vsSwish, 2),
    fixed(r.vsCopy, 2),
    fixed(r.vsNaiveCopy, 2),
    fixed(r.vsNaiveMish, 2),
  ];
}

/** Results by size, forward before backward. */
export function sortedResults(results: readonly BenchResult[]): BenchResult[] {
  return [...results].sort((p, q) => p.elements - q.elements || (p.pass === q.pass ? 0 : p.pass === 'forward' ? -1 : 1));
}

export function formatKernelTable(report: BenchReport): string {
  const rows = sortedResults(report.results).map(kernelCells);
  return [
    formatTable(KERNEL_COLUMNS, rows, { left: [0, 1], group: (row) => `${row[2]} ${row[1]}` }),
    '',
    `per-call CPU overhead, mean of ${report.overheadCalls} calls on 1024 elements: ` +
      `mishForward encode + submit ${report.overheadUs.toFixed(1)} µs; recorded into a caller's encoder ` +
      `${report.recordUs.toFixed(1)} µs (with a new range each call: ${report.recordNewRangeUs.toFixed(1)} µs); ` +
      `the browser's own empty encode + submit ${report.submitFloorUs.toFixed(1)} µs`,
  ].join('\n');
}
