/**
 * Runs in the page: the one builder of a case's buffers, for every element format (f32, f16, bf16). Elements are
 * handled as bit patterns (Uint32Array for f32, Uint16Array for the 16-bit formats), so that NaN payloads and
 * signed zeros survive. Around every range lie canaries, bits no kernel writes; the output range starts out as
 * "poison", other bits no kernel writes, so that an unwritten element is caught too.
 */
import type { Pass } from '../../src/index.js';
import { readBuffer } from '../../common/read-buffer.js';
import { upload } from './device.js';

export type Format = 'f32' | 'f16' | 'bf16';

/** Canary and poison bits of each format: NaN patterns that no kernel produces. */
const MARKS: Record<Format, { canary: number; poison: number }> = {
  f32: { canary: 0x7fc0c0de, poison: 0x7fbadbad },
  f16: { canary: 0x7c01, poison: 0x7c02 },
  bf16: { canary: 0x7f81, poison: 0x7f82 },
};

export function canaryOf(format: Format): number {
  return MARKS[format].canary;
}

/** Where one case's operands lie, in elements. */
export interface Layout {
  pass: Pass;
  length: number;
  xOffset?: number;
  dyOffset?: number;
  outOffset?: number;
  /** In place: the output is the x buffer ('x') or, for backward, the dy buffer ('dy'), at the same offset. */
  inPlace?: 'x' | 'dy';
  /** Canary elements after each range (default 5); 0 makes x end with its range (a call without `length`). */
  tail?: number;
}

export interface CaseBuffers {
  readonly x: GPUBuffer;
  readonly dy: GPUBuffer | undefined;
  readonly out: GPUBuffer;
  readonly xOffset: number;
  readonly dyOffset: number;
  readonly outOffset: number;
  /** The output buffer's whole contents, as bits. */
  readOut(): Promise<Uint32Array | Uint16Array>;
  destroy(): void;
}

type Bits = Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;

function hostArray(format: Format, elements: number): Bits {
  // Whole 4-byte words: 16-bit arrays get an even length.
  return format === 'f32' ? new Uint32Array(elements) : new Uint16Array(elements + (elements % 2));
}

/** `values` (one period) repeated over `count` elements from `offset`. */
function fillRange(target: Bits, offset: number, values: ArrayLike<number>, count: number): void {
  for (let i = 0; i < count; i++) target[offset + i] = values[i % values.length] as number;
}

/**
 * The buffers of one case: x and dy hold `xBits` and `dyBits` (one period, repeated to `length`) at their offsets,
 * canaries elsewhere; the output is x or dy in place, or a buffer of its own with poison in its range.
 */
export function buildCase(gpu: GPUDevice, format: Format, layout: Layout, xBits: ArrayLike<number>, dyBits?: ArrayLike<number>): CaseBuffers {
  const { pass, length } = layout;
  const tail = layout.tail ?? 5;
  const xOffset = layout.xOffset ?? 0;
  const dyOffset = layout.inPlace === 'dy' ? (layout.outOffset ?? layout.dyOffset ?? 0) : (layout.dyOffset ?? 0);
  const outOffset = layout.inPlace === 'x' ? xOffset : layout.inPlace === 'dy' ? dyOffset : (layout.outOffset ?? 0);
  const { canary, poison } = MARKS[format];
  const make = (label: string, offset: number, values: ArrayLike<number> | null, fill: number, elementsAfter: number): GPUBuffer => {
    const host = hostArray(format, offset + length + elementsAfter).fill(canary);
    if (values === null) host.fill(fill, offset, offset + length);
    else fillRange(host, offset, values, length);
    return upload(gpu, label, host);
  };
  const created: GPUBuffer[] = [];
  const x = make(`test x ${format}`, xOffset, xBits, canary, tail);
  created.push(x);
  let dy: GPUBuffer | undefined;
  if (pass === 'backward') {
    dy = make(`test dy ${format}`, dyOffset, dyBits ?? xBits, canary, tail);
    created.push(dy);
  }
  let out: GPUBuffer;
  if (layout.inPlace === 'x') out = x;
  else if (layout.inPlace === 'dy' && dy !== undefined) out = dy;
  else {
    out = make(`test out ${format}`, outOffset, null, poison, 5);
    created.push(out);
  }
  return {
    x,
    dy,
    out,
    xOffset,
    dyOffset,
    outOffset,
    async readOut() {
      const values = await readBuffer(gpu, out, 'webgpu-mish test readback');
      return format === 'f32' ? new Uint32Array(values.buffer) : new Uint16Array(values.buffer);
    },
    destroy() {
      for (const buffer of created) buffer.destroy();
    },
  };
}
