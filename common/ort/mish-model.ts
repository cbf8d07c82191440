/**
 * The bytes of a one-node ONNX model, y = Mish(x) on a float tensor of one dynamic dimension, written from ONNX's
 * protobuf schema (onnx/onnx.proto: ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto) with no
 * protobuf library: the few fields a model needs, each a varint or a length-delimited field. Opset 18 (Mish is in
 * the default domain since opset 18), IR version 8.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** ONNX TensorProto.DataType.FLOAT. */
const ONNX_FLOAT = 1;
const IR_VERSION = 8;
export const MISH_OPSET = 18;

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

function key(field: number, wireType: number): number[] {
  return varint((field << 3) | wireType);
}

function intField(field: number, value: number): number[] {
  return [...key(field, VARINT), ...varint(value)];
}

function bytesField(field: number, body: readonly number[]): number[] {
  return [...key(field, LENGTH_DELIMITED), ...varint(body.length), ...body];
}

function stringField(field: number, text: string): number[] {
  return bytesField(field, [...new TextEncoder().encode(text)]);
}

/** ValueInfoProto: name (1), type (2) = TypeProto { tensor_type (1) = { elem_type (1), shape (2) { dim (1) { dim_param (2) } } } }. */
function floatVector(name: string, dimension: string): number[] {
  const shape = bytesField(1, stringField(2, dimension));
  const tensorType = [...intField(1, ONNX_FLOAT), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** The model: graph input `x` and output `y`, both float[n], one Mish node. */
export function mishModel(): Uint8Array<ArrayBuffer> {
  // NodeProto: input (1), output (2), name (3), op_type (4).
  const node = [...stringField(1, 'x'), ...stringField(2, 'y'), ...stringField(3, 'mish'), ...stringField(4, 'Mish')];
  // GraphProto: node (1), name (2), input (11), output (12).
  const graph = [...bytesField(1, node), ...stringField(2, 'mish'), ...bytesField(11, floatVector('x', 'n')), ...bytesField(12, floatVector('y', 'n'))];
  // ModelProto: ir_version (1), producer_name (2), graph (7), opset_import (8) = OperatorSetIdProto { version (2) }.
  const model = [...intField(1, IR_VERSION), ...stringField(2, 'webgpu-mish bench'), ...bytesField(7, graph), ...bytesField(8, intField(2, MISH_OPSET))];
  return new Uint8Array(model);
}
