/**
 * Every argument check, synchronous, in one place: `validateCall` turns a call's arguments into a ValidatedCall or
 * throws a TypeError / RangeError whose message names the function, the argument and the fix, so that bad input
 * never reaches the GPU as an asynchronous validation error and nothing is recorded for it.
 */
import { ELEMENT_BYTES } from './constants.js';
import { describeValue } from './describe.js';
import { checkOptionKeys } from './options.js';
import { deviceState } from './device-cache.js';
import type { DeviceState } from './device-state.js';
import { DeviceLostError } from './errors.js';

/**
 * One kernel call after its arguments have been checked: everything planning and encoding need, and nothing they
 * need to check again.
 */
export interface ValidatedCall {
  /** The public function's name, for messages and labels ('mishForward', …). */
  readonly fn: string;
  readonly device: GPUDevice;
  /** The package's state for the device (limits, loss, pipelines), looked up once per call. */
  readonly state: DeviceState;
  readonly pass: Pass;
  readonly dtype: DType;
  /** Elements to process; 0 means nothing is recorded. */
  readonly length: number;
  /** In binding order: x, y (forward) or x, dy, dx (backward); the last one is written. */
  readonly operands: readonly Operand[];
  readonly encoder: GPUCommandEncoder | undefined;
  readonly timestampWrites: GPUComputePassTimestampWrites | undefined;
}
import type { DType, Operand, Pass } from './types.js';

// GPUBufferUsage.STORAGE, spelled out so that the checks also run where no WebGPU globals exist (Node tests).
const STORAGE_USAGE = 0x0080;

const usageNames: ReadonlyArray<[number, string]> = [
  [0x0001, 'MAP_READ'],
  [0x0002, 'MAP_WRITE'],
  [0x0004, 'COPY_SRC'],
  [0x0008, 'COPY_DST'],
  [0x0010, 'INDEX'],
  [0x0020, 'VERTEX'],
  [0x0040, 'UNIFORM'],
  [0x0080, 'STORAGE'],
  [0x0100, 'INDIRECT'],
  [0x0200, 'QUERY_RESOLVE'],
];

function describeUsage(usage: number): string {
  const names = usageNames.filter(([bit]) => (usage & bit) !== 0).map(([, name]) => name);
  return `usage=0x${usage.toString(16)}${names.length > 0 ? ` (${names.join(' | ')})` : ''}`;
}

// Objects already found to be devices, and (per device, in its state's `buffers`) storage buffers already found
// unmapped, with their size. A buffer's size and usage never change, and a STORAGE buffer can never be mapped again
// once unmapped (mapping needs MAP_READ or MAP_WRITE usage, which excludes STORAGE), so the checks run once per
// object: the getters cross into the browser's C++ and cost about a microsecond each.
const knownDevices = new WeakSet<object>();

/** GPUShaderStage.COMPUTE, spelled out for Node stand-ins without WebGPU globals. */
const COMPUTE_STAGE = 0x4;

/**
 * WebGPU shows no buffer's device, so a buffer of another device passes every synchronous check and its call fails
 * on the device, later. The first time a buffer meets a device, a bind group of it alone is made inside an error
 * scope: if the device rejects it, the buffer is recorded as not the device's, and every later call with it on this
 * device throws. (A bind group accepts a destroyed buffer: that stays the device's error, at submit.)
 */
function probeOwnership(device: GPUDevice, state: DeviceState, buffer: GPUBuffer, size: number): void {
  if (typeof device.pushErrorScope !== 'function' || size < 4) return;
  state.probeLayout ??= device.createBindGroupLayout({
    label: 'webgpu-mish buffer check',
    entries: [{ binding: 0, visibility: COMPUTE_STAGE, buffer: { type: 'read-only-storage' } }],
  });
  device.pushErrorScope('validation');
  device.createBindGroup({ label: 'webgpu-mish buffer check', layout: state.probeLayout, entries: [{ binding: 0, resource: { buffer, size: 4 } }] });
  void device.popErrorScope().then((error) => {
    // The message's first line (Dawn adds the chain of calls that led to it on further lines).
    if (error !== null) state.buffers.set(buffer, (error.message.trim().split('\n')[0] as string).trim());
  });
}

export function checkDevice(fn: string, device: unknown): GPUDevice {
  if (typeof device === 'object' && device !== null && knownDevices.has(device)) return device as GPUDevice;
  const candidate = device as Partial<GPUDevice> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.createComputePipeline !== 'function' || typeof candidate.queue !== 'object') {
    throw new TypeError(`${fn}: device must be a GPUDevice (got ${describeValue(device)}); pass the device from adapter.requestDevice()`);
  }
  knownDevices.add(candidate);
  return candidate as GPUDevice;
}

