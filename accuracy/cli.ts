/**
 * `npm run accuracy`: runs Mish forward and backward, the builtin-composed Mish, ONNX Runtime Web's Mish and Swish
 * on every f32 bit pattern (or every k-th) on the WebGPU adapter of headless Chrome (or Firefox, with --browser
 * firefox) and prints the worst error per input region.
 *
 *   npm run accuracy -- [--stride K] [--json FILE] [--browser chrome|firefox] [--runtime browser|deno] [--no-ort]
 *
 * `--runtime deno` runs it in Deno (wgpu) instead of a browser, without ONNX Runtime (it needs a page); `--no-ort`
 * leaves ONNX Runtime out of a browser run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BROWSERS, type BrowserName, isBrowserName } from '../common/browsers.js';
import { runInDeno } from '../common/deno.js';
import { progressPrinter } from '../common/progress.js';
import { openToolPage } from '../common/tool-page.js';
import { formatSweep } from './format.js';
import type { SweepProgress, SweepReport } from './sweep.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run accuracy -- [--stride K] [--json FILE] [--browser chrome|firefox] [--runtime browser|deno] [--no-ort]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        stride: { type: 'string', default: '1' },
        json: { type: 'string' },
        browser: { type: 'string', default: 'chrome' },
        runtime: { type: 'string', default: 'browser' },
        'no-ort': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const stride = Number(values.stride);
  if (!Number.isInteger(stride) || stride < 1 || stride > 2 ** 31) usage(`--stride: "${values.stride}" is not 1 … 2^31`);
  const browser = values.browser;
  if (!isBrowserName(browser)) usage(`--browser: "${browser}" is not ${BROWSERS.join(' or ')}`);

  const runtime = values.runtime;
  if (runtime !== 'browser' && runtime !== 'deno') usage(`--runtime: "${runtime}" is not browser or deno`);

  const describeSweep = (p: SweepProgress): { percent: number; line: string } => {
    const eta = p.done > 0 ? ((p.total - p.done) * p.seconds) / p.done : 0;
    return { percent: Math.floor((100 * p.done) / p.total), line: `${p.done} of ${p.total} inputs, about ${eta.toFixed(0)} s left` };
  };
  const report =
    runtime === 'deno' ? await sweepInDeno(stride, describeSweep) : await sweepInBrowser(stride, !values['no-ort'], browser, describeSweep);
  console.log(formatSweep(report));
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`accuracy: wrote ${values.json}`);
  }
}

type Describe = (p: SweepProgress) => { percent: number; line: string };

/** In a browser, with ONNX Runtime Web's Mish (`ort-mish forward`) unless `ort` is false. */
async function sweepInBrowser(stride: number, ort: boolean, browser: BrowserName, describeSweep: Describe): Promise<SweepReport> {
  const { page, close } = await openToolPage('/accuracy/index.html', 'runSweepFromNode', 'reportSweepProgress', describeSweep, browser);
  try {
    return await page.evaluate((options) => window.runSweepFromNode!(options), { stride, ort });
  } finally {
    await close();
  }
}

function sweepInDeno(stride: number, describeSweep: Describe): Promise<SweepReport> {
  return runInDeno<SweepReport, SweepProgress>('accuracy/deno-entry.ts', { stride }, progressPrinter(describeSweep));
}

main().catch((error: unknown) => {
  console.error(`accuracy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
