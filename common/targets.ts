/**
 * The targets the bench judges (kernel rows, the training step, the converted models): each with its figure, and a
 * verdict only where the run is the one the target is stated for (else "not judged at this size"); one verdict line
 * for the run. A figure measured in rounds carries its spread, and is called held or missed only when the whole
 * spread lies on one side of the bound ("undecided" otherwise: another run could go either way).
 */
import { median, quantile } from './timing/stats.js';

export interface Target {
  readonly target: string;
  /** The measured figure, or null where its rows were not measured (TF.js rows in Node, say). */
  readonly value: number | null;
  /** '×' for ratios, ' µs' for times, '' for relative differences (shown in exponent form), or a word after a count. */
  readonly unit: string;
  /**
   * Whether it holds; 'undecided' where its spread straddles the bound; null where this run is not the setting the
   * target is stated for.
   */
  readonly holds: boolean | 'undecided' | null;
  /** Why a target with `holds` null is not judged, where not because of the run's size or setting. */
  readonly why?: string;
  /**
   * Where the figure comes from rounds: its spread (`low`–`high`: the interquartile range of per-round figures, or the
   * middle 95 % of the figure over resamples of the rounds, as `label` says), and the rounds.
   */
  readonly spread?: { readonly low: number; readonly high: number; readonly label: 'IQR' | '95 %'; readonly rounds: number };
}

/** The verdict of a figure measured in rounds against `bound`: from its spread (low–high), not the figure alone. */
export function judgeSpread(bound: { most: number } | { least: number }, low: number, high: number): boolean | 'undecided' {
  const [inside, beyond] = 'most' in bound ? [high <= bound.most, low > bound.most] : [low >= bound.least, high < bound.least];
  return inside ? true : beyond ? false : 'undecided';
}

/**
 * A ratio measured round by round (a[i] and b[i] ran in the same round, side by side, as the model and training
 * benches run their forms): the median of the per-round ratios, with their interquartile range, judged on that
 * range (judged: false where the run is not the setting the target is stated for).
 */
export function roundRatioTarget(
  target: string,
  a: readonly number[],
  b: readonly number[],
  bound: { most: number } | { least: number },
  judged = true,
): Target {
  const ratios = a.slice(0, b.length).map((value, i) => value / (b[i] as number));
  const [q1, q3] = [quantile(ratios, 0.25), quantile(ratios, 0.75)];
  return {
    target,
    value: median(ratios),
    unit: '×',
    holds: judged ? judgeSpread(bound, q1, q3) : null,
    spread: { low: q1, high: q3, label: 'IQR', rounds: ratios.length },
  };
}

/** A figure as the verdicts show it: `1.032×`, `2.4 µs`, `1.2e-6`. */
function figure(value: number, unit: string): string {
  if (unit === '') return value.toExponential(1);
  if (unit === '×') return `${value.toFixed(value < 10 ? 3 : 2)}×`;
  if (unit === ' µs') return `${value.toFixed(1)} µs`;
  return `${value}${unit}`;
}

/** The figure and the verdict of one target: `1.032× (holds)`, `1.049× [95 % 1.041–1.058, 12 rounds] (undecided: …)`. */
export function verdict(t: Target): string {
  if (t.value === null) return 'not measured in this run';
  const spread =
    t.spread === undefined
      ? ''
      : ` [${t.spread.label} ${figure(t.spread.low, t.unit).replace(/×$/, '')}–${figure(t.spread.high, t.unit)}, ${t.spread.rounds} round${t.spread.rounds === 1 ? '' : 's'}]`;
  const word =
    t.holds === null
      ? (t.why ?? 'not judged at this size')
      : t.holds === 'undecided'
        ? 'undecided: the spread straddles the bound'
        : t.holds
          ? 'holds'
          : 'missed';
  return `${figure(t.value, t.unit)}${spread} (${word})`;
}

/** The targets judged and missed in this run. */
export function missedTargets(targets: readonly Target[]): Target[] {
  return targets.filter((t) => t.value !== null && t.holds === false);
}

/** One line for the whole run. */
export function verdictLine(targets: readonly Target[]): string {
  const judged = targets.filter((t) => t.value !== null && t.holds !== null);
  const missed = missedTargets(targets);
  const undecided = judged.filter((t) => t.holds === 'undecided');
  if (judged.length === 0) return 'verdict: no target is judged in this run (none is stated for its sizes and settings)';
  const held = judged.length - missed.length - undecided.length;
  const parts = [`${held} of ${judged.length} judged targets hold`];
  if (missed.length > 0) parts.push(`${missed.length} missed: ${missed.map((t) => t.target).join('; ')}`);
  if (undecided.length > 0) parts.push(`${undecided.length} undecided (the spread straddles the bound): ${undecided.map((t) => t.target).join('; ')}`);
  return missed.length === 0 && undecided.length === 0 ? `verdict: all ${judged.length} judged targets hold` : `verdict: ${parts.join('; ')}`;
}
