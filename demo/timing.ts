/** The demo's kernel timing section: the bench harness on the visitor's adapter, a table and three charts. */
import { describeRun, KERNEL_COLUMNS, kernelCells, sortedResults } from '../common/timing/report.js';
import { runBench } from '../common/timing/run.js';
import type { BenchReport, BenchResult } from '../common/timing/types.js';
import { COLORS, lineChart, type Series } from './charts.js';
import { element, showError } from './page.js';

const SIZES = [16, 18, 20, 22, 24].map((k) => 2 ** k);
const DEFAULT_SIZES = new Set([2 ** 16, 2 ** 20]);

function renderTable(report: BenchReport): void {
  const table = element<HTMLTableElement>('results');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of KERNEL_COLUMNS) head.appendChild(document.createElement('th')).textContent = column;
  const body = table.createTBody();
  for (const r of sortedResults(report.results)) {
    const row = body.insertRow();
    if (r.kernel === 'mish') row.className = 'mish';
    for (const cell of kernelCells(r)) row.insertCell().textContent = cell;
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

/** Fills the size choices; `quick` checks 2¹⁶ only. */
export function setUpTiming(quick: boolean): void {
  const sizeBox = element<HTMLFieldSetElement>('sizes');
  for (const n of SIZES) {
    const label = document.createElement('label');
    label.innerHTML = `<input type="checkbox" value="${n}" ${DEFAULT_SIZES.has(n) ? 'checked' : ''}/> 2<sup>${Math.log2(n)}</sup>`;
    sizeBox.appendChild(label);
  }
  if (quick) {
    for (const box of sizeBox.querySelectorAll('input')) box.checked = Number(box.value) === 2 ** 16;
    element<HTMLInputElement>('reps').value = '3';
  }
}

/** Runs the bench at the chosen sizes; `document.body.dataset.state` says 'running', then 'done' or 'failed'. */
export async function runTiming(): Promise<void> {
  const sizes = [...element('sizes').querySelectorAll('input')].filter((box) => box.checked).map((box) => Number(box.value));
  const progress = element<HTMLSpanElement>('progress');
  const button = element<HTMLButtonElement>('run');
  if (sizes.length === 0) {
    progress.textContent = 'Choose at least one size.';
    return;
  }
  button.disabled = true;
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
    button.disabled = false;
  }
}
