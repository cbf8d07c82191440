/**
 * Kernels the bench, the accuracy sweep and the demo compare the package's against, run through the package's own
 * element-wise path (same tiling, same bindings) so that only the math differs. None of them is part of the
 * package; each is a WGSL file in common/shaders/ defining forward_value and backward_value.
 */
import type { KernelSpec } from '../src/testing.js';
import copySource from './shaders/copy.wgsl?raw';
import mishBuiltinSource from './shaders/mish-builtin.wgsl?raw';
import multiplySource from './shaders/multiply.wgsl?raw';
import softplusSource from './shaders/softplus.wgsl?raw';
import tanhSource from './shaders/tanh.wgsl?raw';

/** Memory-bandwidth baseline: forward y = x (8 bytes per element); backward dx = x + dy (12 bytes). */
export const copyKernel: KernelSpec = { name: 'copy', source: copySource };

/** Mish composed in one kernel from the WGSL builtins exp, log and tanh, as a user would write it. */
export const mishBuiltinKernel: KernelSpec = { name: 'mish-builtin', source: mishBuiltinSource };

/** The three dispatches of unfused Mish: softplus(x), tanh(·), then x·(·) (a two-input kernel, run backward). */
export const softplusKernel: KernelSpec = { name: 'softplus', source: softplusSource };
export const tanhKernel: KernelSpec = { name: 'tanh', source: tanhSource };
export const multiplyKernel: KernelSpec = { name: 'multiply', source: multiplySource };
