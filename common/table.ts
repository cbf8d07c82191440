/** Plain-text tables as the CLIs print them: padded columns, a rule under the header, blank lines between groups. */

export interface TableOptions {
  /** Columns (by index) whose cells are padded on the right; the others are right-aligned, as numbers are. */
  left?: readonly number[];
  /** Rows whose value of this function differs from the previous row's start a new group (a blank line before). */
  group?: (row: readonly string[]) => string;
}

export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions = {}): string {
  const left = new Set(options.left ?? [0]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previous: string | undefined;
  for (const row of rows) {
    const group = options.group?.(row);
    if (previous !== undefined && group !== previous) out.push('');
    previous = group;
    out.push(line(row));
  }
  return out.join('\n');
}
