/** The training-step report as text: the table `npm run bench -- --train` prints and the targets on the run. */
import { formatTable } from '../table.js';
import { roundRatioTarget, type Target, verdict } from '../targets.js';
import { median } from '../timing/stats.js';
import { PAPER_SETUP, type TrainResult, type TrainSetup } from './setup.js';

/** Median over rounds of a/b, where a[i] and b[i] ran in the same round, side by side. */
export function pairedRatio(a: TrainResult, b: TrainResult): number {
  return median(a.timesMs.map((time, i) => time / (b.timesMs[i] as number)));
}

/**
 * The training-step targets of this package on one run: each with its figure and whether it holds. On a hardware
 * adapter they are about the whole step. On a software one the activation is about 1 % of the step (the rest is
 * matrix products run on the CPU), so a whole-step ratio says nothing about it: there the targets are about the
 * activation layers' own GPU time (forward and backward of every activation layer, TF.js kernel timestamps), and
 * TF.js's three-kernel Mish is held to 3× the fused one instead of 1.2×. Where that time was not measured (no
 * timestamps), a software run has no training target. Every ratio is the median over rounds of the two run side by
 * side, judged on its interquartile range; only at the paper's setting (PAPER_SETUP's depth, width and batch), where
 * they are stated.
 */
export function trainTargets(results: readonly TrainResult[], software: boolean, setup: TrainSetup): Target[] {
  const row = (kernel: TrainResult['kernel']): TrainResult | undefined => results.find((r) => r.kernel === kernel);
  const [relu, swish, tfjsMish, mish] = [row('relu'), row('swish'), row('tfjs-mish'), row('mish')];
  if (!relu || !swish || !tfjsMish || !mish) return [];
  const judged = setup.depth === PAPER_SETUP.depth && setup.width === PAPER_SETUP.width && setup.batch === PAPER_SETUP.batch;
  if (!software) {
    return [
      roundRatioTarget('fused Mish step <= 1.10 x ReLU step', mish.timesMs, relu.timesMs, { most: 1.1 }, judged),
      roundRatioTarget('fused Mish step <= Swish step', mish.timesMs, swish.timesMs, { most: 1 }, judged),
      roundRatioTarget("TF.js's built-in Mish step >= 1.2 x fused Mish step", tfjsMish.timesMs, mish.timesMs, { least: 1.2 }, judged),
    ];
  }
  const [reluMs, swishMs, tfjsMs, mishMs] = [relu.activationTimesMs, swish.activationTimesMs, tfjsMish.activationTimesMs, mish.activationTimesMs];
  if (reluMs === null || swishMs === null || tfjsMs === null || mishMs === null) return [];
  return [
    roundRatioTarget('fused Mish activation GPU time <= 1.10 x ReLU', mishMs, reluMs, { most: 1.1 }, judged),
    roundRatioTarget('fused Mish activation GPU time <= Swish', mishMs, swishMs, { most: 1 }, judged),
    roundRatioTarget("TF.js's built-in Mish activation GPU time >= 3 x fused Mish", tfjsMs, mishMs, { least: 3 }, judged),
  ];
}

/** The training-step table: medians and spread, ratios of steps run side by side, the activation's own GPU time. */
export function formatTrainTable(results: readonly TrainResult[], setup: TrainSetup, software: boolean): string {
  const byKernel = (kernel: TrainResult['kernel']): TrainResult | undefined => results.find((r) => r.kernel === kernel);
  const ratio = (r: TrainResult, kernel: TrainResult['kernel']): string => {
    const base = byKernel(kernel);
    return base === undefined ? '-' : pairedRatio(r, base).toFixed(3);
  };
  const header = ['activation', 'median ms', 'min ms', 'max ms', 'steps', '×ReLU', '×Swish', '×fused Mish', 'activation GPU ms', 'share'];
  const rows = results.map((r) => [
    r.kernel,
    r.medianMs.toFixed(0),
    r.minMs.toFixed(0),
    r.maxMs.toFixed(0),
    String(r.steps),
    ratio(r, 'relu'),
    ratio(r, 'swish'),
    ratio(r, 'mish'),
    r.activationMs === null ? '-' : r.activationMs.toFixed(1),
    r.activationMs === null ? '-' : `${((100 * r.activationMs) / r.medianMs).toFixed(1)} %`,
  ]);
  const targets = trainTargets(results, software, setup).map((t) => `  ${t.target}: ${verdict(t)}`);
  return [
    `training step: 784 -> ${setup.depth} x [dense ${setup.width}, BatchNorm, activation, dropout 0.25] -> dense 10 ` +
      `softmax; SGD; batch ${setup.batch}; random data; ${setup.warmup} warm-up and ${setup.steps} timed steps per ` +
      'activation, interleaved',
    'ratios: median over rounds of the two steps run side by side; activation GPU ms: the activation layers alone ' +
      `(${setup.depth} x forward + backward at [${setup.batch}, ${setup.width}], TF.js kernel timestamps), the four in turn, in rounds`,
    formatTable(header, rows),
    ...(targets.length > 0
      ? [
          `targets on this run (${software ? 'software adapter: the activation layers' : 'hardware adapter: the whole step'}; judged at the paper's depth ${PAPER_SETUP.depth}, width ${PAPER_SETUP.width}, batch ${PAPER_SETUP.batch}):`,
          ...targets,
        ]
      : []),
  ].join('\n');
}
