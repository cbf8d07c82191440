// Argument checks, run against stand-in objects: every bad call must throw synchronously, name the function,
// the argument and the fix, and touch nothing on the device. (The kernels themselves are only ever tested on a
// real adapter, in test/browser; this file never checks a computed value.)
import { describe, expect, it } from 'vitest';
import { mishBackward, mishForward, prepare, reluForward, swishBackward } from '../../src/index.js';

const STORAGE = 0x80;
const COPY_DST = 0x08;

interface FakeBuffer {
  size: number;
  usage: number;
  mapState: 'unmapped' | 'mapped' | 'pending';
  mapAsync(): Promise<void>;
}

function buffer(size: number, usage = STORAGE | COPY_DST): GPUBuffer {
  const fake: FakeBuffer = { size, usage, mapState: 'unmapped', mapAsync: async () => {} };
  return fake as unknown as GPUBuffer;
}

/** A device whose every method records that it was called: a bad call must leave `calls` empty. */
function recordingDevice(): { device: GPUDevice; calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => () => {
    calls.push(name);
    throw new Error(`${name} reached the device`);
  };
  const device = {
    limits: {
      minStorageBufferOffsetAlignment: 256,
      minUniformBufferOffsetAlignment: 256,
      maxStorageBufferBindingSize: 128 * 2 ** 20,
      maxComputeWorkgroupsPerDimension: 65_535,
    },
    queue: { submit: record('submit'), writeBuffer: record('writeBuffer') },
    createBuffer: record('createBuffer'),
    createComputePipeline: record('createComputePipeline'),
    createBindGroup: record('createBindGroup'),
    createCommandEncoder: record('createCommandEncoder'),
  };
  return { device: device as unknown as GPUDevice, calls };
}

function expectRejected(call: (device: GPUDevice) => void, type: ErrorConstructor, message: RegExp): void {
  const { device, calls } = recordingDevice();
  expect(() => call(device)).toThrow(type);
  expect(() => call(device)).toThrow(message);
  expect(calls).toEqual([]);
}

