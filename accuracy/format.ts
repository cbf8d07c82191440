/** The plain-text table `npm run accuracy` prints. */
import { adapterLine } from '../common/adapter.js';
import { formatTable } from '../common/table.js';
import { ADVERSARY_DESCRIPTIONS } from './adversary-modes.js';
import { REGIONS, type RegionStats, SWEPT_KERNELS, type SweptKernel } from './metrics.js';
import type { SweepReport } from './sweep.js';

function ulps(value: number): string {
  if (!Number.isFinite(value)) return 'inf';
  return value >= 1e4 ? value.toExponential(2) : value.toFixed(2);
}

function at(value: number): string {
  if (Number.isNaN(value) || !Number.isFinite(value)) return `(x=${value})`;
  return value === 0 ? '' : `(x=${Math.fround(value).toPrecision(9)})`;
}

/** The sweep's table; by default without the `at` columns (the inputs of the worst cases), so that it fits 120 columns. */
export function formatSweep(report: SweepReport, wide = false): string {
  const header = ['kernel', 'region', 'inputs', 'max ulp', 'at', 'beyond 2^-22', 'at', 'non-finite', 'signed 0', 'wrong special'];
  const keep = header.map((_, k) => k).filter((k) => wide || header[k] !== 'at');
  const rows: string[][] = [];
  for (const kernel of SWEPT_KERNELS) {
    const backward = kernel.endsWith('backward');
    report.kernels[kernel]?.forEach((s, region) => {
      rows.push([
        kernel,
        REGIONS[region] as string,
        String(s.count),
        ulps(s.maxUlp),
        at(s.maxUlpAt),
        backward ? ulps(s.maxUlpBeyondAbsolute) : '',
        backward ? at(s.maxUlpBeyondAbsoluteAt) : '',
        s.nonFinite === 0 ? '0' : `${s.nonFinite} ${at(s.nonFiniteAt)}`,
        String(s.signedZero),
        s.wrongSpecial === 0 ? '0' : `${s.wrongSpecial} ${at(s.wrongSpecialAt)}`,
      ]);
    });
  }
  return [
    `adapter: ${adapterLine(report.adapter)}`,
    ...(report.adversary === null
      ? []
      : [`adversarial mode ${report.adversary}: ${ADVERSARY_DESCRIPTIONS[report.adversary]}, in a copy of the shipped Mish kernels' WGSL`]),
    `inputs: every ${report.stride === 1 ? '' : `${report.stride}-th `}f32 bit pattern: ${report.inputs} patterns, ` + `${report.seconds.toFixed(0)} s`,
    'error in ulps of the exact (float64) result; subnormal results in units of 2^-149; backward with dy = 1,',
    '"beyond 2^-22" = (|error| - 2^-22) in ulps; "signed 0": subnormal inputs flushed to a zero of their sign (allowed);',
    '"wrong special": NaN, ±inf or ±0 inputs whose output bits differ from the defined value (builtin-composed Mish,',
    `ONNX Runtime's: none defined)${wide ? '' : '; --wide adds the inputs of the worst cases'}`,
    '',
    formatTable(
      keep.map((k) => header[k] as string),
      rows.map((row) => keep.map((k) => row[k] as string)),
      { left: keep.map((k, i) => (k === 0 || k === 1 || header[k] === 'at' ? i : -1)).filter((i) => i >= 0), group: (row) => row[0] as string },
    ),
    '',
    ...verdicts(report).map((v) => `${v.kernel}: ${v.line} (${v.holds === null ? 'no bound promised' : v.holds ? 'holds' : 'MISSED'})`),
  ].join('\n');
}

export interface Verdict {
  kernel: SweptKernel;
  /** What was measured against what is promised. */
  line: string;
  /** null where the package promises no bound (the builtin composition, ONNX Runtime's Mish). */
  holds: boolean | null;
}

/** Worst of one figure over the regions of finite inputs (subnormal inputs and NaN/±∞ have rules of their own). */
function worstFinite(stats: readonly RegionStats[], figure: (s: RegionStats) => number): { value: number; at: number } {
  let worst = { value: 0, at: 0 };
  stats.forEach((s, region) => {
    const name = REGIONS[region];
    if (name === 'NaN, ±inf') return;
    const value = figure(s);
    if (value > worst.value) worst = { value, at: region };
  });
  return worst;
}

/**
 * Each swept kernel against what the package promises of it: Mish forward within forwardUlps, backward within
 * backwardUlps beyond the absolute term, both with no non-finite output and every special value right; Swish its
 * special values; the others, no bound.
 */
export function verdicts(report: SweepReport): Verdict[] {
  const out: Verdict[] = [];
  for (const kernel of SWEPT_KERNELS) {
    const stats = report.kernels[kernel];
    if (stats === undefined) continue;
    const nonFinite = stats.reduce((sum, s) => sum + s.nonFinite, 0);
    const wrongSpecial = stats.reduce((sum, s) => sum + s.wrongSpecial, 0);
    const clean = `${nonFinite} non-finite, ${wrongSpecial} wrong special values`;
    if (kernel === 'mish forward' || kernel === 'mish backward') {
      const backward = kernel === 'mish backward';
      const bound = backward ? report.bounds.backwardUlps : report.bounds.forwardUlps;
      const worst = worstFinite(stats, (s) => (backward ? s.maxUlpBeyondAbsolute : s.maxUlp));
      const measured = `${ulps(worst.value)} ulp${backward ? ' beyond 2^-22' : ''} at worst (${REGIONS[worst.at]})`;
      out.push({ kernel, line: `${measured}, bound ${bound}; ${clean}`, holds: worst.value <= bound && nonFinite === 0 && wrongSpecial === 0 });
    } else if (kernel === 'swish forward' || kernel === 'swish backward') {
      out.push({ kernel, line: `special values only: ${clean}`, holds: nonFinite === 0 && wrongSpecial === 0 });
    } else {
      out.push({ kernel, line: clean, holds: null });
    }
  }
  return out;
}
