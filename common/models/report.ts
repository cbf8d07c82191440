/**
 * The tables and targets of `npm run bench -- --model`. On a software adapter a convolution dwarfs everything, so
 * beside the wall time the table gives what a hardware GPU will feel: dispatches, JavaScript time in execute(), and
 * the bytes the activation moves.
 */
import { adapterLine } from '../adapter.js';
import { formatTable } from '../table.js';
import { roundRatioTarget, type Target, verdict } from '../targets.js';
import { median } from '../timing/stats.js';
import { DEFAULT_BACKBONE_SIZE, type ModelFormResult, type ModelReport } from './types.js';

/** The targets' bounds, each written once. */
export const MODEL_BOUNDS = {
  /** JS time in execute() of the epilogue form over the floor's. */
  executeOverFloor: 1.1,
  /** Wall time of any form over the converter's. */
  wallOverConverter: 1.02,
  /** Outputs' difference from the converter's form, relative to its largest output. */
  difference: 1e-4,
  /** A rewritten chain of four Mish over the original. */
  chainOverOriginal: 0.5,
} as const;

const megabytes = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
const ms = (value: number | null): string => (value === null ? '-' : value.toFixed(value < 100 ? 2 : 0));

/** Mish's share of the forward: the form's GPU time (wall where there is none) less the floor's, over the form's. */
function mishShare(row: ModelFormResult, floor: ModelFormResult | undefined): number | null {
  if (floor === undefined || row === floor) return null;
  const [mine, theirs] = row.gpuMs !== null && floor.gpuMs !== null ? [row.gpuMs, floor.gpuMs] : [row.medianMs, floor.medianMs];
  return (mine - theirs) / mine;
}

/** The median over rounds of a[i] / b[i] (round i of every form ran side by side): the ratios the targets judge. */
function roundRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.slice(0, b.length).map((value, i) => value / (b[i] as number)));
}

function rowsOf(report: ModelReport, model: ModelFormResult['model']): ModelFormResult[] {
  return report.results.filter((r) => r.model === model);
}

/** The backbone table's columns, and its rows as text (the CLI's table and the demo's). */
export const BACKBONE_COLUMNS = ['form', 'median ms', 'IQR ms', 'x converter', 'GPU ms', 'dispatches', 'execute() ms', 'x floor', 'activation MB', 'max diff', 'Mish share'];

export function backboneRows(report: ModelReport): string[][] {
  const backbone = rowsOf(report, 'cspdarknet53');
  const floor = backbone.find((r) => r.activation === 'none');
  const converter = backbone[0];
  return backbone.map((r) => {
    const share = mishShare(r, floor);
    return [
      r.form,
      ms(r.medianMs),
      `${ms(r.q1Ms)}-${ms(r.q3Ms)}`,
      converter === undefined ? '-' : roundRatio(r.timesMs, converter.timesMs).toFixed(3),
      ms(r.gpuMs),
      String(r.dispatches),
      r.executeMs.toFixed(2),
      floor === undefined ? '-' : roundRatio(r.executeTimesMs, floor.executeTimesMs).toFixed(2),
      megabytes(r.activationBytes),
      r.activation === 'none' ? '-' : r.maxDifference.toExponential(1),
      share === null ? '-' : `${(100 * share).toFixed(1)} %`,
    ];
  });
}

/** What the backbone run was: its size, width, layers and forwards. */
export function describeBackbone(report: ModelReport): string {
  const b = report.backbone;
  return (
    `CSPDarknet53 at ${report.size}x${report.size}${report.widthDivisor === 1 ? '' : `, 1/${report.widthDivisor} of its width`}` +
    (b === null ? '' : ` (${b.convolutions} convolutions with Mish, ${b.residualAdds} residual adds, ${b.concatenations} concatenations; ${(b.mishElements / 1e6).toFixed(2)} M Mish outputs)`) +
    `; ${report.reps} interleaved forwards per form`
  );
}

/** The columns each table leaves out unless `--wide` (so that the default fits 120 columns). */
const WIDE_ONLY = new Set(['IQR ms', 'x original (GPU)']);

function table(header: string[], rows: string[][], wide: boolean, options: Parameters<typeof formatTable>[2] = {}): string {
  const keep = header.map((_, k) => k).filter((k) => wide || !WIDE_ONLY.has(header[k] as string));
  return formatTable(keep.map((k) => header[k] as string), rows.map((row) => keep.map((k) => row[k] as string)), options);
}

