// The timing demo page: adapter banner, the bench harness with a table and charts, and the paper's figures.
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import { describeRun, pairedRatio, trainTargets } from '../bench/format.js';
import { type BenchReport, type BenchResult, describeAdapter, runBench } from '../bench/harness.js';
import { runTrainBench } from '../bench/train.js';
import { PAPER_SETUP, type TrainResult, type TrainSetup } from '../bench/train-setup.js';
import { computeFigures, type Curve } from './figures.js';

Chart.register(...registerables);

const SIZES = [16, 18, 20, 22, 24].map((k) => 2 ** k);
const DEFAULT_SIZES = new Set([2 ** 16, 2 ** 20]);
const COLORS: Record<string, string> = {
  mish: '#d62728',
  relu: '#1f77b4',
  swish: '#2ca02c',
  copy: '#7f7f7f',
  'mish-builtin': '#ff7f0e',
  'mish-unfused': '#9467bd',
  'tfjs-mish': '#8c564b',
  'tfjs-relu': '#17becf',
  'mish-f16': '#e377c2',
  'mish-bf16': '#bcbd22',
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`demo: #${id} is missing from index.html`);
  return found as T;
}

const banner = element<HTMLDivElement>('adapter');
const runButton = element<HTMLButtonElement>('run');
const progress = element<HTMLSpanElement>('progress');
const trainButton = element<HTMLButtonElement>('train-run');
const trainProgress = element<HTMLSpanElement>('train-progress');
const charts = new Map<string, Chart>();
/** A small network for `?quick`: the page's test runs it in seconds on a software adapter. */
const QUICK_TRAIN_SETUP: TrainSetup = { depth: 2, width: 64, batch: 32, steps: 2, warmup: 1 };
const TRAIN_COLORS: Record<TrainResult['kernel'], string> = {
  relu: COLORS.relu as string,
  swish: COLORS.swish as string,
  'tfjs-mish': COLORS['tfjs-mish'] as string,
  mish: COLORS.mish as string,
};

function showError(message: string): void {
  banner.textContent = message;
  banner.classList.add('error');
  runButton.disabled = true;
  trainButton.disabled = true;
}

function drawChart(id: string, config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>): void {
  charts.get(id)?.destroy();
  charts.set(id, new Chart(element<HTMLCanvasElement>(id), config as ChartConfiguration));
}

/** A bar per activation: `bars` as bars, `ranges` (optional) as thin floating bars beside them. */
function barChart(id: string, labels: string[], colors: string[], bars: { label: string; values: Array<number | null> }, yTitle: string, ranges?: { label: string; values: Array<[number, number]> }): void {
  drawChart(id, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: bars.label, data: bars.values, backgroundColor: colors },
        ...(ranges ? [{ label: ranges.label, data: ranges.values, backgroundColor: colors.map((c) => `${c}55`), barPercentage: 0.3 }] : []),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } } },
      scales: { y: { title: { display: true, text: yTitle }, beginAtZero: true } },
    },
  } as ChartConfiguration<'bar'>);
}

interface Series {
  label: string;
  points: Array<{ x: number; y: number | null }>;
  color: string;
  width?: number;
  dash?: number[];
}

/** A line chart on linear axes, or with a log₂ x axis for element counts. */
function lineChart(id: string, series: Series[], axes: { x: string; y: string; log2x?: boolean }): void {
  drawChart(id, {
    type: 'line',
    data: {
      datasets: series.map((s) => ({
        label: s.label,
        data: s.points,
        borderColor: s.color,
        backgroundColor: s.color,
        borderWidth: s.width ?? 1.5,
        borderDash: s.dash ?? [],
        pointRadius: axes.log2x ? 3 : 0,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } } },
      scales: {
        x: axes.log2x
          ? {
              type: 'logarithmic',
              title: { display: true, text: axes.x },
              ticks: { callback: (value) => (Number.isInteger(Math.log2(Number(value))) ? `2^${Math.log2(Number(value))}` : '') },
            }
          : { type: 'linear', title: { display: true, text: axes.x } },
        y: { title: { display: true, text: axes.y } },
      },
    },
  });
}

