/**
 * The fuzz's commands, for fast-check's model-based runs (fc.commands, fc.asyncModelRun): a call, a burst of many
 * calls into the open encoder, a submit of the open encoder, and a readback of every buffer judged against the
 * model. Calls recorded into the open encoder run, in the model as on the GPU, when it is submitted, after every
 * call made without an encoder in the meantime.
 */
import fc from 'fast-check';
import { randomBits } from '../../support/inputs.js';
import { readBuffers } from '../../../common/read-buffer.js';
import type { Lib } from '../f32-cases.js';
import {
  applyCall,
  BUFFER_ELEMENTS,
  describeCall,
  FORMATS,
  makeCall,
  type RawCall,
  rawCall,
  type RawOperand,
  BINDING_ALIGNMENT_BYTES,
  type ResolvedCall,
  resolveCall,
} from './calls.js';
import type { ModelBuffer } from './model.js';

/** The model: the buffers' expected contents, and the calls recorded into the open encoder, not yet submitted. */
export interface FuzzModel {
  readonly buffers: Record<(typeof FORMATS)[number], ModelBuffer[]>;
  pending: ResolvedCall[];
}

/** The distinct calls recorded into the open encoder, per output buffer (format and index). */
const pendingRanges = new WeakMap<FuzzReal, Map<string, Set<string>>>();

export interface FuzzReal {
  readonly lib: Lib;
  readonly gpu: GPUDevice;
  readonly buffers: Record<(typeof FORMATS)[number], GPUBuffer[]>;
  encoder: GPUCommandEncoder | undefined;
  /**
   * Kernel calls made, rejected ones included; rejected calls; accepted calls whose every operand sits at a
   * binding boundary (calls that can bind their buffers exactly over the range); the most calls one encoder held;
   * the most distinct calls (kernel, operands, length) writing one buffer that one encoder held (past the plans
   * kept per buffer, PLANS_PER_BUFFER, the package forgets plans an open encoder still uses).
   */
  stats: { calls: number; rejected: number; atBoundaries: number; largestEncoder: number; mostRangesOfOneBuffer: number };
}

type Command = fc.AsyncCommand<FuzzModel, FuzzReal>;

function record(model: FuzzModel, real: FuzzReal, call: ResolvedCall): void {
  let encoder: GPUCommandEncoder | undefined;
  if (call.encoder) {
    real.encoder ??= real.gpu.createCommandEncoder({ label: 'webgpu-mish fuzz encoder' });
    encoder = real.encoder;
  }
  const error = makeCall(real.lib, real.gpu, real.buffers[call.format], call, encoder);
  real.stats.calls++;
  if (call.rejection !== null) {
    real.stats.rejected++;
    const reason = call.rejection === 'past-end' ? /holds \d+ \w+ elements/ : /ranges overlap without coinciding/;
    if (!(error instanceof RangeError) || !reason.test(error.message)) {
      throw new Error(`${describeCall(call)} must throw a RangeError matching ${reason}; it ${error === null ? 'did not throw' : `threw ${error}`}`);
    }
    return;
  }
  if (error !== null) throw new Error(`${describeCall(call)} threw ${error}`);
  if (call.operands.every((o) => (o.offset * (call.format === 'f32' ? 4 : 2)) % BINDING_ALIGNMENT_BYTES === 0)) real.stats.atBoundaries++;
  if (call.encoder) {
    model.pending.push(call);
    real.stats.largestEncoder = Math.max(real.stats.largestEncoder, model.pending.length);
    let byBuffer = pendingRanges.get(real);
    if (byBuffer === undefined) {
      byBuffer = new Map();
      pendingRanges.set(real, byBuffer);
    }
    const out = call.operands[call.operands.length - 1] as ResolvedCall['operands'][number];
    const buffer = `${call.format} #${out.buffer}`;
    const ranges = byBuffer.get(buffer) ?? new Set<string>();
    byBuffer.set(buffer, ranges.add(describeCall(call)));
    real.stats.mostRangesOfOneBuffer = Math.max(real.stats.mostRangesOfOneBuffer, ranges.size);
  } else {
    applyCall(model.buffers[call.format], call);
  }
}

