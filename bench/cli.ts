/**
 * `npm run bench`: times Mish, ReLU, Swish, copy, the builtin-composed and unfused Mish and TF.js on the
 * WebGPU adapter of headless Chrome, and prints a table. With `--train`, times a training step of the paper's
 * Figure 6 network in TF.js with ReLU, Swish, TF.js's own Mish and the fused Mish instead (and the kernel rows too
 * when sizes are given with --sizes or --quick).
 *
 *   npm run bench -- --help   (every flag and its default: SPEC below)
 *
 * `--tiling` times the package's rows under each kernel shape (src/tiling.ts) side by side instead, at 2^24
 * elements unless --sizes says otherwise.
 *
 * `--model` times converted graph models on TF.js's WebGPU backend instead (common/models/run.ts): YOLOv4's
 * CSPDarknet53 backbone and the whole YOLOv4 detector at --size (default 32) in the converter's form, with one Mish op
 * per activation, with Mish in the convolutions' epilogue, with the residual adds there too, and with no activation
 * (YOLOv4 also on ONNX Runtime Web, unless --no-ort); and four Mish in a row, each composite form against the same
 * rewritten. --reps is the timed forwards per form (default 9 with --model).
 *
 * `--browser firefox` runs it in headless Firefox (wgpu) instead of Chrome (Dawn). `--runtime node` runs the kernel
 * rows in Node through Dawn (the `webgpu` package) on whatever adapter it finds, `--runtime deno` in Deno through
 * wgpu, both without TF.js.
 */
import { writeFileSync } from 'node:fs';
import { adapterLine, isSoftwareAdapter } from '../common/adapter.js';
import { BROWSER_LABELS, BROWSERS, type BrowserName, isBrowserName } from '../common/browsers.js';
import { COMMON_FLAGS, type CliSpec, flagText, parseCli, runtimeFlag, usageError } from '../common/cli.js';
import { missedTargets, type Target, verdictLine } from '../common/targets.js';
import { describeRun, formatKernelTable, formatTilingTable, power } from '../common/timing/report.js';
import { benchTargets, formatSummary, TARGET_ELEMENTS } from '../common/timing/summary.js';
import { formatModelSummary, formatModelTables, modelTargets } from '../common/models/report.js';
import { DEFAULT_BACKBONE_SIZE, DEFAULT_MODEL_REPS, MODEL_NAMES, type ModelName } from '../common/models/types.js';
import { formatTrainTable, trainTargets } from '../common/training/report.js';
import { PAPER_SETUP, type TrainSetup } from '../common/training/setup.js';
import { type Tiling, TILINGS } from '../src/index.js';
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

const SPEC: CliSpec = {
  command: 'npm run bench --',
  summary:
    "Times the package's kernels beside ReLU, Swish, copies, the kernels a user would write, TF.js and ONNX Runtime Web\n" +
    'on a WebGPU adapter, and judges the targets stated for it. --train times a TF.js training step instead, --tiling\n' +
    "the kernel shapes side by side, --model converted graph models (YOLOv4's backbone, Mish alone).",
  flags: [
    {
      name: 'sizes',
      value: 'LIST',
      default: '2^16 … 2^24, nine sizes; with --quick 2^16, 2^20, 2^24; with --tiling 2^24',
      help: `element counts, e.g. 65536,2^20 (the kernel targets are judged at ${power(TARGET_ELEMENTS)})`,
    },
    { name: 'reps', value: 'N', default: `${DEFAULT_REPS}; with --model ${DEFAULT_MODEL_REPS} forwards per form`, help: 'timed repetitions of each row' },
    { name: 'quick', help: 'three sizes instead of nine' },
    { name: 'no-tfjs', help: 'leave out the TF.js rows (in a browser run; Node and Deno have none)' },
    { name: 'no-ort', help: "leave out ONNX Runtime Web's rows (its Mish; with --model, its YOLOv4)" },
    { name: 'train', help: "time a training step of the paper's Figure 6 network in TF.js (browser only)" },
    { name: 'steps', value: 'N', default: String(PAPER_SETUP.steps), help: 'with --train: timed steps per activation' },
    { name: 'depth', value: 'N', default: String(PAPER_SETUP.depth), help: 'with --train: blocks (training targets are judged at the default)' },
    { name: 'width', value: 'N', default: String(PAPER_SETUP.width), help: 'with --train: units per block (judged at the default)' },
    { name: 'batch', value: 'N', default: String(PAPER_SETUP.batch), help: 'with --train: batch size (judged at the default)' },
    { name: 'tiling', value: '[all|WxC,…]', default: 'off (alone: all)', help: "time the package's rows under each kernel shape, e.g. 64x1,256x8" },
    { name: 'model', value: 'NAME', default: 'off', help: `time converted graph models: ${MODEL_NAMES.join(', ')} or all (browser only)` },
    {
      name: 'size',
      value: 'N',
      default: String(DEFAULT_BACKBONE_SIZE),
      help: "with --model: the networks' input size, a multiple of 32 (416 or 608 on hardware; their targets are judged at the default)",
    },
    runtimeFlag(['browser', 'node', 'deno'], '; node and deno time the kernel rows only'),
    COMMON_FLAGS.browser,
    COMMON_FLAGS.json,
    COMMON_FLAGS.wide,
    COMMON_FLAGS.strict,
  ],
  exitStatus: '0 when the run finished (missed targets are reported; with --strict, 1 when one is missed), 1 when it failed, 2 on bad options.',
};

