/**
 * The forms a model's Mish takes in `npm run bench -- --model` and the demo, and the bytes each moves outside the
 * convolutions (float32): every TF.js kernel of a composite reads its inputs and writes its output once, and so does a
 * residual block's add (two reads, one write) unless it is folded into the convolution.
 *
 *   Softplus → Tanh → Mul                  2 + 2 + 3 = 7 accesses per Mish output
 *   Exp → Log1p → Tanh → Mul               2 + 2 + 2 + 3 = 9
 *   Exp → Add(·, 1) → Log → Tanh → Mul     2 + 2 + 2 + 2 + 3 = 11 (the scalar 1 aside)
 *   one Mish op                            2
 *   Mish in the convolution's epilogue     0 (the convolution writes its output either way)
 *   the residual add in it too             0, and none for the adds
 *   AddV2 of a residual block              3 per output (the converter's form, one op each, the epilogue, the floor)
 */
import type { MishForm } from './graph-builder.js';

const BYTES_PER_ACCESS = 4;
const ADD_ACCESSES = 3;

const COMPOSITE_ACCESSES: Record<Exclude<MishForm, 'addons'>, number> = { softplus: 7, log1p: 9, 'log-add': 11 };

/** What a form runs for its activation (and its residual adds): TF.js forms, or ONNX Runtime's own graph. */
export type ActivationKind = { composite: Exclude<MishForm, 'addons'> } | 'mish-op' | 'epilogue' | 'residual' | 'none' | 'onnxruntime';

/** Bytes of memory traffic the activation adds per element it computes. */
function activationBytesPerElement(kind: ActivationKind): number {
  if (typeof kind === 'object') return COMPOSITE_ACCESSES[kind.composite] * BYTES_PER_ACCESS;
  return kind === 'mish-op' ? 2 * BYTES_PER_ACCESS : 0;
}

/** Bytes the activation and the residual adds move outside the convolutions in one forward (null: not known). */
export function activationBytes(kind: ActivationKind, mishElements: number, residualElements: number): number | null {
  if (kind === 'onnxruntime') return null;
  const adds = kind === 'residual' ? 0 : residualElements * ADD_ACCESSES * BYTES_PER_ACCESS;
  return mishElements * activationBytesPerElement(kind) + adds;
}
