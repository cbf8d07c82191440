/**
 * The kernel bench's judged ratios, written once: which rows are compared, and the bound each ratio is held to, by
 * the kind of adapter (DEVELOPERS.md, "Decisions that stand"). The page measures exactly these pairs in interleaved
 * rounds (pairs.ts); the summary judges them (summary.ts).
 *
 * On a software adapter (shaders run on the CPU, every instruction costs time) the package is held to what a user
 * would otherwise run: the builtin one-liner, a standalone kernel (the accurate forward costs about 5 % there: at most
 * 1.05×), TF.js, ONNX Runtime Web, the unfused Mish (at least 1.9×), and its path against a standalone copy (no
 * dearer; where the path's copy is the standalone copy's own program, a tie, at most 1.02×). On a hardware GPU an
 * element-wise kernel waits on memory: Mish is held to ReLU, Swish and the adapter's own copy, and to a user's
 * one-liner (1.0×) and the unfused Mish (2×).
 */
import type { Pass } from '../../src/index.js';
import type { Tiling } from '../../src/index.js';
import type { KernelName } from './types.js';

/** The size the kernel targets are stated for: at smaller sizes a dispatch's fixed cost dominates every row. */
export const TARGET_ELEMENTS = 2 ** 24;

/** A ratio of two rows' times at TARGET_ELEMENTS, and its bound: at most `most`, or at least `least`. */
export interface RatioTarget {
  readonly text: string;
  readonly pass: Pass;
  readonly numerator: KernelName;
  readonly denominator: KernelName;
  readonly bound: { readonly most: number } | { readonly least: number };
}

/** The shape of the standalone kernels (common/standalone.ts): 256 invocations, one vec4 each, no loop. */
const STANDALONE_SHAPE = { workgroupSize: 256, chunksPerInvocation: 1 };

/** A ratio's bound as the target's text shows it: `<= 1.05`, `>= 4`. */
function boundText(bound: RatioTarget['bound']): string {
  return 'most' in bound ? `<= ${bound.most}` : `>= ${bound.least}`;
}

function ratio(description: string, pass: Pass, numerator: KernelName, denominator: KernelName, bound: RatioTarget['bound']): RatioTarget {
  return { text: `${description} (${numerator} / ${denominator} ${boundText(bound)})`, pass, numerator, denominator, bound };
}

/** The ratios judged on an adapter of this kind, whose device runs the package's kernels with `tiling`. */
export function ratioTargets(software: boolean, tiling: Tiling): RatioTarget[] {
  if (!software) {
    return [
      ratio("Mish forward near the adapter's own copy", 'forward', 'mish', 'copy-buffer', { most: 1.1 }),
      ratio('Mish forward as fast as ReLU, within 5 %', 'forward', 'mish', 'relu', { most: 1.05 }),
      ratio('Mish backward as fast as ReLU, within 5 %', 'backward', 'mish', 'relu', { most: 1.05 }),
      ratio('Mish forward no slower than Swish', 'forward', 'mish', 'swish', { most: 1 }),
      ratio('Mish backward no slower than Swish', 'backward', 'mish', 'swish', { most: 1 }),
      ratio("Mish forward no slower than a user's standalone one-liner", 'forward', 'mish', 'naive-mish', { most: 1 }),
      ratio("Mish backward no slower than a user's standalone kernel", 'backward', 'mish', 'naive-mish', { most: 1 }),
      ratio('at least 2x faster than the unfused Mish', 'forward', 'mish-unfused', 'mish', { least: 2 }),
    ];
  }
  // The path's copy is the standalone copy's own program where the device runs the standalone kernels' shape.
  const sameProgram = tiling.workgroupSize === STANDALONE_SHAPE.workgroupSize && tiling.chunksPerInvocation === STANDALONE_SHAPE.chunksPerInvocation;
  const pathBound = { most: sameProgram ? 1.02 : 1 };
  const pathText = sameProgram ? 'the path costs nothing: a tie with the same program written standalone' : 'the path costs nothing';
  return [
    ratio('Mish forward no slower than the builtin one-liner', 'forward', 'mish', 'mish-builtin', { most: 1 }),
    ratio('Mish backward no slower than the builtin one-liner', 'backward', 'mish', 'mish-builtin', { most: 1 }),
    ratio(`${pathText}, copy forward`, 'forward', 'copy', 'naive-copy', pathBound),
    ratio(`${pathText}, copy backward`, 'backward', 'copy', 'naive-copy', pathBound),
    ratio("Mish forward against a user's standalone one-liner, the accurate forward's 5 % allowed", 'forward', 'mish', 'naive-mish', { most: 1.05 }),
    ratio("Mish backward no slower than a user's standalone kernel", 'backward', 'mish', 'naive-mish', { most: 1 }),
    ratio("at least 4x faster than TF.js's composed Mish", 'forward', 'tfjs-mish', 'mish', { least: 4 }),
    ratio("faster than TF.js's ReLU", 'forward', 'tfjs-relu', 'mish', { least: 1 }),
    ratio("at least 3x faster than ONNX Runtime Web's Mish", 'forward', 'ort-mish', 'mish', { least: 3 }),
    ratio('at least 1.9x faster than the unfused Mish', 'forward', 'mish-unfused', 'mish', { least: 1.9 }),
    ratio('Mish forward on f16 storage at most 1.5x the f32 one', 'forward', 'mish-f16', 'mish', { most: 1.5 }),
    ratio('Mish forward on bf16 storage at most 1.5x the f32 one', 'forward', 'mish-bf16', 'mish', { most: 1.5 }),
  ];
}

/** The package's CPU cost of recording one call into a caller's encoder, at most this (every adapter). */
export const RECORD_US_BOUND = 10;
