/**
 * Runs in Deno (`npm run bench -- --runtime deno`, through common/deno.ts): the kernel rows of common/timing on the
 * adapter Deno's WebGPU (wgpu) finds, without TF.js. Input: the bench options in JSON; output: the report.
 */
import { reportToNode } from '../common/deno-progress.js';
import { runBench } from '../common/timing/run.js';
import type { BenchOptions } from '../common/timing/types.js';

declare const Deno: { args: string[] };

const options = JSON.parse(Deno.args[0] as string) as Omit<BenchOptions, 'onProgress'>;
console.log(JSON.stringify(await runBench({ ...options, tfjs: false, onProgress: reportToNode })));
