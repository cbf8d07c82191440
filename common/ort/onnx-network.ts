/**
 * A network of common/models/network.ts as an ONNX model (opset 18, where Mish is in the default domain), for ONNX
 * Runtime Web: NCHW, filters transposed from TensorFlow's HWIO to ONNX's OIHW, TensorFlow's SAME padding written out
 * per side (the odd pixel at the bottom and right, as TensorFlow puts it), nearest ×2 upsampling as `Resize` with
 * TensorFlow's coordinate rule (asymmetric, floor). The same weights give the same outputs, up to each runtime's
 * rounding. Written with common/ort/protobuf.ts from ONNX's schema (onnx/onnx.proto).
 */
import { type Activation, type Filter, LEAKY_ALPHA, type NetTensor, type NetworkWriter, sameExtent } from '../models/network.js';
import { floatValueInfo, modelProto, ONNX_FLOAT } from './onnx-schema.js';
import { bytesField, floatField, intField, type Message, messageField, packedIntsField, serialize, stringField } from './protobuf.js';

/** AttributeProto.AttributeType. */
const ATTRIBUTE = { float: 1, int: 2, string: 3, ints: 7 } as const;

type Attribute = number | number[] | string | { float: number };

/** AttributeProto: name (1), f (2), i (3), s (4), ints (8), type (20). */
function attribute(name: string, value: Attribute): Message {
  const body = [...stringField(1, name)];
  if (typeof value === 'string') body.push(...bytesField(4, new TextEncoder().encode(value)), ...intField(20, ATTRIBUTE.string));
  else if (typeof value === 'number') body.push(...intField(3, value), ...intField(20, ATTRIBUTE.int));
  else if (Array.isArray(value)) body.push(...packedIntsField(8, value), ...intField(20, ATTRIBUTE.ints));
  else body.push(...floatField(2, value.float), ...intField(20, ATTRIBUTE.float));
  return body;
}

/** The TensorFlow-layout tensor's shape as NCHW. */
function nchw([n, h, w, c]: NetTensor['shape']): number[] {
  return [n, c, h, w];
}

/**
 * Values of a tensor whose NHWC shape is `shape`, from NHWC to NCHW (`to` 'NCHW') or from NCHW to NHWC (`to` 'NHWC'):
 * what crosses between a TF.js model and its ONNX twin.
 */
export function transposeLayout(values: Float32Array, shape: readonly number[], to: 'NCHW' | 'NHWC'): Float32Array {
  const [n, h, w, c] = shape as [number, number, number, number];
  const out = new Float32Array(values.length);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) {
          const nhwc = ((b * h + y) * w + x) * c + k;
          const nchw = ((b * c + k) * h + y) * w + x;
          if (to === 'NCHW') out[nchw] = values[nhwc] as number;
          else out[nhwc] = values[nchw] as number;
        }
  return out;
}

