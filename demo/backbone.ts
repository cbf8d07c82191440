/**
 * The demo's "Mish in YOLOv4's backbone and the whole detector" section: CSPDarknet53 or YOLOv4 as tfjs-converter
 * writes them, in the five forms of `npm run bench -- --model cspdarknet53|yolov4`, on the visitor's adapter at the
 * size they choose; charts of time and dispatches, the bench's table, and its targets as a list, a mark each.
 */
import { BACKBONE_COLUMNS, backboneRows, describeBackbone, modelTargets, TARGETS_SET_AT } from '../common/models/report.js';
import { verdict } from '../common/targets.js';
import { runModelBench } from '../common/models/run.js';
import { DEFAULT_BACKBONE_SIZE, DEFAULT_MODEL_REPS, type ModelReport, NETWORK_NAMES, type NetworkName } from '../common/models/types.js';
import type { Target } from '../common/targets.js';
import { barChart } from './charts.js';
import { element, showError } from './page.js';

/** The forms, as the bench names them, and how the page labels and colours them. */
const FORMS: Record<string, { label: string; color: string }> = {
  converter: { label: "converter's Softplus·Tanh·Mul", color: '#8c564b' },
  'mish-op': { label: 'one Mish op', color: '#ff9896' },
  epilogue: { label: 'Mish in the convolution', color: '#d62728' },
  residual: { label: 'Mish and the residual add in the convolution', color: '#9467bd' },
  floor: { label: 'no Mish (floor)', color: '#7f7f7f' },
};

/** YOLOv4's sizes and the small ones a software adapter can run. */
const SIZES = [32, 64, 128, 256, 416, 608];
/** The quick setting (`?quick`): the smallest size, 1/8 of the width, one timed forward. */
const QUICK = { size: 32, widthDivisor: 8, reps: 1, gpuReps: 1 };

let quickSetting = false;

/** Fills the size choices: the bench's default size on a software adapter, YOLOv4's 416 on a hardware one. */
export function setUpBackbone(quick: boolean, software: boolean): void {
  quickSetting = quick;
  const select = element<HTMLSelectElement>('backbone-size');
  const chosen = quick ? QUICK.size : software ? DEFAULT_BACKBONE_SIZE : 416;
  for (const size of SIZES) {
    const option = new Option(`${size} × ${size}`, String(size), size === chosen, size === chosen);
    select.add(option);
  }
  element<HTMLInputElement>('backbone-reps').value = String(quick ? QUICK.reps : DEFAULT_MODEL_REPS);
  if (quick) element('backbone-width').textContent = `At 1/${QUICK.widthDivisor} of its width (the page's quick setting).`;
}

/** A target's mark: held, missed, undecided, or shown and not judged. */
function mark(t: Target): string {
  if (t.value === null || t.holds === null) return '–';
  return t.holds === 'undecided' ? '?' : t.holds ? '✓' : '✗';
}

function render(report: ModelReport, model: NetworkName): void {
  const rows = report.results.filter((r) => r.model === model);
  const labels = rows.map((r) => FORMS[r.form]?.label ?? r.form);
  const colors = rows.map((r) => FORMS[r.form]?.color ?? '#000');
  barChart('chart-backbone-time', labels, colors, { label: 'median ms per forward', values: rows.map((r) => r.medianMs) }, 'ms per forward', {
    label: 'middle half of the forwards',
    values: rows.map((r) => [r.q1Ms, r.q3Ms]),
  });
  barChart('chart-backbone-dispatches', labels, colors, { label: 'GPU dispatches per forward', values: rows.map((r) => r.dispatches) }, 'dispatches');
  const table = element<HTMLTableElement>('backbone-results');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of BACKBONE_COLUMNS) head.appendChild(document.createElement('th')).textContent = column;
  const body = table.createTBody();
  for (const cells of backboneRows(report, model)) {
    const row = body.insertRow();
    if (cells[0] === 'residual') row.className = 'mish';
    for (const cell of cells) row.insertCell().textContent = cell;
  }
  element('backbone-summary').textContent =
    `${describeBackbone(report, model)}. Targets (${TARGETS_SET_AT}; ✓ holds, ✗ missed, ? undecided, – shown, not judged):`;
  const list = element<HTMLUListElement>('backbone-targets');
  list.replaceChildren();
  for (const t of modelTargets(report)) {
    const item = document.createElement('li');
    item.dataset.mark = mark(t);
    item.textContent = `${mark(t)} ${t.target}: ${verdict(t)}`;
    list.appendChild(item);
  }
}

/** Runs the backbone's forms; `document.body.dataset.backbone` says 'running', then 'done' or 'failed'. */
export async function runBackbone(): Promise<void> {
  const button = element<HTMLButtonElement>('backbone-run');
  const progress = element<HTMLSpanElement>('backbone-progress');
  const size = Number(element<HTMLSelectElement>('backbone-size').value);
  const chosen = element<HTMLSelectElement>('backbone-model').value;
  const model = (NETWORK_NAMES as readonly string[]).includes(chosen) ? (chosen as NetworkName) : 'cspdarknet53';
  const repsValue = Number(element<HTMLInputElement>('backbone-reps').value);
  const reps = Number.isInteger(repsValue) && repsValue >= 1 ? repsValue : DEFAULT_MODEL_REPS;
  button.disabled = true;
  document.body.dataset.backbone = 'running';
  try {
    const report = await runModelBench({
      models: [model],
      size,
      reps,
      ...(quickSetting ? { widthDivisor: QUICK.widthDivisor, gpuReps: QUICK.gpuReps } : {}),
      onProgress: (p) => {
        progress.textContent = `${Math.floor((100 * p.done) / p.total)}%: ${p.label}`;
      },
    });
    progress.textContent = 'Done.';
    render(report, model);
    document.body.dataset.backbone = 'done';
  } catch (error) {
    showError(`The backbone measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.backbone = 'failed';
  } finally {
    button.disabled = false;
  }
}
