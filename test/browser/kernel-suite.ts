/**
 * The parity suite, run against the source (`kernels.test.ts`) and once against the built bundle
 * (`dist.test.ts`): every kernel on the real adapter, every element checked against the float64 reference within
 * the bound of test/support/tolerances.ts, and the canaries around every range.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Activation, Pass } from '../../src/index.js';
import { type Tiling, TILINGS, tilingName } from '../../src/testing.js';

/** f32 elements one workgroup covers in the widest tiling a device can use (256 × 8 × 4 = 8 192). */
const ELEMENTS_PER_WORKGROUP = Math.max(...TILINGS.map((t) => t.workgroupSize * t.chunksPerInvocation * 4));
import type { CaseResult, CaseSpec } from '../harness/index.js';
import { useHarness } from './page.js';

const activations: Activation[] = ['mish', 'relu', 'swish'];
const passes: Pass[] = ['forward', 'backward'];

/** Lengths around the chunk, workgroup and dispatch boundaries. */
const LENGTHS = [1, 3, 4, 5, 63, 64, 65, 1023, 65_537];

/**
 * The fold into a 2-D grid, tested with the threshold lowered to FOLD_AT workgroups per dimension
 * (limitWorkgroupsPerDimension): one past what a 1-D grid of FOLD_AT workgroups covers, so groupsY = 2. At the real
 * limit, 65 535 workgroups of 8 192 elements, the range would need 2 GB.
 */
const FOLD_AT = 7;
const FOLDED_LENGTH = FOLD_AT * ELEMENTS_PER_WORKGROUP + 1;

/** The suite's cases of one kernel, by test name (all but the fold and the encoder batch). */
export function parityCases(activation: Activation, pass: Pass): Array<[string, CaseSpec[]]> {
  const places: Array<'x' | 'dy'> = pass === 'forward' ? ['x'] : ['x', 'dy'];
  return [
    ...LENGTHS.map((length): [string, CaseSpec[]] => [`length ${length}`, [{ activation, pass, length }]]),
    [
      'offsets that are multiples of 4 (the vec4 path, with a scalar tail)',
      [
        ...[5, 1023, 65_537].map((length) => ({ activation, pass, length, xOffset: 4, dyOffset: 12, outOffset: 8 })),
        { activation, pass, length: 1024, xOffset: 64, dyOffset: 64, inPlace: 'x' },
      ],
    ],
    [
      'odd offsets on every operand (the scalar path)',
      [5, 65, 1023, 65_537].map((length) => ({ activation, pass, length, xOffset: 3, dyOffset: 5, outOffset: 1 })),
    ],
    ['in place', places.map((inPlace) => ({ activation, pass, length: 1023, xOffset: 2, dyOffset: 2, inPlace }))],
    ["recorded into the caller's encoder", [{ activation, pass, length: 4099, xOffset: 1, encoder: true }]],
    ['length left out: the rest of x after xOffset', [{ activation, pass, length: 1000, xOffset: 7, omitLength: true }]],
    ['length 0 writes nothing', [{ activation, pass, length: 0, xOffset: 3, outOffset: 2 }]],
  ];
}

function expectClean(result: CaseResult, length: number): void {
  expect(result.gpuErrors, 'GPU errors').toEqual([]);
  expect(result.failures, `mismatches:\n${result.report}`).toBe(0);
  expect(result.checked).toBe(length);
}

/**
 * The suite on `lib`, with the tiling the adapter's rule gives, or with `tiling` forced on every device (the shapes
 * the rule gives other adapters: everything that depends on the shape must hold under each).
 */
export function defineKernelSuite(lib: 'src' | 'dist', tiling?: Tiling): void {
  const { adapter } = inject('browser');
  const shape = tiling === undefined ? "the adapter's own tiling" : `tiling ${tilingName(tiling)}`;
  describe.skipIf(adapter === null)(`kernels on the WebGPU adapter (library: ${lib}, ${shape})`, () => {
    const harness = useHarness(lib);
    beforeAll(async () => {
      await harness().page.evaluate((t) => window.harness!.useTiling(t ?? 'auto'), tiling ?? null);
    });
    const worst = new Map<string, { ulp: number; ulpAt: number; abs: number; absAt: number; checked: number; flushed: number }>();

    afterAll(() => {
      const rows = [...worst].map(
        ([kernel, w]) =>
          `  ${kernel.padEnd(14)} ${w.ulp.toPrecision(3).padStart(9)} ulp (x=${w.ulpAt})`.padEnd(52) +
          ` ${w.abs.toExponential(2).padStart(9)} abs (x=${w.absAt})  ${w.checked} elements checked, ` +
          `${w.flushed} where WGSL allows a subnormal flush, left out of the worst figures`,
      );
      console.log(`Worst observed error per kernel (library: ${lib}, ${shape}):\n${rows.join('\n')}`);
    });

    function record(activation: Activation, pass: Pass, result: CaseResult): void {
      const key = `${activation}${pass === 'forward' ? 'Forward' : 'Backward'}`;
      const w = worst.get(key) ?? { ulp: 0, ulpAt: 0, abs: 0, absAt: 0, checked: 0, flushed: 0 };
      if (result.worstUlp > w.ulp) Object.assign(w, { ulp: result.worstUlp, ulpAt: result.worstUlpInput });
      if (result.worstAbs > w.abs) Object.assign(w, { abs: result.worstAbs, absAt: result.worstAbsInput });
      w.checked += result.checked;
      w.flushed += result.flushed;
      worst.set(key, w);
    }

    async function run(spec: CaseSpec): Promise<CaseResult> {
      const result = await harness().page.evaluate((s) => window.harness!.runCase(s), spec);
      record(spec.activation, spec.pass, result);
      return result;
    }

    for (const activation of activations) {
      for (const pass of passes) {
        describe(`${activation} ${pass}`, () => {
          for (const [name, specs] of parityCases(activation, pass)) {
            it(name, async () => {
              for (const spec of specs) expectClean(await run(spec), spec.length);
            });
          }

          it('several calls with different ranges in one encoder', async () => {
            const result = await harness().page.evaluate((a, p) => window.harness!.runEncoderBatch(a, p), activation, pass);
            record(activation, pass, result);
            expectClean(result, 439);
          });

          // The fold is shared by both paths: forward takes the vec4 path here, backward the scalar one. The seam that
          // lowers the threshold reaches the source's device state only: on dist the same range runs unfolded.
          const foldName =
            lib === 'src'
              ? `past ${FOLD_AT} workgroups per dimension, the fold threshold lowered: a 2-D grid`
              : 'unfolded on dist: the fold is tested on the source';
          it(`length ${FOLDED_LENGTH} (${foldName}), in place`, async () => {
            const spec: CaseSpec =
              pass === 'forward'
                ? { activation, pass, length: FOLDED_LENGTH, xOffset: 4, inPlace: 'x' }
                : { activation, pass, length: FOLDED_LENGTH, xOffset: 1, dyOffset: 2, inPlace: 'dy' };
            expectClean(await run(lib === 'src' ? { ...spec, workgroupsPerDimension: FOLD_AT } : spec), FOLDED_LENGTH);
          });
        });
      }
    }
  });
}
