/**
 * The small converted graph the TF.js model tests and the README's graph example load: two convolutions, each
 * followed by Mish in a chosen form, built as tfjs-converter writes them.
 */
import type { io } from '@tensorflow/tfjs-core';
import { type ArtifactOptions, GraphBuilder, type MishForm } from '../../common/models/graph-builder.js';
import { normals } from '../../common/models/normals.js';

/** The input shape of convMishGraph. */
export const CONV_MISH_INPUT: [number, number, number, number] = [1, 12, 12, 4];

/**
 * x [1, 12, 12, 4] → conv 3×3 (4 → 8) → Mish → conv 1×1 (8 → 8) → Mish: two convolutions with a Mish each (with a
 * signature naming x and the last Mish, unless `options` say none).
 */
export function convMishGraph(form: MishForm | null, commuted = false, options: ArtifactOptions = {}): io.ModelArtifacts {
  const g = new GraphBuilder();
  const x = g.input('x', CONV_MISH_INPUT);
  const c1 = g.conv('c1', x, { values: normals(3 * 3 * 4 * 8, 11, 0.4), shape: [3, 3, 4, 8] }, normals(8, 12, 0.2));
  const a1 = form === null ? c1 : g.mish('m1', c1, form, commuted);
  const c2 = g.conv('c2', a1, { values: normals(8 * 8, 13, 0.5), shape: [1, 1, 8, 8] }, normals(8, 14, 0.2));
  const a2 = form === null ? c2 : g.mish('m2', c2, form, commuted);
  return g.artifacts([x], [a2], options);
}

/** The artifacts as tensorflowjs_converter writes them to disk: model.json, and the weights it names. */
export function convMishModelFiles(form: MishForm): { modelJson: string; weights: Uint8Array } {
  const artifacts = convMishGraph(form);
  const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const modelJson = JSON.stringify({
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
    signature: artifacts.signature,
  });
  return { modelJson, weights };
}
