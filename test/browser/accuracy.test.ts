// `npm run accuracy` at stride 4096 (every 4096-th f32 bit pattern, NaN and ±∞ included), run as a user runs it in
// the project's browser:
// the package's kernels never return NaN or ±∞ for a finite input, give the defined special values for NaN, ±∞
// and ±0, Mish forward stays within its promised bound in every region (subnormal results in units of 2⁻¹⁴⁹; a
// subnormal input may give a zero of its sign) and Mish backward with dy = 1 within its bound (4 ulp + 2⁻²²).
// The exhaustive run is `npm run accuracy` without --stride (see README).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { MISH_BOUNDS } from '../support/tolerances.js';
import { useHarness } from './page.js';
import { CLI_NODE_ARGS } from '../support/bench-cli.js';

const STRIDE = 4096;
/** The adversarial modes, each a sweep of its own: a coarser stride. */
const ADVERSARY_STRIDE = 65_536;

/** The parts of the sweep's JSON report the test reads. */
interface SweepJson {
  inputs: number;
  adversary: string | null;
  regions: string[];
  kernels: Record<string, Array<{ count: number; maxUlp: number; maxUlpBeyondAbsolute: number; nonFinite: number; signedZero: number; wrongSpecial: number }>>;
}

const { name, adapter } = inject('browser');

/** Runs the CLI as a user does, with --json; returns its stdout and the JSON it wrote. */
async function runAccuracy(args: string[]): Promise<{ stdout: string; json: unknown }> {
  const json = join(mkdtempSync(join(tmpdir(), 'webgpu-mish-accuracy-')), 'sweep.json');
  const { stdout } = await promisify(execFile)(process.execPath, [...CLI_NODE_ARGS, 'accuracy/cli.ts', ...args, '--browser', name, '--json', json], {
    cwd: repoRoot,
    maxBuffer: 16 * 2 ** 20,
  });
  return { stdout, json: JSON.parse(readFileSync(json, 'utf8')) };
}

/** Mish forward within its bound and backward within its bound beyond 2⁻²², in every region, nothing non-finite. */
function expectMishBounds(report: SweepJson, where: string): void {
  for (const kernel of ['mish forward', 'mish backward']) {
    report.kernels[kernel]?.forEach((stats, region) => {
      const at = `${where}: ${kernel}, ${report.regions[region]}`;
      expect(stats.nonFinite, `${at}: non-finite outputs`).toBe(0);
      expect(stats.wrongSpecial, `${at}: wrong special values`).toBe(0);
      if (kernel === 'mish forward') expect(stats.maxUlp, at).toBeLessThanOrEqual(MISH_BOUNDS.forwardUlps);
      else expect(stats.maxUlpBeyondAbsolute, at).toBeLessThanOrEqual(MISH_BOUNDS.backwardUlps);
    });
  }
}

describe.skipIf(adapter === null)(`npm run accuracy -- --stride 4096 --browser ${name}`, () => {
  it('finds no non-finite output, defines the special values and meets both Mish bounds in every region', async () => {
    const { stdout, json } = await runAccuracy(['--stride', String(STRIDE)]);
    console.log(stdout);
    const report = json as SweepJson;
    expect(report.inputs).toBe(2 ** 32 / STRIDE);
    for (const kernel of ['mish forward', 'mish backward', 'swish forward', 'swish backward']) {
      report.kernels[kernel]?.forEach((stats, region) => {
        const where = `${kernel}, ${report.regions[region]}`;
        expect(stats.nonFinite, `${where}: non-finite outputs`).toBe(0);
        expect(stats.wrongSpecial, `${where}: wrong special values`).toBe(0);
        if (report.regions[region] !== 'subnormal x') expect(stats.signedZero, where).toBe(0);
      });
    }
    expect(report.kernels['mish forward']?.[report.regions.indexOf('NaN, ±inf')]?.count, 'NaN and ±inf inputs swept').toBeGreaterThan(0);
    // ONNX Runtime Web's Mish, on the same inputs: a peer's row, measured, with no bound of ours.
    const ortInputs = report.kernels['ort-mish forward']?.reduce((sum, stats) => sum + stats.count, 0);
    expect(ortInputs, 'ONNX Runtime swept on every input').toBe(2 ** 32 / STRIDE);
    expectMishBounds(report, 'shipped kernels');
    expect(stdout).toMatch(/accuracy: every promised bound holds/);
  });

  it(`keeps both Mish bounds under every adversarial mode (--adversary all --stride ${ADVERSARY_STRIDE})`, async () => {
    const { stdout, json } = await runAccuracy(['--stride', String(ADVERSARY_STRIDE), '--adversary', 'all']);
    console.log(stdout.slice(stdout.indexOf('adversarial modes')));
    const { modes } = json as { modes: SweepJson[] };
    expect(modes.map((m) => m.adversary)).toEqual(['div-2', 'div-1', 'div+1', 'div+2', 'exp-', 'exp+', 'fma']);
    for (const report of modes) {
      expect(report.inputs).toBe(2 ** 32 / ADVERSARY_STRIDE);
      expectMishBounds(report, `mode ${report.adversary}`);
    }
  });
});

describe.skipIf(adapter === null)('the adversary of the adversarial modes', () => {
  const harness = useHarness('src');

  it('rounds a·b + c once, as a fused multiply-add, and moves floats by whole ulps', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runAdversaryCheck(20_000, 7));
    expect(result.gpuErrors).toEqual([]);
    expect(result.fmaMismatches).toEqual([]);
    expect(result.nudgeMismatches).toEqual([]);
    // Each mode changes what it targets: divisions both kernels, exp the backward one, fusion both.
    console.log(`elements of 20 000 whose bits each mode changes: ${JSON.stringify(result.changed)}`);
    for (const mode of ['div-2', 'div-1', 'div+1', 'div+2', 'fma'] as const) {
      expect(result.changed[mode].forward, `${mode} forward`).toBeGreaterThan(0);
      expect(result.changed[mode].backward, `${mode} backward`).toBeGreaterThan(0);
    }
    for (const mode of ['exp-', 'exp+'] as const) {
      expect(result.changed[mode].forward, `${mode} forward`).toBe(0);
      expect(result.changed[mode].backward, `${mode} backward`).toBeGreaterThan(0);
    }
  });

  it('rejects the forward kernel the current one replaced: past the bound with every quotient 2 ulp off, where the shipped one holds', async () => {
    const modes = ['div-2', 'div+2'] as const;
    const result = await harness().page.evaluate((m) => window.harness!.runPreviousForward([...m]), modes);
    console.log(`previous and shipped Mish forward, worst ulps on ${result.inputs} inputs: ${JSON.stringify(result.worst)}`);
    expect(result.gpuErrors).toEqual([]);
    for (const mode of modes) {
      const worst = result.worst[mode];
      expect(worst?.previous, `${mode}: the previous forward`).toBeGreaterThan(MISH_BOUNDS.forwardUlps);
      expect(worst?.shipped, `${mode}: the shipped forward`).toBeLessThanOrEqual(MISH_BOUNDS.forwardUlps);
    }
  });
});
