/**
 * `fuseMishInGraph` and `withFusedMish`: a converted graph model's artifacts rewritten so that every Mish is one op
 * and, by default, every convolution read only by a Mish carries it in its epilogue, with nothing left behind
 * (pipeline.ts), and the ops the result needs registered with tfjs-converter. The caller's artifacts are left as they
 * are: the topology is copied, the weights shared or copied without those removed.
 */
import type { io } from '@tensorflow/tfjs-core';
import { describeValue } from '../../describe.js';
import { checkOptionKeys } from '../../options.js';
import type { GraphDef } from './graph.js';
import { registerMishOps } from './ops.js';
import { type FusedGraph, type FuseMishOptions, rewriteGraphModel } from './pipeline.js';

export type { FusedGraph, FuseMishOptions } from './pipeline.js';

function checkGraph(fn: string, artifacts: unknown): GraphDef {
  if (typeof artifacts !== 'object' || artifacts === null) {
    throw new TypeError(
      `${fn}: artifacts must be a graph model's tf.io.ModelArtifacts (got ${describeValue(artifacts)}); load them with an IOHandler's load()`,
    );
  }
  const topology = (artifacts as io.ModelArtifacts).modelTopology as { node?: unknown; class_name?: unknown } | ArrayBuffer | undefined;
  if ('weightsManifest' in artifacts && !('weightSpecs' in artifacts)) {
    throw new TypeError(
      `${fn}: artifacts is a model.json (it has a weightsManifest, not the weights): pass what an IOHandler's load() ` +
        'returns (await tf.io.browserHTTPRequest(url).load()), or load the model with tf.loadGraphModel(withFusedMish(handler))',
    );
  }
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

const OPTION_NAMES: ReadonlySet<string> = new Set<keyof FuseMishOptions>(['convolutions', 'residualAdds']);

function checkOptions(fn: string, options: unknown): FuseMishOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object (got ${describeValue(options)}); e.g. { convolutions: false }, or leave it out`);
  }
  checkOptionKeys(fn, 'options', options, OPTION_NAMES);
  for (const name of OPTION_NAMES) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${fn}: options.${name} must be true or false (got ${describeValue(value)})`);
  }
  return options as FuseMishOptions;
}

/**
 * Rewrites a converted graph model (tfjs-converter's output, from a SavedModel or frozen graph) so that every Mish it
 * computes as a composite — Softplus, Tanh and Mul; Exp, Log1p, Tanh and Mul; Exp, AddV2 with 1, Log, Tanh and Mul —
 * is one `Mish` op, as is TF Addons' `Addons>Mish`; and, unless `convolutions: false`, each Mish that reads a
 * convolution (`_FusedConv2D` with a bias or none) is folded into it (`FusedConv2DMish`), and, unless `residualAdds:
 * false`, a residual block's add that reads it is folded in too (`FusedConv2DMishAdd`). Nodes that something else
 * reads, or that are model outputs, stay as they are. Then every node that nothing reads any more and that is no
 * input or output of the model is removed, with the weights of the constants among them, so the model's inputs and
 * outputs (names, order, count; by its signature, or, without one, TF.js's rule: the nodes nothing reads) are exactly
 * the original's. Registers the ops the result needs (registerMishOps), so `tf.loadGraphModel` loads it as returned.
 *
 * @throws {TypeError} artifacts that are not a graph model's (a layers model or a model.json included: the message
 *   says what to pass instead), or options of the wrong kind.
 *
 * @example
 * ```ts
 * const { artifacts: fused, fused: count } = fuseMishInGraph(await tf.io.browserHTTPRequest(url).load());
 * const model = await tf.loadGraphModel(tf.io.fromMemory(fused));
 * ```
 */
export function fuseMishInGraph(artifacts: io.ModelArtifacts, options: FuseMishOptions = {}): FusedGraph {
  checkOptions('fuseMishInGraph', options);
  const result = rewriteGraphModel(artifacts, checkGraph('fuseMishInGraph', artifacts), options);
  registerMishOps();
  return result;
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
    load: async () => fuseMishInGraph(await load(), options).artifacts,
  };
  if (typeof handler.save === 'function') wrapped.save = handler.save.bind(handler);
  return wrapped;
}
