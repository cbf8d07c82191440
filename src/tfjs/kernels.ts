/**
 * The TF.js kernels `Mish` and `MishGrad` for the WebGPU backend, and the gradients of both (`MishGrad`'s for
 * second-order gradients). Registered on first use (importing the package registers nothing), under whatever name
 * the WebGPU backend was registered with.
 */
import {
  engine,
  type GradConfig,
  getGradient,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  mul,
  registerGradient,
  registerKernel,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { compositeMishGrad2 } from './composite.js';
import { MISH_GRAD_KERNEL, MISH_KERNEL } from './kernel-names.js';
import { MishGradProgram, MishProgram } from './programs.js';

/** Whether `backend` is TF.js's WebGPU backend (or one built on it): it can run our programs. */
export function isWebGPUBackend(backend: unknown): backend is WebGPUBackend {
  return typeof (backend as Partial<WebGPUBackend> | null)?.runWebGPUProgram === 'function';
}

function float32Input(kernel: string, name: string, tensor: TensorInfo | undefined): TensorInfo {
  if (tensor === undefined || tensor.dtype !== 'float32') {
    throw new TypeError(
      `${kernel}: input ${name} must be a float32 tensor (got ${tensor?.dtype ?? 'none'}); call mish() from ` +
        "'webgpu-mish/tfjs', which casts its input, rather than running the kernel directly",
    );
  }
  return tensor;
}

const mishKernel: KernelFunc = ({ inputs, backend }) => {
  const x = float32Input(MISH_KERNEL, 'x', inputs.x);
  return (backend as WebGPUBackend).runWebGPUProgram(new MishProgram(x.shape), [x], 'float32');
};

const mishGradKernel: KernelFunc = ({ inputs, backend }) => {
  const x = float32Input(MISH_GRAD_KERNEL, 'x', inputs.x);
  const dy = float32Input(MISH_GRAD_KERNEL, 'dy', inputs.dy);
  return (backend as WebGPUBackend).runWebGPUProgram(new MishGradProgram(x.shape), [x, dy], 'float32');
};

const mishGradient: GradConfig = {
  kernelName: MISH_KERNEL,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as Tensor[];
    return { x: () => engine().runKernel(MISH_GRAD_KERNEL, { x: x as Tensor, dy: dy as Tensor }) as Tensor };
  },
};

/**
 * MishGrad(x, dy) = dy·mish'(x): its derivative in dy is mish'(x) again (the fused kernel), in x dy·mish''(x) (TF.js
 * ops, as second-order gradients are rare and not worth a kernel of their own).
 */
const mishGradGradient: GradConfig = {
  kernelName: MISH_GRAD_KERNEL,
  inputsToSave: ['x', 'dy'],
  gradFunc: (g, saved) => {
    const [x, dy] = saved as Tensor[];
    return {
      x: () => mul(mul(g as Tensor, dy as Tensor), compositeMishGrad2(x as Tensor)),
      dy: () => engine().runKernel(MISH_GRAD_KERNEL, { x: x as Tensor, dy: g as Tensor }) as Tensor,
    };
  },
};

/**
 * Registers `Mish` and `MishGrad` for the WebGPU backend named `backendName`, and the gradient of `Mish`, unless
 * they already are. Cheap after the first call: one registry lookup per kernel.
 */
export function ensureWebGPUKernels(backendName: string): void {
  const kernels: KernelConfig[] = [
    { kernelName: MISH_KERNEL, backendName, kernelFunc: mishKernel },
    { kernelName: MISH_GRAD_KERNEL, backendName, kernelFunc: mishGradKernel },
  ];
  for (const config of kernels) {
    if (getKernel(config.kernelName, backendName) === undefined) registerKernel(config);
  }
  for (const gradient of [mishGradient, mishGradGradient]) {
    if (getGradient(gradient.kernelName) === undefined) registerGradient(gradient);
  }
}
