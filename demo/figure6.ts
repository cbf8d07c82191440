/**
 * The demo's Figure 6 section: test accuracy against depth on MNIST for ReLU, Swish and the fused Mish, with the
 * mean epoch time of each activation (TF.js's own Mish too); controls, an estimate, progress, cancel and CSV.
 */
import type { TrainKernel } from '../common/training/setup.js';
import { COLORS, lineChart } from './charts.js';
import { type Cancel, type DepthResult, estimateSeconds, resultsCsv, runDepthExperiment } from './depth-experiment.js';
import { DEFAULT_DEPTH_SETUP, type DepthSetup, TEST_DIGITS } from './depth-setup.js';
import { element, showError } from './page.js';

/** The tiny setting of `?quick` (the page's test). */
const QUICK_DEPTH_SETUP: DepthSetup = { ...DEFAULT_DEPTH_SETUP, depths: [2, 3], width: 32, samples: 512, epochs: 1 };

const LABELS: Record<TrainKernel, string> = { relu: 'ReLU', swish: 'Swish', mish: 'Mish (fused)', 'tfjs-mish': "Mish (TF.js's own)" };
const FIELDS = { depths: 'depth-depths', width: 'depth-width', epochs: 'depth-epochs', samples: 'depth-samples' } as const;

let cancel: Cancel = { cancelled: false };
let csvUrl: string | null = null;

function showSetup(setup: DepthSetup): void {
  element<HTMLInputElement>(FIELDS.depths).value = setup.depths.join(', ');
  element<HTMLInputElement>(FIELDS.width).value = String(setup.width);
  element<HTMLInputElement>(FIELDS.epochs).value = String(setup.epochs);
  element<HTMLInputElement>(FIELDS.samples).value = String(setup.samples);
}

/** The setup the form shows; a field that does not parse takes the default. */
function depthSetupFromForm(): DepthSetup {
  const whole = (id: string, fallback: number, most: number): number => {
    const value = Number(element<HTMLInputElement>(id).value);
    return Number.isInteger(value) && value >= 1 ? Math.min(value, most) : fallback;
  };
  const depths = element<HTMLInputElement>(FIELDS.depths)
    .value.split(/[\s,]+/)
    .map(Number)
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 60);
  return {
    ...DEFAULT_DEPTH_SETUP,
    depths: depths.length > 0 ? depths : DEFAULT_DEPTH_SETUP.depths,
    width: whole(FIELDS.width, DEFAULT_DEPTH_SETUP.width, 2048),
    epochs: whole(FIELDS.epochs, DEFAULT_DEPTH_SETUP.epochs, 100),
    samples: whole(FIELDS.samples, DEFAULT_DEPTH_SETUP.samples, 8000),
  };
}

function render(results: readonly DepthResult[], setup: DepthSetup): void {
  const depths = [...new Set(results.map((r) => r.depth))].sort((a, b) => a - b);
  const series = (kernels: TrainKernel[], value: (r: DepthResult) => number) =>
    kernels.map((kernel) => ({
      label: LABELS[kernel],
      points: depths.map((depth) => ({ x: depth, y: ((r) => (r ? value(r) : null))(results.find((r) => r.activation === kernel && r.depth === depth)) })),
      color: COLORS[kernel] ?? '#000',
      width: kernel === 'mish' ? 3 : 1.5,
      ...(kernel === 'tfjs-mish' ? { dash: [5, 4] } : {}),
    }));
  lineChart(
    'chart-depth-accuracy',
    series(['relu', 'swish', 'mish', 'tfjs-mish'], (r) => 100 * r.testAccuracy),
    { x: 'hidden layers', y: 'test accuracy (%)', points: true },
  );
  lineChart(
    'chart-depth-epoch',
    series(['relu', 'swish', 'mish', 'tfjs-mish'], (r) => r.meanEpochMs / 1000),
    { x: 'hidden layers', y: 'mean epoch time (s)', points: true },
  );
  const table = element<HTMLTableElement>('depth-results');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of ['activation', 'hidden layers', 'test accuracy', 'test loss', 'mean epoch s'])
    head.appendChild(document.createElement('th')).textContent = column;
  const body = table.createTBody();
  for (const r of results) {
    const row = body.insertRow();
    if (r.activation === 'mish') row.className = 'mish';
    for (const cell of [
      LABELS[r.activation],
      String(r.depth),
      `${(100 * r.testAccuracy).toFixed(1)} %`,
      r.testLoss.toFixed(3),
      (r.meanEpochMs / 1000).toFixed(2),
    ]) {
      row.insertCell().textContent = cell;
    }
  }
  if (csvUrl !== null) URL.revokeObjectURL(csvUrl);
  csvUrl = URL.createObjectURL(new Blob([resultsCsv(results, setup)], { type: 'text/csv' }));
  const link = element<HTMLAnchorElement>('depth-csv');
  link.href = csvUrl;
  link.hidden = results.length === 0;
}