function renderTable(report: BenchReport): void {
  const columns = ['kernel', 'pass', 'elements', 'median ms', 'min ms', 'max ms', 'Melem/s', 'GB/s', '×ReLU', '×Swish', '×copy'];
  const fixed = (v: number | null, d: number): string => (v === null ? '–' : v.toFixed(d));
  const rows = [...report.results].sort((p, q) => p.elements - q.elements || p.pass.localeCompare(q.pass) * -1);
  const table = element<HTMLTableElement>('results');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of columns) head.appendChild(document.createElement('th')).textContent = column;
  const body = table.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    if (r.kernel === 'mish') row.className = 'mish';
    const cells = [r.kernel, r.pass, `2^${Math.log2(r.elements)}`, fixed(r.medianMs, 3), fixed(r.minMs, 3), fixed(r.maxMs, 3),
      fixed(r.elementsPerSecond / 1e6, 0), fixed(r.gbps, 2), fixed(r.vsRelu, 2), fixed(r.vsSwish, 2), fixed(r.vsCopy, 2)];
    for (const cell of cells) row.insertCell().textContent = cell;
  }
}

function renderCharts(report: BenchReport): void {
  const sizes = [...new Set(report.results.map((r) => r.elements))].sort((p, q) => p - q);
  const find = (kernel: string, pass: string, n: number): BenchResult | undefined =>
    report.results.find((r) => r.kernel === kernel && r.pass === pass && r.elements === n);
  for (const pass of ['forward', 'backward'] as const) {
    const kernels = [...new Set(report.results.filter((r) => r.pass === pass).map((r) => r.kernel))];
    lineChart(
      `chart-${pass}`,
      kernels.map((kernel) => ({
        label: kernel,
        points: sizes.map((n) => ({ x: n, y: find(kernel, pass, n)?.gbps ?? null })),
        color: COLORS[kernel] ?? '#000',
        width: kernel === 'mish' ? 3 : 1.5,
      })),
      { x: 'elements', y: 'GB/s', log2x: true },
    );
  }
  const ratio = (pass: string, key: 'vsRelu' | 'vsSwish', dash: number[]): Series => ({
    label: `Mish ${pass} / ${key === 'vsRelu' ? 'ReLU' : 'Swish'}`,
    points: sizes.map((n) => ({ x: n, y: find('mish', pass, n)?.[key] ?? null })),
    color: (key === 'vsRelu' ? COLORS.relu : COLORS.swish) as string,
    dash,
  });
  lineChart(
    'chart-ratios',
    [ratio('forward', 'vsRelu', []), ratio('forward', 'vsSwish', []), ratio('backward', 'vsRelu', [6, 4]), ratio('backward', 'vsSwish', [6, 4])],
    { x: 'elements', y: 'time ratio', log2x: true },
  );
}

function renderFigure(id: string, x: number[], curves: Curve[]): void {
  const palette = ['#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
  const series = curves.flatMap((curve, i): Series[] => [
    { label: `${curve.label} (GPU)`, points: x.map((v, k) => ({ x: v, y: curve.gpu[k] ?? null })), color: palette[i] ?? '#000', width: 2.5 },
    { label: `${curve.label} (CPU)`, points: x.map((v, k) => ({ x: v, y: curve.cpu[k] ?? null })), color: '#222', width: 1, dash: [4, 4] },
  ]);
  lineChart(id, series, { x: 'x', y: 'f(x)' });
}

function renderTrain(results: TrainResult[], setup: TrainSetup): void {
  const labels = results.map((r) => (r.kernel === 'mish' ? 'fused Mish' : r.kernel === 'tfjs-mish' ? "TF.js's Mish" : r.kernel));
  const colors = results.map((r) => TRAIN_COLORS[r.kernel]);
  barChart(
    'chart-train-step',
    labels,
    colors,
    { label: 'median step (ms)', values: results.map((r) => r.medianMs) },
    'ms per step',
    { label: 'fastest to slowest step', values: results.map((r) => [r.minMs, r.maxMs]) },
  );
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
    const cells = [labels[i] as string, r.medianMs.toFixed(0), r.minMs.toFixed(0), r.maxMs.toFixed(0), String(r.steps),
      relu ? pairedRatio(r, relu).toFixed(3) : '–', fused ? pairedRatio(r, fused).toFixed(3) : '–', r.activationMs?.toFixed(1) ?? '–'];
    for (const cell of cells) row.insertCell().textContent = cell;
  });
  element('train-targets').textContent =
    `${setup.depth} blocks of ${setup.width}, batch ${setup.batch}, ${setup.steps} timed steps each. ` +
    trainTargets(results).map((t) => `${t.target}: ${t.value.toFixed(3)} (${t.holds ? 'holds' : 'missed'})`).join('; ') + '.';
}

