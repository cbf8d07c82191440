/**
 * Runs in the page: the result of a case, with the first failures as a small table (index | input | got |
 * expected | error), the worst error seen, and the checks every case shares (canaries around the ranges).
 */

/** Failures listed in a report. */
const REPORTED_FAILURES = 8;

export interface CaseResult {
  checked: number;
  failures: number;
  report: string;
  /** Worst |got − expected| in ulps, and at which input (elements allowed a flushed zero left out). */
  worstUlp: number;
  worstUlpInput: number;
  worstAbs: number;
  worstAbsInput: number;
  /** Elements allowed a zero instead of their value (a subnormal WGSL lets the adapter flush). */
  flushed: number;
  gpuErrors: string[];
  milliseconds: number;
}

export class Report {
  private readonly rows: string[] = [];
  private readonly started = performance.now();
  checked = 0;
  failures = 0;
  worstUlp = 0;
  worstUlpInput = 0;
  worstAbs = 0;
  worstAbsInput = 0;
  flushed = 0;

  fail(index: number, line: string): void {
    this.failures++;
    if (this.rows.length < REPORTED_FAILURES) this.rows.push(`${String(index).padStart(10)} | ${line}`);
  }

  /** Keeps the worst relative and absolute error seen. */
  observe(input: number, error: number, ulp: number): void {
    if (error / ulp > this.worstUlp) Object.assign(this, { worstUlp: error / ulp, worstUlpInput: input });
    if (error > this.worstAbs) Object.assign(this, { worstAbs: error, worstAbsInput: input });
  }

  finish(gpuErrors: string[]): CaseResult {
    const header = '     index | input | got | expected | error';
    return {
      checked: this.checked,
      failures: this.failures,
      report: this.rows.length > 0 ? [header, ...this.rows].join('\n') : '',
      worstUlp: this.worstUlp,
      worstUlpInput: this.worstUlpInput,
      worstAbs: this.worstAbs,
      worstAbsInput: this.worstAbsInput,
      flushed: this.flushed,
      gpuErrors,
      milliseconds: performance.now() - this.started,
    };
  }
}

/** Every element outside the written ranges must still hold the canary bits. */
export function checkCanaries(
  report: Report,
  outBits: Uint32Array | Uint16Array,
  ranges: ReadonlyArray<{ offset: number; length: number }>,
  canary: number,
): void {
  const inRange = new Uint8Array(outBits.length);
  for (const { offset, length } of ranges) inRange.fill(1, offset, offset + length);
  for (let i = 0; i < outBits.length; i++) {
    if (inRange[i] === 0 && outBits[i] !== canary) {
      report.fail(i, `canary outside the range overwritten: 0x${(outBits[i] as number).toString(16)}`);
    }
  }
}
