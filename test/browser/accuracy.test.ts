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

const STRIDE = 4096;

/** The parts of the sweep's JSON report the test reads. */
interface SweepJson {
  inputs: number;
  regions: string[];
  kernels: Record<string, Array<{ count: number; maxUlp: number; maxUlpBeyondAbsolute: number; nonFinite: number; signedZero: number; wrongSpecial: number }>>;
}

const { name, adapter } = inject('browser');

describe.skipIf(adapter === null)(`npm run accuracy -- --stride 4096 --browser ${name}`, () => {
  it('finds no non-finite output, defines the special values and meets both Mish bounds in every region', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'webgpu-mish-accuracy-')), 'sweep.json');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'accuracy/cli.ts', '--stride', String(STRIDE), '--browser', name, '--json', json], {
      cwd: repoRoot,
      maxBuffer: 16 * 2 ** 20,
    });
    console.log(stdout);
    const report = JSON.parse(readFileSync(json, 'utf8')) as SweepJson;
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
    report.kernels['mish forward']?.forEach((stats, region) => {
      expect(stats.maxUlp, `mish forward, ${report.regions[region]}`).toBeLessThanOrEqual(MISH_BOUNDS.forwardUlps);
    });
    report.kernels['mish backward']?.forEach((stats, region) => {
      expect(stats.maxUlpBeyondAbsolute, `mish backward, ${report.regions[region]}`).toBeLessThanOrEqual(MISH_BOUNDS.backwardUlps);
    });
  });
});
