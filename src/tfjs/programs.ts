/**
 * The package's Mish kernels as TensorFlow.js WebGPU programs. `backend.runWebGPUProgram` compiles them (once per
 * shape rank and dtype, in TF.js's own pipeline cache), binds TF.js's own buffers of the input and output tensors
 * and records the dispatch into TF.js's command encoder: no copy, no readback, and in order with every other op.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import backwardEntry from '../../shaders/tfjs/mish-backward.wgsl?raw';
import forwardEntry from '../../shaders/tfjs/mish-forward.wgsl?raw';
import { mishWgsl } from '../activations.js';

/** Invocations per workgroup, one element each: what TF.js's own unary ops (ReLU among them) use. */
const WORKGROUP_SIZE = 128;

/** A flat element-wise program over `shape`: one invocation per element, guarded by `uniforms.size`. */
abstract class ElementwiseProgram implements WebGPUProgram {
  abstract readonly variableNames: string[];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  /** Reshaped by TF.js into 2-D or 3-D past maxComputeWorkgroupsPerDimension. */
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];
  readonly size = true;
  /** TF.js extends it with the ranks and dtypes of the tensors to key its pipeline cache. */
  abstract shaderKey: string;

  constructor(shape: readonly number[]) {
    this.outputShape = [...shape];
    this.dispatchLayout = { x: shape.map((_, axis) => axis) };
    const elements = shape.reduce((product, extent) => product * extent, 1);
    this.dispatch = [Math.ceil(elements / WORKGROUP_SIZE), 1, 1];
  }

  abstract getUserCode(): string;
}

/** y = mish(x): shaders/mish.wgsl and shaders/tfjs/mish-forward.wgsl. */
export class MishProgram extends ElementwiseProgram {
  readonly variableNames = ['X'];
  shaderKey = 'webgpu_mish_forward';

  getUserCode(): string {
    return `${mishWgsl}\n${forwardEntry}`;
  }
}

/** dx = dy·mish'(x): shaders/mish.wgsl and shaders/tfjs/mish-backward.wgsl. */
export class MishGradProgram extends ElementwiseProgram {
  readonly variableNames = ['X', 'Dy'];
  shaderKey = 'webgpu_mish_backward';

  getUserCode(): string {
    return `${mishWgsl}\n${backwardEntry}`;
  }
}
