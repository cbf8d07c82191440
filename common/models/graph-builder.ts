/**
 * Graph models as tfjs-converter writes them (a GraphDef in JSON, constants in the weights), built in memory: for the
 * tests of the graph rewrites, the CSPDarknet53 bench and the demo. Nodes carry the attributes tfjs-converter reads;
 * weights are float32 (int32 for shapes and axes), or quantized as `tensorflowjs_converter --quantize_uint8` /
 * `--quantize_float16` stores them, laid out in the order they are added, in one buffer or cut into shards.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { GraphNode, MishForm } from '../../src/tfjs.js';
import { encodeHalf, roundToHalf } from '../half.js';

const FLOAT = { type: 'DT_FLOAT' };
const INT = { type: 'DT_INT32' };

function base64(text: string): string {
  return btoa(text);
}

export type { MishForm };

/** How a float32 constant is stored: as is, or quantized as tensorflowjs_converter's options do. */
export type WeightStorage = 'float32' | 'uint8' | 'uint16' | 'float16';

/**
 * `values` as tensorflowjs_converter quantizes them: float16 rounded to nearest even; uint8/uint16 affine, over a
 * range widened to include 0 whose minimum is nudged so that 0 is exact (tensorflowjs/quantization.py).
 */
function quantize(
  values: Float32Array,
  storage: Exclude<WeightStorage, 'float32'>,
): { bytes: Uint8Array; quantization: NonNullable<io.WeightsManifestEntry['quantization']> } {
  if (storage === 'float16') {
    const halves = Uint16Array.from(values, (v) => encodeHalf('f16', roundToHalf('f16', v)));
    return { bytes: new Uint8Array(halves.buffer), quantization: { dtype: 'float16' } };
  }
  const top = storage === 'uint8' ? 255 : 65535;
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const scale = high > low ? (high - low) / top : 1;
  const min = -Math.round(-low / scale) * scale;
  const stored = Array.from(values, (v) => Math.min(top, Math.max(0, Math.round((v - min) / scale))));
  const bytes = storage === 'uint8' ? Uint8Array.from(stored) : new Uint8Array(Uint16Array.from(stored).buffer);
  return { bytes, quantization: { dtype: storage, scale, min } };
}

/** Options of GraphBuilder.artifacts. */
export interface ArtifactOptions {
  /** Write a signature naming the inputs and outputs (default true); without, TF.js takes the unread nodes as outputs. */
  signature?: boolean;
  /** Cut the weights into (at most) this many shards of one size, at any byte, as an array of buffers (default 1: one ArrayBuffer). */
  shards?: number;
}

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  private readonly specs: io.WeightsManifestEntry[] = [];
  private readonly chunks: Uint8Array[] = [];
  private one: string | null = null;

  /** `oneStorage`: how the scalar 1 of the log-add form is stored (a quantized model quantizes it too). */
  constructor(private readonly oneStorage: WeightStorage = 'float32') {}

  /** A float32 input of `shape` (-1 for a free dimension). */
  input(name: string, shape: number[]): string {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } } });
    return name;
  }

  /** A constant, stored in the weights (a float32 one quantized where `storage` says). */
  constant(name: string, values: Float32Array | Int32Array, shape: number[], storage: WeightStorage = 'float32'): string {
    const int = values instanceof Int32Array;
    this.nodes.push({
      name,
      op: 'Const',
      attr: {
        dtype: int ? INT : FLOAT,
        value: { tensor: { dtype: int ? 'DT_INT32' : 'DT_FLOAT', tensorShape: { dim: shape.map((size) => ({ size: String(size) })) } } },
      },
    });
    if (int || storage === 'float32') {
      this.specs.push({ name, shape, dtype: int ? 'int32' : 'float32' });
      this.chunks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    } else {
      const { bytes, quantization } = quantize(values, storage);
      this.specs.push({ name, shape, dtype: 'float32', quantization });
      this.chunks.push(bytes);
    }
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
    this.one ??= this.constant('mish/one', new Float32Array([1]), [], this.oneStorage);
    return this.one;
  }

  /**
   * softplus(x) as a converted model writes it in a composite form (`Softplus`; `Log1p(Exp)`; `Log(AddV2(Exp, c))`,
   * c the shared scalar 1 unless given, on the right or, commuted, the left); returns the last node's name.
   */
  softplus(name: string, x: string, form: Exclude<MishForm, 'addons'>, commuted = false, constant?: string): string {
    if (form === 'softplus') return this.op(`${name}/softplus`, 'Softplus', [x]);
    if (form === 'log1p') return this.op(`${name}/log1p`, 'Log1p', [this.op(`${name}/exp`, 'Exp', [x])]);
    const exp = this.op(`${name}/exp`, 'Exp', [x]);
    const c = constant ?? this.scalarOne();
    return this.op(`${name}/log`, 'Log', [this.op(`${name}/add`, 'AddV2', commuted ? [c, exp] : [exp, c])]);
  }

  /** Mish of `x` in one of the forms a converted model carries; returns the output's name (the Mul, or the op). */
  mish(name: string, x: string, form: MishForm, commuted = false): string {
    if (form === 'addons') return this.op(name, 'Addons>Mish', [x]);
    const tanh = this.op(`${name}/tanh`, 'Tanh', [this.softplus(name, x, form, commuted)]);
    return this.op(name, 'Mul', commuted ? [tanh, x] : [x, tanh]);
  }

  /** Channel concatenation (NHWC, axis 3). */
  concat(name: string, inputs: string[]): string {
    const axis = this.constant(`${name}/axis`, new Int32Array([3]), []);
    return this.op(name, 'ConcatV2', [...inputs, axis], { N: { i: String(inputs.length) }, Tidx: INT });
  }

  /** The artifacts tf.io.fromMemory takes, with a signature naming `inputs` and `outputs` (unless `signature: false`). */
  artifacts(inputs: string[], outputs: string[], options: ArtifactOptions = {}): io.ModelArtifacts {
    const bytes = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const data = new Uint8Array(bytes);
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    // As tensorflowjs_converter cuts them: every shard of one size, the last one shorter.
    const shards = options.shards ?? 1;
    const size = Math.max(1, Math.ceil(bytes / shards));
    const weightData = shards === 1 ? data.buffer : Array.from({ length: Math.ceil(bytes / size) }, (_, k) => data.slice(k * size, (k + 1) * size).buffer);
    const tensor = (name: string) => ({ name: `${name}:0`, dtype: 'DT_FLOAT' });
    return {
      format: 'graph-model',
      generatedBy: 'webgpu-mish GraphBuilder',
      convertedBy: 'webgpu-mish GraphBuilder (as tfjs-converter 4.22)',
      modelTopology: { node: structuredClone(this.nodes), library: {}, versions: { producer: 1395 } },
      weightSpecs: structuredClone(this.specs),
      weightData,
      ...(options.signature === false
        ? {}
        : {
            signature: {
              inputs: Object.fromEntries(inputs.map((name) => [name, tensor(name)])),
              outputs: Object.fromEntries(outputs.map((name) => [name, tensor(name)])),
            },
          }),
    };
  }
}
