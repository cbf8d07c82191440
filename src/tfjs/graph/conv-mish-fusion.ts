/**
 * The convolution epilogue fusion: a convolution whose only reader is a Mish, one node that computes both.
 *
 *   Mish(_FusedConv2D(x, filter, bias; fused_ops: [BiasAdd]))  →  FusedConv2DMish(x, filter, bias)
 *   Mish(Conv2D(x, filter))                                     →  FusedConv2DMish(x, filter)
 *
 * tfjs-converter writes a convolution with its folded BatchNorm as `_FusedConv2D` with `fused_ops: [BiasAdd]` (and
 * would add `Relu`, but knows no Mish). The convolution must be read by the Mish only, be no model output, and be NHWC
 * (TF.js fuses activations into NHWC convolutions only); one with another activation fused already is left alone.
 * The new node takes the Mish node's name (its readers and the model's outputs are unchanged), the convolution's
 * inputs and the attributes of its geometry, and the Mish's form; registerMishOps runs it as one WebGPU program where it can
 * (src/tfjs/conv-mish.ts), and as the convolution then Mish anywhere else.
 */
import { type AttrValue, decodeString, type GraphNode, type IndexedGraph } from './graph.js';
import { MISH_FORM_ATTR, MISH_OP } from './mish-fusion.js';

/** The op of the fused nodes. */
export const CONV_MISH_OP = 'FusedConv2DMish';

/**
 * The convolution's attributes the fused node keeps: those src/tfjs/graph/ops.ts reads, where they differ from its
 * defaults (strides and dilations 1, NHWC — the only format folded). tfjs-converter parses every attribute of a
 * custom op on every execution, so the others (T, fused_ops, epsilon, num_args, …) are dropped.
 */
function keptAttrs(conv: GraphNode): Array<[string, AttrValue]> {
  const attr = conv.attr ?? {};
  const ones = (value: AttrValue | undefined) => (value?.list?.i ?? []).every((n) => Number(n) === 1);
  const kept: Array<[string, AttrValue]> = [];
  if (attr.padding !== undefined) kept.push(['padding', attr.padding]);
  if (attr.strides !== undefined && !ones(attr.strides)) kept.push(['strides', attr.strides]);
  if (attr.dilations !== undefined && !ones(attr.dilations)) kept.push(['dilations', attr.dilations]);
  if (attr.padding?.s !== undefined && decodeString(attr.padding.s) === 'EXPLICIT' && attr.explicit_paddings !== undefined) {
    kept.push(['explicit_paddings', attr.explicit_paddings]);
  }
  return kept;
}

/**
 * A Conv2D (x, filter), or a _FusedConv2D with a bias and nothing else (x, filter, bias) or with nothing fused
 * (x, filter), in NHWC. The inputs are counted: FusedConv2DMish takes its third input as the bias.
 */
function foldable(conv: GraphNode): boolean {
  const format = conv.attr?.data_format?.s;
  if (format !== undefined && decodeString(format) !== 'NHWC') return false;
  const operands = (conv.input ?? []).filter((input) => !input.startsWith('^')).length;
  if (conv.op === 'Conv2D') return operands === 2;
  if (conv.op !== '_FusedConv2D') return false;
  const fusedOps = (conv.attr?.fused_ops?.list?.s ?? []).map(decodeString);
  if (fusedOps.length === 0) return operands === 2;
  return fusedOps.length === 1 && fusedOps[0] === 'BiasAdd' && operands === 3;
}

/** Rewrites every Mish of `graph` that reads a foldable convolution into one node; returns how many. */
export function fuseConvMish(graph: IndexedGraph): number {
  let fused = 0;
  for (const mish of graph.remaining()) {
    if (mish.op !== MISH_OP) continue;
    const conv = graph.node(mish.input?.[0]);
    if (conv === undefined || !foldable(conv) || !graph.feedsOnly(conv, mish)) continue;
    graph.remove(conv);
    mish.op = CONV_MISH_OP;
    graph.setInputs(mish, [...(conv.input ?? []), ...(mish.input ?? []).filter((input) => input.startsWith('^'))]);
    const form = mish.attr?.[MISH_FORM_ATTR];
    mish.attr = Object.fromEntries(form === undefined ? keptAttrs(conv) : [...keptAttrs(conv), [MISH_FORM_ATTR, form]]);
    fused++;
  }
  return fused;
}
