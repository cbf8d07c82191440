// The graph rewrites of webgpu-mish/tfjs on graphs as tfjs-converter writes them (common/models/graph-builder.ts):
// each Mish form, positive and negative, and the convolution epilogue fusion. Pure JSON: no TF.js, no GPU.
import { describe, expect, it } from 'vitest';
import { cspDarknet53 } from '../../common/models/cspdarknet53.js';
import { GraphBuilder, type MishForm } from '../../common/models/graph-builder.js';
import { fuseMishInGraph, withFusedMish } from '../../src/tfjs.js';
import type { GraphNode } from '../../src/tfjs.js';

const nodesOf = (artifacts: { modelTopology?: unknown }): GraphNode[] => (artifacts.modelTopology as { node: GraphNode[] }).node;
const opsOf = (artifacts: { modelTopology?: unknown }): string[] => nodesOf(artifacts).map((n) => n.op);

/** x → Mish (in `form`) → y; the Mish's output is the model's output. */
function single(form: MishForm, commuted = false) {
  const g = new GraphBuilder();
  const x = g.input('x', [1, 4]);
  const y = g.mish('y', x, form, commuted);
  return g.artifacts([x], [y]);
}

describe('fuseMishInGraph: the Mish forms', () => {
  for (const form of ['softplus', 'log1p', 'log-add', 'addons'] as const) {
    for (const commuted of form === 'addons' ? [false] : [false, true]) {
      it(`${form}${commuted ? ', operands commuted' : ''}: one Mish node with the Mul's name, reading x`, () => {
        const artifacts = single(form, commuted);
        const before = structuredClone(artifacts.modelTopology);
        const { artifacts: out, fused, removed } = fuseMishInGraph(artifacts);
        expect(fused).toBe(1);
        const mish = nodesOf(out).find((n) => n.name === 'y');
        expect(mish).toMatchObject({ op: 'Mish', input: ['x'] });
        expect(opsOf(out).filter((op) => ['Softplus', 'Tanh', 'Log1p', 'Exp', 'Log', 'AddV2', 'Mul', 'Addons>Mish'].includes(op))).toEqual([]);
        expect(artifacts.modelTopology, 'the argument is left unchanged').toEqual(before);
        expect(out.signature).toEqual(artifacts.signature);
        if (form === 'log-add') {
          // Its constant 1, read by nothing any more, goes, and its weight with it.
          expect(nodesOf(out).map((n) => n.name)).toEqual(['x', 'y']);
          expect(out.weightSpecs).toEqual([]);
          expect((out.weightData as ArrayBuffer).byteLength).toBe(0);
          expect(removed).toEqual({ nodes: 1, weightBytes: 4 });
          expect((artifacts.weightData as ArrayBuffer).byteLength, "the argument's weights are left as they are").toBe(4);
        } else {
          expect(out.weightData).toBe(artifacts.weightData);
          expect(removed).toEqual({ nodes: 0, weightBytes: 0 });
        }
      });
    }
  }

  it('leaves a Mish whose softplus something else reads as it is', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const y = g.mish('y', x, 'softplus');
    const z = g.op('z', 'Neg', ['y/softplus']);
    const { fused, artifacts } = fuseMishInGraph(g.artifacts([x], [y, z]));
    expect(fused).toBe(0);
    expect(opsOf(artifacts)).toContain('Softplus');
  });

  it('leaves a look-alike, x·tanh(softplus(y)) with y ≠ x', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const other = g.input('w', [1, 4]);
    const tanh = g.op('t', 'Tanh', [g.op('s', 'Softplus', [other])]);
    const y = g.op('y', 'Mul', [x, tanh]);
    expect(fuseMishInGraph(g.artifacts([x, other], [y])).fused).toBe(0);
  });

  it('leaves a chain whose intermediate is a model output, and keeps every output', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const y = g.mish('y', x, 'log1p');
    const { fused, artifacts } = fuseMishInGraph(g.artifacts([x], [y, 'y/tanh']));
    expect(fused).toBe(0);
    expect(nodesOf(artifacts).map((n) => n.name)).toEqual(expect.arrayContaining(['y', 'y/tanh']));
  });

  it('leaves Log(AddV2(Exp(x), c)) with c ≠ 1', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const two = g.constant('two', new Float32Array([2]), []);
    const log = g.op('l', 'Log', [g.op('a', 'AddV2', [g.op('e', 'Exp', [x]), two])]);
    const y = g.op('y', 'Mul', [x, g.op('t', 'Tanh', [log])]);
    expect(fuseMishInGraph(g.artifacts([x], [y])).fused).toBe(0);
  });

  it('fuses each of several Mish, in a chain', () => {
    const g = new GraphBuilder();
    let t = g.input('x', [1, 8, 8, 4]);
    const forms: MishForm[] = ['softplus', 'log1p', 'log-add', 'addons'];
    forms.forEach((form, k) => {
      t = g.mish(`m${k}`, t, form, k % 2 === 1);
    });
    const { fused, artifacts } = fuseMishInGraph(g.artifacts(['x'], [t]));
    expect(fused).toBe(4);
    expect(opsOf(artifacts)).toEqual(['Placeholder', 'Mish', 'Mish', 'Mish', 'Mish']);
  });
});