function checkArgs<T extends object>(fn: string, args: unknown): T {
  if (typeof args !== 'object' || args === null) {
    throw new TypeError(`${fn}: the second argument must be an object of buffers and options (got ${describeValue(args)})`);
  }
  return args as T;
}

/** A storage buffer that is not mapped and not known to be another device's, and its size in bytes. */
function checkBuffer(fn: string, name: string, buffer: unknown, device: GPUDevice, state: DeviceState): { buffer: GPUBuffer; size: number } {
  const known = typeof buffer === 'object' && buffer !== null ? state.buffers.get(buffer) : undefined;
  if (typeof known === 'number') return { buffer: buffer as GPUBuffer, size: known };
  if (known !== undefined) {
    throw new TypeError(
      `${fn}: ${name} is not a buffer of this device (it rejected an earlier call with it: ${known}); create ` +
        `${name} with the device you pass, or pass the device it was created with`,
    );
  }
  const candidate = buffer as Partial<GPUBuffer> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.size !== 'number' ||
    typeof candidate.usage !== 'number' ||
    typeof candidate.mapAsync !== 'function'
  ) {
    throw new TypeError(`${fn}: ${name} must be a GPUBuffer (got ${describeValue(buffer)}); pass { ${name}: buffer }`);
  }
  if ((candidate.usage & STORAGE_USAGE) === 0) {
    throw new TypeError(
      `${fn}: ${name} lacks GPUBufferUsage.STORAGE (${describeUsage(candidate.usage)}); create it with usage including GPUBufferUsage.STORAGE`,
    );
  }
  if (candidate.mapState !== undefined && candidate.mapState !== 'unmapped') {
    throw new TypeError(`${fn}: ${name} is ${candidate.mapState === 'mapped' ? 'mapped' : 'being mapped'}; call ${name}.unmap() before using it in a kernel`);
  }
  state.buffers.set(candidate, candidate.size);
  probeOwnership(device, state, candidate as GPUBuffer, candidate.size);
  return { buffer: candidate as GPUBuffer, size: candidate.size };
}

/** An element count or offset: a non-negative safe integer; `fallback` when the argument is left out. */
function checkCount(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const kind = typeof value !== 'number' ? 'a number' : 'a whole number of elements, 0 or more';
    throw new RangeError(`${fn}: ${name} must be ${kind} (got ${describeValue(value)}); offsets and lengths count elements`);
  }
  return value;
}

function checkEncoder(fn: string, encoder: unknown): GPUCommandEncoder | undefined {
  if (encoder === undefined) return undefined;
  const candidate = encoder as Partial<GPUCommandEncoder> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.beginComputePass !== 'function') {
    throw new TypeError(
      `${fn}: encoder must be a GPUCommandEncoder (got ${describeValue(encoder)}); pass device.createCommandEncoder() ` +
        'or leave it out to submit immediately',
    );
  }
  return candidate as GPUCommandEncoder;
}

function checkTimestampWrites(fn: string, writes: unknown): GPUComputePassTimestampWrites | undefined {
  if (writes === undefined) return undefined;
  const candidate = writes as Partial<GPUComputePassTimestampWrites> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.querySet !== 'object') {
    throw new TypeError(
      `${fn}: timestampWrites must be { querySet, beginningOfPassWriteIndex?, endOfPassWriteIndex? } ` +
        `(got ${describeValue(writes)}); create the query set with type 'timestamp'`,
    );
  }
  if (candidate.querySet.type !== 'timestamp') {
    throw new TypeError(`${fn}: timestampWrites.querySet has type '${candidate.querySet.type}'; it must be 'timestamp'`);
  }
  return candidate as GPUComputePassTimestampWrites;
}

function checkDType(fn: string, dtype: unknown): DType {
  if (dtype === undefined) return 'f32';
  if (!(typeof dtype === 'string' && dtype in ELEMENT_BYTES)) {
    throw new TypeError(`${fn}: dtype must be 'f32', 'f16' or 'bf16' (got ${describeValue(dtype)})`);
  }
  return dtype as DType;
}

const OPERANDS: Record<Pass, ReadonlyArray<Operand['name']>> = { forward: ['x', 'y'], backward: ['x', 'dy', 'dx'] };

