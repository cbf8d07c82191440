import elementwiseSource from '../shaders/elementwise.wgsl?raw';
import mishSource from '../shaders/mish.wgsl?raw';
import reluSource from '../shaders/relu.wgsl?raw';
import storage16Source from '../shaders/storage16.wgsl?raw';
import swishSource from '../shaders/swish.wgsl?raw';
import { PARAMS_BINDING } from './constants.js';

/**
 * WGSL source defining `fn mish(x: f32) -> f32` and `fn mish_grad(x: f32) -> f32` (and constants whose names
 * start with `MISH_`), to fuse Mish into your own shaders, with the same error bounds and special values
 * (docs/accuracy.md). The package's kernels use this same source.
 *
 * @example
 * ```ts
 * const code = mishWgsl + `
 *   @group(0) @binding(0) var<storage, read_write> acc: array<f32>;
 *   @compute @workgroup_size(64) fn epilogue(@builtin(global_invocation_id) id: vec3u) {
 *     if (id.x < arrayLength(&acc)) { acc[id.x] = mish(acc[id.x]); }
 *   }`;
 * device.createShaderModule({ code });
 * ```
 */
export const mishWgsl: string = mishSource;

/** WGSL source defining `fn swish(x: f32) -> f32` and `fn swish_grad(x: f32) -> f32`. */
export const swishWgsl: string = swishSource;

/** WGSL source defining `fn relu(x: f32) -> f32` and `fn relu_grad(x: f32) -> f32`. */
export const reluWgsl: string = reluSource;

/** The activations this package has kernels for. */
export type Activation = 'mish' | 'relu' | 'swish';

/** Forward computes y = f(x); backward computes dx = dy·f'(x). */
export type Pass = 'forward' | 'backward';

/**
 * What the element-wise kernel body needs to know of one kernel: WGSL functions, and the value of one output
 * element as a WGSL expression of `x` (forward) or of `x` and `dy` (backward).
 */
export interface KernelSpec {
  /** Unique per kernel: keys the pipeline cache and appears in labels. */
  readonly name: string;
  readonly source: string;
  readonly forward: string;
  readonly backward: string;
  /** f(−∞) for 16-bit storage, where ±∞ and NaN are ordinary inputs: 0 or −0. */
  readonly atNegativeInfinity?: number;
}

export const activationKernels: Record<Activation, KernelSpec> = {
  mish: { name: 'mish', source: mishSource, forward: 'mish(x)', backward: 'dy * mish_grad(x)', atNegativeInfinity: -0 },
  relu: { name: 'relu', source: reluSource, forward: 'relu(x)', backward: 'dy * relu_grad(x)', atNegativeInfinity: 0 },
  swish: { name: 'swish', source: swishSource, forward: 'swish(x)', backward: 'dy * swish_grad(x)', atNegativeInfinity: -0 },
};

/** The operands of a pass, in binding order; the last one is written. */
export const operandsOf = {
  forward: ['x', 'y'],
  backward: ['x', 'dy', 'dx'],
} as const satisfies Record<Pass, readonly string[]>;

/**
 * Which storage binding each operand uses: `slots[k]` is the binding slot of operand k. Operands that are the
 * same buffer share a slot, because WebGPU forbids binding one buffer as read-only and writable storage in the
 * same dispatch. Slots are numbered in order of first use, so `[0, 0]` is an in-place forward.
 */
export type Aliasing = readonly number[];

/**
 * How a kernel accesses memory: 'vec4' binds every buffer as array<vec4<f32>> (all offsets multiples of 4
 * elements, length a multiple of 4); 'scalar' binds array<f32> and takes any offsets and length; 'f16' and 'bf16'
 * bind array<u32> holding two 16-bit elements per word, any offsets and length.
 */
export type Access = 'vec4' | 'scalar' | 'f16' | 'bf16';

/** Storage formats of the caller's buffers. */
export type DType = 'f32' | 'f16' | 'bf16';

/** Bytes per element of each storage format. */
export const ELEMENT_BYTES: Record<DType, number> = { f32: 4, f16: 2, bf16: 2 };

function bindingsFor(aliasing: Aliasing, written: number, element: string): string[] {
  const bindings = [`@group(0) @binding(${PARAMS_BINDING}) var<uniform> params: Params;`];
  const slotCount = Math.max(...aliasing) + 1;
  for (let slot = 0; slot < slotCount; slot++) {
    const access = slot === written ? 'read_write' : 'read';
    bindings.push(
      `@group(0) @binding(${PARAMS_BINDING + 1 + slot}) var<storage, ${access}> buffer${slot}: array<${element}>;`,
    );
  }
  return bindings;
}

/**
 * The 16-bit body: one chunk is one word of the output, whose halves in the range are computed (reading each
 * input's half from its own word) and whose half outside the range, at either end, is written back unchanged.
 * ±∞ and NaN are decided on the 16-bit patterns: f(NaN) = NaN, f(+∞) = +∞, f(−∞) = 0 or −0; f'(+∞) = 1,
 * f'(−∞) = 0.
 */
