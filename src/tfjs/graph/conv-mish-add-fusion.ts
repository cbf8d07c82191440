/**
 * The residual fusion: a convolution with Mish in its epilogue whose only reader is a residual block's add, one node
 * that computes all three.
 *
 *   AddV2(FusedConv2DMish(x, filter[, bias]), shortcut)  →  FusedConv2DMishAdd(x, filter, shortcut[, bias])
 *   AddV2(shortcut, FusedConv2DMish(x, filter[, bias]))  →  the same     (Add as well as AddV2)
 *
 * In every residual block of CSPDarknet53 the block's last convolution is followed by Mish and then by the add of the
 * block's input (OpenCV's CUDA backend folds the same into its convolution's output step). The FusedConv2DMish must be
 * read by the add only and be no model output; the add must have two operands. Shapes are not known here: where the
 * shortcut turns out not to have the convolution's output shape (an add that broadcasts), the node computes the
 * three apart (src/tfjs/conv-mish.ts), as the original did. The node takes the add's name (its readers and the
 * model's outputs are unchanged), the convolution's inputs with the shortcut third, and the convolution's attributes.
 */
import type { IndexedGraph } from './graph.js';
import { CONV_MISH_OP } from './conv-mish-fusion.js';

/** The op of the fused nodes. */
export const CONV_MISH_ADD_OP = 'FusedConv2DMishAdd';

const isControl = (input: string): boolean => input.startsWith('^');

/** Rewrites every add of a FusedConv2DMish read by nothing else into one node; returns how many. */
export function fuseConvMishAdd(graph: IndexedGraph): number {
  let fused = 0;
  for (const add of graph.remaining()) {
    if (add.op !== 'AddV2' && add.op !== 'Add') continue;
    const operands = (add.input ?? []).filter((input) => !isControl(input));
    if (operands.length !== 2) continue;
    const [left, right] = operands as [string, string];
    for (const [convInput, shortcut] of [
      [left, right],
      [right, left],
    ] as const) {
      const conv = graph.node(convInput);
      if (conv === undefined || conv.op !== CONV_MISH_OP || !graph.feedsOnly(conv, add)) continue;
      const [x, filter, bias] = (conv.input ?? []).filter((input) => !isControl(input));
      if (x === undefined || filter === undefined) continue;
      graph.remove(conv);
      const controls = new Set([conv, add].flatMap((node) => (node.input ?? []).filter(isControl)));
      add.op = CONV_MISH_ADD_OP;
      graph.setInputs(add, [x, filter, shortcut, ...(bias === undefined ? [] : [bias]), ...controls]);
      add.attr = { ...conv.attr };
      fused++;
      break;
    }
  }
  return fused;
}
