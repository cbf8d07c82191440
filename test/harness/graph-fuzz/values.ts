/**
 * The invariants of the graph rewrite that TF.js shows, on one backend: the rewritten model loads as returned (no
 * registration of the caller's) with the inputs and outputs TF.js gives the original (`inputNodes`, `outputNodes`,
 * `inputs`, `outputs`: names, order, count), and computes, on the CPU backend, bit for bit what the original computes;
 * on WebGPU, bit for bit what the same model with each Mish written as the package's op computes (the generator's
 * expected model), and within GRAPH_DIFFERENCE_PER_MISH (times the Mish on the deepest path) of the original's composites.
 */
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { normals } from '../../../common/models/normals.js';
import { GRAPH_DIFFERENCE_PER_MISH } from '../../support/tolerances.js';
import { INPUT_CHANNELS, SIDE } from './recipe.js';

/** What a model shows of its inputs and outputs, and its outputs' values for the fuzz's inputs. */
interface Ran {
  ends: string;
  outputs: string[];
  values: Float32Array[];
}

async function load(artifacts: tf.io.ModelArtifacts): Promise<tfconv.GraphModel> {
  return tfconv.loadGraphModel(tf.io.fromMemory(artifacts));
}

function endsOf(model: tfconv.GraphModel): string {
  return JSON.stringify({
    inputNodes: model.inputNodes,
    outputNodes: model.outputNodes,
    inputs: model.inputs.map((t) => t.name),
    outputs: model.outputs.map((t) => t.name),
  });
}

/** Loads `artifacts` on the current backend, runs it on inputs of `seed`, and disposes it. */
async function run(artifacts: tf.io.ModelArtifacts, seed: number): Promise<Ran> {
  const model = await load(artifacts);
  try {
    const feeds = Object.fromEntries(
      model.inputNodes.map((name, k) => [name, tf.tensor4d(normals(SIDE * SIDE * INPUT_CHANNELS, seed + k, 2), [1, SIDE, SIDE, INPUT_CHANNELS])]),
    );
    const returned = model.execute(feeds, model.outputNodes);
    const outputs = Array.isArray(returned) ? returned : [returned];
    const values = await Promise.all(outputs.map(async (t) => (await t.data()) as Float32Array));
    tf.dispose([...Object.values(feeds), ...outputs]);
    return { ends: endsOf(model), outputs: model.outputNodes, values };
  } finally {
    model.dispose();
  }
}

/** The model's inputs and outputs as TF.js loads them, without running it (TF.js cannot run TF Addons' Mish). */
async function endsAsLoaded(artifacts: tf.io.ModelArtifacts): Promise<string> {
  const model = await load(artifacts);
  const ends = endsOf(model);
  model.dispose();
  return ends;
}

/** Output values whose bits differ, and where the first few are: output, index, got, expected. */
function bitsDiffering(got: Ran, expected: Ran, names: readonly string[]): { count: number; where: string } {
  let count = 0;
  const where: string[] = [];
  expected.values.forEach((reference, k) => {
    const values = got.values[k] as Float32Array;
    const p = new Uint32Array(values.buffer, values.byteOffset, values.length);
    const q = new Uint32Array(reference.buffer, reference.byteOffset, reference.length);
    count += Math.abs(p.length - q.length);
    for (let i = 0; i < Math.min(p.length, q.length); i++) {
      if (p[i] === q[i]) continue;
      count++;
      if (where.length < 4) where.push(`${names[k]}[${i}] ${values[i]} for ${reference[i]}`);
    }
  });
  return { count, where: where.join('; ') };
}

/**
 * Largest |a − b| over the largest finite |b|, over every output, where b (the original's) is finite: where the
 * composite overflows the comparison means nothing (the package defines mish(−∞) = −0, the composite gives NaN), and
 * the bit-for-bit check against the expected model covers those elements. A non-finite a for a finite b is infinitely far.
 */
function relativeDifference(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  b.forEach((reference, k) => {
    const got = a[k] as Float32Array;
    let diff = 0;
    let scale = 0;
    reference.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      diff = Math.max(diff, Number.isFinite(got[i]) ? Math.abs((got[i] as number) - v) : Infinity);
      scale = Math.max(scale, Math.abs(v));
    });
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  return worst;
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

export interface Models {
  original: tf.io.ModelArtifacts;
  runnable: tf.io.ModelArtifacts;
  expected: tf.io.ModelArtifacts;
  rewritten: tf.io.ModelArtifacts;
}

/**
 * Checks the rewritten model on the current backend (`backend`); returns its difference from the original's
 * composites on WebGPU per Mish on the deepest path (`mishDepth`), 0 on the CPU backend.
 */
export async function checkValues(models: Models, backend: 'cpu' | 'webgpu', seed: number, mishDepth: number): Promise<number> {
  const ends = await endsAsLoaded(models.original);
  const rewritten = await run(models.rewritten, seed);
  check(rewritten.ends === ends, () => `TF.js loads the original with ${ends}, the rewritten model with ${rewritten.ends}`);
  const runnable = await run(models.runnable, seed);
  const count = (values: Float32Array[]) => values.reduce((n, v) => n + v.length, 0);
  check(
    count(rewritten.values) === count(runnable.values),
    () => `the rewritten model returns ${count(rewritten.values)} values, the original ${count(runnable.values)}`,
  );
  if (backend === 'cpu') {
    const differing = bitsDiffering(rewritten, runnable, rewritten.outputs);
    check(differing.count === 0, () => `on cpu, ${differing.count} output values differ from the original's (bit for bit): ${differing.where}`);
    return 0;
  }
  const expected = await run(models.expected, seed);
  const differing = bitsDiffering(rewritten, expected, rewritten.outputs);
  check(
    differing.count === 0,
    () => `on webgpu, ${differing.count} output values differ from the same model with each Mish as the package's op (bit for bit): ${differing.where}`,
  );
  const difference = relativeDifference(rewritten.values, runnable.values);
  const bound = GRAPH_DIFFERENCE_PER_MISH * mishDepth;
  check(
    difference <= bound,
    () =>
      `on webgpu, the outputs differ from the original's by ${difference.toExponential(2)} of their largest (bound ${bound.toExponential(2)}: ${mishDepth} Mish on the deepest path)`,
  );
  return mishDepth === 0 ? 0 : difference / mishDepth;
}
