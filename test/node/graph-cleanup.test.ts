// What the graph rewrite leaves: no node that nothing reads (but the model's inputs and outputs), no weight of a
// removed constant, and the remaining weights where TF.js's own decoder finds them, in every storage tensorflowjs_converter
// writes (float32, uint8, uint16, float16) and cut into shards at any byte. Pure JSON and TF.js's CPU decoder.
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { io, type Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, type MishForm, type WeightStorage } from '../../common/models/graph-builder.js';
import { normals } from '../../common/models/normals.js';
import { fuseMishInGraph } from '../../src/tfjs.js';
import type { GraphNode } from '../../src/testing.js';

const nodesOf = (artifacts: io.ModelArtifacts): GraphNode[] => (artifacts.modelTopology as { node: GraphNode[] }).node;
const namesOf = (artifacts: io.ModelArtifacts): string[] => nodesOf(artifacts).map((n) => n.name);

/** The model's outputs by TF.js's rule without a signature: the nodes nothing reads, in node order. */
function unreadNodes(artifacts: io.ModelArtifacts): string[] {
  const read = new Set(nodesOf(artifacts).flatMap((n) => (n.input ?? []).map((input) => input.replace(/^\^/, '').replace(/:\d+$/, ''))));
  return namesOf(artifacts).filter((name) => !read.has(name));
}

/** Every weight as TF.js decodes it (io.decodeWeights, the decoder tf.loadGraphModel uses), by name. */
async function decoded(artifacts: io.ModelArtifacts): Promise<Record<string, number[]>> {
  const tensors = io.decodeWeights(artifacts.weightData as ArrayBuffer | ArrayBuffer[], artifacts.weightSpecs ?? []);
  const out: Record<string, number[]> = {};
  for (const [name, tensor] of Object.entries(tensors) as Array<[string, Tensor]>) out[name] = Array.from(await tensor.data());
  return out;
}

/** x → conv → Mish (log-add) → conv → Mish (`second`), every float weight stored as `storage`, the scalar 1 too. */
function twoConvolutions(storage: WeightStorage, options: { signature?: boolean; shards?: number } = {}, second: MishForm = 'log-add'): io.ModelArtifacts {
  const g = new GraphBuilder(storage);
  const x = g.input('x', [1, 6, 6, 4]);
  const weights = (name: string, shape: [number, number, number, number], seed: number) => {
    const values = normals(
      shape.reduce((a, b) => a * b, 1),
      seed,
      0.4,
    );
    return g.constant(`${name}/filter`, values, shape, storage);
  };
  const conv = (name: string, input: string, shape: [number, number, number, number], seed: number) => {
    const filter = weights(name, shape, seed);
    const bias = g.constant(`${name}/bias`, normals(shape[3], seed + 1, 0.2), [shape[3]], storage);
    return g.op(name, '_FusedConv2D', [input, filter, bias], {
      strides: { list: { i: ['1', '1', '1', '1'] } },
      padding: { s: btoa('SAME') },
      data_format: { s: btoa('NHWC') },
      fused_ops: { list: { s: [btoa('BiasAdd')] } },
      num_args: { i: '1' },
    });
  };
  const m1 = g.mish('m1', conv('c1', x, [3, 3, 4, 8], 11), 'log-add');
  const m2 = g.mish('m2', conv('c2', m1, [1, 1, 8, 8], 13), second, true);
  return g.artifacts([x], [m2], options);
}

