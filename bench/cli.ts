/**
 * `npm run bench`: times Mish, ReLU, Swish, copy, the builtin-composed and unfused Mish and TF.js on the
 * WebGPU adapter of headless Chrome, and prints a table. With `--train`, times a training step of the paper's
 * Figure 6 network in TF.js with ReLU, Swish, TF.js's own Mish and the fused Mish instead (and the kernel rows too
 * when sizes are given with --sizes or --quick).
 *
 *   npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs] [--no-ort]
 *                    [--train [--steps N] [--depth N] [--width N] [--batch N]] [--runtime browser|node|deno]
 *                    [--browser chrome|firefox] [--tiling [all|64x1,256x8,...]]
 *                    [--model cspdarknet53|mish-chain|all [--size N]]
 *
 * `--tiling` times the package's rows under each kernel shape (src/tiling.ts) side by side instead, at 2^24
 * elements unless --sizes says otherwise.
 *
 * `--model` times converted graph models on TF.js's WebGPU backend instead (common/models/run.ts): YOLOv4's
 * CSPDarknet53 backbone at --size (default 32) in the converter's form, with one Mish op per activation, with Mish in
 * the convolutions' epilogue, and with no activation; and four Mish in a row, each composite form against the same
 * rewritten. --reps is the timed forwards per form (default 5 with --model).
 *
 * `--browser firefox` runs it in headless Firefox (wgpu) instead of Chrome (Dawn). `--runtime node` runs the kernel
 * rows in Node through Dawn (the `webgpu` package) on whatever adapter it finds, `--runtime deno` in Deno through
 * wgpu, both without TF.js.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adapterLine, isSoftwareAdapter } from '../common/adapter.js';
import { BROWSER_LABELS, BROWSERS, type BrowserName, isBrowserName } from '../common/browsers.js';
import { describeRun, formatKernelTable, formatTilingTable } from '../common/timing/report.js';
import { formatSummary } from '../common/timing/summary.js';
import { formatModelSummary, formatModelTables } from '../common/models/report.js';
import { DEFAULT_BACKBONE_SIZE, DEFAULT_MODEL_REPS, MODEL_NAMES, type ModelName } from '../common/models/types.js';
import { formatTrainTable } from '../common/training/report.js';
import { PAPER_SETUP, type TrainSetup } from '../common/training/setup.js';
// src/tiling.ts itself, not testing.ts: Node cannot load testing.ts's WGSL imports.
import { type Tiling, TILINGS } from '../src/tiling.js';
import { type BenchRun, runInBrowser, runInDenoRuntime, runInNode, runModelsInBrowser } from './runtimes.js';

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
    `${message}\nusage: npm run bench -- [--sizes 65536,2^20,...] [--reps N] [--quick] [--json FILE] [--no-tfjs] [--no-ort]\n` +
      '                        [--train [--steps N] [--depth N] [--width N] [--batch N]] [--runtime browser|node|deno]\n' +
      '                        [--browser chrome|firefox] [--tiling [all|64x1,256x8,...]]\n' +
      '                        [--model cspdarknet53|mish-chain|all [--size N]]',
  );
  process.exit(2);
}

/** `--tiling`'s value: 'all' (every shape of TILINGS) or shapes as WORKGROUPxCHUNKS. */
function parseTilings(text: string): Tiling[] {
  if (text === 'all') return [...TILINGS];
  return text.split(',').map((shape) => {
    const match = /^(\d+)x(\d+)$/.exec(shape.trim());
    if (match === null) usage(`--tiling: "${shape}" is not a shape like 256x8 (invocations per workgroup x chunks per invocation)`);
    return { workgroupSize: Number(match[1]), chunksPerInvocation: Number(match[2]) };
  });
}

