/**
 * Runs in the page: rewritten graph models loaded as a user loads them, in a page where nothing has registered the
 * rewrite's ops: fuseMishInGraph's artifacts as returned, and artifacts saved earlier (then registerMishOps()).
 */
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { normals } from '../../../common/models/normals.js';
import { type GraphDef, rewriteGraphModel } from '../../../src/testing.js';
import { convMishGraph } from '../../support/models.js';
import { GRAPH_MUTANTS } from '../graph-fuzz/mutants.js';
import { type TfjsLib, useBackend } from './backend.js';
import { relativeDifference, run } from './model-run.js';

export function createLoadCases(lib: TfjsLib) {
  /**
   * The two-convolution stack with the log-add form and no signature (tensorflowjs_converter's frozen-graph output),
   * in a page where nothing has registered the rewrite's ops: the original's outputs, the rewritten model's as
   * fuseMishInGraph returns it (loaded with loadGraphModel and nothing else), and as the rewrite before it removed what
   * nothing reads left them; then whether execute() returns one tensor, which the caller may dispose, twice.
   */
  async function loadAsReturned(): Promise<{
    before: string[];
    after: string[];
    original: string[];
    returnsOneTensor: boolean;
    runsAgain: boolean;
    difference: number;
  }> {
    await useBackend('webgpu');
    const artifacts = convMishGraph('log-add', false, { signature: false });
    const outputsOf = async (a: tf.io.ModelArtifacts) => {
      const model = await tfconv.loadGraphModel(tf.io.fromMemory(a));
      return { model, outputs: model.outputNodes };
    };
    const rewritten = await outputsOf(lib.fuseMishInGraph(artifacts).artifacts);
    const x = () => tf.tensor4d(normals(12 * 12 * 4, 21, 2), [1, 12, 12, 4]);
    const first = rewritten.model.execute(x());
    const returnsOneTensor = !Array.isArray(first);
    const values = (await (first as tf.Tensor).data()) as Float32Array;
    tf.dispose(first);
    const again = rewritten.model.execute(x()) as tf.Tensor;
    const runsAgain = (await again.data()).length === values.length;
    tf.dispose(again);
    const keepsUnread = GRAPH_MUTANTS['keeps-unread'].indexer;
    const before = await outputsOf(rewriteGraphModel(artifacts, artifacts.modelTopology as GraphDef, {}, keepsUnread).artifacts);
    const original = await outputsOf(artifacts);
    const reference = await run(original.model);
    for (const m of [rewritten, before, original]) m.model.dispose();
    return {
      before: before.outputs,
      after: rewritten.outputs,
      original: original.outputs,
      returnsOneTensor,
      runsAgain,
      difference: relativeDifference(values, reference),
    };
  }

  /**
   * Rewritten artifacts saved earlier (model.json's topology and the weights, through JSON) in a page where nothing has
   * registered the ops: TF.js's own error; then, after registerMishOps(), the model loads and runs.
   */
  async function loadSavedEarlier(): Promise<{ withoutRegistering: string; afterRegistering: number }> {
    await useBackend('webgpu');
    // Rewritten elsewhere: the rewrite's pure part (fuseMishInGraph without the registration) writes the same artifacts.
    const original = convMishGraph('softplus');
    const { artifacts } = rewriteGraphModel(original, original.modelTopology as GraphDef, {});
    const saved: tf.io.ModelArtifacts = { ...JSON.parse(JSON.stringify({ ...artifacts, weightData: undefined })), weightData: artifacts.weightData };
    const attempt = async (): Promise<number> => {
      const model = await tfconv.loadGraphModel(tf.io.fromMemory(saved));
      try {
        return (await run(model)).length;
      } finally {
        model.dispose();
      }
    };
    const withoutRegistering = await attempt().then(
      () => 'loaded',
      (error: unknown) => String(error),
    );
    lib.registerMishOps();
    return { withoutRegistering, afterRegistering: await attempt() };
  }

  return { loadAsReturned, loadSavedEarlier };
}