function describeSeconds(seconds: number): string {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function setUpFigure6(quick: boolean): void {
  showSetup(quick ? QUICK_DEPTH_SETUP : DEFAULT_DEPTH_SETUP);
  element('depth-fixed').textContent =
    `Dense blocks of the width below with BatchNorm, the activation and dropout 0.25, then dense 10 with softmax; SGD, ` +
    `batch ${DEFAULT_DEPTH_SETUP.batch}, learning rate ${DEFAULT_DEPTH_SETUP.learningRate} for every activation; ` +
    `${TEST_DIGITS} MNIST digits held out for testing (a fixed, seeded split), the training digits taken from the rest.`;
  element<HTMLButtonElement>('depth-cancel').addEventListener('click', () => {
    cancel.cancelled = true;
    element('depth-status').textContent = 'Cancelling after this batch…';
  });
  element<HTMLButtonElement>('depth-estimate').addEventListener('click', () => void estimate());
}

async function estimate(setup = depthSetupFromForm()): Promise<void> {
  const target = element('depth-estimate-result');
  target.textContent = 'Timing one training step on this adapter…';
  try {
    target.textContent =
      `Expected: about ${describeSeconds(await estimateSeconds(setup))} on this adapter for ${setup.depths.length} ` +
      `depths × 4 activations (from one timed step; evaluation not included).`;
  } catch (error) {
    target.textContent = `No estimate: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Runs the experiment; `document.body.dataset.figure6` says 'running', then 'done', 'cancelled' or 'failed'. */
export async function runFigure6(): Promise<void> {
  const setup = depthSetupFromForm();
  const [runButton, cancelButton] = [element<HTMLButtonElement>('depth-run'), element<HTMLButtonElement>('depth-cancel')];
  const [status, bar] = [element('depth-status'), element<HTMLProgressElement>('depth-progress')];
  cancel = { cancelled: false };
  runButton.disabled = true;
  cancelButton.disabled = false;
  document.body.dataset.figure6 = 'running';
  const results: DepthResult[] = [];
  try {
    // Say how long it should take before it starts.
    status.textContent = 'Estimating the time…';
    await estimate(setup);
    status.textContent = 'Loading the MNIST digits…';
    // The digits (21 MB of JSON) load only now, not with the page.
    const { loadDigits, splitDigits } = await import('./mnist.js');
    const data = splitDigits(await loadDigits(), { train: setup.samples, test: TEST_DIGITS, seed: setup.seed });
    const run = await runDepthExperiment(setup, data, {
      cancel,
      onProgress: (p) => {
        bar.max = p.total;
        bar.value = p.done;
        status.textContent = `${p.label}${p.secondsLeft === null ? '' : `; about ${describeSeconds(p.secondsLeft)} left`}`;
      },
      onResult: (result) => {
        results.push(result);
        render(results, setup);
      },
    });
    element('depth-kernels').textContent =
      run.fusedKernels.length > 0 ? `Kernels of one training step of the fused-Mish network (tf.profile): ${run.fusedKernels.join(', ')}.` : '';
    element('depth-kernels').dataset.kernels = run.fusedKernels.join(',');
    status.textContent = run.cancelled ? `Cancelled; ${results.length} results kept.` : `Done: ${results.length} networks trained.`;
    document.body.dataset.figure6 = run.cancelled ? 'cancelled' : 'done';
  } catch (error) {
    showError(`Figure 6 failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.figure6 = 'failed';
  } finally {
    runButton.disabled = false;
    cancelButton.disabled = true;
  }
}
