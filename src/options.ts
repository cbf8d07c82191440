/**
 * Option keys checked against the names a function takes: plain JavaScript passes a misspelt option (`xoffset`,
 * `count`) silently, and the call would run over the whole buffer. The error names the nearest valid key.
 */

/** Edit distance between a and b (insertions, deletions, substitutions; case counts as one edit at most). */
function distance(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return a === b ? 0 : 1;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The valid name nearest to `key`, if one is near enough to be what was meant. */
function nearestName(key: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const name of names) {
    const d = distance(key, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Throws a TypeError for the first key of `given` that is not in `names`: `${fn}: no option 'xoffset' in ${what};
 * did you mean 'xOffset'? (the options are …)`.
 */
export function checkOptionKeys(fn: string, what: string, given: object, names: ReadonlySet<string>): void {
  for (const key in given) {
    if (names.has(key)) continue;
    const near = nearestName(key, [...names]);
    throw new TypeError(
      `${fn}: no option '${key}' in ${what}${near === undefined ? '' : `; did you mean '${near}'?`} (the options are ${[...names].join(', ')})`,
    );
  }
}