function trainSetupFromForm(): TrainSetup {
  const read = (id: string, fallback: number): number => {
    const value = Number(element<HTMLInputElement>(id).value);
    return Number.isInteger(value) && value >= 1 ? value : fallback;
  };
  return {
    depth: read('train-depth', PAPER_SETUP.depth),
    width: read('train-width', PAPER_SETUP.width),
    batch: read('train-batch', PAPER_SETUP.batch),
    steps: read('train-steps', PAPER_SETUP.steps),
    warmup: PAPER_SETUP.warmup,
  };
}

async function runTrain(setup: TrainSetup): Promise<void> {
  trainButton.disabled = true;
  document.body.dataset.trainState = 'running';
  try {
    const results = await runTrainBench(setup, (p) => {
      trainProgress.textContent = `${Math.floor((100 * p.done) / p.total)}%: ${p.label}`;
    });
    trainProgress.textContent = 'Done.';
    renderTrain(results, setup);
    document.body.dataset.trainState = 'done';
  } catch (error) {
    showError(`The training-step measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.trainState = 'failed';
  } finally {
    trainButton.disabled = false;
  }
}

async function start(): Promise<void> {
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
  const info = describeAdapter(adapter);
  const device = await adapter.requestDevice({ label: 'webgpu-mish demo figures' });
  device.lost.then((lost) => {
    if (lost.reason !== 'destroyed') showError(`The WebGPU device was lost (${lost.reason}): ${lost.message}. Reload the page.`);
  });
  device.addEventListener('uncapturederror', (event) => {
    showError(`WebGPU reported an error: ${(event as GPUUncapturedErrorEvent).error.message}`);
  });
  banner.textContent =
    `Adapter: ${info.vendor || '?'} / ${info.architecture || '?'}${info.description ? ` (${info.description})` : ''}` +
    `${info.isFallbackAdapter ? ', a software (fallback) adapter' : ''}; timestamp-query ` +
    `${adapter.features.has('timestamp-query') ? 'available' : 'unavailable (CPU timing)'}`;

  const sizeBox = element<HTMLFieldSetElement>('sizes');
  for (const n of SIZES) {
    const label = document.createElement('label');
    label.innerHTML = `<input type="checkbox" value="${n}" ${DEFAULT_SIZES.has(n) ? 'checked' : ''}/> 2<sup>${Math.log2(n)}</sup>`;
    sizeBox.appendChild(label);
  }
  const query = new URLSearchParams(location.search);
  if (query.has('quick')) {
    for (const box of sizeBox.querySelectorAll('input')) box.checked = Number(box.value) === 2 ** 16;
    element<HTMLInputElement>('reps').value = '3';
    element<HTMLInputElement>('train-depth').value = String(QUICK_TRAIN_SETUP.depth);
    element<HTMLInputElement>('train-width').value = String(QUICK_TRAIN_SETUP.width);
    element<HTMLInputElement>('train-batch').value = String(QUICK_TRAIN_SETUP.batch);
    element<HTMLInputElement>('train-steps').value = String(QUICK_TRAIN_SETUP.steps);
  }

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
    void run();
  });
  element<HTMLFormElement>('train-controls').addEventListener('submit', (event) => {
    event.preventDefault();
    void runTrain(trainSetupFromForm());
  });
  if (query.has('autorun')) {
    await run();
    await runTrain(query.has('quick') ? QUICK_TRAIN_SETUP : trainSetupFromForm());
  }
}

async function run(): Promise<void> {
  const sizes = [...element('sizes').querySelectorAll('input')].filter((box) => box.checked).map((box) => Number(box.value));
  if (sizes.length === 0) {
    progress.textContent = 'Choose at least one size.';
    return;
  }
  runButton.disabled = true;
  document.body.dataset.state = 'running';
  try {
    const report = await runBench({
      sizes,
      reps: Number(element<HTMLInputElement>('reps').value) || 10,
      tfjs: element<HTMLInputElement>('tfjs').checked,
      onProgress: (p) => {
        progress.textContent = `${Math.floor((100 * p.done) / p.total)}%: ${p.label}`;
      },
    });
    progress.textContent = 'Done.';
    element('summary').textContent =
      `${describeRun(report).replace('\n', '; ')}. Per-call CPU overhead: ${report.overheadUs.toFixed(1)} µs ` +
      `(recorded into an encoder ${report.recordUs.toFixed(1)} µs; empty submit ${report.submitFloorUs.toFixed(1)} µs).`;
    renderTable(report);
    renderCharts(report);
    document.body.dataset.state = 'done';
  } catch (error) {
    showError(`The measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.state = 'failed';
  } finally {
    runButton.disabled = false;
  }
}

start().catch((error: unknown) => showError(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`));
