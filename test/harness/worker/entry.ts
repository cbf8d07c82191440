// Starts worker.ts as a module worker and exposes its one report to the Node side.
import type { WorkerReport } from './report.js';

declare global {
  interface Window {
    workerReport?: WorkerReport;
    workerError?: string;
  }
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<WorkerReport | { error: string }>) => {
  if ('error' in event.data) window.workerError = event.data.error;
  else window.workerReport = event.data;
  worker.terminate();
};
worker.onerror = (event) => {
  window.workerError = `the worker failed to start or threw: ${event.message}`;
};
worker.postMessage('run');