export function formatModelTables(report: ModelReport, wide = false): string {
  const out: string[] = [`adapter: ${adapterLine(report.adapter)}`];
  if (rowsOf(report, 'cspdarknet53').length > 0) {
    out.push(
      '',
      describeBackbone(report),
      table(BACKBONE_COLUMNS, backboneRows(report), wide),
      "x converter, x floor: the median over rounds of the ratio of the two forms' forwards in that round; GPU ms: tf.time's kernelMs;",
      'execute() ms: JavaScript time inside model.execute();',
      'activation MB: bytes the activation reads and writes per forward; max diff: max |output - converter\'s| / max |converter\'s|;',
      'Mish share: (form - floor) / form, of GPU time where measured, else of wall time.',
    );
  }
  const chain = rowsOf(report, 'mish-chain');
  if (chain.length > 0) {
    out.push(
      '',
      'Four Mish in a row on 1x64x64x64, each composite form as the converter keeps it, and the same rewritten by fuseMishInGraph',
      table(
        ['form', 'median ms', 'IQR ms', 'x original', 'GPU ms', 'x original (GPU)', 'dispatches', 'execute() ms', 'activation MB', 'max diff'],
        chain.map((r) => {
          const original = chain.find((q) => q.form === r.baseline) as ModelFormResult;
          return [
            r.form,
            ms(r.medianMs),
            `${ms(r.q1Ms)}-${ms(r.q3Ms)}`,
            roundRatio(r.timesMs, original.timesMs).toFixed(3),
            ms(r.gpuMs),
            r.gpuMs === null || original.gpuMs === null ? '-' : (r.gpuMs / original.gpuMs).toFixed(3),
            String(r.dispatches),
            r.executeMs.toFixed(2),
            megabytes(r.activationBytes),
            r.maxDifference.toExponential(1),
          ];
        }),
        wide,
        { group: (row) => (row[0] as string).replace(/ rewritten$/, '') },
      ),
    );
  }
  return out.join('\n');
}

/**
 * The targets of this run, held to the bounds above; the backbone's are judged at the default size and full width
 * only (`holds` is null elsewhere: shown, not judged).
 */
export function modelTargets(report: ModelReport): Target[] {
  const targets: Target[] = [];
  const judged = report.size === DEFAULT_BACKBONE_SIZE && report.widthDivisor === 1;
  const judge = (holds: boolean): boolean | null => (judged ? holds : null);
  const backbone = rowsOf(report, 'cspdarknet53');
  const find = (form: string) => backbone.find((r) => r.form === form);
  const [converter, epilogue, floor] = [find('converter'), find('epilogue'), find('floor')];
  if (converter !== undefined && epilogue !== undefined && floor !== undefined) {
    targets.push({ target: `CSPDarknet53 ${report.size}: the epilogue form's dispatches equal the floor's (${epilogue.dispatches} and ${floor.dispatches})`, value: epilogue.dispatches - floor.dispatches, unit: ' more than the floor', holds: judge(epilogue.dispatches === floor.dispatches) });
    targets.push(
      roundRatioTarget(`CSPDarknet53 ${report.size}: execute() JS time of the epilogue form <= ${MODEL_BOUNDS.executeOverFloor} x the floor's`, epilogue.executeTimesMs, floor.executeTimesMs, { most: MODEL_BOUNDS.executeOverFloor }, judged),
    );
    for (const r of backbone.filter((q) => q !== converter)) {
      targets.push(roundRatioTarget(`CSPDarknet53 ${report.size}: ${r.form} no slower than the converter's form (wall <= ${MODEL_BOUNDS.wallOverConverter} x)`, r.timesMs, converter.timesMs, { most: MODEL_BOUNDS.wallOverConverter }, judged));
    }
    for (const r of backbone.filter((q) => q !== converter && q.activation !== 'none')) {
      targets.push({ target: `CSPDarknet53 ${report.size}: ${r.form}'s outputs within ${MODEL_BOUNDS.difference} of the converter's (relative to its largest)`, value: r.maxDifference, unit: '', holds: judge(r.maxDifference <= MODEL_BOUNDS.difference) });
    }
  }
  const chain = rowsOf(report, 'mish-chain');
  for (const r of chain.filter((q) => q.form !== q.baseline)) {
    const original = chain.find((q) => q.form === r.baseline) as ModelFormResult;
    targets.push(roundRatioTarget(`four Mish in a row (${r.baseline}), rewritten: <= ${MODEL_BOUNDS.chainOverOriginal} x the original's wall time`, r.timesMs, original.timesMs, { most: MODEL_BOUNDS.chainOverOriginal }));
  }
  return targets;
}

/** Where the backbone's targets are judged. */
export const TARGETS_SET_AT = `the backbone's targets are set at ${DEFAULT_BACKBONE_SIZE}x${DEFAULT_BACKBONE_SIZE}, full width`;

export function formatModelSummary(report: ModelReport): string {
  return [`targets (${TARGETS_SET_AT}):`, ...modelTargets(report).map((t) => `  ${t.target}: ${verdict(t)}`)].join('\n');
}
