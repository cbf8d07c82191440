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
import { GraphBuilder, type MishForm } from './graph-builder.js';
import { normals } from './normals.js';

/** Residual blocks per stage (YOLOv4's cfg). */
export const CSP_STAGES = [1, 2, 8, 8, 4] as const;
/** Output channels of each stage (its downsampling convolution). */
const STAGE_CHANNELS = [64, 128, 256, 512, 1024] as const;
/** Channels of the stem convolution. */
const STEM_CHANNELS = 32;
/** Input channels (an RGB image). */
const IMAGE_CHANNELS = 3;

export interface Backbone {
  artifacts: io.ModelArtifacts;
  /** The input's shape, [1, size, size, 3]. */
  inputShape: [number, number, number, number];
  convolutions: number;
  residualAdds: number;
  concatenations: number;
  /** Elements the Mish activations write in one forward (0 for the floor). */
  mishElements: number;
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

/**
 * The backbone at `size`×`size` (a multiple of 32), with Mish in `form` (null: no activation); at full width about 27
 * million weights.
 */
export function cspDarknet53(size: number, form: MishForm | null, options: BackboneOptions = {}): Backbone {
  if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
    throw new RangeError(`cspDarknet53: size must be a multiple of 32, at least 32 (got ${size}); YOLOv4 runs 416 or 608`);
  }
  const divisor = options.widthDivisor ?? 1;
  if (![1, 2, 4, 8, 16].includes(divisor)) throw new RangeError(`cspDarknet53: widthDivisor must be 1, 2, 4, 8 or 16 (got ${divisor})`);
  const seed = options.seed ?? 1;
  const g = new GraphBuilder();
  let nextSeed = seed * 1000;
  let convolutions = 0;
  let residualAdds = 0;
  let concatenations = 0;
  let mishElements = 0;
  let spatial = size;

  /** conv (k×k, stride s, SAME) with a folded-BatchNorm bias, then Mish in `form`. */
  const conv = (name: string, x: string, inChannels: number, outChannels: number, kernel: 1 | 3, stride: 1 | 2 = 1): string => {
    const fanIn = kernel * kernel * inChannels;
    const filter = { values: normals(fanIn * outChannels, nextSeed++, Math.sqrt(2 / fanIn)), shape: [kernel, kernel, inChannels, outChannels] as [number, number, number, number] };
    const c = g.conv(name, x, filter, normals(outChannels, nextSeed++, 0.05), { strides: stride, padding: 'SAME' });
    convolutions++;
    if (stride === 2) spatial /= 2;
    if (form === null) return c;
    mishElements += spatial * spatial * outChannels;
    return g.mish(`${name}/mish`, c, form);
  };

  const input = g.input('image', [1, size, size, IMAGE_CHANNELS]);
  let x = conv('stem', input, IMAGE_CHANNELS, STEM_CHANNELS / divisor, 3);
  let channels: number = STEM_CHANNELS / divisor;
  const features: string[] = [];
  CSP_STAGES.forEach((blocks, s) => {
    const out = (STAGE_CHANNELS[s] as number) / divisor;
    // The first stage keeps full width in its partial paths; the others split it in half.
    const half = s === 0 ? out : out / 2;
    const p = `stage${s + 1}`;
    const down = conv(`${p}/down`, x, channels, out, 3, 2);
    const shortcut = conv(`${p}/split0`, down, out, half, 1);
    let main = conv(`${p}/split1`, down, out, half, 1);
    for (let b = 0; b < blocks; b++) {
      const hidden = s === 0 ? half / 2 : half;
      const h = conv(`${p}/block${b}/reduce`, main, half, hidden, 1);
      const y = conv(`${p}/block${b}/conv`, h, hidden, half, 3);
      main = g.op(`${p}/block${b}/add`, 'AddV2', [main, y]);
      residualAdds++;
    }
    main = conv(`${p}/transition`, main, half, half, 1);
    const joined = g.concat(`${p}/concat`, [main, shortcut]);
    concatenations++;
    x = conv(`${p}/fuse`, joined, 2 * half, out, 1);
    channels = out;
    if (s >= 2) features.push(x);
  });
  return {
    artifacts: g.artifacts([input], features),
    inputShape: [1, size, size, IMAGE_CHANNELS],
    convolutions,
    residualAdds,
    concatenations,
    mishElements,
  };
}
