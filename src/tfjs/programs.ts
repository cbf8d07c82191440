/**
 * The package's Mish kernels as TensorFlow.js WebGPU programs. `backend.runWebGPUProgram` compiles them (once per
 * shape rank and dtype, in TF.js's own pipeline cache), binds TF.js's own buffers of the input and output tensors
 * and records the dispatch into TF.js's command encoder: no copy, no readback, and in order with every other op.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import backwardEntry from '../../shaders/tfjs/mish-backward.wgsl?raw';
import backwardVec4Entry from '../../shaders/tfjs/mish-backward-vec4.wgsl?raw';
import forwardEntry from '../../shaders/tfjs/mish-forward.wgsl?raw';
import forwardVec4Entry from '../../shaders/tfjs/mish-forward-vec4.wgsl?raw';
import { mishWgsl } from '../activations.js';

/** Invocations per workgroup: what TF.js's own unary ops (ReLU among them) use. */
const WORKGROUP_SIZE = 128;

/**
 * A flat element-wise program over `shape`, guarded by `uniforms.size`: one invocation per element, or per four
 * where the last dimension is a multiple of 4 (TF.js's rule for its vec4 element-wise programs), whose buffers TF.js
 * then binds as vec4<f32>.
 */
abstract class ElementwiseProgram implements WebGPUProgram {
  abstract readonly variableNames: string[];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  /** Reshaped by TF.js into 2-D or 3-D past maxComputeWorkgroupsPerDimension. */
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];
  readonly size = true;
  /** Elements per invocation, 4 or 1; TF.js divides `uniforms.size` by it. */
  readonly outputComponent: number;
  readonly variableComponents: number[];
  /** TF.js extends it with the ranks and dtypes of the tensors to key its pipeline cache. */
  abstract shaderKey: string;

  constructor(shape: readonly number[], inputs: number) {
    this.outputShape = [...shape];
    this.dispatchLayout = { x: shape.map((_, axis) => axis) };
    const last = shape[shape.length - 1];
    this.outputComponent = last !== undefined && last % 4 === 0 ? 4 : 1;
    this.variableComponents = Array.from({ length: inputs }, () => this.outputComponent);
    const elements = shape.reduce((product, extent) => product * extent, 1);
    this.dispatch = [Math.ceil(elements / this.outputComponent / WORKGROUP_SIZE), 1, 1];
  }

  abstract getUserCode(): string;
}

/** y = mish(x): shaders/mish.wgsl and shaders/tfjs/mish-forward.wgsl (or its vec4 form). */
export class MishProgram extends ElementwiseProgram {
  readonly variableNames = ['X'];
  shaderKey: string;

  constructor(shape: readonly number[]) {
    super(shape, 1);
    this.shaderKey = `webgpu_mish_forward_${this.outputComponent}`;
  }

  getUserCode(): string {
    return `${mishWgsl}\n${this.outputComponent === 4 ? forwardVec4Entry : forwardEntry}`;
  }
}

/** dx = dy·mish'(x): shaders/mish.wgsl and shaders/tfjs/mish-backward.wgsl (or its vec4 form). */
export class MishGradProgram extends ElementwiseProgram {
  readonly variableNames = ['X', 'Dy'];
  shaderKey: string;

  constructor(shape: readonly number[]) {
    super(shape, 2);
    this.shaderKey = `webgpu_mish_backward_${this.outputComponent}`;
  }

  getUserCode(): string {
    return `${mishWgsl}\n${this.outputComponent === 4 ? backwardVec4Entry : backwardEntry}`;
  }
}
