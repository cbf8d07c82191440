/**
 * `npm run bench`: times Mish, ReLU, Swish, copy, the builtin-composed and unfused Mish and TF.js on the
 * WebGPU adapter of headless Chrome, and prints a table.
 *
 *   npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openToolPage } from '../tools/tool-page.js';
import { describeRun, formatTable } from './format.js';
import type { BenchProgress, BenchReport } from './harness.js';

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
  console.error(`${message}\nusage: npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs]`);
  process.exit(2);
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
  const reps = values.reps === undefined ? DEFAULT_REPS : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) usage(`--reps: "${values.reps}" is not a positive whole number`);

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
    console.error(`bench: sizes ${sizes.join(', ')}; ${reps} repetitions; ${values['no-tfjs'] ? 'without' : 'with'} TF.js`);
    const report: BenchReport = await page.evaluate(
      (options) => window.runBenchFromCli!(options),
      { sizes, reps, tfjs: !values['no-tfjs'] },
    );
    console.log(describeRun(report));
    console.log(formatTable(report));
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
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
