/**
 * The differential fuzz of the graph rewrite (in the page, or in Node on TF.js's CPU backend): fast-check draws
 * recipes (recipe.ts), each builds a model as a converter writes it, the rewrite runs on it (the library's
 * fuseMishInGraph, or a mutant of it), and every invariant is checked: the structural ones (invariants.ts) and, on each
 * backend asked for, the values (values.ts). A failing graph is shrunk to a smallest one and printed; the report gives
 * the seed and path that replay it.
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import type { FusedGraph } from '../../../src/tfjs.js';
import { type GraphDef, rewriteGraphModel } from '../../../src/testing.js';
import { checkStructure, describeGraph, snapshot } from './invariants.js';
import { GRAPH_MUTANTS, type GraphMutantName } from './mutants.js';
import { buildRecipe } from './build.js';
import { type Recipe, recipes } from './recipe.js';
import { checkValues } from './values.js';

type GraphFuzzBackend = 'cpu' | 'webgpu';

export interface GraphFuzzOptions {
  seed: number;
  /** Graphs (fast-check runs). */
  runs: number;
  /** The backends whose values are checked, in turn (none: the structural invariants only). */
  backends: readonly GraphFuzzBackend[];
  /** fast-check's path of a failing run, to replay it alone. */
  path?: string;
  /** Fuzz a slightly wrong rewrite instead (mutants.ts): the fuzz must fail. */
  mutant?: GraphMutantName;
  /** Draw only graphs with (true) or without (false) a signature; default both. */
  signature?: boolean;
}

export interface GraphFuzzReport {
  seed: number;
  runs: number;
  backends: readonly GraphFuzzBackend[];
  /** Over the graphs that passed: nodes built, Mish fused (of them into convolutions), near misses left, nodes and weight bytes removed. */
  nodes: number;
  fused: number;
  convolutions: number;
  residualAdds: number;
  nearMisses: number;
  removedNodes: number;
  removedBytes: number;
  /** The largest difference from the original's composites on WebGPU, relative to the largest output, per Mish on the deepest path. */
  largestDifference: number;
  failed: boolean;
  failure: string | null;
  /** The shrunk graph, as describeGraph prints it. */
  counterexample: string | null;
  path: string | null;
  milliseconds: number;
}

type TfjsEntry = typeof import('../../../src/tfjs.js');

/** What the fuzz needs of the library (dist/tfjs.js in the page, the source in Node), and a way to switch backends. */
export type GraphFuzzLib = Pick<TfjsEntry, 'fuseMishInGraph' | 'registerMishOps' | 'mish' | 'conv2dMish' | 'MISH_KERNEL' | 'CONV_MISH_KERNEL'> & {
  useBackend(name: GraphFuzzBackend): Promise<unknown>;
};

/**
 * The package's Mish kernels on WebGPU (the op, and Mish in the convolution) with their results multiplied by
 * `scale`, through TF.js's kernel registry; returns what puts them back.
 */
async function scaleMishOnWebGPU(lib: GraphFuzzLib, scale: number): Promise<() => void> {
  await lib.useBackend('webgpu');
  // The kernels register on first use: use them once, so that there is something to wrap.
  tf.tidy(() => [lib.mish(tf.ones([4])), lib.conv2dMish(tf.ones([1, 1, 1, 4]), tf.ones([1, 1, 4, 4]), undefined, { strides: 1, pad: 'same' })]).forEach((t) => {
    t.dispose();
  });
  const backend = tf.getBackend();
  const originals = [lib.MISH_KERNEL, lib.CONV_MISH_KERNEL].map((name) => tf.getKernel(name, backend) as tf.KernelConfig);
  const multiply = tf.getKernel('Multiply', backend) as tf.KernelConfig;
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const y = config.kernelFunc(args) as tf.TensorInfo;
        const backendOf = args.backend as tf.KernelBackend & { makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
        const factor = backendOf.makeTensorInfo([], 'float32', new Float32Array([scale]));
        const scaled = multiply.kernelFunc({ inputs: { a: y, b: factor }, backend: backendOf, attrs: {} }) as tf.TensorInfo;
        backendOf.disposeData(y.dataId);
        backendOf.disposeData(factor.dataId);
        return scaled;
      },
    });
  }
  return () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backend);
      tf.registerKernel(config);
    }
  };
}

export async function runGraphFuzz(lib: GraphFuzzLib, options: GraphFuzzOptions): Promise<GraphFuzzReport> {
  const started = performance.now();
  const mutant = options.mutant === undefined ? undefined : GRAPH_MUTANTS[options.mutant];
  lib.registerMishOps();
  const rewrite = (artifacts: tf.io.ModelArtifacts): FusedGraph =>
    mutant?.indexer === undefined
      ? lib.fuseMishInGraph(artifacts, mutant?.options)
      : rewriteGraphModel(artifacts, artifacts.modelTopology as GraphDef, {}, mutant.indexer);
  const restore = mutant?.webgpuScale === undefined ? () => {} : await scaleMishOnWebGPU(lib, mutant.webgpuScale);
  const stats = { nodes: 0, fused: 0, convolutions: 0, residualAdds: 0, nearMisses: 0, removedNodes: 0, removedBytes: 0, largestDifference: 0 };

  // Figures of the graphs drawn until the first failure (not of those fast-check tries while it shrinks).
  let failing = false;
  const drawn = options.signature === undefined ? recipes : recipes.map((recipe) => ({ ...recipe, signature: options.signature as boolean }));
  const property = fc.asyncProperty(drawn, async (recipe: Recipe) => {
    try {
      await checkRecipe(recipe);
    } catch (error) {
      failing = true;
      throw error;
    }
  });
  async function checkRecipe(recipe: Recipe): Promise<void> {
    const built = buildRecipe(recipe);
    const before = snapshot(built.original);
    const out = rewrite(built.original);
    checkStructure(built.original, before, built.mish, out, rewrite(out.artifacts));
    let difference = 0;
    for (const backend of options.backends) {
      await lib.useBackend(backend);
      difference = Math.max(difference, await checkValues({ ...built, rewritten: out.artifacts }, backend, recipe.seed, built.mishDepth));
    }
    if (failing) return;
    stats.nodes += (built.original.modelTopology as GraphDef).node.length;
    stats.fused += out.fused;
    stats.convolutions += out.convolutions;
    stats.residualAdds += out.residualAdds;
    stats.nearMisses += built.nearMisses;
    stats.removedNodes += out.removed.nodes;
    stats.removedBytes += out.removed.weightBytes;
    stats.largestDifference = Math.max(stats.largestDifference, difference);
  }
  let details: fc.RunDetails<[Recipe]>;
  try {
    details = await fc.check(property, { seed: options.seed, numRuns: options.runs, ...(options.path === undefined ? {} : { path: options.path }) });
  } finally {
    restore();
  }
  const recipe = details.counterexample?.[0];
  return {
    seed: options.seed,
    runs: details.numRuns,
    backends: options.backends,
    ...stats,
    failed: details.failed,
    failure: details.failed ? String(details.errorInstance) : null,
    counterexample: recipe === undefined ? null : describeGraph(buildRecipe(recipe).original),
    path: details.counterexamplePath,
    milliseconds: performance.now() - started,
  };
}