function usage(message: string): never {
  usageError(SPEC, message);
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
  const { values: raw } = parseCli(SPEC, withTilingValue(process.argv.slice(2)));
  const text = (name: string): string | undefined => flagText(raw, name);
  const values = {
    sizes: text('sizes'),
    reps: text('reps'),
    quick: raw.quick === true,
    json: text('json'),
    'no-tfjs': raw['no-tfjs'] === true,
    'no-ort': raw['no-ort'] === true,
    train: raw.train === true,
    steps: text('steps'),
    depth: text('depth'),
    width: text('width'),
    batch: text('batch'),
    runtime: flagText(raw, 'runtime', 'browser'),
    browser: flagText(raw, 'browser', 'chrome'),
    tiling: text('tiling'),
    model: text('model'),
    size: text('size'),
    wide: raw.wide === true,
    strict: raw.strict === true,
  };
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
    finish(await benchModels(values.model, values, runtime, browser), values.strict);
    return;
  }
  if (values.size !== undefined) usage('--size is the input size of --model cspdarknet53 or yolov4: give --model too');

  const started = Date.now();
  const peers = runtime === 'browser' && tilings === undefined;
  const options = kernels
    ? { sizes, reps, tfjs: peers && !values['no-tfjs'], ort: peers && !values['no-ort'], ...(tilings === undefined ? {} : { tilings }) }
    : null;
  if (options !== null) {
    console.error(
      `bench: ${runtime === 'browser' ? BROWSER_LABELS[browser] : runtime}; sizes ${sizes.join(', ')}; ${reps} repetitions; ` +
        (options.tfjs
          ? 'with TF.js'
          : `without TF.js${runtime !== 'browser' ? ` (the TF.js rows need a browser: skipped in ${runtime === 'node' ? 'Node' : 'Deno'})` : ''}`) +
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
  const targets = print(run, train, values.wide);
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
  finish(targets, values.strict);
}

/** The run's verdict line; with --strict, exit status 1 when a judged target was missed. */
function finish(targets: readonly Target[], strict: boolean): void {
  console.log(verdictLine(targets));
  if (strict && missedTargets(targets).length > 0) process.exitCode = 1;
}

/** `--model`: the converted graph models, in the browser. */
async function benchModels(
  model: string,
  values: {
    size?: string | undefined;
    reps?: string | undefined;
    sizes?: string | undefined;
    train?: boolean;
    tiling?: string | undefined;
    json?: string | undefined;
    wide: boolean;
    'no-ort': boolean;
  },
  runtime: string,
  browser: BrowserName,
): Promise<Target[]> {
  if (runtime !== 'browser') usage(`--model runs TF.js in the browser: leave out --runtime ${runtime}`);
  if (values.train || values.tiling !== undefined || values.sizes !== undefined) usage('--model times whole models: leave out --train, --tiling and --sizes');
  const models: ModelName[] =
    model === 'all'
      ? [...MODEL_NAMES]
      : model.split(',').map((name) => {
          if (!(MODEL_NAMES as readonly string[]).includes(name)) usage(`--model: "${name}" is not ${MODEL_NAMES.join(', ')} or all`);
          return name as ModelName;
        });
  const size = positive('size', values.size, DEFAULT_BACKBONE_SIZE);
  if (size % 32 !== 0) usage(`--size: ${size} is not a multiple of 32 (CSPDarknet53 halves it five times); e.g. 64, 416 or 608`);
  const reps = positive('reps', values.reps, DEFAULT_MODEL_REPS);
  const started = Date.now();
  console.error(`bench: ${BROWSER_LABELS[browser]}; models ${models.join(', ')}; the networks at ${size}x${size}; ${reps} timed forwards per form`);
  const report = await runModelsInBrowser({ models, size, reps, ort: !values['no-ort'] }, browser);
  console.log(formatModelTables(report, values.wide));
  console.log(`\n${formatModelSummary(report)}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ runtime, browser, ...report }, null, 2)}\n`);
    console.error(`bench: wrote ${values.json}`);
  }
  return modelTargets(report);
}

/** Prints the run's tables and summary; returns its targets. */
function print({ report, trained }: BenchRun, train: TrainSetup | null, wide: boolean): Target[] {
  if (report?.results.some((r) => r.tiling !== undefined)) {
    console.log(describeRun(report));
    console.log(formatTilingTable(report));
    return [];
  }
  const targets: Target[] = [];
  if (report !== null) {
    console.log(describeRun(report));
    console.log(formatKernelTable(report, wide));
  } else if (trained !== null) {
    console.log(`adapter: ${adapterLine(trained.adapter)}`);
  }
  if (trained !== null && train !== null) {
    if (report !== null) console.log('');
    const software = isSoftwareAdapter(trained.adapter);
    console.log(formatTrainTable(trained.results, train, software));
    targets.push(...trainTargets(trained.results, software, train));
  }
  if (report !== null) {
    console.log(`\n${formatSummary(report)}`);
    targets.push(...benchTargets(report).targets);
  }
  return targets;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
