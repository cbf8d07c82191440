// The demo page: adapter banner, the kernel timing harness with a table and charts, the training-step comparison in
// TF.js, YOLOv4's backbone in its four forms, the paper's Figures 5 and 6 run on the visitor's GPU, and Figures 1
// and 2 computed by the kernels.
import { adapterLine, describeAdapter, isSoftwareAdapter } from '../common/adapter.js';
import { runBackbone, setUpBackbone } from './backbone.js';
import { lineChart, type Series } from './charts.js';
import { drawFigure5, setUpFigure5 } from './figure5.js';
import { runFigure6, setUpFigure6 } from './figure6.js';
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
  const buttons = ['run', 'train-run', 'backbone-run', 'landscape-run', 'depth-run'].map((id) => element<HTMLButtonElement>(id));
  for (const button of buttons) disableOnError(button);
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
  const description = describeAdapter(adapter);
  element('adapter').dataset.description = JSON.stringify(description);
  // Every number on the page comes from this adapter: say which it is, and what a software one means for them.
  element('adapter').textContent =
    `Adapter: ${adapterLine(description)}; timestamp-query ` +
    `${adapter.features.has('timestamp-query') ? 'available' : 'unavailable (CPU timing)'}. Every figure on this page ` +
    'was measured on it.' +
    (isSoftwareAdapter(description)
      ? ' It is a software adapter: the shaders run on the CPU, so the kernels are limited by arithmetic, not by ' +
        'memory, and the ratios below are not those of a GPU (on a GPU, Mish should cost about what ReLU does).'
      : '');

  const query = new URLSearchParams(location.search);
  const quick = query.has('quick');
  setUpTiming(quick);
  if (quick) showTrainSetup(QUICK_TRAIN_SETUP);
  setUpBackbone(quick, isSoftwareAdapter(description));
  setUpFigure5(quick);
  setUpFigure6(quick);

  const figures = await computeFigures(device);
  renderFigure('figure-1', figures.x, figures.figure1);
  renderFigure('figure-2', figures.x, figures.figure2);
  element('figures-diff').textContent =
    `Worst |GPU − CPU| over all curves: ${figures.worst.difference.toExponential(2)} (${figures.worst.curve} at ` + `x = ${figures.worst.x.toFixed(3)}).`;

  for (const button of buttons) button.disabled = false;
  const onSubmit = (form: string, action: () => Promise<void>): void =>
    element<HTMLFormElement>(form).addEventListener('submit', (event) => {
      event.preventDefault();
      void action();
    });
  onSubmit('controls', runTiming);
  onSubmit('train-controls', () => runTrain(trainSetupFromForm(), isSoftwareAdapter(description)));
  onSubmit('backbone-controls', runBackbone);
  onSubmit('landscape-controls', () => drawFigure5(device));
  onSubmit('depth-controls', runFigure6);
  if (query.has('autorun')) {
    await runTiming();
    await runTrain(trainSetupFromForm(), isSoftwareAdapter(description));
    await runBackbone();
    await drawFigure5(device);
    await runFigure6();
  }
}

start().catch((error: unknown) => showError(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`));
