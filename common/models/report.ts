/**
 * The tables and targets of `npm run bench -- --model`. On a software adapter a convolution dwarfs everything, so
 * beside the wall time the tables give what a hardware GPU will feel: dispatches, JavaScript time in execute(), and
 * the bytes the activation and the residual adds move outside the convolutions.
 */
import { adapterLine, isLlvmpipe } from '../adapter.js';
import { formatTable } from '../table.js';
import { roundRatioTarget, type Target, verdict } from '../targets.js';
import { median } from '../timing/stats.js';
import { DEFAULT_BACKBONE_SIZE, type ModelFormResult, type ModelReport, NETWORK_NAMES, type NetworkName } from './types.js';

/** The targets' bounds, each written once. */
const MODEL_BOUNDS = {
  /** JS time in execute() of the epilogue form over the floor's. */
  executeOverFloor: 1.1,
  /** JS time in execute() of the residual form over the floor's: it records fewer ops. */
  residualExecuteOverFloor: 1,
  /** Wall time of any form over the converter's. */
  wallOverConverter: 1.02,
  /** Outputs' difference from the converter's form, relative to its largest output. */
  difference: 1e-4,
  /** A rewritten chain of four Mish over the original. */
  chainOverOriginal: 0.5,
} as const;

/** The networks as the tables title them. */
const NETWORK_TITLES: Record<NetworkName, string> = { cspdarknet53: 'CSPDarknet53', yolov4: 'YOLOv4' };

const megabytes = (bytes: number | null): string => (bytes === null ? '-' : (bytes / 2 ** 20).toFixed(1));
const ms = (value: number | null): string => (value === null ? '-' : value.toFixed(value < 100 ? 2 : 0));

