/**
 * The kernel timing harness, shared by `npm run bench` (headless Chrome) and the demo page. Runs in a browser.
 *
 * Method: pipelines built and buffers filled before timing; two warm-up measurements per row; every repetition
 * visits all rows round-robin (starting one row later each time) so that slow drift of a shared machine spreads
 * over all rows alike; a measurement records `dispatches` back-to-back calls (more for small sizes, whose single
 * dispatch is too short to time) and reports the time per call (timer.ts says how it is timed). At TARGET_ELEMENTS the
 * judged ratios are then measured in rounds of their two rows side by side, taking turns over devices that compile
 * them anew (pairs.ts): the table shows every row, the targets are judged from the rounds.
 */
import { describeAdapter, isSoftwareAdapter } from '../adapter.js';
import { measureOverhead, OVERHEAD_CALLS } from './overhead.js';
import { getTiling, setTiling, tilingName } from '../../src/index.js';
import { standaloneRows } from '../standalone.js';
import { makeRowBuffers, rowsFor, tilingRows } from './rows.js';
import { ratioTargets, TARGET_ELEMENTS } from './kernel-targets.js';
import { COMPILATIONS, measurePairs, type RowSet } from './pairs.js';
import { summarize, withRatios } from './stats.js';
import type { OrtRows } from './ort-rows.js';
import type { TfjsRows } from './tfjs-rows.js';
import { Timer } from './timer.js';
import type { BenchOptions, BenchReport, BenchResult, PairResult, Row, RowBuffers } from './types.js';

const WARMUP = 2;
/** Aim for at least this much work per measurement: 2²⁰ elements. */
const ELEMENTS_PER_MEASUREMENT = 2 ** 20;
const MAX_DISPATCHES = 16;

async function requestBenchDevice(largest: number): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  if (!('gpu' in navigator)) throw new Error('WebGPU is not available in this browser (navigator.gpu is missing)');
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) throw new Error('WebGPU is available but the browser offered no adapter');
  const bytes = largest * 4;
  if (bytes > adapter.limits.maxStorageBufferBindingSize || bytes > adapter.limits.maxBufferSize) {
    throw new Error(`${largest} elements need ${bytes}-byte buffers; this adapter allows ${adapter.limits.maxBufferSize}`);
  }
  // The WebGPU defaults (128 MiB bindings, 256 MiB buffers) unless a size needs more.
  const limit = (name: 'maxStorageBufferBindingSize' | 'maxBufferSize', fallback: number): number => Math.min(adapter.limits[name], Math.max(bytes, fallback));
  const device = await adapter.requestDevice({
    label: 'webgpu-mish bench',
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: limit('maxStorageBufferBindingSize', 2 ** 27),
      maxBufferSize: limit('maxBufferSize', 2 ** 28),
    },
  });
  return { adapter, device };
}

