/**
 * Kernels the bench compares against, run through the package's own dispatch path (same tiling, same
 * bindings) so that only the math differs. None of them is part of the package.
 */
import type { KernelSpec } from '../src/shaders.js';
import mishBuiltinSource from './shaders/mish-builtin.wgsl?raw';

/** Memory-bandwidth baseline: forward y = x (8 bytes per element); backward dx = x + dy (12 bytes, like a backward pass). */
export const copyKernel: KernelSpec = { name: 'copy', source: '', forward: 'x', backward: 'x + dy' };

/** Mish composed in one kernel from the WGSL builtins exp, log and tanh. */
export const mishBuiltinKernel: KernelSpec = {
  name: 'mish-builtin',
  source: mishBuiltinSource,
  forward: 'mish_builtin(x)',
  backward: 'dy * mish_builtin_grad(x)',
};

/** The three dispatches of unfused Mish: softplus(x), tanh(·), then x·(·) (a two-input kernel). */
export const softplusKernel: KernelSpec = {
  name: 'softplus',
  source: '',
  forward: 'log(1.0 + exp(x))',
  backward: 'dy / (1.0 + exp(-x))',
};
export const tanhKernel: KernelSpec = { name: 'tanh', source: '', forward: 'tanh(x)', backward: 'dy * (1.0 - tanh(x) * tanh(x))' };
export const multiplyKernel: KernelSpec = { name: 'multiply', source: '', forward: 'x * x', backward: 'x * dy' };
