/**
 * The rows the bench times at one size, on buffers made and filled before any timing: this package's kernels, the
 * baselines (copy, builtin-composed and unfused Mish) through the same element-wise path, Mish forward on 16-bit
 * storage, and the baselines outside the path (common/standalone.ts).
 */
import { mishBackward, mishForward, type Pass, reluBackward, reluForward, setTiling, swishBackward, swishForward, type Tiling } from '../../src/index.js';
import { type KernelSpec, runElementwise } from '../../src/testing.js';
import { copyKernel, mishBuiltinKernel, multiplyKernel, softplusKernel, tanhKernel } from '../baselines.js';
import { standaloneRows } from '../standalone.js';
import type { Row, RowBuffers, Step } from './types.js';

/** f32 values as f16 bit patterns (round to nearest; the bench's inputs lie in [−8, 8]). */
function toF16(values: Float32Array): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(values.length + (values.length % 2));
  values.forEach((v, i) => {
    const magnitude = Math.abs(v);
    if (magnitude < 2 ** -14) return; // subnormal f16 range: timing inputs may as well be 0
    const exponent = Math.floor(Math.log2(magnitude));
    const mantissa = Math.round((magnitude / 2 ** exponent - 1) * 1024);
    out[i] = (v < 0 ? 0x8000 : 0) | (((exponent + 15) << 10) + mantissa);
  });
  return out;
}

/** f32 values as bf16 bit patterns (truncated: fine for timing inputs). */
function toBf16(values: Float32Array<ArrayBuffer>): Uint16Array<ArrayBuffer> {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length + (values.length % 2));
  words.forEach((word, i) => {
    out[i] = word >>> 16;
  });
  return out;
}

/** Inputs like activations: uniform in [−scale, scale] from a fixed seed. */
function fillInputs(count: number, seed: number, scale: number): Float32Array<ArrayBuffer> {
  const data = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = ((state / 2 ** 32) * 2 - 1) * scale;
  }
  return data;
}

/** The buffers of one size, filled: x in [−8, 8], dy in [−1, 1]. Returns them with the f32 inputs. */
export function makeRowBuffers(device: GPUDevice, elements: number): { buffers: RowBuffers; xs: Float32Array<ArrayBuffer> } {
  // COPY_SRC for the copy-buffer row (copyBufferToBuffer of x into y).
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const make = (label: string, bytes = 4): GPUBuffer => device.createBuffer({ label: `bench ${label}`, size: Math.ceil((elements * bytes) / 4) * 4, usage });
  const buffers: RowBuffers = {
    x: make('x'),
    y: make('y'),
    dy: make('dy'),
    dx: make('dx'),
    a: make('a'),
    b: make('b'),
    xF16: make('x f16', 2),
    xBf16: make('x bf16', 2),
    y16: make('y 16-bit', 2),
  };
  const xs = fillInputs(elements, 1, 8);
  device.queue.writeBuffer(buffers.x, 0, xs);
  device.queue.writeBuffer(buffers.dy, 0, fillInputs(elements, 2, 1));
  device.queue.writeBuffer(buffers.xF16, 0, toF16(xs));
  device.queue.writeBuffer(buffers.xBf16, 0, toBf16(xs));
  return { buffers, xs };
}

