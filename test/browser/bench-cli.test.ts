// `npm run bench` as a user runs it, at a tiny setting, in the project's browser (`--browser chrome|firefox`), with
// the training step (its JSON holds kernel rows and `pass: 'train'` rows in one results array): it prints the table
// and the summary with the targets of the adapter. Times are not checked here: the bench measures, the tests do not.
// With `--model mish-chain` it times converted graph models instead (the backbone takes minutes on a software
// adapter: the demo's test runs it thinned). test/node-gpu/bench-cli.test.ts runs it in Node.
import { describe, expect, inject, it } from 'vitest';
import { BROWSER_LABELS } from '../../common/browsers.js';
import { runBenchCli } from '../support/bench-cli.js';

const { name, adapter } = inject('browser');

describe.skipIf(adapter === null)('npm run bench (the CLI)', () => {
  it(`in headless ${BROWSER_LABELS[name]}: kernel rows, TF.js rows and the training step in one JSON report`, async () => {
    const { stdout, json } = await runBenchCli([
      '--browser',
      name,
      '--sizes',
      '2^16',
      '--reps',
      '1',
      '--train',
      '--steps',
      '1',
      '--depth',
      '1',
      '--width',
      '16',
      '--batch',
      '8',
    ]);
    expect(json.runtime).toBe('browser');
    expect(json.browser).toBe(name);
    const kernels = json.results.filter((r) => r.pass !== 'train').map((r) => r.kernel);
    expect(kernels).toEqual(
      expect.arrayContaining(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'tfjs-mish', 'ort-mish', 'mish-f16', 'copy-buffer', 'naive-copy', 'naive-mish']),
    );
    expect(json.results.filter((r) => r.pass === 'train').map((r) => r.kernel)).toEqual(['relu', 'swish', 'tfjs-mish', 'mish']);
    for (const row of json.results) expect(row.medianMs, `${row.kernel} ${row.pass}`).toBeGreaterThan(0);
    expect(stdout).toMatch(/^training step: 784 -> 1 x \[dense 16/m);
    expect(stdout).toMatch(/^summary at 2\^16 elements, on a software adapter/m);
    // At 2^16 the kernel targets (stated for 2^24) and the training ones (for the paper's network) are shown, not judged.
    expect(stdout).toMatch(/at least 4x faster than TF\.js's composed Mish .*: [0-9.]+× \(not judged at this size\)/);
    expect(stdout).toMatch(/at least 3x faster than ONNX Runtime Web's Mish .*: [0-9.]+× \(not judged at this size\)/);
    expect(stdout).toMatch(/^verdict: (all \d+ judged targets hold|\d+ of \d+ judged targets hold; )/m);
  });

  it(`in headless ${BROWSER_LABELS[name]} with --model mish-chain: each composite form against the same rewritten`, async () => {
    const { stdout, json } = await runBenchCli(['--browser', name, '--model', 'mish-chain', '--reps', '1']);
    const rows = json.results as unknown as Array<{ model: string; form: string; dispatches: number; maxDifference: number; medianMs: number }>;
    expect(rows.map((r) => r.form)).toEqual(['softplus', 'softplus rewritten', 'log1p', 'log1p rewritten', 'log-add', 'log-add rewritten']);
    // Four Mish: 3, 4 and 5 kernels each as the converter keeps them, one rewritten.
    expect(rows.map((r) => r.dispatches)).toEqual([12, 4, 16, 4, 20, 4]);
    for (const row of rows) {
      expect(row.medianMs, row.form).toBeGreaterThan(0);
      expect(row.maxDifference, row.form).toBeLessThan(1e-6);
    }
    expect(stdout).toMatch(/^Four Mish in a row on 1x64x64x64/m);
    // One round here: its ratio is the figure and the whole spread.
    expect(stdout).toMatch(
      /four Mish in a row \(log-add\), rewritten: <= 0\.5 x the original's wall time: [0-9.]+× \[IQR [0-9.]+–[0-9.]+×, 1 round\] \((holds|missed)\)/,
    );
    expect(stdout).toMatch(/^verdict: (all \d+ judged targets hold|\d+ of \d+ judged targets hold; )/m);
  });
});
