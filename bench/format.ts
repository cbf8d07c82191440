/** Plain-text report of a bench run, as `npm run bench` prints it. */
import type { BenchAdapter, BenchReport, BenchResult } from './harness.js';
import type { TrainResult, TrainSetup } from './train-setup.js';

function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

function power(elements: number): string {
  const exponent = Math.log2(elements);
  return Number.isInteger(exponent) ? `2^${exponent}` : String(elements);
}

/** One line naming the adapter, and whether it is a software (fallback) one. */
export function describeAdapterLine(a: BenchAdapter): string {
  return (
    `adapter: ${a.vendor || '?'} / ${a.architecture || '?'}${a.description ? ` (${a.description})` : ''}` +
    `${a.isFallbackAdapter ? ', fallback (software) adapter' : ''}`
  );
}

export function describeRun(report: BenchReport): string {
  return [
    describeAdapterLine(report.adapter),
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

/** Median over rounds of a/b, where a[i] and b[i] ran in the same round, side by side. */
export function pairedRatio(a: TrainResult, b: TrainResult): number {
  const ratios = a.timesMs.map((time, i) => time / (b.timesMs[i] as number)).sort((p, q) => p - q);
  const middle = ratios.length >> 1;
  return ratios.length % 2 === 1 ? (ratios[middle] as number) : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2;
}

/** The training-step targets of this package on one run: each with its figure and whether it holds. */
export function trainTargets(results: readonly TrainResult[]): Array<{ target: string; value: number; holds: boolean }> {
  const row = (kernel: TrainResult['kernel']): TrainResult | undefined => results.find((r) => r.kernel === kernel);
  const [relu, swish, tfjsMish, mish] = [row('relu'), row('swish'), row('tfjs-mish'), row('mish')];
  if (!relu || !swish || !tfjsMish || !mish) return [];
  const vsRelu = pairedRatio(mish, relu);
  const vsSwish = pairedRatio(mish, swish);
  const builtin = pairedRatio(tfjsMish, mish);
  return [
    { target: 'fused Mish step <= 1.10 x ReLU step', value: vsRelu, holds: vsRelu <= 1.1 },
    { target: 'fused Mish step <= Swish step', value: vsSwish, holds: vsSwish <= 1 },
    { target: "TF.js's built-in Mish step >= 1.2 x fused Mish step", value: builtin, holds: builtin >= 1.2 },
  ];
}

/** The training-step table: medians and spread, ratios of steps run side by side, the activation's own GPU time. */
export function formatTrainTable(results: readonly TrainResult[], setup: TrainSetup): string {
  const byKernel = (kernel: TrainResult['kernel']): TrainResult | undefined => results.find((r) => r.kernel === kernel);
  const columns = ['activation', 'median ms', 'min ms', 'max ms', 'steps', '×ReLU', '×Swish', '×fused Mish', 'activation GPU ms', 'share'];
  const ratio = (r: TrainResult, kernel: TrainResult['kernel']): string => {
    const base = byKernel(kernel);
    return base === undefined ? '-' : pairedRatio(r, base).toFixed(3);
  };
  const rows = results.map((r) => [
    r.kernel,
    r.medianMs.toFixed(0),
    r.minMs.toFixed(0),
    r.maxMs.toFixed(0),
    String(r.steps),
    ratio(r, 'relu'),
    ratio(r, 'swish'),
    ratio(r, 'mish'),
    fixed(r.activationMs, 1),
    r.activationMs === null ? '-' : `${((100 * r.activationMs) / r.medianMs).toFixed(1)} %`,
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  const targets = trainTargets(results).map(
    (t) => `  ${t.target}: ${t.value.toFixed(3)} (${t.holds ? 'holds' : 'missed'})`,
  );
  return [
    `training step: 784 -> ${setup.depth} x [dense ${setup.width}, BatchNorm, activation, dropout 0.25] -> dense 10 ` +
      `softmax; SGD; batch ${setup.batch}; random data; ${setup.warmup} warm-up and ${setup.steps} timed steps per ` +
      'activation, interleaved',
    'ratios: median over rounds of the two steps run side by side; activation GPU ms: the activation layers alone ' +
      `(${setup.depth} x forward + backward at [${setup.batch}, ${setup.width}], TF.js kernel timestamps)`,
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    ...(targets.length > 0 ? ['targets on this run:', ...targets] : []),
  ].join('\n');
}
