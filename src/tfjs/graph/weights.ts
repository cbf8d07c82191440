/**
 * A graph model's weights as tfjs-converter stores them: each weight's bytes one after another in the order of
 * `weightSpecs`, in its stored type (a quantized weight takes 1 or 2 bytes an element, a string weight a 4-byte
 * length before each string), cut into shards at any byte (tfjs-converter writes a file every 4 MB, and TF.js hands
 * the files over as an array of buffers). Here: where each weight lies, the value of a one-element constant as TF.js
 * decodes it, and the weights without those of constants a rewrite removed.
 */
import type { io } from '@tensorflow/tfjs-core';

type Spec = io.WeightsManifestEntry;
type WeightData = NonNullable<io.ModelArtifacts['weightData']>;

/** Bytes per element as stored: a quantized weight's quantized type, else its own; null for strings (their bytes say). */
const STORED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2, float32: 4, int32: 4, bool: 1, complex64: 8 };

/** A string weight stores each string's length in this many bytes before it (TF.js's NUM_BYTES_STRING_LENGTH). */
const STRING_LENGTH_BYTES = 4;

function elementsOf(spec: Spec): number {
  return spec.shape.reduce((product, extent) => product * extent, 1);
}

function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The shards as one run of bytes. */
class ShardedBytes {
  readonly shards: Uint8Array[];
  /** Where each shard begins in the run. */
  readonly starts: number[] = [];
  readonly byteLength: number;

  constructor(data: WeightData) {
    this.shards = (Array.isArray(data) ? data : [data]).map(bytesOf);
    let start = 0;
    for (const shard of this.shards) {
      this.starts.push(start);
      start += shard.byteLength;
    }
    this.byteLength = start;
  }

  /** Bytes [start, end) of the run, as views of the shards they lie in (end clamped to the run's length). */
  pieces(start: number, end: number): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    this.shards.forEach((shard, k) => {
      const shardStart = this.starts[k] as number;
      const from = Math.max(start, shardStart);
      const to = Math.min(end, shardStart + shard.byteLength);
      if (from < to) pieces.push(shard.subarray(from - shardStart, to - shardStart));
    });
    return pieces;
  }

  /** A copy of bytes [start, end) of the run (end clamped to its length). */
  read(start: number, end: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, Math.min(end, this.byteLength) - start));
    let at = 0;
    for (const piece of this.pieces(start, end)) {
      out.set(piece, at);
      at += piece.byteLength;
    }
    return out;
  }
}

/** Where one weight's bytes lie in the run. */
interface Slot {
  readonly spec: Spec;
  readonly offset: number;
  readonly bytes: number;
}

