/**
 * The bytes of a one-node ONNX model, y = Mish(x) on a float tensor of one dynamic dimension, written from ONNX's
 * protobuf schema (onnx-schema.ts, protobuf.ts).
 */
import { floatValueInfo, modelProto } from './onnx-schema.js';
import { messageField, serialize, stringField } from './protobuf.js';

/** The model: graph input `x` and output `y`, both float[n], one Mish node. */
export function mishModel(): Uint8Array<ArrayBuffer> {
  // NodeProto: input (1), output (2), name (3), op_type (4).
  const node = [...stringField(1, 'x'), ...stringField(2, 'y'), ...stringField(3, 'mish'), ...stringField(4, 'Mish')];
  // GraphProto: node (1), name (2), input (11), output (12).
  const graph = [
    ...messageField(1, node),
    ...stringField(2, 'mish'),
    ...messageField(11, floatValueInfo('x', ['n'])),
    ...messageField(12, floatValueInfo('y', ['n'])),
  ];
  return serialize(modelProto(graph));
}
