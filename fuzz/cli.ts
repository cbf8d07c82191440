/**
 * `npm run fuzz`: the differential fuzz of the call path (test/harness/fuzz/), for longer than CI runs it: batches
 * of fast-check runs, each batch with its own seed (the first is --seed, then --seed + 1, …), until --calls kernel
 * calls have been made, in headless Chrome (default) or Firefox (--browser firefox), or in Node through Dawn
 * (--runtime node). With --graphs N, the differential fuzz of the graph rewrite (test/harness/graph-fuzz/) instead:
 * N generated converted models, on TF.js's cpu and webgpu backends in the browser, or its cpu backend in Node. A
 * failure prints the shrunk sequence or graph and the command that replays it, and exits 1.
 *
 *   npm run fuzz -- --help   (every flag and its default)
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { BROWSER_LABELS, BROWSERS, type BrowserName, isBrowserName } from '../common/browsers.js';
import { type CliSpec, COMMON_FLAGS, flagText, parseCli, runtimeFlag, usageError } from '../common/cli.js';
import { repoRoot } from '../common/page-server.js';
import { setUpNodeGpu } from '../common/node-gpu.js';
import { progressPrinter } from '../common/progress.js';
import { openToolPage } from '../common/tool-page.js';
import type * as Harness from '../test/harness/index.js';
import type { FuzzOptions, FuzzReport } from '../test/harness/index.js';
import type * as Library from '../src/index.js';
import type {} from '../test/harness/tfjs/entry.js';
import type * as GraphFuzzNode from '../test/harness/graph-fuzz/node-entry.js';
import type { GraphFuzzOptions, GraphFuzzReport } from '../test/harness/graph-fuzz/run.js';
import { CI_FUZZ, describeFuzz } from '../test/support/fuzz-settings.js';
import { CI_GRAPH_FUZZ, describeGraphFuzz } from '../test/support/graph-fuzz-settings.js';

/** Kernel calls by default. */
const DEFAULT_CALLS = 100_000;

const SPEC: CliSpec = {
  command: 'npm run fuzz --',
  summary:
    'The differential fuzz of the call path (test/harness/fuzz/) for longer than CI runs it: batches of fast-check runs,\n' +
    'each with its own seed (the first is --seed, then --seed + 1, …), until --calls kernel calls have been made; with\n' +
    '--graphs N, the fuzz of the graph rewrite (test/harness/graph-fuzz/) on N generated models instead. A failure prints\n' +
    'the shrunk sequence or graph and the command that replays it.',
  flags: [
    { name: 'calls', value: 'N', default: String(DEFAULT_CALLS), help: 'kernel calls to make in all' },
    {
      name: 'graphs',
      value: 'N',
      help: "fuzz the graph rewrite with N generated models in all instead (values on TF.js's cpu and webgpu backends; cpu only with --runtime node)",
    },
    { name: 'seed', value: 'S', default: 'random', help: 'seed of the first batch' },
    { name: 'runs', value: 'R', default: `${CI_FUZZ.runs} (${CI_GRAPH_FUZZ.runs} graphs with --graphs)`, help: 'fast-check runs per batch' },
    runtimeFlag(['browser', 'node'], " (Deno's fuzz runs in the test suite: npm test)"),
    COMMON_FLAGS.browser,
    { name: 'path', value: 'P', help: 'replay one shrunk failure: the path fast-check printed (with its --seed)' },
  ],
  exitStatus: '0 when no call differed from the model, 1 when one did (or the run failed), 2 on bad options.',
};

function usage(message: string): never {
  usageError(SPEC, message);
}

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) usage(`--${name}: "${text}" is not a whole number`);
  return value;
}

type RunBatch = (options: FuzzOptions) => Promise<FuzzReport>;

/** The harness's runFuzz in a browser's page, or in Node through Dawn, on the library's source. */
async function openRuntime(runtime: string, browser: BrowserName): Promise<{ runFuzz: RunBatch; where: string; close(): Promise<void> }> {
  if (runtime === 'browser') {
    const opened = await openToolPage('/test/harness/index.html', 'harness', 'reportFuzzProgress', () => ({ percent: 0, line: '' }), browser);
    return {
      runFuzz: (options) => opened.page.evaluate((o) => window.harness!.runFuzz(o), options),
      where: BROWSER_LABELS[browser],
      close: opened.close,
    };
  }
  const gpu = await setUpNodeGpu();
  if (gpu.problem !== null) throw new Error(gpu.problem);
  if (gpu.fallback !== null) console.error(`fuzz: ${gpu.fallback}`);
  // Vite's module runner loads the harness and the library as the browser gets them (WGSL imported with ?raw).
  const load = async <T>(path: string): Promise<T> =>
    (await runnerImport<T>(resolve(repoRoot, path), { configFile: false, root: repoRoot, logLevel: 'warn' })).module;
  const harness = (await load<typeof Harness>('test/harness/index.ts')).createHarness(await load<typeof Library>('src/index.ts'));
  return { runFuzz: harness.runFuzz, where: 'Node (Dawn)', close: async () => {} };
}

type RunGraphBatch = (options: GraphFuzzOptions) => Promise<GraphFuzzReport>;