describe('argument checks', () => {
  const x = buffer(400);
  const y = buffer(400);

  it('reject a device that is not a GPUDevice', () => {
    expect(() => mishForward(undefined as unknown as GPUDevice, { x, y })).toThrow(
      /^mishForward: device must be a GPUDevice \(got undefined\); pass the device from adapter.requestDevice\(\)$/,
    );
  });

  it('reject a missing args object', () => {
    expectRejected((d) => mishForward(d, null as never), TypeError, /mishForward: the second argument must be an object/);
  });

  it('reject a missing or non-buffer argument', () => {
    expectRejected((d) => mishForward(d, { x } as never), TypeError, /^mishForward: y must be a GPUBuffer \(got undefined\)/);
    expectRejected(
      (d) => mishBackward(d, { x, dy: new Float32Array(4) as never, dx: y }),
      TypeError,
      /^mishBackward: dy must be a GPUBuffer \(got Float32Array\)/,
    );
  });

  it('reject a buffer without STORAGE usage and say how to create it', () => {
    expectRejected(
      (d) => mishForward(d, { x: buffer(400, 0x9), y }),
      TypeError,
      /^mishForward: x lacks GPUBufferUsage.STORAGE \(usage=0x9 \(MAP_READ \| COPY_DST\)\); create it with usage including GPUBufferUsage.STORAGE$/,
    );
  });

  it('reject a mapped buffer', () => {
    const mapped = buffer(400);
    (mapped as unknown as FakeBuffer).mapState = 'mapped';
    expectRejected((d) => reluForward(d, { x, y: mapped }), TypeError, /reluForward: y is mapped; call y.unmap\(\)/);
  });

  it('reject negative, fractional, non-finite and non-numeric lengths and offsets', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectRejected((d) => mishForward(d, { x, y, length: bad }), RangeError, /^mishForward: length must be a whole number of elements, 0 or more/);
      expectRejected((d) => mishForward(d, { x, y, yOffset: bad }), RangeError, /^mishForward: yOffset must be a whole number/);
      expectRejected((d) => mishBackward(d, { x, dy: y, dx: buffer(400), dxOffset: bad }), RangeError, /^mishBackward: dxOffset must be a whole number/);
    }
    expectRejected((d) => mishForward(d, { x, y, length: '3' as never }), RangeError, /length must be a number \(got "3"\)/);
  });

  it('reject a range past the end of a buffer, with the sizes and the fix', () => {
    expectRejected(
      (d) => mishForward(d, { x, y: buffer(40), length: 20 }),
      RangeError,
      /^mishForward: y holds 10 f32 elements \(40 bytes\) but yOffset \+ length = 0 \+ 20 = 20; pass a larger y or a smaller length$/,
    );
    expectRejected(
      (d) => swishBackward(d, { x, dy: y, dx: buffer(400), dyOffset: 1 }),
      RangeError,
      /swishBackward: dy holds 100 f32 elements .* dyOffset \+ length = 1 \+ 100 = 101/,
    );
    expectRejected((d) => mishForward(d, { x, y, xOffset: 101 }), RangeError, /xOffset 101 is past the end of x \(100 elements\)/);
  });

  it('reject in-place ranges that overlap without coinciding', () => {
    expectRejected(
      (d) => mishForward(d, { x, y: x, xOffset: 0, yOffset: 1, length: 10 }),
      RangeError,
      /mishForward: y and x are the same buffer and their ranges overlap without coinciding/,
    );
    expectRejected(
      (d) => mishBackward(d, { x, dy: y, dx: y, dyOffset: 4, dxOffset: 0, length: 10 }),
      RangeError,
      /mishBackward: dx and dy are the same buffer/,
    );
  });

  it('reject an encoder that is not a GPUCommandEncoder', () => {
    expectRejected((d) => mishForward(d, { x, y, encoder: {} as never }), TypeError, /encoder must be a GPUCommandEncoder/);
  });

  it('reject an unknown dtype, and a 16-bit range that ends in a half word', () => {
    expectRejected(
      (d) => mishForward(d, { x, y, dtype: 'float16' as never }),
      TypeError,
      /^mishForward: dtype must be 'f32', 'f16' or 'bf16' \(got "float16"\)$/,
    );
    expectRejected(
      (d) => mishForward(d, { x: buffer(6), y: buffer(8), dtype: 'f16' }),
      RangeError,
      /mishForward: x's range ends in the last 2 bytes of a 6-byte buffer; .* \(8 bytes\)/,
    );
    expectRejected(
      (d) => mishBackward(d, { x, dy: y, dx: buffer(100), dtype: 'bf16' }),
      RangeError,
      /mishBackward: dx holds 50 bf16 elements \(100 bytes\) but dxOffset \+ length = 0 \+ 200 = 200/,
    );
  });

  it('accept length 0 and do nothing on the device', () => {
    const { device, calls } = recordingDevice();
    mishForward(device, { x, y, length: 0 });
    mishBackward(device, { x, dy: y, dx: buffer(400), xOffset: 100, dyOffset: 100, dxOffset: 100 });
    expect(calls).toEqual([]);
  });

  it('reject a misspelt or foreign option with the nearest name, rather than run over the whole buffer', () => {
    const other = buffer(400);
    expectRejected(
      (d) => mishForward(d, { x, y, xoffset: 2 } as never),
      TypeError,
      /^mishForward: no option 'xoffset' in the call; did you mean 'xOffset'\? \(the options are x, y, length, xOffset, yOffset, encoder, timestampWrites, dtype\)$/,
    );
    expectRejected((d) => mishForward(d, { x, y, offset: 2, length: 2 } as never), TypeError, /no option 'offset' in the call; did you mean 'xOffset'\?/);
    expectRejected((d) => mishForward(d, { x, y, count: 2 } as never), TypeError, /^mishForward: no option 'count' in the call \(the options are/);
    expectRejected(
      (d) => reluForward(d, { x, y, dyOffset: 1 } as never),
      TypeError,
      /^reluForward: no option 'dyOffset' in the call; did you mean 'yOffset'\?/,
    );
    expectRejected((d) => mishBackward(d, { x, dy: other, dx: y, y } as never), TypeError, /^mishBackward: no option 'y' in the call/);
  });

  it('prepare: a TypeError naming the argument and the fix, thrown before anything is built', () => {
    const { device, calls } = recordingDevice();
    expect(() => prepare(device, null as never)).toThrow(
      /^prepare: options must be an object \(got null\); e\.g\. prepare\(device, \{ activations: \['mish'\] \}\), or leave it out for all$/,
    );
    expect(() => prepare(device, { activations: 'mish' } as never)).toThrow(
      /^prepare: options\.activations must be an array of activation names \(got "mish"\); pass \["mish"\]$/,
    );
    expect(() => prepare(device, { activations: ['mish', 'gelu'] } as never)).toThrow(
      /^prepare: unknown activation "gelu" in options\.activations; use mish, relu, swish$/,
    );
    expect(() => prepare(device, { activation: ['mish'] } as never)).toThrow(/^prepare: no option 'activation' in options; did you mean 'activations'\?/);
    expect(() => prepare({} as never)).toThrow(/^prepare: device must be a GPUDevice/);
    expect(calls).toEqual([]);
  });
});
