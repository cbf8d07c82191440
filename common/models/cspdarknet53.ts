/**
 * YOLOv4's backbone, CSPDarknet53, as tfjs-converter writes it from a Keras or TensorFlow port: 72 convolutions (each
 * `_FusedConv2D` with its BatchNorm folded into a bias, then Mish), 23 residual adds and 5 concatenations, in five
 * cross-stage-partial stages of 1, 2, 8, 8 and 4 residual blocks, each stage opened by a stride-2 3×3 convolution
 * (SAME padding). Its outputs are the three feature maps YOLOv4's neck reads (strides 8, 16 and 32). Weights are
 * random, seeded (He-normal filters, small biases); every form of the net shares them.
 *
 * Forms: Mish as the converter keeps a port's `x * tanh(softplus(x))` ('softplus'), or as any of the other forms the
 * rewrite knows, or none at all (null: the floor, the same convolutions with no activation).
 */
import type { io } from '@tensorflow/tfjs-core';
import type { MishForm } from './graph-builder.js';
import { type NetTensor, type NetworkWriter, TfNetwork } from './network.js';
import { normals } from './normals.js';
import type { NetworkCounts } from './types.js';

/** Residual blocks per stage (YOLOv4's cfg). */
const CSP_STAGES = [1, 2, 8, 8, 4] as const;
/** Output channels of each stage (its downsampling convolution). */
const STAGE_CHANNELS = [64, 128, 256, 512, 1024] as const;
/** Channels of the stem convolution. */
const STEM_CHANNELS = 32;
/** Input channels (an RGB image). */
export const IMAGE_CHANNELS = 3;

/** A network built for the bench: its artifacts, its input's shape and what it holds (0 Mish for the floor). */
export interface Backbone extends NetworkCounts {
  artifacts: io.ModelArtifacts;
  /** The input's shape, [1, size, size, 3]. */
  inputShape: [number, number, number, number];
}

export interface BackboneOptions {
  /** Weights' seed: the same seed gives every form the same weights. Default 1. */
  seed?: number;
  /**
   * Every layer's channels divided by this (1, 2, 4, 8 or 16; default 1, YOLOv4's): the same 72 convolutions and
   * their topology with 1/width² of the weights, for the tests and the demo's quick setting.
   */
  widthDivisor?: number;
}

/** Checks a backbone's size and width divisor (the same rules for YOLOv4, which contains it). */
export function checkBackboneSize(fn: string, size: number, divisor: number): void {
  if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
    throw new RangeError(`${fn}: size must be a multiple of 32, at least 32 (got ${size}); YOLOv4 runs 416 or 608`);
  }
  if (![1, 2, 4, 8, 16].includes(divisor)) throw new RangeError(`${fn}: widthDivisor must be 1, 2, 4, 8 or 16 (got ${divisor})`);
}

/** A writer of seeded convolutions: He-normal filters and small biases, every network form drawing the same ones. */
export function seededConvolutions(net: NetworkWriter, seed: number) {
  let nextSeed = seed * 1000;
  let count = 0;
  return {
    conv(name: string, x: NetTensor, outChannels: number, kernel: 1 | 3, stride: 1 | 2, activation: 'mish' | 'leaky' | 'linear'): NetTensor {
      const inChannels = x.shape[3];
      const fanIn = kernel * kernel * inChannels;
      const values = normals(fanIn * outChannels, nextSeed++, Math.sqrt(2 / fanIn));
      const bias = normals(outChannels, nextSeed++, 0.05);
      count++;
      return net.conv(name, x, { values, shape: [kernel, kernel, inChannels, outChannels] }, bias, stride, activation);
    },
    get count() {
      return count;
    },
  };
}

/**
 * CSPDarknet53 on `input`, written to `net`: its three feature maps (strides 8, 16 and 32) and what it holds. The
 * weights come from `convolutions` (seededConvolutions), in the order the layers are written.
 */
export function writeCspDarknet53(net: NetworkWriter, input: NetTensor, convolutions: ReturnType<typeof seededConvolutions>, divisor: number) {
  const conv = (name: string, x: NetTensor, out: number, kernel: 1 | 3, stride: 1 | 2 = 1) => convolutions.conv(name, x, out, kernel, stride, 'mish');
  let residualAdds = 0;
  let residualElements = 0;
  let concatenations = 0;
  let x = conv('stem', input, STEM_CHANNELS / divisor, 3);
  const features: NetTensor[] = [];
  CSP_STAGES.forEach((blocks, s) => {
    const out = (STAGE_CHANNELS[s] as number) / divisor;
    // The first stage keeps full width in its partial paths; the others split it in half.
    const half = s === 0 ? out : out / 2;
    const p = `stage${s + 1}`;
    const down = conv(`${p}/down`, x, out, 3, 2);
    const shortcut = conv(`${p}/split0`, down, half, 1);
    let main = conv(`${p}/split1`, down, half, 1);
    for (let b = 0; b < blocks; b++) {
      const hidden = s === 0 ? half / 2 : half;
      const h = conv(`${p}/block${b}/reduce`, main, hidden, 1);
      const y = conv(`${p}/block${b}/conv`, h, half, 3);
      main = net.add(`${p}/block${b}/add`, main, y);
      residualAdds++;
      residualElements += main.shape.reduce((a, c) => a * c, 1);
    }
    main = conv(`${p}/transition`, main, half, 1);
    const joined = net.concat(`${p}/concat`, [main, shortcut]);
    concatenations++;
    x = conv(`${p}/fuse`, joined, out, 1);
    if (s >= 2) features.push(x);
  });
  return { features: features as [NetTensor, NetTensor, NetTensor], residualAdds, residualElements, concatenations };
}

/**
 * The backbone at `size`×`size` (a multiple of 32), with Mish in `form` (null: no activation); at full width about 27
 * million weights.
 */
export function cspDarknet53(size: number, form: MishForm | null, options: BackboneOptions = {}): Backbone {
  const divisor = options.widthDivisor ?? 1;
  checkBackboneSize('cspDarknet53', size, divisor);
  const net = new TfNetwork(form);
  const convolutions = seededConvolutions(net, options.seed ?? 1);
  const input = net.input('image', [1, size, size, IMAGE_CHANNELS]);
  const { features, residualAdds, residualElements, concatenations } = writeCspDarknet53(net, input, convolutions, divisor);
  return {
    artifacts: net.artifacts([input], features),
    inputShape: input.shape,
    convolutions: convolutions.count,
    residualAdds,
    concatenations,
    mishElements: net.mishElements,
    mishLayers: net.mishLayers,
    residualElements,
  };
}
