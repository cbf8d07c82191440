/**
 * Where `npm run bench` runs the harnesses of common/: in headless Chrome or Firefox (the default: the adapter a
 * browser offers, TF.js rows and the training step included), or in Node through Dawn (`--runtime node`: whatever adapter
 * Dawn finds, real GPU drivers first; no TF.js).
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import type { AdapterDescription } from '../common/adapter.js';
import type { BrowserName } from '../common/browsers.js';
import { repoRoot } from '../common/page-server.js';
import { runInDeno } from '../common/deno.js';
import { setUpNodeGpu } from '../common/node-gpu.js';
import { describeProgress, progressPrinter } from '../common/progress.js';
import { openToolPage } from '../common/tool-page.js';
import type * as TimingRun from '../common/timing/run.js';
import type { BenchOptions, BenchProgress, BenchReport } from '../common/timing/types.js';
import type { TrainResult, TrainSetup } from '../common/training/setup.js';
import type { ModelBenchOptions, ModelReport } from '../common/models/types.js';

export interface BenchRun {
  report: BenchReport | null;
  trained: { adapter: AdapterDescription; results: TrainResult[] } | null;
}

type KernelOptions = Omit<BenchOptions, 'onProgress'>;

export async function runInBrowser(kernels: KernelOptions | null, train: TrainSetup | null, browser: BrowserName): Promise<BenchRun> {
  const { page, close } = await openToolPage('/bench/index.html', 'runBenchFromCli', 'reportBenchProgress', describeProgress, browser);
  try {
    const report = kernels === null ? null : await page.evaluate((options) => window.runBenchFromCli!(options), kernels);
    const trained = train === null ? null : await page.evaluate((setup) => window.runTrainFromCli!(setup), train);
    return { report, trained };
  } finally {
    await close();
  }
}

/** The converted-model bench (`--model`): TF.js on the browser's WebGPU adapter. */
export async function runModelsInBrowser(options: Omit<ModelBenchOptions, 'onProgress'>, browser: BrowserName): Promise<ModelReport> {
  const { page, close } = await openToolPage('/bench/index.html', 'runModelFromCli', 'reportBenchProgress', describeProgress, browser);
  try {
    return await page.evaluate((o) => window.runModelFromCli!(o), options);
  } finally {
    await close();
  }
}

export async function runInNode(kernels: KernelOptions): Promise<BenchRun> {
  const gpu = await setUpNodeGpu();
  if (gpu.problem !== null) throw new Error(gpu.problem);
  if (gpu.fallback !== null) console.error(`bench: ${gpu.fallback}`);
  // Vite's module runner loads the harness as the browser gets it: TypeScript, and WGSL imported with ?raw.
  const { module } = await runnerImport<typeof TimingRun>(resolve(repoRoot, 'common/timing/run.ts'), {
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
  });
  const onProgress = progressPrinter((progress: BenchProgress) => describeProgress(progress));
  const report = await module.runBench({ ...kernels, tfjs: false, onProgress });
  return { report, trained: null };
}

export async function runInDenoRuntime(kernels: KernelOptions): Promise<BenchRun> {
  const onProgress = progressPrinter((progress: BenchProgress) => describeProgress(progress));
  const report = await runInDeno<BenchReport, BenchProgress>('bench/deno-entry.ts', { ...kernels, tfjs: false }, onProgress);
  return { report, trained: null };
}
