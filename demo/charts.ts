/** Chart.js charts of the demo: lines (optionally on a log₂ axis of element counts) and bars. */
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import { element } from './page.js';

Chart.register(...registerables);

/** One colour per kernel or activation, the same in every chart. */
export const COLORS: Record<string, string> = {
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
  'copy-buffer': '#000000',
  'naive-copy': '#aec7e8',
  'naive-mish': '#ff9896',
};

const charts = new Map<string, Chart>();

function drawChart(id: string, config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>): void {
  charts.get(id)?.destroy();
  charts.set(id, new Chart(element<HTMLCanvasElement>(id), config as ChartConfiguration));
}

export interface Series {
  label: string;
  points: Array<{ x: number; y: number | null }>;
  color: string;
  width?: number;
  dash?: number[];
}

const LEGEND = { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } } as const;

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 2 to an integer power, written 2¹⁶. */
function powerOfTwo(exponent: number): string {
  return `2${[...String(exponent)].map((digit) => SUPERSCRIPTS[Number(digit)] ?? digit).join('')}`;
}

/**
 * A line chart on linear axes; with `log2x`, x values are element counts, drawn at log₂ of the count with a tick at
 * every power of two (2¹⁶ … 2²⁴). `points` marks every data point.
 */
export function lineChart(id: string, series: Series[], axes: { x: string; y: string; log2x?: boolean; points?: boolean }): void {
  const x = (value: number): number => (axes.log2x ? Math.log2(value) : value);
  drawChart(id, {
    type: 'line',
    data: {
      datasets: series.map((s) => ({
        label: s.label,
        data: s.points.map((p) => ({ x: x(p.x), y: p.y })),
        borderColor: s.color,
        backgroundColor: s.color,
        borderWidth: s.width ?? 1.5,
        borderDash: s.dash ?? [],
        pointRadius: axes.log2x || axes.points ? 3 : 0,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: LEGEND },
      scales: {
        x: axes.log2x
          ? {
              type: 'linear',
              title: { display: true, text: axes.x },
              ticks: { stepSize: 1, callback: (value) => (Number.isInteger(Number(value)) ? powerOfTwo(Number(value)) : '') },
            }
          : { type: 'linear', title: { display: true, text: axes.x }, ...(axes.points ? { ticks: { stepSize: 1 } } : {}) },
        y: { title: { display: true, text: axes.y } },
      },
    },
  });
}

/** A bar per label: `bars` as bars, `ranges` (optional) as thin floating bars beside them. */
export function barChart(
  id: string,
  labels: string[],
  colors: string[],
  bars: { label: string; values: Array<number | null> },
  yTitle: string,
  ranges?: { label: string; values: Array<[number, number]> },
): void {
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
      plugins: { legend: LEGEND },
      scales: { y: { title: { display: true, text: yTitle }, beginAtZero: true } },
    },
  } as ChartConfiguration<'bar'>);
}