/** Every option a kernel call takes: its operands, their offsets, and the rest. */
const OPTION_NAMES: Record<Pass, ReadonlySet<string>> = {
  forward: new Set(['x', 'y', 'length', 'xOffset', 'yOffset', 'encoder', 'timestampWrites', 'dtype']),
  backward: new Set(['x', 'dy', 'dx', 'length', 'xOffset', 'dyOffset', 'dxOffset', 'encoder', 'timestampWrites', 'dtype']),
};

function checkNotLost(fn: string, lost: GPUDeviceLostInfo | undefined): void {
  if (lost === undefined) return;
  throw new DeviceLostError(
    `${fn}: the device was lost (${lost.reason}${lost.message ? `: ${lost.message}` : ''}); request a new ` +
      'device with adapter.requestDevice() and pass it, with buffers created on it',
    lost.reason,
  );
}

/** Each range within its buffer, and ending on a whole 4-byte word (WebGPU binds whole words). */
function checkRanges(fn: string, operands: readonly Operand[], sizes: readonly number[], length: number, dtype: DType): void {
  const bytes = ELEMENT_BYTES[dtype];
  operands.forEach(({ name, offset }, k) => {
    const size = sizes[k] as number;
    const elements = Math.floor(size / bytes);
    if (offset + length > elements) {
      throw new RangeError(
        `${fn}: ${name} holds ${elements} ${dtype} elements (${size} bytes) but ${name}Offset + length = ` +
          `${offset} + ${length} = ${offset + length}; pass a larger ${name} or a smaller length`,
      );
    }
    if (length > 0 && Math.ceil(((offset + length) * bytes) / 4) * 4 > size) {
      throw new RangeError(
        `${fn}: ${name}'s range ends in the last 2 bytes of a ${size}-byte buffer; WebGPU binds whole 4-byte ` +
          `words, so give ${name} a size that is a multiple of 4 (${size + 2} bytes)`,
      );
    }
  });
}

/**
 * In place is fine when the written range coincides with a read range of the same buffer; a partial overlap would
 * race (invocations would read elements that others have already overwritten).
 */
function checkOverlap(fn: string, operands: readonly Operand[], length: number): void {
  const out = operands[operands.length - 1] as Operand;
  for (const input of operands.slice(0, -1)) {
    const overlaps = input.offset < out.offset + length && out.offset < input.offset + length;
    if (input.buffer === out.buffer && input.offset !== out.offset && overlaps && length > 0) {
      throw new RangeError(
        `${fn}: ${out.name} and ${input.name} are the same buffer and their ranges overlap without coinciding ` +
          `(${out.name}Offset ${out.offset}, ${input.name}Offset ${input.offset}, length ${length}); use equal ` +
          'offsets for in-place work, or disjoint ranges',
      );
    }
  }
}

/** Checks one call of a forward (`x`, `y`) or backward (`x`, `dy`, `dx`) kernel; throws on the first problem. */
export function validateCall(fn: string, pass: Pass, deviceArg: unknown, argsArg: unknown): ValidatedCall {
  const device = checkDevice(fn, deviceArg);
  const state = deviceState(device);
  checkNotLost(fn, state.lost);
  const args = checkArgs<Record<string, unknown>>(fn, argsArg);
  checkOptionKeys(fn, 'the call', args, OPTION_NAMES[pass]);
  const names = OPERANDS[pass];
  const buffers = names.map((name) => checkBuffer(fn, name, args[name], device, state));
  const operands: Operand[] = names.map((name, k) => ({
    name,
    buffer: (buffers[k] as { buffer: GPUBuffer }).buffer,
    offset: checkCount(fn, `${name}Offset`, args[`${name}Offset`], 0),
  }));
  const encoder = checkEncoder(fn, args.encoder);
  const timestampWrites = checkTimestampWrites(fn, args.timestampWrites);
  const dtype = checkDType(fn, args.dtype);
  const sizes = buffers.map((b) => b.size);
  const xElements = Math.floor((sizes[0] as number) / ELEMENT_BYTES[dtype]);
  const xOffset = (operands[0] as Operand).offset;
  if (xOffset > xElements) {
    throw new RangeError(`${fn}: xOffset ${xOffset} is past the end of x (${xElements} elements); pass a smaller xOffset`);
  }
  const length = checkCount(fn, 'length', args.length, xElements - xOffset);
  checkRanges(fn, operands, sizes, length, dtype);
  checkOverlap(fn, operands, length);
  return { fn, device, state, pass, dtype, length, operands, encoder, timestampWrites };
}