describe('the rewrite leaves nothing behind', () => {
  for (const signature of [true, false]) {
    it(`the two-convolution stack (${signature ? 'with' : 'without'} a signature): the same outputs, the constant 1 and its weight gone`, () => {
      const artifacts = twoConvolutions('float32', { signature });
      const { artifacts: out, fused, convolutions, removed } = fuseMishInGraph(artifacts);
      expect({ fused, convolutions }).toEqual({ fused: 2, convolutions: 2 });
      expect(removed).toEqual({ nodes: 1, weightBytes: 4 });
      expect(unreadNodes(out), "outputs by TF.js's rule").toEqual(signature ? ['m2'] : unreadNodes(artifacts));
      expect(unreadNodes(artifacts)).toEqual(['m2']);
      expect(namesOf(out)).toEqual(['x', 'c1/filter', 'c1/bias', 'm1', 'c2/filter', 'c2/bias', 'm2']);
      expect(out.weightSpecs?.map((spec) => spec.name)).toEqual(['c1/filter', 'c1/bias', 'c2/filter', 'c2/bias']);
      expect(out.signature).toEqual(artifacts.signature);
    });
  }

  for (const storage of ['float32', 'uint8', 'uint16', 'float16'] as const) {
    for (const shards of [1, 2, 3, 7]) {
      it(`weights stored as ${storage} in ${shards} shard${shards > 1 ? 's' : ''}: TF.js decodes every weight left as before`, async () => {
        const artifacts = twoConvolutions(storage, { shards });
        const before = await decoded(artifacts);
        const { artifacts: out, fused, removed } = fuseMishInGraph(artifacts);
        // The scalar 1 decodes to exactly 1 in every storage (uint8's range is widened to include 0, then nudged): fused.
        expect(before['mish/one']).toEqual([1]);
        expect(fused).toBe(2);
        expect(removed.weightBytes).toBe({ float32: 4, uint8: 1, uint16: 2, float16: 2 }[storage]);
        const after = await decoded(out);
        const { 'mish/one': _, ...kept } = before;
        expect(after).toEqual(kept);
        // Shards stay shards of the input's size, the last one shorter (TF.js's CompositeArrayBuffer reads every shard
        // but the last at the first one's size); one buffer stays one buffer.
        expect(Array.isArray(out.weightData)).toBe(shards > 1);
        if (Array.isArray(out.weightData)) {
          const sizes = out.weightData.map((shard) => shard.byteLength);
          const size = (artifacts.weightData as ArrayBuffer[])[0]?.byteLength;
          expect(sizes.slice(0, -1).every((n) => n === size) && (sizes.at(-1) as number) <= (size as number), `shard sizes ${sizes}`).toBe(true);
        }
        expect(await decoded(artifacts), "the argument's weights are left as they are").toEqual(before);
      });
    }
  }

  it('with a weight stream (no weightData): the log-add form stays (its 1 is in the stream), the others fuse, the weights stay as they are, TF.js loads it streaming', async () => {
    await tf.setBackend('cpu');
    const { weightData, ...rest } = twoConvolutions('float16', { shards: 3 }, 'softplus');
    const shards = weightData as ArrayBuffer[];
    const streamed: io.ModelArtifacts = {
      ...rest,
      getWeightStream: () =>
        new ReadableStream<ArrayBuffer>({
          start: (c) => {
            for (const s of shards) c.enqueue(s.slice(0));
            c.close();
          },
        }),
    };
    const { artifacts: out, fused, convolutions, removed } = fuseMishInGraph(streamed);
    expect({ fused, convolutions, removed }).toEqual({ fused: 1, convolutions: 1, removed: { nodes: 0, weightBytes: 0 } });
    expect(out.weightSpecs).toEqual(rest.weightSpecs);
    expect(nodesOf(out).find((n) => n.name === 'm2')?.op).toBe('FusedConv2DMish');
    expect(nodesOf(out).find((n) => n.name === 'm1')?.op).toBe('Mul');
    const x = tf.tensor4d(normals(6 * 6 * 4, 5, 2), [1, 6, 6, 4]);
    const values = async (a: io.ModelArtifacts) => {
      const model = await tfconv.loadGraphModel(tf.io.fromMemory(a));
      return Array.from(await (model.execute(x) as Tensor).data());
    };
    expect(await values(out)).toEqual(await values(streamed));
  });

  it('removes what nothing reads, transitively, but never an input or an output; keeps a constant something else reads', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const unused = g.input('unused', [1, 4]);
    const y = g.mish('y', x, 'log-add');
    // A dead branch of the original (with a signature nothing asks for it) and a second reader of the constant 1.
    g.op('dead/sigmoid', 'Sigmoid', [g.op('dead/relu', 'Relu', [x])]);
    const z = g.op('z', 'AddV2', [y, 'mish/one']);
    const { artifacts, removed } = fuseMishInGraph(g.artifacts([x, unused], [z, y]));
    expect(namesOf(artifacts)).toEqual(['x', 'unused', 'mish/one', 'y', 'z']);
    expect(removed).toEqual({ nodes: 2, weightBytes: 0 });
    expect(artifacts.weightSpecs?.map((spec) => spec.name)).toEqual(['mish/one']);
  });

  it("keeps every Placeholder without a signature (TF.js's inputs then), and goes by userDefinedMetadata.signature where TF.js does", () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    g.input('spare', [1, 4]);
    const y = g.mish('y', x, 'softplus');
    const tail = g.op('tail', 'Relu', [y]);
    const bare = fuseMishInGraph(g.artifacts([x], [y], { signature: false }));
    expect(namesOf(bare.artifacts)).toEqual(['x', 'spare', 'y', 'tail']);
    // TF.js loads userDefinedMetadata.signature over the artifacts' own: its output y keeps tail out of the model.
    const artifacts = { ...g.artifacts([x], [tail]), userDefinedMetadata: { signature: g.artifacts([x], [y]).signature as object } };
    const withMetadata = fuseMishInGraph(artifacts);
    expect(namesOf(withMetadata.artifacts)).toEqual(['x', 'y']);
  });

  it('moves the control inputs of a fused chain to the Mish node', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const gate = g.op('gate', 'NoOp', []);
    g.mish('y', x, 'softplus');
    (g.nodes.find((n) => n.name === 'y/softplus') as GraphNode).input!.push('^gate');
    const { artifacts, fused } = fuseMishInGraph(g.artifacts([x], ['y']));
    expect(fused).toBe(1);
    expect(nodesOf(artifacts).find((n) => n.name === 'y')?.input).toEqual(['x', `^${gate}`]);
    expect(namesOf(artifacts)).toContain('gate');
  });

  it('does not fold a _FusedConv2D whose inputs are not what its fused_ops say (FusedConv2DMish takes the third as the bias)', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 6, 6, 4]);
    const c = g.conv('c', x, { values: normals(3 * 3 * 4 * 4, 3, 0.4), shape: [3, 3, 4, 4] }, normals(4, 4, 0.2));
    (g.nodes.find((n) => n.name === 'c') as GraphNode).attr!.fused_ops = { list: { s: [] } };
    expect(fuseMishInGraph(g.artifacts([x], [g.mish('y', c, 'softplus')]))).toMatchObject({ fused: 1, convolutions: 0 });
  });

  it('a model.json passed for its artifacts: a TypeError that says what to pass', () => {
    const { modelTopology, weightSpecs } = twoConvolutions('float32');
    const modelJson = { modelTopology, format: 'graph-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: weightSpecs }] };
    expect(() => fuseMishInGraph(modelJson as never)).toThrow(
      /^fuseMishInGraph: artifacts is a model\.json \(it has a weightsManifest, not the weights\): pass what an IOHandler's load\(\) returns/,
    );
  });
});
