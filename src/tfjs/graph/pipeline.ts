/**
 * The rewrite of a converted graph model, pass by pass: index the copied topology, remove what nothing reads (graph.ts),
 * fuse every Mish (mish-fusion.ts), fold each into the convolution before it (conv-mish-fusion.ts) and a residual
 * block's add after it into the same (conv-mish-add-fusion.ts), then remove what nothing reads any more, and the
 * weights of the constants removed (weights.ts). Pure: no TF.js, nothing registered
 * (rewrite.ts is the public side).
 */
import type { io } from '@tensorflow/tfjs-core';
import { fuseConvMishAdd } from './conv-mish-add-fusion.js';
import { fuseConvMish } from './conv-mish-fusion.js';
import { type GraphDef, IndexedGraph, type SignatureNames } from './graph.js';
import { fuseMish } from './mish-fusion.js';
import { ModelWeights } from './weights.js';

/** Options of fuseMishInGraph and withFusedMish. */
export interface FuseMishOptions {
  /** Fold each Mish into the convolution before it, where that convolution has no other reader (default true). */
  convolutions?: boolean;
  /**
   * Fold a residual block's add into the convolution too, where the convolution with Mish has no other reader
   * (default true; needs `convolutions`).
   */
  residualAdds?: boolean;
}

/** What fuseMishInGraph returns: the rewritten artifacts and what it changed. */
export interface FusedGraph {
  /** The rewritten artifacts: a copy of the topology; the weights shared, or a copy without those removed. */
  artifacts: io.ModelArtifacts;
  /** Mish nodes made (composites and Addons>Mish), whether or not folded into a convolution afterwards. */
  fused: number;
  /** Of them, folded into the convolution before them. */
  convolutions: number;
  /** Of those, with the residual add that reads them folded in too. */
  residualAdds: number;
  /**
   * Nodes removed because nothing read them any more and they were no input or output of the model (the constant
   * 1 of a Log(Exp(x) + 1), say), and the bytes of weights removed with them.
   */
  removed: { nodes: number; weightBytes: number };
}

/** How the rewrite indexes a graph: IndexedGraph, or (in this repository's tests) a variant of it. */
export type GraphIndexer = new (graph: GraphDef, signature: SignatureNames, weights: ModelWeights) => IndexedGraph;

/** The signature TF.js goes by: userDefinedMetadata.signature where there is one (GraphModel.loadWithWeightMap), else the artifacts'. */
function signatureNames(artifacts: io.ModelArtifacts): SignatureNames {
  type Entries = Record<string, { name?: string }> | undefined;
  const metadata = artifacts.userDefinedMetadata as { signature?: { inputs?: Entries; outputs?: Entries } } | undefined;
  const signature = (metadata?.signature ?? artifacts.signature) as { inputs?: Entries; outputs?: Entries } | undefined;
  const names = (entries: Entries): string[] => Object.values(entries ?? {}).flatMap((tensor) => (tensor.name ? [tensor.name] : []));
  return { inputs: names(signature?.inputs), outputs: names(signature?.outputs) };
}

/** Rewrites `artifacts` (checked already: a graph model's) as fuseMishInGraph documents; `Graph` indexes the copy. */
export function rewriteGraphModel(artifacts: io.ModelArtifacts, topology: GraphDef, options: FuseMishOptions, Graph: GraphIndexer = IndexedGraph): FusedGraph {
  const graph = structuredClone(topology);
  const weights = new ModelWeights(artifacts.weightSpecs ?? [], artifacts.weightData);
  const indexed = new Graph(graph, signatureNames(artifacts), weights);
  // What nothing reads goes first too: a dead branch reading a convolution would keep its Mish out of it (and a second
  // rewrite, with the branch gone, would fold it).
  const unread = indexed.removeUnread();
  const fused = fuseMish(indexed);
  const convolutions = options.convolutions === false ? 0 : fuseConvMish(indexed);
  const residualAdds = options.convolutions === false || options.residualAdds === false ? 0 : fuseConvMishAdd(indexed);
  unread.push(...indexed.removeUnread());
  graph.node = indexed.remaining();
  // A removed constant's weight goes too, unless the model's initializer graph has a constant of that name.
  const initializer = new Set(((artifacts.modelInitializer as GraphDef | undefined)?.node ?? []).map((node) => node.name));
  const constants = new Set(unread.filter((node) => node.op === 'Const' && !initializer.has(node.name)).map((node) => node.name));
  const { weightSpecs, weightData, bytesRemoved } = weights.without(constants);
  const modelTopology = graph as unknown as io.ModelArtifacts['modelTopology'];
  const rewritten: io.ModelArtifacts = { ...artifacts, modelTopology };
  if (weightSpecs.length < (artifacts.weightSpecs ?? []).length) Object.assign(rewritten, { weightSpecs, weightData });
  return { artifacts: rewritten, fused, convolutions, residualAdds, removed: { nodes: unread.length, weightBytes: bytesRemoved } };
}
