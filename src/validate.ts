/**
 * Synchronous argument checks. Every message names the function, the argument and the fix, so that bad input
 * never reaches the GPU as an asynchronous validation error.
 */

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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// Objects already found to be devices, and storage buffers already found unmapped, with their size. A buffer's
// size and usage never change, and a STORAGE buffer can never be mapped again once unmapped (mapping needs
// MAP_READ or MAP_WRITE usage, which excludes STORAGE), so the checks run once per object: the getters cross into
// the browser's C++ and cost about a microsecond each.
const knownDevices = new WeakSet<object>();
const knownBuffers = new WeakMap<object, number>();

export function checkDevice(fn: string, device: unknown): GPUDevice {
  if (typeof device === 'object' && device !== null && knownDevices.has(device)) return device as GPUDevice;
  const candidate = device as Partial<GPUDevice> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.createComputePipeline !== 'function' ||
    typeof candidate.queue !== 'object'
  ) {
    throw new TypeError(
      `${fn}: device must be a GPUDevice (got ${describe(device)}); pass the device from adapter.requestDevice()`,
    );
  }
  knownDevices.add(candidate);
  return candidate as GPUDevice;
}

export function checkArgs<T extends object>(fn: string, args: unknown): T {
  if (typeof args !== 'object' || args === null) {
    throw new TypeError(`${fn}: the second argument must be an object of buffers and options (got ${describe(args)})`);
  }
  return args as T;
}

/** A storage buffer that is not mapped, and its size in bytes. */
export function checkBuffer(fn: string, name: string, buffer: unknown): { buffer: GPUBuffer; size: number } {
  const known = typeof buffer === 'object' && buffer !== null ? knownBuffers.get(buffer) : undefined;
  if (known !== undefined) return { buffer: buffer as GPUBuffer, size: known };
  const candidate = buffer as Partial<GPUBuffer> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.size !== 'number' ||
    typeof candidate.usage !== 'number' ||
    typeof candidate.mapAsync !== 'function'
  ) {
    throw new TypeError(`${fn}: ${name} must be a GPUBuffer (got ${describe(buffer)}); pass { ${name}: buffer }`);
  }
  if ((candidate.usage & STORAGE_USAGE) === 0) {
    throw new TypeError(
      `${fn}: ${name} lacks GPUBufferUsage.STORAGE (${describeUsage(candidate.usage)}); create it with ` +
        'usage including GPUBufferUsage.STORAGE',
    );
  }
  if (candidate.mapState !== undefined && candidate.mapState !== 'unmapped') {
    throw new TypeError(
      `${fn}: ${name} is ${candidate.mapState === 'mapped' ? 'mapped' : 'being mapped'}; call ${name}.unmap() ` +
        'before using it in a kernel',
    );
  }
  knownBuffers.set(candidate, candidate.size);
  return { buffer: candidate as GPUBuffer, size: candidate.size };
}

/** An element count or offset: a non-negative safe integer; `fallback` when the argument is left out. */
export function checkCount(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const kind = typeof value !== 'number' ? 'a number' : 'a whole number of elements, 0 or more';
    throw new RangeError(`${fn}: ${name} must be ${kind} (got ${describe(value)}); offsets and lengths count elements`);
  }
  return value;
}

export function checkEncoder(fn: string, encoder: unknown): GPUCommandEncoder | undefined {
  if (encoder === undefined) return undefined;
  const candidate = encoder as Partial<GPUCommandEncoder> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.beginComputePass !== 'function') {
    throw new TypeError(
      `${fn}: encoder must be a GPUCommandEncoder (got ${describe(encoder)}); pass device.createCommandEncoder() ` +
        'or leave it out to submit immediately',
    );
  }
  return candidate as GPUCommandEncoder;
}

export function checkTimestampWrites(fn: string, writes: unknown): GPUComputePassTimestampWrites | undefined {
  if (writes === undefined) return undefined;
  const candidate = writes as Partial<GPUComputePassTimestampWrites> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.querySet !== 'object') {
    throw new TypeError(
      `${fn}: timestampWrites must be { querySet, beginningOfPassWriteIndex?, endOfPassWriteIndex? } ` +
        `(got ${describe(writes)}); create the query set with type 'timestamp'`,
    );
  }
  if (candidate.querySet.type !== 'timestamp') {
    throw new TypeError(`${fn}: timestampWrites.querySet has type '${candidate.querySet.type}'; it must be 'timestamp'`);
  }
  return candidate as GPUComputePassTimestampWrites;
}

const dtypes = ['f32', 'f16', 'bf16'] as const;

export function checkDType(fn: string, dtype: unknown): (typeof dtypes)[number] {
  if (dtype === undefined) return 'f32';
  if (!(dtypes as readonly unknown[]).includes(dtype)) {
    throw new TypeError(`${fn}: dtype must be 'f32', 'f16' or 'bf16' (got ${describe(dtype)})`);
  }
  return dtype as (typeof dtypes)[number];
}
