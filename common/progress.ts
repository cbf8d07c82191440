/**
 * Node side: a progress line for long runs: a line that rewrites itself on a terminal, one line every 10 % in a
 * log (CI).
 */
export interface Progress {
  done: number;
  total: number;
  label: string;
}

export function progressPrinter<P>(describe: (progress: P) => { percent: number; line: string }): (progress: P) => void {
  const interactive = process.stderr.isTTY;
  const started = Date.now();
  let lastPercent = -10;
  return (progress) => {
    const { percent, line } = describe(progress);
    const text = `[${String(percent).padStart(3)}%  ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`;
    if (interactive) process.stderr.write(`\r\x1b[K${text}${percent >= 100 ? '\n' : ''}`);
    else if (percent >= lastPercent + 10 || percent >= 100) {
      process.stderr.write(`${text}\n`);
      lastPercent = percent;
    }
  };
}

/** Done of total as a percentage and the label, for progress reports of that shape. */
export function describeProgress(progress: Progress): { percent: number; line: string } {
  return { percent: Math.floor((100 * progress.done) / Math.max(1, progress.total)), line: progress.label };
}
