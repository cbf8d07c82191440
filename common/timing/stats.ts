/** The figures of a set of repeated measurements, and the ratios between rows measured side by side. */
import { tilingName } from '../../src/index.js';
import { BYTES_PER_ELEMENT, type BenchResult, type KernelName, type Row } from './types.js';

/** The p-quantile (0 … 1) of `values`, interpolated between the two nearest ranks. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return (sorted[low] as number) + (rank - low) * ((sorted[high] as number) - (sorted[low] as number));
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** One row's result at one size from its timed repetitions (ms per call); the ratios are filled in by `withRatios`. */
export function summarize(row: Row, elements: number, dispatches: number, times: readonly number[]): BenchResult {
  const medianMs = median(times);
  return {
    kernel: row.kernel,
    pass: row.pass,
    elements,
    medianMs,
    q1Ms: quantile(times, 0.25),
    q3Ms: quantile(times, 0.75),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    gbps: ((row.bytesPerElement ?? BYTES_PER_ELEMENT[row.pass]) * elements) / (medianMs * 1e6),
    elementsPerSecond: elements / (medianMs / 1000),
    vsRelu: null,
    vsSwish: null,
    vsCopy: null,
    vsNaiveCopy: null,
    vsNaiveMish: null,
    dispatches,
    ...(row.tiling === undefined ? {} : { tiling: tilingName(row.tiling) }),
  };
}

/**
 * Each result's median over the median of ReLU, Swish, copy and the standalone kernels for the same pass and size
 * (and, in the tiling sweep, the same tiling; the standalone kernels have none).
 */
export function withRatios(results: BenchResult[]): BenchResult[] {
  const medianOf = (kernel: KernelName, result: BenchResult): number | undefined =>
    results.find(
      (r) => r.kernel === kernel && r.pass === result.pass && r.elements === result.elements && (r.tiling === undefined || r.tiling === result.tiling),
    )?.medianMs;
  for (const result of results) {
    const ratio = (kernel: KernelName): number | null => {
      const base = medianOf(kernel, result);
      return base === undefined ? null : result.medianMs / base;
    };
    result.vsRelu = ratio('relu');
    result.vsSwish = ratio('swish');
    result.vsCopy = ratio('copy');
    result.vsNaiveCopy = ratio('naive-copy');
    result.vsNaiveMish = ratio('naive-mish');
  }
  return results;
}