/** An IEEE half's bits as a number (TF.js's float16 dequantization is exact). */
function halfToNumber(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return exponent === 0 ? sign * fraction * 2 ** -24 : sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The weights of a graph model: where each lies, the value of a scalar, and the weights without some of them. */
export class ModelWeights {
  private readonly bytes: ShardedBytes | null;
  /** Each weight's place, by name; null past a string weight whose bytes are not at hand (no offset is known there). */
  private readonly slots = new Map<string, Slot | null>();
  /** Whether every weight's place is known (so that weights can be cut out). */
  private readonly complete: boolean;

  constructor(
    private readonly specs: readonly Spec[],
    private readonly data: io.ModelArtifacts['weightData'],
  ) {
    this.bytes = data === undefined ? null : new ShardedBytes(data);
    let offset: number | null = 0;
    for (const spec of specs) {
      const bytes: number | null = offset === null ? null : this.storedBytes(spec, offset);
      this.slots.set(spec.name, offset === null || bytes === null ? null : { spec, offset, bytes });
      offset = offset === null || bytes === null ? null : offset + bytes;
    }
    this.complete = offset !== null && this.bytes !== null && offset <= this.bytes.byteLength;
  }

  /** The bytes `spec` takes at `offset`, or null where that needs the data and there is none. */
  private storedBytes(spec: Spec, offset: number): number | null {
    const perElement = STORED_BYTES[spec.quantization?.dtype ?? spec.dtype];
    if (perElement !== undefined) return elementsOf(spec) * perElement;
    if (spec.dtype !== 'string' || this.bytes === null) return null;
    let bytes = 0;
    for (let k = 0; k < elementsOf(spec); k++) {
      const length = this.bytes.read(offset + bytes, offset + bytes + STRING_LENGTH_BYTES);
      if (length.byteLength < STRING_LENGTH_BYTES) return null;
      bytes += STRING_LENGTH_BYTES + new DataView(length.buffer).getUint32(0, true);
    }
    return bytes;
  }

  /** The value TF.js gives a one-element float32 weight (dequantized as TF.js does), or null. */
  scalar(name: string): number | null {
    const slot = this.slots.get(name);
    if (slot == null || this.bytes === null || slot.spec.dtype !== 'float32' || elementsOf(slot.spec) !== 1) return null;
    const raw = this.bytes.read(slot.offset, slot.offset + slot.bytes);
    if (raw.byteLength !== slot.bytes) return null;
    const view = new DataView(raw.buffer);
    const quantization = slot.spec.quantization;
    switch (quantization?.dtype) {
      case undefined:
        return view.getFloat32(0, true);
      case 'float16':
        return halfToNumber(view.getUint16(0, true));
      case 'uint8':
      case 'uint16': {
        if (quantization.scale === undefined || quantization.min === undefined) return null;
        const stored = quantization.dtype === 'uint8' ? view.getUint8(0) : view.getUint16(0, true);
        return Math.fround(stored * quantization.scale + quantization.min);
      }
      default:
        return null;
    }
  }

  /**
   * The specs and data without the weights named in `removed`. Shards stay shards of the input's shard size, the last
   * one shorter, as tensorflowjs_converter writes them: TF.js's CompositeArrayBuffer takes the first shard's size for
   * every shard but the last (a longer last shard would be read wrong). Where the weights cannot be cut — no data at
   * hand (a weight stream, which TF.js reads in the specs' order), or a place unknown — they are returned as they are.
   */
  without(removed: ReadonlySet<string>): { weightSpecs: Spec[]; weightData: io.ModelArtifacts['weightData']; bytesRemoved: number } {
    const dropped = this.specs.filter((spec) => removed.has(spec.name));
    if (dropped.length === 0 || !this.complete || this.bytes === null) {
      return { weightSpecs: [...this.specs], weightData: this.data, bytesRemoved: 0 };
    }
    const bytes = this.bytes;
    const cuts = dropped.map((spec) => this.slots.get(spec.name) as Slot).sort((a, b) => a.offset - b.offset);
    // Kept byte ranges of the run: the gaps between the cut slots, and whatever follows the last weight.
    const kept: Array<[number, number]> = [];
    let from = 0;
    for (const cut of cuts) {
      if (cut.offset > from) kept.push([from, cut.offset]);
      from = Math.max(from, cut.offset + cut.bytes);
    }
    if (from < bytes.byteLength) kept.push([from, bytes.byteLength]);
    const total = kept.reduce((sum, [a, b]) => sum + b - a, 0);
    const shardSize = Array.isArray(this.data) ? Math.max(1, ...bytes.shards.map((shard) => shard.byteLength)) : Math.max(1, total);
    const shards = Array.from({ length: Math.ceil(total / shardSize) }, (_, k) => new Uint8Array(Math.min(shardSize, total - k * shardSize)));
    let at = 0;
    for (const [a, b] of kept) {
      for (const piece of bytes.pieces(a, b)) {
        for (let offset = 0; offset < piece.byteLength; ) {
          const shard = shards[Math.floor(at / shardSize)] as Uint8Array;
          const within = at % shardSize;
          const n = Math.min(piece.byteLength - offset, shardSize - within);
          shard.set(piece.subarray(offset, offset + n), within);
          offset += n;
          at += n;
        }
      }
    }
    const buffers = shards.map((shard) => shard.buffer as ArrayBuffer);
    const weightData = Array.isArray(this.data) ? buffers : (buffers[0] ?? new ArrayBuffer(0));
    const bytesRemoved = bytes.byteLength - total;
    return { weightSpecs: this.specs.filter((spec) => !removed.has(spec.name)), weightData, bytesRemoved };
  }
}
