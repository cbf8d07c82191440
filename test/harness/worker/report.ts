/** What the worker (worker.ts) reports: the kernels' outputs and the rewritten graph model's, and where it ran. */
export interface WorkerReport {
  /** true when the code ran without a document: in the worker, not the page. */
  inWorker: boolean;
  kernels: { input: number[]; forward: number[]; backward: number[] };
  /** The rewritten model's outputs against the model as it is, and the kernels tf.profile saw it run. */
  model: { backend: string; expected: number[]; values: number[]; kernels: string[] };
}
