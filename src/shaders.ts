import elementwiseSource from '../shaders/elementwise.wgsl?raw';
import mishSource from '../shaders/mish.wgsl?raw';
import reluSource from '../shaders/relu.wgsl?raw';
import swishSource from '../shaders/swish.wgsl?raw';
import { PARAMS_BINDING } from './constants.js';

/**
 * WGSL source defining `fn mish(x: f32) -> f32` and `fn mish_grad(x: f32) -> f32` (and the constant
 * `MISH_CLAMP`), to fuse Mish into your own shaders. The package's kernels use this same source.
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
}

export const activationKernels: Record<Activation, KernelSpec> = {
  mish: { name: 'mish', source: mishSource, forward: 'mish(x)', backward: 'dy * mish_grad(x)' },
  relu: { name: 'relu', source: reluSource, forward: 'relu(x)', backward: 'dy * relu_grad(x)' },
  swish: { name: 'swish', source: swishSource, forward: 'swish(x)', backward: 'dy * swish_grad(x)' },
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
 * elements, length a multiple of 4); 'scalar' binds array<f32> and takes any offsets and length.
 */
export type Width = 'vec4' | 'scalar';

/** Builds the WGSL of one kernel: its functions, the body, `params`, bindings for this aliasing, `chunk(c)`. */
export function buildKernelSource(kernel: KernelSpec, pass: Pass, aliasing: Aliasing, width: Width): string {
  const operands = operandsOf[pass];
  const written = aliasing[operands.length - 1];
  const slotCount = Math.max(...aliasing) + 1;
  const element = width === 'vec4' ? 'vec4<f32>' : 'f32';
  const bindings = [`@group(0) @binding(${PARAMS_BINDING}) var<uniform> params: Params;`];
  for (let slot = 0; slot < slotCount; slot++) {
    const access = slot === written ? 'read_write' : 'read';
    bindings.push(
      `@group(0) @binding(${PARAMS_BINDING + 1 + slot}) var<storage, ${access}> buffer${slot}: array<${element}>;`,
    );
  }
  const buffer = (operand: number): string => `buffer${aliasing[operand]}`;
  const out = operands.length - 1;
  const valueArgs = pass === 'forward' ? 'x: f32' : 'x: f32, dy: f32';
  const valueFn = `fn value(${valueArgs}) -> f32 {\n  return ${pass === 'forward' ? kernel.forward : kernel.backward};\n}`;
  let chunkFn: string;
  if (width === 'vec4') {
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
  return [kernel.source, elementwiseSource, ...bindings, valueFn, chunkFn].join('\n');
}
