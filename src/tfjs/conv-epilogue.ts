/**
 * Mish in the epilogue of TF.js's own WebGPU convolution: `FusedConv2DMish` on the WebGPU backend runs TF.js's
 * `FusedConv2D` kernel (its matrix-product or im2col programs, tuned per shape) with a placeholder activation, and
 * swaps that activation for Mish in every program the call compiles: the program's `fn activation` is renamed away,
 * ours (shaders/tfjs/conv-activation-*.wgsl, on shaders/mish.wgsl) takes its place, and the program's cache key gets
 * a suffix of its own. Bias and Mish are applied to each output value before it is stored: one dispatch, and no
 * round trip of the convolution's output through memory. `FusedConv2DMishAdd` (a residual block's convolution, Mish
 * and add) asks for TF.js's PReLU activation instead, with the block's shortcut as its per-output weights, and swaps
 * it for Mish plus that shortcut (shaders/tfjs/conv-residual-activation-*.wgsl).
 *
 * This reaches into TF.js's internals (the programs' `activation` field and the shape of the code
 * `activationFnSnippet` writes, tfjs-backend-webgpu 4.22). Where they differ, the call notices before anything is
 * returned (no program with the placeholder, or no `fn activation` to replace), drops what ran, and throws
 * EpilogueUnavailable; the op then computes the convolution and Mish apart, and stops trying the epilogue.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import coords3 from '../../shaders/tfjs/conv-activation-f32-coords3.wgsl?raw';
import coords4 from '../../shaders/tfjs/conv-activation-f32-coords4.wgsl?raw';
import vec4Coords3 from '../../shaders/tfjs/conv-activation-vec4-coords3.wgsl?raw';
import vec4Coords4 from '../../shaders/tfjs/conv-activation-vec4-coords4.wgsl?raw';
import residualCoords3 from '../../shaders/tfjs/conv-residual-activation-f32-coords3.wgsl?raw';
import residualCoords4 from '../../shaders/tfjs/conv-residual-activation-f32-coords4.wgsl?raw';
import residualVec4Coords3 from '../../shaders/tfjs/conv-residual-activation-vec4-coords3.wgsl?raw';
import residualVec4Coords4 from '../../shaders/tfjs/conv-residual-activation-vec4-coords4.wgsl?raw';
import { mishWgsl } from '../activations.js';

/** What an epilogue applies: Mish, or Mish and then the residual block's shortcut. */
export type Epilogue = 'mish' | 'mish-add';

/**
 * The activation TF.js is asked for, whose code is then replaced: for Mish one every program supports with no extra
 * input; for Mish and the add, PReLU, whose per-output weights carry the shortcut into the epilogue.
 */
export const PLACEHOLDER_ACTIVATIONS: Record<Epilogue, 'relu' | 'prelu'> = { mish: 'relu', 'mish-add': 'prelu' };

/** Our activation functions, by epilogue and the signature of the one they replace. */
const ACTIVATIONS: Record<Epilogue, Record<string, string>> = {
  mish: { 'f32 3': coords3, 'f32 4': coords4, 'vec4<f32> 3': vec4Coords3, 'vec4<f32> 4': vec4Coords4 },
  'mish-add': { 'f32 3': residualCoords3, 'f32 4': residualCoords4, 'vec4<f32> 3': residualVec4Coords3, 'vec4<f32> 4': residualVec4Coords4 },
};

/** `fn activation(a : T, coords : vecN<i32>) -> T {` as TF.js's activationFnSnippet writes it. */
const SIGNATURE = /fn activation\(\s*a\s*:\s*(f32|vec4<f32>)\s*,\s*coords\s*:\s*vec([34])<i32>\s*\)\s*->\s*(f32|vec4<f32>)\s*\{/g;

/** Why the epilogue could not be applied: TF.js's programs are not what this module expects. */
export class EpilogueUnavailable extends Error {
  override readonly name = 'EpilogueUnavailable';
}

/** A TF.js program's code with its activation replaced by `epilogue`'s. Throws EpilogueUnavailable unless there is one. */
function withMishActivation(code: string, epilogue: Epilogue = 'mish'): string {
  const found = [...code.matchAll(SIGNATURE)];
  if (found.length !== 1) {
    throw new EpilogueUnavailable(`expected one \`fn activation\` in the program, found ${found.length}`);
  }
  const [, type, coords] = found[0] as RegExpMatchArray;
  const replacement = ACTIVATIONS[epilogue][`${type} ${coords}`];
  if (replacement === undefined) throw new EpilogueUnavailable(`no ${epilogue} activation for ${type} with ${coords} coordinates`);
  if (epilogue === 'mish-add' && !code.includes('getPreluActivationWeightsByOutputCoords')) {
    throw new EpilogueUnavailable("the program reads no per-output activation weights (the residual block's shortcut)");
  }
  return `${mishWgsl}\n${code.replace('fn activation(', 'fn tfjs_activation_replaced(')}\n${replacement}`;
}

type ProgramWithActivation = WebGPUProgram & { activation?: string | null };

/** TF.js's program cache keys and ours (made once per key: the lookup hashes the string on every call). */
const ourKeys = new Map<string, string>();

/** The call of runWithMishEpilogue in progress: its epilogue, and its count of programs given it. */
let active: { epilogue: Epilogue; replaced: number } | null = null;

/** Backends whose runWebGPUProgram already looks for the placeholder. */
const intercepting = new WeakSet<WebGPUBackend>();

/**
 * Gives `backend` a runWebGPUProgram of its own, once: while a call of runWithMishEpilogue is in progress, a program
 * that carries the placeholder activation gets Mish in its place; every other program, and every program outside
 * such a call, goes through as it came. (Set once and kept: adding and removing the method on every call would cost
 * the backend object its fast property access.)
 */
function intercept(backend: WebGPUBackend): void {
  if (intercepting.has(backend)) return;
  const original = backend.runWebGPUProgram;
  backend.runWebGPUProgram = function runWithMish(this: WebGPUBackend, program, ...rest) {
    if (active !== null && (program as ProgramWithActivation).activation === PLACEHOLDER_ACTIVATIONS[active.epilogue]) {
      const code = program.getUserCode.bind(program);
      const epilogue = active.epilogue;
      program.getUserCode = () => withMishActivation(code(), epilogue);
      const cacheKey = `${program.shaderKey} ${epilogue}`;
      let key = ourKeys.get(cacheKey);
      if (key === undefined) {
        key = `${program.shaderKey}_webgpu_${epilogue.replace('-', '_')}`;
        ourKeys.set(cacheKey, key);
      }
      program.shaderKey = key;
      active.replaced++;
    }
    return original.call(this, program, ...rest);
  };
  intercepting.add(backend);
}

/**
 * Runs `conv` (TF.js's FusedConv2D kernel, called with `epilogue`'s placeholder activation) with `epilogue` as the
 * activation of every program it runs. Throws EpilogueUnavailable, having disposed the result, where no program
 * carried the placeholder.
 */
export function runWithMishEpilogue(backend: WebGPUBackend, conv: () => TensorInfo, epilogue: Epilogue = 'mish'): TensorInfo {
  intercept(backend);
  const call = { epilogue, replaced: 0 };
  const outer = active;
  active = call;
  let result: TensorInfo;
  try {
    result = conv();
  } finally {
    active = outer;
  }
  if (call.replaced === 0) {
    backend.disposeData(result.dataId);
    throw new EpilogueUnavailable('no program of the convolution carried the placeholder activation');
  }
  return result;
}
