/**
 * Slightly wrong graph rewrites, to show that the fuzz rejects them (test/browser/graph-fuzz.test.ts): the rewrite with
 * one check of its graph index changed, or the package's Mish op a little off on WebGPU. A fuzz that passed on these
 * would pass on anything.
 */
import type { FuseMishOptions } from '../../../src/tfjs.js';
import { type GraphIndexer, type GraphNode, IndexedGraph } from '../../../src/testing.js';

export type GraphMutantName = 'keeps-unread' | 'fuses-look-alike' | 'fuses-shared-softplus' | 'mish-high-on-webgpu';

export interface GraphMutant {
  describe: string;
  /** The rewrite's graph index, changed. */
  indexer?: GraphIndexer;
  /** The factor the Mish ops' results are multiplied by on WebGPU. */
  webgpuScale?: number;
  /** Options of the rewrite (the library's), where they differ from the defaults. */
  options?: FuseMishOptions;
}

/** The rewrite as it was before it removed what nothing reads: a fused log-add form leaves its constant 1 behind. */
class KeepsUnread extends IndexedGraph {
  override removeUnread(): GraphNode[] {
    return [];
  }
}

/** A matcher that takes x·tanh(softplus(y)) for Mish(y), whatever x is. */
class FusesLookAlike extends IndexedGraph {
  override sameTensor(): boolean {
    return true;
  }
}

/** A matcher that fuses a softplus something else reads too. */
class FusesSharedSoftplus extends IndexedGraph {
  override feedsOnly(node: GraphNode, consumer: GraphNode): boolean {
    return node.op === 'Softplus' ? !this.isOutput(node) && (consumer.input ?? []).some((input) => this.node(input) === node) : super.feedsOnly(node, consumer);
  }
}

export const GRAPH_MUTANTS: Record<GraphMutantName, GraphMutant> = {
  'keeps-unread': { describe: 'the rewrite without removing what nothing reads (the code before it did)', indexer: KeepsUnread },
  'fuses-look-alike': { describe: 'a matcher that fuses x·tanh(softplus(y)) with y ≠ x', indexer: FusesLookAlike },
  'fuses-shared-softplus': { describe: 'a matcher that fuses a chain whose Softplus something else reads', indexer: FusesSharedSoftplus },
  // 1 + 2⁻¹⁹ in f32: the results about 16 ulp too large, as MODEL_DIFFERENCE's wrong Mish. The residual adds stay out
  // of the convolutions, where scaling the result would scale the shortcut too.
  'mish-high-on-webgpu': { describe: 'the Mish ops 2⁻¹⁹ (about 16 ulp) too large on WebGPU', webgpuScale: 1 + 2 ** -19, options: { residualAdds: false } },
};
