/** The figures of a set of repeated measurements, and the ratios between rows measured side by side. */
import { BYTES_PER_ELEMENT, type BenchResult, type KernelName, type Row } from './types.js';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One row's result at one size from its timed repetitions (ms per call); the ratios are filled in by `withRatios`. */
export function summarize(row: Row, elements: number, dispatches: number, times: readonly number[]): BenchResult {
  const medianMs = median(times);
  return {
    kernel: row.kernel,
    pass: row.pass,
    elements,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    gbps: ((row.bytesPerElement ?? BYTES_PER_ELEMENT[row.pass]) * elements) / (medianMs * 1e6),
    elementsPerSecond: elements / (medianMs / 1000),
    vsRelu: null,
    vsSwish: null,
    vsCopy: null,
    dispatches,
  };
}

/** Each result's median over the median of ReLU, Swish and copy for the same pass and size. */
export function withRatios(results: BenchResult[]): BenchResult[] {
  const medianOf = (kernel: KernelName, result: BenchResult): number | undefined =>
    results.find((r) => r.kernel === kernel && r.pass === result.pass && r.elements === result.elements)?.medianMs;
  for (const result of results) {
    const ratio = (kernel: KernelName): number | null => {
      const base = medianOf(kernel, result);
      return base === undefined ? null : result.medianMs / base;
    };
    result.vsRelu = ratio('relu');
    result.vsSwish = ratio('swish');
    result.vsCopy = ratio('copy');
  }
  return results;
}
