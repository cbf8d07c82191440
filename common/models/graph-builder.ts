/**
 * Graph models as tfjs-converter writes them (a GraphDef in JSON, constants in the weights), built in memory: for the
 * tests of the graph rewrites, the CSPDarknet53 bench and the demo. Nodes carry the attributes tfjs-converter reads;
 * weights are float32 (int32 for shapes and axes), laid out in the order they are added.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { GraphNode } from '../../src/tfjs/graph/graph.js';
import type { MishForm } from '../../src/tfjs/graph/mish-fusion.js';

const FLOAT = { type: 'DT_FLOAT' };
const INT = { type: 'DT_INT32' };

function base64(text: string): string {
  return btoa(text);
}

export type { MishForm };

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  private readonly specs: io.WeightsManifestEntry[] = [];
  private readonly chunks: Array<Float32Array | Int32Array> = [];
  private one: string | null = null;

  /** A float32 input of `shape` (-1 for a free dimension). */
  input(name: string, shape: number[]): string {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } } });
    return name;
  }

  /** A constant, stored in the weights. */
  constant(name: string, values: Float32Array | Int32Array, shape: number[]): string {
    const int = values instanceof Int32Array;
    this.nodes.push({ name, op: 'Const', attr: { dtype: int ? INT : FLOAT, value: { tensor: { dtype: int ? 'DT_INT32' : 'DT_FLOAT', tensorShape: { dim: shape.map((size) => ({ size: String(size) })) } } } } });
    this.specs.push({ name, shape, dtype: int ? 'int32' : 'float32' });
    this.chunks.push(values);
    return name;
  }

  /** A node of `op` reading `inputs`, with T = float32 and `attr`. */
  op(name: string, op: string, inputs: string[], attr: GraphNode['attr'] = {}): string {
    this.nodes.push({ name, op, input: inputs, attr: { T: FLOAT, ...attr } });
    return name;
  }

  /**
   * A convolution as the converter writes one: with a bias (its BatchNorm folded), _FusedConv2D with fused_ops
   * [BiasAdd]; with `bias` null, Conv2D.
   */
  conv(
    name: string,
    x: string,
    filter: { values: Float32Array; shape: [number, number, number, number] },
    bias: Float32Array | null,
    options: { strides?: number; padding?: 'SAME' | 'VALID'; dataFormat?: 'NHWC' | 'NCHW' } = {},
  ): string {
    const w = this.constant(`${name}/filter`, filter.values, filter.shape);
    const stride = String(options.strides ?? 1);
    const format = options.dataFormat ?? 'NHWC';
    const attr: GraphNode['attr'] = {
      strides: { list: { i: format === 'NHWC' ? ['1', stride, stride, '1'] : ['1', '1', stride, stride] } },
      padding: { s: base64(options.padding ?? 'SAME') },
      data_format: { s: base64(format) },
      dilations: { list: { i: ['1', '1', '1', '1'] } },
      explicit_paddings: { list: {} },
    };
    if (bias === null) return this.op(name, 'Conv2D', [x, w], attr);
    const b = this.constant(`${name}/bias`, bias, [bias.length]);
    return this.op(name, '_FusedConv2D', [x, w, b], { ...attr, fused_ops: { list: { s: [base64('BiasAdd')] } }, num_args: { i: '1' }, epsilon: { f: 0 } });
  }

  /** The scalar 1 of the log-add form, shared by every Mish that needs it. */
  private scalarOne(): string {
    this.one ??= this.constant('mish/one', new Float32Array([1]), []);
    return this.one;
  }

  /** Mish of `x` in one of the forms a converted model carries; returns the output's name (the Mul, or the op). */
  mish(name: string, x: string, form: MishForm, commuted = false): string {
    if (form === 'addons') return this.op(name, 'Addons>Mish', [x]);
    let softplus: string;
    if (form === 'softplus') softplus = this.op(`${name}/softplus`, 'Softplus', [x]);
    else if (form === 'log1p') softplus = this.op(`${name}/log1p`, 'Log1p', [this.op(`${name}/exp`, 'Exp', [x])]);
    else {
      const exp = this.op(`${name}/exp`, 'Exp', [x]);
      const add = this.op(`${name}/add`, 'AddV2', commuted ? [this.scalarOne(), exp] : [exp, this.scalarOne()]);
      softplus = this.op(`${name}/log`, 'Log', [add]);
    }
    const tanh = this.op(`${name}/tanh`, 'Tanh', [softplus]);
    return this.op(name, 'Mul', commuted ? [tanh, x] : [x, tanh]);
  }

  /** Channel concatenation (NHWC, axis 3). */
  concat(name: string, inputs: string[]): string {
    const axis = this.constant(`${name}/axis`, new Int32Array([3]), []);
    return this.op(name, 'ConcatV2', [...inputs, axis], { N: { i: String(inputs.length) }, Tidx: INT });
  }

  /** The artifacts tf.io.fromMemory takes, with a signature naming `inputs` and `outputs`. */
  artifacts(inputs: string[], outputs: string[]): io.ModelArtifacts {
    const bytes = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const data = new Uint8Array(bytes);
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), offset);
      offset += chunk.byteLength;
    }
    const tensor = (name: string) => ({ name: `${name}:0`, dtype: 'DT_FLOAT' });
    return {
      format: 'graph-model',
      generatedBy: 'webgpu-mish GraphBuilder',
      convertedBy: 'webgpu-mish GraphBuilder (as tfjs-converter 4.22)',
      modelTopology: { node: structuredClone(this.nodes), library: {}, versions: { producer: 1395 } },
      weightSpecs: [...this.specs],
      weightData: data.buffer,
      signature: {
        inputs: Object.fromEntries(inputs.map((name) => [name, tensor(name)])),
        outputs: Object.fromEntries(outputs.map((name) => [name, tensor(name)])),
      },
    };
  }
}
