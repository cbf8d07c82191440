/**
 * `npm run accuracy`: runs Mish forward and backward, the builtin-composed Mish and Swish on every f32 bit
 * pattern (or every k-th) on headless Chrome's WebGPU adapter and prints the worst error per input region.
 *
 *   npm run accuracy -- [--stride K] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openToolPage } from '../common/tool-page.js';
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

  const { page, close } = await openToolPage(
    '/accuracy/index.html',
    'runSweepFromNode',
    'reportSweepProgress',
    (p: SweepProgress) => {
      const eta = p.done > 0 ? ((p.total - p.done) * p.seconds) / p.done : 0;
      return {
        percent: Math.floor((100 * p.done) / p.total),
        line: `${p.done} of ${p.total} inputs, about ${eta.toFixed(0)} s left`,
      };
    },
  );
  try {
    const report: SweepReport = await page.evaluate((s) => window.runSweepFromNode!({ stride: s }), stride);
    console.log(formatSweep(report));
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
      console.error(`accuracy: wrote ${values.json}`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`accuracy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
