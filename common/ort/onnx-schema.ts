/** ONNX's schema facts the bench's models use (onnx/onnx.proto), written once: versions, element types, a value's type. */
import { intField, type Message, messageField, stringField } from './protobuf.js';

/** ModelProto.ir_version: IR version 8. */
const IR_VERSION = 8;
/** The default domain's opset: 18, where Mish is an operator. */
const ONNX_OPSET = 18;
/** TensorProto.DataType.FLOAT. */
export const ONNX_FLOAT = 1;

/**
 * ValueInfoProto of a float tensor: name (1), type (2) = TypeProto { tensor_type (1) = { elem_type (1), shape (2)
 * { dim (1) { dim_value (1) | dim_param (2) } } } }; a string dimension is symbolic.
 */
export function floatValueInfo(name: string, dims: ReadonlyArray<number | string>): Message {
  const shape = dims.flatMap((d) => messageField(1, typeof d === 'number' ? intField(1, d) : stringField(2, d)));
  return [...stringField(1, name), ...messageField(2, messageField(1, [...intField(1, ONNX_FLOAT), ...messageField(2, shape)]))];
}

/** ModelProto: ir_version (1), producer_name (2), graph (7), opset_import (8) = OperatorSetIdProto { version (2) }. */
export function modelProto(graph: Message): Message {
  return [...intField(1, IR_VERSION), ...stringField(2, 'webgpu-mish bench'), ...messageField(7, graph), ...messageField(8, intField(2, ONNX_OPSET))];
}
