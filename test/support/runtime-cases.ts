/**
 * The parity checks that every runtime without a browser runs on the built dist/index.js (Node through Dawn,
 * test/node-gpu; Deno through wgpu, test/deno): per kernel, a long range, odd offsets and in place.
 */
import type { Activation, Pass } from '../../src/index.js';
import type { CaseSpec } from '../harness/index.js';

export const RUNTIME_KERNELS: ReadonlyArray<{ activation: Activation; pass: Pass }> = (['mish', 'relu', 'swish'] as const).flatMap((activation) =>
  (['forward', 'backward'] as const).map((pass) => ({ activation, pass })),
);

export function runtimeCases(activation: Activation, pass: Pass): CaseSpec[] {
  return [
    { activation, pass, length: 65_537 },
    { activation, pass, length: 1023, xOffset: 3, dyOffset: 5, outOffset: 1 },
    { activation, pass, length: 1024, xOffset: 4, inPlace: 'x' },
  ];
}

/** The distinct ranges recorded into one encoder (test/harness/stress-cases.ts), and the period of their lengths. */
export const RUNTIME_ENCODER_CALLS = [3000, 10_000];
export const RUNTIME_LENGTH_PERIOD = 3000;

/**
 * The pipelines prepare() builds: 3 activations × (forward: 2 binding layouts + backward: 3) × 9 memory accesses (f32:
 * vec4 bound exactly or not, and scalar; f16 and bf16: eight at a time bound exactly or not, and a word at a time).
 */
export const PREPARED_PIPELINES = 3 * (2 + 3) * 9;

/** What a repeated call with another device's buffer throws (test/harness/lifecycle-cases.ts runForeignBuffers). */
export const FOREIGN_BUFFER_ERROR =
  /^TypeError: mishForward: x is not a buffer of this device \(it rejected an earlier call with it: .+\); create x with the device you pass/;