class CallCommand implements Command {
  private readonly call: ResolvedCall;
  constructor(raw: RawCall) {
    this.call = resolveCall(raw);
  }
  check(): boolean {
    return true;
  }
  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    record(model, real, this.call);
  }
  toString(): string {
    return describeCall(this.call);
  }
}

/** Random ranges within the canaries, of lengths 0 to 63: many distinct plans, few elements. */
function burstCall(next: () => number): RawCall {
  const operand = () => ({
    buffer: next() % BUFFER_ELEMENTS.length,
    offset: next() % BUFFER_ELEMENTS[2],
    alignment: (['any', 'vector', 'binding'] as const)[next() % 3] as RawOperand['alignment'],
  });
  return {
    kernel: next() % 6,
    format: next() % FORMATS.length,
    x: operand(),
    dy: operand(),
    out: operand(),
    inPlace: (['none', 'x', 'dy'] as const)[next() % 3] as 'none' | 'x' | 'dy',
    length: next() % 64,
    lengthMode: next() % 16 === 0 ? 'past-end' : 'fit',
    encoder: true,
  };
}

class BurstCommand implements Command {
  constructor(
    private readonly count: number,
    private readonly seed: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const next = randomBits(this.seed);
    for (let i = 0; i < this.count; i++) record(model, real, resolveCall(burstCall(next)));
  }
  toString(): string {
    return `burst of ${this.count} calls into the open encoder (seed ${this.seed})`;
  }
}

export async function submit(model: FuzzModel, real: FuzzReal): Promise<void> {
  if (real.encoder !== undefined) real.gpu.queue.submit([real.encoder.finish()]);
  real.encoder = undefined;
  pendingRanges.delete(real);
  for (const call of model.pending) applyCall(model.buffers[call.format], call);
  model.pending = [];
}

class SubmitCommand implements Command {
  check(): boolean {
    return true;
  }
  run(model: FuzzModel, real: FuzzReal): Promise<void> {
    return submit(model, real);
  }
  toString(): string {
    return 'submit the open encoder';
  }
}

/** Every word of every buffer against the model (calls still in the open encoder have not run). */
export async function readBack(model: FuzzModel, real: FuzzReal): Promise<void> {
  const problems: string[] = [];
  const buffers = FORMATS.flatMap((format) => real.buffers[format].map((buffer, b) => ({ format, buffer, b })));
  const contents = await readBuffers(
    real.gpu,
    buffers.map(({ buffer }) => buffer),
    'webgpu-mish fuzz readback',
  );
  buffers.forEach(({ format, b }, k) => {
    const words = contents[k] as Float32Array;
    const got = format === 'f32' ? new Uint32Array(words.buffer) : new Uint16Array(words.buffer);
    const expected = model.buffers[format][b] as ModelBuffer;
    for (let e = 0; e < expected.elements; e++) {
      const problem = expected.judge(e, got[e] as number);
      if (problem !== null && problems.length < 8) problems.push(`${format} buffer #${b}, element ${e}: ${problem}`);
    }
  });
  if (problems.length > 0) throw new Error(`buffers differ from the model:\n  ${problems.join('\n  ')}`);
}

class ReadBackCommand implements Command {
  check(): boolean {
    return true;
  }
  run(model: FuzzModel, real: FuzzReal): Promise<void> {
    return readBack(model, real);
  }
  toString(): string {
    return 'read every buffer back and compare';
  }
}

/** The commands of one run: mostly single calls; bursts of up to `maxBurst` calls; submits; readbacks. */
export function fuzzCommands(maxBurst: number): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 12, arbitrary: rawCall.map((raw): Command => new CallCommand(raw)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: maxBurst }), fc.nat()).map(([count, seed]): Command => new BurstCommand(count, seed)) },
    { weight: 3, arbitrary: fc.constant<Command>(new SubmitCommand()) },
    { weight: 2, arbitrary: fc.constant<Command>(new ReadBackCommand()) },
  );
}
