/** The demo's training-step section: the TF.js training-step comparison on the visitor's adapter. */
import { verdict } from '../common/targets.js';
import { pairedRatio, trainTargets } from '../common/training/report.js';
import { runTrainBench } from '../common/training/run.js';
import { PAPER_SETUP, type TrainResult, type TrainSetup } from '../common/training/setup.js';
import { barChart, COLORS } from './charts.js';
import { element, showError } from './page.js';

/** A small network for `?quick`: the page's test runs it in seconds on a software adapter. */
export const QUICK_TRAIN_SETUP: TrainSetup = { depth: 2, width: 64, batch: 32, steps: 2, warmup: 1 };

const LABELS: Record<TrainResult['kernel'], string> = { relu: 'relu', swish: 'swish', 'tfjs-mish': "TF.js's Mish", mish: 'fused Mish' };
const FIELDS = { depth: 'train-depth', width: 'train-width', batch: 'train-batch', steps: 'train-steps' } as const;

function renderTrain(results: TrainResult[], setup: TrainSetup, software: boolean): void {
  const labels = results.map((r) => LABELS[r.kernel]);
  const colors = results.map((r) => COLORS[r.kernel] ?? '#000');
  barChart('chart-train-step', labels, colors, { label: 'median step (ms)', values: results.map((r) => r.medianMs) }, 'ms per step', {
    label: 'fastest to slowest step',
    values: results.map((r) => [r.minMs, r.maxMs]),
  });
  barChart('chart-train-activation', labels, colors, { label: 'activation layers, GPU ms per step', values: results.map((r) => r.activationMs) }, 'GPU ms');
  const relu = results.find((r) => r.kernel === 'relu');
  const fused = results.find((r) => r.kernel === 'mish');
  const table = element<HTMLTableElement>('train-results');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of ['activation', 'median ms', 'min ms', 'max ms', 'steps', '×ReLU', '×fused Mish', 'activation GPU ms']) {
    head.appendChild(document.createElement('th')).textContent = column;
  }
  const body = table.createTBody();
  results.forEach((r, i) => {
    const row = body.insertRow();
    if (r.kernel === 'mish') row.className = 'mish';
    const cells = [
      labels[i] as string,
      r.medianMs.toFixed(0),
      r.minMs.toFixed(0),
      r.maxMs.toFixed(0),
      String(r.steps),
      relu ? pairedRatio(r, relu).toFixed(3) : '–',
      fused ? pairedRatio(r, fused).toFixed(3) : '–',
      r.activationMs?.toFixed(1) ?? '–',
    ];
    for (const cell of cells) row.insertCell().textContent = cell;
  });
  element('train-targets').textContent =
    `${setup.depth} blocks of ${setup.width}, batch ${setup.batch}, ${setup.steps} timed steps each. ` +
    trainTargets(results, software, setup)
      .map((t) => `${t.target}: ${verdict(t)}`)
      .join('; ') +
    '.';
}

/** Puts `setup` into the form (for `?quick`). */
export function showTrainSetup(setup: TrainSetup): void {
  for (const [key, id] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, string]>) element<HTMLInputElement>(id).value = String(setup[key]);
}

/** The setup the form shows; a field that is not a positive whole number takes the paper's value. */
export function trainSetupFromForm(): TrainSetup {
  const read = (key: keyof typeof FIELDS): number => {
    const value = Number(element<HTMLInputElement>(FIELDS[key]).value);
    return Number.isInteger(value) && value >= 1 ? value : PAPER_SETUP[key];
  };
  return { depth: read('depth'), width: read('width'), batch: read('batch'), steps: read('steps'), warmup: PAPER_SETUP.warmup };
}

/**
 * Runs the comparison; `document.body.dataset.trainState` says 'running', then 'done' or 'failed'. `software`: the
 * adapter runs shaders on the CPU (the targets shown are then about the activation layers' GPU time).
 */
export async function runTrain(setup: TrainSetup, software: boolean): Promise<void> {
  const button = element<HTMLButtonElement>('train-run');
  const progress = element<HTMLSpanElement>('train-progress');
  button.disabled = true;
  document.body.dataset.trainState = 'running';
  try {
    const results = await runTrainBench(setup, (p) => {
      progress.textContent = `${Math.floor((100 * p.done) / p.total)}%: ${p.label}`;
    });
    progress.textContent = 'Done.';
    renderTrain(results, setup, software);
    document.body.dataset.trainState = 'done';
  } catch (error) {
    showError(`The training-step measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.trainState = 'failed';
  } finally {
    button.disabled = false;
  }
}