describe('fuseMishInGraph: Mish into the convolution before it', () => {
  const filter = { values: new Float32Array(3 * 3 * 4 * 8), shape: [3, 3, 4, 8] as [number, number, number, number] };
  const bias = new Float32Array(8);

  it("folds conv → Mish into one FusedConv2DMish with the Mish node's name, the convolution's inputs and the attributes of its geometry", () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8, 8, 4]);
    const y = g.mish('y', g.conv('c', x, filter, bias), 'softplus');
    const { fused, convolutions, artifacts } = fuseMishInGraph(g.artifacts([x], [y]));
    expect({ fused, convolutions }).toEqual({ fused: 1, convolutions: 1 });
    const node = nodesOf(artifacts).find((n) => n.name === 'y');
    expect(node).toMatchObject({ op: 'FusedConv2DMish', input: ['x', 'c/filter', 'c/bias'] });
    // What ops.ts reads, where it is not the default (tfjs-converter parses a custom op's attributes every run).
    expect(Object.keys(node?.attr ?? {}).sort()).toEqual(['mish_form', 'padding']);
    const h = new GraphBuilder();
    const x2 = h.input('x', [1, 8, 8, 4]);
    const strided = fuseMishInGraph(h.artifacts([x2], [h.mish('y', h.conv('c', x2, filter, bias, { strides: 2, padding: 'VALID' }), 'log1p')]));
    expect(nodesOf(strided.artifacts).find((n) => n.name === 'y')?.attr).toEqual({
      padding: { s: btoa('VALID') },
      strides: { list: { i: ['1', '2', '2', '1'] } },
      mish_form: { s: btoa('log1p') },
    });
    expect(opsOf(artifacts)).not.toContain('_FusedConv2D');
    // Only the Mish with `convolutions: false`.
    expect(fuseMishInGraph(g.artifacts([x], [y]), { convolutions: false })).toMatchObject({ fused: 1, convolutions: 0 });
  });

  it('leaves a convolution something else reads, or one with another activation fused', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8, 8, 4]);
    const c = g.conv('c', x, filter, bias);
    const y = g.mish('y', c, 'softplus');
    const z = g.op('z', 'AddV2', [y, c]);
    expect(fuseMishInGraph(g.artifacts([x], [z]))).toMatchObject({ fused: 1, convolutions: 0 });
    const h = new GraphBuilder();
    const x2 = h.input('x', [1, 8, 8, 4]);
    const relu = h.conv('c', x2, filter, bias);
    (h.nodes.find((n) => n.name === 'c') as GraphNode).attr!.fused_ops = { list: { s: [btoa('BiasAdd'), btoa('Relu')] } };
    expect(fuseMishInGraph(h.artifacts([x2], [h.mish('y', relu, 'softplus')]))).toMatchObject({ fused: 1, convolutions: 0 });
  });

  it('folds a Conv2D without bias; leaves an NCHW convolution (TF.js fuses activations in NHWC only)', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8, 8, 4]);
    const y = g.mish('y', g.conv('c', x, filter, null), 'log1p');
    const plain = fuseMishInGraph(g.artifacts([x], [y]));
    expect(plain).toMatchObject({ fused: 1, convolutions: 1 });
    expect(nodesOf(plain.artifacts).find((n) => n.name === 'y')).toMatchObject({ op: 'FusedConv2DMish', input: ['x', 'c/filter'] });
    const h = new GraphBuilder();
    const x2 = h.input('x', [1, 4, 8, 8]);
    const nchw = fuseMishInGraph(h.artifacts([x2], [h.mish('y', h.conv('c', x2, filter, bias, { dataFormat: 'NCHW' }), 'softplus')]));
    expect(nchw).toMatchObject({ fused: 1, convolutions: 0 });
    expect(opsOf(nchw.artifacts)).toEqual(expect.arrayContaining(['_FusedConv2D', 'Mish']));
  });
});

