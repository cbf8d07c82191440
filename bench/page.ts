// The page `npm run bench` drives: exposes the harness to the CLI.
import { type BenchOptions, type BenchProgress, type BenchReport, runBench } from './harness.js';

declare global {
  interface Window {
    runBenchFromCli?: (options: Omit<BenchOptions, 'onProgress'>) => Promise<BenchReport>;
    /** Installed by the CLI with page.exposeFunction. */
    reportBenchProgress?: (progress: BenchProgress) => Promise<void>;
  }
}

window.runBenchFromCli = (options) =>
  runBench({ ...options, onProgress: (progress) => void window.reportBenchProgress?.(progress) });
