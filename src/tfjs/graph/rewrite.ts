/**
 * `fuseMishInGraph` and `withFusedMish`: a converted graph model's artifacts rewritten so that every Mish is one op
 * (src/tfjs/graph/mish-fusion.ts) and, by default, every convolution read only by a Mish carries it in its epilogue
 * (conv-mish-fusion.ts). The caller's artifacts are left as they are: the topology is copied, the weights shared.
 */
import type { io } from '@tensorflow/tfjs-core';
import { describeValue } from '../../describe.js';
import { checkOptionKeys } from '../../options.js';
import { fuseConvMish } from './conv-mish-fusion.js';
import { ConstantWeights, type GraphDef, IndexedGraph } from './graph.js';
import { fuseMish } from './mish-fusion.js';
import { registerMishOps } from './ops.js';

/** Options of fuseMishInGraph and withFusedMish. */
export interface FuseMishOptions {
  /** Fold each Mish into the convolution before it, where that convolution has no other reader (default true). */
  convolutions?: boolean;
}

/** What fuseMishInGraph returns: the rewritten artifacts and what it fused. */
export interface FusedGraph {
  /** The rewritten artifacts: a copy of the topology, the same weights. */
  artifacts: io.ModelArtifacts;
  /** Mish nodes made (composites and Addons>Mish), whether or not folded into a convolution afterwards. */
  fused: number;
  /** Of them, folded into the convolution before them. */
  convolutions: number;
}

/** The weights as one buffer (tfjs 4 may hand them over in pieces). */
function weightBuffer(data: io.ModelArtifacts['weightData']): ArrayBuffer | null {
  if (data === undefined) return null;
  if (!Array.isArray(data)) return data;
  const total = data.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of data) {
    joined.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}

function checkGraph(fn: string, artifacts: unknown): GraphDef {
  if (typeof artifacts !== 'object' || artifacts === null) {
    throw new TypeError(`${fn}: artifacts must be a graph model's tf.io.ModelArtifacts (got ${describeValue(artifacts)}); load them with an IOHandler's load()`);
  }
  const topology = (artifacts as io.ModelArtifacts).modelTopology as { node?: unknown; class_name?: unknown } | ArrayBuffer | undefined;
  if (topology === undefined || topology instanceof ArrayBuffer || !Array.isArray((topology as { node?: unknown }).node)) {
    const layers = typeof topology === 'object' && topology !== null && 'class_name' in topology;
    throw new TypeError(
      `${fn}: artifacts.modelTopology must be a graph (a GraphDef with a node list, as tfjs-converter writes for tf.loadGraphModel)` +
        (layers
          ? '; this is a layers model (modelTopology.class_name): load it with tf.loadLayersModel after registerMish() from webgpu-mish/tfjs'
          : ` (got ${describeValue(topology)})`),
    );
  }
  return topology as unknown as GraphDef;
}

const OPTION_NAMES: ReadonlySet<string> = new Set<keyof FuseMishOptions>(['convolutions']);

function checkOptions(fn: string, options: unknown): FuseMishOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object (got ${describeValue(options)}); e.g. { convolutions: false }, or leave it out`);
  }
  checkOptionKeys(fn, 'options', options, OPTION_NAMES);
  const { convolutions } = options as FuseMishOptions;
  if (convolutions !== undefined && typeof convolutions !== 'boolean') {
    throw new TypeError(`${fn}: options.convolutions must be true or false (got ${describeValue(convolutions)})`);
  }
  return options as FuseMishOptions;
}

/**
 * Rewrites a converted graph model (tfjs-converter's output, from a SavedModel or frozen graph) so that every Mish it
 * computes as a composite — Softplus, Tanh and Mul; Exp, Log1p, Tanh and Mul; Exp, AddV2 with 1, Log, Tanh and Mul —
 * is one `Mish` op, as is TF Addons' `Addons>Mish`; and, unless `convolutions: false`, each Mish that reads a
 * convolution (`_FusedConv2D` with a bias or none) is folded into it (`FusedConv2DMish`). Nodes that something else
 * reads, or that are model outputs, stay as they are; the model's inputs, outputs and signature keep their names. The
 * result needs registerMishOps() before it is loaded (withFusedMish does both).
 *
 * @throws {TypeError} artifacts that are not a graph model's (a layers model's included: the message says what to do
 *   instead), or options of the wrong kind.
 *
 * @example
 * ```ts
 * const { artifacts: fused, fused: count } = fuseMishInGraph(artifacts);
 * registerMishOps();
 * const model = await tf.loadGraphModel(tf.io.fromMemory(fused));
 * ```
 */
export function fuseMishInGraph(artifacts: io.ModelArtifacts, options: FuseMishOptions = {}): FusedGraph {
  checkOptions('fuseMishInGraph', options);
  const graph = structuredClone(checkGraph('fuseMishInGraph', artifacts));
  const signature = artifacts.signature as { outputs?: Record<string, { name?: string }> } | undefined;
  const outputs = Object.values(signature?.outputs ?? {}).map((tensor) => tensor.name ?? '');
  const weights = new ConstantWeights(artifacts.weightSpecs ?? [], weightBuffer(artifacts.weightData));
  const indexed = new IndexedGraph(graph, outputs.filter((name) => name !== ''), weights);
  const fused = fuseMish(indexed);
  const convolutions = options.convolutions === false ? 0 : fuseConvMish(indexed);
  graph.node = indexed.remaining();
  const modelTopology = graph as unknown as io.ModelArtifacts['modelTopology'];
  return { artifacts: { ...artifacts, modelTopology }, fused, convolutions };
}

/**
 * Wraps an IOHandler so that the graph model it loads comes rewritten by fuseMishInGraph, and registers the ops the
 * rewritten model needs: `tf.loadGraphModel(withFusedMish(tf.io.browserHTTPRequest(url)))` (or `tf.io.fromMemory`,
 * `tf.io.browserFiles`, …). Saving, where the handler can, saves what it is given.
 *
 * @throws {TypeError} a handler without `load()` (a URL string included: the message shows the handler to pass), or
 *   options of the wrong kind; at once. Loading rejects as fuseMishInGraph throws.
 *
 * @example
 * ```ts
 * const model = await tf.loadGraphModel(withFusedMish(tf.io.browserHTTPRequest('model/model.json')));
 * ```
 */
export function withFusedMish(handler: io.IOHandler, options: FuseMishOptions = {}): io.IOHandler {
  if (typeof handler !== 'object' || handler === null || typeof (handler as Partial<io.IOHandler>).load !== 'function') {
    const hint = typeof handler === 'string' ? `; for a URL pass tf.io.browserHTTPRequest(${JSON.stringify(handler)})` : '';
    throw new TypeError(
      `withFusedMish: handler must be a tf.io.IOHandler with a load() method (got ${describeValue(handler)})${hint}; ` +
        'e.g. tf.io.browserHTTPRequest(url), tf.io.fromMemory(artifacts) or tf.io.browserFiles(files)',
    );
  }
  checkOptions('withFusedMish', options);
  const load = (handler.load as NonNullable<io.IOHandler['load']>).bind(handler);
  const wrapped: io.IOHandler = {
    load: async () => {
      registerMishOps();
      return fuseMishInGraph(await load(), options).artifacts;
    },
  };
  if (typeof handler.save === 'function') wrapped.save = handler.save.bind(handler);
  return wrapped;
}
