// `npm run bench` as a user runs it, at a tiny setting, in the project's browser (`--browser chrome|firefox`), with
// the training step (its JSON holds kernel rows and `pass: 'train'` rows in one results array): it prints the table
// and the summary with the targets of the adapter. Times are not checked here: the bench measures, the tests do not.
// test/node-gpu/bench-cli.test.ts runs it in Node.
import { describe, expect, inject, it } from 'vitest';
import { BROWSER_LABELS } from '../../common/browsers.js';
import { runBenchCli } from '../support/bench-cli.js';

const { name, adapter } = inject('browser');

describe.skipIf(adapter === null)('npm run bench (the CLI)', () => {
  it(`in headless ${BROWSER_LABELS[name]}: kernel rows, TF.js rows and the training step in one JSON report`, async () => {
    const { stdout, json } = await runBenchCli(['--browser', name, '--sizes', '2^16', '--reps', '1', '--train', '--steps', '1', '--depth', '1', '--width', '16', '--batch', '8']);
    expect(json.runtime).toBe('browser');
    expect(json.browser).toBe(name);
    const kernels = json.results.filter((r) => r.pass !== 'train').map((r) => r.kernel);
    expect(kernels).toEqual(expect.arrayContaining(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'tfjs-mish', 'ort-mish', 'mish-f16', 'copy-buffer', 'naive-copy', 'naive-mish']));
    expect(json.results.filter((r) => r.pass === 'train').map((r) => r.kernel)).toEqual(['relu', 'swish', 'tfjs-mish', 'mish']);
    for (const row of json.results) expect(row.medianMs, `${row.kernel} ${row.pass}`).toBeGreaterThan(0);
    expect(stdout).toMatch(/^training step: 784 -> 1 x \[dense 16/m);
    expect(stdout).toMatch(/^summary at 2\^16 elements, on a software adapter/m);
    expect(stdout).toMatch(/at least 4x faster than TF\.js's composed Mish .*: [0-9.]+× \((holds|missed)\)/);
    expect(stdout).toMatch(/at least 3x faster than ONNX Runtime Web's Mish .*: [0-9.]+× \((holds|missed)\)/);
  });
});