/** Runs the whole measurement. Throws with a readable message where WebGPU or an adapter is missing. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const sizes = [...options.sizes].sort((p, q) => p - q);
  const reps = Math.max(1, Math.floor(options.reps));
  const { adapter, device } = await requestBenchDevice(sizes[sizes.length - 1] ?? 1);
  // A pipeline or dispatch WebGPU refuses would be timed as if it ran: any such error ends the run.
  const gpuErrors: string[] = [];
  const watch = (watched: GPUDevice): void =>
    watched.addEventListener('uncapturederror', (event) => gpuErrors.push((event as GPUUncapturedErrorEvent).error.message));
  watch(device);
  const checkErrors = (): void => {
    if (gpuErrors.length > 0) throw new Error(`WebGPU reported an error, so no timing of this run would mean anything: ${gpuErrors[0]}`);
  };
  const timer = new Timer(device);
  // The devices the judged rows are compiled on again (pairs.ts), with their timers and buffers, while they are measured.
  const others: Array<{ adapter: GPUAdapter; device: GPUDevice; timer: Timer; buffers: RowBuffers }> = [];
  const releaseOthers = (): void => {
    for (const other of others.splice(0)) {
      other.timer.destroy();
      for (const buffer of Object.values(other.buffers)) buffer.destroy();
      other.device.destroy();
    }
  };
  // Loaded only when wanted: Node (the bench's --runtime node) runs without TF.js.
  const tfjs: TfjsRows | null =
    options.tfjs === false ? null : await (await import('./tfjs-rows.js')).startTfjs(options.tilings === undefined ? COMPILATIONS : 1);
  // On the bench's own device, so that it reads and writes the same buffers as the package's rows.
  const ort: OrtRows | null = options.ort === true ? await (await import('./ort-rows.js')).startOrt(device) : null;
  const samples = new Map<string, { row: Row; elements: number; dispatches: number; times: number[] }>();
  const pairs: PairResult[] = [];
  const judgedRatios = options.tilings === undefined ? ratioTargets(isSoftwareAdapter(describeAdapter(adapter)), getTiling(device)) : [];
  // The rule's choice for this adapter, before the sweep (if any) sets its own.
  const tiling = getTiling(device);
  // Set from the first size's rows, before the first progress report.
  let total = 0;
  let done = 0;
  const progress = (label: string): void => options.onProgress?.({ done, total, label });

  try {
    for (const elements of sizes) {
      const { buffers, xs } = makeRowBuffers(device, elements);
      const rows =
        options.tilings === undefined
          ? rowsFor(device, buffers, elements)
          : [...options.tilings.flatMap((t) => tilingRows(device, buffers, elements, t)), ...standaloneRows(device, buffers, elements)];
      if (tfjs) rows.push(...(await tfjs.rows(xs)));
      // ONNX Runtime Web takes one device per page (the bench's first): its row is the same on every device below.
      const ortRows = ort === null ? [] : await ort.rows(buffers.x, buffers.y, xs);
      rows.push(...ortRows);
      total ||= sizes.length * rows.length * (reps + WARMUP);
      const dispatches = Math.min(MAX_DISPATCHES, Math.max(1, Math.round(ELEMENTS_PER_MEASUREMENT / elements)));
      const measureWith =
        (on: Timer) =>
        async (row: Row): Promise<number | null> => {
          if (row.time) return row.time(dispatches);
          const ms = await on.measure(Array.from({ length: dispatches }, () => row.steps ?? []).flat());
          return ms === null ? null : ms / dispatches;
        };
      const measure = measureWith(timer);
      // At TARGET_ELEMENTS the rows of the judged ratios are measured in their rounds (below) rather than here.
      const judged = elements === TARGET_ELEMENTS ? judgedRatios : [];
      const inPairs = (row: Row): boolean => judged.some((t) => t.pass === row.pass && (t.numerator === row.kernel || t.denominator === row.kernel));
      const key = (row: Row): string => `${row.kernel}|${row.pass}|${elements}|${row.tiling === undefined ? '' : tilingName(row.tiling)}`;
      // In the rows' order, whichever is measured first.
      for (const row of rows) samples.set(key(row), { row, elements, dispatches, times: [] });
      const record = (row: Row, ms: number): void => void samples.get(key(row))?.times.push(ms);
      for (let rep = -WARMUP; rep < reps; rep++) {
        for (let k = 0; k < rows.length; k++) {
          const row = rows[(k + Math.max(rep, 0)) % rows.length] as Row;
          if (rep >= 0 && inPairs(row)) continue;
          progress(`${row.kernel} ${row.pass}, ${elements} elements, ${rep < 0 ? 'warm-up' : `rep ${rep + 1}/${reps}`}`);
          let ms = await measure(row);
          if (ms === null) ms = await measure(row);
          done++;
          if (rep >= 0 && ms !== null) record(row, ms);
        }
      }
      if (judged.length > 0) {
        // Progress counts the rounds that may still come, and the sizes after this one.
        const later = (sizes.length - 1 - sizes.indexOf(elements)) * rows.length * (reps + WARMUP);
        const sets: RowSet[] = [{ rows, measure }];
        for (let k = 1; k < COMPILATIONS; k++) {
          progress(`judged rows compiled on device ${k + 1} of ${COMPILATIONS}`);
          // The adapter is kept with its device: Deno's WebGPU fails once an adapter in use has been collected.
          const { adapter: keptAdapter, device: again } = await requestBenchDevice(elements);
          watch(again);
          const other = { adapter: keptAdapter, device: again, timer: new Timer(again), buffers: makeRowBuffers(again, elements).buffers };
          others.push(other);
          // TF.js's rows too, on its twin backend k; ONNX Runtime Web's, compiled once, against each device's Mish.
          const compiled = [...rowsFor(again, other.buffers, elements), ...(tfjs !== null && k < tfjs.backends ? await tfjs.rows(xs, k) : [])].filter(inPairs);
          const measureHere = measureWith(other.timer);
          // Warm-up for what this device compiled (ONNX Runtime's row is warm from the first device).
          for (let rep = 0; rep < WARMUP; rep++) for (const row of compiled) await measureHere(row);
          sets.push({ rows: [...compiled, ...ortRows.filter(inPairs)], measure: measureHere });
        }
        const measured = await measurePairs(judged, sets, (label, roundsLeft) => {
          total = done + roundsLeft + later;
          progress(label);
          done++;
        });
        total = done + later;
        releaseOthers();
        pairs.push(...measured);
        // The table's figures of these rows: every measurement of their rounds.
        for (const pair of measured) {
          const find = (kernel: string) => rows.find((r) => r.kernel === kernel && r.pass === pair.pass) as Row;
          for (const round of pair.rounds) {
            for (const ms of round.a) record(find(pair.numerator), ms);
            for (const ms of round.b) record(find(pair.denominator), ms);
          }
        }
      }
      await device.queue.onSubmittedWorkDone();
      checkErrors();
      tfjs?.release();
      for (const buffer of Object.values(buffers)) buffer.destroy();
    }
    progress('per-call overhead');
    setTiling(device, 'auto');
    const overhead = await measureOverhead(device);
    const results: BenchResult[] = withRatios(
      [...samples.values()]
        .filter((entry) => entry.times.length > 0)
        .map(({ row, elements, dispatches, times }) => summarize(row, elements, dispatches, times)),
    );
    return {
      adapter: describeAdapter(adapter),
      tiling,
      timer: timer.kind,
      tfjsTimer: tfjs?.timer() ?? null,
      ortTimer: ort === null ? null : 'CPU time from session.run to onSubmittedWorkDone',
      results,
      pairs,
      ...overhead,
      overheadCalls: OVERHEAD_CALLS,
    };
  } finally {
    releaseOthers();
    timer.destroy();
    tfjs?.dispose();
    await ort?.release();
    device.destroy();
  }
}
