/**
 * The forms a model's Mish takes in `npm run bench -- --model` and the demo, and the bytes each moves per element of
 * activation (float32): every TF.js kernel of a composite reads its inputs and writes its output once.
 *
 *   Softplus → Tanh → Mul                  2 + 2 + 3 = 7 accesses
 *   Exp → Log1p → Tanh → Mul               2 + 2 + 2 + 3 = 9
 *   Exp → Add(·, 1) → Log → Tanh → Mul     2 + 2 + 2 + 2 + 3 = 11 (the scalar 1 aside)
 *   one Mish op                            2
 *   Mish in the convolution's epilogue     0 (the convolution writes its output either way)
 */
import type { MishForm } from './graph-builder.js';

const BYTES_PER_ACCESS = 4;

const COMPOSITE_ACCESSES: Record<Exclude<MishForm, 'addons'>, number> = { softplus: 7, log1p: 9, 'log-add': 11 };

/** What a form runs for its activation. */
export type ActivationKind = { composite: Exclude<MishForm, 'addons'> } | 'mish-op' | 'epilogue' | 'none';

/** Bytes of memory traffic the activation adds per element it computes. */
export function activationBytesPerElement(kind: ActivationKind): number {
  if (typeof kind === 'object') return COMPOSITE_ACCESSES[kind.composite] * BYTES_PER_ACCESS;
  return kind === 'mish-op' ? 2 * BYTES_PER_ACCESS : 0;
}