export function rowsFor(device: GPUDevice, buffers: RowBuffers, length: number): Row[] {
  const { x, y, dy, dx, a, b } = buffers;
  const forward =
    (fn: typeof mishForward): Step =>
    (encoder, timestampWrites) =>
      fn(device, { x, y, length, encoder, timestampWrites });
  const backward =
    (fn: typeof mishBackward): Step =>
    (encoder, timestampWrites) =>
      fn(device, { x, dy, dx, length, encoder, timestampWrites });
  const baseline =
    (kernel: KernelSpec, pass: Pass, args: Record<string, GPUBuffer>): Step =>
    (encoder, timestampWrites) =>
      runElementwise(kernel.name, kernel, pass, device, { ...args, length, encoder, timestampWrites });
  const sixteenBit =
    (source: GPUBuffer, dtype: 'f16' | 'bf16'): Step =>
    (encoder, timestampWrites) =>
      mishForward(device, { x: source, y: buffers.y16, length, encoder, timestampWrites, dtype });
  return [
    { kernel: 'mish', pass: 'forward', steps: [forward(mishForward)] },
    { kernel: 'relu', pass: 'forward', steps: [forward(reluForward)] },
    { kernel: 'swish', pass: 'forward', steps: [forward(swishForward)] },
    { kernel: 'copy', pass: 'forward', steps: [baseline(copyKernel, 'forward', { x, y })] },
    { kernel: 'mish-builtin', pass: 'forward', steps: [baseline(mishBuiltinKernel, 'forward', { x, y })] },
    {
      kernel: 'mish-unfused',
      pass: 'forward',
      steps: [
        baseline(softplusKernel, 'forward', { x, y: a }),
        baseline(tanhKernel, 'forward', { x: a, y: b }),
        baseline(multiplyKernel, 'backward', { x, dy: b, dx: y }),
      ],
    },
    { kernel: 'mish', pass: 'backward', steps: [backward(mishBackward)] },
    { kernel: 'relu', pass: 'backward', steps: [backward(reluBackward)] },
    { kernel: 'swish', pass: 'backward', steps: [backward(swishBackward)] },
    { kernel: 'copy', pass: 'backward', steps: [baseline(copyKernel, 'backward', { x, dy, dx })] },
    { kernel: 'mish-builtin', pass: 'backward', steps: [baseline(mishBuiltinKernel, 'backward', { x, dy, dx })] },
    { kernel: 'mish-f16', pass: 'forward', bytesPerElement: 4, steps: [sixteenBit(buffers.xF16, 'f16')] },
    { kernel: 'mish-bf16', pass: 'forward', bytesPerElement: 4, steps: [sixteenBit(buffers.xBf16, 'bf16')] },
    ...standaloneRows(device, buffers, length),
  ];
}

/**
 * The tiling sweep's rows at one size: the package's copy, Mish and ReLU, forward and backward, each call made with
 * `tiling` (set just before it is recorded; the GPU time of the pass is what is measured).
 */
export function tilingRows(device: GPUDevice, buffers: RowBuffers, length: number, tiling: Tiling): Row[] {
  const { x, y, dy, dx } = buffers;
  const withTiling =
    (record: Step): Step =>
    (encoder, timestampWrites) => {
      setTiling(device, tiling);
      record(encoder, timestampWrites);
    };
  const forward = (fn: typeof mishForward): Step => withTiling((encoder, timestampWrites) => fn(device, { x, y, length, encoder, timestampWrites }));
  const backward = (fn: typeof mishBackward): Step => withTiling((encoder, timestampWrites) => fn(device, { x, dy, dx, length, encoder, timestampWrites }));
  const copy = (pass: Pass, args: Record<string, GPUBuffer>): Step =>
    withTiling((encoder, timestampWrites) => runElementwise(copyKernel.name, copyKernel, pass, device, { ...args, length, encoder, timestampWrites }));
  return [
    { kernel: 'copy', pass: 'forward', tiling, steps: [copy('forward', { x, y })] },
    { kernel: 'mish', pass: 'forward', tiling, steps: [forward(mishForward)] },
    { kernel: 'relu', pass: 'forward', tiling, steps: [forward(reluForward)] },
    { kernel: 'copy', pass: 'backward', tiling, steps: [copy('backward', { x, dy, dx })] },
    { kernel: 'mish', pass: 'backward', tiling, steps: [backward(mishBackward)] },
    { kernel: 'relu', pass: 'backward', tiling, steps: [backward(reluBackward)] },
  ];
}