/** The graph rewrite's fuzz on the library's source: in the TF.js harness page (cpu and webgpu), or in Node (cpu). */
async function openGraphRuntime(
  runtime: string,
  browser: BrowserName,
): Promise<{ runGraphFuzz: RunGraphBatch; where: string; backends: GraphFuzzOptions['backends']; close(): Promise<void> }> {
  if (runtime === 'browser') {
    const opened = await openToolPage('/test/harness/tfjs/index.html?lib=src', 'tfjsHarness', 'reportFuzzProgress', () => ({ percent: 0, line: '' }), browser);
    return {
      runGraphFuzz: (options) => opened.page.evaluate((o) => window.tfjsHarness!.runGraphFuzz(o), options),
      where: BROWSER_LABELS[browser],
      backends: ['cpu', 'webgpu'],
      close: opened.close,
    };
  }
  const entry = await runnerImport<typeof GraphFuzzNode>(resolve(repoRoot, 'test/harness/graph-fuzz/node-entry.ts'), {
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
  });
  return { runGraphFuzz: (options) => entry.module.runGraphFuzzInNode(options), where: 'Node, TF.js cpu', backends: ['cpu'], close: async () => {} };
}

/** The graph rewrite's fuzz, in batches of --runs graphs until `graphs` have been drawn. */
async function fuzzGraphs(
  graphs: number,
  firstSeed: number,
  runs: number,
  path: string | undefined,
  runtimeName: string,
  browser: BrowserName,
): Promise<boolean> {
  const runtime = await openGraphRuntime(runtimeName, browser);
  const started = Date.now();
  const report = progressPrinter((p: { done: number }) => ({
    percent: Math.min(100, Math.floor((100 * p.done) / Math.max(1, graphs))),
    line: `${p.done} of ${graphs} graphs`,
  }));
  let done = 0;
  let batches = 0;
  let failed = false;
  try {
    for (let seed = firstSeed; !failed && (done < graphs || batches === 0); seed++) {
      batches++;
      const result = await runtime.runGraphFuzz({ seed, runs, backends: runtime.backends, ...(path === undefined ? {} : { path }) });
      done += result.runs;
      report({ done });
      if (result.failed || path !== undefined) console.log(describeGraphFuzz(result, runtime.where));
      failed = result.failed;
      if (path !== undefined) break;
    }
  } finally {
    await runtime.close();
  }
  console.log(
    `fuzz of the graph rewrite (${runtime.where}): ${done} graphs in ${batches} batch${batches === 1 ? '' : 'es'} of ${runs}, seeds ` +
      `${firstSeed}…${firstSeed + batches - 1}, ${((Date.now() - started) / 1000).toFixed(0)} s: ${failed ? 'FAILED' : 'every invariant held'}`,
  );
  return failed;
}

async function main(): Promise<void> {
  const { values: raw } = parseCli(SPEC);
  const values = {
    calls: flagText(raw, 'calls'),
    graphs: flagText(raw, 'graphs'),
    seed: flagText(raw, 'seed'),
    runs: flagText(raw, 'runs'),
    runtime: flagText(raw, 'runtime', 'browser'),
    browser: flagText(raw, 'browser', 'chrome'),
    path: flagText(raw, 'path'),
  };
  if (values.runtime !== 'browser' && values.runtime !== 'node') usage(`--runtime: "${values.runtime}" is not browser or node`);
  const browser = values.browser;
  if (!isBrowserName(browser)) usage(`--browser: "${browser}" is not ${BROWSERS.join(' or ')}`);
  const calls = whole('calls', values.calls, DEFAULT_CALLS);
  const firstSeed = whole('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
  if (values.graphs !== undefined) {
    const graphs = whole('graphs', values.graphs, 0);
    const failed = await fuzzGraphs(graphs, firstSeed, whole('runs', values.runs, CI_GRAPH_FUZZ.runs), values.path, values.runtime, browser);
    process.exit(failed ? 1 : 0);
  }
  const runs = whole('runs', values.runs, CI_FUZZ.runs);
  const runtime = await openRuntime(values.runtime, browser);
  const started = Date.now();
  const report = progressPrinter((p: { done: number }) => ({
    percent: Math.min(100, Math.floor((100 * p.done) / Math.max(1, calls))),
    line: `${p.done} of ${calls} calls`,
  }));
  let done = 0;
  let batches = 0;
  let failed = false;
  try {
    for (let seed = firstSeed; !failed && (done < calls || batches === 0); seed++) {
      batches++;
      const options: FuzzOptions = { ...CI_FUZZ, seed, runs, ...(values.path === undefined ? {} : { path: values.path }) };
      const result = await runtime.runFuzz(options);
      done += result.calls;
      report({ done });
      if (result.failed || values.path !== undefined) console.log(describeFuzz(result, runtime.where));
      failed = result.failed;
      if (values.path !== undefined) break;
    }
  } finally {
    await runtime.close();
  }
  console.log(
    `fuzz (${runtime.where}): ${done} calls in ${batches} batch${batches === 1 ? '' : 'es'} of ${runs} runs, seeds ` +
      `${firstSeed}…${firstSeed + batches - 1}, ${((Date.now() - started) / 1000).toFixed(0)} s: ${failed ? 'FAILED' : 'no difference from the model'}`,
  );
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
