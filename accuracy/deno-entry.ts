/**
 * Runs in Deno (`npm run accuracy -- --runtime deno`, through common/deno.ts): the sweep on the adapter Deno's
 * WebGPU (wgpu) finds. Input: the sweep options in JSON; output: the report.
 */
import { reportToNode } from '../common/deno-progress.js';
import { runSweep, type SweepOptions } from './sweep.js';

declare const Deno: { args: string[] };

const options = JSON.parse(Deno.args[0] as string) as Omit<SweepOptions, 'onProgress'>;
console.log(JSON.stringify(await runSweep({ ...options, onProgress: reportToNode })));