describe("fuseMishInGraph: a residual block's add into the convolution with Mish", () => {
  const filter = { values: new Float32Array(3 * 3 * 4 * 4), shape: [3, 3, 4, 4] as [number, number, number, number] };
  const bias = new Float32Array(4);
  /** x → conv → Mish → AddV2 with x (the shortcut first, or second). */
  function block(shortcutFirst: boolean, withBias = true) {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8, 8, 4]);
    const m = g.mish('m', g.conv('c', x, filter, withBias ? bias : null), 'softplus');
    const y = g.op('y', 'AddV2', shortcutFirst ? [x, m] : [m, x]);
    return { g, x, m, y };
  }

  for (const shortcutFirst of [false, true]) {
    it(`folds AddV2(${shortcutFirst ? 'shortcut, Mish(conv)' : 'Mish(conv), shortcut'}) into one FusedConv2DMishAdd with the add's name, the shortcut third`, () => {
      const { g, x, y } = block(shortcutFirst);
      const { artifacts, fused, convolutions, residualAdds } = fuseMishInGraph(g.artifacts([x], [y]));
      expect({ fused, convolutions, residualAdds }).toEqual({ fused: 1, convolutions: 1, residualAdds: 1 });
      expect(nodesOf(artifacts).find((n) => n.name === 'y')).toMatchObject({ op: 'FusedConv2DMishAdd', input: ['x', 'c/filter', 'x', 'c/bias'] });
      expect(opsOf(artifacts)).toEqual(['Placeholder', 'Const', 'Const', 'FusedConv2DMishAdd']);
    });
  }

  it('folds one without a bias (its inputs x, filter, shortcut), and none with residualAdds: false', () => {
    const { g, x, y } = block(false, false);
    expect(nodesOf(fuseMishInGraph(g.artifacts([x], [y])).artifacts).find((n) => n.name === 'y')?.input).toEqual(['x', 'c/filter', 'x']);
    expect(fuseMishInGraph(g.artifacts([x], [y]), { residualAdds: false })).toMatchObject({ convolutions: 1, residualAdds: 0 });
    expect(fuseMishInGraph(g.artifacts([x], [y]), { convolutions: false })).toMatchObject({ convolutions: 0, residualAdds: 0 });
  });

  it('leaves an add whose Mish something else reads too, one adding the Mish to itself, and one whose Mish is a model output', () => {
    const shared = block(false);
    shared.g.op('z', 'Relu', [shared.m]);
    expect(fuseMishInGraph(shared.g.artifacts([shared.x], [shared.y, 'z']))).toMatchObject({ convolutions: 1, residualAdds: 0 });
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8, 8, 4]);
    const m = g.mish('m', g.conv('c', x, filter, bias), 'softplus');
    expect(fuseMishInGraph(g.artifacts([x], [g.op('y', 'AddV2', [m, m])]))).toMatchObject({ convolutions: 1, residualAdds: 0 });
    const output = block(true);
    expect(fuseMishInGraph(output.g.artifacts([output.x], [output.y, 'm']))).toMatchObject({ convolutions: 1, residualAdds: 0 });
  });
});

