/**
 * The second model of `npm run bench -- --model`: Mish alone, `count` in a row on a [1, 64, 64, 64] input, written in
 * one of the composite forms a converted graph carries. Rewritten, it is `count` Mish ops: the kernel's own win,
 * with no convolution beside it.
 */
import type { io } from '@tensorflow/tfjs-core';
import { GraphBuilder, type MishForm } from './graph-builder.js';

export const CHAIN_SHAPE: [number, number, number, number] = [1, 64, 64, 64];
const CHAIN_LENGTH = 4;

export function mishChain(form: MishForm, count = CHAIN_LENGTH): { artifacts: io.ModelArtifacts; mishElements: number } {
  const g = new GraphBuilder();
  let x = g.input('x', CHAIN_SHAPE);
  for (let k = 0; k < count; k++) x = g.mish(`mish${k}`, x, form);
  return { artifacts: g.artifacts(['x'], [x]), mishElements: count * CHAIN_SHAPE.reduce((a, b) => a * b, 1) };
}
