/**
 * One fuzzed kernel call: drawn raw (small numbers that fast-check shrinks towards the simplest call), resolved
 * against the run's buffers into the arguments the call passes, with what the API must do with it: run, or
 * throw a RangeError (a range past its buffer, or a written range that partly overlaps a read one in the same
 * buffer) and record nothing. The same rules as README's API section, stated here without the package's code.
 */
import fc from 'fast-check';
import { TILINGS } from '../../../src/testing.js';

/** f32 elements one workgroup covers in the widest tiling a device can use (256 × 8 × 4 = 8 192). */
const ELEMENTS_PER_WORKGROUP = Math.max(...TILINGS.map((t) => t.workgroupSize * t.chunksPerInvocation * 4));
import { FUNCTIONS, type Lib } from '../f32-cases.js';
import { KERNELS, type ModelBuffer } from './model.js';

export const FORMATS = ['f32', 'f16', 'bf16'] as const;

/** Elements at each end of every buffer that no accepted call's range reaches: canaries. */
const CANARY_ELEMENTS = 8;

/**
 * The buffers of each format (elements, canaries included): small, one of a few vec4 blocks, and one of two
 * workgroups of the f32 tiling (ELEMENTS_PER_WORKGROUP, 8 192), so that ranges cross vector bodies, tails and
 * workgroups.
 */
export const BUFFER_ELEMENTS = [64, 1040, 2 * ELEMENTS_PER_WORKGROUP + 2 * CANARY_ELEMENTS] as const;

/**
 * The WebGPU default minStorageBufferOffsetAlignment, in bytes: where every operand sits at a multiple of it (and
 * operands in one buffer at the same offset), the vector bodies bind each buffer exactly over the range.
 */
export const BINDING_ALIGNMENT_BYTES = 256;

export interface RawOperand {
  readonly buffer: number;
  readonly offset: number;
  /**
   * 'vector': a multiple of 8 elements, which takes the vector bodies (vec4 for f32, eight 16-bit elements at a
   * time); 'binding': a multiple of BINDING_ALIGNMENT_BYTES (where the buffer has one past its canaries; else as
   * 'vector'), which can take the exactly bound vector bodies.
   */
  readonly alignment: 'any' | 'vector' | 'binding';
}

export interface RawCall {
  readonly kernel: number;
  readonly format: number;
  readonly x: RawOperand;
  readonly dy: RawOperand;
  readonly out: RawOperand;
  /** The output is x ('x') or dy ('dy') at the same offset, or a range of its own ('none'). */
  readonly inPlace: 'none' | 'x' | 'dy';
  readonly length: number;
  /** 'fit': clamped into every operand's buffer; 'past-end': one to eight elements past the shortest one. */
  readonly lengthMode: 'fit' | 'past-end';
  readonly encoder: boolean;
}

const operand = fc.record({
  buffer: fc.nat(BUFFER_ELEMENTS.length - 1),
  offset: fc.nat(BUFFER_ELEMENTS[2]),
  alignment: fc.constantFrom('any' as const, 'vector' as const, 'binding' as const),
});

export const rawCall: fc.Arbitrary<RawCall> = fc.record({
  kernel: fc.nat(KERNELS.length - 1),
  format: fc.nat(FORMATS.length - 1),
  x: operand,
  dy: operand,
  out: operand,
  inPlace: fc.constantFrom('none', 'x', 'dy'),
  // 0, 1, a few, odd, past the vector body, past a workgroup.
  length: fc.oneof(fc.nat(9), fc.nat(300), fc.nat(BUFFER_ELEMENTS[2])),
  lengthMode: fc.oneof({ weight: 9, arbitrary: fc.constant('fit' as const) }, { weight: 1, arbitrary: fc.constant('past-end' as const) }),
  encoder: fc.boolean(),
});

interface ResolvedOperand {
  readonly buffer: number;
  readonly offset: number;
}

/** A call with its arguments worked out, and whether the API must reject it. */
export interface ResolvedCall {
  readonly kernel: number;
  readonly format: (typeof FORMATS)[number];
  /** x, y (forward) or x, dy, dx (backward); buffer indices into the format's buffers. */
  readonly operands: readonly ResolvedOperand[];
  readonly length: number;
  readonly encoder: boolean;
  /** null: the call runs; otherwise the start of the RangeError's reason. */
  readonly rejection: 'past-end' | 'overlap' | null;
}

function offsetIn(raw: RawOperand, elements: number, elementBytes: number): number {
  const used = elements - 2 * CANARY_ELEMENTS;
  const step = BINDING_ALIGNMENT_BYTES / elementBytes;
  // Multiples of `step` from the first past the leading canaries to the last before the trailing ones.
  const boundaries = Math.floor((elements - CANARY_ELEMENTS - 1) / step);
  if (raw.alignment === 'binding' && boundaries > 0) return step * (1 + (raw.offset % boundaries));
  const offset = raw.alignment === 'any' ? raw.offset % used : (raw.offset * 8) % used;
  return CANARY_ELEMENTS + offset;
}

