/**
 * A convolutional network written once and emitted two ways: as tfjs-converter writes a TensorFlow graph (NHWC,
 * TfNetwork below, on GraphBuilder) and as an ONNX model for ONNX Runtime Web (NCHW, common/ort/onnx-network.ts), with
 * the same weights. The bench's models (CSPDarknet53, YOLOv4) are written against this interface.
 *
 * Convolutions are SAME-padded with their BatchNorm folded into a bias, then activated: Mish (as the TensorFlow ports
 * write it: a composite the converter keeps, or none at all for the floor), leaky ReLU with α = 0.1 (which TensorFlow's
 * graph optimizer folds into the convolution: `_FusedConv2D` with `fused_ops: [BiasAdd, LeakyRelu]`), or none.
 */
import type { io } from '@tensorflow/tfjs-core';
import { GraphBuilder, type MishForm } from './graph-builder.js';

export type Activation = 'mish' | 'leaky' | 'linear';

/** A filter as TensorFlow stores it: [height, width, inChannels, outChannels]. */
export interface Filter {
  values: Float32Array;
  shape: [number, number, number, number];
}

/** A tensor of the network: its name and NHWC shape. */
export interface NetTensor {
  name: string;
  shape: [number, number, number, number];
}

export interface NetworkWriter {
  input(name: string, shape: [number, number, number, number]): NetTensor;
  conv(name: string, x: NetTensor, filter: Filter, bias: Float32Array, stride: 1 | 2, activation: Activation): NetTensor;
  add(name: string, a: NetTensor, b: NetTensor): NetTensor;
  concat(name: string, inputs: NetTensor[]): NetTensor;
  /** Max pooling, `size` × `size`, stride 1, SAME. */
  maxPool(name: string, x: NetTensor, size: number): NetTensor;
  /** Nearest-neighbour upsampling ×2 (TensorFlow's `tf.image.resize(…, method='nearest')`). */
  upsample(name: string, x: NetTensor): NetTensor;
}

/** The leaky ReLU slope of the YOLOv4 ports. */
export const LEAKY_ALPHA = 0.1;

/** Output extent of a SAME convolution or pooling. */
export function sameExtent(extent: number, stride: number): number {
  return Math.ceil(extent / stride);
}

/** The TensorFlow graph, as tfjs-converter writes it; Mish in `mish` form, or left out where `mish` is null. */
export class TfNetwork implements NetworkWriter {
  readonly g = new GraphBuilder();
  /** Elements the Mish activations write in one forward, and how many activations are Mish. */
  mishElements = 0;
  mishLayers = 0;

  constructor(private readonly mish: MishForm | null) {}

  input(name: string, shape: [number, number, number, number]): NetTensor {
    return { name: this.g.input(name, shape), shape };
  }

  conv(name: string, x: NetTensor, filter: Filter, bias: Float32Array, stride: 1 | 2, activation: Activation): NetTensor {
    const [n, h, w] = x.shape;
    const shape: [number, number, number, number] = [n, sameExtent(h, stride), sameExtent(w, stride), filter.shape[3]];
    if (activation === 'leaky') {
      const c = this.g.conv(name, x.name, filter, bias, { strides: stride, padding: 'SAME' });
      const node = this.g.nodes.find((node) => node.name === name);
      if (node?.attr !== undefined) {
        node.attr.fused_ops = { list: { s: [btoa('BiasAdd'), btoa('LeakyRelu')] } };
        node.attr.leakyrelu_alpha = { f: LEAKY_ALPHA };
      }
      return { name: c, shape };
    }
    const c = this.g.conv(name, x.name, filter, bias, { strides: stride, padding: 'SAME' });
    if (activation === 'linear' || this.mish === null) return { name: c, shape };
    this.mishElements += shape.reduce((a, b) => a * b, 1);
    this.mishLayers++;
    return { name: this.g.mish(`${name}/mish`, c, this.mish), shape };
  }

  add(name: string, a: NetTensor, b: NetTensor): NetTensor {
    return { name: this.g.op(name, 'AddV2', [a.name, b.name]), shape: a.shape };
  }

  concat(name: string, inputs: NetTensor[]): NetTensor {
    const [first] = inputs as [NetTensor];
    const channels = inputs.reduce((sum, t) => sum + t.shape[3], 0);
    return {
      name: this.g.concat(
        name,
        inputs.map((t) => t.name),
      ),
      shape: [first.shape[0], first.shape[1], first.shape[2], channels],
    };
  }

  maxPool(name: string, x: NetTensor, size: number): NetTensor {
    const attr = {
      ksize: { list: { i: ['1', String(size), String(size), '1'] } },
      strides: { list: { i: ['1', '1', '1', '1'] } },
      padding: { s: btoa('SAME') },
      data_format: { s: btoa('NHWC') },
    };
    return { name: this.g.op(name, 'MaxPool', [x.name], attr), shape: x.shape };
  }

  upsample(name: string, x: NetTensor): NetTensor {
    const [n, h, w, c] = x.shape;
    const size = this.g.constant(`${name}/size`, new Int32Array([2 * h, 2 * w]), [2]);
    const attr = { align_corners: { b: false }, half_pixel_centers: { b: false } };
    return { name: this.g.op(name, 'ResizeNearestNeighbor', [x.name, size], attr), shape: [n, 2 * h, 2 * w, c] };
  }

  artifacts(inputs: NetTensor[], outputs: NetTensor[]): io.ModelArtifacts {
    return this.g.artifacts(
      inputs.map((t) => t.name),
      outputs.map((t) => t.name),
    );
  }
}
