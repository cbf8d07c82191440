/** The plain-text table `npm run accuracy` prints. */
import { adapterLine } from '../common/adapter.js';
import { formatTable } from '../common/table.js';
import { REGIONS, SWEPT_KERNELS } from './metrics.js';
import type { SweepReport } from './sweep.js';

function ulps(value: number): string {
  if (!Number.isFinite(value)) return 'inf';
  return value >= 1e4 ? value.toExponential(2) : value.toFixed(2);
}

function at(value: number): string {
  if (Number.isNaN(value) || !Number.isFinite(value)) return `(x=${value})`;
  return value === 0 ? '' : `(x=${Math.fround(value).toPrecision(9)})`;
}

export function formatSweep(report: SweepReport): string {
  const header = ['kernel', 'region', 'inputs', 'max ulp', 'at', 'beyond 2^-22', 'at', 'non-finite', 'signed 0', 'wrong special'];
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
    `inputs: every ${report.stride === 1 ? '' : `${report.stride}-th `}f32 bit pattern: ${report.inputs} patterns, ` +
      `${report.seconds.toFixed(0)} s`,
    'error in ulps of the exact (float64) result; subnormal results in units of 2^-149; backward with dy = 1, ' +
      '"beyond 2^-22" = (|error| - 2^-22) in ulps',
    '"signed 0": subnormal inputs flushed to a zero of their sign (allowed); "wrong special": NaN, ±inf or ±0 ' +
      'inputs whose output bits differ from the defined value (builtin-composed Mish, ONNX Runtime\'s: none defined)',
    '',
    formatTable(header, rows, { left: [0, 1, 4, 6], group: (row) => row[0] as string }),
  ].join('\n');
}
