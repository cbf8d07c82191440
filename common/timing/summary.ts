/**
 * The end of a bench run, readable at a glance: Mish forward and backward at the largest size against ReLU, Swish,
 * copy, the builtin one-liner, the unfused Mish and TF.js, with throughput, and which of the package's targets
 * hold on this run. The targets depend on the adapter: on a software one (shaders run on the CPU, every
 * instruction costs time) Mish is held against what a user would otherwise run; on a hardware one, where an
 * element-wise kernel waits on memory, against ReLU and Swish.
 */
import { isSoftwareAdapter } from '../adapter.js';
import { type Target, verdict } from '../targets.js';
import { power } from './report.js';
import type { BenchReport, BenchResult, KernelName } from './types.js';

export type { Target } from '../targets.js';

/** The size the kernel targets are stated for: at smaller sizes a dispatch's fixed cost dominates every row. */
export const TARGET_ELEMENTS = 2 ** 24;

/**
 * The targets of this package for the adapter the report ran on, shown at its largest size and judged there only
 * if that is TARGET_ELEMENTS (the recording cost, per call, at any size).
 */
export function benchTargets(report: BenchReport): { software: boolean; elements: number; targets: Target[] } {
  const elements = Math.max(...report.results.map((r) => r.elements));
  const judged = elements === TARGET_ELEMENTS;
  const median = (kernel: KernelName, pass: 'forward' | 'backward'): number | undefined =>
    report.results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === elements)?.medianMs;
  /** numerator / denominator (medians of one pass), and whether it is at most (or at least) the bound. */
  const ratio = (
    target: string,
    pass: 'forward' | 'backward',
    numerator: KernelName,
    denominator: KernelName,
    bound: { most: number } | { least: number },
  ): Target => {
    const top = median(numerator, pass);
    const bottom = median(denominator, pass);
    const value = top === undefined || bottom === undefined ? null : top / bottom;
    const holds = value === null || !judged ? null : 'most' in bound ? value <= bound.most : value >= bound.least;
    return { target, value, unit: '×', holds };
  };
  /** mish / other, at most `most`. */
  const within = (target: string, pass: 'forward' | 'backward', other: KernelName, most: number): Target =>
    ratio(target, pass, 'mish', other, { most });
  /** other / mish, at least `least`. */
  const faster = (target: string, pass: 'forward' | 'backward', other: KernelName, least: number): Target =>
    ratio(target, pass, other, 'mish', { least });
  /** The package's path (in-path copy) against the same copy written standalone. */
  const pathCost = (target: string, pass: 'forward' | 'backward'): Target => ratio(target, pass, 'copy', 'naive-copy', { most: 1 });
  /** Mish forward on 16-bit storage over the f32 one, at most 1.5 (half the bytes, two conversions per element). */
  const sixteenBit = (kernel: 'mish-f16' | 'mish-bf16'): Target =>
    ratio(`${kernel} forward <= 1.5 x f32 Mish (${kernel} / mish)`, 'forward', kernel, 'mish', { most: 1.5 });
  const software = isSoftwareAdapter(report.adapter);
  const targets = software
    ? [
        within('Mish forward no slower than the builtin one-liner (mish / mish-builtin <= 1)', 'forward', 'mish-builtin', 1),
        within('Mish backward no slower than the builtin one-liner (mish / mish-builtin <= 1)', 'backward', 'mish-builtin', 1),
        pathCost('the path costs nothing: copy forward <= 1.0 x naive-copy', 'forward'),
        pathCost('the path costs nothing: copy backward <= 1.0 x naive-copy', 'backward'),
        within("Mish forward no slower than a user's standalone one-liner (mish / naive-mish <= 1)", 'forward', 'naive-mish', 1),
        within("Mish backward no slower than a user's standalone kernel (mish / naive-mish <= 1)", 'backward', 'naive-mish', 1),
        faster("at least 4x faster than TF.js's composed Mish (tfjs-mish / mish >= 4)", 'forward', 'tfjs-mish', 4),
        faster("faster than TF.js's ReLU (tfjs-relu / mish >= 1)", 'forward', 'tfjs-relu', 1),
        faster("at least 3x faster than ONNX Runtime Web's Mish (ort-mish / mish >= 3)", 'forward', 'ort-mish', 3),
        faster('at least 2x faster than the unfused Mish (mish-unfused / mish >= 2)', 'forward', 'mish-unfused', 2),
        sixteenBit('mish-f16'),
        sixteenBit('mish-bf16'),
        { target: "the package's recording cost per call <= 10 µs", value: report.recordUs, unit: ' µs', holds: report.recordUs <= 10 },
      ]
    : [
        within('Mish forward <= 1.1 x copyBufferToBuffer (mish / copy-buffer)', 'forward', 'copy-buffer', 1.1),
        within('Mish forward <= 1.05 x ReLU', 'forward', 'relu', 1.05),
        within('Mish backward <= 1.05 x ReLU', 'backward', 'relu', 1.05),
        within('Mish forward <= Swish', 'forward', 'swish', 1),
        within('Mish backward <= Swish', 'backward', 'swish', 1),
      ];
  return { software, elements, targets };
}

function passLine(report: BenchReport, pass: 'forward' | 'backward', elements: number): string[] {
  const row = (kernel: KernelName): BenchResult | undefined =>
    report.results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === elements);
  const mish = row('mish');
  if (mish === undefined) return [];
  const others: string[] = [];
  for (const kernel of ['relu', 'swish', 'copy', 'mish-builtin', 'mish-unfused', 'tfjs-mish', 'tfjs-relu', 'ort-mish', 'naive-copy', 'naive-mish', 'copy-buffer'] as const) {
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
    `targets for a ${software ? 'software' : 'hardware'} adapter (judged at ${power(TARGET_ELEMENTS)} elements):`,
    ...targets.map((t) => `  ${t.target}: ${verdict(t)}`),
  ].join('\n');
}
