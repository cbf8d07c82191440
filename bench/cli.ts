/**
 * `npm run bench`: times Mish, ReLU, Swish, copy, the builtin-composed and unfused Mish and TF.js on the
 * WebGPU adapter of headless Chrome, and prints a table. With `--train`, times a training step of the paper's
 * Figure 6 network in TF.js with ReLU, Swish, TF.js's own Mish and the fused Mish instead (and the kernel rows too
 * when sizes are given with --sizes or --quick).
 *
 *   npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs]
 *                    [--train [--steps N] [--depth N] [--width N] [--batch N]]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type AdapterDescription, adapterLine } from '../common/adapter.js';
import { openToolPage } from '../common/tool-page.js';
import { describeRun, formatKernelTable } from '../common/timing/report.js';
import type { BenchProgress, BenchReport } from '../common/timing/types.js';
import { formatTrainTable } from '../common/training/report.js';
import { PAPER_SETUP, type TrainResult, type TrainSetup } from '../common/training/setup.js';

const DEFAULT_SIZES = [16, 17, 18, 19, 20, 21, 22, 23, 24].map((k) => 2 ** k);
const QUICK_SIZES = [16, 20, 24].map((k) => 2 ** k);
const DEFAULT_REPS = 10;

function parseSize(text: string): number {
  const match = /^2\^(\d+)$/.exec(text.trim());
  const value = match ? 2 ** Number(match[1]) : Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--sizes: "${text}" is not a positive element count (e.g. 65536 or 2^16)`);
  return value;
}

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs]\n` +
      '                        [--train [--steps N] [--depth N] [--width N] [--batch N]]',
  );
  process.exit(2);
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) usage(`--${name}: "${text}" is not a positive whole number`);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: 'string' },
        reps: { type: 'string' },
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        'no-tfjs': { type: 'boolean', default: false },
        train: { type: 'boolean', default: false },
        steps: { type: 'string' },
        depth: { type: 'string' },
        width: { type: 'string' },
        batch: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) usage('Times the kernels on the adapter headless Chrome offers.');
  let sizes: number[];
  try {
    sizes = values.sizes ? values.sizes.split(',').map(parseSize) : values.quick ? QUICK_SIZES : DEFAULT_SIZES;
  } catch (error) {
    usage((error as Error).message);
  }
  const reps = positive('reps', values.reps, DEFAULT_REPS);
  const train: TrainSetup | null = values.train
    ? {
        depth: positive('depth', values.depth, PAPER_SETUP.depth),
        width: positive('width', values.width, PAPER_SETUP.width),
        batch: positive('batch', values.batch, PAPER_SETUP.batch),
        steps: positive('steps', values.steps, PAPER_SETUP.steps),
        warmup: PAPER_SETUP.warmup,
      }
    : null;
  // --train alone measures the training step only; with --sizes or --quick, the kernel rows too.
  const kernels = train === null || values.sizes !== undefined || values.quick;

  const started = Date.now();
  const { page, close } = await openToolPage(
    '/bench/index.html',
    'runBenchFromCli',
    'reportBenchProgress',
    (progress: BenchProgress) => ({
      percent: Math.floor((100 * progress.done) / Math.max(1, progress.total)),
      line: progress.label,
    }),
  );
  try {
    let report: BenchReport | null = null;
    let trained: { adapter: AdapterDescription; results: TrainResult[] } | null = null;
    if (kernels) {
      console.error(`bench: sizes ${sizes.join(', ')}; ${reps} repetitions; ${values['no-tfjs'] ? 'without' : 'with'} TF.js`);
      report = await page.evaluate((options) => window.runBenchFromCli!(options), { sizes, reps, tfjs: !values['no-tfjs'] });
    }
    if (train !== null) {
      console.error(
        `bench: training step, depth ${train.depth}, width ${train.width}, batch ${train.batch}; ` +
          `${train.warmup} warm-up and ${train.steps} timed steps per activation`,
      );
      trained = await page.evaluate((setup) => window.runTrainFromCli!(setup), train);
    }
    if (report !== null) {
      console.log(describeRun(report));
      console.log(formatKernelTable(report));
    } else if (trained !== null) {
      console.log(`adapter: ${adapterLine(trained.adapter)}`);
    }
    if (trained !== null && train !== null) {
      if (report !== null) console.log('');
      console.log(formatTrainTable(trained.results, train));
    }
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (values.json) {
      const json = {
        ...(report ?? { adapter: trained?.adapter }),
        results: [...(report?.results ?? []), ...(trained?.results ?? [])],
        ...(train !== null ? { train } : {}),
      };
      writeFileSync(values.json, `${JSON.stringify(json, null, 2)}\n`);
      console.error(`bench: wrote ${values.json}`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
