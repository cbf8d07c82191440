/** The kernel timing report as text: the adapter and timer, the table `npm run bench` prints, the overhead line. */
import { tilingName } from '../../src/index.js';
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
  const { tiling } = report;
  return [
    `adapter: ${adapterLine(report.adapter)}`,
    `tiling: ${tilingName(tiling)} (${tiling.workgroupSize} invocations per workgroup, ${tiling.chunksPerInvocation} ${tiling.chunksPerInvocation === 1 ? 'chunk' : 'chunks'} each), ` +
      `${tiling.source === 'rule' ? `the rule's choice for ${tiling.reason}` : tiling.reason}`,
    `timer: ${report.timer === 'timestamp' ? 'GPU timestamp queries' : 'CPU time to onSubmittedWorkDone'}` +
      (report.tfjsTimer ? `; TF.js rows: ${report.tfjsTimer}` : '') +
      (report.ortTimer ? `; ONNX Runtime row: ${report.ortTimer}` : ''),
  ].join('\n');
}

export const KERNEL_COLUMNS = [
  'kernel',
  'pass',
  'elements',
  'median ms',
  'IQR ms',
  'min–max ms',
  'Melem/s',
  'GB/s',
  '×ReLU',
  '×Swish',
  '×copy',
  '×naive-copy',
  '×naive-mish',
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

/** The columns of the CLI's default table (it fits 120 columns); `--wide` prints all of KERNEL_COLUMNS. */
const COMPACT_COLUMNS = ['kernel', 'pass', 'elements', 'median ms', 'IQR ms', 'GB/s', '×ReLU', '×Swish', '×naive-copy', '×naive-mish'];

export function formatKernelTable(report: BenchReport, wide = false): string {
  const columns = wide ? KERNEL_COLUMNS : COMPACT_COLUMNS;
  const keep = columns.map((column) => KERNEL_COLUMNS.indexOf(column));
  const rows = sortedResults(report.results).map((r) => {
    const cells = kernelCells(r);
    return keep.map((k) => cells[k] as string);
  });
  return [
    formatTable(columns, rows, { left: [0, 1], group: (row) => `${row[2]} ${row[1]}` }),
    '',
    `per-call CPU overhead, mean of ${report.overheadCalls} calls on 1024 elements: ` +
      `mishForward encode + submit ${report.overheadUs.toFixed(1)} µs; recorded into a caller's encoder ` +
      `${report.recordUs.toFixed(1)} µs (with a new range each call: ${report.recordNewRangeUs.toFixed(1)} µs);\n` +
      `WebGPU's own empty encode + submit on this runtime (no kernel) ${report.submitFloorUs.toFixed(1)} µs`,
  ].join('\n');
}

/**
 * The tiling sweep (`npm run bench -- --tiling`): per size, one line per tiling with each package row's median and
 * its ratio to the standalone kernel of the same work (copy and ReLU over naive-copy, Mish over naive-mish), the
 * device's own tiling marked; then the standalone kernels' medians.
 */
export function formatTilingTable(report: BenchReport): string {
  const own = tilingName(report.tiling);
  const columns: Array<[BenchResult['kernel'], BenchResult['pass']]> = [
    ['copy', 'forward'],
    ['copy', 'backward'],
    ['mish', 'forward'],
    ['mish', 'backward'],
    ['relu', 'forward'],
    ['relu', 'backward'],
  ];
  const out: string[] = [];
  for (const elements of [...new Set(report.results.map((r) => r.elements))].sort((a, b) => a - b)) {
    const at = report.results.filter((r) => r.elements === elements);
    const tilings = [...new Set(at.flatMap((r) => (r.tiling === undefined ? [] : [r.tiling])))];
    const rows = tilings.map((tiling) => [
      `${tiling}${tiling === own ? ' *' : ''}`,
      ...columns.map(([kernel, pass]) => {
        const r = at.find((q) => q.kernel === kernel && q.pass === pass && q.tiling === tiling);
        if (r === undefined) return '-';
        return `${r.medianMs.toFixed(2)} (${fixed(kernel === 'mish' ? r.vsNaiveMish : r.vsNaiveCopy, 2)})`;
      }),
    ]);
    const header = ['tiling', ...columns.map(([kernel, pass]) => `${kernel} ${pass === 'forward' ? 'fwd' : 'bwd'}`)];
    const standalone = at
      .filter((r) => r.tiling === undefined)
      .map((r) => `${r.kernel} ${r.pass} ${r.medianMs.toFixed(2)}`)
      .join(', ');
    out.push(
      `${power(elements)} elements: median ms (x the standalone kernel: naive-copy for copy and ReLU, naive-mish for Mish); * the device's own tiling`,
      formatTable(header, rows),
      `standalone kernels (ms): ${standalone}`,
      '',
    );
  }
  return out.join('\n').trimEnd();
}
