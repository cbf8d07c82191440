// The page `npm run bench` drives: exposes the kernel timing harness and the training-step benchmark to the CLI.
import { type AdapterDescription, describeAdapter } from '../common/adapter.js';
import { runModelBench } from '../common/models/run.js';
import type { ModelBenchOptions, ModelReport } from '../common/models/types.js';
import { runBench } from '../common/timing/run.js';
import type { BenchOptions, BenchProgress, BenchReport } from '../common/timing/types.js';
import { runTrainBench } from '../common/training/run.js';
import type { TrainResult, TrainSetup } from '../common/training/setup.js';

declare global {
  interface Window {
    runBenchFromCli?: (options: Omit<BenchOptions, 'onProgress'>) => Promise<BenchReport>;
    runTrainFromCli?: (setup: TrainSetup) => Promise<{ adapter: AdapterDescription; results: TrainResult[] }>;
    runModelFromCli?: (options: Omit<ModelBenchOptions, 'onProgress'>) => Promise<ModelReport>;
    /** Installed by the CLI with page.exposeFunction. */
    reportBenchProgress?: (progress: BenchProgress) => Promise<void>;
  }
}

window.runBenchFromCli = (options) => runBench({ ...options, onProgress: (progress) => void window.reportBenchProgress?.(progress) });

window.runModelFromCli = (options) => runModelBench({ ...options, onProgress: (progress) => void window.reportBenchProgress?.(progress) });

window.runTrainFromCli = async (setup) => {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU is not available in this browser, or it offered no adapter');
  const results = await runTrainBench(setup, (progress) => void window.reportBenchProgress?.(progress));
  return { adapter: describeAdapter(adapter), results };
};
