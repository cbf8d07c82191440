/**
 * conv2dMish's arguments, checked before anything reaches a backend: what tf.fused.conv2d would reject, as a
 * TypeError (wrong kind) or RangeError (wrong shape or value) that names the argument and the fix, and the parameters
 * with their defaults filled in.
 */
import { Tensor } from '@tensorflow/tfjs-core';
import { describeValue } from '../describe.js';
import { checkOptionKeys } from '../options.js';

type Pair = [number, number];

/** A convolution's parameters, as tf.conv2d takes them. */
export interface ConvParams {
  /** [strideHeight, strideWidth], or one number for both. */
  strides: number | Pair;
  /** 'same', 'valid', one padding for every side, or explicit [[before, after]] for each of the 4 axes in the data format's order. */
  pad: 'same' | 'valid' | number | [Pair, Pair, Pair, Pair];
  /** Default 'NHWC' (the epilogue runs in NHWC only; NCHW computes the two ops apart). */
  dataFormat?: 'NHWC' | 'NCHW';
  /** [dilationHeight, dilationWidth], or one number for both; default 1. */
  dilations?: number | Pair;
}

/** The parameters with every default filled in and every pair spelled out. */
export interface ConvAttrs {
  strides: Pair;
  pad: ConvParams['pad'];
  dataFormat: 'NHWC' | 'NCHW';
  dilations: Pair;
}

const PARAM_KEYS: ReadonlySet<string> = new Set<keyof ConvParams>(['strides', 'pad', 'dataFormat', 'dilations']);

const isCount = (value: unknown, least: number): value is number => Number.isInteger(value) && (value as number) >= least;

function pair(fn: string, name: 'strides' | 'dilations', value: unknown): Pair {
  if (isCount(value, 1)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => isCount(v, 1))) return value as Pair;
  throw new RangeError(
    `${fn}: params.${name} must be a positive integer or a pair of them (got ${JSON.stringify(value) ?? describeValue(value)}); e.g. ${name}: [1, 1]`,
  );
}

function padding(fn: string, value: unknown): ConvParams['pad'] {
  if (value === 'same' || value === 'valid' || isCount(value, 0)) return value;
  const isPair = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((v) => isCount(v, 0));
  if (Array.isArray(value) && value.length === 4 && value.every(isPair)) return value as ConvParams['pad'];
  throw new TypeError(
    `${fn}: params.pad must be 'same', 'valid', a non-negative integer or [[top, bottom], …] for each of the 4 axes ` +
      `(got ${JSON.stringify(value) ?? describeValue(value)}); e.g. pad: 'same'`,
  );
}

function rank4(fn: string, name: 'x' | 'filter', value: unknown, layout: string): Tensor {
  if (!(value instanceof Tensor) || value.rank !== 4) {
    const got = value instanceof Tensor ? `a rank-${value.rank} tensor of shape [${value.shape.join(', ')}]` : describeValue(value);
    const fix = name === 'x' ? 'for one image pass x.expandDims(0)' : 'pass the filter as tf.tensor4d(values, shape)';
    throw new TypeError(`${fn}: ${name} must be a rank-4 tf.Tensor, ${layout} (got ${got}); ${fix}`);
  }
  if (value.dtype !== 'float32') {
    throw new TypeError(`${fn}: ${name} must be float32 (got ${value.dtype}); cast it with tf.cast(${name}, 'float32')`);
  }
  return value;
}

/** Checks `params` of conv2dMish (or of `fn`, which takes the same); returns them with the defaults filled in. */
export function checkConvParams(params: unknown, fn = 'conv2dMish'): ConvAttrs {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError(`${fn}: params must be an object (got ${describeValue(params)}); e.g. { strides: 1, pad: 'same' }`);
  }
  checkOptionKeys(fn, 'params', params, PARAM_KEYS);
  const given = params as Partial<Record<keyof ConvParams, unknown>>;
  const dataFormat = given.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') {
    throw new TypeError(`${fn}: params.dataFormat must be 'NHWC' or 'NCHW' (got ${describeValue(dataFormat)})`);
  }
  if (given.strides === undefined) throw new TypeError(`${fn}: params.strides is required; e.g. { strides: 1, pad: 'same' }`);
  if (given.pad === undefined) throw new TypeError(`${fn}: params.pad is required; e.g. { strides: 1, pad: 'same' }`);
  const strides = pair(fn, 'strides', given.strides);
  const dilations = pair(fn, 'dilations', given.dilations ?? 1);
  if (strides.some((s) => s !== 1) && dilations.some((d) => d !== 1)) {
    throw new RangeError(`${fn}: strides [${strides.join(', ')}] and dilations [${dilations.join(', ')}]: one of them must be 1, as in tf.conv2d`);
  }
  return { strides, pad: padding(fn, given.pad), dataFormat, dilations };
}

/** Checks the tensors of conv2dMish (or of `fn`) against each other, in `dataFormat`. */
export function checkConvTensors(x: unknown, filter: unknown, bias: unknown, dataFormat: ConvAttrs['dataFormat'], fn = 'conv2dMish'): void {
  const input = rank4(fn, 'x', x, dataFormat === 'NHWC' ? '[batch, height, width, channels]' : '[batch, channels, height, width]');
  const kernel = rank4(fn, 'filter', filter, '[filterHeight, filterWidth, inChannels, outChannels]');
  const channels = input.shape[dataFormat === 'NHWC' ? 3 : 1];
  if (kernel.shape[2] !== channels) {
    throw new RangeError(
      `${fn}: filter.shape[2] (${kernel.shape[2]} input channels) must equal x's channels (${channels}, ` +
        `x.shape[${dataFormat === 'NHWC' ? 3 : 1}] in ${dataFormat})`,
    );
  }
  const outChannels = kernel.shape[3];
  if (bias === undefined || bias === null) return;
  if (!(bias instanceof Tensor) || bias.dtype !== 'float32') {
    const got = bias instanceof Tensor ? `a ${bias.dtype} tensor` : describeValue(bias);
    throw new TypeError(`${fn}: bias must be a float32 tf.Tensor or undefined (got ${got}); pass tf.tensor1d(values)`);
  }
  if (bias.rank > 1 || (bias.rank === 1 && bias.shape[0] !== outChannels && bias.shape[0] !== 1)) {
    throw new RangeError(`${fn}: bias must be a scalar or a 1-D tensor of filter.shape[3] (${outChannels}) values (got shape [${bias.shape.join(', ')}])`);
  }
}