export function resolveCall(raw: RawCall): ResolvedCall {
  const { pass } = KERNELS[raw.kernel] as (typeof KERNELS)[number];
  const format = FORMATS[raw.format] as (typeof FORMATS)[number];
  const bytes = format === 'f32' ? 4 : 2;
  const inputs = pass === 'forward' ? [raw.x] : [raw.x, raw.dy];
  const resolve = (o: RawOperand): ResolvedOperand => ({ buffer: o.buffer, offset: offsetIn(o, BUFFER_ELEMENTS[o.buffer] as number, bytes) });
  const operands: ResolvedOperand[] = inputs.map(resolve);
  const source = raw.inPlace === 'x' ? operands[0] : raw.inPlace === 'dy' && pass === 'backward' ? operands[1] : undefined;
  operands.push(source ?? resolve(raw.out));
  // Room before each buffer's trailing canaries, and before its end.
  const room = Math.min(...operands.map((o) => (BUFFER_ELEMENTS[o.buffer] as number) - CANARY_ELEMENTS - o.offset));
  const toEnd = Math.min(...operands.map((o) => (BUFFER_ELEMENTS[o.buffer] as number) - o.offset));
  const length = raw.lengthMode === 'fit' ? Math.min(raw.length, room) : toEnd + 1 + (raw.length % 8);
  const out = operands[operands.length - 1] as ResolvedOperand;
  const overlap = operands
    .slice(0, -1)
    .some((input) => input.buffer === out.buffer && input.offset !== out.offset && input.offset < out.offset + length && out.offset < input.offset + length);
  const rejection = raw.lengthMode === 'past-end' ? 'past-end' : overlap && length > 0 ? 'overlap' : null;
  return { kernel: raw.kernel, format, operands, length, encoder: raw.encoder, rejection };
}

export function describeCall(call: ResolvedCall): string {
  const { activation, pass } = KERNELS[call.kernel] as (typeof KERNELS)[number];
  const names = pass === 'forward' ? ['x', 'y'] : ['x', 'dy', 'dx'];
  const args = call.operands.map((o, k) => `${names[k]}: #${o.buffer}@${o.offset}`).join(', ');
  return `${FUNCTIONS[activation][pass]}(${call.format}, ${args}, length ${call.length}${call.encoder ? ', encoder' : ''})`;
}

/** The call as the package's user makes it; returns the error it threw, or null. */
export function makeCall(lib: Lib, gpu: GPUDevice, buffers: readonly GPUBuffer[], call: ResolvedCall, encoder: GPUCommandEncoder | undefined): Error | null {
  const { activation, pass } = KERNELS[call.kernel] as (typeof KERNELS)[number];
  const [x, a, b] = call.operands as [ResolvedOperand, ResolvedOperand, ResolvedOperand | undefined];
  const bufferOf = (o: ResolvedOperand): GPUBuffer => buffers[o.buffer] as GPUBuffer;
  const common = { length: call.length, dtype: call.format, encoder, x: bufferOf(x), xOffset: x.offset };
  const args =
    pass === 'forward'
      ? { ...common, y: bufferOf(a), yOffset: a.offset }
      : { ...common, dy: bufferOf(a), dyOffset: a.offset, dx: bufferOf(b as ResolvedOperand), dxOffset: (b as ResolvedOperand).offset };
  try {
    (lib[FUNCTIONS[activation][pass]] as (device: GPUDevice, args: object) => void)(gpu, args);
    return null;
  } catch (error) {
    return error as Error;
  }
}

/** What the call does to the model's buffers of its format, when it runs (in submission order). */
export function applyCall(models: readonly ModelBuffer[], call: ResolvedCall): void {
  const { pass } = KERNELS[call.kernel] as (typeof KERNELS)[number];
  const [x, second, third] = call.operands as [ResolvedOperand, ResolvedOperand, ResolvedOperand | undefined];
  const dy = pass === 'backward' ? second : undefined;
  const out = (third ?? second) as ResolvedOperand;
  const xModel = models[x.buffer] as ModelBuffer;
  const dyModel = dy === undefined ? undefined : (models[dy.buffer] as ModelBuffer);
  const outModel = models[out.buffer] as ModelBuffer;
  // Every input is read before anything is written: in place, element i reads and writes only element i.
  const results = Array.from({ length: call.length }, (_, i) => {
    const xv = xModel.value(x.offset + i);
    const dyv = dyModel === undefined ? 1 : dyModel.value((dy as ResolvedOperand).offset + i);
    const readable = xModel.readable(x.offset + i) && (dyModel === undefined || dyModel.readable((dy as ResolvedOperand).offset + i));
    return { xv, dyv, known: readable && Number.isFinite(xv) && Number.isFinite(dyv) };
  });
  results.forEach(({ xv, dyv, known }, i) => {
    outModel.write(out.offset + i, call.kernel, xv, dyv, known);
  });
}