/** Mish's share of the forward: the form's GPU time (wall where there is none) less the floor's, over the form's. */
function mishShare(row: ModelFormResult, floor: ModelFormResult | undefined): number | null {
  if (floor === undefined || row === floor || row.activation === 'onnxruntime') return null;
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

/** A network table's columns, and its rows as text (the CLI's table and the demo's). */
export const BACKBONE_COLUMNS = [
  'form',
  'median ms',
  'IQR ms',
  'x converter',
  'GPU ms',
  'dispatches',
  'execute() ms',
  'x floor',
  'activation MB',
  'max diff',
  'Mish share',
];

export function backboneRows(report: ModelReport, model: NetworkName = 'cspdarknet53'): string[][] {
  const rows = rowsOf(report, model);
  const floor = rows.find((r) => r.activation === 'none');
  const converter = rows[0];
  return rows.map((r) => {
    const share = mishShare(r, floor);
    return [
      r.form,
      ms(r.medianMs),
      `${ms(r.q1Ms)}-${ms(r.q3Ms)}`,
      converter === undefined ? '-' : roundRatio(r.timesMs, converter.timesMs).toFixed(3),
      ms(r.gpuMs),
      String(r.dispatches),
      ms(r.executeMs),
      floor === undefined || r.executeMs === null ? '-' : roundRatio(r.executeTimesMs, floor.executeTimesMs).toFixed(2),
      megabytes(r.activationBytes),
      r.activation === 'none' ? '-' : r.maxDifference.toExponential(1),
      share === null ? '-' : `${(100 * share).toFixed(1)} %`,
    ];
  });
}

/** What a network run was: its size, width, layers and forwards. */
export function describeBackbone(report: ModelReport, model: NetworkName = 'cspdarknet53'): string {
  const b = report.networks[model];
  return (
    `${NETWORK_TITLES[model]} at ${report.size}x${report.size}${report.widthDivisor === 1 ? '' : `, 1/${report.widthDivisor} of its width`}` +
    (b === undefined
      ? ''
      : ` (${b.convolutions} convolutions, ${b.mishLayers} with Mish, ${b.residualAdds} residual adds, ${b.concatenations} concatenations; ${(b.mishElements / 1e6).toFixed(2)} M Mish outputs)`) +
    `; ${report.reps} interleaved forwards per form`
  );
}

/** The columns each table leaves out unless `--wide` (so that the default fits 120 columns). */
const WIDE_ONLY = new Set(['IQR ms', 'x original (GPU)']);

function table(header: string[], rows: string[][], wide: boolean, options: Parameters<typeof formatTable>[2] = {}): string {
  const keep = header.map((_, k) => k).filter((k) => wide || !WIDE_ONLY.has(header[k] as string));
  return formatTable(
    keep.map((k) => header[k] as string),
    rows.map((row) => keep.map((k) => row[k] as string)),
    options,
  );
}

export function formatModelTables(report: ModelReport, wide = false): string {
  const out: string[] = [`adapter: ${adapterLine(report.adapter)}`];
  for (const model of NETWORK_NAMES.filter((m) => rowsOf(report, m).length > 0)) {
    out.push('', describeBackbone(report, model), table(BACKBONE_COLUMNS, backboneRows(report, model), wide));
  }
  if (NETWORK_NAMES.some((m) => rowsOf(report, m).length > 0)) {
    out.push(
      "x converter, x floor: the median over rounds of the ratio of the two forms' forwards in that round; GPU ms: tf.time's kernelMs;",
      'execute() ms: JavaScript time inside model.execute(); activation MB: bytes the activation and the residual adds read and write',
      "outside the convolutions per forward; max diff: max |output - converter's| / max |converter's|; Mish share: (form - floor) / form,",
      'of GPU time where measured, else of wall time. onnxruntime-web: the same network and weights as an ONNX model on ONNX Runtime',
      "Web's WebGPU execution provider (wall time is session.run to the outputs read back; its graph is its own: no execute() or bytes).",
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
            ms(r.executeMs),
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

/** A network's targets (judged at the default size and full width; wall time reported, not judged, on llvmpipe). */
function networkTargets(report: ModelReport, model: NetworkName): Target[] {
  const rows = rowsOf(report, model);
  const find = (form: string) => rows.find((r) => r.form === form);
  const [converter, epilogue, residual, floor] = [find('converter'), find('epilogue'), find('residual'), find('floor')];
  const counts = report.networks[model];
  if (converter === undefined || epilogue === undefined || residual === undefined || floor === undefined || counts === undefined) return [];
  const judged = report.size === DEFAULT_BACKBONE_SIZE && report.widthDivisor === 1;
  const judge = (holds: boolean): boolean | null => (judged ? holds : null);
  // Mish in the convolutions costs llvmpipe GPU time (DEVELOPERS.md): its wall time is reported there, not judged.
  const wallJudged = judged && !isLlvmpipe(report.adapter);
  const name = `${NETWORK_TITLES[model]} ${report.size}`;
  const targets: Target[] = [];
  const expected = floor.dispatches - counts.residualAdds;
  targets.push({
    target: `${name}: the residual form's dispatches are the floor's less one per residual add (${residual.dispatches} against ${floor.dispatches} - ${counts.residualAdds})`,
    value: residual.dispatches - expected,
    unit: ' more than that',
    holds: judge(residual.dispatches === expected),
  });
  if (model === 'cspdarknet53') {
    targets.push({
      target: `${name}: the epilogue form's dispatches equal the floor's (${epilogue.dispatches} and ${floor.dispatches})`,
      value: epilogue.dispatches - floor.dispatches,
      unit: ' more than the floor',
      holds: judge(epilogue.dispatches === floor.dispatches),
    });
    targets.push(
      roundRatioTarget(
        `${name}: execute() JS time of the epilogue form <= ${MODEL_BOUNDS.executeOverFloor} x the floor's`,
        epilogue.executeTimesMs,
        floor.executeTimesMs,
        { most: MODEL_BOUNDS.executeOverFloor },
        judged,
      ),
    );
  }
  targets.push(
    roundRatioTarget(
      `${name}: execute() JS time of the residual form <= the floor's`,
      residual.executeTimesMs,
      floor.executeTimesMs,
      { most: MODEL_BOUNDS.residualExecuteOverFloor },
      judged,
    ),
  );
  for (const r of rows.filter((q) => q !== converter && q.activation !== 'onnxruntime')) {
    const target = roundRatioTarget(
      `${name}: ${r.form} no slower than the converter's form (wall <= ${MODEL_BOUNDS.wallOverConverter} x)`,
      r.timesMs,
      converter.timesMs,
      { most: MODEL_BOUNDS.wallOverConverter },
      wallJudged,
    );
    targets.push(judged && !wallJudged ? { ...target, why: 'reported: on llvmpipe Mish in the convolutions costs GPU time, not a target there' } : target);
  }
  for (const r of rows.filter((q) => q !== converter && q.activation !== 'none')) {
    const whose = r.activation === 'onnxruntime' ? "ONNX Runtime Web's" : `${r.form}'s`;
    targets.push({
      target: `${name}: ${whose} outputs within ${MODEL_BOUNDS.difference} of the converter's (relative to its largest)`,
      value: r.maxDifference,
      unit: '',
      holds: judge(r.maxDifference <= MODEL_BOUNDS.difference),
    });
  }
  const [bytesResidual, bytesFloor] = [residual.activationBytes ?? 0, floor.activationBytes ?? 0];
  targets.push({
    target: `${name}: the residual form moves fewer activation bytes than the floor (${megabytes(bytesResidual)} MB against ${megabytes(bytesFloor)} MB)`,
    value: bytesResidual / 2 ** 20,
    unit: ' MB',
    holds: judge(bytesResidual < bytesFloor),
  });
  return targets;
}

/**
 * The targets of this run, held to the bounds above; the networks' are judged at the default size and full width
 * only (`holds` is null elsewhere: shown, not judged).
 */
export function modelTargets(report: ModelReport): Target[] {
  const targets = NETWORK_NAMES.flatMap((model) => networkTargets(report, model));
  const chain = rowsOf(report, 'mish-chain');
  for (const r of chain.filter((q) => q.form !== q.baseline)) {
    const original = chain.find((q) => q.form === r.baseline) as ModelFormResult;
    targets.push(
      roundRatioTarget(
        `four Mish in a row (${r.baseline}), rewritten: <= ${MODEL_BOUNDS.chainOverOriginal} x the original's wall time`,
        r.timesMs,
        original.timesMs,
        { most: MODEL_BOUNDS.chainOverOriginal },
      ),
    );
  }
  return targets;
}

/**
 * ONNX Runtime Web beside the package's best TF.js form on the same network (reported, not judged): wall time and
 * dispatches per forward.
 */
function peerLines(report: ModelReport): string[] {
  return NETWORK_NAMES.flatMap((model) => {
    const rows = rowsOf(report, model);
    const ort = rows.find((r) => r.activation === 'onnxruntime');
    const residual = rows.find((r) => r.form === 'residual');
    if (ort === undefined || residual === undefined) return [];
    return [
      `${NETWORK_TITLES[model]} ${report.size} on ONNX Runtime Web (WebGPU) against the residual form: wall ${roundRatio(ort.timesMs, residual.timesMs).toFixed(3)} x ` +
        `(${ms(ort.medianMs)} ms against ${ms(residual.medianMs)} ms), ${ort.dispatches} dispatches against ${residual.dispatches}; outputs within ${ort.maxDifference.toExponential(1)} of TF.js's`,
    ];
  });
}

/** Where the networks' targets are judged. */
export const TARGETS_SET_AT = `the networks' targets are set at ${DEFAULT_BACKBONE_SIZE}x${DEFAULT_BACKBONE_SIZE}, full width`;

export function formatModelSummary(report: ModelReport): string {
  return [...peerLines(report), `targets (${TARGETS_SET_AT}):`, ...modelTargets(report).map((t) => `  ${t.target}: ${verdict(t)}`)].join('\n');
}
