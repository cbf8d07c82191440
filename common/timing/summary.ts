/**
 * The end of a bench run, readable at a glance: Mish forward and backward at the largest size against ReLU, Swish,
 * copy, the builtin one-liner, the unfused Mish and TF.js, with throughput, and which of the package's targets
 * hold on this run. The targets depend on the adapter: on a software one (shaders run on the CPU, every
 * instruction costs time) Mish is held against what a user would otherwise run; on a hardware one, where an
 * element-wise kernel waits on memory, against ReLU and Swish.
 */
import { isSoftwareAdapter } from '../adapter.js';
import { judgeSpread, type Target, verdict } from '../targets.js';
import { RECORD_US_BOUND, ratioTargets, TARGET_ELEMENTS } from './kernel-targets.js';
import { COMPILATIONS, MAX_ROUNDS, MIN_ROUNDS, REPRODUCIBILITY } from './pairs.js';
import { power } from './report.js';
import type { BenchReport, BenchResult, KernelName } from './types.js';

export type { Target } from '../targets.js';
export { TARGET_ELEMENTS } from './kernel-targets.js';

/**
 * The targets of this package for the adapter the report ran on (kernel-targets.ts), shown at its largest size and
 * judged there only if that is TARGET_ELEMENTS, from the pairs measured in rounds (the recording cost, per call, at any
 * size). At other sizes a ratio is the medians' and is shown, not judged.
 */
export function benchTargets(report: BenchReport): { software: boolean; elements: number; targets: Target[] } {
  const elements = Math.max(...report.results.map((r) => r.elements));
  const software = isSoftwareAdapter(report.adapter);
  const median = (kernel: KernelName, pass: 'forward' | 'backward'): number | undefined =>
    report.results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === elements)?.medianMs;
  const targets: Target[] = ratioTargets(software, report.tiling).map((spec) => {
    const pair = report.pairs.find(
      (p) => p.numerator === spec.numerator && p.denominator === spec.denominator && p.pass === spec.pass && p.elements === elements,
    );
    if (pair !== undefined) {
      const spread = { low: pair.low, high: pair.high, label: '95 %' as const, rounds: pair.rounds.length };
      const holds = judgeSpread(spec.bound, pair.low * (1 - REPRODUCIBILITY), pair.high * (1 + REPRODUCIBILITY));
      return { target: spec.text, value: pair.ratio, unit: '×', holds, spread };
    }
    const top = median(spec.numerator, spec.pass);
    const bottom = median(spec.denominator, spec.pass);
    return { target: spec.text, value: top === undefined || bottom === undefined ? null : top / bottom, unit: '×', holds: null };
  });
  targets.push({
    target: `the package's recording cost per call <= ${RECORD_US_BOUND} µs`,
    value: report.recordUs,
    unit: ' µs',
    holds: report.recordUs <= RECORD_US_BOUND,
  });
  return { software, elements, targets };
}

function passLine(report: BenchReport, pass: 'forward' | 'backward', elements: number): string[] {
  const row = (kernel: KernelName): BenchResult | undefined => report.results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === elements);
  const mish = row('mish');
  if (mish === undefined) return [];
  const others: string[] = [];
  for (const kernel of [
    'relu',
    'swish',
    'copy',
    'mish-builtin',
    'mish-unfused',
    'tfjs-mish',
    'tfjs-relu',
    'ort-mish',
    'naive-copy',
    'naive-mish',
    'copy-buffer',
  ] as const) {
    const other = row(kernel);
    if (other !== undefined) others.push(`${kernel} ${(mish.medianMs / other.medianMs).toFixed(2)}`);
  }
  return [
    `  Mish ${pass}: ${mish.medianMs.toFixed(3)} ms (IQR ${mish.q1Ms.toFixed(3)}–${mish.q3Ms.toFixed(3)}), ` +
      `${(mish.elementsPerSecond / 1e6).toFixed(0)} Melem/s, ${mish.gbps.toFixed(2)} GB/s`,
    `    time over: ${others.join(', ')}`,
  ];
}

export function formatSummary(report: BenchReport): string {
  const { software, elements, targets } = benchTargets(report);
  return [
    `summary at ${power(elements)} elements, on a ${software ? 'software adapter (shaders run on the CPU)' : 'hardware adapter'}:`,
    ...passLine(report, 'forward', elements),
    ...passLine(report, 'backward', elements),
    `targets for a ${software ? 'software' : 'hardware'} adapter, judged at ${power(TARGET_ELEMENTS)} elements: each ratio its two rows' fastest times ` +
      `over ${MIN_ROUNDS} to ${MAX_ROUNDS} rounds side by side (A B B A, B A A B) on ${COMPILATIONS} devices in turn, with the middle 95 % of it over resamples of the rounds; held or ` +
      `missed only when that, widened by ${100 * REPRODUCIBILITY} % either way (what a new run may differ by), lies on one side of the bound:`,
    ...targets.map((t) => `  ${t.target}: ${verdict(t)}`),
  ].join('\n');
}