describe('fuseMishInGraph on CSPDarknet53 (the bench model, thinned)', () => {
  it('fuses all 72 Mish and folds each into its convolution, and the 23 residual adds into theirs, leaving the concatenations', () => {
    const net = cspDarknet53(32, 'softplus', { widthDivisor: 16 });
    expect({ convolutions: net.convolutions, adds: net.residualAdds, concatenations: net.concatenations }).toEqual({
      convolutions: 72,
      adds: 23,
      concatenations: 5,
    });
    const mishOps = fuseMishInGraph(net.artifacts, { convolutions: false });
    expect({ fused: mishOps.fused, convolutions: mishOps.convolutions }).toEqual({ fused: 72, convolutions: 0 });
    const epilogue = fuseMishInGraph(net.artifacts, { residualAdds: false });
    expect({ fused: epilogue.fused, convolutions: epilogue.convolutions, residualAdds: epilogue.residualAdds }).toEqual({
      fused: 72,
      convolutions: 72,
      residualAdds: 0,
    });
    const count = (artifacts: { modelTopology?: unknown }, op: string) => opsOf(artifacts).filter((o) => o === op).length;
    const ops = (artifacts: { modelTopology?: unknown }) =>
      ['FusedConv2DMish', 'FusedConv2DMishAdd', '_FusedConv2D', 'AddV2', 'ConcatV2', 'Softplus'].map((op) => count(artifacts, op));
    expect(ops(epilogue.artifacts)).toEqual([72, 0, 0, 23, 5, 0]);
    // By default every residual block's add joins its last convolution too.
    const residual = fuseMishInGraph(net.artifacts);
    expect({ fused: residual.fused, convolutions: residual.convolutions, residualAdds: residual.residualAdds }).toEqual({
      fused: 72,
      convolutions: 72,
      residualAdds: 23,
    });
    expect(ops(residual.artifacts)).toEqual([49, 23, 0, 0, 5, 0]);
    expect(residual.artifacts.signature).toEqual(net.artifacts.signature);
  });
});

describe('bad input', () => {
  it('fuseMishInGraph names what it needs', () => {
    expect(() => fuseMishInGraph(null as never)).toThrow(/^fuseMishInGraph: artifacts must be a graph model's tf\.io\.ModelArtifacts \(got null\)/);
    expect(() => fuseMishInGraph({ modelTopology: { class_name: 'Sequential', config: {} } })).toThrow(
      /this is a layers model \(modelTopology.class_name\): load it with tf.loadLayersModel after registerMish\(\)/,
    );
    expect(() => fuseMishInGraph({} as never)).toThrow(TypeError);
  });

  it('options: a misspelt key or a value of the wrong kind names the fix', () => {
    const artifacts = single('softplus');
    expect(() => fuseMishInGraph(artifacts, { convolution: false } as never)).toThrow(
      /^fuseMishInGraph: no option 'convolution' in options; did you mean 'convolutions'\?/,
    );
    expect(() => fuseMishInGraph(artifacts, { convolutions: 'no' } as never)).toThrow(
      /^fuseMishInGraph: options\.convolutions must be true or false \(got "no"\)$/,
    );
    expect(() => fuseMishInGraph(artifacts, { residualAdds: 1 } as never)).toThrow(/^fuseMishInGraph: options\.residualAdds must be true or false \(got 1\)$/);
    expect(() => withFusedMish({ load: async () => artifacts }, null as never)).toThrow(/^withFusedMish: options must be an object \(got null\)/);
  });

  it('withFusedMish needs an IOHandler with load()', () => {
    expect(() => withFusedMish('model.json' as never)).toThrow(
      /handler must be a tf\.io\.IOHandler with a load\(\) method \(got "model\.json"\); for a URL pass tf\.io\.browserHTTPRequest\("model\.json"\)/,
    );
    expect(() => withFusedMish({ save: async () => ({}) } as never)).toThrow(
      /withFusedMish: handler must be a tf\.io\.IOHandler with a load\(\) method \(got Object\)/,
    );
  });
});
