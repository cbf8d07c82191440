// The page `npm run bench` drives: exposes the kernel harness and the training-step benchmark to the CLI.
import { type BenchAdapter, type BenchOptions, type BenchProgress, type BenchReport, describeAdapter, runBench } from './harness.js';
import { runTrainBench } from './train.js';
import type { TrainResult, TrainSetup } from './train-setup.js';

declare global {
  interface Window {
    runBenchFromCli?: (options: Omit<BenchOptions, 'onProgress'>) => Promise<BenchReport>;
    runTrainFromCli?: (setup: TrainSetup) => Promise<{ adapter: BenchAdapter; results: TrainResult[] }>;
    /** Installed by the CLI with page.exposeFunction. */
    reportBenchProgress?: (progress: BenchProgress) => Promise<void>;
  }
}

window.runBenchFromCli = (options) =>
  runBench({ ...options, onProgress: (progress) => void window.reportBenchProgress?.(progress) });

window.runTrainFromCli = async (setup) => {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU is not available in this browser, or it offered no adapter');
  const results = await runTrainBench(setup, (progress) => void window.reportBenchProgress?.(progress));
  return { adapter: describeAdapter(adapter), results };
};