/** `--tiling` may come without a value (every shape): give parseArgs one. */
function withTilingValue(args: string[]): string[] {
  return args.flatMap((arg, i) => (arg === '--tiling' && (args[i + 1] === undefined || args[i + 1]?.startsWith('--')) ? [arg, 'all'] : [arg]));
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
      args: withTilingValue(process.argv.slice(2)),
      options: {
        sizes: { type: 'string' },
        reps: { type: 'string' },
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        'no-tfjs': { type: 'boolean', default: false },
        'no-ort': { type: 'boolean', default: false },
        train: { type: 'boolean', default: false },
        steps: { type: 'string' },
        depth: { type: 'string' },
        width: { type: 'string' },
        batch: { type: 'string' },
        runtime: { type: 'string', default: 'browser' },
        browser: { type: 'string', default: 'chrome' },
        tiling: { type: 'string' },
        model: { type: 'string' },
        size: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) usage('Times the kernels on the adapter headless Chrome (or Firefox) offers.');
  let sizes: number[];
  try {
    sizes = values.sizes ? values.sizes.split(',').map(parseSize) : values.tiling ? [2 ** 24] : values.quick ? QUICK_SIZES : DEFAULT_SIZES;
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
  const runtime = values.runtime;
  if (runtime !== 'browser' && runtime !== 'node' && runtime !== 'deno') usage(`--runtime: "${runtime}" is not browser, node or deno`);
  if (runtime !== 'browser' && train !== null) usage(`--train runs TF.js in the browser: leave out --runtime ${runtime}`);
  const browser = values.browser;
  if (!isBrowserName(browser)) usage(`--browser: "${browser}" is not ${BROWSERS.join(' or ')}`);

  const tilings = values.tiling === undefined ? undefined : parseTilings(values.tiling);
  if (tilings !== undefined && train !== null) usage('--tiling times the kernels alone: leave out --train');

  if (values.model !== undefined) {
    await benchModels(values.model, values, runtime, browser);
    return;
  }
  if (values.size !== undefined) usage('--size is the input size of --model cspdarknet53: give --model too');

  const started = Date.now();
  const peers = runtime === 'browser' && tilings === undefined;
  const options = kernels
    ? { sizes, reps, tfjs: peers && !values['no-tfjs'], ort: peers && !values['no-ort'], ...(tilings === undefined ? {} : { tilings }) }
    : null;
  if (options !== null) {
    console.error(
      `bench: ${runtime === 'browser' ? BROWSER_LABELS[browser] : runtime}; sizes ${sizes.join(', ')}; ${reps} repetitions; ` +
        (options.tfjs ? 'with TF.js' : `without TF.js${runtime !== 'browser' ? ` (the TF.js rows need a browser: skipped in ${runtime === 'node' ? 'Node' : 'Deno'})` : ''}`) +
        (options.ort ? ', with ONNX Runtime Web' : runtime === 'browser' ? ', without ONNX Runtime Web' : '') +
        (tilings === undefined ? '' : `; the tiling sweep: ${tilings.length} shapes`),
    );
  }
  if (train !== null) {
    console.error(
      `bench: training step, depth ${train.depth}, width ${train.width}, batch ${train.batch}; ` +
        `${train.warmup} warm-up and ${train.steps} timed steps per activation`,
    );
  }
  const run: BenchRun =
    runtime === 'node' && options !== null
      ? await runInNode(options)
      : runtime === 'deno' && options !== null
        ? await runInDenoRuntime(options)
        : await runInBrowser(options, train, browser);
  print(run, train);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (values.json) {
    const json = {
      runtime,
      ...(runtime === 'browser' ? { browser } : {}),
      ...(run.report ?? { adapter: run.trained?.adapter }),
      results: [...(run.report?.results ?? []), ...(run.trained?.results ?? [])],
      ...(train !== null ? { train } : {}),
    };
    writeFileSync(values.json, `${JSON.stringify(json, null, 2)}\n`);
    console.error(`bench: wrote ${values.json}`);
  }
}

/** `--model`: the converted graph models, in the browser. */
async function benchModels(
  model: string,
  values: { size?: string; reps?: string; sizes?: string; train?: boolean; tiling?: string; json?: string },
  runtime: string,
  browser: BrowserName,
): Promise<void> {
  if (runtime !== 'browser') usage(`--model runs TF.js in the browser: leave out --runtime ${runtime}`);
  if (values.train || values.tiling !== undefined || values.sizes !== undefined) usage('--model times whole models: leave out --train, --tiling and --sizes');
  const models: ModelName[] = model === 'all' ? [...MODEL_NAMES] : model.split(',').map((name) => {
    if (!(MODEL_NAMES as readonly string[]).includes(name)) usage(`--model: "${name}" is not ${MODEL_NAMES.join(', ')} or all`);
    return name as ModelName;
  });
  const size = positive('size', values.size, DEFAULT_BACKBONE_SIZE);
  if (size % 32 !== 0) usage(`--size: ${size} is not a multiple of 32 (CSPDarknet53 halves it five times); e.g. 64, 416 or 608`);
  const reps = positive('reps', values.reps, DEFAULT_MODEL_REPS);
  const started = Date.now();
  console.error(`bench: ${BROWSER_LABELS[browser]}; models ${models.join(', ')}; CSPDarknet53 at ${size}x${size}; ${reps} timed forwards per form`);
  const report = await runModelsInBrowser({ models, size, reps }, browser);
  console.log(formatModelTables(report));
  console.log(`\n${formatModelSummary(report)}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ runtime, browser, ...report }, null, 2)}\n`);
    console.error(`bench: wrote ${values.json}`);
  }
}

function print({ report, trained }: BenchRun, train: TrainSetup | null): void {
  if (report !== null && report.results.some((r) => r.tiling !== undefined)) {
    console.log(describeRun(report));
    console.log(formatTilingTable(report));
    return;
  }
  if (report !== null) {
    console.log(describeRun(report));
    console.log(formatKernelTable(report));
  } else if (trained !== null) {
    console.log(`adapter: ${adapterLine(trained.adapter)}`);
  }
  if (trained !== null && train !== null) {
    if (report !== null) console.log('');
    console.log(formatTrainTable(trained.results, train, isSoftwareAdapter(trained.adapter)));
  }
  if (report !== null) console.log(`\n${formatSummary(report)}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
