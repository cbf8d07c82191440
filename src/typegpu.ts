/**
 * `webgpu-mish/typegpu`: Mish and its derivative as TypeGPU functions, for shaders written with TypeGPU (as a WGSL
 * template or in TypeGPU's TypeScript shading language). Each carries the WGSL of shaders/mish.wgsl (the same
 * function as `mishWgsl` and the package's kernels: the same bits), with its constants as TypeGPU constants, which
 * TypeGPU names and de-duplicates when it resolves a shader, so they never collide with names of yours.
 *
 * @example
 * ```ts
 * import tgpu from 'typegpu';
 * import * as d from 'typegpu/data';
 * import { mish } from 'webgpu-mish/typegpu';
 *
 * const activate = tgpu.fn([d.f32], d.f32)`(v: f32) -> f32 { return mish(v); }`.$uses({ mish });
 * ```
 */
import tgpu, { type TgpuFn } from 'typegpu';
import * as d from 'typegpu/data';
import mishSource from '../shaders/mish.wgsl?raw';
import { type WgslConstant, wgslConstants, wgslFunctionAfterName } from './wgsl-declarations.js';

const SCHEMA = { f32: d.f32, i32: d.i32, u32: d.u32 } as const;

/** shaders/mish.wgsl's constants as TypeGPU constants, by name. */
const constants = new Map(wgslConstants(mishSource).map((c: WgslConstant) => [c.name, tgpu.const(SCHEMA[c.type], c.value).$name(c.name)]));

/** `fn name` of shaders/mish.wgsl as a TypeGPU function of one f32, using the constants it names. */
function mishFunction(name: string): TgpuFn<(x: d.F32) => d.F32> {
  const implementation = wgslFunctionAfterName(mishSource, name);
  const uses = Object.fromEntries([...constants].filter(([constant]) => new RegExp(`\\b${constant}\\b`).test(implementation)));
  return tgpu.fn([d.f32], d.f32)(implementation).$uses(uses).$name(name);
}

/**
 * mish(x) = x·tanh(softplus(x)) of an f32: within 4 ulp of the exact value for every finite x on every conformant
 * adapter; mish(NaN) = NaN, mish(+∞) = +∞, mish(−∞) = −0 (docs/accuracy.md). Call it as `mish(x)` in a shader that
 * lists it in `$uses`, or from a TypeGPU function.
 */
export const mish: TgpuFn<(x: d.F32) => d.F32> = mishFunction('mish');

/** mish′(x) of an f32: within 4 ulp + 2⁻²² for every finite x; mish′(NaN) = NaN, mish′(+∞) = 1, mish′(−∞) = 0. */
export const mishGrad: TgpuFn<(x: d.F32) => d.F32> = mishFunction('mish_grad');