/** TensorFlow's SAME padding of one axis: [before, after], the odd one after. */
function samePads(extent: number, kernel: number, stride: number): [number, number] {
  const total = Math.max((sameExtent(extent, stride) - 1) * stride + kernel - extent, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

export class OnnxNetwork implements NetworkWriter {
  private readonly nodes: Message[] = [];
  private readonly initializers: Message[] = [];
  private readonly inputs: Message[] = [];
  private count = 0;

  private node(op: string, inputs: string[], output: string, attributes: Record<string, Attribute> = {}): string {
    // NodeProto: input (1), output (2), name (3), op_type (4), attribute (5).
    const body = [...inputs.flatMap((i) => stringField(1, i)), ...stringField(2, output), ...stringField(3, `${op}_${this.count++}`), ...stringField(4, op)];
    for (const [name, value] of Object.entries(attributes)) body.push(...messageField(5, attribute(name, value)));
    this.nodes.push(messageField(1, body));
    return output;
  }

  /** TensorProto: dims (1), data_type (2), name (8), raw_data (9) (little-endian). */
  private initializer(name: string, dims: readonly number[], type: number, bytes: Uint8Array): string {
    this.initializers.push(messageField(5, [...dims.flatMap((d) => intField(1, d)), ...intField(2, type), ...stringField(8, name), ...bytesField(9, bytes)]));
    return name;
  }

  input(name: string, shape: NetTensor['shape']): NetTensor {
    this.inputs.push(messageField(11, floatValueInfo(name, nchw(shape))));
    return { name, shape };
  }

  conv(name: string, x: NetTensor, filter: Filter, bias: Float32Array, stride: 1 | 2, activation: Activation): NetTensor {
    const [kh, kw, cin, cout] = filter.shape;
    // HWIO → OIHW.
    const weights = new Float32Array(filter.values.length);
    for (let h = 0; h < kh; h++)
      for (let w = 0; w < kw; w++)
        for (let i = 0; i < cin; i++)
          for (let o = 0; o < cout; o++) {
            weights[((o * cin + i) * kh + h) * kw + w] = filter.values[((h * kw + w) * cin + i) * cout + o] as number;
          }
    const w = this.initializer(`${name}/filter`, [cout, cin, kh, kw], ONNX_FLOAT, new Uint8Array(weights.buffer));
    const b = this.initializer(`${name}/bias`, [cout], ONNX_FLOAT, new Uint8Array(bias.buffer.slice(bias.byteOffset, bias.byteOffset + bias.byteLength)));
    const [, height, width] = x.shape;
    const [top, bottom] = samePads(height, kh, stride);
    const [left, right] = samePads(width, kw, stride);
    const shape: NetTensor['shape'] = [x.shape[0], sameExtent(height, stride), sameExtent(width, stride), cout];
    const conv = this.node('Conv', [x.name, w, b], activation === 'linear' ? name : `${name}/conv`, {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: [top, left, bottom, right],
    });
    if (activation === 'linear') return { name: conv, shape };
    if (activation === 'mish') return { name: this.node('Mish', [conv], name), shape };
    return { name: this.node('LeakyRelu', [conv], name, { alpha: { float: LEAKY_ALPHA } }), shape };
  }

  add(name: string, a: NetTensor, b: NetTensor): NetTensor {
    return { name: this.node('Add', [a.name, b.name], name), shape: a.shape };
  }

  concat(name: string, inputs: NetTensor[]): NetTensor {
    const [first] = inputs as [NetTensor];
    const channels = inputs.reduce((sum, t) => sum + t.shape[3], 0);
    return {
      name: this.node(
        'Concat',
        inputs.map((t) => t.name),
        name,
        { axis: 1 },
      ),
      shape: [first.shape[0], first.shape[1], first.shape[2], channels],
    };
  }

  maxPool(name: string, x: NetTensor, size: number): NetTensor {
    const [before, after] = samePads(x.shape[1], size, 1);
    return {
      name: this.node('MaxPool', [x.name], name, { kernel_shape: [size, size], strides: [1, 1], pads: [before, before, after, after] }),
      shape: x.shape,
    };
  }

  upsample(name: string, x: NetTensor): NetTensor {
    const scales = this.initializer(`${name}/scales`, [4], ONNX_FLOAT, new Uint8Array(new Float32Array([1, 1, 2, 2]).buffer));
    const [n, h, w, c] = x.shape;
    const attributes = { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' };
    return { name: this.node('Resize', [x.name, '', scales], name, attributes), shape: [n, 2 * h, 2 * w, c] };
  }

  /** The model's bytes, with `outputs` as its outputs (NCHW). */
  model(outputs: NetTensor[]): Uint8Array<ArrayBuffer> {
    // GraphProto: node (1), name (2), initializer (5), input (11), output (12).
    const graph: Message = [
      ...this.nodes.flat(),
      ...stringField(2, 'webgpu-mish bench'),
      ...this.initializers.flat(),
      ...this.inputs.flat(),
      ...outputs.flatMap((t) => messageField(12, floatValueInfo(t.name, nchw(t.shape)))),
    ];
    return serialize(modelProto(graph));
  }
}
