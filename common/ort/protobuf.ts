/**
 * The protobuf wire format, as far as an ONNX model needs it (varints, length-delimited fields, packed floats), with
 * no protobuf library: a message is a list of byte chunks, so that a model's weights (hundreds of MB) are copied
 * once, into the model's bytes, and never through arrays of numbers.
 */

const VARINT = 0;
const FIXED32 = 5;
const LENGTH_DELIMITED = 2;

/** A message (or part of one): its chunks in order. */
export type Message = Uint8Array[];

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function key(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

function length(message: Message): number {
  return message.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

export function intField(field: number, value: number): Message {
  return [key(field, VARINT), varint(value)];
}

export function floatField(field: number, value: number): Message {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return [key(field, FIXED32), bytes];
}

/** A nested message (or bytes) in field `field`. */
export function messageField(field: number, body: Message): Message {
  return [key(field, LENGTH_DELIMITED), varint(length(body)), ...body];
}

export function stringField(field: number, text: string): Message {
  return messageField(field, [new TextEncoder().encode(text)]);
}

export function bytesField(field: number, bytes: Uint8Array): Message {
  return messageField(field, [bytes]);
}

/** Repeated int64 values, packed (proto3's default for repeated scalars). */
export function packedIntsField(field: number, values: readonly number[]): Message {
  return messageField(field, values.map(varint));
}

/** The message's bytes, in one buffer. */
export function serialize(message: Message): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length(message));
  let at = 0;
  for (const chunk of message) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
