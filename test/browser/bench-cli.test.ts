// `npm run bench` as a user runs it, at a tiny setting: in headless Chrome with the training step (its JSON holds
// kernel rows and `pass: 'train'` rows in one results array), and in Node through Dawn (`--runtime node`, no TF.js).
// Both print the table and the summary with the targets of the adapter. Times are not checked here: the bench
// measures, the tests do not.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/chrome.js';

interface BenchJson {
  runtime: string;
  adapter: { vendor: string };
  results: Array<{ kernel: string; pass: string; medianMs: number; steps?: number }>;
}

async function bench(args: string[]): Promise<{ stdout: string; json: BenchJson }> {
  const file = join(mkdtempSync(join(tmpdir(), 'webgpu-mish-bench-')), 'bench.json');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/cli.ts', ...args, '--json', file], {
    cwd: repoRoot,
    maxBuffer: 16 * 2 ** 20,
  });
  return { stdout, json: JSON.parse(readFileSync(file, 'utf8')) as BenchJson };
}

describe.skipIf(inject('chrome').adapter === null)('npm run bench (the CLI)', () => {
  it('in headless Chrome: kernel rows, TF.js rows and the training step in one JSON report', async () => {
    const { stdout, json } = await bench(['--sizes', '2^16', '--reps', '1', '--train', '--steps', '1', '--depth', '1', '--width', '16', '--batch', '8']);
    expect(json.runtime).toBe('browser');
    const kernels = json.results.filter((r) => r.pass !== 'train').map((r) => r.kernel);
    expect(kernels).toEqual(expect.arrayContaining(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'tfjs-mish', 'mish-f16']));
    expect(json.results.filter((r) => r.pass === 'train').map((r) => r.kernel)).toEqual(['relu', 'swish', 'tfjs-mish', 'mish']);
    for (const row of json.results) expect(row.medianMs, `${row.kernel} ${row.pass}`).toBeGreaterThan(0);
    expect(stdout).toMatch(/^training step: 784 -> 1 x \[dense 16/m);
    expect(stdout).toMatch(/^summary at 2\^16 elements, on a software adapter/m);
    expect(stdout).toMatch(/at least 4x faster than TF\.js's composed Mish .*: [0-9.]+× \((holds|missed)\)/);
  });

  it('in Node through Dawn (--runtime node): the kernel rows, the TF.js rows skipped', async () => {
    const { stdout, json } = await bench(['--runtime', 'node', '--sizes', '2^16', '--reps', '1']);
    expect(json.runtime).toBe('node');
    expect(json.adapter.vendor).not.toBe('');
    const kernels = json.results.map((r) => r.kernel);
    expect(kernels).toEqual(expect.arrayContaining(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'mish-unfused', 'mish-f16', 'mish-bf16']));
    expect(kernels).not.toContain('tfjs-mish');
    expect(stdout).toMatch(/TF\.js's composed Mish .*: not measured in this run/);
  });
});
