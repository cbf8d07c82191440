/**
 * `npm run accuracy`: runs Mish forward and backward, the builtin-composed Mish, ONNX Runtime Web's Mish and Swish
 * on every f32 bit pattern (or every k-th) on the WebGPU adapter of headless Chrome (or Firefox, or Deno) and prints
 * the worst error per input region and a verdict per kernel against its promised bound. `--adversary` sweeps the
 * shipped Mish kernels with what WGSL allows an adapter done to a copy of their WGSL (accuracy/adversary.ts).
 */
import { writeFileSync } from 'node:fs';
import { BROWSERS, type BrowserName, isBrowserName } from '../common/browsers.js';
import { type CliSpec, COMMON_FLAGS, flagText, parseCli, runtimeFlag, usageError } from '../common/cli.js';
import { runInDeno } from '../common/deno.js';
import { progressPrinter } from '../common/progress.js';
import { openToolPage } from '../common/tool-page.js';
import { ADVERSARY_DESCRIPTIONS, ADVERSARY_MODES, type AdversaryMode, isAdversaryMode } from './adversary-modes.js';
import { formatSweep, verdicts } from './format.js';
import type { SweepProgress, SweepReport } from './sweep.js';

const SPEC: CliSpec = {
  command: 'npm run accuracy --',
  summary:
    'Sweeps the kernels over f32 bit patterns on a WebGPU adapter and compares them with the float64 reference: the\nworst error per input region, and a verdict per kernel against its promised bound.',
  flags: [
    { name: 'stride', value: 'K', default: '1: all 4 294 967 296, about 10 minutes per engine here', help: 'every K-th bit pattern, 1 … 2^31' },
    COMMON_FLAGS.browser,
    runtimeFlag(['browser', 'deno'], "; deno sweeps without ONNX Runtime (Node's Dawn is Chrome's: use --browser chrome)"),
    { name: 'no-ort', help: "leave ONNX Runtime Web's Mish out of a browser run (default: in)" },
    {
      name: 'adversary',
      value: 'MODE',
      default: 'none',
      help:
        `sweep the shipped Mish kernels under one adversarial mode, or all of them in turn: ${[...ADVERSARY_MODES, 'all'].join(', ')}. ` +
        ADVERSARY_MODES.map((mode) => `${mode}: ${ADVERSARY_DESCRIPTIONS[mode]}`).join('. '),
    },
    COMMON_FLAGS.json,
    COMMON_FLAGS.wide,
  ],
  exitStatus: '0 when every promised bound holds, 1 when one is missed (or the sweep failed), 2 on bad options.',
};

function usage(message: string): never {
  usageError(SPEC, message);
}

type Describe = (p: SweepProgress) => { percent: number; line: string };

async function main(): Promise<void> {
  const { values: raw } = parseCli(SPEC);
  const values = {
    stride: flagText(raw, 'stride', '1'),
    json: flagText(raw, 'json'),
    browser: flagText(raw, 'browser', 'chrome'),
    runtime: flagText(raw, 'runtime', 'browser'),
    'no-ort': raw['no-ort'] === true,
    adversary: flagText(raw, 'adversary'),
    wide: raw.wide === true,
  };
  const stride = Number(values.stride);
  if (!Number.isInteger(stride) || stride < 1 || stride > 2 ** 31) usage(`--stride: "${values.stride}" is not 1 … 2^31`);
  const browser = values.browser;
  if (!isBrowserName(browser)) usage(`--browser: "${browser}" is not ${BROWSERS.join(' or ')}`);
  const runtime = values.runtime;
  if (runtime !== 'browser' && runtime !== 'deno') usage(`--runtime: "${runtime}" is not browser or deno`);
  const adversary = values.adversary;
  if (adversary !== undefined && adversary !== 'all' && !isAdversaryMode(adversary)) {
    usage(`--adversary: "${adversary}" is not one of ${[...ADVERSARY_MODES, 'all'].join(', ')}`);
  }
  const modes: Array<AdversaryMode | null> = adversary === undefined ? [null] : adversary === 'all' ? [...ADVERSARY_MODES] : [adversary];

  const describeSweep =
    (label: string): Describe =>
    (p) => {
      const eta = p.done > 0 ? ((p.total - p.done) * p.seconds) / p.done : 0;
      return { percent: Math.floor((100 * p.done) / p.total), line: `${label}${p.done} of ${p.total} inputs, about ${eta.toFixed(0)} s left` };
    };
  const reports: SweepReport[] = [];
  for (const mode of modes) {
    const label = mode === null ? '' : `${mode}: `;
    const report =
      runtime === 'deno'
        ? await sweepInDeno(stride, mode, describeSweep(label))
        : await sweepInBrowser(stride, !values['no-ort'] && mode === null, mode, browser, describeSweep(label));
    console.log(`${formatSweep(report, values.wide)}\n`);
    reports.push(report);
  }
  if (modes.length > 1) console.log(formatModes(reports));
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(reports.length === 1 ? reports[0] : { modes: reports }, null, 2)}\n`);
    console.error(`accuracy: wrote ${values.json}`);
  }
  const missed = reports.flatMap((report) => verdicts(report).filter((v) => v.holds === false));
  console.log(missed.length === 0 ? 'accuracy: every promised bound holds' : `accuracy: ${missed.length} promised bound(s) MISSED`);
  if (missed.length > 0) process.exitCode = 1;
}

/** One line per adversarial mode: Mish forward's and backward's worst case and verdicts. */
function formatModes(reports: readonly SweepReport[]): string {
  const lines = ['adversarial modes (Mish forward: max ulp; backward: max ulp beyond 2^-22; the bound):'];
  for (const report of reports) {
    const mode = report.adversary ?? 'none';
    const parts = verdicts(report).map((v) => `${v.kernel}: ${v.line} (${v.holds ? 'holds' : 'MISSED'})`);
    lines.push(`  ${mode.padEnd(6)} ${parts.join('; ')}`);
  }
  return lines.join('\n');
}

/** In a browser, with ONNX Runtime Web's Mish (`ort-mish forward`) unless `ort` is false. */
async function sweepInBrowser(stride: number, ort: boolean, adversary: AdversaryMode | null, browser: BrowserName, describe: Describe): Promise<SweepReport> {
  const { page, close } = await openToolPage('/accuracy/index.html', 'runSweepFromNode', 'reportSweepProgress', describe, browser);
  try {
    return await page.evaluate((options) => window.runSweepFromNode!(options), { stride, ort, ...(adversary === null ? {} : { adversary }) });
  } finally {
    await close();
  }
}

function sweepInDeno(stride: number, adversary: AdversaryMode | null, describe: Describe): Promise<SweepReport> {
  return runInDeno<SweepReport, SweepProgress>('accuracy/deno-entry.ts', { stride, ...(adversary === null ? {} : { adversary }) }, progressPrinter(describe));
}

main().catch((error: unknown) => {
  console.error(`accuracy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
