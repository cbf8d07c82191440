/**
 * The graph-model ops of the rewritten models (src/tfjs/graph/rewrite.ts), registered with tfjs-converter's
 * `registerOp`: `Mish` runs `mish()` (the fused kernel on WebGPU, TF.js's own ops elsewhere), `FusedConv2DMish`
 * runs `conv2dMish()` and `FusedConv2DMishAdd` `conv2dMishAdd()`, with the attributes tfjs-converter gives a
 * `_FusedConv2D` node.
 */
import { registerOp } from '@tensorflow/tfjs-converter';
import { add, backend, exp, log, log1p, mul, softplus, type Tensor, type Tensor1D, type Tensor4D, tanh, tidy } from '@tensorflow/tfjs-core';
import type { ConvAttrs } from '../conv-args.js';
import { convMishNode } from '../conv-mish.js';
import { isWebGPUBackend } from '../kernels.js';
import { mish } from '../op.js';
import { CONV_MISH_ADD_OP } from './conv-mish-add-fusion.js';
import { CONV_MISH_OP } from './conv-mish-fusion.js';
import { MISH_FORM_ATTR, MISH_OP, type MishForm } from './mish-fusion.js';

/** A node's attributes as tfjs-converter parses them for a custom op: strings lower-cased, lists as arrays. */
type Attrs = Record<string, unknown>;

/** The convolution's parameters from the `_FusedConv2D` attributes the fused node kept. */
function convParams(attrs: Attrs): ConvAttrs {
  const list = (name: string, fallback: number[]): number[] => (Array.isArray(attrs[name]) ? (attrs[name] as number[]) : fallback);
  const strides = list('strides', [1, 1, 1, 1]);
  const dilations = list('dilations', [1, 1, 1, 1]);
  const padding = String(attrs.padding ?? 'valid').toLowerCase();
  const dataFormat = String(attrs.data_format ?? 'NHWC').toUpperCase() === 'NCHW' ? 'NCHW' : 'NHWC';
  // The spatial axes of the 4-element attribute lists: 1, 2 in NHWC, 2, 3 in NCHW.
  const [h, w] = dataFormat === 'NHWC' ? [1, 2] : [2, 3];
  let pad: ConvAttrs['pad'];
  if (padding === 'explicit') {
    const flat = list('explicit_paddings', [0, 0, 0, 0, 0, 0, 0, 0]);
    const axis = (k: number): [number, number] => [flat[2 * k] ?? 0, flat[2 * k + 1] ?? 0];
    pad = [axis(0), axis(1), axis(2), axis(3)];
  } else {
    pad = padding === 'same' ? 'same' : 'valid';
  }
  return { strides: [strides[h] ?? 1, strides[w] ?? 1], pad, dataFormat, dilations: [dilations[h] ?? 1, dilations[w] ?? 1] };
}

/**
 * A FusedConv2DMish node's parameters, read from its attributes once per node: tfjs-converter hands a custom op a new
 * value object on every execution, holding the model's node (stable) as `node`.
 */
const nodeParams = new WeakMap<object, ConvAttrs>();

function paramsOf(node: { attrs: Attrs }): ConvAttrs {
  const key = (node as { node?: object }).node;
  const cached = key === undefined ? undefined : nodeParams.get(key);
  if (cached !== undefined) return cached;
  const params = convParams(node.attrs);
  if (key !== undefined) nodeParams.set(key, params);
  return params;
}

/** The composite a Mish node replaced, as the original graph computed it (Addons>Mish, which TF.js cannot run: mish()). */
function original(form: unknown): (x: Tensor) => Tensor {
  const composites: Record<MishForm, (x: Tensor) => Tensor> = {
    softplus: (x) => mul(x, tanh(softplus(x))),
    log1p: (x) => mul(x, tanh(log1p(exp(x)))),
    'log-add': (x) => mul(x, tanh(log(add(exp(x), 1)))),
    addons: mish,
  };
  const composite = composites[form as MishForm] ?? mish;
  return (x) => tidy(() => composite(x));
}

let registered = false;

/**
 * Registers the ops of models rewritten by fuseMishInGraph with tfjs-converter (idempotent). fuseMishInGraph and
 * withFusedMish call it for you; call it yourself before loading rewritten artifacts saved earlier (a model.json with
 * `Mish` or `FusedConv2DMish` nodes), which TF.js would otherwise refuse as an unknown op.
 *
 * @example
 * ```ts
 * registerMishOps();
 * const model = await tf.loadGraphModel('rewritten/model.json');
 * ```
 */
export function registerMishOps(): void {
  if (registered) return;
  // The fused kernel on WebGPU; elsewhere what the node replaced.
  const activation = (attrs: Attrs): ((x: Tensor) => Tensor) => (isWebGPUBackend(backend()) ? mish : original(attrs[MISH_FORM_ATTR]));
  registerOp(MISH_OP, (node) => activation(node.attrs)(node.inputs[0] as Tensor));
  registerOp(CONV_MISH_OP, (node) => {
    const [x, filter, bias] = node.inputs as [Tensor4D, Tensor4D, Tensor1D | undefined];
    return convMishNode(x, filter, bias, paramsOf(node), activation(node.attrs));
  });
  registerOp(CONV_MISH_ADD_OP, (node) => {
    const [x, filter, shortcut, bias] = node.inputs as [Tensor4D, Tensor4D, Tensor, Tensor1D | undefined];
    return convMishNode(x, filter, bias, paramsOf(node), activation(node.attrs), shortcut);
  });
  registered = true;
}
