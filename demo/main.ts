// The timing demo page: adapter banner, the kernel timing harness with a table and charts, the training-step
// comparison in TF.js, and the paper's figures computed by the kernels.
import { adapterLine, describeAdapter } from '../common/adapter.js';
import { lineChart, type Series } from './charts.js';
import { computeFigures, type Curve } from './figures.js';
import { disableOnError, element, showError } from './page.js';
import { runTiming, setUpTiming } from './timing.js';
import { QUICK_TRAIN_SETUP, runTrain, showTrainSetup, trainSetupFromForm } from './training.js';

function renderFigure(id: string, x: number[], curves: Curve[]): void {
  const palette = ['#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
  const series = curves.flatMap((curve, i): Series[] => [
    { label: `${curve.label} (GPU)`, points: x.map((v, k) => ({ x: v, y: curve.gpu[k] ?? null })), color: palette[i] ?? '#000', width: 2.5 },
    { label: `${curve.label} (CPU)`, points: x.map((v, k) => ({ x: v, y: curve.cpu[k] ?? null })), color: '#222', width: 1, dash: [4, 4] },
  ]);
  lineChart(id, series, { x: 'x', y: 'f(x)' });
}

async function start(): Promise<void> {
  const runButton = element<HTMLButtonElement>('run');
  const trainButton = element<HTMLButtonElement>('train-run');
  disableOnError(runButton);
  disableOnError(trainButton);
  if (!('gpu' in navigator)) {
    showError(
      'WebGPU is not available in this browser: navigator.gpu is missing. Use a recent Chrome, Edge, Firefox or ' +
        'Safari, over https:// or http://localhost.',
    );
    return;
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) {
    showError('WebGPU is available, but the browser offered no adapter (blocklisted GPU or disabled WebGPU).');
    return;
  }
  const device = await adapter.requestDevice({ label: 'webgpu-mish demo figures' });
  device.lost.then((lost) => {
    if (lost.reason !== 'destroyed') showError(`The WebGPU device was lost (${lost.reason}): ${lost.message}. Reload the page.`);
  });
  device.addEventListener('uncapturederror', (event) => {
    showError(`WebGPU reported an error: ${(event as GPUUncapturedErrorEvent).error.message}`);
  });
  element('adapter').textContent =
    `Adapter: ${adapterLine(describeAdapter(adapter))}; timestamp-query ` +
    `${adapter.features.has('timestamp-query') ? 'available' : 'unavailable (CPU timing)'}`;

  const query = new URLSearchParams(location.search);
  const quick = query.has('quick');
  setUpTiming(quick);
  if (quick) showTrainSetup(QUICK_TRAIN_SETUP);

  const figures = await computeFigures(device);
  renderFigure('figure-1', figures.x, figures.figure1);
  renderFigure('figure-2', figures.x, figures.figure2);
  element('figures-diff').textContent =
    `Worst |GPU − CPU| over all curves: ${figures.worst.difference.toExponential(2)} (${figures.worst.curve} at ` +
    `x = ${figures.worst.x.toFixed(3)}).`;

  runButton.disabled = false;
  trainButton.disabled = false;
  element<HTMLFormElement>('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    void runTiming();
  });
  element<HTMLFormElement>('train-controls').addEventListener('submit', (event) => {
    event.preventDefault();
    void runTrain(trainSetupFromForm());
  });
  if (query.has('autorun')) {
    await runTiming();
    await runTrain(trainSetupFromForm());
  }
}

start().catch((error: unknown) => showError(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`));
