/**
 * `npm run experiment`: the demo's Figure 6 (test accuracy against depth on MNIST) in headless Chrome, from the
 * command line, on the adapter the browser offers; prints the table and optionally writes the CSV.
 *
 *   npm run experiment -- --help   (every flag and its default)
 *
 * It fills the demo page's own form and presses its Run button, so the numbers are the page's.
 */
import { writeFileSync } from 'node:fs';
import { adapterLine, type AdapterDescription } from '../common/adapter.js';
import { BROWSER_LABELS, BROWSERS, isBrowserName, launchBrowser } from '../common/browsers.js';
import { type CliSpec, COMMON_FLAGS, flagText, parseCli, usageError } from '../common/cli.js';
import { startPageServer } from '../common/page-server.js';
import { openPage } from '../common/page.js';
import { progressPrinter } from '../common/progress.js';
import { formatTable } from '../common/table.js';
import { DEFAULT_DEPTH_SETUP } from './depth-setup.js';

const SPEC: CliSpec = {
  command: 'npm run experiment --',
  summary:
    "The demo's Figure 6 (test accuracy against depth on MNIST, ReLU, Swish and Mish) in a headless browser, from the\n" +
    "command line: it fills the demo page's own form and presses its Run button, so the numbers are the page's.",
  flags: [
    { name: 'depths', value: 'LIST', default: DEFAULT_DEPTH_SETUP.depths.join(','), help: 'hidden-layer counts, comma-separated' },
    { name: 'width', value: 'N', default: String(DEFAULT_DEPTH_SETUP.width), help: 'units per hidden layer' },
    { name: 'samples', value: 'N', default: String(DEFAULT_DEPTH_SETUP.samples), help: 'training digits' },
    { name: 'epochs', value: 'N', default: String(DEFAULT_DEPTH_SETUP.epochs), help: 'epochs per network' },
    { name: 'csv', value: 'FILE', help: 'also write the results as CSV' },
    COMMON_FLAGS.browser,
  ],
  exitStatus: '0 when the experiment finished, 1 when it failed, 2 on bad options.',
};

function usage(message: string): never {
  usageError(SPEC, message);
}

async function main(): Promise<void> {
  const { values: raw } = parseCli(SPEC);
  const values = {
    depths: flagText(raw, 'depths', DEFAULT_DEPTH_SETUP.depths.join(',')),
    width: flagText(raw, 'width', String(DEFAULT_DEPTH_SETUP.width)),
    samples: flagText(raw, 'samples', String(DEFAULT_DEPTH_SETUP.samples)),
    epochs: flagText(raw, 'epochs', String(DEFAULT_DEPTH_SETUP.epochs)),
    csv: flagText(raw, 'csv'),
    browser: flagText(raw, 'browser', 'chrome'),
  };
  if (!isBrowserName(values.browser)) usage(`--browser: "${values.browser}" is not ${BROWSERS.join(' or ')}`);
  const browserName = values.browser;
  for (const [name, text] of [
    ['width', values.width],
    ['samples', values.samples],
    ['epochs', values.epochs],
  ] as const) {
    if (!/^\d+$/.test(text) || Number(text) < 1) usage(`--${name}: "${text}" is not a positive whole number`);
  }
  if (!/^\d+(,\d+)*$/.test(values.depths)) usage(`--depths: "${values.depths}" is not a comma-separated list of depths`);

  const server = await startPageServer();
  const browser = await launchBrowser(browserName, { protocolTimeout: 0 });
  try {
    const { page } = await openPage(browser, `${server.url}/demo/index.html`, { viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
    await page.waitForFunction(() => !(document.getElementById('depth-run') as HTMLButtonElement).disabled, { timeout: 120_000 });
    // The page's own description of its adapter (demo/main.ts puts it on the banner).
    const adapter = JSON.parse(await page.$eval('#adapter', (banner) => (banner as HTMLElement).dataset.description ?? '{}')) as AdapterDescription;
    console.error(`experiment: Figure 6 in ${BROWSER_LABELS[browserName]}, on ${adapterLine(adapter)}`);
    for (const [id, value] of [
      ['depth-depths', values.depths],
      ['depth-width', values.width],
      ['depth-samples', values.samples],
      ['depth-epochs', values.epochs],
    ]) {
      await page.$eval(
        `#${id}`,
        (input, v) => {
          (input as HTMLInputElement).value = v;
        },
        value as string,
      );
    }
    const started = Date.now();
    await page.click('#depth-run');
    const print = progressPrinter((p: { done: number; total: number; line: string }) => ({
      percent: Math.floor((100 * p.done) / Math.max(1, p.total)),
      line: p.line,
    }));
    for (;;) {
      const state = await page.evaluate(() => ({
        figure6: document.body.dataset.figure6,
        done: (document.getElementById('depth-progress') as HTMLProgressElement).value,
        total: (document.getElementById('depth-progress') as HTMLProgressElement).max,
        line: document.getElementById('depth-status')?.textContent ?? '',
      }));
      if (state.figure6 !== 'running') break;
      print(state);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    const outcome = await page.evaluate(() => ({
      state: document.body.dataset.figure6,
      status: document.getElementById('depth-status')?.textContent ?? '',
      kernels: document.getElementById('depth-kernels')?.textContent ?? '',
      csv: document.getElementById('depth-csv')?.getAttribute('href') ?? '',
    }));
    if (outcome.state !== 'done') throw new Error(`Figure 6 ended ${outcome.state}: ${outcome.status}`);
    const csv = await page.evaluate((url) => fetch(url).then((response) => response.text()), outcome.csv);
    const [header, ...lines] = csv
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const column = (name: string): number => (header ?? []).indexOf(name);
    const rows = lines.map((cells) => [
      cells[column('activation')] as string,
      cells[column('depth')] as string,
      `${(100 * Number(cells[column('test_accuracy')])).toFixed(1)} %`,
      Number(cells[column('test_loss')]).toFixed(3),
      (Number(cells[column('mean_epoch_ms')]) / 1000).toFixed(1),
    ]);
    rows.sort((a, b) => Number(a[1]) - Number(b[1]) || (a[0] as string).localeCompare(b[0] as string));
    console.log(`adapter: ${adapterLine(adapter)}`);
    console.log(
      `Figure 6: depths ${values.depths}, width ${values.width}, ${values.samples} training digits, ${values.epochs} epochs, ` +
        `batch ${DEFAULT_DEPTH_SETUP.batch}, SGD learning rate ${DEFAULT_DEPTH_SETUP.learningRate}, dropout 0.25, BatchNorm`,
    );
    console.log(formatTable(['activation', 'hidden layers', 'test accuracy', 'test loss', 'mean epoch s'], rows, { group: (row) => row[1] as string }));
    console.log(outcome.kernels);
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (values.csv) {
      writeFileSync(values.csv, csv);
      console.error(`experiment: wrote ${values.csv}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`experiment: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
