/**
 * The Mish fusion: x·tanh(softplus(x)) as the Python code of a converted model wrote it, one node of op `Mish`.
 *
 *   Mul(x, Tanh(Softplus(x)))
 *   Mul(x, Tanh(Log1p(Exp(x))))
 *   Mul(x, Tanh(Log(AddV2(Exp(x), 1))))      (Add as well as AddV2; the 1 on either side)
 *
 * with the Mul's operands in either order. Every node between x and the Mul (Tanh, Softplus, Log1p, Log, Add, Exp)
 * must be read by the next one only and be no model output; the x that starts the chain must be the Mul's other
 * operand (x·tanh(softplus(y)) with y ≠ x is left alone). The Mul node keeps its name, so every reader of it and
 * the model's outputs are unchanged; the nodes of the chain are dropped (their control inputs move to the Mish), and
 * the constant 1 of the log-add form, read by nothing any more, goes with the rewrite's last step (removeUnread). TF Addons' compiled `Addons>Mish` becomes
 * the same op. The node records which form it replaced (attribute MISH_FORM_ATTR), so that backends without the fused
 * kernel compute exactly what the original graph did (src/tfjs/graph/ops.ts).
 */
import { encodeString, type GraphNode, type IndexedGraph } from './graph.js';

/** The op the fused nodes have (registered by registerMishOps). */
export const MISH_OP = 'Mish';

/** The attribute naming the form a Mish node replaced. */
export const MISH_FORM_ATTR = 'mish_form';
/**
 * The forms of Mish a converted graph carries: `x * tanh(softplus(x))`, `x * tanh(log1p(exp(x)))`,
 * `x * tanh(log(exp(x) + 1))`, and TF Addons' `Addons>Mish`.
 */
export type MishForm = 'softplus' | 'log1p' | 'log-add' | 'addons';

/**
 * The chain from a Tanh's input back to x, in each composite form: the nodes between (to drop) and x, or null where
 * the Tanh's input begins no such chain, each node of it read by the next one only.
 */
function softplusChain(graph: IndexedGraph, tanh: GraphNode): { nodes: GraphNode[]; x: string; form: MishForm } | null {
  const softplus = graph.node(tanh.input?.[0]);
  if (softplus === undefined || !graph.feedsOnly(softplus, tanh)) return null;
  if (softplus.op === 'Softplus') {
    const x = softplus.input?.[0];
    return x === undefined ? null : { nodes: [softplus], x, form: 'softplus' };
  }
  const expOf = (node: GraphNode | undefined, reader: GraphNode): { exp: GraphNode; x: string } | null => {
    if (node === undefined || node.op !== 'Exp' || !graph.feedsOnly(node, reader)) return null;
    const x = node.input?.[0];
    return x === undefined ? null : { exp: node, x };
  };
  if (softplus.op === 'Log1p') {
    const found = expOf(graph.node(softplus.input?.[0]), softplus);
    return found === null ? null : { nodes: [softplus, found.exp], x: found.x, form: 'log1p' };
  }
  if (softplus.op === 'Log') {
    const add = graph.node(softplus.input?.[0]);
    if (add === undefined || (add.op !== 'AddV2' && add.op !== 'Add') || !graph.feedsOnly(add, softplus)) return null;
    const [a, b] = add.input ?? [];
    if (a === undefined || b === undefined) return null;
    for (const [expInput, one] of [
      [a, b],
      [b, a],
    ] as const) {
      const found = expOf(graph.node(expInput), add);
      if (found !== null && graph.isScalarConstant(one, 1)) return { nodes: [softplus, add, found.exp], x: found.x, form: 'log-add' };
    }
  }
  return null;
}

/** Rewrites every composite Mish of `graph` into a Mish node; returns how many. */
export function fuseMish(graph: IndexedGraph): number {
  let fused = 0;
  for (const mul of graph.remaining()) {
    if (mul.op === 'Addons>Mish') {
      mul.op = MISH_OP;
      mul.attr = { [MISH_FORM_ATTR]: { s: encodeString('addons') } };
      graph.setInputs(mul, (mul.input ?? []).slice(0, 1).concat((mul.input ?? []).filter((input) => input.startsWith('^'))));
      fused++;
      continue;
    }
    if (mul.op !== 'Mul') continue;
    const [left, right] = mul.input ?? [];
    if (left === undefined || right === undefined) continue;
    for (const [other, tanhInput] of [
      [left, right],
      [right, left],
    ] as const) {
      const tanh = graph.node(tanhInput);
      if (tanh === undefined || tanh.op !== 'Tanh' || !graph.feedsOnly(tanh, mul)) continue;
      const chain = softplusChain(graph, tanh);
      if (chain === null || !graph.sameTensor(chain.x, other)) continue;
      const dropped = [tanh, ...chain.nodes];
      for (const node of dropped) graph.remove(node);
      mul.op = MISH_OP;
      // The control inputs of the Mul and of the nodes dropped, once each: what ran before them runs before the Mish.
      const controls = new Set([mul, ...dropped].flatMap((node) => (node.input ?? []).filter((input) => input.startsWith('^'))));
      graph.setInputs(mul, [chain.x, ...controls]);
      mul.attr = { [MISH_FORM_ATTR]: { s: encodeString(chain.form) } };
      fused++;
      break;
    }
  }
  return fused;
}
