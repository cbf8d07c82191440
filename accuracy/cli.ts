/**
 * `npm run accuracy`: runs Mish forward and backward, the builtin-composed Mish and Swish on every f32 bit
 * pattern (or every k-th) on headless Chrome's WebGPU adapter and prints the worst error per input region.
 *
 *   npm run accuracy -- [--stride K] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchChrome, startPageServer } from '../tools/chrome.js';
import { formatSweep } from './format.js';
import type { SweepProgress, SweepReport } from './sweep.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run accuracy -- [--stride K] [--json FILE]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { stride: { type: 'string', default: '1' }, json: { type: 'string' } } }));
  } catch (error) {
    usage((error as Error).message);
  }
  const stride = Number(values.stride);
  if (!Number.isInteger(stride) || stride < 1 || stride > 2 ** 31) usage(`--stride: "${values.stride}" is not 1 … 2^31`);

  const server = await startPageServer();
  const browser = await launchChrome({ protocolTimeout: 0 });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page: ${message.text()}`);
    });
    const interactive = process.stderr.isTTY;
    let lastPercent = -1;
    await page.exposeFunction('reportSweepProgress', (p: SweepProgress) => {
      const percent = Math.floor((100 * p.done) / p.total);
      const eta = p.done > 0 ? ((p.total - p.done) * p.seconds) / p.done : 0;
      const line = `[${String(percent).padStart(3)}%] ${p.done} of ${p.total} inputs, ${p.seconds.toFixed(0)} s, ~${eta.toFixed(0)} s left`;
      if (interactive) process.stderr.write(`\r\x1b[K${line}`);
      else if (percent >= lastPercent + 5 || p.done === p.total) {
        process.stderr.write(`${line}\n`);
        lastPercent = percent;
      }
    });
    await page.goto(`${server.url}/accuracy/index.html`);
    await page.waitForFunction(() => window.runSweepFromNode !== undefined, { timeout: 120_000 });
    const report: SweepReport = await page.evaluate((s) => window.runSweepFromNode!({ stride: s }), stride);
    if (interactive) process.stderr.write('\n');
    console.log(formatSweep(report));
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
      console.error(`accuracy: wrote ${values.json}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`accuracy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
