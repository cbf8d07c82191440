/**
 * Runs in Deno (built into one file and run by test/deno/kernels.test.ts): the parity checks of
 * test/support/runtime-cases.ts, the many-ranges stress case, the range churn, the differential fuzz, prepare() and
 * a call with another device's buffers, on the built dist/index.js
 * imported from the file URL its input names (`{ dist }`, in JSON in the first argument: common/deno.ts), on the adapter Deno's WebGPU (wgpu) finds. Prints one
 * JSON line: the adapter and every result.
 */
import type { AdapterDescription } from '../../common/adapter.js';
import { type ChurnResult, createHarness, type CaseResult, type FuzzReport, type Lib, type StressResult } from '../harness/index.js';
import { CHURN } from '../support/churn-settings.js';
import { CI_FUZZ } from '../support/fuzz-settings.js';
import { RUNTIME_ENCODER_CALLS, RUNTIME_KERNELS, RUNTIME_LENGTH_PERIOD, runtimeCases } from '../support/runtime-cases.js';

declare const Deno: { args: string[] };

type Harness = ReturnType<typeof createHarness>;

export interface DenoReport {
  adapter: AdapterDescription | null;
  cases: Array<{ name: string; length: number; result: CaseResult }>;
  ranges: StressResult[];
  churn: ChurnResult | null;
  fuzz: FuzzReport | null;
  prepare: Awaited<ReturnType<Harness['runPrepare']>> | null;
  foreign: Awaited<ReturnType<Harness['runForeignBuffers']>> | null;
}

const { dist } = JSON.parse(Deno.args[0] as string) as { dist: string };
const lib = (await import(dist)) as Lib;
const harness = createHarness(lib);
const report: DenoReport = { adapter: await harness.describeAdapter(), cases: [], ranges: [], churn: null, fuzz: null, prepare: null, foreign: null };
if (report.adapter !== null) {
  for (const { activation, pass } of RUNTIME_KERNELS) {
    for (const spec of runtimeCases(activation, pass)) {
      report.cases.push({ name: `${activation} ${pass}`, length: spec.length, result: await harness.runCase(spec) });
    }
    report.cases.push({ name: `${activation} ${pass}`, length: 439, result: await harness.runEncoderBatch(activation, pass) });
  }
  for (const calls of RUNTIME_ENCODER_CALLS) report.ranges.push(await harness.runManyRanges(calls, RUNTIME_LENGTH_PERIOD));
  report.churn = await harness.runRangeChurn(CHURN.submitted, CHURN.recorded);
  report.fuzz = await harness.runFuzz(CI_FUZZ);
  report.prepare = await harness.runPrepare(true);
  report.foreign = await harness.runForeignBuffers();
}
console.log(JSON.stringify(report));