function halfBody(kernel: KernelSpec, pass: Pass, aliasing: Aliasing, format: 'f16' | 'bf16'): string {
  const buffer = (operand: number): string => `buffer${aliasing[operand]}`;
  const out = operandsOf[pass].length - 1;
  const exponentMask = format === 'f16' ? '0x7c00u' : '0x7f80u';
  const mantissaMask = format === 'f16' ? '0x03ffu' : '0x007fu';
  const half = (operand: number, offset: string): string =>
    `(${buffer(operand)}[(params.${offset} + i) >> 1u] >> (((params.${offset} + i) & 1u) * 16u)) & 0xffffu`;
  const negativeInfinity = Object.is(kernel.atNegativeInfinity, -0) ? 'bitcast<f32>(0x80000000u)' : '0.0';
  const special =
    pass === 'forward'
      ? `select(select(x, ${negativeInfinity}, negative), x, nan)`
      : 'select(select(dy, dy * 0.0, negative), x, nan)';
  return [
    `fn value(${pass === 'forward' ? 'x: f32' : 'x: f32, dy: f32'}) -> f32 {`,
    `  return ${pass === 'forward' ? kernel.forward : kernel.backward};`,
    '}',
    'fn element16(i: u32) -> u32 {',
    `  let xh = ${half(0, 'x_offset')};`,
    `  let x = ${format}_to_f32(xh);`,
    ...(pass === 'backward' ? [`  let dy = ${format}_to_f32(${half(1, 'dy_offset')});`] : []),
    `  let finite = (xh & ${exponentMask}) != ${exponentMask};`,
    `  let nan = !finite && (xh & ${mantissaMask}) != 0u;`,
    '  let negative = (xh & 0x8000u) != 0u;',
    `  let y = select(${special}, value(${pass === 'forward' ? 'x' : 'x, dy'}), finite);`,
    `  return f32_to_${format}(y);`,
    '}',
    'fn chunk_count() -> u32 {',
    '  return ((params.out_offset + params.length - 1u) >> 1u) - (params.out_offset >> 1u) + 1u;',
    '}',
    'fn chunk(c: u32) {',
    '  let w = (params.out_offset >> 1u) + c;',
    '  let low = w * 2u;',
    '  let end = params.out_offset + params.length;',
    '  var word = 0u;',
    '  if (low < params.out_offset || low + 1u >= end) {',
    `    word = ${buffer(out)}[w];`,
    '  }',
    '  if (low >= params.out_offset) {',
    '    word = (word & 0xffff0000u) | element16(low - params.out_offset);',
    '  }',
    '  if (low + 1u < end) {',
    '    word = (word & 0x0000ffffu) | (element16(low + 1u - params.out_offset) << 16u);',
    '  }',
    `  ${buffer(out)}[w] = word;`,
    '}',
  ].join('\n');
}

/** Builds the WGSL of one kernel: its functions, the body, `params`, bindings for this aliasing, `chunk(c)`. */
export function buildKernelSource(kernel: KernelSpec, pass: Pass, aliasing: Aliasing, access: Access): string {
  const operands = operandsOf[pass];
  const out = operands.length - 1;
  const written = aliasing[out] as number;
  if (access === 'f16' || access === 'bf16') {
    return [
      kernel.source,
      storage16Source,
      elementwiseSource,
      ...bindingsFor(aliasing, written, 'u32'),
      halfBody(kernel, pass, aliasing, access),
    ].join('\n');
  }
  const buffer = (operand: number): string => `buffer${aliasing[operand]}`;
  const valueArgs = pass === 'forward' ? 'x: f32' : 'x: f32, dy: f32';
  const valueFn = `fn value(${valueArgs}) -> f32 {\n  return ${pass === 'forward' ? kernel.forward : kernel.backward};\n}`;
  const countFn = 'fn chunk_count() -> u32 {\n  return (params.length + 3u) / 4u;\n}';
  let chunkFn: string;
  if (access === 'vec4') {
    const lanes = ['x', 'y', 'z', 'w'];
    const call = (k: string): string => (pass === 'forward' ? `value(x.${k})` : `value(x.${k}, dy.${k})`);
    chunkFn = [
      'fn chunk(c: u32) {',
      `  let x = ${buffer(0)}[params.x_offset / 4u + c];`,
      ...(pass === 'backward' ? [`  let dy = ${buffer(1)}[params.dy_offset / 4u + c];`] : []),
      `  ${buffer(out)}[params.out_offset / 4u + c] = vec4<f32>(${lanes.map(call).join(', ')});`,
      '}',
    ].join('\n');
  } else {
    const dy = pass === 'backward' ? `, ${buffer(1)}[params.dy_offset + i]` : '';
    chunkFn = [
      'fn element(i: u32) {',
      `  ${buffer(out)}[params.out_offset + i] = value(${buffer(0)}[params.x_offset + i]${dy});`,
      '}',
      'fn chunk(c: u32) {',
      '  let first = c * 4u;',
      '  let last = min(first + 4u, params.length);',
      '  for (var i = first; i < last; i++) {',
      '    element(i);',
      '  }',
      '}',
    ].join('\n');
  }
  const element = access === 'vec4' ? 'vec4<f32>' : 'f32';
  return [kernel.source, elementwiseSource, ...bindingsFor(aliasing, written, element), valueFn, countFn, chunkFn].join('\n');
}
