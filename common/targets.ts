/**
 * The targets the bench judges (kernel rows, the training step, the converted models): each with its figure, and a
 * verdict only where the run is the one the target is stated for (else "not judged at this size"); one verdict line
 * for the run.
 */
export interface Target {
  readonly target: string;
  /** The measured figure, or null where its rows were not measured (TF.js rows in Node, say). */
  readonly value: number | null;
  /** '×' for ratios, ' µs' for times, '' for relative differences (shown in exponent form), or a word after a count. */
  readonly unit: string;
  /** Whether it holds; null where this run is not the setting the target is stated for. */
  readonly holds: boolean | null;
}

/** The figure and the verdict of one target: `1.032× (holds)`, `0.912× (not judged at this size)`. */
export function verdict(t: Target): string {
  if (t.value === null) return 'not measured in this run';
  const value =
    t.unit === '' ? t.value.toExponential(1) : t.unit === '×' ? `${t.value.toFixed(t.value < 10 ? 3 : 2)}×` : t.unit === ' µs' ? `${t.value.toFixed(1)} µs` : `${t.value}${t.unit}`;
  return `${value} (${t.holds === null ? 'not judged at this size' : t.holds ? 'holds' : 'missed'})`;
}

/** The targets judged and missed in this run. */
export function missedTargets(targets: readonly Target[]): Target[] {
  return targets.filter((t) => t.value !== null && t.holds === false);
}

/** One line for the whole run. */
export function verdictLine(targets: readonly Target[]): string {
  const judged = targets.filter((t) => t.value !== null && t.holds !== null);
  const missed = missedTargets(targets);
  if (judged.length === 0) return 'verdict: no target is judged in this run (none is stated for its sizes and settings)';
  if (missed.length === 0) return `verdict: all ${judged.length} judged targets hold`;
  return `verdict: ${missed.length} of ${judged.length} judged targets missed: ${missed.map((t) => t.target).join('; ')}`;
}
