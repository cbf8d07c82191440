// `npm run bench -- --runtime node` as a user runs it, at a tiny setting: the kernel rows in Node through Dawn, the
// TF.js rows skipped and said so. Times are not checked here: the bench measures, the tests do not.
import { describe, expect, it } from 'vitest';
import { runBenchCli } from '../support/bench-cli.js';

describe('npm run bench (the CLI) in Node', () => {
  it('in Node through Dawn (--runtime node): the kernel rows, the TF.js rows skipped', async () => {
    const { stdout, json } = await runBenchCli(['--runtime', 'node', '--sizes', '2^16', '--reps', '1']);
    expect(json.runtime).toBe('node');
    expect(json.adapter.vendor).not.toBe('');
    const kernels = json.results.map((r) => r.kernel);
    expect(kernels).toEqual(expect.arrayContaining(['mish', 'relu', 'swish', 'copy', 'mish-builtin', 'mish-unfused', 'mish-f16', 'mish-bf16']));
    expect(kernels).not.toContain('tfjs-mish');
    expect(stdout).toMatch(/TF\.js's composed Mish .*: not measured in this run/);
  });
});
